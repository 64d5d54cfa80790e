"""Records read in bulk for a month's file: every segment in a few queries per table, not a query per record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, Sequence

from sqlalchemy import inspect as sa_inspect, select

from desktop.nibrs import model as m
from desktop.nibrs.findings import Finding
from desktop.store import users
from desktop.store.kinds import KINDS, key_of
from desktop.store.mapping import from_row


@dataclass
class Loaded:
    """A record as the submission code needs it: metadata and the report (restricted values included)."""

    kind: str
    id: int
    report: m.Report
    status: str
    revision: int
    submitted_revision: int | None
    deleted: bool
    error_count: int
    findings: list[Finding]
    invalid: dict[str, str]
    updated_at: datetime
    layout: dict[str, Any] | None = None

    @property
    def key(self) -> tuple:
        return key_of(self.report)


def _loaded(kind: str, row: Any, dictionary) -> Loaded:
    return Loaded(kind, row.id, from_row(row, dictionary, kind), row.status, row.revision, row.submitted_revision,
                  row.deleted_at is not None, row.error_count, [Finding.from_dict(f) for f in (row.findings or [])],
                  dict(row.invalid or {}), row.updated_at, row.layout)


class PlainRow(SimpleNamespace):
    """A table row as plain attributes (what ``mapping.from_row`` reads), without the ORM's bookkeeping."""


def plain_rows(session, cls: type, column: Any, keys: list[Any], *, leave_out: Sequence[str] = ()) -> list[PlainRow]:
    """Rows of ``cls`` whose ``column`` is in ``keys``, with their child rows attached (one query per table);
    ``leave_out``: columns of ``cls`` not read (an import has no use for the stored findings)."""
    out: list[PlainRow] = []
    table = cls.__table__
    order = [column] + ([table.c.position] if "position" in table.c else []) + \
        ([table.c.id] if "id" in table.c else [])
    wanted = [c for c in table.c if c.key not in leave_out]
    for i in range(0, len(keys), 500):
        result = session.execute(select(*wanted).where(column.in_(keys[i:i + 500])).order_by(*order))
        names = list(result.keys())
        out += [PlainRow(**dict(zip(names, row))) for row in result]
    relations = sa_inspect(cls).relationships
    if not out or not relations:
        return out
    for rel in relations:
        local, remote = rel.local_remote_pairs[0]
        children = plain_rows(session, rel.mapper.class_, remote, [getattr(r, local.key) for r in out])
        by_parent: dict[Any, list[PlainRow]] = {}
        for child in children:
            by_parent.setdefault(getattr(child, remote.key), []).append(child)
        for r in out:
            setattr(r, rel.key, by_parent.get(getattr(r, local.key), []))
    return out


def load_where(store, kind: str, *conditions: Any, chunk: int = 500) -> list[Loaded]:
    """Every record of ``kind`` matching ``conditions``, with all its segments, in a few queries per table."""
    cls = KINDS[kind].row
    with store.unit(users.READ, write=False) as u:
        ids = list(u.session.scalars(select(cls.id).where(*conditions).order_by(cls.id)))
        out = []
        for i in range(0, len(ids), chunk):
            rows = plain_rows(u.session, cls, cls.__table__.c.id, ids[i:i + chunk])
            out += [_loaded(kind, r, store.dictionary) for r in rows]
    return out


def dated_in(store, kind: str, first: date, last: date, *, statuses: Sequence[str] | None = None,
             include_deleted: bool = False) -> list[tuple[int, str, str, date | None]]:
    """(id, number, status, date) of records filed under a date in [first, last]."""
    k = KINDS[kind]
    cls = k.row
    with store.db.read() as session:
        if kind == "zero_report":
            q = select(cls.id, cls.year, cls.month, cls.status).where(
                (cls.year * 100 + cls.month) >= first.year * 100 + first.month,
                (cls.year * 100 + cls.month) <= last.year * 100 + last.month)
        else:
            col = k.date_column
            q = select(cls.id, k.number_column, col, cls.status).where(col >= first, col <= last)
        if not include_deleted:
            q = q.where(cls.deleted_at.is_(None))
        if statuses is not None:
            q = q.where(cls.status.in_(list(statuses)))
        out = []
        for row in session.execute(q.order_by(cls.id)):
            if kind == "zero_report":
                out.append((row[0], f"{row[1]:04d}-{row[2]:02d}", row[3], date(row[1], row[2], 1)))
            else:
                out.append((row[0], row[1], row[3], row[2]))
        return out
