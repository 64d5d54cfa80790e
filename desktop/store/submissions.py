"""Submissions in the database: exports recorded, files imported, feedback attached.

Beside the service layer (as ``transfer.py``), and like it the only code that writes these
tables: every function checks the signed-in person's permission (export, import, feedback),
does its work in one transaction and writes its audit entries in that same transaction.

* :func:`record_export` records an export (the batch, its files and SHA-256, every report as
  sent with its record and revision), marks the records submitted at the revision sent, purges
  the records whose delete was sent, and moves the written file to its final name just before
  the transaction commits (``commit_files``), so a kill leaves either nothing or everything.
* :func:`import_reports` merges the reports of one file: created, updated, unchanged, deleted.
* :func:`record_feedback` attaches the errors of an EDS or a service response to the records
  they name and moves submitted records to rejected or accepted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, Callable, Iterable, Iterator, Sequence

from sqlalchemy import and_, func, insert, inspect as sa_inspect, or_, select
from sqlalchemy.orm import selectinload

from desktop import __version__
from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.findings import Finding
from desktop.store import audit, users
from desktop.store import schema as s
from desktop.store.mapping import from_row, to_row
from desktop.store.service import (
    ACCEPTED, APPROVED, DRAFT, READY, REJECTED, SUBMITTED, StoreError, _key_text,
)

ROWS = {"incident": s.Incident, "group_b": s.GroupBArrestRow, "zero_report": s.ZeroReportRow}
KEY_COLUMNS = {"incident": ("ori", "incident_number"),
               "group_b": ("ori", "arrest_transaction_number", "sequence_number"),
               "zero_report": ("ori", "year", "month")}
DATE_COLUMNS = {"incident": s.Incident.incident_date, "group_b": s.GroupBArrestRow.arrest_date}
FEEDBACK = "feedback"  # audit action
KIND_WORDS = {"incident": "Group A incident", "group_b": "Group B arrest", "zero_report": "zero report"}


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def key_of(report: m.Report) -> tuple:
    return tuple(getattr(report, c) for c in KEY_COLUMNS[report.KIND])


def describe(report: m.Report) -> str:
    """``Group A incident WVNDX0100 25-000012``."""
    if isinstance(report, m.GroupBArrest):
        seq = f" arrestee {report.sequence_number}" if report.sequence_number is not None else ""
        return f"{KIND_WORDS['group_b']} {report.ori} {report.arrest_transaction_number}{seq}"
    if isinstance(report, m.ZeroReport):
        when = f"{report.year:04d}-{report.month:02d}" if report.year and report.month else "?"
        return f"zero report {report.ori} {when}"
    return f"{KIND_WORDS['incident']} {report.ori} {report.incident_number}"


# ------------------------------------------------------------------------------------ loading
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


class _Row(SimpleNamespace):
    """A table row as plain attributes (what ``mapping.from_row`` reads), without the ORM's bookkeeping."""


def _plain_rows(session, cls: type, column: Any, keys: list[Any]) -> list[_Row]:
    """Rows of ``cls`` whose ``column`` is in ``keys``, with their child rows attached (one query per table)."""
    out: list[_Row] = []
    table = cls.__table__
    order = [column] + ([table.c.position] if "position" in table.c else []) + \
        ([table.c.id] if "id" in table.c else [])
    for i in range(0, len(keys), 500):
        out += [_Row(**row._mapping) for row in session.execute(
            select(table).where(column.in_(keys[i:i + 500])).order_by(*order))]
    relations = sa_inspect(cls).relationships
    if not out or not relations:
        return out
    for rel in relations:
        local, remote = rel.local_remote_pairs[0]
        children = _plain_rows(session, rel.mapper.class_, remote, [getattr(r, local.key) for r in out])
        by_parent: dict[Any, list[_Row]] = {}
        for child in children:
            by_parent.setdefault(getattr(child, remote.key), []).append(child)
        for r in out:
            setattr(r, rel.key, by_parent.get(getattr(r, local.key), []))
    return out


def load_where(store, kind: str, *conditions: Any, chunk: int = 500) -> list[Loaded]:
    """Every record of ``kind`` matching ``conditions``, with all its segments, in a few queries per table."""
    store._require(users.READ)
    cls = ROWS[kind]
    with store.db.read() as session:
        ids = list(session.scalars(select(cls.id).where(*conditions).order_by(cls.id)))
        out = []
        for i in range(0, len(ids), chunk):
            rows = _plain_rows(session, cls, cls.__table__.c.id, ids[i:i + chunk])
            out += [_loaded(kind, r, store.dictionary) for r in rows]
    return out


