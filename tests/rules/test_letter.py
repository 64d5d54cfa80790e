"""The FBI edits to the letter: mutually exclusive values, every rule that applies, message wording."""

from __future__ import annotations

from datetime import date

import pytest

from nibrs_samples import (
    arrest_incident, group_b_sample, homicide_incident, justifiable_homicide_incident, officer_assault_incident,
    simple_incident,
)
from desktop.nibrs import age as nibrs_age
from desktop.nibrs.model import Property
from desktop.nibrs.rules import Context, catalogue, validate


def numbers(report, **ctx) -> set[str]:
    return {f.error for f in validate(report, Context(**ctx))}


# ----------------------------------------------------------------------------- x07: a different value
def _offense(**values):
    inc = simple_incident()
    for k, v in values.items():
        setattr(inc.offenses[0], k, v)
    return inc


def _victim(**values):
    inc = simple_incident()
    for k, v in values.items():
        setattr(inc.victims[0], k, v)
    return inc


def _armed(values):
    inc = arrest_incident()
    inc.arrestees[0].armed_with = values
    return inc


def _group_b_armed(values):
    b = group_b_sample()
    b.armed_with = values
    return b


def _circumstances(values):
    inc = homicide_incident()
    inc.victims[0].circumstances = values
    return inc


# (what, the report with a value entered twice, its duplicate number, its exclusive number, the report with a
# different second value)
EXCLUSIVE = [
    ("weapon 99, 99", _offense(offense_code="13B", weapons=["99", "99"]), "206", "207",
     _offense(weapons=["99", "40"])),
    ("suspected of using N, N", _offense(suspected_using=["N", "N"]), "206", "207",
     _offense(suspected_using=["N", "A"])),
    ("bias 88, 88", _offense(bias_motivations=["88", "88"]), "206", "207", _offense(bias_motivations=["88", "11"])),
    ("criminal activity N, N", _offense(offense_code="13B", criminal_activities=["N", "N"]), "206", "207",
     _offense(criminal_activities=["N", "J"])),
    ("type of injury N, N", _victim(injuries=["N", "N"]), "406", "407", _victim(injuries=["N", "M"])),
    ("armed with 01, 01 (arrestee)", _armed(["01", "01"]), "606", "607", _armed(["01", "12"])),
    ("armed with 01, 01 (Group B)", _group_b_armed(["01", "01"]), "706", "707", _group_b_armed(["01", "12"])),
    ("circumstance 10, 10", _circumstances(["10", "10"]), "406", "456", _circumstances(["10", "01"])),
]


@pytest.mark.parametrize("what, twice, duplicate, exclusive, other", EXCLUSIVE, ids=[e[0] for e in EXCLUSIVE])
def test_an_exclusive_value_entered_twice_is_a_duplicate_only(what, twice, duplicate, exclusive, other):
    found = numbers(twice)
    assert duplicate in found, what
    assert exclusive not in found, f"{what}: {exclusive} needs another, different value"
    assert exclusive in numbers(other), what


# ----------------------------------------------------------------------------- every rule that applies
def _13b_with_firearm():
    return _offense(offense_code="13B", weapons=["12"])


def _loss_type_only():
    inc = simple_incident()
    inc.offenses[0].offense_code = "120"
    inc.victims[0].offense_codes = ["120"]
    inc.properties = [Property(loss_type="7")]
    return inc


def _09c_with_circumstance_01():
    inc = justifiable_homicide_incident()
    inc.victims[0].circumstances = ["01"]
    return inc


def _13a_with_mercy_killing():
    inc = officer_assault_incident()
    inc.victims[0].circumstances = ["07"]
    return inc


def _report_date_indicator_s():
    inc = simple_incident()
    inc.report_date_indicator = "S"
    return inc


def _automatic_indicator_b():
    return _offense(offense_code="13A", weapons=["12B"])


def _armed_automatic_indicator_b():
    return _armed(["12B"])


def _group_b_automatic_indicator_b():
    return _group_b_armed(["12B"])


