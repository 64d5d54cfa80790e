"""Every FBI sample file validated as a file, with the findings a careful reading of spec 2019.1 predicts.

The IEPD's AllFields, Group A incident and replace samples are schema showcases, not valid incidents:
each element appears once, whether or not the offense takes it. The findings below are what
section 5.2 of the specification says of each part (one line per finding, with the reason). The
Group B arrest, delete and zero report samples are valid; so are the FBI's four small flat files.
Each sample is checked on its own (validated together, reports earlier in the run would be "on
file": the Group B sample's arrest of 02/2016 makes the zero report for 02/2016 an 029).

Records: an XML document is record 1 of its input; a flat file's records are its non-empty lines.
"""

from __future__ import annotations

import pytest

from validate_helpers import check, summary
from testpaths import DATA, SHARED, shared_path

# ---------------------------------------------------------------------------- the AllFields sample
# One offense: an *attempted* motor vehicle theft (240) at location 58 (cyberspace), with the data only
# other offenses take; property of every loss type; an officer victim with a 7-character 25C ORI.
ALLFIELDS = [
    ("205", 1, "offenses[0].location_type"),  # 240 cannot take place in cyberspace (58)
    ("219", 1, "offenses[0].criminal_activities[0]"),  # gang code N is for violent offenses, not 240
    ("222", 1, "offenses[0].weapons[0]"),  # 240 takes no weapon/force
    ("252", 1, "offenses[0].premises_entered"),  # premises entered only for a burglary (220) at 14/19
    ("254", 1, "offenses[0].method_of_entry"),  # method of entry only for a burglary
    ("1209", 1, "offenses[0].weapons[0]"),  # warning: automatic firearm 11A
    # property: an attempted 240 allows only loss types 1 (none) and 8 (unknown) (077/081)
    ("352", 1, "properties[0].items[0].date_recovered"),  # loss type 1 with description, value, date
    ("352", 1, "properties[0].items[0].description"),
    ("352", 1, "properties[0].items[0].value"),
    ("081", 1, "properties[1].loss_type"),  # burned, counterfeited, destroyed, recovered: not with attempted 240
    ("081", 1, "properties[2].loss_type"),
    ("081", 1, "properties[3].loss_type"),
    ("081", 1, "properties[4].loss_type"),
    ("355", 1, "properties[1].items[0].date_recovered"),  # a date recovered needs loss type 5
    ("355", 1, "properties[2].items[0].date_recovered"),
    ("355", 1, "properties[3].items[0].date_recovered"),
    ("306", 1, "properties[4].items[1].description"),  # aircraft (01) twice among the recovered items
    ("072", 1, "properties[4].items[0].description"),  # recovered, never reported stolen (all four items of
    # this one property segment: one finding per number, segment and element, as for a flat file's record)
    ("073", 1, "properties[4].recovered_vehicles"),  # 41 vehicles recovered, none stolen
    ("360", 1, "properties[4].recovered_vehicles"),  # recovered vehicles need a completed 240
    ("362", 1, "properties[4].drugs[0].drug_type"),  # X (over 3 drug types) without two other types
    ("363", 1, "properties[4].drugs[0].measurement"),  # ... and with a quantity and a measurement
    ("363", 1, "properties[4].drugs[0].quantity"),
    ("365", 1, "properties[4].drugs[0].drug_type"),  # a drug type without a drug/narcotic violation (35A)
    ("384", 1, "properties[4].drugs[0].quantity"),  # measurement XX (lab) needs quantity 1; it is 1.5
    # victims of 240: no circumstances, justifiable-homicide details or injuries (relationships are
    # allowed for a crime against property, section 3.3 Table 3-49)
    ("952", 1, "victims[0].officer_ori"),  # 25C "WVNDX01" is not a nine-character ORI
    ("482", 1, "victims[0].victim_type"),  # an officer victim (L) only for 09A/13A/13B/13C
    ("419", 1, "victims[0].circumstances[0]"),
    ("419", 1, "victims[0].injuries[0]"),
    ("457", 1, "victims[0].justifiable_homicide"),  # DE 32 without circumstance 20/21
    ("419", 1, "victims[1].circumstances[0]"),
    ("419", 1, "victims[1].injuries[0]"),
    ("457", 1, "victims[1].justifiable_homicide"),
    # arrestee: 25 years old with a juvenile disposition. (Arrested 02/28, after the exceptional
    # clearance of 02/25, so 071 does not apply; offender 1 is known, so 558 does not either.)
    ("653", 1, "arrestees[0].disposition_under_18"),
]

