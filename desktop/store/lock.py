"""One writer at a time in a data folder: restore, import, export, transfer and backups take its lock.

The lock is the operating system's lock on ``<data folder>/.nibrs-desk.lock`` (``flock`` on POSIX,
``msvcrt.locking`` on Windows), so it is let go when its holder ends, even by a kill. The holder
writes what it is doing beside it (``.nibrs-desk.busy``: what, who, process, since), so a second
writer can say what it waits for: "another import is running (by jdoe since 14:02); waiting up to
60 s...". After the limit it gives up with :class:`Busy`, a refusal the command line prints as one
line with exit status 2 and the window shows as a message; nothing was changed.

Inside one process the lock is re-entrant for the thread holding it (an export that backs up, a
restore that makes its before-restore copy); another thread waits as another process would.
A shared database server has no data folder to lock: there the lock is a no-op.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator

from desktop.fileio import private_file, private_folder
from desktop.store.errors import StoreError

LOCK_NAME = ".nibrs-desk.lock"
HOLDER_NAME = ".nibrs-desk.busy"
ENV_WAIT = "NIBRS_DESK_LOCK_WAIT"
DEFAULT_WAIT = 60.0  # seconds a second writer waits before it gives up
POLL = 0.1

Waiting = Callable[[str], None]


class Busy(StoreError):
    """Another writer holds the data folder; nothing was done (the message says who and what)."""


@dataclass(frozen=True)
class Holder:
    what: str
    user: str
    pid: int
    since: datetime

    def words(self) -> str:
        who = f"by {self.user} " if self.user else ""
        return f"another {self.what} is running ({who}since {self.since:%H:%M:%S}, process {self.pid})"


def default_wait() -> float:
    try:
        return max(0.0, float(os.environ.get(ENV_WAIT, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


# A process-wide "someone is waiting" hook (the command line prints the message; the window may show it).
_waiting_hook: Waiting | None = None


def set_waiting_hook(hook: Waiting | None) -> Waiting | None:
    """Call ``hook(message)`` whenever a writer of this process starts waiting; returns the previous hook."""
    global _waiting_hook
    previous, _waiting_hook = _waiting_hook, hook
    return previous


class _Held:
    def __init__(self) -> None:
        self.guard = threading.Lock()  # threads of this process, one at a time
        self.owner: int | None = None
        self.count = 0
        self.fh = None


_held: dict[Path, _Held] = {}
_registry = threading.Lock()


def _entry(folder: Path) -> _Held:
    with _registry:
        return _held.setdefault(folder, _Held())


def _try_os_lock(fh) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _os_unlock(fh) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        with contextlib.suppress(OSError):
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def holder(folder: str | os.PathLike) -> Holder | None:
    """Who holds the folder's lock now, or None when it is free."""
    folder = Path(folder)
    path = folder / LOCK_NAME
    if not path.exists():
        return None
    entry = _entry(folder.resolve())
    if entry.owner is not None:
        return _read_holder(folder) or Holder("writer", "", os.getpid(), datetime.now())
    try:
        fh = open(path, "a+b")
    except OSError:
        return None
    try:
        if _try_os_lock(fh):
            _os_unlock(fh)
            return None
    finally:
        fh.close()
    return _read_holder(folder) or Holder("writer", "", 0, datetime.now())


def _read_holder(folder: Path) -> Holder | None:
    try:
        data = json.loads((folder / HOLDER_NAME).read_text(encoding="utf-8"))
        return Holder(str(data["what"]), str(data.get("user", "")), int(data["pid"]),
                      datetime.fromisoformat(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_holder(folder: Path, what: str, user: str) -> None:
    with contextlib.suppress(OSError):
        private_file(folder / HOLDER_NAME)
        (folder / HOLDER_NAME).write_text(json.dumps(
            {"what": what, "user": user, "pid": os.getpid(), "since": datetime.now().isoformat()}), encoding="utf-8")


@contextlib.contextmanager
def data_lock(folder: str | os.PathLike | None, what: str, *, user: str = "", wait: float | None = None,
              on_wait: Waiting | None = None) -> Iterator[None]:
    """Hold the data folder's writer lock for the block (``what``: "import", "restore", ... for messages).

    Waits up to ``wait`` seconds (default: NIBRS_DESK_LOCK_WAIT or 60) while another writer holds it,
    telling ``on_wait`` (or the process's waiting hook) once what it waits for; then raises :class:`Busy`.
    ``folder`` None (a shared database server) locks nothing.
    """
    if folder is None:
        yield
        return
    folder = Path(folder).resolve()
    entry = _entry(folder)
    me = threading.get_ident()
    if entry.owner == me:  # re-entered by the thread that holds it
        entry.count += 1
        try:
            yield
        finally:
            entry.count -= 1
        return
    limit = default_wait() if wait is None else max(0.0, wait)
    deadline = time.monotonic() + limit
    told = False

    def waiting() -> None:
        nonlocal told
        if told:
            return
        told = True
        now = _read_holder(folder) if entry.owner is None else None
        message = (now.words() if now else f"another NIBRS Desk writer is using {folder}") + \
            (f"; waiting up to {limit:.0f} s..." if limit >= 1 else "")
        hook = on_wait or _waiting_hook
        if hook is not None and limit > 0:
            hook(message)

    def give_up() -> Busy:
        now = _read_holder(folder)
        who = now.words() if now else "another NIBRS Desk program is writing"
        waited = f" (waited {limit:.0f} s)" if limit >= 1 else ""
        return Busy(f"the data folder {folder} is busy: {who}{waited}; nothing was done, try again when it has "
                    "finished")

    while not entry.guard.acquire(timeout=POLL):
        waiting()
        if time.monotonic() >= deadline:
            raise give_up()
    try:
        private_folder(folder)
        fh = open(private_file(folder / LOCK_NAME), "a+b")
        try:
            while not _try_os_lock(fh):
                waiting()
                if time.monotonic() >= deadline:
                    raise give_up()
                time.sleep(POLL)
        except BaseException:
            fh.close()
            raise
        entry.owner, entry.count, entry.fh = me, 1, fh
        _write_holder(folder, what, user)
        try:
            yield
        finally:
            entry.owner, entry.count, entry.fh = None, 0, None
            with contextlib.suppress(OSError):
                (folder / HOLDER_NAME).unlink()
            _os_unlock(fh)
            fh.close()
    finally:
        entry.guard.release()


def store_lock(store, what: str, **kw) -> contextlib.AbstractContextManager:
    """:func:`data_lock` on a store's data folder (none for a shared server), in the signed-in person's name."""
    db = store.db
    return data_lock(db.data_dir if db.path is not None else None, what, user=store.user, **kw)
