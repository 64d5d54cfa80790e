"""The Data quality window (Monthly submission > Data quality): the numbers of the feedback loaded in tables,
a chart of each beside its table, the quarter's common errors opening their reports in the office window's
list, print/PDF/PNG; and the certification packet by one menu action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QTableWidget
from test_quality import month_of

from desktop.submission.quality import quality


def table_rows(t: QTableWidget) -> list[list[str]]:
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def bar_values(view, index: int = 0) -> list[float]:
    series = [s for s in view.chart().series() if hasattr(s, "barSets")][0]
    bars = series.barSets()[index]
    return [round(bars.at(i), 2) for i in range(bars.count())]


def office_window(qtbot, store):
    from desktop.app import main_window

    win = main_window(store.db.data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_tables_and_charts_show_the_hand_counted_rates_and_the_errors_open_their_reports(qtbot, store, tmp_path):
    # March: 2 of 20 incidents rejected, 2 Group B arrests; April: 1 of 30; May: none of 25
    hand = {3: month_of(store, tmp_path, 3, 18, 2, arrests=2), 4: month_of(store, tmp_path, 4, 29, 1),
            5: month_of(store, tmp_path, 5, 25, 0)}
    office = office_window(qtbot, store)
    window = office.open_quality()
    qtbot.waitExposed(window)
    window.months.setValue(3)
    window.refresh()
    rows = table_rows(window.rates_table)
    assert [r[0] for r in rows] == ["2025-03", "2025-04", "2025-05"]
    for row, month in zip(rows, (3, 4, 5)):
        reports, with_errors = hand[month]
        assert row[1:6] == [str(reports), str(reports - with_errors), str(with_errors),
                            f"{100 * with_errors / reports:.2f}%", "no" if 100 * with_errors > 4 * reports else "yes"]
    assert "not met yet" in window.certification.text()  # March is over 4%: two months in a row so far
    # one chart of each kind, drawing the numbers of the table beside it
    assert set(window.charts) == {"error_rates", "offenses", "clearance", "arrests"}
    assert bar_values(window.charts["error_rates"]) == [round(100 * e / r, 2) for r, e in hand.values()]
    offenses = table_rows(window.offenses_table)
    assert bar_values(window.charts["offenses"]) == [float(r[1]) for r in offenses]
    arrests = table_rows(window.arrests_table)
    assert bar_values(window.charts["arrests"], 1) == [float(r[2]) for r in arrests] and arrests[0][2] == "2"
    line = window.charts["clearance"].chart().series()[0]
    clearance = table_rows(window.clearance_table)
    assert [f"{line.at(i).y():.1f}%" for i in range(line.count())] == [r[3] or "0.0%" for r in clearance]
    # the keyboard reads the tables; the charts take no focus
    assert all(view.focusPolicy() == Qt.NoFocus for view in window.charts.values())
    assert window.rates_table.focusPolicy() != Qt.NoFocus
    # the quarter's common errors (April-June): Enter shows the reports the error names in the office's list
    q = quality(store, months=3)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.tabs, Qt.Key_C, Qt.AltModifier)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1)
    assert table_rows(window.errors_table)[0][:3] == [q.common[0].number, q.common[0].field, "1"]
    window.errors_table.setFocus()
    window.errors_table.setCurrentCell(0, 0)
    qtbot.keyClick(window.errors_table, Qt.Key_Return)
    listed = {(r.kind, r.id) for r in office.model.rows}
    assert listed == set(q.common[0].records) and len(listed) == 1
    assert "error " + q.common[0].number in office.filters.note.text()
    assert window.isVisible()  # Enter opened the reports; the window stays
    window.close()


def test_the_view_is_saved_as_png_and_pdf(qtbot, store, tmp_path):
    from desktop.ui.office.quality_window import CHART_SIZE, QualityWindow

    reports, with_errors = month_of(store, tmp_path, 3, 9, 1, arrests=3)
    window = QualityWindow(None, store)
    qtbot.addWidget(window)
    window.show()
    pngs = window.save_png(tmp_path / "charts")
    assert sorted(p.name for p in pngs) == ["arrests.png", "clearance.png", "error-rates.png", "offenses.png"]
    for path in pngs:
        image = QImage(str(path))
        assert (image.width(), image.height()) == CHART_SIZE
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 3, path  # drawn, not blank
    pdf = window.save_pdf(tmp_path / "quality.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000  # the tables and the four charts
    html = window.view_html()
    assert html.count("<img") == 4 and f"{100 * with_errors / reports:.2f}%" in html


def test_the_certification_packet_by_one_menu_action(qtbot, store, tmp_path, monkeypatch):
    for month in (3, 4, 5):
        month_of(store, tmp_path, month, 10, 0)
    office = office_window(qtbot, store)
    action = office.findChild(QAction, "action_packet")
    assert action.isEnabled()
    monkeypatch.setattr("desktop.ui.office.submission_actions.QFileDialog.getExistingDirectory",
                        staticmethod(lambda *a, **k: str(tmp_path / "packet")))
    action.trigger()
    qtbot.waitUntil(lambda: getattr(office, "result_dialog", None) is not None
                    and office.result_dialog.isVisible(), timeout=30000)
    files = sorted(p.name for p in (tmp_path / "packet" / "files").iterdir())
    assert len([f for f in files if "_NIBRS_" in f and "ZERO" not in f]) == 3 and any("ZERO" in f for f in files)
    assert (tmp_path / "packet" / "error-rates.csv").read_text().count("\n") == 4
    assert "2025-03, 2025-04, 2025-05" in (tmp_path / "packet" / "README.txt").read_text()
    office.result_dialog.close()
    QApplication.processEvents()


def test_no_alt_letter_twice_on_any_tab_counting_the_tabs_own_letters(qtbot, store, tmp_path):
    from test_alt_and_tab import alt_letters, collisions, letter

    from desktop.ui.office.quality_window import QualityWindow

    month_of(store, tmp_path, 3, 5, 1, arrests=1)
    window = QualityWindow(None, store, show_records=lambda records, words: None, write_packet=lambda: None)
    qtbot.addWidget(window)
    window.show()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert all(letter(t) for t in tabs)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        found = alt_letters(window)
        for t in tabs:
            found[letter(t)].append(f"tab {t!r}")
        assert collisions(found) == {}, (tabs[i], collisions(found))
