"""Finding records for the office window's list: summaries and counts, filtered in SQL, a page at a time.

A summary is read from the record's own columns (and its first offense), never by loading its
segments, so the list opens fifty thousand incidents as quickly as fifty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Sequence

from sqlalchemy import Select, String, cast, func, literal, select

from desktop.store import schema as s
from desktop.store import users
from desktop.store.kinds import KINDS


@dataclass(frozen=True)
class RecordSummary:
    """One row of the incident list: enough to show and filter, without loading segments."""

    kind: str
    id: int
    number: str  # incident number, arrest transaction number, or YYYY-MM for a zero report
    ori: str
    date: date | None
    offense: str  # first offense code (Group A) or arrest offense code (Group B)
    status: str
    error_count: int  # without the errors on restricted fields the person may not see (waiting_count)
    warning_count: int
    updated_at: datetime
    revision: int
    waiting_count: int = 0  # errors on restricted fields waiting for a supervisor (for those who may not see them)


@dataclass
class SearchFilter:
    number: str | None = None  # part of the number, case-insensitive
    date_from: date | None = None
    date_to: date | None = None
    offense: str | None = None  # offense code present in the incident (or Group B arrest code)
    status: str | Iterable[str] | None = None
    has_errors: bool | None = None
    kinds: Sequence[str] = ("incident", "group_b")
    include_deleted: bool = False


class Search:
    """The Store's list and counts (a part of :class:`desktop.store.service.Store`)."""

    def count(self, flt: SearchFilter | None = None) -> int:
        flt = flt or SearchFilter()
        total = 0
        with self.unit(users.READ, write=False) as u:
            for kind in flt.kinds:
                q = self._filtered(kind, flt, select(func.count()).select_from(KINDS[kind].row))
                total += u.session.scalar(q) or 0
        return total

    def search(self, flt: SearchFilter | None = None, *, offset: int = 0, limit: int | None = 200,
               newest_first: bool = True) -> list[RecordSummary]:
        """Summaries of matching records, newest first, a page at a time."""
        flt = flt or SearchFilter()
        with self.unit(users.READ, write=False) as u:
            queries = []
            for kind in flt.kinds:
                queries.append(self._summary_query(kind, flt))
            if not queries:
                return []
            union = queries[0] if len(queries) == 1 else queries[0].union_all(*queries[1:])
            sub = union.subquery()
            order = (sub.c.updated_at.desc(), sub.c.id.desc()) if newest_first else (sub.c.updated_at, sub.c.id)
            q = select(sub).order_by(*order).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            return [RecordSummary(**row._mapping) for row in u.session.execute(q)]

    def _errors(self, row_cls):
        """A record's error count as the signed-in person counts it: errors on restricted fields they may not see
        wait for a supervisor and are not theirs."""
        return row_cls.error_count if self.sees_restricted() else row_cls.error_count - row_cls.waiting_count

    def _summary_query(self, kind: str, flt: SearchFilter) -> Select:
        r = KINDS[kind].row
        if kind == "incident":
            first_offense = (select(s.OffenseRow.offense_code)
                             .where(s.OffenseRow.incident_id == s.Incident.id)
                             .order_by(s.OffenseRow.position).limit(1).scalar_subquery())
            number, when, offense = r.incident_number, r.incident_date, first_offense
        elif kind == "group_b":
            number, when, offense = r.arrest_transaction_number, r.arrest_date, r.arrest_offense_code
        else:
            number = func.printf("%04d-%02d", r.year, r.month) if self.db.is_sqlite else \
                func.concat(cast(r.year, String), "-", func.lpad(cast(r.month, String), 2, "0"))
            when, offense = literal(None, type_=s.Date), None
        q = select(literal(kind).label("kind"), r.id.label("id"), number.label("number"), r.ori.label("ori"),
                   when.label("date"),
                   (func.coalesce(offense, "") if offense is not None else literal("")).label("offense"),
                   r.status.label("status"), self._errors(r).label("error_count"),
                   r.warning_count.label("warning_count"), r.updated_at.label("updated_at"),
                   r.revision.label("revision"),
                   (literal(0) if self.sees_restricted() else r.waiting_count).label("waiting_count"))
        return self._filtered(kind, flt, q)

    def _filtered(self, kind: str, flt: SearchFilter, q: Select) -> Select:
        k = KINDS[kind]
        row_cls = k.row
        if not flt.include_deleted:
            q = q.where(row_cls.deleted_at.is_(None))
        if flt.status:
            statuses = [flt.status] if isinstance(flt.status, str) else list(flt.status)
            q = q.where(row_cls.status.in_(statuses))
        if flt.has_errors is True:
            q = q.where(self._errors(row_cls) > 0)
        elif flt.has_errors is False:
            q = q.where(self._errors(row_cls) == 0)
        number_col = k.number_column
        if flt.number:
            if number_col is None:
                q = q.where(False)
            else:
                q = q.where(func.upper(number_col).contains(flt.number.strip().upper(), autoescape=True))
        date_col = k.date_column
        if flt.date_from or flt.date_to:
            if date_col is None:
                q = q.where(False)
            else:
                if flt.date_from:
                    q = q.where(date_col >= flt.date_from)
                if flt.date_to:
                    q = q.where(date_col <= flt.date_to)
        if flt.offense:
            code = flt.offense.strip().upper()
            if kind == "incident":
                # An uncorrelated IN: SQLite runs it once. The correlated EXISTS it replaces picked the
                # offense-code index for every incident (minutes over 50,000 incidents).
                q = q.where(s.Incident.id.in_(
                    select(s.OffenseRow.incident_id).where(s.OffenseRow.offense_code == code)))
            elif kind == "group_b":
                q = q.where(s.GroupBArrestRow.arrest_offense_code == code)
            else:
                q = q.where(False)
        return q
