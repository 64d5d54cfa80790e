"""The deputy's wizards: a Group A incident and a Group B arrest, built from forms/*.yaml.

One page per entry of the form's ``pages`` (forms/<name>.yaml, plus the pages the agency's state
profile adds), in that order, each of the class registered for it (desktop/ui/wizard/pages.py).
Moving between pages is allowed with errors - it is a draft, saved within a second of every
change - and the Review page marks the report ready for review only when no error remains.
Reopening a draft resumes on the page it was left on.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

from desktop import forms
from desktop.forms import binding, entry
from desktop.nibrs import model as m
from desktop.nibrs.findings import ERROR
from desktop.store.service import DRAFT, StoreError, StoredRecord, Store
from desktop.ui.describe import where_words
from desktop.ui.dialogs import note, status_words
from desktop.ui.qt import (
    QApplication, QEvent, QFileDialog, QHBoxLayout, QKeySequence, QMessageBox, QObject, QPushButton, QShortcut,
    QWidget, QWizard, Qt, Signal,
    form_text, plain, resize_within_screen, tr,
)
from desktop.ui.wizard import printing
from desktop.ui.wizard.editor import ReportEditor
from desktop.ui.wizard.fields import ElementField
from desktop.ui.wizard.pagelist import PageList
from desktop.ui.wizard.pages import FormPage, page_class


_BUTTON_NAMES = {
    QWizard.BackButton: "wizard_back", QWizard.NextButton: "wizard_next", QWizard.FinishButton: "wizard_finish",
    QWizard.CancelButton: "wizard_close", QWizard.CommitButton: "wizard_commit", QWizard.HelpButton: "wizard_help",
}


class HelpFilter(QObject):
    """Shows a field's help under the page when the field gets the focus. The wizard calls ``show_help`` as the
    focus moves (QApplication.focusChanged): no filter sits on every field, in the way of every key; a widget of
    a page's own may still install this as an event filter."""

    def __init__(self, wizard: "ReportWizard"):
        super().__init__(wizard)
        self.wizard = wizard

    def show_help(self, obj: QObject) -> None:
        if isinstance(obj, ElementField):
            page = self.wizard.currentPage()
            if isinstance(page, FormPage):
                label = plain(form_text(obj.spec.label))
                page.help_line.setText(tr("{0} (DE {1}): {2}").format(label, obj.element.number, obj.help)
                                       if obj.element.number else tr("{0}: {1}").format(label, obj.help))

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() == QEvent.FocusIn:
            self.show_help(obj)
        return False


