"""Database tables: a table per segment kind, repeating values as child rows.

Column names are the model's field names (``desktop.nibrs.model``), which are the data
dictionary's field names, so one generic mapper (``desktop.store.mapping``) moves values
between the two. Every segment table has an ``extras`` JSON column for the elements a state
profile adds. Types are portable (SQLite now, PostgreSQL later): no SQLite-only features.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# The schema revision this code expects; a test keeps it equal to Alembic's head.
SCHEMA_REVISION = "0008"


_LIVE_INDEXES: list[Index] = []


def live_index(name: str, *columns: str) -> Index:
    """Unique among the live rows (deleted_at IS NULL), a partial index. The same on PostgreSQL is declared by
    ``use_postgresql`` when that server is used: naming ``postgresql_where`` here would make SQLAlchemy import
    its whole PostgreSQL dialect (the pg_catalog, ~50 ms) on every start of a SQLite database."""
    index = Index(name, *columns, unique=True, sqlite_where=text("deleted_at IS NULL"))
    _LIVE_INDEXES.append(index)
    return index


def use_postgresql() -> None:
    """Declare the live-row indexes' PostgreSQL form (opening a PostgreSQL database; Alembic on one)."""
    for index in _LIVE_INDEXES:
        index.dialect_kwargs["postgresql_where"] = text("deleted_at IS NULL")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, str: String}


def _fk(table: str) -> Any:
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True, nullable=False)


class CodeRow:
    """A value of a multi-valued element: (owner, position, code)."""

    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(3))


def _code_table(name: str, table: str, owner: str) -> type[Base]:
    """The table of a multi-valued element's codes, each row (owner id, position, code)."""
    owner_id = mapped_column(ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True)
    return type(name, (CodeRow, Base), {"__tablename__": table, "__module__": __name__,
                                         "__annotations__": {"owner_id": Mapped[int]}, "owner_id": owner_id})


