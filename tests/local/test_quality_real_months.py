"""Done when: the quality view over the two real months, imported with their feedback, shows error rates that
match a hand count.

Each real month (../shared/nibrs/samples/flat/realistic-unverified) is imported into an agency's database,
approved as it came, and exported as the month's flat file; the state's feedback is the FBI edits run over that
file, returned as an Error Data Set (EDS) and loaded. The hand count is worked out here without NIBRS Desk's
store: the reports sent are the distinct report keys (segment level, ORI, number) of the file's lines, and the
reports with an error are the distinct keys of the EDS's records whose number is an error, not a warning.
Skipped, saying why, without ../shared; marked ``volume`` (a real month is thousands of reports)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from test_real_months import MONTHS, REAL
from testpaths import shared_path

from desktop.nibrs import eds
from desktop.nibrs.filecheck import FileChecker, inputs
from desktop.store.service import AgencySettings, SearchFilter, Store
from desktop.submission.export import plan_export, run_export
from desktop.submission.feedback import load_feedback
from desktop.submission.importing import import_files
from desktop.submission.quality import quality

KINDS = ("incident", "group_b", "zero_report")
TODAY = date(2030, 1, 2)


def _kind(level: str) -> str:
    return {"0": "zero", "7": "group_b"}.get(level, "incident")


def sent_by_hand(path) -> set[tuple[str, str, str]]:
    """The reports a flat file sends: (kind, ORI, number) of each line (every segment names its report)."""
    keys = set()
    for line in path.read_bytes().decode("ascii").split("\r\n"):
        if line.strip():
            number = line[37:43] if line[4] == "0" else line[25:37].strip()
            keys.add((_kind(line[4]), line[16:25], number))
    return keys


def rejected_by_hand(path, warnings: set[str]) -> set[tuple[str, str, str]]:
    """The reports an EDS names with an error (its number is not one the FBI sends only as a warning)."""
    keys = set()
    for line in path.read_text(encoding="ascii").splitlines():
        if not line.strip() or line[14:23] == "999999999":  # the trailer
            continue
        if line[46:49] in warnings:
            continue
        level = line[35]
        keys.add((_kind(level), line[14:23], line[23:35].strip()))
    return keys


@pytest.mark.volume
@pytest.mark.parametrize("name", sorted(MONTHS))
def test_error_rates_of_a_real_month_with_its_feedback_match_a_hand_count(qtbot, data_dir, tmp_path, name):
    path = shared_path(*REAL, name)
    ori, month = MONTHS[name]
    store = Store.open(data_dir)
    try:
        store.save_agency(AgencySettings(ori=ori, name="Real month"))
        (result,), problems = import_files(store, [str(path)], status="approved")
        assert problems == [] and result.error == ""
        for row in store.search(SearchFilter(status=("draft", "ready"), kinds=KINDS), limit=None):
            store.set_status(row.kind, row.id, "approved")  # sent as they came, FBI errors and all
        plan = plan_export(store, month, today=TODAY, allow_errors=True)
        written = run_export(store, plan, tmp_path / "out", now=datetime(2030, 1, 2, 9))
        # the state's feedback: the FBI edits over the file sent, as an EDS
        findings = [f for item in inputs([written.path]) for r in FileChecker(today=TODAY).check(item)
                    for f in r.findings]
        feedback = tmp_path / f"{written.path.stem}.eds"
        eds.write_eds(findings, feedback, year=month.year, month=month.month, processed_on=TODAY)
        load_feedback(store, feedback, export_id=written.export_id)

        warnings = {f.error for f in findings if f.severity != "error"} - {f.error for f in findings
                                                                           if f.severity == "error"}
        sent = sent_by_hand(written.path)
        rejected = rejected_by_hand(feedback, warnings)
        assert rejected <= sent and len(sent) > 1000 and rejected, "a real month has some reports with errors"
        hand_rate = 100 * len(rejected) / len(sent)

        print(f"{name}: {len(sent)} reports sent, {len(rejected)} with an error ({hand_rate:.2f}%)")
        q = quality(store, months=1, until=month)
        (mq,) = q.months
        assert (mq.exported, mq.rejected, mq.accepted) == (len(sent), len(rejected), len(sent) - len(rejected))
        assert mq.error_rate == pytest.approx(hand_rate)
        assert mq.meets is (hand_rate <= 4.0)
        # and the window shows the same
        from desktop.ui.office.quality_window import QualityWindow

        window = QualityWindow(None, store)
        qtbot.addWidget(window)
        window.months.setValue(1)
        window.refresh()
        t = window.rates_table
        row = [t.item(0, c).text() for c in range(t.columnCount())]
        assert row[:5] == [str(month), f"{len(sent):,}", f"{len(sent) - len(rejected):,}", f"{len(rejected):,}",
                           f"{hand_rate:.2f}%"]
        window.close()
    finally:
        store.close()
