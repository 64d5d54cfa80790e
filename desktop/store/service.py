"""The service layer: the only code that writes the database.

Views and commands call :class:`Store`; it refuses values the data dictionary does not
allow, keeps each save to one transaction, records status and revision, and (through the
``validator`` it is given) the FBI findings of every report it saves. It also checks who
may do what (``users.Actor``; roles deputy, supervisor, administrator), moves reports through
their life (draft, ready for review, approved, submitted, accepted or rejected), keeps
restricted state-profile fields from anyone not granted them, and writes every change, login
and view of a restricted field to the hash-chained audit trail in the same transaction.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import Select, delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import Finding, count
from desktop.nibrs.values import Problem, report_problems
from desktop.store import audit, users
from desktop.store import schema as s
from desktop.store.db import Database, open_database
from desktop.store.errors import (  # noqa: F401  (the store's errors, for its callers)
    AccessError, AuthenticationError, DuplicateRecord, InvalidReport, NotFound, PermissionDenied, StaleRevision,
    StoreError,
)
from desktop.store.mapping import from_row, to_row
from desktop.store.users import SYSTEM_ACTOR, Actor

DRAFT, READY, APPROVED, SUBMITTED, ACCEPTED, REJECTED = (
    "draft", "ready", "approved", "submitted", "accepted", "rejected")
STATUSES = (DRAFT, READY, APPROVED, SUBMITTED, ACCEPTED, REJECTED)
STATUS_LABELS = {DRAFT: "Draft", READY: "Ready for review", APPROVED: "Approved",
                 SUBMITTED: "Submitted", ACCEPTED: "Accepted", REJECTED: "Rejected"}

KINDS = ("incident", "group_b", "zero_report")
_ROW = {"incident": s.Incident, "group_b": s.GroupBArrestRow, "zero_report": s.ZeroReportRow}
_KIND_WORDS = {"incident": "incident", "group_b": "Group B arrest", "zero_report": "zero report"}

Validator = Callable[[m.Report], Sequence[Finding]]
# The store's default validator: the FBI edits (desktop.nibrs.rules) with the agency settings and
# this database as history (desktop.store.history). Pass validator=None for no validation.
DEFAULT_VALIDATOR: Any = object()


@dataclass
class AgencySettings:
    ori: str
    name: str
    state_profile: str = "fbi"
    nibrs_start_date: date | None = None
    spec_version: str = "2019.1"
    federal: bool = False


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
    error_count: int
    warning_count: int
    updated_at: datetime
    revision: int


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


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _key_text(report: m.Report) -> str:
    if isinstance(report, m.GroupAIncident):
        return f"{report.ori} {report.incident_number}"
    if isinstance(report, m.GroupBArrest):
        return f"{report.ori} {report.arrest_transaction_number}/{report.sequence_number}"
    return f"{report.ori} zero report {report.year}-{report.month}"


class Store:
    """Create, read, update, delete and search reports; agency settings."""

    def __init__(self, db: Database, *, actor: Actor | None = None, user: str | None = None,
                 dictionary: Dictionary | None = None, validator: Validator | None = DEFAULT_VALIDATOR,
                 profile: str = "fbi", profile_version: str = ""):
        self.db = db
        self.dictionary = dictionary or fbi_dictionary()
        self.validator = validator
        if validator is DEFAULT_VALIDATOR:  # load the rules now, not in the middle of the first save
            from desktop.nibrs.rules import REGISTRY

            REGISTRY.load()
        self.profile = profile
        self.profile_version = profile_version
        # Set with the profile (desktop.store.profiles): turns values saved under an older version
        # of this profile into what the current version calls them, when a record is read.
        self.migrate_extras: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None
        if actor is None and not self.has_users():
            # No accounts yet (first start, tests, scripts on a single-user install): the system acts.
            actor = Actor(user, users.SYSTEM) if user else SYSTEM_ACTOR
        self.actor: Actor | None = actor

    @property
    def user(self) -> str:
        return self.actor.username if self.actor else ""

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, passphrase: str | None = None, **kwargs: Any) -> "Store":
        return cls(open_database(Path(data_dir) if data_dir else None, passphrase=passphrase), **kwargs)

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ agency
    def agency(self) -> AgencySettings | None:
        with self.db.read() as session:
            row = session.get(s.Agency, 1)
            if row is None:
                return None
            return AgencySettings(row.ori, row.name, row.state_profile, row.nibrs_start_date,
                                  row.spec_version, row.federal)

    def save_agency(self, settings: AgencySettings) -> None:
        self._require(users.SETTINGS)
        ori = (settings.ori or "").strip().upper()
        element = self.dictionary.element("1")
        from desktop.nibrs.values import value_problem

        reason = value_problem(element, ori, self.dictionary)
        if reason or not ori:
            raise StoreError(f"ORI: {reason or 'an ORI is required'}")
        if not (settings.name or "").strip():
            raise StoreError("Agency name: a name is required")
        now = _now()
        with self.db.write() as session:
            row = session.get(s.Agency, 1)
            if row is None:
                row = s.Agency(id=1, created_at=now)
                session.add(row)
            row.ori = ori
            row.name = settings.name.strip()
            row.state_profile = settings.state_profile or "fbi"
            row.nibrs_start_date = settings.nibrs_start_date
            row.spec_version = settings.spec_version or "2019.1"
            row.federal = bool(settings.federal)
            row.updated_at = now
            audit.append(session, self.user, audit.SETTINGS, detail={"agency": dataclasses.asdict(settings)})

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.db.read() as session:
            row = session.get(s.Setting, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: Any) -> None:
        self._require(users.SETTINGS)
        with self.db.write() as session:
            audit.append(session, self.user, audit.SETTINGS, detail={"key": key, "value": value})
            row = session.get(s.Setting, key)
            if row is None:
                session.add(s.Setting(key=key, value=value))
            else:
                row.value = value

    # ------------------------------------------------------------------ checks
    def check(self, report: m.Report) -> None:
        """Refuse a report with values its data elements cannot hold."""
        problems = report_problems(report, self.dictionary)
        problems += self._key_problems(report)
        if problems:
            raise InvalidReport(problems)

    def _key_problems(self, report: m.Report) -> list[Problem]:
        need = {"incident": ("1", "ori", "2", "incident_number"),
                "group_b": ("1", "ori", "41", "arrest_transaction_number"),
                "zero_report": ("1", "ori", "zero_year", "year")}[report.KIND]
        out = []
        for element_id, name in (need[:2], need[2:]):
            if getattr(report, name) in (None, ""):
                out.append(Problem(self.dictionary.element(element_id), name, None, "is required to save a report"))
        if report.KIND == "zero_report" and report.month is None:
            out.append(Problem(self.dictionary.element("zero_month"), "month", None, "is required to save a report"))
        return out

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
        self._require(users.CREATE)
        self._check_restricted_write(report, None)
        self.check(report)
        self._check_status(status)
        if status != DRAFT and not self.actor.is_system:
            raise PermissionDenied("a new report starts as a draft; send it for review when it is complete")
        found = list(findings) if findings is not None else self.findings_for(report)
        kind = report.KIND
        now = _now()
        row = to_row(report, self.dictionary, kind)
        self._stamp(row, found, now, created=True)
        row.status = status
        row.revision = 1
        row.wizard_page = wizard_page
        row.invalid = dict(invalid or {})
        try:
            with self.db.write() as session:
                session.add(row)
                session.flush()
                record_id = row.id
                audit.append(session, self.user, audit.CREATE, kind=kind, record_id=record_id,
                             detail={"key": _key_text(report), "status": status,
                                     "values": serialize.report_to_dict(report)})
        except IntegrityError as exc:
            raise self._duplicate(report, exc) from exc
        return self._get(kind, record_id)

    def update(self, kind: str, record_id: int, report: m.Report, *, expected_revision: int | None = None,
               wizard_page: str | None = None, findings: Sequence[Finding] | None = None,
               status: str | None = None, invalid: dict[str, Any] | None = None) -> StoredRecord:
        """Save a changed report as a new revision.

        A report past review (approved, submitted, accepted, rejected) that changes goes back to
        draft, to pass review again; it keeps the revision last sent, so the next export sends it
        as a replacement. ``invalid`` keeps what was typed but not understood yet.
        """
        if report.KIND != kind:
            raise StoreError(f"cannot store a {report.KIND} in place of a {_KIND_WORDS[kind]}")
        self.check(report)
        if status is not None:
            self._check_status(status)
        found = list(findings) if findings is not None else self.findings_for(report, record_id)
        now = _now()
        try:
            with self.db.write() as session:
                row = self._row(session, kind, record_id)
                self._require_edit(row)
                if expected_revision is not None and row.revision != expected_revision:
                    raise StaleRevision(
                        f"this {_KIND_WORDS[kind]} was changed elsewhere (revision {row.revision}, "
                        f"you edited revision {expected_revision}); reopen it to see the changes")
                before = from_row(row, self.dictionary, kind)
                report = self._keep_hidden_restricted(report, before)
                changes = audit.diff(serialize.report_to_dict(before), serialize.report_to_dict(report))
                to_row(report, self.dictionary, kind, row=row)
                self._stamp(row, found, now)
                row.revision += 1
                if wizard_page is not None:
                    row.wizard_page = wizard_page
                old_status = row.status
                if status is not None and (self.actor.is_system or status == DRAFT):
                    row.status = status
                elif row.status != DRAFT and not self.actor.is_system:
                    row.status = DRAFT  # changed after review: it goes through review again
                row.invalid = dict(invalid or {})
                if changes or row.status != old_status:
                    audit.append(session, self.user, audit.UPDATE, kind=kind, record_id=record_id,
                                 detail={"key": _key_text(report), "revision": row.revision, "changes": changes,
                                         **({"status": [old_status, row.status]} if row.status != old_status else {})})
        except IntegrityError as exc:
            raise self._duplicate(report, exc) from exc
        return self._get(kind, record_id)

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
        self._require(users.READ)
        col = {"incident": s.Incident.incident_number, "group_b": s.GroupBArrestRow.arrest_transaction_number}[kind]
        with self.db.read() as session:
            q = select(col).where(col.startswith(prefix, autoescape=True), func.length(col) == len(prefix) + width)
            highest = 0
            for number in session.scalars(q):
                tail = number[len(prefix):]
                if tail.isdigit():
                    highest = max(highest, int(tail))
        return f"{prefix}{highest + 1:0{width}d}"

    # Lifecycle: (from, to) -> permission needed. The system (imports, exports, feedback) may
    # move a report anywhere; people follow these steps.
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

    def set_status(self, kind: str, record_id: int, status: str, *, comment: str | None = None) -> StoredRecord:
        """Move a report on in its life: send for review, return, approve, mark submitted/accepted/rejected."""
        self._check_status(status)
        with self.db.write() as session:
            row = self._row(session, kind, record_id, include_deleted=False)
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
                self._require(need)
                if (old, status) in ((REJECTED, DRAFT), (DRAFT, READY)) and row.created_by != self.user:
                    self._require(users.EDIT_ANY, "move someone else's report on")
                blocking = self._blocking_errors(row, status)
                if blocking:
                    raise StoreError(f"this {_KIND_WORDS[kind]} still has {blocking} error"
                                     f"{'s' if blocking != 1 else ''}; fix them first")
            row.status = status
            row.updated_at = _now()
            row.updated_by = self.user
            if comment is not None:
                row.review_note = comment.strip() or None
            elif status == APPROVED:
                row.review_note = None
            if status in (APPROVED, SUBMITTED):
                self._snapshot(session, kind, row)
            action = {APPROVED: audit.APPROVE}.get(status, audit.RETURN if (old, status) == (READY, DRAFT)
                                                   and row.created_by != self.user else audit.STATUS)
            audit.append(session, self.user, action, kind=kind, record_id=record_id,
                         detail={"from": old, "to": status, "revision": row.revision,
                                 **({"comment": comment} if comment else {})})
            return self._stored(kind, row)

    def return_for_changes(self, kind: str, record_id: int, comment: str) -> StoredRecord:
        """A supervisor sends a report back to its author with a comment."""
        return self.set_status(kind, record_id, DRAFT, comment=comment)

    def delete(self, kind: str, record_id: int) -> None:
        """Delete a record; one that was submitted stays, marked deleted, until its delete is sent."""
        with self.db.write() as session:
            row = self._row(session, kind, record_id)
            own_draft = row.created_by == self.user and row.status == DRAFT and row.submitted_revision is None
            self._require(users.DELETE_OWN_DRAFT if own_draft else users.DELETE_ANY,
                          "delete this report" if not own_draft else "")
            key = {"incident": "incident_number", "group_b": "arrest_transaction_number"}.get(kind)
            detail = {"key": getattr(row, key) if key else f"{row.year}-{row.month:02d}", "status": row.status,
                      "values": serialize.report_to_dict(from_row(row, self.dictionary, kind))}
            if row.submitted_revision is not None:
                row.deleted_at = _now()
                row.updated_by = self.user
                detail["kept_for_delete_submission"] = True
            else:
                session.delete(row)
            audit.append(session, self.user, audit.DELETE, kind=kind, record_id=record_id, detail=detail)

    def purge(self, kind: str, record_id: int) -> None:
        """Remove a record for good (after its delete was sent)."""
        self._require(users.EXPORT)
        with self.db.write() as session:
            session.delete(self._row(session, kind, record_id, include_deleted=True))
            audit.append(session, self.user, audit.DELETE, kind=kind, record_id=record_id, detail={"purged": True})

    # ------------------------------------------------------------------ read
    def get(self, kind: str, record_id: int, *, include_deleted: bool = True) -> StoredRecord:
        """A report for a person to see: restricted fields hidden unless granted, and views audited."""
        return self._get(kind, record_id, include_deleted=include_deleted, audited=True)

    def _get(self, kind: str, record_id: int, *, include_deleted: bool = True, audited: bool = False) -> StoredRecord:
        self._require(users.READ)
        with self.db.read() as session:
            row = self._row(session, kind, record_id, include_deleted=include_deleted)
            stored = self._stored(kind, row)
        restricted = self._restricted_values(stored.report)
        if restricted and not self.actor.can(users.RESTRICTED):
            stored.report = self._strip_restricted(stored.report)
            stored.restricted_hidden = True
        elif restricted and audited and not self.actor.is_system:
            with self.db.write() as session:
                audit.append(session, self.user, audit.VIEW_RESTRICTED, kind=kind, record_id=record_id,
                             detail={"key": _key_text(stored.report), "fields": sorted(restricted)})
        return stored

    def find(self, kind: str, *key: Any, include_deleted: bool = False) -> StoredRecord | None:
        """A record by its NIBRS key: (ori, incident number), (ori, ATN, sequence) or (ori, year, month)."""
        row_cls = _ROW[kind]
        cols = {"incident": ("ori", "incident_number"),
                "group_b": ("ori", "arrest_transaction_number", "sequence_number"),
                "zero_report": ("ori", "year", "month")}[kind]
        with self.db.read() as session:
            q = select(row_cls).where(*[getattr(row_cls, c) == v for c, v in zip(cols, key)])
            if not include_deleted:
                q = q.where(row_cls.deleted_at.is_(None))
            row = session.scalars(q.order_by(row_cls.id.desc())).first()
            record_id = None if row is None else row.id
        return None if record_id is None else self._get(kind, record_id)

    def ids(self, kind: str, *, include_deleted: bool = False) -> list[int]:
        self._require(users.READ)
        row_cls = _ROW[kind]
        with self.db.read() as session:
            q = select(row_cls.id)
            if not include_deleted:
                q = q.where(row_cls.deleted_at.is_(None))
            return list(session.scalars(q.order_by(row_cls.id)))

    def numbers(self, kind: str, record_ids: Iterable[int]) -> dict[int, str]:
        """The number a person knows each record by (incident number, arrest number, YYYY-MM), by record id."""
        self._require(users.READ)
        row_cls = _ROW[kind]
        wanted = sorted(set(record_ids))
        if not wanted:
            return {}
        cols = {"incident": (s.Incident.incident_number,), "group_b": (s.GroupBArrestRow.arrest_transaction_number,),
                "zero_report": (s.ZeroReportRow.year, s.ZeroReportRow.month)}[kind]
        out: dict[int, str] = {}
        with self.db.read() as session:
            for start in range(0, len(wanted), 500):
                for row in session.execute(select(row_cls.id, *cols).where(row_cls.id.in_(wanted[start:start + 500]))):
                    out[row[0]] = str(row[1]) if len(row) == 2 else f"{row[1]:04d}-{row[2]:02d}"
        return out

    def count(self, flt: SearchFilter | None = None) -> int:
        self._require(users.READ)
        flt = flt or SearchFilter()
        total = 0
        with self.db.read() as session:
            for kind in flt.kinds:
                q = self._filtered(kind, flt, select(func.count()).select_from(_ROW[kind]))
                total += session.scalar(q) or 0
        return total

    def search(self, flt: SearchFilter | None = None, *, offset: int = 0, limit: int | None = 200,
               newest_first: bool = True) -> list[RecordSummary]:
        """Summaries of matching records, newest first, a page at a time."""
        self._require(users.READ)
        flt = flt or SearchFilter()
        with self.db.read() as session:
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
            return [RecordSummary(**row._mapping) for row in session.execute(q)]

    # ------------------------------------------------------------------ internals
    def _summary_query(self, kind: str, flt: SearchFilter) -> Select:
        from sqlalchemy import cast, literal, String as Str

        if kind == "incident":
            first_offense = (select(s.OffenseRow.offense_code)
                             .where(s.OffenseRow.incident_id == s.Incident.id)
                             .order_by(s.OffenseRow.position).limit(1).scalar_subquery())
            q = select(literal("incident").label("kind"), s.Incident.id.label("id"),
                       s.Incident.incident_number.label("number"), s.Incident.ori.label("ori"),
                       s.Incident.incident_date.label("date"), func.coalesce(first_offense, "").label("offense"),
                       s.Incident.status.label("status"), s.Incident.error_count.label("error_count"),
                       s.Incident.warning_count.label("warning_count"), s.Incident.updated_at.label("updated_at"),
                       s.Incident.revision.label("revision"))
        elif kind == "group_b":
            r = s.GroupBArrestRow
            q = select(literal("group_b").label("kind"), r.id.label("id"), r.arrest_transaction_number.label("number"),
                       r.ori.label("ori"), r.arrest_date.label("date"),
                       func.coalesce(r.arrest_offense_code, "").label("offense"), r.status.label("status"),
                       r.error_count.label("error_count"), r.warning_count.label("warning_count"),
                       r.updated_at.label("updated_at"), r.revision.label("revision"))
        else:
            r = s.ZeroReportRow
            number = func.printf("%04d-%02d", r.year, r.month) if self.db.is_sqlite else \
                func.concat(cast(r.year, Str), "-", func.lpad(cast(r.month, Str), 2, "0"))
            q = select(literal("zero_report").label("kind"), r.id.label("id"), number.label("number"),
                       r.ori.label("ori"), literal(None, type_=s.Date).label("date"), literal("").label("offense"),
                       r.status.label("status"), r.error_count.label("error_count"),
                       r.warning_count.label("warning_count"), r.updated_at.label("updated_at"),
                       r.revision.label("revision"))
        return self._filtered(kind, flt, q)

    def _filtered(self, kind: str, flt: SearchFilter, q: Select) -> Select:
        row_cls = _ROW[kind]
        if not flt.include_deleted:
            q = q.where(row_cls.deleted_at.is_(None))
        if flt.status:
            statuses = [flt.status] if isinstance(flt.status, str) else list(flt.status)
            q = q.where(row_cls.status.in_(statuses))
        if flt.has_errors is True:
            q = q.where(row_cls.error_count > 0)
        elif flt.has_errors is False:
            q = q.where(row_cls.error_count == 0)
        number_col = {"incident": s.Incident.incident_number, "group_b": s.GroupBArrestRow.arrest_transaction_number,
                      "zero_report": None}[kind]
        if flt.number:
            if number_col is None:
                q = q.where(False)
            else:
                q = q.where(func.upper(number_col).contains(flt.number.strip().upper(), autoescape=True))
        date_col = {"incident": s.Incident.incident_date, "group_b": s.GroupBArrestRow.arrest_date,
                    "zero_report": None}[kind]
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

    def _row(self, session, kind: str, record_id: int, *, include_deleted: bool = True):
        if kind not in _ROW:
            raise StoreError(f"unknown record kind {kind!r}")
        row = session.get(_ROW[kind], record_id)
        if row is None or (not include_deleted and row.deleted_at is not None):
            raise NotFound(f"no {_KIND_WORDS[kind]} with record id {record_id}")
        return row

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

    def _stamp(self, row, found: list[Finding], now: datetime, *, created: bool = False) -> None:
        errors, warnings = count(found)
        row.error_count, row.warning_count = errors, warnings
        row.findings = [f.to_dict() for f in found]
        row.updated_at = now
        row.updated_by = self.user
        row.profile = self.profile
        row.profile_version = self.profile_version
        if created:
            row.created_at = now
            row.created_by = self.user

    def _snapshot(self, session, kind: str, row) -> None:
        exists_q = select(s.RevisionRow.id).where(s.RevisionRow.kind == kind, s.RevisionRow.record_id == row.id,
                                                  s.RevisionRow.revision == row.revision)
        if session.scalar(exists_q) is not None:
            return
        report = from_row(row, self.dictionary, kind)
        session.add(s.RevisionRow(kind=kind, record_id=row.id, revision=row.revision, saved_at=_now(),
                                  saved_by=self.user, status=row.status, data=serialize.report_to_dict(report)))

    def revision_snapshot(self, kind: str, record_id: int, revision: int) -> m.Report | None:
        with self.db.read() as session:
            row = session.scalar(select(s.RevisionRow).where(
                s.RevisionRow.kind == kind, s.RevisionRow.record_id == record_id, s.RevisionRow.revision == revision))
            return None if row is None else serialize.report_from_dict(row.data, self.dictionary)

    def _blocking_errors(self, row, status: str) -> int:
        """Errors that stop a report from moving on. Errors on restricted fields the author may not
        see do not stop it being sent for review (the reviewer fills those in); they stop approval."""
        if status not in (READY, APPROVED):
            return 0
        findings = [Finding.from_dict(f) for f in (row.findings or [])]
        hidden = set(self.restricted_elements()) if not self.actor.can(users.RESTRICTED) else set()
        return sum(1 for f in findings if f.is_error and not (status == READY and f.element in hidden))

    # ------------------------------------------------------------------ people
    RESTRICTED_ROLES_KEY = "restricted_roles"
    DEFAULT_RESTRICTED_ROLES = (users.SUPERVISOR, users.ADMINISTRATOR)

    def restricted_roles(self) -> list[str]:
        return list(self.get_setting(self.RESTRICTED_ROLES_KEY, list(self.DEFAULT_RESTRICTED_ROLES)))

    def grant_restricted(self, roles: Iterable[str]) -> None:
        """Which roles may see and change restricted fields (an administrator's decision)."""
        roles = [r for r in roles if r in users.ROLES]
        self.set_setting(self.RESTRICTED_ROLES_KEY, roles)

    def _actor_for(self, username: str, role: str, display_name: str, user_id: int) -> Actor:
        extra = frozenset({users.RESTRICTED}) if role in self.restricted_roles() else frozenset()
        base = users.PERMISSIONS[role]
        if users.RESTRICTED in base and role not in self.restricted_roles():
            # an administrator may withdraw the grant from a role that has it by default
            return Actor(username, role, display_name, user_id, frozenset(), frozenset({users.RESTRICTED}))
        return Actor(username, role, display_name, user_id, extra)

    def has_users(self) -> bool:
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(s.UserAccount)) > 0

    def _require(self, permission: str, what: str = "") -> None:
        if self.actor is None:
            raise PermissionDenied("sign in first")
        self.actor.require(permission, what)

    def _require_edit(self, row) -> None:
        own = row.created_by == self.user and row.status in (DRAFT, READY, REJECTED)
        if own and self.actor is not None and self.actor.can(users.EDIT_OWN_DRAFT):
            return
        self._require(users.EDIT_ANY, "change this report" if own else
                      "change a report that is someone else's or past review")

    def login(self, username: str, password: str) -> Actor:
        """Sign in; too many wrong passwords lock the account for a while (both audited)."""
        now = _now()
        with self.db.write() as session:
            row = session.scalar(select(s.UserAccount).where(s.UserAccount.username == (username or "").strip()))
            if row is None or not row.active:
                audit.append(session, (username or "")[:64], audit.LOGIN_FAILED, detail={"reason": "unknown user"})
                failed = "unknown"
            elif users.locked(row.locked_until, now):
                audit.append(session, row.username, audit.LOGIN_FAILED, detail={"reason": "locked"})
                failed = "locked"
            elif not users.verify_password(row.password_hash, password):
                row.failed_attempts += 1
                reason = {"reason": "wrong password", "attempt": row.failed_attempts}
                if row.failed_attempts >= users.MAX_FAILED:
                    row.locked_until = now + users.LOCKOUT
                    row.failed_attempts = 0
                    reason["locked_until"] = row.locked_until
                audit.append(session, row.username, audit.LOGIN_FAILED, detail=reason)
                failed = "locked" if "locked_until" in reason else "wrong"
            else:
                if users.needs_rehash(row.password_hash):
                    row.password_hash = users.hash_password(password)
                row.failed_attempts = 0
                row.locked_until = None
                row.last_login_at = now
                audit.append(session, row.username, audit.LOGIN)
                ident = (row.username, row.role, row.display_name, row.id)
                failed = ""
        if failed == "locked":
            minutes = int(users.LOCKOUT.total_seconds() // 60)
            raise AuthenticationError(f"too many wrong passwords: the account is locked for {minutes} minutes")
        if failed:
            raise AuthenticationError("user name or password is wrong")
        self.actor = self._actor_for(*ident)
        return self.actor

    def logout(self) -> None:
        if self.actor is not None and not self.actor.is_system:
            with self.db.write() as session:
                audit.append(session, self.user, audit.LOGOUT)
        self.actor = None if self.has_users() else SYSTEM_ACTOR

    def verify_password(self, password: str, *, purpose: str = "") -> bool:
        """Unlock an idle-locked session: the signed-in person's password (audited either way).

        ``purpose`` names another reason to confirm it (e.g. "change own password"), kept in the audit entry.
        """
        if self.actor is None or self.actor.user_id is None:
            return False
        with self.db.write() as session:
            row = session.get(s.UserAccount, self.actor.user_id)
            ok = row is not None and row.active and users.verify_password(row.password_hash, password)
            detail = {} if ok else {"reason": f"wrong password at {purpose or 'unlock'}"}
            if purpose:
                detail["purpose"] = purpose
            audit.append(session, self.user, audit.UNLOCK if ok else audit.LOGIN_FAILED, detail=detail)
        return ok

    def add_user(self, username: str, password: str, role: str, display_name: str = "") -> Actor:
        """Create an account. The very first account must be an administrator and needs no sign-in."""
        first = not self.has_users()
        if first:
            if role != users.ADMINISTRATOR:
                raise StoreError("the first account must be an administrator")
        else:
            self._require(users.MANAGE_USERS)
        if role not in users.ROLES:
            raise StoreError(f"unknown role {role!r}; one of {', '.join(users.ROLES)}")
        try:
            name = users.check_username(username)
            digest = users.hash_password(password)
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        now = _now()
        try:
            with self.db.write() as session:
                row = s.UserAccount(username=name, display_name=display_name.strip(), role=role,
                                    password_hash=digest, failed_attempts=0, active=True, created_at=now,
                                    updated_at=now)
                session.add(row)
                session.flush()
                audit.append(session, self.user or name, audit.USER_ADD,
                             detail={"username": name, "role": role, "first": first})
                ident = (name, role, row.display_name, row.id)
        except IntegrityError:
            raise DuplicateRecord(f"there is already a user named {name}") from None
        actor = self._actor_for(*ident)
        if first:
            self.actor = actor
        return actor

    def change_user(self, username: str, *, role: str | None = None, active: bool | None = None,
                    password: str | None = None, display_name: str | None = None) -> None:
        """Change an account; anyone may change their own password, everything else needs an administrator."""
        own_password_only = (username == self.user and role is None and active is None and display_name is None)
        if not own_password_only:
            self._require(users.MANAGE_USERS)
        elif self.actor is None:
            raise PermissionDenied("sign in first")
        if role is not None and role not in users.ROLES:
            raise StoreError(f"unknown role {role!r}; one of {', '.join(users.ROLES)}")
        with self.db.write() as session:
            row = session.scalar(select(s.UserAccount).where(s.UserAccount.username == username))
            if row is None:
                raise NotFound(f"no user named {username}")
            changes: dict[str, Any] = {}
            if role is not None and role != row.role:
                if row.role == users.ADMINISTRATOR and self._last_admin(session, row):
                    raise StoreError("there must always be an active administrator")
                changes["role"] = [row.role, role]
                row.role = role
            if active is not None and active != row.active:
                if not active and row.role == users.ADMINISTRATOR and self._last_admin(session, row):
                    raise StoreError("there must always be an active administrator")
                changes["active"] = [row.active, active]
                row.active = active
            if display_name is not None:
                changes["display_name"] = [row.display_name, display_name]
                row.display_name = display_name
            if password is not None:
                try:
                    row.password_hash = users.hash_password(password)
                except ValueError as exc:
                    raise StoreError(str(exc)) from None
                row.failed_attempts = 0
                row.locked_until = None
                changes["password"] = "changed"
            row.updated_at = _now()
            audit.append(session, self.user, audit.USER_CHANGE, detail={"username": username, "changes": changes})

    def _last_admin(self, session, row) -> bool:
        admins = session.scalar(select(func.count()).select_from(s.UserAccount).where(
            s.UserAccount.role == users.ADMINISTRATOR, s.UserAccount.active.is_(True)))
        return admins <= 1 and row.role == users.ADMINISTRATOR

    def list_users(self) -> list[dict[str, Any]]:
        self._require(users.MANAGE_USERS)
        with self.db.read() as session:
            return [{"username": u.username, "display_name": u.display_name, "role": u.role, "active": u.active,
                     "locked": users.locked(u.locked_until), "last_login_at": u.last_login_at}
                    for u in session.scalars(select(s.UserAccount).order_by(s.UserAccount.username))]

    # ------------------------------------------------------------------ audit trail
    def audit_entries(self, **filters: Any) -> list[dict[str, Any]]:
        self._require(users.AUDIT_VIEW)
        with self.db.read() as session:
            return [{"seq": e.seq, "at": e.at, "user": e.username, "action": e.action, "kind": e.kind,
                     "record_id": e.record_id, "detail": e.detail} for e in audit.entries(session, **filters)]

    def verify_audit(self) -> list[audit.Problem]:
        with self.db.read() as session:
            return audit.verify(session)

    def record_event(self, action: str, *, kind: str = "", record_id: int | None = None, detail: Any = None) -> None:
        """Audit an event another part of the program carried out (an export, an import, a backup)."""
        with self.db.write() as session:
            audit.append(session, self.user, action, kind=kind, record_id=record_id, detail=detail)

    # ------------------------------------------------------------------ restricted fields
    def restricted_elements(self) -> list[str]:
        return [e.id for e in self.dictionary.elements.values() if e.restricted]

    def _restricted_values(self, report: m.Report) -> set[str]:
        ids = set(self.restricted_elements())
        if not ids:
            return set()
        from desktop.nibrs.values import walk

        found = set()
        for _kind, segment, _where in walk(report):
            for key, value in segment.extras.items():
                if key in ids and value not in (None, "", []):
                    found.add(key)
        return found

    def _strip_restricted(self, report: m.Report) -> m.Report:
        ids = set(self.restricted_elements())
        copy = serialize.report_from_dict(serialize.report_to_dict(report), self.dictionary)
        from desktop.nibrs.values import walk

        for _kind, segment, _where in walk(copy):
            for key in list(segment.extras):
                if key in ids:
                    del segment.extras[key]
        return copy

    def _check_restricted_write(self, report: m.Report, before: m.Report | None) -> None:
        if self.actor is None or self.actor.can(users.RESTRICTED):
            return
        if self._restricted_values(report):
            names = ", ".join(sorted(self._restricted_values(report)))
            raise PermissionDenied(f"{self.user} may not enter restricted fields ({names})")

    def _keep_hidden_restricted(self, report: m.Report, before: m.Report) -> m.Report:
        """For someone not granted restricted fields: refuse setting them, keep what is stored."""
        if self.actor is None or self.actor.can(users.RESTRICTED):
            return report
        self._check_restricted_write(report, before)
        ids = set(self.restricted_elements())
        if not ids:
            return report
        from desktop.nibrs.values import walk

        stored = {(where): {k: v for k, v in seg.extras.items() if k in ids} for _k, seg, where in walk(before)}
        merged = serialize.report_from_dict(serialize.report_to_dict(report), self.dictionary)
        for _kind, segment, where in walk(merged):
            segment.extras.update(stored.get(where, {}))
        return merged

    @staticmethod
    def _check_status(status: str) -> None:
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")

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
