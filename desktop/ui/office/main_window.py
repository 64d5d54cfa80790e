"""The office window: the list of reports, searched, filtered and sorted, and the actions on them.

The list is a table model over the database that fetches a page of rows at a time as the
view scrolls (``canFetchMore``/``fetchMore``), so fifty thousand incidents open as fast as
fifty. Searching, filtering and sorting (a click on a column's heading, or Ctrl+Shift+S on the
current cell) run in the database (``Store.search``). Reports open in the incident or Group B
wizard; every save goes through the store.

By keyboard: Down or Enter in a search field goes to the list; the current row is the selected
row; Enter opens it, Ctrl+Enter approves, Ctrl+Shift+R returns it with a comment. Shift and Ctrl
with the arrows (or Ctrl+A, every report listed) select several: Approve, Return, Print, Save as
PDF and Export then act on all of them (desktop.ui.office.bulk). A report approved or returned
from the list, or saved in its wizard, stays in its row, shown as it is now, until Refresh (F5),
a new filter or a new report sorts the list again.

At start-up the window is shown first and the database opened right after (``opener``): the
storage layer (SQLAlchemy) takes longer to import than Qt takes to show a window.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import TYPE_CHECKING, Any, Callable

from desktop import APP_NAME, __version__
from desktop.ui.dialogs import status_words, words
from desktop.ui.qt import (
    ACTIONS, ERROR_COLOUR, ERROR_STYLE, MENUS, QT_TRANSLATE_NOOP, QUIET_STYLE, ActionSpec, QAbstractItemView,
    QAbstractTableModel, QAction, QApplication, QCheckBox, QColor, QComboBox, QEvent, QFileDialog, QGridLayout,
    QHeaderView, QItemSelectionModel, QKeySequence, QLabel, QLineEdit, QMainWindow, QMenu, QMessageBox, QModelIndex,
    QSize, QSizePolicy, QTableView, QTimer, QToolBar, QVBoxLayout, QWidget, Qt, Signal, tr, resize_within_screen,
)

if TYPE_CHECKING:  # pragma: no cover
    from desktop.store.service import RecordSummary, SearchFilter, Store

PAGE = 200


class busy:
    """The wait cursor while the window works on the GUI thread (short work only: long work runs in a worker)."""

    def __enter__(self):
        QApplication.setOverrideCursor(Qt.WaitCursor)

    def __exit__(self, *exc):
        QApplication.restoreOverrideCursor()


_DISPLAY, _SPOKEN, _TIP, _COLOUR, _ALIGN = (int(r) for r in (
    Qt.DisplayRole, Qt.AccessibleTextRole, Qt.ToolTipRole, Qt.ForegroundRole, Qt.TextAlignmentRole))
_ROLES = frozenset((_DISPLAY, _SPOKEN, _TIP, _COLOUR, _ALIGN))
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


class RecordListModel(QAbstractTableModel):
    """Reports as a table, fetched from the database a page at a time as the view scrolls, in the order the
    database sorts them (``sort``)."""

    COLUMNS = (QT_TRANSLATE_NOOP("RecordListModel", "Number"), QT_TRANSLATE_NOOP("RecordListModel", "Kind"),
               QT_TRANSLATE_NOOP("RecordListModel", "Date"), QT_TRANSLATE_NOOP("RecordListModel", "Offense"),
               QT_TRANSLATE_NOOP("RecordListModel", "Status"), QT_TRANSLATE_NOOP("RecordListModel", "Errors"),
               QT_TRANSLATE_NOOP("RecordListModel", "Warnings"), QT_TRANSLATE_NOOP("RecordListModel", "Author"),
               QT_TRANSLATE_NOOP("RecordListModel", "Last changed by"),
               QT_TRANSLATE_NOOP("RecordListModel", "Last saved"), QT_TRANSLATE_NOOP("RecordListModel", "Found in"))
    # what the database sorts each column by (desktop.store.search.SORT_COLUMNS)
    SORT_KEYS = ("number", "kind", "date", "offense", "status", "error_count", "warning_count", "created_by",
                 "updated_by", "updated_at")
    NUMBER, KIND, DATE, OFFENSE, STATUS, ERRORS, WARNINGS, AUTHOR, CHANGED_BY, SAVED, FOUND = range(11)
    # what the search box finds a report by, in words (desktop.nibrs.local: an element's ``search``)
    FOUND_AS = {"name": QT_TRANSLATE_NOOP("RecordListModel", "name"),
                "address": QT_TRANSLATE_NOOP("RecordListModel", "address"),
                "narrative": QT_TRANSLATE_NOOP("RecordListModel", "narrative"),
                "officer": QT_TRANSLATE_NOOP("RecordListModel", "case officer"),
                "notes": QT_TRANSLATE_NOOP("RecordListModel", "supplement notes")}
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
        self.found: dict[tuple[str, int], Any] = {}  # where the search box's words matched (Store.local_matches)
        self.refresh()

    def refresh(self, flt: SearchFilter | None = None) -> None:
        """Show the first page of matching reports now; count them all just after."""
        if flt is not None:
            flt.sort = self.filter.sort  # a new filter keeps the list's order
            self.filter = flt
        self.beginResetModel()
        self.rows = self.store.search(self.filter, offset=0, limit=PAGE)
        self.state_errors = self._state_errors(self.rows)
        self.found = self._found(self.rows)
        self.more = len(self.rows) == PAGE
        self.total = len(self.rows)
        self.moved: set[tuple[str, int]] = set()  # reports read again in place since (update_records)
        self.endResetModel()
        self._count_pending = self.more
        if self.more:
            QTimer.singleShot(0, self._count)
        self.counted.emit(self.total)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """Sorted by the database (the heading's click, or Ctrl+Shift+S): the first page of the new order."""
        if column >= len(self.SORT_KEYS):  # where the search matched: not a column of the database
            return
        key = (self.SORT_KEYS[column], order == Qt.DescendingOrder)
        if key == self.filter.sort and self.rows:
            return
        self.filter.sort = key
        self.refresh()

    def sort_order(self) -> tuple[int, bool]:
        """(column, descending) the list is sorted by."""
        name, descending = self.filter.sort
        return self.SORT_KEYS.index(name), descending

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
        self._fetch(PAGE)

    def fetch_all(self) -> None:
        """Every matching report in the list (before selecting them all), in one query."""
        if self.more:
            self._fetch(None)

    def _fetch(self, limit: int | None) -> None:
        # a row read again in place may sort elsewhere in the database now: each such row shifts the rows not yet
        # shown by at most one place, so the next page is read from that many rows earlier, without those shown
        back = min(len(self.moved), len(self.rows))
        more = self.store.search(self.filter, offset=len(self.rows) - back,
                                 limit=None if limit is None else limit + back)
        self.more = limit is not None and len(more) == limit + back
        shown = {(r.kind, r.id) for r in self.rows} if back else set()
        more = [r for r in more if (r.kind, r.id) not in shown]
        if not more:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.state_errors.update(self._state_errors(more))
        self.found.update(self._found(more))
        self.rows.extend(more)
        self.endInsertRows()

    def update_records(self, keys: list[tuple[str, int]]) -> None:
        """Reports changed (approved, returned, saved in a wizard): each read again where its row stands, or taken
        out when it no longer matches the filters. The other rows stay as they are, so the list never reorders
        under the cursor of someone working down it (sorted by the time of the last change, an approved report
        would jump to the top); Refresh (F5), a new filter or a new report sorts it again."""
        where = {(r.kind, r.id): row for row, r in enumerate(self.rows)}
        shown = [k for k in dict.fromkeys(keys) if k in where]
        if not shown:
            return
        flt = dataclasses.replace(self.filter, records=shown)
        fresh = {(r.kind, r.id): r for r in self.store.search(flt, limit=None)}
        again = list(fresh.values())
        self.state_errors.update(self._state_errors(again))
        self.found.update(self._found(again))
        rows = [where[k] for k in fresh]
        for key, r in fresh.items():
            self.rows[where[key]] = r
        self.moved.update(fresh)
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), self.columnCount() - 1))
        for row in sorted((where[k] for k in shown if k not in fresh), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.total -= 1
            self.endRemoveRows()
        self.counted.emit(self.total)

    def _state_errors(self, rows) -> dict[tuple[str, int], int]:
        from desktop.store.submissions import state_error_counts

        return state_error_counts(self.store, [(r.kind, r.id) for r in rows])

    def _found(self, rows) -> dict[tuple[str, int], Any]:
        """Where the words searched for matched each report's own values (none when only its number did)."""
        words = (self.filter.words or "").strip()
        if not words:
            return {}
        out = {}
        for kind in {r.kind for r in rows}:
            for record_id, match in self.store.local_matches(kind, [r.id for r in rows if r.kind == kind],
                                                             words).items():
                out[(kind, record_id)] = match
        return out

    def found_words(self, r: RecordSummary) -> str:
        """Where a report matched the search box: "Victim 1, name: Smith, John", "Narrative: ...", "Number"."""
        from desktop.forms import binding
        from desktop.ui.describe import item_words

        match = self.found.get((r.kind, r.id))
        if match is None:
            return self.tr("number") if (self.filter.words or "").strip() else ""
        what = self.tr(self.FOUND_AS[match.what]) if match.what in self.FOUND_AS else match.what
        parts = [(name, index) for name, index in binding.split(match.path) if index is not None]
        where = ", ".join(item_words(name, index) for name, index in parts)
        if where:
            return self.tr("{0}, {1}: {2}").format(where, what, match.text)
        return self.tr("{0}: {1}").format(what[:1].upper() + what[1:], match.text)

    def _state_tip(self, r: RecordSummary) -> str:
        from desktop.store.submissions import state_findings

        return "\n".join(self.tr("The state: {0} {1}: {2}").format(s.finding.severity, s.finding.error, s.finding.message)
                         for s in state_findings(self.store, r.kind, r.id))

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index, role=_DISPLAY):
        # The roles as plain numbers (_DISPLAY...): reading Qt.DisplayRole costs ~7 us in PySide6, and a paint
        # asks each visible cell for ~7 roles (the first paint of the list took 110-130 ms of it).
        if role not in _ROLES or not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == _DISPLAY or role == _SPOKEN:
            return self._text(r, col, role == _SPOKEN)
        if role == _TIP and col == self.OFFENSE and r.offense:
            code = self._offenses.get(r.offense)
            return code.description if code else None
        if role == _TIP and col in (self.STATUS, self.ERRORS) and self.state_errors.get((r.kind, r.id)):
            return self._state_tip(r)
        if role == _TIP and col == self.STATUS and r.returned:
            return self.tr("Returned by a supervisor with a comment: open it to read what needs changing")
        if role == _TIP and col in (self.STATUS, self.ERRORS) and r.waiting_count:
            return self.tr("Waiting for a supervisor to fill {0}.").format(self._waiting_names())
        if role == _COLOUR and col == self.ERRORS and (r.error_count or self.state_errors.get((r.kind, r.id))):
            return QColor(ERROR_COLOUR)
        if role == _ALIGN and col in (self.ERRORS, self.WARNINGS):
            return _RIGHT
        return None

    def _text(self, r: RecordSummary, col: int, spoken: bool) -> str:
        if col == self.NUMBER:
            return r.number
        if col == self.KIND:
            return self._text_kind(r.kind)
        if col == self.DATE:
            return f"{r.date.month:02d}/{r.date.day:02d}/{r.date.year:04d}" if r.date else ""
        if col == self.OFFENSE:
            code = self._offenses.get(r.offense)
            return f"{r.offense} {code.text}" if code else r.offense
        if col == self.STATUS:
            return self.tr("{0}, returned").format(status_words(r.status)) if r.returned else status_words(r.status)
        if col == self.ERRORS:
            state = self.state_errors.get((r.kind, r.id))
            if state:
                return (self.tr("{0} errors, {1} from the state").format(r.error_count, state) if spoken else
                        self.tr("{0} + {1} from the state").format(r.error_count, state))
            if r.waiting_count:  # errors on restricted fields this person does not see: not theirs
                return (self.tr("{0} errors; waiting for a supervisor to fill {1}").format(
                    r.error_count, self._waiting_names()) if spoken else self.tr("{0} (waiting)").format(r.error_count))
            return self.tr("{0} errors").format(r.error_count) if spoken else str(r.error_count)
        if col == self.WARNINGS:
            return self.tr("{0} warnings").format(r.warning_count) if spoken else str(r.warning_count)
        if col == self.AUTHOR:
            return r.created_by
        if col == self.CHANGED_BY:
            return r.updated_by
        if col == self.SAVED:
            return r.updated_at.strftime("%m/%d/%Y %H:%M") if r.updated_at else ""
        if col == self.FOUND:
            return self.found_words(r)
        return ""

    def _text_kind(self, kind: str) -> str:
        return {"incident": self.tr("Group A incident"), "group_b": self.tr("Group B arrest"),
                "zero_report": self.tr("Zero report")}[kind]

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


