"""State profiles as data: loading, mistakes named by file and line, edits, storage, extension schema."""

from __future__ import annotations

import shutil
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from testpaths import DATA, REPO
from nibrs_samples import allfields_incident, group_b_sample, simple_incident
from desktop.nibrs.profiles import ProfileError, ProfileRegistry, get_profile, migrate_extras, parse_profile
from desktop.nibrs.rules import Context, validate
from desktop.store.db import open_database
from desktop.store.service import InvalidReport, Store

MISSOURI = REPO / "forms" / "profiles" / "missouri.yaml"


def mo_context() -> Context:
    mo = get_profile("missouri")
    return Context(profile="missouri", dictionary=mo.dictionary)


def errors(report, ctx) -> set[str]:
    return {f.error for f in validate(report, ctx)}


def test_shipped_profiles_load():
    reg = ProfileRegistry()
    report = reg.load()
    assert report.errors == []
    assert {"fbi", "missouri", "hawaii"} <= set(report.profiles)
    mo = reg.get("missouri")
    assert mo.version == "2025.1" and mo.state == "MO"
    assert {e.id for e in mo.elements} == {"mo_latitude", "mo_longitude", "mo_immigration_status"}
    status = mo.element("mo_immigration_status")
    assert status.restricted and {p.segment for p in status.placements} == {"offender", "arrestee", "group_b"}
    assert status.widget_name == "mo_immigration_status"
    assert [p.segment for p in mo.element("mo_latitude").placements] == ["incident"]
    assert reg.get("fbi").elements == []


