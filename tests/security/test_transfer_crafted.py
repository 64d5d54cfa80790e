"""Transfer files are proposals, not orders (issue 19): crafted files are refused record by record, nothing changed.

The office (Missouri, four accounts) holds a deputy's draft, another deputy's draft and a supervisor's approved
report; the deputy's laptop, paired with the office as the deputy's, holds the same reports as last shared. The
deputy then edits their own transfer file — they know its passphrase and hold their laptop's signing key, so the
crafted file is signed as an honest one would be — and the supervisor imports it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from nibrs_samples import simple_incident
from test_roles_and_audit import PASSWORDS, people

from desktop.cli import main
from desktop.nibrs import serialize
from desktop.nibrs.profiles import get_profile
from desktop.store import crypto, pairing
from desktop.store.kinds import key_of
from desktop.store.service import APPROVED, READY, Store
from desktop.store.transfer import (
    TransferError, TransferRefused, content_hash, import_transfer, write_transfer,
)

PASS = "transfer-pass-1"


def mo_incident(number: str):
    return simple_incident(number, ori="MO0950000")


def with_errors(report):
    """Three FBI errors (and more): no offender, no injury, no weapon for a simple assault."""
    report.offenders = []
    report.victims[0].relationships = []
    report.victims[0].injuries = []
    report.offenses[0].weapons = []
    return report


def snapshot(store: Store) -> tuple:
    """Everything an import could change: the reports as stored, the conflicts and the audit trail's length."""
    with store.db.read() as session:
        reports = session.execute(text("SELECT * FROM incident ORDER BY id")).all()
        conflicts = session.execute(text("SELECT count(*) FROM transfer_conflict")).scalar_one()
        entries = session.execute(text("SELECT count(*) FROM audit_log")).scalar_one()
    return [tuple(r) for r in reports], conflicts, entries


@pytest.fixture
def world(tmp_path):
    office = people(tmp_path / "office")
    mo = get_profile("missouri")
    # the supervisor who imports, with the FBI edits on (every incoming report is validated as if entered)
    sarge = Store(office["admin"].db, dictionary=mo.dictionary, profile=mo.id, profile_version=mo.version)
    sarge.login("sarge", PASSWORDS["sarge"])
    office["dep"].create(mo_incident("MO-0001"))
    office["dep2"].create(mo_incident("MO-0002"))
    theirs = office["sarge"].create(mo_incident("MO-0003"))
    office["sarge"].set_status("incident", theirs.id, READY)
    office["admin"].set_status("incident", theirs.id, APPROVED)
    laptop = people(tmp_path / "laptop")
    # the laptop gets the office's reports: the office's machine, paired on the laptop as the office's
    to_laptop = tmp_path / "office.ndt"
    write_transfer(office["admin"], to_laptop, PASS)
    pairing.pair(laptop["admin"], pairing.pairing_code(office["admin"]), "", "the office", office=True)
    got = import_transfer(laptop["admin"], to_laptop, PASS)
    assert len(got.created) == 3
    fp = pairing.pair(office["admin"], pairing.pairing_code(laptop["dep"]), "dep", "Deputy's laptop")
    return {"office": office, "sarge": sarge, "laptop": laptop, "fp": fp, "tmp": tmp_path}


def laptop_file(world, name: str = "laptop.ndt") -> Path:
    path = world["tmp"] / name
    write_transfer(world["laptop"]["dep"], path, PASS)
    return path


def craft(path: Path, signer: Store | None, edit) -> Path:
    """Change a transfer file with SQL; ``signer`` signs it again (the deputy holds the laptop's key)."""
    con = crypto.connect(path, PASS)
    try:
        edit(con)
        if signer is not None:
            con.execute("DELETE FROM meta WHERE key = 'signature'")
            pairing.sign(signer, con)
        con.commit()
    finally:
        con.close()
    return path


def rewrite(con, dictionary, number: str, change=None, **columns) -> None:
    """Change one record's report (its hash and key computed again, as a careful crafter would) and columns."""
    for rowid, data in con.execute("SELECT rowid, data FROM record").fetchall():
        report = serialize.report_from_dict(json.loads(data), dictionary)
        if getattr(report, "incident_number", None) != number:
            continue
        if change is not None:
            change(report)
            con.execute("UPDATE record SET data = ?, hash = ?, key = ? WHERE rowid = ?", (
                json.dumps(serialize.report_to_dict(report)), content_hash(report), json.dumps(list(key_of(report))),
                rowid))
        for column, value in columns.items():
            con.execute(f"UPDATE record SET {column} = ? WHERE rowid = ?", (value, rowid))
        return
    raise AssertionError(f"no record {number}")


