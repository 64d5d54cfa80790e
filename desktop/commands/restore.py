"""``nibrs-desk restore FILE``: put a backup in place of the database (an administrator's act, recorded).

The current database is backed up first (the before-restore copy, never rotated away while it holds
reports no other copy holds), the audit trail is carried into the restored database with a
``restore`` entry (who, when, which backup, the before-restore copy), and the data folder's lock is
held throughout, so no import, export or transfer runs under it.
"""

from __future__ import annotations

from desktop.cli import CommandError

NAME = "restore"
HELP = "restore the database from a backup file (administrators; the current database is backed up first)"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="the backup file to restore")


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store import users
    from desktop.store.backup import BackupError, restore
    from desktop.store.db import DatabaseError

    from desktop.fileio import regular_file

    try:  # a folder, a named pipe, a device, a link loop: refused before anything reads it
        regular_file(args.file, "backup file")
    except OSError as exc:
        raise CommandError(exc.strerror if isinstance(exc.strerror, str) else str(exc)) from None
    store = open_store(args, permission=users.RESTORE)
    try:
        folder, passphrase, who = store.db.data_dir, store.db.passphrase, store.user
        if store.db.path is None:
            raise CommandError("a shared database server is restored with its own tools, not from here")
    finally:
        store.close()  # the restore replaces the file: nothing may hold it open
    try:
        safety = restore(folder, args.file, passphrase, by=who)
    except (BackupError, DatabaseError) as exc:
        raise CommandError(str(exc)) from None
    if safety:
        print(f"the database as it was is kept in {safety}")
    print(f"restored {args.file} (recorded in the audit trail as a restore by {who or 'system'})")
    return 0
