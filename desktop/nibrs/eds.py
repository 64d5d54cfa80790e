"""The FBI Error Data Set (EDS): the fixed-width error file the FBI returns for a submission.

The layout (Technical Specification 2019.1, section 5.1, Table 5-1 and Figure 6-9) is declared
once, as data, in :data:`FIELDS`; the writer (:func:`format_record`, :func:`write_eds`) and the
reader (:func:`parse_record`, :func:`read_eds`) both work from it. Each record is 146 characters:

    1-4 year of submission      5-6 month of submission     7-13 record number in the submission
    14 segment action type      15-23 ORI                   24-35 incident number (or ATN)
    36 segment level            37-39 UCR offense code      40-42 victim/offender/arrestee sequence
    43 type property loss       44-46 data element number   47-49 error number
    50-61 data value in error   62-140 error message        141-146 unused

Every EDS ends with a record whose ORI is ``999999999`` and whose message says when the
submission was processed (the FBI writes "FBI processed submission on MM/DD/YYYY"); the reader
marks it as the trailer (:attr:`EdsRecord.is_trailer`).

Reading is lenient the way returned files need: CRLF or LF, trailing blanks trimmed, blank lines
skipped, old files with 147-character records or ``FLOPPY`` in the unused field. Input that is
not an EDS at all (binary bytes, a record shorter than its error number) raises
:class:`EdsError` naming the file and line.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, fields as dataclass_fields
from datetime import date
from typing import IO, Iterable, Iterator

RECORD_LENGTH = 146
TRAILER_ORI = "999999999"


@dataclass(frozen=True)
class Field:
    """One field of the EDS record: its attribute name, 1-based positions and how it is filled."""

    name: str
    start: int  # first position, 1-based
    end: int  # last position, inclusive
    title: str
    numeric: bool = False  # right-justified, zero-filled (an empty value is written as blanks)

    @property
    def width(self) -> int:
        return self.end - self.start + 1

    @property
    def slice(self) -> slice:
        return slice(self.start - 1, self.end)


# Table 5-1 of the specification, in record order.
FIELDS: tuple[Field, ...] = (
    Field("year", 1, 4, "Year of submission", numeric=True),
    Field("month", 5, 6, "Month of submission", numeric=True),
    Field("record", 7, 13, "Submission record number", numeric=True),
    Field("action", 14, 14, "Segment action type"),
    Field("ori", 15, 23, "ORI"),
    Field("incident", 24, 35, "Incident number"),
    Field("segment_level", 36, 36, "Segment level"),
    Field("offense_code", 37, 39, "UCR offense code"),
    Field("sequence", 40, 42, "Person sequence number", numeric=True),
    Field("loss_type", 43, 43, "Type property loss/etc."),
    Field("data_element", 44, 46, "Data element number"),
    Field("error", 47, 49, "Error number"),
    Field("value", 50, 61, "Data value in error"),
    Field("message", 62, 140, "Error message"),
    Field("unused", 141, 146, "Unused field"),
)
_BY_NAME = {f.name: f for f in FIELDS}
assert FIELDS[-1].end == RECORD_LENGTH and all(a.end + 1 == b.start for a, b in zip(FIELDS, FIELDS[1:]))


class EdsError(ValueError):
    """An Error Data Set cannot be read; the message names the file and line."""

    def __init__(self, message: str, path: str = "", line: int = 0):
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass(frozen=True)
class EdsRecord:
    """One EDS record. Numbers are ints (0 / None when the field is blank); the rest is text, unpadded."""

    year: int | None = None
    month: int | None = None
    record: int = 0
    action: str = ""
    ori: str = ""
    incident: str = ""
    segment_level: str = ""
    offense_code: str = ""
    sequence: int | None = None
    loss_type: str = ""
    data_element: str = ""
    error: str = ""
    value: str = ""
    message: str = ""
    unused: str = ""
    line: int = 0  # line of the EDS file it was read from (0 when not read)

    @property
    def is_trailer(self) -> bool:
        """The last record of an EDS: ORI 999999999, message "... processed submission on MM/DD/YYYY"."""
        return self.ori == TRAILER_ORI

    @property
    def processed_on(self) -> date | None:
        """The date in a trailer's message, if it has one."""
        if not self.is_trailer:
            return None
        found = re.search(r"(\d{2})/(\d{2})/(\d{4})", self.message)
        if not found:
            return None
        month, day, year = (int(x) for x in found.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None


_TEXT_FIELDS = frozenset(f.name for f in dataclass_fields(EdsRecord)) - {"line"}
assert _TEXT_FIELDS == set(_BY_NAME), "EdsRecord attributes and FIELDS must name the same fields"


# ---------------------------------------------------------------------------- writing
def _cell(f: Field, value: object) -> str:
    if value is None or value == "":
        return " " * f.width
    if f.numeric:
        if isinstance(value, str):
            value = value.strip()
            if not value.isdigit():
                raise ValueError(f"EDS {f.title} must be a number: {value!r}")
            value = int(value)
        if not isinstance(value, int) or value < 0:
            raise ValueError(f"EDS {f.title} must be a number: {value!r}")
        text = str(value).zfill(f.width)
        if len(text) > f.width:
            raise ValueError(f"EDS {f.title} {value} does not fit in {f.width} positions")
        return text
    text = str(value)
    text = "".join(c if " " <= c <= "~" else "?" for c in text)  # plain ASCII, one character per position
    return text[:f.width].ljust(f.width)


def format_record(rec: EdsRecord) -> str:
    """The 146-character line of a record (no line end). Text longer than its field is cut."""
    if rec.error and len(rec.error) > _BY_NAME["error"].width:
        raise ValueError(f"error number {rec.error!r} does not fit the EDS's three positions")
    return "".join(_cell(f, getattr(rec, f.name)) for f in FIELDS)


def trailer(year: int | None, month: int | None, processed: date, *,
            message: str = "NIBRS DESK CHECKED SUBMISSION ON {date}") -> EdsRecord:
    """The closing record: ORI 999999999 and the date the submission was checked."""
    return EdsRecord(year=year, month=month, ori=TRAILER_ORI,
                     message=message.format(date=processed.strftime("%m/%d/%Y")))


def write_eds(records: Iterable[EdsRecord], target: IO[str], *, newline: str = "\r\n") -> int:
    """Write records (the caller adds the trailer) to a text stream; returns how many were written."""
    n = 0
    for rec in records:
        target.write(format_record(rec) + newline)
        n += 1
    return n


def fill_message(template: str, value: str) -> str:
    """The FBI's message with its "[value]" placeholder filled in ("ERROR - DUPLICATE VALUE = [value]")."""
    return template.replace("[value]", value) if "[value]" in template else template


# ---------------------------------------------------------------------------- reading
def parse_record(text: str, *, line: int = 0, name: str = "<eds>") -> EdsRecord:
    """One EDS line as a record. Raises :class:`EdsError` when it cannot be one."""
    text = text.rstrip("\r\n")
    if not text.isascii() or not text.isprintable():
        bad = next(c for c in text if not (c.isascii() and c.isprintable()))
        raise EdsError(f"{name}, line {line}: position {text.index(bad) + 1} holds {bad!r}; an Error Data Set "
                       "is plain ASCII text", name, line)
    error_end = _BY_NAME["error"].end
    if len(text.rstrip()) < error_end and not text[14:23] == TRAILER_ORI:
        raise EdsError(f"{name}, line {line}: the record has {len(text.rstrip())} characters and ends before the "
                       f"error number (positions 47-49); an EDS record has {RECORD_LENGTH}", name, line)
    padded = text.ljust(RECORD_LENGTH)
    values: dict[str, object] = {}
    for f in FIELDS:
        raw = padded[f.slice] if f is not FIELDS[-1] else padded[f.start - 1:]
        if f.numeric:
            s = raw.strip()
            if s and not s.isdigit():
                raise EdsError(f"{name}, line {line}: {f.title} (positions {f.start}-{f.end}) reads {raw!r}, "
                               "not a number", name, line)
            values[f.name] = int(s) if s else (0 if f.name == "record" else None)
        else:
            values[f.name] = raw.strip() if f.name in ("message", "unused", "value") else raw.rstrip()
    return EdsRecord(line=line, **values)  # type: ignore[arg-type]


def read_eds(source: str | os.PathLike | IO[bytes], *, name: str | None = None) -> Iterator[EdsRecord]:
    """The records of an Error Data Set, one by one (blank lines skipped; the trailer included)."""
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<eds>")
    name = str(name)
    if isinstance(source, (str, os.PathLike)):
        try:
            raw = open(source, "rb")
        except OSError as exc:
            raise EdsError(f"{name}: cannot be opened: {exc.strerror or exc}", name) from None
        owned = True
    else:
        raw, owned = source, False
    text = io.TextIOWrapper(raw, encoding="ascii", errors="surrogateescape", newline=None)  # type: ignore[arg-type]
    line_no = 0
    try:
        for line in text:
            line_no += 1
            line = line.rstrip("\n")
            if line_no == 1 and line.startswith("\udcef\udcbb\udcbf"):  # a UTF-8 byte-order mark
                line = line[3:]
            line = line.rstrip("\r\x1a")
            if not line.strip():
                continue
            yield parse_record(line, line=line_no, name=name)
    except OSError as exc:
        raise EdsError(f"{name}, line {line_no}: the file could not be read: {exc.strerror or exc}",
                       name, line_no) from None
    finally:
        if owned:
            text.close()
        else:
            text.detach()


def read_eds_text(text: str, name: str = "<text>") -> list[EdsRecord]:
    """Every record of an EDS given as text (for tests and small inputs)."""
    return list(read_eds(io.BytesIO(text.encode("ascii", "surrogateescape")), name=name))


# ---------------------------------------------------------------------------- from findings
def from_finding(finding, *, year: int | None, month: int | None, message: str, data_element: str = "") -> EdsRecord:
    """The EDS record of an error :class:`~desktop.nibrs.findings.Finding` (FBI message text in ``message``)."""
    if not (finding.error.isdigit() and len(finding.error) <= _BY_NAME["error"].width):
        raise ValueError(f"error number {finding.error!r} does not fit the EDS's three positions")
    seq = finding.sequence
    return EdsRecord(
        year=year, month=month, record=finding.record or 0, action=finding.action or "", ori=finding.ori or "",
        incident=finding.incident or "", segment_level=finding.segment_level or "",
        offense_code=finding.offense_code or "", sequence=int(seq) if seq and seq.isdigit() else None,
        loss_type=finding.loss_type or "", data_element=data_element, error=finding.error,
        value=finding.value or "", message=fill_message(message, finding.value or ""),
    )
