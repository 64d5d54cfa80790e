"""An encrypted database's key, derived early: the start's first connection (issue 13, item 4).

SQLCipher derives the key from the passphrase (PBKDF2: ~0.15 s, the price of encryption) on a connection's
first read. That work runs in C without Python's interpreter lock, so the window's start begins it in a thread
(``start``) while Python imports the storage layer, and the store's first connection takes that connection
(``take``, in ``db.sqlite_engine``) instead of deriving the key a second time. A connection nobody takes
(another file, another passphrase) is closed (``discard``); a passphrase that does not open the file leaves
nothing to take, so the store's own attempt says so as always.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from desktop.store import crypto

_lock = threading.Lock()
_pending: dict[str, Any] | None = None


def _key(path: Path | str, passphrase: str) -> tuple[str, str]:
    return str(Path(path).resolve()), passphrase


def start(path: Path | str, passphrase: str) -> None:
    """Open ``path`` with ``passphrase`` in a thread (the key derived there), for the next ``take``."""
    global _pending
    job: dict[str, Any] = {"key": _key(path, passphrase), "con": None}

    def work() -> None:
        with contextlib.suppress(Exception):  # a wrong passphrase, a damaged file: the store's own open says so
            job["con"] = crypto.connect(path, passphrase, check_same_thread=False)

    job["thread"] = threading.Thread(target=work, name="nibrs-desk key derivation", daemon=True)
    discard()
    with _lock:
        _pending = job
    job["thread"].start()


def take(path: Path | str, passphrase: str):
    """The connection ``start`` opened for this file and passphrase (waiting for it), or None."""
    global _pending
    with _lock:
        job = _pending
        if job is None or job["key"] != _key(path, passphrase):
            return None
        _pending = None
    job["thread"].join()
    return job["con"]


def discard() -> None:
    """Close a connection opened early that nobody took."""
    global _pending
    with _lock:
        job, _pending = _pending, None
    if job is not None:
        job["thread"].join()
        if job["con"] is not None:
            with contextlib.suppress(Exception):
                job["con"].close()