def refused(world, path: Path) -> list[str]:
    before = snapshot(world["sarge"])
    with pytest.raises(TransferRefused) as caught:
        import_transfer(world["sarge"], path, PASS)
    assert snapshot(world["sarge"]) == before, "a refused transfer file changed the office's database"
    lines = caught.value.refusals
    for line in lines:
        assert "\n" not in line and line.startswith(f"{path.name}: record ")
    return lines


def test_an_honest_file_goes_in_as_its_author(world):
    """The deputy changes their draft, sends it for review and writes a new one: both go in, as the deputy's."""
    dep = world["laptop"]["dep"]
    mine = dep.find("incident", "MO0950000", "MO-0001")
    changed = mine.report
    changed.victims[0].age = "35"
    dep.update("incident", mine.id, changed)
    dep.set_status("incident", mine.id, READY)
    dep.create(mo_incident("MO-0004"))
    result = import_transfer(world["sarge"], laptop_file(world), PASS)
    assert result.updated == ["incident MO0950000 MO-0001"] and result.created == ["incident MO0950000 MO-0004"]
    assert sorted(result.unchanged) == ["incident MO0950000 MO-0002", "incident MO0950000 MO-0003"]
    sarge = world["sarge"]
    got = sarge.find("incident", "MO0950000", "MO-0001")
    assert (got.report.victims[0].age, got.status, got.updated_by, got.created_by) == ("35", READY, "dep", "dep")
    new = sarge.find("incident", "MO0950000", "MO-0004")
    assert (new.created_by, new.updated_by, new.status) == ("dep", "dep", "draft")
    entries = [e for e in sarge.audit_entries(action="transfer") if e["detail"].get("result") == "updated"]
    assert entries[0]["user"] == "sarge" and entries[0]["detail"]["author"] == "dep"
    assert entries[0]["detail"]["machine"] == world["fp"]
    assert sarge.verify_audit() == []


def test_deleting_other_peoples_reports_is_refused(world):
    path = craft(laptop_file(world), world["laptop"]["dep"],
                 lambda con: con.execute("UPDATE record SET deleted = 1, base_hash = hash"))
    lines = refused(world, path)
    assert len(lines) == 2, lines  # the deputy's own draft could go, but the file is refused whole
    assert not any("MO-0001" in line for line in lines)
    assert any("MO-0002" in line and "dep2's report" in line and "delete it at the office" in line for line in lines)
    assert any("MO-0003" in line and "sarge's report (approved)" in line for line in lines)
    assert world["sarge"].count() == 3


def test_a_draft_with_errors_made_approved_by_admin_is_refused(world):
    """The tester's file: the deputy's draft, now with FBI errors, "approved", updated_by admin."""
    dictionary = world["sarge"].dictionary
    path = craft(laptop_file(world), world["laptop"]["dep"], lambda con: rewrite(
        con, dictionary, "MO-0001", with_errors, status="approved", updated_by="admin"))
    [line] = refused(world, path)
    assert "record 1 (incident MO0950000 MO-0001)" in line
    assert "the file says admin wrote it, but machine" in line and "paired with dep" in line
    stored = world["sarge"].find("incident", "MO0950000", "MO-0001")
    assert (stored.status, stored.updated_by) == ("draft", "dep")


def test_raising_a_status_beyond_the_authors_role_is_refused(world):
    dictionary = world["sarge"].dictionary

    def change(report):
        report.victims[0].age = "40"

    path = craft(laptop_file(world), world["laptop"]["dep"],
                 lambda con: rewrite(con, dictionary, "MO-0001", change, status="approved"))
    [line] = refused(world, path)
    assert "dep (Deputy) may not make it approved (review and approve reports is not theirs to do)" in line
    submitted = craft(laptop_file(world, "second.ndt"), world["laptop"]["dep"],
                      lambda con: rewrite(con, dictionary, "MO-0001", change, status="submitted"))
    [line] = refused(world, submitted)
    assert "status 'submitted' is set at the office (export, state feedback), never by a transfer file" in line


