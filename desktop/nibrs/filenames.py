"""Submission file names by the FBI's convention (Technical Specification 2019.1, section 1).

``SubmitterID_YYYYMMDD_NIBRS_<additional information>_<series>``: the submitting agency's ORI,
the date the submission was generated, the format (NIBRS or SRS), optional words from the state
("Hate Crime", "Cargo Theft"), and the series number of the submission in the year (001 for the
first). Without additional information the part is left out, as in ``VTUCR0001_20200420_NIBRS_010``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

FORMATS = ("NIBRS", "SRS")
_SUBMITTER = re.compile(r"^[A-Z0-9]{1,20}$")
_EXTRA = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]*$")
_NAME = re.compile(r"^(?P<submitter>[A-Z0-9]+)_(?P<date>\d{8})_(?P<format>NIBRS|SRS)(?:_(?P<extra>[^_]+))?_"
                   r"(?P<series>\d{3})$")


@dataclass(frozen=True)
class SubmissionName:
    submitter: str
    generated: date
    format: str
    extra: str
    series: int


def submission_name(submitter_id: str, generated: date, *, series: int = 1, extra: str = "",
                    format: str = "NIBRS") -> str:
    """The base name (no extension) of a submission file, e.g. ``MO0950000_20250401_NIBRS_001``.

    Raises ValueError with the reason when a part cannot go into a file name.
    """
    if not _SUBMITTER.match(submitter_id or ""):
        raise ValueError(f"submitter ID {submitter_id!r}: use the submitting agency's ORI (capital letters "
                         "and digits)")
    if format not in FORMATS:
        raise ValueError(f"format {format!r}: it is NIBRS or SRS")
    if not isinstance(series, int) or isinstance(series, bool) or not 1 <= series <= 999:
        raise ValueError(f"series {series!r}: the number of the submission in the year, 1 to 999")
    extra = " ".join((extra or "").split())
    if extra and not _EXTRA.match(extra):
        raise ValueError(f"additional information {extra!r}: letters, digits, spaces and hyphens only")
    parts = [submitter_id, generated.strftime("%Y%m%d"), format]
    if extra:
        parts.append(extra)
    parts.append(f"{series:03d}")
    return "_".join(parts)


def parse_submission_name(name: str) -> SubmissionName | None:
    """The parts of a conventional submission file name (extension allowed), or None."""
    stem = name.rsplit("/", 1)[-1]
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    found = _NAME.match(stem)
    if not found:
        return None
    try:
        generated = date(int(found["date"][:4]), int(found["date"][4:6]), int(found["date"][6:]))
    except ValueError:
        return None
    return SubmissionName(found["submitter"], generated, found["format"], found["extra"] or "", int(found["series"]))
