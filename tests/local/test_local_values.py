"""The agency's own report fields (issue 18): declared in a local profile, kept encrypted with the database,
found by the search box, carried in transfer files, and never in an FBI or state file."""

from __future__ import annotations

import subprocess
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from generate import group_b, incident

from desktop.nibrs.local import age_on, combine, load_local, parse_local, person_name
from desktop.nibrs.profiles import ProfileError, get_profile
from desktop.store.profiles import apply_agency_profile
from desktop.store.service import AgencySettings, SearchFilter, Store
from desktop.submission.export import plan_export, run_export
from desktop.submission.months import Month

MARCH = Month(2025, 3)
APRIL_2 = datetime(2025, 4, 2, 9, 30, 15)


def open_local(folder, *, profile="fbi", ori="WVNDX0100", passphrase=None) -> Store:
    st = Store.open(folder, passphrase=passphrase)
    if st.agency() is None:
        st.save_agency(AgencySettings(ori=ori, name="Test County Sheriff's Office", state_profile=profile))
    apply_agency_profile(st)
    return st


def with_local_values(report, n: int = 0):
    """The report with the agency's own values: narrative, address, officer, every person's name and birth."""
    if report.KIND == "incident":
        report.extras.update(narrative=f"Deputy found the rear window of the Quackenbush barn broken ({n}).",
                             address_street=f"{100 + n} Elm Street", address_city="Harpers Ferry",
                             address_zip="25425", case_officer="Sgt. Ramona Vex", supplement_notes="Owner called.")
        for i, v in enumerate(report.victims):
            v.extras.update(last_name="Quackenbush", first_name=f"Zebulon{i}", birth_date=date(1980, 3, 4))
        for i, o in enumerate(report.offenders):
            o.extras.update(last_name="Throckmorton", first_name="Ignatius", middle_name="Q")
        for a in report.arrestees:
            a.extras.update(last_name="Throckmorton", first_name="Ignatius", birth_date=date(1990, 1, 2))
    else:
        report.extras.update(last_name="Pettigrew", first_name="Oswin", birth_date=date(1970, 6, 30))
    return report


# ------------------------------------------------------------------------------------ the local profile
def test_the_shipped_defaults_declare_the_offices_fields_never_exported():
    local = load_local(None)
    ids = [e.id for e in local.elements]
    assert {"narrative", "address_street", "address_city", "address_zip", "last_name", "first_name", "middle_name",
            "birth_date", "case_officer", "supplement_notes"} <= set(ids)
    assert all(e.attrs["export"] == "never" and e.profile == "local" for e in local.elements)
    names = {e.id for e in local.elements if e.attrs.get("person")}
    segments = {p.segment for e in local.elements if e.id in names for p in e.placements}
    assert segments == {"victim", "offender", "arrestee", "group_b"}
    assert local.element("birth_date").attrs["fills"] == "age"
    assert local.element("narrative").value_type.multiline


def test_coordinates_join_a_local_page_where_the_state_has_them(tmp_path):
    path = tmp_path / "local.yaml"
    path.write_text("""\
profile: local
name: Location page
version: "1"
elements:
  - {id: address_street, name: Street, label: "&Street", segment: incident, type: text, export: never}
pages:
  - id: local_location
    after: administrative
    title: Where
    segment: incident
    coordinates: true
    fields: [{element: address_street}]
""")
    local = parse_local(path)
    mo = combine(get_profile("missouri"), local)
    page = next(p for p in mo.pages if p["id"] == "local_location")
    assert [f["element"] for f in page["fields"]] == ["address_street", "mo_latitude", "mo_longitude"]
    fbi = combine(get_profile("fbi"), local)
    page = next(p for p in fbi.pages if p["id"] == "local_location")
    assert [f["element"] for f in page["fields"]] == ["address_street"]
    # the state's own elements and edits are kept; the dictionary holds both
    assert mo.id == "missouri" and mo.edits and mo.dictionary.element("address_street").profile == "local"
    assert mo.dictionary.element("mo_immigration_status").profile == "missouri"
    from desktop.forms.spec import form

    pages = [p.id for p in form("incident", mo.dictionary, mo).pages]
    assert pages[:3] == ["administrative", "local_location", "offenses"]


