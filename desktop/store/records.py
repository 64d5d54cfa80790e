"""Reports as records: create, read, update and delete, one transaction each.

The store refuses values the data dictionary does not allow (``InvalidReport``, naming the
element), records every save's findings (through the Store's ``validator``), its revision and
who saved it, and an audit entry with what changed. A record submitted to the state is not
removed when deleted: it stays, marked deleted, until its delete is sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.findings import Finding, count
from desktop.nibrs.values import Problem, report_problems
from desktop.store import audit, users
from desktop.store.errors import DuplicateRecord, InvalidReport, PermissionDenied, StaleRevision, StoreError
from desktop.store.kinds import KINDS, kind as kind_of, key_text
from desktop.store.lifecycle import DRAFT, READY, REJECTED, check_status
from desktop.store.mapping import from_row, to_row

Validator = Callable[[m.Report], Sequence[Finding]]
# The store's default validator: the FBI edits (desktop.nibrs.rules) with the agency settings and
# this database as history (desktop.store.history). Pass validator=None for no validation.
DEFAULT_VALIDATOR: Any = object()


@dataclass
class StoredRecord:
    """A report as stored, with its record metadata."""

    kind: str
    id: int
    report: m.Report
    status: str
    revision: int
    created_at: datetime
    updated_at: datetime
    created_by: str = ""
    updated_by: str = ""
    wizard_page: str | None = None
    findings: list[Finding] = field(default_factory=list)
    submitted_revision: int | None = None
    deleted: bool = False
    profile: str = "fbi"
    profile_version: str = ""
    invalid: dict[str, Any] = field(default_factory=dict)
    review_note: str | None = None
    restricted_hidden: bool = False  # restricted values exist but this user may not see them

    @property
    def needs_resubmission(self) -> bool:
        return self.submitted_revision is not None and self.revision > self.submitted_revision

    @property
    def error_count(self) -> int:
        return count(self.findings)[0]

    @property
    def warning_count(self) -> int:
        return count(self.findings)[1]


class Records:
    """The Store's records (a part of :class:`desktop.store.service.Store`)."""

    # ------------------------------------------------------------------ checks
    def check(self, report: m.Report) -> None:
        """Refuse a report with values its data elements cannot hold."""
        problems = report_problems(report, self.dictionary)
        problems += [Problem(self.dictionary.element(element_id), name, None, "is required to save a report")
                     for element_id, name in KINDS[report.KIND].required if getattr(report, name) in (None, "")]
        if problems:
            raise InvalidReport(problems)

    def findings_for(self, report: m.Report, record_id: int | None = None) -> list[Finding]:
        """The findings recorded with a save; ``record_id`` is the record being updated (it is not a duplicate of
        itself)."""
        if self.validator is DEFAULT_VALIDATOR:
            from desktop.store.history import validate_stored

            return validate_stored(self, report, stored_id=record_id)
        return list(self.validator(report)) if self.validator else []

    # ------------------------------------------------------------------ create / update / delete
    def create(self, report: m.Report, *, status: str = DRAFT, wizard_page: str | None = None,
               findings: Sequence[Finding] | None = None, invalid: dict[str, Any] | None = None) -> StoredRecord:
        self.require(users.CREATE)
        self._check_restricted_write(report)
        self.check(report)
        check_status(status)
        if status != DRAFT and not self.actor.is_system:
            raise PermissionDenied("a new report starts as a draft; send it for review when it is complete")
        found = list(findings) if findings is not None else self.findings_for(report)
        kind = report.KIND
        row = to_row(report, self.dictionary, kind)
        row.status = status
        row.revision = 1
        row.wizard_page = wizard_page
        row.invalid = dict(invalid or {})
        try:
            with self.unit(users.CREATE) as u:
                u.stamp(row, found, created=True)
                u.session.add(row)
                u.session.flush()
                record_id = row.id
                u.audit(audit.CREATE, kind=kind, record_id=record_id, detail={
                    "key": key_text(report), "status": status, "values": serialize.report_to_dict(report)})
        except IntegrityError as exc:
            raise self._duplicate(report, exc) from exc
        return self.get(kind, record_id, audited=False)

    def update(self, kind: str, record_id: int, report: m.Report, *, expected_revision: int | None = None,
               wizard_page: str | None = None, findings: Sequence[Finding] | None = None,
               status: str | None = None, invalid: dict[str, Any] | None = None) -> StoredRecord:
        """Save a changed report as a new revision.

        A report past review (approved, submitted, accepted, rejected) that changes goes back to
        draft, to pass review again; it keeps the revision last sent, so the next export sends it
        as a replacement. ``invalid`` keeps what was typed but not understood yet.
        """
        words = kind_of(kind).words
        if report.KIND != kind:
            raise StoreError(f"cannot store a {report.KIND} in place of a {words}")
        self.check(report)
        if status is not None:
            check_status(status)
        found = list(findings) if findings is not None else self.findings_for(report, record_id)
        try:
            with self.unit() as u:
                row = u.row(kind, record_id)
                self._require_edit(row)
                if expected_revision is not None and row.revision != expected_revision:
                    raise StaleRevision(
                        f"this {words} was changed elsewhere (revision {row.revision}, "
                        f"you edited revision {expected_revision}); reopen it to see the changes")
                before = from_row(row, self.dictionary, kind)
                seen = report
                report = self._keep_hidden_restricted(report, before)
                if report is not seen and findings is not None and self._restricted_values(report):
                    found = self.findings_with_hidden(report, found, record_id)
                changes = audit.diff(serialize.report_to_dict(before), serialize.report_to_dict(report))
                to_row(report, self.dictionary, kind, row=row)
                u.stamp(row, found)
                row.revision += 1
                if wizard_page is not None:
                    row.wizard_page = wizard_page
                old_status = row.status
                if self.keeps_review(old_status, changes):
                    pass  # a reviewer filling restricted fields in: it stays ready, to approve in one step
                elif status is not None and (self.actor.is_system or status == DRAFT):
                    row.status = status
                elif row.status != DRAFT and not self.actor.is_system:
                    row.status = DRAFT  # changed after review: it goes through review again
                row.invalid = dict(invalid or {})
                if changes or row.status != old_status:
                    u.audit(audit.UPDATE, kind=kind, record_id=record_id,
                            detail={"key": key_text(report), "revision": row.revision, "changes": changes,
                                    **({"status": [old_status, row.status]} if row.status != old_status else {})})
        except IntegrityError as exc:
            raise self._duplicate(report, exc) from exc
        return self.get(kind, record_id, audited=False)

    def save_draft(self, kind: str, record_id: int | None, report: m.Report, *,
                   wizard_page: str | None = None, invalid: dict[str, Any] | None = None,
                   findings: Sequence[Finding] | None = None) -> StoredRecord:
        """Autosave: create or update, keeping the record a draft (or sending it back to draft).

        ``invalid`` keeps what was typed but not understood yet (path -> text), so a draft
        loses nothing; ``findings`` are the editor's own (FBI edits and entry problems).
        """
        if record_id is None:
            return self.create(report, status=DRAFT, wizard_page=wizard_page, invalid=invalid, findings=findings)
        return self.update(kind, record_id, report, wizard_page=wizard_page, status=DRAFT, invalid=invalid,
                           findings=findings)

    def next_number(self, kind: str, prefix: str, width: int = 6) -> str:
        """The next free number ``prefix`` + zero-padded sequence (e.g. "25-000042"), for a new report."""
        col = KINDS[kind].number_column
        with self.unit(users.READ, write=False) as u:
            q = select(col).where(col.startswith(prefix, autoescape=True), func.length(col) == len(prefix) + width)
            highest = 0
            for number in u.session.scalars(q):
                tail = number[len(prefix):]
                if tail.isdigit():
                    highest = max(highest, int(tail))
        return f"{prefix}{highest + 1:0{width}d}"

    def delete(self, kind: str, record_id: int) -> None:
        """Delete a record; one that was submitted stays, marked deleted, until its delete is sent."""
        with self.unit() as u:
            row = u.row(kind, record_id)
            own_draft = row.created_by == self.user and row.status == DRAFT and row.submitted_revision is None
            u.require(users.DELETE_OWN_DRAFT if own_draft else users.DELETE_ANY,
                      "delete this report" if not own_draft else "")
            number = KINDS[kind].number
            detail = {"key": getattr(row, number) if number else f"{row.year}-{row.month:02d}", "status": row.status,
                      "values": serialize.report_to_dict(from_row(row, self.dictionary, kind))}
            if row.submitted_revision is not None:
                row.deleted_at = u.now
                row.updated_by = self.user
                detail["kept_for_delete_submission"] = True
            else:
                u.session.delete(row)
            u.audit(audit.DELETE, kind=kind, record_id=record_id, detail=detail)

    def purge(self, kind: str, record_id: int) -> None:
        """Remove a record for good (after its delete was sent)."""
        with self.unit(users.EXPORT) as u:
            u.session.delete(u.row(kind, record_id, include_deleted=True))
            u.audit(audit.DELETE, kind=kind, record_id=record_id, detail={"purged": True})

    # ------------------------------------------------------------------ read
    def get(self, kind: str, record_id: int, *, include_deleted: bool = True, audited: bool = True) -> StoredRecord:
        """A report for a person to see: restricted fields hidden unless granted, and views audited.

        ``audited=False`` is a read by the program itself (to match or check a report), which no person sees.
        """
        with self.unit(users.READ, write=False) as u:
            stored = self._stored(kind, u.row(kind, record_id, include_deleted=include_deleted))
        restricted = self._restricted_values(stored.report)
        if restricted and not self.actor.can(users.RESTRICTED):
            stored.report = self._strip_restricted(stored.report)
            stored.restricted_hidden = True
        elif restricted and audited and not self.actor.is_system:
            with self.unit() as u:
                u.audit(audit.VIEW_RESTRICTED, kind=kind, record_id=record_id,
                        detail={"key": key_text(stored.report), "fields": sorted(restricted)})
        return stored

    def find(self, kind: str, *key: Any, include_deleted: bool = False) -> StoredRecord | None:
        """A record by its NIBRS key: (ori, incident number), (ori, ATN, sequence) or (ori, year, month)."""
        k = KINDS[kind]
        with self.db.read() as session:
            q = select(k.row).where(*[getattr(k.row, c) == v for c, v in zip(k.key, key)])
            if not include_deleted:
                q = q.where(k.row.deleted_at.is_(None))
            row = session.scalars(q.order_by(k.row.id.desc())).first()
            record_id = None if row is None else row.id
        return None if record_id is None else self.get(kind, record_id, audited=False)

    def ids(self, kind: str, *, include_deleted: bool = False) -> list[int]:
        row_cls = KINDS[kind].row
        with self.unit(users.READ, write=False) as u:
            q = select(row_cls.id)
            if not include_deleted:
                q = q.where(row_cls.deleted_at.is_(None))
            return list(u.session.scalars(q.order_by(row_cls.id)))

    def numbers(self, kind: str, record_ids: Iterable[int]) -> dict[int, str]:
        """The number a person knows each record by (incident number, arrest number, YYYY-MM), by record id."""
        self.require(users.READ)
        k = KINDS[kind]
        wanted = sorted(set(record_ids))
        if not wanted:
            return {}
        cols = (k.number_column,) if k.number else (k.row.year, k.row.month)
        out: dict[int, str] = {}
        with self.db.read() as session:
            for start in range(0, len(wanted), 500):
                for row in session.execute(select(k.row.id, *cols).where(k.row.id.in_(wanted[start:start + 500]))):
                    out[row[0]] = str(row[1]) if len(row) == 2 else f"{row[1]:04d}-{row[2]:02d}"
        return out

    # ------------------------------------------------------------------ internals
    def _require_edit(self, row) -> None:
        own = row.created_by == self.user and row.status in (DRAFT, READY, REJECTED)
        if own and self.actor is not None and self.actor.can(users.EDIT_OWN_DRAFT):
            return
        self.require(users.EDIT_ANY, "change this report" if own else
                     "change a report that is someone else's or past review")

    def _stored(self, kind: str, row) -> StoredRecord:
        report = from_row(row, self.dictionary, kind)
        if (self.migrate_extras is not None and row.profile == self.profile and row.profile_version
                and row.profile_version != self.profile_version):
            from desktop.nibrs.values import extras_from_json, walk

            for seg_kind, segment, _where in walk(report):
                if segment.extras:
                    moved = self.migrate_extras(row.profile_version, segment.extras)
                    segment.extras = extras_from_json(seg_kind, moved, self.dictionary)
        return StoredRecord(
            kind=kind, id=row.id, report=report, status=row.status, revision=row.revision,
            created_at=row.created_at, updated_at=row.updated_at, created_by=row.created_by,
            updated_by=row.updated_by, wizard_page=row.wizard_page,
            findings=[Finding.from_dict(f) for f in (row.findings or [])],
            submitted_revision=row.submitted_revision, deleted=row.deleted_at is not None,
            profile=row.profile, profile_version=row.profile_version, invalid=dict(row.invalid or {}),
            review_note=row.review_note)

    def _duplicate(self, report: m.Report, exc: IntegrityError) -> StoreError:
        if report.KIND == "incident":
            return DuplicateRecord(f"an incident numbered {report.incident_number} already exists for ORI {report.ori}")
        if report.KIND == "group_b":
            return DuplicateRecord(
                f"a Group B arrest {report.arrest_transaction_number} (arrestee {report.sequence_number}) "
                f"already exists for ORI {report.ori}")
        if report.KIND == "zero_report":
            return DuplicateRecord(f"a zero report for {report.year}-{report.month:02d} already exists for ORI {report.ori}")
        return StoreError(str(exc.orig))  # pragma: no cover