@pytest.mark.parametrize("text, line, words", [
    ("profile: x\nname: X\nversion: '1'\nelements:\n  - id: x_a\n    name: A\n    segment: incident\n    type: colour\n",
     8, "unknown type 'colour'"),
    ("profile: x\nname: X\nversion: '1'\nelements:\n  - id: x_a\n    name: A\n    segment: kitchen\n    type: text\n",
     7, "unknown segment 'kitchen'"),
    ("profile: x\nname: X\nversion: '1'\ncolour: blue\n", 4, "unknown key 'colour'"),
    ("profile: x\nname: X\nversion: '1'\nelements:\n  - id: x_a\n   name: A\n", 6, "not valid YAML"),
    ("profile: x\nname: X\nversion: '1'\nedits:\n  - number: X1\n    segment: offender\n    message: m\n"
     "    when: \"__import__('os')\"\n", 8, "unknown function in condition"),
    ("profile: x\nname: X\nversion: '1'\nedits:\n  - number: X1\n    segment: offender\n    message: m\n"
     "    when: \"age.__class__\"\n", 8, "only incident.<field> may be used with a dot"),
    ("profile: x\nname: X\nversion: '1'\nextend_codes:\n  race:\n    - {code: Q, description: Quux}\n", 6,
     "needs 'fbi:'"),
    ("profile: x\nname: X\nversion: '1'\nextend_codes:\n  colour:\n    - {code: Q, description: Q, fbi: A}\n", 5,
     "no FBI code list 'colour'"),
    ("profile: x\nname: X\nversion: '1'\nelements:\n  - id: x_a\n    name: A\n    segment: offender\n"
     "    type: code\n    codes: nowhere\n", 9, "unknown code list 'nowhere'"),
    ("profile: x\nname: X\nversion: '1'\nedits:\n  - number: X2\n    message: m\n    reject: {elements: ['99Z'], codes: [a]}\n",
     7, "unknown element '99Z'"),
])
def test_a_mistake_names_file_line_and_problem(tmp_path, text, line, words):
    path = tmp_path / "x.yaml"
    path.write_text(text)
    with pytest.raises(ProfileError) as err:
        parse_profile(path)
    assert err.value.path == str(path)
    assert err.value.line == line, str(err.value)
    assert words in str(err.value)
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_a_broken_new_version_keeps_the_last_good_one(tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    shutil.copy(MISSOURI, folder / "missouri.yaml")
    reg = ProfileRegistry()
    reg.load([folder])
    good = reg.get("missouri")
    (folder / "missouri.yaml").write_text(MISSOURI.read_text().replace('version: "2025.1"', 'version: "2026.0"')
                                          .replace("type: decimal", "type: latitude", 1))
    report = reg.load([folder])
    assert len(report.errors) == 1 and "missouri.yaml:" in str(report.errors[0])
    assert "unknown type 'latitude'" in str(report.errors[0])
    assert reg.get("missouri") is good and reg.get("missouri").version == "2025.1"


def test_an_unchanged_profile_file_is_not_parsed_again_a_changed_one_is(tmp_path, monkeypatch):
    """The start loads the profiles twice (the store, then the session): a file whose bytes did not change is
    not parsed again; one edited in between is, and a broken edit keeps the last good one."""
    import desktop.nibrs.profiles as profiles

    folder = tmp_path / "profiles"
    folder.mkdir()
    shutil.copy(MISSOURI, folder / "missouri.yaml")
    parsed = []
    real = profiles.parse_profile
    monkeypatch.setattr(profiles, "parse_profile", lambda path: parsed.append(path.name) or real(path))
    reg = ProfileRegistry()
    reg.load([folder])
    first = reg.get("missouri")
    assert reg.load([folder]).errors == [] and reg.get("missouri") is first and parsed == ["missouri.yaml"]
    (folder / "missouri.yaml").write_text(MISSOURI.read_text().replace("name: Missouri (MIBRS)",
                                                                       "name: Missouri (MIBRS, edited)"))
    reg.load([folder])
    assert reg.get("missouri").name == "Missouri (MIBRS, edited)" and len(parsed) == 2
    (folder / "missouri.yaml").write_text("profile: missouri\nversion: [")  # broken: said, last good kept
    report = reg.load([folder])
    assert len(report.errors) == 1 and reg.get("missouri").name == "Missouri (MIBRS, edited)"
    shutil.copy(MISSOURI, folder / "missouri.yaml")  # the first bytes again: parsed again (only the last is kept)
    reg.load([folder])
    assert reg.get("missouri").name == "Missouri (MIBRS)" and parsed.count("missouri.yaml") == 4


def test_an_installed_newer_profile_wins_over_the_shipped_one(tmp_path):
    user = tmp_path / "data" / "profiles"
    user.mkdir(parents=True)
    newer = MISSOURI.read_text().replace('version: "2025.1"', 'version: "2026.0"').replace(
        "name: Missouri (MIBRS)", "name: Missouri (MIBRS, 2026 rules)")
    (user / "missouri.yaml").write_text(newer)
    reg = ProfileRegistry()
    reg.load([MISSOURI.parent, user])
    assert reg.get("missouri").version == "2026.0"
    assert reg.get("missouri").name == "Missouri (MIBRS, 2026 rules)"


def test_missouri_immigration_status_edits():
    ctx = mo_context()
    inc = simple_incident()
    assert "MO-501" in errors(inc, ctx)  # missing for offender 1
    inc.offenders[0].extras["mo_immigration_status"] = "C"
    assert not {"MO-501", "MO-502", "MO-503"} & errors(inc, ctx)
    inc.offenders[0].extras["mo_immigration_status"] = "U"
    assert "MO-503" in errors(inc, ctx)  # a known offender cannot be 'offender unknown'
    inc.offenders[0].sequence_number = 0
    inc.offenders[0].age = inc.offenders[0].sex = inc.offenders[0].race = inc.offenders[0].ethnicity = None
    assert not {"MO-502", "MO-503"} & errors(inc, ctx)
    inc.offenders[0].extras["mo_immigration_status"] = "L"
    assert "MO-502" in errors(inc, ctx)
    inc.offenders[0].extras["mo_immigration_status"] = "Z"
    assert "MO-CODE" in errors(inc, ctx)
    # the FBI profile knows nothing of these
    assert not {e for e in errors(inc, Context()) if e.startswith("MO")}


def test_missouri_rejects_retired_codes():
    ctx = mo_context()
    arrest = group_b_sample()
    arrest.extras["mo_immigration_status"] = "C"
    assert "MO-601" not in errors(arrest, ctx)
    arrest.arrest_offense_code = "90I"
    found = [f for f in validate(arrest, ctx) if f.error == "MO-601"]
    assert len(found) == 1 and found[0].value == "90I" and "90I" in found[0].message
    assert "MO-601" not in errors(arrest, Context())
    inc = simple_incident()
    inc.offenses[0].location_type = "22"
    assert "MO-602" in errors(inc, ctx)


def test_profile_values_are_stored_typed_and_checked(data_dir):
    mo = get_profile("missouri")
    store = Store(open_database(data_dir), dictionary=mo.dictionary, profile=mo.id, profile_version=mo.version)
    inc = simple_incident()
    inc.extras.update(mo_latitude=Decimal("38.627003"), mo_longitude=Decimal("-90.199402"))
    inc.offenders[0].extras["mo_immigration_status"] = "C"
    stored = store.create(inc)
    back = store.get("incident", stored.id)
    assert back.report == inc and back.profile == "missouri" and back.profile_version == "2025.1"
    assert isinstance(back.report.extras["mo_latitude"], Decimal)
    bad = simple_incident("25-000002")
    bad.extras["mo_latitude"] = Decimal("41.5")  # Iowa
    with pytest.raises(InvalidReport, match="Incident Latitude: 41.5 is outside 35.99 to 40.62"):
        store.create(bad)
    bad.extras["mo_latitude"] = Decimal("38.1234567")
    with pytest.raises(InvalidReport, match="more than 6 decimals"):
        store.create(bad)
    # opened under another profile, the values are still there, untouched
    fbi_store = Store(open_database(data_dir))
    assert fbi_store.get("incident", stored.id).report.extras["mo_latitude"] in ("38.627003", Decimal("38.627003"))
    assert fbi_store.get("incident", stored.id).report.offenders[0].extras == {"mo_immigration_status": "C"}
    fbi_store.update("incident", stored.id, fbi_store.get("incident", stored.id).report)
    assert store.get("incident", stored.id).report == inc


def test_hawaii_adds_race_codes_that_become_fbi_codes():
    hi = get_profile("hawaii")
    race = hi.dictionary.code_list("race")
    assert race["C"].description == "Chinese" and "W" in race
    assert hi.fbi_code("race", "C") == "A" and hi.fbi_code("race", "S") == "P" and hi.fbi_code("race", "W") == "W"
    inc = simple_incident()
    inc.victims[0].race = "J"
    assert "404" in errors(inc, Context())
    assert "404" not in errors(inc, Context(profile="hawaii", dictionary=hi.dictionary))


def test_migrating_values_from_an_older_profile_version(tmp_path):
    text = MISSOURI.read_text().replace('version: "2025.1"', 'version: "2026.0"') + textwrap.dedent("""
        migrations:
          - from: "2025.1"
            rename: {mo_imm_status: mo_immigration_status}
            values: {mo_immigration_status: {X: N}}
        """)
    path = tmp_path / "missouri.yaml"
    path.write_text(text)
    p = parse_profile(path)
    assert migrate_extras(p, "2025.1", {"mo_imm_status": "X"}) == {"mo_immigration_status": "N"}
    assert migrate_extras(p, "2026.0", {"mo_imm_status": "X"}) == {"mo_imm_status": "X"}


def _mibrs_schema(tmp_path: Path) -> etree.XMLSchema:
    mo = get_profile("missouri")
    fbi = REPO / "resources" / "fbi" / "xsd-iepd-2019.1" / "base-xsd" / "nibrs" / "2019" / "nibrs.xsd"
    wrapper = tmp_path / "mibrs-entry.xsd"
    wrapper.write_text(f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://fbi.gov/cjis/nibrs/2019" schemaLocation="{fbi.as_uri()}"/>
  <xsd:import namespace="{mo.xml_namespace[1]}" schemaLocation="{mo.xml_schema.as_uri()}"/>
</xsd:schema>""")
    return etree.XMLSchema(etree.parse(str(wrapper)))


def test_missouri_extension_schema_accepts_mibrs_additions(tmp_path):
    schema = _mibrs_schema(tmp_path)
    ns = {"nc": "http://release.niem.gov/niem/niem-core/3.0/", "mo": get_profile("missouri").xml_namespace[1]}
    doc = etree.parse(str(DATA / "xml" / "nibrs_AllFields_Sample.xml"))
    assert schema.validate(doc), schema.error_log
    incident = doc.find(".//nc:Incident", ns)
    aug = etree.SubElement(incident, f"{{{ns['mo']}}}IncidentAugmentation")
    etree.SubElement(aug, f"{{{ns['mo']}}}IncidentLatitude").text = "38.627003"
    etree.SubElement(aug, f"{{{ns['mo']}}}IncidentLongitude").text = "-90.199402"
    subject = doc.xpath(".//nc:Person[@s:id='PersonSubject1']", namespaces={
        **ns, "s": "http://release.niem.gov/niem/structures/3.0/"})[0]
    paug = etree.SubElement(subject, f"{{{ns['mo']}}}PersonAugmentation")
    status = etree.SubElement(paug, f"{{{ns['mo']}}}PersonImmigrationStatusCode")
    status.text = "C"
    assert schema.validate(doc), schema.error_log
    status.text = "Z"
    assert not schema.validate(doc)


def test_allfields_sample_under_missouri_needs_status():
    inc = allfields_incident()
    found = [f for f in validate(inc, mo_context()) if f.error == "MO-501"]
    assert {f.path for f in found} == {"offenders[0].mo_immigration_status", "arrestees[0].mo_immigration_status"}


def test_records_saved_under_an_older_profile_version_open_with_the_new_names(data_dir, tmp_path):
    """A state renames an element in a new profile version: old records open (and export) under the new name."""
    from desktop.nibrs.state_xml import read_state_xml, to_state_xml
    from desktop.nibrs import model as m
    from desktop.store.profiles import apply_agency_profile
    from desktop.store.service import AgencySettings

    old_text = MISSOURI.read_text().replace("mo_latitude", "mo_lat").replace("pair: mo_longitude", "")
    old_dir = tmp_path / "old"
    old_dir.mkdir()
    (old_dir / "missouri.yaml").write_text(old_text.replace('version: "2025.1"', 'version: "2025.0"'))
    old = parse_profile(old_dir / "missouri.yaml")
    store = Store(open_database(data_dir), dictionary=old.dictionary, profile=old.id, profile_version=old.version)
    store.save_agency(AgencySettings("WVNDX0100", "Test County SO", state_profile="missouri"))
    inc = simple_incident()
    inc.extras["mo_lat"] = Decimal("38.5")
    inc.offenders[0].extras["mo_immigration_status"] = "C"
    r = store.create(inc)
    store.close()
    # the office installs the new version, which renames mo_lat to mo_latitude
    user_profiles = data_dir / "profiles"
    user_profiles.mkdir()
    (user_profiles / "missouri.yaml").write_text(MISSOURI.read_text().replace('version: "2025.1"', 'version: "2026.0"')
                                                 + '\nmigrations:\n  - from: "2025.0"\n    rename: {mo_lat: mo_latitude}\n')
    store = Store.open(data_dir)
    profile = apply_agency_profile(store)
    assert profile.version == "2026.0"
    record = store.get("incident", r.id)
    assert record.profile_version == "2025.0"
    assert record.report.extras == {"mo_latitude": Decimal("38.5")}
    data = to_state_xml(m.Submission(report=record.report, action="I", year=2025, month=3), profile)
    assert read_state_xml(data, profile)[0].report.extras == {"mo_latitude": Decimal("38.5")}
    store.close()
    from desktop.nibrs.profiles import REGISTRY
    REGISTRY.load()  # back to the shipped profiles for the other tests


def _installed(tmp_path, text: str):
    user = tmp_path / "data" / "profiles"
    user.mkdir(parents=True, exist_ok=True)
    (user / "missouri.yaml").write_text(text)
    reg = ProfileRegistry()
    return reg, reg.load([MISSOURI.parent, user]), user / "missouri.yaml"


def test_a_data_folder_profile_may_not_loosen_a_restriction(tmp_path):
    """Issue 19: a copy of missouri.yaml with ``restricted: false`` and a higher version is refused (file and line);
    the shipped profile stays in force, its immigration status restricted."""
    text = MISSOURI.read_text().replace('version: "2025.1"', 'version: "2026.0"')
    loose = text.replace("restricted: true", "restricted: false")
    reg, report, path = _installed(tmp_path, loose)
    line = loose.splitlines().index("    restricted: false") + 1
    assert [str(e) for e in report.errors] == [
        f"{path}:{line}: refused: it does not restrict element mo_immigration_status, which the shipped profile "
        "missouri 2025.1 restricts; a profile in the data folder may add elements or tighten restrictions, never "
        "loosen them"]
    mo = reg.get("missouri")
    assert mo.version == "2025.1" and mo.element("mo_immigration_status").restricted
    # the line left out altogether is the same loosening, named at the element
    reg, report, path = _installed(tmp_path, text.replace("    restricted: true\n", ""))
    start = text.splitlines().index("  - id: mo_immigration_status") + 1
    assert f"{path}:{start}: refused: it does not restrict element mo_immigration_status" in str(report.errors[0])
    # an element dropped (a small profile of its own: Missouri's edits name its element)
    shipped, user = tmp_path / "shipped", tmp_path / "data2" / "profiles"
    shipped.mkdir()
    user.mkdir(parents=True)
    small = textwrap.dedent("""\
        profile: tst
        name: Test
        version: "1.0"
        elements:
          - id: tst_note
            name: Note
            segment: incident
            type: text
            length: 20
            restricted: true
        """)
    (shipped / "tst.yaml").write_text(small)
    (user / "tst.yaml").write_text(small.replace('"1.0"', '"2.0"').replace("tst_note", "tst_other")
                                   .replace("    restricted: true\n", ""))
    reg = ProfileRegistry()
    report = reg.load([shipped, user])
    assert [str(e) for e in report.errors] == [
        f"{user / 'tst.yaml'}:4: refused: it drops element tst_note, which the shipped profile tst 1.0 restricts; "
        "a profile in the data folder may add elements or tighten restrictions, never loosen them"]
    assert reg.get("tst").version == "1.0"


def test_a_data_folder_profile_may_add_elements_and_tighten(tmp_path):
    text = MISSOURI.read_text().replace('version: "2025.1"', 'version: "2026.0"')
    tighter = text.replace("    pair: mo_longitude\n", "    pair: mo_longitude\n    restricted: true\n")
    added = tighter.replace("elements:\n", "elements:\n  - id: mo_tribal_land\n    name: Tribal Land\n"
                                          "    segment: incident\n    type: text\n    length: 20\n", 1)
    reg, report, _path = _installed(tmp_path, added)
    assert report.errors == []
    mo = reg.get("missouri")
    assert mo.version == "2026.0" and mo.element("mo_latitude").restricted and mo.element("mo_tribal_land")
    assert mo.element("mo_immigration_status").restricted
