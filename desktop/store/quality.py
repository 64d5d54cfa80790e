"""What the data-quality view counts, read from the database (desktop.submission.quality works it out).

Per month of submission: the reports each final export of the month sent (distinct records), the feedback files
loaded for it and the records they name with errors and warnings; the FBI errors of those files, each with the
records it names; per month of the reports' own dates: Group A incidents, their offenses, those cleared (by
arrest or exceptionally), Group A arrestees and Group B arrests. Every count is one query per kind of fact,
never a record loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from desktop.store import schema as s
from desktop.store import users


@dataclass
class MonthFacts:
    year: int
    month: int
    exported: set[tuple] = field(default_factory=set)  # (kind, record id or key) of every report sent
    feedback_files: list[str] = field(default_factory=list)
    with_errors: set[tuple] = field(default_factory=set)  # reports the feedback names with an error
    with_warnings: set[tuple] = field(default_factory=set)
    summary: dict[str, Any] | None = None  # the month's last export's summary (desktop.submission.summary)
    export_ids: list[int] = field(default_factory=list)


@dataclass
class ErrorFacts:
    number: str
    element: str
    message: str
    fix: str
    month: tuple[int, int]
    records: set[tuple[str, int]] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)


@dataclass
class TrendFacts:
    incidents: dict[tuple[int, int], int] = field(default_factory=dict)
    offenses: dict[tuple[int, int], int] = field(default_factory=dict)
    cleared: dict[tuple[int, int], int] = field(default_factory=dict)
    arrests_a: dict[tuple[int, int], int] = field(default_factory=dict)
    arrests_b: dict[tuple[int, int], int] = field(default_factory=dict)


def _ym(column, sqlite: bool):
    if sqlite:
        return func.strftime("%Y-%m", column)
    return func.to_char(column, "YYYY-MM")


def _split(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    y, m = str(text).split("-")[:2]
    return int(y), int(m)


def month_facts(store) -> dict[tuple[int, int], MonthFacts]:
    """Exports and feedback by month of submission."""
    out: dict[tuple[int, int], MonthFacts] = {}
    with store.unit(users.READ, write=False) as u:
        batches = u.session.execute(select(s.ExportBatch.id, s.ExportBatch.year, s.ExportBatch.month,
                                           s.ExportBatch.summary)
                                    .where(s.ExportBatch.state == "final").order_by(s.ExportBatch.id)).all()
        month_of = {}
        for b in batches:
            f = out.setdefault((b.year, b.month), MonthFacts(b.year, b.month))
            f.export_ids.append(b.id)
            f.summary = b.summary or f.summary
            month_of[b.id] = (b.year, b.month)
        if month_of:
            q = select(s.ExportItem.export_id, s.ExportItem.kind, s.ExportItem.record_id, s.ExportItem.key) \
                .where(s.ExportItem.export_id.in_(list(month_of)))
            for export_id, kind, record_id, key in u.session.execute(q):
                out[month_of[export_id]].exported.add((kind, record_id if record_id is not None else key))
        files = u.session.execute(select(s.FeedbackFile.id, s.FeedbackFile.name, s.FeedbackFile.year,
                                         s.FeedbackFile.month, s.FeedbackFile.export_id)).all()
        file_month = {}
        for fb in files:
            ym = month_of.get(fb.export_id) or ((fb.year, fb.month) if fb.year and fb.month else None)
            if ym is None:
                continue
            f = out.setdefault(ym, MonthFacts(*ym))
            f.feedback_files.append(fb.name)
            file_month[fb.id] = ym
        if file_month:
            q = select(s.FeedbackError.feedback_id, s.FeedbackError.kind, s.FeedbackError.record_id,
                       s.FeedbackError.key, s.FeedbackError.severity) \
                .where(s.FeedbackError.feedback_id.in_(list(file_month)))
            for feedback_id, kind, record_id, key, severity in u.session.execute(q):
                who = (kind, record_id) if record_id is not None else (kind or "?", key)
                f = out[file_month[feedback_id]]
                (f.with_errors if severity == "error" else f.with_warnings).add(who)
    return out


def _feedback_files(session, months: set[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """The feedback files about these months (the month of the export they answer, else their own): id -> month."""
    export_month = {b.id: (b.year, b.month) for b in session.execute(
        select(s.ExportBatch.id, s.ExportBatch.year, s.ExportBatch.month))}
    files = {}
    for fb in session.execute(select(s.FeedbackFile.id, s.FeedbackFile.year, s.FeedbackFile.month,
                                     s.FeedbackFile.export_id)):
        ym = export_month.get(fb.export_id) or ((fb.year, fb.month) if fb.year and fb.month else None)
        if ym in months:
            files[fb.id] = ym
    return files


def error_facts(store, months: set[tuple[int, int]]) -> list[ErrorFacts]:
    """The FBI errors the feedback of these months names: one entry per number and element per month."""
    found: dict[tuple, ErrorFacts] = {}
    with store.unit(users.READ, write=False) as u:
        files = _feedback_files(u.session, months)
        if not files:
            return []
        q = select(s.FeedbackError.feedback_id, s.FeedbackError.kind, s.FeedbackError.record_id,
                   s.FeedbackError.key, s.FeedbackError.number, s.FeedbackError.finding) \
            .where(s.FeedbackError.feedback_id.in_(list(files)), s.FeedbackError.severity == "error")
        for feedback_id, kind, record_id, key, number, finding in u.session.execute(q):
            finding = finding or {}
            element = str(finding.get("element") or "")
            ym = files[feedback_id]
            e = found.get((number, element, ym))
            if e is None:
                e = found[(number, element, ym)] = ErrorFacts(number, element, str(finding.get("message") or ""),
                                                              str(finding.get("fix") or ""), ym)
            if record_id is not None:
                e.records.add((kind, record_id))
            e.keys.add(key or "")
    return list(found.values())


def trend_facts(store) -> TrendFacts:
    """Counts by month of the reports' own dates (live records only)."""
    t = TrendFacts()
    sqlite = store.db.is_sqlite
    inc = s.Incident
    live = inc.deleted_at.is_(None)
    with store.unit(users.READ, write=False) as u:
        ym = _ym(inc.incident_date, sqlite)
        for month, n in u.session.execute(select(ym, func.count()).where(live, inc.incident_date.is_not(None))
                                          .group_by(ym)):
            t.incidents[_split(month)] = n
        for month, n in u.session.execute(select(ym, func.count(s.OffenseRow.id))
                                          .join(s.OffenseRow, s.OffenseRow.incident_id == inc.id)
                                          .where(live, inc.incident_date.is_not(None)).group_by(ym)):
            t.offenses[_split(month)] = n
        arrested = select(s.ArresteeRow.incident_id)
        cleared = (inc.cleared_exceptionally.in_(("A", "B", "C", "D", "E"))) | inc.id.in_(arrested)
        for month, n in u.session.execute(select(ym, func.count()).where(live, inc.incident_date.is_not(None), cleared)
                                          .group_by(ym)):
            t.cleared[_split(month)] = n
        am = _ym(s.ArresteeRow.arrest_date, sqlite)
        for month, n in u.session.execute(select(am, func.count(s.ArresteeRow.id))
                                          .join(inc, s.ArresteeRow.incident_id == inc.id)
                                          .where(live, s.ArresteeRow.arrest_date.is_not(None)).group_by(am)):
            t.arrests_a[_split(month)] = n
        gb = s.GroupBArrestRow
        bm = _ym(gb.arrest_date, sqlite)
        for month, n in u.session.execute(select(bm, func.count()).where(gb.deleted_at.is_(None),
                                                                         gb.arrest_date.is_not(None)).group_by(bm)):
            t.arrests_b[_split(month)] = n
    return t