def test_the_defaults_put_the_address_and_the_narrative_on_the_administrative_page():
    from desktop.forms.spec import form

    mo = combine(get_profile("missouri"), load_local(None))
    spec = form("incident", mo.dictionary, mo)
    pages = {p.id: [f.element.id for f in p.all_fields()] for p in spec.pages}
    assert list(pages)[-2:] == ["arrestees", "review"]  # no page of its own: the wizard keeps its pages
    admin = pages["administrative"]
    assert admin[-8:] == ["mo_latitude", "mo_longitude", "case_officer", "address_street", "address_city",
                          "address_zip", "narrative", "supplement_notes"]
    victims = next(p for p in spec.pages if p.id == "victims")
    # a person's name and date of birth come first in each section of people, as on a paper form
    assert [f.element.id for f in victims.fields][:4] == ["last_name", "first_name", "middle_name", "birth_date"]
    for page in spec.pages:
        if page.section in ("offender", "arrestee"):
            assert [f.element.id for f in page.fields][:4] == ["last_name", "first_name", "middle_name", "birth_date"]


def test_an_agency_declares_its_own_fields_in_its_data_folder(data_dir):
    (data_dir / "local.yaml").write_text("""\
profile: local
name: Harpers Ferry fields
version: "3"
elements:
  - id: tag_number
    name: Evidence Tag
    label: "E&vidence tag"
    segment: incident
    type: text
    length: 20
    export: never
    search: evidence
""")
    st = open_local(data_dir)
    try:
        assert st.dictionary.element("tag_number").profile == "local"
        assert st.dictionary.elements.get("narrative") is None  # its own file replaces the defaults
        r = incident(1)
        r.extras["tag_number"] = "EV-7731"
        rec = st.create(r)
        assert st.get("incident", rec.id).report.extras["tag_number"] == "EV-7731"
        found = st.search(SearchFilter(words="ev 7731"))
        assert [x.id for x in found] == [rec.id]
        assert st.local_matches("incident", [rec.id], "7731")[rec.id].what == "evidence"
    finally:
        st.close()


@pytest.mark.parametrize("text, problem", [
    ("profile: local\nname: x\nversion: '1'\nelements:\n  - {id: a1, name: A, segment: incident, type: text}\n",
     "5: element a1: a local element says 'export: never'"),
    ("profile: local\nname: x\nversion: '1'\nedits: []\n", "4: a local profile has no 'edits'"),
    ("profile: local\nname: x\nversion: '1'\nelements:\n  - {id: a1, name: A, segment: incident, type: text,\n"
     "     export: never, xml: {container: incident, element: 'x:A'}}\n", "element a1: a local element has no 'xml'"),
    ("profile: local\nname: x\nversion: '1'\nelements:\n  - {id: a1, name: A, segment: victim, type: date,\n"
     "     export: never, person: nick}\n", "element a1: person is one of last, first, middle"),
])
def test_a_mistake_in_the_local_file_names_file_and_line(tmp_path, text, problem):
    path = tmp_path / "local.yaml"
    path.write_text(text)
    with pytest.raises(ProfileError) as exc:
        parse_local(path)
    assert str(path) in str(exc.value) and problem in str(exc.value)


def test_a_broken_local_file_leaves_the_defaults_in_use_and_says_why(data_dir):
    (data_dir / "local.yaml").write_text("profile: local\nname: x\nversion: '1'\nedits: []\n")
    st = open_local(data_dir)
    try:
        assert "local.yaml:4" in st.local_error and st.dictionary.element("narrative") is not None
    finally:
        st.close()


