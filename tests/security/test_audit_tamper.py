"""The audit trail anchored outside the database (issue 19): every rewrite a careful tester made with the
passphrase in hand is found and named, on SQLite and on PostgreSQL (``NIBRS_DESK_TEST_PG_URL``; .ci/run starts a
server): the tail removed and the head moved back, every entry deleted, an entry altered and the chain recomputed,
a forged entry appended, a report table edited directly (and its checksum worked out again)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from nibrs_samples import simple_incident
from testpaths import REPO, pg_database
from desktop.store import audit, checksums
from desktop.store.db import open_database
from desktop.store.service import AgencySettings, Store


class Office:
    """A store with a few changes in its trail, and a raw connection to rewrite it as an intruder would."""

    def __init__(self, data_dir, url: str | None):
        self.data_dir, self.url = data_dir, url
        self.store = self.open()
        self.store.save_agency(AgencySettings(ori="WVNDX0100", name="Test County SO"))
        a = self.store.create(simple_incident("AT-1"))
        b = self.store.create(simple_incident("AT-2"))
        report = self.store.get("incident", a.id).report
        report.victims[0].age = "41"
        self.store.update("incident", a.id, report)
        self.store.set_status("incident", b.id, "ready")
        self.ids = (a.id, b.id)
        assert self.store.verify_audit() == []
        self.raw = create_engine(url or f"sqlite:///{data_dir / 'nibrs-desk.sqlite3'}")

    def open(self) -> Store:
        return Store(open_database(self.data_dir, url=self.url))

    def reopen(self) -> Store:
        self.store.close()
        self.store = self.open()
        return self.store

    def tamper(self, *statements: tuple[str, dict]) -> None:
        with self.raw.begin() as conn:
            if self.url:
                conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
            else:
                conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
                conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
            for sql, params in statements:
                conn.execute(text(sql), params)
            if self.url:
                conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change"))

    def entries(self) -> list[dict]:
        with self.raw.connect() as conn:
            rows = conn.execute(text("SELECT * FROM audit_log ORDER BY seq")).mappings().all()
        out = []
        for r in rows:
            d = dict(r)
            d["at"] = d["at"] if isinstance(d["at"], datetime) else datetime.fromisoformat(str(d["at"]))
            d["detail"] = d["detail"] if not isinstance(d["detail"], str) else json.loads(d["detail"])
            out.append(d)
        return out

    def set_head(self, seq: int, digest: str) -> tuple[str, dict]:
        return ("UPDATE setting SET value = :v WHERE key = 'audit_head'", {"v": json.dumps({"seq": seq, "hash": digest})})

    def close(self) -> None:
        self.store.close()
        self.raw.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request, data_dir):
    if request.param == "sqlite":
        o = Office(data_dir, None)
        yield o
        o.close()
        return
    with pg_database() as url:
        o = Office(data_dir, url)
        try:
            yield o
        finally:
            o.close()


def _reasons(store) -> str:
    return "\n".join(str(p) for p in store.verify_audit())


def test_truncate_the_tail_and_move_the_head_back(office):
    entries = office.entries()
    keep = entries[-4]
    office.tamper(("DELETE FROM audit_log WHERE seq > :s", {"s": keep["seq"]}), office.set_head(keep["seq"], keep["hash"]))
    store = office.reopen()
    assert any("entries were removed at the end" in line for line in store.anchor_problems())
    found = _reasons(store)
    assert f"truncated: entries {keep['seq'] + 1} to {entries[-1]['seq']} were removed at the end" in found, found
    # the app goes on writing: the numbers it reuses are still named as rewritten
    store.create(simple_incident("AT-3"))
    found = _reasons(store)
    assert "rewritten" in found or "truncated" in found, found


def test_delete_every_entry_and_the_head(office):
    office.tamper(("DELETE FROM audit_log", {}), ("DELETE FROM setting WHERE key = 'audit_head'", {}))
    store = office.reopen()
    assert any("every entry was removed" in line for line in store.anchor_problems())
    found = _reasons(store)
    assert "deleted: every entry was removed" in found, found
    store.create(simple_incident("AT-4"))  # a new trail begun after the deletion does not hide it
    assert "deleted: every entry was removed" in _reasons(store)


def test_alter_an_entry_and_recompute_the_chain(office):
    entries = office.entries()
    target = entries[2]
    statements, prev = [], target["prev_hash"]
    for e in entries[2:]:
        user = "mallory" if e["seq"] == target["seq"] else e["username"]
        digest = audit.entry_hash(e["seq"], e["at"], user, e["action"], e["kind"] or "", e["record_id"], e["detail"],
                                  prev)
        statements.append(("UPDATE audit_log SET username = :u, prev_hash = :p, hash = :h WHERE seq = :s",
                           {"u": user, "p": prev, "h": digest, "s": e["seq"]}))
        prev = digest
    statements.append(office.set_head(entries[-1]["seq"], prev))
    office.tamper(*statements)
    store = office.reopen()
    assert any("was rewritten" in line for line in store.anchor_problems())
    found = _reasons(store)
    assert f"entries {target['seq']} to {entries[-1]['seq']}: recomputed" in found.replace("entry ", "entries ", 1) \
        or "recomputed" in found, found
    assert "altered" not in found  # the hashes themselves agree: only the key and the anchor tell


def test_forge_an_entry_at_the_end(office):
    last = office.entries()[-1]
    seq, at = last["seq"] + 1, datetime.now().replace(microsecond=0)
    detail = {"key": "WVNDX0100 AT-1", "from": "ready", "to": "approved"}
    digest = audit.entry_hash(seq, at, "sarge", "approve", "incident", office.ids[0], detail, last["hash"])
    office.tamper(("INSERT INTO audit_log (seq, at, username, action, kind, record_id, detail, prev_hash, hash, mac) "
                   "VALUES (:seq, :at, 'sarge', 'approve', 'incident', :rid, :detail, :prev, :hash, :mac)",
                   {"seq": seq, "at": at, "rid": office.ids[0], "detail": json.dumps(detail), "prev": last["hash"],
                    "hash": digest, "mac": "0" * 64}), office.set_head(seq, digest))
    store = office.reopen()
    found = _reasons(store)
    assert f"entry {seq} (row id" in found and f"forged: entry {seq} written by hand" in found, found


@pytest.mark.parametrize("also_checksum", [False, True], ids=["values", "values-and-checksum"])
def test_edit_a_report_table_directly(office, also_checksum):
    a, b = office.ids
    office.tamper(("UPDATE victim SET age = '99' WHERE incident_id = :a", {"a": a}),
                  ("UPDATE incident SET status = 'approved' WHERE id = :b", {"b": b}))
    if also_checksum:  # the intruder works the checksums out again with the published code
        store = office.reopen()
        with store.db.write() as session:
            for kind, record_id, _c, _s, content, total, row in list(checksums.current(session)):
                row.content_sum, row.checksum = content, total
            session.info["checksums"] = {}  # and leaves no entry behind (a raw edit writes none)
            session.info["covered"] = {}
        office.tamper(("DELETE FROM audit_log WHERE action = 'seal' AND seq = (SELECT max(seq) FROM audit_log)", {}))
    store = office.reopen()
    found = _reasons(store)
    assert found.count("changed outside the app") >= 2, found
    assert "incident AT-1" in found and "incident AT-2" in found, found
    # and nothing else is blamed
    assert "recomputed" not in found and "forged" not in found, found


def test_a_row_added_or_removed_by_hand(office):
    a, _b = office.ids
    office.tamper(("DELETE FROM incident WHERE id = :a", {"a": a}))
    found = _reasons(office.reopen())
    assert f"incident record id {a} was removed from the tables with no entry recording it" in found, found


def test_an_intact_trail_after_ordinary_work_verifies(office):
    store = office.store
    for n in range(5, 9):
        r = store.create(simple_incident(f"AT-{n}"))
        store.set_status("incident", r.id, "ready")
        store.delete("incident", r.id) if n % 2 else None
    assert store.verify_audit() == []
    assert office.reopen().anchor_problems() == []


def test_the_command_line_names_each_rewrite(data_dir):
    o = Office(data_dir, None)
    try:
        keep = o.entries()[-3]
        o.tamper(("DELETE FROM audit_log WHERE seq > :s", {"s": keep["seq"]}), o.set_head(keep["seq"], keep["hash"]))
        o.store.close()
        env = {**os.environ, "NIBRS_DESK_DATA_DIR": str(data_dir)}
        out = subprocess.run([sys.executable, "-m", "desktop", "audit", "verify"], capture_output=True, text=True,
                             cwd=REPO, env=env, timeout=120)
        assert out.returncode == 1, out.stdout + out.stderr
        assert "WARNING: the audit trail ends at entry" in out.stderr
        assert "TAMPERED" in out.stdout and "truncated" in out.stdout, out.stdout
    finally:
        o.raw.dispose()


def test_backups_and_transfer_writers_anchor_the_head(data_dir):
    from desktop.store import anchor
    from desktop.store.backup import make_backup

    o = Office(data_dir, None)
    try:
        path = make_backup(o.store.db, "manual")
        lines = list(anchor.read(data_dir, o.store.db.audit_key))
        last = o.entries()[-1]
        assert (lines[-1].event, lines[-1].detail, lines[-1].seq, lines[-1].hash) == \
            ("backup", path.name, last["seq"], last["hash"])
        head = anchor.anchored_head(o.store.db, "transfer", "laptop.ndt")
        assert head == {"seq": last["seq"], "hash": last["hash"]}
        assert list(anchor.read(data_dir, o.store.db.audit_key))[-1].detail == "laptop.ndt"
        # a line added by hand (without the audit key) is named
        with open(anchor.anchor_path(data_dir), "a") as fh:
            fh.write(json.dumps({"seq": 999, "hash": "0" * 64, "at": "2026-12-04T00:00:00", "event": "commit",
                                 "detail": "", "mac": "1" * 64}) + "\n")
        assert "the anchor file has 1 line(s) NIBRS Desk did not write" in _reasons(o.store)
    finally:
        o.close()


def test_the_anchor_file_removed_is_named(data_dir):
    from desktop.store import anchor

    o = Office(data_dir, None)
    try:
        anchor.anchor_path(data_dir).unlink()
        assert "audit-anchor.log) is missing" in _reasons(o.store)
    finally:
        o.close()


def test_rows_saved_before_checksums_are_sealed_once_at_the_next_start(data_dir):
    """A database brought to schema 0008 has rows without checksums and ``record_checksums`` pending: the next
    start records them all in one ``seal`` entry, and the trail then verifies; a later edit in the tables shows."""
    o = Office(data_dir, None)
    try:
        with o.raw.begin() as conn:
            for table in ("incident", "group_b_arrest", "zero_report"):
                conn.execute(text(f"UPDATE {table} SET content_sum = NULL, checksum = NULL"))
            conn.execute(text("INSERT INTO setting (key, value) VALUES ('record_checksums', '\"pending\"')"))
        before = o.entries()[-1]["seq"]
        store = o.reopen()
        seals = [e for e in o.entries() if e["seq"] > before]
        assert [e["action"] for e in seals] == ["seal"]
        assert sorted(r[1] for r in seals[0]["detail"]["records"]) == sorted(o.ids)
        assert store.verify_audit() == []
        o.tamper(("UPDATE victim SET age = '77' WHERE incident_id = :a", {"a": o.ids[0]}))
        assert "changed outside the app: incident AT-1" in _reasons(o.reopen())
        assert [e["action"] for e in o.entries() if e["seq"] > before] == ["seal"]  # sealed once only
    finally:
        o.close()


def test_an_export_carries_the_head_in_its_record_and_beside_the_database(data_dir, tmp_path):
    from datetime import date

    from sqlalchemy import select

    from desktop.store import anchor
    from desktop.store import schema as s
    from desktop.submission.export import plan_export, run_export
    from desktop.submission.months import Month

    o = Office(data_dir, None)
    try:
        a, b = o.ids
        o.store.set_status("incident", b, "approved")
        result = run_export(o.store, plan_export(o.store, Month(2025, 3), fmt="flat", today=date(2025, 4, 2)),
                            tmp_path / "out")
        last = o.entries()[-1]
        line = list(anchor.read(data_dir, o.store.db.audit_key))[-1]
        assert (line.event, line.detail, line.seq, line.hash) == \
            ("export", f"export {result.export_id}", last["seq"], last["hash"])
        with o.store.db.read() as session:
            params = session.scalar(select(s.ExportBatch.params).where(s.ExportBatch.id == result.export_id))
        assert params["audit_head"] == {"seq": last["seq"], "hash": last["hash"]}
        assert o.store.verify_audit() == []
    finally:
        o.close()
