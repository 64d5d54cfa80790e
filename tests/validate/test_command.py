"""``nibrs-desk validate``: formats, options and exit status, run as a user runs it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from validate_helpers import TODAY, cli_json, lines_of, put, run_cli, write
from nibrs_samples import group_b_sample, simple_incident
from testpaths import DATA, REPO
from desktop.nibrs import eds

JSON_KEYS = {"error", "severity", "ori", "incident", "segment_level", "element", "value", "message", "record"}


def incident(number="25-000001"):
    return simple_incident(number)


@pytest.fixture
def month_file(tmp_path):
    """A month with one valid incident, one with two errors and a warning, and a Group B arrest."""
    bad = incident("25-000002")
    bad.victims[0].age = "3025"  # 410, victim line
    bad.offenses[0].bias_motivations = ["99"]  # warning 1220, offense line
    bad.incident_date = date(2025, 4, 2)  # 170: after the month of submission, administrative line
    b = group_b_sample()
    b.arrest_date = date(2025, 3, 3)
    return write(tmp_path / "WVNDX0100_20250401_NIBRS_001.txt", lines_of(incident()), lines_of(bad),
                 lines_of(b, action="A"))


def test_json_lists_every_finding_with_its_fbi_coordinates(month_file):
    status, found, _err = cli_json(str(month_file))
    assert status == 1
    assert all(JSON_KEYS <= set(f) for f in found)
    assert sorted((f["error"], f["severity"], f["record"], f["segment_level"], f["element"], f["value"])
                  for f in found) == [
        ("1220", "warning", 6, "2", "8A", "99"),
        ("170", "error", 5, "1", "3", "20250402"),
        ("410", "error", 7, "4", "26", "3025"),
    ]
    assert {(f["ori"], f["incident"], f["year"], f["month"]) for f in found} == {("WVNDX0100", "25-000002", 2025, 3)}
    assert all(isinstance(f["error"], str) and f["message"] and f["fix"] for f in found)
    assert {f["line"] for f in found} == {5, 6, 7}


def test_text_groups_findings_by_report_in_plain_words(month_file):
    proc = run_cli("validate", "--today", TODAY.isoformat(), str(month_file))
    assert proc.returncode == 1
    out = proc.stdout
    assert "Incident 25-000002 (ORI WVNDX0100), line 5:" in out
    assert "25-000001" not in out  # a report without findings is not listed
    assert "error 410 (victim 001, line 7): In the victim's age range 3025" in out
    assert "warning 1220 (offense 13B, line 6)" in out
    assert out.count("How to fix:") == 3
    assert "3 report(s), 2 errors, 1 warning" in out


def test_eds_reads_like_the_fbi_error_data_set(month_file, tmp_path):
    target = tmp_path / "month.eds"
    proc = run_cli("validate", "--format", "eds", "--today", "2026-01-02", "--out", str(target), str(month_file))
    assert proc.returncode == 1 and proc.stdout == ""
    raw = target.read_bytes()
    assert all(len(line) == 146 for line in raw.split(b"\r\n")[:-1]) and raw.endswith(b"\r\n")
    records = list(eds.iter_records(target))
    # errors only (data-quality warnings are not on an EDS), in record order, then the trailer
    assert [(r.error, r.record, r.segment_level, r.data_element, r.value) for r in records[:-1]] == [
        ("170", 5, "1", "3", "20250402"), ("410", 7, "4", "26", "3025")]
    assert all((r.year, r.month, r.action, r.ori, r.incident) == (2025, 3, "I", "WVNDX0100", "25-000002")
               for r in records[:-1])
    assert records[1].sequence == 1
    assert records[0].message == "INCIDENT DATE CANNOT BE AFTER YEAR AND MONTH OF ELECTRONIC SUBMISSION"
    assert records[1].message == "FIRST AGE MUST BE LESS THAN SECOND FOR AGE RANGE"
    trailer = records[-1]
    assert trailer.is_trailer and trailer.processed_on == date(2026, 1, 2) and (trailer.year, trailer.month) == (
        2025, 3)


def test_eds_carries_the_readers_numbers_with_fbi_message_text(tmp_path):
    line = lines_of(incident())[1]
    path = write(tmp_path / "bad.txt", [put(line, 5, "9")])
    proc = run_cli("validate", "--format", "eds", str(path))
    records = eds.read_records_text(proc.stdout)
    assert [(r.error, r.record, r.message) for r in records[:-1]] == [
        ("051", 1, "INVALID RECORD LEVEL ON SUBMISSION")]


def test_warnings_only_exit_0(tmp_path):
    inc = incident()
    inc.offenses[0].bias_motivations = ["99"]
    status, found, _ = cli_json(str(write(tmp_path / "w.txt", lines_of(inc))))
    assert status == 0 and [f["error"] for f in found] == ["1220"]


def test_no_findings_exit_0_and_an_empty_list(tmp_path):
    status, found, _ = cli_json(str(write(tmp_path / "ok.txt", lines_of(incident()))))
    assert (status, found) == (0, [])


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary"), "line 1: position 1 holds the byte 0x89"),
    (lambda p: p.write_bytes("\r\n".join(lines_of(incident())).encode()[:137]), "line 2: the line ends at position 47"),
    (lambda p: None, "no such file"),
])
def test_unreadable_input_exits_3_naming_the_file_and_line(tmp_path, make, words):
    path = tmp_path / "input.txt"
    make(path)
    proc = run_cli("validate", str(path))
    assert proc.returncode == 3
    assert f"nibrs-desk validate: {path}" in proc.stderr and words in proc.stderr, proc.stderr
    assert f"{path}: could not be read" in proc.stdout and words.split(": ", 1)[-1] in proc.stdout


@pytest.mark.parametrize("make, line, reason", [
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary"), 1, "position 1 holds the byte 0x89"),
    (lambda p: p.write_bytes("\r\n".join(lines_of(incident())).encode()[:137]), 2, "the line ends at position 47"),
    (lambda p: None, 0, "no such file"),
])
def test_json_names_an_unreadable_input_as_an_object(tmp_path, make, line, reason):
    """A script reading the JSON alone sees the input that was not checked, not an empty list of findings."""
    path = tmp_path / "input.txt"
    make(path)
    status, found, _ = cli_json(str(path))
    assert status == 3
    (obj,) = [f for f in found if f.get("unreadable")]
    assert obj["file"] == str(path) and obj["line"] == line and reason in obj["reason"], obj
    assert obj["severity"] == "error" and str(path) in obj["message"]


def test_unreadable_xml_exits_3(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<?xml version='1.0'?>\n<nibrs:Submission xmlns:nibrs='http://fbi.gov/cjis/nibrs/2019'>\n<a>")
    proc = run_cli("validate", str(path))
    assert proc.returncode == 3 and f"{path}, line 3: not well-formed XML" in proc.stderr
    status, found, _ = cli_json(str(path))
    assert status == 3 and [(f["file"], f["line"]) for f in found if f.get("unreadable")] == [(str(path), 3)]


def test_other_inputs_still_checked_when_one_cannot_be_read(tmp_path, month_file):
    status, found, err = cli_json(str(tmp_path / "missing.txt"), str(month_file))
    assert status == 3 and "missing.txt: no such file" in err
    assert {f["error"] for f in found if not f.get("unreadable")} == {"170", "410", "1220"}
    assert [f["file"] for f in found if f.get("unreadable")] == [str(tmp_path / "missing.txt")]


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n   \r\n"])
def test_a_file_with_no_reports_is_an_error_not_a_clean_month(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    status, found, _ = cli_json(str(path))
    assert status == 1
    assert [(f["error"], f["file"]) for f in found] == [("EMPTY", str(path))]
    assert "no reports in file" in found[0]["message"].lower()
    proc = run_cli("validate", str(path))
    assert proc.returncode == 1 and "No reports in file" in proc.stdout and "0 report(s), 1 error" in proc.stdout


def test_a_file_of_lines_that_are_no_report_says_so_too(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(b"0043Z" + b"x" * 40 + b"\r\n")
    status, found, _ = cli_json(str(path))
    assert status == 1 and {f["error"] for f in found} == {"051", "EMPTY"}


def test_the_exit_statuses_are_documented_in_help_and_readme():
    proc = run_cli("validate", "--help")
    text = " ".join(proc.stdout.split())
    assert proc.returncode == 0
    for words in ("0 no errors", "1 errors found", "2 bad usage", "3 a file could not be read"):
        assert words in text, words
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "3 when a file cannot be read" in readme and "2 for bad usage" in readme


def test_spec_version_and_agency_start(tmp_path):
    b = group_b_sample()
    b.arrest_offense_code, b.arrest_date = "90E", date(2020, 12, 3)  # drunkenness: retired on 2021-01-01
    path = write(tmp_path / "b.txt", lines_of(b, action="A", year=2020, month=12))
    assert cli_json(str(path))[0] == 0  # a file of December 2020 under 2019.1
    for spec in ("2023.0", "2025.0"):
        status, found, _ = cli_json("--spec", spec, str(path))
        assert status == 1 and [f["error"] for f in found] == ["704"]
    status, found, _ = cli_json("--agency-start", "2021-01-01", str(path))
    assert [f["error"] for f in found] == ["720"]
    # from January 2021 on the code is refused in every version
    b.arrest_date = date(2021, 1, 3)
    path = write(tmp_path / "b.txt", lines_of(b, action="A", year=2021, month=1))
    status, found, _ = cli_json(str(path))
    assert status == 1 and [f["error"] for f in found] == ["704"]


def test_bad_options_exit_2():
    proc = run_cli("validate", "--agency-start", "March 2025", str(DATA / "flat" / "NIBRS_Test_Sample.txt"))
    assert proc.returncode == 2 and "is not a date in the form YYYY-MM-DD" in proc.stderr
    proc = run_cli("validate", "--format", "xml", "x.txt")
    assert proc.returncode == 2


def test_xml_records_are_document_positions(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("nibrs_GroupAIncident_Sample.xml", "nibrs_GroupAReplace_Sample.xml"):
        (folder / name).write_bytes((DATA / "xml" / name).read_bytes())
    status, found, _ = cli_json(str(folder))
    assert status == 1
    assert {f["record"] for f in found if f["file"].endswith("Incident_Sample.xml")} == {1}
    assert {f["record"] for f in found if f["file"].endswith("Replace_Sample.xml")} == {2}


def test_json_output_is_one_list_even_for_several_inputs(tmp_path, month_file):
    proc = run_cli("validate", "--format", "json", str(month_file), str(DATA / "xml" / "nibrs_AllFields_Sample.xml"))
    found = json.loads(proc.stdout)
    assert {f["file"] for f in found} == {str(month_file), str(DATA / "xml" / "nibrs_AllFields_Sample.xml")}
