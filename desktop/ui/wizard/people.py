"""A person entered before, picked again (Ctrl+Shift+P in a victim, offender or arrestee, or a Group B arrest):
type part of the name, choose with the arrows and Enter; the person's names, date of birth and NIBRS person
fields (sex, race, ethnicity, resident status; the age worked out again on this report's day) fill the section.
The people come from the search box's index of the agency's own values (``Store.people``)."""

from __future__ import annotations

from typing import Callable

from desktop.forms import binding
from desktop.nibrs import age as nibrs_age
from desktop.ui.dialogs import FormDialog
from desktop.ui.qt import QEvent, QLineEdit, QListWidget, QListWidgetItem, QTimer, Qt, QWidget, tr


class PersonPicker(FormDialog):
    """Find a person entered before by name; ``chosen`` is called with the :class:`desktop.store.local.Person`."""

    def __init__(self, parent, store, chosen: Callable, *, typed: str = ""):
        super().__init__(parent, tr("A person entered before"), "person_picker",
                         intro=tr("Type part of the name (family name, given name). Enter takes the person chosen "
                                  "in the list: their names, date of birth, sex, race, ethnicity and resident status "
                                  "fill this section, and the age is worked out on this report's day."),
                         ok=tr("&Use this person"))
        self.store = store
        self.chosen_callback = chosen
        self.people = []
        self.name = self.add_row(tr("&Name:"), QLineEdit())
        self.name.setObjectName("person_name")
        self.results = QListWidget()
        self.results.setObjectName("person_results")
        self.results.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.add_row(tr("&People:"), self.results)
        self.finish_tab_order()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.find)
        self.name.textChanged.connect(lambda _t: self._timer.start())
        self.name.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.accept())
        self.chars = 90
        if typed:
            self.name.setText(typed)
            self.find()

    def eventFilter(self, obj, e) -> bool:
        if obj is self.name and e.type() == QEvent.KeyPress and e.key() == Qt.Key_Down and self.results.count():
            if self._timer.isActive():
                self._timer.stop()
                self.find()
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return True
        return super().eventFilter(obj, e)

    def find(self) -> None:
        self._timer.stop()
        self.people = self.store.people(self.name.text())
        self.results.clear()
        for p in self.people:
            item = QListWidgetItem(self.describe(p))
            item.setToolTip(self.describe(p))
            self.results.addItem(item)
        if self.people:
            self.results.setCurrentRow(0)
        self.show_error("" if self.people or not self.name.text().strip() else
                        tr("Nobody entered before is named \u201c{0}\u201d.").format(self.name.text().strip()))

    def describe(self, p) -> str:
        born = next((v for k, v in p.extras.items() if hasattr(v, "strftime")), None)
        parts = [p.name]
        if born is not None:
            parts.append(tr("born {0}").format(born.strftime("%m/%d/%Y")))
        facts = [nibrs_age.describe(p.fields.get("age")) if p.fields.get("age") else "",
                 p.fields.get("sex") or "", p.fields.get("race") or ""]
        if any(facts):
            parts.append(" ".join(f for f in facts if f))
        where = {"victim": tr("victim"), "offender": tr("offender"), "arrestee": tr("arrestee"),
                 "group_b": tr("Group B arrestee")}.get(p.segment, p.segment)
        parts.append(tr("{0} in {1}").format(where, p.number))
        if p.when is not None:
            parts.append(p.when.strftime("%m/%d/%Y"))
        return " \u2014 ".join(parts)

    def accept(self) -> None:
        row = self.results.currentRow()
        if not (0 <= row < len(self.people)):
            self.show_error(tr("Choose a person in the list first (Down goes to it)."))
            return
        person = self.people[row]
        super().accept()
        self.chosen_callback(person)


# ------------------------------------------------------------------ on a wizard page (desktop.ui.wizard.pages)
def fill_from(page, path: str) -> None:
    """A value that fills another field when it is empty (a date of birth, the age on the report's day)."""
    from desktop.forms import people

    seg_path, _dot, name = path.rpartition(".")
    element = page.editor.d.elements.get(name)
    fill = people.age_fill(page.editor.report, seg_path, element, page.editor.value(path)) if element else None
    if fill is None:
        return
    target, code = fill
    page.editor.set_value(target, code)
    if target in page.fields:
        page.fields[target].load()


def person_path(page, focused: QWidget | None) -> str | None:
    """The person segment the cursor is in ("" a Group B arrest), or None where there is none."""
    kind = page.spec.section or page.spec.segment
    if kind not in ("victim", "offender", "arrestee", "group_b"):
        return None
    if not page.spec.section:
        return ""
    box, _rows, _row = page.holders(focused)
    return f"{page.spec.list_field}[{box.index}]" if box is not None else None


def pick_person(page, focused: QWidget | None) -> None:
    """The picker for the section with the cursor; the person chosen fills it, as one undo step."""
    from desktop.forms import people

    seg_path = person_path(page, focused)
    if seg_path is None:
        return
    editor = page.editor
    last = next((e.id for e in editor.d.elements.values() if e.attrs.get("person") == "last"), None)
    typed = (editor.value(binding.join(seg_path, last)) if last else "") or ""

    def chosen(person) -> None:
        values = people.person_values(person, editor.report, seg_path, editor.d)
        if not values:
            return
        editor.checkpoint(seg_path)
        for path, value in values.items():
            editor.set_value(path, value)
        page.build()
        page.refresh()
        page.focus_path_later(seg_path)

    page.person_picker = PersonPicker(page, editor.store, chosen, typed=str(typed))
    page.person_picker.open()
