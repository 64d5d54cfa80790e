"""The office window: the list of reports, searched and filtered, and the actions on them.

The list is a table model over the database that fetches a page of rows at a time as the
view scrolls (``canFetchMore``/``fetchMore``), so fifty thousand incidents open as fast as
fifty. Searching and filtering run in the database (``Store.search``). Reports open in the
incident or Group B wizard; every save goes through the store.

At start-up the window is shown first and the database opened right after (``opener``): the
storage layer (SQLAlchemy) takes longer to import than Qt takes to show a window.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable

from desktop import APP_NAME, __version__
from desktop.ui.dialogs import status_words, words
from desktop.ui.qt import (
    ACTIONS, ERROR_COLOUR, ERROR_STYLE, MENUS, QT_TRANSLATE_NOOP, ActionSpec, QAbstractItemView, QAbstractTableModel,
    QAction, QCheckBox, QColor, QComboBox, QEvent, QFileDialog, QHBoxLayout, QHeaderView, QKeySequence, QLabel,
    QLineEdit, QMainWindow, QMenu, QMessageBox, QModelIndex, QSize, QTableView, QTimer, QToolBar, QVBoxLayout, QWidget,
    Qt, Signal, tr,
)

if TYPE_CHECKING:  # pragma: no cover
    from desktop.store.service import RecordSummary, SearchFilter, Store

PAGE = 200


class RecordListModel(QAbstractTableModel):
    """Reports as a table, fetched from the database a page at a time as the view scrolls."""

    COLUMNS = (QT_TRANSLATE_NOOP("RecordListModel", "Number"), QT_TRANSLATE_NOOP("RecordListModel", "Kind"),
               QT_TRANSLATE_NOOP("RecordListModel", "Date"), QT_TRANSLATE_NOOP("RecordListModel", "Offense"),
               QT_TRANSLATE_NOOP("RecordListModel", "Status"), QT_TRANSLATE_NOOP("RecordListModel", "Errors"),
               QT_TRANSLATE_NOOP("RecordListModel", "Warnings"), QT_TRANSLATE_NOOP("RecordListModel", "Last saved"))
    counted = Signal(int)

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        from desktop.store.service import SearchFilter

        self.store = store
        self.filter = SearchFilter()
        self.rows: list[RecordSummary] = []
        self.total = 0
        self.more = False
        self._count_pending = False
        self._offenses = store.dictionary.code_list("offense_code")
        self.state_errors: dict[tuple[str, int], int] = {}  # errors the state returned about the revision sent
        self.refresh()

    def refresh(self, flt: SearchFilter | None = None) -> None:
        """Show the first page of matching reports now; count them all just after."""
        if flt is not None:
            self.filter = flt
        self.beginResetModel()
        self.rows = self.store.search(self.filter, offset=0, limit=PAGE)
        self.state_errors = self._state_errors(self.rows)
        self.more = len(self.rows) == PAGE
        self.total = len(self.rows)
        self.endResetModel()
        self._count_pending = self.more
        if self.more:
            QTimer.singleShot(0, self._count)
        self.counted.emit(self.total)

    def _count(self) -> None:
        if not self._count_pending:
            return
        self._count_pending = False
        self.total = self.store.count(self.filter)
        self.counted.emit(self.total)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.more

    def fetchMore(self, parent=QModelIndex()) -> None:
        more = self.store.search(self.filter, offset=len(self.rows), limit=PAGE)
        self.more = len(more) == PAGE
        if not more:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.state_errors.update(self._state_errors(more))
        self.rows.extend(more)
        self.endInsertRows()

    def _state_errors(self, rows) -> dict[tuple[str, int], int]:
        from desktop.store.submissions import state_error_counts

        return state_error_counts(self.store, [(r.kind, r.id) for r in rows])

    def _state_tip(self, r: RecordSummary) -> str:
        from desktop.store.submissions import state_findings

        return "\n".join(self.tr("The state: {0} {1}: {2}").format(s.finding.severity, s.finding.error, s.finding.message)
                         for s in state_findings(self.store, r.kind, r.id))

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role in (Qt.DisplayRole, Qt.AccessibleTextRole):
            return self._text(r, col, role == Qt.AccessibleTextRole)
        if role == Qt.ToolTipRole and col == 3 and r.offense:
            code = self._offenses.get(r.offense)
            return code.description if code else None
        if role == Qt.ToolTipRole and col in (4, 5) and self.state_errors.get((r.kind, r.id)):
            return self._state_tip(r)
        if role == Qt.ToolTipRole and col in (4, 5) and r.waiting_count:
            return self.tr("Waiting for a supervisor to fill {0}.").format(self._waiting_names())
        if role == Qt.ForegroundRole and col == 5 and (r.error_count or self.state_errors.get((r.kind, r.id))):
            return QColor(ERROR_COLOUR)
        if role == Qt.TextAlignmentRole and col in (5, 6):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _text(self, r: RecordSummary, col: int, spoken: bool) -> str:
        if col == 0:
            return r.number
        if col == 1:
            return {"incident": self.tr("Group A incident"), "group_b": self.tr("Group B arrest"),
                    "zero_report": self.tr("Zero report")}[r.kind]
        if col == 2:
            return f"{r.date.month:02d}/{r.date.day:02d}/{r.date.year:04d}" if r.date else ""
        if col == 3:
            code = self._offenses.get(r.offense)
            return f"{r.offense} {code.text}" if code else r.offense
        if col == 4:
            return status_words(r.status)
        if col == 5:
            state = self.state_errors.get((r.kind, r.id))
            if state:
                return (self.tr("{0} errors, {1} from the state").format(r.error_count, state) if spoken else
                        self.tr("{0} + {1} from the state").format(r.error_count, state))
            if r.waiting_count:  # errors on restricted fields this person does not see: not theirs
                return (self.tr("{0} errors; waiting for a supervisor to fill {1}").format(
                    r.error_count, self._waiting_names()) if spoken else self.tr("{0} (waiting)").format(r.error_count))
            return self.tr("{0} errors").format(r.error_count) if spoken else str(r.error_count)
        if col == 6:
            return self.tr("{0} warnings").format(r.warning_count) if spoken else str(r.warning_count)
        if col == 7:
            return r.updated_at.strftime("%m/%d/%Y %H:%M") if r.updated_at else ""
        return ""

    def _waiting_names(self) -> str:
        from desktop.forms.access import restricted_names

        return restricted_names(self.store)

    def summary(self, row: int) -> RecordSummary:
        return self.rows[row]

    def row_of(self, kind: str, record_id: int) -> int | None:
        for i, r in enumerate(self.rows):
            if r.kind == kind and r.id == record_id:
                return i
        return None


class FilterBar(QWidget):
    """Search by number, date range, offense, status, errors and kind; the list follows as you type."""

    changed = Signal()

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        from desktop.store.service import STATUSES

        self.store = store
        self.setObjectName("filter_bar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.number = QLineEdit()
        self.number.setObjectName("filter_number")
        self.number.setPlaceholderText(self.tr("number"))
        self.number.setClearButtonEnabled(True)
        self.date_from = QLineEdit()
        self.date_from.setObjectName("filter_from")
        self.date_from.setPlaceholderText("MM/DD/YYYY")
        self.date_to = QLineEdit()
        self.date_to.setObjectName("filter_to")
        self.date_to.setPlaceholderText("MM/DD/YYYY")
        self.offense = QLineEdit()
        self.offense.setObjectName("filter_offense")
        self.offense.setPlaceholderText(self.tr("code or words"))
        self.status = QComboBox()
        self.status.setObjectName("filter_status")
        self.status.addItem(self.tr("Any status"), None)
        for s in STATUSES:
            self.status.addItem(status_words(s), s)
        self.kind = QComboBox()
        self.kind.setObjectName("filter_kind")
        self.kind.addItem(self.tr("Incidents and arrests"), ("incident", "group_b"))
        self.kind.addItem(self.tr("Group A incidents"), ("incident",))
        self.kind.addItem(self.tr("Group B arrests"), ("group_b",))
        self.errors = QCheckBox(self.tr("Has &errors"))
        self.errors.setObjectName("filter_errors")
        for text, w, width in ((self.tr("&Search:"), self.number, 130), (self.tr("&Dates from:"), self.date_from, 100),
                               (self.tr("T&o:"), self.date_to, 100), (self.tr("Offe&nse:"), self.offense, 130),
                               (self.tr("Stat&us:"), self.status, 0), (self.tr("&Kind:"), self.kind, 0)):
            label = QLabel(text)
            label.setBuddy(w)
            layout.addWidget(label)
            if width:
                w.setMinimumWidth(width)
            layout.addWidget(w)
            w.setAccessibleName(text.replace("&", "").rstrip(":"))
        layout.addWidget(self.errors)
        layout.addStretch(1)
        self.problem = QLabel()
        self.problem.setObjectName("filter_problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.problem)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.changed)
        for w in (self.number, self.date_from, self.date_to, self.offense):
            w.textChanged.connect(lambda _=None: self._timer.start())
        self.status.currentIndexChanged.connect(lambda _=None: self._timer.start())
        self.kind.currentIndexChanged.connect(lambda _=None: self._timer.start())
        self.errors.toggled.connect(lambda _=None: self._timer.start())

    def search_filter(self) -> SearchFilter:
        """The filter the fields describe; a field that cannot be read is left out and named."""
        from desktop.store.service import SearchFilter
        from desktop.forms import entry

        problems = []
        flt = SearchFilter(kinds=self.kind.currentData())
        flt.number = self.number.text().strip() or None
        for name, w in (("date_from", self.date_from), ("date_to", self.date_to)):
            try:
                setattr(flt, name, entry.parse_date(w.text()))
            except ValueError as exc:
                problems.append(str(exc))
        if self.offense.text().strip():
            codes = self.store.dictionary.code_list("offense_code")
            parsed = entry.resolve_code(self.offense.text(), codes, list(codes), finished=True)
            if parsed.ok and parsed.value:
                flt.offense = parsed.value
            else:
                problems.append(parsed.problem or "")
        flt.status = self.status.currentData()
        flt.has_errors = True if self.errors.isChecked() else None
        self.problem.setText("; ".join(p for p in problems if p))
        return flt


class MainWindow(QMainWindow):
    """The office window over a store, or over a store still being opened (``opener``)."""

    database_opened = Signal()
    first_painted = Signal()

    def __init__(self, store: Store | None = None, *, opener: Callable[[], Store] | None = None):
        super().__init__()
        self.store: Store | None = None
        self.model: RecordListModel | None = None
        self.filters: FilterBar | None = None
        self.wizards: list = []
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 680)
        central = QWidget()
        self.layout_ = QVBoxLayout(central)
        self.agency_label = QLabel(self.tr("Opening the database..."))
        self.agency_label.setObjectName("agency_label")
        self.layout_.addWidget(self.agency_label)
        self.table = QTableView()
        self.table.setObjectName("record_list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAccessibleName(self.tr("Reports"))
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.layout_.addWidget(self.table, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("record_count")
        self.layout_.addWidget(self.count_label)
        self.setCentralWidget(central)
        self.usable = True  # menus and toolbar work (not while locked or signed out: set_usable)
        self._make_actions()
        self._update_actions()
        from desktop.ui.session.session import Session

        self.session = Session(self)  # who is signed in, roles on the actions, the idle lock
        self._opener = opener
        self._painted = False
        if store is not None:
            self.attach(store)

    def event(self, e) -> bool:
        result = super().event(e)
        if e.type() == QEvent.Paint and not self._painted:
            self._painted = True  # on screen: now open the database (see the module's docstring)
            self.first_painted.emit()
            if self._opener is not None and self.store is None:
                QTimer.singleShot(0, lambda: self._open(self._opener))
        return result

    def _open(self, opener: Callable[[], Store]) -> None:
        """Open the database once the window is on screen; a database that cannot be opened is said so."""
        from desktop.store.db import DatabaseError

        try:
            store = opener()
        except DatabaseError as exc:
            self.agency_label.setText(str(exc))
            QMessageBox.critical(self, APP_NAME, str(exc))
            return
        self.attach(store)
        if store.agency() is None:
            self.first_start()

    def attach(self, store: Store) -> None:
        """The database is open: fill the list, the filters and the actions."""
        self.store = store
        if self.filters is not None:  # attached again (after a restore)
            self.filters.setParent(None)
            self.filters.deleteLater()
        self.filters = FilterBar(store)
        self.layout_.insertWidget(1, self.filters)
        self.model = RecordListModel(store, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        for col, chars in enumerate((14, 16, 11, 34, 16, 7, 9, 17)):
            self.table.setColumnWidth(col, self.table.fontMetrics().averageCharWidth() * chars + 12)
        header.setSectionResizeMode(3, QHeaderView.Stretch)  # the offense's words take the room left
        self.model.counted.connect(self._show_count)
        self.filters.changed.connect(self.apply_filter)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._update_actions)
        self._update_agency()
        self._show_count(self.model.total)
        self._update_actions()
        self.database_opened.emit()

    def detach(self) -> None:
        """Close the database (before a restore): the list empties until a store is attached again."""
        if self.store is not None:
            self.store.close()
        self.store = None
        self.table.setModel(None)
        self.model = None
        if self.filters is not None:
            self.filters.hide()
        self._update_actions()

    # ------------------------------------------------------------------ actions
    def _make_actions(self) -> None:
        """The menus, the toolbar and every action, from the one declaration (desktop.ui.qt.ACTIONS)."""
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        for key, title, _hidden_when_empty in MENUS:
            menu = QMenu(tr(title), self)
            menu.setObjectName(f"menu_{key}")
            self.menuBar().addMenu(menu)
            self.menus[key] = menu
        self.toolbar = QToolBar(self.tr("Main"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        group: dict[str, int] = {}
        for spec in ACTIONS:
            action = self._make_action(spec)
            menu = self.menus[spec.menu]
            if group.setdefault(spec.menu, spec.group) != spec.group:
                menu.addSeparator()
                group[spec.menu] = spec.group
            menu.addAction(action)
            if spec.toolbar:
                if group.setdefault("toolbar", spec.toolbar) != spec.toolbar:
                    self.toolbar.addSeparator()
                    group["toolbar"] = spec.toolbar
                self.toolbar.addAction(action)
            if spec.accounts:
                action.setVisible(False)  # until someone signs in with an account

    def _make_action(self, spec: ActionSpec) -> QAction:
        action = QAction(tr(spec.text), self)
        action.setObjectName(f"action_{spec.name}")
        keys = next((QKeySequence(k) for k in spec.shortcut if not QKeySequence(k).isEmpty()), None)
        if keys is not None:
            action.setShortcut(keys)
        if spec.icon is not None:
            action.setIcon(self.style().standardIcon(spec.icon))
        if spec.tip:
            action.setToolTip(tr(spec.tip))
            action.setStatusTip(tr(spec.tip))
        if spec.permission:
            action.setProperty("permission", spec.permission)
        action.triggered.connect(lambda _checked=False, s=spec: self.run_action(s))
        self.actions[spec.name] = action
        return action

    def action_handler(self, spec: ActionSpec) -> Callable[[], object]:
        """What an action does (``ActionSpec.run``), found when it is triggered: the session and the Tools
        windows exist only once the window is built, and their modules load only when first used."""
        owner, _, name = spec.run.partition(".")
        if owner == "window":
            return getattr(self, name)
        if owner == "session":
            return getattr(self.session, name)
        if owner == "submission":
            from desktop.ui.office import submission_actions

            return functools.partial(getattr(submission_actions, name), self)
        if owner == "tools":
            from desktop.ui.admin import tools

            return functools.partial(self.session.open_tool, name, getattr(tools, name))
        raise ValueError(f"action {spec.name}: unknown handler {spec.run!r}")

    def run_action(self, spec: ActionSpec) -> object:
        return self.action_handler(spec)()

    def set_usable(self, on: bool) -> None:
        """Menus, toolbar and their shortcuts work only while someone is signed in and the window is not locked
        (a disabled menu would still let Ctrl+O open the selected report: each action is disabled too)."""
        self.usable = on
        self.toolbar.setVisible(on)
        for menu in self.menus.values():
            menu.menuAction().setEnabled(on)
        for spec in ACTIONS:
            if spec.needs != "always":
                self.actions[spec.name].setEnabled(on)
        if on:
            self._update_actions()

    def _update_actions(self) -> None:
        """Each action usable when what it needs is there (``ActionSpec.needs``)."""
        s = self.selected()
        status = s.status if s is not None else None  # a status of desktop.store.service
        have = {"store": self.store is not None, "selection": s is not None, "ready": status == "ready",
                "returnable": status in ("ready", "approved")}
        for spec in ACTIONS:
            if spec.needs in have:
                self.actions[spec.name].setEnabled(self.usable and have[spec.needs])

    def _update_agency(self) -> None:
        agency = self.store.agency()
        if agency:
            from desktop.ui.admin.agency_dialog import available_profiles

            profile = dict(available_profiles()).get(agency.state_profile, agency.state_profile)
            fed = self.tr(", federal/tribal") if agency.federal else ""
            self.agency_label.setText(self.tr("{0} — ORI {1} — {2} — FBI specification {3}{4}").format(
                agency.name, agency.ori, profile, agency.spec_version, fed))
        else:
            self.agency_label.setText(self.tr("No agency set up yet: choose File > Agency settings."))

    def _show_count(self, total: int) -> None:
        shown = self.model.rowCount() if self.model is not None else 0
        counting = self.model is not None and self.model._count_pending
        self.count_label.setText(self.tr("{0} report(s)").format(f"{total:,}" + ("+" if counting else "")))
        self.count_label.setAccessibleName(self.tr("{0} of {1} reports listed").format(shown, total))

    # ------------------------------------------------------------------ list
    def apply_filter(self) -> None:
        self.model.refresh(self.filters.search_filter())
        self._update_actions()

    def refresh(self, keep: tuple[str, int] | None = None) -> None:
        if self.model is None or self.store is None or self.store.actor is None:  # nobody signed in
            return
        current = keep or self._selected_key()
        self.model.refresh()
        if current:
            row = self.model.row_of(*current)
            if row is not None:
                self.table.selectRow(row)
        self._update_actions()

    def focus_search(self) -> None:
        self.filters.number.setFocus()
        self.filters.number.selectAll()

    def selected(self) -> RecordSummary | None:
        if self.model is None:
            return None
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            index = self.table.currentIndex()
            if not index.isValid():
                return None
            return self.model.summary(index.row())
        return self.model.summary(rows[0].row())

    def _selected_key(self) -> tuple[str, int] | None:
        s = self.selected()
        return (s.kind, s.id) if s else None

    # ------------------------------------------------------------------ reports
    def new_incident(self):
        return self._open_wizard("incident", None)

    def new_group_b(self):
        return self._open_wizard("group_b", None)

    def open_selected(self):
        s = self.selected()
        if s is None or s.kind not in ("incident", "group_b"):
            return None
        return self.open_record(s.kind, s.id)

    def open_record(self, kind: str, record_id: int):
        for w in self.wizards:
            if w.editor.kind == kind and w.editor.record_id == record_id and w.isVisible():
                w.raise_()
                w.activateWindow()
                return w
        return self._open_wizard(kind, self.store.get(kind, record_id))

    def _open_wizard(self, kind: str, record):
        from desktop.forms import FormError
        from desktop.ui.wizard.wizard import wizard_for

        if self.store.agency() is None:
            self.first_start()
            if self.store.agency() is None:
                return None
        try:
            wizard = wizard_for(kind)(self.store, record, self)
        except FormError as exc:  # a state profile's page the wizard cannot build: say where the mistake is
            QMessageBox.warning(self, APP_NAME, self.tr("This report cannot be opened: {0}").format(exc))
            return None
        wizard.editor.saved.connect(lambda k, i: self._saved(k, i))
        wizard.closed.connect(lambda k, i, w=wizard: self._wizard_closed(w, k, i))
        wizard.status_changed.connect(lambda k, i: self.refresh((k, i)))
        self.wizards.append(wizard)
        wizard.show()
        return wizard

    def _saved(self, kind: str, record_id: int) -> None:
        if not hasattr(self, "_refresh_timer"):
            self._refresh_timer = QTimer(self)
            self._refresh_timer.setSingleShot(True)
            self._refresh_timer.setInterval(400)
            self._refresh_timer.timeout.connect(lambda: self.refresh())
        self._refresh_timer.start()

    def _wizard_closed(self, wizard, kind: str, record_id: int) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)
        wizard.deleteLater()
        self.refresh((kind, record_id) if record_id >= 0 else None)

    def delete_selected(self) -> bool:
        s = self.selected()
        if s is None:
            return False
        what = {"incident": self.tr("incident"), "group_b": self.tr("Group B arrest"),
                "zero_report": self.tr("zero report")}[s.kind]
        answer = QMessageBox.question(
            self, self.tr("Delete {0}").format(what),
            self.tr("Delete {0} {1}? This cannot be undone.").format(what, s.number) +
            (self.tr("\n\nIt was already submitted: the delete will be sent with the next monthly file.")
             if s.status in ("submitted", "accepted") else ""),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return False
        from desktop.store.service import StoreError

        try:
            self.store.delete(s.kind, s.id)
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Not deleted"), self.tr("{0} was not deleted: {1}").format(
                s.number, words(exc)))
            return False
        for w in list(self.wizards):
            if w.editor.kind == s.kind and w.editor.record_id == s.id:
                w.editor.dirty = False
                w.close()
        self.refresh()
        return True

    def _html_for(self, s: RecordSummary) -> str:
        from desktop.forms.access import form_for
        from desktop.ui.wizard import printing

        record = self.store.get(s.kind, s.id)
        agency = self.store.agency()
        form = form_for(self.store, s.kind)
        return printing.report_html(record.report, form, self.store.dictionary,
                                    agency_name=agency.name if agency else "",
                                    status=status_words(record.status),
                                    findings=record.findings)

    def print_selected(self) -> None:
        s = self.selected()
        if s is None or s.kind not in ("incident", "group_b"):
            return
        from desktop.ui.qt import QPrintDialog

        from desktop.ui.wizard import printing

        printer = printing.make_printer()
        if QPrintDialog(printer, self).exec():
            printing.print_html(self._html_for(s), printer)

    def pdf_selected(self) -> str | None:
        s = self.selected()
        if s is None or s.kind not in ("incident", "group_b"):
            return None
        from desktop.ui.wizard import printing

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), f"{s.number}.pdf", self.tr("PDF (*.pdf)"))
        if not path:
            return None
        printing.save_pdf(self._html_for(s), path)
        return path

    # ------------------------------------------------------------------ settings, about, closing
    def first_start(self) -> None:
        from desktop.ui.admin.agency_dialog import AgencyDialog

        AgencyDialog(self.store, self, first_start=True).exec()
        self._profile_changed()

    def edit_settings(self) -> None:
        from desktop.ui.admin.agency_dialog import AgencyDialog

        if AgencyDialog(self.store, self).exec():
            self._profile_changed()

    def _profile_changed(self) -> None:
        """The agency's state profile may have changed: its elements, codes and edits apply from now on."""
        from desktop.store.profiles import apply_agency_profile

        apply_agency_profile(self.store)
        self._update_agency()

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About NIBRS Desk"),
                          self.tr("{0} {1}\nOffline NIBRS incident reporting.").format(APP_NAME, __version__))

    def closeEvent(self, event) -> None:
        for w in list(self.wizards):
            w.close()
            if w.isVisible():  # the person chose to keep a report that could not be saved
                event.ignore()
                return
        for dialog in list(self.session.tools.values()):
            dialog.close()
        self.session.shutdown()
        if self.store is not None:
            self.store.close()
        super().closeEvent(event)


__all__ = ["MainWindow", "RecordListModel", "FilterBar"]
