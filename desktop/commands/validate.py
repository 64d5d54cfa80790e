"""``nibrs-desk validate FILE...``: check NIBRS flat files and XML documents against the FBI edits.

Works without the database. Every input is read as a stream (one report at a time), so a
year of data takes no more memory than a month. Formats:

``text``  for a person: the findings of each report together, in plain words, with how to fix them;
``json``  one list of findings (error, severity, ori, incident, segment_level, element, value,
          message, record, ...);
``eds``   the FBI's Error Data Set layout (146-character records, FBI message texts), one block
          per input closed by the trailer record with ORI 999999999, as the FBI returns it.

Exit status (also in ``--help`` and the README):

0  no errors (warnings allowed)
1  errors were found; an input that holds no report at all (empty, or no line of it a NIBRS report) is such
   an error, the finding "EMPTY" ("No reports in file")
2  bad usage: an unknown option, a bad value (argparse's own status), or ``--out`` that cannot be written
3  an input could not be read (not a NIBRS file, cut off, missing...): the others are still checked; the
   message names the file and line on the standard error, and ``--format json`` also lists it as an object
   ``{"unreadable": true, "file": ..., "line": ..., "reason": ...}`` among the findings

A run with both errors and an unreadable input exits 3.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import IO

from desktop.cli import EXIT_FINDINGS, EXIT_OK, CommandError

NAME = "validate"
HELP = "check NIBRS flat files and XML documents against the FBI edits (no database)"
DESCRIPTION = (
    "Check NIBRS flat files (Technical Specification 2019.1) and NIBRS XML documents (IEPD 2019.1, and 4.2 RC2 "
    "documents read as 2019.1) against every FBI edit that can be checked offline. FILE may be a flat file, an XML "
    "document, or a folder or zip of them. The month of submission comes from each file's headers. Reports earlier "
    "in the run count as already on file (056, 088, 751, 028/029), as they would at the FBI."
)
EPILOG = (
    "exit status: 0 no errors (warnings allowed); 1 errors found (a file that holds no report is the error "
    "EMPTY, \"no reports in file\"); 2 bad usage (unknown option, bad value); 3 a file could not be read (the "
    "others are still checked; the message names file and line, and --format json lists it as "
    "{\"unreadable\": true, \"file\", \"line\", \"reason\"})."
)
EXIT_UNREADABLE = 3

_FORMATS = ("text", "json", "eds")


def add_arguments(parser) -> None:
    from desktop.nibrs.rules.engine import DEFAULT_SPEC, SPEC_VERSIONS

    parser.epilog = EPILOG  # the exit statuses, printed by --help after the options
    parser.add_argument("files", nargs="+", metavar="FILE", help="flat file, XML document, or folder/zip of them")
    parser.add_argument("--format", choices=_FORMATS, default="text", help="output format (default text)")
    parser.add_argument("--spec", choices=SPEC_VERSIONS, default=DEFAULT_SPEC,
                        help=f"FBI specification version to check against (default {DEFAULT_SPEC})")
    parser.add_argument("--agency-start", metavar="YYYY-MM-DD", type=_date,
                        help="the date the agency began NIBRS reporting (checks 173, 093, 720)")
    parser.add_argument("--federal", action="store_true",
                        help="the agency is a federal agency (059 does not apply; federal-only codes allowed)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_date,
                        help="the processing date to check future dates against (default: today)")
    parser.add_argument("--out", metavar="FILE", help="write the report to FILE instead of the standard output")


def _date(text: str) -> date:
    import argparse

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def run(args) -> int:
    from desktop.nibrs.filecheck import FileChecker, inputs

    checker = FileChecker(spec_version=args.spec, nibrs_start=args.agency_start, today=args.today,
                          federal=args.federal)
    if args.out:
        try:
            out: IO[str] = open(args.out, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise CommandError(f"{args.out}: cannot be written: {exc.strerror or exc}") from None
    else:
        out = sys.stdout
    writer = {"text": _Text, "json": _Json, "eds": _Eds}[args.format](out, checker)
    try:
        writer.start()
        for item in inputs(args.files):
            writer.begin_input(item)
            ok = True
            try:
                for result in checker.check(item):
                    writer.report(result)
            except _unreadable() as exc:
                ok = False
                print(f"nibrs-desk validate: {exc}", file=sys.stderr)
                writer.unreadable(item, exc)
            writer.end_input(item, ok)
        writer.finish()
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    t = checker.tally
    if t.unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if t.errors else EXIT_OK


def _unreadable():
    from desktop.nibrs.filecheck import FileCheckError

    return FileCheckError


# ---------------------------------------------------------------------------- writers
class _Writer:
    """Writes the results as they come: start, then per input begin_input / report... / end_input, finish.

    The hooks do nothing here; each format writes what it needs where it needs it.
    """

    def __init__(self, out: IO[str], checker):
        self.out = out
        self.checker = checker

    def start(self) -> None:
        """Before the first input."""

    def begin_input(self, item) -> None:
        """Before an input's first report."""

    def report(self, result) -> None:
        """One report's findings."""

    def unreadable(self, item, exc) -> None:
        """An input could not be read (to the end): ``exc`` names the file, the line (0 when unknown) and why."""

    def end_input(self, item, ok: bool) -> None:
        """After an input (``ok`` False when it could not be read to the end)."""

    def finish(self) -> None:
        """After the last input."""