def _incident_year_1054():
    inc = simple_incident()
    inc.incident_date = date(1054, 5, 16)
    return inc


# Where the spec lists two edits for one condition and names no precedence, both are reported
# (the spec's element table that lists both, then the condition).
PAIRS = [
    (("265", "269"), "Table 3-23, DE 13: 13B with a firearm", _13b_with_firearm),
    (("372", "375"), "Table 3-27/5-5, DE 14/15: a property segment with only a loss type", _loss_type_only),
    (("463", "477"), "Table 3-46, DE 31: 09C with circumstance 01", _09c_with_circumstance_01),
    (("462", "477"), "Table 3-46, DE 31: 13A with circumstance 07", _13a_with_mercy_killing),
    (("104", "151"), "Table 3-11, DE 3: report-date indicator S", _report_date_indicator_s),
    (("204", "255"), "Table 3-24, DE 13: automatic indicator B", _automatic_indicator_b),
    (("604", "654"), "Table 3-63, DE 46: automatic indicator B (arrestee)", _armed_automatic_indicator_b),
    (("704", "754"), "Table 3-63, DE 46: automatic indicator B (Group B)", _group_b_automatic_indicator_b),
    (("105", "172"), "Table 3-10, DE 3: incident date in 1054", _incident_year_1054),
]


@pytest.mark.parametrize("pair, where, make", PAIRS, ids=["+".join(p[0]) for p in PAIRS])
def test_both_edits_are_reported_where_the_spec_names_no_precedence(pair, where, make):
    found = numbers(make())
    assert set(pair) <= found, f"{where}: expected {pair}, found {sorted(found)}"


def test_the_justifiable_homicide_details_rule_still_applies_beside_them():
    inc = _09c_with_circumstance_01()
    assert {"457", "463", "477"} <= numbers(inc)


# Where the project reports one number on purpose, the catalogue note says why, quoting the spec's table.
CHOSEN = {
    "251": "Table 3-16",  # attempted/completed: 251, no 204
    "667": "Table 3-65",  # arrestee sex: 667/758, no 604/704
    "758": "Table 3-65",
    "402": "Table 3-46",  # non-numeric circumstance: 402
    "258": "Table 3-24",  # A on a weapon that is not a firearm
}


@pytest.mark.parametrize("number, table", sorted(CHOSEN.items()))
def test_a_number_chosen_over_another_says_why_in_the_catalogue(number, table):
    note = catalogue.entry(number).note
    assert table in note and "spec" in note.lower(), note


# ----------------------------------------------------------------------------- message wording
@pytest.mark.parametrize("code", ["NN", "NB", "BB", "00", "99", "01", "17", "1517", "1620"])
def test_age_phrases_say_years_once(code):
    words = nibrs_age.in_words(code)
    assert "years years" not in words and "year years" not in words and "old old" not in words
    assert words.endswith("old") or words == "of unknown age"


def test_the_juvenile_disposition_message_reads_well():
    b = group_b_sample()
    b.age = "BB"  # not an arrestee's age (704), but the message about the disposition must still read well
    messages = [f.message for f in validate(b) if f.error == "752"]
    assert messages == ["The arrestee is 7 days to under 1 year old, so the disposition of an arrestee under 18 "
                        "is required."]
    for report in (b, arrest_incident()):
        for f in validate(report):
            assert "years years" not in f.message and "year years" not in f.message, f.message


# ----------------------------------------------------------------------------- the value in error
def test_458_carries_the_value_of_the_element_in_error_not_the_victim_type():
    from desktop.nibrs.model import Relationship

    inc = simple_incident()
    v = inc.victims[0]
    v.victim_type = "B"
    v.relationships = [Relationship(offender_number=0, relationship=None)]
    found = {f.element: f for f in validate(inc) if f.error == "458"}
    assert found["26"].value == "34" and found["27"].value == "F" and found["33"].value == "M"
    assert found["34"].value == "0" and found["34"].path == "victims[0].relationships[0].offender_number"
    assert "type B" in found["34"].message
