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

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QDate, QEvent, QLocale, QMarginsF, QModelIndex, QObject,
    QPoint, QSize, Qt, QTimer, QTranslator, Signal,
)
from PySide6.QtGui import (
    QAction, QColor, QIcon, QKeySequence, QPageLayout, QPageSize, QShortcut, QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog,
    QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMainWindow, QMenu, QMessageBox, QPlainTextEdit, QProgressBar, QProgressDialog,
    QPushButton, QScrollArea, QSizePolicy, QSpinBox, QSplitter, QStackedWidget, QStyle, QTableView, QTableWidget,
    QTableWidgetItem, QTextBrowser, QToolBar, QVBoxLayout, QWidget, QWizard, QWizardPage,
)

_PRINT_SUPPORT = ("QPrintDialog", "QPrinter")


def __getattr__(name: str) -> Any:
    """Print support on first use (``from desktop.ui.qt import QPrinter`` inside the function that prints)."""
    if name in _PRINT_SUPPORT:
        from PySide6 import QtPrintSupport

        return getattr(QtPrintSupport, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
# Each colour is named for what it says, declared once; views use the styles below (or QColor(name)).
ERROR_COLOUR = "#b00020"  # an error, a refusal
WARNING_COLOUR = "#8a5a00"  # a warning
GOOD_COLOUR = "#1b5e20"  # done, passed
QUIET_COLOUR = "#505050"  # a help line under a page
NOTE_BACKGROUND, NOTE_BORDER = "#eef4fb", "#99aabb"  # a note: a prompt, a reviewer's comment
WARN_BACKGROUND, WARN_BORDER = "#fff4e5", "#cc9900"  # a caution: a passphrase that cannot be recovered
PRINT_RULE, PRINT_KEY, PRINT_META = "#888888", "#333333", "#555555"  # the printed report's lines and quiet text

ERROR_STYLE = f"color: {ERROR_COLOUR};"
WARNING_STYLE = f"color: {WARNING_COLOUR};"
GOOD_STYLE = f"color: {GOOD_COLOUR};"
QUIET_STYLE = f"color: {QUIET_COLOUR};"
_BOX = "QLabel {{ background: {0}; border: 1px solid {1}; border-radius: 3px; padding: 6px; }}"
NOTE_STYLE = _BOX.format(NOTE_BACKGROUND, NOTE_BORDER)
WARN_STYLE = _BOX.format(WARN_BACKGROUND, WARN_BORDER)


def finding_style(error: bool) -> str:
    """The colour of an error's words, or of a warning's."""
    return ERROR_STYLE if error else WARNING_STYLE
