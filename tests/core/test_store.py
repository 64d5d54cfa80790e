"""Storage: typed tables, one transaction per write, refusals that name the element."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from nibrs_samples import allfields_incident, group_b_sample, simple_incident, zero_report_sample
from desktop.nibrs.model import Offense, Victim
from desktop.store import db as dbmod
from sqlalchemy import text

from desktop.store.db import open_database
from desktop.store.service import (
    APPROVED, SUBMITTED, DuplicateRecord, InvalidReport, NotFound, SearchFilter, StaleRevision, Store, StoreError,
)


def reopen(store) -> Store:
    """A second, independent store over the same database (file or server)."""
    if store.db.is_sqlite:
        return Store.open(store.db.data_dir)
    return Store(open_database(url=store.db.engine.url.render_as_string(hide_password=False)))


def sql(store, query: str) -> list[tuple]:
    with store.db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query))]


def test_allfields_incident_round_trip(backend_store):
    store = backend_store
    incident = allfields_incident()
    stored = store.create(incident)
    assert stored.revision == 1 and stored.status == "draft"
    other = reopen(store)
    assert other.get("incident", stored.id).report == incident
    other.close()
    # the values really are in typed columns and child rows, not in a blob
    assert sql(store, "select count(*) from property_item") == [(8,)]
    assert sql(store, "select code from arrestee_armed_with order by position") == [("12",), ("13A",)]
    assert sql(store, "select quantity_thousandths from property_drug") == [(1500,)]
    assert sql(store, "select age from victim order by position") == [("32",), ("BB",)]


def test_group_b_and_zero_report_round_trip(backend_store):
    store = backend_store
    b = store.create(group_b_sample())
    z = store.create(zero_report_sample())
    assert store.get("group_b", b.id).report == group_b_sample()
    assert store.get("zero_report", z.id).report == zero_report_sample()
    assert store.find("group_b", "WVNDX0100", "12345", 1).id == b.id
    assert store.find("zero_report", "WVNDX0100", 2016, 2).id == z.id


@pytest.mark.parametrize("change, element_words", [
    (lambda i: setattr(i.offenses[0], "offense_code", "99Z"), "Data Element 6 UCR Offense Code (offense 1)"),
    (lambda i: setattr(i, "incident_number", "1234567890123"), "Data Element 2 Incident Number"),
    (lambda i: setattr(i, "ori", "WVNDX01"), "Data Element 1 ORI"),
    (lambda i: setattr(i.victims[0], "age", "ABC"), "Data Element 26 Age of Victim (victim 1)"),
    (lambda i: setattr(i.victims[0].relationships[0], "relationship", "ZZ"),
     "Data Element 35 Relationship of Victim to Offender (victim 1, relationship 1)"),
    (lambda i: setattr(i.offenses[0], "weapons", ["11", "12", "13", "14"]), "Data Element 13"),
    (lambda i: setattr(i, "incident_hour", 24), "Data Element 3 Incident Hour"),
])
def test_bad_input_is_refused_naming_the_element(backend_store, change, element_words):
    store = backend_store
    incident = simple_incident()
    change(incident)
    with pytest.raises(InvalidReport) as err:
        store.create(incident)
    assert element_words in str(err.value)
    assert store.count() == 0


def test_update_replaces_children_and_counts_revisions(backend_store):
    store = backend_store
    incident = simple_incident()
    r = store.create(incident)
    incident.offenses.append(Offense(offense_code="13C", attempted_completed="C", suspected_using=["N"],
                                     bias_motivations=["88"], location_type="20"))
    incident.victims[0].offense_codes.append("13C")
    incident.victims.append(Victim(sequence_number=2, offense_codes=["13C"], victim_type="I", age="12",
                                   sex="M", race="W"))
    r2 = store.update("incident", r.id, incident, expected_revision=1)
    assert r2.revision == 2
    assert store.get("incident", r.id).report == incident
    incident.victims.pop()
    store.update("incident", r.id, incident)
    assert len(store.get("incident", r.id).report.victims) == 1
    assert sql(store, "select count(*) from victim") == [(1,)]
    assert sql(store, "select count(*) from victim_offense") == [(2,)]
    with pytest.raises(StaleRevision):
        store.update("incident", r.id, incident, expected_revision=1)


def test_duplicate_incident_number_is_refused(backend_store):
    store = backend_store
    store.create(simple_incident("A-1"))
    with pytest.raises(DuplicateRecord, match="already exists"):
        store.create(simple_incident("A-1"))
    assert store.count() == 1


def test_a_failed_write_leaves_nothing_behind(backend_store, monkeypatch):
    store = backend_store
    from desktop.store import audit

    def boom(*a, **k):
        raise RuntimeError("disk gone")

    # the unit of work fails after the report's rows were written, at its audit entry
    monkeypatch.setattr(audit, "append", boom)
    with pytest.raises(RuntimeError, match="disk gone"):
        store.create(allfields_incident())
    for table in ("incident", "offense", "victim", "property", "property_item"):
        assert sql(store, f"select count(*) from {table}") == [(0,)]


def test_delete_unsubmitted_and_submitted(backend_store):
    store = backend_store
    a = store.create(simple_incident("A-1"))
    b = store.create(simple_incident("A-2"))
    store.delete("incident", a.id)
    with pytest.raises(NotFound):
        store.get("incident", a.id)
    # a submitted incident stays, marked deleted, so the next export can send its delete
    store.set_status("incident", b.id, SUBMITTED)
    with store.db.write() as session:
        from desktop.store.schema import Incident
        session.get(Incident, b.id).submitted_revision = 1
    store.delete("incident", b.id)
    assert store.get("incident", b.id).deleted
    assert store.count() == 0
    assert store.count(SearchFilter(include_deleted=True)) == 1
    store.create(simple_incident("A-2"))  # the number is free again for a live incident


def test_status_and_snapshot(backend_store):
    store = backend_store
    r = store.create(simple_incident())
    with pytest.raises(StoreError):
        store.set_status("incident", r.id, "bogus")
    store.set_status("incident", r.id, APPROVED)
    assert store.get("incident", r.id).status == APPROVED
    assert store.revision_snapshot("incident", r.id, 1) == simple_incident()


def test_search_filters(backend_store):
    store = backend_store
    store.create(simple_incident("25-0001"))
    other = simple_incident("25-0002")
    other.incident_date = date(2025, 5, 1)
    other.offenses[0].offense_code = "13A"
    other.offenses[0].weapons = ["12"]
    other.victims[0].offense_codes = ["13A"]
    other.victims[0].circumstances = ["01"]  # an aggravated assault needs its circumstances (FBI error 401)
    store.create(other)
    store.create(group_b_sample())
    assert store.count() == 3
    assert [r.number for r in store.search(SearchFilter(number="0002"))] == ["25-0002"]
    assert [r.number for r in store.search(SearchFilter(offense="13B"))] == ["25-0001"]
    assert {r.number for r in store.search(SearchFilter(date_from=date(2025, 4, 1)))} == {"25-0002"}
    assert store.count(SearchFilter(date_to=date(2025, 3, 31))) == 2  # 25-0001 and the 2016 Group B arrest
    assert [r.kind for r in store.search(SearchFilter(offense="90Z"))] == ["group_b"]
    assert store.count(SearchFilter(status="draft")) == 3
    assert store.count(SearchFilter(has_errors=True)) == 0
    page = store.search(SearchFilter(), offset=1, limit=1)
    assert len(page) == 1


def test_sqlite_settings(store):
    with store.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_data_dir_override(tmp_path, monkeypatch):
    from desktop import paths

    monkeypatch.setenv("NIBRS_DESK_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir() == (tmp_path / "env").resolve()
    assert paths.data_dir(tmp_path / "flag") == (tmp_path / "flag").resolve()
    monkeypatch.delenv("NIBRS_DESK_DATA_DIR")
    import platformdirs

    assert paths.data_dir() == platformdirs.user_data_path("nibrs-desk", appauthor=False).resolve()


def test_schema_revision_is_alembic_head():
    from desktop.store.migrate import head_revision
    from desktop.store.schema import SCHEMA_REVISION

    assert head_revision() == SCHEMA_REVISION


def test_database_is_backed_up_before_a_migration(data_dir):
    """A database written at schema 0001 is copied to backups/ and then migrated, keeping its data."""
    from sqlalchemy import create_engine, event

    from desktop.store.migrate import upgrade
    from desktop.store.schema import SCHEMA_REVISION

    path = data_dir / "nibrs-desk.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO incident (ori, incident_number, status, revision, created_at, updated_at, created_by, "
            "updated_by, profile, profile_version, error_count, warning_count, findings, extras, invalid) "
            "VALUES ('WVNDX0100', 'OLD-1', 'draft', 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00', '', '', "
            "'fbi', '', 0, 0, '[]', '{}', '{}')")
    engine.dispose()
    store = Store.open(data_dir)
    backups = sorted((data_dir / "backups").glob("*.sqlite3"))
    assert len(backups) == 1 and "before-migration-from-0001" in backups[0].name
    copy = sqlite3.connect(backups[0])
    assert copy.execute("select incident_number from incident").fetchone()[0] == "OLD-1"
    assert copy.execute("select version_num from alembic_version").fetchone()[0] == "0001"
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == SCHEMA_REVISION
    assert [r.number for r in store.search()] == ["OLD-1"]
    store.close()
    Store.open(data_dir).close()  # up to date now: no second backup
    assert len(list((data_dir / "backups").glob("*.sqlite3"))) == 1


def test_not_a_database_gives_a_clear_error(tmp_path):
    (tmp_path / "nibrs-desk.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(dbmod.DatabaseError, match="nibrs-desk.sqlite3"):
        Store.open(tmp_path)


def test_migrations_build_exactly_the_tables_the_code_declares(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from desktop.store.migrate import upgrade
    from desktop.store.schema import Base, not_declared

    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    upgrade(engine)
    with engine.connect() as conn:
        # the full-text index of local values (FTS5 and its own tables) is the migration's, declared by no class
        opts = {"include_name": lambda name, type_, _parent: not (type_ == "table" and not_declared(name))}
        assert compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata) == []
        assert conn.exec_driver_sql("select count(*) from sqlite_master where name = 'local_text_fts'").scalar() == 1


def test_a_data_folder_can_point_at_a_shared_database(data_dir, tmp_path):
    """settings.json's database_url sends the app to a shared server instead of the local file (a server only:
    a SQLite file named there is refused, issue 19; given as the URL itself it is the server's stand-in)."""
    import json

    from desktop.store.db import DatabaseError

    shared = tmp_path / "shared.sqlite3"
    (data_dir / "settings.json").write_text(json.dumps({"database_url": f"sqlite:///{shared}"}))
    with pytest.raises(DatabaseError, match="database_url names a SQLite file"):
        open_database(data_dir)
    db = open_database(data_dir, url=f"sqlite:///{shared}")
    assert db.path is None and db.server == f"sqlite:///{shared}" and not db.from_settings
    assert shared.exists() and not (data_dir / "nibrs-desk.sqlite3").exists()
    db.close()
    (data_dir / "settings.json").write_text(json.dumps({"database_url": "postgresql+psycopg://nobody@127.0.0.1:1/x"}))

    with pytest.raises(DatabaseError, match="cannot reach the database server postgresql"):
        open_database(data_dir)
    (data_dir / "settings.json").write_text("{not json")
    with pytest.raises(DatabaseError, match="settings.json: cannot read the settings file"):
        open_database(data_dir)