class ReportWizard(QWizard):
    """A wizard over one report; subclasses name their form and pages."""

    FORM = ""
    WIDTH, HEIGHT = 1000, 680  # fits a 1920x1080 screen at 150% (1280x720 logical) with its frame

    closed = Signal(str, int)  # kind, record id (-1 when nothing was saved)
    status_changed = Signal(str, int)

    def __init__(self, store: Store, record: StoredRecord | None = None, parent: QWidget | None = None):
        from desktop.forms.access import form_for, hidden_elements, may_edit

        form = form_for(store, self.FORM)  # forms/<FORM>.yaml, the state's pages, without the fields hidden here
        classes = [page_class(spec) for spec in form.pages]  # a page kind no class serves: FormError, no window
        super().__init__(parent)
        self.setWindowFlag(Qt.Window, True)
        self.setAttribute(Qt.WA_DeleteOnClose, False)
        self.store = store
        self.agency_settings = store.agency()
        settings = self.agency_settings
        self.agency = forms.Agency(federal=bool(settings and settings.federal),
                                   spec_version=(settings.spec_version if settings else "") or "2019.1")
        self.hidden_elements = hidden_elements(store)  # restricted fields this person may not see
        self.form = form
        self.review_note = record.review_note if record is not None else None
        self.record_author = record.created_by if record is not None else store.user
        self.restricted_hidden = bool(record is not None and record.restricted_hidden)
        self.show_all = False
        self.society_added = False
        self._closing = False
        self.record = record
        self.read_only_banners: list[QWidget] = []
        if record is not None:
            report = copy.deepcopy(record.report)
            raw = dict(record.invalid or {})
            self.editor = ReportEditor(store, report, record_id=record.id, status=record.status, raw=raw, parent=self)
            self.editor.read_only = not may_edit(store, record)
            self._restore_typed(record)
        else:
            self.editor = ReportEditor(store, self.new_report(), parent=self)
        self.help_filter = HelpFilter(self)
        self.setObjectName(f"{self.FORM}_wizard")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.HaveNextButtonOnLastPage, True)
        self.setOption(QWizard.NoBackButtonOnStartPage, False)
        self.setOption(QWizard.HaveCustomButton1, True)
        self.setOption(QWizard.NoDefaultButton, True)
        self._setup_buttons()
        self.page_ids: dict[str, int] = {}
        for i, (cls, spec) in enumerate(zip(classes, self.form.pages)):  # in the order the form gives
            page = cls(self, spec)
            page.setFinalPage(True)  # Finish (save and close) on every page: it is a draft
            self.setPage(i, page)
            self.page_ids[spec.id] = i
            self._restricted_note(page)
            self._read_only_note(page)
        self._already_seen(record)
        self.page_list = PageList(self)  # the pages down the side, with the count of findings shown on each
        self.setSideWidget(self.page_list)
        self.editor.findings_changed.connect(self.page_list.refresh)
        self.currentIdChanged.connect(self._page_changed)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        resize_within_screen(self, self.WIDTH, self.HEIGHT)
        self._update_title()
        self.editor.saved.connect(lambda *_: self._update_title())
        # Opening on the page the draft was left on goes there by Next (so Back works) but builds only that page
        # and saves nothing on the way: each page is built when it is shown.
        self._opening = True
        try:
            self.restart()
            if record is not None and record.wizard_page:
                self.go_to_page(self.page_ids.get(record.wizard_page, 0))
        finally:
            self._opening = False
        self._page_changed(self.currentId())

    # ------------------------------------------------------------------ set-up
    def _setup_buttons(self) -> None:
        """The wizard's buttons have shortcuts, not mnemonics: every Alt+letter belongs to a field's label."""
        self.setButtonText(QWizard.BackButton, tr("< Back"))
        self.setButtonText(QWizard.NextButton, tr("Next >"))
        self.setButtonText(QWizard.FinishButton, tr("Finish"))
        self.setButtonText(QWizard.CancelButton, tr("Close"))
        show_all = QPushButton(tr("Show all fields"))
        show_all.setCheckable(True)
        show_all.setObjectName("wizard_show_all")
        show_all.setToolTip(tr("Also show the fields that do not apply to this report (Ctrl+Shift+A)"))
        show_all.setShortcut(QKeySequence("Ctrl+Shift+A"))
        show_all.toggled.connect(self.set_show_all)
        self.setButton(QWizard.CustomButton1, show_all)
        self.setButtonLayout([QWizard.CustomButton1, QWizard.Stretch, QWizard.BackButton, QWizard.NextButton,
                              QWizard.FinishButton, QWizard.CancelButton])
        for which, name in _BUTTON_NAMES.items():
            b = self.button(which)
            if b is not None:
                b.setObjectName(name)
                if isinstance(b, QPushButton):
                    b.setAutoDefault(False)  # no button looks like (or is) pressed by Enter
        self.button(QWizard.BackButton).setToolTip(tr("Previous page (Alt+Left)"))
        self.button(QWizard.NextButton).setToolTip(tr("Next page (Ctrl+Enter or Alt+Right)"))
        self.button(QWizard.FinishButton).setToolTip(tr("Save and close (Ctrl+S)"))
        self.button(QWizard.CancelButton).setToolTip(tr("Close; the draft is saved (Esc)"))
        for keys, slot in (((Qt.CTRL | Qt.Key_Return), self.next), ((Qt.CTRL | Qt.Key_Enter), self.next),
                           ((Qt.ALT | Qt.Key_Right), self.next), ((Qt.ALT | Qt.Key_Left), self.back),
                           ((Qt.CTRL | Qt.Key_S), self.accept), ((Qt.CTRL | Qt.Key_R), self.go_to_review),
                           ((Qt.CTRL | Qt.SHIFT | Qt.Key_C), self.copy_to_new_section),
                           (QKeySequence.Undo, self.undo), (QKeySequence.Redo, self.redo),
                           ((Qt.CTRL | Qt.SHIFT | Qt.Key_D), lambda: self._on_page("duplicate_focused")),
                           ((Qt.CTRL | Qt.SHIFT | Qt.Key_P), lambda: self._on_page("pick_person")),
                           ((Qt.CTRL | Qt.SHIFT | Qt.Key_Delete), lambda: self._on_page("remove_focused"))):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.WindowShortcut)
            sc.activated.connect(slot)

    def _on_page(self, method: str) -> None:
        """A page's keyboard action (duplicate or remove the section or row with the cursor), where it has one."""
        page = self.currentPage()
        action = getattr(page, method, None)
        if callable(action) and not self.editor.read_only:
            focused = self.focusWidget()
            if isinstance(focused, ElementField):
                focused.commit()  # what was typed there counts before its section moves or goes
            action(focused)

    def button_chain(self) -> list[QWidget]:
        return [b for b in (self.button(QWizard.BackButton), self.button(QWizard.NextButton),
                            self.button(QWizard.FinishButton), self.button(QWizard.CancelButton),
                            self.button(QWizard.CustomButton1)) if b is not None]

    def _restore_typed(self, record: StoredRecord) -> None:
        """Reopening a draft: what was typed but not understood goes back to its field, with its findings."""
        ed = self.editor
        for path, text in list(ed.raw.items()):
            element = binding.element_for(ed.d, ed.report, path)
            if element is None:
                continue
            parsed = entry.parse(element, text, ed.d, finished=True, infants=True)
            if parsed.value not in (None, []):
                try:
                    binding.put(ed.report, path, parsed.value)
                except (AttributeError, IndexError, ValueError):
                    continue
        for f in record.findings:
            if (f.extra or {}).get("rule") == "entry":
                ed.entry.setdefault(binding.field_path(f.path), []).append(f)
        ed.revalidate()

    def _already_seen(self, record: StoredRecord | None) -> None:
        """A report reopened shows the findings of the pages it was taken past, of the fields typed but not
        understood, and all of them once it left the draft stage or may not be changed; a new one opens clean."""
        if record is None:
            return
        ids = [p.id for p in self.form.pages]
        if record.status != DRAFT or self.editor.read_only:
            self.editor.passed.update(ids)
        elif record.wizard_page in ids:
            self.editor.passed.update(ids[:ids.index(record.wizard_page)])
        for path in self.editor.raw:
            self.editor.left[path] = True

    def read_only_words(self) -> tuple[str, bool]:
        """Why this person may read the report but not change it, and what they can do about it (in words); and
        whether they may add a supplement (a new revision that goes through review)."""
        status = self.editor.status
        author = self.record_author or tr("someone else")
        record = getattr(self, "record", None)
        supplement = bool(record is not None and self.store.may_supplement(self.editor.kind, record))
        if status in ("draft", "ready", "rejected"):
            return (tr("Read only: this report is {0}'s, and your role changes only your own. Ask {0} or a "
                       "supervisor to change it.").format(author), False)
        if supplement:
            return (tr("Read only: this report is {0}; what was reviewed is kept as it was. To change it, add a "
                       "supplement: a new revision of the report that goes through review again.")
                    .format(status_words(status).lower()), True)
        return (tr("Read only: this report is {0} and it is {1}'s. Ask a supervisor to return it or to add a "
                   "supplement.").format(status_words(status).lower(), author), False)

    def _read_only_note(self, page: FormPage) -> None:
        """A report this person may not change says so at the top of every page, with what they can do."""
        if not self.editor.read_only:
            return
        text, supplement = self.read_only_words()
        banner = QWidget()
        banner.setObjectName("read_only_banner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(note(text, "read_only_note"), 1)
        if supplement:
            add = QPushButton(tr("Add a &supplement"))
            add.setObjectName("add_supplement")
            add.setToolTip(tr("Make a new revision of this report to change it; it goes through review again"))
            add.setAutoDefault(False)
            add.clicked.connect(self.add_supplement)
            row.addWidget(add, 0, Qt.AlignTop)
        page.body_layout.insertWidget(0, banner)
        self.read_only_banners.append(banner)

    def add_supplement(self) -> None:
        """A new revision of a report past review, to change: every field opens, and it goes through review again."""
        try:
            record = self.store.add_supplement(self.editor.kind, self.editor.record_id)
        except StoreError as exc:
            QMessageBox.warning(self, tr("No supplement"), tr("The supplement could not be added: {0}").format(exc))
            return
        self.record = record
        self.editor.read_only = False
        self.editor.status = record.status
        self.review_note = None
        for banner in self.read_only_banners:
            banner.hide()
        for page_id in self.page_ids.values():
            page = self.page(page_id)
            if isinstance(page, FormPage):
                page.supplement_note(tr("Supplement: revision {0} of this report, a draft. Change what needs "
                                        "changing, then mark it ready for review.").format(record.revision))
        page = self.currentPage()
        if isinstance(page, FormPage):
            page.build()
            page.shown()
        self._update_title()
        self.status_changed.emit(self.editor.kind, self.editor.record_id)

    def _restricted_note(self, page: FormPage) -> None:
        """Near the offenders and arrestees: restricted fields exist that this person may not see."""
        from desktop.forms.access import hidden_on_page
        names = hidden_on_page(page.spec, self.hidden_elements, self.store.dictionary)
        if not names:
            return
        what = ", ".join(names)
        if self.restricted_hidden:
            text = tr("This report holds restricted information ({0}) that your role may not see. It is kept "
                      "as it is when you save.").format(what)
        else:
            text = tr("{0} is restricted: your role does not see or enter it; a supervisor fills it in during "
                      "review.").format(what)
        page.body_layout.insertWidget(1, note(text, "restricted_note"))

    # ------------------------------------------------------------------ new reports and segments
    def new_report(self) -> m.Segment:
        report = m.SEGMENT_CLASSES[self.form.report]()
        first = self.form.pages[0]
        self.apply_defaults(first.fields, report, report, [])
        return report

    def new_segment(self, spec: forms.PageSpec) -> m.Segment:
        segment = m.SEGMENT_CLASSES[spec.section]()
        siblings = self.editor.segments(spec.list_field)
        self.apply_defaults(spec.fields, segment, self.editor.report, siblings)
        return segment

    def undo(self) -> None:
        """Ctrl+Z (outside what is being typed in a field): the report as it was before the last change, and the
        cursor back in the field that changed."""
        self._step(self.editor.undo)

    def redo(self) -> None:
        self._step(self.editor.redo)

    def _step(self, step) -> None:
        if self.editor.read_only:
            return
        path = step()
        if path is None:
            self.say(tr("Nothing to undo.") if step == self.editor.undo else tr("Nothing to redo."))
            return
        page = self.currentPage()
        if isinstance(page, FormPage):
            page.build()
        if path:
            self.jump_to(path)
        self.say(tr("Undone: the report is as it was before the change.") if step == self.editor.undo else
                 tr("Redone."))

    def copy_to_new_section(self) -> None:
        """Ctrl+Shift+C: a new section started from another page's section as the form's ``copy_from`` says (an
        arrestee from an offender: age, sex, race, ethnicity, and the state's fields both hold); from the section
        with the cursor, or else the next one not copied yet. The cursor goes to the new section's first empty
        field."""
        if self.editor.read_only:
            return
        target = next((p for p in self.form.pages if p.copy_from and p.section), None)
        if target is None:
            return
        focused = self.focusWidget()
        if isinstance(focused, ElementField):
            focused.commit()
        source_kind = target.copy_from["section"]
        source_page = next((p for p in self.form.pages if p.section == source_kind), None)
        sources = self.editor.segments(source_page.list_field) if source_page else []
        if not sources or len(self.editor.segments(target.list_field)) >= target.max:
            self.say(tr("Nothing to copy: enter an offender first.") if not sources else
                     tr("No room for another section here."))
            return
        current = self.currentPage()
        index = None
        if isinstance(current, FormPage) and current.spec.section == source_kind:
            box, _rows, _row = current.holders(focused)
            index = box.index if box is not None else None
        d = self.store.dictionary
        pairs = list(target.copy_from["fields"].items())
        pairs += [(e.id, e.id) for e, _p in d.profile_elements(target.section)
                  if e.placement(source_kind) is not None and e.id not in self.hidden_elements]

        def values(segment, kind: str, side: int) -> tuple:
            out = []
            for pair in pairs:
                placement = d.elements[pair[side]].placement(kind)
                out.append(forms.read_value(segment, placement.field or pair[side]) if placement else None)
            return tuple(out)

        if index is None:  # the first one no section here was copied from yet
            done = {values(s, target.section, 0) for s in self.editor.segments(target.list_field)}
            index = next((i for i, s in enumerate(sources) if values(s, source_kind, 1) not in done), 0)
        source = sources[index]
        segment = self.new_segment(target)
        scope = forms.Scope(segment, target.section, self.editor.report, d)
        for mine, theirs in pairs:
            spec = next((f for f in target.fields if f.element.id == mine), None)
            there = d.elements[theirs].placement(source_kind)
            if spec is None or there is None:
                continue
            value = forms.read_value(source, there.field or theirs)
            if value in (None, "", []):
                continue
            if spec.element.codes and spec.choices and value not in {c.code for c in forms.offered(spec, scope,
                                                                                                     self.agency)}:
                continue  # a code that does not fit here (an arrestee's sex is never unknown)
            binding.put(segment, spec.name, copy.deepcopy(value))
        new = self.editor.add_segment(target.list_field, segment)
        pid = self.page_ids[target.id]
        self.go_to_page(pid)
        if self.currentId() != pid:
            self.force_page(pid)
        page = self.currentPage()
        if isinstance(page, FormPage):
            page.build()
            prefix = f"{target.list_field}[{new}]."
            empty = [f for f in forms.spec.entry_fields([f for p, f in page.fields.items() if p.startswith(prefix)
                                                         and f.isVisible()]) if not f.text()]
            if empty:
                empty[0].setFocus(Qt.OtherFocusReason)
        self.say(tr("Copied from {0} {1}: check what was copied, then fill in the rest.").format(
            source_kind, index + 1))

    def renumber(self, segment: m.Segment) -> None:
        """A duplicated segment takes the next sequence number."""
        for page in self.form.pages:
            if page.section == segment.KIND:
                siblings = self.editor.segments(page.list_field)
                for spec in page.fields:
                    if spec.default == "next_sequence":
                        binding.put(segment, spec.name, self._next_sequence(siblings, spec.name))

    def _next_sequence(self, siblings: list[Any], name: str) -> int:
        numbers = [forms.read_value(s, name) for s in siblings]
        return max([n for n in numbers if isinstance(n, int)] or [0]) + 1

    def apply_defaults(self, specs, segment: Any, report: Any, siblings: list[Any]) -> None:
        d = self.store.dictionary
        for spec in specs:
            default = spec.default
            if default is None:
                continue
            if spec.default_when is not None and not forms.holds(
                    spec.default_when, forms.Scope(segment, spec.kind, report, d)):
                continue
            if default == "agency_ori":
                value = self.agency_settings.ori if self.agency_settings else None
            elif default == "suggested_number":
                value = self.suggested_number()
            elif default == "next_sequence":
                value = self._next_sequence(siblings, spec.name)
            elif default == "incident_offenses":
                value = [o.offense_code for o in getattr(report, "offenses", []) if o.offense_code]
            elif default == "incident_number":
                value = getattr(report, "incident_number", None)
            elif default == "first_offense":
                value = next((o.offense_code for o in getattr(report, "offenses", []) if o.offense_code), None)
            else:
                parsed = entry.parse(spec.element, str(default), d)
                value = parsed.value if parsed.ok else None
            if value not in (None, []):
                binding.put(segment, spec.name, value)

    def suggested_number(self) -> str:
        year = date.today().year % 100
        if self.form.report == "group_b":
            return self.store.next_number("group_b", f"{year:02d}-B", 5)
        return self.store.next_number("incident", f"{year:02d}-")

    # ------------------------------------------------------------------ navigation
    def next_page_after(self, page: FormPage) -> int:
        ids = sorted(self.pageIds())
        current = self.page_ids[page.spec.id]
        for pid in ids:
            if pid > current:
                candidate = self.page(pid)
                if isinstance(candidate, FormPage) and candidate.applies():
                    return pid
        return -1

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """The cursor moved: its field's help under the page; the Alt letters follow it into its section and row."""
        page = self.currentPage()
        if new is not None and isinstance(page, FormPage) and page.isAncestorOf(new):
            self.help_filter.show_help(new)
            page.update_mnemonics(new)

    def _page_changed(self, page_id: int) -> None:
        page = self.page(page_id)
        if getattr(self, "_opening", False):
            if isinstance(page, FormPage):
                self.editor.page_id = page.spec.id  # the page the draft was saved on: nothing new to save
            return
        if isinstance(page, FormPage):
            self.editor.set_page(page.spec.id)
            page.shown()
            self._update_title()
        self.page_list.refresh()

    def go_to_page(self, target: int) -> None:
        """Move to a page through the ordinary Next and Back, so Back keeps working."""
        if target == self.currentId():
            return
        if target in self.visitedIds():
            while self.currentId() != target:
                before = self.currentId()
                self.back()
                if self.currentId() == before:
                    break
            return
        guard = 0
        while self.currentId() != target and guard < len(self.pageIds()):
            before = self.currentId()
            self.next()
            guard += 1
            if self.currentId() == before:
                break

    def page_of(self, path: str, element: str = "") -> int | None:
        """The id of the page a finding leads to: the one that claims its path most (the first of equals); a
        finding about the whole report leads to the page of its element ("no offender": the Offenders page)."""
        if not path and element:
            for spec in self.form.pages:
                if any(f.element.id == element for f in spec.all_fields()):
                    return self.page_ids[spec.id]
        best, claim = None, 0
        for pid in sorted(self.pageIds()):
            page = self.page(pid)
            c = page.claims(path) if isinstance(page, FormPage) else 0
            if c > claim:
                best, claim = pid, c
        return best

    def jump_to(self, path: str, element: str = "") -> QWidget | None:
        """Go to the field a finding's path names (``victims[1].age``, a relationship grid cell) and put the
        cursor in it."""
        pid = self.page_of(path, element)
        if pid is None:
            return None
        self.go_to_page(pid)
        if self.currentId() != pid:
            self.force_page(pid)
        return self.currentPage().focus_path(path)

    def finding_order(self, f) -> tuple:
        """Where a finding stands in page and field order: its page, its sections, its field on the page."""
        pid = self.page_of(f.path, f.element)
        if pid is None:
            pid = min(self.pageIds())
        page = self.page(pid)
        numbers = tuple(int(n) for n in re.findall(r"\[(\d+)\]", f.path or ""))
        if not numbers and getattr(page, "spec", None) is not None and page.spec.list_field and f.path:
            numbers = (1 << 16,)  # a report field shown after the sections (cargo theft)
        return (pid, numbers, page.field_order(f.element), f.severity != ERROR, f.error)

    def findings_by_page(self, found) -> list[tuple[FormPage, list]]:
        """Findings grouped by the page they lead to, pages in wizard order, each in field order."""
        groups: dict[int, list] = {}
        for f in sorted(found, key=self.finding_order):
            groups.setdefault(self.finding_order(f)[0], []).append(f)
        return [(self.page(pid), fs) for pid, fs in sorted(groups.items())]

    def go_to_review(self) -> None:
        """Ctrl+R: to the Review page from any page (the pages between are passed, as Next passes them)."""
        review = self.page_ids.get("review")
        if review is not None and self.currentId() != review:
            self.go_to_page(review)
            if self.currentId() != review:
                self.force_page(review)

    def force_page(self, pid: int) -> None:
        """A page the next-page logic skips (e.g. property no longer needed) is still reachable from a finding."""
        while self.currentId() > pid and self.currentId() != self.startId():
            self.back()
        while self.currentId() < pid:
            page = self.currentPage()
            nxt = page.nextId() if page else -1
            if nxt == -1 or nxt > pid:
                break
            self.next()

    def set_show_all(self, on: bool) -> None:
        self.show_all = on
        page = self.currentPage()
        if isinstance(page, FormPage):
            page.refresh()

    def say(self, text: str) -> None:
        """A word to the person on the current page's help line."""
        page = self.currentPage()
        if isinstance(page, FormPage):
            page.help_line.setText(text)

    def describe_element(self, element_id: str) -> str:
        """A field's name as the forms label it ("Immigration status"), or its data element's name."""
        for page in self.form.pages:
            for spec in page.all_fields():
                if spec.element.id == element_id:
                    return plain(form_text(spec.label))
        element = self.store.dictionary.elements.get(element_id)
        if element is None:
            return element_id
        return plain(form_text(element.label)) if element.label else element.name

    def describe_path(self, path: str, element_id: str = "") -> str:
        """Where a finding points, in words: "Victim 2 › Age of Victim (DE 26)"."""
        element = self.store.dictionary.elements.get(element_id) if element_id else None
        return where_words(path, element) or tr("the whole report")

    def showEvent(self, e) -> None:
        """Never larger than the screen: at 150% scaling a small laptop screen is small indeed."""
        resize_within_screen(self, self.width(), self.height())  # the screen it opens on, which may be another
        super().showEvent(e)

    # ------------------------------------------------------------------ keys and closing
    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key_Return, Qt.Key_Enter):
            if e.modifiers() & Qt.ControlModifier:
                self.next()
            # A plain Enter never presses a dialog default button here (it would finish the report
            # behind the person's back); fields, lists and buttons give Enter their own meaning.
            e.accept()
            return
        super().keyPressEvent(e)

    def validateCurrentPage(self) -> bool:
        focused = self.focusWidget()
        if isinstance(focused, ElementField):
            focused.commit()
        return super().validateCurrentPage()

    def done(self, result: int) -> None:
        focused = self.focusWidget()
        if isinstance(focused, ElementField):
            focused.commit()
        self.editor.save_now()
        if self.editor.last_error and self.editor.dirty:
            answer = QMessageBox.question(
                self, tr("Not saved"),
                tr("This report could not be saved: {0}\n\nClose anyway and lose the changes?")
                .format(self.editor.last_error), QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return
        super().done(result)
        self._closing = True
        self.closed.emit(self.editor.kind, self.editor.record_id if self.editor.record_id is not None else -1)

    def saved_ready(self) -> None:
        self.status_changed.emit(self.editor.kind, self.editor.record_id or -1)
        self._update_title()

    def _update_title(self) -> None:
        report = self.editor.report
        number = getattr(report, "incident_number", None) or getattr(report, "arrest_transaction_number", None) or ""
        title = tr("{0} {1} — {2}") if self.editor.record_id is not None else tr("{0} {1} — {2} (not saved yet)")
        self.setWindowTitle(title.format(form_text(self.form.title), number, status_words(self.editor.status)))

    # ------------------------------------------------------------------ printing
    def report_html(self) -> str:
        agency = self.agency_settings.name if self.agency_settings else ""
        return printing.report_html(self.editor.report, self.form, self.store.dictionary, agency_name=agency,
                                    status=status_words(self.editor.status),
                                    findings=self.editor.all_findings())

    def print_report(self) -> None:
        from desktop.ui.qt import QPrintDialog

        printer = printing.make_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec():
            printing.print_html(self.report_html(), printer)

    def save_pdf(self) -> str | None:
        number = getattr(self.editor.report, "incident_number", None) or \
            getattr(self.editor.report, "arrest_transaction_number", None) or "report"
        path, _ = QFileDialog.getSaveFileName(self, tr("Save as PDF"), f"{number}.pdf", tr("PDF (*.pdf)"))
        if not path:
            return None
        printing.save_pdf(self.report_html(), path)
        return path


class IncidentWizard(ReportWizard):
    """Administrative → Offenses → Property (when needed) → Victims → Offenders → Arrestees → Review."""

    FORM = "incident"


class GroupBWizard(ReportWizard):
    """The shorter wizard of a Group B arrest: the arrest, then Review."""

    FORM = "group_b"
    WIDTH, HEIGHT = 940, 680


def wizard_for(kind: str):
    return {"incident": IncidentWizard, "group_b": GroupBWizard}[kind]


__all__ = ["ReportWizard", "IncidentWizard", "GroupBWizard", "wizard_for"]
