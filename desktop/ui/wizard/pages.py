"""Wizard pages, built from forms/*.yaml through a registry of page classes (as Picard registers its
option pages).

The form's ``pages`` list (and the pages a state profile adds) says which pages a wizard has and in
which order; each page gets the class registered under its ``kind:``, or under its id, or else the
generic ``FormPage`` (the fields of one segment: Administrative, a Group B arrest) or ``SectionPage``
(repeatable segments: offenses, property, arrestees). A class is registered with ``@register_page``
and its ``PAGE_ID`` only for what the data cannot say: the Victims page adds the Society/Public victim
of a crime against society, the Offenders page carries the victim-offender relationship grid, and the
Review page lists every finding and marks the report ready for review. A ``kind:`` no class is
registered for is a :class:`desktop.forms.FormError` naming the file and line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from desktop import forms
from desktop.forms import binding
from desktop.forms.conditions import local as local_condition
from desktop.nibrs import model as m
from desktop.nibrs.findings import ERROR, Finding
from desktop.store.service import READY, StoreError
from desktop.ui.dialogs import note, status_words
from desktop.ui.qt import (
    ERROR_STYLE, GOOD_STYLE, QUIET_STYLE, QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget,
    QListWidgetItem, QMessageBox, QPushButton, QScrollArea, QTextBrowser, QTimer, QVBoxLayout, QWidget,
    QWizardPage, Qt, form_text, tr,
)
from desktop.ui.wizard.fields import ElementField, TextAreaField, finding_text

FIELDS = (ElementField, TextAreaField)  # a field of a page: a line, or several (a narrative)
from desktop.ui.wizard.sections import FieldRow, RelationshipGrid, RowList, SectionBox, add_field_rows

if TYPE_CHECKING:  # pragma: no cover
    from desktop.ui.wizard.wizard import ReportWizard



PAGE_CLASSES: dict[str, type["FormPage"]] = {}


def _once(items: list) -> list:
    """The items in order, each once (by identity)."""
    return list({id(x): x for x in items}.values())


def has_mnemonic(text: str) -> bool:
    """Whether a label or button text marks an Alt letter ("Add dru&g"; "&&" is a plain ampersand)."""
    return "&" in text.replace("&&", "")


def without_mnemonic(text: str) -> str:
    """The text without its Alt letter, ampersands written "&&" kept as they are."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&&")


def register_page(cls: type["FormPage"]) -> type["FormPage"]:
    """Register a page class under its ``PAGE_ID``: the id of the pages it serves in forms/*.yaml, or a
    ``kind:`` a page names (as Picard registers its option pages)."""
    if not cls.PAGE_ID or PAGE_CLASSES.get(cls.PAGE_ID, cls) is not cls:
        raise ValueError(f"page class {cls.__name__}: PAGE_ID {cls.PAGE_ID!r} is empty or taken")
    PAGE_CLASSES[cls.PAGE_ID] = cls
    return cls


def page_class(spec: forms.PageSpec) -> type["FormPage"]:
    """The class of a page: the one registered for its ``kind:``, or for its id, or else the generic form page
    (a page of one segment's fields) or section page (``section:``, repeatable segments)."""
    cls = PAGE_CLASSES.get(spec.kind or spec.id)
    if cls is not None:
        return cls
    if spec.kind:
        raise forms.FormError(f"{spec.where}: page {spec.id}: unknown page kind {spec.kind!r} "
                              f"(known: {', '.join(sorted(PAGE_CLASSES))})")
    return PAGE_CLASSES["section" if spec.section else "form"]


