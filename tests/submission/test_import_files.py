"""Importing flat files and XML: a line per report, twice changes nothing, deletes, drafts, malformed input."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime

import pytest
from generate import group_b, incident
from testpaths import DATA

from desktop.cli import main
from desktop.nibrs import flatfile
from desktop.nibrs import model as m
from desktop.nibrs.xmlio import to_xml
from desktop.store.service import SearchFilter
from desktop.submission.export import plan_export, run_export
from desktop.submission.importing import import_files
from desktop.submission.months import Month


def flat(*subs: m.Submission) -> str:
    return flatfile.dumps(list(subs))


def sub(report, action=None, month=(2025, 3)) -> m.Submission:
    action = action or ("I" if report.KIND == "incident" else "A")
    return m.Submission(report=report, action=action, year=month[0], month=month[1])


def snapshot(store) -> list:
    out = []
    for kind in ("incident", "group_b", "zero_report"):
        for i in store.ids(kind, include_deleted=True):
            r = store.get(kind, i)
            out.append((kind, i, r.revision, r.status, r.updated_at, r.deleted, r.report))
    return out


def one(imported):
    results, problems = imported if isinstance(imported, tuple) else (imported, [])
    assert problems == []
    (result,) = results
    assert result.error == "", result.error
    return result


def test_a_flat_file_imports_with_a_line_per_report_and_twice_changes_nothing(store, tmp_path):
    path = tmp_path / "march.txt"
    path.write_text(flat(sub(incident(1)), sub(incident(2)), sub(group_b(1))), newline="")
    results, problems = import_files(store, [str(path)])
    assert problems == []
    result = one(results)
    assert [(line.outcome, line.what) for line in result.lines] == [
        ("imported", "Group A incident WVNDX0100 G2503-000001"), ("imported", "Group A incident WVNDX0100 G2503-000002"),
        ("imported", "Group B arrest WVNDX0100 B2503-000001 arrestee 1")]
    assert result.lines[0].where == f"{path}, line 1 (record 1)" and result.lines[1].where.endswith("line 6 (record 6)")
    assert {store.get("incident", i).status for i in store.ids("incident")} == {"ready"}
    assert store.get("incident", 1).report == incident(1)
    before = snapshot(store)
    again = one(import_files(store, [str(path)])[0])
    assert [line.outcome for line in again.lines] == ["skipped"] * 3
    assert all(line.detail.startswith("unchanged") for line in again.lines)
    assert snapshot(store) == before
    assert any(e["detail"].get("file") == str(path) and e["detail"].get("created") == 3
               for e in store.audit_entries(action="import"))
    created = {(e["kind"], e["record_id"]) for e in store.audit_entries(action="import")
               if e["detail"].get("result") == "created"}
    assert created == {("incident", 1), ("incident", 2), ("group_b", 1)}
    assert store.verify_audit() == []


def test_a_changed_report_updates_and_deletes_delete(store, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(flat(sub(incident(1)), sub(incident(2))), newline="")
    one(import_files(store, [str(path)], status="approved"))
    changed = incident(1)
    changed.incident_hour = 3
    second = tmp_path / "two.txt"
    gone = m.GroupAIncident(ori="WVNDX0100", incident_number="G2503-000002", incident_date=date(2025, 3, 3))
    nothing = m.GroupAIncident(ori="WVNDX0100", incident_number="G2503-000077", incident_date=date(2025, 3, 3))
    second.write_text(flat(sub(changed), sub(gone, "D"), sub(nothing, "D")), newline="")
    result = one(import_files(store, [str(second)], status="approved"))
    assert [(line.outcome, line.detail.split(",")[0]) for line in result.lines] == [
        ("updated", "revision 2"), ("deleted", ""), ("skipped", "nothing to delete: it is not in the database")]
    assert store.get("incident", 1).report.incident_hour == 3 and store.get("incident", 1).revision == 2
    assert store.ids("incident", include_deleted=True) == [1]


def test_a_delete_of_a_submitted_report_keeps_it_until_its_delete_is_sent(store, tmp_path):
    path = tmp_path / "sent.txt"
    path.write_text(flat(sub(incident(1))), newline="")
    one(import_files(store, [str(path)], status="submitted"))
    rec = store.get("incident", 1)
    assert rec.status == "submitted" and rec.submitted_revision == 1
    delete = tmp_path / "delete.txt"
    delete.write_text(flat(sub(incident(1), "D")), newline="")
    line, = one(import_files(store, [str(delete)])).lines
    assert line.outcome == "deleted" and "kept until its delete is sent" in line.detail
    plan = plan_export(store, Month(2025, 3), today=date(2025, 4, 2))
    assert [(e.action, e.record_id) for e in plan.entries] == [("D", 1)]


def test_a_correction_in_a_file_delete_then_the_report_again_is_an_update(store, tmp_path):
    first = tmp_path / "first.txt"
    first.write_text(flat(sub(incident(1)), sub(group_b(1)), sub(group_b(2))), newline="")
    one(import_files(store, [str(first)]))
    fixed, b1, b2 = incident(1), group_b(1), group_b(2)
    fixed.incident_hour, b1.age, b2.age = 5, "50", "51"
    # deletes first, then the reports again (as real monthly files send corrections)
    corrections = tmp_path / "corrections.txt"
    corrections.write_text(flat(sub(incident(1), "D"), sub(fixed), sub(group_b(1), "D"), sub(group_b(2), "D"),
                                sub(b1), sub(b2)), newline="")
    result = one(import_files(store, [str(corrections)]))
    assert [line.outcome for line in result.lines] == ["updated"] * 3
    assert "a correction" in result.lines[0].where
    assert store.get("incident", 1).report.incident_hour == 5 and store.get("incident", 1).revision == 2
    assert [store.get("group_b", i).report.age for i in store.ids("group_b")] == ["50", "51"]
    assert all(line.outcome == "skipped" for line in one(import_files(store, [str(corrections)])).lines)


def test_reports_with_errors_are_drafts_with_their_findings(store, tmp_path):
    bad = incident(1)
    bad.victims[0].sex = None  # 404/401: the sex of an individual victim is mandatory
    path = tmp_path / "errors.txt"
    path.write_text(flat(sub(bad), sub(incident(2))), newline="")
    result = one(import_files(store, [str(path)], status="approved"))
    assert result.lines[0].detail.startswith("as draft (") and "error" in result.lines[0].detail
    assert result.lines[1].detail == "as approved"
    rec = store.get("incident", 1)
    assert rec.status == "draft" and rec.error_count >= 1
    assert any(f.path == "victims[0].sex" for f in rec.findings if f.is_error)


def test_values_storage_refuses_are_kept_as_written_and_written_back(store, tmp_path):
    good = flat(sub(incident(1)))
    lines = good.split("\r\n")
    victim = lines[3]
    assert victim[4] == "4"
    lines[3] = victim[:75] + "Q" + victim[76:]  # victim sex (position 76): not a code
    lines[1] = lines[1][:44] + "ZZ" + lines[1][46:]  # location type (positions 45-46): no such code
    path = tmp_path / "odd.txt"
    path.write_text("\r\n".join(lines), newline="")
    line, = one(import_files(store, [str(path)], status="approved")).lines
    assert line.outcome == "imported" and "as draft" in line.detail and "could not be read" in line.detail
    rec = store.get("incident", 1)
    assert rec.invalid == {"offenses[0].location_type": "ZZ", "victims[0].sex": "Q"}
    assert rec.report.offenses[0].location_type is None and rec.report.victims[0].sex is None
    assert rec.error_count >= 2
    assert all(line.detail.startswith("unchanged") for line in one(import_files(store, [str(path)])).lines)
    # sent anyway (a supervisor approves it, errors allowed): the flat file carries exactly what was read
    store.set_status("incident", 1, "approved")
    plan = plan_export(store, Month(2025, 3), today=date(2025, 4, 2), allow_errors=True)
    assert plan.blocked
    result = run_export(store, plan, tmp_path / "out", now=datetime(2025, 4, 2))
    assert result.path.read_bytes().decode("ascii").split("\r\n")[:5] == lines[:5]


def test_a_report_without_its_number_is_skipped_with_the_reason(store, tmp_path):
    text = flat(sub(incident(1)), sub(incident(2))).split("\r\n")
    text = [line[:25] + " " * 12 + line[37:] if "G2503-000001" in line else line for line in text]
    path = tmp_path / "nonumber.txt"
    path.write_text("\r\n".join(text), newline="")
    result = one(import_files(store, [str(path)]))
    assert [(line.outcome, line.detail) for line in result.lines] == [
        ("skipped", "no incident number: a report cannot be kept without it"), ("imported", "as ready")]


@pytest.mark.parametrize("damage,words", [
    (lambda lines: lines[:7] + [lines[7][:20]], "line 8: the line has only 20 characters"),
    (lambda lines: lines[:7] + ["00889I032025    WVNDX0100G2503-000002    x"], "segment level '9'"),
    (lambda lines: lines[:7] + [lines[7] + "EXTRA TEXT"], "line 8 (record 8): Line 8 has 317 characters"),
    (lambda lines: lines[:7] + ["0099" + lines[7][4:]], "line 8 (record 8): Line 8: the segment length"),
])
def test_malformed_flat_input_names_file_and_line_and_imports_nothing(store, tmp_path, damage, words):
    lines = flat(sub(incident(1)), sub(incident(2))).split("\r\n")[:-1]
    path = tmp_path / "broken.txt"
    path.write_text("\r\n".join(damage(lines)) + "\r\n", newline="")
    (result,), _ = import_files(store, [str(path)])
    assert str(path) in result.error and words in result.error and "nothing of" in result.error
    assert result.lines == [] and store.count(SearchFilter()) == 0


def _doc(report, action=None) -> bytes:
    return to_xml(sub(report, action), message_id="t", timestamp=datetime(2025, 4, 1))


def test_xml_documents_folders_and_zips_import(store, tmp_path):
    folder = tmp_path / "month"
    folder.mkdir()
    (folder / "a.xml").write_bytes(_doc(incident(1)))
    (folder / "b.xml").write_bytes(_doc(group_b(1)))
    (folder / "manifest.csv").write_text("file,report\r\n")
    result = one(import_files(store, [str(folder)])[0])
    assert [line.outcome for line in result.lines] == ["imported", "imported"]
    assert store.get("incident", 1).report == incident(1)
    archive = tmp_path / "month.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("m/a.xml", _doc(incident(1)))
        z.writestr("m/c.xml", _doc(incident(3)))
    result = one(import_files(store, [str(archive)])[0])
    assert [line.outcome for line in result.lines] == ["skipped", "imported"]
    assert result.lines[1].where == f"{archive}!m/c.xml, line 44" or result.lines[1].where.startswith(f"{archive}!m/c")


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<nibrs:Submission xmlns:nibrs="http://fbi.gov/cjis/nibrs/2019">&lol2;</nibrs:Submission>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
<nibrs:Submission xmlns:nibrs="http://fbi.gov/cjis/nibrs/2019">&ext;</nibrs:Submission>"""


