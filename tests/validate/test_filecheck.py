"""Checks that need the whole file: header months, structure, and what earlier reports put "on file".

Files are built from the valid sample records (tests/nibrs_samples.py) written as flat-file lines,
then changed where a test needs a mistake.
"""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from validate_helpers import check, lines_of, numbers, put, summary, write
from nibrs_samples import arrest_incident, burglary_incident, group_b_sample, simple_incident, zero_report_sample
from desktop.nibrs import model as m
from desktop.nibrs.filecheck import FileCheckError, FileChecker, FileHistory, inputs


def incident(number="25-000001", **changes):
    inc = simple_incident(number)
    for k, v in changes.items():
        setattr(inc, k, v)
    return inc


def group_b(atn="B-1", seq=1, **changes):
    b = group_b_sample()
    b.arrest_transaction_number, b.sequence_number, b.arrest_date = atn, seq, date(2025, 3, 2)
    for k, v in changes.items():
        setattr(b, k, v)
    return b


def errors(findings):
    return sorted((f.error, f.record) for f in findings if f.severity == "error")


# ---------------------------------------------------------------------------- the month of submission
def test_a_valid_file_has_no_findings(tmp_path):
    path = write(tmp_path / "ok.txt", lines_of(incident()), lines_of(burglary_incident()),
                 lines_of(group_b(), action="A"), lines_of(arrest_incident()))
    findings, checker = check(path)
    assert findings == []
    assert (checker.tally.reports, checker.tally.segments) == (4, 4 + 5 + 1 + 5)


def test_the_month_of_submission_comes_from_the_headers(tmp_path):
    """170, 094, 305 and 705 compare dates with the month in positions 7-12 of each report's lines."""
    late = incident(incident_date=date(2025, 4, 2))  # after 03/2025
    zero = zero_report_sample()
    zero.year, zero.month = 2025, 4
    arrest = group_b(arrest_date=date(2025, 4, 1))
    path = write(tmp_path / "month.txt", lines_of(late), lines_of(zero, action="A"), lines_of(arrest, action="A"))
    found = {(f.error, f.record) for f in check(path)[0]}
    assert {("170", 1), ("094", 5), ("705", 6)} <= found
    # the same reports in a file for 04/2025 are in time
    path = write(tmp_path / "april.txt", lines_of(late, month=4), lines_of(zero, action="A", month=4),
                 lines_of(arrest, action="A", month=4))
    assert not {"170", "094", "705"} & set(numbers(check(path)[0]))


def test_058_059_060_come_from_the_headers(tmp_path):
    a = lines_of(incident("A-1"))
    b = [put(line, 9, "2024") for line in lines_of(incident("A-2"))]  # another year of submission
    c = [put(line, 17, "VA") for line in lines_of(incident("A-3"))]  # another state
    path = write(tmp_path / "mixed.txt", a, b, c)
    found = check(path)[0]
    assert ("058", 5) in {(f.error, f.record) for f in found}
    assert ("059", 9) in {(f.error, f.record) for f in found}
    assert numbers(found)["058"] == 1 and numbers(found)["059"] == 1  # once per report
    federal = check(path, federal=True)[0]
    assert "059" not in numbers(federal)
    future = check(write(tmp_path / "future.txt", lines_of(incident())), today=date(2025, 2, 27))[0]
    assert ("060", 1) in {(f.error, f.record) for f in future}


def test_050_and_055_segment_order(tmp_path):
    lines = lines_of(incident())
    swapped = [lines[0], lines[2], lines[1], lines[3]]  # victim before offense
    orphan = lines_of(incident("B-1"))[1:]  # no Administrative segment
    path = write(tmp_path / "order.txt", swapped, orphan)
    found = check(path)[0]
    assert ("050", 3) in {(f.error, f.record) for f in found}
    # the orphan segments are reported as such, and the record-level edits do not run on them
    assert [(f.error, f.record) for f in found if f.record >= 5] == [("055", 5)]


# ---------------------------------------------------------------------------- on file: 056
def test_an_incident_added_twice_is_056_on_the_second(tmp_path):
    path = write(tmp_path / "twice.txt", lines_of(incident()), lines_of(incident()))
    found = check(path)[0]
    assert errors(found) == [("056", 5)]
    assert found[0].path == "incident_number" and found[0].value == "25-000001"


def test_a_delete_takes_the_incident_off_file(tmp_path):
    path = write(tmp_path / "redo.txt", lines_of(incident()), lines_of(incident(), action="D"), lines_of(incident()))
    assert errors(check(path)[0]) == []


