"""A month of NIBRS XML: one document per report and ``manifest.csv``, as a folder or a zip."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

from desktop.fileio import atomic_write
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.filenames import submission_name
from desktop.nibrs.xmlio.writer import XmlWriteError, to_xml

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "report", "action", "ori", "number", "sha256")


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    report: str  # report category code: GROUP A INCIDENT REPORT ...
    action: str
    ori: str
    number: str  # incident number, arrest transaction number (with the arrestee), or zero report YYYY-MM
    sha256: str

    @classmethod
    def of(cls, file: str, sub: m.Submission, data: bytes, dictionary: Dictionary | None = None) -> "ManifestEntry":
        d = dictionary or fbi_dictionary()
        category = next(c.code for c in d.code_list("report_category") if c.get("report") == sub.kind)
        return cls(file, category, sub.action, getattr(sub.report, "ori", None) or "", _number(sub),
                   hashlib.sha256(data).hexdigest())


def manifest_bytes(entries: Iterable[ManifestEntry]) -> bytes:
    """manifest.csv: one row per document (file, report, action, ori, number, sha256)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for e in entries:
        writer.writerow((e.file, e.report, e.action, e.ori, e.number, e.sha256))
    return out.getvalue().encode("utf-8")


def write_manifest(folder: str | os.PathLike, entries: Iterable[ManifestEntry]) -> Path:
    path = Path(folder) / MANIFEST_NAME
    atomic_write(path, manifest_bytes(entries))
    return path


@dataclass
class MonthResult:
    path: Path  # the folder or the zip written
    entries: list[ManifestEntry] = field(default_factory=list)


def _number(sub: m.Submission) -> str:
    r = sub.report
    if isinstance(r, m.GroupAIncident):
        return r.incident_number or ""
    if isinstance(r, m.GroupBArrest):
        seq = f"/{r.sequence_number}" if r.sequence_number is not None else ""
        return f"{r.arrest_transaction_number or ''}{seq}"
    return f"{r.year:04d}-{r.month:02d}" if r.year and r.month else ""


def write_xml_month(submissions: Iterable[m.Submission], folder: str | os.PathLike, *, submitter_id: str,
                    generated: date, series: int = 1, extra: str = "", as_zip: bool = False,
                    timestamp: datetime | None = None, dictionary: Dictionary | None = None) -> MonthResult:
    """A month of NIBRS XML: one document per report and a manifest, as a folder or a zip.

    The folder (or zip) is named by the FBI's convention (see
    :func:`desktop.nibrs.filenames.submission_name`) inside ``folder``; document ``n`` is
    ``<name>_<n:05d>.xml`` and ``manifest.csv`` lists file, report category, action, ORI,
    number and SHA-256 of each. Every document is built and validated before anything is
    written: if one report cannot be written, :class:`XmlWriteError` names it (and every other
    one that failed) and nothing is written.
    """
    d = dictionary or fbi_dictionary()
    base = submission_name(submitter_id, generated, series=series, extra=extra)
    documents: list[tuple[str, bytes, m.Submission]] = []
    failures: list[str] = []
    for n, sub in enumerate(submissions, 1):
        try:
            data = to_xml(sub, timestamp=timestamp, message_id=f"{base}_{n:05d}", submitting_ori=submitter_id,
                          dictionary=d)
        except XmlWriteError as exc:
            failures.append(str(exc))
            continue
        documents.append((f"{base}_{n:05d}.xml", data, sub))
    if failures:
        raise XmlWriteError(f"{len(failures)} report(s) cannot be written as NIBRS XML: " + " | ".join(failures))
    entries = [ManifestEntry.of(name, sub, data, d) for name, data, sub in documents]
    manifest = manifest_bytes(entries)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    if as_zip:
        target = out / f"{base}.zip"
        if target.exists():
            raise XmlWriteError(f"{target} already exists; choose another series number")
        tmp = target.with_name(f".{target.name}.part")
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
                for name, data, _ in documents:
                    z.writestr(f"{base}/{name}", data)
                z.writestr(f"{base}/{MANIFEST_NAME}", manifest)
            os.replace(tmp, target)
        finally:
            if tmp.exists():
                tmp.unlink()
        return MonthResult(target, entries)
    target = out / base
    if target.exists():
        raise XmlWriteError(f"{target} already exists; choose another series number")
    tmp_dir = out / f".{base}.part"
    tmp_dir.mkdir()
    try:
        for name, data, _ in documents:
            (tmp_dir / name).write_bytes(data)
        (tmp_dir / MANIFEST_NAME).write_bytes(manifest)
        os.replace(tmp_dir, target)
    except BaseException:
        for p in tmp_dir.glob("*"):
            p.unlink()
        tmp_dir.rmdir()
        raise
    return MonthResult(target, entries)


def read_manifest(path: str | os.PathLike) -> list[ManifestEntry]:
    """The entries of a month's manifest.csv."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [ManifestEntry(**{k: row[k] for k in MANIFEST_COLUMNS}) for row in rows]
