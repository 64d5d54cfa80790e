"""Small building blocks the sign-in, passphrase, users, audit, backup and transfer dialogs share.

``FormDialog`` is a short form: labelled fields (``&`` mnemonics, each label the buddy of its
field, the label's words as the field's accessible name, Tab in reading order), a line that
states a refusal in words, and two buttons. ``submit()`` does the work and returns ``None``
when done, or the words to show while the dialog stays open (a wrong password, a passphrase
typed differently twice). The dialogs are opened with ``open()``, not ``exec()``: nothing
blocks, so the session lock can hide them and tests drive them as a person does.
"""

from __future__ import annotations

from typing import Callable

from desktop.ui.qt import (
    ERROR_STYLE, NOTE_STYLE, QT_TRANSLATE_NOOP, QAbstractItemView, QDialog, QDialogButtonBox,
    QFormLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QTableWidget, QTimer, QVBoxLayout, QWidget,
    Qt,
    plain, screen_room, tr,
)

ROLE_WORDS = {"deputy": QT_TRANSLATE_NOOP("", "Deputy"), "supervisor": QT_TRANSLATE_NOOP("", "Supervisor"),
              "administrator": QT_TRANSLATE_NOOP("", "Administrator")}


def role_words(role: str) -> str:
    """A role's name for people ("Supervisor"), translated."""
    return tr(ROLE_WORDS[role]) if role in ROLE_WORDS else role


def status_words(status: str) -> str:
    """A report's status for people ("Ready for review"), translated. The words are the store's STATUS_LABELS;
    `make translations` puts them in the catalog (desktop/ui/dev/data_strings.py)."""
    from desktop.store.service import STATUS_LABELS  # loaded by then: there is a report

    return tr(STATUS_LABELS[status]) if status in STATUS_LABELS else status


def words(exc: BaseException | str) -> str:
    """A refusal from the store, ending as a sentence does (its first word may be a user name: left as is)."""
    text = str(exc).strip()
    if not text:
        return ""
    return text if text.endswith((".", "!", "?")) else text + "."


def plain_label(text: str) -> str:
    """A label's words without its mnemonic and colon, for an accessible name."""
    return plain(text).rstrip(":").strip()


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.Password)
    field.setInputMethodHints(Qt.ImhHiddenText | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase)
    return field