def test_an_incident_with_errors_is_not_on_file(tmp_path):
    """The FBI rejects a report with an error whole (section 5.1): sent again corrected, it is not a duplicate."""
    bad = incident()
    bad.victims[0].age = "3025"  # 410
    path = write(tmp_path / "fixed.txt", lines_of(bad), lines_of(incident()))
    assert errors(check(path)[0]) == [("410", 3)]


def test_incidents_of_other_agencies_do_not_collide(tmp_path):
    path = write(tmp_path / "two.txt", lines_of(incident()), lines_of(simple_incident(ori="WVNDX0200")))
    assert errors(check(path)[0]) == []


def test_earlier_files_of_the_run_are_on_file(tmp_path):
    first = write(tmp_path / "feb.txt", lines_of(incident()))
    second = write(tmp_path / "mar.txt", lines_of(incident()))
    found = check(first, second)[0]
    assert [(f.error, f.file) for f in found] == [("056", str(second))]


# ---------------------------------------------------------------------------- on file: 088, 751, 759, 028/029
def test_088_group_b_then_group_a_with_the_same_number(tmp_path):
    inc = arrest_incident()
    inc.arrestees[0].arrest_transaction_number = "B-1"
    path = write(tmp_path / "088.txt", lines_of(group_b(), action="A"), lines_of(inc))
    found = check(path)[0]
    assert errors(found) == [("088", 6)]  # the arrestee line of the incident
    assert found[0].path == "arrestees[0].arrest_transaction_number"


def test_088_group_a_then_group_b_with_the_same_number(tmp_path):
    path = write(tmp_path / "088.txt", lines_of(arrest_incident()), lines_of(group_b("25-000108"), action="A"))
    assert errors(check(path)[0]) == [("088", 6)]


def test_751_the_same_group_b_arrestee_twice_in_a_file(tmp_path):
    path = write(tmp_path / "751.txt", lines_of(group_b(), action="A"), lines_of(group_b(seq=2), action="A"),
                 lines_of(group_b(), action="A"))
    found = check(path)[0]
    assert errors(found) == [("751", 3)]
    assert (found[0].element, found[0].value, found[0].segment_level) == ("40", "01", "7")


def test_the_same_group_b_arrestee_in_an_earlier_file_is_759(tmp_path):
    first = write(tmp_path / "a.txt", lines_of(group_b(), action="A"))
    second = write(tmp_path / "b.txt", lines_of(group_b(), action="A"))
    assert [f.error for f in check(first, second)[0]] == ["759"]


def test_a_group_b_delete_takes_the_arrest_off_file(tmp_path):
    path = write(tmp_path / "d.txt", lines_of(group_b(), action="A"), lines_of(group_b(), action="D"),
                 lines_of(group_b(), action="A"))
    assert errors(check(path)[0]) == []


def test_028_029_a_zero_report_for_a_month_with_data(tmp_path):
    zero = zero_report_sample()
    zero.year, zero.month = 2025, 3
    path = write(tmp_path / "zero.txt", lines_of(incident()), lines_of(group_b(), action="A"),
                 lines_of(zero, action="A"))
    assert errors(check(path)[0]) == [("028", 6), ("029", 6)]
    # a zero report before the data: the FBI removes the zero-report indicator itself (section 4.7)
    path = write(tmp_path / "zero-first.txt", lines_of(zero, action="A"), lines_of(incident()))
    assert errors(check(path)[0]) == []


# ---------------------------------------------------------------------------- agency start date
def test_agency_start_date_checks_173_093_720(tmp_path):
    zero = zero_report_sample()
    zero.year, zero.month = 2024, 12
    path = write(tmp_path / "start.txt", lines_of(incident()), lines_of(group_b(), action="A"),
                 lines_of(zero, action="A"))
    assert errors(check(path)[0]) == []
    late_start = date(2025, 4, 1)
    assert errors(check(path, nibrs_start=late_start)[0]) == [("093", 6), ("173", 1), ("720", 5)]


# ---------------------------------------------------------------------------- old window fields
def test_window_fields_must_be_blank_159_623_671(tmp_path):
    admin, *rest = lines_of(incident())
    arrest = lines_of(arrest_incident())
    path = write(tmp_path / "window.txt", [put(admin, 58, "13B"), *rest],  # records 1-4
                 arrest[:-1] + [put(arrest[-1], 80, "Y")],  # records 5-9: clearance indicator
                 arrest[:-1] + [put(arrest[-1], 81, "90D")])  # records 10-14: a Group B clearance offense
    found = errors(check(path)[0])
    assert ("159", 1) in found
    assert ("623", 9) in found
    assert ("671", 14) in found
    # a delete with window offense codes is a time-window delete, which the FBI ignores
    path = write(tmp_path / "window-delete.txt", [put(lines_of(incident(), action="D")[0], 58, "13B")])
    assert errors(check(path)[0]) == []