# ---------------------------------------------------------------------------- the Group A incident sample
# A completed aggravated assault (13A) at location 58 with an automatic firearm and premises entered,
# six property records although no offense here involves property, and two victims with the
# additional justifiable homicide circumstances of 09C.
GROUP_A = [
    ("205", 1, "offenses[0].location_type"),  # an aggravated assault does not take place in cyberspace
    ("252", 1, "offenses[0].premises_entered"),  # premises entered only for a burglary at 14/19
    ("1209", 1, "offenses[0].weapons[0]"),  # warning: automatic firearm 11A
    ("076", 1, "properties[0].loss_type"),  # property records, but 13A involves no property (077/078/081 then
    # say nothing more about loss types)
    ("355", 1, "properties[1].items[0].date_recovered"),  # dates recovered with loss types 2, 3, 4, 6
    ("355", 1, "properties[2].items[0].date_recovered"),
    ("355", 1, "properties[3].items[0].date_recovered"),
    ("355", 1, "properties[5].items[0].date_recovered"),
    ("072", 1, "properties[4].items[0].description"),  # an aircraft recovered, never stolen
    ("365", 1, "properties[5].drugs[0].drug_type"),  # a drug type without a drug/narcotic violation
    ("457", 1, "victims[0].justifiable_homicide"),  # DE 32 without circumstance 20/21
    ("457", 1, "victims[1].justifiable_homicide"),
]
# The replace sample is the same incident at location 16 (a parking lot): no 205.
GROUP_A_REPLACE = [f for f in GROUP_A if f[0] != "205"]
# Hawaii's samples carry the state's race code C (hi_nibrs_codes.xsd) for victim 1; the FBI's table has
# W, B, I, A, P, U (the state maps its codes before it sends data to the FBI): 404.
HAWAII_RACE = [("404", 1, "victims[0].race")]
# IEPD 4.2 RC2's Group B sample: arrest offense 64A (a Group A offense: 760) and a juvenile disposition
# for a 30-year-old (753); the 2019.1 sample corrected both (90Z, no disposition).
GROUP_B_42 = [("753", 1, "disposition_under_18"), ("760", 1, "arrest_offense_code")]

PREDICTED = {
    ("iepd-2019.1", "nibrs_AllFields_Sample.xml"): ALLFIELDS,
    ("iepd-2019.1", "nibrs_GroupAIncident_Sample.xml"): GROUP_A,
    ("iepd-2019.1", "nibrs_GroupAReplace_Sample.xml"): GROUP_A_REPLACE,
    ("iepd-2019.1", "nibrs_GroupBArrest_Sample.xml"): [],
    ("iepd-2019.1", "nibrs_GroupBArrestDelete_Sample.xml"): [],
    ("iepd-2019.1", "nibrs_IncidentDelete_Sample.xml"): [],
    ("iepd-2019.1", "nibrs_ZeroReport_Sample.xml"): [],
    ("iepd-2019.1-hawaii", "nibrs_GroupAIncident_Sample-HI.xml"): GROUP_A + HAWAII_RACE,
    ("iepd-2019.1-hawaii", "nibrs_GroupAReplace_Sample-HI.xml"): GROUP_A_REPLACE + HAWAII_RACE,
    # 4.2 RC2: the same documents under older namespaces, with these differences from 2019.1
    ("iepd-4.2-rc2", "nibrs_AllFields_Sample.xml"): ALLFIELDS,
    ("iepd-4.2-rc2", "nibrs_GroupAIncident_Sample.xml"): GROUP_A_REPLACE,  # at location 16, not 58
    ("iepd-4.2-rc2", "nibrs_GroupAReplace_Sample.xml"): GROUP_A_REPLACE,  # DESTROYED read as loss type 4
    ("iepd-4.2-rc2", "nibrs_GroupBArrest_Sample.xml"): GROUP_B_42,
    ("iepd-4.2-rc2", "nibrs_GroupBArrestDelete_Sample.xml"): [],
    ("iepd-4.2-rc2", "nibrs_IncidentDelete_Sample.xml"): [],
    ("iepd-4.2-rc2", "nibrs_ZeroReport_Sample.xml"): [],
}
COPIES = {"iepd-2019.1": DATA / "xml", "iepd-2019.1-hawaii": DATA / "xml-hawaii", "iepd-4.2-rc2": DATA / "xml-4.2-rc2"}
WARNINGS = {("1209", 1, "offenses[0].weapons[0]")}


