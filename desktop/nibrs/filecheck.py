"""Whole files checked against the FBI edits: flat files and NIBRS XML documents, folders and zips.

:class:`FileChecker` reads each input as a stream (one report at a time; memory does not grow
with the file) and gives, for each report, every finding the FBI would return for it:

* the readers' structure findings (050, 051, 055, 058, 059, 060, x01, 090-094, segment lengths);
* every record-level edit (:func:`desktop.nibrs.rules.validate`) with the month of submission of
  the report's header, so 170, 094 and the 305/605/705 month checks run;
* the old time-window fields, which must be blank: 159 (Administrative segment positions 58-87),
  623 and 671 (Arrestee segment positions 80-110);
* what the FBI checks against what it already holds, answered by a :class:`FileHistory` built
  from the reports read earlier in the run (the FBI processes a submission in order, so a
  report earlier in the same file is "on file" when a later one is checked): 056 (an incident
  added twice; section 5.2.1: "No two incidents can have the same incident number"), 088 (a
  Group A arrestee and a Group B arrest with the same number), 028/029 (a zero report for a month
  with data), 759 (a Group B arrest already added by an earlier file of the run) and 751 (two
  Group B arrest segments with the same transaction and arrestee number in one file). Only a
  report without errors counts as "on file": the FBI rejects a report with an error whole
  (section 5.1). A delete (D) takes a report off file again.

A finding the reader and a rule both raise (same number, record, segment and element) is reported once.
A Group A segment without its Administrative segment (055) is reported as such; the FBI cannot
place it in an incident, so the record-level edits do not run on it.

Records: for a flat file the 1-based count of non-empty lines, as the FBI counts them; for XML
the document's position in the input (1 for a single document; in a folder or zip, its place in
name order).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Iterable, Iterator

from desktop.fileio import Archive, ZipMemberError, input_problem, read_member
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import ERROR, Finding
from desktop.nibrs.flatfile import FlatFileError, FlatFileReader
from desktop.nibrs.flatfile.layout import layouts
from desktop.nibrs.rules import Context, validate
from desktop.nibrs.rules.engine import DEFAULT_SPEC
from desktop.nibrs.xmlio import MAX_DOCUMENT_BYTES, XmlReadError, read_xml

# FBI numbers this module raises itself (besides the readers' and the rules').
FILE_ERRORS = frozenset({"159", "623", "671", "751", "060"})
# Not an FBI number: an input that holds no report at all (the FBI would process nothing).
NO_REPORTS = "EMPTY"

FBI_MESSAGES = {
    "159": "POSITIONS 58-87 MUST BE BLANK FOR GROUP A INCIDENT REPORT",
    "623": "CLEARANCE INDICATOR AND CLEARANCE OFFENSE CODES MUST BE BLANK",
    "671": "GROUP B OFFENSE CODES CANNOT BE ENTERED IN POSITIONS 81-110 ON SEGMENT 6",
    "751": "ARRESTEE SEQUENCE NUMBER ALREADY EXISTS",
    "060": "PROCESSING DATE PRECEDES MONTH AND YEAR OF SUBMISSION",
}


class FileCheckError(ValueError):
    """An input cannot be read; the message names the file (and the line when known).

    ``file``, ``line`` (0 when not known) and ``reason`` (the message without the file and line) are the
    same facts apart, for a report that gives them fields of their own (``validate --format json``).
    """

    def __init__(self, message: str, file: str = "", line: int = 0):
        super().__init__(message)
        self.file = file
        self.line = line
        reason = message
        for head in (f"{file}, line {line}: ", f"{file}: "):
            if file and reason.startswith(head):
                reason = reason[len(head):]
                break
        self.reason = reason

    @classmethod
    def of(cls, message: str, file: str) -> "FileCheckError":
        """The error of a reader's message "FILE, line N: why" (or "FILE: why")."""
        found = re.match(re.escape(file) + r", line (\d+): ", message) if file else None
        return cls(message, file, int(found.group(1)) if found else 0)


