"""After the upgrade: the user's data is all there and the schema is the new program's.

    python packaging/linux/check/verify_data.py DATA_DIR SUMMARY.json REVISION [EXTRA_TABLE]

Reads the database with sqlite3 only (read-only), because the upgraded schema is newer than the
source tree running this script. Checks the schema revision, the agency and every record
seed_data.py wrote, SQLite's integrity check, the table the upgrade's migration added, and that
a backup of the old database was made before migrating. Exit status 1 with the reasons on failure.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

NUMBER = {
    "incident": ("incident", "incident_number"),
    "group_b": ("group_b_arrest", "arrest_transaction_number"),
    "zero_report": ("zero_report", "printf('%04d-%02d', year, month)"),
}


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def records(db: sqlite3.Connection) -> set[tuple[str, str]]:
    found = set()
    for kind, (table, number) in NUMBER.items():
        for (value,) in db.execute(f"SELECT {number} FROM {table} WHERE deleted_at IS NULL"):
            found.add((kind, value))
    return found


def main(argv: list[str]) -> int:
    data_dir, summary, revision = Path(argv[0]), json.loads(Path(argv[1]).read_text()), argv[2]
    extra_table = argv[3] if len(argv) > 3 else None
    problems = []
    db = connect(data_dir / "nibrs-desk.sqlite3")
    found_rev = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    if found_rev != revision:
        problems.append(f"schema revision is {found_rev}, expected {revision}")
    ori = db.execute("SELECT ori FROM agency WHERE id = 1").fetchone()
    if not ori or ori[0] != summary["ori"]:
        problems.append(f"agency ORI is {ori}, expected {summary['ori']}")
    expected = {(r["kind"], r["number"]) for r in summary["records"]}
    have = records(db)
    if expected - have:
        problems.append(f"records missing after the upgrade: {sorted(expected - have)}")
    segments = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("offense", "victim", "offender")}
    if any(n < 3 for n in segments.values()):
        problems.append(f"incident segments missing: {segments}")
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"integrity check: {integrity}")
    if extra_table and not db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                      (extra_table,)).fetchone():
        problems.append(f"the upgrade's migration did not run: no table {extra_table}")
    backups = sorted((data_dir / "backups").glob(f"*before-migration-from-{summary['revision']}*"))
    if not backups:
        problems.append(f"no backup made before migrating from {summary['revision']} in {data_dir / 'backups'}")
    else:
        old = connect(backups[-1])
        old_rev = old.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        if old_rev != summary["revision"] or records(old) != have:
            problems.append(f"the backup {backups[-1].name} is not the old database (revision {old_rev})")
    for p in problems:
        print(f"verify_data: {p}", file=sys.stderr)
    if problems:
        return 1
    print(f"user data kept: agency {ori[0]}, {len(have)} records ({', '.join(f'{t} {n}' for t, n in segments.items())}), "
          f"schema {found_rev}, integrity ok, backup {backups[-1].name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
