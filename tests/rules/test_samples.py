"""What the FBI specification predicts for the FBI's own sample reports.

The IEPD's nibrs_AllFields_Sample.xml shows every element once; it is not a valid incident. Its
one offense is an *attempted* motor vehicle theft (240) at location 58 (cyberspace), yet it
carries data that only other offenses take (weapon, premises entered, method of entry, gang
code, circumstances, injuries...), property with every loss type, an officer victim, and a
7-character 25C ORI. The list below is what spec 2019.1 section 5.2 says of each part; the
Group B arrest and zero report samples are valid.
"""

from __future__ import annotations

import pytest

from nibrs_samples import allfields_incident, group_b_sample, zero_report_sample
from desktop.nibrs.rules import Context, validate

ALLFIELDS_PREDICTED = {
    # offense: 240 takes none of these, and cannot happen in cyberspace
    ("205", "offenses[0].location_type"),  # location 58 with 240
    ("219", "offenses[0].criminal_activities[0]"),  # N (gang: none/unknown) is for violent offenses
    ("222", "offenses[0].weapons[0]"),  # no weapon with 240
    ("252", "offenses[0].premises_entered"),  # premises only for burglary at 14/19
    ("254", "offenses[0].method_of_entry"),  # method of entry only for burglary
    ("1209", "offenses[0].weapons[0]"),  # warning: automatic firearm 11A
    # property: an attempted 240 allows only loss types 1 (none) and 8 (unknown)
    ("352", "properties[0].items[0].description"),  # loss 1 with description, value, date
    ("352", "properties[0].items[0].value"),
    ("352", "properties[0].items[0].date_recovered"),
    ("081", "properties[1].loss_type"),  # burned
    ("081", "properties[2].loss_type"),  # counterfeited
    ("081", "properties[3].loss_type"),  # destroyed
    ("081", "properties[4].loss_type"),  # recovered
    ("355", "properties[1].items[0].date_recovered"),  # a recovery date with loss types 2, 3, 4
    ("355", "properties[2].items[0].date_recovered"),
    ("355", "properties[3].items[0].date_recovered"),
    ("306", "properties[4].items[1].description"),  # aircraft (01) twice among the recovered items
    ("072", "properties[4].items[0].description"),  # recovered but never reported stolen
    ("072", "properties[4].items[1].description"),
    ("072", "properties[4].items[2].description"),
    ("072", "properties[4].items[3].description"),
    ("073", "properties[4].recovered_vehicles"),  # 41 recovered, none stolen
    ("360", "properties[4].recovered_vehicles"),  # recovered vehicles need a completed 240
    ("362", "properties[4].drugs[0].drug_type"),  # X (over 3 drug types) without two other types
    ("363", "properties[4].drugs[0].quantity"),  # ... and with a quantity and a measurement
    ("363", "properties[4].drugs[0].measurement"),
    ("365", "properties[4].drugs[0].drug_type"),  # a drug type without a drug offense (35A)
    ("384", "properties[4].drugs[0].quantity"),  # measurement XX (lab) needs quantity 1; it is 1.5
    # victims: a victim of 240 takes no circumstances or injury (a relationship to the offender is allowed)
    ("952", "victims[0].officer_ori"),  # 25C "WVNDX01" has 7 characters
    ("482", "victims[0].victim_type"),  # an officer victim (L) only for 09A/13A/13B/13C
    ("419", "victims[0].circumstances[0]"),
    ("419", "victims[0].injuries[0]"),
    ("457", "victims[0].justifiable_homicide"),  # DE 32 without circumstance 20/21
    ("419", "victims[1].circumstances[0]"),
    ("419", "victims[1].injuries[0]"),
    ("457", "victims[1].justifiable_homicide"),
    # arrestee: 25 years old with a juvenile disposition
    ("653", "arrestees[0].disposition_under_18"),
}


@pytest.mark.parametrize("spec", ["2019.1", "2025.0"])
def test_allfields_sample_gets_what_the_spec_predicts(spec):
    found = {(f.error, f.path) for f in validate(allfields_incident(), Context(spec_version=spec))}
    assert found == ALLFIELDS_PREDICTED


def test_allfields_sample_severities():
    by = {(f.error, f.path): f.severity for f in validate(allfields_incident())}
    assert by[("1209", "offenses[0].weapons[0]")] == "warning"
    assert {s for (n, _p), s in by.items() if n != "1209"} == {"error"}