@register_page
class FormPage(QWizardPage):
    """A page built from its form declaration; rebuilt from the model when its lists change."""

    PAGE_ID = "form"

    def __init__(self, wizard: "ReportWizard", spec: forms.PageSpec):
        super().__init__()
        self.wiz = wizard
        self.spec = spec
        self.editor = wizard.editor
        self.form = wizard.form
        self.agency = wizard.agency
        self.setObjectName(f"page_{spec.id}")
        self.setTitle(form_text(spec.title))
        if spec.subtitle:
            self.setSubTitle(form_text(spec.subtitle))
        self.rows: list[FieldRow] = []
        self.fields: dict[str, ElementField] = {}
        self.row_lists: list[RowList] = []
        self.sections: list[SectionBox] = []
        self.prompts: list[tuple[forms.PromptSpec, QLabel]] = []
        self.content: QWidget | None = None
        self._findings_seen: tuple | None = None  # what update_findings last showed (_findings_now)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setObjectName(f"scroll_{spec.id}")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(2, 2, 8, 2)
        self.page_message = QLabel()
        self.page_message.setObjectName(f"{spec.id}_message")
        self.page_message.setWordWrap(True)
        self.page_message.setStyleSheet(ERROR_STYLE)
        self.page_message.hide()
        self.body_layout.addWidget(self.page_message)
        for prompt in spec.prompts:
            label = note(form_text(prompt.text), f"prompt_{prompt.id}")
            self.body_layout.addWidget(label)
            self.prompts.append((prompt, label))
        self.content_layout = QVBoxLayout()
        self.body_layout.addLayout(self.content_layout)
        self.body_layout.addStretch(1)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        self.help_line = QLabel()
        self.help_line.setObjectName("field_help")
        self.help_line.setWordWrap(True)
        self.help_line.setStyleSheet(QUIET_STYLE)
        self.save_line = QLabel()
        self.save_line.setObjectName("save_status")
        foot = QHBoxLayout()
        foot.addWidget(self.help_line, 1)
        foot.addWidget(self.save_line)
        outer.addLayout(foot)
        self.editor.changed.connect(self._on_changed)
        self.editor.findings_changed.connect(self._on_findings)
        self.editor.structure_changed.connect(self._on_structure)
        self.editor.saved.connect(lambda *_: self._saved_text())
        self.editor.save_failed.connect(self._save_failed)

    # ------------------------------------------------------------------ building
    def build(self) -> None:
        """(Re)build the page's widgets from the model."""
        focused = self.wiz.focusWidget()
        focus_key = focused.focus_key() if isinstance(focused, FIELDS) and focused.window() is self.window() \
            else None
        if self.content is not None:
            old = self.content
            for gone in [*old.findChildren(ElementField), *old.findChildren(TextAreaField)]:  # no late commits
                gone.blockSignals(True)
            self.content_layout.removeWidget(old)
            old.hide()
            old.setParent(None)
            old.deleteLater()
        self.rows, self.fields, self.row_lists, self.sections = [], {}, [], []
        self._findings_seen = None  # new widgets: their findings are shown afresh
        self.content = QWidget()
        self.content.setObjectName(f"{self.spec.id}_content")
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.build_content(layout)
        self.content_layout.addWidget(self.content)
        if self.isVisible():
            self.content.show()  # a layout shows a new child only later; tests and focus need it now
        self.chain_tab_order()
        self._collect_mnemonics()
        self._index_rows()
        if self.editor.read_only:
            self.lock_for_reading()
        self.refresh()
        if focus_key and self.wiz.currentPage() is self:
            again = next((f for f in [*self.content.findChildren(ElementField), *self.content.findChildren(TextAreaField)] if f.focus_key() == focus_key), None)
            if again is not None:  # the same field rebuilt (a grid cell by its victim and offender)
                again.setFocus()
        self.update_mnemonics(self.wiz.focusWidget())

    def build_content(self, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        layout.addLayout(grid)
        add_field_rows(self, grid, self.spec.fields, "", self.report_scope, "")

    def report_scope(self) -> forms.Scope:
        ed = self.editor
        return forms.Scope(ed.report, ed.kind, ed.report, ed.d)

    def register(self, row: FieldRow) -> None:
        self.rows.append(row)
        self.fields[row.field.path] = row.field  # its help shows as it gets the focus (ReportWizard._focus_changed)
        if row.spec.element.attrs.get("fills"):  # a date of birth fills the age (desktop.ui.wizard.people)
            from desktop.ui.wizard import people

            row.field.committed.connect(lambda path: people.fill_from(self, path))

    def pick_person(self, focused: QWidget | None) -> None:
        """Ctrl+Shift+P: a person entered before fills the section with the cursor (desktop.ui.wizard.people)."""
        from desktop.ui.wizard import people

        people.pick_person(self, focused)

    def register_rows(self, rl: RowList) -> None:
        self.row_lists.append(rl)

    def chain_tab_order(self) -> None:
        """Tab follows reading order, also after sections are rebuilt, then the wizard's buttons.

        Widgets are made top to bottom and left to right, so the order of the content's
        children is the reading order; a rebuilt section would otherwise come after the buttons.
        """
        window = self.window()
        order = [w for w in self.content.findChildren(QWidget)
                 if w.focusPolicy() & Qt.TabFocus and w.window() is window]  # not a code list's popup
        order += self.wiz.button_chain()
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------------------ read only
    def lock_for_reading(self) -> None:
        """A report this person may not change: every field, its label (so its Alt letter is off) and every
        button of the page's content are disabled; reading, moving between pages and printing still work."""
        for f in [*self.content.findChildren(ElementField), *self.content.findChildren(TextAreaField)]:
            f.setEnabled(False)
        for row in self.rows:
            row.label.setEnabled(False)
        for b in self.content.findChildren(QPushButton):
            if b.objectName() not in self.READ_ONLY_BUTTONS:
                b.setEnabled(False)

    READ_ONLY_BUTTONS = frozenset()  # buttons that only read (the Review page's Go to field, Print...)

    def supplement_note(self, text: str) -> None:
        """The report became a supplement: say so at the top of the page."""
        label = getattr(self, "_supplement_label", None)
        if label is None:
            label = self._supplement_label = note("", "supplement_note")
            self.body_layout.insertWidget(0, label)
        label.setText(text)
        label.show()

    # ------------------------------------------------------------------ Alt letters
    def _collect_mnemonics(self) -> None:
        """The labels and buttons of the page's content that carry an Alt letter, with their full text."""
        self.mnemonic_texts: dict[QWidget, str] = {}
        for w in self.content.findChildren(QLabel):
            if w.buddy() is not None and has_mnemonic(w.text()):
                self.mnemonic_texts[w] = w.text()
        for w in self.content.findChildren(QPushButton):
            if has_mnemonic(w.text()):
                self.mnemonic_texts[w] = w.text()
        self._active_rows: dict[int, QWidget] = {}

    def update_mnemonics(self, focused: QWidget | None = None) -> None:
        """Alt letters act in the section and the row being typed in.

        Every offense (victim, property description...) has the same labels, so an Alt letter used in each would
        be used several times in one window; only the section with the cursor (or the last one that had it) and,
        in it, the row with the cursor (or the last row) keep their letters, and the page's own fields and
        buttons always keep theirs.
        """
        texts = getattr(self, "mnemonic_texts", None)
        if texts is None:
            return
        w = focused
        while w is not None and w is not self:
            holder = w.parentWidget()
            if isinstance(holder, RowList) and w in holder.row_widgets:
                self._active_rows[id(holder)] = w  # the row with the cursor, in its list
            if isinstance(w, SectionBox):
                self._active_section = w.index
                break
            w = holder
        active = min(getattr(self, "_active_section", 0), max(len(self.sections) - 1, 0))
        for widget, text in texts.items():
            on = True
            p = widget.parentWidget()
            while p is not None and p is not self.content:
                if isinstance(p, SectionBox) and p.index != active:
                    on = False
                    break
                if isinstance(p, RowList):
                    rows = p.row_widgets
                    chosen = self._active_rows.get(id(p))
                    if chosen not in rows:
                        chosen = rows[-1] if rows else None
                    if any(r is not chosen and (r is widget or r.isAncestorOf(widget)) for r in rows):
                        on = False
                        break
                p = p.parentWidget()
            want = text if on else without_mnemonic(text)
            if widget.text() != want:
                widget.setText(want)

    # ------------------------------------------------------------------ refreshing
    def refresh(self) -> None:
        """The whole page: which fields apply, the sections' titles, the findings shown."""
        self._show_rows(self.rows, self.row_lists)
        for box in self.sections:
            box.update_title()
        self.update_findings()

    def _show_rows(self, rows: list[FieldRow], row_lists: list[RowList]) -> None:
        show_all = self.wiz.show_all
        for row in rows:
            on = show_all or row.filled() or forms.holds(row.spec.when, row.scope())
            row.set_visible(on)
        for rl in row_lists:
            on = show_all or rl.has_rows() or forms.holds(rl.spec.when, rl.parent_scope())
            if rl.isHidden() == on:
                rl.setVisible(on)
        for prompt, label in self.prompts:
            on = forms.holds(prompt.when, self.report_scope())
            if label.isHidden() == on:
                label.setVisible(on)

    @staticmethod
    def section_key(path: str) -> str:
        """The section a path is in ("victims[4]" for "victims[4].relationships[0].relationship"); "" for a field
        of the report itself."""
        head = path.split(".", 1)[0]
        return head if head.endswith("]") else ""

    def _index_rows(self) -> None:
        """The rows by section, and those whose condition reads beyond their own section (``offenses:``): what a
        change in one section can change."""
        self._rows_of: dict[str, list[FieldRow]] = {}
        self._lists_of: dict[str, list[RowList]] = {}
        self._wide_rows = [r for r in self.rows if not local_condition(r.spec.when)]
        self._wide_lists = [rl for rl in self.row_lists if not local_condition(rl.spec.when)]
        for row in self.rows:
            self._rows_of.setdefault(self.section_key(row.field.path), []).append(row)
        for rl in self.row_lists:
            self._lists_of.setdefault(self.section_key(rl.list_path), []).append(rl)

    def _on_changed(self, path: str) -> None:
        """A value changed: only its own section is looked at again (which of its fields apply, its title, the
        meanings), with the report's own fields and those whose condition reads the whole report. The other
        pages are built afresh from the model when they are shown; the findings follow ``findings_changed``."""
        if self.content is None or not self.isVisible():
            return
        key = self.section_key(path)
        if not key or not hasattr(self, "_rows_of"):
            self._show_rows(self.rows, self.row_lists)
            for box in self.sections:
                box.update_title()
            rows = self.rows
        else:
            rows = self._rows_of.get(key, [])
            self._show_rows(_once(rows + self._rows_of.get("", []) + self._wide_rows),
                            _once(self._lists_of.get(key, []) + self._lists_of.get("", []) + self._wide_lists))
            for box in self.sections:
                if box.seg_path == key:
                    box.update_title()
        for row in rows:  # the meanings shown beside the section's fields
            if row.field.path != path:
                row.field.update_meaning()

    def _on_findings(self) -> None:
        if self.content is not None and self.isVisible():
            if self._findings_seen is not None and self._findings_seen == self._findings_now():
                return  # the same findings, fields left and pages passed as last shown: nothing to redo
            self.update_findings()

    def _findings_now(self) -> tuple:
        """What the findings shown on the page depend on: the findings, the fields' own, the fields left, the
        page passed."""
        ed = self.editor
        return (list(ed.findings), {p: list(n) for p, n in ed.entry.items()}, dict(ed.left),
                self.spec.id in ed.passed)

    def _on_structure(self, list_path: str) -> None:
        if self.content is not None and self.isVisible():
            self.build()

    def update_findings(self) -> None:
        """Each field's findings beside it once it was left or the page passed; a section's and the page's own
        findings once the page was passed (desktop.ui.wizard.editor: errors when they help)."""
        ed = self.editor
        pid = self.spec.id
        at = ed.findings_by_field()  # one pass over the findings, not one per field
        in_rows = set()
        for row in self.rows:
            in_rows.add(id(row.field))
            shown = ed.shows(row.field.path, pid)
            row.field.show_findings(at.get(row.field.path, []) if shown else [])
        for cell in self.fields.values():
            if id(cell) not in in_rows:  # the relationship grid's cells
                cell.show_findings(at.get(cell.path, []) if ed.shows(cell.path, pid) else [])
        own = self.segment_findings() if pid in ed.passed else []
        for box in self.sections:
            box.show_segment_findings("\n".join(finding_text(f) for f in own if f.path == box.seg_path))
        page_level = [f for f in own if not any(f.path == b.seg_path for b in self.sections)]
        self.page_message.setText("\n".join(finding_text(f) for f in page_level))
        self.page_message.setVisible(bool(page_level))
        self._findings_seen = self._findings_now()

    def segment_findings(self) -> list[Finding]:
        """The findings that lead to this page but to none of its fields: about a whole section (shown on it) or
        about the report (at the top of the page: "the incident has no offender" on the Offenders page)."""
        me = self.wiz.page_ids.get(self.spec.id)
        out = []
        for f in self.editor.findings:
            if self.wiz.page_of(f.path, f.element) != me:
                continue
            if f.path and binding.field_path(f.path) in self.fields:
                continue  # beside its field
            out.append(f)
        return out

    # ------------------------------------------------------------------ wizard hooks
    def initializePage(self) -> None:
        """Moving forward onto the page; the wizard rebuilds every page it shows (see ``shown``)."""

    def shown(self) -> None:
        """The page became the current one, forward or back: build it from the model as it is now,
        and put the cursor in its first empty field."""
        self.build()
        focused = self.wiz.focusWidget()
        if isinstance(focused, FIELDS) and focused in self.fields.values():
            return
        visible = forms.spec.entry_fields([r.field for r in self.rows if not r.field.isHidden()])
        empty = [f for f in visible if not f.text()]
        target = (empty or visible or [None])[0]
        if target is not None:
            target.setFocus(Qt.OtherFocusReason)

    def cleanupPage(self) -> None:
        """Going back keeps what was typed (it is a draft)."""

    def validatePage(self) -> bool:
        focused = self.wiz.focusWidget()
        if isinstance(focused, FIELDS):
            focused.commit()
        self.editor.pass_page(self.spec.id)  # going on: its findings show when the person comes back
        return True  # moving on with errors is allowed: it is a draft

    def nextId(self) -> int:
        return self.wiz.next_page_after(self)

    def applies(self) -> bool:
        """Whether the page is part of this report (its condition holds, or it already holds data)."""
        if self.spec.when is None:
            return True
        if self.spec.list_field and self.editor.segments(self.spec.list_field):
            return True
        return forms.holds(self.spec.when, self.report_scope())

    def claims(self, path: str) -> int:
        """How strongly a finding's path belongs on this page: 0 not at all, 1 its field or segment is here;
        a page that shows the same value better (the relationship grid) claims more."""
        return 1 if self.owns(path) else 0

    def field_order(self, element_id: str) -> int:
        """The place of an element among the page's fields (Review lists findings in this order)."""
        for i, spec in enumerate(self.spec.all_fields()):
            if spec.element.id == element_id:
                return i
        return len(self.spec.fields) + len(self.spec.fields_after) + 100

    def owns(self, path: str) -> bool:
        """Whether the field or segment a finding's path names is on this page."""
        head = binding.split(path)[0][0] if path else ""
        if self.spec.list_field:
            return head == self.spec.list_field or any(
                binding.join("", f.name) == head for f in self.spec.fields_after)
        return head == "" or any(f.name == head for f in self.spec.fields)

    # ------------------------------------------------------------------ focus
    def focus_path(self, path: str) -> QWidget | None:
        """Show and focus the field a path names (or the first field of the segment it names)."""
        target = binding.field_path(path) if path else ""
        field = self.fields.get(target)
        if field is None:
            candidates = [p for p in self.fields if p.startswith(target + ".") or p.startswith(target + "[")] \
                if target else list(self.fields)
            field = self.fields[candidates[0]] if candidates else None
        if field is None:
            return None
        if not field.isVisible() and not self.wiz.show_all:
            for row in self.rows:
                if row.field is field:
                    row.set_visible(True)
        self.scroll.ensureWidgetVisible(field, 40, 80)
        field.setFocus(Qt.OtherFocusReason)
        return field

    def focus_path_later(self, path: str) -> None:
        QTimer.singleShot(0, lambda: self.focus_path(path))

    def focus_first_empty_later(self, seg_path: str) -> None:
        """A new section: the cursor in its first empty field (what defaults filled in is passed by)."""
        def focus() -> None:
            prefix = seg_path + "."
            fields = forms.spec.entry_fields([f for p, f in self.fields.items() if p.startswith(prefix) and f.isVisible()])
            target = next((f for f in fields if not f.text()), fields[0] if fields else None)
            if target is None:
                self.focus_path(seg_path)
                return
            self.scroll.ensureWidgetVisible(target, 40, 80)
            target.setFocus(Qt.OtherFocusReason)

        QTimer.singleShot(0, focus)

    def focus_later(self, w: QWidget) -> None:
        def focus() -> None:
            try:
                if w.isVisible():
                    w.setFocus()
            except RuntimeError:  # rebuilt meanwhile
                pass

        QTimer.singleShot(0, focus)

    def focus_add_button_later(self, list_path: str) -> None:
        """After a row is removed (and the page rebuilt): the cursor on the Add button of its list."""
        def focus() -> None:
            for rl in self.row_lists:
                if rl.list_path == list_path and rl.add_button.isVisible():
                    rl.add_button.setFocus()
                    return

        QTimer.singleShot(0, focus)

    # ------------------------------------------------------------------ save state
    def _saved_text(self) -> None:
        self.save_line.setText(tr("Draft saved"))
        self.save_line.setStyleSheet("")

    def _save_failed(self, why: str) -> None:
        self.save_line.setText(tr("Not saved yet: {0}").format(why.splitlines()[-1].strip(" -")))
        self.save_line.setStyleSheet(ERROR_STYLE)


@register_page
class SectionPage(FormPage):
    """A page of repeatable sections: add, remove and duplicate an offense, a property, a victim..."""

    PAGE_ID = "section"

    def initializePage(self) -> None:
        if self.spec.start_with_one and not self.editor.segments(self.spec.list_field):
            self.add_first()
        super().initializePage()

    def build_content(self, layout: QVBoxLayout) -> None:
        segments = self.editor.segments(self.spec.list_field)
        for i in range(len(segments)):
            box = SectionBox(self, self.spec, i)
            self.sections.append(box)
            layout.addWidget(box)
        if not segments:
            empty = QLabel(tr("None yet. Choose \"{0}\" to add one.").format(self.add_label().replace("&", "")))
            empty.setObjectName(f"{self.spec.item}_empty")
            layout.addWidget(empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.add_label())
        self.add_button.setObjectName(f"add_{self.spec.item}")
        self.add_button.clicked.connect(self.add_section)
        self.add_button.setEnabled(len(segments) < self.spec.max)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        if self.spec.fields_after:
            grid = QGridLayout()
            layout.addLayout(grid)
            add_field_rows(self, grid, self.spec.fields_after, "", self.report_scope, "")

    def add_label(self) -> str:
        return form_text(self.spec.add_label) if self.spec.add_label else tr("&Add {0}").format(self.spec.item)

    def new_segment(self) -> m.Segment:
        return self.wiz.new_segment(self.spec)

    def add_first(self, segment: m.Segment | None = None) -> None:
        """A page's first, empty section: shown ready to type in, but not a change worth a draft by itself."""
        was = self.editor.dirty
        self.editor.add_segment(self.spec.list_field, segment or self.new_segment(), undoable=False)
        self.editor.dirty = was

    def add_section(self) -> None:
        if len(self.editor.segments(self.spec.list_field)) >= self.spec.max:
            return
        index = self.editor.add_segment(self.spec.list_field, self.new_segment())
        self.focus_first_empty_later(f"{self.spec.list_field}[{index}]")

    def remove_section(self, index: int) -> None:
        segment = self.editor.segments(self.spec.list_field)[index]
        if any(v not in (None, [], "") for v in segment.values().values()):
            answer = QMessageBox.question(
                self, tr("Remove {0}").format(self.spec.item),
                tr("Remove {0} {1} and everything typed in it?").format(self.spec.item, index + 1),
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return
        self.editor.remove_segment(self.spec.list_field, index)
        self.focus_later(self.add_button)

    def holders(self, focused: QWidget | None) -> tuple[SectionBox | None, RowList | None, int | None]:
        """The section, and the row list and row, that hold a widget."""
        box = rows = row = None
        w = focused
        while w is not None and w is not self:
            holder = w.parentWidget()
            if rows is None and isinstance(holder, RowList) and w in holder.row_widgets:
                rows, row = holder, holder.row_widgets.index(w)
            if isinstance(w, SectionBox):
                box = w
                break
            w = holder
        return box, rows, row

    def duplicate_focused(self, focused: QWidget | None) -> None:
        """Ctrl+Shift+D: duplicate the section with the cursor."""
        box, _rows, _row = self.holders(focused)
        if box is not None:
            self.duplicate_section(box.index)

    def remove_focused(self, focused: QWidget | None) -> None:
        """Ctrl+Shift+Delete: remove the row with the cursor, or else its section (asking first when it holds
        something)."""
        box, rows, row = self.holders(focused)
        if rows is not None and row is not None:
            rows.remove_row(row)
        elif box is not None:
            self.remove_section(box.index)

    def duplicate_section(self, index: int) -> None:
        if len(self.editor.segments(self.spec.list_field)) >= self.spec.max:
            return
        new = self.editor.duplicate_segment(self.spec.list_field, index, self.wiz.renumber)
        self.focus_path_later(f"{self.spec.list_field}[{new}]")


@register_page
class VictimsPage(SectionPage):
    """The victims, and the Society/Public victim a crime against society has (``society_victim``)."""

    PAGE_ID = "victims"

    def build_content(self, layout: QVBoxLayout) -> None:
        self.society_note = note("", "society_note")
        self.society_note.hide()
        layout.addWidget(self.society_note)
        super().build_content(layout)
        if self.wiz.society_added:
            self.society_note.setText(form_text(self.spec.society_victim.get("note") or ""))
            self.society_note.show()

    def initializePage(self) -> None:
        sv = self.spec.society_victim
        report = self.editor.report
        if sv and not report.victims and forms.holds(sv.get("when"), self.report_scope()):
            victim = self.new_segment()
            victim.victim_type = str(sv.get("victim_type", "S"))
            self.editor.add_segment("victims", victim, undoable=False)
            self.wiz.society_added = True
        super().initializePage()


@register_page
class OffendersPage(SectionPage):
    """The offenders, and the grid of each victim's relationship to each offender (``relationship_grid``)."""

    PAGE_ID = "offenders"

    def build_content(self, layout: QVBoxLayout) -> None:
        super().build_content(layout)
        if self.spec.relationship_grid:
            self.grid = RelationshipGrid(self)
            layout.addWidget(self.grid)
            for cell_field in self.grid.findChildren(ElementField):
                self.fields[cell_field.path] = cell_field

    _RELATIONSHIP = re.compile(r"^victims\[(\d+)\]\.relationships\[(\d+)\]")

    def claims(self, path: str) -> int:
        """A victim's relationship to a numbered offender is a cell of the grid here: its findings lead here."""
        m = self._RELATIONSHIP.match(path or "")
        if m and self.spec.relationship_grid:
            report = self.editor.report
            try:
                rel = report.victims[int(m.group(1))].relationships[int(m.group(2))]
            except IndexError:
                return 0
            numbers = {o.sequence_number for o in report.offenders if o.sequence_number}
            return 2 if rel.offender_number in numbers else 0
        return super().claims(path)

    def field_order(self, element_id: str) -> int:
        if element_id in ("34", "35"):  # the grid, after the offenders' own fields
            return len(self.spec.fields) + 1
        return super().field_order(element_id)

    def _on_changed(self, path: str) -> None:
        super()._on_changed(path)
        if path.startswith("offenders[") and path.endswith("sequence_number") and self.isVisible():
            QTimer.singleShot(0, self._rebuild_grid)

    def _rebuild_grid(self) -> None:
        if hasattr(self, "grid") and self.isVisible():
            self.build()


@register_page
class ReviewPage(FormPage):
    """Every finding of the FBI edits and of the fields; choose one to go to its field."""

    PAGE_ID = "review"
    READ_ONLY_BUTTONS = frozenset({"go_to_field", "print_report", "save_pdf"})

    def owns(self, path: str) -> bool:
        return False  # findings point at the fields of the other pages

    def build_content(self, layout: QVBoxLayout) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("review_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        label = QLabel(tr("&Errors and warnings (Enter or double-click goes to the field):"))
        layout.addWidget(label)
        self.list = QListWidget()
        self.list.setObjectName("findings")
        self.list.setAccessibleName(tr("Errors and warnings"))
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(140)
        self.list.itemActivated.connect(self._activated)
        label.setBuddy(self.list)
        layout.addWidget(self.list)
        self.no_findings = QLabel(tr("No errors and no warnings: the report passes every FBI edit NIBRS Desk checks."))
        self.no_findings.setObjectName("no_findings")
        self.no_findings.setStyleSheet(GOOD_STYLE)
        layout.addWidget(self.no_findings)
        buttons = QHBoxLayout()
        self.go_button = QPushButton(tr("&Go to field"))
        self.go_button.setObjectName("go_to_field")
        self.go_button.clicked.connect(lambda: self._activated(self.list.currentItem()))
        self.ready_button = QPushButton(tr("&Mark ready for review"))
        self.ready_button.setObjectName("mark_ready")
        self.ready_button.clicked.connect(self.mark_ready)
        self.print_button = QPushButton(tr("&Print..."))
        self.print_button.setObjectName("print_report")
        self.print_button.clicked.connect(lambda: self.wiz.print_report())
        self.pdf_button = QPushButton(tr("Save as P&DF..."))
        self.pdf_button.setObjectName("save_pdf")
        self.pdf_button.clicked.connect(lambda: self.wiz.save_pdf())
        self.ready_message = QLabel()
        self.ready_message.setObjectName("ready_message")
        self.ready_message.setWordWrap(True)
        from desktop.ui.wizard.review import ReviewActions

        self.review_actions = ReviewActions(self)  # a reviewer's comment; Approve and Return for reviewers
        layout.insertWidget(0, self.review_actions.note)
        row = (self.go_button, self.ready_button, self.review_actions.approve_button,
               self.review_actions.return_button, self.print_button, self.pdf_button)
        for b in row:
            buttons.addWidget(b)  # Tab in reading order: chain_tab_order follows the row once it is on the page
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.ready_message)
        self.preview = QTextBrowser()
        self.preview.setObjectName("report_preview")
        self.preview.setAccessibleName(tr("The report as it prints"))
        self.preview.setMinimumHeight(330)
        layout.addWidget(self.preview, 1)

    def initializePage(self) -> None:
        self.editor.revalidate()
        super().initializePage()

    def state_findings(self) -> list:
        """What the state (or the FBI) returned about the revision of this report that was sent."""
        if self.editor.record_id is None:
            return []
        cached = getattr(self, "_state", None)
        if cached is None or cached[0] != self.editor.record_id:
            from desktop.store.submissions import state_findings

            cached = self._state = (self.editor.record_id,
                                    state_findings(self.editor.store, self.editor.kind, self.editor.record_id))
        return cached[1]

    def update_findings(self) -> None:
        """Every finding, grouped by the page it leads to, pages in wizard order and each in field order, with
        the page's counts on its heading. Findings on restricted fields this person may not see are not
        theirs to fix: they are listed as waiting for a supervisor, and not counted as errors."""
        if not hasattr(self, "list"):
            return
        found = self.editor.all_findings()
        hidden = self.wiz.hidden_elements
        waiting = [f for f in found if f.element in hidden]
        mine = [f for f in found if f.element not in hidden]
        state = self.state_findings()
        self.list.clear()
        for page, fs in self.wiz.findings_by_page(mine):
            errors = sum(1 for f in fs if f.severity == ERROR)
            self._heading(tr("{0}: {1} error(s), {2} warning(s)").format(form_text(page.spec.title), errors,
                                                                         len(fs) - errors))
            for f in fs:
                self._finding(finding_text(f), f)
        names = self.waiting_names(waiting)
        if waiting:
            self._heading(tr("Waiting for a supervisor: {0}").format(len(waiting)))
            for f in waiting:
                self._finding(tr("Waiting for a supervisor to fill {0}.").format(
                    self.wiz.describe_element(f.element)), f, go=False)
        if state:
            self._heading(tr("From the state: {0}").format(len(state)))
        for s in state:
            f = s.finding
            self._finding(tr("From the state ({0}, {1}): {2}").format(
                s.file.replace("\\", "/").rsplit("/", 1)[-1], s.loaded_at.strftime("%m/%d/%Y"), finding_text(f)), f)
        errors = sum(1 for f in mine if f.severity == ERROR)
        warnings = len(mine) - errors
        status = {"draft": tr("a draft")}.get(self.editor.status) or \
            status_words(self.editor.status).lower()
        text = tr("This report is {0}. {1} error(s), {2} warning(s).").format(status, errors, warnings)
        if errors:
            text += " " + tr("Fix the errors before marking it ready for review.")
        if names:
            text += " " + tr("Waiting for a supervisor to fill {0}: your role does not see it; you can mark the "
                             "report ready, and the supervisor fills it in during review.").format(names)
        state_errors = sum(1 for s in state if s.finding.is_error)
        if state_errors:
            text += " " + tr("The state rejected the version sent, with {0} error(s): they are listed below, marked "
                             "'From the state'.").format(state_errors)
        self.summary.setText(text)
        everything = found + [s.finding for s in state]
        first = next((i for i in range(self.list.count()) if self.list.item(i).flags() & Qt.ItemIsSelectable), -1)
        if first >= 0:
            self.list.setCurrentRow(first)
        self.list.setVisible(bool(everything))
        self.go_button.setEnabled(bool(mine) or bool(state))
        self.no_findings.setVisible(not everything)
        self.preview.setHtml(self.wiz.report_html())
        self.review_actions.refresh()

    def waiting_names(self, waiting: list[Finding]) -> str:
        """The restricted fields waiting for a supervisor, in words: "Immigration status"."""
        return ", ".join(dict.fromkeys(self.wiz.describe_element(f.element) for f in waiting))

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemIsEnabled)  # a heading: the arrows pass it by, Enter does nothing
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setData(Qt.UserRole, None)
        self.list.addItem(item)

    def _finding(self, text: str, f: Finding, *, go: bool = True) -> None:
        where = self.wiz.describe_path(f.path, f.element) if f.path or f.element else tr("the report")
        item = QListWidgetItem(f"{text}\n    {tr('Where:')} {where}")
        item.setData(Qt.UserRole, f.path if go else None)
        item.setData(Qt.UserRole + 1, f.element)
        item.setToolTip(where)
        if not go:
            item.setFlags(Qt.ItemIsEnabled)  # nothing this person can go and fix
        self.list.addItem(item)

    def _activated(self, item: QListWidgetItem | None) -> None:
        if item is not None and item.data(Qt.UserRole) is not None:
            self.wiz.jump_to(item.data(Qt.UserRole) or "", item.data(Qt.UserRole + 1) or "")

    def mark_ready(self) -> None:
        focused = self.wiz.focusWidget()
        if isinstance(focused, ElementField):
            focused.commit()
        self.editor.revalidate()
        hidden = self.wiz.hidden_elements  # the reviewer fills those in (the store lets them pass too)
        errors = sum(1 for f in self.editor.all_findings() if f.severity == ERROR and f.element not in hidden)
        if errors:
            self.ready_message.setText(tr("Not marked ready: {0} error(s) remain. Choose one in the list to go to "
                                          "its field and fix it.").format(errors))
            self.ready_message.setStyleSheet(ERROR_STYLE)
            return
        self.editor.dirty = self.editor.dirty or self.editor.record_id is None
        if not self.editor.save_now() or self.editor.record_id is None:
            self.ready_message.setText(tr("Not marked ready: the report could not be saved: {0}")
                                       .format(self.editor.last_error))
            self.ready_message.setStyleSheet(ERROR_STYLE)
            return
        try:
            record = self.editor.store.set_status(self.editor.kind, self.editor.record_id, READY)
        except StoreError as exc:
            self.ready_message.setText(tr("Not marked ready: {0}").format(exc))
            self.ready_message.setStyleSheet(ERROR_STYLE)
            return
        self.editor.status = record.status
        self.ready_message.setText(tr("Marked ready for review. A supervisor can now approve it."))
        self.ready_message.setStyleSheet(GOOD_STYLE)
        self.wiz.saved_ready()
        self.update_findings()


__all__ = ["PAGE_CLASSES", "FormPage", "SectionPage", "ReviewPage", "page_class", "register_page"]