# Whose reports the list shows (FilterBar.whose): key, words
WHOSE = (("all", QT_TRANSLATE_NOOP("FilterBar", "Everyone's reports")),
         ("mine", QT_TRANSLATE_NOOP("FilterBar", "Mine")),
         ("returned", QT_TRANSLATE_NOOP("FilterBar", "Returned to me")),
         ("review", QT_TRANSLATE_NOOP("FilterBar", "Waiting for my review")))


class FilterBar(QWidget):
    """Search by number, date range, offense, status, kind, whose and errors; the list follows as you type.

    Down or Enter in a text field goes to the list (``to_list``). What a field cannot read is said below the
    fields, wrapped: it never widens the window."""

    changed = Signal()
    to_list = Signal()

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        from desktop.store import users
        from desktop.store.service import STATUSES

        self.store = store
        self.setObjectName("filter_bar")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        self.number = QLineEdit()
        self.number.setObjectName("filter_number")
        self.number.setPlaceholderText(self.tr("number, name, address or words"))
        self.number.setToolTip(self.tr("A report's number, or words of its own fields: a person's name, the address, "
                                       "words of the narrative (each word by its start: \u201csmi jo\u201d finds "
                                       "Smith, John). The list says where each was found."))
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
        self.offense.setProperty("element_id", "6")  # F1 explains the UCR offense code
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
        self.whose = QComboBox()
        self.whose.setObjectName("filter_whose")
        reviewer = store.actor is None or store.actor.can(users.REVIEW)
        for key, words_ in WHOSE:
            if key != "review" or reviewer:
                self.whose.addItem(self.tr(words_), key)
        self.errors = QCheckBox(self.tr("Has &errors"))
        self.errors.setObjectName("filter_errors")
        rows = (((self.tr("&Search:"), self.number, 130), (self.tr("Offe&nse:"), self.offense, 150),
                 (self.tr("Stat&us:"), self.status, 0), (self.tr("&Kind:"), self.kind, 0)),
                ((self.tr("&Dates from:"), self.date_from, 100), (self.tr("T&o:"), self.date_to, 100),
                 (self.tr("Sho&w:"), self.whose, 0)))
        for r, fields in enumerate(rows):
            for c, (text, w, width) in enumerate(fields):
                label = QLabel(text)
                label.setBuddy(w)
                grid.addWidget(label, r, 2 * c, Qt.AlignRight)
                if width:
                    w.setMinimumWidth(width)
                grid.addWidget(w, r, 2 * c + 1)
                w.setAccessibleName(text.replace("&", "").rstrip(":"))
        grid.addWidget(self.errors, 1, 7)
        grid.setColumnStretch(8, 1)
        self.note = QLabel()  # what a worded offense found
        self.note.setObjectName("filter_note")
        self.note.setStyleSheet(QUIET_STYLE)
        self.problem = QLabel()
        self.problem.setObjectName("filter_problem")
        self.problem.setStyleSheet(ERROR_STYLE)
        for r, label in ((2, self.note), (3, self.problem)):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # wraps; never widens the window
            label.setMinimumWidth(1)
            label.hide()
            grid.addWidget(label, r, 0, 1, 9)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.changed)
        for w in (self.number, self.date_from, self.date_to, self.offense):
            w.textChanged.connect(lambda _=None: self._timer.start())
            w.installEventFilter(self)
        for combo in (self.status, self.kind, self.whose):
            combo.currentIndexChanged.connect(lambda _=None: self._timer.start())
        self.errors.toggled.connect(lambda _=None: self._timer.start())

    def eventFilter(self, obj, e) -> bool:
        if e.type() == QEvent.KeyPress and e.key() in (Qt.Key_Down, Qt.Key_Return, Qt.Key_Enter) \
                and not e.modifiers() & (Qt.ControlModifier | Qt.AltModifier):
            if self._timer.isActive():  # typed just now: the list follows first
                self._timer.stop()
                self.changed.emit()
            self.to_list.emit()
            return True
        return super().eventFilter(obj, e)

    def search_filter(self) -> SearchFilter:
        """The filter the fields describe; a field that cannot be read is left out and named."""
        from desktop.store.service import READY, SearchFilter
        from desktop.forms import entry

        problems = []
        flt = SearchFilter(kinds=self.kind.currentData())
        flt.words = self.number.text().strip() or None  # the number, or the report's own words
        for name, w in (("date_from", self.date_from), ("date_to", self.date_to)):
            try:
                setattr(flt, name, entry.parse_date(w.text()))
            except ValueError as exc:
                problems.append(str(exc))
        note = ""
        typed = self.offense.text().strip()
        if typed:
            found = offense_codes(typed, self.store.dictionary.code_list("offense_code"))
            if found:
                flt.offense = [c.code for c in found]
                if len(found) > 1 or found[0].code.upper() != typed.upper():
                    note = self.tr("Offense \u201c{0}\u201d: {1}").format(
                        typed, ", ".join(f"{c.code} {c.text}" for c in found[:12]) + (" ..." if len(found) > 12
                                                                                     else ""))
            else:
                problems.append(self.tr("No offense code or offense words match \u201c{0}\u201d; type a code such "
                                        "as 23H, or words such as theft or assault.").format(typed))
        flt.status = self.status.currentData()
        flt.has_errors = True if self.errors.isChecked() else None
        whose = self.whose.currentData()
        me = self.store.user
        if whose == "mine":
            flt.author = me
        elif whose == "returned":
            flt.author, flt.returned = me, True
        elif whose == "review":
            flt.not_author, flt.status = me, READY
        self._say(self.note, note)
        self._say(self.problem, "; ".join(p for p in problems if p))
        return flt

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))