# ---------------------------------------------------------------------- the unit of work
def _deputy(store) -> Store:
    """A deputy signed in on ``store``'s database (its first account, an administrator, signs ``store`` in)."""
    store.add_user("admin", "admin-pass-1", "administrator")
    store.add_user("dep", "deputy-pass-1", "deputy")
    dep = Store(store.db)
    dep.login("dep", "deputy-pass-1")
    return dep


def test_a_unit_of_work_checks_the_permission_before_any_work(store):
    from desktop.store import users
    from desktop.store.errors import PermissionDenied

    dep = _deputy(store)
    seen = len(store.audit_entries())
    with pytest.raises(PermissionDenied, match=r"dep \(Deputy\) may not change settings"):
        with dep.unit(users.SETTINGS):
            pytest.fail("the work ran without the permission")
    with pytest.raises(PermissionDenied, match="sign in first"):
        with Store(store.db).unit(users.READ, write=False):
            pytest.fail("the work ran with nobody signed in")
    with dep.unit(users.READ, write=False) as u:  # a deputy reads
        assert u.user == "dep"
    assert len(store.audit_entries()) == seen


def test_a_unit_of_work_commits_its_change_and_audit_entry_together_or_neither(backend_store):
    from desktop.store import audit, users
    from desktop.store import schema as s

    store = backend_store
    seen = len(store.audit_entries(action=audit.SETTINGS))
    with pytest.raises(RuntimeError, match="power cut"):
        with store.unit(users.SETTINGS) as u:
            u.session.add(s.Setting(key="trial", value=1))
            u.audit(audit.SETTINGS, detail={"key": "trial", "value": 1})
            raise RuntimeError("power cut")
    assert store.get_setting("trial") is None
    assert len(store.audit_entries(action=audit.SETTINGS)) == seen
    with store.unit(users.SETTINGS) as u:
        u.session.add(s.Setting(key="trial", value=1))
        u.audit(audit.SETTINGS, detail={"key": "trial", "value": 1})
    assert store.get_setting("trial") == 1
    newest = store.audit_entries(action=audit.SETTINGS)[0]
    assert (newest["user"], newest["detail"]) == ("system", {"key": "trial", "value": 1})
    assert store.verify_audit() == []