# ----------------------------------------------------------------------------- agency settings
class Agency(Base):
    """The agency this database belongs to (one row), set up at first start."""

    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(primary_key=True)
    ori: Mapped[str] = mapped_column(String(9))
    name: Mapped[str] = mapped_column(String(200))
    state_profile: Mapped[str] = mapped_column(String(40), default="fbi")
    nibrs_start_date: Mapped[date | None] = mapped_column(Date)
    spec_version: Mapped[str] = mapped_column(String(10), default="2019.1")
    federal: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """Other settings of the database, key -> JSON value."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


# ----------------------------------------------------------------------------- record metadata
class RecordMixin:
    """What every stored report has besides its NIBRS values."""

    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    profile: Mapped[str] = mapped_column(String(40), default="fbi")
    profile_version: Mapped[str] = mapped_column(String(20), default="")
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    # Of the errors, those on restricted fields: not counted against people who may not see those fields.
    waiting_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    findings: Mapped[Any] = mapped_column(JSON, default=list)
    wizard_page: Mapped[str | None] = mapped_column(String(40))
    review_note: Mapped[str | None] = mapped_column(Text)  # a supervisor's comment when returning it
    # Content hash at the last transfer in or out (transfer files between machines).
    sync_hash: Mapped[str | None] = mapped_column(String(64))
    # Submission tracking: what was last sent, and whether it must be sent again.
    submitted_revision: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    extras: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    invalid: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Imported from a flat file with blank slots between repeated values: segment path -> field ->
    # slot of each value, so that the record written again as a flat file matches the file it came from.
    layout: Mapped[Any | None] = mapped_column(JSON)
    # The row's values and every child row (content_sum), and that with its status, revision and authors
    # (checksum): recorded in the audit trail at every change, so an edit outside the app is found (checksums.py).
    content_sum: Mapped[str | None] = mapped_column(String(64))
    checksum: Mapped[str | None] = mapped_column(String(64))


# ----------------------------------------------------------------------------- Group A incident
class Incident(RecordMixin, Base):
    """Administrative segment (level 1) and the record around a Group A incident."""

    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(primary_key=True)
    ori: Mapped[str] = mapped_column(String(9))
    incident_number: Mapped[str] = mapped_column(String(12))
    cargo_theft: Mapped[str | None] = mapped_column(String(1))
    incident_date: Mapped[date | None] = mapped_column(Date, index=True)
    report_date_indicator: Mapped[str | None] = mapped_column(String(1))
    incident_hour: Mapped[int | None] = mapped_column(Integer)
    cleared_exceptionally: Mapped[str | None] = mapped_column(String(1))
    exceptional_clearance_date: Mapped[date | None] = mapped_column(Date)

    offenses: Mapped[list["OffenseRow"]] = relationship(
        order_by="OffenseRow.position", cascade="all, delete-orphan", passive_deletes=True)
    properties: Mapped[list["PropertyRow"]] = relationship(
        order_by="PropertyRow.position", cascade="all, delete-orphan", passive_deletes=True)
    victims: Mapped[list["VictimRow"]] = relationship(
        order_by="VictimRow.position", cascade="all, delete-orphan", passive_deletes=True)
    offenders: Mapped[list["OffenderRow"]] = relationship(
        order_by="OffenderRow.position", cascade="all, delete-orphan", passive_deletes=True)
    arrestees: Mapped[list["ArresteeRow"]] = relationship(
        order_by="ArresteeRow.position", cascade="all, delete-orphan", passive_deletes=True)

    __table_args__ = (
        # One live incident per ORI and number; deleted ones stay for resubmission as deletes.
        live_index("uq_incident_live", "ori", "incident_number"),
    )


class SegmentRowMixin:
    position: Mapped[int] = mapped_column(Integer)
    extras: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


def _codes(cls_name: str) -> Any:
    return relationship(cls_name, order_by=f"{cls_name}.position",
                        cascade="all, delete-orphan", passive_deletes=True)


class OffenseRow(SegmentRowMixin, Base):
    __tablename__ = "offense"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = _fk("incident")
    offense_code: Mapped[str | None] = mapped_column(String(3), index=True)
    attempted_completed: Mapped[str | None] = mapped_column(String(1))
    location_type: Mapped[str | None] = mapped_column(String(2))
    premises_entered: Mapped[int | None] = mapped_column(Integer)
    method_of_entry: Mapped[str | None] = mapped_column(String(1))
    suspected_using: Mapped[list["OffenseSuspectedUsing"]] = _codes("OffenseSuspectedUsing")
    bias_motivations: Mapped[list["OffenseBiasMotivation"]] = _codes("OffenseBiasMotivation")
    criminal_activities: Mapped[list["OffenseCriminalActivity"]] = _codes("OffenseCriminalActivity")
    weapons: Mapped[list["OffenseWeapon"]] = _codes("OffenseWeapon")


OffenseSuspectedUsing = _code_table("OffenseSuspectedUsing", "offense_suspected_using", "offense")
OffenseBiasMotivation = _code_table("OffenseBiasMotivation", "offense_bias_motivation", "offense")
OffenseCriminalActivity = _code_table("OffenseCriminalActivity", "offense_criminal_activity", "offense")
OffenseWeapon = _code_table("OffenseWeapon", "offense_weapon", "offense")


class PropertyRow(SegmentRowMixin, Base):
    __tablename__ = "property"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = _fk("incident")
    loss_type: Mapped[str | None] = mapped_column(String(1))
    stolen_vehicles: Mapped[int | None] = mapped_column(Integer)
    recovered_vehicles: Mapped[int | None] = mapped_column(Integer)
    items: Mapped[list["PropertyItemRow"]] = _codes("PropertyItemRow")
    drugs: Mapped[list["DrugRow"]] = _codes("DrugRow")


class PropertyItemRow(SegmentRowMixin, Base):
    __tablename__ = "property_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    property_id: Mapped[int] = _fk("property")
    description: Mapped[str | None] = mapped_column(String(2))
    value: Mapped[int | None] = mapped_column(BigInteger)
    date_recovered: Mapped[date | None] = mapped_column(Date)


class DrugRow(SegmentRowMixin, Base):
    __tablename__ = "property_drug"
    id: Mapped[int] = mapped_column(primary_key=True)
    property_id: Mapped[int] = _fk("property")
    drug_type: Mapped[str | None] = mapped_column(String(1))
    # DE 21 in thousandths, so the value is exact on every database.
    quantity_thousandths: Mapped[int | None] = mapped_column(BigInteger)
    measurement: Mapped[str | None] = mapped_column(String(2))


class VictimRow(SegmentRowMixin, Base):
    __tablename__ = "victim"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = _fk("incident")
    sequence_number: Mapped[int | None] = mapped_column(Integer)
    victim_type: Mapped[str | None] = mapped_column(String(1))
    officer_activity: Mapped[str | None] = mapped_column(String(2))
    officer_assignment: Mapped[str | None] = mapped_column(String(1))
    officer_ori: Mapped[str | None] = mapped_column(String(9))
    age: Mapped[str | None] = mapped_column(String(4))
    sex: Mapped[str | None] = mapped_column(String(1))
    race: Mapped[str | None] = mapped_column(String(1))
    ethnicity: Mapped[str | None] = mapped_column(String(1))
    resident_status: Mapped[str | None] = mapped_column(String(1))
    justifiable_homicide: Mapped[str | None] = mapped_column(String(1))
    offense_codes: Mapped[list["VictimOffense"]] = _codes("VictimOffense")
    circumstances: Mapped[list["VictimCircumstance"]] = _codes("VictimCircumstance")
    injuries: Mapped[list["VictimInjury"]] = _codes("VictimInjury")
    relationships: Mapped[list["RelationshipRow"]] = _codes("RelationshipRow")


VictimOffense = _code_table("VictimOffense", "victim_offense", "victim")
VictimCircumstance = _code_table("VictimCircumstance", "victim_circumstance", "victim")
VictimInjury = _code_table("VictimInjury", "victim_injury", "victim")


class RelationshipRow(SegmentRowMixin, Base):
    __tablename__ = "victim_relationship"
    id: Mapped[int] = mapped_column(primary_key=True)
    victim_id: Mapped[int] = _fk("victim")
    offender_number: Mapped[int | None] = mapped_column(Integer)
    relationship: Mapped[str | None] = mapped_column(String(2))


class OffenderRow(SegmentRowMixin, Base):
    __tablename__ = "offender"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = _fk("incident")
    sequence_number: Mapped[int | None] = mapped_column(Integer)
    age: Mapped[str | None] = mapped_column(String(4))
    sex: Mapped[str | None] = mapped_column(String(1))
    race: Mapped[str | None] = mapped_column(String(1))
    ethnicity: Mapped[str | None] = mapped_column(String(1))


class ArresteeRow(SegmentRowMixin, Base):
    __tablename__ = "arrestee"
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = _fk("incident")
    sequence_number: Mapped[int | None] = mapped_column(Integer)
    arrest_transaction_number: Mapped[str | None] = mapped_column(String(12), index=True)
    arrest_date: Mapped[date | None] = mapped_column(Date)
    arrest_type: Mapped[str | None] = mapped_column(String(1))
    multiple_arrestee: Mapped[str | None] = mapped_column(String(1))
    arrest_offense_code: Mapped[str | None] = mapped_column(String(3))
    age: Mapped[str | None] = mapped_column(String(4))
    sex: Mapped[str | None] = mapped_column(String(1))
    race: Mapped[str | None] = mapped_column(String(1))
    ethnicity: Mapped[str | None] = mapped_column(String(1))
    resident_status: Mapped[str | None] = mapped_column(String(1))
    disposition_under_18: Mapped[str | None] = mapped_column(String(1))
    armed_with: Mapped[list["ArresteeArmedWith"]] = _codes("ArresteeArmedWith")


ArresteeArmedWith = _code_table("ArresteeArmedWith", "arrestee_armed_with", "arrestee")


# ----------------------------------------------------------------------------- Group B arrest
class GroupBArrestRow(RecordMixin, Base):
    __tablename__ = "group_b_arrest"
    id: Mapped[int] = mapped_column(primary_key=True)
    ori: Mapped[str] = mapped_column(String(9))
    arrest_transaction_number: Mapped[str] = mapped_column(String(12))
    sequence_number: Mapped[int | None] = mapped_column(Integer)
    arrest_date: Mapped[date | None] = mapped_column(Date, index=True)
    arrest_type: Mapped[str | None] = mapped_column(String(1))
    arrest_offense_code: Mapped[str | None] = mapped_column(String(3))
    age: Mapped[str | None] = mapped_column(String(4))
    sex: Mapped[str | None] = mapped_column(String(1))
    race: Mapped[str | None] = mapped_column(String(1))
    ethnicity: Mapped[str | None] = mapped_column(String(1))
    resident_status: Mapped[str | None] = mapped_column(String(1))
    disposition_under_18: Mapped[str | None] = mapped_column(String(1))
    armed_with: Mapped[list["GroupBArmedWith"]] = _codes("GroupBArmedWith")

    __table_args__ = (
        live_index("uq_group_b_live", "ori", "arrest_transaction_number", "sequence_number"),
    )


GroupBArmedWith = _code_table("GroupBArmedWith", "group_b_armed_with", "group_b_arrest")


# ----------------------------------------------------------------------------- zero report
class ZeroReportRow(RecordMixin, Base):
    __tablename__ = "zero_report"
    id: Mapped[int] = mapped_column(primary_key=True)
    ori: Mapped[str] = mapped_column(String(9))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        live_index("uq_zero_live", "ori", "year", "month"),
    )


# ----------------------------------------------------------------------------- history
class RevisionRow(Base):
    """Every saved revision of a record, as the model's JSON, so an export can be reproduced."""

    __tablename__ = "record_revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # incident | group_b | zero_report
    record_id: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[datetime] = mapped_column(DateTime)
    saved_by: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(20))
    data: Mapped[Any] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("kind", "record_id", "revision"),)


