"""Reading a NIBRS flat file as a stream of :class:`~desktop.nibrs.model.Submission` objects.

The reader is lenient the way real files need: short and long segment forms mixed in one file,
blank lines, CRLF or LF. It is not lenient about a line that is not a whole segment: a line that ends
before the last field its length field promises (cut off, or trimmed of blanks that were fields) or goes
on past it is an error naming the file and line (its report is never imported or converted). Values it cannot read go into the segment's
``invalid`` map (unknown codes stay in their field for the validator). Structure problems become
:class:`~desktop.nibrs.findings.Finding` objects with the FBI's error numbers (see
:data:`READER_ERRORS`). Input that is not a flat file at all - binary bytes, a line cut off in
the middle of a field - raises :class:`FlatFileError` naming the file and line.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any, Iterator

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import ERROR, Finding
from desktop.nibrs.flatfile.layout import Header, Layout, Layouts, layouts
from desktop.nibrs.values import FlatValueError, from_flat

# FBI error numbers this reader raises (Technical Specification 2019.1, section 5.2). The rules
# catalogue lists them as "checked when reading a file".
#   001 / x01   segment length, action type or month/year of submission missing or not valid
#               (zero report / levels 1-7; Table 3-1 to 3-5 name x01 for the header elements); a year of
#               submission before 1991 (Table 3-5, Data Values: 1991-Current Year; a future one is 060)
#   050 051 055 058 059 060   structure checks (5.2.1)
#   090 091 092 094           zero report month, year, incident number, month after submission
#   178 284 484 584           conflicting segment length of levels 1, 2, 4, 5
READER_ERRORS: frozenset[str] = frozenset({
    "001", "050", "051", "055", "058", "059", "060", "090", "091", "092", "094",
    "101", "178", "201", "284", "301", "401", "484", "501", "584", "601", "701",
})

# The segment levels whose wrong length has an error number of its own (Table 3-2).
_LENGTH_ERRORS = {"1": "178", "2": "284", "4": "484", "5": "584"}

_BOM_TEXT = "\udcef\udcbb\udcbf"  # a UTF-8 byte-order mark, as the ASCII decoder keeps it


class FlatFileError(ValueError):
    """The input cannot be read as a NIBRS flat file; the message names the file and line."""

    def __init__(self, message: str, path: str = "", line: int = 0):
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass
class _Building:
    """The report being assembled from consecutive lines."""

    submission: m.Submission
    key: str
    level: str  # the highest segment level added so far (for 050)
    takes_children: bool  # a Group A incident that levels 2-6 with the same identifier belong to
    flagged: set[str] = field(default_factory=set)  # file-wide checks already reported on this report


class FlatFileReader:
    """Read a NIBRS flat file as a stream of :class:`~desktop.nibrs.model.Submission` objects.

    ``source`` is a path or a binary file object (``name`` then names it in messages).
    ``today`` dates the 060 check (a month of submission in the future); ``federal`` turns off
    059 (every segment from one state), which does not apply to federal agencies.

    Iterate to read; memory does not grow with the file. Findings that belong to no report
    (a line of unknown level between reports) are collected in :attr:`findings`; the counters
    :attr:`lines`, :attr:`records` and :attr:`segments` are final once iteration ends.
    """

    def __init__(self, source: str | os.PathLike | IO[bytes], *, name: str | None = None,
                 today: date | None = None, federal: bool = False, dictionary: Dictionary | None = None):
        self.source = source
        if name is None:
            name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "")
        self.name = str(name or "<flat file>")
        self.today = today or date.today()
        self.federal = federal
        self.d = dictionary or fbi_dictionary()
        self.findings: list[Finding] = []
        self.lines = 0
        self.records = 0
        self.segments = 0

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _open(self) -> Iterator[IO[str]]:
        """The input as text lines: ASCII, with undecodable bytes kept (as surrogates) to be named."""
        if isinstance(self.source, (str, os.PathLike)):
            try:
                raw = open(self.source, "rb")
            except OSError as exc:
                raise FlatFileError(f"{self.name}: cannot be opened: {exc.strerror or exc}", self.name) from None
            owned = True
        else:
            raw, owned = self.source, False
        text = io.TextIOWrapper(raw, encoding="ascii", errors="surrogateescape", newline=None)  # type: ignore[arg-type]
        try:
            yield text
        finally:
            if owned:
                text.close()
            else:
                text.detach()

    def _error(self, line: int, why: str) -> FlatFileError:
        return FlatFileError(f"{self.name}, line {line}: {why}", self.name, line)

    def __iter__(self) -> Iterator[m.Submission]:
        return self._read()

    # ------------------------------------------------------------------ the loop
    def _read(self) -> Iterator[m.Submission]:
        L = layouts(self.d)
        h = L.header
        by_level = L.by_level
        ori_end, key_sl, stamp_sl, level_sl, state_sl = h.ori.stop, h.key, h.stamp, h.level, \
            slice(h.ori.start, h.ori.start + 2)
        clean: dict[str, tuple[Layout, int]] = {}  # header stamps that passed every header check
        building: _Building | None = None
        first: tuple[str, str, str] | None = None  # month, year and state of the first segment
        line_no = records = segments = 0
        name = self.name
        SourceRef = m.SourceRef
        with self._open() as fh:
            try:
                for text in fh:
                    line_no += 1
                    text = text.rstrip("\n")
                    if not text.isprintable():
                        text = self._tolerated(text, line_no)
                    if not text or text.isspace():
                        continue  # a blank line: skipped, and not counted as a record
                    records += 1
                    n = len(text)
                    if n < ori_end:
                        raise self._error(line_no, f"the line has only {n} characters and ends before the end of "
                                                   f"the ORI (position {ori_end}); it is cut off")
                    src = SourceRef(name, line_no, records, text)
                    key = text[key_sl]
                    stamp = text[stamp_sl]
                    known = clean.get(stamp)
                    problems: list[tuple[str, str, str, str, str]] = []
                    if known is not None:
                        layout, declared = known
                        if n > declared and not text[declared:].isspace():
                            problems = self._extra_text(text, declared, layout, src)
                        elif n < _data_end(layout, declared):
                            problems = self._short(text, declared, layout, src)
                    else:
                        layout = by_level.get(text[level_sl])  # type: ignore[assignment]
                        if layout is None:
                            f = self._unknown_level(text, text[level_sl], src)
                            if building is not None and building.key == key:
                                building.submission.findings.append(f)
                            else:
                                self.findings.append(f)
                            continue
                        if first is None:
                            first = (text[h.month], text[h.year], text[state_sl])
                        declared, problems = self._length(text, layout, src)
                        header_problems = self._header(text, layout, src, L)
                        if not problems and not header_problems and (text[h.month], text[h.year]) == first[:2] \
                                and not self._future(text[h.month], text[h.year]):
                            clean[stamp] = (layout, declared)
                        problems += header_problems
                    if n < declared and n in layout.cut_inside:
                        raise self._error(line_no, f"the line ends at position {n}, inside a number or date of "
                                                   f"the {layout.cls.__name__} segment (its length field says "
                                                   f"{declared:04d}); it is cut off")
                    body = text[:declared]
                    if len(body) < layout.length:
                        body = body.ljust(layout.length)
                    segment = layout.parse(body, src)
                    segments += 1
                    child = layout.child_list
                    if not child or building is None or building.key != key or not building.takes_children:
                        if building is not None:
                            yield building.submission
                        building = self._start(layout, segment, body, text, key, src, h)
                    if child:
                        getattr(building.submission.report, child).append(segment)
                        if layout.level < building.level:
                            problems.append(self._order(layout, building, src))
                        else:
                            building.level = layout.level
                    if problems or known is None or text[state_sl] != first[2]:  # type: ignore[index]
                        self._report(building, layout, segment, text, problems, first, h)  # type: ignore[arg-type]
            except OSError as exc:
                raise self._error(line_no, f"the file could not be read: {exc.strerror or exc}") from None
            finally:
                self.lines, self.records, self.segments = line_no, records, segments
        if building is not None:
            yield building.submission

    def _tolerated(self, text: str, line_no: int) -> str:
        """A line with characters outside printable ASCII: a BOM or DOS end-of-file mark is dropped, else an error."""
        if line_no == 1 and text.startswith(_BOM_TEXT):
            text = text[len(_BOM_TEXT):]
        text = text.rstrip("\r\x1a")
        if text.isprintable():
            return text
        bad = next(c for c in text if not c.isprintable())
        pos = text.index(bad) + 1
        code = ord(bad)
        if 0xDC80 <= code <= 0xDCFF:
            what = f"the byte 0x{code - 0xDC00:02X}, which is not ASCII"
        elif code == 0:
            what = "a NUL byte"
        else:
            what = f"the control character 0x{code:02X}"
        raise self._error(line_no, f"position {pos} holds {what}; a NIBRS flat file is plain ASCII text "
                                   "(this looks like a binary or differently encoded file)")

    # ------------------------------------------------------------------ reports
    def _start(self, layout: Layout, segment: m.Segment, body: str, text: str, key: str,
               src: m.SourceRef, h: Header) -> _Building:
        month, year, city = text[h.month], text[h.year], text[h.city].rstrip()
        if not layout.child_list:
            report = segment
        else:  # a Group A segment without its Administrative segment first (055)
            report = m.GroupAIncident()
            for f in layout.key_fields:
                raw = body[f.start:f.end]
                if not raw.isspace():
                    try:
                        setattr(report, f.name, from_flat(f.element, raw))
                    except FlatValueError:
                        report.invalid[f.name] = raw.rstrip()
            report.source = src
        action = text[h.action]
        sub = m.Submission(
            report=report,  # type: ignore[arg-type]
            action=action,
            year=int(year) if year.isdigit() else None,
            month=int(month) if month.isdigit() and 1 <= int(month) <= 12 else None,
            city_indicator=city or None,
            source=src,
        )
        takes_children = bool(layout.child_list) or (layout.kind == "incident" and action != "D")
        b = _Building(sub, key, layout.level, takes_children)
        if layout.child_list:
            sub.findings.append(self._finding(
                "055", f"Line {src.line} begins incident {report.incident_number or key.strip()!r} with "  # type: ignore[union-attr]
                f"{_a(layout)} segment (level {layout.level}); a Group A incident must begin with its "
                "Administrative segment (level 1) with action I.",
                "Put the incident's Administrative segment (level 1, action I) before its other segments.",
                sub, layout, segment, "", element="segment_level", value=layout.level))
        if layout.kind == "zero_report":
            self._check_zero(sub, layout, segment, body)
        return b

    def _order(self, layout: Layout, b: _Building, src: m.SourceRef) -> tuple[str, str, str, str, str]:
        return ("050", "segment_level",
                f"Line {src.line}: {_a(layout)} segment (level {layout.level}) comes after a level {b.level} "
                "segment; the segments of an incident must be in level order 1, 2, 3, 4, 5, 6.",
                "Write the incident's segments in level order.", layout.level)

    def _report(self, b: _Building, layout: Layout, segment: m.Segment, text: str,
                problems: list[tuple[str, str, str, str, str]], first: tuple[str, str, str], h: Header) -> None:
        """Attach a line's problems, and the file-wide checks 058-060 (once per report), to its report."""
        sub = b.submission
        path = ""
        if layout.child_list:
            path = f"{layout.child_list}[{len(getattr(sub.report, layout.child_list)) - 1}]"  # the line just read
        for number, element, message, fix, value in problems:
            sub.findings.append(self._finding(number, message, fix, sub, layout, segment, path,
                                              element=element, value=value))
        line = segment.source.line if segment.source else 0
        month, year, state = text[h.month], text[h.year], text[h.ori][:2]
        if (month, year) != first[:2] and "058" not in b.flagged:
            b.flagged.add("058")
            sub.findings.append(self._finding(
                "058", f"Line {line}: month/year of submission {month}/{year} differs from the file's first "
                f"segment ({first[0]}/{first[1]}); every segment of a submission must carry the same one.",
                "Give every segment the same month and year of submission.", sub, layout, segment, path,
                element="submission_month", value=month + year))
        if not self.federal and state != first[2] and "059" not in b.flagged:
            b.flagged.add("059")
            sub.findings.append(self._finding(
                "059", f"Line {line}: the ORI starts with {state!r} but the file's first segment is from "
                f"{first[2]!r}; a submission holds one state's data.",
                "Send each state's reports in a file of their own.", sub, layout, segment, path,
                element="1", value=state))
        if self._future(month, year) and "060" not in b.flagged:
            b.flagged.add("060")
            sub.findings.append(self._finding(
                "060", f"Line {line}: month/year of submission {month}/{year} is in the future.",
                "Use the month the submission is created.", sub, layout, segment, path,
                element="submission_month", value=month + year))

    # ------------------------------------------------------------------ checks
    def _future(self, month: str, year: str) -> bool:
        return month.isdigit() and year.isdigit() and 1 <= int(month) <= 12 and \
            (int(year), int(month)) > (self.today.year, self.today.month)

    def _length(self, text: str, layout: Layout, src: m.SourceRef) -> tuple[int, list]:
        """The length to read the line with, and the problems with its length field."""
        h = layouts(self.d).header
        rdw = text[h.rdw]
        number = _LENGTH_ERRORS.get(layout.level, f"{layout.level}01")
        accepted = " or ".join(f"{x:04d}" for x in sorted(layout.lengths))
        name = layout.cls.__name__
        if not rdw.isdigit() or int(rdw) not in layout.lengths:
            what = f"reads {rdw!r}, not a number" if not rdw.isdigit() else f"is {rdw}"
            return layout.length, [(
                number, "segment_length",
                f"Line {src.line}: the segment length (positions 1-4) of {_a(layout)} segment (level {layout.level}) "
                f"{what}; it must be {accepted}.",
                f"Write the {name} segment in its {layout.length:04d}-character form with {layout.length:04d} in "
                "positions 1-4.", rdw)]
        declared = int(rdw)
        if len(text) > declared and not text[declared:].isspace():
            return declared, self._extra_text(text, declared, layout, src)
        if len(text) < _data_end(layout, declared):
            return declared, self._short(text, declared, layout, src)
        return declared, []

    @staticmethod
    def _short(text: str, declared: int, layout: Layout, src: m.SourceRef) -> list:
        """A line shorter than its length field: not a whole segment (cut off), so never a report of its own."""
        number = _LENGTH_ERRORS.get(layout.level, f"{layout.level}01")
        return [(number, "segment_length",
                 f"Line {src.line} has only {len(text)} characters but its length field says {declared:04d}: the "
                 "line is cut off (a segment holds every one of its characters, blanks included), so it was not "
                 "read as a report.",
                 f"Write the whole {declared:04d}-character segment (fill the fields without data with blanks).",
                 text[-12:])]

    @staticmethod
    def _extra_text(text: str, declared: int, layout: Layout, src: m.SourceRef) -> list:
        number = _LENGTH_ERRORS.get(layout.level, f"{layout.level}01")
        return [(number, "segment_length",
                 f"Line {src.line} has {len(text)} characters but its length field says {declared:04d}; the "
                 f"characters after position {declared} were not read.",
                 "Make the length field match the segment, or remove the extra characters.",
                 text[declared:declared + 12])]

    def _header(self, text: str, layout: Layout, src: m.SourceRef, L: Layouts) -> list:
        h = L.header
        x01 = f"{layout.level}01"
        out = []
        action = text[h.action]
        allowed = L.actions.get(layout.level, frozenset())
        if action not in allowed:
            out.append((x01, "action_type",
                        f"Line {src.line}: segment action type {action!r} is not valid for {_a(layout)} segment "
                        f"(level {layout.level}); it takes {' or '.join(sorted(allowed))}.",
                        "Correct the segment action type in position 6.", action))
        month, year = text[h.month], text[h.year]
        if not (month.isdigit() and 1 <= int(month) <= 12):
            out.append((x01, "submission_month",
                        f"Line {src.line}: the month of submission (positions 7-8) reads {month!r}; it must be "
                        "01 to 12.", "Put the month of submission in positions 7-8.", month))
        if not year.isdigit():
            out.append((x01, "submission_year",
                        f"Line {src.line}: the year of submission (positions 9-12) reads {year!r}; it must be "
                        "four digits.", "Put the year of submission in positions 9-12.", year))
        elif int(year) < L.first_year:
            out.append((x01, "submission_year",
                        f"Line {src.line}: the year of submission (positions 9-12) reads {year!r}; the FBI takes "
                        f"{L.first_year} to the current year.", "Put the year of submission in positions 9-12.",
                        year))
        return out

    def _check_zero(self, sub: m.Submission, layout: Layout, zero: m.Segment, body: str) -> None:
        line = zero.source.line if zero.source else 0
        for u in layout.unstored:
            raw = body[u.start:u.end]
            if u.identifier and raw != "0" * (u.end - u.start):
                zero.invalid[u.element.id] = raw.rstrip()
                sub.findings.append(self._finding(
                    "092", f"Line {line}: a zero report's incident number (positions {u.start + 1}-{u.end}) must be "
                    f"twelve zeros; it reads {raw!r}.", f"Put twelve zeros in positions {u.start + 1}-{u.end}.", sub,
                    layout, zero, "", element=u.element.id, value=raw))
        month, year = getattr(zero, "month", None), getattr(zero, "year", None)
        if not (isinstance(month, int) and 1 <= month <= 12):
            raw = zero.invalid.get("month", "" if month is None else f"{month:02d}")
            sub.findings.append(self._finding(
                "090", f"Line {line}: the zero report month (positions 38-39) reads {raw!r}; it must be 01 to 12.",
                "Put the month with no incidents and no arrests in positions 38-39.", sub, layout, zero, "month",
                element="zero_month", value=raw))
        if not isinstance(year, int):  # 091: not four digits (a year of four digits out of range is 001, a rule's)
            raw = zero.invalid.get("year", "" if year is None else str(year))
            sub.findings.append(self._finding(
                "091", f"Line {line}: the zero report year (positions 40-43) reads {raw!r}; it must be four digits.",
                "Put the year in positions 40-43.", sub, layout, zero, "year", element="zero_year", value=raw))
        if isinstance(month, int) and 1 <= month <= 12 and isinstance(year, int) and sub.year and sub.month and \
                (year, month) > (sub.year, sub.month):
            sub.findings.append(self._finding(
                "094", f"Line {line}: the zero report is for {month:02d}/{year}, later than the month of submission "
                f"{sub.month:02d}/{sub.year}.", "A zero report can only be sent for a month that has ended.", sub,
                layout, zero, "month", element="zero_month", value=f"{month:02d}{year}"))

    def _unknown_level(self, text: str, level: str, src: m.SourceRef) -> Finding:
        h = layouts(self.d).header
        return Finding(
            error="051", severity=ERROR,
            message=f"Line {src.line} has segment level {level!r}; NIBRS segment levels are 0 to 7, so the line "
                    "was not read.",
            fix="Correct the segment level in position 5, or remove the line.",
            element="segment_level", value=level, ori=text[h.ori].rstrip(), incident=text[h.ident].rstrip(),
            segment_level=level, record=src.record, file=src.path, action=text[h.action],
            extra={"line": src.line, "text": text},
        )

    def _finding(self, number: str, message: str, fix: str, sub: m.Submission, layout: Layout,
                 segment: m.Segment, path: str, *, element: str = "", value: str = "") -> Finding:
        report = sub.report
        src = segment.source or sub.source
        if layout.kind == "zero_report":
            ident = "0" * 12
        else:
            ident = getattr(report, "incident_number", None) or getattr(report, "arrest_transaction_number", None)
        offense_code = getattr(segment, "offense_code", None) if layout.kind == "offense" else None
        seq = getattr(segment, "sequence_number", None) \
            if layout.kind in ("victim", "offender", "arrestee", "group_b") else None
        loss = getattr(segment, "loss_type", None) if layout.kind == "property" else None
        return Finding(
            error=number, severity=ERROR, message=message, fix=fix, segment=layout.kind, element=element,
            path=path, value=str(value), ori=getattr(report, "ori", None) or "", incident=ident or "",
            segment_level=layout.level, record=src.record if src else 0, file=src.path if src else self.name,
            action=sub.action, offense_code=offense_code or "",
            sequence=f"{seq:03d}" if isinstance(seq, int) else "", loss_type=loss or "",
            extra={"line": src.line if src else 0},
        )