def _ids(keys):
    return ["/".join(k) for k in keys]


@pytest.mark.parametrize("folder, name", sorted(k for k in PREDICTED if k[0] in COPIES),
                         ids=_ids(sorted(k for k in PREDICTED if k[0] in COPIES)))
@pytest.mark.parametrize("spec", ["2019.1", "2025.0"])
def test_fbi_xml_samples_copied_into_the_project(folder, name, spec):
    findings, checker = check(COPIES[folder] / name, spec_version=spec)
    assert summary(findings) == sorted(PREDICTED[folder, name])
    assert {(f.error, f.record, f.path) for f in findings if f.severity == "warning"} <= WARNINGS
    assert checker.tally.reports == 1 and checker.tally.unreadable == 0


def test_every_fbi_xml_sample_in_shared_is_predicted():
    folder = shared_path("nibrs", "samples", "xml")
    assert {(p.parent.name, p.name) for p in folder.glob("*/*.xml")} == set(PREDICTED)


@pytest.mark.parametrize("folder, name", sorted(PREDICTED), ids=_ids(sorted(PREDICTED)))
def test_every_fbi_xml_sample_in_shared(folder, name):
    path = shared_path("nibrs", "samples", "xml", folder, name)
    findings, checker = check(path)
    assert summary(findings) == sorted(PREDICTED[folder, name])
    assert checker.tally.reports == 1


def test_the_copies_are_the_shared_samples():
    if not SHARED.exists():
        pytest.skip(f"{SHARED} is not available")
    for folder, copy in COPIES.items():
        for path in copy.glob("*.xml"):
            original = shared_path("nibrs", "samples", "xml", folder, path.name)
            assert original.read_bytes() == path.read_bytes(), path


