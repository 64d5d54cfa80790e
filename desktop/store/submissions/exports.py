"""Exports in the database: what was sent, recorded in the same transaction as the records it moves on.

* :func:`record_export` records an export (the batch, its files and SHA-256, every report as
  sent with its record and revision), marks the records submitted at the revision sent, purges
  the records whose delete was sent, and moves the written file to its final name just before
  the transaction commits (``commit_files``), so a kill leaves either nothing or everything.
* :func:`exports` and :func:`export_info` read them back (``reproduce`` writes the same bytes again);
  :func:`sent_before` and :func:`fbi_holds` say what the FBI holds of a record, for the next month's plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import DateTime, String, bindparam, func, insert, literal, select, update
from sqlalchemy.orm import selectinload

from desktop import __version__
from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.store import audit, checksums, users
from desktop.store import schema as s
from desktop.store.errors import StoreError
from desktop.store.kinds import KINDS, describe, key_text
from desktop.store.lifecycle import APPROVED, SUBMITTED
from desktop.store.mapping import to_row
from desktop.store.submissions.loading import Loaded


PENDING, FINAL = "pending", "final"  # an export's state (see record_export)


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
                     .where(s.ExportItem.kind == kind, s.ExportItem.record_id.in_(part),
                            s.ExportBatch.state == FINAL)
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
            select(s.ExportItem.report).join(s.ExportBatch, s.ExportBatch.id == s.ExportItem.export_id)
            .where(s.ExportItem.kind == kind, s.ExportItem.record_id == record_id,
                   s.ExportItem.revision == revision, s.ExportItem.action != "D", s.ExportBatch.state == FINAL)
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
    with store.unit(users.READ, write=False) as u:
        q = (select(s.ExportBatch).options(selectinload(s.ExportBatch.files)).where(s.ExportBatch.state == FINAL)
             .order_by(s.ExportBatch.id.desc()))
        if year is not None:
            q = q.where(s.ExportBatch.year == year)
        if month is not None:
            q = q.where(s.ExportBatch.month == month)
        return [_export_info(r) for r in u.session.scalars(q)]


def export_info(store, export_id: int) -> ExportInfo:
    """One export with every report as it was sent."""
    with store.unit(users.READ, write=False) as u:
        row = u.session.get(s.ExportBatch, export_id, options=[selectinload(s.ExportBatch.files)])
        if row is None:
            raise StoreError(f"there is no export {export_id}")
        info = _export_info(row)
        for it in u.session.scalars(select(s.ExportItem).where(s.ExportItem.export_id == export_id)
                                  .order_by(s.ExportItem.position)):
            from desktop.nibrs.invalid import apply_layout

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
        return key_text(self.report)[:60]


class ChangedMeanwhile(StoreError):
    """A record changed between planning and recording the export; nothing was recorded."""


def record_export(store, *, batch: dict[str, Any], entries: Sequence[ExportEntry],
                  files: Sequence[tuple[str, str, int]], purge_unsent: Sequence[tuple[str, int]] = (),
                  commit_files: Callable[[], None] | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  step: Callable[[str], None] | None = None) -> int:
    """Record an export and return its id: recorded or not written, at every moment.

    1. :func:`record_pending` commits the export as ``pending`` (the batch, its files and SHA-256, every
       report as sent); the records are not touched yet. Every record must still be as planned.
    2. ``commit_files`` moves the written file to its final name (one rename).
    3. :func:`finalize_export` marks the records submitted at the revision sent, purges the records whose
       delete was sent, writes the audit entries and makes the export ``final``, in one transaction.

    A kill between 1 and 3 leaves a pending export that :func:`reconcile_exports` (at the next start)
    finishes when its file is under its final name with the SHA-256 recorded, or takes back when it is not.
    ``step(name)`` is told each step as it is reached ("pending", "renamed", "final"): the kill tests stop there.
    """
    export_id = record_pending(store, batch=batch, entries=entries, files=files, purge_unsent=purge_unsent,
                               progress=progress)
    if step is not None:
        step("pending")
    if commit_files is not None:
        try:
            commit_files()
        except BaseException:
            discard_export(store, export_id, "its file could not be given its final name")
            raise
    if step is not None:
        step("renamed")
    finalize_export(store, export_id)
    store.db.anchor("export", f"export {export_id}")  # the trail's head beside the database with the file (issue 19)
    if step is not None:
        step("final")
    return export_id


def record_pending(store, *, batch: dict[str, Any], entries: Sequence[ExportEntry],
                   files: Sequence[tuple[str, str, int]], purge_unsent: Sequence[tuple[str, int]] = (),
                   progress: Callable[[int, int], None] | None = None) -> int:
    """Step 1 of :func:`record_export`: the export as ``pending``, every record checked to be as planned."""
    total = len(entries)
    with store.unit(users.EXPORT, now=batch.get("created_at")) as u:
        session, now, user = u.session, u.now, u.user
        rows: dict[tuple[str, int], Any] = {}  # what is checked of each record: its state, not its report
        for kind, k in KINDS.items():
            ids = sorted({e.record_id for e in entries if e.kind == kind and e.record_id is not None})
            for i in range(0, len(ids), 500):
                for row in session.execute(select(k.row.id, k.row.revision, k.row.status, k.row.deleted_at,
                                                  k.row.submitted_revision).where(k.row.id.in_(ids[i:i + 500]))):
                    rows[(kind, row.id)] = row
        for e in entries:
            if e.record_id is None:
                continue
            row = rows.get((e.kind, e.record_id))
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
        created: list[list[Any]] = []
        for e in entries:
            if e.record_id is None:  # the month's zero report, made by this export (taken back with it)
                row = to_row(e.report, store.dictionary, e.kind)
                u.stamp(row, [], created=True)
                row.status, row.revision, row.invalid = APPROVED, 1, {}
                session.add(row)
                session.flush()
                e.record_id, e.revision = row.id, 1
                created.append([e.kind, row.id])
        finish = {"submit": [[e.kind, e.record_id, e.revision] for e in entries if e.mark_submitted],
                  "purge": [[e.kind, e.record_id, e.revision] for e in entries if e.purge],
                  "purge_unsent": [list(p) for p in purge_unsent], "created": created}
        params = {**dict(batch.get("params") or {}), "finish": finish}
        export = s.ExportBatch(**{**batch, "params": params, "created_at": now, "created_by": user,
                                  "app_version": __version__, "state": PENDING})
        session.add(export)
        session.flush()
        for path, digest, size in files:
            session.add(s.ExportFile(export_id=export.id, path=path, sha256=digest, size=size))
        items: list[dict[str, Any]] = []
        for position, e in enumerate(entries, 1):
            items.append({"export_id": export.id, "position": position, "kind": e.kind, "record_id": e.record_id,
                          "revision": e.revision, "action": e.action, "key": e.key,
                          "report": serialize.report_to_dict(e.report), "document": e.document,
                          "first_record": e.first_record, "records": e.records, "layout": e.layout})
            if progress is not None and (position % 100 == 0 or position == total):
                progress(position, total)
        session.execute(insert(s.ExportItem), items)
        u.audit(audit.EXPORT, detail={"export": export.id, "state": PENDING, "name": batch["name"],
                                      "out_dir": batch["out_dir"]})
        export_id = export.id
    return export_id


def finalize_export(store, export_id: int) -> None:
    """Step 3 of :func:`record_export`: the records move on, the export becomes ``final`` (one transaction).

    A record changed since it was written keeps its status and becomes submitted at the revision sent, so
    the next export sends what changed; a purged record already gone is skipped.
    """
    with store.unit(users.EXPORT) as u:
        session, now, user = u.session, u.now, u.user
        export = session.get(s.ExportBatch, export_id)
        if export is None or export.state != PENDING:
            return
        finish = dict((export.params or {}).get("finish") or {})
        it = s.ExportItem
        data = {(r.kind, r.record_id, r.revision): r for r in session.execute(  # plain rows, without the reports
            select(it.id, it.kind, it.record_id, it.revision, it.key, it.action)
            .where(it.export_id == export_id, it.action != "D"))}
        trail: list[dict[str, Any]] = []
        for kind, record_id in finish.get("created", []):
            item = data.get((kind, record_id, 1))
            values = session.scalar(select(it.report).where(it.id == item.id)) if item else {}
            trail.append({"action": audit.CREATE, "kind": kind, "record_id": record_id,
                          "detail": {"key": item.key if item else "", "status": APPROVED, "by_export": export_id,
                                     "values": values}})
        submit = [tuple(x) for x in finish.get("submit", [])]
        snapshots = _existing_snapshots(session, submit)
        revisions: list[int] = []  # the items whose report becomes the record's revision snapshot
        state = _states(session, submit)  # (kind, id) -> (revision, status, deleted_at), read a chunk at a time
        moved: dict[str, list[dict[str, Any]]] = {}  # kind -> the records' new values, written in bulk below
        for kind, record_id, revision in submit:
            if (kind, record_id) not in state:
                continue
            current, old, deleted_at = state[(kind, record_id)]
            new = SUBMITTED if current == revision and old == APPROVED and deleted_at is None else old
            moved.setdefault(kind, []).append({"id_": record_id, "status": new, "submitted_revision": revision,
                                               "updated_at": now, "updated_by": user})
            item = data.get((kind, record_id, revision))
            if item is not None and (kind, record_id, revision) not in snapshots:
                revisions.append(item.id)
                snapshots.add((kind, record_id, revision))
            trail.append({"action": audit.EXPORT, "kind": kind, "record_id": record_id,
                          "detail": {"export": export_id, "key": item.key if item else "",
                                     "action": item.action if item else "", "revision": revision, "from": old,
                                     "to": new}})
        for kind, values in moved.items():
            table = KINDS[kind].row.__table__
            session.execute(update(table).where(table.c.id == bindparam("id_")), values)
        checksums.refresh_header(session, {kind: [v["id_"] for v in values] for kind, values in moved.items()})
        for kind, record_id, revision in finish.get("purge", []):
            row = session.get(KINDS[kind].row, record_id)
            if row is None or row.deleted_at is None:
                continue
            session.delete(row)
            trail.append({"action": audit.DELETE, "kind": kind, "record_id": record_id,
                          "detail": {"purged": True, "delete_sent_in_export": export_id}})
        for kind, record_id in finish.get("purge_unsent", []):
            row = session.get(KINDS[kind].row, record_id)
            if row is not None and row.deleted_at is not None:
                session.delete(row)
                trail.append({"action": audit.DELETE, "kind": kind, "record_id": record_id, "detail": {
                    "purged": True, "why": "deleted after the state rejected it: nothing to delete at the FBI",
                    "export": export_id}})
        files = session.scalars(select(s.ExportFile).where(s.ExportFile.export_id == export_id)).all()
        trail.append({"action": audit.EXPORT, "detail": {
            "export": export_id, "month": f"{export.year:04d}-{export.month:02d}", "format": export.format,
            "name": export.name, "out_dir": export.out_dir, "reports": len(submit) + len(finish.get("purge", [])),
            "files": [{"path": f.path, "sha256": f.sha256} for f in files][:20]}})
        rv = s.RevisionRow
        for i in range(0, len(revisions), 500):  # the snapshots copied from the items in the database, as stored
            session.execute(insert(rv).from_select(
                ["kind", "record_id", "revision", "saved_at", "saved_by", "status", "data"],
                select(it.kind, it.record_id, it.revision, literal(now, DateTime), literal(user, String),
                       literal(SUBMITTED, String), it.report).where(it.id.in_(revisions[i:i + 500]))
                .order_by(it.position)))
        u.audit_many(trail)
        export.state = FINAL
        head = session.info.get("audit_head")  # the trail's newest entry, kept with the export's record (issue 19)
        if head is not None:
            export.params = {**dict(export.params or {}), "audit_head": {"seq": head[0], "hash": head[1]}}


def discard_export(store, export_id: int, why: str) -> None:
    """Take back a pending export whose file never got its final name: its record, and the zero report it made."""
    with store.unit(users.EXPORT) as u:
        export = u.session.get(s.ExportBatch, export_id)
        if export is None or export.state != PENDING:
            return
        finish = dict((export.params or {}).get("finish") or {})
        for kind, record_id in finish.get("created", []):
            row = u.session.get(KINDS[kind].row, record_id)
            if row is not None:
                u.session.delete(row)
        u.session.execute(s.ExportItem.__table__.delete().where(s.ExportItem.export_id == export_id))
        u.session.execute(s.ExportFile.__table__.delete().where(s.ExportFile.export_id == export_id))
        u.session.delete(export)
        u.audit(audit.EXPORT, detail={"export": export_id, "state": "discarded", "why": why, "name": export.name,
                                      "out_dir": export.out_dir})


def pending_exports(store) -> list[ExportInfo]:
    """Exports recorded as pending (a kill between recording and finishing): for :func:`reconcile_exports`."""
    with store.db.read() as session:
        q = select(s.ExportBatch).options(selectinload(s.ExportBatch.files)).where(s.ExportBatch.state == PENDING)
        return [_export_info(r) for r in session.scalars(q.order_by(s.ExportBatch.id))]


def _states(session, wanted: list[tuple[str, int, int]]) -> dict[tuple[str, int], tuple[int, str, Any]]:
    """(revision, status, deleted_at) of the records named, a query per kind and 500 records."""
    out: dict[tuple[str, int], tuple[int, str, Any]] = {}
    by_kind: dict[str, list[int]] = {}
    for kind, record_id, _rev in wanted:
        by_kind.setdefault(kind, []).append(record_id)
    for kind, ids in by_kind.items():
        cls = KINDS[kind].row
        for i in range(0, len(ids), 500):
            for rid, revision, status, deleted_at in session.execute(
                    select(cls.id, cls.revision, cls.status, cls.deleted_at).where(cls.id.in_(ids[i:i + 500]))):
                out[(kind, rid)] = (revision, status, deleted_at)
    return out


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
    with store.unit(users.EXPORT) as u:
        u.audit(audit.EXPORT, detail={"reproduced": export_id, "out_dir": out_dir, "identical": identical})