def test_errors_found_as_if_entered_stop_a_report_going_for_review(world):
    dictionary = world["sarge"].dictionary
    path = craft(laptop_file(world), world["laptop"]["dep"],
                 lambda con: rewrite(con, dictionary, "MO-0001", with_errors, status="ready"))
    [line] = refused(world, path)
    assert "errors, so it cannot become ready; fix them first" in line
    # the same report as a draft goes in, with the findings the office's edits give it
    draft = craft(laptop_file(world, "draft.ndt"), world["laptop"]["dep"],
                  lambda con: rewrite(con, dictionary, "MO-0001", with_errors))
    assert import_transfer(world["sarge"], draft, PASS).updated == ["incident MO0950000 MO-0001"]
    assert world["sarge"].find("incident", "MO0950000", "MO-0001").error_count >= 3


def test_changing_someone_elses_report_is_refused(world):
    dictionary = world["sarge"].dictionary

    def change(report):
        report.victims[0].age = "50"

    path = craft(laptop_file(world), world["laptop"]["dep"], lambda con: (
        rewrite(con, dictionary, "MO-0002", change), rewrite(con, dictionary, "MO-0003", change)))
    lines = refused(world, path)
    assert len(lines) == 2
    assert "dep (Deputy) may not change dep2's report (draft)" in lines[0]
    assert "may not change sarge's report (approved)" in lines[1]


def test_a_spoofed_author_on_a_new_report_is_refused(world):
    world["laptop"]["dep"].create(mo_incident("MO-0005"))
    path = craft(laptop_file(world), world["laptop"]["dep"], lambda con: (
        con.execute("UPDATE record SET created_by = 'sarge', updated_by = 'sarge' WHERE data LIKE '%MO-0005%'"),
        con.execute("UPDATE meta SET value = 'x admin' WHERE key = 'origin'")))
    [line] = refused(world, path)
    assert "MO-0005" in line and "the file says sarge wrote it" in line


def test_unknown_statuses_kinds_values_and_keys_are_one_line_each(world):
    dictionary = world["sarge"].dictionary

    def bad_value(report):
        report.victims[0].age = "ABC"

    copy = ("INSERT INTO record SELECT {kind}, key, data, {status}, revision, created_by, updated_by, updated_at, "
            "hash, base_hash, {deleted} FROM record WHERE rowid = {row}")
    path = craft(laptop_file(world), world["laptop"]["dep"], lambda con: (
        rewrite(con, dictionary, "MO-0002", bad_value),
        rewrite(con, dictionary, "MO-0003", key=json.dumps(["MO0950000", "MO-9999"])),
        con.execute(copy.format(kind="'weird'", status="status", deleted="deleted", row=1)),
        con.execute(copy.format(kind="kind", status="status", deleted="2", row=1)),
        con.execute(copy.format(kind="kind", status="status", deleted="deleted", row=1)),
        con.execute(copy.format(kind="kind", status="'pwned-status'", deleted="deleted", row=1))))
    lines = refused(world, path)
    assert len(lines) == 6, lines
    assert "record 2 (incident MO0950000 MO-0002): values a report cannot hold:" in lines[0]
    assert "record 3 (incident MO0950000 MO-9999): its key (MO0950000 MO-9999) does not match the report " \
           "inside (MO0950000 MO-0003)" in lines[1]
    assert "record 4 (weird MO0950000 MO-0001): unknown record kind 'weird' (one of incident" in lines[2]
    assert "record 5 (incident MO0950000 MO-0001): deleted must be 0 or 1, not '2'" in lines[3]
    assert "record 6 (incident MO0950000 MO-0001): the same report as record 1" in lines[4]
    assert "record 7 (incident MO0950000 MO-0001): status 'pwned-status' is not one of draft, ready" in lines[5]