def offense_codes(typed: str, codes) -> list:
    """The offense codes a filter's text names: the code typed, codes it begins ("23" the larcenies), or the
    codes whose words match as the wizard matches them (desktop.forms.entry.search_codes: "theft")."""
    from desktop.forms import entry

    found = entry.search_codes(typed, list(codes))
    exact = [c for c in found if c.code.upper() == typed.strip().upper()]
    return exact or found


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
        self._saved_keys: dict[tuple[str, int], None] = {}  # saved by wizards, shown at the next pause (_saved)
        self.setObjectName("main_window")
        self.setWindowTitle(APP_NAME)
        resize_within_screen(self, 1100, 680)
        central = QWidget()
        self.layout_ = QVBoxLayout(central)
        self.agency_label = QLabel(self.tr("Opening the database..."))
        self.agency_label.setObjectName("agency_label")
        self.layout_.addWidget(self.agency_label)
        self.table = QTableView()
        self.table.setObjectName("record_list")
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list
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
        self.check_cache = None  # what the last export check read and found (desktop.submission.export.CheckCache)
        self.current_column = 0  # the column of the list's current cell (kept when the list is read again)
        self._make_actions()
        self._update_actions()
        from desktop.ui.session.session import Session

        self.session = Session(self)  # who is signed in, roles on the actions, the idle lock
        self._f1 = None  # F1 in modal dialogs (desktop.ui.help.F1Keys), once the window is shown
        self._opener = opener
        self._painted = False
        if store is not None:
            self.attach(store)

    def event(self, e) -> bool:
        result = super().event(e)
        if e.type() == QEvent.Paint and not self._painted:
            self._painted = True  # on screen: now open the database (see the module's docstring)
            from desktop.ui.help import F1Keys

            self._f1 = F1Keys(self)
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
        self.setWindowTitle(self._title(store))
        if self.filters is not None:  # attached again (after a restore)
            self.filters.setParent(None)
            self.filters.deleteLater()
        self.filters = FilterBar(store)
        self.layout_.insertWidget(1, self.filters)
        self.model = RecordListModel(store, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        self._size_columns()
        header.setSectionResizeMode(RecordListModel.OFFENSE, QHeaderView.Stretch)  # the offense's words take the rest
        header.setSortIndicator(*self._indicator())
        self.table.setColumnHidden(RecordListModel.FOUND, True)  # shown while the search box has words
        self.table.setSortingEnabled(True)  # a click on a heading sorts (in the database: RecordListModel.sort)
        self.model.counted.connect(self._show_count)
        self.filters.changed.connect(self.apply_filter)
        self.filters.to_list.connect(self.focus_list)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.selectionModel().currentChanged.connect(
            lambda current, _previous: setattr(self, "current_column", current.column()) if current.isValid() else None)
        self.model.modelReset.connect(self._update_actions)
        self._update_agency()
        self._show_count(self.model.total)
        self._update_actions()
        self.database_opened.emit()

    def _title(self, store: Store) -> str:
        """The title bar says where the reports are when it is not this computer's encrypted database: a
        server's URL (encryption at rest is the server's job), or NOT ENCRYPTED (issue 19)."""
        from desktop.store import encryption

        kind = encryption.state(store)
        if kind == "server":
            return self.tr("{0} \u2014 database server {1}").format(APP_NAME, store.db.server or "")
        if kind == "plain-chosen":
            return self.tr("{0} \u2014 NOT ENCRYPTED (created with --no-encryption)").format(APP_NAME)
        if kind == "plain":
            return self.tr("{0} \u2014 NOT ENCRYPTED").format(APP_NAME)
        return APP_NAME

    def _size_columns(self) -> None:
        """Each column as wide as what it shows (a twelve-character number, "Group A incident", a date and
        time...) and its heading; the offense's words take the room left."""
        from desktop.store.service import STATUSES

        cells, heading = self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics()
        m = self.model
        samples = {m.NUMBER: ["0" * 12 + "0"], m.KIND: [m._text_kind(k) for k in ("incident", "group_b")],
                   m.DATE: ["00/00/0000"], m.OFFENSE: ["000 " + "m" * 24], m.STATUS: [status_words(s) for s in STATUSES],
                   m.ERRORS: ["00 + 0"], m.WARNINGS: ["000"], m.AUTHOR: ["abcdefgh"], m.CHANGED_BY: ["abcdefgh"],
                   m.SAVED: ["00/00/0000 00:00"], m.FOUND: ["Victim 1, name: " + "m" * 24]}
        for col, texts in samples.items():
            need = max(cells.horizontalAdvance(text) for text in texts) + 16
            title = heading.horizontalAdvance(m.headerData(col, Qt.Horizontal)) + 28  # room for the sort arrow
            self.table.setColumnWidth(col, max(need, title))

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
        keys = [QKeySequence(k) for k in spec.shortcut if not QKeySequence(k).isEmpty()]
        if keys:
            action.setShortcuts(keys)
        if spec.everywhere:
            action.setShortcutContext(Qt.ApplicationShortcut)
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
        """Each action usable when what it needs is there (``ActionSpec.needs``): for several selected reports,
        when one of them can be acted on (the bulk action says which are skipped and why)."""
        chosen = self.selected_all()
        statuses = {s.status for s in chosen}  # statuses of desktop.store.service
        have = {"store": self.store is not None, "selection": bool(chosen), "ready": "ready" in statuses,
                "returnable": bool(statuses & {"ready", "approved"})}
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
        self.table.setColumnHidden(RecordListModel.FOUND, not (self.model.filter.words or "").strip())
        self._update_actions()

    def refresh(self, keep: tuple[str, int] | None = None) -> None:
        """The list read again from the database and sorted; ``keep`` (or else the selected report) stays current."""
        self._read_again(lambda: self.model.refresh(), keep)

    def update_rows(self, keys: list[tuple[str, int]], keep: tuple[str, int] | None = None) -> None:
        """Reports acted on, shown as they are now where they stand (``RecordListModel.update_records``); ``keep``
        (or else the selected report) stays current, and several selected stay selected."""
        self._read_again(lambda: self.model.update_records(keys), keep)

    def _read_again(self, read: Callable[[], None], keep: tuple[str, int] | None) -> None:
        if self.model is None or self.store is None or self.store.actor is None:  # nobody signed in
            return
        current = keep or self._selected_key()
        was = self.table.currentIndex().row()
        read()
        row = self.model.row_of(*current) if current else None
        if row is None and current and was >= 0 and self.model.rowCount():
            row = min(was, self.model.rowCount() - 1)  # it left the list (approved, say): the next one is current
        if row is not None and (row != self.table.currentIndex().row() or
                                not self.table.selectionModel().isRowSelected(row)):
            self.select_row(row)  # (a list read again has no current row; rows read in place keep theirs)
        self._update_actions()

    def focus_search(self) -> None:
        self.filters.number.setFocus()
        self.filters.number.selectAll()

    def focus_list(self) -> None:
        """From the search fields to the list (Down, Enter): the first report is current and selected."""
        self.table.setFocus(Qt.ShortcutFocusReason)
        if self.model is not None and self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.select_row(0)

    def select_row(self, row: int, column: int | None = None) -> None:
        """Make ``row`` the current row and the only one selected (the current cell in ``column``, or in the
        column it was in)."""
        if column is None:
            column = self.current_column
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.table.scrollTo(index)

    def _current_row_changed(self, current, _previous) -> None:
        """The current row is always selected: keys that move it alone (Ctrl+arrows) select it alone too, unless
        Ctrl or Shift is held to build a selection of several."""
        if not current.isValid() or self.table.selectionModel().isRowSelected(current.row()):
            return
        if QApplication.keyboardModifiers() & (Qt.ShiftModifier | Qt.ControlModifier) and \
                self.table.selectionModel().hasSelection():
            return
        self.table.selectionModel().select(current, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)

    def select_all(self) -> int:
        """Every report the filters list, selected (they are fetched first); how many."""
        if self.model is None:
            return 0
        self.model.fetch_all()
        self.table.selectAll()
        self.table.setFocus()
        return len(self.selected_all())

    def sort_by_current(self) -> None:
        """Sort by the current cell's column; the same column again turns the order round."""
        if self.model is None:
            return
        column = self.current_column
        was, descending = self.model.sort_order()
        order = (Qt.AscendingOrder if descending else Qt.DescendingOrder) if column == was else Qt.AscendingOrder
        self.table.sortByColumn(column, order)
        if self.model.rowCount():
            self.select_row(0, column)

    def _indicator(self) -> tuple[int, object]:
        column, descending = self.model.sort_order()
        return column, Qt.DescendingOrder if descending else Qt.AscendingOrder

    def selected(self) -> RecordSummary | None:
        """The report the single-report actions act on: the current row when it is selected, else the first
        selected."""
        if self.model is None or self.table.selectionModel() is None:
            return None
        current = self.table.currentIndex()
        if current.isValid() and self.table.selectionModel().isRowSelected(current.row()):
            return self.model.summary(current.row())
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary(min(r.row() for r in rows)) if rows else None

    def selected_all(self) -> list[RecordSummary]:
        """Every selected report, in the list's order."""
        if self.model is None or self.table.selectionModel() is None:
            return []
        return [self.model.summary(r) for r in sorted(i.row() for i in self.table.selectionModel().selectedRows())]

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
        wizard.status_changed.connect(lambda k, i: self.show_changed([(k, i)], (k, i)))
        self.wizards.append(wizard)
        wizard.show()
        return wizard

    def show_changed(self, keys: list[tuple[str, int]], keep: tuple[str, int] | None = None) -> None:
        """Reports saved in a wizard: listed ones shown as they are now, where they stand (``update_rows``: the list
        does not reorder under the cursor while someone works down it); a report the list does not hold (a new
        one) has the list read again, so that it takes its place in the order."""
        if self.model is None:
            return
        if keys and all(self.model.row_of(*k) is not None for k in keys):
            self.update_rows(keys, keep)
        else:
            self.refresh(keep)

    def _saved(self, kind: str, record_id: int) -> None:
        """A wizard saved: the list shows it after a pause (a wizard saves at every pause in the typing)."""
        if not hasattr(self, "_refresh_timer"):
            self._refresh_timer = QTimer(self)
            self._refresh_timer.setSingleShot(True)
            self._refresh_timer.setInterval(400)
            self._refresh_timer.timeout.connect(self._show_saved)
        self._saved_keys[(kind, record_id)] = None
        self._refresh_timer.start()

    def _show_saved(self) -> None:
        keys, self._saved_keys = list(self._saved_keys), {}
        self.show_changed(keys)

    def _wizard_closed(self, wizard, kind: str, record_id: int) -> None:
        if wizard in self.wizards:
            self.wizards.remove(wizard)
        wizard.deleteLater()
        if record_id >= 0:
            self.show_changed([(kind, record_id)], (kind, record_id))
        else:
            self.refresh()

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
        """The printed report of a listed report (as the signed-in person may see it)."""
        from desktop.forms.access import form_for
        from desktop.store.service import READY, DRAFT
        from desktop.ui.wizard import printing

        record = self.store.get(s.kind, s.id)
        agency = self.store.agency()
        form = form_for(self.store, s.kind)
        approved = ""
        if record.status not in (DRAFT, READY):  # approved once: say by whom
            who = self.store.approval(s.kind, s.id)
            if who is not None:
                approved = self.tr("{0} on {1}").format(who[0], who[1].strftime("%m/%d/%Y %H:%M"))
        return printing.report_html(record.report, form, self.store.dictionary,
                                    agency_name=agency.name if agency else "",
                                    status=status_words(record.status), approved=approved,
                                    findings=record.findings, restricted_left_out=record.restricted_hidden)

    def _who(self) -> str:
        """Who prints, as the printout's footer names them ("" when nobody signs in on this computer)."""
        from desktop.ui.session.login import actor_words

        actor = self.store.actor if self.store is not None else None
        return actor_words(actor) if actor is not None and not actor.is_system else ""

    def _printable(self) -> list[RecordSummary]:
        return [s for s in self.selected_all() if s.kind in ("incident", "group_b")]

    def print_selected(self) -> int:
        """Print the selected reports (each from a new page) on the printer the person chooses; pages printed."""
        chosen = self._printable()
        if not chosen:
            return 0
        from desktop.ui.qt import QPrintDialog

        from desktop.ui.wizard import printing

        printer = printing.make_printer()
        if not QPrintDialog(printer, self).exec():
            return 0
        with busy():
            return printing.print_html([self._html_for(s) for s in chosen], printer, printed_by=self._who()).total

    def pdf_selected(self) -> str | None:
        """The selected reports as one PDF file (each from a new page); its path."""
        chosen = self._printable()
        if not chosen:
            return None
        from desktop.ui.wizard import printing

        name = f"{chosen[0].number}.pdf" if len(chosen) == 1 else self.tr("{0} reports.pdf").format(len(chosen))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), name, self.tr("PDF (*.pdf)"))
        if not path:
            return None
        with busy():
            printing.save_pdf([self._html_for(s) for s in chosen], path, printed_by=self._who())
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 8000)
        return path

    # ------------------------------------------------------------------ help
    def help_on_focus(self):
        """F1: the help of the data element whose field has the cursor (in this window or a report's), else the
        how-to pages."""
        from desktop.ui import help as help_ui

        return help_ui.help_for_focus(self)

    def open_help(self, page: str = "index", search: str = ""):
        from desktop.ui import help as help_ui

        return help_ui.show_help(self, page, search=search)

    def search_help(self):
        from desktop.ui import help as help_ui

        return help_ui.show_help(self, "index", focus_search=True)

    # ------------------------------------------------------------------ data quality
    def open_quality(self):
        """Monthly submission > Data quality (Ctrl+Shift+Q): error rates, certification terms, errors, trends."""
        from desktop.ui.office.quality_window import QualityWindow

        if self.store is None:
            return None
        with busy():
            self.quality_window = QualityWindow(self, self.store, show_records=self.show_records,
                                                write_packet=self.certification_packet
                                                if self.store.actor is not None and self.store.actor.can("export")
                                                else None)
        self.quality_window.show()
        return self.quality_window

    def certification_packet(self, folder: str | None = None):
        from desktop.ui.office import submission_actions

        return submission_actions.certification_packet(self, folder)

    def show_records(self, records: list[tuple[str, int]], words: str) -> None:
        """Only these reports in the list (the reports an error names), with the words saying so; any change of
        the filters shows every report again."""
        from desktop.store.service import SearchFilter

        flt = SearchFilter(kinds=tuple(sorted({k for k, _ in records})) or ("incident", "group_b"),
                           records=list(records))
        self.model.refresh(flt)
        self.filters._say(self.filters.note, words)
        self.activateWindow()
        self.focus_list()

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
        for name in ("export_dialog", "bulk_dialog", "work_dialog", "quality_window"):
            dialog = getattr(self, name, None)
            if dialog is not None:
                dialog.close()  # each stops its work first
        task = getattr(self, "work_task", None)
        if task is not None and task.running:
            task.cancel()
            task.wait()
        self.session.shutdown()
        if self.store is not None:
            self.store.close()
        super().closeEvent(event)


__all__ = ["MainWindow", "RecordListModel", "FilterBar"]
