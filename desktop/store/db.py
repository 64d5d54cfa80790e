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
from desktop.fileio import private_file
from desktop.store import checksums  # noqa: F401  (its session events keep every record's checksum)
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
    # The installation's audit key (anchor.py): every entry's HMAC; None only without a data folder or passphrase.
    audit_key: bytes | None = dataclasses.field(default=None, repr=False)

    server: str | None = None  # a server's URL (without its password), when the database is not a local file
    from_settings: bool = False  # the server was named by the data folder's settings.json

    def __post_init__(self) -> None:
        if self.audit_key is None:
            from desktop.store import anchor

            self.audit_key = anchor.key_for(self.data_dir, self.passphrase)
        info = {"audit_key": self.audit_key, "data_dir": self.data_dir}
        self._reader = sessionmaker(self.engine, expire_on_commit=False, info=info)
        writer_engine = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self._writer = sessionmaker(writer_engine, expire_on_commit=False, info=info)

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

    def audit_head(self) -> tuple[int, str]:
        """The trail's newest entry (number and hash), as recorded with it."""
        from desktop.store import audit
        from desktop.store.schema import Setting

        with self.read() as session:
            head = session.get(Setting, audit.HEAD_KEY)
            return (int(head.value["seq"]), str(head.value["hash"])) if head is not None else (0, audit.GENESIS)

    def anchor(self, event: str, detail: str = "") -> tuple[int, str]:
        """Write the trail's newest entry to the anchor file beside the database (with a backup, an export, a transfer
        file); returns it."""
        from desktop.store import anchor

        seq, digest = self.audit_head()
        anchor.append(self.data_dir, self.audit_key, seq, digest, event, detail)
        return seq, digest

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
    partial.unlink(missing_ok=True)
    private_file(partial)  # 0600 whatever the umask (a backup holds every report)
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
    from_settings = False
    if not url:
        folder = paths.data_dir(data_dir)
        try:
            url = paths.read_settings(folder).get("database_url") or None
        except ValueError as exc:
            raise DatabaseError(str(exc)) from None
        data_dir = folder
        if url:
            from_settings = True
            settings_url_problem(str(url), paths.settings_path(folder))
    if url:
        server_problem(str(url))
        try:
            engine = create_engine(url, future=True, pool_pre_ping=True)
            with engine.connect():
                pass
        except Exception as exc:
            raise DatabaseError(f"cannot reach the database server {_safe_url(url)}: {exc}") from None
        if engine.dialect.name == "postgresql":
            from desktop.store.schema import use_postgresql

            use_postgresql()
        db = Database(engine, None, data_dir, server=_safe_url(url), from_settings=from_settings)
    else:
        folder = paths.data_dir(data_dir)
        db_path = paths.database_path(folder)
        if passphrase is None:
            passphrase = crypto.passphrase_from_environment() or (
                crypto.keyring_get(folder) if crypto.is_encrypted(db_path) else None)
        if crypto.is_encrypted(db_path) and passphrase is None:
            raise PassphraseRequired(
                f"the database {db_path} is encrypted: give its passphrase (in scripts, set NIBRS_DESK_PASSPHRASE)")
        created = not db_path.exists()
        try:
            if passphrase is not None and db_path.exists() and not crypto.is_encrypted(db_path):
                encrypt_plain_data(folder, passphrase)
            if created:  # 0600 from the start; SQLite gives its -wal and -shm files the database's mode
                private_file(db_path)
            engine = sqlite_engine(db_path, passphrase)
        except crypto.PassphraseError as exc:
            raise WrongPassphrase(str(exc)) from None
        except Exception as exc:  # sqlite3.DatabaseError: not a database, locked, unreadable
            if created and db_path.exists() and db_path.stat().st_size == 0:
                db_path.unlink()
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
        with db.read() as session:  # no write transaction at every open: only when a seal waits
            waiting = checksums.seal_pending(session)
        if waiting:
            with db.write() as session:  # rows saved before checksums existed: sealed once, in one entry
                checksums.seal_if_pending(session)
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


LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1", "[::1]"}
TLS_MODES = {"require", "verify-ca", "verify-full"}
SERVER_ENCRYPTION = ("on a database server the passphrase is not used: encryption at rest is the server's job "
                     "(an encrypted disk), and a server on another computer is reached only over TLS")


def settings_url_problem(url: str, settings: Path) -> None:
    """A ``database_url`` in settings.json names an office's database server, never a file: a SQLite URL there
    would send an encrypted installation's reports to a plain file nobody signs in to (refused)."""
    if url.strip().lower().startswith("sqlite"):
        raise DatabaseError(
            f"{settings}: database_url names a SQLite file ({_safe_url(url)}); this computer's database is the "
            "data folder's own (encrypted), and database_url is only for an office's PostgreSQL server")


def server_problem(url: str) -> None:
    """A PostgreSQL server on another computer only with ``sslmode=require`` (or verify-ca/verify-full):
    reports never cross the network in clear text. Checked before anything is sent to the server."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return  # create_engine says why, with the URL's words
    if not parsed.drivername.startswith("postgresql"):
        return
    host = parsed.host or ""
    hosts = parsed.query.get("host") or ()
    hosts = [hosts] if isinstance(hosts, str) else list(hosts)
    local = all(h.startswith("/") or h.lower() in LOCAL_HOSTS for h in [host, *hosts])
    mode = parsed.query.get("sslmode") or ""
    mode = mode if isinstance(mode, str) else (mode[-1] if mode else "")
    if not local and mode.lower() not in TLS_MODES:
        raise DatabaseError(
            f"the database server {host or ', '.join(hosts)} is on another computer and the connection does not "
            "require TLS: add ?sslmode=require (or verify-full) to the database_url; nothing was sent to it")


def _safe_url(url: str) -> str:
    """A URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all
        return "(the configured database URL)"
