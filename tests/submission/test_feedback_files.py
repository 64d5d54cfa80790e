"""Feedback: the FBI Error Data Set (read and written) and web-service responses, attached to the reports they name."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from generate import group_b, incident
from testpaths import DATA

from desktop.cli import main
from desktop.nibrs import eds
from desktop.nibrs.findings import Finding
from desktop.nibrs.xmlio import to_xml
from desktop.nibrs import model as m
from desktop.store.submissions import state_findings
from desktop.submission.export import plan_export, run_export
from desktop.submission.feedback import FeedbackFileError, load_feedback
from desktop.submission.importing import import_files
from desktop.submission.months import Month

RESPONSES = DATA / "fbi-service-responses"


# ------------------------------------------------------------------------------------------- the EDS itself
def test_the_eds_layout_is_figure_6_9():
    assert eds.FIELDS[0].start == 1 and eds.FIELDS[-1].end == eds.RECORD_LENGTH == 146
    for before, after in zip(eds.FIELDS, eds.FIELDS[1:]):
        assert after.start == before.end + 1, after.name
    assert (eds.FIELD["ori"].start, eds.FIELD["ori"].end) == (15, 23)
    assert (eds.FIELD["error"].start, eds.FIELD["error"].end) == (47, 49)
    assert (eds.FIELD["message"].start, eds.FIELD["message"].end) == (62, 140)


def test_an_eds_written_and_read_again():
    found = [
        Finding("404", "error", "VICTIM AGE INVALID", element="26", value="1A", ori="WVNDX0100", incident="25-000012",
                segment_level="4", sequence="002", record=12, action="I"),
        Finding("355", "error", "PROPERTY LOSS CODE MUST BE 5", element="17", value="6", ori="WVNDX0100",
                incident="25-000013", segment_level="3", loss_type="6", record=20, action="I"),
        Finding("1404", "warning", "a data-quality warning the EDS has no room for"),
    ]
    text = eds.dumps(found, year=2025, month=3, processed_on=date(2025, 4, 10))
    lines = text.split("\r\n")[:-1]
    assert [len(line) for line in lines] == [146, 146, 146]
    assert lines[0][:49] == "2025030000012IWVNDX010025-000012   4   002 26 404"
    assert lines[2][14:23] == "999999999" and lines[2][61:].rstrip() == "FBI PROCESSED SUBMISSION ON 04/10/2025"
    data = eds.read_eds(io.BytesIO(text.encode()), name="back.eds")
    assert data.processed and data.trailer.processed_on == date(2025, 4, 10)
    back = [eds.to_finding(r) for r in data.records]
    assert [(f.error, f.severity, f.incident, f.sequence, f.element, f.value, f.record) for f in back] == [
        ("404", "error", "25-000012", "002", "26", "1A", 12), ("355", "error", "25-000013", "", "17", "6", 20)]
    assert back[1].loss_type == "6" and back[0].message == "VICTIM AGE INVALID"


@pytest.mark.parametrize("content,words", [
    ("2025030000012IWVNDX0100" + "x" * 140, "line 1: 163 characters"),
    ("2025030000012IWVNDX0100\u00e9", "holds"),
    ("20250X0000012IWVNDX0100" + " " * 30, "month of submission .positions 5-6. reads '0X'"),
    ("202503        999999999" + " " * 38 + "FBI PROCESSED SUBMISSION ON 04/10/2025\n2025030000012IWVNDX0100" + " " * 30,
     "line 2: a record after the trailer"),
])
def test_an_unreadable_eds_is_named_by_file_and_line(content, words):
    with pytest.raises(eds.EdsError, match=words) as caught:
        eds.read_eds(io.BytesIO(content.encode("utf-8")), name="state.eds")
    assert "state.eds" in str(caught.value)


# ------------------------------------------------------------------------------------------- attaching it
@pytest.fixture
def sent(store, tmp_path):
    """Three incidents and a Group B arrest sent in March 2025's flat file."""
    for n in (1, 2, 3):
        store.create(incident(n), status="approved")
    store.create(group_b(1), status="approved")
    result = run_export(store, plan_export(store, Month(2025, 3), today=date(2025, 4, 2)), tmp_path / "out",
                        now=datetime(2025, 4, 2))
    return result


def _eds(tmp_path, findings, processed=True, name="answer.eds"):
    path = tmp_path / name
    text = eds.dumps(findings, year=2025, month=3, processed_on=date(2025, 4, 10))
    if not processed:
        text = "\r\n".join(text.split("\r\n")[:-2]) + "\r\n"
    path.write_text(text, newline="")
    return path


def test_an_eds_rejects_the_reports_it_names_and_accepts_the_others(store, tmp_path, sent):
    lines = sent.path.read_text().splitlines()
    victim_line = next(i for i, line in enumerate(lines, 1) if line[4] == "4" and "G2503-000002" in line)
    errors = [
        Finding("404", "error", "VICTIM AGE INVALID", element="26", value="41", ori="WVNDX0100",
                incident="G2503-000002", segment_level="4", sequence="001", record=victim_line, action="I"),
        Finding("720", "error", "ARREST DATE BEFORE BASE DATE", element="42", ori="WVNDX0100",
                incident="B2503-000001", segment_level="7", sequence="001", record=len(lines), action="A"),
    ]
    result = load_feedback(store, _eds(tmp_path, errors))
    assert result.export_id == sent.export_id
    assert {line.split(":")[0] for line in result.outcome["rejected"]} == {
        "Group A incident WVNDX0100 G2503-000002", "Group B arrest WVNDX0100 B2503-000001 arrestee 1"}
    assert sorted(result.outcome["accepted"]) == ["Group A incident WVNDX0100 G2503-000001",
                                                  "Group A incident WVNDX0100 G2503-000003"]
    assert [store.get("incident", i).status for i in (1, 2, 3)] == ["accepted", "rejected", "accepted"]
    assert store.get("group_b", 1).status == "rejected"
    (state,) = state_findings(store, "incident", 2)
    assert (state.finding.error, state.finding.path, state.revision) == ("404", "victims[0].age", 1)
    assert state.file == str(tmp_path / "answer.eds")
    assert load_feedback(store, tmp_path / "answer.eds").already.endswith("nothing changed")
    assert any(e["action"] == "feedback" for e in store.audit_entries())


