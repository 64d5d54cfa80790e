"""Backups: made daily and before every migration, rotated, encrypted like the database; restore.

Backups live in ``<data folder>/backups``. Each is a consistent copy taken with SQLite's
online backup (or, for an encrypted database, SQLCipher's export with the same key), written
under a temporary name and renamed, so a kill never leaves half a backup under a real name.
Restoring first backs up the current database, checks the chosen backup opens and passes an
integrity check, and swaps it in with one rename.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desktop import paths
from desktop.fileio import private_file, regular_file
from desktop.store import anchor, crypto
from desktop.store import schema as s
from desktop.store.db import Database, DatabaseError, WrongPassphrase, backup_file
from desktop.store.lock import Busy, data_lock

KEEP = {"daily": 7, "manual": 10, "before-restore": 30, "before-migration": 30}  # days a kind is kept
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
            try:
                size = p.stat().st_size
            except OSError:  # removed meanwhile
                continue
            out.append(BackupInfo(p, reason, datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f"), size,
                                  crypto.is_encrypted(p)))
    return sorted(out, key=lambda b: b.taken, reverse=True)


def make_backup(db: Database, reason: str = "manual", *, wait: float | None = None) -> Path:
    if db.path is None:
        raise BackupError("backups here are of the local database file; back up a shared server with its own tools")
    if reason not in KEEP:
        raise BackupError(f"unknown backup reason {reason!r}")
    with data_lock(db.path.parent, "backup", wait=wait):
        path = backup_file(db.path, reason, db.passphrase)
        db.anchor("backup", path.name)  # the trail's head, as the backup holds it, beside the database too
        rotate(db.path.parent, reason, db.passphrase)
    return path


def rotate(data_dir: Path, reason: str, passphrase: str | None = None, *, now: datetime | None = None) -> list[Path]:
    """Remove old backups of one kind; returns what was removed.

    Rotation counts by age: of the last ``KEEP[reason]`` days, the newest copy of each day is kept; every
    other copy goes, except a copy that is the only one holding a report as new as it holds it (the
    database itself and every other backup compared): that one is never removed (see :func:`holds_newer`).
    So a before-restore copy holding the reports a restore took away stays however many restores follow.
    """
    now = now or datetime.now()
    same = [b for b in list_backups(data_dir) if b.reason == reason]
    kept_days: set = set()
    doomed: list[BackupInfo] = []
    for b in same:  # newest first
        day = b.taken.date()
        if day not in kept_days and (now.date() - day).days < KEEP[reason]:
            kept_days.add(day)
            continue
        doomed.append(b)
    removed = []
    for b in doomed:
        if holds_newer(Path(data_dir), b.path, passphrase, leaving=removed):
            continue
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


# ------------------------------------------------------------------------------------ what a copy holds
Versions = dict  # (kind, key...) -> (updated_at, revision): the newest version of each report a copy holds
_DELETED = 10 ** 9  # a delete in a copy's audit trail (which keeps the report's values) covers older versions


def versions(path: Path, passphrase: str | None) -> Versions | None:
    """Each report a database file holds and when it was last saved; None when the file cannot be read."""
    from desktop.store.kinds import KINDS

    path = Path(path)
    if not path.exists():
        return None
    try:
        con = crypto.connect(path, passphrase) if crypto.is_encrypted(path) else \
            sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except (crypto.PassphraseError, sqlite3.DatabaseError, OSError):
        return None
    out: Versions = {}
    try:
        for k in KINDS.values():
            table = k.row.__tablename__
            cols = ", ".join(k.key)
            try:
                rows = con.execute(f"SELECT {cols}, updated_at, revision, deleted_at FROM {table}").fetchall()
            except sqlite3.DatabaseError:
                continue
            for row in rows:
                key = (k.name, *row[:len(k.key)])
                updated, revision, deleted = row[len(k.key):]
                version = (str(deleted or updated or ""), int(revision or 0))
                if key not in out or out[key] < version:
                    out[key] = version
        try:  # reports deleted for good: their values are in the trail's delete entries
            deletes = con.execute("SELECT kind, at, detail FROM audit_log WHERE action = 'delete'").fetchall()
        except sqlite3.DatabaseError:
            deletes = []
        for kind_name, at, detail in deletes:
            k = KINDS.get(kind_name)
            try:
                values = json.loads(detail).get("values") or {}
            except (TypeError, ValueError, AttributeError):
                continue
            if k is None or not values:
                continue
            key = (k.name, *(values.get(c) for c in k.key))
            version = (str(at), _DELETED)
            if key not in out or out[key] < version:
                out[key] = version
    except sqlite3.DatabaseError:
        return None
    finally:
        con.close()
    return out


def holds_newer(data_dir: Path, candidate: Path, passphrase: str | None, *, leaving: list[Path] = ()) -> bool:
    """Whether ``candidate`` holds a report (or a version of one) that no other copy holds as new:
    not the database, not another backup (``leaving``: backups being removed, which do not count).
    A copy that cannot be read counts as holding something (it is never removed unread)."""
    mine = versions(candidate, passphrase)
    if mine is None:
        return True
    rest = [paths.database_path(Path(data_dir))] + [
        b.path for b in list_backups(data_dir) if b.path != candidate and b.path not in leaving]
    missing = dict(mine)
    for other in rest:
        if not missing:
            break
        theirs = versions(other, passphrase) or {}
        missing = {k: v for k, v in missing.items() if not (k in theirs and theirs[k] >= v)}
    return bool(missing)


def remove_stale_parts(data_dir: Path) -> list[Path]:
    """Half-written backups a kill left behind (``*.part`` in backups/): removed, under the folder's lock."""
    folder = Path(data_dir) / "backups"
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    try:
        with data_lock(data_dir, "clean-up", wait=0):
            for p in folder.glob("*.part"):
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed.append(p)
    except Busy:
        return removed  # another writer is at work (its .part may be live): next time
    return removed


