"""Writing files so that a crash or a kill never leaves half a file under its real name."""

from __future__ import annotations

import contextlib
import io
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


# ------------------------------------------------------------------------------------------ private modes
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700  # what the program creates is its user's alone


def private_umask() -> int:
    """Make every file and folder the program creates from now on private (0600 / 0700), whatever umask it
    was started with (the app's and the CLI's first step); returns the umask it replaced."""
    return os.umask(0o077)


def private_file(path: str | os.PathLike) -> Path:
    """Create ``path`` empty with mode 0600 (whatever the umask), or leave an existing file as it is.

    A database, a backup or an export is created this way first, then written: it is never readable by other
    local users, not even for a moment."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return path
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE)  # the umask may have taken bits away, never added any: set exactly
    finally:
        os.close(fd)
    return path


def private_folder(path: str | os.PathLike) -> Path:
    """``path`` made (with its missing parents) mode 0700 each; a folder that exists already is left as it is
    (a user's chosen export folder keeps its mode)."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    path.mkdir(parents=True, exist_ok=True)
    for made in reversed(missing):
        with contextlib.suppress(OSError):
            os.chmod(made, PRIVATE_FOLDER)
    return path


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside ``path``: write there; it replaces ``path`` when the block ends.

    If the block raises, the temporary file is removed and ``path`` is untouched. The temporary file is
    created 0600 before the block writes it (so is, in the end, ``path``).
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.unlink(missing_ok=True)
        private_file(tmp)
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


# ------------------------------------------------------------------------------------------ inputs that are not files
class NotAFile(OSError):
    """A name given as an input is not a regular file (a named pipe, a device, a folder, a symbolic link loop):
    refused before anything reads it, so nothing hangs on a pipe or reads a device forever."""


def _kind_of(mode: int) -> str:
    import stat

    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def regular_file(path: str | os.PathLike, what: str = "file", *, folder_ok: bool = False) -> Path:
    """``path`` if it is a regular file (or, with ``folder_ok``, a folder); else :class:`NotAFile` (or
    ``FileNotFoundError``) with a message naming it. Checked with ``stat`` only: nothing is opened."""
    import errno
    import stat

    path = Path(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAFile(errno.ELOOP, f"{path}: its symbolic links go round in a loop; nothing was read") from None
        if exc.errno == errno.ENOENT:
            raise FileNotFoundError(errno.ENOENT, f"{path}: no such {what}") from None
        raise NotAFile(exc.errno or 0, f"{path}: cannot be read: {exc.strerror or exc}") from None
    if stat.S_ISREG(mode) or (folder_ok and stat.S_ISDIR(mode)):
        return path
    kind = _kind_of(mode)
    if stat.S_ISDIR(mode):
        raise NotAFile(errno.EISDIR, f"{path} is a folder, not a {what}")
    raise NotAFile(errno.EINVAL, f"{path} is {kind}, not a regular file; nothing was read")


def input_problem(path: str | os.PathLike, what: str = "file", *, folder_ok: bool = True) -> str | None:
    """Why ``path`` cannot be an input (the message of :func:`regular_file`), or None."""
    try:
        regular_file(path, what, folder_ok=folder_ok)
    except OSError as exc:
        return exc.strerror if isinstance(exc.strerror, str) and str(path) in exc.strerror else str(exc)
    return None


# ------------------------------------------------------------------------------------------ zip members
class ZipMemberError(OSError):
    """A zip member cannot be read: encrypted, a compression method Python cannot unpack, or damaged (a bad
    CRC, a cut stream). The message names the archive and the member."""


_ZIP_METHODS = {0, 8, 12, 14}  # stored, deflated, bzip2, lzma: what the zipfile module unpacks


def member_problem(info, label: str) -> str | None:
    """Why a member cannot be read, known from its header alone (encrypted, an unknown compression), or None."""
    if info.flag_bits & 0x1:
        return f"{label}: the member is encrypted (password-protected); NIBRS Desk reads only zips without a password"
    if info.compress_type not in _ZIP_METHODS:
        return (f"{label}: the member uses a compression method NIBRS Desk cannot read (method {info.compress_type}); "
                "zip it again with the usual (deflate) method")
    return None


def read_member(z, info, label: str, limit: int | None = None) -> bytes:
    """A member's bytes (at most ``limit``), or :class:`ZipMemberError` saying why they cannot be read."""
    problem = member_problem(info, label)
    if problem:
        raise ZipMemberError(problem)
    try:
        with z.open(info) as fh:
            return fh.read() if limit is None else fh.read(limit)
    except Exception as exc:  # zipfile.BadZipFile (bad CRC), zlib.error, EOFError, RuntimeError, NotImplementedError
        raise ZipMemberError(zip_error(exc, label)) from None


def zip_error(exc: BaseException, label: str) -> str:
    """A reading error of a zip or its member in words, naming it."""
    text = " ".join(str(exc).split())
    if isinstance(exc, RuntimeError) and "encrypted" in text:
        return f"{label}: the member is encrypted (password-protected); NIBRS Desk reads only zips without a password"
    if isinstance(exc, NotImplementedError):
        return f"{label}: the member uses a compression method NIBRS Desk cannot read ({text})"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{label}: cannot be read: {exc.strerror}"
    return f"{label}: the zip is damaged ({text or type(exc).__name__})"


class Archive:
    """One zip, opened once and kept open while its members are read one after another (reopening it for every
    member reads its whole directory each time: a 4,000-document zip took minutes). Reopened if it was closed."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._zip = None

    @property
    def zip(self):
        import zipfile

        if self._zip is None:
            self._zip = zipfile.ZipFile(self.path)
        return self._zip

    def open(self, member: str, label: str):
        """A member as a binary stream; :class:`ZipMemberError` when it cannot be read."""
        info = self.zip.getinfo(member)
        problem = member_problem(info, label)
        if problem:
            raise ZipMemberError(problem)
        try:
            return _CheckedMember(self.zip.open(info), label)
        except Exception as exc:
            raise ZipMemberError(zip_error(exc, label)) from None

    def read(self, member: str, label: str, limit: int | None = None) -> bytes:
        return read_member(self.zip, self.zip.getinfo(member), label, limit)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    def __del__(self) -> None:  # pragma: no cover - best effort
        with contextlib.suppress(Exception):
            self.close()


class _CheckedMember(io.RawIOBase):
    """A zip member's stream whose reading errors (bad CRC, a cut stream) are :class:`ZipMemberError`."""

    def __init__(self, fh, label: str):
        self._fh, self._label = fh, label
        self.name = label

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        try:
            data = self._fh.read(len(b))
        except Exception as exc:
            raise ZipMemberError(zip_error(exc, self._label)) from None
        b[:len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._fh.close()
        finally:
            super().close()
