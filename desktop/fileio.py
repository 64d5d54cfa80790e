"""Writing files so that a crash or a kill never leaves half a file under its real name."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator


def fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (not every platform can open a directory)."""
    with contextlib.suppress(OSError):
        fd = os.open(str(folder), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path``: write there; it replaces ``path`` when the block ends.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        yield tmp
        fsync_file(tmp)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


# ------------------------------------------------------------------------------------------ names from files
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in range(10)),
            *(f"LPT{i}" for i in range(10))}


def safe_base_name(name: str, default: str = "document") -> str:
    """A name taken from a file (a zip member, an XML document's name) reduced to a safe base name.

    Only the last part of a path is kept (``/`` and ``\\`` both separate), with no leading dots, control
    characters or characters Windows refuses; a name of dots only, an empty one or a device name (``CON``,
    ``nul.xml``, ``COM1``...) becomes ``default`` (with the name's extension when it had a safe one).
    The result never leaves the folder it is joined to.
    """
    last = str(name).replace("\\", "/").rstrip("/").split("/")[-1]
    cleaned = "".join("_" if (ord(c) < 32 or c in '<>:"|?*') else c for c in last).strip().lstrip(".").rstrip(". ")
    stem = cleaned.split(".")[0].upper()
    if not cleaned or stem in _DEVICES or set(cleaned) <= {"."}:
        ext = ""
        if "." in last:
            tail = last.rsplit(".", 1)[1]
            if tail.isalnum() and len(tail) <= 8:
                ext = "." + tail
        return default + ext
    return cleaned[:200]


class NotWrittenHere(OSError):
    """A folder holds files this program did not write (its manifest does not list them): it is left alone."""


def remove_written_folder(folder: str | os.PathLike, manifest: str = "manifest.csv") -> None:
    """Empty and remove a folder this program wrote: only the files its manifest lists, and the manifest.

    Refuses (:class:`NotWrittenHere`) a symbolic link, a folder without a manifest, or one holding anything
    the manifest does not list: nothing is removed then. Never touches the folder's parent.
    """
    import csv

    folder = Path(folder)
    if folder.is_symlink() or not folder.is_dir():
        raise NotWrittenHere(f"{folder} is not a folder this program wrote")
    listing = folder / manifest
    if not listing.is_file():
        raise NotWrittenHere(f"{folder} has no {manifest}: it was not written by this program, so it is left alone")
    try:
        with open(listing, newline="", encoding="utf-8") as fh:
            listed = {row.get("file", "") for row in csv.DictReader(fh)}
    except (OSError, ValueError, csv.Error) as exc:
        raise NotWrittenHere(f"{listing} cannot be read ({exc}): the folder is left alone") from None
    entries = list(folder.iterdir())
    strangers = [p.name for p in entries if p.name != manifest and (p.name not in listed or p.is_symlink()
                                                                    or not p.is_file())]
    if strangers:
        shown = ", ".join(sorted(strangers)[:5])
        raise NotWrittenHere(f"{folder} holds files its {manifest} does not list ({shown}): it is left alone")
    for p in entries:
        if p.name != manifest:
            p.unlink()
    listing.unlink()
    folder.rmdir()