def test_a_changed_file_unsigned_file_and_unknown_machine_are_refused(world):
    dictionary = world["sarge"].dictionary
    before = snapshot(world["sarge"])

    def change(report):
        report.victims[0].age = "61"

    altered = craft(laptop_file(world, "altered.ndt"), None, lambda con: rewrite(con, dictionary, "MO-0001", change))
    with pytest.raises(TransferError, match=r"the signature does not match the content: the file was changed after "
                                            rf"machine {world['fp']} wrote it, refused"):
        import_transfer(world["sarge"], altered, PASS)
    forged = craft(laptop_file(world, "forged.ndt"), None, lambda con: con.execute(
        "UPDATE meta SET value = ? WHERE key = 'signature'", ("00" * 64,)))
    with pytest.raises(TransferError, match="the signature does not match"):
        import_transfer(world["sarge"], forged, PASS)
    unsigned = craft(laptop_file(world, "unsigned.ndt"), None,
                     lambda con: con.execute("DELETE FROM meta WHERE key = 'signature'"))
    with pytest.raises(TransferError, match="the transfer file is not signed"):
        import_transfer(world["sarge"], unsigned, PASS)
    stranger = people(world["tmp"] / "stranger")["dep"]
    stranger.create(mo_incident("MO-0777"))
    other = world["tmp"] / "stranger.ndt"
    write_transfer(stranger, other, PASS)
    code = pairing.pairing_code(stranger)
    with pytest.raises(TransferError, match=rf"written by machine {pairing.fingerprint(code)}, which is not paired "
                                            "with this office: refused"):
        import_transfer(world["sarge"], other, PASS)
    # a key swapped for a paired machine's does not help: the signature is checked with the paired key
    swapped = craft(other, None, lambda con: con.execute(
        "UPDATE meta SET value = ? WHERE key = 'public_key'", (pairing.pairing_code(world["laptop"]["dep"]),)))
    with pytest.raises(TransferError, match="the signature does not match"):
        import_transfer(world["sarge"], swapped, PASS)
    assert snapshot(world["sarge"]) == before


def test_an_unpaired_or_disabled_owner_refuses_the_file(world):
    path = laptop_file(world)
    world["office"]["admin"].change_user("dep", active=False)
    with pytest.raises(TransferError, match="is paired with 'dep', who has no active account at this office"):
        import_transfer(world["sarge"], path, PASS)
    world["office"]["admin"].change_user("dep", active=True)
    pairing.unpair(world["office"]["admin"], world["fp"])
    with pytest.raises(TransferError, match="which is not paired with this office"):
        import_transfer(world["sarge"], path, PASS)


def test_pairing_is_an_administrators_act_and_checks_what_it_is_given(world):
    office = world["office"]
    code = pairing.pairing_code(world["laptop"]["dep"])
    with pytest.raises(Exception, match="may not pair machines with the office"):
        pairing.pair(office["sarge"], code, "dep")
    with pytest.raises(pairing.PairingError, match="not a pairing code"):
        pairing.pair(office["admin"], "hello", "dep")
    with pytest.raises(pairing.PairingError, match="there is no user 'nobody'"):
        pairing.pair(office["admin"], code, "nobody")
    key = pairing.key_path(world["laptop"]["dep"])
    assert key.stat().st_mode & 0o777 == 0o600
    assert pairing.pairing_code(world["laptop"]["dep"]) == code  # made once, then kept
    entries = [e for e in office["admin"].audit_entries(action="settings") if e["detail"].get("paired")]
    assert entries and entries[0]["detail"]["owner"] == "dep" and entries[0]["user"] == "admin"


def test_the_file_header_carries_the_writers_audit_chain_head(world):
    path = laptop_file(world)
    con = crypto.connect(path, PASS)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
    finally:
        con.close()
    head = json.loads(meta["audit_head"])
    with world["laptop"]["dep"].db.read() as session:
        entries = dict(session.execute(text("SELECT seq, hash FROM audit_log")).all())
    # the head when the file was written: the entry before the transfer's own (which records the shared hashes)
    assert head == {"seq": max(entries) - 1, "hash": entries[max(entries) - 1]}
    assert meta["machine"] == world["fp"]


def test_the_command_line_says_each_refused_record_in_one_line_and_exits_2(world, monkeypatch, capsys):
    dictionary = world["sarge"].dictionary
    path = craft(laptop_file(world), world["laptop"]["dep"], lambda con: (
        rewrite(con, dictionary, "MO-0001", status="pwned-status"),
        con.execute("UPDATE record SET kind = 'weird' WHERE rowid = 2")))
    monkeypatch.setenv("NIBRS_DESK_DATA_DIR", str(world["tmp"] / "office"))
    monkeypatch.setenv("NIBRS_DESK_USER", "sarge")
    monkeypatch.setenv("NIBRS_DESK_PASSWORD", PASSWORDS["sarge"])
    monkeypatch.setenv("NIBRS_DESK_TRANSFER_PASSPHRASE", PASS)
    before = snapshot(world["sarge"])
    status = main(["transfer", "import", str(path)])
    err = capsys.readouterr().err
    assert status == 2, err
    lines = err.strip().splitlines()
    assert "Traceback" not in err and len(lines) == 3, err
    assert f"{path.name}: record 1 (incident MO0950000 MO-0001): status 'pwned-status'" in lines[0]
    assert f"{path.name}: record 2 (weird MO0950000 MO-0002): unknown record kind 'weird'" in lines[1]
    assert lines[2].endswith("2 records refused; nothing from this file was imported")
    assert snapshot(world["sarge"])[:2] == before[:2]  # (the trail has the sign-in)