# ============================================================================ inputs
@dataclass(frozen=True)
class Input:
    """One thing to read: a flat file, or one XML document (a file, or a member of a folder or zip)."""

    label: str  # how messages name it: the path, or "archive.zip!member.xml"
    kind: str  # "flat" | "xml"
    path: Path | None = None
    zip_path: Path | None = None  # the zip holding the member named by ``member``
    member: str | None = None
    position: int = 1  # an XML document's place in its input (its record number)
    problem: str = ""  # why it cannot be read (set instead of reading it)
    archive: Archive | None = field(default=None, compare=False, repr=False)  # the zip, opened once for all members

    def open(self) -> IO[bytes]:
        if self.zip_path is not None:
            archive = self.archive or Archive(self.zip_path)
            return io.BufferedReader(archive.open(self.member, self.label))  # type: ignore[arg-type]
        return open(self.path, "rb")  # type: ignore[arg-type]


_FLAT_SUFFIXES = frozenset({".txt", ".dat", ".nibrs", ".flat", ""})


def sniff(head: bytes) -> str:
    """"xml" when the bytes start like an XML document, else "flat"."""
    return "xml" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "flat"


def inputs(names: Iterable[str | os.PathLike]) -> Iterator[Input]:
    """Every input the names stand for: a file, a folder of documents (and flat files), a zip. A name that is no
    regular file or folder (a named pipe, a device, a link loop) is an input that cannot be read, never opened."""
    for name in names:
        path = Path(name)
        problem = input_problem(path, "file or folder")
        if problem:
            yield Input(str(path), "flat", path=path, problem=problem)
        elif path.is_dir():
            yield from _folder(path)
        elif zipfile.is_zipfile(path):
            yield from _zip(path)
        else:
            try:
                with open(path, "rb") as fh:
                    kind = sniff(fh.read(512))
            except OSError as exc:
                yield Input(str(path), "flat", path=path,
                            problem=f"{path}: cannot be read: {exc.strerror or exc}")
                continue
            yield Input(str(path), kind, path=path)


def _folder(path: Path) -> Iterator[Input]:
    try:
        members = sorted(p for p in path.iterdir() if not p.name.startswith(".") and (p.is_file() or p.is_symlink()))
    except OSError as exc:
        yield Input(str(path), "flat", path=path, problem=f"{path}: cannot be read: {exc.strerror or exc}")
        return
    found = False
    position = 0
    for p in members:
        if p.suffix.lower() == ".csv":
            continue  # a month's manifest.csv
        problem = input_problem(p, folder_ok=False)
        if problem:
            found = True
            yield Input(str(p), "flat", path=p, problem=problem)
            continue
        try:
            with open(p, "rb") as fh:
                kind = sniff(fh.read(512))
        except OSError as exc:
            found = True
            yield Input(str(p), "flat", path=p, problem=f"{p}: cannot be read: {exc.strerror or exc}")
            continue
        if kind == "xml":
            position += 1
            found = True
            yield Input(str(p), "xml", path=p, position=position)
        elif p.suffix.lower() in _FLAT_SUFFIXES:
            found = True
            yield Input(str(p), "flat", path=p)
    if not found:
        yield Input(str(path), "flat", path=path,
                    problem=f"{path}: the folder holds no NIBRS XML documents or flat files")


def _zip(path: Path) -> Iterator[Input]:
    archive = Archive(path)  # one open archive for every member (its directory is read once)
    heads: dict[str, bytes | str] = {}
    try:
        infos = sorted((i for i in archive.zip.infolist() if not i.is_dir()), key=lambda i: i.filename)
        for info in infos:
            base = info.filename.rsplit("/", 1)[-1]
            if base.startswith(".") or base.lower().endswith(".csv"):
                continue
            try:
                heads[info.filename] = read_member(archive.zip, info, f"{path}!{info.filename}", 512)
            except ZipMemberError as exc:
                heads[info.filename] = str(exc)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
        archive.close()
        yield Input(str(path), "flat", path=path, problem=f"{path}: the zip cannot be read: {exc}")
        return
    if not heads:
        archive.close()
        yield Input(str(path), "flat", path=path, problem=f"{path}: the zip holds no files to check")
        return
    position = 0
    try:
        for member, head in heads.items():
            label = f"{path}!{member}"
            if isinstance(head, str):  # encrypted, an unknown compression, damaged: named, not read
                yield Input(label, "flat", zip_path=path, member=member, problem=head, archive=archive)
            elif sniff(head) == "xml":
                position += 1
                yield Input(label, "xml", zip_path=path, member=member, position=position, archive=archive)
            else:
                yield Input(label, "flat", zip_path=path, member=member, archive=archive)
    finally:
        archive.close()


