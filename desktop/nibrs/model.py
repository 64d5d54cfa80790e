"""The NIBRS report model: plain Python, no Qt, no database.

A Group A incident is the Administrative segment with its offenses, property, victims,
offenders and arrestees; a Group B arrest and a zero report are records of their own.
Field names follow the data dictionary (``resources/dictionary/elements.yaml``): each stored
element's placement names the model field it lives in, and a test keeps the two in step.

Values hold what NIBRS means, in Python types:
  codes            the flat-file code as a string ("13A", "01", "Y"); multi-valued elements are lists
  weapons/armed    the code with its automatic flag, as in the FBI XML table ("11A", "12")
  dates            ``datetime.date``;   hour, counts, sequence numbers, dollars: ``int``
  drug quantity    ``decimal.Decimal`` (up to three decimals)
  ages             the NIBRS age string: "25", "2530" (25 to 30), "NN", "NB", "BB", "00", "99"
A value a reader could not make sense of stays out of the field and is kept, as typed, in the
segment's ``invalid`` map (field name, or ``field[i]`` for one value of a list), so the
validator can name it and storage can refuse it. State-profile elements live in ``extras``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Iterator


@dataclass
class SourceRef:
    """Where a segment came from in a file: for error messages and EDS record numbers."""

    path: str = ""
    line: int = 0  # physical line number (1-based)
    record: int = 0  # count of non-empty lines up to this one, as the FBI counts them
    text: str = ""  # the raw segment text (trailing newline removed)
    # Repeated values (a multi-valued field or a group such as "items") that a flat file held with
    # blank slots between them: field -> slot index of each value, so that writing the segment
    # again puts them back where they were. None when every list was packed from the first slot.
    slots: dict[str, tuple[int, ...]] | None = None


def _meta(**kw: Any) -> Any:
    return field(compare=False, repr=False, **kw)


@dataclass
class Segment:
    """Common parts of every segment: profile extras, unparseable input, source."""

    KIND: ClassVar[str] = ""
    extras: dict[str, Any] = field(default_factory=dict)
    invalid: dict[str, str] = _meta(default_factory=dict)
    source: SourceRef | None = _meta(default=None)

    def values(self) -> dict[str, Any]:
        """Field name -> value for the NIBRS fields (not extras, invalid or source)."""
        skip = {"extras", "invalid", "source"}
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in skip}


# ----------------------------------------------------------------------------- Group A parts
@dataclass
class Offense(Segment):
    KIND: ClassVar[str] = "offense"
    offense_code: str | None = None  # DE 6
    attempted_completed: str | None = None  # DE 7: A / C
    suspected_using: list[str] = field(default_factory=list)  # DE 8, up to 3
    bias_motivations: list[str] = field(default_factory=list)  # DE 8A, up to 5
    location_type: str | None = None  # DE 9
    premises_entered: int | None = None  # DE 10
    method_of_entry: str | None = None  # DE 11
    criminal_activities: list[str] = field(default_factory=list)  # DE 12, up to 3
    weapons: list[str] = field(default_factory=list)  # DE 13, up to 3 ("11A" = automatic)


@dataclass
class PropertyItem(Segment):
    KIND: ClassVar[str] = "property_item"
    description: str | None = None  # DE 15
    value: int | None = None  # DE 16, whole dollars
    date_recovered: date | None = None  # DE 17


@dataclass
class Drug(Segment):
    KIND: ClassVar[str] = "drug"
    drug_type: str | None = None  # DE 20
    quantity: Decimal | None = None  # DE 21
    measurement: str | None = None  # DE 22


@dataclass
class Property(Segment):
    KIND: ClassVar[str] = "property"
    loss_type: str | None = None  # DE 14
    items: list[PropertyItem] = field(default_factory=list)  # DE 15-17, up to 10
    stolen_vehicles: int | None = None  # DE 18
    recovered_vehicles: int | None = None  # DE 19
    drugs: list[Drug] = field(default_factory=list)  # DE 20-22, up to 3


@dataclass
class Relationship(Segment):
    KIND: ClassVar[str] = "relationship"
    offender_number: int | None = None  # DE 34
    relationship: str | None = None  # DE 35


@dataclass
class Victim(Segment):
    KIND: ClassVar[str] = "victim"
    sequence_number: int | None = None  # DE 23
    offense_codes: list[str] = field(default_factory=list)  # DE 24, up to 10
    victim_type: str | None = None  # DE 25
    officer_activity: str | None = None  # DE 25A
    officer_assignment: str | None = None  # DE 25B
    officer_ori: str | None = None  # DE 25C
    age: str | None = None  # DE 26
    sex: str | None = None  # DE 27
    race: str | None = None  # DE 28
    ethnicity: str | None = None  # DE 29
    resident_status: str | None = None  # DE 30
    circumstances: list[str] = field(default_factory=list)  # DE 31, up to 2
    justifiable_homicide: str | None = None  # DE 32
    injuries: list[str] = field(default_factory=list)  # DE 33, up to 5
    relationships: list[Relationship] = field(default_factory=list)  # DE 34/35, up to 10


@dataclass
class Offender(Segment):
    KIND: ClassVar[str] = "offender"
    sequence_number: int | None = None  # DE 36 (0 = nothing known about the offender)
    age: str | None = None  # DE 37
    sex: str | None = None  # DE 38
    race: str | None = None  # DE 39
    ethnicity: str | None = None  # DE 39A


@dataclass
class Arrestee(Segment):
    KIND: ClassVar[str] = "arrestee"
    sequence_number: int | None = None  # DE 40
    arrest_transaction_number: str | None = None  # DE 41
    arrest_date: date | None = None  # DE 42
    arrest_type: str | None = None  # DE 43
    multiple_arrestee: str | None = None  # DE 44
    arrest_offense_code: str | None = None  # DE 45
    armed_with: list[str] = field(default_factory=list)  # DE 46, up to 2 ("12A" = automatic)
    age: str | None = None  # DE 47
    sex: str | None = None  # DE 48
    race: str | None = None  # DE 49
    ethnicity: str | None = None  # DE 50
    resident_status: str | None = None  # DE 51
    disposition_under_18: str | None = None  # DE 52


# ----------------------------------------------------------------------------- records
@dataclass
class GroupAIncident(Segment):
    """A Group A incident report: the Administrative segment and everything under it."""

    KIND: ClassVar[str] = "incident"
    ori: str | None = None  # DE 1
    incident_number: str | None = None  # DE 2
    cargo_theft: str | None = None  # DE 2A: Y / N / None
    incident_date: date | None = None  # DE 3
    report_date_indicator: str | None = None  # DE 3: "R" or None
    incident_hour: int | None = None  # DE 3: 0-23 or None
    cleared_exceptionally: str | None = None  # DE 4
    exceptional_clearance_date: date | None = None  # DE 5
    offenses: list[Offense] = field(default_factory=list)
    properties: list[Property] = field(default_factory=list)
    victims: list[Victim] = field(default_factory=list)
    offenders: list[Offender] = field(default_factory=list)
    arrestees: list[Arrestee] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str | None]:
        return (self.ori, self.incident_number)

    def offense(self, code: str) -> Offense | None:
        return next((o for o in self.offenses if o.offense_code == code), None)

    def offense_codes(self) -> list[str]:
        return [o.offense_code for o in self.offenses if o.offense_code]

    def offender(self, number: int) -> Offender | None:
        return next((o for o in self.offenders if o.sequence_number == number), None)

    def segments(self) -> Iterator[Segment]:
        """Every segment of the incident, in flat-file order (1, 2s, 3s, 4s, 5s, 6s)."""
        yield self
        yield from self.offenses
        yield from self.properties
        yield from self.victims
        yield from self.offenders
        yield from self.arrestees


@dataclass
class GroupBArrest(Segment):
    """A Group B arrest report (one arrestee, Segment Level 7)."""

    KIND: ClassVar[str] = "group_b"
    ori: str | None = None  # DE 1
    arrest_transaction_number: str | None = None  # DE 41
    sequence_number: int | None = None  # DE 40
    arrest_date: date | None = None  # DE 42
    arrest_type: str | None = None  # DE 43
    arrest_offense_code: str | None = None  # DE 45
    armed_with: list[str] = field(default_factory=list)  # DE 46
    age: str | None = None  # DE 47
    sex: str | None = None  # DE 48
    race: str | None = None  # DE 49
    ethnicity: str | None = None  # DE 50
    resident_status: str | None = None  # DE 51
    disposition_under_18: str | None = None  # DE 52

    @property
    def key(self) -> tuple[str | None, str | None, int | None]:
        return (self.ori, self.arrest_transaction_number, self.sequence_number)


@dataclass
class ZeroReport(Segment):
    """The agency had no Group A incident and no Group B arrest in this month."""

    KIND: ClassVar[str] = "zero_report"
    ori: str | None = None
    year: int | None = None
    month: int | None = None

    @property
    def key(self) -> tuple[str | None, int | None, int | None]:
        return (self.ori, self.year, self.month)


Report = GroupAIncident | GroupBArrest | ZeroReport


# What a report is called among others, by its KIND (the store's record kinds use the same words).
REPORT_TITLES = {"incident": "Group A incident", "group_b": "Group B arrest", "zero_report": "zero report"}


def describe_report(record: Any, kind: str | None = None) -> str:
    """A report (or anything with its fields, such as a stored row of ``kind``) for people and messages:
    ``Group A incident WVNDX0100 25-000012``, ``Group B arrest WVNDX0100 B-1 arrestee 2``,
    ``zero report WVNDX0100 2025-03``; a missing part is ``?``."""
    kind = kind or record.KIND
    ori = getattr(record, "ori", None) or "?"
    if kind == "zero_report":
        year, month = getattr(record, "year", None), getattr(record, "month", None)
        when = f"{year:04d}-{month:02d}" if isinstance(year, int) and isinstance(month, int) else "?"
        return f"{REPORT_TITLES[kind]} {ori} {when}"
    if kind == "group_b":
        seq = getattr(record, "sequence_number", None)
        more = f" arrestee {seq}" if seq is not None else ""
        return f"{REPORT_TITLES[kind]} {ori} {getattr(record, 'arrest_transaction_number', None) or '?'}{more}"
    return f"{REPORT_TITLES[kind]} {ori} {getattr(record, 'incident_number', None) or '?'}"

# Segment (and group) kind -> model class, for code that walks the dictionary.
SEGMENT_CLASSES: dict[str, type[Segment]] = {
    cls.KIND: cls
    for cls in (GroupAIncident, Offense, Property, PropertyItem, Drug, Victim, Relationship,
                Offender, Arrestee, GroupBArrest, ZeroReport)
}


def __getattr__(name: str) -> Any:
    """``CHILD_FIELDS``: child kind -> (parent kind, the parent's list field), as the dictionary declares them
    (segments' ``parent``/``list``, groups' ``parent``/``field``); read on first use."""
    if name == "CHILD_FIELDS":
        from desktop.nibrs.dictionary import dictionary

        found = globals()["CHILD_FIELDS"] = dictionary().child_fields()
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Submission:
    """What a file carries around a report: the action and the submission month.

    ``action`` is the segment action type: I (Group A incident), A (add Group B or zero
    report), D (delete), R (replace, XML only). For a delete, ``report`` holds only the
    identifying fields (ORI, number, date; for a Group B delete optionally the sequence).
    """

    report: Report
    action: str = "I"
    year: int | None = None  # year of submission
    month: int | None = None  # month of submission
    city_indicator: str | None = None
    source: SourceRef | None = _meta(default=None)
    findings: list[Any] = _meta(default_factory=list)  # structural findings made while reading

    @property
    def kind(self) -> str:
        return self.report.KIND
