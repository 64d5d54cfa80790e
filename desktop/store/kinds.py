"""The kinds of record the store keeps, declared once: table, NIBRS key, number, date and words.

Every module of the store reads a kind's facts here (``KINDS["group_b"].row``, ``.key``,
``.words``...) and names a record with :func:`describe` (for people) or :func:`key_text` (in the
audit trail and an export's items).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.nibrs import model as m
from desktop.store import schema as s
from desktop.store.errors import StoreError


@dataclass(frozen=True)
class RecordKind:
    name: str  # "incident", "group_b", "zero_report" (a report's KIND)
    row: type  # its table
    key: tuple[str, ...]  # the columns (and report fields) of its NIBRS key
    number: str | None  # the column a person knows it by (a zero report is known by its month)
    date: str | None  # the column it is dated by
    words: str  # in a sentence about one record: "this incident was changed elsewhere"
    required: tuple[tuple[str, str], ...]  # (element id, field) a record cannot be saved without
    key_format: str  # its key in the audit trail and an export's items

    @property
    def number_column(self) -> Any:
        return None if self.number is None else getattr(self.row, self.number)

    @property
    def date_column(self) -> Any:
        return None if self.date is None else getattr(self.row, self.date)


KINDS: dict[str, RecordKind] = {k.name: k for k in (
    RecordKind("incident", s.Incident, ("ori", "incident_number"), "incident_number", "incident_date",
               "incident", (("1", "ori"), ("2", "incident_number")),
               "{ori} {incident_number}"),
    RecordKind("group_b", s.GroupBArrestRow, ("ori", "arrest_transaction_number", "sequence_number"),
               "arrest_transaction_number", "arrest_date", "Group B arrest",
               (("1", "ori"), ("41", "arrest_transaction_number")),
               "{ori} {arrest_transaction_number}/{sequence_number}"),
    RecordKind("zero_report", s.ZeroReportRow, ("ori", "year", "month"), None, None, "zero report",
               (("1", "ori"), ("zero_year", "year"), ("zero_month", "month")), "{ori} zero report {year}-{month}"),
)}


def kind(name: str) -> RecordKind:
    try:
        return KINDS[name]
    except KeyError:
        raise StoreError(f"unknown record kind {name!r}") from None


def key_of(record: Any, kind_name: str | None = None) -> tuple:
    """The NIBRS key of a report (or of a row, naming its kind): (ori, number[, sequence]) or (ori, year, month)."""
    return tuple(getattr(record, c) for c in KINDS[kind_name or record.KIND].key)


def key_text(report: m.Report) -> str:
    """``WVNDX0100 25-000012``, ``WVNDX0100 B-1/2``, ``WVNDX0100 zero report 2025-3``."""
    k = KINDS[report.KIND]
    return k.key_format.format_map({c: getattr(report, c) for c in k.key})


def describe(record: Any, kind_name: str | None = None) -> str:
    """``Group A incident WVNDX0100 25-000012`` for a report (or a row, naming its kind)."""
    return m.describe_report(record, kind_name or record.KIND)