_DATA_END: dict[tuple[int, int], int] = {}


def _data_end(layout: Layout, declared: int) -> int:
    """Where the last field this program reads of a segment of length ``declared`` ends. A shorter line is cut
    off (an error, never a report); one that ends after it lacks only positions nothing reads (the old window
    fields, filler), as the FBI's own sample NIBRS_Test_Sample.txt writes its Arrestee segment: 80 of 110
    characters, every field read there."""
    key = (id(layout), declared)
    end = _DATA_END.get(key)
    if end is None:
        ends = [f.end for f in layout.fields] + [g.start + g.stride * g.rows for g in layout.groups]
        end = max([e for e in ends if e <= declared] or [declared])
        _DATA_END[key] = end
    return end


def _a(layout: Layout) -> str:
    """'an Administrative' / 'a Victim': the segment's word (from the dictionary) with its article."""
    word = layout.word
    return f"{'an' if word[0] in 'AEIOU' else 'a'} {word}"


def read_flat(source: str | os.PathLike | IO[bytes], **kw: Any) -> Iterator[m.Submission]:
    """The submissions of a flat file, one by one (see :class:`FlatFileReader`)."""
    return iter(FlatFileReader(source, **kw))


def read_flat_text(text: str, name: str = "<text>", **kw: Any) -> list[m.Submission]:
    """Every submission of a flat file given as text (for tests and small inputs)."""
    return list(FlatFileReader(io.BytesIO(text.encode("ascii", "surrogateescape")), name=name, **kw))
