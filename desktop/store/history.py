"""The agency's own database as the FBI's "history": what is already on file.

The FBI checks some edits against what it already holds: an incident number used before
(056), a Group A arrest and a Group B arrest with the same identifier (088), a zero report
for a month with data (028-031), a Group B arrest sent twice (759), dates before the agency
began NIBRS reporting (173, 093, 720). Offline, our database stands in for the FBI's: this
module answers those questions with SQL queries (no record is loaded), builds the rules'
:class:`~desktop.nibrs.rules.Context` from the agency settings, and is the store's default
validator, so every save records the report's findings.

Only live records count (a record marked deleted is on its way out). A record being checked
again does not find itself: ``exclude_id`` is its record id (``Context.stored_id``).
:class:`MemoryHistory` answers the same questions from sets read once, for a whole month or file.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, exists, select

from desktop.nibrs import model as m
from desktop.nibrs.findings import Finding
from desktop.store import schema as s

if TYPE_CHECKING:  # pragma: no cover
    from desktop.nibrs.rules import Context
    from desktop.store.service import Store


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, after


class StoreHistory:
    """:class:`desktop.nibrs.rules.History` over a :class:`~desktop.store.service.Store`."""

    def __init__(self, store: "Store"):
        self.store = store

    def _any(self, query) -> bool:
        with self.store.db.read() as session:
            return session.execute(query.limit(1)).first() is not None

    def incident_on_file(self, ori: str, incident_number: str, *, exclude_id: int | None = None) -> bool:
        """056: a live Group A incident of the ORI already has this number."""
        i = s.Incident
        q = select(i.id).where(i.ori == ori, i.incident_number == incident_number, i.deleted_at.is_(None))
        if exclude_id is not None:
            q = q.where(i.id != exclude_id)
        return self._any(q)

    def group_b_atn_on_file(self, ori: str, atn: str) -> bool:
        """088 (checking a Group A incident): a live Group B arrest of the ORI has this transaction number."""
        g = s.GroupBArrestRow
        return self._any(select(g.id).where(g.ori == ori, g.arrest_transaction_number == atn, g.deleted_at.is_(None)))

    def group_a_atn_on_file(self, ori: str, atn: str, *, exclude_id: int | None = None) -> bool:
        """088 (checking a Group B arrest): a live incident with arrestees is numbered ``atn``, or one of its
        arrestees has it as arrest transaction number. ``exclude_id`` is an incident id to leave out."""
        i, a = s.Incident, s.ArresteeRow
        has_arrestee = exists().where(a.incident_id == i.id)
        by_number = select(i.id).where(i.ori == ori, i.incident_number == atn, i.deleted_at.is_(None), has_arrestee)
        by_atn = select(i.id).join(a, a.incident_id == i.id).where(
            i.ori == ori, a.arrest_transaction_number == atn, i.deleted_at.is_(None))
        if exclude_id is not None:
            by_number = by_number.where(i.id != exclude_id)
            by_atn = by_atn.where(i.id != exclude_id)
        return self._any(by_number) or self._any(by_atn)

    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None, *,
                               exclude_id: int | None = None) -> bool:
        """759: a live Group B arrest with this ORI, transaction number (and arrestee number, when given)."""
        g = s.GroupBArrestRow
        q = select(g.id).where(g.ori == ori, g.arrest_transaction_number == atn, g.deleted_at.is_(None))
        if sequence is not None:
            q = q.where(g.sequence_number == sequence)
        if exclude_id is not None:
            q = q.where(g.id != exclude_id)
        return self._any(q)

    def zero_report_on_file(self, ori: str, year: int, month: int, *, exclude_id: int | None = None) -> bool:
        z = s.ZeroReportRow
        q = select(z.id).where(z.ori == ori, z.year == year, z.month == month, z.deleted_at.is_(None))
        if exclude_id is not None:
            q = q.where(z.id != exclude_id)
        return self._any(q)

    def data_on_file_for_month(self, ori: str, year: int, month: int, *, kind: str | None = None) -> bool:
        """028-031: a live incident dated in the month (kind "incident") or Group B arrest made in it ("group_b")."""
        first, after = _month_bounds(year, month)
        found = False
        if kind in (None, "incident"):
            i = s.Incident
            found = self._any(select(i.id).where(i.ori == ori, i.deleted_at.is_(None),
                                                 and_(i.incident_date >= first, i.incident_date < after)))
        if not found and kind in (None, "group_b"):
            g = s.GroupBArrestRow
            found = self._any(select(g.id).where(g.ori == ori, g.deleted_at.is_(None),
                                                 and_(g.arrest_date >= first, g.arrest_date < after)))
        return found


Ids = int | tuple[int, ...]  # the records under one key of MemoryHistory: an id, or a tuple of two or more
ByOri = dict[str, dict]  # ORI -> the rest of a key (a number, a (year, month)) -> what is under it


class MemoryHistory:
    """What ``desktop.store.history.StoreHistory`` answers, read from the database once.

    Checking a whole month at export asks the history questions (056, 088, 759, 028-031) for
    every report; this answers them from sets built with a few queries instead of a query each.
    Only live records count, as in StoreHistory. An import keeps it for a whole file, a year's
    reports in it: so each key is kept by ORI then number (no tuple per report), and a key holds
    an id, not a set of ids, when it has one record (read them with ``ids_of``).
    """

    def __init__(self, store):
        i, a, g, z = s.Incident, s.ArresteeRow, s.GroupBArrestRow, s.ZeroReportRow
        self.incidents: ByOri = {}  # ORI -> incident number -> Ids
        self.with_arrestees: set[int] = set()
        self.arrestee_atns: ByOri = {}  # ORI -> an arrestee's transaction number -> Ids
        self.group_b: ByOri = {}  # ORI -> transaction number -> [(id, arrestee's sequence number)]
        self.zero: ByOri = {}  # ORI -> (year, month) -> Ids
        self._texts: dict[str, str] = {}  # each ORI's text kept once
        self.months: dict[tuple, set[str]] = {}
        with store.db.read() as session:
            for rid, ori, number, when in session.execute(
                    select(i.id, i.ori, i.incident_number, i.incident_date).where(i.deleted_at.is_(None))):
                _put(self.incidents, ori, number, rid)
                if when is not None:
                    self.months.setdefault((ori, when.year, when.month), set()).add("incident")
            for rid, ori, atn in session.execute(select(i.id, i.ori, a.arrest_transaction_number)
                                                 .join(a, a.incident_id == i.id).where(i.deleted_at.is_(None))):
                self.with_arrestees.add(rid)
                if atn:
                    _put(self.arrestee_atns, ori, atn, rid)
            for rid, ori, atn, seq, when in session.execute(
                    select(g.id, g.ori, g.arrest_transaction_number, g.sequence_number, g.arrest_date)
                    .where(g.deleted_at.is_(None))):
                self.group_b.setdefault(ori, {}).setdefault(atn, []).append((rid, seq))
                if when is not None:
                    self.months.setdefault((ori, when.year, when.month), set()).add("group_b")
            for rid, ori, year, month in session.execute(select(z.id, z.ori, z.year, z.month)
                                                         .where(z.deleted_at.is_(None))):
                _put(self.zero, ori, (year, month), rid)

    def _keys(self, report: m.Report) -> list[tuple[str, str | None, Any]]:
        """Where a report is kept: (which mapping, ORI, the rest of its key)."""
        ori = self._texts.setdefault(report.ori, report.ori) if report.ori is not None else None
        if isinstance(report, m.GroupAIncident):
            return [("incidents", ori, report.incident_number),
                    *(("arrestee_atns", ori, a.arrest_transaction_number) for a in report.arrestees
                      if a.arrest_transaction_number)]
        if isinstance(report, m.GroupBArrest):
            return [("group_b", ori, report.arrest_transaction_number)]
        return [("zero", ori, (report.year, report.month))]

    def add(self, kind: str, report: m.Report, rid: int) -> None:
        """A record added since the history was read. A record changed since is removed first (with its report as it
        was), then added again."""
        keys = self._keys(report)
        for name, ori, rest in keys:
            if name == "group_b":
                self.group_b.setdefault(ori, {}).setdefault(rest, []).append((rid, report.sequence_number))
            else:
                _put(getattr(self, name), ori, rest, rid)
        if isinstance(report, m.GroupAIncident) and report.arrestees:
            self.with_arrestees.add(rid)
        when = report.incident_date if isinstance(report, m.GroupAIncident) else \
            report.arrest_date if isinstance(report, m.GroupBArrest) else None
        if isinstance(when, date):
            self.months.setdefault((keys[0][1], when.year, when.month), set()).add(kind)

    def remove(self, kind: str, rid: int, report: m.Report | None = None) -> None:
        """A record deleted since the history was read: ``report`` is the record as the history has it (where it
        is kept); without it every key of its kind is looked through. The month index keeps it: it only ever
        over-counts."""
        if report is not None:
            keys = self._keys(report)
        else:
            names = {"incident": ("incidents", "arrestee_atns"), "group_b": ("group_b",), "zero_report": ("zero",)}
            keys = [(name, ori, rest) for name in names[kind] for ori, under in getattr(self, name).items()
                    for rest, ids in under.items()
                    if (rid in ids_of(ids) if name != "group_b" else any(r == rid for r, _s in ids))]
        for name, ori, rest in keys:
            if name == "group_b":
                under = self.group_b.get(ori, {})
                left = [r for r in under.get(rest, []) if r[0] != rid]
                if left:
                    under[rest] = left
                else:
                    under.pop(rest, None)
            else:
                _drop(getattr(self, name), ori, rest, rid)
        if kind == "incident":
            self.with_arrestees.discard(rid)

    def incident_on_file(self, ori: str, incident_number: str, *, exclude_id: int | None = None) -> bool:
        return any(r != exclude_id for r in ids_of(_get(self.incidents, ori, incident_number)))

    def group_b_atn_on_file(self, ori: str, atn: str) -> bool:
        return bool(_get(self.group_b, ori, atn))

    def group_a_atn_on_file(self, ori: str, atn: str, *, exclude_id: int | None = None) -> bool:
        by_number = {r for r in ids_of(_get(self.incidents, ori, atn)) if r in self.with_arrestees}
        return bool((by_number | set(ids_of(_get(self.arrestee_atns, ori, atn)))) - {exclude_id})

    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None, *,
                               exclude_id: int | None = None) -> bool:
        return any(rid != exclude_id and (sequence is None or seq == sequence)
                   for rid, seq in _get(self.group_b, ori, atn) or ())

    def zero_report_on_file(self, ori: str, year: int, month: int, *, exclude_id: int | None = None) -> bool:
        return any(r != exclude_id for r in ids_of(_get(self.zero, ori, (year, month))))

    def fingerprint(self) -> tuple:
        """What the FBI edits can ask this history, as a value: two checks against equal fingerprints find the
        same (the export's check cache compares them)."""
        def frozen(by_ori: ByOri) -> frozenset:
            return frozenset(((ori, rest), ids_of(v) if isinstance(v, int) else tuple(v))
                             for ori, under in by_ori.items() for rest, v in under.items() if v)

        return (frozen(self.incidents), frozenset(self.with_arrestees), frozen(self.arrestee_atns),
                frozen(self.group_b), frozen(self.zero),
                frozenset((k, frozenset(v)) for k, v in self.months.items()))

    def data_on_file_for_month(self, ori: str, year: int, month: int, *, kind: str | None = None) -> bool:
        found = self.months.get((ori, year, month), set())
        return bool(found) if kind is None else kind in found


def ids_of(ids: Ids | None) -> tuple[int, ...]:
    """The ids a MemoryHistory key holds (none for a key it does not have)."""
    if ids is None:
        return ()
    return (ids,) if isinstance(ids, int) else ids


def _get(by_ori: ByOri, ori: str | None, rest: Any) -> Any:
    under = by_ori.get(ori)
    return None if under is None else under.get(rest)


def _put(by_ori: ByOri, ori: str | None, rest: Any, rid: int) -> None:
    under = by_ori.setdefault(ori, {})
    ids = under.get(rest)
    if ids is None:
        under[rest] = rid
    elif isinstance(ids, int):
        if ids != rid:
            under[rest] = (ids, rid)
    elif rid not in ids:
        under[rest] = ids + (rid,)


def _drop(by_ori: ByOri, ori: str | None, rest: Any, rid: int) -> None:
    under = by_ori.get(ori, {})
    ids = ids_of(under.get(rest))
    if rid in ids:
        left = tuple(r for r in ids if r != rid)
        if not left:
            del under[rest]
        else:
            under[rest] = left[0] if len(left) == 1 else left


def context_for(store: "Store", *, stored_id: int | None = None, action: str = "I",
                submission_year: int | None = None, submission_month: int | None = None,
                today: date | None = None) -> "Context":
    """The rules' context for a report of this database: agency settings and the database's history.

    Works without agency settings (a fresh database): the defaults of :class:`Context` apply.
    """
    from desktop.nibrs.rules import Context

    ctx = Context(history=StoreHistory(store), stored_id=stored_id, action=action,
                  submission_year=submission_year, submission_month=submission_month,
                  dictionary=store.dictionary)
    if today is not None:
        ctx.today = today
    ctx.profile = store.profile or "fbi"
    agency = store.agency()
    if agency is not None:
        from desktop.nibrs.rules import SPEC_VERSIONS

        if agency.spec_version in SPEC_VERSIONS:
            ctx.spec_version = agency.spec_version
        ctx.profile = agency.state_profile or ctx.profile
        ctx.federal_agency = bool(agency.federal)
        ctx.nibrs_start = agency.nibrs_start_date
    return ctx


def validate_stored(store: "Store", report: m.Report, *, stored_id: int | None = None) -> list[Finding]:
    """Every finding on a report as the store saves it (the store's default validator)."""
    from desktop.nibrs.rules import validate

    return validate(report, context_for(store, stored_id=stored_id))
