"""A state's XML (the FBI XML plus the profile's elements) — and FBI files that never carry them."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

import pytest
from lxml import etree

from nibrs_samples import allfields_incident, group_b_sample, simple_incident
from testpaths import DATA
from desktop.nibrs import flatfile, xmlio
from desktop.nibrs import model as m
from desktop.nibrs.profiles import get_profile
from desktop.nibrs.state_xml import StateXmlError, read_state_xml, schema_errors, to_fbi, to_state_xml

MO_NS = "http://nibrs-desk.org/extensions/missouri/2025"
FIXED = dict(message_id="fixed-id", timestamp=datetime(2025, 4, 1, 9, 30))


def with_missouri_values(inc: m.GroupAIncident) -> m.GroupAIncident:
    inc.extras.update(mo_latitude=Decimal("38.627003"), mo_longitude=Decimal("-90.199402"))
    for i, o in enumerate(inc.offenders):
        o.extras["mo_immigration_status"] = "CLN"[i % 3] if o.sequence_number else "U"
    for a in inc.arrestees:
        a.extras["mo_immigration_status"] = "L"
    return inc


def sub(report, action="I", year=2025, month=3):
    return m.Submission(report=report, action=action, year=year, month=month)


def test_mibrs_document_is_valid_against_fbi_plus_extension_and_reads_back():
    mo = get_profile("missouri")
    inc = with_missouri_values(allfields_incident())
    data = to_state_xml(sub(inc, year=2016, month=2), mo, **FIXED)
    doc = etree.fromstring(data)
    assert schema_errors(mo, doc) == []
    ns = {"mo": MO_NS, "nc": xmlio.NS["nc"]}
    assert doc.findtext(".//nc:Incident/mo:IncidentAugmentation/mo:IncidentLatitude", namespaces=ns) == "38.627003"
    statuses = doc.xpath(".//nc:Person/mo:PersonAugmentation/mo:PersonImmigrationStatusCode/text()", namespaces=ns)
    assert sorted(statuses) == ["C", "L"]
    assert read_state_xml(data, mo)[0].report == inc


def test_an_unknown_offender_gets_a_person_to_carry_the_status():
    mo = get_profile("missouri")
    inc = simple_incident()
    inc.offenders[0] = m.Offender(sequence_number=0, extras={"mo_immigration_status": "U"})
    inc.victims[0].relationships[0] = m.Relationship(offender_number=0, relationship="RU")
    data = to_state_xml(sub(inc), mo, **FIXED)
    assert read_state_xml(data, mo)[0].report == inc


def test_group_b_arrestee_status():
    mo = get_profile("missouri")
    b = group_b_sample()
    b.extras["mo_immigration_status"] = "N"
    data = to_state_xml(sub(b, "A", 2016, 2), mo, **FIXED)
    assert b"<mo:PersonImmigrationStatusCode>N</mo:PersonImmigrationStatusCode>" in data
    assert read_state_xml(data, mo)[0].report == b


def test_a_value_the_extension_schema_refuses_is_refused_with_its_message():
    mo = get_profile("missouri")
    inc = simple_incident()
    inc.extras["mo_latitude"] = Decimal("38.6270031")  # seven decimals
    with pytest.raises(StateXmlError, match="does not pass the Missouri \\(MIBRS\\) schema"):
        to_state_xml(sub(inc), mo, **FIXED)


def test_fbi_files_are_byte_identical_with_or_without_missouri_values():
    plain = [allfields_incident(), simple_incident("25-000002")]
    valued = [with_missouri_values(allfields_incident()), with_missouri_values(simple_incident("25-000002"))]
    assert plain != valued  # the Missouri values are really there
    mo = get_profile("missouri")
    for a, b in zip(plain, valued):
        assert xmlio.to_xml(sub(a, year=2016, month=2), **FIXED) == \
            xmlio.to_xml(sub(to_fbi(b, mo), year=2016, month=2), **FIXED) == \
            xmlio.to_xml(sub(b, year=2016, month=2), **FIXED)
    out_a, out_b = io.StringIO(), io.StringIO()
    flatfile.write_flat([sub(r, year=2016, month=2) for r in plain], out_a)
    flatfile.write_flat([sub(r, year=2016, month=2) for r in valued], out_b)
    assert out_a.getvalue() == out_b.getvalue()
    for value in ("38.627003", "-90.199402", "mo_", "Immigration"):
        assert value not in out_b.getvalue()


def test_hawaii_race_codes_go_in_hawaiis_element_and_become_fbi_codes_for_the_fbi():
    hi = get_profile("hawaii")
    inc = simple_incident()
    inc.victims[0].race = "C"
    data = to_state_xml(sub(inc), hi, **FIXED)
    assert b"<hi_nibrs_codes:PersonRaceCode>C</hi_nibrs_codes:PersonRaceCode>" in data
    assert b"PersonRaceNDExCode" not in data
    assert read_state_xml(data, hi)[0].report == inc
    fbi = to_fbi(inc, hi)
    assert fbi.victims[0].race == "A" and inc.victims[0].race == "C"
    fbi_doc = xmlio.to_xml(sub(fbi), **FIXED)
    assert b"<j:PersonRaceNDExCode>A</j:PersonRaceNDExCode>" in fbi_doc
    with pytest.raises(xmlio.XmlWriteError):  # the FBI schema has no race C
        xmlio.to_xml(sub(inc), **FIXED)


@pytest.mark.parametrize("name", ["nibrs_GroupAIncident_Sample-HI.xml", "nibrs_GroupAReplace_Sample-HI.xml"])
def test_hawaiis_own_samples_read_with_the_hawaii_profile(name):
    hi = get_profile("hawaii")
    report = read_state_xml(DATA / "xml-hawaii" / name, hi)[0].report
    assert "C" in {v.race for v in report.victims}
    again = to_state_xml(sub(report, "I" if "Incident" in name else "R", 2016, 2), hi, **FIXED)
    assert schema_errors(hi, etree.fromstring(again)) == []


def test_a_profile_without_xml_of_its_own_sends_fbi_xml():
    with pytest.raises(StateXmlError, match="no XML of its own"):
        to_state_xml(sub(simple_incident()), get_profile("fbi"))
