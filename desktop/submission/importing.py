"""Importing NIBRS files into the database: flat files, XML documents, folders and zips of them.

Each input (a flat file, an XML document, a folder or a zip of documents) is merged in one
transaction: if it turns out unreadable half-way (a line cut off, a segment of unknown level,
a segment length that is wrong, broken XML, a DOCTYPE - so no entity bomb or external entity is
ever loaded), nothing of it is kept and the error names the file and the record.

Per report: a new one is imported, a changed one updated (a new revision), an identical one
skipped as unchanged - so importing the same file twice changes nothing - and a delete deletes.
Reports with FBI errors are imported as drafts with their findings; values storage refuses
(unknown codes, impossible dates) are set aside as typed in the record's ``invalid`` map, and the
report is a draft; a report that cannot be kept at all (no ORI, no number, more rows than a
segment holds) is skipped with the reason.
"""

from __future__ import annotations

import copy
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, Sequence

from desktop.fileio import ZipMemberError, input_problem, read_member
from desktop.nibrs import model as m
from desktop.nibrs.findings import Finding
from desktop.nibrs.values import report_problems
from desktop.store import users
from desktop.store.lock import store_lock
from desktop.store.service import READY
from desktop.store.submissions import ImportLine, Incoming, MemoryHistory, import_reports
from desktop.nibrs.invalid import Unstorable, layout_of, split

MAX_MEMBER = 64 * 1024 * 1024  # one XML document holds one report
MAX_ZIP_TOTAL = 2 * 1024 * 1024 * 1024
# File-wide header checks: about the file, not about a report in it.
_FILE_WIDE = frozenset({"058", "059", "060"})
_KEYS = {"incident": ("ori", "incident_number"), "group_b": ("ori", "arrest_transaction_number"),
         "zero_report": ("ori", "year", "month")}
_ACTIONS = {"incident": ("I", "R", "D"), "group_b": ("A", "R", "D"), "zero_report": ("A", "D")}
Progress = Callable[[str, int], None]  # input label, reports read so far


class ImportFileError(ValueError):
    """An input that is not a readable NIBRS file; nothing of it was imported."""


@dataclass
class Source:
    label: str
    kind: str  # flat | xml | folder | zip
    path: Path
    members: list[str] = field(default_factory=list)  # XML files of a folder or zip


@dataclass
class FileResult:
    label: str
    lines: Sequence[ImportLine] = field(default_factory=list)  # an ImportLines once imported
    error: str = ""  # the input could not be read: nothing of it was imported
    notes: list[str] = field(default_factory=list)  # problems with the file as a whole

    def count(self, outcome: str) -> int:
        return sum(1 for line in self.lines if line.outcome == outcome)


def sniff(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(512)
    return "xml" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "flat"


def sources(names: list[str]) -> tuple[list[Source], list[str]]:
    """The inputs named (files, folders, zips) and the problems with names that cannot be read."""
    out: list[Source] = []
    problems: list[str] = []
    for name in names:
        path = Path(name)
        problem = input_problem(path, "file or folder")
        if problem and path.exists():  # a named pipe, a device, a link loop: never opened
            problems.append(problem)
            continue
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")
                           and p.name.lower() != "manifest.csv")
            xml = [p for p in files if sniff(p) == "xml"]
            if xml:
                out.append(Source(str(path), "folder", path, [p.name for p in xml]))
            out += [Source(str(p), "flat", p) for p in files if p not in xml]
            if not files:
                problems.append(f"{path}: the folder holds no files")
            continue
        if not path.is_file():
            problems.append(f"{path}: no such file")
            continue
        try:
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as z:
                    members = sorted(i.filename for i in z.infolist()
                                     if not i.is_dir() and i.filename.lower().endswith(".xml"))
                if not members:
                    problems.append(f"{path}: the zip holds no XML documents")
                    continue
                out.append(Source(str(path), "zip", path, members))
                continue
            out.append(Source(str(path), sniff(path), path))
        except (OSError, zipfile.BadZipFile) as exc:
            problems.append(f"{path}: cannot be read: {getattr(exc, 'strerror', None) or exc}")
    return out, problems


# ------------------------------------------------------------------------------------------- reading
def _where(label: str, sub: m.Submission) -> str:
    src = sub.source
    if src is not None and src.record:
        return f"{label}, line {src.line} (record {src.record})"
    if src is not None and src.line:
        return f"{label}, line {src.line}"
    return label


def _fatal(f: Finding) -> bool:
    return f.error == "051" or f.element == "segment_length"