def dated_in(store, kind: str, first: date, last: date, *, statuses: Sequence[str] | None = None,
             include_deleted: bool = False) -> list[tuple[int, str, str, date | None]]:
    """(id, number, status, date) of records filed under a date in [first, last]."""
    cls = ROWS[kind]
    with store.db.read() as session:
        if kind == "zero_report":
            q = select(cls.id, cls.year, cls.month, cls.status).where(
                (cls.year * 100 + cls.month) >= first.year * 100 + first.month,
                (cls.year * 100 + cls.month) <= last.year * 100 + last.month)
        else:
            number = cls.incident_number if kind == "incident" else cls.arrest_transaction_number
            col = DATE_COLUMNS[kind]
            q = select(cls.id, number, col, cls.status).where(col >= first, col <= last)
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


# ------------------------------------------------------------------------------------ history, read once
class MemoryHistory:
    """What ``desktop.store.history.StoreHistory`` answers, read from the database once.

    Checking a whole month at export asks the history questions (056, 088, 759, 028-031) for
    every report; this answers them from sets built with a few queries instead of a query each.
    Only live records count, as in StoreHistory.
    """

    def __init__(self, store):
        i, a, g, z = s.Incident, s.ArresteeRow, s.GroupBArrestRow, s.ZeroReportRow
        self.incidents: dict[tuple, set[int]] = {}
        self.with_arrestees: set[int] = set()
        self.arrestee_atns: dict[tuple, set[int]] = {}
        self.group_b: dict[tuple, list[tuple[int, int | None]]] = {}
        self.zero: dict[tuple, set[int]] = {}
        self.months: dict[tuple, set[str]] = {}
        self._added: dict[tuple[str, int], list[tuple[str, tuple]]] = {}  # records added since: where they are
        with store.db.read() as session:
            for rid, ori, number, when in session.execute(
                    select(i.id, i.ori, i.incident_number, i.incident_date).where(i.deleted_at.is_(None))):
                self.incidents.setdefault((ori, number), set()).add(rid)
                if when is not None:
                    self.months.setdefault((ori, when.year, when.month), set()).add("incident")
            for rid, ori, atn in session.execute(select(i.id, i.ori, a.arrest_transaction_number)
                                                 .join(a, a.incident_id == i.id).where(i.deleted_at.is_(None))):
                self.with_arrestees.add(rid)
                if atn:
                    self.arrestee_atns.setdefault((ori, atn), set()).add(rid)
            for rid, ori, atn, seq, when in session.execute(
                    select(g.id, g.ori, g.arrest_transaction_number, g.sequence_number, g.arrest_date)
                    .where(g.deleted_at.is_(None))):
                self.group_b.setdefault((ori, atn), []).append((rid, seq))
                if when is not None:
                    self.months.setdefault((ori, when.year, when.month), set()).add("group_b")
            for rid, ori, year, month in session.execute(select(z.id, z.ori, z.year, z.month)
                                                         .where(z.deleted_at.is_(None))):
                self.zero.setdefault((ori, year, month), set()).add(rid)

    def add(self, kind: str, report: m.Report, rid: int) -> None:
        """A record added since the history was read (or added again after a change)."""
        if (kind, rid) in self._added:
            self.remove(kind, rid)
        keys: list[tuple[str, tuple]] = []
        if isinstance(report, m.GroupAIncident):
            keys.append(("incidents", (report.ori, report.incident_number)))
            if report.arrestees:
                self.with_arrestees.add(rid)
            keys += [("arrestee_atns", (report.ori, a.arrest_transaction_number)) for a in report.arrestees
                     if a.arrest_transaction_number]
            when = report.incident_date
        elif isinstance(report, m.GroupBArrest):
            self.group_b.setdefault((report.ori, report.arrest_transaction_number), []).append(
                (rid, report.sequence_number))
            keys.append(("group_b", (report.ori, report.arrest_transaction_number)))
            when = report.arrest_date
        else:
            keys.append(("zero", (report.ori, report.year, report.month)))
            when = None
        for name, key in keys:
            if name != "group_b":
                getattr(self, name).setdefault(key, set()).add(rid)
        self._added[(kind, rid)] = keys
        if isinstance(when, date):
            self.months.setdefault((report.ori, when.year, when.month), set()).add(kind)

    def remove(self, kind: str, rid: int) -> None:
        """A record deleted since the history was read (the month index keeps it: it only ever over-counts)."""
        keys = self._added.pop((kind, rid), None)
        if keys is None:  # read from the database: look everywhere it could be
            keys = [(name, key) for name in {"incident": ("incidents", "arrestee_atns"), "group_b": ("group_b",),
                                             "zero_report": ("zero",)}[kind]
                    for key, ids in getattr(self, name).items()
                    if (rid in ids if name != "group_b" else any(r == rid for r, _s in ids))]
        for name, key in keys:
            if name == "group_b":
                self.group_b[key] = [r for r in self.group_b.get(key, []) if r[0] != rid]
            else:
                getattr(self, name).get(key, set()).discard(rid)
        if kind == "incident":
            self.with_arrestees.discard(rid)

    def incident_on_file(self, ori: str, incident_number: str, *, exclude_id: int | None = None) -> bool:
        return bool(self.incidents.get((ori, incident_number), set()) - {exclude_id})

    def group_b_atn_on_file(self, ori: str, atn: str) -> bool:
        return bool(self.group_b.get((ori, atn)))

    def group_a_atn_on_file(self, ori: str, atn: str, *, exclude_id: int | None = None) -> bool:
        by_number = {r for r in self.incidents.get((ori, atn), set()) if r in self.with_arrestees}
        return bool((by_number | self.arrestee_atns.get((ori, atn), set())) - {exclude_id})

    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None, *,
                               exclude_id: int | None = None) -> bool:
        return any(rid != exclude_id and (sequence is None or seq == sequence)
                   for rid, seq in self.group_b.get((ori, atn), ()))

    def zero_report_on_file(self, ori: str, year: int, month: int, *, exclude_id: int | None = None) -> bool:
        return bool(self.zero.get((ori, year, month), set()) - {exclude_id})

    def data_on_file_for_month(self, ori: str, year: int, month: int, *, kind: str | None = None) -> bool:
        found = self.months.get((ori, year, month), set())
        return bool(found) if kind is None else kind in found