def test_pairing_from_the_command_line(world, monkeypatch, capsys):
    def as_(folder: str, who: str) -> None:
        monkeypatch.setenv("NIBRS_DESK_DATA_DIR", str(world["tmp"] / folder))
        monkeypatch.setenv("NIBRS_DESK_USER", who)
        monkeypatch.setenv("NIBRS_DESK_PASSWORD", PASSWORDS[who])

    as_("laptop", "dep")
    assert main(["transfer", "machine"]) == 0
    out = capsys.readouterr().out
    code = out.split("pairing code: ")[1].split()[0]
    assert f"this machine: {world['fp']}" in out and code == pairing.pairing_code(world["laptop"]["dep"])
    as_("office", "sarge")
    assert main(["transfer", "pair", code, "--owner", "dep2"]) == 2
    assert "may not" in capsys.readouterr().err
    as_("office", "admin")
    assert main(["transfer", "unpair", world["fp"]]) == 0
    assert main(["transfer", "pair", "not-a-code", "--owner", "dep"]) == 2
    assert "not a pairing code" in capsys.readouterr().err
    assert main(["transfer", "pair", code, "--owner", "dep2", "--name", "Car 12"]) == 0
    assert f"paired machine {world['fp']} with dep2" in capsys.readouterr().out
    assert main(["transfer", "machines"]) == 0
    [line] = capsys.readouterr().out.strip().splitlines()
    assert line.startswith(world["fp"]) and "dep2" in line and "Car 12" in line and "by admin" in line
    # the laptop is dep2's now: the deputy's own draft on it is no longer theirs to change from there
    dep = world["laptop"]["dep"]
    mine = dep.find("incident", "MO0950000", "MO-0001")
    mine.report.victims[0].age = "29"
    dep.update("incident", mine.id, mine.report)
    with pytest.raises(TransferRefused, match="dep2 \\(Deputy\\) may not change dep's report"):
        import_transfer(world["sarge"], laptop_file(world), PASS)


def test_a_supervisors_laptop_may_approve_anothers_report_but_not_their_own(world):
    """The same file read for a supervisor: approving a deputy's report is theirs to do, their own is not."""
    office, dictionary = world["office"], world["sarge"].dictionary
    pairing.pair(office["admin"], pairing.pairing_code(world["laptop"]["dep"]), "sarge", "Sergeant's laptop")

    def change(report):
        report.victims[0].age = "44"
        report.offenders[0].extras["mo_immigration_status"] = "L"  # Missouri's edit MO-501: no error left

    both = craft(laptop_file(world), world["laptop"]["dep"], lambda con: (
        con.execute("UPDATE record SET updated_by = 'sarge'"),
        con.execute("UPDATE meta SET value = 'included' WHERE key = 'restricted'"),  # as the sergeant's file says
        rewrite(con, dictionary, "MO-0002", change, status="approved"),
        rewrite(con, dictionary, "MO-0003", change, status="approved")))
    lines = refused(world, both)
    assert len(lines) == 1, lines
    assert "record 3 (incident MO0950000 MO-0003): sarge (Supervisor) wrote this report and may not approve it" in lines[0]
    theirs = craft(laptop_file(world, "theirs.ndt"), world["laptop"]["dep"], lambda con: (
        con.execute("UPDATE record SET updated_by = 'sarge'"),
        con.execute("UPDATE meta SET value = 'included' WHERE key = 'restricted'"),
        rewrite(con, dictionary, "MO-0002", change, status="approved")))
    assert import_transfer(world["sarge"], theirs, PASS).updated == ["incident MO0950000 MO-0002"]
    got = world["sarge"].find("incident", "MO0950000", "MO-0002")
    assert (got.status, got.updated_by, got.created_by, got.report.victims[0].age) == ("approved", "sarge", "dep2",
                                                                                         "44")
    assert world["sarge"].revision_snapshot("incident", got.id, got.revision).victims[0].age == "44"
