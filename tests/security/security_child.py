"""Child process for the kill tests: one long operation on a data folder, until killed."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    op, folder = sys.argv[1], Path(sys.argv[2])
    print("ready", flush=True)
    if op == "encrypt":
        from desktop.store.db import open_database

        open_database(folder, passphrase=sys.argv[3]).close()
    elif op == "backup":
        from desktop.store.backup import make_backup
        from desktop.store.db import open_database

        db = open_database(folder, passphrase=sys.argv[3] if len(sys.argv) > 3 else None)
        while True:
            make_backup(db, "manual")
    elif op == "restore":
        from desktop.store.backup import restore

        while True:
            restore(folder, Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
    print("done", flush=True)


if __name__ == "__main__":
    main()
