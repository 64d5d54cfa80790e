"""Checks against our own database (056, 088, 028-031, 759, start date) with a real store (SQLite, and
PostgreSQL when NIBRS_DESK_TEST_PG_URL is set, as .ci/run does), and the store recording findings on every save."""

from __future__ import annotations

from datetime import date

from nibrs_samples import arrest_incident, group_b_sample, simple_incident, zero_report_sample
from desktop.nibrs.rules import validate
from desktop.store.history import StoreHistory, context_for
from desktop.store.service import AgencySettings, Store

ORI = "WVNDX0100"


def errors(record) -> set[str]:
    return {f.error for f in record.findings}


# ----------------------------------------------------------------------------- StoreHistory queries
def test_incident_on_file_excludes_the_record_itself_and_deleted_ones(backend_store):
    store = backend_store
    rec = store.create(simple_incident("25-000001"))
    h = StoreHistory(store)
    assert h.incident_on_file(ORI, "25-000001")
    assert not h.incident_on_file(ORI, "25-000001", exclude_id=rec.id)
    assert not h.incident_on_file(ORI, "25-000002")
    assert not h.incident_on_file("WVNDX0200", "25-000001")
    store.delete("incident", rec.id)
    assert not h.incident_on_file(ORI, "25-000001")


def test_group_a_and_group_b_identifiers(backend_store):
    store = backend_store
    inc = arrest_incident()
    inc.arrestees[0].arrest_transaction_number = "B-77"
    store.create(inc)
    store.create(simple_incident("25-555555"))  # no arrestees: its number is no arrest identifier
    store.create(group_b_sample())
    h = StoreHistory(store)
    assert h.group_a_atn_on_file(ORI, "25-000108")  # the number of an incident with an arrest
    assert h.group_a_atn_on_file(ORI, "B-77")  # an arrestee's transaction number
    assert not h.group_a_atn_on_file(ORI, "25-555555")
    assert h.group_b_atn_on_file(ORI, "12345") and not h.group_b_atn_on_file(ORI, "B-77")
    assert h.group_b_arrest_on_file(ORI, "12345", 1) and not h.group_b_arrest_on_file(ORI, "12345", 2)
    assert h.group_b_arrest_on_file(ORI, "12345", None)


def test_data_and_zero_reports_on_file_for_a_month(backend_store):
    store = backend_store
    store.create(simple_incident())  # 2025-03-14
    store.create(group_b_sample())  # 2016-02-28
    zero = store.create(zero_report_sample())  # 2016-02
    h = StoreHistory(store)
    assert h.data_on_file_for_month(ORI, 2025, 3, kind="incident")
    assert not h.data_on_file_for_month(ORI, 2025, 3, kind="group_b")
    assert h.data_on_file_for_month(ORI, 2016, 2, kind="group_b") and h.data_on_file_for_month(ORI, 2016, 2)
    assert not h.data_on_file_for_month(ORI, 2025, 4) and not h.data_on_file_for_month(ORI, 2024, 12)
    assert h.zero_report_on_file(ORI, 2016, 2) and not h.zero_report_on_file(ORI, 2016, 2, exclude_id=zero.id)


# ----------------------------------------------------------------------------- context from settings
def test_context_without_agency_settings_uses_the_defaults(data_dir):
    store = Store.open(data_dir)
    try:
        ctx = context_for(store)
        assert (ctx.spec_version, ctx.profile, ctx.federal_agency, ctx.nibrs_start) == ("2019.1", "fbi", False, None)
        assert isinstance(ctx.history, StoreHistory)
        rec = store.create(simple_incident())  # saving works with no agency settings, and records findings
        assert rec.findings == []
    finally:
        store.close()