def test_names_and_ages_in_words():
    assert person_name({"last_name": "Smith", "first_name": "John", "middle_name": "Q"},
                       load_local(None).elements) == "Smith, John Q"
    assert age_on(date(1990, 5, 3), date(2025, 5, 2)) == "34"
    assert age_on(date(1990, 5, 3), date(2025, 5, 3)) == "35"
    assert age_on(date(2025, 5, 1), date(2025, 5, 1)) == "NN"
    assert age_on(date(2025, 4, 28), date(2025, 5, 1)) == "NB"
    assert age_on(date(2025, 1, 1), date(2025, 5, 1)) == "BB"
    assert age_on(date(2026, 1, 1), date(2025, 5, 1)) is None


# ------------------------------------------------------------------------------------ storage and search
@pytest.fixture
def local_store(data_dir):
    st = open_local(data_dir)
    yield st
    st.close()


def test_local_values_are_kept_and_found_by_the_search_box_saying_where(local_store):
    st = local_store
    a = st.create(with_local_values(incident(1), 1))
    b = st.create(incident(2))
    c = st.create(with_local_values(group_b(1)))
    assert st.get("incident", a.id).report.victims[0].extras["birth_date"] == date(1980, 3, 4)

    def found(words):
        return sorted((r.kind, r.id) for r in st.search(SearchFilter(words=words), limit=None))

    assert found("quack zeb") == [("incident", a.id)]          # a victim's name, by the start of its words
    assert found("THROCK") == [("incident", a.id)]             # an offender's
    assert found("elm harpers") == [("incident", a.id)]        # the address
    assert found("barn") == [("incident", a.id)]               # a word of the narrative
    assert found("pettigrew") == [("group_b", c.id)]           # a Group B arrestee
    assert found(b.report.incident_number) == [("incident", b.id)]  # the number still finds its report
    assert found("nobody") == []
    where = st.local_matches("incident", [a.id], "zebulon")[a.id]
    assert (where.path, where.what, where.text) == ("victims[0]", "name", "Quackenbush, Zebulon0")
    where = st.local_matches("incident", [a.id], "window")[a.id]
    assert where.what == "narrative" and "rear window" in where.text
    assert st.local_matches("incident", [a.id], "ignatius")[a.id].path == "offenders[0]"


def test_the_index_follows_every_change_and_delete(local_store):
    st = local_store
    rec = st.create(with_local_values(incident(1)))
    report = st.get("incident", rec.id).report
    report.victims[0].extras["last_name"] = "Featherstonehaugh"
    report.extras["narrative"] = "A quiet night."
    st.update("incident", rec.id, report)
    assert st.search(SearchFilter(words="quackenbush")) == []
    assert [r.id for r in st.search(SearchFilter(words="feather"))] == [rec.id]
    assert [r.id for r in st.search(SearchFilter(words="quiet"))] == [rec.id]
    report.victims[0].extras.clear()
    st.update("incident", rec.id, report)
    assert st.search(SearchFilter(words="feather")) == []
    st.delete("incident", rec.id)
    assert st.search(SearchFilter(words="throckmorton")) == []
    assert st.count(SearchFilter(words="quiet")) == 0
    assert st.rebuild_local_index() == 0


def test_a_person_entered_once_is_found_again_with_their_nibrs_fields(local_store):
    st = local_store
    first = with_local_values(incident(1))
    st.create(first)
    people = st.people("throck ign")
    assert len(people) == 1  # the offender and the arrestee of one report: one person, newest first
    p = people[0]
    assert p.name.startswith("Throckmorton, Ignatius") and p.record_id == 1
    assert {"sex", "race", "ethnicity", "age"} <= set(p.fields) and p.fields["sex"] in ("M", "F", "U")
    victim = st.people("zebulon0")[0]
    assert victim.path == "victims[0]" and victim.extras["birth_date"] == date(1980, 3, 4)


