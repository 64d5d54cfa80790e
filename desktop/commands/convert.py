"""``nibrs-desk convert FILE... --to flat|xml --out DIR``: flat file <-> NIBRS XML, without the database.

Flat files become one NIBRS XML document per report, in a folder per input file with a
manifest; XML documents (files, folders of them, or zips) become one flat file. Problems the
readers find are printed on the way; a record that cannot be represented in the target format
is named (file, line/record, why) and left out, never dropped silently.

Exit status: 0 everything converted, 1 some records could not be converted, 2 a file could not
be read (or the output cannot be written).
"""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from desktop.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CommandError
from desktop.fileio import NotWrittenHere, ZipMemberError, input_problem, read_member, remove_written_folder, safe_base_name

NAME = "convert"
HELP = "convert NIBRS flat files to NIBRS XML documents, or XML documents to a flat file (no database)"
DESCRIPTION = (
    "Convert between the FBI's NIBRS flat file (Technical Specification 2019.1) and NIBRS XML (IEPD 2019.1). "
    "--to xml writes, for each input, a folder of schema-valid documents (one per report) with manifest.csv; "
    "--to flat writes one flat file of all inputs' reports (long segment forms, CRLF). FILE may be a flat file, "
    "an XML document, a folder or a zip of XML documents. Exit status: 0 all converted, 1 some records could "
    "not be converted, 2 a file could not be read."
)


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="flat file, XML document, or folder/zip of XML")
    parser.add_argument("--to", required=True, choices=("flat", "xml"), help="the format to write")
    parser.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if needed)")
    parser.add_argument("--name", metavar="FILE",
                        help="name of the flat file written with --to flat (default: the input's name with .txt, "
                             "or nibrs-converted.txt for several inputs)")
    parser.add_argument("--check", action="store_true",
                        help="also run the FBI edits the program knows on every report and print their findings")
    parser.add_argument("--overwrite", action="store_true", help="replace output that already exists")


# ---------------------------------------------------------------------------- inputs
@dataclass
class _Input:
    label: str  # how messages name it
    kind: str  # "flat" | "xml"
    path: Path | None = None
    data: bytes | None = None  # an XML member of a zip


@dataclass
class _Tally:
    converted: int = 0
    refused: int = 0
    unreadable: int = 0
    findings: int = 0
    notes: list[str] = field(default_factory=list)