# ------------------------------------------------------------------------------------ what the FBI holds
@dataclass(frozen=True)
class SentBefore:
    """The last report of a record that was sent, and whether the state rejected it."""

    action: str  # I, A, R, D ("" when it was sent outside NIBRS Desk: imported as already sent)
    format: str  # flat | xml | ""
    report: m.Report | None
    rejected: bool


def sent_before(store, records: Iterable[Loaded]) -> dict[tuple[str, int], SentBefore]:
    """For records with a submitted revision: what was last sent of them, and whether it was rejected."""
    wanted = [(r.kind, r.id, r.submitted_revision) for r in records if r.submitted_revision is not None]
    out: dict[tuple[str, int], SentBefore] = {}
    if not wanted:
        return out
    with store.db.read() as session:
        for kind in {k for k, _i, _r in wanted}:
            ids = [i for k, i, _r in wanted if k == kind]
            revisions = {i: r for k, i, r in wanted if k == kind}
            last: dict[int, tuple[str, str, Any]] = {}
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                q = (select(s.ExportItem.record_id, s.ExportItem.action, s.ExportBatch.format, s.ExportItem.report)
                     .join(s.ExportBatch, s.ExportBatch.id == s.ExportItem.export_id)
                     .where(s.ExportItem.kind == kind, s.ExportItem.record_id.in_(part))
                     .order_by(s.ExportItem.export_id, s.ExportItem.position))
                for record_id, action, fmt, data in session.execute(q):
                    last[record_id] = (action, fmt, data)
            rejected: set[int] = set()
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                q = select(s.FeedbackError.record_id, s.FeedbackError.revision).where(
                    s.FeedbackError.kind == kind, s.FeedbackError.record_id.in_(part),
                    s.FeedbackError.severity == "error")
                for record_id, revision in session.execute(q):
                    if revision == revisions.get(record_id):
                        rejected.add(record_id)
            for record_id in ids:
                action, fmt, data = last.get(record_id, ("", "", None))
                report = serialize.report_from_dict(data, store.dictionary) if data else None
                out[(kind, record_id)] = SentBefore(action, fmt, report, record_id in rejected)
    return out


def fbi_holds(record: Loaded, before: SentBefore | None) -> bool:
    """Whether the FBI (through the state) holds a version of the record.

    Not when it was never sent, when its last report sent was a delete, or when its last add was
    rejected; a rejected XML replacement leaves the version before it on file.
    """
    if record.submitted_revision is None:
        return False
    if before is None or not before.rejected:
        return before is None or before.action != "D"
    return before.action == "R"


def revision_report(store, kind: str, record_id: int, revision: int) -> m.Report | None:
    """The report of a record at a revision: as last sent in an export, else its revision snapshot."""
    with store.db.read() as session:
        data = session.scalars(
            select(s.ExportItem.report).where(s.ExportItem.kind == kind, s.ExportItem.record_id == record_id,
                                              s.ExportItem.revision == revision, s.ExportItem.action != "D")
            .order_by(s.ExportItem.id.desc()).limit(1)).first()
        if data is None:
            data = session.scalars(select(s.RevisionRow.data).where(
                s.RevisionRow.kind == kind, s.RevisionRow.record_id == record_id,
                s.RevisionRow.revision == revision)).first()
    return None if data is None else serialize.report_from_dict(data, store.dictionary)


