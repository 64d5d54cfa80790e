"""The Data quality window (Monthly submission > Data quality, Ctrl+Shift+Q): desktop.submission.quality in tables
and charts.

Three tabs: Error rates (per month: exported, accepted, rejected, the error rate as the FBI counts it, whether it
is at or under 4%, and the certification terms in words), Common errors (the quarter's, with field and fix;
Enter shows the reports an error names in the office window's list) and Trends (offenses by month, the clearance
rate, arrests in Group A incidents and Group B arrests, with the month's summary beside them). Every chart has the
table of its numbers beside it, which the keyboard reaches (the charts take no focus). The window prints, saves as
PDF, saves its charts as PNG, and writes the certification packet. Charts are QtCharts (PySide6-Addons), loaded
when the window first draws one.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Callable

from desktop.ui.dialogs import words
from desktop.ui.qt import (
    ERROR_COLOUR, GOOD_COLOUR, QBuffer, QByteArray, QColor, QComboBox, QDialog, QFileDialog, QFrame, QHBoxLayout,
    QHeaderView, QIODevice, QLabel, QMessageBox, QPainter, QPen, QPlainTextEdit, QPushButton, QScrollArea,
    QSizePolicy, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget, Qt, tr,
    resize_within_screen,
)

CHART_SIZE = (640, 300)  # a chart's size on paper and in a PNG, in pixels


def _item(text: str, *, right: bool = False) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    it.setFlags(Qt.ItemIsSelectable | Qt.ItemIsEnabled)
    if right:
        it.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return it


def _table(name: str, headings: list[str], rows: list[list[str]], right_from: int = 1) -> QTableWidget:
    """A table of numbers: read only, whole rows selected, Tab leaves it (the arrows move in it)."""
    t = QTableWidget(len(rows), len(headings))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headings)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QTableWidget.SelectRows)
    t.setTabKeyNavigation(False)
    t.setAlternatingRowColors(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            t.setItem(r, c, _item(text, right=c >= right_from))
    t.resizeColumnsToContents()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
    if right_from < len(headings):  # a table of numbers: as wide as its columns, the chart beside it takes the rest
        width = sum(t.columnWidth(c) for c in range(t.columnCount())) + 2 * t.frameWidth() \
            + t.style().pixelMetric(t.style().PixelMetric.PM_ScrollBarExtent) + 4
        t.setMaximumWidth(width)
    else:
        t.horizontalHeader().setStretchLastSection(True)
    if rows:
        t.setCurrentCell(0, 0)
    return t


def _pct(value: float | None) -> str:
    return "" if value is None else tr("{0}%").format(f"{value:.2f}")


class QualityWindow(QDialog):
    """Data quality and certification, offline (see the module's docstring)."""

    def __init__(self, parent, store, *, show_records: Callable[[list[tuple[str, int]], str], None] | None = None,
                 write_packet: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setObjectName("quality_window")
        self.setWindowTitle(self.tr("Data quality"))
        self.store = store
        self.show_records = show_records
        self.write_packet_callback = write_packet
        self.quality = None
        self.charts: dict[str, QWidget] = {}  # name -> chart view
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        months_label = QLabel(self.tr("&Months shown:"))
        self.months = QSpinBox()
        self.months.setObjectName("quality_months")
        self.months.setRange(1, 60)
        self.months.setValue(12)
        self.months.setAccessibleName(self.tr("Months shown"))
        months_label.setBuddy(self.months)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("quality_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        top.addWidget(months_label)
        top.addWidget(self.months)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.certification = QLabel()
        self.certification.setObjectName("quality_certification")
        self.certification.setWordWrap(True)
        self.certification.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.certification)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("quality_tabs")
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print..."))
        self.print_button.setObjectName("quality_print")
        self.print_button.clicked.connect(self.print_view)
        self.pdf_button = QPushButton(self.tr("Save as P&DF..."))
        self.pdf_button.setObjectName("quality_pdf")
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.png_button = QPushButton(self.tr("Save charts as P&NG..."))
        self.png_button.setObjectName("quality_png")
        self.png_button.clicked.connect(self.choose_png)
        self.packet_button = QPushButton(self.tr("Certification pac&ket..."))
        self.packet_button.setObjectName("quality_packet")
        self.packet_button.clicked.connect(self._packet)
        self.packet_button.setVisible(write_packet is not None)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("quality_close")
        self.close_button.setAutoDefault(False)  # Enter in a table opens its reports, never closes the window
        self.close_button.clicked.connect(self.close)
        for b in (self.print_button, self.pdf_button, self.png_button, self.packet_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.months.editingFinished.connect(self.refresh)
        resize_within_screen(self, 1100, 720)
        self.refresh()

    # ------------------------------------------------------------------ building
    def refresh(self) -> None:
        from desktop.submission.quality import quality

        current = self.tabs.currentIndex()
        self.quality = quality(self.store, months=self.months.value())
        self.tabs.clear()
        self.charts = {}
        self.tabs.addTab(self._rates_tab(), self.tr("&Error rates"))
        self.tabs.addTab(self._errors_tab(), self.tr("&Common errors"))
        self.tabs.addTab(self._trends_tab(), self.tr("&Trends"))
        self.tabs.setCurrentIndex(max(current, 0))
        c = self.quality.certification
        head = self.tr("Certification terms (an error rate of 4% or less for three consecutive submissions): "
                       "met.") if c.met else self.tr("Certification terms (an error rate of 4% or less for three "
                                                     "consecutive submissions): not met yet.")
        self.certification.setText("<b>" + html.escape(head) + "</b><br>"
                                   + "<br>".join(html.escape(n) for n in c.needed))
        self.certification.setStyleSheet(f"color: {GOOD_COLOUR if c.met else ERROR_COLOUR}")

    def _beside(self, chart: QWidget | None, table: QTableWidget, caption: str) -> QWidget:
        """A chart with the table of its numbers beside it, under a caption that names the table for the keys."""
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        label = QLabel(caption)
        label.setBuddy(table)
        v.addWidget(label)
        split = QSplitter(Qt.Horizontal)
        if chart is not None:
            split.addWidget(chart)
        split.addWidget(table)
        split.setChildrenCollapsible(False)
        if chart is not None:  # the chart takes the room its month labels need; the table its columns
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
        v.addWidget(split, 1)
        return box

    def _rates_tab(self) -> QWidget:
        q = self.quality
        rows = [[str(m.month), f"{m.exported:,}", "" if m.accepted is None else f"{m.accepted:,}",
                 "" if m.rejected is None else f"{m.rejected:,}", _pct(m.error_rate),
                 "" if m.meets is None else (self.tr("yes") if m.meets else self.tr("no"))] for m in q.months]
        self.rates_table = _table("quality_rates", [self.tr("Month"), self.tr("Exported"), self.tr("Accepted"),
                                                    self.tr("Rejected"), self.tr("Error rate"),
                                                    self.tr("4% or less")], rows)
        chart = self._bar_chart("error_rates", self.tr("Error rate by month (%), the 4% bar"),
                                [str(m.month) for m in q.months],
                                [(self.tr("Error rate"), [m.error_rate or 0.0 for m in q.months])],
                                line=(self.tr("4% bar"), 4.0))
        return self._beside(chart, self.rates_table, self.tr("Error rates by month of &submission (from the "
                                                             "feedback loaded):"))

    def _errors_tab(self) -> QWidget:
        q = self.quality
        rows = [[e.number, e.field, f"{e.reports:,}", e.message, e.fix] for e in q.common]
        self.errors_table = _table("quality_errors", [self.tr("Error"), self.tr("Field"), self.tr("Reports"),
                                                      self.tr("Message"), self.tr("To fix")], rows, right_from=99)
        self.errors_table.activated.connect(lambda _index: self.open_error_reports())
        box = QWidget()
        v = QVBoxLayout(box)
        label = QLabel(self.tr("The most common err&ors, {0} (Enter shows the reports in the list):").format(q.quarter))
        label.setBuddy(self.errors_table)
        v.addWidget(label)
        v.addWidget(self.errors_table, 1)
        if not q.common:
            v.addWidget(QLabel(self.tr("No error in the feedback loaded for this quarter.")))
        self.show_button = QPushButton(self.tr("&Show these reports"))
        self.show_button.setObjectName("quality_show_reports")
        self.show_button.setAutoDefault(False)
        self.show_button.setEnabled(bool(q.common) and self.show_records is not None)
        self.show_button.clicked.connect(self.open_error_reports)
        v.addWidget(self.show_button, 0, Qt.AlignLeft)
        return box

    def _trends_tab(self) -> QWidget:
        q = self.quality
        months = [str(m.month) for m in q.months]
        box = QWidget()
        grid = QVBoxLayout(box)
        top = QSplitter(Qt.Horizontal)
        charts = QWidget()
        cv = QVBoxLayout(charts)
        cv.setContentsMargins(0, 0, 0, 0)
        self.offenses_table = _table("quality_offenses", [self.tr("Month"), self.tr("Offenses"), self.tr("Incidents")],
                                     [[str(m.month), f"{m.offenses:,}", f"{m.incidents:,}"] for m in q.months])
        cv.addWidget(self._beside(self._bar_chart("offenses", self.tr("Group A offenses by month"), months,
                                                  [(self.tr("Offenses"), [m.offenses for m in q.months])]),
                                  self.offenses_table, self.tr("&Offenses by month:")))
        self.clearance_table = _table("quality_clearance", [self.tr("Month"), self.tr("Cleared"), self.tr("Incidents"),
                                                            self.tr("Clearance rate")],
                                      [[str(m.month), f"{m.cleared:,}", f"{m.incidents:,}",
                                        "" if m.clearance_rate is None else tr("{0}%").format(f"{m.clearance_rate:.1f}")]
                                       for m in q.months])
        cv.addWidget(self._beside(self._line_chart("clearance", self.tr("Clearance rate by month (%)"), months,
                                                   [m.clearance_rate or 0.0 for m in q.months]),
                                  self.clearance_table, self.tr("C&learance rate:")))
        self.arrests_table = _table("quality_arrests", [self.tr("Month"), self.tr("Group A"), self.tr("Group B")],
                                    [[str(m.month), f"{m.arrests_a:,}", f"{m.arrests_b:,}"] for m in q.months])
        cv.addWidget(self._beside(self._bar_chart("arrests", self.tr("Arrests by month: Group A and Group B"), months,
                                                  [(self.tr("Group A"), [m.arrests_a for m in q.months]),
                                                   (self.tr("Group B"), [m.arrests_b for m in q.months])],
                                                  stacked=True),
                                  self.arrests_table, self.tr("&Arrests by month:")))
        # three charts need 800 pixels: they scroll on a smaller screen (Tab to a table scrolls it into view), so the
        # window still fits a 1366x768 laptop
        scroll = QScrollArea()
        scroll.setObjectName("quality_trends_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setFocusPolicy(Qt.NoFocus)  # the tables in it take the keys, as before
        scroll.setWidget(charts)
        top.addWidget(scroll)
        side = QWidget()
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        month_label = QLabel(self.tr("The summary of the mont&h sent:"))
        self.summary_month = QComboBox()
        self.summary_month.setObjectName("quality_summary_month")
        month_label.setBuddy(self.summary_month)
        for m in q.months:
            if m.summary is not None:
                self.summary_month.addItem(str(m.month), m.summary)
        self.summary_text = QPlainTextEdit()
        self.summary_text.setObjectName("quality_summary")
        self.summary_text.setReadOnly(True)
        self.summary_text.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.summary_month.currentIndexChanged.connect(self._show_summary)
        self.summary_month.setCurrentIndex(self.summary_month.count() - 1)
        self._show_summary()
        sv.addWidget(month_label)
        sv.addWidget(self.summary_month)
        sv.addWidget(self.summary_text, 1)
        top.addWidget(side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        grid.addWidget(top, 1)
        return box

    def _show_summary(self) -> None:
        summary = self.summary_month.currentData()
        self.summary_text.setPlainText(summary.text() if summary is not None else
                                       self.tr("No month was exported in the months shown."))

    # ------------------------------------------------------------------ charts
    def _axes(self, chart, categories: list[str], top: float):
        from desktop.ui.qt import QBarCategoryAxis, QValueAxis

        x = QBarCategoryAxis()
        x.append(categories)
        x.setLabelsAngle(-60 if len(categories) > 6 else 0)
        y = QValueAxis()
        y.setRange(0, max(top, 1.0) * 1.15)
        y.applyNiceNumbers()  # ticks on round numbers: the 4% bar sits on a tick that says 4
        y.setLabelFormat("%g")
        chart.addAxis(x, Qt.AlignBottom)
        chart.addAxis(y, Qt.AlignLeft)
        return x, y

    def _view(self, name: str, chart) -> QWidget:
        from desktop.ui.qt import QChartView

        chart.setAnimationOptions(chart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignBottom)
        view = QChartView(chart)
        view.setObjectName(f"chart_{name}")
        view.setRenderHint(QPainter.Antialiasing)
        view.setFocusPolicy(Qt.NoFocus)  # the table beside it is what the keyboard reads
        view.setMinimumSize(360, 220)
        view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.charts[name] = view
        return view

    def _bar_chart(self, name: str, title: str, categories: list[str], sets: list[tuple[str, list[float]]], *,
                   stacked: bool = False, line: tuple[str, float] | None = None) -> QWidget:
        from desktop.ui.qt import QBarSeries, QBarSet, QChart, QLineSeries, QStackedBarSeries

        chart = QChart()
        chart.setTitle(title)
        series = QStackedBarSeries() if stacked else QBarSeries()
        top = 0.0
        for label, values in sets:
            bar = QBarSet(label)
            bar.append([float(v) for v in values])
            series.append(bar)
            top = max(top, *(float(v) for v in values), 0.0)
        if stacked and sets:
            top = max(sum(float(s[1][i]) for s in sets) for i in range(len(categories))) if categories else 0.0
        chart.addSeries(series)
        x, y = self._axes(chart, categories, max(top, line[1] if line else 0.0))
        series.attachAxis(x)
        series.attachAxis(y)
        if line is not None and categories:
            bar_line = QLineSeries()
            bar_line.setName(line[0])
            bar_line.append(-0.5, line[1])
            bar_line.append(len(categories) - 0.5, line[1])
            pen = QPen(QColor(ERROR_COLOUR))
            pen.setWidth(2)
            pen.setStyle(Qt.DashLine)
            bar_line.setPen(pen)
            chart.addSeries(bar_line)
            from desktop.ui.qt import QValueAxis

            across = QValueAxis()
            across.setRange(-0.5, len(categories) - 0.5)
            across.setVisible(False)
            chart.addAxis(across, Qt.AlignTop)
            bar_line.attachAxis(across)
            bar_line.attachAxis(y)
        return self._view(name, chart)

    def _line_chart(self, name: str, title: str, categories: list[str], values: list[float]) -> QWidget:
        from desktop.ui.qt import QChart, QLineSeries

        chart = QChart()
        chart.setTitle(title)
        series = QLineSeries()
        series.setName(title)
        for i, v in enumerate(values):
            series.append(float(i), float(v))
        series.setPointsVisible(True)
        chart.addSeries(series)
        x, y = self._axes(chart, categories, 100.0 / 1.15)  # a rate: 0 to 100%
        series.attachAxis(x)
        series.attachAxis(y)
        view = self._view(name, chart)
        chart.legend().hide()
        return view

    # ------------------------------------------------------------------ actions
    def open_error_reports(self) -> None:
        """The reports the chosen error names, in the office window's list."""
        row = self.errors_table.currentRow()
        if self.show_records is None or not (0 <= row < len(self.quality.common)):
            return
        e = self.quality.common[row]
        self.show_records(list(e.records), self.tr("Reports with error {0} ({1}) this quarter: {2} (Esc or any "
                                                    "filter shows every report again)").format(e.number, e.field,
                                                                                               len(e.records)))

    def chart_png(self, name: str) -> bytes:
        """A chart as a PNG of CHART_SIZE, whatever its size on screen."""
        view = self.charts[name]
        old = view.size()
        view.resize(*CHART_SIZE)
        image = view.grab().toImage()
        view.resize(old)
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.WriteOnly)
        image.save(buf, "PNG")
        return bytes(data)

    def save_png(self, folder: str | Path) -> list[Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for name in self.charts:
            path = folder / f"{name.replace('_', '-')}.png"
            path.write_bytes(self.chart_png(name))
            out.append(path)
        return out

    def view_html(self) -> str:
        """The whole view for paper: the terms, each table, and each chart beside its numbers."""
        q = self.quality
        esc = html.escape

        def table(headings, rows) -> str:
            head = "".join(f"<th>{esc(h)}</th>" for h in headings)
            body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in r) + "</tr>" for r in rows)
            return f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"

        def image(name) -> str:
            data = base64.b64encode(self.chart_png(name)).decode("ascii")
            return f"<p><img src='data:image/png;base64,{data}' width='{CHART_SIZE[0]}' height='{CHART_SIZE[1]}'></p>"

        def rows_of(t: QTableWidget):
            return [[t.item(r, c).text() if t.item(r, c) else "" for c in range(t.columnCount())]
                    for r in range(t.rowCount())]

        def heads_of(t: QTableWidget):
            return [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]

        agency = self.store.agency()
        parts = [f"<h2>{esc(self.tr('Data quality'))}: {esc(agency.name if agency else '')}</h2>",
                 f"<p>{self.certification.text()}</p>",
                 f"<h3>{esc(self.tr('Error rates by month of submission'))}</h3>",
                 table(heads_of(self.rates_table), rows_of(self.rates_table)), image("error_rates"),
                 f"<h3>{esc(self.tr('The most common errors, {0}').format(q.quarter))}</h3>",
                 table(heads_of(self.errors_table), rows_of(self.errors_table)),
                 f"<h3>{esc(self.tr('Trends'))}</h3>",
                 table(heads_of(self.offenses_table), rows_of(self.offenses_table)), image("offenses"),
                 table(heads_of(self.clearance_table), rows_of(self.clearance_table)), image("clearance"),
                 table(heads_of(self.arrests_table), rows_of(self.arrests_table)), image("arrests")]
        return "".join(parts)

    def save_pdf(self, path: str | Path) -> Path:
        from desktop.ui.wizard.printing import save_pdf

        return save_pdf(self.view_html(), path)

    def print_view(self) -> None:
        from desktop.ui.qt import QPrintDialog
        from desktop.ui.wizard.printing import make_printer, print_html

        printer = make_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.Accepted:
            print_html(self.view_html(), printer)

    def choose_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the data quality view as PDF"),
                                                    "data-quality.pdf", self.tr("PDF files (*.pdf)"))
        if path:
            try:
                self.save_pdf(path)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Not saved"), words(exc))

    def choose_png(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the charts as PNG files in"))
        if folder:
            try:
                saved = self.save_png(folder)
            except OSError as exc:
                QMessageBox.warning(self, self.tr("Not saved"), words(exc))
                return
            QMessageBox.information(self, self.tr("Charts saved"), "\n".join(str(p) for p in saved))

    def _packet(self) -> None:
        if self.write_packet_callback is not None:
            self.write_packet_callback()
