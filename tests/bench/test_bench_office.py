"""Benchmarks of the office's daily work (make bench): the list sorted by each column over 50,000 incidents
(target < 300 ms), the export check of a 5,000-report month (target < 2 s, and again after one change), the GUI
thread's longest stall while that month is checked and written in the background (target <= 100 ms, measured
with a 10 ms timer), and 500 reports approved in one action.

Each figure is also given as a ratio against a floor measured in the same run: the list's first page in its
usual order, reading the month's reports without checking them, approving the same number one by one directly
through the store.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ui"))
sys.path.insert(0, str(HERE.parent / "submission"))
N = 50_000


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f} ms"


def test_sorting_each_column_over_fifty_thousand_incidents(qtbot, store):
    from bulk_data import make_incidents
    from desktop.store.service import SearchFilter, Store
    from desktop.ui.office.main_window import MainWindow, RecordListModel
    from desktop.ui.qt import Qt

    make_incidents(store, N, authors=("ann", "bob", "cy", "dee"))
    data = store.db.data_dir
    store.close()
    window = MainWindow(Store.open(data))
    qtbot.addWidget(window)
    window.show()
    floors = []
    for _ in range(3):  # the floor: the first page in the list's usual order, the query without a new order
        t = time.perf_counter()
        window.store.search(SearchFilter(), limit=200)
        floors.append(time.perf_counter() - t)
    floor = min(floors)
    print(f"\n[bench] floor: the list's first page in its usual order {_ms(floor)}")
    worst = 0.0
    header = window.table.horizontalHeader()
    # the columns the database sorts by ("Found in", where the search matched, is no column of the database)
    for column, name in enumerate(RecordListModel.COLUMNS[:len(RecordListModel.SORT_KEYS)]):
        for order, words in ((Qt.AscendingOrder, "ascending"), (Qt.DescendingOrder, "descending")):
            t = time.perf_counter()
            header.setSortIndicator(column, order)
            window.table.viewport().repaint()
            took = time.perf_counter() - t
            worst = max(worst, took)
            assert window.model.rowCount() == 200 and window.model.sort_order()[0] == column
            print(f"[bench] sort by {name:<16} {words:<10} first page shown in {_ms(took)} "
                  f"({took / floor:4.1f}x the floor; target < 300 ms: {'met' if took < 0.3 else 'MISSED'})")
    print(f"[bench] slowest sort {_ms(worst)} (target < 300 ms: {'met' if worst < 0.3 else 'MISSED'})")
    window.close()


def _month(store, incidents: int, arrests: int):
    from generate import fill_month

    return fill_month(store, incidents, arrests)


def test_export_check_of_a_month_and_the_gui_thread_meanwhile(qtbot, store, tmp_path):
    """5,000 reports: the check, the check again after one change, and the GUI thread's longest stall while the
    month is checked and written in the background."""
    from desktop.store import submissions as subs_db
    from desktop.submission.export import CheckCache, plan_export
    from desktop.submission.months import Month
    from desktop.ui.qt import QTimer

    started = time.perf_counter()
    keys = _month(store, 4800, 200)
    print(f"\n[bench] setup: 5,000 approved reports of March 2025 in {time.perf_counter() - started:.0f} s")
    month, today = Month(2025, 3), date(2025, 4, 2)
    t = time.perf_counter()
    for kind in ("incident", "group_b"):
        cls = subs_db.KINDS[kind].row
        subs_db.load_where(store, kind, cls.status == "approved")
    floor = time.perf_counter() - t
    cache = CheckCache()
    t = time.perf_counter()
    plan = plan_export(store, month, today=today, cache=cache)
    first = time.perf_counter() - t
    assert len(plan.entries) == 5000 and not plan.blocked
    kind, record_id = keys[10]
    record = store.get(kind, record_id)
    record.report.victims[0].age = "44"
    store.update(kind, record_id, record.report)
    store.set_status(kind, record_id, "ready")
    store.set_status(kind, record_id, "approved")
    loads, checks = cache.loads, cache.checks
    t = time.perf_counter()
    plan = plan_export(store, month, today=today, cache=cache)
    again = time.perf_counter() - t
    assert (cache.loads - loads, cache.checks - checks) == (1, 1)
    print(f"[bench] floor: reading the month's 5,000 reports without checking them {floor:.2f} s")
    print(f"[bench] export check of the month: {first:.2f} s ({first / floor:.1f}x the floor; target < 2 s: "
          f"{'met' if first < 2 else 'MISSED'})")
    print(f"[bench] the check again after one report changed: {again:.2f} s ({again / floor:.2f}x the floor; "
          f"1 report read and checked again)")

    # the GUI thread while the export dialog checks and writes the month in its worker, with Python's full
    # collections left to the pauses as in the app (desktop.ui.idle_gc; without it, CPython's own full collection
    # over what the check keeps - 260-280 ms - landed in the window's thread when it came due)
    from desktop.ui import idle_gc
    from desktop.ui.office.export_dialog import ExportDialog
    from desktop.ui.qt import QApplication

    collector = idle_gc.install(QApplication.instance())

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    dialog = ExportDialog(store, today=today)
    qtbot.addWidget(dialog)
    dialog.month.setText(str(month))
    dialog._timer.stop()
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.show()
    last[0] = time.perf_counter()
    timer.start()
    t = time.perf_counter()
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.plan is not None and not dialog.busy, timeout=120000)
    checked = time.perf_counter() - t
    task = dialog.write()
    qtbot.waitUntil(lambda: not task.running, timeout=300000)
    total = time.perf_counter() - t
    timer.stop()
    assert dialog.message.text().startswith("Written:"), dialog.message.text()
    worst = max(gaps)
    print(f"[bench] the dialog checked (cold, its own cache) in {checked:.2f} s and wrote the file by {total:.2f} s, "
          f"in its worker")
    print(f"[bench] GUI thread during that export: {len(gaps)} ticks of a 10 ms timer, longest gap "
          f"{worst * 1000:.0f} ms, 99th percentile {sorted(gaps)[int(len(gaps) * 0.99)] * 1000:.0f} ms "
          f"(target: never blocked > 100 ms: {'met' if worst <= 0.1 else 'MISSED'}); full collections made "
          f"meanwhile: {collector.collections}")
    dialog.close()
    collector.uninstall()
    collector.deleteLater()


def test_bulk_approve_of_500(qtbot, store):
    from bulk_data import make_incidents
    from desktop.store.service import Store
    from desktop.ui.office.main_window import MainWindow

    make_incidents(store, 1000, status="ready", errors=False)
    t = time.perf_counter()
    for record_id in range(501, 1001):  # the floor: the same number approved one by one through the store
        store.set_status("incident", record_id, "approved")
    floor = time.perf_counter() - t
    data = store.db.data_dir
    store.close()
    window = MainWindow(Store.open(data))
    qtbot.addWidget(window)
    window.show()
    window.select_all()
    assert len(window.selected_all()) == 1000
    t = time.perf_counter()
    dialog = window.session.approve_selected()
    assert "Approve 500 of the 1000 selected reports" in dialog.question.text()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Approved: 500 of 500." in dialog.message.text(), timeout=120000)
    took = time.perf_counter() - t
    print(f"\n[bench] bulk approve of 500 selected (one question, in the worker, the rows read again): {took:.2f} s "
          f"= {took / 500 * 1000:.1f} ms a report ({took / floor:.2f}x approving 500 one by one through the store, "
          f"{floor:.2f} s)")
    dialog.close()
    window.close()
