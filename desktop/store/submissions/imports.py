"""Imports in the database: the reports of one file merged in one transaction.

:func:`import_reports` creates, updates (a delete followed by the same report is a correction),
deletes or skips (unchanged, unreadable) each report, and returns a line per report saying which
and why. The stored records a file's reports may match are read ahead in batches, so a large
file needs a few queries per batch, not a query per report.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence

from sqlalchemy import insert, select

from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.findings import Finding
from desktop.store import audit, users
from desktop.store import schema as s
from desktop.store.errors import StoreError
from desktop.store.history import MemoryHistory
from desktop.store.kinds import KINDS, describe, key_of, key_text
from desktop.store.lifecycle import APPROVED, DRAFT, READY, SUBMITTED
from desktop.store.mapping import from_row, to_row
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


@dataclass(frozen=True)
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


def _strip_extras(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_extras(v) for k, v in data.items() if k != "extras"}
    if isinstance(data, list):
        return [_strip_extras(v) for v in data]
    return data


def _carry_extras(local: m.Report, incoming: m.Report) -> None:
    """Keep the local record's state-profile values (a file never carries them) where segments line up."""
    from desktop.nibrs.invalid import segments

    kept = {path: dict(seg.extras) for _k, path, seg in segments(local) if seg.extras}
    for _k, path, seg in segments(incoming):
        if path in kept and not seg.extras:
            seg.extras = kept[path]


def _find(session, kind: str, key: tuple, *, all_arrestees: bool = False) -> list[Any]:
    cls = KINDS[kind].row
    cols = KINDS[kind].key
    conds = [cls.deleted_at.is_(None)]
    for c, v in zip(cols, key):
        if c == "sequence_number" and all_arrestees and v is None:
            continue
        conds.append(getattr(cls, c) == v if v is not None else getattr(cls, c).is_(None))
    return list(session.scalars(select(cls).where(*conds).order_by(cls.id)))


class _Open:
    """The records of one import transaction: found by key without flushing, new ones not yet flushed included."""

    def __init__(self, session):
        self.session = session
        self.new: dict[tuple, list[Any]] = {}  # (kind, (ori, number)) -> rows created in this transaction
        self.fake: dict[int, int] = {}  # id(row) -> a stand-in id until the row is flushed
        self.dropped: set[int] = set()  # id(row) of rows deleted in this transaction

    def ident(self, row: Any) -> int:
        if id(row) in self.fake:
            return self.fake[id(row)]
        if row.id is None:
            self.fake[id(row)] = -(len(self.fake) + 1)
            return self.fake[id(row)]
        return row.id

    def find(self, kind: str, key: tuple, *, all_arrestees: bool = False) -> list[Any]:
        cols = KINDS[kind].key
        known = getattr(self, "plain_keys", {}).get(kind)
        if known is not None and key[1] in known[0]:  # read ahead: no query unless the record is there
            rows = [self.session.get(KINDS[kind].row, rid) for rid, stored in known[1].get(key[:2], ())
                    if all(v == s_ for (c, v), s_ in zip(zip(cols, key), stored)
                           if not (c == "sequence_number" and all_arrestees and v is None))]
        else:
            with self.session.no_autoflush:
                rows = _find(self.session, kind, key, all_arrestees=all_arrestees)
        for row in self.new.get((kind, key[:2]), ()):
            if all(getattr(row, c) == v for c, v in zip(cols, key)
                   if not (c == "sequence_number" and all_arrestees and v is None)):
                rows.append(row)
        out, seen = [], set()
        for row in rows:
            if id(row) in seen or id(row) in self.dropped or row.deleted_at is not None:
                continue
            seen.add(id(row))
            out.append(row)
        return sorted(out, key=lambda r: (r.id is None, r.id or 0))

    def prefetch(self, items: Sequence["Incoming"]) -> None:
        """Read the stored records the next reports may match, with their segments, a few queries per table
        (comparing a report with its stored version then needs no query of its own)."""
        self.plain: dict[tuple[str, int], PlainRow] = {}
        # kind -> (numbers read ahead, (ori, number) -> [(record id, key)]) of the live stored records
        self.plain_keys: dict[str, tuple[set, dict[tuple, list[tuple[int, tuple]]]]] = {}
        for kind, k in KINDS.items():
            if k.number is None:  # zero reports: one a month, matched by a query each
                continue
            cls, column = k.row, k.number_column
            numbers = sorted({key_of(it.report)[1] for it in items if it.kind == kind and not it.skip})
            if not numbers:
                continue
            self.session.flush()  # rows created or changed so far are found by the queries below
            ids = list(self.session.scalars(select(cls.id).where(column.in_(numbers), cls.deleted_at.is_(None))))
            index: dict[tuple, list[tuple[int, tuple]]] = {}
            for row in plain_rows(self.session, cls, cls.__table__.c.id, ids):
                self.plain[(kind, row.id)] = row
                stored = key_of(row, kind)
                index.setdefault(stored[:2], []).append((row.id, stored))
            self.plain_keys[kind] = (set(numbers), index)
        self.touched: set[tuple[str, int]] = set()

    def stored(self, kind: str, row: Any) -> Any:
        """The row to read a record's stored report from: its prefetched copy while this import has not changed it."""
        plain = getattr(self, "plain", {}).get((kind, row.id))
        return plain if plain is not None and (kind, row.id) not in self.touched else row

    def add(self, kind: str, row: Any) -> None:
        self.session.add(row)
        self.new.setdefault((kind, key_of(row, kind)[:2]), []).append(row)

    def drop(self, row: Any) -> None:
        self.dropped.add(id(row))
        self.session.delete(row)


