"""Imports in the database: the reports of one file merged in one transaction.

:func:`import_reports` creates, updates (a delete followed by the same report is a correction),
deletes or skips (unchanged, unreadable) each report, and returns a line per report saying which
and why. The stored records a file's reports may match are read ahead in batches, so a large
file needs a few queries per batch, not a query per report; the rows are written in bulk a batch
at a time (SQLAlchemy Core, a statement per table), so memory stays flat whatever the file's size.
"""

from __future__ import annotations

import dataclasses
from array import array
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Iterable, Iterator, Sequence

from sqlalchemy import bindparam, delete, insert, select, update

from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.findings import Finding
from desktop.store import audit, checksums, users
from desktop.store import schema as s
from desktop.store.errors import StoreError
from desktop.store.history import MemoryHistory
from desktop.store.kinds import KINDS, describe, key_of, key_text
from desktop.store.lifecycle import APPROVED, DRAFT, READY, SUBMITTED
from desktop.store.mapping import columns, delete_below, from_row, insert_below, insert_records
from desktop.store.submissions.loading import PlainRow, plain_rows


@dataclass
class Incoming:
    """A report read from a file, ready to be merged."""

    kind: str
    action: str  # I, A, R, D
    report: m.Report
    where: str  # "file, line 12 (record 12)"
    findings: list[Finding] = field(default_factory=list)  # from the reader and the FBI edits
    invalid: dict[str, str] = field(default_factory=dict)  # raw values storage refuses
    skip: str = ""  # why it cannot be imported ("" when it can)
    original: m.Report | None = None  # the report as read (unknown codes in place), for the FBI edits
    layout: dict[str, Any] | None = None  # where a flat file held repeated values (blank slots between)


@dataclass(frozen=True, slots=True)
class ImportLine:
    outcome: str  # imported | updated | deleted | skipped
    what: str
    where: str
    detail: str = ""
    kind: str = ""
    record_id: int | None = None

    def __str__(self) -> str:
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.where}: {self.outcome} {self.what}{detail}"


_NO_RECORD = -(2 ** 63)  # ImportLines' record id for a line that names none
_TITLES = tuple(f"{title} " for title in m.REPORT_TITLES.values())


def _title_and_ori(what: str) -> str:
    """The start a line's 'what' shares with the lines of the same kind and agency: "Group A incident HI0020000 "
    ("" when it does not start with a report's title)."""
    for title in _TITLES:
        if what.startswith(title):
            end = what.find(" ", len(title))
            return what[:end + 1] if end > 0 else ""
    return ""


