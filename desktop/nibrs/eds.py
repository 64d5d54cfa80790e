"""The FBI Error Data Set (EDS): the fixed-width error file the FBI (or a state) returns.

Technical Specification 2019.1, section 5.1 and figure 6-9: one 146-character ASCII record per
error, and a last record whose ORI is ``999999999`` and whose message says "FBI processed
submission on MM/DD/YYYY". Every position is declared once, in :data:`FIELDS`; the reader and
the writer both read that declaration.

A record says which submission (year and month of submission), which physical record of the
submitted file (7-13), which report (ORI, incident number or arrest transaction number), which
segment (level, offense code, person sequence number, property loss type), which data element,
the error number, the value in error and the FBI's message. :func:`to_finding` turns it into a
:class:`~desktop.nibrs.findings.Finding`; :func:`from_finding` the other way.

The EDS has no severity column: the FBI writes errors to it. A number the rules declare only as
a warning (a data-quality number) is read as a warning; every other number as an error.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Iterable, Iterator

from desktop.nibrs.findings import ERROR, WARNING, Finding

RECORD_LENGTH = 146
MAX_LENGTH = 147  # older files carry one more (blank) character
TRAILER_ORI = "999999999"
TRAILER_MESSAGE = "FBI PROCESSED SUBMISSION ON {:%m/%d/%Y}"
CRLF = "\r\n"


@dataclass(frozen=True)
class EdsField:
    name: str  # attribute of EdsRecord
    start: int  # 1-based, as the specification numbers positions
    end: int  # inclusive
    title: str
    numeric: bool = False  # zero-filled, right-justified

    @property
    def width(self) -> int:
        return self.end - self.start + 1

    @property
    def slice(self) -> slice:
        return slice(self.start - 1, self.end)


# Figure 6-9, EDS Layout.
FIELDS: tuple[EdsField, ...] = (
    EdsField("year", 1, 4, "Year of submission", numeric=True),
    EdsField("month", 5, 6, "Month of submission", numeric=True),
    EdsField("record", 7, 13, "Submission record number", numeric=True),
    EdsField("action", 14, 14, "Segment action type"),
    EdsField("ori", 15, 23, "ORI"),
    EdsField("incident", 24, 35, "Incident number"),
    EdsField("segment_level", 36, 36, "Segment level"),
    EdsField("offense_code", 37, 39, "UCR offense code"),
    EdsField("sequence", 40, 42, "Person sequence number"),
    EdsField("loss_type", 43, 43, "Type property loss/etc."),
    EdsField("element", 44, 46, "Data element number"),
    EdsField("error", 47, 49, "Error number"),
    EdsField("value", 50, 61, "Data value in error"),
    EdsField("message", 62, 140, "Error message"),
    EdsField("unused", 141, 146, "Unused"),
)
FIELD = {f.name: f for f in FIELDS}


class EdsError(ValueError):
    """The input cannot be read as an Error Data Set; the message names the file and line."""

    def __init__(self, message: str, path: str = "", line: int = 0):
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass(frozen=True)
class EdsRecord:
    """One line of an EDS, its fields as text (blank-stripped) except the numbers."""

    year: int | None
    month: int | None
    record: int | None  # physical record number in the submitted file (None when blank or zero)
    action: str
    ori: str
    incident: str
    segment_level: str
    offense_code: str
    sequence: str
    loss_type: str
    element: str
    error: str
    value: str
    message: str
    unused: str = ""
    line: int = 0  # line in the EDS file

    @property
    def is_trailer(self) -> bool:
        return self.ori == TRAILER_ORI

    @property
    def processed_on(self) -> date | None:
        """The date of the trailer's "FBI processed submission on MM/DD/YYYY"."""
        found = re.search(r"(\d{2})/(\d{2})/(\d{4})", self.message)
        if not found:
            return None
        try:
            return date(int(found[3]), int(found[1]), int(found[2]))
        except ValueError:
            return None


