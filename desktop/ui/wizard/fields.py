"""Field widgets built from data elements: code pickers, code lists, ages, dates, numbers, text.

Every field is a ``QLineEdit`` named after its element (``de_6``, ``de_25A``, a profile's own
id), so it takes its value typed from the keyboard followed by Tab. A code picker takes the
code or words of its meaning ("13A", "aggravated") and offers, as you type, only the codes
that fit the situation; an element that takes several values takes codes separated by commas.
Beside each field: the meaning of what was typed, and the FBI edits' errors and warnings in words.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from desktop import forms
from desktop.forms import entry, words
from desktop.nibrs.dictionary import Code
from desktop.nibrs.findings import ERROR, WARNING, Finding
from desktop.ui.qt import (
    QT_TR_NOOP, QEvent, QKeySequence, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPoint,
    QSizePolicy, QWidget, Qt, Signal,
    finding_style, form_text, plain, tr,
)
from desktop.ui.wizard.editor import ReportEditor, entry_finding

POPUP_ROWS = 60

# Why a code is never offered (desktop.forms.allowed_everywhere), in words: {0} the code, {1} its meaning.
_NOT_OFFERED = {"federal_only": QT_TR_NOOP("{0} {1} is only for federal and tribal agencies."),
                "later_spec": QT_TR_NOOP("{0} {1} is not in the FBI specification your agency reports under."),
                "retired": QT_TR_NOOP("{0} {1} was retired ({2})."),
                "deprecated": QT_TR_NOOP("{0} {1} is no longer used.")}
_DEPRECATED_WITH_NOTE = QT_TR_NOOP("{0} {1} is no longer used: {2}.")


def fix_for(element) -> str:
    """How to type a value of the element, when typed text was not one (its type's words, translated)."""
    return form_text(element.value_type.how_to_type)


def not_offered_words(code: Code, why: str) -> str:
    """A code never offered to this agency, and why, in words (``why`` from desktop.forms.allowed_everywhere)."""
    note = code.get("note")
    template = _DEPRECATED_WITH_NOTE if why == "deprecated" and note else _NOT_OFFERED[why]
    return tr(template).format(code.code, code.text, code.retired if why == "retired" else note)


def finding_parts(f: Finding) -> tuple[str, str]:
    """A finding in words: its kind and FBI number ("Error 153"), then its message and how to fix it."""
    if f.error:
        head = (tr("Error {0}") if f.severity == ERROR else tr("Warning {0}")).format(f.error)
    else:
        head = tr("Error") if f.severity == ERROR else tr("Warning")
    return head, (tr("{0} To fix: {1}").format(f.message, f.fix) if f.fix else f.message)


def finding_text(f: Finding) -> str:
    """One finding in words: kind and FBI number, message, how to fix it."""
    return tr("{0}: {1}").format(*finding_parts(f))


class CodePopup(QListWidget):
    """The codes that match what is being typed, under a code field; never takes the focus."""

    chosen = Signal(str)

    def __init__(self, owner: QWidget):
        super().__init__(owner)
        self.owner = owner
        self.setObjectName("code_popup")
        self.setWindowFlags(Qt.ToolTip | Qt.FramelessWindowHint)
        self.setAttribute(Qt.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.NoFocus)
        self.setUniformItemSizes(True)
        self.moved = False
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.UserRole)))

    def fill(self, codes: list[Code]) -> None:
        self.moved = False  # the person has not chosen a row with the arrows yet
        self.clear()
        for c in codes[:POPUP_ROWS]:
            item = QListWidgetItem(f"{c.code}  {c.text}")
            item.setData(Qt.UserRole, c.code)
            item.setToolTip(c.description)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def show_under(self, widget: QWidget) -> None:
        if not self.count():
            self.hide()
            return
        pos = widget.mapToGlobal(QPoint(0, widget.height()))
        rows = min(self.count(), 10)
        height = self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 2
        width = max(widget.width(), min(520, self.sizeHintForColumn(0) + 30))
        self.setGeometry(pos.x(), pos.y(), width, height)
        self.show()

    def move_selection(self, step: int) -> None:
        self.moved = True
        if self.count():
            self.setCurrentRow(max(0, min(self.count() - 1, self.currentRow() + step)))

    def current_code(self) -> str | None:
        item = self.currentItem()
        return item.data(Qt.UserRole) if item else None


