"""Data quality and certification offline (issue 18): error rates from the feedback loaded, the FBI's terms,
common errors, trends, and the certification packet by one command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime

import pytest
from generate import group_b, incident

from desktop.nibrs import eds
from desktop.nibrs.filecheck import FileChecker, inputs
from desktop.store.service import AgencySettings, Store
from desktop.submission.export import plan_export, run_export
from desktop.submission.feedback import load_feedback
from desktop.submission.months import Month
from desktop.submission.quality import THRESHOLD, certification, quality, write_packet


def state_feedback(path, folder, month: Month, today: date):
    """The EDS a state returns for a file: the FBI edits run over it (findings, and the hand count of reports with
    an error and of reports in the file, worked out here from the checker's own results)."""
    checker = FileChecker(today=today)
    findings, reports, with_errors = [], set(), set()
    for item in inputs([path]):
        for result in checker.check(item):
            findings += result.findings
            if result.kind:
                key = (result.kind, result.ori, result.ident)
                reports.add(key)
                if any(f.severity == "error" for f in result.findings):
                    with_errors.add(key)
    target = folder / f"{path.stem}.eds"
    eds.write_eds(findings, target, year=month.year, month=month.month, processed_on=today)
    return target, len(reports), len(with_errors)


def export_month(store, folder, month: Month, today: date):
    plan = plan_export(store, month, today=today, allow_errors=True)
    return run_export(store, plan, folder, now=datetime(today.year, today.month, today.day, 9))


def broken(n: int, month: int):
    r = incident(n, 2025, month)
    r.victims[0].age = None  # a victim without an age: an FBI error
    return r


def month_of(store, tmp_path, month: int, good: int, bad: int, arrests: int = 0):
    for n in range(good):
        store.create(incident(n, 2025, month), status="approved", findings=[])
    for n in range(good, good + bad):
        store.create(broken(n, month), status="approved", findings=[])
    for n in range(arrests):
        store.create(group_b(n, 2025, month), status="approved", findings=[])
    today = date(2025, month + 1, 3)
    result = export_month(store, tmp_path / f"out{month}", Month(2025, month), today)
    fed, reports, with_errors = state_feedback(result.path, tmp_path, Month(2025, month), today)
    load_feedback(store, fed, export_id=result.export_id)
    return reports, with_errors


def test_error_rates_certification_and_common_errors(store, tmp_path):
    # March: 2 of 20 rejected (10%); April and May: 1 of 30 (3.3%); June: 0 of 25
    hand = {3: month_of(store, tmp_path, 3, 18, 2, arrests=2), 4: month_of(store, tmp_path, 4, 29, 1),
            5: month_of(store, tmp_path, 5, 29, 1), 6: month_of(store, tmp_path, 6, 25, 0)}
    q = quality(store, months=4, until=Month(2025, 6))
    assert [str(m.month) for m in q.months] == ["2025-03", "2025-04", "2025-05", "2025-06"]
    for mq in q.months:
        reports, with_errors = hand[mq.month.month]
        assert (mq.exported, mq.rejected, mq.accepted) == (reports, with_errors, reports - with_errors)
        assert mq.error_rate == pytest.approx(100 * with_errors / reports)
    assert [m.meets for m in q.months] == [False, True, True, True]
    assert q.certification.met and q.certification.streak == 3
    assert "2025-04, 2025-05, 2025-06" in q.certification.needed[0]
    # the quarter is April-June: the victim's age (DE 26), with its fix, naming the two reports
    top = q.common[0]
    assert top.element == "26" and "Age of Victim" in top.field and top.fix and top.reports == 2
    assert len(top.records) == 2 and all(k == "incident" for k, _ in top.records)
    # trends by the reports' own month, and the month's summary beside them
    march = q.months[0]
    assert march.incidents == 20 and march.offenses >= 20 and march.arrests_b == 2
    assert 0 <= march.cleared <= march.incidents and march.summary is not None
    assert march.summary.month == "2025-03"
    data = json.loads(q.json())
    assert data["certification"]["met"] is True and data["error_rates"][0]["rejected"] == hand[3][1]
    rows = list(csv.reader(io.StringIO(q.csv())))
    assert rows[1][:5] == ["error rate", "2025-03", str(hand[3][0]), str(hand[3][0] - hand[3][1]), str(hand[3][1])]


def test_what_is_needed_when_the_terms_are_not_met():
    from desktop.submission.quality import MonthQuality

    months = [MonthQuality(Month(2025, 1), 100, True, 2, 0), MonthQuality(Month(2025, 2), 100, True, 9, 0)]
    c = certification(months)
    assert not c.met and c.streak == 0
    assert "3 more consecutive month(s)" in c.needed[0]
    assert "9 of 100 reports had errors" in c.needed[1] and "at most 4 may" in c.needed[1] \
        and "at least 5 of them" in c.needed[1]
    # a month without feedback breaks nothing, a gap in the months breaks the streak
    months = [MonthQuality(Month(2025, 1), 100, True, 1, 0), MonthQuality(Month(2025, 3), 100, True, 1, 0),
              MonthQuality(Month(2025, 4), 50, False, None, None)]
    assert certification(months).streak == 1
    assert MonthQuality(Month(2025, 1), 25, True, 1, 0).meets  # 4.00% is at the bar
    assert THRESHOLD == 4.0


def test_the_command_and_the_packet(store, data_dir, tmp_path):
    for month in (3, 4, 5):
        month_of(store, tmp_path, month, 10, 1 if month == 3 else 0)
    store.close()
    cli = [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "quality"]
    out = subprocess.run(cli + ["--months", "3"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "2025-03" in out.stdout and "9.09%" in out.stdout and "Certification" in out.stdout
    out = subprocess.run(cli + ["--months", "3", "--format", "json"], capture_output=True, text=True, timeout=300)
    assert json.loads(out.stdout)["error_rates"][0]["rejected"] == 1
    out = subprocess.run(cli + ["--format", "csv"], capture_output=True, text=True, timeout=300)
    assert out.stdout.startswith("table,month,exported")
    packet = tmp_path / "packet"
    out = subprocess.run(cli + ["--packet", str(packet), "--period", "2025-03:2025-05"], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    files = sorted(p.name for p in (packet / "files").iterdir())
    assert len([f for f in files if "_NIBRS_" in f and "ZERO" not in f]) == 3
    zero = next(p for p in (packet / "files").iterdir() if "ZERO-REPORT-TEST" in p.name)
    assert zero.read_text().startswith("0") or zero.read_text()[4] == "0"
    st = Store.open(data_dir)
    try:  # each month's file is the one exported, byte for byte
        from desktop.store.submissions import exports

        for info in exports(st):
            for f in info.files:
                assert (packet / "files" / f.path).read_bytes() == (
                    __import__("pathlib").Path(info.out_dir) / f.path).read_bytes()
    finally:
        st.close()
    rates = list(csv.DictReader(io.StringIO((packet / "error-rates.csv").read_text())))
    assert [r["month"] for r in rates] == ["2025-03", "2025-04", "2025-05"] and rates[0]["rejected"] == "1"
    corrections = list(csv.DictReader(io.StringIO((packet / "corrections.csv").read_text())))
    assert corrections and {c["error"] for c in corrections} and corrections[0]["what_became_of_it"] == \
        "not corrected yet"
    readme = (packet / "README.txt").read_text()
    assert "zero report test" in readme and "no error" in readme