# ============================================================================ history from the files
class FileHistory:
    """What the FBI would hold after the reports read so far in this run: keys only, never reports.

    Implements :class:`desktop.nibrs.rules.History`. ``group`` numbers the submission being read
    (a flat file, or one XML document): a Group B arrest added by an earlier submission is "on file" (759),
    one added earlier in the same submission is a duplicate arrestee (751, :meth:`group_b_in_submission`).
    """

    def __init__(self) -> None:
        self.group = 0
        # (ori, incident number) -> (month key of its incident date, keys of its arrest numbers)
        self._incidents: dict[tuple[str, str], tuple[tuple | None, tuple[tuple[str, str], ...]]] = {}
        self._group_a_atns: dict[tuple[str, str], int] = {}
        # (ori, ATN) -> {arrestee sequence -> (submission, month key)}
        self._group_b: dict[tuple[str, str], dict[int | None, tuple[int, tuple | None]]] = {}
        self._months: dict[tuple, int] = {}  # (ori, year, month, "incident"|"group_b") -> how many on file
        self._zero: set[tuple[str, int, int]] = set()

    # ------------------------------------------------------------------ History
    def incident_on_file(self, ori: str, incident_number: str, *, exclude_id: int | None = None) -> bool:
        return (ori, incident_number) in self._incidents

    def group_b_atn_on_file(self, ori: str, atn: str) -> bool:
        return bool(self._group_b.get((ori, atn)))

    def group_a_atn_on_file(self, ori: str, atn: str, *, exclude_id: int | None = None) -> bool:
        return self._group_a_atns.get((ori, atn), 0) > 0

    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None, *,
                               exclude_id: int | None = None) -> bool:
        entries = self._group_b.get((ori, atn))
        if not entries:
            return False
        if sequence is None:
            return any(g < self.group for g, _m in entries.values())
        found = entries.get(sequence)
        return found is not None and found[0] < self.group

    def zero_report_on_file(self, ori: str, year: int, month: int, *, exclude_id: int | None = None) -> bool:
        return (ori, year, month) in self._zero

    def data_on_file_for_month(self, ori: str, year: int, month: int, *, kind: str | None = None) -> bool:
        kinds = (kind,) if kind else ("incident", "group_b")
        return any(self._months.get((ori, year, month, k), 0) > 0 for k in kinds)

    # ------------------------------------------------------------------ this run
    def group_b_in_submission(self, ori: str, atn: str, sequence: int | None) -> bool:
        """751: the same Group B arrestee was added earlier in the submission being read."""
        found = (self._group_b.get((ori, atn)) or {}).get(sequence)
        return found is not None and found[0] == self.group

    def record(self, sub: m.Submission, accepted: bool) -> None:
        """Take a report read into account: an accepted add puts it on file, a delete takes it off."""
        r = sub.report
        action = sub.action
        if isinstance(r, m.GroupAIncident):
            if not r.ori or not r.incident_number:
                return
            key = (r.ori, r.incident_number)
            if action in ("D", "R") and (action == "D" or accepted):
                self._drop_incident(key)
            if action in ("I", "R") and accepted:
                month = _month_key(r.ori, r.incident_date, "incident")
                atns: tuple = ()
                if r.arrestees:  # the incident's number and its arrest transaction numbers (088)
                    atns = tuple(dict.fromkeys([key] + [(r.ori, a.arrest_transaction_number) for a in r.arrestees
                                                        if a.arrest_transaction_number]))
                if key in self._incidents:
                    self._drop_incident(key)
                self._incidents[key] = (month, atns)
                for a in atns:
                    _count(self._group_a_atns, a, 1)
                if month is not None:
                    _count(self._months, month, 1)
        elif isinstance(r, m.GroupBArrest):
            if not r.ori or not r.arrest_transaction_number:
                return
            key = (r.ori, r.arrest_transaction_number)
            entries = self._group_b.get(key)
            if action == "D" or (action == "R" and accepted):
                if entries:
                    for seq in ([r.sequence_number] if r.sequence_number is not None else list(entries)):
                        gone = entries.pop(seq, None)
                        if gone is not None and gone[1] is not None:
                            _count(self._months, gone[1], -1)
                    if not entries:
                        self._group_b.pop(key, None)
            if action in ("A", "I", "R") and accepted:
                month = _month_key(r.ori, r.arrest_date, "group_b")
                entries = self._group_b.setdefault(key, {})
                old = entries.get(r.sequence_number)
                if old is not None and old[1] is not None:
                    _count(self._months, old[1], -1)
                entries[r.sequence_number] = (self.group, month)
                if month is not None:
                    _count(self._months, month, 1)
        elif isinstance(r, m.ZeroReport):
            if not r.ori or not isinstance(r.year, int) or not isinstance(r.month, int):
                return
            if action == "D":
                self._zero.discard((r.ori, r.year, r.month))
            elif accepted:
                self._zero.add((r.ori, r.year, r.month))

    def _drop_incident(self, key: tuple[str, str]) -> None:
        old = self._incidents.pop(key, None)
        if old is None:
            return
        month, atns = old
        for a in atns:
            _count(self._group_a_atns, a, -1)
        if month is not None:
            _count(self._months, month, -1)

    def __len__(self) -> int:
        return len(self._incidents) + sum(len(v) for v in self._group_b.values()) + len(self._zero)