def test_no_plaintext_name_in_the_data_folder(data_dir):
    st = open_local(data_dir, passphrase="a long passphrase for the test")
    st.create(with_local_values(incident(1)))
    assert [r.kind for r in st.search(SearchFilter(words="quackenbush"))] == ["incident"]
    st.close()
    for needle in ("Quackenbush", "Throckmorton", "Elm Street", "rear window"):
        out = subprocess.run(["grep", "-rl", "-a", needle, str(data_dir)], capture_output=True, text=True)
        assert out.stdout == "", f"{needle} in plain text in {out.stdout}"
    again = open_local(data_dir, passphrase="a long passphrase for the test")
    try:  # and it is all there for who has the passphrase
        assert again.get("incident", 1).report.victims[0].extras["last_name"] == "Quackenbush"
        assert [r.id for r in again.search(SearchFilter(words="quackenbush"))] == [1]
    finally:
        again.close()


def test_search_on_both_databases(backend_store):
    st = backend_store
    apply_agency_profile(st)
    rec = st.create(with_local_values(incident(1)))
    st.create(incident(2))
    assert [r.id for r in st.search(SearchFilter(words="quack zeb"))] == [rec.id]
    assert [r.id for r in st.search(SearchFilter(words="window"))] == [rec.id]
    assert st.local_matches("incident", [rec.id], "throck")[rec.id].path == "offenders[0]"
    assert st.people("zebulon0")[0].record_id == rec.id


# ------------------------------------------------------------------------------------ restricted
def test_a_restricted_local_field_is_hidden_from_a_deputy(data_dir):
    (data_dir / "local.yaml").write_text("""\
profile: local
name: Restricted narrative
version: "1"
elements:
  - {id: narrative, name: Narrative, label: "&Narrative", segment: incident, type: longtext, export: never,
     search: narrative, restricted: true}
  - {id: last_name, name: Last Name, label: "Last na&me", segment: [victim, offender, arrestee, group_b],
     type: text, length: 50, export: never, search: name, person: last}
""")
    from desktop.store import users

    st = open_local(data_dir)
    st.add_user("admin", "admin-password-1", users.ADMINISTRATOR)
    st.login("admin", "admin-password-1")
    st.add_user("dep", "deputy-password-1", users.DEPUTY)
    st.close()
    admin = Store.open(data_dir)
    admin.login("admin", "admin-password-1")
    apply_agency_profile(admin)
    r = incident(1)
    r.extras["narrative"] = "Informant Zanzibar said so."
    r.victims[0].extras["last_name"] = "Zanzibar"
    rec = admin.create(r)
    admin.close()
    dep = Store.open(data_dir)
    dep.login("dep", "deputy-password-1")
    apply_agency_profile(dep)
    try:
        seen = dep.get("incident", rec.id)
        assert "narrative" not in seen.report.extras and seen.restricted_hidden
        assert seen.report.victims[0].extras["last_name"] == "Zanzibar"
        # the deputy finds the report by the name, and is told where: the name, never the narrative
        where = dep.local_matches("incident", [rec.id], "zanzibar")[rec.id]
        assert where.what == "name"
        assert dep.local_matches("incident", [rec.id], "informant") == {}
    finally:
        dep.close()


# ------------------------------------------------------------------------------------ never exported
def _month(folder, fmt, *, local: bool, profile="fbi", ori="WVNDX0100"):
    st = open_local(folder, profile=profile, ori=ori)
    try:
        for n in range(6):
            r = incident(n, ori=ori)
            if profile == "missouri":
                r.extras.update(mo_latitude=Decimal("38.627003"), mo_longitude=Decimal("-90.199402"))
                for o in r.offenders:
                    o.extras["mo_immigration_status"] = "C" if o.sequence_number else "U"
                for a in r.arrestees:
                    a.extras["mo_immigration_status"] = "L"
            st.create(with_local_values(r, n) if local else r, status="approved")
        b = group_b(1, ori=ori)
        if profile == "missouri":
            b.extras["mo_immigration_status"] = "C"
        st.create(with_local_values(b) if local else b, status="approved")
        plan = plan_export(st, MARCH, fmt=fmt, today=date(2025, 4, 2))
        result = run_export(st, plan, folder / "out", now=APRIL_2)
        return result.path
    finally:
        st.close()


