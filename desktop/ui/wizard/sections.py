"""Repeatable sections (an offense, a property loss, a victim...) and the rows inside them.

A section is a group box named ``<item>_<n>`` (``offense_1``, ``victim_2``; 1-based) holding
the fields of one segment; rows of a repeating group inside it are named ``item_<n>``,
``drug_<n>``, ``relationship_<n>``. Sections and rows are built from the model each time the
list changes, so their names and paths always follow the model's order.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from desktop import forms
from desktop.forms import binding, entry
from desktop.nibrs import model as m
from desktop.ui.describe import item_words
from desktop.ui.qt import (
    ERROR_STYLE, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget, Qt,
    finding_style, form_text, plain, tr,
)
from desktop.nibrs.findings import ERROR
from desktop.ui.wizard.fields import (
    ElementField, field_for, finding_parts, finding_text, make_label, make_meaning_label, make_message_label,
    set_style,
)

if TYPE_CHECKING:  # pragma: no cover
    from desktop.ui.wizard.pages import FormPage



@dataclass
class FieldRow:
    """A field with its label, the meaning of its value, and its findings."""

    spec: forms.FieldSpec
    field: ElementField
    label: QLabel
    meaning: QLabel
    message: QLabel
    scope: Callable[[], forms.Scope]
    visible: bool | None = None  # as last set (None: not yet), so a refresh touches only the rows that change

    def set_visible(self, on: bool) -> None:
        if on == self.visible:
            return  # the message follows its findings (ElementField.show_findings)
        self.visible = on
        for w in (self.label, self.field, self.meaning):
            w.setVisible(on)
        if not on:
            self.message.setVisible(False)
        elif self.message.text():
            self.message.setVisible(True)

    def filled(self) -> bool:
        v = self.field.value()
        return v not in (None, "", []) or self.field.path in self.field.editor.raw


def add_field_rows(page: "FormPage", grid: QGridLayout, specs: tuple[forms.FieldSpec, ...], seg_path: str,
                   scope: Callable[[], forms.Scope], where: str) -> list[FieldRow]:
    """Field rows in a grid: label | field | meaning, and the findings under the field."""
    out = []
    for spec in specs:
        path = binding.join(seg_path, spec.name)
        field = field_for(spec, path, page.editor, scope, page.agency, where)
        label = make_label(field)
        meaning = make_meaning_label(field)
        message = make_message_label(field)
        r = grid.rowCount()
        if spec.element.value_type.multiline:  # a narrative: as wide as the page, its word count under it
            grid.addWidget(label, r, 0, Qt.AlignRight | Qt.AlignTop)
            grid.addWidget(field, r, 1, 1, 2)
            grid.addWidget(meaning, r + 1, 0, Qt.AlignRight | Qt.AlignTop)
        else:
            grid.addWidget(label, r, 0, Qt.AlignRight | Qt.AlignVCenter)
            grid.addWidget(field, r, 1)
            grid.addWidget(meaning, r, 2)
        grid.addWidget(message, r + 1, 1, 1, 2)
        row = FieldRow(spec, field, label, meaning, message, scope)
        page.register(row)
        out.append(row)
    grid.setColumnStretch(2, 1)
    return out


def new_row(kind: str) -> m.Segment:
    return m.SEGMENT_CLASSES[kind]()


class RowList(QWidget):
    """The rows of a repeating group in one segment (property descriptions, drugs, relationships).

    Its rows come first and its Add button after them, in reading and in Tab order: Tab from the last field of
    a row goes to the next row, then to Add. A row's Remove button is not a Tab stop (Ctrl+Shift+Delete removes
    the row with the cursor)."""

    def __init__(self, page: "FormPage", spec: forms.RowsSpec, seg_path: str, parent_scope: Callable[[], forms.Scope],
                 where: str):
        super().__init__()
        self.page = page
        self.spec = spec
        self.seg_path = seg_path
        self.list_path = binding.join(seg_path, spec.group.field)
        self.parent_scope = parent_scope
        self.where = where
        self.setObjectName(f"{spec.item}_list")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.title = QLabel(f"<b>{html.escape(form_text(spec.title))}</b>")
        layout.addWidget(self.title)
        self.rows_box = QVBoxLayout()
        layout.addLayout(self.rows_box)
        self.row_widgets: list[QWidget] = []
        self.build()
        self.add_button = QPushButton(form_text(spec.add_label))  # made after the rows: Tab reaches it after them
        self.add_button.setObjectName(f"add_{spec.item}")
        self.add_button.setAccessibleName(f"{plain(form_text(spec.add_label))}, {where}")
        self.add_button.clicked.connect(self.add_row)
        self.add_button.setEnabled(len(self.rows()) < self.spec.group.max)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def rows(self) -> list[Any]:
        return self.page.editor.segments(self.list_path)

    def build(self) -> None:
        for i, _row in enumerate(self.rows()):
            box = self._row_widget(i)
            self.row_widgets.append(box)
            self.rows_box.addWidget(box)

    def _row_widget(self, i: int) -> QWidget:
        n = i + 1
        box = QWidget()
        box.setObjectName(f"{self.spec.item}_{n}")
        grid = QGridLayout(box)
        grid.setContentsMargins(12, 0, 0, 0)
        row_path = f"{self.list_path}[{i}]"
        where = f"{self.where}, {self.spec.group.name.lower()} {n}"

        def scope(row_path=row_path) -> forms.Scope:
            return forms.Scope(binding.segment_at(self.page.editor.report, row_path), self.spec.group.id,
                               self.page.editor.report, self.page.editor.d, parent=self.parent_scope())

        heading = QLabel(f"{n}.")
        grid.addWidget(heading, 0, 0)
        col = 1
        for spec in self.spec.fields:
            path = binding.join(row_path, spec.name)
            field = ElementField(spec, path, self.page.editor, scope, self.page.agency, where)
            label = make_label(field)
            meaning = make_meaning_label(field)
            message = make_message_label(field)
            grid.addWidget(label, 0, col, Qt.AlignRight | Qt.AlignVCenter)
            grid.addWidget(field, 0, col + 1)
            grid.addWidget(meaning, 1, col, 1, 2)
            grid.addWidget(message, 2, col, 1, 2)
            self.page.register(FieldRow(spec, field, label, meaning, message, scope))
            col += 2
        remove = QPushButton(tr("Remove"))
        remove.setObjectName(f"remove_{self.spec.item}")
        remove.setAccessibleName(tr("Remove {0}").format(where))
        remove.setToolTip(tr("Remove this row (Ctrl+Shift+Delete in it)"))
        remove.setFocusPolicy(Qt.ClickFocus)  # not a Tab stop between a row and the next
        remove.clicked.connect(lambda _=False, i=i: self.remove_row(i))
        grid.addWidget(remove, 0, col)
        grid.setColumnStretch(col + 1, 1)
        return box

    def add_row(self) -> None:
        if len(self.rows()) >= self.spec.group.max:
            return
        row = new_row(self.spec.group.id)
        index = self.page.editor.add_segment(self.list_path, row)
        self.page.focus_path_later(binding.join(f"{self.list_path}[{index}]", self.spec.fields[0].name))

    def remove_row(self, i: int) -> None:
        self.page.editor.remove_segment(self.list_path, i)
        self.page.focus_add_button_later(self.list_path)

    def has_rows(self) -> bool:
        return bool(self.rows())


class SectionBox(QGroupBox):
    """One segment of a repeatable section, with Duplicate and Remove."""

    def __init__(self, page: "FormPage", spec: forms.PageSpec, index: int):
        super().__init__()
        self.page = page
        self.spec = spec
        self.index = index
        n = index + 1
        self.seg_path = f"{spec.list_field}[{index}]"
        self.setObjectName(f"{spec.item}_{n}")
        self.where = f"{spec.item} {n}"
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName(f"{spec.item}_{n}_message")
        self.message.setWordWrap(True)
        self.message.hide()
        top.addWidget(self.message, 1)
        top.addStretch(0)
        # Not Tab stops (Tab goes from one section's last field to the next section's first) and no Alt letter
        # (every section has them): Ctrl+Shift+D and Ctrl+Shift+Delete act on the section with the cursor.
        self.duplicate_button = QPushButton(tr("Duplicate"))
        self.duplicate_button.setObjectName(f"duplicate_{spec.item}")
        self.duplicate_button.setAccessibleName(tr("Duplicate {0}").format(self.where))
        self.duplicate_button.setToolTip(tr("Duplicate this section (Ctrl+Shift+D in it)"))
        self.duplicate_button.setFocusPolicy(Qt.ClickFocus)
        self.duplicate_button.clicked.connect(lambda: page.duplicate_section(index))
        self.remove_button = QPushButton(tr("Remove"))
        self.remove_button.setObjectName(f"remove_{spec.item}")
        self.remove_button.setAccessibleName(tr("Remove {0}").format(self.where))
        self.remove_button.setToolTip(tr("Remove this section (Ctrl+Shift+Delete in it)"))
        self.remove_button.setFocusPolicy(Qt.ClickFocus)
        self.remove_button.clicked.connect(lambda: page.remove_section(index))
        top.addWidget(self.duplicate_button)
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        grid = QGridLayout()
        layout.addLayout(grid)
        self.rows = add_field_rows(page, grid, spec.fields, self.seg_path, self.scope, self.where)
        self.row_lists: list[RowList] = []
        for rows in spec.rows:
            rl = RowList(page, rows, self.seg_path, self.scope, self.where)
            page.register_rows(rl)
            self.row_lists.append(rl)
            layout.addWidget(rl)
        self.update_title()

    def segment(self) -> Any:
        return binding.segment_at(self.page.editor.report, self.seg_path)

    def scope(self) -> forms.Scope:
        ed = self.page.editor
        return forms.Scope(self.segment(), self.spec.section, ed.report, ed.d)

    def update_title(self) -> None:
        title = item_words(self.spec.list_field, self.index)  # "Offense 1"
        segment = self.segment()
        for spec in self.spec.fields:
            if spec.element.type == "code" and not spec.element.multiple:
                value = forms.read_value(segment, spec.name)
                words = entry.meaning(spec.element, value, self.page.editor.d)
                if words:
                    title += f": {words}"
                break
        self.setTitle(title.replace("&", "&&"))  # "Breaking & Entering" is not a mnemonic
        self.setAccessibleName(title)

    def show_segment_findings(self, text: str) -> None:
        if text == self.message.text() and self.message.isHidden() != bool(text):
            return  # as it is shown already
        self.message.setText(text)
        self.message.setVisible(bool(text))
        set_style(self.message, ERROR_STYLE)


class RelationshipGrid(QWidget):
    """Who each victim was to each offender, as a grid of DE 35 pickers (victims down, offenders across)."""

    def __init__(self, page: "FormPage"):
        super().__init__()
        self.page = page
        self.setObjectName("relationship_grid")
        self.setAccessibleName(tr("Relationships of victims to offenders"))
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(tr("<b>Relationship of each victim to each offender</b> (DE 35)"))
        self.layout_.addWidget(self.title)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.grid_host = QWidget()
        self.layout_.addWidget(self.grid_host)
        self.message = QLabel()  # every cell's findings in full words (each cell shows its FBI numbers)
        self.message.setObjectName("relationship_grid_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.layout_.addWidget(self.message)
        self.cells: list[RelationshipCell] = []
        self.build()

    def show_messages(self) -> None:
        """Under the grid: each cell's findings, naming the cell ("Victim 1 and offender 2: Error 556: ...")."""
        lines = [tr("{0}: {1}").format(cell.field.where[:1].upper() + cell.field.where[1:], finding_text(f))
                 for cell in self.cells for f in cell.field.shown]
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))

    def build(self) -> None:
        ed = self.page.editor
        report = ed.report
        d = ed.d
        victims_spec = self.page.form.page("victims")
        rows_spec = next((r for r in victims_spec.rows if r.group.id == "relationship"), None)
        offenders = [o.sequence_number for o in report.offenders if o.sequence_number]
        grid = QGridLayout(self.grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        shown = []
        for v, victim in enumerate(report.victims):
            scope = forms.Scope(victim, "victim", report, d)
            if rows_spec is None or forms.holds(rows_spec.when, scope) or victim.relationships:
                shown.append(v)
        if not offenders or not shown:
            self.note.setText(tr("No relationships to give: they are asked for victims of a crime against a "
                                 "person or of a robbery, once the offenders are numbered."))
            return
        self.note.setText(tr("Type the code or a word (stranger, acquaintance, spouse...) in each cell."))
        for c, number in enumerate(offenders):
            head = QLabel(tr("Offender {0}").format(number))
            grid.addWidget(head, 0, c + 1)
        spec = rows_spec.fields[1] if rows_spec else None
        for r, v in enumerate(shown):
            victim = report.victims[v]
            vt = entry.meaning(d.element("25"), victim.victim_type, d)
            grid.addWidget(QLabel(tr("Victim {0}").format(victim.sequence_number or v + 1) + (f" ({vt})" if vt else "")),
                           r + 1, 0)
            for c, number in enumerate(offenders):
                cell = RelationshipCell(self.page, spec, v, number, self)
                self.cells.append(cell)
                grid.addWidget(cell, r + 1, c + 1)
        grid.setColumnStretch(len(offenders) + 1, 1)


class RelationshipCell(QWidget):
    """One victim-offender pair: a DE 35 picker that creates or removes the victim's relationship row."""

    def __init__(self, page: "FormPage", spec: forms.FieldSpec, victim_index: int, offender_number: int,
                 grid: RelationshipGrid | None = None):
        super().__init__()
        self.page = page
        self.grid = grid
        self.victim_index = victim_index
        self.offender_number = offender_number
        self.setObjectName(f"cell_{victim_index + 1}_{offender_number}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        ed = page.editor
        self.list_path = f"victims[{victim_index}].relationships"
        k = self._index()
        path = f"{self.list_path}[{k if k is not None else len(self._rows())}].relationship"

        def scope() -> forms.Scope:
            return forms.Scope(ed.report.victims[victim_index], "victim", ed.report, ed.d)

        where = tr("victim {0} and offender {1}").format(victim_index + 1, offender_number)
        self.field = GridField(spec, path, ed, scope, page.agency, where, cell=self)
        self.field.setMinimumWidth(90)
        self.meaning = make_meaning_label(self.field)
        self.meaning.setMinimumWidth(60)
        self.message = make_message_label(self.field)  # the cell's own findings, by FBI number
        self.message.setWordWrap(False)
        layout.addWidget(self.field)
        layout.addWidget(self.meaning)
        layout.addWidget(self.message)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def _rows(self) -> list[m.Relationship]:
        return self.page.editor.report.victims[self.victim_index].relationships

    def _index(self) -> int | None:
        for k, rel in enumerate(self._rows()):
            if rel.offender_number == self.offender_number:
                return k
        return None

    def ensure_row(self) -> str:
        """The path of this pair's relationship value, adding the relationship row when there is none."""
        k = self._index()
        if k is None:
            k = len(self._rows())
            self._rows().append(m.Relationship(offender_number=self.offender_number))
        return f"{self.list_path}[{k}].relationship"

    def drop_row(self) -> None:
        k = self._index()
        if k is not None:
            self.page.editor.remove_segment(self.list_path, k)


class GridField(ElementField):
    def __init__(self, *args, cell: RelationshipCell, **kwargs):
        self.cell = cell
        self.shown: list = []
        super().__init__(*args, **kwargs)

    def show_findings(self, found: list) -> None:
        """In the cell: the kind and FBI number of each finding ("Error 556"), the words on hover and under the grid."""
        if found == self._shown_findings:
            return  # as shown already
        self._shown_findings = list(found)
        self.shown = list(found)
        label = self.message_label
        if label is not None:
            heads = ", ".join(dict.fromkeys(finding_parts(f)[0] for f in found))
            label.setText(heads)
            label.setToolTip("\n".join(finding_text(f) for f in found))
            set_style(label, finding_style(any(f.severity == ERROR for f in found)))
            label.setVisible(bool(found))
        text = "\n".join(finding_text(f) for f in found)
        self.setAccessibleDescription(f"{text} {self.help}" if text else self.help)
        if self.cell.grid is not None:
            self.cell.grid.show_messages()

    def load(self) -> None:
        k = self.cell._index()
        if k is None:
            self.setText("")
            self._shown_text = ""
            self.update_meaning()
            return
        self.path = f"{self.cell.list_path}[{k}].relationship"
        super().load()

    def value(self) -> Any:
        return None if self.cell._index() is None else super().value()

    def focus_key(self) -> Any:
        """A cell is its victim and offender: its path names no row while it is empty (nor after it was erased)."""
        return ("relationship", self.cell.victim_index, self.cell.offender_number)

    def _send(self, parsed: entry.Parsed) -> None:
        if not self.text().strip():
            self.cell.drop_row()
            self.update_meaning()
            return
        existed = self.cell._index() is not None
        self.path = self.cell.ensure_row()
        super()._send(parsed)
        if not existed:
            self.editor.revalidate()