def _count(counts: dict, key, step: int) -> None:
    n = counts.get(key, 0) + step
    if n > 0:
        counts[key] = n
    else:
        counts.pop(key, None)


def _month_key(ori: str, when, kind: str) -> tuple | None:
    return (ori, when.year, when.month, kind) if isinstance(when, date) else None


# ============================================================================ results
class ReportResult:
    """The findings of one report (or, with ``kind`` "", those that belong to no report).

    ``kind`` ("incident", "group_b", "zero_report" or ""), ``ori``, ``ident`` (incident number,
    arrest transaction number, or a zero report's "MM/YYYY"), ``action``, ``year``/``month`` of
    submission, ``record`` and ``line`` describe the report; they are worked out when asked for
    (most reports have no findings and nobody asks).
    """

    __slots__ = ("input", "findings", "_sub", "_fixed")

    def __init__(self, input: str, findings: list[Finding], sub: m.Submission | None = None,
                 fixed: tuple | None = None):
        self.input = input
        self.findings = findings
        self._sub = sub
        self._fixed = fixed  # (kind, ori, ident, action, year, month, record, line) when there is no report

    def _get(self, i: int):
        if self._fixed is not None:
            return self._fixed[i]
        sub = self._sub
        r = sub.report  # type: ignore[union-attr]
        if i == 0:
            return r.KIND
        if i == 1:
            return getattr(r, "ori", None) or ""
        if i == 2:
            return _ident(r)
        if i == 3:
            return sub.action  # type: ignore[union-attr]
        if i == 4:
            return sub.year  # type: ignore[union-attr]
        if i == 5:
            return sub.month  # type: ignore[union-attr]
        src = r.source or sub.source  # type: ignore[union-attr]
        return (src.record if i == 6 else src.line) if src else 0

    kind = property(lambda self: self._get(0))
    ori = property(lambda self: self._get(1))
    ident = property(lambda self: self._get(2))
    action = property(lambda self: self._get(3))
    year = property(lambda self: self._get(4))
    month = property(lambda self: self._get(5))
    record = property(lambda self: self._get(6))
    line = property(lambda self: self._get(7))


@dataclass
class Tally:
    inputs: int = 0
    unreadable: int = 0
    reports: int = 0
    segments: int = 0
    errors: int = 0
    warnings: int = 0
    problems: list[str] = field(default_factory=list)  # why inputs could not be read


