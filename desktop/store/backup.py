"""Backups: made daily and before every migration, rotated, encrypted like the database; restore.

Backups live in ``<data folder>/backups``. Each is a consistent copy taken with SQLite's
online backup (or, for an encrypted database, SQLCipher's export with the same key), written
under a temporary name and renamed, so a kill never leaves half a backup under a real name.
Restoring first backs up the current database, checks the chosen backup opens and passes an
integrity check, and swaps it in with one rename.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop import paths
from desktop.store import crypto
from desktop.store.db import Database, DatabaseError, WrongPassphrase, backup_file

KEEP = {"daily": 7, "manual": 10, "before-restore": 5, "before-migration": 5}
_NAME = re.compile(r"^(?P<stem>.+?)-(?P<reason>daily|manual|before-restore|before-migration(?:-from-\w+)?)-"
                   r"(?P<stamp>\d{8}-\d{6}-\d{6})\.sqlite3$")


class BackupError(DatabaseError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str
    taken: datetime
    size: int
    encrypted: bool


def list_backups(data_dir: Path) -> list[BackupInfo]:
    folder = Path(data_dir) / "backups"
    out = []
    if folder.is_dir():
        for p in folder.glob("*.sqlite3"):
            m = _NAME.match(p.name)
            if not m:
                continue
            reason = "before-migration" if m["reason"].startswith("before-migration") else m["reason"]
            out.append(BackupInfo(p, reason, datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f"), p.stat().st_size,
                                  crypto.is_encrypted(p)))
    return sorted(out, key=lambda b: b.taken, reverse=True)


def make_backup(db: Database, reason: str = "manual") -> Path:
    if db.path is None:
        raise BackupError("backups here are of the local database file; back up a shared server with its own tools")
    if reason not in KEEP:
        raise BackupError(f"unknown backup reason {reason!r}")
    path = backup_file(db.path, reason, db.passphrase)
    rotate(db.path.parent, reason)
    return path


def rotate(data_dir: Path, reason: str) -> list[Path]:
    """Remove the oldest backups of one kind beyond the number kept; returns what was removed."""
    removed = []
    same = [b for b in list_backups(data_dir) if b.reason == reason]
    for b in same[KEEP[reason]:]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def daily_backup_if_due(db: Database, now: datetime | None = None) -> Path | None:
    """Make the day's backup unless one was made in the last 24 hours (called when the app starts)."""
    if db.path is None or not db.path.exists():
        return None
    now = now or datetime.now()
    last = next((b for b in list_backups(db.path.parent) if b.reason == "daily"), None)
    if last is not None and now - last.taken < timedelta(hours=24):
        return None
    return make_backup(db, "daily")


def check_backup(path: Path, passphrase: str | None) -> None:
    """Raise BackupError unless ``path`` is a readable NIBRS Desk database passing an integrity check."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    try:
        if crypto.is_encrypted(path):
            if passphrase is None:
                raise BackupError(f"{path} is encrypted: give its passphrase")
            con = crypto.connect(path, passphrase)
        else:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} fails its integrity check; it was not restored")
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except crypto.PassphraseError as exc:
        raise WrongPassphrase(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a NIBRS Desk database: {exc}") from None
    if not {"incident", "alembic_version"} <= tables:
        raise BackupError(f"{path} is not a NIBRS Desk database (no incident table)")


def restore(data_dir: Path, backup: Path, passphrase: str | None = None) -> Path:
    """Replace the data folder's database with ``backup``; returns the backup made of the current state.

    The database must not be open elsewhere (close the app). The backup must open with the
    same passphrase as the database (or be plain when the database is); a plain backup restored
    into an encrypted data folder is encrypted on the way in.
    """
    folder = paths.data_dir(data_dir)
    db_path = paths.database_path(folder)
    backup = Path(backup).resolve()
    current_encrypted = crypto.is_encrypted(db_path)
    if current_encrypted and passphrase is None:
        passphrase = crypto.passphrase_from_environment()
    check_backup(backup, passphrase if crypto.is_encrypted(backup) else None)
    safety = None
    if db_path.exists():
        if current_encrypted:
            if passphrase is None:
                raise BackupError("the database is encrypted: give its passphrase to restore")
            con = crypto.connect(db_path, passphrase)  # the passphrase must open the current database too
        else:
            con = sqlite3.connect(str(db_path))
        try:  # fold the WAL into the file, so removing the WAL below can lose nothing
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
        safety = backup_file(db_path, "before-restore", passphrase if current_encrypted else None)
        rotate(folder, "before-restore")
    incoming = db_path.with_name(db_path.name + ".restoring")
    shutil.copyfile(backup, incoming)
    if (current_encrypted or passphrase is not None) and not crypto.is_encrypted(incoming):
        crypto.encrypt_file(incoming, passphrase)
    with open(incoming, "rb") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.unlink()
    os.replace(incoming, db_path)
    return safety