def test_a_unit_of_work_stamps_who_saved_a_row_when_and_what_was_found(store):
    from datetime import datetime

    from desktop.nibrs.findings import Finding
    from desktop.store import users
    from desktop.store.mapping import to_row

    when = datetime(2025, 3, 14, 9, 30)
    found = [Finding("404", "error", "bad"), Finding("1201", "warning", "odd"), Finding("405", "error", "worse")]
    with store.unit(users.CREATE, now=when) as u:
        row = to_row(simple_incident("U-1"), store.dictionary, "incident")
        u.stamp(row, found, created=True)
        row.status, row.revision = "draft", 1
        u.session.add(row)
    stored = store.find("incident", "WVNDX0100", "U-1")
    assert (stored.created_at, stored.updated_at, stored.created_by, stored.updated_by) == (when, when, "system",
                                                                                          "system")
    assert (stored.error_count, stored.warning_count) == (2, 1)
    assert [f.error for f in stored.findings] == ["404", "1201", "405"]


def test_a_record_missing_from_a_unit_is_named_by_its_kind(store):
    with pytest.raises(NotFound, match="no Group B arrest with record id 99"):
        store.delete("group_b", 99)
    with pytest.raises(StoreError, match="unknown record kind 'arrest'"):
        store.delete("arrest", 1)


