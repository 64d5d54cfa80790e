"""Encryption at rest with SQLCipher: open with a passphrase, convert a plain database safely.

With a passphrase the database file, its WAL and every backup are encrypted by SQLCipher
(AES-256, keys derived with PBKDF2); nothing of a report is readable in their bytes.
The passphrase comes from the caller (the app asks for it), or for unattended use from the
``NIBRS_DESK_PASSPHRASE`` environment variable, or from the operating system's keyring
when the user chose to keep it there.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Any

from desktop.fileio import fsync_dir, fsync_file, private_file

log = logging.getLogger(__name__)

ENV_PASSPHRASE = "NIBRS_DESK_PASSPHRASE"
KEYRING_SERVICE = "nibrs-desk"
_PLAIN_HEADER = b"SQLite format 3\x00"


class PassphraseError(RuntimeError):
    """No passphrase, or the wrong one."""


def sqlcipher():
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise PassphraseError("encryption needs the sqlcipher3 package, which is not installed") from exc
    return sqlcipher3


def is_encrypted(path: Path) -> bool:
    """True when ``path`` is a database file that is not plain SQLite (so, SQLCipher)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return False
    return len(head) == 16 and head != _PLAIN_HEADER


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path | str, passphrase: str, **kwargs: Any):
    """A SQLCipher connection to ``path``; raises PassphraseError when the passphrase is wrong."""
    mod = sqlcipher()
    con = mod.connect(str(path), **kwargs)
    try:
        with contextlib.suppress(Exception):
            con.execute("PRAGMA cipher_log_level = NONE")
        con.execute(f"PRAGMA key = {_quote(passphrase)}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except mod.DatabaseError:
        con.close()
        raise PassphraseError(f"the passphrase does not open {path}; nothing was changed") from None
    return con


def passphrase_from_environment() -> str | None:
    value = os.environ.get(ENV_PASSPHRASE)
    return value if value else None


def keyring_get(data_dir: Path) -> str | None:
    """The passphrase kept in the OS keyring for this data folder, if the user chose to keep it."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, str(Path(data_dir).resolve()))
    except (KeyringError, RuntimeError):  # no usable backend on this machine
        return None


def keyring_set(data_dir: Path, passphrase: str | None) -> bool:
    """Keep (or, with None, forget) the passphrase in the OS keyring; False when no keyring works."""
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError
    except ImportError:
        return False
    try:
        key = str(Path(data_dir).resolve())
        if passphrase is None:
            with contextlib.suppress(PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, key)
        else:
            keyring.set_password(KEYRING_SERVICE, key, passphrase)
        return True
    except (KeyringError, RuntimeError):
        return False


def export_encrypted(source_con, target: Path, passphrase: str) -> None:
    """Write a consistent encrypted copy of an open connection's database to ``target``."""
    target = Path(target)
    if target.exists():
        target.unlink()
    private_file(target)  # 0600 from its first byte (an empty file is a new database to SQLCipher)
    source_con.execute(f"ATTACH DATABASE ? AS nibrs_copy KEY {_quote(passphrase)}", (str(target),))
    try:
        source_con.execute("SELECT sqlcipher_export('nibrs_copy')")
        version = source_con.execute("PRAGMA main.user_version").fetchone()[0]
        source_con.execute(f"PRAGMA nibrs_copy.user_version = {int(version)}")
    finally:
        source_con.execute("DETACH DATABASE nibrs_copy")


def _table_counts(con) -> dict[str, int]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.unlink()


def encrypt_file(path: Path, passphrase: str) -> None:
    """Convert a plain SQLite database to SQLCipher in place, safely.

    The encrypted copy is written beside the original and verified (integrity check, same
    tables and row counts) before it replaces the original in one rename; a kill at any moment
    leaves either the untouched plain file or the verified encrypted one.
    """
    path = Path(path)
    if is_encrypted(path):
        raise PassphraseError(f"{path} is already encrypted")
    mod = sqlcipher()
    partial = path.with_name(path.name + ".encrypting")
    plain = mod.connect(str(path))
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _table_counts(plain)
        export_encrypted(plain, partial, passphrase)
    finally:
        plain.close()
    enc = connect(partial, passphrase)
    try:
        if enc.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise PassphraseError(f"the encrypted copy of {path} failed its integrity check; the original is kept")
        if _table_counts(enc) != counts:
            raise PassphraseError(f"the encrypted copy of {path} differs from the original; the original is kept")
    finally:
        enc.close()
    fsync_file(partial)
    _remove_sidecars(path)  # the original was checkpointed and closed: its WAL holds nothing needed
    os.replace(partial, path)
    fsync_dir(path.parent)
