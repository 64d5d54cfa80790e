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
from typing import TYPE_CHECKING

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


class MemoryHistory:
    """What ``desktop.store.history.StoreHistory`` answers, read from the database once.

    Checking a whole month at export asks the history questions (056, 088, 759, 028-031) for
    every report; this answers them from sets built with a few queries instead of a query each.
    Only live records count, as in StoreHistory.
    """

    def __init__(self, store):
        i, a, g, z = s.Incident, s.ArresteeRow, s.GroupBArrestRow, s.ZeroReportRow
        # the records under each key: the id, or a tuple of ids when there are more (one almost always: a set per
        # key was most of a year's import memory); read them with ids_of
        self.incidents: dict[tuple, Ids] = {}
        self.with_arrestees: set[int] = set()
        self.arrestee_atns: dict[tuple, Ids] = {}
        self.group_b: dict[tuple, list[tuple[int, int | None]]] = {}
        self.zero: dict[tuple, Ids] = {}
        self._texts: dict[str, str] = {}  # each ORI's text kept once
        self.months: dict[tuple, set[str]] = {}
        # records added since, by kind and id: where they are (the key alone when it is the kind's one key)
        self._added: dict[str, dict[int, tuple | list[tuple[str, tuple]]]] = {}
        with store.db.read() as session:
            for rid, ori, number, when in session.execute(
                    select(i.id, i.ori, i.incident_number, i.incident_date).where(i.deleted_at.is_(None))):
                _put(self.incidents, (ori, number), rid)
                if when is not None:
                    self.months.setdefault((ori, when.year, when.month), set()).add("incident")
            for rid, ori, atn in session.execute(select(i.id, i.ori, a.arrest_transaction_number)
                                                 .join(a, a.incident_id == i.id).where(i.deleted_at.is_(None))):
                self.with_arrestees.add(rid)
                if atn:
                    _put(self.arrestee_atns, (ori, atn), rid)
            for rid, ori, atn, seq, when in session.execute(
                    select(g.id, g.ori, g.arrest_transaction_number, g.sequence_number, g.arrest_date)
                    .where(g.deleted_at.is_(None))):
                self.group_b.setdefault((ori, atn), []).append((rid, seq))
                if when is not None:
                    self.months.setdefault((ori, when.year, when.month), set()).add("group_b")
            for rid, ori, year, month in session.execute(select(z.id, z.ori, z.year, z.month)
                                                         .where(z.deleted_at.is_(None))):
                _put(self.zero, (ori, year, month), rid)

    def add(self, kind: str, report: m.Report, rid: int) -> None:
        """A record added since the history was read (or added again after a change)."""
        if rid in self._added.get(kind, ()):
            self.remove(kind, rid)
        keys: list[tuple[str, tuple]] = []
        ori = self._texts.setdefault(report.ori, report.ori) if report.ori is not None else None
        if isinstance(report, m.GroupAIncident):
            keys.append(("incidents", (ori, report.incident_number)))
            if report.arrestees:
                self.with_arrestees.add(rid)
            keys += [("arrestee_atns", (ori, a.arrest_transaction_number)) for a in report.arrestees
                     if a.arrest_transaction_number]
            when = report.incident_date
        elif isinstance(report, m.GroupBArrest):
            self.group_b.setdefault((ori, report.arrest_transaction_number), []).append(
                (rid, report.sequence_number))
            keys.append(("group_b", (ori, report.arrest_transaction_number)))
            when = report.arrest_date
        else:
            keys.append(("zero", (ori, report.year, report.month)))
            when = None
        for name, key in keys:
            if name != "group_b":
                _put(getattr(self, name), key, rid)
        self._added.setdefault(kind, {})[rid] = keys[0][1] if len(keys) == 1 else keys
        if isinstance(when, date):
            self.months.setdefault((ori, when.year, when.month), set()).add(kind)

    def remove(self, kind: str, rid: int) -> None:
        """A record deleted since the history was read (the month index keeps it: it only ever over-counts)."""
        added = self._added.get(kind, {}).pop(rid, None)
        keys = [(_MAIN[kind], added)] if isinstance(added, tuple) else added
        if keys is None:  # read from the database: look everywhere it could be
            keys = [(name, key) for name in {"incident": ("incidents", "arrestee_atns"), "group_b": ("group_b",),
                                             "zero_report": ("zero",)}[kind]
                    for key, ids in getattr(self, name).items()
                    if (rid in ids_of(ids) if name != "group_b" else any(r == rid for r, _s in ids))]
        for name, key in keys:
            if name == "group_b":
                self.group_b[key] = [r for r in self.group_b.get(key, []) if r[0] != rid]
            else:
                _drop(getattr(self, name), key, rid)
        if kind == "incident":
            self.with_arrestees.discard(rid)

    def incident_on_file(self, ori: str, incident_number: str, *, exclude_id: int | None = None) -> bool:
        return any(r != exclude_id for r in ids_of(self.incidents.get((ori, incident_number))))

    def group_b_atn_on_file(self, ori: str, atn: str) -> bool:
        return bool(self.group_b.get((ori, atn)))

    def group_a_atn_on_file(self, ori: str, atn: str, *, exclude_id: int | None = None) -> bool:
        by_number = {r for r in ids_of(self.incidents.get((ori, atn))) if r in self.with_arrestees}
        return bool((by_number | set(ids_of(self.arrestee_atns.get((ori, atn))))) - {exclude_id})

    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None, *,
                               exclude_id: int | None = None) -> bool:
        return any(rid != exclude_id and (sequence is None or seq == sequence)
                   for rid, seq in self.group_b.get((ori, atn), ()))

    def zero_report_on_file(self, ori: str, year: int, month: int, *, exclude_id: int | None = None) -> bool:
        return any(r != exclude_id for r in ids_of(self.zero.get((ori, year, month))))

    def fingerprint(self) -> tuple:
        """What the FBI edits can ask this history, as a value: two checks against equal fingerprints find the
        same (the export's check cache compares them)."""
        def frozen(mapping: dict) -> frozenset:
            return frozenset((k, frozenset(v) if isinstance(v, set) else ids_of(v) if isinstance(v, int) else tuple(v))
                             for k, v in mapping.items())

        return (frozen(self.incidents), frozenset(self.with_arrestees), frozen(self.arrestee_atns),
                frozen(self.group_b), frozen(self.zero), frozen(self.months))

    def data_on_file_for_month(self, ori: str, year: int, month: int, *, kind: str | None = None) -> bool:
        found = self.months.get((ori, year, month), set())
        return bool(found) if kind is None else kind in found


_MAIN = {"incident": "incidents", "group_b": "group_b", "zero_report": "zero"}  # each kind's own key


def ids_of(ids: Ids | None) -> tuple[int, ...]:
    """The ids a MemoryHistory key holds (none for a key it does not have)."""
    if ids is None:
        return ()
    return (ids,) if isinstance(ids, int) else ids


def _put(mapping: dict, key: tuple, rid: int) -> None:
    ids = mapping.get(key)
    if ids is None:
        mapping[key] = rid
    elif isinstance(ids, int):
        if ids != rid:
            mapping[key] = (ids, rid)
    elif rid not in ids:
        mapping[key] = ids + (rid,)


def _drop(mapping: dict, key: tuple, rid: int) -> None:
    ids = ids_of(mapping.get(key))
    if rid in ids:
        rest = tuple(r for r in ids if r != rid)
        if not rest:
            del mapping[key]
        else:
            mapping[key] = rest[0] if len(rest) == 1 else rest


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
