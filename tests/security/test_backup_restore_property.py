"""After any sequence of saves, backups and restores (property-based, 200 sequences), no report ever stored is
missing from every copy: the latest version of each report is in the database or in a backup that rotation
kept; and `audit verify` names every gap a restore left (one per restore that took changes away), nothing else."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nibrs_samples import simple_incident

from desktop.store import audit
from desktop.store.backup import list_backups, make_backup, restore
from desktop.store.service import Store

STEP = st.one_of(
    st.tuples(st.just("create"), st.integers(0, 0)),
    st.tuples(st.just("edit"), st.integers(0, 20)),
    st.tuples(st.just("backup"), st.integers(0, 0)),
    st.tuples(st.just("restore"), st.integers(0, 20)),
)


def held(path: Path) -> dict[str, str]:
    """incident number -> victim age (the version marker) in one copy."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT i.incident_number, v.age FROM incident i JOIN victim v ON v.incident_id = i.id"))
    finally:
        con.close()


_TEMPLATE: list[Path] = []


def fresh_folder(root: Path) -> Path:
    """A new, empty database (copied from one made once: the migrations run once, not 200 times)."""
    if not _TEMPLATE:
        made = Path(tempfile.mkdtemp(prefix="nibrs-prop-template-")) / "data"
        Store.open(made, validator=None).close()
        _TEMPLATE.append(made)
    folder = root / "data"
    shutil.copytree(_TEMPLATE[0], folder)
    return folder


def trail_head(store: Store) -> int:
    with store.db.read() as session:
        from sqlalchemy import func, select

        from desktop.store import schema as s

        return session.scalar(select(func.max(s.AuditEntry.seq))) or 0


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(STEP, min_size=2, max_size=9))
def test_no_report_is_ever_missing_from_every_copy_and_verify_names_every_gap(steps):
    root = Path(tempfile.mkdtemp(prefix="nibrs-prop-"))
    try:
        folder = fresh_folder(root)
        store = Store.open(folder, validator=None)
        latest: dict[str, str] = {}  # number -> the age last saved (what must never be lost)
        taken: list[tuple[Path, int]] = []  # backups made: (file, trail head when taken)
        gaps = 0
        age = 20
        for action, n in steps:
            if action == "create":
                number = f"P-{len(latest):04d}"
                age += 1
                report = simple_incident(number)
                report.victims[0].age = str(age)
                store.create(report)
                latest[number] = str(age)
            elif action == "edit" and latest:
                number = sorted(latest)[n % len(latest)]
                [rid] = [r.id for r in store.search() if r.number == number] or [None]
                if rid is None:  # not in this database (a restore took it away): entered again
                    age += 1
                    report = simple_incident(number)
                    report.victims[0].age = str(age)
                    store.create(report)
                else:
                    age += 1
                    report = store.get("incident", rid).report
                    report.victims[0].age = str(age)
                    store.update("incident", rid, report)
                latest[number] = str(age)
            elif action == "backup":
                taken.append((make_backup(store.db, "manual"), trail_head(store)))
            elif action == "restore":
                alive = [(p, head) for p, head in taken if p.exists()]
                if not alive:
                    continue
                path, at_backup = alive[n % len(alive)]
                head = trail_head(store)
                store.close()
                restore(folder, path, by="admin")
                gaps += head > at_backup
                store = Store.open(folder, validator=None)
            # the invariant, after every step: each report's latest version is in some copy
            copies = [folder / "nibrs-desk.sqlite3"] + [b.path for b in list_backups(folder)]
            found = [held(c) for c in copies]  # the database read beside the open store (WAL: what is committed)
            for number, marker in latest.items():
                assert any(f.get(number) == marker for f in found), (number, marker, steps)
        problems = store.verify_audit()
        assert all(p.kind == audit.GAP for p in problems), [str(p) for p in problems]
        assert len(problems) == gaps, ([str(p) for p in problems], gaps, steps)
        store.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