@dataclass
class ErrorDataSet:
    name: str
    records: list[EdsRecord] = field(default_factory=list)  # error records, trailer excluded
    trailer: EdsRecord | None = None

    @property
    def processed(self) -> bool:
        return self.trailer is not None


def looks_like_eds(head: bytes) -> bool:
    """True if the first line of a file has the EDS's shape (a year, a month, a 7-digit record number)."""
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    if not 62 <= len(first) <= MAX_LENGTH:
        return False
    text = first.decode("ascii", "replace")
    return text[:4].isdigit() and text[4:6].isdigit() and (text[6:13].isdigit() or not text[6:13].strip())


# ------------------------------------------------------------------------------------------- reading
def _number(text: str) -> int | None:
    s = text.strip()
    return int(s) if s.isdigit() else None


def parse_line(text: str, line: int = 0, name: str = "<eds>") -> EdsRecord:
    if len(text) > MAX_LENGTH:
        raise EdsError(f"{name}, line {line}: {len(text)} characters; an EDS record has {RECORD_LENGTH}", name, line)
    if not text.isascii() or not text.isprintable():
        bad = next(c for c in text if not (c.isascii() and c.isprintable()))
        raise EdsError(f"{name}, line {line}: holds {bad!r}; an EDS is plain ASCII text", name, line)
    body = text.ljust(RECORD_LENGTH)
    values = {f.name: body[f.slice] for f in FIELDS}
    for f in FIELDS:
        if f.numeric and values[f.name].strip() and not values[f.name].strip().isdigit():
            raise EdsError(f"{name}, line {line}: {f.title.lower()} (positions {f.start}-{f.end}) reads "
                           f"{values[f.name]!r}; it must be a number", name, line)
    month = _number(values["month"])
    record = _number(values["record"])
    return EdsRecord(
        year=_number(values["year"]), month=month, record=record or None, action=values["action"].strip(),
        ori=values["ori"].strip(), incident=values["incident"].rstrip(), segment_level=values["segment_level"].strip(),
        offense_code=values["offense_code"].strip(), sequence=values["sequence"].strip(),
        loss_type=values["loss_type"].strip(), element=values["element"].strip(), error=values["error"].strip(),
        value=values["value"].rstrip(), message=values["message"].strip(), unused=values["unused"].strip(), line=line)


def read_eds(source: str | os.PathLike | IO[bytes], *, name: str | None = None) -> ErrorDataSet:
    """Every record of an EDS file; raises :class:`EdsError` naming file and line for anything else."""
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<eds>")
    try:
        if isinstance(source, (str, os.PathLike)):
            data = Path(source).read_bytes()
        else:
            data = source.read()
    except OSError as exc:
        raise EdsError(f"{name}: cannot be read: {exc.strerror or exc}", str(name)) from None
    text = data.decode("ascii", "surrogateescape")
    out = ErrorDataSet(str(name))
    lines = text.splitlines()
    for number, raw in enumerate(lines, 1):
        raw = raw.rstrip("\x1a")
        if not raw.strip():
            continue
        rec = parse_line(raw, number, str(name))
        if out.trailer is not None:
            raise EdsError(f"{name}, line {number}: a record after the trailer (ORI {TRAILER_ORI}, line "
                           f"{out.trailer.line}); the trailer is the last record of an EDS", str(name), number)
        if rec.is_trailer:
            out.trailer = rec
            continue
        if rec.year is None or rec.month is None or not 1 <= rec.month <= 12:
            raise EdsError(f"{name}, line {number}: the year and month of submission (positions 1-6) read "
                           f"{raw[:6]!r}", str(name), number)
        if not rec.error:
            raise EdsError(f"{name}, line {number}: no error number in positions 47-49", str(name), number)
        out.records.append(rec)
    if not out.records and out.trailer is None:
        raise EdsError(f"{name}: no EDS records", str(name))
    return out


def severity_of(number: str) -> str:
    """Warning for a number the FBI edits declare only as a warning; error otherwise."""
    from desktop.nibrs.rules import REGISTRY

    REGISTRY.load()
    severities = {r.severity for r in REGISTRY.rules if r.number == number}
    return WARNING if severities == {WARNING} else ERROR