# ============================================================================ the checker
class FileChecker:
    """Check inputs one after the other against the FBI edits; see the module docstring.

    ``check(input)`` is a generator of :class:`ReportResult`; it raises :class:`FileCheckError`
    when the input cannot be read (results already given stay valid). ``tally`` counts.
    """

    def __init__(self, *, spec_version: str = DEFAULT_SPEC, nibrs_start: date | None = None,
                 today: date | None = None, federal: bool = False, profile: str = "fbi",
                 dictionary: Dictionary | None = None):
        self.d = dictionary or fbi_dictionary()
        self.today = today or date.today()
        self.federal = federal
        self.history = FileHistory()
        self.ctx = Context(spec_version=spec_version, profile=profile, federal_agency=federal,
                           nibrs_start=nibrs_start, today=self.today, history=self.history, dictionary=self.d)
        self.tally = Tally()
        self._group_b_codes = frozenset(c.code for c in self.d.code_list("offense_code") if c.get("group") == "B")
        self.first_year = layouts(self.d).first_year

    def check(self, item: Input) -> Iterator[ReportResult]:
        self.tally.inputs += 1
        if item.problem:
            self.tally.unreadable += 1
            self.tally.problems.append(item.problem)
            raise FileCheckError.of(item.problem, item.label)
        self.history.group += 1  # each flat file, and each XML document, is a submission of its own
        try:
            if item.kind == "flat":
                yield from self._flat(item)
            else:
                yield from self._xml(item)
        except FlatFileError as exc:
            self.tally.unreadable += 1
            self.tally.problems.append(str(exc))
            raise FileCheckError(str(exc), item.label, exc.line) from None
        except XmlReadError as exc:
            self.tally.unreadable += 1
            self.tally.problems.append(str(exc))
            raise FileCheckError.of(str(exc), item.label) from None
        except OSError as exc:  # a ZipMemberError (bad CRC...) says it all; others are worded here
            self.tally.unreadable += 1
            message = str(exc) if isinstance(exc, ZipMemberError) else f"{item.label}: cannot be read: {exc.strerror or exc}"
            self.tally.problems.append(message)
            raise FileCheckError(message, item.label) from None

    # ------------------------------------------------------------------ flat files
    def _flat(self, item: Input) -> Iterator[ReportResult]:
        source = item.open() if item.zip_path is not None else item.path
        reader = FlatFileReader(source, name=item.label, today=self.today,  # type: ignore[arg-type]
                                federal=self.federal, dictionary=self.d)
        try:
            reports = 0
            for sub in reader:
                reports += 1
                yield self._report(sub, item)
            self.tally.segments += reader.segments
            if reader.findings:
                yield self._loose(item, reader.findings)
            if not reports:
                yield self._loose(item, [self._no_reports(item, reader)])
        finally:
            if item.zip_path is not None:
                source.close()  # type: ignore[union-attr]

    @staticmethod
    def _no_reports(item: Input, reader: FlatFileReader) -> Finding:
        """An input that holds no report: empty, blank lines only, or lines that belong to no report."""
        what = "is empty" if not reader.records else f"has {reader.records} line(s) but none is a NIBRS report"
        return Finding(
            error=NO_REPORTS, severity=ERROR, message=f"No reports in file: {item.label} {what}.",
            fix="Check that this is the month's NIBRS file; a month with nothing to report is sent as a zero "
                "report.", file=item.label, extra={"line": 0, "fbi_message": "NO REPORTS IN FILE"})

    def _loose(self, item: Input, findings: list[Finding]) -> ReportResult:
        self._count(findings)
        first = findings[0]
        return ReportResult(item.label, list(findings), fixed=("", first.ori, first.incident, first.action, None, None,
                                                              first.record,
                                                              first.extra.get("line", 0) if first.extra else 0))

    # ------------------------------------------------------------------ XML documents
    def _xml(self, item: Input) -> Iterator[ReportResult]:
        if item.zip_path is not None:
            with item.open() as fh:
                data = fh.read(MAX_DOCUMENT_BYTES + 1)
            source: object = data
        else:
            source = item.path
        subs = read_xml(source, name=item.label, dictionary=self.d)  # type: ignore[arg-type]
        for sub in subs:
            line = sub.source.line if sub.source is not None else 0
            sub.report.source = m.SourceRef(item.label, line, item.position, "")
            if sub.year is not None and sub.month is not None and (sub.year, sub.month) > (self.today.year,
                                                                                           self.today.month):
                sub.findings.append(self._future(sub, item))
            elif sub.year is not None and sub.year < self.first_year:
                sub.findings.append(self._early_year(sub, item))
            self.tally.segments += _segment_count(sub)
            yield self._report(sub, item)

    def _early_year(self, sub: m.Submission, item: Input) -> Finding:
        """x01: a year of submission before 1991 (Table 3-5, Data Values: 1991-Current Year)."""
        r = sub.report
        level = _level(self.d, r.KIND)
        return self._finding(
            f"{level}01", f"The year of submission {sub.year:04d} is before {self.first_year}; the FBI takes "
            f"{self.first_year} to the current year.", "Correct the year of the report date (nibrs:ReportDate).",
            sub, item, segment=r.KIND, element="submission_year", value=f"{sub.year:04d}", level=level)

    def _future(self, sub: m.Submission, item: Input) -> Finding:
        r = sub.report
        return self._finding(
            "060", f"The month of submission {sub.month:02d}/{sub.year} is in the future.",
            "Use the month the submission is created.", sub, item, segment=r.KIND, element="submission_month",
            value=f"{sub.month:02d}{sub.year}", level=_level(self.d, r.KIND))

    # ------------------------------------------------------------------ one report
    def _report(self, sub: m.Submission, item: Input) -> ReportResult:
        ctx = self.ctx
        ctx.action = sub.action
        ctx.submission_year = sub.year
        ctx.submission_month = sub.month
        r = sub.report
        findings = sub.findings
        if not findings:
            findings = validate(r, ctx)
        elif not any(f.error == "055" for f in findings):
            findings = findings + validate(r, ctx)
        if type(r) is m.GroupAIncident:
            if r.invalid or (r.arrestees and any(a.invalid for a in r.arrestees)):
                findings = findings + self._windows(sub, item)
        elif type(r) is m.GroupBArrest and sub.action == "A" and r.ori and r.arrest_transaction_number \
                and self.history.group_b_in_submission(r.ori, r.arrest_transaction_number, r.sequence_number):
            findings = [*findings, self._duplicate_arrestee(sub, item)]
        accepted = True
        if findings:
            if len(findings) > 1:
                findings = _once(findings)
            for f in findings:
                if f.severity == ERROR:
                    accepted = False
                    break
            self._count(findings)
        self.history.record(sub, accepted)
        self.tally.reports += 1
        return ReportResult(item.label, findings, sub)

    def _count(self, findings: list[Finding]) -> None:
        for f in findings:
            if f.severity == ERROR:
                self.tally.errors += 1
            else:
                self.tally.warnings += 1

    # ------------------------------------------------------------------ 159, 623, 671: old window fields
    def _windows(self, sub: m.Submission, item: Input) -> list[Finding]:
        if sub.action != "I":
            return []  # a delete with window offense codes is a time-window delete, which the FBI ignores
        r = sub.report
        out = []
        raw = r.invalid.get("clearance_offense_codes")
        if raw:
            out.append(self._finding(
                "159", f"Positions 58-87 of the Administrative segment hold {raw!r}; they are the old time-window "
                "offense codes and must be blank.", "Blank positions 58-87 of the Administrative segment.", sub,
                item, segment="incident", element="clearance_offense_codes", value=raw, level="1", source=r.source))
        for i, a in enumerate(r.arrestees):
            indicator = a.invalid.get("arrestee_clearance_indicator")
            codes = a.invalid.get("arrestee_clearance_offense_codes")
            if not indicator and not codes:
                continue
            group_b = [c for c in ((codes or "")[k:k + 3].strip() for k in range(0, len(codes or ""), 3))
                       if c in self._group_b_codes]
            seq = a.sequence_number
            common = dict(segment="arrestee", level="6", source=a.source, path=f"arrestees[{i}]",
                          sequence=f"{seq:03d}" if isinstance(seq, int) else "")
            if group_b:
                out.append(self._finding(
                    "671", f"The Arrestee segment's old window clearance offense codes (positions 81-110) hold the "
                    f"Group B offense code {group_b[0]}.", "Blank positions 80-110 of the Arrestee segment.", sub,
                    item, element="arrestee_clearance_offense_codes", value=codes or "", **common))
            else:
                element = "arrestee_clearance_indicator" if indicator else "arrestee_clearance_offense_codes"
                value = indicator or codes or ""
                out.append(self._finding(
                    "623", f"The Arrestee segment's old window clearance fields (positions 80-110) hold {value!r}; "
                    "they must be blank.", "Blank positions 80-110 of the Arrestee segment.", sub, item,
                    element=element, value=value, **common))
        return out

    # ------------------------------------------------------------------ 751
    def _duplicate_arrestee(self, sub: m.Submission, item: Input) -> Finding:
        r = sub.report
        seq = r.sequence_number
        return self._finding(
            "751", f"Arrestee {seq:02d} of Group B arrest {r.arrest_transaction_number} is already in this "
            "submission." if isinstance(seq, int) else
            f"Group B arrest {r.arrest_transaction_number} is already in this submission.",
            "Give each arrestee of the arrest a different arrestee number, or remove the repeated segment.",
            sub, item, segment="group_b", element="40", value=f"{seq:02d}" if isinstance(seq, int) else "",
            level="7", path="sequence_number", sequence=f"{seq:03d}" if isinstance(seq, int) else "")

    def _finding(self, number: str, message: str, fix: str, sub: m.Submission, item: Input, *, segment: str,
                 element: str, value: str, level: str, source: m.SourceRef | None = None, path: str = "",
                 sequence: str = "") -> Finding:
        r = sub.report
        src = source or r.source or sub.source
        e = self.d.elements.get(element)
        return Finding(
            error=number, severity=ERROR, message=message, fix=fix, segment=segment, element=element, path=path,
            value=value, ori=getattr(r, "ori", None) or "", incident=_ident_field(r), segment_level=level,
            record=src.record if src else 0, file=item.label, action=sub.action, sequence=sequence,
            extra={"line": src.line if src else 0, "fbi_message": FBI_MESSAGES.get(number, ""),
                   "data_element": e.number if e is not None else ""})