class ElementField(QLineEdit):
    """One data element's field, bound to a path of the report being edited."""

    committed = Signal(str)  # path

    def __init__(self, spec: forms.FieldSpec, path: str, editor: ReportEditor, scope: Callable[[], forms.Scope],
                 agency: forms.Agency, where: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.element = spec.element
        self.path = path
        self.editor = editor
        self.scope = scope
        self.agency = agency
        self.where = where
        self.meaning_label: QLabel | None = None
        self.message_label: QLabel | None = None
        self._shown_findings: list[Finding] | None = None  # what show_findings was last given
        self._shown_text = ""
        self._popup: CodePopup | None = None
        self._ranked: list[words.Match] = []
        self._last_value: Any = None
        self._shown_findings: list[Finding] | None = None  # what show_findings was last given
        self.setObjectName(spec.widget_name)
        number = f", {tr('data element')} {self.element.number}" if self.element.number else ""
        self.setAccessibleName(f"{plain(form_text(spec.label))}{number}"
                               + (f", {where}" if where else ""))
        self.help = form_text(spec.help)
        self.setToolTip(self.help)
        self.setAccessibleDescription(self.help)
        self.setClearButtonEnabled(False)
        self._size()
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self.commit)
        self.load()

    # ------------------------------------------------------------------ look
    def _size(self) -> None:
        chars = self.element.value_type.widget_chars(self.element)
        if self.element.value_type.typed_length and self.element.length:
            self.setMaxLength(max(self.element.length, 1))
        width = self.fontMetrics().horizontalAdvance("M") * chars // 2 + 24
        self.setMinimumWidth(width)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        no_code_list = self.element.type == "code" and not self.is_code
        if self.element.value_type.placeholder and not no_code_list:
            self.setPlaceholderText(form_text(self.element.value_type.placeholder))

    @property
    def is_code(self) -> bool:
        return self.element.type == "code" and bool(self.element.codes)

    # ------------------------------------------------------------------ value <-> text
    def load(self) -> None:
        """Show the editor's value (or the text typed but not understood)."""
        raw = self.editor.raw.get(self.path)
        text = raw if raw is not None else entry.display(self.element, self.editor.value(self.path))
        self.setText(text)
        self._shown_text = text
        self._last_value = copy.deepcopy(self.editor.value(self.path))  # what the field held before any typing
        self.update_meaning()
        if raw is None and self.path not in self.editor.entry:
            notes = self.context_notes(self.editor.value(self.path))  # a stored code that does not fit here
            if notes:
                self.editor.entry[self.path] = notes

    def value(self) -> Any:
        return self.editor.value(self.path)

    def focus_key(self) -> Any:
        """What names this field when its page is rebuilt (the cursor goes back to the field so named)."""
        return self.path

    def offered(self) -> list[Code]:
        if not self.is_code:
            return []
        return forms.offered(self.spec, self.scope(), self.agency)

    def recent(self) -> list[str]:
        """The codes of this picker the signed-in person used lately, most recent first."""
        return self.editor.recent_codes(self.element.id) if self.is_code else []

    def _parse(self, finished: bool) -> entry.Parsed:
        return entry.parse(self.element, self.text(), self.editor.d, offered=self.offered() if self.is_code else (),
                           infants=self.spec.infants, finished=finished, recent=self.recent())

    def _edited(self, _text: str) -> None:
        if self._shown_text is not None:  # the first key of an entry: Ctrl+Z (once the field is left) comes back here
            self.editor.checkpoint(self.path)
        self._shown_text = None  # typed: the value sent while typing is not what the field showed any more
        self._send(self._parse(finished=False))
        self._suggest()

    def commit(self) -> None:
        """The entry is finished (Tab, Return, focus elsewhere): understand words, tidy the text."""
        self.hide_popup()
        self._split_pair()
        parsed = self._parse(finished=True)
        if parsed.normal is not None and parsed.normal != self.text():
            self.setText(parsed.normal)
        if self.text() == self._shown_text and not parsed.problem:
            self.update_meaning()
            return
        if self._shown_text is not None:  # changed without typing (a code chosen with the mouse): undoable too
            self.editor.checkpoint(self.path)
        self._send(parsed)
        self._shown_text = self.text()
        self.committed.emit(self.path)

    def _split_pair(self) -> None:
        """A pasted "38.627003, -90.199402" in a field with a pair (latitude, longitude) fills both."""
        pair = self.element.attrs.get("pair")
        first, sep, second = self.text().partition(",")
        if not pair or not sep:
            return
        try:
            a, b = entry.parse_decimal(first), entry.parse_decimal(second)
        except ValueError:
            return
        if a is None or b is None:
            return
        head, _dot, _last = self.path.rpartition(".")
        pair_path = f"{head}.{pair}" if head else pair
        self.setText(first.strip())
        self.editor.set_value(pair_path, b, raw=None, notes=[])
        holder = self.parentWidget()
        while holder is not None:
            other = holder.findChild(ElementField, pair)
            if other is not None:
                other.load()
                break
            holder = holder.parentWidget()

    def _send(self, parsed: entry.Parsed) -> None:
        text = self.text()
        empty = not text.strip()
        value = parsed.value
        if empty:
            value = [] if self.element.multiple else None
        raw: str | None = None
        notes: list[Finding] = []
        if parsed.pending:
            raw = text
        elif parsed.problem:
            raw = text
            # A code that is not in its list goes to the model, so the FBI edit (x04) names it;
            # anything else not understood is this field's own error.
            if value is None or value == [] or self.spec.profile:
                notes.append(entry_finding(self.element, self.path, parsed.problem,
                                           fix=fix_for(self.element), kind=self.spec.kind))
        if not empty and not parsed.pending:
            notes += self.context_notes(value)
        if self.is_code and not empty and not parsed.pending and not parsed.problem:
            self.editor.used_codes(self.element.id, list(value) if isinstance(value, list) else [value])
        self.editor.set_value(self.path, value, raw=raw, notes=notes)
        self.update_meaning()
        if parsed.pending:
            return
        old, self._last_value = self._last_value, copy.deepcopy(value)
        if self.spec.referenced_by and not parsed.problem and not empty:
            self.editor.renumber(self.path, self.spec.referenced_by, old, value)  # references follow

    def context_notes(self, value: Any) -> list[Finding]:
        """Codes that exist but do not fit here: never offered to this agency, or outside this situation."""
        if not self.is_code or value in (None, []):
            return []
        codes = self.editor.d.code_lists[self.element.codes]
        offered = {c.code for c in self.offered()} if self.spec.choices else set()  # only asked with choices
        out = []
        for v in value if isinstance(value, list) else [value]:
            c = codes.get(v)
            if c is None:
                continue
            why = forms.allowed_everywhere(c, self.agency)
            if why:
                out.append(entry_finding(self.element, self.path, not_offered_words(c, why),
                                         fix=tr("Choose another code from the list."), kind=self.spec.kind))
            elif c.code not in offered and self.spec.choices:
                out.append(entry_finding(
                    self.element, self.path,
                    tr("{0} {1} is not one of the codes that fit here.").format(c.code, c.text),
                    fix=tr("Check it: the list under the field shows the codes that fit."),
                    severity=WARNING, kind=self.spec.kind))
        return out

    def update_meaning(self) -> None:
        if self.meaning_label is None:
            return
        self.meaning_label.setText(entry.meaning(self.element, self.value(), self.editor.d))

    # ------------------------------------------------------------------ suggestions
    def popup(self) -> CodePopup:
        if self._popup is None:
            self._popup = CodePopup(self)
            self._popup.chosen.connect(self.choose)
        return self._popup

    def _current_token(self) -> str:
        if self.element.multiple:
            return self.text().split(",")[-1].strip()
        return self.text().strip()

    def _suggest(self, everything: bool = False) -> None:
        if not self.is_code or (not self.hasFocus() and not everything):
            return
        token = "" if everything else self._current_token()
        if not token and not everything:
            self.hide_popup()
            return
        self._ranked = words.rank(token, self.offered(), recent=self.recent())
        pop = self.popup()
        pop.fill([m.code for m in self._ranked])
        pop.show_under(self)

    def clear_winner(self) -> str | None:
        """The code Enter takes from the list: the one the person moved to, or the ranking's clear winner."""
        pop = self._popup
        if pop is None or not pop.isVisible():
            return None
        if pop.moved:
            return pop.current_code()
        best = words.winner(self._ranked)
        return best.code if best is not None else None

    def say(self, text: str) -> None:
        """A word to the person about this field, on the page's help line (when the window has one)."""
        say = getattr(self.window(), "say", None)
        if callable(say):
            say(text)

    def hide_popup(self) -> None:
        if self._popup is not None and self._popup.isVisible():
            self._popup.hide()

    def choose(self, code: str) -> None:
        """A code picked from the list replaces what is being typed."""
        if self.element.multiple:
            done = [t.strip() for t in self.text().split(",")[:-1] if t.strip()]
            self.setText(", ".join(done + [code]))
        else:
            self.setText(code)
        self.hide_popup()
        self.commit()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.KeyPress and e.key() in (Qt.Key_Tab, Qt.Key_Backtab):
            self.commit()
        return super().event(e)

    def keyPressEvent(self, e) -> None:
        if e.matches(QKeySequence.Undo) or e.matches(QKeySequence.Redo):
            # Typing in this field is undone here; once the field was left, Ctrl+Z undoes in the report.
            typing = self._shown_text is None and (self.isUndoAvailable() if e.matches(QKeySequence.Undo)
                                                   else self.isRedoAvailable())
            if not typing:
                step = getattr(self.window(), "undo" if e.matches(QKeySequence.Undo) else "redo", None)
                if callable(step):
                    self.hide_popup()
                    step()
                    return
        pop = self._popup
        visible = pop is not None and pop.isVisible()
        if self.is_code and (e.key() == Qt.Key_F4 or (e.key() == Qt.Key_Down and not visible)):
            self._suggest(everything=not self._current_token())
            return
        if visible and e.key() in (Qt.Key_Down, Qt.Key_Up, Qt.Key_PageDown, Qt.Key_PageUp):
            step = {Qt.Key_Down: 1, Qt.Key_Up: -1, Qt.Key_PageDown: 8, Qt.Key_PageUp: -8}[e.key()]
            pop.move_selection(step)
            return
        if visible and e.key() in (Qt.Key_Return, Qt.Key_Enter) and not e.modifiers() & ~Qt.KeypadModifier:
            code = self.clear_winner()
            if code:
                self.choose(code)
                if not self.element.multiple:  # several values: stay for ", the next one"
                    self.focusNextChild()
            else:  # no clear winner: the list stays open for the arrows
                self.say(tr("Several codes match '{0}': choose one with the arrow keys and Enter, or type more "
                            "of its words.").format(self._current_token()))
            return
        if visible and e.key() == Qt.Key_Escape:
            self.hide_popup()
            return
        if e.key() in (Qt.Key_Return, Qt.Key_Enter) and not e.modifiers() & ~Qt.KeypadModifier:
            self.commit()  # Enter finishes the entry and moves on, as Tab does; Ctrl+Enter is Next page
            self.focusNextChild()
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, e) -> None:
        self.hide_popup()
        super().focusOutEvent(e)  # editingFinished: the entry is committed
        if e.reason() not in (Qt.ActiveWindowFocusReason, Qt.PopupFocusReason, Qt.MenuBarFocusReason):
            self.editor.leave(self.path)  # the person left the field: its findings show now

    def hideEvent(self, e) -> None:
        self.hide_popup()
        super().hideEvent(e)

    # ------------------------------------------------------------------ findings
    def show_findings(self, found: list[Finding]) -> None:
        show_findings(self, found)


