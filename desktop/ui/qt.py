"""The one door to Qt for desktop/ui: every Qt name a view uses, the one ``tr``, the colours and styles.

No module of desktop/ui imports PySide6 itself (tests/ui/test_qt_shim.py checks it): they import
from here, so the binding is named in one place and a view reads ``from desktop.ui.qt import QLabel, tr``.
Print support (``QPrinter``, ``QPrintDialog``) is loaded only when first asked for, so the office
window does not pay for it at start-up.

Translation: ``tr("...")`` files a text under the catalog's empty context (lupdate finds bare ``tr()``
calls there); ``self.tr("...")`` in a Qt class files it under the class's name; ``form_text`` reads
the forms' texts (context ``forms``, see desktop/ui/dev/translations.py). A text built at run time
is translated as a template: ``tr("Victim {0}").format(n)``, never ``tr(f"Victim {n}")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TR_NOOP, QT_TRANSLATE_NOOP, QAbstractTableModel, QBuffer, QByteArray, QCoreApplication, QDate, QEvent,
    QIODevice, QItemSelectionModel, QLocale, QMarginsF,
    QModelIndex, QObject, QPoint, QRectF, QSize, QSizeF, Qt, QThread, QTimer, QTranslator, QUrl, Signal,
)
from PySide6.QtGui import (
    QAction, QColor, QFont, QFontMetrics, QIcon, QImage, QKeyEvent, QKeySequence, QPageLayout, QPageSize, QPainter,
    QPalette, QPen, QShortcut, QTextDocument, QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMainWindow, QMenu, QMessageBox, QPlainTextEdit, QProgressBar, QProgressDialog,
    QPushButton, QScrollArea, QSizePolicy, QSpinBox, QSplitter, QStackedWidget, QStyle, QTableView, QTableWidget,
    QTableWidgetItem, QTabWidget, QTextBrowser, QToolBar, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

_PRINT_SUPPORT = ("QPrintDialog", "QPrinter")
# Charts (QtCharts, from PySide6-Addons of the same version as PySide6-Essentials): loaded when the Data quality
# window first draws one, never at start-up.
_CHARTS = ("QChart", "QChartView", "QBarSeries", "QBarSet", "QStackedBarSeries", "QLineSeries", "QBarCategoryAxis",
           "QValueAxis")


def __getattr__(name: str) -> Any:
    """Print support and charts on first use (``from desktop.ui.qt import QPrinter`` inside the function that
    prints, ``QChart`` inside the one that draws)."""
    if name in _PRINT_SUPPORT:
        from PySide6 import QtPrintSupport

        return getattr(QtPrintSupport, name)
    if name in _CHARTS:
        from PySide6 import QtCharts

        return getattr(QtCharts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ------------------------------------------------------------------------------------------ screens
def screen_room(widget: QWidget):
    """The available geometry (a ``QRect``, without task bars) of the screen ``widget`` is on, or None.

    Never ``widget.screen()`` from Python: PySide6 (its return-value heuristic, no ownership rule for
    ``QWidget::screen``) makes the QScreen it returns a child of the widget's wrapper, and when a window's
    wrapper is garbage-collected it deletes the application's screen with it; every widget built after that
    reads freed memory (a segfault in ``QScreen::virtualSiblings``). The application's static look-ups
    return a screen no widget owns. tests/ui/test_screen_ownership.py holds it to that."""
    screen = QApplication.screenAt(widget.mapToGlobal(widget.rect().center())) or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


TITLE_BAR = 40  # what a window's frame adds above it, at most (the screen's room is for the frame too)


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """``window.resize(width, height)``, no larger than the screen it is on: a window that asks for 1000x620 gets
    911x472 on a 1366x768 laptop at 150% scaling (911x512 logical pixels), not a bottom edge nobody can reach.
    Its layout's minimum still wins (Qt keeps a window at least that large); every window's fits such a screen
    (tests/ui/test_windows_fit.py)."""
    room = screen_room(window)
    if room is not None:
        width, height = min(width, room.width()), min(height, room.height() - TITLE_BAR)
    window.resize(width, height)


# ------------------------------------------------------------------------------------------ words
def tr(text: str) -> str:
    """``text`` in the user's language (the catalog's empty context, where lupdate files bare tr() calls)."""
    return QCoreApplication.translate("", text)


def form_text(text: str) -> str:
    """A text of forms/*.yaml (label, title, prompt) in the user's language."""
    return QCoreApplication.translate("forms", text) if text else text


def plain(label: str) -> str:
    """A label without its & mnemonic marker ("&&" stays one "&")."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


# ------------------------------------------------------------------------------------------ colours
# Each colour is named for what it says, declared once, and worked out from the palette the application starts
# with (``use_palette``, called by desktop.ui.app before any window is built): under a dark system theme the
# error red is lighter, a note's box darker, the help line lighter, so every text keeps a contrast of at least
# 4.5:1 against what it is drawn on. Views use the styles below (or QColor(name)). The values written here are
# the light palette's; the printed report (always on white paper) keeps its own.
ERROR_COLOUR = "#b00020"  # an error, a refusal
WARNING_COLOUR = "#8a5a00"  # a warning
GOOD_COLOUR = "#1b5e20"  # done, passed
QUIET_COLOUR = "#505050"  # a help line under a page
NOTE_TEXT, NOTE_BACKGROUND, NOTE_BORDER = "#000000", "#eef4fb", "#99aabb"  # a note: a prompt, a reviewer's comment
WARN_TEXT, WARN_BACKGROUND, WARN_BORDER = "#000000", "#fff4e5", "#cc9900"  # a caution: an unrecoverable passphrase
PRINT_RULE, PRINT_KEY, PRINT_META = "#888888", "#333333", "#555555"  # the printed report's lines and quiet text
PRINT_SHADE = "#eeeeee"  # the printed report's table headings
PRINT_PAPER, PRINT_INK = "#ffffff", "#000000"  # the printed report's page and words, on screen too (its preview)
PRINT_ERROR, PRINT_WARNING = "#b00020", "#8a5a00"  # errors and warnings on paper (white, whatever the screen's theme)
DARK = False  # the palette is a dark one

_HUES = {"ERROR_COLOUR": "#b00020", "WARNING_COLOUR": "#8a5a00", "GOOD_COLOUR": "#1b5e20"}
_NOTE_TINT, _WARN_TINT = "#3d7ab8", "#cc9900"
_BOX = "QLabel {{ color: {0}; background: {1}; border: 1px solid {2}; border-radius: 3px; padding: 6px; }}"


def _styles() -> None:
    g = globals()
    g["ERROR_STYLE"] = f"color: {ERROR_COLOUR};"
    g["WARNING_STYLE"] = f"color: {WARNING_COLOUR};"
    g["GOOD_STYLE"] = f"color: {GOOD_COLOUR};"
    g["QUIET_STYLE"] = f"color: {QUIET_COLOUR};"
    g["NOTE_STYLE"] = _BOX.format(NOTE_TEXT, NOTE_BACKGROUND, NOTE_BORDER)
    g["WARN_STYLE"] = _BOX.format(WARN_TEXT, WARN_BACKGROUND, WARN_BORDER)


ERROR_STYLE = WARNING_STYLE = GOOD_STYLE = QUIET_STYLE = NOTE_STYLE = WARN_STYLE = ""
_styles()


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: str | QColor, b: str | QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; text wants 4.5)."""
    la, lb = sorted((_luminance(QColor(a)), _luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    """``a`` with ``share`` of ``b`` mixed in."""
    return QColor(round(a.red() + (b.red() - a.red()) * share), round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def readable(colour: str | QColor, background: str | QColor, ratio: float = 4.5) -> str:
    """``colour``'s hue, made lighter or darker until it reads on ``background`` (``ratio`` of contrast)."""
    c, bg = QColor(colour), QColor(background)
    lighter = _luminance(bg) < 0.2
    h, s, lightness, _a = c.getHslF()
    for _ in range(40):
        if contrast(c, bg) >= ratio:
            break
        lightness = min(1.0, lightness + 0.025) if lighter else max(0.0, lightness - 0.025)
        c = QColor.fromHslF(max(h, 0.0), s, lightness)
    return c.name()


def use_palette(palette) -> None:
    """Work out every colour and style from ``palette`` (the application's, at start-up)."""
    g = globals()
    window, text = palette.color(QPalette.Window), palette.color(QPalette.WindowText)
    g["DARK"] = window.lightness() < 128
    for name, hue in _HUES.items():
        g[name] = readable(hue, window)
    g["QUIET_COLOUR"] = readable(_mix(text, window, 0.3), window)
    note = _mix(window, QColor(_NOTE_TINT), 0.22 if g["DARK"] else 0.09)
    g["NOTE_BACKGROUND"], g["NOTE_BORDER"] = note.name(), _mix(window, QColor(_NOTE_TINT), 0.55).name()
    g["NOTE_TEXT"] = readable(text, note, 7)
    warn = _mix(window, QColor(_WARN_TINT), 0.22 if g["DARK"] else 0.1)
    g["WARN_BACKGROUND"], g["WARN_BORDER"] = warn.name(), _WARN_TINT
    g["WARN_TEXT"] = readable(text, warn, 7)
    _styles()


def dark_palette():
    """A dark palette as dark desktop themes have (grey window, light text): the screenshots' dark page and the
    tests that every colour reads on it."""
    pal = QPalette()
    for role, colour in ((QPalette.Window, "#2b2b2b"), (QPalette.WindowText, "#e6e6e6"), (QPalette.Base, "#1f1f1f"),
                         (QPalette.AlternateBase, "#303030"), (QPalette.Text, "#e6e6e6"), (QPalette.Button, "#353535"),
                         (QPalette.ButtonText, "#e6e6e6"), (QPalette.Highlight, "#3d7ab8"),
                         (QPalette.HighlightedText, "#ffffff"), (QPalette.ToolTipBase, "#3a3a3a"),
                         (QPalette.ToolTipText, "#e6e6e6"), (QPalette.PlaceholderText, "#9a9a9a"),
                         (QPalette.Link, "#8ab4f8"), (QPalette.Mid, "#555555"), (QPalette.Dark, "#1a1a1a"),
                         (QPalette.Light, "#4a4a4a"), (QPalette.Midlight, "#404040"), (QPalette.Shadow, "#000000")):
        pal.setColor(role, QColor(colour))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, QColor("#7a7a7a"))
    return pal


def finding_style(error: bool) -> str:
    """The colour of an error's words, or of a warning's."""
    return ERROR_STYLE if error else WARNING_STYLE


# ------------------------------------------------------------------------------------------ actions
@dataclass(frozen=True)
class ActionSpec:
    """One action of the office window, declared once: the window builds it, its menu entry and its button.

    ``run`` says what it does: ``"window.new_incident"`` (a method of the office window), ``"session.lock_now"``
    (of its session), ``"submission.open_export"`` (a function of desktop.ui.office.submission_actions given the
    window), ``"tools.users"`` (a Tools window, opened once: desktop.ui.admin.tools). ``permission`` is the one a
    role needs (a name of desktop.store.users, spelled out: the window is built before the storage layer loads;
    a test checks each is a permission the store knows); an action a role may not use is hidden. ``needs``:
    ``"store"`` usable once the database is open, ``"selection"`` once a report is chosen, ``"ready"`` once a
    report ready for review is chosen (one of several is enough: the others are skipped, and said so),
    ``"returnable"`` one ready or approved, ``"always"`` even behind the lock screen (anything else: while
    someone is signed in); ``accounts`` shown only when people sign in. Every shortcut of ``shortcut`` this
    platform has works; the menu shows the first. ``group`` and ``toolbar`` number the runs of the menu and of the toolbar: a separator
    stands between two runs; toolbar 0 is not on the toolbar.
    """

    name: str  # objectName "action_<name>"; MainWindow.actions[name]
    text: str  # the menu text, & before the mnemonic (translated with tr)
    menu: str  # a key of MENUS
    run: str
    shortcut: tuple[QKeySequence.StandardKey | str, ...] = ()  # the first one this platform has
    icon: QStyle.StandardPixmap | None = None
    tip: str = ""
    permission: str | None = None
    needs: str = ""
    accounts: bool = False
    group: int = 0
    toolbar: int = 0
    everywhere: bool = False  # its shortcut works in every window of the app (F1 in a wizard), not only this one


# Texts marked QT_TR_NOOP are filed by lupdate under the empty context, where tr() finds them.
_SP = QStyle.StandardPixmap
_KEY = QKeySequence.StandardKey

MENUS: tuple[tuple[str, str, bool], ...] = (  # key, title, hidden when the role may use nothing in it
    ("file", QT_TR_NOOP("&File"), False),
    ("view", QT_TR_NOOP("&View"), False),
    ("submission", QT_TR_NOOP("&Monthly submission"), False),
    ("review", QT_TR_NOOP("&Review"), True),
    ("tools", QT_TR_NOOP("&Tools"), True),
    ("help", QT_TR_NOOP("&Help"), False),
)

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new_incident", QT_TR_NOOP("&New incident..."), "file", "window.new_incident", (_KEY.New,),
               _SP.SP_FileIcon, QT_TR_NOOP("Enter a new Group A incident (Ctrl+N)"), "create", "store", group=1,
               toolbar=1),
    ActionSpec("new_group_b", QT_TR_NOOP("New &Group B arrest..."), "file", "window.new_group_b", ("Ctrl+Shift+N",),
               _SP.SP_FileDialogNewFolder, QT_TR_NOOP("Enter an arrest for a Group B offense (Ctrl+Shift+N)"),
               "create", "store", group=1, toolbar=1),
    ActionSpec("open", QT_TR_NOOP("&Open"), "file", "window.open_selected", (_KEY.Open,), _SP.SP_DialogOpenButton,
               QT_TR_NOOP("Open the selected report (Enter)"), needs="selection", group=1, toolbar=1),
    ActionSpec("print", QT_TR_NOOP("&Print..."), "file", "window.print_selected", (_KEY.Print,),
               tip=QT_TR_NOOP("Print the selected reports, each on pages of its own (Ctrl+P)"), needs="selection",
               group=2),
    ActionSpec("save_pdf", QT_TR_NOOP("Save as P&DF..."), "file", "window.pdf_selected",
               tip=QT_TR_NOOP("Save the selected reports as one PDF file, each on pages of its own"),
               needs="selection", group=2),
    ActionSpec("delete", QT_TR_NOOP("&Delete..."), "file", "window.delete_selected", (_KEY.Delete,),
               _SP.SP_TrashIcon, QT_TR_NOOP("Delete the selected report (asks first)"), "delete_own_draft",
               "selection", group=3, toolbar=1),
    ActionSpec("settings", QT_TR_NOOP("Agency &settings..."), "file", "window.edit_settings",
               (_KEY.Preferences, "Ctrl+,"), _SP.SP_FileDialogDetailedView, QT_TR_NOOP("ORI, name, state profile..."),
               "settings", "store", group=4, toolbar=2),
    ActionSpec("lock", QT_TR_NOOP("&Lock now"), "file", "session.lock_now", ("Ctrl+L",),
               tip=QT_TR_NOOP("Lock the window now; your password unlocks it"), needs="store", accounts=True,
               group=5),
    ActionSpec("sign_out", QT_TR_NOOP("Sign o&ut"), "file", "session.sign_out",
               tip=QT_TR_NOOP("End your session; the next person signs in"), needs="store", accounts=True, group=5),
    ActionSpec("quit", QT_TR_NOOP("&Quit"), "file", "window.close", (_KEY.Quit,), needs="always", group=6),
    ActionSpec("find", QT_TR_NOOP("&Find..."), "view", "window.focus_search", (_KEY.Find,),
               tip=QT_TR_NOOP("Search by number (Ctrl+F); Down or Enter then goes to the list"), needs="store",
               group=1),
    ActionSpec("refresh", QT_TR_NOOP("&Refresh"), "view", "window.refresh", (_KEY.Refresh,), _SP.SP_BrowserReload,
               needs="store", group=1),
    ActionSpec("select_all", QT_TR_NOOP("Select &all listed"), "view", "window.select_all", (_KEY.SelectAll,),
               tip=QT_TR_NOOP("Select every report the filters list, for approving, returning, printing or "
                              "exporting them together (Ctrl+A)"), needs="store", group=2),
    ActionSpec("sort", QT_TR_NOOP("&Sort by the current column"), "view", "window.sort_by_current",
               ("Ctrl+Shift+S",), tip=QT_TR_NOOP("Sort the list by the column of the current cell; again: the "
                                                 "other way round (Ctrl+Shift+S)"), needs="store", group=2),
    ActionSpec("export", QT_TR_NOOP("&Export the month's file..."), "submission", "submission.open_export",
               ("Ctrl+E",), _SP.SP_DialogSaveButton,
               QT_TR_NOOP("Write the month's submission file for the state, after its summary (Ctrl+E)"), "export",
               "store", group=1, toolbar=3),
    ActionSpec("import", QT_TR_NOOP("&Import NIBRS files..."), "submission", "submission.import_dialog",
               ("Ctrl+I",), _SP.SP_DirOpenIcon, QT_TR_NOOP("Import NIBRS flat files or XML documents (Ctrl+I)"),
               "import", "store", group=2),
    ActionSpec("feedback", QT_TR_NOOP("Load state &feedback..."), "submission", "submission.feedback_dialog",
               ("Ctrl+Shift+F",), _SP.SP_MessageBoxWarning,
               QT_TR_NOOP("Load the errors the state or the FBI returned (Ctrl+Shift+F)"), "feedback", "store",
               group=2),
    ActionSpec("check_file", QT_TR_NOOP("&Check a NIBRS file..."), "submission", "submission.check_file_dialog",
               tip=QT_TR_NOOP("Check a flat file or XML documents against the FBI edits, without importing them"),
               needs="store", group=2),
    ActionSpec("export_selected", QT_TR_NOOP("E&xport the selected reports..."), "submission",
               "submission.export_selected",
               tip=QT_TR_NOOP("Write the selected reports to a NIBRS file (a copy: not a submission)"),
               permission="export", needs="selection", group=3),
    ActionSpec("quality", QT_TR_NOOP("Data &quality..."), "submission", "window.open_quality", ("Ctrl+Shift+Q",),
               tip=QT_TR_NOOP("Error rates by month from the feedback loaded, the FBI's certification terms, the "
                              "common errors and the trends, in tables and charts (Ctrl+Shift+Q)"), needs="store",
               group=4),
    ActionSpec("packet", QT_TR_NOOP("Certification &packet..."), "submission", "window.certification_packet",
               tip=QT_TR_NOOP("Write what a state program asks a new agency for: the months' files, a zero report "
                              "test, the error rates and the corrections"), permission="export", needs="store",
               group=4),
    ActionSpec("approve", QT_TR_NOOP("&Approve"), "review", "session.approve_selected", ("Ctrl+Return", "Ctrl+Enter"),
               _SP.SP_DialogApplyButton,
               QT_TR_NOOP("Approve the selected reports that are ready for review and free of errors (Ctrl+Enter)"),
               "review", "ready", toolbar=4),
    ActionSpec("return", QT_TR_NOOP("Re&turn for changes..."), "review", "session.return_selected",
               ("Ctrl+Shift+R",), _SP.SP_ArrowBack,
               QT_TR_NOOP("Send the selected reports back to their authors with a comment (Ctrl+Shift+R)"), "review",
               "returnable", toolbar=4),
    ActionSpec("users", QT_TR_NOOP("&Users..."), "tools", "tools.users",
               tip=QT_TR_NOOP("Add people, change their role, deactivate them, reset a password"),
               permission="manage_users", needs="store", group=1),
    ActionSpec("own_password", QT_TR_NOOP("Change my &password..."), "tools", "tools.own_password", needs="store",
               accounts=True, group=1),
    ActionSpec("audit", QT_TR_NOOP("&Audit trail..."), "tools", "tools.audit",
               tip=QT_TR_NOOP("Who did what and when; check that nothing was altered"), permission="audit_view",
               needs="store", group=1),
    ActionSpec("backups", QT_TR_NOOP("&Backups..."), "tools", "tools.backups",
               tip=QT_TR_NOOP("Back up now, or restore a backup"), permission="backup", needs="store", group=1),
    ActionSpec("security", QT_TR_NOOP("&Security settings..."), "tools", "tools.security",
               tip=QT_TR_NOOP("Idle lock time, who may see restricted fields, the keyring"), permission="settings",
               needs="store", group=1),
    ActionSpec("transfer_out", QT_TR_NOOP("Transfer: &write a file for another computer..."), "tools",
               "tools.transfer_out", tip=QT_TR_NOOP("Write this computer's reports to an encrypted transfer file"),
               permission="transfer", needs="store", group=2),
    ActionSpec("transfer_in", QT_TR_NOOP("Transfer: &read a file from another computer..."), "tools",
               "tools.transfer_in",
               tip=QT_TR_NOOP("Merge the reports of a transfer file into this computer's database"),
               permission="import", needs="store", group=2),
    ActionSpec("conflicts", QT_TR_NOOP("Transfer &conflicts..."), "tools", "tools.conflicts",
               tip=QT_TR_NOOP("Reports changed on both computers: choose which version to keep"),
               permission="resolve_conflicts", needs="store", group=2),
    ActionSpec("pairing", QT_TR_NOOP("Transfer: paired co&mputers..."), "tools", "tools.pairing",
               tip=QT_TR_NOOP("This computer's pairing code; the computers paired with this office (administrators "
                              "pair them)"),
               permission="transfer", needs="store", group=2),
    ActionSpec("help_field", QT_TR_NOOP("&Help on this field"), "help", "window.help_on_focus", ("F1",),
               tip=QT_TR_NOOP("What the field with the cursor means: its words, the FBI's definition, its codes and "
                              "the edits that check it (F1)"), group=1, everywhere=True),
    ActionSpec("how_to", QT_TR_NOOP("How &to..."), "help", "window.open_help",
               tip=QT_TR_NOOP("Step-by-step pages for the office's tasks"), group=1),
    ActionSpec("search_help", QT_TR_NOOP("&Search the help..."), "help", "window.search_help", ("Shift+F1",),
               tip=QT_TR_NOOP("Find the help pages that mention a word (Shift+F1)"), group=1),
    ActionSpec("about", QT_TR_NOOP("&About NIBRS Desk"), "help", "window.about", group=2),
)