def test_valid_samples_give_exit_status_0_and_the_showcases_1(tmp_path):
    from validate_helpers import run_cli

    ok = run_cli("validate", str(DATA / "xml" / "nibrs_GroupBArrest_Sample.xml"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "0 errors" in ok.stdout
    bad = run_cli("validate", str(DATA / "xml" / "nibrs_AllFields_Sample.xml"))
    assert bad.returncode == 1


# ---------------------------------------------------------------------------- the small flat files
# The FBI's flat samples are valid. SEARCH's two parser fixtures (pct-*.txt) hold two incidents of
# 11/2016 whose victim lines are not all laid out as positions 90-127 say: victim 1 of 16024058 and
# both victims of 16033481 have their relationship groups one position late (the injury is followed by
# five blanks, not four), so the FBI reads offender numbers " 0", "O0", "G ", "K "... (not numbers
# with zero left-fill: 402) and relationships "1V", "2B", "1O", "01"... (not codes: 404). One finding
# per number, record and element. With two offenders in each incident, a victim of the simple assault
# (13B, a crime against a person) must be related to both (085): the shifted victims are related to
# no valid offender number, and victim 2 of 16024058 to offender 01 only. Offenses with bias
# motivation 99 (unknown) get warning 1220, and two such offenses in one incident 1226.
PCT_INCIDENT_1 = [
    ("1220", 2, "offenses[0].bias_motivations[0]"),
    ("1220", 3, "offenses[1].bias_motivations[0]"),
    ("1226", 3, "offenses[1].bias_motivations[0]"),
    ("402", 5, "victims[0].relationships[0].offender_number"),  # " 0" (and "O0", "G " at [1], [2])
    ("404", 5, "victims[0].relationships[0].relationship"),  # "1V" (and "2B" at [1])
    ("085", 5, "victims[0].relationships"),
    ("085", 6, "victims[1].relationships"),  # related to offender 01 only
]
PCT_INCIDENT_2 = [
    ("1220", 10, "offenses[0].bias_motivations[0]"),  # the 13B offense has bias 88: one warning, no 1226
    ("402", 13, "victims[0].relationships[0].offender_number"),  # " 0", "O0", "K ", "VO", "BG"
    ("404", 13, "victims[0].relationships[0].relationship"),  # "1V", "1O", "01", "02"
    ("085", 13, "victims[0].relationships"),
    ("402", 14, "victims[1].relationships[0].offender_number"),
    ("404", 14, "victims[1].relationships[0].relationship"),  # "2V", "1O", "02", "02"
    ("085", 14, "victims[1].relationships"),
]
FLAT_PREDICTED = {
    "Flatfile-XML_Test_1.txt": [], "Flatfile-XML_Test_2.txt": [], "Flatfile-XML_Test_3.txt": [],
    "NIBRS_Test_Sample.txt": [],
    "pct-unit-test.txt": PCT_INCIDENT_1,
    "pct-instance-test.txt": PCT_INCIDENT_1 + PCT_INCIDENT_2,  # its arrestee (record 17) is valid
}


def test_every_small_flat_sample_is_predicted():
    assert {p.name for p in (DATA / "flat").glob("*.txt")} == set(FLAT_PREDICTED)


@pytest.mark.parametrize("name", sorted(FLAT_PREDICTED))
@pytest.mark.parametrize("spec", ["2019.1", "2025.0"])
def test_small_flat_samples(name, spec):
    findings, checker = check(DATA / "flat" / name, spec_version=spec)
    assert summary(findings) == sorted(FLAT_PREDICTED[name])
    warnings = {(f.error, f.record) for f in findings if f.severity == "warning"}
    assert warnings == {(e, r) for e, r, _p in FLAT_PREDICTED[name] if len(e) == 4}
    assert checker.tally.unreadable == 0


def test_the_shifted_relationships_are_read_where_the_fbi_reads_them():
    """The raw values behind the pct findings: what positions 90-127 hold on the shifted victim line."""
    findings, _ = check(DATA / "flat" / "pct-unit-test.txt")
    by = {(f.error, f.path): f.value for f in findings}
    assert by["402", "victims[0].relationships[0].offender_number"] == " 0"
    assert by["404", "victims[0].relationships[0].relationship"] == "1V"


# ---------------------------------------------------------------------------- the real monthly files
REAL = {
    # name: (segments, reports, error numbers found)
    "honolulupdNIBRSReport-2019-05.txt": (23853, 5467, {"751", "088", "704", "390", "074", "470"}),
    "VTUCR0001_20200420_NIBRS_010.txt": (6516, 1792, {"304", "390"}),
}


@pytest.mark.volume
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_monthly_files_read_to_the_end_and_validate(name):
    path = shared_path("nibrs", "samples", "flat", "realistic-unverified", name)
    findings, checker = check(path)
    segments, reports, errors = REAL[name]
    t = checker.tally
    assert (t.segments, t.reports, t.unreadable) == (segments, reports, 0)
    assert {f.error for f in findings if f.severity == "error"} == errors
    assert t.errors < reports * 0.1
    assert all(f.record and f.ori and f.incident for f in findings)
