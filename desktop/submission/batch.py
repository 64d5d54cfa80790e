"""Writing a month's file: a flat file, or NIBRS XML documents in a folder or a zip, atomically.

Everything is written under a temporary name beside the target (``.<name>.part``), flushed to
disk, and only then moved to its final name with one rename (:meth:`Pending.commit`), which the
export does inside the database transaction that records it. A kill at any moment leaves either
no file under the final name or the whole file.

The bytes depend only on what the export records: the reports, their order and actions, the
name, the month of submission and the time of the export (the XML message time and message
identifiers, the zip's member times). So an export can be written again byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

from desktop.fileio import NotWrittenHere, fsync_dir, remove_written_folder
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary
from desktop.nibrs.flatfile import CRLF, FlatWriteError, segment_lines
from desktop.nibrs.xmlio import MANIFEST_NAME, ManifestEntry, XmlWriteError, manifest_bytes, to_xml

FLAT, XML, STATE_XML = "flat", "xml", "state-xml"  # state-xml: the state's own XML (FBI XML + profile elements)
FILE, FOLDER, ZIP = "file", "folder", "zip"
Progress = Callable[[int, int], None]
# (submission, message_id=, timestamp=, submitting_ori=) -> a validated document
Builder = Callable[..., bytes]


class BatchWriteError(ValueError):
    """Reports that cannot be written in the chosen format (each named); nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} report(s) cannot be written, so nothing was written:\n{shown}")


@dataclass(frozen=True)
class WrittenFile:
    path: str  # relative to the output folder, "/" separated
    sha256: str
    size: int


@dataclass(frozen=True)
class Place:
    """Where one report went: its XML document, or its first flat-file record and how many records."""

    document: str | None = None
    first_record: int | None = None
    records: int | None = None


@dataclass
class Pending:
    """A file (or folder) written under a temporary name, waiting for :meth:`commit`."""

    temp: Path
    final: Path
    files: list[WrittenFile] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    committed: bool = False

    def commit(self) -> None:
        """Move the written output to its final name (one rename)."""
        if self.final.is_symlink():
            raise NotWrittenHere(f"{self.final} is a link: it is left alone, and nothing was written there")
        if self.final.exists():
            if self.final.is_dir():
                remove_written_folder(self.final, MANIFEST_NAME)  # only what an export of ours wrote there
            else:
                self.final.unlink()
        os.replace(self.temp, self.final)
        fsync_dir(self.final.parent)
        self.committed = True

    def undo(self) -> None:
        """Take a committed output back (the database refused to record it) and remove it."""
        if self.committed and self.final.exists():
            os.replace(self.final, self.temp)
            self.committed = False
        self.discard()

    def discard(self) -> None:
        if self.temp.is_dir() and not self.temp.is_symlink():
            shutil.rmtree(self.temp, ignore_errors=True)
        elif self.temp.exists():
            self.temp.unlink()


def target_name(name: str, fmt: str, packaging: str) -> str:
    """The final file (or folder) name of an export: ``<name>.txt``, ``<name>.zip`` or ``<name>``."""
    if fmt == FLAT:
        return f"{name}.txt"
    return f"{name}.zip" if packaging == ZIP else name


def temp_path(out_dir: Path, final_name: str) -> Path:
    return out_dir / f".{final_name}.part"


# ------------------------------------------------------------------------------------------- flat
def write_flat(subs: Sequence[m.Submission], out_dir: Path, name: str, *, dictionary: Dictionary,
               progress: Progress | None = None) -> Pending:
    """One flat file of every submission (long forms, CRLF), under a temporary name."""
    final = out_dir / target_name(name, FLAT, FILE)
    temp = temp_path(out_dir, final.name)
    pending = Pending(temp, final)
    problems: list[str] = []
    lines_of: list[list[str]] = []
    for sub in subs:
        try:
            lines_of.append(segment_lines(sub, dictionary))
        except FlatWriteError as exc:
            problems.append(str(exc))
    if problems:
        raise BatchWriteError(problems)
    digest = hashlib.sha256()
    size = 0
    record = 0
    total = len(lines_of)
    pending.discard()
    try:
        with open(temp, "wb") as fh:
            for i, lines in enumerate(lines_of):
                data = (CRLF.join(lines) + CRLF).encode("ascii")
                fh.write(data)
                digest.update(data)
                size += len(data)
                pending.places.append(Place(first_record=record + 1, records=len(lines)))
                record += len(lines)
                if progress is not None and (i % 50 == 0 or i + 1 == total):
                    progress(i + 1, total)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        pending.discard()
        raise
    pending.files.append(WrittenFile(final.name, digest.hexdigest(), size))
    return pending