# ----------------------------------------------------------------------------- people and the audit trail
class UserAccount(Base):
    """A person who signs in: deputy, supervisor or administrator."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """One line of the audit trail: append-only, each entry hashing the one before it."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="")
    record_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[Any] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str | None] = mapped_column(String(64))  # HMAC of ``hash`` with the installation's audit key


class RestrictedValue(Base):
    """A restricted value an audit entry names by reference ({"restricted": id}): shown only to people granted
    restricted fields; an entry's details never hold the value itself."""

    __tablename__ = "restricted_value"
    id: Mapped[int] = mapped_column(primary_key=True)
    element: Mapped[str] = mapped_column(String(60))
    value: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class TransferConflict(Base):
    """A record changed on two machines: the incoming version, kept until a supervisor resolves it."""

    __tablename__ = "transfer_conflict"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int | None] = mapped_column(Integer, index=True)  # the local record, when there is one
    key: Mapped[str] = mapped_column(String(60))
    origin: Mapped[str] = mapped_column(String(200))  # machine and person the incoming version came from
    received_at: Mapped[datetime] = mapped_column(DateTime)
    incoming: Mapped[Any] = mapped_column(JSON)  # the incoming record (report, status, who, when)
    incoming_hash: Mapped[str] = mapped_column(String(64))
    base_hash: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[str | None] = mapped_column(String(20))  # local | incoming | merged


