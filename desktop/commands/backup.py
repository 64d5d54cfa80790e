"""``nibrs-desk backup``: make a backup of the database now (administrators; encrypted when the database is)."""

from __future__ import annotations

from desktop.cli import CommandError

NAME = "backup"
HELP = "back up the database to the data folder's backups/ (or list the backups); administrators"


def add_arguments(parser) -> None:
    parser.add_argument("--list", action="store_true", help="list the backups instead of making one")


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store import audit, users
    from desktop.store.backup import BackupError, list_backups, make_backup

    store = open_store(args, permission=users.BACKUP)
    try:
        folder = store.db.data_dir
        if args.list:
            for b in list_backups(folder):
                lock = "encrypted" if b.encrypted else "plain"
                print(f"{b.taken:%Y-%m-%d %H:%M:%S}  {b.reason:<17} {b.size:>10,} bytes  {lock:<9} {b.path}")
            return 0
        try:
            path = make_backup(store.db, "manual")
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        store.record_event(audit.BACKUP, detail={"reason": "manual", "file": path.name})
    finally:
        store.close()
    print(f"backed up to {path}")
    return 0