def test_one_table_of_record_kinds_names_every_report(store):
    from desktop.nibrs import model as m
    from desktop.store.kinds import KINDS, describe, key_of, key_text

    assert set(KINDS) == {cls.KIND for cls in (m.GroupAIncident, m.GroupBArrest, m.ZeroReport)}
    incident, arrest, zero = simple_incident("A-7"), group_b_sample(), zero_report_sample()
    assert [describe(r) for r in (incident, arrest, zero)] == [
        "Group A incident WVNDX0100 A-7", "Group B arrest WVNDX0100 12345 arrestee 1", "zero report WVNDX0100 2016-02"]
    assert [key_text(r) for r in (incident, arrest, zero)] == [
        "WVNDX0100 A-7", "WVNDX0100 12345/1", "WVNDX0100 zero report 2016-2"]
    for report in (incident, arrest, zero):  # a stored row is named and keyed as its report is
        stored = store.create(report)
        with store.db.read() as session:
            row = session.get(KINDS[stored.kind].row, stored.id)
            assert describe(row, stored.kind) == describe(report)
            assert key_of(row, stored.kind) == key_of(report)


def test_no_module_reaches_into_the_store_privately():
    """Outside the store's own class, nothing calls ``store._something``: the unit of work and the public
    methods are the store's face. A private method of Store is reached only through ``self``."""
    import ast
    from pathlib import Path

    import desktop

    private = {name for cls in Store.__mro__ if cls.__module__.startswith("desktop.store.")
               for name in vars(cls) if name.startswith("_") and not name.startswith("__")}
    assert "_stored" in private  # the walk below knows the Store's private methods
    found = []
    root = Path(desktop.__file__).parent
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
                continue
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if name.lower().endswith("store") or (node.attr in private and name not in ("self", "cls")):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}: {ast.unparse(node)}")
    assert found == []


def test_a_sqlite_store_never_loads_the_postgresql_dialect(tmp_path):
    """Start-up (issue 13): naming postgresql_where on the schema's indexes imported SQLAlchemy's PostgreSQL
    dialect (its catalog) on every start; it is declared only when a PostgreSQL database is used. (Creating or
    migrating a database imports Alembic, whose DDL modules load every dialect: not a start's work.)"""
    import subprocess
    import sys

    Store.open(tmp_path).close()
    code = ("import sys; from desktop.store.service import Store; st = Store.open(sys.argv[1]); st.search(); "
            "st.close(); print('sqlalchemy.dialects.postgresql' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_the_live_indexes_are_partial_on_postgresql_too():
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex

    from desktop.store.schema import Base, use_postgresql

    use_postgresql()
    live = [i for t in Base.metadata.tables.values() for i in t.indexes if i.name.endswith("_live")]
    assert sorted(i.name for i in live) == ["uq_group_b_live", "uq_incident_live", "uq_zero_live"]
    for index in live:
        assert str(CreateIndex(index).compile(dialect=postgresql.dialect())).endswith("WHERE deleted_at IS NULL")