def _sniff(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(512)
    return "xml" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "flat"


def _inputs(names: list[str], tally: _Tally) -> Iterator[_Input]:
    for name in names:
        path = Path(name)
        problem = input_problem(path, "file or folder")
        if problem and path.exists():  # a named pipe, a device, a link loop: never opened
            _problem(tally, problem)
            tally.unreadable += 1
            continue
        if path.is_dir():
            members = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not members:
                _problem(tally, f"{path}: the folder holds no files")
                tally.unreadable += 1
            documents = [p for p in members if _sniff(p) == "xml"]
            if members and not documents:
                _problem(tally, f"{path}: the folder holds no XML documents")
                tally.unreadable += 1
            for p in documents:  # a folder is a month of XML documents (its manifest.csv is not one)
                yield _Input(str(p), "xml", path=p)
            continue
        if not path.exists():
            _problem(tally, f"{path}: no such file")
            tally.unreadable += 1
            continue
        if zipfile.is_zipfile(path):
            try:
                with zipfile.ZipFile(path) as z:
                    names_in = sorted(n for n in z.namelist() if n.lower().endswith(".xml"))
                    if not names_in:
                        _problem(tally, f"{path}: the zip holds no XML documents")
                        tally.unreadable += 1
                    for member in names_in:
                        info = z.getinfo(member)
                        if info.file_size > 64 * 1024 * 1024:
                            _problem(tally, f"{path}!{member}: too large for one NIBRS XML document")
                            tally.unreadable += 1
                            continue
                        try:  # encrypted, an unknown compression, a bad CRC: named, the others still converted
                            data = read_member(z, info, f"{path}!{member}")
                        except ZipMemberError as exc:
                            _problem(tally, str(exc))
                            tally.unreadable += 1
                            continue
                        yield _Input(f"{path}!{member}", "xml", data=data)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
                _problem(tally, f"{path}: the zip cannot be read: {exc}")
                tally.unreadable += 1
            continue
        try:
            kind = _sniff(path)
        except OSError as exc:
            _problem(tally, f"{path}: cannot be read: {exc.strerror or exc}")
            tally.unreadable += 1
            continue
        yield _Input(str(path), kind, path=path)


def _problem(tally: _Tally, message: str) -> None:
    print(f"nibrs-desk convert: {message}", file=sys.stderr)


def _report_findings(findings, label: str, tally: _Tally) -> None:
    for f in findings:
        tally.findings += 1
        line = f.extra.get("line") if f.extra else None
        where = f"{label}, line {line}" if line else label
        record = f" (record {f.record})" if f.record else ""
        print(f"{where}{record}: {f.severity} {f.error}: {f.message}")


def _where(sub, label: str) -> str:
    src = sub.source
    if src is not None and src.record:
        return f"{label}, line {src.line} (record {src.record})"
    return label


def _check(sub, label: str, tally: _Tally) -> None:
    from desktop.nibrs.rules import Context, validate

    ctx = Context(submission_year=sub.year, submission_month=sub.month, action=sub.action)
    findings = validate(sub.report, ctx)
    for f in findings:
        tally.findings += 1
        record = f" (record {f.record})" if f.record else ""
        path = f" [{f.path}]" if f.path else ""
        print(f"{_where(sub, label)}{record}: {f.severity} {f.error}{path}: {f.message}")


# ---------------------------------------------------------------------------- reading
def _submissions(item: _Input, tally: _Tally, check: bool) -> Iterator:
    """The submissions of one input; raises FlatFileError / XmlReadError when it cannot be read."""
    from desktop.nibrs.flatfile import FlatFileReader
    from desktop.nibrs.xmlio import read_xml

    if item.kind == "flat":
        reader = FlatFileReader(item.path, name=item.label)  # type: ignore[arg-type]
        for sub in reader:
            _report_findings(sub.findings, item.label, tally)
            if check:
                _check(sub, item.label, tally)
            yield sub
        _report_findings(reader.findings, item.label, tally)
        if reader.records == 0:
            print(f"{item.label}: no segments", file=sys.stderr)
    else:
        source = item.data if item.data is not None else item.path
        for sub in read_xml(source, name=item.label):  # type: ignore[arg-type]
            _report_findings(sub.findings, item.label, tally)
            if check:
                _check(sub, item.label, tally)
            yield sub


def _refuse(sub, label: str, why: str, tally: _Tally) -> None:
    tally.refused += 1
    print(f"{_where(sub, label)}: NOT CONVERTED: {why}")


def _representable(sub) -> str | None:
    """Why a report read from a file cannot be written faithfully, or None."""
    from desktop.nibrs.model import GroupAIncident

    for f in sub.findings:  # a line that is not a whole segment (cut off, too long) is never a report
        if f.element == "segment_length" or f.error == "051":
            line = f.extra.get("line") if f.extra else None
            return f"line {line}: {f.message}" if line else f.message
    report = sub.report
    segments = list(report.segments()) if isinstance(report, GroupAIncident) else [report]
    for seg in segments:
        rows = [seg, *getattr(seg, "items", ()), *getattr(seg, "drugs", ()), *getattr(seg, "relationships", ())]
        for row in rows:
            if row.invalid:
                name, raw = next(iter(row.invalid.items()))
                line = f" (line {seg.source.line})" if seg.source and seg.source.line else ""
                return f"{name} holds {raw!r}{line}, which could not be read"
    return None


# ---------------------------------------------------------------------------- writing
def _to_xml(items: list[_Input], out: Path, args, tally: _Tally) -> None:
    from desktop.nibrs.flatfile import FlatFileError
    from desktop.nibrs.xmlio import (
        ManifestEntry, XmlReadError, XmlWriteError, describe, to_xml, write_manifest,
    )

    used: set[str] = set()
    for item in items:
        stem = _stem(item, used)
        target = out / stem
        if target.is_symlink() or (target.exists() and not target.is_dir()):
            raise CommandError(f"{target} is in the way (not a folder this program wrote); nothing was written there")
        if target.exists() and not args.overwrite:
            raise CommandError(f"{target} already exists (use --overwrite to replace it)")
        part = out / f".{stem}.part"
        if part.is_symlink() or part.is_file():
            part.unlink()
        elif part.exists():
            shutil.rmtree(part)
        part.mkdir()
        entries: list[ManifestEntry] = []
        try:
            for n, sub in enumerate(_submissions(item, tally, args.check), 1):
                why = _representable(sub)
                if why:
                    _refuse(sub, item.label, f"{describe(sub)}: {why}", tally)
                    continue
                try:
                    data = to_xml(sub)
                except XmlWriteError as exc:
                    _refuse(sub, item.label, str(exc), tally)
                    continue
                record = sub.source.record if sub.source and sub.source.record else n
                name = f"{stem}_{record:06d}.xml"
                while (part / name).exists():  # a Group B document with several arrestees
                    n += 1
                    name = f"{stem}_{record:06d}_{n}.xml"
                (part / name).write_bytes(data)
                entries.append(ManifestEntry.of(name, sub, data))
                tally.converted += 1
        except (FlatFileError, XmlReadError) as exc:
            shutil.rmtree(part)
            tally.unreadable += 1
            _problem(tally, f"{exc} - nothing was converted from this file")
            continue
        if not entries:
            shutil.rmtree(part)
            print(f"{item.label}: no document written")
            continue
        write_manifest(part, entries)
        if target.exists():
            try:  # only a folder this program wrote, and only the files its manifest lists
                remove_written_folder(target)
            except NotWrittenHere as exc:
                shutil.rmtree(part)
                raise CommandError(f"{exc}; nothing was converted into it") from None
        os.replace(part, target)
        print(f"{item.label}: {len(entries)} document(s) in {target}")


def _to_flat(items: list[_Input], out: Path, args, tally: _Tally) -> None:
    from desktop.nibrs.flatfile import FlatFileError, FlatWriteError, segment_lines, write_lines
    from desktop.nibrs.xmlio import XmlReadError, describe

    if args.name:
        name = safe_base_name(args.name, "nibrs-converted.txt")
        if name != args.name:
            raise CommandError(f"--name {args.name!r}: give a file name without a folder (such as {name!r})")
    elif len(items) == 1 and items[0].path is not None and items[0].kind == "xml":
        name = items[0].path.stem + ".txt"
    else:
        name = "nibrs-converted.txt"
    target = out / name
    if target.is_symlink() or target.is_dir():
        raise CommandError(f"{target} is in the way (a folder or a link); nothing was written")
    if target.exists() and not args.overwrite:
        raise CommandError(f"{target} already exists (use --overwrite to replace it)")
    lines: list[str] = []
    for item in items:
        try:
            subs = list(_submissions(item, tally, args.check))
        except (FlatFileError, XmlReadError) as exc:
            tally.unreadable += 1
            _problem(tally, f"{exc} - nothing was converted from this file")
            continue
        for sub in subs:
            why = _representable(sub)
            if why:
                _refuse(sub, item.label, f"{describe(sub)}: {why}", tally)
                continue
            try:
                lines += segment_lines(sub)
            except FlatWriteError as exc:
                _refuse(sub, item.label, str(exc), tally)
                continue
            tally.converted += 1
    if not lines:
        print(f"nothing to write: {target} was not created")
        return
    write_lines(lines, target)
    print(f"{len(lines)} segment(s) of {tally.converted} report(s) in {target}")


def _stem(item: _Input, used: set[str]) -> str:
    """The folder name of an input's documents: its base name reduced to a safe one, never used twice."""
    base = safe_base_name(item.label.split("!")[-1])
    stem = Path(base).stem if "." in base[1:] else base
    stem = safe_base_name(stem) or "document"
    name, n = stem, 1
    while name.lower() in used:
        n += 1
        name = f"{stem}-{n}"
    used.add(name.lower())
    return name


def run(args) -> int:
    out = Path(args.out)
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise CommandError(f"{out}: not a folder")
    if out.is_dir() and any(out.iterdir()) and not args.overwrite:
        raise CommandError(f"{out} is not empty: convert into an empty (or new) folder, or give --overwrite to "
                           "write beside what is there (only what this program wrote is ever replaced)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"{out}: cannot be created: {exc.strerror or exc}") from None
    tally = _Tally()
    items = list(_inputs(args.files, tally))
    if args.to == "xml":
        _to_xml(items, out, args, tally)
    else:
        _to_flat(items, out, args, tally)
    print(f"converted {tally.converted}, not converted {tally.refused}, unreadable inputs {tally.unreadable}, "
          f"findings {tally.findings}")
    if tally.unreadable:
        return EXIT_USAGE
    if tally.refused:
        return EXIT_FINDINGS
    return EXIT_OK