def _contents(path):
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in sorted(z.namelist())}
    return {path.name: path.read_bytes()}


@pytest.mark.parametrize("fmt, profile, ori", [("flat", "fbi", "WVNDX0100"), ("xml", "fbi", "WVNDX0100"),
                                               ("state-xml", "missouri", "MO0950000")])
def test_exports_are_byte_identical_with_and_without_local_values(tmp_path, fmt, profile, ori):
    with_values = _month(tmp_path / "with", fmt, local=True, profile=profile, ori=ori)
    without = _month(tmp_path / "without", fmt, local=False, profile=profile, ori=ori)
    assert with_values.name == without.name
    a, b = _contents(with_values), _contents(without)
    assert a == b and a
    blob = b"".join(a.values())
    for needle in (b"Quackenbush", b"Throckmorton", b"Elm Street", b"Pettigrew", b"1980-03-04", b"Vex"):
        assert needle not in blob
    if fmt == "state-xml":  # the state's own values are there: only the local ones are left out
        assert b"38.627003" in blob


# ------------------------------------------------------------------------------------ transfer files
def test_transfer_files_carry_local_values_and_the_office_finds_them(tmp_path):
    from desktop.store import pairing
    from desktop.store.transfer import import_transfer, write_transfer

    (tmp_path / "laptop").mkdir()
    (tmp_path / "office").mkdir()
    laptop = open_local(tmp_path / "laptop")
    laptop.create(with_local_values(incident(1)))
    laptop.create(with_local_values(group_b(1)))
    write_transfer(laptop, tmp_path / "t.ndt", "transfer-pass")
    code = pairing.pairing_code(laptop)
    laptop.close()
    office = open_local(tmp_path / "office")
    pairing.pair(office, code, "system", "the laptop")  # issue 19: only a paired machine's file is read
    try:
        import_transfer(office, tmp_path / "t.ndt", "transfer-pass")
        rec = office.find("incident", "WVNDX0100", incident(1).incident_number)
        assert rec.report.extras["narrative"].startswith("Deputy found")
        assert rec.report.victims[0].extras == {"last_name": "Quackenbush", "first_name": "Zebulon0",
                                                "birth_date": date(1980, 3, 4)}
        assert [r.id for r in office.search(SearchFilter(words="quackenbush"))] == [rec.id]
        assert [r.kind for r in office.search(SearchFilter(words="pettigrew"))] == ["group_b"]
    finally:
        office.close()


def test_where_a_report_matched_agrees_with_the_index_for_accents_and_common_words(local_store):
    st = local_store
    r = incident(1)
    r.victims[0].extras.update(last_name="Núñez", first_name="José")
    r.extras["narrative"] = "The garage_door was open; a garage-sale sign outside."
    rec = st.create(r)
    others = [st.create(with_local_values(incident(n), n)).id for n in range(2, 6)]
    assert [x.id for x in st.search(SearchFilter(words="nunez jose"))] == [rec.id]  # the index folds accents
    where = st.local_matches("incident", [rec.id, *others], "nunez jose")
    assert list(where) == [rec.id] and where[rec.id].path == "victims[0]" and where[rec.id].what == "name"
    assert [x.id for x in st.search(SearchFilter(words="door"))] == [rec.id]  # "garage_door": two words
    assert st.local_matches("incident", [rec.id], "door")[rec.id].what == "narrative"
    assert st.local_matches("incident", [rec.id], "arage") == {}  # a word by its start only, as the index
    assert set(st.local_matches("incident", others, "barn")) == set(others)
