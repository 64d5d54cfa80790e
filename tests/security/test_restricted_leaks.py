"""Restricted means everywhere (issue 19): a restricted value never enters the audit trail's details (they hold a
reference, rendered per viewer), summaries, logs or error messages for a role not granted it; a profile in the data
folder may add elements and tighten restrictions, never loosen the shipped ones.

The office's data folder adds a restricted free-text element to the shipped Missouri profile (tightening: allowed),
so a value can be searched for as text everywhere. Each role's outputs are searched: the command line's (stdout and
stderr, errors included), the audit trail as listed, summaries, and every log record the program wrote."""

from __future__ import annotations

import json
import logging
import sqlite3

import pytest

from nibrs_samples import simple_incident
from test_roles_and_audit import PASSWORDS, people

from desktop.cli import main
from desktop.nibrs.profiles import get_profile, load_profiles
from desktop.store.errors import PermissionDenied
from desktop.store.service import APPROVED, READY, Store
from testpaths import REPO

MISSOURI = REPO / "forms" / "profiles" / "missouri.yaml"
SECRET = "Xylophone-4471"  # the supervisor's note: a restricted value that is searchable as text
TYPED = "Deputy-Typed-8812"  # what a deputy tries to put in the restricted field
NOTE = """  - id: mo_case_note
    name: Case Note
    segment: offender
    type: text
    length: 30
    restricted: true
"""


def _holds_value(text: str) -> bool:
    """A restricted value itself: the note, or an immigration status next to its key."""
    compact = text.replace(" ", "")
    return SECRET in text or TYPED in text or any(f'"mo_immigration_status":"{c}"' in compact for c in "CLNU")


def _names_element(text: str) -> bool:
    low = text.lower()
    return "mo_immigration_status" in low or "mo_case_note" in low or "immigration" in low


def _incident(number: str, status: str | None = None, note: str | None = None):
    inc = simple_incident(number)
    inc.ori = "MO0950000"
    if status:
        inc.offenders[0].extras["mo_immigration_status"] = status
    if note:
        inc.offenders[0].extras["mo_case_note"] = note
    return inc


@pytest.fixture
def office(data_dir, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    folder = data_dir / "profiles"
    folder.mkdir()
    text = MISSOURI.read_text().replace('version: "2025.1"', 'version: "2025.2"').replace("elements:\n",
                                                                                           "elements:\n" + NOTE, 1)
    (folder / "missouri.yaml").write_text(text)
    assert load_profiles(data_dir).errors == []
    assert get_profile("missouri").element("mo_case_note").restricted
    p = people(data_dir)
    draft = p["dep"].create(_incident("MO-0001"))
    p["sarge"].update("incident", draft.id, _incident("MO-0001", "L", SECRET))
    sent = p["sarge"].create(_incident("MO-0002", "C", SECRET))
    p["sarge"].set_status("incident", sent.id, READY)
    p["admin"].set_status("incident", sent.id, APPROVED)
    try:
        yield p, draft.id
    finally:
        for store in p.values():
            store.close()
        load_profiles(None)  # the shipped profiles again for the tests that follow


def _as(monkeypatch, who: str) -> None:
    monkeypatch.setenv("NIBRS_DESK_USER", who)
    monkeypatch.setenv("NIBRS_DESK_PASSWORD", PASSWORDS[who])


def test_audit_details_hold_references_never_values(office, data_dir):
    p, draft_id = office
    con = sqlite3.connect(data_dir / "nibrs-desk.sqlite3")
    try:
        details = [row[0] for row in con.execute("SELECT detail FROM audit_log")]
        kept = dict(con.execute("SELECT id, value FROM restricted_value"))
    finally:
        con.close()
    assert details and not any(_holds_value(d) for d in details)
    assert sum('"restricted_value"' in d for d in details) == 2  # the update's change, the create's values
    assert sorted(json.loads(v) for v in kept.values()) == sorted(["L", SECRET, "C", SECRET])
    # rendered per viewer: the granted read the values back, the trail still verifies
    granted = json.dumps([e["detail"] for e in p["sarge"].audit_entries(limit=50)])
    assert SECRET in granted and '"mo_immigration_status": "C"' in granted  # the create's values
    assert '"offenders[0].extras.mo_immigration_status": [null, "L"]' in granted  # the update's change
    assert p["admin"].verify_audit() == []
    # withdrawn from supervisors: a supervisor signing in now sees neither the values nor the fields
    p["admin"].grant_restricted(["administrator"])
    sarge = Store(p["admin"].db, dictionary=p["admin"].dictionary, profile="missouri",
                  profile_version=p["admin"].profile_version, validator=None)
    sarge.login("sarge", PASSWORDS["sarge"])
    seen = json.dumps([e["detail"] for e in sarge.audit_entries(limit=50)], default=str)
    assert not _holds_value(seen) and not _names_element(seen), seen
    assert "restricted_value" not in seen


def test_an_error_never_repeats_a_restricted_value(office):
    p, draft_id = office
    tried = _incident("MO-0001", "U", TYPED)
    with pytest.raises(PermissionDenied) as err:
        p["dep"].update("incident", draft_id, tried)
    assert not _holds_value(str(err.value)), str(err.value)


@pytest.mark.parametrize("role", ["dep", "sarge", "sarge-withdrawn", "admin"])
def test_every_output_as_each_role(office, data_dir, monkeypatch, capsys, caplog, role):
    p, draft_id = office
    who = role.split("-")[0]
    if role == "sarge-withdrawn":
        p["admin"].grant_restricted(["administrator"])
    granted = role in ("sarge", "admin")
    _as(monkeypatch, who)
    runs = []
    for args in (["summary", "--month", "2025-03"], ["summary", "--month", "2025-03", "--format", "csv"],
                 ["export", "--list"], ["transfer", "conflicts"], ["audit", "list", "--format", "json"],
                 ["audit", "list", "--limit", "500"], ["audit", "verify"]):
        status = main(args)
        printed = capsys.readouterr()
        runs.append((args, status, printed.out + printed.err))
    for args, status, text in runs:
        if args[0] == "audit" and who == "dep":
            assert status == 2 and "not allowed" in text
            continue
        assert status == 0, (args, text)
        if not granted:
            assert not _holds_value(text) and not _names_element(text), (role, args, text)
        elif args[:3] == ["audit", "list", "--format"]:
            assert SECRET in text, text  # the trail's details, rendered for someone granted them
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not _holds_value(logged), logged  # logs are read by whoever runs the program: never a value


def test_a_data_folder_profile_that_loosens_is_refused_and_the_deputy_sees_nothing(data_dir, monkeypatch, capsys):
    """The tester's attack: missouri.yaml copied into the data folder with ``restricted: false`` and a higher
    version. It is refused (file and line on stderr) and a deputy's summary still has no immigration counts."""
    try:
        p = people(data_dir)
        p["sarge"].create(_incident("MO-0003", "L"))
        folder = data_dir / "profiles"
        folder.mkdir()
        loose = MISSOURI.read_text().replace('version: "2025.1"', 'version: "2099.1"').replace(
            "restricted: true", "restricted: false")
        (folder / "missouri.yaml").write_text(loose)
        line = loose.splitlines().index("    restricted: false") + 1
        _as(monkeypatch, "dep")
        assert main(["summary", "--month", "2025-03"]) == 0
        printed = capsys.readouterr()
        assert f"profile not used: {folder / 'missouri.yaml'}:{line}: refused" in printed.err
        assert not _names_element(printed.out), printed.out
        assert get_profile("missouri").version == "2025.1"
    finally:
        load_profiles(None)