def to_finding(rec: EdsRecord, *, file: str = "") -> Finding:
    """A finding for one EDS record (the FBI's message; the element as the EDS names it)."""
    return Finding(
        error=rec.error, severity=severity_of(rec.error), message=rec.message, segment="", element=rec.element,
        value=rec.value, ori=rec.ori, incident=rec.incident, segment_level=rec.segment_level,
        record=rec.record or 0, file=file, action=rec.action, offense_code=rec.offense_code,
        sequence=rec.sequence, loss_type=rec.loss_type, extra={"source": "eds", "line": rec.line},
    )


# ------------------------------------------------------------------------------------------- writing
def _put(buf: list[str], f: EdsField, value: object) -> None:
    if value is None or value == "":
        return
    if f.numeric:
        text = str(value).strip()
        if not text.isdigit():
            raise ValueError(f"EDS {f.title.lower()}: {value!r} is not a number")
        text = text.zfill(f.width)
    else:
        text = str(value)
    if len(text) > f.width:
        text = text[:f.width]
    text = text.ljust(f.width)
    if not text.isascii() or not text.isprintable():
        text = "".join(c if c.isascii() and c.isprintable() else "?" for c in text)
    buf[f.slice] = text


def record_line(values: dict[str, object]) -> str:
    """One EDS record (146 characters) from field name -> value; text longer than its field is cut."""
    buf = [" "] * RECORD_LENGTH
    for name, value in values.items():
        _put(buf, FIELD[name], value)
    return "".join(buf)


def element_number(element: str, dictionary=None) -> str:
    """The FBI data element number of a finding's element id ("3_hour" -> "3"); "" for a structural field."""
    if not element:
        return ""
    from desktop.nibrs.dictionary import dictionary as fbi_dictionary

    d = dictionary or fbi_dictionary()
    try:
        return d.element(element).number
    except KeyError:
        return element if len(element) <= 3 else ""


def from_finding(f: Finding, year: int, month: int, dictionary=None) -> str:
    """An EDS record for a finding of a submission of ``month``/``year``."""
    return record_line({
        "year": year, "month": month, "record": f.record or None, "action": f.action, "ori": f.ori,
        "incident": f.incident, "segment_level": f.segment_level, "offense_code": f.offense_code,
        "sequence": f.sequence, "loss_type": f.loss_type, "element": element_number(f.element, dictionary),
        "error": f.error, "value": f.value, "message": f.message,
    })


def trailer_line(year: int, month: int, processed_on: date) -> str:
    return record_line({"year": year, "month": month, "ori": TRAILER_ORI,
                        "message": TRAILER_MESSAGE.format(processed_on)})


def eds_lines(findings: Iterable[Finding], year: int, month: int, processed_on: date,
              dictionary=None) -> Iterator[str]:
    """The records of an EDS for ``findings`` (errors only: the FBI writes no warnings), then the trailer."""
    for f in findings:
        if f.is_error and len(f.error) <= FIELD["error"].width:
            yield from_finding(f, year, month, dictionary)
    yield trailer_line(year, month, processed_on)


def write_eds(findings: Iterable[Finding], target: str | os.PathLike | IO[str], *, year: int, month: int,
              processed_on: date, dictionary=None) -> int:
    """Write an EDS (CRLF lines); a path is written to a temporary file and moved into place. Returns the
    number of records, trailer included."""
    lines = list(eds_lines(findings, year, month, processed_on, dictionary))
    text = CRLF.join(lines) + CRLF
    if isinstance(target, (str, os.PathLike)):
        from desktop.fileio import atomic_write

        atomic_write(target, text.encode("ascii"))
    else:
        target.write(text)
    return len(lines)


def dumps(findings: Iterable[Finding], *, year: int, month: int, processed_on: date) -> str:
    buf = io.StringIO()
    write_eds(findings, buf, year=year, month=month, processed_on=processed_on)
    return buf.getvalue()
