"""Transfer files between a deputy's laptop and the office machine; conflicts kept until resolved."""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest

from nibrs_samples import group_b_sample, simple_incident
from desktop.store import pairing, users
from desktop.store.service import Store
from kill_targets import import_transfer_file
from killing import run_and_kill
from desktop.store.transfer import (
    TransferError, import_transfer, open_conflicts, resolve_conflict, write_transfer,
)

HERE = Path(__file__).resolve().parent


@pytest.fixture
def machines(tmp_path):
    laptop = Store.open(tmp_path / "laptop")
    office = Store.open(tmp_path / "office")
    pairing.pair(office, pairing.pairing_code(laptop), "system", "the laptop")
    yield laptop, office
    laptop.close()
    office.close()


def test_round_trip_with_one_conflict(machines, tmp_path):
    laptop, office = machines
    a = laptop.create(simple_incident("25-0001"))
    b = laptop.create(simple_incident("25-0002"))
    laptop.create(group_b_sample())
    file1 = tmp_path / "first.ndt"
    assert write_transfer(laptop, file1, "transfer-pass") == 3
    assert b"25-0001" not in file1.read_bytes()  # encrypted
    first = import_transfer(office, file1, "transfer-pass")
    assert sorted(first.created) == ["group_b WVNDX0100 12345 1", "incident WVNDX0100 25-0001",
                                     "incident WVNDX0100 25-0002"]
    # both sides change 25-0002; only the laptop changes 25-0001
    office_rec = office.find("incident", "WVNDX0100", "25-0002")
    office_version = office_rec.report
    office_version.victims[0].age = "41"
    office.update("incident", office_rec.id, office_version)
    laptop_version = laptop.get("incident", b.id).report
    laptop_version.victims[0].age = "42"
    laptop.update("incident", b.id, laptop_version)
    only_laptop = laptop.get("incident", a.id).report
    only_laptop.incident_hour = 3
    laptop.update("incident", a.id, only_laptop)
    file2 = tmp_path / "second.ndt"
    write_transfer(laptop, file2, "transfer-pass")
    second = import_transfer(office, file2, "transfer-pass")
    assert second.updated == ["incident WVNDX0100 25-0001"]
    assert second.conflicts == ["incident WVNDX0100 25-0002"]
    assert office.find("incident", "WVNDX0100", "25-0001").report.incident_hour == 3
    # never silently overwritten: the office's version stays, the laptop's is kept beside it
    assert office.find("incident", "WVNDX0100", "25-0002").report.victims[0].age == "41"
    conflicts = open_conflicts(office)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c.local.victims[0].age == "41" and c.incoming.victims[0].age == "42"
    # importing the same file again changes nothing and adds no second conflict
    again = import_transfer(office, file2, "transfer-pass")
    assert again.conflicts == ["incident WVNDX0100 25-0002"] and len(open_conflicts(office)) == 1
    resolve_conflict(office, c.id, "incoming")
    assert office.find("incident", "WVNDX0100", "25-0002").report.victims[0].age == "42"
    assert open_conflicts(office) == []
    assert office.verify_audit() == []
    actions = {e["detail"].get("result") for e in office.audit_entries(action="transfer")}
    assert {"created", "updated", "conflict", "conflict resolved"} <= actions


def test_wrong_passphrase_and_damaged_files_are_refused(machines, tmp_path):
    laptop, office = machines
    laptop.create(simple_incident())
    f = tmp_path / "t.ndt"
    write_transfer(laptop, f, "right")
    with pytest.raises(TransferError, match="passphrase does not open"):
        import_transfer(office, f, "wrong")
    junk = tmp_path / "junk.ndt"
    junk.write_bytes(b"\x00" * 4096)
    with pytest.raises(TransferError):
        import_transfer(office, junk, "right")
    assert office.count() == 0


def _count(folder: Path) -> int:
    con = sqlite3.connect(folder / "nibrs-desk.sqlite3")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("select count(*) from incident").fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_kill_during_transfer_import_is_all_or_nothing(tmp_path):
    laptop = Store.open(tmp_path / "laptop")
    with laptop.unit(users.CREATE) as u:
        from desktop.store.mapping import to_row

        for i in range(400):
            row = to_row(simple_incident(f"T-{i:05d}"), laptop.dictionary, "incident")
            u.stamp(row, [], created=True)
            row.status, row.revision = "draft", 1
            u.session.add(row)
    f = tmp_path / "big.ndt"
    write_transfer(laptop, f, "pw")
    code = pairing.pairing_code(laptop)
    laptop.close()
    rng = random.Random(5)
    office_dir = tmp_path / "office"
    office = Store.open(office_dir)
    pairing.pair(office, code, "system")
    office.close()
    for i in range(10):
        run_and_kill(import_transfer_file, (str(office_dir), str(f), "pw"), rng.uniform(0.0, 0.8))
        n = _count(office_dir)
        assert n in (0, 400), f"kill {i}: {n} incidents: a half import"
        if n == 400:
            break
    office = Store.open(office_dir)
    import_transfer(office, f, "pw")  # finishing (or repeating) the import gives the same result
    assert office.count() == 400
    office.close()