def _once(findings: list[Finding]) -> list[Finding]:
    """Findings without repeats: the same number on the same record, segment and element is reported once.

    A flat file's record is one segment; an XML document's record is the whole report, so the
    segment (the head of the finding's path, "properties[1]") tells its segments apart.
    """
    seen: set[tuple[str, int, str, str]] = set()
    out = []
    for f in findings:
        head = f.path.split(".", 1)[0]
        key = (f.error, f.record, f.element, head if "[" in head else "")
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def _ident(r: m.Report) -> str:
    if isinstance(r, m.GroupAIncident):
        return r.incident_number or ""
    if isinstance(r, m.GroupBArrest):
        return r.arrest_transaction_number or ""
    month, year = getattr(r, "month", None), getattr(r, "year", None)
    return f"{month:02d}/{year}" if isinstance(month, int) and isinstance(year, int) else ""


def _ident_field(r: m.Report) -> str:
    if isinstance(r, m.ZeroReport):
        return "0" * 12
    return _ident(r)


def _level(d: Dictionary, kind: str) -> str:
    seg = d.segments.get(kind)
    return seg.level if seg is not None else ""


def _segment_count(sub: m.Submission) -> int:
    r = sub.report
    if isinstance(r, m.GroupAIncident):
        return sum(1 for _ in r.segments())
    return 1


__all__ = ["FileChecker", "FileCheckError", "FileHistory", "Input", "ReportResult", "Tally", "inputs", "sniff",
           "FILE_ERRORS", "FBI_MESSAGES"]