class ImportLines(Sequence[ImportLine]):
    """The lines of one import, kept compactly: a year in one file has hundreds of thousands of them, and as
    ImportLine objects with texts of their own they were ~300 bytes a report, the largest part of what a year's
    import kept beyond a month's (issue 13: a year's peak memory near a month's). Here a line is a few array
    entries: its outcome, kind and detail, and the starts of what it is ("Group A incident HI0020000 ") and of where
    ("the file's name, "), as indexes into one list of the texts lines share (up to ``SHARED`` of them; a text
    beyond is kept with its line); the rest of its texts as UTF-8 bytes in one buffer; its record id in an array.
    Reading a line gives the ImportLine it was made from; it reads like a list (``len``, ``[i]``, slices,
    iteration, ``==`` with a list), as its readers do."""

    SHARED = 4096
    __slots__ = ("_words", "_word_ids", "_codes", "_record", "_text", "_ends")

    def __init__(self, lines: Iterable[ImportLine] = ()):
        self._words: list[str] = [""]  # texts lines share (0: none, the text is the line's own)
        self._word_ids: dict[str, int] = {"": 0}
        self._codes = array("I")  # five per line: outcome, kind, detail, the start of what, the start of where
        self._record = array("q")
        self._text = bytearray()  # per line: the rest of what, the rest of where, the detail when not shared
        self._ends = array("Q")  # three per line: where each of those ends in _text
        for line in lines:
            self.append(line)

    def _word(self, text: str, always: bool = False) -> int:
        found = self._word_ids.get(text)
        if found is None:
            if len(self._words) >= self.SHARED and not always:
                return 0
            found = self._word_ids[text] = len(self._words)
            self._words.append(text)
        return found

    def add(self, outcome: str, what: str, where: str, detail: str = "", kind: str = "",
            record_id: int | None = None) -> None:
        what_at = self._word(_title_and_ori(what))  # "Group A incident HI0020000 "
        what_cut = len(self._words[what_at]) if what_at else 0
        where_at = self._word(where[:where.rfind(", line ") + 2]) if ", line " in where else 0  # "file, "
        where_cut = len(self._words[where_at]) if where_at else 0
        detail_at = self._word(detail)
        self._codes.extend((self._word(outcome, True), self._word(kind, True), detail_at, what_at, where_at))
        self._record.append(_NO_RECORD if record_id is None else record_id)
        for text in (what[what_cut:], where[where_cut:], "" if detail_at else detail):
            self._text += text.encode("utf-8", "surrogatepass")
            self._ends.append(len(self._text))

    def append(self, line: ImportLine) -> None:
        self.add(line.outcome, line.what, line.where, line.detail, line.kind, line.record_id)

    def record_id(self, i: int) -> int | None:
        rid = self._record[i]
        return None if rid == _NO_RECORD else rid

    def set_record_id(self, i: int, record_id: int) -> None:
        self._record[i] = record_id

    def _line(self, i: int) -> ImportLine:
        words, codes, ends, text = self._words, self._codes, self._ends, self._text
        at = ends[3 * i - 1] if i else 0
        own = []
        for end in ends[3 * i:3 * i + 3]:
            own.append(text[at:end].decode("utf-8", "surrogatepass"))
            at = end
        outcome, kind, detail, what, where = (words[c] for c in codes[5 * i:5 * i + 5])
        return ImportLine(outcome, what + own[0], where + own[1], detail or own[2], kind, self.record_id(i))

    def __len__(self) -> int:
        return len(self._record)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._line(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("import line index out of range")
        return self._line(i)

    def __iter__(self) -> Iterator[ImportLine]:
        for i in range(len(self)):
            yield self._line(i)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (ImportLines, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"ImportLines({list(self)!r})"


def _strip_extras(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_extras(v) for k, v in data.items() if k != "extras"}
    if isinstance(data, list):
        return [_strip_extras(v) for v in data]
    return data


_COMPARED: dict[type, tuple[str, ...]] = {}


def _same(a: Any, b: Any) -> bool:
    """Whether two reports certainly have the same values, extras aside (what comparing their dicts without extras
    finds, without making the dicts); False when unsure (a value kept as written, a mapping): compare the dicts."""
    kind = type(a)
    if kind is not type(b):
        return False
    if kind in _PLAIN:  # most values: text, numbers, dates, None
        return a == b
    if kind is list:
        if len(a) != len(b):
            return False
        for x, y in zip(a, b):
            if not _same(x, y):
                return False
        return True
    if isinstance(a, m.Segment):
        if a.invalid or b.invalid:
            return False
        names = _COMPARED.get(kind)
        if names is None:
            names = _COMPARED[kind] = tuple(f.name for f in dataclasses.fields(a)
                                            if f.name not in ("extras", "invalid", "source"))
        for name in names:
            if not _same(getattr(a, name), getattr(b, name)):
                return False
        return True
    if isinstance(a, Decimal):
        return str(a) == str(b)  # 1.5 and 1.50 are equal numbers but not the same text
    return False  # a mapping or anything else: the dicts decide


_PLAIN = frozenset({str, int, bool, type(None), date})


def _carry_extras(local: m.Report, incoming: m.Report) -> None:
    """Keep the local record's state-profile values (a file never carries them) where segments line up."""
    from desktop.nibrs.invalid import segments

    kept = {path: dict(seg.extras) for _k, path, seg in segments(local) if seg.extras}
    for _k, path, seg in segments(incoming):
        if path in kept and not seg.extras:
            seg.extras = kept[path]


class _Writes:
    """The writes of one import, queued a batch at a time and written together through SQLAlchemy Core: new records
    (with every segment and code row, a statement per table), changed ones (their segments replaced), deletes, their
    revision snapshots, audit entries (through ``audit.append_many``, in the reports' order) and the lines' record
    ids. New records carry a stand-in id (negative) until they are written."""

    def __init__(self, store, unit, history: MemoryHistory | None, at: datetime):
        self.store, self.unit, self.session, self.history, self.at = store, unit, unit.session, history, at
        self.lines = ImportLines()
        self._fake = 0
        self.new: dict[str, list[tuple[int, dict[str, Any], m.Report]]] = {}  # kind -> (stand-in id, row, report)
        self.changed: dict[str, list[tuple[int, dict[str, Any], m.Report]]] = {}  # kind -> (id, row, report)
        self.dropped: dict[str, list[int]] = {}  # records removed
        self.kept: dict[str, list[int]] = {}  # records marked deleted, kept until their delete is sent
        self.keys: dict[str, set[tuple]] = {}  # kind -> the keys of its records queued
        self.numbers: dict[str, set[tuple]] = {}  # kind -> (ori, number) of those
        self.written: dict[str, list[int]] = {}  # kind -> records written since the last flush (their checksums)
        self.removed: dict[str, list[int]] = {}  # kind -> records removed since the last flush
        self.sums: dict[tuple[str, int], tuple[str, str]] = {}  # (kind, id) -> (content sum, checksum) of new ones
        self._queued_elsewhere()

    def _queued_elsewhere(self) -> None:
        """What is written after the records (in the reports' order, naming records by their ids once known)."""
        self.revisions: list[dict[str, Any]] = []
        self.entries: list[dict[str, Any]] = []
        self.waiting: list[int] = []  # lines naming a record by its stand-in id
        self.real: dict[int, int] = {}  # stand-in id -> id, of the records written since

    def stand_in(self) -> int:
        self._fake -= 1
        return self._fake

    def touches(self, kind: str, key: tuple, *, every_arrestee: bool = False) -> bool:
        """Whether a record with this key (any arrestee of the arrest, with ``every_arrestee``) is queued."""
        return tuple(key[:2]) in self.numbers.get(kind, ()) if every_arrestee else tuple(key) in self.keys.get(kind, ())

    def _written(self, kind: str, key: tuple) -> None:
        self.keys.setdefault(kind, set()).add(tuple(key))
        self.numbers.setdefault(kind, set()).add(tuple(key[:2]))

    def line(self, outcome: str, what: str, item: Incoming, detail: str = "", record_id: int | None = None) -> None:
        if record_id is not None and record_id < 0:
            self.waiting.append(len(self.lines))
        self.lines.add(outcome, what, item.where, detail, item.kind, record_id)

    def create(self, kind: str, key: tuple, row: dict[str, Any], report: m.Report) -> int:
        rid = self.stand_in()
        self.new.setdefault(kind, []).append((rid, row, report))
        self._written(kind, key)
        return rid

    def change(self, kind: str, key: tuple, record_id: int, row: dict[str, Any], report: m.Report) -> None:
        self.changed.setdefault(kind, []).append((record_id, row, report))
        self._written(kind, key)

    def delete(self, kind: str, key: tuple, record_id: int, *, kept: bool) -> None:
        (self.kept if kept else self.dropped).setdefault(kind, []).append(record_id)
        self._written(kind, key)

    def write_records(self, kind: str) -> set[tuple]:
        """Write the records of a kind queued (new ones first, then changes, then deletes, as the ORM would); the
        (ori, number) of those. Their revision snapshots and audit entries wait for :meth:`flush`."""
        session, d = self.session, self.store.dictionary
        queued = self.new.pop(kind, [])
        if queued:
            below: dict[int, dict[str, Any]] = {}  # the child segments' rows as written (for the checksums)
            ids = insert_records(session, d, kind, [row for _f, row, _r in queued], [r for _f, _row, r in queued],
                                 below)
            self.written.setdefault(kind, []).extend(ids)
            for (fake, row, report), rid in zip(queued, ids):
                self.real[fake] = rid
                # their checksums from what was written (changed records are read back: they keep columns unsaid)
                self.sums[(kind, rid)] = checksums.written_sums(d, kind, row, report, below)
                if self.history is not None:
                    self.history.remove(kind, fake, report)
                    self.history.add(kind, report, rid)
        changed = self.changed.pop(kind, [])
        self._written_again(kind, [rid for rid, _row, _r in changed])
        if changed:
            table = KINDS[kind].row.__table__
            session.execute(update(table).where(table.c.id == bindparam("record_id_")),
                            [{"record_id_": rid, **row} for rid, row, _r in changed])
            delete_below(session, d, kind, [rid for rid, _row, _r in changed])
            insert_below(session, d, kind, [(rid, report) for rid, _row, report in changed])
            self.written.setdefault(kind, []).extend(rid for rid, _row, _r in changed)
        table = KINDS[kind].row.__table__
        ids = self.kept.pop(kind, [])
        self.written.setdefault(kind, []).extend(ids)
        self._written_again(kind, ids)
        for i in range(0, len(ids), 500):
            session.execute(update(table).where(table.c.id.in_(ids[i:i + 500]))
                            .values(deleted_at=self.unit.now, updated_by=self.unit.user))
        ids = self.dropped.pop(kind, [])
        self.removed.setdefault(kind, []).extend(ids)
        self._written_again(kind, ids)
        for i in range(0, len(ids), 500):
            session.execute(delete(table).where(table.c.id.in_(ids[i:i + 500])))
        self.keys.pop(kind, None)
        return self.numbers.pop(kind, set())

    def _written_again(self, kind: str, ids: list[int]) -> None:
        """Records written since their insert (changed, deleted): their checksums are worked out from the tables."""
        for rid in ids:
            self.sums.pop((kind, rid), None)

    def flush(self) -> None:
        """Write everything queued: the records of every kind, then the revision snapshots and the audit entries in
        the reports' order, and give the lines their records' ids."""
        for kind in KINDS:
            self.write_records(kind)
        real = self.real
        if self.revisions:
            self.session.execute(insert(s.RevisionRow), [{**r, "record_id": real.get(r["record_id"], r["record_id"])}
                                                         for r in self.revisions])
        # Written by statements, not by the ORM: their checksums are worked out here, before the entries naming them.
        checksums.refresh(self.session, self.written, self.removed, self.sums)
        self.written, self.removed, self.sums = {}, {}, {}
        if self.entries:
            self.unit.audit_many([{**e, "record_id": real.get(e["record_id"], e["record_id"])}
                                  if e.get("record_id") is not None else e for e in self.entries], at=self.at)
            checksums.forget_covered(self.session)
        for i in self.waiting:
            self.lines.set_record_id(i, real[self.lines.record_id(i)])
        self._queued_elsewhere()


_NOT_READ = ("findings",)  # what an import never reads of a stored record


class _Records:
    """The live stored records the reports of one import may match: read ahead a batch at a time with their segments
    (a few queries per table), found by key; a record this import wrote is read again once its writes are made."""

    def __init__(self, store, session, writes: _Writes):
        self.store, self.session, self.writes = store, session, writes
        self.rows: dict[tuple[str, Any], list[PlainRow]] = {}  # (kind, number) read -> its live rows (every ORI's)

    def read_ahead(self, items: Sequence[Incoming]) -> None:
        """The writes queued so far made, then the records the next reports may match read."""
        self.writes.flush()
        self.rows = {}
        for kind, k in KINDS.items():
            if k.number is not None:
                self._load(kind, sorted({key_of(it.report)[1] for it in items if it.kind == kind and not it.skip}))

    def _load(self, kind: str, numbers: list[Any]) -> None:
        if not numbers:
            return
        k = KINDS[kind]
        for n in numbers:  # read again: what was read of them before goes
            self.rows[(kind, n)] = []
        for row in plain_rows(self.session, k.row, k.number_column, numbers, leave_out=_NOT_READ):
            if row.deleted_at is None:
                self.rows[(kind, getattr(row, k.number))].append(row)

    def find(self, kind: str, key: tuple, *, all_arrestees: bool = False) -> list[PlainRow]:
        """The live records with this key, oldest first (a Group B delete without an arrestee number: every
        arrestee of the arrest)."""
        if self.writes.touches(kind, key, every_arrestee=all_arrestees and key[-1] is None):
            for _ori, number in self.writes.write_records(kind):  # what was read of them is out of date
                self.rows.pop((kind, number), None)
        k = KINDS[kind]
        if k.number is None:  # zero reports: one a month, found by a query each
            cls = k.row
            ids = list(self.session.scalars(select(cls.id).where(
                cls.deleted_at.is_(None), *[getattr(cls, c) == v for c, v in zip(k.key, key)])))
            rows = plain_rows(self.session, cls, cls.__table__.c.id, ids, leave_out=_NOT_READ)
        else:
            if (kind, key[1]) not in self.rows:
                self._load(kind, [key[1]])
            rows = self.rows[(kind, key[1])]
        return sorted((r for r in rows if all(getattr(r, c) == v for c, v in zip(k.key, key)
                                              if not (c == "sequence_number" and all_arrestees and v is None))),
                      key=lambda r: r.id)


def _ahead(items: Iterable[Incoming], records: _Records, size: int) -> Iterator[Incoming]:
    """The reports in batches, each batch's stored records read ahead (and the writes before it made)."""
    batch: list[Incoming] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            records.read_ahead(batch)
            yield from batch
            batch = []
    if batch:
        records.read_ahead(batch)
        yield from batch


def import_reports(store, label: str, incoming: Iterable[Incoming], *, status: str = READY,
                   validate: Callable[[Incoming, int | None], list[Finding]] | None = None,
                   finish: Callable[[], None] | None = None, history: MemoryHistory | None = None,
                   batch: int = 200) -> ImportLines:
    """Merge the reports of one file in one transaction; returns a line per report.

    ``status`` is what a report without errors becomes (ready for review, approved, or submitted
    when the file was already sent); a report with errors or values storage refuses is a draft
    (from a file already sent, a draft whose revision is the one submitted: its correction goes
    out as a replacement).
    ``validate(item, stored_id)`` returns the FBI findings of a report about to be saved; a
    ``history`` it reads is kept up to date with what the file adds and deletes, so a report
    twice in one file is found as a duplicate. An exception from ``incoming`` or ``finish`` (a
    file that turns out unreadable) rolls everything back.

    The reports are read ahead and written ``batch`` at a time (rows in bulk, through SQLAlchemy Core), so
    memory stays the same whatever the file's size; the transaction is still the whole file's.
    """
    store.require(users.IMPORT)
    if status not in (READY, APPROVED, SUBMITTED):
        raise StoreError(f"imported reports become ready, approved or submitted, not {status!r}")
    if status in (APPROVED, SUBMITTED):
        store.require(users.REVIEW, "import reports as approved or already submitted")
    if status == SUBMITTED:  # marking reports sent to the state is an export right: an administrator's act
        store.require(users.EXPORT, "mark imported reports as already submitted (an administrator's act)")
    d = store.dictionary
    counts = {"imported": 0, "updated": 0, "deleted": 0, "skipped": 0}

    with store.unit(users.IMPORT) as u:
        now, user = u.now, u.user
        writes = _Writes(store, u, history, datetime.now())
        records = _Records(store, u.session, writes)

        def line(outcome: str, what: str, item: Incoming, detail: str = "", record_id: int | None = None) -> None:
            counts[outcome] += 1
            writes.line(outcome, what, item, detail, record_id)

        for item in _ahead(incoming, records, batch):
            what = describe(item.report)
            if item.skip:
                line("skipped", what, item, item.skip)
                continue
            key = key_of(item.report)
            if item.action == "D":
                matches = records.find(item.kind, key, all_arrestees=item.kind == "group_b")
                if not matches:
                    line("skipped", what, item, "nothing to delete: it is not in the database")
                    continue
                for row in matches:
                    current = from_row(row, d, item.kind)
                    kept = row.submitted_revision is not None and status != SUBMITTED
                    if history is not None:
                        history.remove(item.kind, row.id, current)
                    writes.delete(item.kind, key_of(row, item.kind), row.id, kept=kept)
                    writes.entries.append({"action": audit.IMPORT, "kind": item.kind, "record_id": row.id, "detail": {
                        "file": label, "where": item.where, "result": "deleted", "key": key_text(item.report),
                        "values": serialize.report_to_dict(current),
                        **({"kept_for_delete_submission": True} if kept else {})}})
                    line("deleted", describe(current) if item.kind == "group_b" else what, item,
                         "kept until its delete is sent to the state" if kept else "", row.id)
                continue
            matches = records.find(item.kind, key)
            local = matches[-1] if matches else None
            data = before = current = None
            if local is not None:
                current = from_row(local, d, item.kind)
                if dict(local.invalid or {}) == item.invalid and (local.layout or None) == item.layout:
                    unchanged = _same(current, item.report)
                    if not unchanged:
                        data, before = serialize.report_to_dict(item.report), serialize.report_to_dict(current)
                        unchanged = _strip_extras(before) == _strip_extras(data)
                    if unchanged:
                        line("skipped", what, item, f"unchanged: already in the database ({local.status})", local.id)
                        continue
                before = before or serialize.report_to_dict(current)
            data = data or serialize.report_to_dict(item.report)
            findings = list(item.findings)
            if validate is not None:
                findings += validate(item, local.id if local is not None else None)
            errors = sum(1 for f in findings if f.is_error)
            new_status = DRAFT if errors or item.invalid else status
            why = (f"{errors} error{'s' if errors != 1 else ''}" if errors else "") + \
                  (("; " if errors else "") + f"{len(item.invalid)} value(s) that could not be read, kept as written"
                   if item.invalid else "")
            if local is None:
                row = {**columns(item.report, d, item.kind), **u.stamp_values(findings, created=True),
                       "status": new_status, "revision": 1, "invalid": dict(item.invalid), "layout": item.layout,
                       "submitted_revision": 1 if status == SUBMITTED else None}
                rid = writes.create(item.kind, key, row, item.report)
                if status == SUBMITTED:  # the file was sent: the state has this revision, errors or not
                    writes.revisions.append({"kind": item.kind, "record_id": rid, "revision": 1, "saved_at": now,
                                             "saved_by": user, "status": SUBMITTED, "data": data})
                if history is not None:
                    history.add(item.kind, item.report, rid)
                writes.entries.append({"action": audit.IMPORT, "kind": item.kind, "record_id": rid, "detail": {
                    "file": label, "where": item.where, "result": "created", "key": key_text(item.report),
                    "status": new_status, "values": data}})
                line("imported", what, item, f"as {new_status}" + (f" ({why})" if why else ""), rid)
                continue
            _carry_extras(current, item.report)
            changes = audit.diff(_strip_extras(before), _strip_extras(data))
            revision = local.revision + 1
            submitted = revision if status == SUBMITTED else local.submitted_revision
            row = {**columns(item.report, d, item.kind), **u.stamp_values(findings), "revision": revision,
                   "invalid": dict(item.invalid), "layout": item.layout, "status": new_status,
                   "submitted_revision": submitted}
            writes.change(item.kind, key, local.id, row, item.report)
            if status == SUBMITTED:
                writes.revisions.append({"kind": item.kind, "record_id": local.id, "revision": revision,
                                         "saved_at": now, "saved_by": user, "status": SUBMITTED,
                                         "data": serialize.report_to_dict(item.report)})
            writes.entries.append({"action": audit.IMPORT, "kind": item.kind, "record_id": local.id, "detail": {
                "file": label, "where": item.where, "result": "updated", "key": key_text(item.report),
                "revision": revision, "changes": changes, "status": [local.status, new_status]}})
            resend = " (it was submitted: the change goes out with the next export)" \
                if submitted is not None and submitted < revision else ""
            line("updated", what, item, f"revision {revision}, {len(changes)} value(s) changed, now {new_status}"
                 + (f" ({why})" if why else "") + resend, local.id)
        if finish is not None:
            finish()
        writes.entries.append({"action": audit.IMPORT, "detail": {
            "file": label, "created": counts["imported"], "updated": counts["updated"], "deleted": counts["deleted"],
            "skipped": counts["skipped"]}})
        writes.flush()
    return writes.lines