@pytest.mark.parametrize("bad,words", [
    (BOMB, "DOCTYPE"), (EXTERNAL, "DOCTYPE"), (b"<nibrs:Submission xmlns:nibrs='x'><unclosed>", "not well-formed"),
    (b"<other/>", "nibrs:Submission"),
])
def test_bad_xml_in_a_zip_names_the_document_and_imports_nothing(store, tmp_path, bad, words):
    archive = tmp_path / "month.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("m/1-good.xml", _doc(incident(1)))
        z.writestr("m/2-bad.xml", bad)
    (result,), _ = import_files(store, [str(archive)])
    assert f"{archive}!m/2-bad.xml" in result.error and words in result.error
    assert store.count(SearchFilter()) == 0


def test_the_fbi_flat_samples_import(store):
    names = sorted(str(p) for p in (DATA / "flat").glob("*.txt"))
    results, problems = import_files(store, names)
    assert problems == [] and all(r.error == "" for r in results) and len(results) == 6
    assert sum(r.count("imported") for r in results) >= 6
    assert all(line.outcome == "skipped" for r in import_files(store, names)[0] for line in r.lines)


def test_the_import_command_prints_a_line_per_report_and_exits_by_what_happened(data_dir, tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(flat(sub(incident(1)), sub(group_b(1))), newline="")
    assert main(["import", str(good), "--status", "approved"]) == 0
    out = capsys.readouterr().out
    assert "imported Group A incident WVNDX0100 G2503-000001: as approved" in out
    assert "2 imported, 0 updated, 0 deleted, 0 skipped" in out
    cut = tmp_path / "cut.txt"
    shutil.copy(good, cut)
    cut.write_bytes(good.read_bytes()[:-48])
    assert main(["import", str(cut)]) == 2
    assert "NOT IMPORTED" in capsys.readouterr().out
    assert main(["import", str(tmp_path / "missing.txt")]) == 2
