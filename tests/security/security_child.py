"""Child process for the kill tests: one long operation on a data folder, until killed.

It prints "ready" once set up, right before the operation, so the parent's kill lands in it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.store.backup import make_backup, restore  # noqa: E402
from desktop.store.db import open_database  # noqa: E402


def main() -> None:
    op, folder = sys.argv[1], Path(sys.argv[2])
    if op == "encrypt":
        print("ready", flush=True)
        open_database(folder, passphrase=sys.argv[3]).close()
    elif op == "backup":
        db = open_database(folder, passphrase=sys.argv[3] if len(sys.argv) > 3 else None)
        print("ready", flush=True)
        while True:
            make_backup(db, "manual")
    elif op == "restore":
        print("ready", flush=True)
        while True:
            restore(folder, Path(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
    print("done", flush=True)


if __name__ == "__main__":
    main()
