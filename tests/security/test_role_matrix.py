"""Every command of the command line as nobody, a deputy, a supervisor and an administrator, against the table
in README.md ("Who may run what"), which this test reads; and every command with --data-dir and --user before
and after the command name (the same database, the same result)."""

from __future__ import annotations

import base64
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from nibrs_samples import simple_incident
from testpaths import DATA, REPO

from desktop.cli import main
from desktop.nibrs import flatfile
from desktop.nibrs import model as m
from desktop.store import pairing
from desktop.store.backup import make_backup
from desktop.store.service import AgencySettings, Store
from desktop.store.transfer import write_transfer

PASSWORDS = {"admin": "admin-pass-1", "sarge": "sarge-pass-1", "dep": "deputy-pass-1", "dep2": "deputy-pass-2"}
ROLES = {"nobody": None, "deputy": "dep", "supervisor": "sarge", "administrator": "admin"}
TRANSFER_PASS = "transfer-pass-1"


def documented() -> dict[str, dict[str, bool]]:
    """README's table: command -> role -> allowed."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("<!-- role-matrix -->")[1].split("<!-- /role-matrix -->")[0]
    rows = [line for line in table.strip().splitlines() if line.startswith("|")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    out = {}
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        for command in re.findall(r"`([^`]+)`", cells[0]):
            out[command] = {role: cells[header.index(role)] == "yes" for role in ROLES}
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("matrix")
    data = base / "data"
    store = Store.open(data)
    store.add_user("admin", PASSWORDS["admin"], "administrator")
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Matrix County"))
    for name, role in (("sarge", "supervisor"), ("dep", "deputy"), ("dep2", "deputy")):
        store.add_user(name, PASSWORDS[name], role)
    store.allow_self_approval(True)  # the administrator writes and approves these reports (issue 19's setting)
    for n in range(3):
        rec = store.create(simple_incident(f"25-00010{n}"))
        store.set_status("incident", rec.id, "ready")
        store.set_status("incident", rec.id, "approved")
    from desktop.submission.export import plan_export, run_export
    from desktop.submission.months import Month

    run_export(store, plan_export(store, Month(2025, 3), today=date(2025, 4, 2)), base / "first-export")  # export 1
    store.create(simple_incident("25-000200"))
    backup = make_backup(store.db, "manual")
    transfer = base / "laptop.nibrs-transfer"
    pairing.pair(store, pairing.pairing_code(store), "admin", "the office's own")  # its files speak for admin
    write_transfer(store, transfer, TRANSFER_PASS)
    store.close()
    flat = base / "month.txt"
    flat.write_text(flatfile.dumps([m.Submission(report=simple_incident("25-000300"), action="I", year=2025,
                                                 month=3)]))
    return base, data, backup, transfer, flat


def argv_for(command: str, world, role_user: str | None, n: int, out: Path) -> list[str]:
    base, data, backup, transfer, flat = world
    fresh = out / f"out-{n}"
    feedback = DATA / "fbi-service-responses" / "NIBRS-Accepted-Response.xml"
    table = {
        "--help": ["--help"], "--version": ["--version"], "codes": ["codes", "6"], "rules": ["rules", "401"],
        "validate": ["validate", str(flat)], "convert": ["convert", str(flat), "--to", "xml", "--out", str(fresh)],
        "selftest": ["selftest"], "summary": ["summary", "--month", "2025-03"], "export --list": ["export", "--list"],
        "quality": ["quality", "--months", "3"],
        "quality --packet": ["quality", "--packet", str(fresh), "--period", "2025-01:2025-03"],
        "export --summary-only": ["export", "--month", "2025-03", "--summary-only"],
        "transfer export": ["transfer", "export", "--out", str(fresh) + ".nibrs-transfer"],
        "transfer conflicts": ["transfer", "conflicts"], "transfer machine": ["transfer", "machine"],
        "transfer pair": ["transfer", "pair", base64.b64encode(bytes(range(32))).decode(), "--owner", "dep"],
        "transfer machines": ["transfer", "machines"], "transfer unpair": ["transfer", "unpair", "0000-0000-0000-0000"],
        "users set NAME --password": ["users", "set", role_user or "dep", "--password"],
        "import": ["import", str(flat)], "feedback": ["feedback", str(feedback)],
        "transfer import": ["transfer", "import", str(transfer)],
        "transfer resolve": ["transfer", "resolve", "999", "--keep", "local"],
        "audit verify": ["audit", "verify"], "audit list": ["audit", "list"],
        "export": ["export", "--month", "2025-03", "--out", str(fresh)],
        "export --reproduce": ["export", "--reproduce", "1", "--out", str(fresh)],
        "backup": ["backup"], "backup --list": ["backup", "--list"], "restore": ["restore", str(backup)],
        "users list": ["users", "list"], "users add": ["users", "add", f"new{n}", "--role", "deputy"],
        "users set": ["users", "set", "dep2", "--active", "yes"],
    }
    return table[command]


def run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        status = main(argv)
    except SystemExit as exc:  # --help, --version: argparse's own exit
        status = exc.code or 0
    printed = capsys.readouterr()
    return status, printed.out + printed.err


def refused(status: int, text: str) -> bool:
    return status == 2 and ("not allowed" in text or "sign in with --user" in text)


def sign_in(monkeypatch, role_user: str | None, data: Path) -> None:
    monkeypatch.setenv("NIBRS_DESK_DATA_DIR", str(data))
    monkeypatch.setenv("NIBRS_DESK_TRANSFER_PASSPHRASE", TRANSFER_PASS)
    monkeypatch.delenv("NIBRS_DESK_USER", raising=False)
    if role_user is None:
        monkeypatch.delenv("NIBRS_DESK_PASSWORD", raising=False)
        monkeypatch.setenv("NIBRS_DESK_NEW_PASSWORD", PASSWORDS["dep"])
    else:
        monkeypatch.setenv("NIBRS_DESK_USER", role_user)
        monkeypatch.setenv("NIBRS_DESK_PASSWORD", PASSWORDS[role_user])
        monkeypatch.setenv("NIBRS_DESK_NEW_PASSWORD", PASSWORDS[role_user])  # one's own, unchanged
    monkeypatch.setenv("NIBRS_DESK_LOCK_WAIT", "5")


def test_the_table_names_every_command():
    from desktop.cli import command_modules

    names = {c.split()[0] for c in documented() if not c.startswith("-")}
    assert names == {mod.NAME for mod in command_modules()}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_command_as_each_role_is_allowed_or_refused_as_documented(world, role, monkeypatch, capsys, tmp_path):
    base, data, *_ = world
    work = tmp_path / "data"
    shutil.copytree(data, work)  # each role on its own copy: a restore or an export by one does not move another
    sign_in(monkeypatch, ROLES[role], work)
    wrong = []
    for n, (command, allowed) in enumerate(sorted(documented().items())):
        argv = argv_for(command, world, ROLES[role], n, tmp_path)
        status, text = run(argv, capsys)
        assert "Traceback" not in text and "unexpected error" not in text, (command, text)
        if refused(status, text) == allowed[role]:
            wrong.append(f"{command}: {'refused' if refused(status, text) else 'allowed'} (exit {status}): "
                         f"{text.strip()[:200]}")
    assert not wrong, f"{role}: " + "\n".join(wrong)


def test_global_options_before_or_after_the_command_mean_the_same(world, monkeypatch, capsys, tmp_path):
    """--data-dir and --user before the command name and after it: the same database (not the decoy one in
    NIBRS_DESK_DATA_DIR, nor the platform's), the same person, the same result - for every command."""
    base, data, *_ = world
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    sign_in(monkeypatch, "admin", decoy)
    monkeypatch.delenv("NIBRS_DESK_USER")
    seen = {}
    for placement in ("before", "after"):
        work = tmp_path / placement / "data"
        shutil.copytree(data, work)
        results = {}
        for n, command in enumerate(sorted(documented())):
            argv = argv_for(command, world, "admin", n, tmp_path / placement)
            if argv[0].startswith("-"):
                continue
            options = ["--data-dir", str(work), "--user", "admin"]
            full = options + argv if placement == "before" else argv + options
            status, text = run(full, capsys)
            assert "Traceback" not in text and not refused(status, text), (command, full, text)
            results[command] = status
        seen[placement] = results
        assert not any(decoy.iterdir()), "a command used the folder of NIBRS_DESK_DATA_DIR, not --data-dir"
    assert seen["before"] == seen["after"] and len(seen["before"]) >= 25


def test_the_same_option_twice_with_different_values_is_refused(tmp_path, capsys):
    status, text = run(["--data-dir", str(tmp_path / "a"), "backup", "--list", "--data-dir", str(tmp_path / "b")],
                       capsys)
    assert status == 2 and "--data-dir is given twice" in text
    status, text = run(["--user", "a1", "audit", "verify", "--user", "b1"], capsys)
    assert status == 2 and "--user is given twice" in text