class _Json(_Writer):
    """One JSON list of findings, written as they come (the list is never held in memory)."""

    def start(self) -> None:
        self.out.write("[")
        self.first = True

    def report(self, result) -> None:
        for f in result.findings:
            self.out.write("\n  " if self.first else ",\n  ")
            self.first = False
            self.out.write(_ENCODE(finding_dict(f, result, self.checker.d)))

    def unreadable(self, item, exc) -> None:
        self.out.write("\n  " if self.first else ",\n  ")
        self.first = False
        self.out.write(_ENCODE({"unreadable": True, "severity": "error", "file": exc.file or item.label,
                                "line": exc.line, "reason": exc.reason, "message": str(exc)}))

    def finish(self) -> None:
        self.out.write("\n]\n" if not self.first else "]\n")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every finding


def finding_dict(f, result, d) -> dict:
    """The JSON object of one finding."""
    extra = f.extra or {}
    return {
        "error": f.error, "severity": f.severity, "ori": f.ori, "incident": f.incident,
        "segment_level": f.segment_level, "element": f.element, "data_element": _data_element(f, d),
        "value": f.value, "message": f.message, "fix": f.fix, "fbi_message": _fbi_message(f),
        "record": f.record, "line": extra.get("line") or (f.record and _line_of(f, result)) or 0,
        "file": f.file or result.input, "action": f.action, "segment": f.segment, "path": f.path,
        "offense_code": f.offense_code, "sequence": f.sequence, "loss_type": f.loss_type,
        "year": result.year, "month": result.month,
    }


def _line_of(f, result) -> int:
    return result.line if f.record == result.record else 0


_TITLES: dict[str, str] = {}


def _fbi_message(f) -> str:
    """The FBI's own message text for a finding: the rule's, or the catalogue's title for the number."""
    extra = f.extra or {}
    text = extra.get("fbi_message")
    if text:
        return text
    if not _TITLES:
        from desktop.nibrs.rules import catalogue

        _TITLES.update({e.number: e.title for e in catalogue.entries() if e.title})
        for number, title in _READER_TITLES.items():
            _TITLES.setdefault(number, title)
    return _TITLES.get(f.error) or f.message.upper()


# The FBI's messages for numbers only the flat-file reader raises (section 5.2 and Table 3-1 to 3-5).
_READER_TITLES = {
    "001": "MUST BE POPULATED WITH A VALID DATA VALUE–MANDATORY FIELD",
    "090": "ZERO REPORT MONTH IS NOT 01–12",
    "091": "ZERO-REPORTING YEAR IS INVALID",
    "092": "ZERO REPORT INCIDENT NUMBER MUST BE ALL ZEROS",
    "094": "ZERO REPORT MONTH/YEAR EXCEEDED MONTH/YEAR OF SUBMISSION",
}
for _n in ("101", "201", "301", "401", "501", "601", "701"):
    _READER_TITLES[_n] = "MUST BE PRESENT—MANDATORY FIELD"


def _data_element(f, d) -> str:
    extra = f.extra or {}
    number = extra.get("data_element")
    if number is not None and number != "":
        return number
    e = d.elements.get(f.element)
    return e.number if e is not None else ""


