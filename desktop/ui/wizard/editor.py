"""The report being edited: its values, what was typed but not understood, its findings, autosave.

The wizard's pages and fields talk to one :class:`ReportEditor`. It holds the draft (a model
report), runs the FBI edits on it (``validate_field`` while typing, ``validate`` on bigger
changes), and saves it through :class:`desktop.store.service.Store` once the typing pauses
(AUTOSAVE_MS after the last change: a save never runs between two keys typed at speed), on every
change of page and on closing, with the wizard page: a kill after the pause loses nothing.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, Callable

from desktop.forms import binding
from desktop.nibrs import rules
from desktop.nibrs.dictionary import Dictionary
from desktop.nibrs.findings import ERROR, Finding
from desktop.store.service import DRAFT, Store, StoreError
from desktop.ui.qt import QObject, QTimer, Signal

AUTOSAVE_MS = 400  # the pause after the last change that saves the draft (a brisk typist's keys are ~120 ms apart)
UNDO_STEPS = 200  # changes Ctrl+Z can go back through


@dataclass
class _Snapshot:
    """The report before a change: its values, what was typed but not understood, the fields' findings and
    the fields left, and the field the change was made in."""

    report: Any
    raw: dict[str, str]
    entry: dict[str, list]
    left: dict[str, bool]
    focus: str


def context_for(store: Store, stored_id: int | None = None) -> rules.Context:
    """The rule context of this database: agency settings, state profile, and its history."""
    from desktop.store.history import context_for as store_context

    return store_context(store, stored_id=stored_id)


def _rule_key(f: Finding) -> tuple[str, str]:
    return (f.error, str((f.extra or {}).get("rule", "")))


def shift_paths(mapping: dict[str, Any], list_path: str, index: int, delta: int) -> dict[str, Any]:
    """Renumber paths under ``list_path[i]`` for i >= index by ``delta``; drop those of a removed entry."""
    pattern = re.compile(rf"^{re.escape(list_path)}\[(\d+)\](.*)$")
    out: dict[str, Any] = {}
    for path, value in mapping.items():
        m = pattern.match(path)
        if not m:
            out[path] = value
            continue
        i = int(m.group(1))
        if delta < 0 and i == index:
            continue  # the removed entry
        if i >= index + (1 if delta < 0 else 0):
            i += delta
        out[f"{list_path}[{i}]{m.group(2)}"] = value
    return out


class ReportEditor(QObject):
    changed = Signal(str)  # a value path changed
    structure_changed = Signal(str)  # a list of segments or rows changed (its path)
    findings_changed = Signal()
    saved = Signal(str, int)  # kind, record id
    save_failed = Signal(str)  # why, in words

    def __init__(self, store: Store, report: Any, *, record_id: int | None = None, status: str = DRAFT,
                 raw: dict[str, str] | None = None, ctx: rules.Context | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.d: Dictionary = store.dictionary
        self.report = report
        self.kind = report.KIND
        self.record_id = record_id
        self.status = status
        self.raw: dict[str, str] = dict(raw or {})
        self.entry: dict[str, list[Finding]] = {}  # path -> findings of the field itself (no FBI number)
        self.ctx = ctx or context_for(store, record_id)
        self.findings: list[Finding] = []
        self.page_id: str | None = None
        self.dirty = False
        self.last_error = ""
        self.read_only = False  # the signed-in person may read this report but not change it
        # Errors when they help: a field's findings show once the person left it, or passed its page going on
        # (and always on Review); a new report opens clean.
        self.left: dict[str, bool] = {}  # field paths the cursor left
        self.passed: set[str] = set()  # ids of the pages the person went on from
        self._undo: list[_Snapshot] = []  # the report before each change, for Ctrl+Z
        self._redo: list[_Snapshot] = []
        self._recent: dict[str, list[str]] | None = None  # the person's recent codes per picker (element id)
        self._used: dict[str, list[str]] = {}  # codes used here and not yet remembered by the store
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self.revalidate()

    # ------------------------------------------------------------------ values
    def value(self, path: str) -> Any:
        try:
            return binding.get(self.report, path)
        except (AttributeError, IndexError):
            return None

    def set_value(self, path: str, value: Any, *, raw: str | None = None, notes: list[Finding] | None = None) -> None:
        """A field changed: its value (or ``None``), the text when it was not understood, its own findings."""
        if self.read_only:
            return  # read only means read only (the fields are disabled too)
        binding.put(self.report, path, copy.deepcopy(value))
        if raw is None:
            self.raw.pop(path, None)
        else:
            self.raw[path] = raw
        if notes:
            self.entry[path] = list(notes)
        else:
            self.entry.pop(path, None)
        self._live_validate(path)
        self.changed.emit(path)
        self.touch()

    def touch(self) -> None:
        """Something changed: save once the typing pauses for AUTOSAVE_MS (each change starts the wait again, so a
        save, a tenth of a second or more, never falls between two keys typed at speed)."""
        self.dirty = True
        self._timer.start()

    # ------------------------------------------------------------------ undo
    def checkpoint(self, focus_path: str = "") -> None:
        """Remember the report as it is, before a change (Ctrl+Z comes back here, to ``focus_path``)."""
        if self.read_only:
            return
        self._undo.append(_Snapshot(copy.deepcopy(self.report), dict(self.raw), copy.deepcopy(self.entry),
                                    dict(self.left), focus_path))
        del self._undo[:-UNDO_STEPS]
        self._redo.clear()

    def can_undo(self) -> bool:
        return bool(self._undo) and not self.read_only

    def undo(self) -> str | None:
        """Back to the report as it was before the last change; the path of the field to put the cursor in."""
        return self._step(self._undo, self._redo)

    def redo(self) -> str | None:
        return self._step(self._redo, self._undo)

    def _step(self, source: list, target: list) -> str | None:
        while source and not self.read_only:
            snap = source.pop()
            if snap.report == self.report and snap.raw == self.raw:
                continue  # a change that changed nothing: the one before it
            target.append(_Snapshot(copy.deepcopy(self.report), dict(self.raw), copy.deepcopy(self.entry),
                                    dict(self.left), snap.focus))
            self.report = copy.deepcopy(snap.report)
            self.raw, self.entry, self.left = dict(snap.raw), copy.deepcopy(snap.entry), dict(snap.left)
            self.revalidate()
            self.structure_changed.emit("")
            self.touch()
            return snap.focus
        return None

    # ------------------------------------------------------------------ numbers that follow
    def renumber(self, path: str, referenced_by: tuple[str, ...], old: Any, new: Any) -> None:
        """A value others refer to changed (an offender's number, an offense code): every reference follows; a
        sequence number another section of the list already holds is traded with it (two offenders swap)."""
        from desktop.nibrs.values import walk

        if self.read_only or old in (None, "") or new in (None, "") or old == new:
            return
        seg_path, _dot, name = path.rpartition(".")
        at = re.match(r"^(.*)\[(\d+)\]$", seg_path)
        traded = False
        if at and isinstance(old, int) and isinstance(new, int):
            siblings = self.segments(at.group(1))
            for j, sibling in enumerate(siblings):
                if j != int(at.group(2)) and getattr(sibling, name, None) == new:
                    setattr(sibling, name, old)
                    traded = True
                    break
        swap = {old: new, new: old} if traded else {old: new}
        for element_id in referenced_by:
            element = self.d.elements.get(element_id)
            if element is None:
                continue
            for kind, segment, _where in walk(self.report):
                placement = element.placement(kind)
                if placement is None:
                    continue
                field = placement.field or element.id
                value = getattr(segment, field, None) if placement.profile is None else segment.extras.get(field)
                if isinstance(value, list):
                    moved = list(dict.fromkeys(swap.get(v, v) for v in value))
                    if moved != value:
                        setattr(segment, field, moved)
                elif value in swap:
                    setattr(segment, field, swap[value])
        self.revalidate()
        self.touch()
        # the fields showing the references are rebuilt once the field that changed has finished its key
        QTimer.singleShot(0, lambda: self.structure_changed.emit(seg_path.split("[", 1)[0]))

    # ------------------------------------------------------------------ recent codes
    def recent_codes(self, element_id: str) -> list[str]:
        """The codes of a picker the signed-in person used lately, most recent first (read once per report)."""
        if self._recent is None:
            try:
                self._recent = self.store.recent_codes()
            except StoreError:
                self._recent = {}
        return self._recent.get(element_id, [])

    def used_codes(self, element_id: str, codes: list[str]) -> None:
        """Codes chosen in a picker: first in that picker from now on, and remembered with the next save."""
        codes = [c for c in codes if c]
        if not codes:
            return
        recent = self.recent_codes(element_id)
        self._recent[element_id] = codes + [c for c in recent if c not in codes]
        self._used[element_id] = codes + [c for c in self._used.get(element_id, []) if c not in codes]

    def remember_used(self) -> None:
        if not self._used:
            return
        try:
            self.store.remember_codes(self._used)
        except StoreError:
            return
        self._used = {}

    # ------------------------------------------------------------------ segments
    def segments(self, list_path: str) -> list[Any]:
        return binding.segment_at(self.report, list_path) if list_path else []

    def add_segment(self, list_path: str, segment: Any, index: int | None = None, *, undoable: bool = True) -> int:
        rows = self.segments(list_path)
        if self.read_only:
            return len(rows) - 1
        if undoable:
            self.checkpoint(f"{list_path}[{len(rows) - 1}]" if rows else "")
        index = len(rows) if index is None else index
        self._shift(list_path, index, +1)
        rows.insert(index, segment)
        self._structure(list_path)
        return index

    def remove_segment(self, list_path: str, index: int) -> None:
        if self.read_only:
            return
        self.checkpoint(f"{list_path}[{index}]")
        rows = self.segments(list_path)
        del rows[index]
        self._shift(list_path, index, -1)
        self._structure(list_path)

    def duplicate_segment(self, list_path: str, index: int, renumber: Callable[[Any], None] | None = None) -> int:
        rows = self.segments(list_path)
        if self.read_only:
            return index
        self.checkpoint(f"{list_path}[{index}]")
        twin = copy.deepcopy(rows[index])
        if renumber:
            renumber(twin)
        new = index + 1
        self._shift(list_path, new, +1)
        for path, text in list(self.raw.items()):  # what was typed in the original, typed in the copy
            prefix = f"{list_path}[{index}]"
            if path.startswith(prefix):
                self.raw[f"{list_path}[{new}]{path[len(prefix):]}"] = text
        rows.insert(new, twin)
        self._structure(list_path)
        return new

    def _shift(self, list_path: str, index: int, delta: int) -> None:
        """Entries of a list moved: what was typed, the fields' own findings and the fields left move with them."""
        self.raw = shift_paths(self.raw, list_path, index, delta)
        self.entry = shift_paths(self.entry, list_path, index, delta)
        self.left = shift_paths(self.left, list_path, index, delta)

    def _structure(self, list_path: str) -> None:
        self.revalidate()
        self.structure_changed.emit(list_path)
        self.touch()

    # ------------------------------------------------------------------ findings
    def _live_validate(self, path: str) -> None:
        element_id = rules.element_at(self.report, path, self.d)
        if element_id is None:
            self.findings_changed.emit()
            return
        rules.REGISTRY.load()
        keys = {(r.number, r.name) for r in rules.REGISTRY.rules if element_id in r.elements or not r.elements}
        fresh = rules.validate_field(self.report, path, self.ctx)
        self.findings = [f for f in self.findings if _rule_key(f) not in keys] + fresh
        self.findings_changed.emit()

    def revalidate(self) -> None:
        self.findings = rules.validate(self.report, self.ctx)
        self.findings_changed.emit()

    # ------------------------------------------------------------------ when findings show
    def leave(self, path: str) -> None:
        """The cursor left a field: its findings show from now on."""
        if path and not self.left.get(path):
            self.left[path] = True
            self.findings_changed.emit()

    def pass_page(self, page_id: str) -> None:
        """The person went on from a page: its findings show from now on."""
        if page_id not in self.passed:
            self.passed.add(page_id)
            self.findings_changed.emit()

    def shows(self, field_path: str, page_id: str) -> bool:
        """Whether a field's findings are shown beside it: it was left, or its page passed."""
        return page_id in self.passed or bool(self.left.get(field_path))

    def entry_findings(self) -> list[Finding]:
        out = []
        for path, notes in self.entry.items():
            out.extend(notes)
        return out

    def all_findings(self) -> list[Finding]:
        """FBI findings and the fields' own, errors first."""
        found = self.findings + self.entry_findings()
        return sorted(found, key=lambda f: (f.severity != ERROR, _path_order(f.path)))

    def findings_at(self, field_path: str) -> list[Finding]:
        """What to say beside a field. While it holds something that could not be read, that is
        all: the FBI edits see the field as empty and would only say it is missing."""
        entry = self.entry.get(field_path, [])
        if entry:
            return list(entry)
        return [f for f in self.findings if f.path and binding.field_path(f.path) == field_path]

    def findings_by_field(self) -> dict[str, list[Finding]]:
        """``findings_at`` of every field at once: field path -> what to say beside it."""
        out: dict[str, list[Finding]] = {}
        for f in self.findings:
            if f.path:
                out.setdefault(binding.field_path(f.path), []).append(f)
        for path, notes in self.entry.items():
            if notes:
                out[path] = list(notes)
        return out

    def error_count(self) -> int:
        return sum(1 for f in self.all_findings() if f.severity == ERROR)

    # ------------------------------------------------------------------ saving
    def save_now(self) -> bool:
        """Save the draft now (autosave calls this); returns whether it was saved."""
        self._timer.stop()
        if not self.dirty and self.record_id is not None:
            return True
        if not self.dirty and self.record_id is None:
            return False  # nothing typed yet: no empty draft
        clean = binding.storable(self.report, self.raw, self.d)
        try:
            record = self.store.save_draft(self.kind, self.record_id, clean, wizard_page=self.page_id,
                                           invalid=dict(self.raw), findings=self.all_findings())
        except StoreError as exc:  # PermissionDenied: the role may not change this report
            self.last_error = str(exc)
            self.save_failed.emit(self.last_error)
            return False
        self.record_id = record.id
        self.ctx.stored_id = record.id  # the record is on file now: not a duplicate of itself (056)
        self.status = record.status
        self.dirty = False
        self.last_error = ""
        self.remember_used()
        self.saved.emit(self.kind, record.id)
        return True

    def set_page(self, page_id: str) -> None:
        """The wizard moved to a page: remember it with the draft."""
        if page_id == self.page_id:
            return
        self.page_id = page_id
        if self.record_id is not None and self.status == DRAFT and not self.read_only:
            self.dirty = True  # a draft remembers its page; a report sent for review is not demoted by a look
        if self.dirty:
            self.save_now()

    def pending(self) -> bool:
        return self._timer.isActive()


def _path_order(path: str) -> tuple:
    order = {"": 0, "offenses": 1, "properties": 2, "victims": 3, "offenders": 4, "arrestees": 5}
    head = path.split("[", 1)[0].split(".", 1)[0] if path else ""
    nums = tuple(int(n) for n in re.findall(r"\[(\d+)\]", path))
    return (order.get(head, 0), nums, path)


def entry_finding(element, path: str, message: str, *, severity: str = ERROR, fix: str = "",
                  kind: str = "") -> Finding:
    """A finding of a field itself (not an FBI edit): no FBI number."""
    return Finding(error="", severity=severity, message=message, fix=fix, segment=kind,
                   element=element.id, path=path, extra={"rule": "entry"})