def months_with_data(store) -> list[tuple[int, int]]:
    """Months of submission with an export or feedback, and months with reports dated in them."""
    found: set[tuple[int, int]] = set(month_facts(store))
    t = trend_facts(store)
    for d in (t.incidents, t.arrests_b):
        found |= {k for k in d if k is not None}
    return sorted(found)


@dataclass(frozen=True)
class Correction:
    """A report the feedback named with an error, and what became of it since."""

    month: tuple[int, int]
    kind: str | None
    record_id: int | None
    key: str
    number: str
    element: str
    message: str
    revision: int | None  # the revision the feedback is about
    current: int | None  # the record's revision now (None: no such record here)
    submitted: int | None  # the revision last sent
    status: str


def correction_facts(store, months: set[tuple[int, int]]) -> list[Correction]:
    """Every error the feedback of these months names, with its record as it is now."""
    from desktop.store.kinds import KINDS

    out = []
    with store.unit(users.READ, write=False) as u:
        files = _feedback_files(u.session, months)
        if not files:
            return []
        rows = u.session.execute(select(s.FeedbackError).where(
            s.FeedbackError.feedback_id.in_(list(files)), s.FeedbackError.severity == "error")
            .order_by(s.FeedbackError.id)).scalars().all()
        now: dict[tuple[str, int], tuple] = {}
        for kind in {r.kind for r in rows if r.kind}:
            cls = KINDS[kind].row
            ids = sorted({r.record_id for r in rows if r.kind == kind and r.record_id is not None})
            for start in range(0, len(ids), 500):
                q = select(cls.id, cls.revision, cls.submitted_revision, cls.status, cls.deleted_at) \
                    .where(cls.id.in_(ids[start:start + 500]))
                for rid, rev, sub, status, deleted in u.session.execute(q):
                    now[(kind, rid)] = (rev, sub, "deleted" if deleted is not None else status)
        for r in rows:
            finding = r.finding or {}
            rev, sub, status = now.get((r.kind, r.record_id), (None, None, ""))
            out.append(Correction(files[r.feedback_id], r.kind, r.record_id, r.key, r.number,
                                  str(finding.get("element") or ""), str(finding.get("message") or ""), r.revision,
                                  rev, sub, status))
    return out