def daily_backup_if_due(db: Database, now: datetime | None = None) -> Path | None:
    """Make the day's backup unless one was made in the last 24 hours (called when the app starts)."""
    if db.path is None or not db.path.exists():
        return None
    now = now or datetime.now()
    last = next((b for b in list_backups(db.path.parent) if b.reason == "daily"), None)
    if last is not None and now - last.taken < timedelta(hours=24):
        return None
    try:
        return make_backup(db, "daily", wait=0)
    except Busy:  # another program is writing (an import, a restore): the next start makes it
        return None


def check_backup(path: Path, passphrase: str | None, *, audit_key: bytes | None = None) -> None:
    """Raise BackupError (saying why) unless ``path`` is a NIBRS Desk database that can be restored: it opens with
    the passphrase, passes SQLite's integrity check, is at a schema revision this version knows (so it can be brought
    up to date), holds every table of that revision, and its audit trail verifies. Nothing is written to it."""
    path = Path(path)
    try:  # a folder, a named pipe, a device, a link loop: refused before anything opens it
        regular_file(path, "backup file")
    except OSError as exc:
        raise BackupError(exc.strerror if isinstance(exc.strerror, str) else str(exc)) from None
    try:
        if crypto.is_encrypted(path):
            if passphrase is None:
                raise BackupError(f"{path} is encrypted: give its passphrase")
            con = crypto.connect(f"file:{path}?mode=ro", passphrase, uri=True)
        else:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        con.text_factory = lambda raw: raw.decode("utf-8", "replace")  # a damaged file's names and messages
        try:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path} fails its integrity check; it was not restored")
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                raise BackupError(f"{path} is not a NIBRS Desk database (it has no schema revision)")
            found = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
            _check_revision(path, revision, tables)
            problems = _trail_problems(con, audit_key)
        finally:
            con.close()
    except crypto.PassphraseError:
        raise WrongPassphrase(f"the passphrase does not open {path} (another passphrase, or not a NIBRS Desk "
                              "database); it was not restored") from None
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise BackupError(f"{path} is not a NIBRS Desk database: {' '.join(str(exc).split())[:300]}") from None
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise BackupError(f"{path}: its audit trail does not verify: {problems[0]}{more}; it was not restored")


def _check_revision(path: Path, revision: str | None, tables: set[str]) -> None:
    from desktop.store.migrate import known_revisions, tables_at

    if revision is None:
        raise BackupError(f"{path} is not a NIBRS Desk database (its schema revision is empty)")
    if revision not in known_revisions():
        raise BackupError(f"{path} is at schema revision {revision!r}, which this version of NIBRS Desk does not "
                          "know (written by a newer version?); it was not restored")
    missing = sorted(tables_at(revision) - tables)
    if missing:
        shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
        raise BackupError(f"{path} claims schema revision {revision} but lacks its tables {shown}; it is not a "
                          "whole NIBRS Desk database and was not restored")


