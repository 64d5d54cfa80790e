"""The service layer: the only code that writes the database.

Views and commands call :class:`Store`; it refuses values the data dictionary does not
allow, keeps each save to one transaction, records status and revision, and (through the
``validator`` it is given) the FBI findings of every report it saves. Later layers hook in
here too: audit trail, permissions, restricted fields.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import Select, and_, delete, exists, func, or_, select
from sqlalchemy.exc import IntegrityError

from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import Finding, count
from desktop.nibrs.values import Problem, report_problems
from desktop.store import schema as s
from desktop.store.db import Database, open_database
from desktop.store.mapping import from_row, to_row

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


class StoreError(Exception):
    """A request the store refuses; the message is meant for the person who asked."""


class InvalidReport(StoreError, ValueError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the report cannot be saved:\n{lines}")


class NotFound(StoreError, KeyError):
    def __str__(self) -> str:  # KeyError quotes its message otherwise
        return str(self.args[0]) if self.args else "not found"


class DuplicateRecord(StoreError):
    pass


class StaleRevision(StoreError):
    pass


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


def record_kind(report: m.Report) -> str:
    return report.KIND


class Store:
    """Create, read, update, delete and search reports; agency settings."""

    def __init__(self, db: Database, *, user: str = "system", dictionary: Dictionary | None = None,
                 validator: Validator | None = DEFAULT_VALIDATOR, profile: str = "fbi", profile_version: str = ""):
        self.db = db
        self.user = user
        self.dictionary = dictionary or fbi_dictionary()
        self.validator = validator
        if validator is DEFAULT_VALIDATOR:  # load the rules now, not in the middle of the first save
            from desktop.nibrs.rules import REGISTRY

            REGISTRY.load()
        self.profile = profile
        self.profile_version = profile_version

    @classmethod
    def open(cls, data_dir: str | Path | None = None, **kwargs: Any) -> "Store":
        return cls(open_database(Path(data_dir) if data_dir else None), **kwargs)

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

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.db.read() as session:
            row = session.get(s.Setting, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: Any) -> None:
        with self.db.write() as session:
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
        self.check(report)
        self._check_status(status)
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
        except IntegrityError as exc:
            raise self._duplicate(report, exc) from exc
        return self.get(kind, record_id)

    def update(self, kind: str, record_id: int, report: m.Report, *, expected_revision: int | None = None,
               wizard_page: str | None = None, findings: Sequence[Finding] | None = None,
               status: str | None = None) -> StoredRecord:
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
                if expected_revision is not None and row.revision != expected_revision:
                    raise StaleRevision(
                        f"this {_KIND_WORDS[kind]} was changed elsewhere (revision {row.revision}, "
                        f"you edited revision {expected_revision}); reopen it to see the changes")
                to_row(report, self.dictionary, kind, row=row)
                self._stamp(row, found, now)
                row.revision += 1
                if wizard_page is not None:
                    row.wizard_page = wizard_page
                if status is not None:
                    row.status = status
                row.invalid = {}
        except IntegrityError as exc:
            raise self._duplicate(report, exc) from exc
        return self.get(kind, record_id)

    def save_draft(self, kind: str, record_id: int | None, report: m.Report, *,
                   wizard_page: str | None = None) -> StoredRecord:
        """Autosave: create or update, keeping the record a draft (or sending it back to draft)."""
        if record_id is None:
            return self.create(report, status=DRAFT, wizard_page=wizard_page)
        current = self.get(kind, record_id)
        status = current.status if current.status == DRAFT else DRAFT
        return self.update(kind, record_id, report, wizard_page=wizard_page, status=status)

    def set_status(self, kind: str, record_id: int, status: str) -> StoredRecord:
        self._check_status(status)
        with self.db.write() as session:
            row = self._row(session, kind, record_id)
            row.status = status
            row.updated_at = _now()
            row.updated_by = self.user
            if status in (APPROVED, SUBMITTED):
                self._snapshot(session, kind, row)
        return self.get(kind, record_id)

    def delete(self, kind: str, record_id: int) -> None:
        """Delete a record; one that was submitted stays, marked deleted, until its delete is sent."""
        with self.db.write() as session:
            row = self._row(session, kind, record_id)
            if row.submitted_revision is not None:
                row.deleted_at = _now()
                row.updated_by = self.user
            else:
                session.delete(row)

    def purge(self, kind: str, record_id: int) -> None:
        """Remove a record for good (after its delete was sent)."""
        with self.db.write() as session:
            session.delete(self._row(session, kind, record_id, include_deleted=True))

    # ------------------------------------------------------------------ read
    def get(self, kind: str, record_id: int, *, include_deleted: bool = True) -> StoredRecord:
        with self.db.read() as session:
            row = self._row(session, kind, record_id, include_deleted=include_deleted)
            return self._stored(kind, row)

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
            return None if row is None else self._stored(kind, row)

    def ids(self, kind: str, *, include_deleted: bool = False) -> list[int]:
        row_cls = _ROW[kind]
        with self.db.read() as session:
            q = select(row_cls.id)
            if not include_deleted:
                q = q.where(row_cls.deleted_at.is_(None))
            return list(session.scalars(q.order_by(row_cls.id)))

    def count(self, flt: SearchFilter | None = None) -> int:
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
                q = q.where(exists().where(and_(s.OffenseRow.incident_id == s.Incident.id,
                                                s.OffenseRow.offense_code == code)))
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
        return StoredRecord(
            kind=kind, id=row.id, report=report, status=row.status, revision=row.revision,
            created_at=row.created_at, updated_at=row.updated_at, created_by=row.created_by,
            updated_by=row.updated_by, wizard_page=row.wizard_page,
            findings=[Finding.from_dict(f) for f in (row.findings or [])],
            submitted_revision=row.submitted_revision, deleted=row.deleted_at is not None,
            profile=row.profile, profile_version=row.profile_version, invalid=dict(row.invalid or {}))

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
            return None if row is None else serialize.report_from_dict(row.data)

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
