"""The submission tables and queries on both storage backends (PostgreSQL when NIBRS_DESK_TEST_PG_URL is set)."""

from __future__ import annotations

from datetime import date, datetime

from generate import group_b, incident

from desktop.nibrs import eds
from desktop.nibrs.findings import Finding
from desktop.store.submissions import export_info, state_findings
from desktop.submission.export import plan_export, reproduce, run_export
from desktop.submission.feedback import load_feedback
from desktop.submission.importing import import_files
from desktop.submission.months import Month

MARCH = Month(2025, 3)


def test_export_import_and_feedback_on_each_backend(backend_store, tmp_path):
    store = backend_store
    for n in range(5):
        store.create(incident(n), status="approved")
    store.create(group_b(1), status="approved")
    first = run_export(store, plan_export(store, MARCH, today=date(2025, 4, 2)), tmp_path / "a",
                       now=datetime(2025, 4, 2, 8))
    assert len(export_info(store, first.export_id).items) == 6
    assert reproduce(store, first.export_id, tmp_path / "again").identical
    report = store.get("incident", 1).report
    report.incident_hour = 1
    store.update("incident", 1, report, status="approved")
    store.delete("incident", 2)
    second = run_export(store, plan_export(store, MARCH, fmt="xml", today=date(2025, 4, 3)), tmp_path / "b",
                        now=datetime(2025, 4, 3, 8))
    assert [(it.action, it.record_id) for it in export_info(store, second.export_id).items] == [("D", 2), ("R", 1)]
    assert plan_export(store, MARCH, today=date(2025, 4, 3)).nothing_new
    # the XML file imported again changes nothing (its delete finds nothing, its replacement is what is stored)
    (result,), _ = import_files(store, [str(second.path)], status="approved")
    assert [(line.outcome, line.detail.split(":")[0]) for line in result.lines] == [
        ("skipped", "nothing to delete"), ("skipped", "unchanged")]
    # a feedback file rejects one report
    error = Finding("404", "error", "VICTIM AGE INVALID", element="26", ori="WVNDX0100", incident="G2503-000003",
                    segment_level="4", sequence="001", record=0, action="I")
    answer = tmp_path / "answer.eds"
    answer.write_text(eds.dumps([error], year=2025, month=3, processed_on=date(2025, 4, 10)), newline="")
    load_feedback(store, answer, export_id=first.export_id)
    assert store.get("incident", 4).status == "rejected"
    assert [s.finding.error for s in state_findings(store, "incident", 4)] == ["404"]