def _trail_problems(con, audit_key: bytes | None) -> list:
    """The audit trail's problems in the open backup (an empty list when it verifies)."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session
    from sqlalchemy.pool import StaticPool

    from desktop.store import audit

    engine = create_engine("sqlite://", creator=lambda: con, poolclass=StaticPool)
    try:
        with Session(engine) as session:
            # without this machine's audit key (a plain backup restored on a new machine) the chain and the
            # records are checked, the entries' keys cannot be
            return [p for p in audit.verify(session, key=audit_key, key_required=False) if p.kind != audit.GAP]
    finally:
        engine.dispose(close=False)


def restore(data_dir: Path, backup: Path, passphrase: str | None = None, *, by: str = "",
            wait: float | None = None, on_wait=None) -> Path | None:
    """Replace the data folder's database with ``backup``; returns the backup made of the current state.

    ``by`` names who restores (an administrator, checked by the caller: the command line and the
    window sign in first). The data folder's writer lock is held throughout (:mod:`desktop.store.lock`;
    ``wait``/``on_wait`` as there), so no import, export or transfer runs under a restore. The database
    must not be open elsewhere (close the app). The backup must open with the same passphrase as the
    database (or be plain when the database is); a plain backup restored into an encrypted data folder
    is encrypted on the way in.

    The audit trail survives: the restored database gets the current trail (every entry written since
    the backup was taken included, hash chain and all) and then a ``restore`` entry naming who, when,
    which backup and the before-restore copy, and the entries whose changes the restore took away
    (``audit verify`` names that gap).
    """
    folder = paths.data_dir(data_dir)
    with data_lock(folder, "restore", user=by, wait=wait, on_wait=on_wait):
        return _restore(folder, Path(backup), passphrase, by)


def _restore(folder: Path, backup: Path, passphrase: str | None, by: str) -> Path | None:
    db_path = paths.database_path(folder)
    try:  # before resolve(): a link loop is a refusal, not a RuntimeError
        regular_file(backup, "backup file")
    except OSError as exc:
        raise BackupError(exc.strerror if isinstance(exc.strerror, str) else str(exc)) from None
    backup = backup.resolve()
    current_encrypted = crypto.is_encrypted(db_path)
    if current_encrypted and passphrase is None:
        passphrase = crypto.passphrase_from_environment()
    key = anchor.key_for(folder, passphrase, create=False)
    check_backup(backup, passphrase if crypto.is_encrypted(backup) else None, audit_key=key)
    safety = None
    trail: Trail | None = None
    if db_path.exists():
        if current_encrypted:
            if passphrase is None:
                raise BackupError("the database is encrypted: give its passphrase to restore")
            con = crypto.connect(db_path, passphrase)  # the passphrase must open the current database too
        else:
            con = sqlite3.connect(str(db_path))
        try:  # fold the WAL into the file, so removing the WAL below can lose nothing
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            trail = _read_trail(con)
        finally:
            con.close()
        safety = backup_file(db_path, "before-restore", passphrase if current_encrypted else None)
        rotate(folder, "before-restore", passphrase)
    incoming = db_path.with_name(db_path.name + ".restoring")
    for leftover in _with_sidecars(incoming):
        leftover.unlink(missing_ok=True)
    private_file(incoming)  # 0600 (copyfile keeps the mode of a file it writes into)
    shutil.copyfile(backup, incoming)
    try:
        if (current_encrypted or passphrase is not None) and not crypto.is_encrypted(incoming):
            crypto.encrypt_file(incoming, passphrase)
        head = _carry_trail(incoming, passphrase if crypto.is_encrypted(incoming) else None, key, trail, {
            "backup": backup.name, "backup_path": str(backup), "backup_sha256": _sha256(backup),
            "before_restore": safety.name if safety else None,
            "before_restore_path": str(safety) if safety else None}, by or "system")
        with open(incoming, "rb") as fh:
            os.fsync(fh.fileno())
    except BaseException as exc:
        for leftover in _with_sidecars(incoming):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, Exception) and not isinstance(exc, (DatabaseError, OSError)):
            # damage the integrity check does not see (text that is not UTF-8, a schema it cannot upgrade)
            raise BackupError(f"{backup} cannot be restored, it is damaged: {' '.join(str(exc).split())[:300]}; "
                              "the database is as it was") from None
        raise
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            side.unlink()
    os.replace(incoming, db_path)
    anchor.append(folder, key, head[0], head[1], "restore", backup.name)
    return safety


def _with_sidecars(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
            path.with_name(path.name + "-journal")]


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class Trail:
    """A database's audit trail as stored (every column of every entry) and its recorded head."""

    columns: list[str]
    rows: list[tuple]
    head: str | None  # the setting's JSON text

    @property
    def last(self) -> tuple[int, str]:
        if not self.rows:
            return 0, "0" * 64
        seq, digest = self.columns.index("seq"), self.columns.index("hash")
        last = max(self.rows, key=lambda r: r[seq])
        return int(last[seq]), str(last[digest])


