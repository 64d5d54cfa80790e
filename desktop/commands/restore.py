"""``nibrs-desk restore FILE``: put a backup in place of the database (the current one is backed up first)."""

from __future__ import annotations

from desktop.cli import CommandError

NAME = "restore"
HELP = "restore the database from a backup file (the current database is backed up first)"


def add_arguments(parser) -> None:
    parser.add_argument("file", help="the backup file to restore")


def run(args) -> int:
    from desktop import paths
    from desktop.store.backup import BackupError, restore
    from desktop.store.db import DatabaseError

    folder = paths.data_dir(args.data_dir)
    try:
        safety = restore(folder, args.file)
    except (BackupError, DatabaseError) as exc:
        raise CommandError(str(exc)) from None
    if safety:
        print(f"the database as it was is kept in {safety}")
    print(f"restored {args.file}")
    return 0