def _prefetched(items: Iterable["Incoming"], open_: _Open, size: int) -> Iterator["Incoming"]:
    """The reports in batches, each batch's stored records read ahead."""
    batch: list[Incoming] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            open_.prefetch(batch)
            yield from batch
            batch = []
    if batch:
        open_.prefetch(batch)
        yield from batch


def import_reports(store, label: str, incoming: Iterable[Incoming], *, status: str = READY,
                   validate: Callable[[Incoming, int | None], list[Finding]] | None = None,
                   finish: Callable[[], None] | None = None, history: MemoryHistory | None = None,
                   flush_every: int = 500) -> list[ImportLine]:
    """Merge the reports of one file in one transaction; returns a line per report.

    ``status`` is what a report without errors becomes (ready for review, approved, or submitted
    when the file was already sent); a report with errors or values storage refuses is a draft
    (from a file already sent, a draft whose revision is the one submitted: its correction goes
    out as a replacement).
    ``validate(item, stored_id)`` returns the FBI findings of a report about to be saved; a
    ``history`` it reads is kept up to date with what the file adds and deletes, so a report
    twice in one file is found as a duplicate. An exception from ``incoming`` or ``finish`` (a
    file that turns out unreadable) rolls everything back.
    """
    store.require(users.IMPORT)
    if status not in (READY, APPROVED, SUBMITTED):
        raise StoreError(f"imported reports become ready, approved or submitted, not {status!r}")
    if status in (APPROVED, SUBMITTED):
        store.require(users.REVIEW, "import reports as approved or already submitted")
    if status == SUBMITTED:  # marking reports sent to the state is an export right: an administrator's act
        store.require(users.EXPORT, "mark imported reports as already submitted (an administrator's act)")
    done: list[tuple[ImportLine, Any]] = []  # each line, with the row whose id it names once flushed
    trail: list[tuple[dict[str, Any], Any]] = []  # audit entries, with the row whose id they name
    revisions: list[tuple[dict[str, Any], Any]] = []
    counts = {"imported": 0, "updated": 0, "deleted": 0, "skipped": 0}

    def line(outcome: str, what: str, item: Incoming, detail: str = "", row: Any = None) -> None:
        counts[outcome] += 1
        done.append((ImportLine(outcome, what, item.where, detail, item.kind), row))

    with store.unit(users.IMPORT) as u:
        session, now, user = u.session, u.now, u.user
        open_ = _Open(session)
        for n, item in enumerate(_prefetched(incoming, open_, 200), 1):
            if n % flush_every == 0:
                session.flush()
            what = describe(item.report)
            if item.skip:
                line("skipped", what, item, item.skip)
                continue
            key = key_of(item.report)
            if item.action == "D":
                matches = open_.find(item.kind, key, all_arrestees=item.kind == "group_b")
                if not matches:
                    line("skipped", what, item, "nothing to delete: it is not in the database")
                    continue
                for row in matches:
                    values = serialize.report_to_dict(from_row(row, store.dictionary, item.kind))
                    kept = row.submitted_revision is not None and status != SUBMITTED
                    if row.id is None:
                        session.flush()
                    if history is not None:
                        history.remove(item.kind, open_.ident(row))
                    if kept:
                        row.deleted_at = now
                        row.updated_by = user
                    else:
                        open_.drop(row)
                    trail.append(({"action": audit.IMPORT, "kind": item.kind, "record_id": row.id, "detail": {
                        "file": label, "where": item.where, "result": "deleted", "key": key_text(item.report),
                        "values": values, **({"kept_for_delete_submission": True} if kept else {})}}, None))
                    line("deleted", describe(from_row(row, store.dictionary, item.kind))
                         if item.kind == "group_b" else what, item,
                         "kept until its delete is sent to the state" if kept else "")
                    done[-1] = (dataclasses.replace(done[-1][0], record_id=row.id), None)
                continue
            matches = open_.find(item.kind, key)
            local = matches[-1] if matches else None
            data = serialize.report_to_dict(item.report)
            current = before = None
            if local is not None:
                current = from_row(open_.stored(item.kind, local), store.dictionary, item.kind)
                before = serialize.report_to_dict(current)
                if _strip_extras(before) == _strip_extras(data) and dict(local.invalid or {}) == item.invalid \
                        and (local.layout or None) == item.layout:
                    line("skipped", what, item, f"unchanged: already in the database ({local.status})", local)
                    continue
            findings = list(item.findings)
            if validate is not None:
                findings += validate(item, open_.ident(local) if local is not None else None)
            errors = sum(1 for f in findings if f.is_error)
            new_status = DRAFT if errors or item.invalid else status
            why = (f"{errors} error{'s' if errors != 1 else ''}" if errors else "") + \
                  (("; " if errors else "") + f"{len(item.invalid)} value(s) that could not be read, kept as written"
                   if item.invalid else "")
            if local is None:
                row = to_row(item.report, store.dictionary, item.kind)
                u.stamp(row, findings, created=True)
                row.status = new_status
                row.revision = 1
                row.invalid = dict(item.invalid)
                row.layout = item.layout
                if status == SUBMITTED:  # the file was sent: the state has this revision, errors or not
                    row.submitted_revision = 1
                    revisions.append(({"kind": item.kind, "revision": 1, "saved_at": now, "saved_by": user,
                                       "status": SUBMITTED, "data": data}, row))
                open_.add(item.kind, row)
                if history is not None:
                    history.add(item.kind, item.report, open_.ident(row))
                trail.append(({"action": audit.IMPORT, "kind": item.kind, "detail": {
                    "file": label, "where": item.where, "result": "created", "key": key_text(item.report),
                    "status": new_status, "values": data}}, row))
                line("imported", what, item, f"as {new_status}" + (f" ({why})" if why else ""), row)
                continue
            _carry_extras(current, item.report)
            changes = audit.diff(_strip_extras(before), _strip_extras(data))
            old_status = local.status
            if local.id is not None:
                open_.touched.add((item.kind, local.id))
            to_row(item.report, store.dictionary, item.kind, row=local)
            u.stamp(local, findings)
            local.revision += 1
            local.invalid = dict(item.invalid)
            local.layout = item.layout
            local.status = new_status
            if status == SUBMITTED:
                local.submitted_revision = local.revision
                revisions.append(({"kind": item.kind, "revision": local.revision, "saved_at": now, "saved_by": user,
                                   "status": SUBMITTED, "data": serialize.report_to_dict(item.report)}, local))
            trail.append(({"action": audit.IMPORT, "kind": item.kind, "detail": {
                "file": label, "where": item.where, "result": "updated", "key": key_text(item.report),
                "revision": local.revision, "changes": changes, "status": [old_status, new_status]}}, local))
            resend = " (it was submitted: the change goes out with the next export)" \
                if local.submitted_revision is not None and local.submitted_revision < local.revision else ""
            line("updated", what, item, f"revision {local.revision}, {len(changes)} value(s) changed, now {new_status}"
                 + (f" ({why})" if why else "") + resend, local)
        if finish is not None:
            finish()
        session.flush()
        entries = [{**e, "record_id": row.id} if row is not None else e for e, row in trail]
        entries.append({"action": audit.IMPORT, "detail": {
            "file": label, "created": counts["imported"], "updated": counts["updated"], "deleted": counts["deleted"],
            "skipped": counts["skipped"]}})
        if revisions:
            session.execute(insert(s.RevisionRow), [{**r, "record_id": row.id} for r, row in revisions])
        u.audit_many(entries)
        lines = [dataclasses.replace(ln, record_id=row.id) if row is not None else ln for ln, row in done]
    return lines