# ----------------------------------------------------------------------------- submissions to the state
class ExportBatch(Base):
    """One monthly export: what was written, by whom, and every input of its bytes (to reproduce it)."""

    __tablename__ = "export_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # also the XML message time
    created_by: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)  # month of submission
    month: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(10))  # flat | xml
    packaging: Mapped[str] = mapped_column(String(10))  # file | folder | zip
    submitter: Mapped[str] = mapped_column(String(20))
    generated: Mapped[date] = mapped_column(Date)
    series: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))  # the file name by the FBI's convention, no extension
    out_dir: Mapped[str] = mapped_column(Text)
    allow_errors: Mapped[bool] = mapped_column(Boolean, default=False)
    app_version: Mapped[str] = mapped_column(String(20), default="")
    profile: Mapped[str] = mapped_column(String(40), default="fbi")
    params: Mapped[Any] = mapped_column(JSON, default=dict)  # anything else the writer was given
    summary: Mapped[Any] = mapped_column(JSON, default=dict)
    # "pending": recorded, its file not yet under its final name (or not yet made final); "final": done
    state: Mapped[str] = mapped_column(String(10), default="final", server_default="final")

    files: Mapped[list["ExportFile"]] = relationship(
        order_by="ExportFile.id", cascade="all, delete-orphan", passive_deletes=True)


class ExportFile(Base):
    __tablename__ = "export_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    export_id: Mapped[int] = _fk("export_batch")
    path: Mapped[str] = mapped_column(String(300))  # relative to the export's folder
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)


