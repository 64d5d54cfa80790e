"""Opening the database: engine, connection settings, schema migrations, backup first.

SQLite in the data folder by default: WAL journal, foreign keys on, ``synchronous=FULL``
so a committed save survives a crash or a power cut, and every write is one transaction
(``BEGIN IMMEDIATE``), so a kill at any moment leaves either the old or the new record.
Before any migration runs on an existing file, the file is copied to ``backups/``.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop import paths
from desktop.store.schema import SCHEMA_REVISION

log = logging.getLogger(__name__)


class DatabaseError(RuntimeError):
    """The database cannot be opened or used; the message says why in plain words."""


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

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        writer_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self._writer = sessionmaker(writer_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

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


def sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
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


def backup_file(db_path: Path, reason: str) -> Path:
    """Copy a live SQLite database with the online backup API; returns the copy's path."""
    folder = paths.backup_dir(db_path.parent)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{reason}-{stamp}{db_path.suffix}"
    partial = target.with_name(target.name + ".part")
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
        backup = str(backup_file(db.path, f"before-migration-from-{found}"))
        log.info("backed up %s to %s before migrating from %s", db.path, backup, found)
    from desktop.store.migrate import upgrade  # Alembic is imported only when needed

    upgrade(db.engine)
    return backup


def open_database(data_dir: Path | None = None, *, url: str | None = None, run_migrations: bool = True) -> Database:
    """Open (and create or upgrade) the database of a data folder, or of a SQLAlchemy URL."""
    if url:
        engine = create_engine(url, future=True)
        db = Database(engine, None, data_dir)
    else:
        folder = paths.data_dir(data_dir)
        db_path = paths.database_path(folder)
        try:
            engine = sqlite_engine(db_path)
        except Exception as exc:  # sqlite3.DatabaseError: not a database, locked, unreadable
            raise DatabaseError(f"cannot open the database {db_path}: {exc}") from exc
        db = Database(engine, db_path, folder)
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
