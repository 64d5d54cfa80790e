"""Finding records for the office window's list: summaries and counts, filtered and sorted in SQL, a page at a time.

A summary is read from the record's own columns (and its first offense), never by loading its
segments, so the list opens fifty thousand incidents as quickly as fifty. Sorting is the query's
``ORDER BY`` (``SearchFilter.sort``), so a page of the list sorted by any column is one query too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Sequence

from sqlalchemy import Select, String, case, cast, func, literal, select

from desktop.store import schema as s
from desktop.store import users
from desktop.store.kinds import KINDS
from desktop.store.lifecycle import STATUSES as STATUS_ORDER


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
    created_by: str = ""  # who wrote it (the list's Author)
    updated_by: str = ""  # who changed it last
    returned: bool = False  # a draft a supervisor returned with a comment
    waiting_count: int = 0  # errors on restricted fields waiting for a supervisor (for those who may not see them)


# The columns the list sorts by (SearchFilter.sort), each a column of the summary query.
SORT_COLUMNS = ("number", "kind", "date", "offense", "status", "error_count", "warning_count", "updated_at",
                "created_by", "updated_by")


@dataclass
class SearchFilter:
    number: str | None = None  # part of the number, case-insensitive
    # The search box: part of the number, or words of the agency's own values (names, address, narrative), each
    # found by its start (desktop.store.local); Store.local_matches says where a record matched.
    words: str | None = None
    records: Sequence[tuple[str, int]] | None = None  # only these (kind, record id): the reports an error names
    date_from: date | None = None
    date_to: date | None = None
    offense: str | Sequence[str] | None = None  # offense code(s) present in the incident (or Group B arrest code)
    status: str | Iterable[str] | None = None
    has_errors: bool | None = None
    kinds: Sequence[str] = ("incident", "group_b")
    include_deleted: bool = False
    author: str | None = None  # written by this user ("mine")
    not_author: str | None = None  # written by someone else ("waiting for my review" with status ready)
    returned: bool | None = None  # a draft returned by a supervisor with a comment
    sort: tuple[str, bool] = ("updated_at", True)  # (a SORT_COLUMNS name, descending)


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
               newest_first: bool | None = None) -> list[RecordSummary]:
        """Summaries of matching records in the filter's order (newest first unless it says otherwise), a page
        at a time. ``newest_first`` (True or False) orders by the time of the last change instead."""
        flt = flt or SearchFilter()
        with self.unit(users.READ, write=False) as u:
            queries = []
            for kind in flt.kinds:
                queries.append(self._summary_query(kind, flt))
            if not queries:
                return []
            union = queries[0] if len(queries) == 1 else queries[0].union_all(*queries[1:])
            sub = union.subquery()
            column, descending = ("updated_at", newest_first) if newest_first is not None else flt.sort
            if column not in SORT_COLUMNS:
                raise ValueError(f"the list cannot be sorted by {column!r}; one of {', '.join(SORT_COLUMNS)}")
            key = sub.c[column]
            if column == "status":  # a report's life in order, not the alphabet
                key = case({status: n for n, status in enumerate(STATUS_ORDER)}, value=key, else_=len(STATUS_ORDER))
            # ties in the order of the last change, then of the record id, so pages never overlap
            order = [key.desc() if descending else key.asc()]
            if column != "updated_at":
                order.append(sub.c.updated_at.desc() if descending else sub.c.updated_at.asc())
            order += [sub.c.kind.desc() if descending else sub.c.kind.asc(),
                      sub.c.id.desc() if descending else sub.c.id.asc()]
            q = select(sub).order_by(*order).offset(offset)
            if limit is not None:
                q = q.limit(limit)
            return [RecordSummary(**row._mapping) for row in u.session.execute(q)]

    def approval(self, kind: str, record_id: int) -> tuple[str, datetime] | None:
        """Who approved a record last and when (its latest approval in the audit trail), or None."""
        from desktop.store import audit

        e = s.AuditEntry
        with self.unit(users.READ, write=False) as u:
            row = u.session.execute(select(e.username, e.at).where(
                e.action == audit.APPROVE, e.kind == kind, e.record_id == record_id).order_by(e.seq.desc())
                .limit(1)).first()
        return (row[0], row[1]) if row is not None else None

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
                   r.revision.label("revision"), func.coalesce(r.created_by, "").label("created_by"),
                   func.coalesce(r.updated_by, "").label("updated_by"),
                   ((r.status == "draft") & r.review_note.is_not(None)).label("returned"),
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
        if flt.author is not None:
            q = q.where(row_cls.created_by == flt.author)
        if flt.not_author is not None:
            q = q.where(row_cls.created_by != flt.not_author)
        if flt.returned is True:
            q = q.where(row_cls.status == "draft", row_cls.review_note.is_not(None))
        elif flt.returned is False:
            q = q.where((row_cls.status != "draft") | row_cls.review_note.is_(None))
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
        if flt.records is not None:
            ids = sorted({i for k_, i in flt.records if k_ == kind})
            q = q.where(row_cls.id.in_(ids)) if ids else q.where(False)
        if flt.words and flt.words.strip():
            from desktop.store.local import words_of

            found = row_cls.id.in_(self.local_record_ids(kind, words_of(flt.words))) \
                if kind in ("incident", "group_b") else None
            by_number = None if number_col is None else \
                func.upper(number_col).contains(flt.words.strip().upper(), autoescape=True)
            either = [c for c in (by_number, found) if c is not None]
            q = q.where(either[0] | either[1] if len(either) == 2 else either[0] if either else False)
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
            codes = [flt.offense] if isinstance(flt.offense, str) else list(flt.offense)
            codes = sorted({c.strip().upper() for c in codes})
            if kind == "incident":
                # An uncorrelated IN: SQLite runs it once. The correlated EXISTS it replaces picked the
                # offense-code index for every incident (minutes over 50,000 incidents).
                q = q.where(s.Incident.id.in_(
                    select(s.OffenseRow.incident_id).where(s.OffenseRow.offense_code.in_(codes))))
            elif kind == "group_b":
                q = q.where(s.GroupBArrestRow.arrest_offense_code.in_(codes))
            else:
                q = q.where(False)
        return q