def show_findings(field: QWidget, found: list[Finding]) -> None:
    """A field's findings in words under it (its message label), and in what a screen reader says of it."""
    label = field.message_label
    if label is None:
        return
    if found == field._shown_findings:
        return  # as shown already: a keystroke elsewhere touches nothing here
    field._shown_findings = list(found)
    text = "\n".join(finding_text(f) for f in found)
    if text == label.text():
        return
    if not found:
        label.clear()
        label.hide()
        field.setAccessibleDescription(field.help)
        return
    worst = ERROR if any(f.severity == ERROR for f in found) else WARNING
    label.setText(text)
    set_style(label, finding_style(worst == ERROR))
    label.setVisible(field.isVisible() or not field.isHidden())
    field.setAccessibleDescription(f"{text} {field.help}")


class TextAreaField(QPlainTextEdit):
    """A field of several lines (a narrative, notes: an element type with ``multiline``), bound to a path as an
    :class:`ElementField` is. Enter starts a new line; Tab and Shift+Tab go on (and finish the entry), as does
    leaving the field; Ctrl+Enter is the wizard's next page."""

    committed = Signal(str)  # path

    def __init__(self, spec: forms.FieldSpec, path: str, editor: ReportEditor, scope: Callable[[], forms.Scope],
                 agency: forms.Agency, where: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.element = spec.element
        self.path = path
        self.editor = editor
        self.scope = scope
        self.agency = agency
        self.where = where
        self.meaning_label: QLabel | None = None
        self.message_label: QLabel | None = None
        self._shown_findings: list[Finding] | None = None  # what show_findings was last given
        self._shown_text = ""
        self.setObjectName(spec.widget_name)
        self.setAccessibleName(f"{plain(form_text(spec.label))}" + (f", {where}" if where else ""))
        self.help = form_text(spec.help)
        self.setToolTip(self.help)
        self.setAccessibleDescription(self.help)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        lines = self.fontMetrics().lineSpacing()
        self.setMinimumHeight(lines * 5 + 12)
        self.setMaximumHeight(lines * 12 + 12)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * self.element.value_type.widget // 2)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.load()

    def load(self) -> None:
        value = self.editor.value(self.path)
        text = "" if value in (None, "") else str(value)
        self.setPlainText(text)
        self._shown_text = text

    def value(self) -> Any:
        return self.editor.value(self.path)

    def text(self) -> str:
        return self.toPlainText()

    def focus_key(self) -> Any:
        """What names this field when its page is rebuilt (the cursor goes back to the field so named)."""
        return self.path

    def update_meaning(self) -> None:
        if self.meaning_label is not None:  # how long it is, beside it (a narrative has no code to explain)
            words_count = len(self.toPlainText().split())
            self.meaning_label.setText(tr("{0} words").format(words_count) if words_count else "")

    def commit(self) -> None:
        text = self.toPlainText().rstrip()
        if text == self._shown_text:
            return
        self.editor.checkpoint(self.path)
        self.editor.set_value(self.path, text or None, raw=None, notes=[])
        self._shown_text = text
        self.update_meaning()
        self.committed.emit(self.path)

    def show_findings(self, found: list[Finding]) -> None:
        show_findings(self, found)

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key_Return, Qt.Key_Enter) and e.modifiers() & Qt.ControlModifier:
            self.commit()
            e.ignore()  # the wizard's Ctrl+Enter (next page)
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, e) -> None:
        self.commit()
        super().focusOutEvent(e)
        if e.reason() not in (Qt.ActiveWindowFocusReason, Qt.PopupFocusReason, Qt.MenuBarFocusReason):
            self.editor.leave(self.path)