# ------------------------------------------------------------------------------------------- XML
def document_name(name: str, n: int) -> str:
    return f"{name}_{n:05d}.xml"


def xml_documents(subs: Sequence[m.Submission], name: str, *, timestamp: datetime, submitter: str,
                  dictionary: Dictionary, progress: Progress | None = None,
                  builder: Builder | None = None) -> list[tuple[str, bytes]]:
    """Every report as a schema-valid document (named ``<name>_<n>.xml``, message id the same stem).

    ``builder`` writes one document (default: the FBI's NIBRS XML)."""
    docs: list[tuple[str, bytes]] = []
    problems: list[str] = []
    total = len(subs)
    for n, sub in enumerate(subs, 1):
        doc = document_name(name, n)
        try:
            if builder is not None:
                data = builder(sub, message_id=doc[:-4], timestamp=timestamp, submitting_ori=submitter)
            else:
                data = to_xml(sub, message_id=doc[:-4], timestamp=timestamp, submitting_ori=submitter,
                              dictionary=dictionary)
        except XmlWriteError as exc:
            problems.append(str(exc))
            continue
        docs.append((doc, data))
        if progress is not None and (n % 20 == 0 or n == total):
            progress(n, total)
    if problems:
        raise BatchWriteError(problems)
    return docs


def write_xml(subs: Sequence[m.Submission], out_dir: Path, name: str, *, timestamp: datetime, submitter: str,
              packaging: str, dictionary: Dictionary, progress: Progress | None = None,
              builder: Builder | None = None) -> Pending:
    """A folder ``<name>/`` or a zip ``<name>.zip`` (holding ``<name>/``) of documents and manifest.csv."""
    docs = xml_documents(subs, name, timestamp=timestamp, submitter=submitter, dictionary=dictionary,
                         progress=progress, builder=builder)
    entries = [ManifestEntry.of(doc, sub, data, dictionary) for (doc, data), sub in zip(docs, subs)]
    manifest = manifest_bytes(entries)
    final = out_dir / target_name(name, XML, packaging)
    temp = temp_path(out_dir, final.name)
    pending = Pending(temp, final)
    pending.places = [Place(document=doc) for doc, _ in docs]
    pending.discard()
    try:
        if packaging == ZIP:
            stamp = (timestamp.year, timestamp.month, timestamp.day, timestamp.hour, timestamp.minute,
                     timestamp.second)
            with open(temp, "wb") as raw:
                with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as z:
                    for member, data in [*docs, (MANIFEST_NAME, manifest)]:
                        info = zipfile.ZipInfo(f"{name}/{member}", date_time=stamp)
                        info.compress_type = zipfile.ZIP_DEFLATED
                        info.create_system = 3
                        info.external_attr = 0o644 << 16
                        z.writestr(info, data)
                raw.flush()
                os.fsync(raw.fileno())
            data = temp.read_bytes()
            pending.files.append(WrittenFile(final.name, hashlib.sha256(data).hexdigest(), len(data)))
        else:
            temp.mkdir(parents=True)
            for member, data in [*docs, (MANIFEST_NAME, manifest)]:
                with open(temp / member, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                pending.files.append(WrittenFile(f"{final.name}/{member}", hashlib.sha256(data).hexdigest(),
                                                 len(data)))
            fsync_dir(temp)
    except BaseException:
        pending.discard()
        raise
    return pending