@pytest.mark.parametrize("make", [group_b_sample, zero_report_sample])
@pytest.mark.parametrize("spec", ["2019.1", "2025.0"])
def test_group_b_and_zero_report_samples_are_valid(make, spec):
    assert validate(make(), Context(spec_version=spec)) == []


# The IEPD's Group A incident sample: a completed aggravated assault (13A) at location 58 with an
# automatic firearm, premises entered, six property records (no offense here involves property)
# and two victims with 09C's additional circumstances.
GROUP_A_SAMPLE_PREDICTED = {
    ("205", "offenses[0].location_type"),  # an aggravated assault does not take place in cyberspace
    ("252", "offenses[0].premises_entered"),  # premises only for burglary at 14/19
    ("1209", "offenses[0].weapons[0]"),  # warning: automatic firearm 11A
    ("076", "properties[0].loss_type"),  # property records, but 13A involves no property
    ("355", "properties[1].items[0].date_recovered"),  # recovery dates with loss types 2, 3, 4, 6
    ("355", "properties[2].items[0].date_recovered"),
    ("355", "properties[3].items[0].date_recovered"),
    ("355", "properties[5].items[0].date_recovered"),
    ("072", "properties[4].items[0].description"),  # an aircraft recovered, never stolen
    ("365", "properties[5].drugs[0].drug_type"),  # a drug type without a drug offense
    ("457", "victims[0].justifiable_homicide"),  # DE 32 without circumstance 20/21
    ("457", "victims[1].justifiable_homicide"),
}


@pytest.mark.parametrize("name, predicted", [
    ("nibrs_AllFields_Sample.xml", ALLFIELDS_PREDICTED),
    ("nibrs_GroupAIncident_Sample.xml", GROUP_A_SAMPLE_PREDICTED),
    ("nibrs_GroupAReplace_Sample.xml", GROUP_A_SAMPLE_PREDICTED - {("205", "offenses[0].location_type")}),
    ("nibrs_GroupBArrest_Sample.xml", set()),
    ("nibrs_GroupBArrestDelete_Sample.xml", set()),
    ("nibrs_IncidentDelete_Sample.xml", set()),
    ("nibrs_ZeroReport_Sample.xml", set()),
])
def test_fbi_xml_samples_read_from_file(name, predicted):
    """The same predictions for the FBI's XML files as the XML reader reads them (with their actions)."""
    from testpaths import DATA
    from desktop.nibrs.xmlio import read_xml

    for sub in read_xml(DATA / "xml" / name):
        ctx = Context(action=sub.action, submission_year=sub.year, submission_month=sub.month)
        assert {(f.error, f.path) for f in validate(sub.report, ctx)} == predicted


@pytest.mark.parametrize("name", ["Flatfile-XML_Test_1.txt", "Flatfile-XML_Test_2.txt", "Flatfile-XML_Test_3.txt",
                                  "NIBRS_Test_Sample.txt"])
def test_fbi_flat_samples_are_valid(name):
    """The FBI's flat-file samples (one relates a burglary victim to its offender: allowed, see 459)."""
    from testpaths import DATA
    from desktop.nibrs.flatfile import FlatFileReader

    subs = list(FlatFileReader(DATA / "flat" / name))
    assert subs
    for sub in subs:
        ctx = Context(action=sub.action, submission_year=sub.year, submission_month=sub.month)
        assert validate(sub.report, ctx) == []


@pytest.mark.volume
@pytest.mark.parametrize("name", ["VTUCR0001_20200420_NIBRS_010.txt", "honolulupdNIBRSReport-2019-05.txt"])
def test_real_monthly_files_validate_with_few_errors(name):
    """Two real months as agencies sent them: every report validates, and errors are rare (mostly warnings).

    What remains are real problems: e.g. 90I (runaway, retired before 2019.1) in Honolulu's Group B arrests.
    """
    from testpaths import shared_path
    from desktop.nibrs.flatfile import FlatFileReader

    path = shared_path("nibrs", "samples", "flat", "realistic-unverified", name)
    reports = errors = 0
    for sub in FlatFileReader(path):
        reports += 1
        ctx = Context(action=sub.action, submission_year=sub.year, submission_month=sub.month)
        errors += sum(1 for f in validate(sub.report, ctx) if f.is_error)
    assert reports > 1000
    assert errors < reports * 0.05