def field_for(spec: forms.FieldSpec, path: str, editor: ReportEditor, scope: Callable[[], forms.Scope],
              agency: forms.Agency, where: str = "") -> "ElementField | TextAreaField":
    """The field widget of an element: a line, or several lines for a multi-line type."""
    cls = TextAreaField if spec.element.value_type.multiline else ElementField
    return cls(spec, path, editor, scope, agency, where)


def set_style(widget: QWidget, style: str) -> None:
    """A style sheet set only when it changes (setting one re-polishes the widget: milliseconds)."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def make_message_label(field: ElementField) -> QLabel:
    label = QLabel()
    label.setObjectName(f"{field.objectName()}_message")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
    label.hide()
    field.message_label = label
    return label


def make_meaning_label(field: ElementField) -> QLabel:
    label = QLabel()
    label.setObjectName(f"{field.objectName()}_meaning")
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
    label.setMinimumWidth(120)
    field.meaning_label = label
    field.update_meaning()
    return label


def make_label(field: ElementField) -> QLabel:
    label = QLabel(form_text(field.spec.label) + ":")
    label.setBuddy(field)
    label.setObjectName(f"{field.objectName()}_label")
    return label


__all__ = ["ElementField", "TextAreaField", "CodePopup", "field_for", "finding_text", "make_label",
           "make_meaning_label", "make_message_label", "set_style"]
