"""The monthly export: which records go, how corrections and deletes go, what is recorded, byte-for-byte again."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from generate import group_b, incident
from lxml import etree

from desktop.nibrs.flatfile import read_flat_text
from desktop.nibrs.xmlio import read_xml, schema_errors
from desktop.store.service import Store, StoreError
from desktop.store.submissions import export_info, exports
from desktop.store.users import PermissionDenied
from desktop.submission.export import ExportError, ExportRefused, NothingNew, plan_export, reproduce, run_export
from desktop.submission.months import Month

MARCH = Month(2025, 3)
APRIL_2 = datetime(2025, 4, 2, 9, 30, 15)


def approve(store, report):
    return store.create(report, status="approved")


def flat_lines(path) -> list[str]:
    data = path.read_bytes().decode("ascii")
    assert data.endswith("\r\n")
    return data[:-2].split("\r\n")


def export(store, tmp_path, fmt="flat", month=MARCH, now=APRIL_2, **kw):
    plan = plan_export(store, month, fmt=fmt, today=date(2025, 4, 2), allow_errors=kw.pop("allow_errors", False))
    return run_export(store, plan, tmp_path / "out", now=now, **kw)


def xml_documents(path):
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if n.endswith(".xml"))
        return [(n, z.read(n)) for n in names], z.read(next(n for n in z.namelist() if n.endswith("manifest.csv")))


def test_flat_export_is_named_recorded_and_marks_the_records_submitted(store, tmp_path):
    a = approve(store, incident(1))
    b = approve(store, group_b(1))
    draft = store.create(incident(2))
    result = export(store, tmp_path)
    assert result.path.name == "WVNDX0100_20250402_NIBRS_001.txt"
    assert sorted(p.name for p in result.path.parent.iterdir()) == [result.path.name]  # no temporary file left
    data = result.path.read_bytes()
    assert result.files[0].sha256 == hashlib.sha256(data).hexdigest()
    lines = flat_lines(result.path)
    assert all(line[6:12] == "032025" for line in lines), "the month of submission is in every header"
    assert [line[4] for line in lines][-1] == "7" and lines[0][4:6] == "1I"
    subs = read_flat_text(data.decode("ascii"))
    assert [s.report for s in subs] == [store.get("incident", a.id).report, store.get("group_b", b.id).report]

    for kind, rec in (("incident", a), ("group_b", b)):
        now = store.get(kind, rec.id)
        assert now.status == "submitted" and now.submitted_revision == now.revision == 1
    assert store.get("incident", draft.id).status == "draft"

    info = export_info(store, result.export_id)
    assert (info.year, info.month, info.format, info.name, info.series) == (2025, 3, "flat", result.path.stem, 1)
    assert info.created_at == APRIL_2 and info.created_by == "system"
    assert [(f.path, f.sha256, f.size) for f in info.files] == [(result.path.name, result.files[0].sha256, len(data))]
    assert [(it.kind, it.record_id, it.revision, it.action, it.first_record, it.records) for it in info.items] == [
        ("incident", a.id, 1, "I", 1, 5), ("group_b", b.id, 1, "A", 6, 1)]
    trail = store.audit_entries(action="export")
    assert {(e["kind"], e["record_id"]) for e in trail if e["record_id"]} == {("incident", a.id), ("group_b", b.id)}
    assert any(e["detail"].get("export") == result.export_id and not e["record_id"] for e in trail)
    assert store.verify_audit() == []


def test_a_second_export_of_the_month_finds_nothing_new(store, tmp_path):
    approve(store, incident(1))
    first = export(store, tmp_path)
    plan = plan_export(store, MARCH, today=date(2025, 4, 3))
    assert plan.nothing_new and plan.entries == []
    with pytest.raises(NothingNew, match=f"already sent .*export {first.export_id}.*--reproduce {first.export_id}"):
        run_export(store, plan, tmp_path / "out")
    # nor in the other format: the records were sent
    assert plan_export(store, MARCH, fmt="xml", today=date(2025, 4, 3)).nothing_new
    assert len(exports(store)) == 1


def _change(store, kind, record_id, **values):
    report = store.get(kind, record_id).report
    for k, v in values.items():
        setattr(report, k, v)
    return store.update(kind, record_id, report, status="approved")


def test_changed_after_submission_goes_as_delete_and_add_in_a_flat_file(store, tmp_path):
    a = approve(store, incident(1))
    b = approve(store, group_b(1))
    export(store, tmp_path)
    old_date = store.get("incident", a.id).report.incident_date
    _change(store, "incident", a.id, incident_date=date(2025, 3, 1), incident_hour=7)
    _change(store, "group_b", b.id, age="45")
    assert store.get("incident", a.id).needs_resubmission
    result = export(store, tmp_path, now=datetime(2025, 4, 3, 8, 0))
    assert result.path.name == "WVNDX0100_20250403_NIBRS_002.txt"
    lines = flat_lines(result.path)
    assert [line[4:6] for line in lines] == ["1D", "1I", "2I", "3I", "4I", "5I", "7D", "7A"]
    assert lines[0][37:45] == old_date.strftime("%Y%m%d"), "the delete names the incident as it was sent"
    assert lines[1][37:45] == "20250301"
    assert lines[6][25:37].rstrip() == "B2503-000001" and lines[6][37:39] == "01"
    assert lines[7][57:59] == "45"
    for kind, rec in (("incident", a), ("group_b", b)):
        now = store.get(kind, rec.id)
        assert now.status == "submitted" and now.submitted_revision == now.revision == 2 and not now.needs_resubmission
    items = export_info(store, result.export_id).items
    assert [(it.action, it.revision) for it in items] == [("D", 1), ("I", 2), ("D", 1), ("A", 2)]


def test_changed_after_submission_goes_as_a_replacement_in_xml(store, tmp_path):
    a = approve(store, incident(1))
    b = approve(store, group_b(1))
    export(store, tmp_path, fmt="xml")
    _change(store, "incident", a.id, incident_hour=7)
    _change(store, "group_b", b.id, age="45")
    result = export(store, tmp_path, fmt="xml", now=datetime(2025, 4, 3, 8, 0))
    docs, manifest = xml_documents(result.path)
    assert len(docs) == 2
    for (name, data), kind in zip(docs, ("incident", "group_b")):
        assert schema_errors(etree.fromstring(data)) == []
        (sub,) = read_xml(data, name=name)
        assert sub.action == "R" and (sub.year, sub.month) == (2025, 3)
        assert sub.report == store.get(kind, a.id if kind == "incident" else b.id).report
    assert manifest.decode().count(",R,") == 2


def test_a_changed_incident_number_goes_as_delete_and_add_even_in_xml(store, tmp_path):
    a = approve(store, incident(1))
    export(store, tmp_path, fmt="xml")
    _change(store, "incident", a.id, incident_number="G2503-999999")
    result = export(store, tmp_path, fmt="xml", now=datetime(2025, 4, 3))
    subs = [read_xml(data, name=name)[0] for name, data in xml_documents(result.path)[0]]
    assert [(s.action, s.report.incident_number) for s in subs] == [("D", "G2503-000001"), ("I", "G2503-999999")]


@pytest.mark.parametrize("fmt", ["flat", "xml"])
def test_deleted_after_submission_goes_as_a_delete_and_is_then_purged(store, tmp_path, fmt):
    a = approve(store, incident(1))
    b = approve(store, group_b(1))
    never_sent = store.create(incident(2), status="approved")
    export(store, tmp_path, fmt=fmt)
    store.delete("incident", a.id)
    store.delete("group_b", b.id)
    assert store.get("incident", a.id).deleted  # kept until its delete is sent
    result = export(store, tmp_path, fmt=fmt, now=datetime(2025, 4, 5))
    if fmt == "flat":
        lines = flat_lines(result.path)
        assert [line[4:6] for line in lines] == ["1D", "7D"]
        assert lines[0][25:37].rstrip() == "G2503-000001" and lines[0][37:45] == "20250302"
        assert lines[1][25:37].rstrip() == "B2503-000001" and lines[1][37:39] == "01"
        assert lines[1][39:47] == "20250302"
    else:
        subs = [read_xml(data, name=name)[0] for name, data in xml_documents(result.path)[0]]
        assert [(s.kind, s.action) for s in subs] == [("incident", "D"), ("group_b", "D")]
        assert subs[0].report.incident_date == date(2025, 3, 2)
    assert store.ids("incident", include_deleted=True) == [never_sent.id]
    assert store.ids("group_b", include_deleted=True) == []
    purged = [e for e in store.audit_entries(action="delete") if e["detail"].get("purged")]
    assert {e["record_id"] for e in purged} == {a.id, b.id}


def test_a_report_the_state_rejected_is_sent_again_as_an_add(store, tmp_path):
    from desktop.store.submissions import FeedbackTarget, record_feedback
    from desktop.nibrs.findings import Finding

    a = approve(store, incident(1))
    export(store, tmp_path)
    error = Finding("404", "error", "VICTIM AGE INVALID", ori="WVNDX0100", incident="G2503-000001")
    record_feedback(store, name="eds", sha256="0" * 64, fmt="eds", year=2025, month=3, processed_on=None,
                    export_id=None, targets=[FeedbackTarget(error, "incident", a.id, 1, "WVNDX0100 G2503-000001")])
    assert store.get("incident", a.id).status == "rejected"
    _change(store, "incident", a.id, incident_hour=4)
    lines = flat_lines(export(store, tmp_path, now=datetime(2025, 4, 4)).path)
    assert [line[4:6] for line in lines][:2] == ["1I", "2I"], "the FBI holds nothing: no delete before the add"


def test_reports_with_errors_stop_the_export_unless_allowed(store, tmp_path):
    good = approve(store, incident(1))
    bad_report = incident(2)
    bad_report.victims[0].age = None  # 404: the age of an individual victim is mandatory
    bad = store.create(bad_report, status="approved", findings=[])
    plan = plan_export(store, MARCH, today=date(2025, 4, 2))
    assert [b.number for b in plan.blocked] == ["G2503-000002"]
    with pytest.raises(ExportRefused) as caught:
        run_export(store, plan, tmp_path / "out", now=APRIL_2)
    message = str(caught.value)
    assert "G2503-000002: error" in message and "G2503-000001" not in message
    assert all(line.startswith("G2503-000002: error ") for line in caught.value.lines)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert store.get("incident", good.id).status == "approved" and exports(store) == []
    result = export(store, tmp_path, allow_errors=True)
    assert store.get("incident", bad.id).status == "submitted"
    assert export_info(store, result.export_id).allow_errors


def test_which_records_belong_to_the_month(store, tmp_path):
    in_month = approve(store, incident(1))
    late = incident(2)
    late.incident_date = date(2025, 2, 10)  # a February incident approved late: goes with March's file
    late = approve(store, late)
    arrested_later = incident(8)  # the arrest template: arrestee arrested the next day
    arrested_later.incident_date = date(2025, 3, 31)
    arrested_later.arrestees[0].arrest_date = date(2025, 4, 1)
    arrested_later = approve(store, arrested_later)
    april = incident(3, month=4)
    april = approve(store, april)
    draft = store.create(incident(4))
    plan = plan_export(store, MARCH, today=date(2025, 4, 2))
    assert sorted(e.record_id for e in plan.entries) == sorted([in_month.id, late.id])
    assert any("arrest date of arrestee 1 04/01/2025" in w for w in plan.waiting)
    assert any("G2504-000003" in w for w in plan.waiting)
    assert plan.not_ready == ["G2503-000004 (draft)"]
    assert not plan.zero_report
    text = plan.summary(store).text()
    assert "not approved yet" in text and "wait for a later month" in text
    export(store, tmp_path)
    april_plan = plan_export(store, Month(2025, 4), today=date(2025, 5, 1))
    assert sorted(e.record_id for e in april_plan.entries) == sorted([arrested_later.id, april.id])
    assert store.get("incident", draft.id).status == "draft"


def test_a_zero_report_when_the_month_has_nothing(store, tmp_path):
    result = export(store, tmp_path, month=Month(2025, 2), now=datetime(2025, 3, 3))
    (line,) = flat_lines(result.path)
    assert line == "00430A022025    WVNDX0100000000000000022025"
    (zero_id,) = store.ids("zero_report")
    zero = store.get("zero_report", zero_id)
    assert zero.status == "submitted" and (zero.report.year, zero.report.month) == (2025, 2)
    assert plan_export(store, Month(2025, 2), today=date(2025, 3, 4)).nothing_new
    # XML: one document, its report date is the zero report's month
    xml = export(store, tmp_path, fmt="xml", month=Month(2025, 1), now=datetime(2025, 3, 3))
    (name, data), = xml_documents(xml.path)[0]
    (sub,) = read_xml(data, name=name)
    assert sub.kind == "zero_report" and (sub.report.year, sub.report.month) == (2025, 1)


def test_no_zero_report_for_a_month_not_over_or_with_reports_not_approved(store, tmp_path):
    plan = plan_export(store, MARCH, today=date(2025, 3, 20))
    assert plan.nothing_new and not plan.zero_report and "not over" in plan.zero_note
    store.create(incident(1))  # a draft dated in March
    feb = plan_export(store, Month(2025, 3), today=date(2025, 4, 2))
    assert feb.nothing_new and not feb.zero_report
    with pytest.raises(ExportError, match="has not begun"):
        plan_export(store, Month(2025, 5), today=date(2025, 4, 2))


@pytest.mark.parametrize("fmt,packaging", [("flat", "file"), ("xml", "zip"), ("xml", "folder")])
def test_an_export_is_written_again_byte_for_byte(store, tmp_path, fmt, packaging):
    for n in range(6):
        approve(store, incident(n))
    approve(store, group_b(1))
    first = export(store, tmp_path, fmt=fmt, packaging=packaging)
    again = reproduce(store, first.export_id, tmp_path / "again")
    assert again.identical and again.mismatches == []
    assert [(f.path, f.sha256) for f in again.files] == [(f.path, f.sha256) for f in first.files]
    for f in first.files:
        assert (tmp_path / "again" / f.path).read_bytes() == (tmp_path / "out" / f.path).read_bytes()
    # records changed since do not change what the export wrote
    store.update("incident", 1, incident(0, month=3), status="approved")
    assert reproduce(store, first.export_id, tmp_path / "third").identical
    with pytest.raises(ExportError, match="already exists"):
        reproduce(store, first.export_id, tmp_path / "third")


def test_a_file_of_the_same_name_that_no_export_wrote_is_not_replaced_unless_asked(store, tmp_path):
    approve(store, incident(1))
    out = tmp_path / "out"
    out.mkdir()
    (out / "WVNDX0100_20250402_NIBRS_001.txt").write_text("left by an interrupted export")
    with pytest.raises(ExportError, match="no export of this database wrote it"):
        export(store, tmp_path)
    assert store.get("incident", 1).status == "approved"
    result = export(store, tmp_path, overwrite=True)
    assert flat_lines(result.path)[0].startswith("00881I032025")


def test_only_people_allowed_to_export_may(data_dir, tmp_path):
    from desktop.store.service import AgencySettings

    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Test"))
    store.create(incident(1), status="approved")
    store.add_user("admin", "correct horse", "administrator")
    store.add_user("deputy", "deputy pass 1", "deputy")
    store.add_user("sarge", "sarge pass 11", "supervisor")
    for who, password in (("deputy", "deputy pass 1"), ("sarge", "sarge pass 11")):
        store.login(who, password)
        plan = plan_export(store, MARCH, today=date(2025, 4, 2))  # anyone may see what would go
        with pytest.raises(PermissionDenied, match="export"):
            run_export(store, plan, tmp_path / "out", now=APRIL_2)
    store.login("admin", "correct horse")
    result = run_export(store, plan_export(store, MARCH, today=date(2025, 4, 2)), tmp_path / "out", now=APRIL_2)
    assert export_info(store, result.export_id).created_by == "admin"
    store.close()


def test_a_record_changed_while_the_file_was_written_stops_the_export(store, tmp_path, monkeypatch):
    from desktop.submission import export as ex

    a = approve(store, incident(1))
    plan = plan_export(store, MARCH, today=date(2025, 4, 2))
    original = ex._write

    def write_then_change(*args, **kw):
        pending = original(*args, **kw)
        _change(store, "incident", a.id, incident_hour=3)
        return pending

    monkeypatch.setattr(ex, "_write", write_then_change)
    with pytest.raises(StoreError, match="changed while the export was written"):
        run_export(store, plan, tmp_path / "out", now=APRIL_2)
    assert list((tmp_path / "out").iterdir()) == [] and exports(store) == []
    assert store.get("incident", a.id).status == "approved"


def test_state_values_never_reach_fbi_files_and_state_xml_carries_them(data_dir, tmp_path):
    from desktop.nibrs.profiles import get_profile
    from desktop.store.db import open_database
    from desktop.store.service import AgencySettings

    mo = get_profile("missouri")
    store = Store(open_database(data_dir), dictionary=mo.dictionary, profile=mo.id, profile_version=mo.version)
    store.save_agency(AgencySettings(ori="MO0950000", name="Test County", state_profile="missouri"))
    report = incident(8, ori="MO0950000")
    report.extras.update(mo_latitude=Decimal("38.627003"), mo_longitude=Decimal("-90.199402"))
    report.offenders[0].extras["mo_immigration_status"] = "L"
    report.arrestees[0].extras["mo_immigration_status"] = "L"
    plain = incident(8, ori="MO0950000")
    store.create(report, status="approved")
    flat = export(store, tmp_path, fmt="flat")
    assert "38.627" not in flat.path.read_text() and read_flat_text(flat.path.read_text())[0].report == plain
    again = reproduce(store, flat.export_id, tmp_path / "x")
    assert again.identical
    # the state's own XML for the same month, from another copy of the database state
    store.update("incident", 1, report, status="approved")
    state = export(store, tmp_path, fmt="state-xml", now=datetime(2025, 4, 3))
    (name, data), = xml_documents(state.path)[0]
    assert b"mo:PersonImmigrationStatusCode" in data or b"ImmigrationStatus" in data
    assert b"38.627003" in data
    store.close()


def test_the_summary_counts_what_the_file_sends(data_dir, tmp_path):
    from desktop.nibrs.profiles import get_profile
    from desktop.store.db import open_database
    from desktop.store.service import AgencySettings

    mo = get_profile("missouri")
    store = Store(open_database(data_dir), dictionary=mo.dictionary, profile=mo.id, profile_version=mo.version)
    store.save_agency(AgencySettings(ori="MO0950000", name="Test County", state_profile="missouri"))
    for n in range(9):  # one of each template: 13B x2, 220, 240, 35A, 120, 09A, 09C, 13A; one arrest
        report = incident(n, ori="MO0950000")
        for o in report.offenders:
            o.extras["mo_immigration_status"] = "C" if n % 2 else "N"
        for a in report.arrestees:
            a.extras["mo_immigration_status"] = "L"
        store.create(report, status="approved")
    cleared = incident(9, ori="MO0950000")
    cleared.cleared_exceptionally, cleared.exceptional_clearance_date = "B", date(2025, 3, 20)
    cleared.offenders[0].extras["mo_immigration_status"] = "C"
    store.create(cleared, status="approved")
    arrest = group_b(1, ori="MO0950000")
    arrest.extras["mo_immigration_status"] = "C"
    store.create(arrest, status="approved")
    summary = plan_export(store, MARCH, today=date(2025, 4, 2)).summary(store)
    assert summary.count("Reports in the file", "Group A incidents, new") == 10
    assert summary.count("Reports in the file", "Group B arrests, new") == 1
    assert summary.count("Group A offenses", "13B Simple assault") == 3
    assert summary.count("Group A offenses", "09A Murder and nonnegligent manslaughter") == 1
    assert summary.count("Clearances (Group A incidents)", "Cleared by arrest") == 1
    assert summary.count("Clearances (Group A incidents)", "Cleared exceptionally") == 1
    assert summary.count("Clearances (Group A incidents)", "Not cleared") == 8
    assert summary.count("Arrests", "Arrestees in Group A incidents") == 1
    assert summary.count("Group B arrests by offense", "90Z All Other Offenses") == 1
    section = "Missouri (MIBRS): Immigration Status of offenders (restricted)"
    assert summary.count(section, "C U.S. citizen") == 5 and summary.count(section, "N Unable to determine") == 5
    assert summary.count("Missouri (MIBRS): Immigration Status of arrestees (restricted)",
                         "L Lawfully present immigrant") == 1
    assert summary.count("Missouri (MIBRS): Immigration Status of Group B arrestees (restricted)",
                         "C U.S. citizen") == 1
    csv_text = summary.csv()
    assert csv_text.startswith("section,item,count\r\n") and "Group A offenses,13B Simple assault,3" in csv_text
    # someone not granted restricted fields sees no immigration counts
    store.add_user("admin", "correct horse", "administrator")
    store.grant_restricted(["supervisor"])
    store.login("admin", "correct horse")
    hidden = plan_export(store, MARCH, today=date(2025, 4, 2)).summary(store)
    assert not [r for r in hidden.rows if "Immigration" in r.section]
    assert "Restricted state fields are not counted" in hidden.text()
    store.close()


def test_a_state_xml_export_imports_back_with_the_states_values(data_dir, tmp_path):
    from desktop.nibrs.profiles import get_profile
    from desktop.store.db import open_database
    from desktop.store.service import AgencySettings
    from desktop.submission.importing import import_files

    mo = get_profile("missouri")

    def missouri(folder):
        store = Store(open_database(folder), dictionary=mo.dictionary, profile=mo.id, profile_version=mo.version)
        if store.agency() is None:
            store.save_agency(AgencySettings(ori="MO0950000", name="Test County", state_profile="missouri"))
        return store

    store = missouri(data_dir)
    report = incident(8, ori="MO0950000")
    report.extras.update(mo_latitude=Decimal("38.627003"), mo_longitude=Decimal("-90.199402"))
    report.offenders[0].extras["mo_immigration_status"] = "L"
    report.arrestees[0].extras["mo_immigration_status"] = "C"
    store.create(report, status="approved")
    state = export(store, tmp_path, fmt="state-xml")
    store.close()
    other = missouri(tmp_path / "other")
    (result,), _ = import_files(other, [str(state.path)], status="approved")
    assert [line.outcome for line in result.lines] == ["imported"]
    assert other.get("incident", 1).report == report
    other.close()
