"""Separation of duties (issue 19): the author of a report does not approve it, and marking imported reports as
already submitted is an administrator's act."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nibrs_samples import simple_incident
from testpaths import DATA, REPO
from desktop.store.db import open_database
from desktop.store.service import APPROVED, READY, AgencySettings, PermissionDenied, Store

PASSWORDS = {"admin": "admin-pass-1", "sarge": "sarge-pass-1", "sarge2": "sarge-pass-2", "dep": "deputy-pass-1"}


def people(data_dir) -> dict[str, Store]:
    root = Store(open_database(data_dir), validator=None)
    root.add_user("admin", PASSWORDS["admin"], "administrator")
    root.save_agency(AgencySettings("WVNDX0100", "Test County SO"))
    root.add_user("sarge", PASSWORDS["sarge"], "supervisor")
    root.add_user("sarge2", PASSWORDS["sarge2"], "supervisor")
    root.add_user("dep", PASSWORDS["dep"], "deputy")
    out = {}
    for name, password in PASSWORDS.items():
        st = Store(root.db, validator=None)
        st.login(name, password)
        out[name] = st
    return out


def test_the_author_cannot_approve_their_own_report(data_dir):
    p = people(data_dir)
    sarge, sarge2, admin = p["sarge"], p["sarge2"], p["admin"]
    mine = sarge.create(simple_incident("SOD-1"))
    sarge.set_status("incident", mine.id, READY)
    with pytest.raises(PermissionDenied, match="sarge wrote this incident and may not approve it"):
        sarge.set_status("incident", mine.id, APPROVED)
    assert sarge.get("incident", mine.id).status == READY
    # a second supervisor approves it
    assert sarge2.set_status("incident", mine.id, APPROVED).status == APPROVED
    # an administrator's own report: the same rule
    theirs = admin.create(simple_incident("SOD-2"))
    admin.set_status("incident", theirs.id, READY)
    with pytest.raises(PermissionDenied, match="admin wrote this"):
        admin.set_status("incident", theirs.id, APPROVED)
    assert sarge.set_status("incident", theirs.id, APPROVED).status == APPROVED


def test_a_one_supervisor_office_allows_self_approval_as_a_recorded_setting(data_dir):
    p = people(data_dir)
    sarge, admin = p["sarge"], p["admin"]
    with pytest.raises(PermissionDenied, match="change settings"):
        sarge.allow_self_approval(True)
    admin.allow_self_approval(True, "one supervisor on nights")
    mine = sarge.create(simple_incident("SOD-3"))
    sarge.set_status("incident", mine.id, READY)
    assert sarge.set_status("incident", mine.id, APPROVED).status == APPROVED
    recorded = [e for e in admin.audit_entries(action="settings") if e["detail"].get("key") == "self_approval"]
    assert recorded and recorded[0]["user"] == "admin"
    assert recorded[0]["detail"]["value"] == {"allowed": True, "reason": "one supervisor on nights", "by": "admin"}
    admin.allow_self_approval(False)
    again = sarge.create(simple_incident("SOD-4"))
    sarge.set_status("incident", again.id, READY)
    with pytest.raises(PermissionDenied):
        sarge.set_status("incident", again.id, APPROVED)


def _cli(data_dir, *args, user):
    env = {**os.environ, "NIBRS_DESK_DATA_DIR": str(data_dir), "NIBRS_DESK_USER": user,
           "NIBRS_DESK_PASSWORD": PASSWORDS[user]}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=120)


def test_import_as_submitted_is_an_administrators_act(data_dir):
    p = people(data_dir)
    sample = str(DATA / "flat" / "Flatfile-XML_Test_1.txt")
    out = _cli(data_dir, "import", sample, "--status", "submitted", user="sarge")
    assert out.returncode == 2, out.stdout + out.stderr
    assert "not allowed: sarge (Supervisor) may not mark imported reports as already submitted" in out.stderr
    assert p["admin"].count() == 0
    out = _cli(data_dir, "import", sample, "--status", "submitted", user="admin")
    assert out.returncode in (0, 1), out.stdout + out.stderr
    assert p["admin"].count() >= 1
