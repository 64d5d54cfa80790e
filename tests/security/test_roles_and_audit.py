"""Roles enforced in the service layer and the CLI; lifecycle; restricted fields; a tamper-evident audit trail."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from testpaths import REPO
from nibrs_samples import group_b_sample, simple_incident
from desktop.nibrs.profiles import get_profile
from desktop.store.db import open_database
from desktop.store.service import (
    APPROVED, DRAFT, READY, SUBMITTED, AgencySettings, AuthenticationError, PermissionDenied, Store, StoreError,
)

PASSWORDS = {"admin": "admin-pass-1", "sarge": "sarge-pass-1", "dep": "deputy-pass-1", "dep2": "deputy-pass-2"}


def people(data_dir, profile="missouri") -> dict[str, Store]:
    """One store per person, each signed in, over the same Missouri database.

    The stores record no findings (validator=None): the review workflow is tested apart from the FBI
    and Missouri edits; test_errors_block_review_except_hidden_restricted_ones sets a validator itself.
    """
    mo = get_profile(profile)
    root = Store(open_database(data_dir), dictionary=mo.dictionary, profile=mo.id, profile_version=mo.version,
                 validator=None)
    root.add_user("admin", PASSWORDS["admin"], "administrator", "Ada Admin")
    root.save_agency(AgencySettings("MO0950000", "Test County SO", state_profile="missouri"))
    root.add_user("sarge", PASSWORDS["sarge"], "supervisor")
    root.add_user("dep", PASSWORDS["dep"], "deputy")
    root.add_user("dep2", PASSWORDS["dep2"], "deputy")
    out = {}
    for name in PASSWORDS:
        st = Store(root.db, dictionary=mo.dictionary, profile=mo.id, profile_version=mo.version, validator=None)
        st.login(name, PASSWORDS[name])
        out[name] = st
    return out


def test_without_accounts_the_system_acts_and_with_accounts_one_must_sign_in(data_dir):
    store = Store.open(data_dir)
    assert store.actor.is_system
    store.add_user("admin", "admin-pass-1", "administrator")
    fresh = Store(store.db)
    assert fresh.actor is None
    with pytest.raises(PermissionDenied, match="sign in first"):
        fresh.search()
    with pytest.raises(StoreError, match="first account must be an administrator"):
        Store.open(data_dir.parent / "other").add_user("x1", "password-1", "deputy")


def test_deputy_boundaries(data_dir):
    p = people(data_dir)
    dep, dep2, sarge, admin = p["dep"], p["dep2"], p["sarge"], p["admin"]
    r = dep.create(simple_incident("DEP-1"))
    dep.update("incident", r.id, simple_incident("DEP-1"))  # own draft: fine
    with pytest.raises(PermissionDenied, match="dep2 \\(Deputy\\) may not change"):
        dep2.update("incident", r.id, simple_incident("DEP-1"))
    with pytest.raises(PermissionDenied):
        dep2.delete("incident", r.id)
    # nor send someone else's draft for review
    with pytest.raises(PermissionDenied, match="dep2 \\(Deputy\\) may not move someone else's report on"):
        dep2.set_status("incident", r.id, READY)
    # a deputy cannot approve
    dep.set_status("incident", r.id, READY)
    with pytest.raises(PermissionDenied, match="review and approve"):
        dep.set_status("incident", r.id, APPROVED)
    # nor manage users, settings, restore, audit
    with pytest.raises(PermissionDenied, match="manage users"):
        dep.add_user("x1", "password-1", "deputy")
    with pytest.raises(PermissionDenied, match="change settings"):
        dep.save_agency(AgencySettings("MO0950000", "X"))
    with pytest.raises(PermissionDenied, match="view the audit trail"):
        dep.audit_entries()
    # a deputy cannot enter a restricted field
    inc = simple_incident("DEP-2")
    inc.offenders[0].extras["mo_immigration_status"] = "C"
    with pytest.raises(PermissionDenied, match="restricted fields \\(mo_immigration_status\\)"):
        dep.create(inc)
    # nor export (the export permission belongs to administrators)
    assert not dep.actor.can("export") and not sarge.actor.can("export") and admin.actor.can("export")


def test_supervisor_reviews_returns_approves_but_cannot_manage_users(data_dir):
    p = people(data_dir)
    dep, sarge = p["dep"], p["sarge"]
    r = dep.create(simple_incident("REV-1"))
    dep.set_status("incident", r.id, READY)
    with pytest.raises(StoreError, match="say what needs changing"):
        sarge.set_status("incident", r.id, DRAFT)
    returned = sarge.return_for_changes("incident", r.id, "Victim's age looks wrong")
    assert returned.status == DRAFT and returned.review_note == "Victim's age looks wrong"
    dep.set_status("incident", r.id, READY)
    approved = sarge.set_status("incident", r.id, APPROVED)
    assert approved.status == APPROVED and approved.review_note is None
    with pytest.raises(PermissionDenied, match="manage users"):
        sarge.add_user("x1", "password-1", "deputy")
    with pytest.raises(PermissionDenied, match="manage users"):
        sarge.list_users()
    with pytest.raises(StoreError, match="cannot become submitted|cannot become"):
        sarge.set_status("incident", r.id, "accepted")


def test_changing_an_approved_report_sends_it_back_through_review(data_dir):
    p = people(data_dir)
    admin, sarge, dep = p["admin"], p["sarge"], p["dep"]
    r = dep.create(simple_incident("REV-2"))
    dep.set_status("incident", r.id, READY)
    sarge.set_status("incident", r.id, APPROVED)
    admin.set_status("incident", r.id, SUBMITTED)
    with admin.db.write() as session:  # what the exporter records
        from desktop.store.schema import Incident
        session.get(Incident, r.id).submitted_revision = 1
    with pytest.raises(PermissionDenied):
        dep.update("incident", r.id, simple_incident("REV-2"))  # past review: not the deputy's any more
    changed = simple_incident("REV-2")
    changed.victims[0].age = "35"
    after = sarge.update("incident", r.id, changed)
    assert after.status == DRAFT and after.revision == 2 and after.submitted_revision == 1
    assert after.needs_resubmission


def test_errors_block_review_except_hidden_restricted_ones(data_dir):
    from desktop.nibrs.rules import Context, validate

    p = people(data_dir)
    mo = get_profile("missouri")
    validator = lambda rep: validate(rep, Context(profile="missouri", dictionary=mo.dictionary))  # noqa: E731
    for st in p.values():
        st.validator = validator
    dep, sarge = p["dep"], p["sarge"]
    r = dep.create(simple_incident("MO-1"))
    assert {f.error for f in r.findings} == {"MO-501"}  # immigration status missing
    dep.set_status("incident", r.id, READY)  # allowed: the deputy may not see that field
    with pytest.raises(StoreError, match="still has 1 error"):
        sarge.set_status("incident", r.id, APPROVED)
    fixed = sarge.get("incident", r.id).report
    fixed.offenders[0].extras["mo_immigration_status"] = "N"
    sarge.update("incident", r.id, fixed)
    sarge.set_status("incident", r.id, READY)
    assert sarge.set_status("incident", r.id, APPROVED).status == APPROVED


def test_restricted_field_hidden_from_deputies_kept_on_their_saves_and_views_audited(data_dir):
    p = people(data_dir)
    dep, sarge = p["dep"], p["sarge"]
    r = dep.create(simple_incident("RS-1"))
    full = sarge.get("incident", r.id).report
    full.offenders[0].extras["mo_immigration_status"] = "L"
    sarge.update("incident", r.id, full)
    seen_by_deputy = dep.get("incident", r.id)
    assert seen_by_deputy.restricted_hidden
    assert "mo_immigration_status" not in seen_by_deputy.report.offenders[0].extras
    report = seen_by_deputy.report
    report.victims[0].age = "40"
    assert sarge.get("incident", r.id).status == DRAFT  # still the deputy's draft
    # the deputy's save keeps the value the deputy cannot see
    dep.update("incident", r.id, report)
    assert sarge.get("incident", r.id).report.offenders[0].extras["mo_immigration_status"] == "L"
    views = [e for e in sarge.audit_entries(action="view_restricted")]
    assert views and all(e["user"] == "sarge" for e in views)
    assert not [e for e in sarge.audit_entries(action="view_restricted") if e["user"] == "dep"]
    # lists never carry it
    assert "mo_immigration_status" not in repr(dep.search())


def test_login_lockout_and_audit_of_logins(data_dir):
    p = people(data_dir)
    admin = p["admin"]
    probe = Store(admin.db)
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="wrong"):
            probe.login("dep", "nope-nope")
    with pytest.raises(AuthenticationError, match="locked for 15 minutes"):
        probe.login("dep", "nope-nope")
    with pytest.raises(AuthenticationError, match="locked"):
        probe.login("dep", PASSWORDS["dep"])  # even the right password, while locked
    failed = admin.audit_entries(action="login_failed")
    assert len(failed) == 6 and {e["user"] for e in failed} == {"dep"}
    admin.change_user("dep", password="deputy-pass-9")  # an administrator resets it
    assert probe.login("dep", "deputy-pass-9").role == "deputy"


def test_audit_trail_records_changes_with_before_and_after(data_dir):
    p = people(data_dir)
    dep, admin = p["dep"], p["admin"]
    r = dep.create(simple_incident("AU-1"))
    changed = simple_incident("AU-1")
    changed.victims[0].age = "35"
    dep.update("incident", r.id, changed)
    dep.delete("incident", r.id)
    entries = admin.audit_entries(kind="incident", record_id=r.id)
    actions = [e["action"] for e in reversed(entries)]
    assert actions == ["create", "update", "delete"]
    update = next(e for e in entries if e["action"] == "update")
    assert update["detail"]["changes"] == {"victims[0].age": ["34", "35"]}
    assert admin.verify_audit() == []


def _tamper(db_path, sql: str) -> None:
    con = sqlite3.connect(db_path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute(sql)
    con.commit()
    con.close()


def _cli(data_dir, *args, env_extra=None):
    env = {**os.environ, "NIBRS_DESK_DATA_DIR": str(data_dir), **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=120)


@pytest.mark.parametrize("sql, words", [
    ("UPDATE audit_log SET username = 'someone' WHERE seq = 3", "entry 3"),
    ("UPDATE audit_log SET detail = '{}' WHERE seq = 5", "entry 5"),
    ("DELETE FROM audit_log WHERE seq = 4", "entry 4"),
    # the last entry removed: the sign-in of `audit verify` itself adds one after it, so it is a hole
    ("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", "missing: entry"),
    ("INSERT INTO audit_log (seq, at, username, action, kind, record_id, detail, prev_hash, hash) "
     "SELECT 1000, at, 'mallory', 'login', '', NULL, '{}', hash, hash FROM audit_log WHERE seq = 2", "entry 1000"),
])
def test_tampering_with_the_audit_trail_is_found_and_named(data_dir, sql, words):
    p = people(data_dir)
    r = p["dep"].create(simple_incident("T-1"))
    p["dep"].update("incident", r.id, simple_incident("T-1"))
    path = p["admin"].db.path
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit_log SET username = 'x' WHERE seq = 1")
    con.close()
    as_sarge = {"NIBRS_DESK_USER": "sarge", "NIBRS_DESK_PASSWORD": PASSWORDS["sarge"]}
    nobody = _cli(data_dir, "audit", "verify")  # a database with accounts: nothing without a sign-in
    assert nobody.returncode == 2 and "sign in with --user" in nobody.stderr
    ok = _cli(data_dir, "audit", "verify", env_extra=as_sarge)
    assert ok.returncode == 0 and "intact" in ok.stdout
    _tamper(path, sql)
    out = _cli(data_dir, "audit", "verify", env_extra=as_sarge)
    assert out.returncode == 1, out.stdout + out.stderr
    assert words in out.stdout and "TAMPERED" in out.stdout


def test_role_boundaries_on_the_command_line(data_dir):
    people(data_dir)
    as_dep = {"NIBRS_DESK_USER": "dep", "NIBRS_DESK_PASSWORD": PASSWORDS["dep"]}
    as_sarge = {"NIBRS_DESK_USER": "sarge", "NIBRS_DESK_PASSWORD": PASSWORDS["sarge"]}
    as_admin = {"NIBRS_DESK_USER": "admin", "NIBRS_DESK_PASSWORD": PASSWORDS["admin"]}
    out = _cli(data_dir, "users", "list")
    assert out.returncode == 2 and "sign in with --user" in out.stderr
    out = _cli(data_dir, "users", "list", env_extra=as_sarge)
    assert out.returncode == 2 and "nibrs-desk: not allowed: sarge (Supervisor) may not manage users" in out.stderr
    out = _cli(data_dir, "users", "add", "newdep", "--role", "deputy",
               env_extra={**as_dep, "NIBRS_DESK_NEW_PASSWORD": "password-9"})
    assert out.returncode == 2 and "may not manage users" in out.stderr
    out = _cli(data_dir, "audit", "list", env_extra=as_dep)
    assert out.returncode == 2 and "nibrs-desk: not allowed: dep (Deputy) may not view the audit trail" in out.stderr
    out = _cli(data_dir, "users", "list", env_extra={"NIBRS_DESK_USER": "dep", "NIBRS_DESK_PASSWORD": "bad-bad-bad"})
    assert out.returncode == 2 and "cannot sign in" in out.stderr
    out = _cli(data_dir, "users", "add", "newdep", "--role", "deputy",
               env_extra={**as_admin, "NIBRS_DESK_NEW_PASSWORD": "password-9"})
    assert out.returncode == 0, out.stderr
    out = _cli(data_dir, "audit", "list", "--format", "json", env_extra=as_sarge)
    assert out.returncode == 0 and any(e["action"] == "user_add" for e in json.loads(out.stdout))


def test_a_role_refusal_is_a_store_refusal_not_a_disk_error(data_dir, tmp_path):
    """An ``except OSError`` around a store call that writes a file does not take a role's refusal for a disk
    problem, and ``except StoreError`` shows it to the person who asked."""
    from datetime import date

    from desktop.store.errors import AccessError
    from desktop.submission.export import plan_export, run_export
    from desktop.submission.months import Month

    assert issubclass(PermissionDenied, AccessError) and issubclass(AuthenticationError, AccessError)
    assert issubclass(AccessError, StoreError) and not issubclass(AccessError, OSError)
    dep = people(data_dir)["dep"]
    plan = plan_export(dep, Month(2025, 3), today=date(2025, 4, 2))  # a deputy may look at the month
    out = tmp_path / "exports"
    for attempt, words in ((lambda: run_export(dep, plan, out), "may not export submission files"),
                           (dep.list_users, "may not manage users"),
                           (lambda: Store(dep.db).login("dep", "not-the-password"), "wrong")):
        with pytest.raises(AccessError, match=words):
            try:
                attempt()
            except OSError:
                pytest.fail(f"a refusal ({words}) was caught as a disk error")
    assert not out.exists()
