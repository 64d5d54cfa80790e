"""A report's life: draft, ready for review, approved, submitted, accepted or rejected.

People move a report on one step at a time, each step needing a permission (``TRANSITIONS``);
the system (imports, exports, feedback) may move it anywhere. A report approved or submitted is
kept as it was at that revision (``revision_snapshot``), so what was reviewed and sent can be
shown and sent again.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.findings import Finding
from desktop.store import audit, users
from desktop.store import schema as s
from desktop.store.errors import PermissionDenied, StoreError
from desktop.store.kinds import KINDS
from desktop.store.mapping import from_row
from desktop.store.unit import Unit

DRAFT, READY, APPROVED, SUBMITTED, ACCEPTED, REJECTED = (
    "draft", "ready", "approved", "submitted", "accepted", "rejected")
STATUSES = (DRAFT, READY, APPROVED, SUBMITTED, ACCEPTED, REJECTED)
STATUS_LABELS = {DRAFT: "Draft", READY: "Ready for review", APPROVED: "Approved",
                 SUBMITTED: "Submitted", ACCEPTED: "Accepted", REJECTED: "Rejected"}


def check_status(status: str) -> None:
    if status not in STATUSES:
        raise StoreError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")


class Lifecycle:
    """The Store's statuses and review steps (a part of :class:`desktop.store.service.Store`)."""

    # (from, to) -> permission needed. The system may move a report anywhere; people follow these steps.
    TRANSITIONS = {
        (DRAFT, READY): users.SUBMIT_FOR_REVIEW,
        (READY, DRAFT): users.SUBMIT_FOR_REVIEW,  # withdrawn by its author, or returned by a supervisor
        (READY, APPROVED): users.REVIEW,
        (APPROVED, READY): users.REVIEW,
        (APPROVED, DRAFT): users.REVIEW,
        (APPROVED, SUBMITTED): users.EXPORT,
        (SUBMITTED, ACCEPTED): users.FEEDBACK,
        (SUBMITTED, REJECTED): users.FEEDBACK,
        (ACCEPTED, REJECTED): users.FEEDBACK,
        (REJECTED, DRAFT): users.EDIT_OWN_DRAFT,
    }

    def set_status(self, kind: str, record_id: int, status: str, *, comment: str | None = None):
        """Move a report on in its life: send for review, return, approve, mark submitted/accepted/rejected."""
        check_status(status)
        with self.unit() as u:
            row = u.row(kind, record_id, include_deleted=False)
            old = row.status
            if old == status:
                return self._stored(kind, row)
            if not self.actor or not self.actor.is_system:
                need = self.TRANSITIONS.get((old, status))
                if need is None:
                    raise StoreError(f"a report that is {STATUS_LABELS[old].lower()} cannot become "
                                     f"{STATUS_LABELS[status].lower()} directly")
                if (old, status) == (READY, DRAFT) and row.created_by != self.user:
                    need = users.REVIEW  # returning someone else's report is a supervisor's call
                    if not (comment or "").strip():
                        raise StoreError("say what needs changing when you return a report")
                u.require(need)
                if (old, status) in ((REJECTED, DRAFT), (DRAFT, READY)) and row.created_by != self.user:
                    u.require(users.EDIT_ANY, "move someone else's report on")
                if status == APPROVED and row.created_by == self.user and not self.self_approval_allowed():
                    raise PermissionDenied(
                        f"{self.user} wrote this {KINDS[kind].words} and may not approve it: a second supervisor "
                        "or an administrator approves it (an office with one supervisor can allow self-approval "
                        "under Tools > Security settings)")
                blocking = self.blocking_errors(row, status)
                if blocking:
                    raise StoreError(f"this {KINDS[kind].words} still has {blocking} error"
                                     f"{'s' if blocking != 1 else ''}; fix them first")
            row.status = status
            row.updated_at = u.now
            row.updated_by = self.user
            if comment is not None:
                row.review_note = comment.strip() or None
            elif status == APPROVED:
                row.review_note = None
            if status in (APPROVED, SUBMITTED):
                self.snapshot_revision(u, kind, row)
            action = {APPROVED: audit.APPROVE}.get(status, audit.RETURN if (old, status) == (READY, DRAFT)
                                                   and row.created_by != self.user else audit.STATUS)
            u.audit(action, kind=kind, record_id=record_id, detail={
                "from": old, "to": status, "revision": row.revision, **({"comment": comment} if comment else {})})
            return self._stored(kind, row)

    SELF_APPROVAL_KEY = "self_approval"

    def self_approval_allowed(self) -> bool:
        """Whether the author of a report may approve it: only where an administrator recorded that the office has
        one supervisor (``allow_self_approval``); otherwise a second supervisor or an administrator approves."""
        value = self.get_setting(self.SELF_APPROVAL_KEY)
        return bool(isinstance(value, dict) and value.get("allowed"))

    def allow_self_approval(self, allowed: bool, reason: str = "the office has one supervisor") -> None:
        """An administrator's recorded decision (in the audit trail, with who and why): a one-supervisor office
        lets the author of a report approve it."""
        self.require(users.SETTINGS)
        self.set_setting(self.SELF_APPROVAL_KEY, {"allowed": bool(allowed), "reason": (reason or "").strip(),
                                                  "by": self.user})

    SUPPLEMENT_FROM = (APPROVED, SUBMITTED, ACCEPTED)

    def may_supplement(self, kind: str, record) -> bool:
        """Whether the signed-in person may add a supplement to a stored report (``record``: a StoredRecord)."""
        actor = self.actor
        if actor is None or record.status not in self.SUPPLEMENT_FROM or record.deleted:
            return False
        return actor.can(users.EDIT_ANY) or (record.created_by == self.user and actor.can(users.EDIT_OWN_DRAFT))

    def add_supplement(self, kind: str, record_id: int):
        """A supplement to a report past review: it becomes a draft again at a new revision, for its author (or
        anyone who may change any report) to change, and goes through review again. What was approved and sent
        stays as it was (its revision snapshot, the revision sent), so the next export sends the new revision as
        a replacement."""
        with self.unit() as u:
            row = u.row(kind, record_id, include_deleted=False)
            if row.status not in self.SUPPLEMENT_FROM:
                raise StoreError(f"a report that is {STATUS_LABELS[row.status].lower()} needs no supplement: "
                                 "change it as it is")
            if row.created_by == self.user:
                u.require(users.EDIT_OWN_DRAFT, "add a supplement to their report")
            else:
                u.require(users.EDIT_ANY, "add a supplement to someone else's report")
            self.snapshot_revision(u, kind, row)  # the revision reviewed (and sent) is kept as it was
            old = row.status
            row.status = DRAFT
            row.revision += 1
            row.review_note = None
            row.updated_at = u.now
            row.updated_by = self.user
            u.audit(audit.STATUS, kind=kind, record_id=record_id,
                    detail={"from": old, "to": DRAFT, "revision": row.revision, "supplement": True})
            return self._stored(kind, row)

    def return_for_changes(self, kind: str, record_id: int, comment: str):
        """A supervisor sends a report back to its author with a comment."""
        return self.set_status(kind, record_id, DRAFT, comment=comment)

    def revision_snapshot(self, kind: str, record_id: int, revision: int) -> m.Report | None:
        with self.db.read() as session:
            row = session.scalar(select(s.RevisionRow).where(
                s.RevisionRow.kind == kind, s.RevisionRow.record_id == record_id, s.RevisionRow.revision == revision))
            return None if row is None else serialize.report_from_dict(row.data, self.dictionary)

    def snapshot_revision(self, u: Unit, kind: str, row) -> None:
        exists_q = select(s.RevisionRow.id).where(s.RevisionRow.kind == kind, s.RevisionRow.record_id == row.id,
                                                  s.RevisionRow.revision == row.revision)
        if u.session.scalar(exists_q) is not None:
            return
        report = from_row(row, self.dictionary, kind)
        u.session.add(s.RevisionRow(kind=kind, record_id=row.id, revision=row.revision, saved_at=u.now,
                                    saved_by=self.user, status=row.status, data=serialize.report_to_dict(report)))

    def blocking_errors(self, row, status: str) -> int:
        """Errors that stop a report from moving on. Errors on restricted fields the author may not
        see do not stop it being sent for review (the reviewer fills those in); they stop approval."""
        if status not in (READY, APPROVED):
            return 0
        findings = [Finding.from_dict(f) for f in (row.findings or [])]
        hidden = set(self.restricted_elements()) if not self.actor.can(users.RESTRICTED) else set()
        return sum(1 for f in findings if f.is_error and not (status == READY and f.element in hidden))
