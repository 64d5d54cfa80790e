"""The office window: the list of reports and the actions on them."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTableView, QVBoxLayout, QWidget

from desktop import APP_NAME, __version__
from desktop.store.service import STATUS_LABELS, RecordSummary, SearchFilter, Store

PAGE = 200


class RecordListModel(QAbstractTableModel):
    """Reports as a table, fetched from the database a page at a time as the view scrolls."""

    COLUMNS = ("Number", "Kind", "Date", "Offense", "Status", "Errors", "Warnings")

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.filter = SearchFilter()
        self.rows: list[RecordSummary] = []
        self.total = 0
        self.refresh()

    def refresh(self, flt: SearchFilter | None = None) -> None:
        if flt is not None:
            self.filter = flt
        self.beginResetModel()
        self.total = self.store.count(self.filter)
        self.rows = self.store.search(self.filter, offset=0, limit=PAGE)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        more = self.store.search(self.filter, offset=len(self.rows), limit=PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows.extend(more)
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return None
        r = self.rows[index.row()]
        col = index.column()
        kind = {"incident": self.tr("Group A incident"), "group_b": self.tr("Group B arrest"),
                "zero_report": self.tr("Zero report")}[r.kind]
        return (r.number, kind, r.date.isoformat() if r.date else "", r.offense,
                self.tr(STATUS_LABELS.get(r.status, r.status)), str(r.error_count), str(r.warning_count))[col]

    def summary(self, row: int) -> RecordSummary:
        return self.rows[row]


class MainWindow(QMainWindow):
    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self.resize(1000, 640)
        central = QWidget()
        layout = QVBoxLayout(central)
        self.agency_label = QLabel()
        self.agency_label.setObjectName("agency_label")
        layout.addWidget(self.agency_label)
        self.model = RecordListModel(store, self)
        self.table = QTableView()
        self.table.setObjectName("record_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        self.table.setAccessibleName(self.tr("Reports"))
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self._make_actions()
        self._update_agency()

    def _make_actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.action_settings = QAction(self.tr("Agency &settings..."), self)
        self.action_settings.setObjectName("action_settings")
        self.action_settings.triggered.connect(self.edit_settings)
        file_menu.addAction(self.action_settings)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About NIBRS Desk"), self)
        about.setObjectName("action_about")
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def _update_agency(self) -> None:
        agency = self.store.agency()
        if agency:
            self.agency_label.setText(self.tr("{0} — ORI {1}").format(agency.name, agency.ori))
        else:
            self.agency_label.setText(self.tr("No agency set up yet: choose File > Agency settings."))

    def first_start(self) -> None:
        from desktop.ui.agency_dialog import AgencyDialog

        AgencyDialog(self.store, self, first_start=True).exec()
        self._update_agency()

    def edit_settings(self) -> None:
        from desktop.ui.agency_dialog import AgencyDialog

        if AgencyDialog(self.store, self).exec():
            self._update_agency()

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About NIBRS Desk"),
                          self.tr("{0} {1}\nOffline NIBRS incident reporting.").format(APP_NAME, __version__))

    def closeEvent(self, event) -> None:
        self.store.close()
        super().closeEvent(event)