def test_context_carries_the_agency_settings(backend_store):
    store = backend_store
    store.save_agency(AgencySettings(ori=ORI, name="Test", state_profile="mo", nibrs_start_date=date(2021, 1, 1),
                                     spec_version="2025.0", federal=True))
    ctx = context_for(store, stored_id=7, action="D", submission_year=2025, submission_month=3)
    assert (ctx.spec_version, ctx.profile, ctx.federal_agency, ctx.nibrs_start) == ("2025.0", "mo", True,
                                                                                    date(2021, 1, 1))
    assert (ctx.stored_id, ctx.action, ctx.submission_year, ctx.submission_month) == (7, "D", 2025, 3)


# ----------------------------------------------------------------------------- the store records findings
def test_every_save_records_the_findings(backend_store):
    store = backend_store
    bad = simple_incident()
    bad.victims[0].age = "3530"
    rec = store.create(bad)
    assert errors(rec) == {"410"} and rec.error_count == 1
    bad.victims[0].age = "35"
    rec = store.update("incident", rec.id, bad)
    assert rec.findings == [] and rec.error_count == 0


def test_a_stored_incident_is_not_its_own_duplicate_but_a_new_one_is(backend_store):
    store = backend_store
    rec = store.create(simple_incident("25-000001"))
    rec = store.update("incident", rec.id, simple_incident("25-000001"))
    assert "056" not in errors(rec)
    draft = simple_incident("25-000001")  # being typed: not saved yet
    assert "056" in {f.error for f in validate(draft, context_for(store))}
    assert "056" not in {f.error for f in validate(draft, context_for(store, stored_id=rec.id))}


def test_group_b_and_incident_sharing_an_identifier(backend_store):
    store = backend_store
    inc = arrest_incident()
    inc.incident_number = "12345"
    store.create(inc)
    rec = store.create(group_b_sample())  # ATN 12345
    assert "088" in errors(rec)
    other = store.create(arrest_incident())  # no shared identifier
    assert "088" not in errors(other)


def test_group_b_duplicate_on_file(backend_store):
    store = backend_store
    first = store.create(group_b_sample())
    assert "759" not in errors(first)
    again = group_b_sample()
    assert "759" in {f.error for f in validate(again, context_for(store))}
    assert "759" not in errors(store.update("group_b", first.id, again))


def test_zero_report_for_a_month_with_data(backend_store):
    store = backend_store
    b = group_b_sample()
    b.arrest_date = date(2016, 2, 10)
    store.create(b)
    rec = store.create(zero_report_sample())
    assert errors(rec) == {"029"}
    zero = zero_report_sample()
    assert "031" in {f.error for f in validate(zero, context_for(store, action="D"))}


def test_dates_before_the_agency_went_nibrs(backend_store):
    store = backend_store
    store.save_agency(AgencySettings(ori=ORI, name="Test", nibrs_start_date=date(2025, 4, 1)))
    assert "173" in errors(store.create(simple_incident()))
    assert "720" in errors(store.create(group_b_sample()))
    assert "093" in errors(store.create(zero_report_sample()))


def test_the_agency_spec_version_and_federal_flag_apply_to_saves(backend_store):
    store = backend_store
    b = group_b_sample()
    b.arrest_offense_code = "90K"  # a federal offense: not in the 2019.1 table, for federal agencies from 2023.0
    found = errors(store.create(b))
    assert "704" in found and "750" not in found
    store.save_agency(AgencySettings(ori=ORI, name="Test", spec_version="2025.0"))
    b.sequence_number = 2
    found = errors(store.create(b))
    assert "750" in found and "704" not in found


def test_a_store_without_validator_or_with_its_own(data_dir):
    bad = simple_incident()
    bad.victims[0].age = "3530"
    plain = Store.open(data_dir, validator=None)
    try:
        assert plain.create(bad).findings == []
    finally:
        plain.close()
    calls = []
    custom = Store.open(data_dir, validator=lambda report: calls.append(report) or [])
    try:
        bad.incident_number = "25-000002"
        custom.create(bad)
        assert len(calls) == 1
    finally:
        custom.close()