# ------------------------------------------------------------------------------------ exports
@dataclass(frozen=True)
class ExportFileInfo:
    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class ExportItemInfo:
    position: int
    kind: str
    record_id: int | None
    revision: int | None
    action: str
    key: str
    report: m.Report
    document: str | None
    first_record: int | None
    records: int | None
    layout: dict[str, Any] | None = None


@dataclass
class ExportInfo:
    id: int
    created_at: datetime
    created_by: str
    year: int
    month: int
    format: str
    packaging: str
    submitter: str
    generated: date
    series: int
    name: str
    out_dir: str
    allow_errors: bool
    app_version: str
    profile: str
    params: dict[str, Any]
    summary: dict[str, Any]
    files: list[ExportFileInfo] = field(default_factory=list)
    items: list[ExportItemInfo] = field(default_factory=list)

    @property
    def month_text(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def _export_info(row: s.ExportBatch) -> ExportInfo:
    return ExportInfo(row.id, row.created_at, row.created_by, row.year, row.month, row.format, row.packaging,
                      row.submitter, row.generated, row.series, row.name, row.out_dir, row.allow_errors,
                      row.app_version, row.profile, dict(row.params or {}), dict(row.summary or {}),
                      [ExportFileInfo(f.path, f.sha256, f.size) for f in row.files])


def exports(store, *, year: int | None = None, month: int | None = None) -> list[ExportInfo]:
    """Recorded exports, newest first (without their items)."""
    store._require(users.READ)
    with store.db.read() as session:
        q = select(s.ExportBatch).options(selectinload(s.ExportBatch.files)).order_by(s.ExportBatch.id.desc())
        if year is not None:
            q = q.where(s.ExportBatch.year == year)
        if month is not None:
            q = q.where(s.ExportBatch.month == month)
        return [_export_info(r) for r in session.scalars(q)]


def export_info(store, export_id: int) -> ExportInfo:
    """One export with every report as it was sent."""
    store._require(users.READ)
    with store.db.read() as session:
        row = session.get(s.ExportBatch, export_id, options=[selectinload(s.ExportBatch.files)])
        if row is None:
            raise StoreError(f"there is no export {export_id}")
        info = _export_info(row)
        for it in session.scalars(select(s.ExportItem).where(s.ExportItem.export_id == export_id)
                                  .order_by(s.ExportItem.position)):
            from desktop.submission.invalid import apply_layout

            report = apply_layout(serialize.report_from_dict(it.report, store.dictionary), it.layout)
            info.items.append(ExportItemInfo(it.position, it.kind, it.record_id, it.revision, it.action, it.key,
                                             report, it.document, it.first_record, it.records, it.layout))
    return info


def next_series(store, year: int) -> int:
    """The series number of the next submission generated in ``year`` (001 for the first)."""
    with store.db.read() as session:
        used = session.scalar(select(func.max(s.ExportBatch.series)).where(
            s.ExportBatch.generated >= date(year, 1, 1), s.ExportBatch.generated <= date(year, 12, 31)))
    return (used or 0) + 1


def recorded_file(store, out_dir: str, path: str) -> int | None:
    """The export that wrote ``path`` (relative) into ``out_dir``, if any."""
    with store.db.read() as session:
        return session.scalars(select(s.ExportBatch.id).join(s.ExportFile, s.ExportFile.export_id == s.ExportBatch.id)
                               .where(s.ExportBatch.out_dir == out_dir, s.ExportFile.path == path).limit(1)).first()


@dataclass
class ExportEntry:
    """A report written into an export and what the export does to its record."""

    kind: str
    record_id: int | None  # None: a zero report the export creates
    revision: int | None  # the revision sent (for a delete, the revision the delete is about)
    action: str  # I, A, R, D
    report: m.Report  # as written
    mark_submitted: bool = False  # the record becomes submitted at ``revision``
    purge: bool = False  # the record's delete was sent: it is removed
    document: str | None = None
    first_record: int | None = None
    records: int | None = None
    layout: dict[str, Any] | None = None  # where repeated values sit in the flat file
    checked: m.Report | None = None  # the report as kept (state values included), for the edits; not stored

    @property
    def key(self) -> str:
        return _key_text(self.report)[:60]


class ChangedMeanwhile(StoreError):
    """A record changed between planning and recording the export; nothing was recorded."""


def record_export(store, *, batch: dict[str, Any], entries: Sequence[ExportEntry],
                  files: Sequence[tuple[str, str, int]], purge_unsent: Sequence[tuple[str, int]] = (),
                  commit_files: Callable[[], None] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Record an export in one transaction and return its id.

    ``batch`` holds the ExportBatch columns; ``files`` (path, sha256, size); ``purge_unsent`` are
    records deleted after a submission the FBI rejected (nothing to delete there). Every record
    must still be as planned (revision, status, deleted or not), or nothing is recorded.
    ``commit_files`` runs after everything is written and before the commit.
    """
    store._require(users.EXPORT)
    now = batch.get("created_at") or _now()
    user = store.user
    total = len(entries)
    with store.db.write() as session:
        rows: dict[tuple[str, int], Any] = {}
        for kind in ROWS:
            ids = sorted({e.record_id for e in entries if e.kind == kind and e.record_id is not None})
            for i in range(0, len(ids), 500):
                for row in session.scalars(select(ROWS[kind]).where(ROWS[kind].id.in_(ids[i:i + 500]))):
                    rows[(kind, row.id)] = row
        trail: list[dict[str, Any]] = []
        for e in entries:
            if e.record_id is None:
                continue
            row = rows.get((e.kind, e.record_id)) or session.get(ROWS[e.kind], e.record_id)
            what = describe(e.report)
            if row is None:
                raise ChangedMeanwhile(f"{what} was removed while the export was written; nothing was exported, "
                                       "export again")
            if e.mark_submitted and (row.revision != e.revision or row.status != APPROVED or row.deleted_at):
                raise ChangedMeanwhile(f"{what} changed while the export was written (now revision {row.revision}, "
                                       f"{row.status}); nothing was exported, export again")
            if e.purge and (row.deleted_at is None or row.submitted_revision != e.revision):
                raise ChangedMeanwhile(f"{what} changed while the export was written; nothing was exported, "
                                       "export again")
            rows[(e.kind, e.record_id)] = row
        export = s.ExportBatch(**{**batch, "created_at": now, "created_by": user, "app_version": __version__})
        session.add(export)
        session.flush()
        for path, digest, size in files:
            session.add(s.ExportFile(export_id=export.id, path=path, sha256=digest, size=size))
        snapshots = _existing_snapshots(session, [(e.kind, e.record_id, e.revision) for e in entries
                                                  if e.mark_submitted and e.record_id is not None])
        items: list[dict[str, Any]] = []
        revisions: list[dict[str, Any]] = []
        for position, e in enumerate(entries, 1):
            record_id = e.record_id
            if record_id is None:  # the month's zero report, made by this export
                row = to_row(e.report, store.dictionary, e.kind)
                store._stamp(row, [], now, created=True)
                row.status, row.revision, row.invalid = APPROVED, 1, {}
                session.add(row)
                session.flush()
                record_id = row.id
                e.record_id, e.revision = record_id, 1
                rows[(e.kind, record_id)] = row
                trail.append({"action": audit.CREATE, "kind": e.kind, "record_id": record_id,
                              "detail": {"key": e.key, "status": APPROVED, "by_export": export.id,
                                         "values": serialize.report_to_dict(e.report)}})
            data = serialize.report_to_dict(e.report)
            items.append({"export_id": export.id, "position": position, "kind": e.kind, "record_id": record_id,
                          "revision": e.revision, "action": e.action, "key": e.key, "report": data,
                          "document": e.document, "first_record": e.first_record, "records": e.records,
                          "layout": e.layout})
            row = rows[(e.kind, record_id)]
            if e.mark_submitted:
                old = row.status
                row.status = SUBMITTED
                row.submitted_revision = row.revision
                row.updated_at = now
                row.updated_by = user
                if (e.kind, record_id, row.revision) not in snapshots:
                    revisions.append({"kind": e.kind, "record_id": record_id, "revision": row.revision,
                                      "saved_at": now, "saved_by": user, "status": SUBMITTED, "data": data})
                    snapshots.add((e.kind, record_id, row.revision))
                trail.append({"action": audit.EXPORT, "kind": e.kind, "record_id": record_id,
                              "detail": {"export": export.id, "key": e.key, "action": e.action,
                                         "revision": row.revision, "from": old, "to": SUBMITTED}})
            elif e.purge:
                session.delete(row)
                trail.append({"action": audit.DELETE, "kind": e.kind, "record_id": record_id,
                              "detail": {"key": e.key, "purged": True, "delete_sent_in_export": export.id}})
            if progress is not None and (position % 100 == 0 or position == total):
                progress(position, total)
        for kind, record_id in purge_unsent:
            row = session.get(ROWS[kind], record_id)
            if row is not None and row.deleted_at is not None:
                session.delete(row)
                trail.append({"action": audit.DELETE, "kind": kind, "record_id": record_id, "detail": {
                    "purged": True, "why": "deleted after the state rejected it: nothing to delete at the FBI",
                    "export": export.id}})
        trail.append({"action": audit.EXPORT, "detail": {
            "export": export.id, "month": f"{batch['year']:04d}-{batch['month']:02d}", "format": batch["format"],
            "name": batch["name"], "out_dir": batch["out_dir"], "reports": len(entries),
            "files": [{"path": p, "sha256": d} for p, d, _size in files][:20]}})
        session.execute(insert(s.ExportItem), items)
        if revisions:
            session.execute(insert(s.RevisionRow), revisions)
        audit.append_many(session, user, trail)
        session.flush()
        if commit_files is not None:
            commit_files()
        export_id = export.id
    return export_id


def _existing_snapshots(session, wanted: list[tuple[str, int | None, int | None]]) -> set[tuple[str, int, int]]:
    out: set[tuple[str, int, int]] = set()
    by_kind: dict[str, list[int]] = {}
    for kind, record_id, _rev in wanted:
        if record_id is not None:
            by_kind.setdefault(kind, []).append(record_id)
    for kind, ids in by_kind.items():
        for i in range(0, len(ids), 500):
            q = select(s.RevisionRow.record_id, s.RevisionRow.revision).where(
                s.RevisionRow.kind == kind, s.RevisionRow.record_id.in_(ids[i:i + 500]))
            out |= {(kind, r, v) for r, v in session.execute(q)}
    return out


def record_reproduction(store, export_id: int, out_dir: str, identical: bool) -> None:
    """Audit that an export's files were written again."""
    store._require(users.EXPORT)
    with store.db.write() as session:
        audit.append(session, store.user, audit.EXPORT, detail={"reproduced": export_id, "out_dir": out_dir,
                                                                 "identical": identical})


# ------------------------------------------------------------------------------------ imports
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
    from desktop.submission.invalid import segments

    kept = {path: dict(seg.extras) for _k, path, seg in segments(local) if seg.extras}
    for _k, path, seg in segments(incoming):
        if path in kept and not seg.extras:
            seg.extras = kept[path]


def _find(session, kind: str, key: tuple, *, all_arrestees: bool = False) -> list[Any]:
    cls = ROWS[kind]
    cols = KEY_COLUMNS[kind]
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
        cols = KEY_COLUMNS[kind]
        known = getattr(self, "plain_keys", {}).get(kind)
        if known is not None and key[1] in known[0]:  # read ahead: no query unless the record is there
            rows = [self.session.get(ROWS[kind], rid) for rid, stored in known[1].get(key[:2], ())
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
        self.plain: dict[tuple[str, int], _Row] = {}
        # kind -> (numbers read ahead, (ori, number) -> [(record id, key)]) of the live stored records
        self.plain_keys: dict[str, tuple[set, dict[tuple, list[tuple[int, tuple]]]]] = {}
        for kind in ROWS:
            if kind == "zero_report":
                continue
            cls = ROWS[kind]
            column = cls.incident_number if kind == "incident" else cls.arrest_transaction_number
            numbers = sorted({key_of(it.report)[1] for it in items if it.kind == kind and not it.skip})
            if not numbers:
                continue
            self.session.flush()  # rows created or changed so far are found by the queries below
            ids = list(self.session.scalars(select(cls.id).where(column.in_(numbers), cls.deleted_at.is_(None))))
            index: dict[tuple, list[tuple[int, tuple]]] = {}
            for row in _plain_rows(self.session, cls, cls.__table__.c.id, ids):
                self.plain[(kind, row.id)] = row
                stored = tuple(getattr(row, c) for c in KEY_COLUMNS[kind])
                index.setdefault(stored[:2], []).append((row.id, stored))
            self.plain_keys[kind] = (set(numbers), index)
        self.touched: set[tuple[str, int]] = set()

    def stored(self, kind: str, row: Any) -> Any:
        """The row to read a record's stored report from: its prefetched copy while this import has not changed it."""
        plain = getattr(self, "plain", {}).get((kind, row.id))
        return plain if plain is not None and (kind, row.id) not in self.touched else row

    def add(self, kind: str, row: Any) -> None:
        self.session.add(row)
        self.new.setdefault((kind, tuple(getattr(row, c) for c in KEY_COLUMNS[kind][:2])), []).append(row)

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
    store._require(users.IMPORT)
    if status not in (READY, APPROVED, SUBMITTED):
        raise StoreError(f"imported reports become ready, approved or submitted, not {status!r}")
    if status in (APPROVED, SUBMITTED):
        store._require(users.REVIEW, "import reports as approved or already submitted")
    user = store.user
    now = _now()
    done: list[tuple[ImportLine, Any]] = []  # each line, with the row whose id it names once flushed
    trail: list[tuple[dict[str, Any], Any]] = []  # audit entries, with the row whose id they name
    revisions: list[tuple[dict[str, Any], Any]] = []
    counts = {"imported": 0, "updated": 0, "deleted": 0, "skipped": 0}

    def line(outcome: str, what: str, item: Incoming, detail: str = "", row: Any = None) -> None:
        counts[outcome] += 1
        done.append((ImportLine(outcome, what, item.where, detail, item.kind), row))

    with store.db.write() as session:
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
                        "file": label, "where": item.where, "result": "deleted", "key": _key_text(item.report),
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
                store._stamp(row, findings, now, created=True)
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
                    "file": label, "where": item.where, "result": "created", "key": _key_text(item.report),
                    "status": new_status, "values": data}}, row))
                line("imported", what, item, f"as {new_status}" + (f" ({why})" if why else ""), row)
                continue
            _carry_extras(current, item.report)
            changes = audit.diff(_strip_extras(before), _strip_extras(data))
            old_status = local.status
            if local.id is not None:
                open_.touched.add((item.kind, local.id))
            to_row(item.report, store.dictionary, item.kind, row=local)
            store._stamp(local, findings, now)
            local.revision += 1
            local.invalid = dict(item.invalid)
            local.layout = item.layout
            local.status = new_status
            if status == SUBMITTED:
                local.submitted_revision = local.revision
                revisions.append(({"kind": item.kind, "revision": local.revision, "saved_at": now, "saved_by": user,
                                   "status": SUBMITTED, "data": serialize.report_to_dict(item.report)}, local))
            trail.append(({"action": audit.IMPORT, "kind": item.kind, "detail": {
                "file": label, "where": item.where, "result": "updated", "key": _key_text(item.report),
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
        audit.append_many(session, user, entries)
        lines = [dataclasses.replace(ln, record_id=row.id) if row is not None else ln for ln, row in done]
    return lines


# ------------------------------------------------------------------------------------ feedback
@dataclass
class FeedbackTarget:
    """An error (or warning) matched to a record, or not."""

    finding: Finding
    kind: str | None = None
    record_id: int | None = None
    revision: int | None = None
    key: str = ""


def find_record(store, kind: str, key: tuple, *, include_deleted: bool = True) -> tuple[int, int | None, int] | None:
    """(record id, submitted revision, revision) of the record with this key, live ones first."""
    cls = ROWS[kind]
    with store.db.read() as session:
        conds = []
        for c, v in zip(KEY_COLUMNS[kind], key):
            if c == "sequence_number" and v is None:
                continue
            conds.append(getattr(cls, c) == v)
        q = select(cls.id, cls.submitted_revision, cls.revision).where(*conds)
        if not include_deleted:
            q = q.where(cls.deleted_at.is_(None))
        row = session.execute(q.order_by(cls.deleted_at.is_not(None), cls.id.desc()).limit(1)).first()
    return None if row is None else (row[0], row[1], row[2])


def record_exists(store, kind: str, record_id: int) -> bool:
    with store.db.read() as session:
        return session.get(ROWS[kind], record_id) is not None


def feedback_loaded(store, sha256: str) -> tuple[int, datetime] | None:
    with store.db.read() as session:
        row = session.execute(select(s.FeedbackFile.id, s.FeedbackFile.loaded_at)
                              .where(s.FeedbackFile.sha256 == sha256).limit(1)).first()
    return None if row is None else (row[0], row[1])


def record_feedback(store, *, name: str, sha256: str, fmt: str, year: int | None, month: int | None,
                    processed_on: date | None, export_id: int | None, targets: Sequence[FeedbackTarget],
                    accepted: Sequence[tuple[str, int]] = ()) -> tuple[int, dict[str, list[str]]]:
    """Attach a feedback file's errors to their records; returns its id and what happened to whom.

    A record with an error about its submitted revision becomes rejected (warnings do not reject);
    ``accepted`` records (processed without errors) become accepted. Only records that were
    submitted (or accepted) move; a record changed since keeps its status and shows the errors.
    """
    store._require(users.FEEDBACK)
    now = _now()
    user = store.user
    outcome: dict[str, list[str]] = {"rejected": [], "accepted": [], "warned": [], "unmatched": [], "kept": []}
    with store.db.write() as session:
        fb = s.FeedbackFile(loaded_at=now, loaded_by=user, name=name[:300], sha256=sha256, format=fmt, year=year,
                            month=month, processed_on=processed_on, export_id=export_id, summary={})
        session.add(fb)
        session.flush()
        errors_of: dict[tuple[str, int], list[Finding]] = {}
        for t in targets:
            f = t.finding
            session.add(s.FeedbackError(feedback_id=fb.id, kind=t.kind, record_id=t.record_id, revision=t.revision,
                                        key=t.key[:60], number=f.error[:10], severity=f.severity,
                                        finding=f.to_dict()))
            if t.kind is None or t.record_id is None:
                outcome["unmatched"].append(f"{t.key or f.incident}: {f.severity} {f.error} {f.message}")
                continue
            errors_of.setdefault((t.kind, t.record_id), []).append(f)
        moved: dict[tuple[str, int], str] = {}
        for (kind, record_id), found in errors_of.items():
            row = session.get(ROWS[kind], record_id)
            if row is None:
                continue
            label = _row_label(kind, row)
            has_error = any(f.is_error for f in found)
            if row.status in (SUBMITTED, ACCEPTED) and row.revision == row.submitted_revision:
                new = REJECTED if has_error else ACCEPTED
                if new != row.status:
                    moved[(kind, record_id)] = new
                    audit.append(session, user, audit.STATUS, kind=kind, record_id=record_id, detail={
                        "from": row.status, "to": new, "revision": row.revision, "feedback": fb.id,
                        "errors": [f"{f.error} {f.message}" for f in found if f.is_error][:20]})
                    row.status = new
                    row.updated_at = now
                    row.updated_by = user
                what = "; ".join(f"{f.severity} {f.error}: {f.message}" for f in found)
                outcome["rejected" if has_error else "warned"].append(f"{label}: {what}")
            else:
                outcome["kept"].append(f"{label} ({row.status}; it changed since it was sent, or was not sent: "
                                       "status kept, the state's findings are shown with it)")
        for kind, record_id in accepted:
            if (kind, record_id) in errors_of:
                continue
            row = session.get(ROWS[kind], record_id)
            if row is None or row.status != SUBMITTED or row.revision != row.submitted_revision:
                continue
            row.status = ACCEPTED
            row.updated_at = now
            row.updated_by = user
            audit.append(session, user, audit.STATUS, kind=kind, record_id=record_id,
                         detail={"from": SUBMITTED, "to": ACCEPTED, "revision": row.revision, "feedback": fb.id})
            outcome["accepted"].append(_row_label(kind, row))
        fb.summary = {k: len(v) for k, v in outcome.items()}
        audit.append(session, user, FEEDBACK, detail={"feedback": fb.id, "file": name, "format": fmt,
                                                      **fb.summary})
        feedback_id = fb.id
    return feedback_id, outcome


def _row_label(kind: str, row: Any) -> str:
    if kind == "incident":
        return f"{KIND_WORDS[kind]} {row.ori} {row.incident_number}"
    if kind == "group_b":
        return f"{KIND_WORDS[kind]} {row.ori} {row.arrest_transaction_number} arrestee {row.sequence_number}"
    return f"zero report {row.ori} {row.year:04d}-{row.month:02d}"


@dataclass(frozen=True)
class StateFinding:
    """An error or warning the state returned about a record, with where it came from."""

    finding: Finding
    revision: int | None
    file: str
    loaded_at: datetime
    feedback_id: int


def state_findings(store, kind: str, record_id: int, *, current_only: bool = True) -> list[StateFinding]:
    """The state's errors and warnings about a record (by default those about its last submitted revision)."""
    store._require(users.READ)
    with store.db.read() as session:
        row = session.get(ROWS[kind], record_id)
        if row is None:
            return []
        q = (select(s.FeedbackError, s.FeedbackFile.name, s.FeedbackFile.loaded_at)
             .join(s.FeedbackFile, s.FeedbackFile.id == s.FeedbackError.feedback_id)
             .where(s.FeedbackError.kind == kind, s.FeedbackError.record_id == record_id)
             .order_by(s.FeedbackError.id))
        out = []
        for fe, name, loaded_at in session.execute(q):
            if current_only and fe.revision != row.submitted_revision:
                continue
            out.append(StateFinding(Finding.from_dict(fe.finding), fe.revision, name, loaded_at, fe.feedback_id))
    return out


def state_error_counts(store, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
    """How many state errors each record has about its last submitted revision (for the list)."""
    keys = list(keys)
    out: dict[tuple[str, int], int] = {}
    if not keys:
        return out
    with store.db.read() as session:
        for kind in {k for k, _ in keys}:
            ids = [i for k, i in keys if k == kind]
            cls = ROWS[kind]
            q = (select(s.FeedbackError.record_id, func.count())
                 .join(cls, and_(cls.id == s.FeedbackError.record_id,
                                 or_(cls.submitted_revision == s.FeedbackError.revision,
                                     s.FeedbackError.revision.is_(None))))
                 .where(s.FeedbackError.kind == kind, s.FeedbackError.record_id.in_(ids),
                        s.FeedbackError.severity == "error")
                 .group_by(s.FeedbackError.record_id))
            for record_id, n in session.execute(q):
                out[(kind, record_id)] = n
    return out