class _Text(_Writer):
    """For a person: each report's findings together, plain words and how to fix them."""

    def begin_input(self, item) -> None:
        self.count = [0, 0, 0]  # reports, errors, warnings
        self.shown = False
        self.problem = None

    def unreadable(self, item, exc) -> None:
        self.problem = exc

    def report(self, result) -> None:
        self.count[0] += 1 if result.kind else 0
        if not result.findings:
            return
        if not self.shown:
            self.out.write(f"{result.input}\n")
            self.shown = True
        self.out.write("\n  " + _describe(result) + "\n")
        for f in result.findings:
            if f.severity == "error":
                self.count[1] += 1
            else:
                self.count[2] += 1
            where = _where(f, result)
            self.out.write(f"    {f.severity} {f.error}{where}: {f.message}\n")
            if f.fix:
                self.out.write(f"      How to fix: {f.fix}\n")

    def end_input(self, item, ok: bool) -> None:
        reports, errors, warnings = self.count
        if not ok:
            exc = self.problem
            text = "could not be read to the end" if reports else "could not be read"
            if exc is not None and exc.line:
                text += f" (line {exc.line})"
            text += f": {exc.reason}" if exc is not None else " (see the message above)"
            self.out.write(("\n" if self.shown else "") + f"{item.label}: {text}\n")
            return
        if self.shown:
            self.out.write("\n")
        self.out.write(f"{item.label}: {reports} report(s), {_plural(errors, 'error')}, "
                       f"{_plural(warnings, 'warning')}\n")

    def finish(self) -> None:
        t = self.checker.tally
        unreadable = f"; {t.unreadable} input(s) could not be read" if t.unreadable else ""
        self.out.write(f"\nChecked {t.inputs - t.unreadable} input(s): {t.reports} report(s), "
                       f"{_plural(t.errors, 'error')}, {_plural(t.warnings, 'warning')}{unreadable}.\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _describe(result) -> str:
    ori = f" (ORI {result.ori})" if result.ori else ""
    action = {"D": ", delete", "R": ", replace"}.get(result.action, "")
    if result.kind == "incident":
        head = f"Incident {result.ident or '(no number)'}{ori}{action}"
    elif result.kind == "group_b":
        head = f"Group B arrest {result.ident or '(no number)'}{ori}{action}"
    elif result.kind == "zero_report":
        head = f"Zero report {result.ident}{ori}{action}"
    elif all(f.error == _NO_REPORTS for f in result.findings):
        head = "The file as a whole"
    else:
        head = "Lines that belong to no report"
    if result.line and result.kind:
        head += f", line {result.line}"
    return head + ":"


_NO_REPORTS = "EMPTY"  # desktop.nibrs.filecheck.NO_REPORTS (imported late: the command starts fast)

_SEGMENT_WORDS = {"offense": "offense", "property": "property", "victim": "victim", "offender": "offender",
                  "arrestee": "arrestee"}


def _where(f, result) -> str:
    parts = []
    word = _SEGMENT_WORDS.get(f.segment)
    if word == "offense" and f.offense_code:
        parts.append(f"offense {f.offense_code}")
    elif word == "property" and f.loss_type:
        parts.append(f"property (loss type {f.loss_type})")
    elif word in ("victim", "offender", "arrestee") and f.sequence:
        parts.append(f"{word} {f.sequence}")
    elif word:
        parts.append(word)
    line = (f.extra or {}).get("line")
    if line and line != result.line:
        parts.append(f"line {line}")
    elif f.record and f.record != result.record and not (f.extra or {}).get("line"):
        parts.append(f"record {f.record}")
    return f" ({', '.join(parts)})" if parts else ""


class _Eds(_Writer):
    """The FBI's Error Data Set: each input's error records, then the trailer record."""

    def begin_input(self, item) -> None:
        self.first_month: tuple[int | None, int | None] | None = None

    def report(self, result) -> None:
        from desktop.nibrs import eds

        if self.first_month is None and result.kind:
            self.first_month = (result.year, result.month)
        records = []
        for f in result.findings:
            if f.severity != "error" or not (f.error.isdigit() and len(f.error) == 3):
                continue  # the EDS carries errors; warnings (data quality checks, four digits) are not on it
            records.append(eds.from_finding(f, year=result.year, month=result.month, message=_fbi_message(f),
                                            data_element=_data_element(f, self.checker.d)))
        eds.write_records(records, self.out)

    def end_input(self, item, ok: bool) -> None:
        from desktop.nibrs import eds

        if not ok:
            return  # no trailer: the input was not processed to the end
        year, month = self.first_month or (None, None)
        eds.write_records([eds.trailer(year, month, self.checker.today)], self.out)