class ExportItem(Base):
    """A report in an export: which record, at which revision, sent how, and the report as sent."""

    __tablename__ = "export_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    export_id: Mapped[int] = _fk("export_batch")
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int | None] = mapped_column(Integer)
    revision: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(1))  # I, A, R (replacement: D then I/A in a flat file), D
    key: Mapped[str] = mapped_column(String(60))
    report: Mapped[Any] = mapped_column(JSON)
    document: Mapped[str | None] = mapped_column(String(200))  # the XML document of the report
    first_record: Mapped[int | None] = mapped_column(Integer)  # flat file: its first record (line) number
    records: Mapped[int | None] = mapped_column(Integer)  # flat file: how many records (lines)
    layout: Mapped[Any | None] = mapped_column(JSON)  # where repeated values sat (see RecordMixin.layout)

    __table_args__ = (Index("ix_export_item_record", "kind", "record_id"),)


class FeedbackFile(Base):
    """An error file or response from the state or the FBI, as loaded."""

    __tablename__ = "feedback_file"
    id: Mapped[int] = mapped_column(primary_key=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime)
    loaded_by: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(20))  # eds | service
    year: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[int | None] = mapped_column(Integer)
    processed_on: Mapped[date | None] = mapped_column(Date)
    export_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[Any] = mapped_column(JSON, default=dict)


class FeedbackError(Base):
    """One error or warning the state or the FBI returned, and the record (and revision) it is about."""

    __tablename__ = "feedback_error"
    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = _fk("feedback_file")
    kind: Mapped[str | None] = mapped_column(String(20))
    record_id: Mapped[int | None] = mapped_column(Integer)
    revision: Mapped[int | None] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(60))
    number: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(10))
    finding: Mapped[Any] = mapped_column(JSON)

    __table_args__ = (Index("ix_feedback_error_record", "kind", "record_id"),)


# ----------------------------------------------------------------------------- the agency's own values
class LocalText(Base):
    """What the search box finds of a record's local values (desktop.nibrs.local): one row per segment and
    kind of value (a victim's name, the address, the narrative), kept by the store with every save.

    On SQLite a full-text index (FTS5, ``LOCAL_TEXT_FTS``) is kept over ``text`` by triggers; on PostgreSQL a GIN
    index over ``to_tsvector('simple', text)``. Both are made by migration 0007, not by this class."""

    __tablename__ = "local_text"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(60))  # the segment ("" the report, "victims[0]")
    what: Mapped[str] = mapped_column(String(40))  # what it is found as: name, address, narrative...
    text: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_local_text_record", "kind", "record_id"),)


# The full-text index of local_text on SQLite (an FTS5 table and its own tables, made by migration 0007):
# not tables of this schema's classes.
LOCAL_TEXT_FTS = "local_text_fts"


def not_declared(name: str) -> bool:
    """Tables of the database no class here declares (the full-text index's)."""
    return name == LOCAL_TEXT_FTS or name.startswith(LOCAL_TEXT_FTS + "_")


# Model segment kind -> table class; the mapper walks this.
ROW_CLASSES: dict[str, type[Base]] = {
    "incident": Incident,
    "offense": OffenseRow,
    "property": PropertyRow,
    "property_item": PropertyItemRow,
    "drug": DrugRow,
    "victim": VictimRow,
    "relationship": RelationshipRow,
    "offender": OffenderRow,
    "arrestee": ArresteeRow,
    "group_b": GroupBArrestRow,
    "zero_report": ZeroReportRow,
}

# Multi-valued element field -> its child code-row class, per segment kind.
CODE_ROW_CLASSES: dict[tuple[str, str], type[Base]] = {
    ("offense", "suspected_using"): OffenseSuspectedUsing,
    ("offense", "bias_motivations"): OffenseBiasMotivation,
    ("offense", "criminal_activities"): OffenseCriminalActivity,
    ("offense", "weapons"): OffenseWeapon,
    ("victim", "offense_codes"): VictimOffense,
    ("victim", "circumstances"): VictimCircumstance,
    ("victim", "injuries"): VictimInjury,
    ("arrestee", "armed_with"): ArresteeArmedWith,
    ("group_b", "armed_with"): GroupBArmedWith,
}
