"""Restricted data stays with the roles allowed to see it, in every output: transfer files, backups, exports
(FBI files, the state's XML), prints and the command line's outputs. Every output is written as each role and
searched for the restricted values; a deputy's transfer file leaves them out, and the office keeps its value."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from nibrs_samples import simple_incident
from test_roles_and_audit import PASSWORDS, people

from desktop.cli import main
from desktop.forms.access import form_for
from desktop.store import crypto, pairing
from desktop.store.errors import PermissionDenied
from desktop.store.service import APPROVED, READY
from desktop.store.transfer import import_transfer, write_transfer
from desktop.submission.export import ExportError, plan_export, run_export
from desktop.submission.months import Month

# what gives a restricted value away: its JSON key, its XML element, its words
NEEDLES = ("mo_immigration_status", "PersonImmigrationStatusCode", "immigration")
ROLES = ("dep", "sarge", "admin")
GRANTED = {"dep": False, "sarge": True, "admin": True}
PASS = "transfer-pass-1"


def holds(text: str | bytes) -> bool:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    low = text.lower()
    return any(n.lower() in low for n in NEEDLES)


def mo_incident(number: str):
    inc = simple_incident(number)
    inc.ori = "MO0950000"
    return inc


def transfer_records(path: Path) -> tuple[dict, list[str]]:
    con = crypto.connect(path, PASS)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
        data = [row[0] for row in con.execute("SELECT data FROM record")]
    finally:
        con.close()
    return meta, data


@pytest.fixture
def office(data_dir):
    """A Missouri office: the deputy's draft, a supervisor's immigration status on it, and an approved report
    with one (ready to export)."""
    p = people(data_dir)
    draft = p["dep"].create(mo_incident("MO-0001"))
    with_status = mo_incident("MO-0001")
    with_status.offenders[0].extras["mo_immigration_status"] = "L"
    p["sarge"].update("incident", draft.id, with_status)
    sent = mo_incident("MO-0002")
    sent.offenders[0].extras["mo_immigration_status"] = "C"
    rec = p["sarge"].create(sent)
    p["sarge"].set_status("incident", rec.id, READY)
    p["admin"].set_status("incident", rec.id, APPROVED)  # the author does not approve their own (issue 19)
    return p, draft.id


def _as(monkeypatch, who: str | None) -> None:
    if who is None:
        monkeypatch.delenv("NIBRS_DESK_USER", raising=False)
        return
    monkeypatch.setenv("NIBRS_DESK_USER", who)
    monkeypatch.setenv("NIBRS_DESK_PASSWORD", PASSWORDS[who])


@pytest.mark.parametrize("role", ROLES)
def test_transfer_file_prints_and_store_reads_as_each_role(office, tmp_path, role):
    p, draft_id = office
    store = p[role]
    path = tmp_path / f"{role}.nibrs-transfer"
    write_transfer(store, path, PASS)
    meta, data = transfer_records(path)
    assert meta["restricted"] == ("included" if GRANTED[role] else "omitted")
    assert any(holds(d) for d in data) == GRANTED[role]
    record = store.get("incident", draft_id)
    assert ("mo_immigration_status" in record.report.offenders[0].extras) == GRANTED[role]
    from desktop.ui.wizard.printing import report_html

    html = report_html(record.report, form_for(store, "incident"), store.dictionary)
    assert holds(html) == GRANTED[role]


@pytest.mark.parametrize("role", ROLES)
def test_exports_as_each_role(office, tmp_path, role):
    p, _ = office
    store = p[role]
    month = Month(2025, 3)
    for fmt in ("flat", "xml", "state-xml"):
        plan = plan_export(store, month, fmt=fmt, today=date(2025, 4, 2))
        out = tmp_path / role / fmt
        if role != "admin":
            with pytest.raises(PermissionDenied):
                run_export(store, plan, out)
            continue
        result = run_export(store, plan, out, overwrite=True)
        written = b"".join(f.read_bytes() for f in out.rglob("*") if f.is_file())
        import zipfile

        for z in out.rglob("*.zip"):
            with zipfile.ZipFile(z) as zf:
                written += b"".join(zf.read(n) for n in zf.namelist())
        assert holds(written) == (fmt == "state-xml"), fmt  # FBI files never; the state's XML for the granted
        # take the export back so the next format sends the same reports again
        import sqlite3

        con = sqlite3.connect(store.db.path)
        con.execute("UPDATE incident SET status = 'approved', submitted_revision = NULL")
        con.execute("DELETE FROM export_item")
        con.execute("DELETE FROM export_file")
        con.execute("DELETE FROM export_batch")
        con.commit()
        con.close()
        assert result.export_id


def test_an_administrator_not_granted_restricted_fields_may_not_write_the_state_xml(office, tmp_path):
    p, _ = office
    p["admin"].grant_restricted(["supervisor"])
    from desktop.store.service import Store

    admin = Store(p["admin"].db, dictionary=p["admin"].dictionary, profile="missouri",
                  profile_version=p["admin"].profile_version, validator=None)
    admin.login("admin", PASSWORDS["admin"])
    plan = plan_export(admin, Month(2025, 3), fmt="state-xml", today=date(2025, 4, 2))
    with pytest.raises(ExportError, match="restricted fields"):
        run_export(admin, plan, tmp_path / "out")
    assert not any((tmp_path / "out").rglob("*.zip"))
    plan = plan_export(admin, Month(2025, 3), fmt="flat", today=date(2025, 4, 2))
    run_export(admin, plan, tmp_path / "flat")  # an FBI file carries no state elements: allowed


@pytest.mark.parametrize("role", ROLES)
def test_command_line_outputs_as_each_role(office, data_dir, tmp_path, monkeypatch, capsys, role):
    p, _ = office
    p["admin"].grant_restricted(["administrator"])  # a supervisor not granted them any more
    granted = role == "admin"
    _as(monkeypatch, role)
    outputs = []
    for args in (["summary", "--month", "2025-03"], ["summary", "--month", "2025-03", "--format", "csv"],
                 ["export", "--list"], ["transfer", "conflicts"], ["audit", "list", "--format", "json"],
                 ["audit", "list", "--limit", "500"]):
        status = main(args)
        printed = capsys.readouterr()
        outputs.append((args, status, printed.out + printed.err))
    for args, status, text in outputs:
        if args[0] == "audit" and role == "dep":
            assert status == 2 and "not allowed" in text
            continue
        assert status == 0, (args, text)
        if args[0] == "summary":  # the summary counts the profile's coded elements, restricted ones for the granted
            assert holds(text) == granted, (role, args, text)
        elif args[0] == "audit" and granted:
            assert holds(text) or "json" not in args  # the trail's details (JSON) keep them, for the granted
        else:
            assert not holds(text), (role, args, text)
    # backups are whole copies of the database: only administrators make them
    status = main(["backup"])
    text = capsys.readouterr()
    assert (status == 0) == (role == "admin"), text


def test_a_deputys_transfer_file_leaves_them_out_and_the_office_keeps_its_value(tmp_path, monkeypatch):
    """The deputy's laptop (paired with the office as the deputy's) sends their draft; at the office the supervisor
    adds the immigration status; the deputy then changes the victim's age and sends a transfer file: the file has
    no immigration status, and the office takes the age and keeps its "L"."""
    laptop = people(tmp_path / "laptop")
    office_people = people(tmp_path / "office")
    pairing.pair(office_people["admin"], pairing.pairing_code(laptop["dep"]), "dep")
    draft = laptop["dep"].create(mo_incident("MO-0009"))
    first = tmp_path / "first.nibrs-transfer"
    write_transfer(laptop["dep"], first, PASS)
    office = office_people["sarge"]
    assert import_transfer(office, first, PASS).created == ["incident MO0950000 MO-0009"]
    [rid] = office.ids("incident")
    full = office.get("incident", rid).report
    full.offenders[0].extras["mo_immigration_status"] = "L"
    office.update("incident", rid, full)
    changed = laptop["dep"].get("incident", draft.id).report
    changed.victims[0].age = "35"
    laptop["dep"].update("incident", draft.id, changed)
    second = tmp_path / "second.nibrs-transfer"
    write_transfer(laptop["dep"], second, PASS)
    meta, data = transfer_records(second)
    assert meta["restricted"] == "omitted" and not any(holds(d) for d in data)
    report = import_transfer(office, second, PASS)
    assert report.updated == ["incident MO0950000 MO-0009"] and not report.conflicts
    kept = office.get("incident", rid).report
    assert kept.victims[0].age == "35" and kept.offenders[0].extras == {"mo_immigration_status": "L"}
    assert office.get("incident", rid).updated_by == "dep"
