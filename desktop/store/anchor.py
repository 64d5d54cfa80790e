"""The audit trail anchored outside the database: the installation's audit key and the anchor file.

Anyone holding the database passphrase can edit the database, the audit trail included. Two things the database
cannot reach make a rewrite show:

* **The audit key.** Every entry carries an HMAC of its hash (``audit_log.mac``), made with a key that is not in the
  database: derived from the passphrase apart from SQLCipher's own key derivation (an HMAC of the passphrase under
  a fixed label) for an encrypted database, or kept in ``audit.key`` (0600) beside a database without a passphrase
  (an unencrypted file, or a PostgreSQL server: each office machine then needs the same key file). A chain edited
  and recomputed by a tool that does not hold the key no longer verifies.
* **The anchor file** ``audit-anchor.log`` beside the database: one line appended after every transaction that
  wrote entries, every backup, export and transfer file (the newest entry's number and hash, when, and what),
  each line keyed the same way. Removing entries at the end, deleting them all or rewriting anchored ones is found
  against it: at every start (the newest lines) and by ``audit verify`` (every line).

Neither stops someone who holds the key and can also rewrite the anchor file and every backup, export and transfer
file since (README: "What the audit trail can and cannot show").
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

KEY_FILE = "audit.key"
ANCHOR_FILE = "audit-anchor.log"
_LABEL = b"nibrs-desk audit trail key v1"  # the derivation's own label: never SQLCipher's key


def derived_key(passphrase: str) -> bytes:
    """The audit key of an encrypted database: derived from its passphrase, apart from the database key."""
    return hmac.new(_LABEL, passphrase.encode("utf-8"), hashlib.sha256).digest()


def key_for(data_dir: Path | None, passphrase: str | None, *, create: bool = True) -> bytes | None:
    """The installation's audit key: ``audit.key`` in the data folder when there is one (so a database encrypted
    later keeps its key), else derived from the passphrase, else a new key file (``create``); None without a data
    folder and a passphrase."""
    if data_dir is not None:
        path = Path(data_dir) / KEY_FILE
        try:
            text = path.read_text(encoding="ascii").strip()
            return bytes.fromhex(text)
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            return None  # unreadable: verify says the key is missing rather than guess
    if passphrase is not None:
        return derived_key(passphrase)
    if data_dir is None or not create:
        return None
    key = secrets.token_bytes(32)
    path = Path(data_dir) / KEY_FILE
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
    return key


def mac(key: bytes | None, *parts: object) -> str | None:
    if key is None:
        return None
    return hmac.new(key, "|".join(str(p) for p in parts).encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Anchor:
    """One line of the anchor file: the trail's newest entry when something happened."""

    seq: int
    hash: str
    at: datetime
    event: str  # commit, backup, export, transfer, restore, start
    detail: str = ""  # the file written, for a backup, export or transfer file
    line: int = 0
    valid: bool = True  # its key matches (a line added by hand does not)

    def words(self) -> str:
        what = {"commit": "after a change", "backup": "with a backup", "export": "with an export",
                "transfer": "in a transfer file", "restore": "at a restore"}.get(self.event, self.event)
        return f"entry {self.seq} ({what}, {self.at:%Y-%m-%d %H:%M:%S})"


def anchor_path(data_dir: Path | None) -> Path | None:
    return None if data_dir is None else Path(data_dir) / ANCHOR_FILE


def append(data_dir: Path | None, key: bytes | None, seq: int, digest: str, event: str = "commit",
           detail: str = "") -> None:
    """Add a line (appended in one write, so two programs writing at once never mix their lines)."""
    path = anchor_path(data_dir)
    if path is None or key is None or seq <= 0:
        return
    at = datetime.now().replace(microsecond=0).isoformat()
    line = json.dumps({"seq": seq, "hash": digest, "at": at, "event": event, "detail": detail,
                       "mac": mac(key, seq, digest, at, event, detail)}, separators=(",", ":")) + "\n"
    with contextlib.suppress(FileNotFoundError):  # the data folder went away (a test tearing down)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)


def _parse(text: str, number: int, key: bytes | None) -> Anchor | None:
    try:
        d = json.loads(text)
        seq, digest, at, event, detail = int(d["seq"]), str(d["hash"]), str(d["at"]), str(d["event"]), \
            str(d.get("detail", ""))
        when = datetime.fromisoformat(at)
    except (ValueError, KeyError, TypeError):
        return Anchor(0, "", datetime.min, "unreadable", text[:80], number, False)
    valid = key is None or hmac.compare_digest(str(d.get("mac", "")), mac(key, seq, digest, at, event, detail) or "")
    return Anchor(seq, digest, when, event, detail, number, valid)


def read(data_dir: Path | None, key: bytes | None, *, tail: int | None = None) -> Iterator[Anchor]:
    """The anchor file's lines (``tail``: only those in its last ``tail`` bytes, for the check at start)."""
    path = anchor_path(data_dir)
    if path is None or not path.is_file():
        return
    with open(path, "rb") as fh:
        first = 1
        if tail is not None:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - tail))
            if size > tail:
                fh.readline()  # a partial line
                first = 0  # line numbers unknown from here
        for number, raw in enumerate(fh, start=first):
            text = raw.decode("utf-8", "replace").strip()
            if text:
                found = _parse(text, number if first else 0, key)
                if found is not None:
                    yield found


def exists(data_dir: Path | None) -> bool:
    path = anchor_path(data_dir)
    return path is not None and path.is_file() and path.stat().st_size > 0


def anchored_head(db, event: str = "transfer", detail: str = "") -> dict:
    """The trail's newest entry, written to the anchor file first (``event``: what carries it, ``detail``: the file):
    for a writer that puts the head in a file leaving this machine (a transfer file). Returns ``{"seq", "hash"}``."""
    seq, digest = db.anchor(event, detail)
    return {"seq": seq, "hash": digest}