def test_an_eds_without_its_trailer_accepts_nothing(store, tmp_path, sent):
    error = Finding("404", "error", "VICTIM AGE INVALID", element="26", ori="WVNDX0100", incident="G2503-000001",
                    segment_level="4", sequence="001", action="I")
    load_feedback(store, _eds(tmp_path, [error], processed=False))
    assert [store.get("incident", i).status for i in (1, 2, 3)] == ["rejected", "submitted", "submitted"]


def test_errors_about_a_report_changed_since_it_was_sent_keep_its_status(store, tmp_path, sent):
    report = store.get("incident", 1).report
    report.incident_hour = 2
    store.update("incident", 1, report)  # changed after it was sent: revision 2, not sent yet
    error = Finding("404", "error", "VICTIM AGE INVALID", element="26", ori="WVNDX0100", incident="G2503-000001",
                    segment_level="4", sequence="001", action="I")
    result = load_feedback(store, _eds(tmp_path, [error]))
    assert len(result.outcome["kept"]) == 1 and store.get("incident", 1).status == "submitted"
    (state,) = state_findings(store, "incident", 1)  # about the revision sent: shown while it is fixed
    assert state.revision == 1 and state.finding.path == "victims[0].age"


def _sent_by_import(store, tmp_path, report, year, month):
    doc = tmp_path / "sent.xml"
    doc.write_bytes(to_xml(m.Submission(report=report, action="I", year=year, month=month), message_id="s",
                           timestamp=datetime(year, month, 28)))
    (result,), _ = import_files(store, [str(doc)], status="submitted")
    assert result.error == ""


def test_service_responses_attach_to_the_document_they_answer(store, tmp_path):
    six = incident(1)
    six.incident_number, six.incident_date = "6816", date(2017, 12, 3)
    _sent_by_import(store, tmp_path, six, 2017, 12)
    result = load_feedback(store, RESPONSES / "NIBRS-Error-Response.xml")
    (rejected,) = result.outcome["rejected"]
    assert rejected.startswith("Group A incident WVNDX0100 6816:") and "error 355" in rejected
    found = [s.finding for s in state_findings(store, "incident", 1)]
    assert sorted(f.error for f in found) == ["355", "451", "932", "932"]
    assert next(f for f in found if f.error == "451").path == "victims[0].sequence_number"
    assert next(f for f in found if f.error == "355").path == "properties[0]"  # DE 17 is one of its items
    assert store.get("incident", 1).status == "rejected"


def test_a_service_response_with_only_warnings_accepts(store, tmp_path):
    hi = incident(2, ori="HI0020000")
    hi.incident_number, hi.incident_date = "19272709-3", date(2019, 7, 4)
    _sent_by_import(store, tmp_path, hi, 2019, 7)
    result = load_feedback(store, RESPONSES / "NIBRS-Warnings-Response.xml")
    assert len(result.outcome["warned"]) == 1 and "warning DQ1407" in result.outcome["warned"][0]
    assert store.get("incident", 1).status == "accepted"
    (state,) = state_findings(store, "incident", 1)
    assert state.finding.severity == "warning" and state.finding.path == "victims[0]"


def test_an_accepted_response_accepts_and_a_fault_names_no_report(store, tmp_path):
    six = incident(1)
    six.incident_number, six.incident_date = "6816", date(2017, 12, 3)
    _sent_by_import(store, tmp_path, six, 2017, 12)
    result = load_feedback(store, RESPONSES / "NIBRS-Accepted-Response.xml")
    assert result.outcome["accepted"] == ["Group A incident WVNDX0100 6816"]
    with pytest.raises(FeedbackFileError, match="refused the document without naming a report: NIBRS 4.2"):
        load_feedback(store, RESPONSES / "NIBRS-Fault-Response.xml")


def test_errors_naming_no_report_here_are_kept_and_said(store, tmp_path):
    result = load_feedback(store, RESPONSES / "NIBRS-Error-Response.xml")
    assert len(result.outcome["unmatched"]) == 4 and all("6816" in u for u in result.outcome["unmatched"])


def test_the_feedback_command(data_dir, tmp_path, capsys):
    from desktop.store.service import Store

    store = Store.open(data_dir)
    six = incident(1)
    six.incident_number, six.incident_date = "6816", date(2017, 12, 3)
    _sent_by_import(store, tmp_path, six, 2017, 12)
    store.close()
    assert main(["feedback", str(RESPONSES / "NIBRS-Error-Response.xml")]) == 1
    out = capsys.readouterr().out
    assert "REJECTED: Group A incident WVNDX0100 6816: error 932" in out
    assert main(["feedback", str(RESPONSES / "NIBRS-Error-Response.xml")]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert main(["feedback", str(RESPONSES / "NIBRS-Fault-Response.xml")]) == 1
    bad = tmp_path / "bad.eds"
    bad.write_text("not an eds at all\n")
    assert main(["feedback", str(bad)]) == 2
