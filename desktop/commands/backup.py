"""``nibrs-desk backup``: make a backup of the database now (encrypted when the database is)."""

from __future__ import annotations

from desktop.cli import CommandError

NAME = "backup"
HELP = "back up the database to the data folder's backups/ (or list the backups)"


def add_arguments(parser) -> None:
    parser.add_argument("--list", action="store_true", help="list the backups instead of making one")


def run(args) -> int:
    from desktop import paths
    from desktop.store.backup import list_backups, make_backup
    from desktop.store.db import DatabaseError, open_database

    folder = paths.data_dir(args.data_dir)
    if args.list:
        for b in list_backups(folder):
            lock = "encrypted" if b.encrypted else "plain"
            print(f"{b.taken:%Y-%m-%d %H:%M:%S}  {b.reason:<17} {b.size:>10,} bytes  {lock:<9} {b.path}")
        return 0
    try:
        db = open_database(folder)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None
    try:
        path = make_backup(db, "manual")
    finally:
        db.close()
    print(f"backed up to {path}")
    return 0
