"""What a rule may know besides the report: spec versions, the agency's history, the context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Protocol

from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary

# The FBI specification versions, in order, and the one checked when none is chosen: declared as data
# (resources/dictionary/specs/, desktop/nibrs/specs.py), like everything each version changes.
SPEC_VERSIONS: tuple[str, ...] = fbi_dictionary().specs.names
DEFAULT_SPEC: str = fbi_dictionary().specs.default

# segment kind -> (model list field on the incident, flat segment level), in level order; and the report kinds
SEGMENT_LISTS = {k: (s.list, s.level) for k, s in sorted(fbi_dictionary().segments.items(), key=lambda i: i[1].level)
                 if s.parent == "incident"}
REPORT_KINDS = tuple(k for k, s in fbi_dictionary().segments.items() if s.parent is None)
RULE_SEGMENTS = (*REPORT_KINDS, *SEGMENT_LISTS)


class History(Protocol):
    """What the agency's own database knows; stands in for the FBI's history checks.

    ``exclude_id`` is the record id of the report being checked (``Context.stored_id``), so
    a stored record does not find itself. ``kind`` narrows "data on file" to Group A
    incidents (``"incident"``) or Group B arrests (``"group_b"``); None means either.
    """

    def incident_on_file(self, ori: str, incident_number: str, *, exclude_id: int | None = None) -> bool: ...  # 056
    def group_b_atn_on_file(self, ori: str, atn: str) -> bool: ...  # 088 (Group A arrestee vs Group B)
    def group_a_atn_on_file(self, ori: str, atn: str, *, exclude_id: int | None = None) -> bool: ...  # 088
    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None, *,
                               exclude_id: int | None = None) -> bool: ...  # 759
    def zero_report_on_file(self, ori: str, year: int, month: int, *, exclude_id: int | None = None) -> bool: ...
    def data_on_file_for_month(self, ori: str, year: int, month: int, *,
                               kind: str | None = None) -> bool: ...  # 028-031


@dataclass
class Context:
    """What rules may know besides the report itself."""

    spec_version: str = DEFAULT_SPEC
    profile: str = "fbi"
    federal_agency: bool = False
    nibrs_start: date | None = None  # agency's NIBRS start date (173, 093, 720)
    submission_year: int | None = None  # when checking for a file: its month of submission
    submission_month: int | None = None
    action: str = "I"  # segment action type of the record being checked
    today: date = field(default_factory=date.today)
    history: History | None = None
    # The record being checked already lives in the database (so "already on file" means itself).
    stored_id: int | None = None
    dictionary: Dictionary = field(default_factory=fbi_dictionary)
    # Facts about the report being validated that several rules need (its property offenses...),
    # computed once per validation: ``validate`` empties it before it runs the rules (see memo()).
    memo: dict = field(default_factory=dict, repr=False, compare=False)


def memo(ctx: Context, name: str, report: Any, compute: Callable[[], Any]) -> Any:
    """A fact about ``report`` computed once per validation (rules must not change what it returns)."""
    key = (name, id(report))
    found = ctx.memo.get(key, _MISSING)
    if found is _MISSING:
        found = ctx.memo[key] = compute()
    return found


_MISSING = object()