def fit_to_content(dialog: QWidget, chars: int | None = None) -> None:
    """Size a dialog to what it holds, at any scaling: ``chars`` average characters wide (or as wide as it is),
    and as tall as its wrapped words need at that width, within the screen. The size is also its minimum, so a
    message shown later (``FormDialog.show_error``) grows it instead of squeezing a warning above."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    minimum = layout.totalMinimumSize().width()
    width = max(dialog.fontMetrics().averageCharWidth() * chars if chars else dialog.width(), minimum)
    screen = screen_room(dialog)
    if screen is not None:
        width = min(width, screen.width() - 40)
    # wrapped words: the height they need at that width (their minimum height assumes a narrow window)
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else \
        max(layout.totalMinimumSize().height(), layout.totalSizeHint().height())
    if screen is not None:
        height = min(height, screen.height() - 60)
    dialog.setMinimumSize(min(width, minimum if chars is None else width), height)
    dialog.resize(width, max(height, dialog.height()) if chars is None else height)


def note(text: str, name: str, style: str = NOTE_STYLE) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


class FormDialog(QDialog):
    """A short form with a line for refusals in words; ``submit`` decides whether it closes."""

    def __init__(self, parent: QWidget | None, title: str, name: str, *, intro: str = "", ok: str = "",
                 cancel: str = ""):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModal)
        self.layout_ = QVBoxLayout(self)
        self.info = note("", f"{name}_info")
        self.info.hide()
        self.layout_.addWidget(self.info)
        self.intro = QLabel(intro)
        self.intro.setObjectName(f"{name}_intro")
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        self.layout_.addWidget(self.intro)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName(f"{name}_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)  # room to spare goes below the fields, not between them
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok or self.tr("OK"), QDialogButtonBox.AcceptRole)
        self.ok_button.setObjectName(f"{name}_ok")
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(cancel or self.tr("Cancel"), QDialogButtonBox.RejectRole)
        self.cancel_button.setObjectName(f"{name}_cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)
        self._chain: list[QWidget] = []
        self.chars = 80  # its width in average characters (fit_to_content)

    def add_row(self, label_text: str, widget: QWidget, *, accessible: str = "") -> QWidget:
        label = QLabel(label_text)
        label.setBuddy(widget)
        self.form.addRow(label, widget)
        widget.setAccessibleName(accessible or plain_label(label_text))
        self._chain_add(widget)
        return widget

    def add_secret_twice(self, label_text: str, name: str, again_accessible: str, *, accessible: str = "",
                         again_name: str = "") -> tuple[QLineEdit, QLineEdit]:
        """A new password (or passphrase) and the field it is typed again in ("&Again:")."""
        first = self.add_row(label_text, password_field(name), accessible=accessible)
        again = self.add_row(tr("&Again:"), password_field(again_name or f"{name}_again"), accessible=again_accessible)
        return first, again

    def add_widget(self, widget: QWidget) -> QWidget:
        """A row without a label of its own (a check box, a note)."""
        self.form.addRow(widget)
        if widget.focusPolicy() != Qt.NoFocus:
            self._chain_add(widget)
        return widget

    def _chain_add(self, widget: QWidget) -> None:
        if self._chain:
            QWidget.setTabOrder(self._chain[-1], widget)
        self._chain.append(widget)

    def finish_tab_order(self) -> None:
        """Fields first, then the buttons, in reading order."""
        last = self._chain[-1] if self._chain else None
        for b in self.buttons.buttons():
            if last is not None:
                QWidget.setTabOrder(last, b)
            last = b
        if self._chain:
            self._chain[0].setFocus()

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))
        self.fit()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.fit()

    def show_info(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(bool(text))
        self.fit()

    def fit(self) -> None:
        """As large as the words now shown need (a message never squeezes another)."""
        fit_to_content(self, None if self.isVisible() else self.chars)

    def showEvent(self, e) -> None:
        fit_to_content(self, self.chars)
        super().showEvent(e)
        QTimer.singleShot(0, lambda: fit_to_content(self, self.chars))  # once its words are laid out on screen

    def submit(self) -> str | None:
        return None

    def twice_then(self, first: QLineEdit, again: QLineEdit, differ_words: str, act, refused: str) -> str | None:
        """A secret typed twice, then ``act()`` (a change the store makes): why not, in words, or None.
        ``refused`` is a template for the store's refusal ("Not done: {0}")."""
        from desktop.store.errors import StoreError

        problem = differ(first, again, differ_words)
        if problem:
            return problem
        try:
            act()
        except StoreError as exc:
            return refused.format(words(exc))
        return None

    def submitted(self) -> bool:
        """Do the work (``submit``); say why not, or clear the refusal. Whether it was done."""
        problem = self.submit()
        self.show_error(problem or "")
        return not problem

    def accept(self) -> None:
        if self.submitted():
            super().accept()


def differ(first: QLineEdit, again: QLineEdit, problem: str) -> str | None:
    """``problem`` when a secret typed twice differs (the second field is emptied for typing it again)."""
    if first.text() == again.text():
        return None
    again.clear()
    again.setFocus()
    return problem


def tell(parent: QWidget, title: str, text: str, *, problem: bool = False) -> None:
    """Say something that needs the person's attention (an error in words, or a result)."""
    if problem:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text, QMessageBox.Yes | QMessageBox.No,
                                QMessageBox.No) == QMessageBox.Yes


def button(text: str, name: str, slot: Callable[[], object], *, tip: str = "") -> QPushButton:
    b = QPushButton(text)
    b.setObjectName(name)
    b.setAutoDefault(False)
    if tip:
        b.setToolTip(tip)
    b.clicked.connect(lambda _checked=False: slot())
    return b


def record_table(headers: list[str], name: str, accessible: str,
                 on_selection: Callable[[], object] | None = None) -> QTableWidget:
    """A read-only list of records (users, backups, audit entries): one row chosen at a time, columns sized to
    their contents and the last one stretched, no row numbers. ``headers`` and ``accessible`` are translated."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeToContents)
    header.setStretchLastSection(True)
    if on_selection is not None:
        table.itemSelectionChanged.connect(on_selection)
    return table


__all__ = ["FormDialog", "button", "confirm", "differ", "fit_to_content", "note", "password_field", "plain_label",
           "record_table", "role_words", "status_words", "tell", "words"]
