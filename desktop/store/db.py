"""Opening the database: engine, connection settings, schema migrations, backup first.

SQLite in the data folder by default: WAL journal, foreign keys on, ``synchronous=FULL``
so a committed save survives a crash or a power cut, and every write is one transaction
(``BEGIN IMMEDIATE``), so a kill at any moment leaves either the old or the new record.
Before any migration runs on an existing file, the file is copied to ``backups/``.
With a passphrase the file is a SQLCipher database (see ``crypto.py``); a plain file opened
with a passphrase is converted in place, safely, and so are its backups.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop import paths
from desktop.store import crypto, prekey
from desktop.store.schema import SCHEMA_REVISION

log = logging.getLogger(__name__)


class DatabaseError(RuntimeError):
    """The database cannot be opened or used; the message says why in plain words."""


class PassphraseRequired(DatabaseError):
    """The database is encrypted and no passphrase was given."""


class WrongPassphrase(DatabaseError):
    """The passphrase does not open the database; nothing was changed."""


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Take transaction control away from the sqlite3 module so SQLAlchemy's BEGIN is real.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _sqlite_begin(conn) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


@dataclass
class Database:
    """An open database: an engine and the sessions to use it."""

    engine: Engine
    path: Path | None  # the SQLite file, when there is one
    data_dir: Path | None
    passphrase: str | None = dataclasses.field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        writer_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self._writer = sessionmaker(writer_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def encrypted(self) -> bool:
        return self.passphrase is not None

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on an error."""
        with self._writer.begin() as session:
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session:
            yield session

    def close(self) -> None:
        if self.is_sqlite:
            with contextlib.suppress(Exception):
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar_one()


def sqlite_engine(path: Path, passphrase: str | None = None) -> Engine:
    if passphrase is None:
        engine = create_engine(f"sqlite:///{path}", future=True)
    else:
        cipher = crypto.sqlcipher()

        def creator():  # the first may have been opened early, its key derived while the store was imported
            return prekey.take(path, passphrase) or crypto.connect(path, passphrase, check_same_thread=False)

        # A pool of connections as for a plain file: the URL names no file, so SQLAlchemy would pick its
        # one-connection-per-thread pool (meant for in-memory databases), and a read inside a write (the
        # validator reading the agency while a transfer file is imported) would reuse the writing connection.
        engine = create_engine("sqlite+pysqlite://", creator=creator, module=cipher.dbapi2, future=True,
                               poolclass=QueuePool)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    with engine.connect() as conn:  # fail here, with the file's name, if it is not a database
        conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision recorded in the database, ``None`` for an empty database."""
    if not inspect(engine).has_table("alembic_version"):
        return None
    with engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_file(db_path: Path, reason: str, passphrase: str | None = None, folder: Path | None = None) -> Path:
    """A consistent copy of a live database in ``backups/`` (encrypted when the database is)."""
    folder = folder or paths.backup_dir(db_path.parent)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{reason}-{stamp}{db_path.suffix}"
    partial = target.with_name(target.name + ".part")
    if passphrase is not None:
        src = crypto.connect(db_path, passphrase)
        try:
            crypto.export_encrypted(src, partial, passphrase)
        finally:
            src.close()
    else:
        src = sqlite3.connect(str(db_path))
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    partial.replace(target)  # never a half-written backup under the final name
    return target


def migrate(db: Database) -> str | None:
    """Bring the schema to this program's revision; back up an existing file first.

    Returns the backup's path (as text) when one was made.
    """
    found = current_revision(db.engine)
    if found == SCHEMA_REVISION:
        return None
    backup = None
    if found is not None and db.path is not None and db.path.exists():
        backup = str(backup_file(db.path, f"before-migration-from-{found}", db.passphrase))
        log.info("backed up %s to %s before migrating from %s", db.path, backup, found)
    from desktop.store.migrate import upgrade  # Alembic is imported only when needed

    upgrade(db.engine)
    return backup


def open_database(data_dir: Path | None = None, *, url: str | None = None, passphrase: str | None = None,
                  run_migrations: bool = True) -> Database:
    """Open (and create or upgrade) the database of a data folder, or of a SQLAlchemy URL.

    ``passphrase`` (or ``NIBRS_DESK_PASSPHRASE``) opens an encrypted database, creates a new one
    encrypted, or converts an existing plain one in place. A data folder whose settings.json names
    a ``database_url`` uses that server instead (an office sharing one PostgreSQL database).
    """
    if not url:
        folder = paths.data_dir(data_dir)
        try:
            url = paths.read_settings(folder).get("database_url") or None
        except ValueError as exc:
            raise DatabaseError(str(exc)) from None
        data_dir = folder
    if url:
        try:
            engine = create_engine(url, future=True, pool_pre_ping=True)
            with engine.connect():
                pass
        except Exception as exc:
            raise DatabaseError(f"cannot reach the database server {_safe_url(url)}: {exc}") from None
        if engine.dialect.name == "postgresql":
            from desktop.store.schema import use_postgresql

            use_postgresql()
        db = Database(engine, None, data_dir)
    else:
        folder = paths.data_dir(data_dir)
        db_path = paths.database_path(folder)
        if passphrase is None:
            passphrase = crypto.passphrase_from_environment() or (
                crypto.keyring_get(folder) if crypto.is_encrypted(db_path) else None)
        if crypto.is_encrypted(db_path) and passphrase is None:
            raise PassphraseRequired(
                f"the database {db_path} is encrypted: give its passphrase (in scripts, set NIBRS_DESK_PASSPHRASE)")
        try:
            if passphrase is not None and db_path.exists() and not crypto.is_encrypted(db_path):
                encrypt_plain_data(folder, passphrase)
            engine = sqlite_engine(db_path, passphrase)
        except crypto.PassphraseError as exc:
            raise WrongPassphrase(str(exc)) from None
        except Exception as exc:  # sqlite3.DatabaseError: not a database, locked, unreadable
            raise DatabaseError(f"cannot open the database {db_path}: {exc}") from exc
        db = Database(engine, db_path, folder, passphrase)
    if run_migrations:
        try:
            migrate(db)
        except DatabaseError:
            raise
        except Exception as exc:
            raise DatabaseError(f"cannot bring the database up to date: {exc}") from exc
        found = current_revision(db.engine)
        if found != SCHEMA_REVISION:
            raise DatabaseError(
                f"the database is at schema revision {found}, this program expects {SCHEMA_REVISION}; "
                "it may have been written by a newer version of NIBRS Desk"
            )
    return db


def encrypt_plain_data(folder: Path, passphrase: str) -> None:
    """Encrypt a data folder's plain database and every plain backup, each in place and verified."""
    db_path = paths.database_path(folder)
    if db_path.exists() and not crypto.is_encrypted(db_path):
        log.info("encrypting %s", db_path)
        crypto.encrypt_file(db_path, passphrase)
    backups = folder / "backups"
    if backups.is_dir():
        for backup in sorted(backups.glob("*.sqlite3")):
            if not crypto.is_encrypted(backup):
                crypto.encrypt_file(backup, passphrase)


def _safe_url(url: str) -> str:
    """A URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all
        return "(the configured database URL)"