def _incoming(sub: m.Submission, where: str, dictionary, notes: list[str]) -> Incoming:
    kind = sub.kind
    found = []
    for f in sub.findings:
        if _fatal(f):
            line = f.extra.get("line") if f.extra else None
            at = f"{where.split(', line ')[0]}, line {line} (record {f.record})" if line else where
            raise ImportFileError(f"{at}: {f.message}")
        if f.error in _FILE_WIDE or f.element in ("submission_month", "submission_year"):
            note = f"{f.error}: {f.message}"
            if note not in notes:
                notes.append(note)
            continue
        found.append(f)
    item = Incoming(kind, sub.action, sub.report, where, found)
    if sub.action not in _ACTIONS[kind]:
        item.skip = (f"action {sub.action!r} cannot be imported for a {kind.replace('_', ' ')} (it takes "
                     f"{', '.join(_ACTIONS[kind])})")
        return item
    missing = [k for k in _KEYS[kind] if getattr(sub.report, k) in (None, "") and k not in sub.report.invalid]
    if missing:
        item.skip = f"no {missing[0].replace('_', ' ')}: a report cannot be kept without it"
        return item
    if sub.action == "D":
        for k in _KEYS[kind]:
            if k in sub.report.invalid:
                item.skip = f"{k.replace('_', ' ')} {sub.report.invalid[k]!r} could not be read"
        return item
    item.layout = layout_of(sub.report)
    if not report_problems(sub.report, dictionary):
        return item  # nothing to set aside: the report is stored as read
    item.original = copy.deepcopy(sub.report)
    try:
        item.invalid = split(sub.report, dictionary, keys=_KEYS[kind])
    except Unstorable as exc:
        item.skip = str(exc)
    return item


def _read_flat(source: Source, dictionary, notes: list[str], today: date) -> tuple[Iterator[Incoming], Callable]:
    from desktop.nibrs.flatfile import FlatFileError, FlatFileReader

    reader = FlatFileReader(source.path, name=source.label, today=today, dictionary=dictionary)

    def items() -> Iterator[Incoming]:
        try:
            for sub in reader:
                yield _incoming(sub, _where(source.label, sub), dictionary, notes)
        except FlatFileError as exc:
            raise ImportFileError(str(exc)) from None

    def finish() -> None:
        for f in reader.findings:
            if _fatal(f):
                line = f.extra.get("line") if f.extra else None
                where = f"{source.label}, line {line} (record {f.record})" if line else source.label
                raise ImportFileError(f"{where}: {f.message}")
            notes.append(f"{f.error}: {f.message}")
        if reader.records == 0:
            raise ImportFileError(f"{source.label}: no segments: this is not a NIBRS flat file")

    return items(), finish


def _xml_documents(source: Source) -> Iterator[tuple[str, bytes | Path]]:
    if source.kind == "xml":
        yield source.label, source.path
    elif source.kind == "folder":
        for member in source.members:
            yield str(source.path / member), source.path / member
    else:
        try:
            with zipfile.ZipFile(source.path) as z:
                total = 0
                for member in source.members:
                    info = z.getinfo(member)
                    total += info.file_size
                    if info.file_size > MAX_MEMBER or total > MAX_ZIP_TOTAL:
                        raise ImportFileError(f"{source.label}!{member}: {info.file_size:,} bytes unpacked, too large "
                                              "for NIBRS XML documents (a zip bomb?)")
                    try:  # encrypted, an unknown compression, a bad CRC: the file is named and nothing kept
                        data = read_member(z, info, f"{source.label}!{member}")
                    except ZipMemberError as exc:
                        raise ImportFileError(str(exc)) from None
                    yield f"{source.label}!{member}", data
        except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
            raise ImportFileError(f"{source.label}: the zip cannot be read: {exc}") from None


def _read_xml(source: Source, dictionary, notes: list[str], profile=None) -> tuple[Iterator[Incoming], Callable]:
    """The reports of XML documents: the FBI's NIBRS XML, or the agency's state XML (its elements kept)."""
    from desktop.nibrs.xmlio import XmlReadError, read_xml

    state_ns = profile.xml_namespace[1].encode() if profile is not None and profile.xml_namespace else None

    def items() -> Iterator[Incoming]:
        for label, data in _xml_documents(source):
            try:
                if state_ns is not None:
                    raw = data if isinstance(data, bytes) else Path(data).read_bytes()
                    if state_ns in raw:
                        from desktop.nibrs.state_xml import read_state_xml

                        subs = read_state_xml(raw, profile, name=label)
                    else:
                        subs = read_xml(raw, name=label, dictionary=dictionary)
                else:
                    subs = read_xml(data, name=label, dictionary=dictionary)
            except XmlReadError as exc:
                raise ImportFileError(str(exc)) from None
            except OSError as exc:
                raise ImportFileError(f"{label}: cannot be read: {exc.strerror or exc}") from None
            for sub in subs:
                yield _incoming(sub, _where(label, sub), dictionary, notes)

    return items(), lambda: None