def _read_trail(con) -> Trail | None:
    try:
        cur = con.execute("SELECT * FROM audit_log ORDER BY seq, id")
    except sqlite3.DatabaseError:
        return None  # a database from before the audit trail
    columns = [d[0] for d in cur.description]
    rows = cur.fetchall()
    head = con.execute("SELECT value FROM setting WHERE key = 'audit_head'").fetchone()
    return Trail(columns, rows, head[0] if head else None)


def _carry_trail(path: Path, passphrase: str | None, key: bytes | None, current: Trail | None, detail: dict,
                 by: str) -> tuple[int, str]:
    """Bring the database at ``path`` (the backup being restored) to this program's schema, give it the
    current database's audit trail, and add the restore entry (see :func:`restore`) and a seal of the restored
    records' checksums (they are what the tables hold from now on). Returns the trail's newest entry."""
    from desktop.store import audit
    from desktop.store.db import sqlite_engine
    from desktop.store.migrate import upgrade

    engine = sqlite_engine(path, passphrase)
    try:
        from desktop.store.db import current_revision
        from desktop.store.schema import SCHEMA_REVISION

        if current_revision(engine) != SCHEMA_REVISION:
            upgrade(engine)  # an older backup: its schema first (the backup file itself is untouched)
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            theirs = _read_trail(raw)
            at_backup = theirs.last if theirs else (0, "0" * 64)
            kept_current = current is not None and current.rows
            if kept_current:
                triggers = [r[0] for r in raw.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")]
                names = [r[0] for r in raw.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")]
                raw.execute("BEGIN IMMEDIATE")
                for name in names:
                    raw.execute(f'DROP TRIGGER "{name}"')
                raw.execute("DELETE FROM audit_log")
                cols = ", ".join(current.columns)
                marks = ", ".join("?" for _ in current.columns)
                raw.executemany(f"INSERT INTO audit_log ({cols}) VALUES ({marks})", current.rows)
                raw.execute("DELETE FROM setting WHERE key = 'audit_head'")
                if current.head is not None:
                    raw.execute("INSERT INTO setting (key, value) VALUES ('audit_head', ?)", (current.head,))
                for sql in triggers:
                    raw.execute(sql)
                raw.execute("COMMIT")
        at_restore = current.last if kept_current else at_backup
        # Which entries of the current trail the backup does not hold: their changes are not in it.
        in_backup = theirs is not None and _holds_prefix(theirs, current) if kept_current else True
        gap = None
        if kept_current and at_restore[0] > at_backup[0] or (kept_current and not in_backup):
            first = at_backup[0] + 1 if in_backup else 1
            gap = {"from": first, "to": at_restore[0]}
        from sqlalchemy.orm import Session

        with Session(engine, info={"audit_key": key}) as session, session.begin():
            from desktop.store import checksums

            pending = session.get(s.Setting, checksums.PENDING_KEY)
            if pending is not None:  # an older backup brought to checksums: the seal below covers its rows
                session.delete(pending)
            audit.append(session, by, audit.RESTORE, detail={
                **detail, "trail_at_backup": at_backup[0], "trail_at_restore": at_restore[0],
                "backup_trail_is_a_prefix": bool(in_backup), "gap": gap})
            checksums.seal_all(session, by, f"restore of {detail.get('backup', 'a backup')}")
            last = session.get(s.Setting, audit.HEAD_KEY).value
            head = (int(last["seq"]), str(last["hash"]))
    finally:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
    for side in _with_sidecars(path)[1:]:
        side.unlink(missing_ok=True)
    return head


def _holds_prefix(theirs: Trail, current: Trail | None) -> bool:
    """Whether the backup's trail is the beginning of the current one (the usual case: same installation)."""
    if current is None:
        return True
    seq_t, hash_t = theirs.columns.index("seq"), theirs.columns.index("hash")
    seq_c, hash_c = current.columns.index("seq"), current.columns.index("hash")
    ours = {r[seq_c]: r[hash_c] for r in current.rows}
    return all(ours.get(r[seq_t]) == r[hash_t] for r in theirs.rows)
