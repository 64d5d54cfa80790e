"""A finding: one FBI error or warning raised on a report, a segment or a field."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    error: str  # FBI error number as text: "404", "1201"
    severity: str  # "error" | "warning"
    message: str  # plain words
    fix: str = ""  # how to fix it
    segment: str = ""  # segment kind: incident, offense, property, victim, ...
    element: str = ""  # data element id ("26", "3_hour"); "" for a whole segment or incident
    path: str = ""  # where in the report: "victims[1].age", "offenses[0]" (0-based list indexes)
    value: str = ""  # the value in error, as text
    ori: str = ""
    incident: str = ""  # incident number or arrest transaction number
    segment_level: str = ""  # flat-file level "0".."7" ("" for cross-segment findings)
    record: int = 0  # 1-based count of non-empty lines in the file (0 when not from a file)
    file: str = ""
    action: str = ""  # segment action type of the record
    offense_code: str = ""  # for offense-level findings (EDS positions 37-39)
    sequence: str = ""  # victim/offender/arrestee sequence number (EDS 40-42)
    loss_type: str = ""  # property loss type (EDS 43)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if not d["extra"]:
            d.pop("extra")
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Finding":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


def count(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.severity == ERROR)
    return errors, len(findings) - errors