def _profile(store):
    from desktop.nibrs.profiles import get_profile

    try:
        return get_profile(store.profile or "fbi")
    except KeyError:
        return None


def _same_report(a: Incoming, b: Incoming) -> bool:
    if a.kind != b.kind:
        return False
    keys = _KEYS[a.kind] + (("sequence_number",) if a.kind == "group_b" and
                            a.report.sequence_number is not None else ())
    return all(getattr(a.report, k) == getattr(b.report, k) for k in keys)


def corrections(items: Iterator[Incoming]) -> Iterator[Incoming]:
    """Deletes followed by the same reports again are how a flat file sends corrections: replacements.

    A run of deletes is held; each report after it that one of them deletes becomes a replacement
    (and the delete is dropped); a delete no report follows goes out before the first report it
    does not match. A Group B delete without an arrestee number matches every arrestee of its arrest.
    """
    held: list[tuple[Incoming, bool]] = []  # (delete, matched a report)

    def flush() -> Iterator[Incoming]:
        for d, matched in held:
            if not matched:
                yield d
        held.clear()

    for item in items:
        if item.action == "D" and not item.skip:
            if held and all(matched for _d, matched in held):
                held.clear()
            held.append((item, False))
            continue
        if held and item.action in ("I", "A", "R"):
            for i, (d, matched) in enumerate(held):
                if _same_report(d, item):
                    item.action = "R"
                    item.where += " (after its delete: a correction)"
                    held[i] = (d, True)
                    break
            else:
                yield from flush()
            yield item
            continue
        yield from flush()
        yield item
    yield from flush()


# ------------------------------------------------------------------------------------------- merging
def _validator(store, history) -> Callable[[Incoming, int | None], list[Finding]]:
    from desktop.store.service import DEFAULT_VALIDATOR

    if store.validator is DEFAULT_VALIDATOR:
        from desktop.nibrs.rules import validate
        from desktop.store.history import context_for

        ctx = context_for(store)
        ctx.history = history

        def check(item: Incoming, stored_id: int | None) -> list[Finding]:
            ctx.stored_id = stored_id
            ctx.action = "I" if item.kind == "incident" else "A"
            return validate(item.original if item.original is not None else item.report, ctx)

        return check
    if store.validator is None:
        return lambda item, stored_id: []
    return lambda item, stored_id: list(store.validator(item.original if item.original is not None else item.report))


def import_files(store, names: list[str], *, status: str = READY, today: date | None = None,
                 progress: Progress | None = None) -> tuple[list[FileResult], list[str]]:
    """Import every input named, each in its own transaction; returns a result per input and the names
    that could not be opened."""
    store.require(users.IMPORT)
    with store_lock(store, "import"):  # one writer at a time in the data folder (never under a restore)
        return _import_files(store, names, status=status, today=today, progress=progress)


def _import_files(store, names: list[str], *, status: str, today: date | None,
                  progress: Progress | None) -> tuple[list[FileResult], list[str]]:
    found, problems = sources(names)
    results = []
    for source in found:
        history = MemoryHistory(store)
        check = _validator(store, history)
        result = FileResult(source.label)
        if source.kind == "flat":
            items, finish = _read_flat(source, store.dictionary, result.notes, today or date.today())
        else:
            items, finish = _read_xml(source, store.dictionary, result.notes, _profile(store))
        items = corrections(items)
        if progress is not None:
            items = _counting(items, source.label, progress)
        try:
            result.lines = import_reports(store, source.label, items, status=status, validate=check, finish=finish,
                                          history=history)
        except ImportFileError as exc:
            result.error = f"{exc} - nothing of {source.label} was imported"
        results.append(result)
    return results, problems


def _counting(items: Iterator[Incoming], label: str, progress: Progress) -> Iterator[Incoming]:
    for n, item in enumerate(items, 1):
        if n % 50 == 0:
            progress(label, n)
        yield item

