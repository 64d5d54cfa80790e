"""The FBI Error Data Set (EDS): the fixed-width error file the FBI (or a state) returns for a submission.

The layout (Technical Specification 2019.1, section 5.1, Table 5-1 and Figure 6-9) is declared
once, as data, in :data:`FIELDS`; the writers and the readers all work from it. Each record is
146 characters:

    1-4 year of submission      5-6 month of submission     7-13 record number in the submission
    14 segment action type      15-23 ORI                   24-35 incident number (or ATN)
    36 segment level            37-39 UCR offense code      40-42 victim/offender/arrestee sequence
    43 type property loss       44-46 data element number   47-49 error number
    50-61 data value in error   62-140 error message        141-146 unused

Every EDS ends with a record whose ORI is ``999999999`` and whose message says when the
submission was processed (the FBI writes "FBI processed submission on MM/DD/YYYY");
:attr:`EdsRecord.is_trailer` marks it.

Two uses, one module:

* ``nibrs-desk validate --format eds`` writes the records of its findings as it goes
  (:func:`from_finding`, :func:`format_record`, :func:`write_records`, :func:`trailer`);
* ``nibrs-desk feedback`` reads what the state sent back (:func:`read_eds`, an
  :class:`ErrorDataSet`) and turns each record into a finding (:func:`to_finding`). Tests and the
  submission screens write a whole EDS from findings with :func:`write_eds` / :func:`dumps`.

Reading is lenient the way returned files need: CRLF or LF, a byte-order mark, trailing blanks
trimmed, blank lines skipped, old files with 147-character records or ``FLOPPY`` in the unused
field. Anything else (binary bytes, a record longer than 147 characters or ending before its
error number, letters in a number, a record after the trailer) raises :class:`EdsError` naming
the file and line.

The EDS has no severity column: the FBI writes errors to it. A number the rules declare only as
a warning (a data-quality number) is read as a warning; every other number as an error.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
from dataclasses import dataclass, field, fields as dataclass_fields
from datetime import date
from typing import IO, Iterable, Iterator

from desktop.nibrs.findings import ERROR, WARNING, Finding

RECORD_LENGTH = 146
MAX_LENGTH = 147  # older files carry one more (blank) character
TRAILER_ORI = "999999999"
FBI_TRAILER_MESSAGE = "FBI PROCESSED SUBMISSION ON {date}"
CHECKED_TRAILER_MESSAGE = "NIBRS DESK CHECKED SUBMISSION ON {date}"
CRLF = "\r\n"


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
FIELD = {f.name: f for f in FIELDS}
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
    record: int = 0  # physical record number in the submitted file (0 when blank)
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
assert _TEXT_FIELDS == set(FIELD), "EdsRecord attributes and FIELDS must name the same fields"


@dataclass
class ErrorDataSet:
    """A whole EDS as returned: its error records and the trailer (None when the file has none)."""

    name: str
    records: list[EdsRecord] = field(default_factory=list)  # error records, trailer excluded
    trailer: EdsRecord | None = None

    @property
    def processed(self) -> bool:
        return self.trailer is not None


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
    text = ascii_text(str(value))
    return text[:f.width].ljust(f.width)


# The FBI's messages are printed with typographic quotes and dashes ("MUST BE “I” OR “L”", "VALID DATA VALUE–");
# the EDS is ASCII (section 5.1), so they are written as the plain characters they stand for.
_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "´": "'", "`": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "…": "...", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "•": "*", "×": "x",
})


def ascii_text(text: str) -> str:
    """Text as printable ASCII, one character per position: typographic quotes and dashes folded to their
    plain forms, accents dropped ("é" -> "e"); anything else left is "?"."""
    if text.isascii() and text.isprintable():
        return text
    text = text.translate(_FOLD)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c if " " <= c <= "~" else "?" for c in text)


def format_record(rec: EdsRecord) -> str:
    """The 146-character line of a record (no line end). Text longer than its field is cut. A record without a
    submission record number (0: a missing segment, the trailer) leaves positions 7-13 blank ("certain errors
    will not [have a number]", Table 5-1)."""
    if rec.error and len(rec.error) > FIELD["error"].width:
        raise ValueError(f"error number {rec.error!r} does not fit the EDS's three positions")
    return "".join(_cell(f, getattr(rec, f.name) if f.name != "record" or rec.record else None) for f in FIELDS)


def trailer(year: int | None, month: int | None, processed: date, *,
            message: str = CHECKED_TRAILER_MESSAGE) -> EdsRecord:
    """The closing record: ORI 999999999 and the date the submission was processed (or checked, by us)."""
    return EdsRecord(year=year, month=month, ori=TRAILER_ORI,
                     message=message.format(date=processed.strftime("%m/%d/%Y")))


def write_records(records: Iterable[EdsRecord], target: IO[str], *, newline: str = CRLF) -> int:
    """Write records (the caller adds the trailer) to a text stream; returns how many were written."""
    n = 0
    for rec in records:
        target.write(format_record(rec) + newline)
        n += 1
    return n


def fill_message(template: str, value: str) -> str:
    """The FBI's message with its "[value]" placeholder filled in ("ERROR - DUPLICATE VALUE = [value]")."""
    return template.replace("[value]", value) if "[value]" in template else template


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


def value_text(finding: Finding, dictionary=None) -> str:
    """The data value in error as the element is written in the submission: a whole number (DE 34's offender
    number, a sequence number, a count) with its leading zeros ("00", "001"). Other values are written as
    found (a rule may name another element's value, as the FBI does: 355's is the loss type)."""
    value = finding.value or ""
    if not value.isdigit() or not finding.element:
        return value
    from desktop.nibrs.dictionary import dictionary as fbi_dictionary

    d = dictionary or fbi_dictionary()
    e = d.elements.get(finding.element)
    if e is None or not e.length or e.type != "integer" or len(value) >= e.length:
        return value
    return value.zfill(e.length)


def fits(finding: Finding) -> bool:
    """Whether a finding can be an EDS record: an error whose number has at most three digits."""
    return finding.is_error and finding.error.isdigit() and len(finding.error) <= FIELD["error"].width


def from_finding(finding: Finding, *, year: int | None, month: int | None, message: str | None = None,
                 data_element: str | None = None, dictionary=None) -> EdsRecord:
    """The EDS record of an error finding. ``message`` is the FBI's text (its "[value]" filled in);
    without it the finding's own words are written. ``data_element`` defaults to the number of the
    finding's element in the dictionary."""
    if not (finding.error.isdigit() and len(finding.error) <= FIELD["error"].width):
        raise ValueError(f"error number {finding.error!r} does not fit the EDS's three positions")
    seq = (finding.sequence or "").strip()
    if data_element is None:
        data_element = element_number(finding.element, dictionary)
    return EdsRecord(
        year=year, month=month, record=finding.record or 0, action=finding.action or "", ori=finding.ori or "",
        incident=finding.incident or "", segment_level=finding.segment_level or "",
        offense_code=finding.offense_code or "", sequence=int(seq) if seq.isdigit() else None,
        loss_type=finding.loss_type or "", data_element=data_element, error=finding.error,
        value=value_text(finding, dictionary),
        message=finding.message if message is None else fill_message(message, value_text(finding, dictionary)),
    )


def eds_records(findings: Iterable[Finding], *, year: int, month: int, processed_on: date,
                dictionary=None, trailer_message: str = FBI_TRAILER_MESSAGE) -> Iterator[EdsRecord]:
    """The records of an EDS for ``findings`` (errors only: the FBI writes no warnings), then the trailer."""
    for f in findings:
        if fits(f):
            yield from_finding(f, year=year, month=month, dictionary=dictionary)
    yield trailer(year, month, processed_on, message=trailer_message)


def write_eds(findings: Iterable[Finding], target: str | os.PathLike | IO[str], *, year: int, month: int,
              processed_on: date, dictionary=None, trailer_message: str = FBI_TRAILER_MESSAGE) -> int:
    """A whole EDS for ``findings`` as the FBI writes one (CRLF lines, the trailer last). A path is written
    to a temporary file and moved into place. Returns the number of records, trailer included."""
    buf = io.StringIO()
    n = write_records(eds_records(findings, year=year, month=month, processed_on=processed_on,
                                  dictionary=dictionary, trailer_message=trailer_message), buf)
    if isinstance(target, (str, os.PathLike)):
        from desktop.fileio import atomic_write

        atomic_write(target, buf.getvalue().encode("ascii"))
    else:
        target.write(buf.getvalue())
    return n


def dumps(findings: Iterable[Finding], *, year: int, month: int, processed_on: date) -> str:
    buf = io.StringIO()
    write_eds(findings, buf, year=year, month=month, processed_on=processed_on)
    return buf.getvalue()


# ---------------------------------------------------------------------------- reading
def parse_record(text: str, *, line: int = 0, name: str = "<eds>") -> EdsRecord:
    """One EDS line as a record. Raises :class:`EdsError` when it cannot be one."""
    text = text.rstrip("\r\n")
    if len(text) > MAX_LENGTH:
        raise EdsError(f"{name}, line {line}: {len(text)} characters; an EDS record has {RECORD_LENGTH}",
                       name, line)
    if not text.isascii() or not text.isprintable():
        bad = next(c for c in text if not (c.isascii() and c.isprintable()))
        raise EdsError(f"{name}, line {line}: position {text.index(bad) + 1} holds {bad!r}; an Error Data Set "
                       "is plain ASCII text", name, line)
    padded = text.ljust(RECORD_LENGTH)
    values: dict[str, object] = {}
    for f in FIELDS:
        raw = padded[f.slice] if f is not FIELDS[-1] else padded[f.start - 1:]
        if f.numeric:
            s = raw.strip()
            if s and not s.isdigit():
                raise EdsError(f"{name}, line {line}: {f.title.lower()} (positions {f.start}-{f.end}) reads "
                               f"{raw!r}; it must be a number", name, line)
            values[f.name] = int(s) if s else (0 if f.name == "record" else None)
        else:
            values[f.name] = raw.strip() if f.name in ("message", "unused", "value") else raw.rstrip()
    rec = EdsRecord(line=line, **values)  # type: ignore[arg-type]
    if not rec.is_trailer and len(text.rstrip()) < FIELD["error"].end:
        raise EdsError(f"{name}, line {line}: the record has {len(text.rstrip())} characters and ends before the "
                       f"error number (positions 47-49); an EDS record has {RECORD_LENGTH}", name, line)
    return rec


def iter_records(source: str | os.PathLike | IO[bytes], *, name: str | None = None) -> Iterator[EdsRecord]:
    """The records of an Error Data Set, one by one (blank lines skipped; the trailer included, last)."""
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
    trailer_line = 0
    try:
        for line in text:
            line_no += 1
            line = line.rstrip("\n")
            if line_no == 1 and line.startswith("\udcef\udcbb\udcbf"):  # a UTF-8 byte-order mark
                line = line[3:]
            line = line.rstrip("\r\x1a")
            if not line.strip():
                continue
            if trailer_line:
                raise EdsError(f"{name}, line {line_no}: a record after the trailer (ORI {TRAILER_ORI}, line "
                               f"{trailer_line}); the trailer is the last record of an EDS", name, line_no)
            rec = parse_record(line, line=line_no, name=name)
            if rec.is_trailer:
                trailer_line = line_no
            yield rec
    except OSError as exc:
        raise EdsError(f"{name}, line {line_no}: the file could not be read: {exc.strerror or exc}",
                       name, line_no) from None
    finally:
        if owned:
            text.close()
        else:
            text.detach()


def read_records_text(text: str, name: str = "<text>") -> list[EdsRecord]:
    """Every record of an EDS given as text (for tests and small inputs), the trailer included."""
    return list(iter_records(io.BytesIO(text.encode("ascii", "surrogateescape")), name=name))


def read_eds(source: str | os.PathLike | IO[bytes], *, name: str | None = None) -> ErrorDataSet:
    """A whole EDS: its error records and trailer. Raises :class:`EdsError` naming file and line for a record
    without a year and month of submission, or a file with no records at all."""
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<eds>")
    out = ErrorDataSet(str(name))
    for rec in iter_records(source, name=str(name)):
        if rec.is_trailer:
            out.trailer = rec
            continue
        if rec.year is None or rec.month is None or not 1 <= rec.month <= 12:
            raise EdsError(f"{name}, line {rec.line}: the year and month of submission (positions 1-6) read "
                           f"{rec.year or ''!s:>4}{rec.month or ''!s:>2}", str(name), rec.line)
        if not rec.error:
            raise EdsError(f"{name}, line {rec.line}: no error number in positions 47-49", str(name), rec.line)
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
        error=rec.error, severity=severity_of(rec.error), message=rec.message, segment="",
        element=rec.data_element, value=rec.value, ori=rec.ori, incident=rec.incident,
        segment_level=rec.segment_level, record=rec.record, file=file, action=rec.action,
        offense_code=rec.offense_code, sequence=f"{rec.sequence:03d}" if rec.sequence is not None else "",
        loss_type=rec.loss_type, extra={"source": "eds", "line": rec.line},
    )
