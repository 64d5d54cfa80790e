"""State feedback in the database: the errors of an EDS or a service response attached to their records.

:func:`record_feedback` keeps the file's errors beside the records and revisions they name and
moves submitted records to rejected or accepted; :func:`state_findings` gives them back to the
list and the wizard's Review page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Sequence

from sqlalchemy import and_, func, or_, select

from desktop.nibrs.findings import Finding
from desktop.store import audit, users
from desktop.store import schema as s
from desktop.store.kinds import KINDS, describe
from desktop.store.lifecycle import ACCEPTED, REJECTED, SUBMITTED

FEEDBACK = "feedback"  # audit action


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
    k = KINDS[kind]
    cls = k.row
    with store.db.read() as session:
        conds = []
        for c, v in zip(k.key, key):
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
        return session.get(KINDS[kind].row, record_id) is not None


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
    outcome: dict[str, list[str]] = {"rejected": [], "accepted": [], "warned": [], "unmatched": [], "kept": []}
    with store.unit(users.FEEDBACK) as u:
        session, now, user = u.session, u.now, u.user
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
            row = session.get(KINDS[kind].row, record_id)
            if row is None:
                continue
            label = describe(row, kind)
            has_error = any(f.is_error for f in found)
            if row.status in (SUBMITTED, ACCEPTED) and row.revision == row.submitted_revision:
                new = REJECTED if has_error else ACCEPTED
                if new != row.status:
                    moved[(kind, record_id)] = new
                    u.audit(audit.STATUS, kind=kind, record_id=record_id, detail={
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
            row = session.get(KINDS[kind].row, record_id)
            if row is None or row.status != SUBMITTED or row.revision != row.submitted_revision:
                continue
            row.status = ACCEPTED
            row.updated_at = now
            row.updated_by = user
            u.audit(audit.STATUS, kind=kind, record_id=record_id,
                    detail={"from": SUBMITTED, "to": ACCEPTED, "revision": row.revision, "feedback": fb.id})
            outcome["accepted"].append(describe(row, kind))
        fb.summary = {k: len(v) for k, v in outcome.items()}
        u.audit(FEEDBACK, detail={"feedback": fb.id, "file": name, "format": fmt, **fb.summary})
        feedback_id = fb.id
    return feedback_id, outcome


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
    with store.unit(users.READ, write=False) as u:
        session = u.session
        row = session.get(KINDS[kind].row, record_id)
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
            cls = KINDS[kind].row
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

