"""Every date element and year as the spec bounds them, read from a flat file as the FBI reads it.

For each element the year is made 1054 and 0080 (not 19xx/20xx), 1990 (before 1991), 2099 (the future)
and the day February 30 (not a date); each must get the number the element's own edit table in the
2019.1 specification gives it (Tables 3-5, 3-10, 3-14, 3-29, 3-58, 3-71).
"""

from __future__ import annotations

from datetime import date

import pytest

from validate_helpers import check, lines_of, write
from nibrs_samples import (
    arrest_incident, group_b_sample, simple_incident, vehicle_theft_incident, zero_report_sample,
)
from desktop.nibrs.rules import Context, validate

MARK = date(2025, 3, 20)  # the date under test, written as 20250320 and then replaced by the text to try
TRIES = {"1054": "10540516", "0080": "00800516", "1990": "19900516", "2099": "20990516", "02-30": "20250230"}


def _incident_date():
    inc = simple_incident()
    inc.incident_date = MARK
    return inc, "I"


def _clearance_date():
    inc = simple_incident()
    inc.cleared_exceptionally, inc.exceptional_clearance_date = "A", MARK
    return inc, "I"


def _date_recovered():
    inc = vehicle_theft_incident()
    inc.properties[1].items[0].date_recovered = MARK
    return inc, "I"


def _arrestee_date():
    inc = arrest_incident()
    inc.arrestees[0].arrest_date = MARK
    return inc, "I"


def _group_b_date():
    b = group_b_sample()
    b.arrest_date = MARK
    return b, "A"


# element -> (record, {try: the numbers that must be raised on the element}, numbers that must not be)
DATES = {
    "3 incident date": (_incident_date, {"1054": {"105", "172"}, "0080": {"105", "172"}, "1990": {"172"},
                                         "2099": {"105", "170"}, "02-30": {"105"}}, {"1990": {"105"}}),
    "5 exceptional clearance date": (_clearance_date, {"1054": {"105", "104"}, "0080": {"105", "104"},
                                                       "1990": {"104"}, "2099": {"105"}, "02-30": {"105"}},
                                     {"1990": {"105"}}),
    "17 date recovered": (_date_recovered, {t: {"305"} for t in TRIES}, {}),
    "42 arrest date (arrestee)": (_arrestee_date, {t: {"605"} for t in TRIES}, {}),
    "42 arrest date (Group B)": (_group_b_date, {t: {"705"} for t in TRIES}, {}),
}
ELEMENT = {"3 incident date": "3", "5 exceptional clearance date": "5", "17 date recovered": "17",
           "42 arrest date (arrestee)": "42", "42 arrest date (Group B)": "42"}


@pytest.mark.parametrize("tried", list(TRIES))
@pytest.mark.parametrize("name", list(DATES))
def test_each_date_element_gets_its_own_number(tmp_path, name, tried):
    make, expected, not_expected = DATES[name]
    report, action = make()
    lines = lines_of(report, action=action)
    text = MARK.strftime("%Y%m%d")
    assert sum(line.count(text) for line in lines) == 1, "the date under test must be the only one written so"
    lines = [line.replace(text, TRIES[tried]) for line in lines]
    findings, _ = check(write(tmp_path / "f.txt", lines))
    on_element = {f.error for f in findings if f.element == ELEMENT[name]}
    assert expected[tried] <= on_element, (name, tried, sorted((f.error, f.element, f.message) for f in findings))
    assert not (not_expected.get(tried, set()) & on_element), (name, tried)


@pytest.mark.parametrize("year, expected", [("1054", "101"), ("0080", "101"), ("1990", "101"), ("2099", "060")])
def test_the_year_of_submission_is_checked_on_the_field(tmp_path, year, expected):
    lines = [line[:8] + year + line[12:] for line in lines_of(simple_incident())]
    findings, _ = check(write(tmp_path / "f.txt", lines))
    on_field = {f.error for f in findings if f.element in ("submission_year", "submission_month")}
    assert expected in on_field, sorted((f.error, f.element, f.message) for f in findings)
    # a Group B arrest's header has its own level's number
    lines = [line[:8] + year + line[12:] for line in lines_of(group_b_sample(), action="A")]
    on_field = {f.error for f in check(write(tmp_path / "b.txt", lines))[0]
                if f.element in ("submission_year", "submission_month")}
    assert ("701" if expected == "101" else expected) in on_field


def test_a_year_of_submission_from_1991_on_is_accepted(tmp_path):
    lines = [line[:8] + "1991" + line[12:] for line in lines_of(simple_incident(), year=1991)]
    findings, _ = check(write(tmp_path / "f.txt", lines))
    assert not [f for f in findings if f.element == "submission_year"]


@pytest.mark.parametrize("year, expected", [("1054", {"001"}), ("0080", {"001"}), ("1990", {"001"}),
                                            ("2099", {"001", "094"}), ("20X5", {"091"})])
def test_the_zero_report_year(tmp_path, year, expected):
    zero = zero_report_sample()
    zero.year, zero.month = 2025, 2
    (line,) = lines_of(zero, action="A")
    line = line[:39] + year + line[43:]
    findings, _ = check(write(tmp_path / "z.txt", [line]))
    on_year = {f.error for f in findings if f.element in ("zero_year", "zero_month")}
    assert expected <= on_year, sorted((f.error, f.element, f.message) for f in findings)
    assert "091" not in on_year or year == "20X5"  # four digits are four digits (5.2.1: 091)


def test_dates_from_1991_to_today_pass():
    inc = simple_incident()
    inc.incident_date = date(1991, 1, 1)
    inc.cleared_exceptionally, inc.exceptional_clearance_date = "A", date(1991, 1, 1)
    found = {f.error for f in validate(inc, Context(today=date(2025, 6, 1)))}
    assert not {"104", "105", "172"} & found
    b = group_b_sample()
    b.arrest_date = date(1991, 1, 1)
    assert "705" not in {f.error for f in validate(b, Context(today=date(2025, 6, 1)))}


def test_every_date_element_declares_its_numbers():
    """Each date and year element of the dictionary says which number each problem gets, where it is placed."""
    from desktop.nibrs.dictionary import dictionary
    from desktop.nibrs.rules.dates import KINDS

    d = dictionary()
    for e in d.elements.values():
        if e.type not in ("date", "year") or e.profile:
            continue
        spec = e.attrs.get("dates")
        assert spec, f"data element {e.id} ({e.name}) declares no date edits"
        assert {p.segment for p in e.placements} == set(spec["edits"]), e.id
        for numbers in spec["edits"].values():
            assert set(numbers) <= set(KINDS)


@pytest.mark.parametrize("year, expected", [("1054", "701"), ("1990", "701"), ("2099", "060")])
def test_the_year_of_an_xml_documents_report_date_is_checked_too(tmp_path, year, expected):
    from testpaths import DATA

    text = (DATA / "xml" / "nibrs_GroupBArrest_Sample.xml").read_text(encoding="utf-8")
    assert "<nc:YearMonthDate>2016-02</nc:YearMonthDate>" in text
    path = tmp_path / "b.xml"
    path.write_text(text.replace("<nc:YearMonthDate>2016-02</nc:YearMonthDate>",
                                 f"<nc:YearMonthDate>{year}-02</nc:YearMonthDate>"), encoding="utf-8")
    findings, _ = check(path)
    assert expected in {f.error for f in findings if f.element in ("submission_year", "submission_month")}, \
        sorted((f.error, f.element, f.message) for f in findings)
