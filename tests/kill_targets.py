"""What the kill tests' children do (importable by the fork server)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "core"))


def write_incidents(ready, folder: str, start: int) -> None:
    from kill_writer import build

    from desktop.store.service import Store

    store = Store.open(folder)
    n = start
    record = store.create(build(n, 0))  # one whole incident before the parent may kill
    ready.set()
    while True:
        store.update("incident", record.id, build(n, 1))
        n += 1
        record = store.create(build(n, 0))


def encrypt(ready, folder: str, passphrase: str) -> None:
    from desktop.store.db import open_database

    ready.set()
    open_database(Path(folder), passphrase=passphrase).close()


def backup_forever(ready, folder: str) -> None:
    from desktop.store.backup import make_backup
    from desktop.store.db import open_database

    db = open_database(Path(folder))
    ready.set()
    while True:
        make_backup(db, "manual")


def restore_forever(ready, folder: str, backup: str) -> None:
    from desktop.store.backup import restore

    ready.set()
    while True:
        restore(Path(folder), Path(backup))


def import_transfer_file(ready, folder: str, path: str, passphrase: str) -> None:
    from desktop.store.service import Store
    from desktop.store.transfer import import_transfer

    store = Store.open(folder)
    ready.set()
    import_transfer(store, Path(path), passphrase)


def export_month(ready, folder: str, out: str, fmt: str) -> None:
    """Export March 2025 of the database in ``folder`` into ``out`` (tests/submission/test_export_kill.py)."""
    from datetime import date

    from desktop.store.service import Store
    from desktop.submission.export import plan_export, run_export
    from desktop.submission.months import Month

    store = Store.open(folder)
    plan = plan_export(store, Month(2025, 3), fmt=fmt, today=date(2025, 4, 2))
    ready.set()  # the parent's kill lands while the file is written or recorded
    run_export(store, plan, out)


def export_until(ready, folder: str, out: str, fmt: str, step: str) -> None:
    """Export March 2025 and SIGKILL this very process when the export reaches ``step`` (written, pending,
    renamed, final): the deterministic kill tests of tests/submission/test_export_kill.py."""
    import os
    import signal
    from datetime import date

    from desktop.store.service import Store
    from desktop.submission import export
    from desktop.submission.months import Month

    def hook(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    store = Store.open(folder)
    plan = export.plan_export(store, Month(2025, 3), fmt=fmt, today=date(2025, 4, 2))
    export.step_hook = hook
    ready.set()
    export.run_export(store, plan, out)


def backup_until_renamed(ready, folder: str) -> None:
    """Make a backup and SIGKILL this process just before its file would get its final name (a stale .part)."""
    import os
    import signal
    from pathlib import Path as P

    from desktop.store.backup import make_backup
    from desktop.store.db import open_database

    db = open_database(P(folder))
    ready.set()
    real = P.replace

    def replace(self, target):
        if str(self).endswith(".part"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, target)

    P.replace = replace
    make_backup(db, "manual")