# ---------------------------------------------------------------------------- one finding, not two
def test_a_finding_of_the_reader_and_of_a_rule_is_reported_once(tmp_path):
    """Zero report month 13: the reader (090) and the rule (090) both see it; the file gets one 090."""
    line = lines_of(zero_report_sample(), action="A")[0]
    path = write(tmp_path / "zero.txt", [put(line, 38, "13")])
    found = check(path)[0]
    assert numbers(found) == {"090": 1}


# ---------------------------------------------------------------------------- inputs
def test_unreadable_inputs_name_the_file_and_line(tmp_path):
    binary = tmp_path / "binary.dat"
    binary.write_bytes(b"00881I032025    WVNDX0100\x00\x01\x02binary")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(lines_of(incident())[0][:50].encode() + b"\r\n")
    checker = FileChecker()
    for path, line, words in ((binary, 1, "NUL"), (cut, 1, "cut off"), (tmp_path / "missing.txt", 0, "no such")):
        [item] = inputs([path])
        with pytest.raises(FileCheckError) as exc:
            list(checker.check(item))
        text = str(exc.value)
        assert str(path) in text and words in text
        if line:
            assert f"line {line}" in text
    assert checker.tally.unreadable == 3


def test_folders_and_zips_of_xml_and_flat_files(tmp_path):
    from testpaths import DATA

    folder = tmp_path / "month"
    folder.mkdir()
    for name in ("nibrs_GroupBArrest_Sample.xml", "nibrs_ZeroReport_Sample.xml"):
        (folder / name).write_bytes((DATA / "xml" / name).read_bytes())
    (folder / "manifest.csv").write_text("file,sha256\n")
    found, checker = check(folder)
    # the Group B arrest (document 1) is on file when the zero report of the same month (document 2) comes
    assert [(f.error, f.record) for f in found] == [("029", 2)]
    archive = tmp_path / "month.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in sorted(folder.iterdir()):
            z.write(p, f"month/{p.name}")
        z.writestr("flat.txt", "\r\n".join(lines_of(incident())) + "\r\n")
    found, checker = check(archive)
    assert [(f.error, f.record, f.file.split("!")[1]) for f in found] == [("029", 2, "month/nibrs_ZeroReport_Sample.xml")]
    assert checker.tally.reports == 3


# ---------------------------------------------------------------------------- the history keeps keys only
def test_file_history_answers_from_keys():
    h = FileHistory()
    h.group = 1
    inc = arrest_incident()
    h.record(m.Submission(report=inc, action="I"), accepted=True)
    assert h.incident_on_file("WVNDX0100", "25-000108")
    assert h.group_a_atn_on_file("WVNDX0100", "25-000108")
    assert h.data_on_file_for_month("WVNDX0100", 2025, 3, kind="incident")
    h.record(m.Submission(report=inc, action="D"), accepted=True)
    assert not h.incident_on_file("WVNDX0100", "25-000108")
    assert not h.group_a_atn_on_file("WVNDX0100", "25-000108")
    assert not h.data_on_file_for_month("WVNDX0100", 2025, 3)
    assert len(h) == 0


def test_ten_copies_of_a_file_keep_the_history_of_one(tmp_path):
    one = lines_of(incident()) + lines_of(burglary_incident()) + lines_of(group_b(), action="A")
    path = write(tmp_path / "ten.txt", *[one] * 10)
    checker = FileChecker(today=date(2026, 1, 1))
    [item] = inputs([path])
    results = list(checker.check(item))
    assert len(checker.history) == 3
    assert summary(f for r in results for f in r.findings)[:2] == [("056", 11, "incident_number"),
                                                                 ("056", 15, "incident_number")]


def test_059_an_ori_that_does_not_begin_with_a_state_code(tmp_path):
    """Table 3-7: the first two positions are the state's code (NCIC's: NB is Nebraska, NE is not a state code)."""
    for ori, expected in (("ZZ0123456", True), ("NE0280000", True), ("NB0280000", False), ("GM0010000", False)):
        path = write(tmp_path / "ori.txt", lines_of(simple_incident(ori=ori)))
        found = [f for f in check(path)[0] if f.error == "059"]
        assert bool(found) is expected, (ori, found)
        if found:
            assert found[0].element == "1" and found[0].value == ori and found[0].record == 1
    # every segment from one state: still the file's own check, once per report
    path = write(tmp_path / "two.txt", lines_of(simple_incident("25-1", ori="MO0950000")),
                 lines_of(simple_incident("25-2", ori="NB0280000")))
    assert [(f.error, f.record) for f in check(path)[0]] == [("059", 5)]
    assert [f.error for f in check(path, federal=True)[0]] == []
