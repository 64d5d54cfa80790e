"""NIBRS XML: the FBI samples read, written, validated against the real schema; hostile input refused."""

from __future__ import annotations

import copy
import hashlib
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from lxml import etree

from testpaths import DATA
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import dictionary
from desktop.nibrs.flatfile import dumps, read_flat, read_flat_text
from desktop.nibrs.xmlio import (
    NS, SCHEMA_FOLDER, XmlReadError, XmlWriteError, build_document, parse_document, read_manifest, read_xml, schema,
    schema_errors, to_xml, write_xml, write_xml_month,
)
from nibrs_samples import allfields_incident, group_b_sample, simple_incident, zero_report_sample

XML = DATA / "xml"
HAWAII = DATA / "xml-hawaii"
NOT_VALID = DATA / "not-schema-valid"
SAMPLES = sorted(p.name for p in XML.glob("*.xml"))
HAWAII_ENTRY = (*SCHEMA_FOLDER, "impl", "xsd", "hawaii", "hi_nibrs_codes.xsd")
STAMP = datetime(2025, 4, 1, 9, 30)


def xml_of(sub: m.Submission) -> bytes:
    return to_xml(sub, message_id="TEST-1", timestamp=STAMP)


def values_at_dictionary_paths(data: bytes) -> dict[str, list[str]]:
    """Text found at every XML path the dictionary declares (sorted), for comparing two documents.

    DE 3 is compared as the date and the hour it gives: the FBI samples write it as nc:Date,
    nc:DateTime or both.
    """
    report = etree.fromstring(data).find("nibrs:Report", NS)
    out: dict[str, list[str]] = {}
    for element in dictionary().elements.values():
        for p in element.placements:
            if not p.xml or p.xml.endswith("nc:ItemQuantity"):  # quantities of non-vehicle items carry no element
                continue
            found = report.findall(p.xml, NS)
            texts = sorted((el.text or "").strip() for el in found if len(el) == 0)
            if p.xml.endswith("nc:ActivityDate/nc:Date"):
                stamps = report.findall(p.xml.replace("nc:Date", "nc:DateTime"), NS)
                texts = sorted({*texts, *((el.text or "").strip()[:10] for el in stamps)})
            if texts:
                out[p.xml] = texts
    return out


def normalised(report):
    """A Group A incident with property segments and descriptions in a fixed order (XML does not keep it)."""
    report = copy.deepcopy(report)
    if isinstance(report, m.GroupAIncident):
        report.properties.sort(key=lambda p: p.loss_type or "")
        for p in report.properties:
            p.items.sort(key=lambda i: (i.description or "", i.value or 0))
    return report


# ---------------------------------------------------------------------------- the FBI samples
def test_allfields_sample_reads_exactly_as_the_hand_typed_fixture():
    [sub] = read_xml(XML / "nibrs_AllFields_Sample.xml")
    assert sub.report == allfields_incident()
    assert (sub.action, sub.year, sub.month, sub.city_indicator) == ("I", 2016, 2, None)
    for seg in sub.report.segments():
        assert not seg.invalid
        for row in (*getattr(seg, "items", ()), *getattr(seg, "drugs", ()), *getattr(seg, "relationships", ())):
            assert not row.invalid


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_is_written_back_schema_valid_with_the_same_data(name, tmp_path):
    original = (XML / name).read_bytes()
    assert not schema_errors(etree.fromstring(original))  # the FBI's own sample is valid to begin with
    subs = read_xml(XML / name)
    for sub in subs:
        path = tmp_path / "out.xml"
        data = write_xml(sub, path, message_id="TEST-1", timestamp=STAMP)
        assert path.read_bytes() == data
        assert not schema_errors(parse_document(path))
        assert values_at_dictionary_paths(data) == values_at_dictionary_paths(original)
        [back] = read_xml(data)
        assert back.report == sub.report and (back.action, back.year, back.month) == (sub.action, sub.year, sub.month)


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_written_as_flat_reads_back_equal(name):
    for sub in read_xml(XML / name):
        back = read_flat_text(dumps([sub]))
        if sub.action == "R":  # a replace is a delete followed by the incident in a flat file
            delete, again = back
            assert delete.action == "D" and again.action == "I" and again.report == sub.report
            assert (delete.report.ori, delete.report.incident_number, delete.report.incident_date) == \
                (sub.report.ori, sub.report.incident_number, sub.report.incident_date)
        else:
            [again] = back
            assert again.report == sub.report and again.action == sub.action
        assert all(not s.findings for s in back)


def test_group_a_delete_and_group_b_delete_keep_only_what_identifies_the_report():
    [delete] = read_xml(XML / "nibrs_IncidentDelete_Sample.xml")
    assert delete.action == "D"
    assert delete.report == m.GroupAIncident(ori="WVNDX0100", incident_number="020160005029",
                                             incident_date=date(2016, 2, 16), incident_hour=10)
    [b] = read_xml(XML / "nibrs_GroupBArrestDelete_Sample.xml")
    assert b.action == "D" and b.report == m.GroupBArrest(ori="WVNDX0100", arrest_transaction_number="12345",
                                                          sequence_number=1, arrest_date=date(2016, 2, 28))
    [z] = read_xml(XML / "nibrs_ZeroReport_Sample.xml")
    assert z.action == "A" and z.report == zero_report_sample()
    [g] = read_xml(XML / "nibrs_GroupBArrest_Sample.xml")
    assert g.report == group_b_sample()


def test_hawaii_race_codes_are_read_as_they_are_and_refused_in_fbi_xml():
    for name in ("nibrs_GroupAIncident_Sample-HI.xml", "nibrs_GroupAReplace_Sample-HI.xml"):
        tree = parse_document(HAWAII / name)
        assert not schema_errors(tree, HAWAII_ENTRY)  # valid against SEARCH's Hawaii extension
        [sub] = read_xml(HAWAII / name)
        assert sub.report.victims[0].race == "C"  # Hawaii's code, kept for the validator to name
        with pytest.raises(XmlWriteError, match=r"PersonRaceNDExCode.*'C'"):
            xml_of(sub)


def test_samples_that_are_not_schema_valid_are_still_read():
    [b] = read_xml(NOT_VALID / "xmlfile-tests" / "nibrs_GroupBArrest_Sample.xml")
    assert b.city_indicator == "GAA7" and b.report.age == "30"
    subs = read_xml(NOT_VALID / "xmlfile-tests" / "nibrs_GroupBArrest_Sample_multipleArrestees.xml")
    assert [(s.report.arrest_transaction_number, s.report.sequence_number) for s in subs] == [("12345", 1),
                                                                                              ("12345", 2)]
    [a] = read_xml(NOT_VALID / "xmlfile-tests" / "nibrs_AllFields_Sample.xml")
    assert (a.report.incident_date, a.report.incident_hour) == (date(2016, 2, 19), 10)
    with pytest.raises(XmlWriteError, match="city indicator 'GAA7'"):
        xml_of(b)


def test_a_comment_before_the_xml_declaration_is_named_with_file_and_line():
    path = NOT_VALID / "iepd-2019.1" / "nibrs_GroupAReplace_Sample.xml"
    with pytest.raises(XmlReadError, match=rf"{path.name}, line 18: not well-formed XML"):
        read_xml(path)


def test_an_iepd_4_2_document_is_read_as_2019():
    """IEPD 4.2 RC2 has the 2019.1 structure under other namespaces: the reader renames them (tests/validate
    checks every FBI 4.2 sample); this one is a Hawaii Group B arrest with the state's race code C."""
    [sub] = read_xml(NOT_VALID / "xmlfile-tests" / "nibrs_GroupBArrest_Sample-HI.xml")
    arrest = sub.report
    assert (sub.action, sub.year, sub.month) == ("A", 2016, 2)
    assert (arrest.ori, arrest.arrest_transaction_number, arrest.sequence_number) == ("WVNDX0100", "12345", 1)
    assert (arrest.arrest_offense_code, arrest.race, arrest.armed_with) == ("64A", "C", ["12"])


def test_an_iepd_4_1_document_is_refused_by_name():
    data = (DATA / "xml" / "nibrs_ZeroReport_Sample.xml").read_bytes().replace(b"nibrs/2019", b"nibrs/4.1")
    with pytest.raises(XmlReadError, match=r"zero.xml.*IEPD 4.x"):
        read_xml(data, name="zero.xml")


# ---------------------------------------------------------------------------- code mapping
def _find(data: bytes, path: str) -> list[str]:
    return [e.text for e in etree.fromstring(data).findall(f"nibrs:Report/{path}", NS)]


def test_codes_are_mapped_through_the_dictionary():
    inc = simple_incident()
    inc.offenses[0].bias_motivations = ["88"]
    inc.offenses[0].attempted_completed = "A"
    inc.victims[0].relationships[0].relationship = "AQ"
    inc.victims[0].age = "NN"
    inc.offenses[0].offense_code = "220"
    inc.offenses[0].weapons = []
    inc.offenses[0].method_of_entry = "F"
    inc.victims[0].offense_codes = ["220"]
    inc.cargo_theft = "N"
    inc.report_date_indicator = "R"
    inc.properties = [m.Property(loss_type="7", items=[m.PropertyItem(description="20", value=300)])]
    data = xml_of(m.Submission(inc, "I", 2025, 3))
    assert not schema_errors(etree.fromstring(data))
    assert _find(data, "j:Offense/j:OffenseFactorBiasMotivationCode") == ["NONE"]
    assert _find(data, "j:Offense/j:OffenseAttemptedIndicator") == ["true"]
    assert _find(data, "j:SubjectVictimAssociation/nibrs:VictimToSubjectRelationshipCode") == ["Acquaintance"]
    assert _find(data, "nc:Person/nc:PersonAgeMeasure/nc:MeasureValueText") == ["NEONATAL"]
    assert _find(data, "nc:Item/nc:ItemStatus/cjis:ItemStatusCode") == ["STOLEN"]
    assert _find(data, "nc:Incident/cjis:IncidentAugmentation/j:OffenseCargoTheftIndicator") == ["false"]
    assert _find(data, "nc:Incident/cjis:IncidentAugmentation/cjis:IncidentReportDateIndicator") == ["true"]
    assert _find(data, "nc:Incident/nc:ActivityDate/nc:DateTime") == ["2025-03-14T22:00:00"]
    [back] = read_xml(data)
    assert back.report == inc


@pytest.mark.parametrize("code,path,text", [
    ("25", "nc:MeasureIntegerValue", "25"), ("99", "nc:MeasureIntegerValue", "99"),
    ("00", "nc:MeasureValueText", "UNKNOWN"), ("BB", "nc:MeasureValueText", "BABY"),
    ("2530", "nc:MeasureIntegerRange/nc:RangeMinimumIntegerValue", "25"),
])
def test_ages(code, path, text):
    inc = simple_incident()
    inc.victims[0].age = code
    data = xml_of(m.Submission(inc, "I", 2025, 3))
    assert text in _find(data, f"nc:Person/nc:PersonAgeMeasure/{path}")
    assert read_xml(data)[0].report.victims[0].age == code


# ---------------------------------------------------------------------------- property
def _drug_document(substances: str, items: str = "") -> bytes:
    """The FBI Group A sample with its property replaced."""
    tree = etree.parse(str(XML / "nibrs_GroupAIncident_Sample.xml"))
    report = tree.getroot().find("nibrs:Report", NS)
    for el in report.findall("nc:Item", NS) + report.findall("nc:Substance", NS):
        report.remove(el)
    fragment = etree.fromstring(f'<x xmlns:nc="{NS["nc"]}" xmlns:j="{NS["j"]}" xmlns:cjis="{NS["cjis"]}">'
                                f"{items}{substances}</x>")
    at = list(report).index(report.findall("nc:Location", NS)[-1]) + 1
    for i, el in enumerate(list(fragment)):
        report.insert(at + i, el)
    data = etree.tostring(tree)
    assert not schema_errors(etree.fromstring(data))
    return data


def _substance(drug: str, amount: str, unit: str, value: str = "") -> str:
    value_xml = f"<nc:ItemValue><nc:ItemValueAmount><nc:Amount>{value}</nc:Amount></nc:ItemValueAmount></nc:ItemValue>" \
        if value else ""
    return (f"<nc:Substance><nc:ItemStatus><cjis:ItemStatusCode>SEIZED</cjis:ItemStatusCode></nc:ItemStatus>"
            f"{value_xml}<j:ItemCategoryNIBRSPropertyCategoryCode>10</j:ItemCategoryNIBRSPropertyCategoryCode>"
            f"<j:DrugCategoryCode>{drug}</j:DrugCategoryCode><nc:SubstanceQuantityMeasure>"
            f"<nc:MeasureDecimalValue>{amount}</nc:MeasureDecimalValue><j:SubstanceUnitCode>{unit}</j:SubstanceUnitCode>"
            f"</nc:SubstanceQuantityMeasure></nc:Substance>")


def test_two_measurements_of_one_drug_are_two_drug_rows_not_duplicates():
    """SEARCH issue #13: the XML reader must merge substances into one property description."""
    data = _drug_document(_substance("E", "2.5", "GM", "100") + _substance("E", "3", "NP", "50")
                          + _substance("L", "0.25", "GM"))
    [sub] = read_xml(data)
    [seized] = sub.report.properties
    assert seized.loss_type == "6"
    assert [(d.drug_type, d.quantity, d.measurement) for d in seized.drugs] == [
        ("E", Decimal("2.500"), "GM"), ("E", Decimal("3.000"), "NP"), ("L", Decimal("0.250"), "GM")]
    assert [(i.description, i.value) for i in seized.items] == [("10", 150)]
    line = next(x for x in dumps([sub]).split("\r\n") if x[4:5] == "3")
    assert line[38:57] == "10000000150        " and line[57:59] == "  "  # one description 10, no duplicate
    assert line[232:277] == "E000000002500GME000000003000NPL000000000250GM"
    [again] = read_xml(xml_of(sub))
    assert again.report == sub.report


def _vehicle(status: str, code: str, quantity: str) -> str:
    return (f"<nc:Item><nc:ItemStatus><cjis:ItemStatusCode>{status}</cjis:ItemStatusCode></nc:ItemStatus>"
            f"<nc:ItemValue><nc:ItemValueAmount><nc:Amount>9000</nc:Amount></nc:ItemValueAmount></nc:ItemValue>"
            f"<j:ItemCategoryNIBRSPropertyCategoryCode>{code}</j:ItemCategoryNIBRSPropertyCategoryCode>"
            f"<nc:ItemQuantity>{quantity}</nc:ItemQuantity></nc:Item>")


def test_motor_vehicle_counts_come_from_item_quantities():
    data = _drug_document("", _vehicle("STOLEN", "03", "2") + _vehicle("STOLEN", "37", "3")
                          + _vehicle("STOLEN", "01", "4") + _vehicle("RECOVERED", "03", "1"))
    [sub] = read_xml(data)
    stolen, recovered = sub.report.properties
    assert (stolen.loss_type, stolen.stolen_vehicles, stolen.recovered_vehicles) == ("7", 5, None)
    assert (recovered.loss_type, recovered.recovered_vehicles, recovered.stolen_vehicles) == ("5", 1, None)
    written = xml_of(sub)
    assert sorted(_find(written, "nc:Item/nc:ItemQuantity")) == ["1", "1", "4"]  # 5 stolen over two vehicles
    assert read_xml(written)[0].report == sub.report


def test_vehicle_counts_without_a_vehicle_description_cannot_be_written():
    inc = simple_incident()
    inc.properties = [m.Property(loss_type="7", items=[m.PropertyItem(description="20", value=5)], stolen_vehicles=1)]
    with pytest.raises(XmlWriteError, match="Number of Stolen Motor Vehicles .* needs a motor-vehicle"):
        xml_of(m.Submission(inc, "I", 2025, 3))


# ---------------------------------------------------------------------------- refusals
@pytest.mark.parametrize("change,message", [
    (lambda s: setattr(s.report.offenses[0], "offense_code", "13C"), "connected to offense '13B'"),
    (lambda s: setattr(s.report.victims[0].relationships[0], "offender_number", 7), "related to offender 7"),
    (lambda s: setattr(s.report.offenses[0], "location_type", "77"), "LocationCategoryCode.*'77'"),
    (lambda s: setattr(s, "city_indicator", "GAA7"), "city indicator"),
    (lambda s: setattr(s, "action", "A"), "action 'A'"),
    (lambda s: s.report.invalid.update(incident_date="20251340"), "'20251340', which could not be read"),
    (lambda s: setattr(s.report, "incident_date", None), "hour is given without the incident date"),
    (lambda s: setattr(s.report.victims[0], "age", "2X"), "is not a NIBRS age"),
    (lambda s: setattr(s.report.victims[0], "sex", "X"), "schema: .*PersonSexCode.*'X'"),
])
def test_reports_that_cannot_be_represented_are_refused_by_name(change, message):
    sub = m.Submission(simple_incident(), "I", 2025, 3)
    change(sub)
    with pytest.raises(XmlWriteError, match=message) as err:
        xml_of(sub)
    assert "Group A incident" in str(err.value)


def test_zero_report_month_must_be_the_month_of_submission():
    assert read_xml(xml_of(m.Submission(zero_report_sample(), "A", 2016, 2)))[0].report == zero_report_sample()
    with pytest.raises(XmlWriteError, match="zero report is for 2/2016 but the month of submission is 3/2016"):
        xml_of(m.Submission(zero_report_sample(), "A", 2016, 3))


def test_the_schema_is_loaded_once():
    assert schema() is schema()


def test_state_profile_extras_never_go_into_fbi_xml():
    inc = simple_incident()
    inc.offenders[0].extras["immigration_status"] = "C"
    data = xml_of(m.Submission(inc, "I", 2025, 3))
    assert b"immigration" not in data and not schema_errors(etree.fromstring(data))


# ---------------------------------------------------------------------------- hostile input
SAMPLE_B = (XML / "nibrs_GroupBArrest_Sample.xml").read_bytes()


def test_an_external_entity_pointing_at_a_local_file_is_never_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731")
    hostile = SAMPLE_B.replace(
        b"<nibrs:Submission", f'<!DOCTYPE nibrs:Submission [<!ENTITY sec SYSTEM "file://{secret}">]>\n'
                              "<nibrs:Submission".encode(), 1).replace(b">12345<", b">&sec;<")
    path = tmp_path / "xxe.xml"
    path.write_bytes(hostile)
    with pytest.raises(XmlReadError) as err:
        read_xml(path)
    assert str(path) in str(err.value) and "DOCTYPE" in str(err.value)
    assert "TOP-SECRET" not in str(err.value)
    # the same with the DOCTYPE in an encoding the first check cannot read
    path.write_bytes(hostile.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    with pytest.raises(XmlReadError) as err:
        read_xml(path)
    assert "TOP-SECRET" not in str(err.value)
    # and an entity that is used but never declared is an error, not an empty value
    path.write_bytes(SAMPLE_B.replace(b">12345<", b">&sec;<"))
    with pytest.raises(XmlReadError, match=r"line \d+: not well-formed XML: Entity 'sec' not defined"):
        read_xml(path)


def test_an_entity_bomb_is_refused_quickly(tmp_path):
    levels = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{levels}]><r>&l9;</r>'.encode()
    path = tmp_path / "bomb.xml"
    path.write_bytes(bomb)
    with pytest.raises(XmlReadError, match=r"bomb.xml: the document carries a DOCTYPE"):
        read_xml(path)
    with pytest.raises(XmlReadError):
        parse_document(bomb.replace(b"<?xml", b"<!-- a comment --><?xml", 0), name="again")


@pytest.mark.parametrize("data,message", [
    (SAMPLE_B[:len(SAMPLE_B) // 2], "not well-formed XML"),
    (b"", "not well-formed XML"),
    (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not well-formed XML"),
    (b'<?xml version="1.0"?><html><body/></html>', "root element is 'html'"),
    (SAMPLE_B.replace(b"GROUP B ARREST REPORT", b"GROUP C REPORT"), "report category 'GROUP C REPORT'"),
])
def test_broken_documents_name_the_file(data, message, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(data)
    with pytest.raises(XmlReadError, match=message) as err:
        read_xml(path)
    assert str(err.value).startswith(str(path))


# ---------------------------------------------------------------------------- a month of documents
def test_month_folder_with_manifest(tmp_path):
    subs = [m.Submission(allfields_incident(), "I", 2016, 2), m.Submission(group_b_sample(), "A", 2016, 2),
            m.Submission(m.GroupAIncident(ori="WVNDX0100", incident_number="020160005029",
                                          incident_date=date(2016, 2, 16)), "D", 2016, 2),
            m.Submission(zero_report_sample(), "D", 2016, 2)]
    result = write_xml_month(subs, tmp_path, submitter_id="WVUCR0001", generated=date(2016, 3, 2), series=4,
                             timestamp=STAMP)
    assert result.path == tmp_path / "WVUCR0001_20160302_NIBRS_004"
    entries = read_manifest(result.path / "manifest.csv")
    assert entries == result.entries
    assert [(e.report, e.action, e.ori, e.number) for e in entries] == [
        ("GROUP A INCIDENT REPORT", "I", "WVNDX0100", "54236732"),
        ("GROUP B ARREST REPORT", "A", "WVNDX0100", "12345/1"),
        ("GROUP A INCIDENT REPORT", "D", "WVNDX0100", "020160005029"),
        ("ZERO REPORT", "D", "WVNDX0100", "2016-02")]
    for e, sub in zip(entries, subs):
        data = (result.path / e.file).read_bytes()
        assert e.file.startswith("WVUCR0001_20160302_NIBRS_004_") and e.sha256 == hashlib.sha256(data).hexdigest()
        assert not schema_errors(etree.fromstring(data))
        assert read_xml(data)[0].report == sub.report
    with pytest.raises(XmlWriteError, match="already exists"):
        write_xml_month(subs, tmp_path, submitter_id="WVUCR0001", generated=date(2016, 3, 2), series=4)


def test_month_zip(tmp_path):
    subs = [m.Submission(simple_incident(f"25-{n:06d}"), "I", 2025, 3) for n in range(1, 4)]
    result = write_xml_month(subs, tmp_path, submitter_id="MO0950000", generated=date(2025, 4, 1),
                             extra="Cargo Theft", as_zip=True)
    assert result.path.name == "MO0950000_20250401_NIBRS_Cargo Theft_001.zip"
    with zipfile.ZipFile(result.path) as z:
        names = z.namelist()
        assert len(names) == 4 and names[-1].endswith("/manifest.csv")
        for e in result.entries:
            data = z.read(f"MO0950000_20250401_NIBRS_Cargo Theft_001/{e.file}")
            assert hashlib.sha256(data).hexdigest() == e.sha256
    assert [e.number for e in result.entries] == ["25-000001", "25-000002", "25-000003"]


def test_a_month_with_a_report_that_cannot_be_written_writes_nothing(tmp_path):
    bad = simple_incident("25-000002")
    bad.offenses[0].location_type = "77"
    subs = [m.Submission(simple_incident(), "I", 2025, 3), m.Submission(bad, "I", 2025, 3)]
    with pytest.raises(XmlWriteError, match=r"1 report\(s\).*25-000002.*LocationCategoryCode"):
        write_xml_month(subs, tmp_path, submitter_id="MO0950000", generated=date(2025, 4, 1))
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------------------- flat files as XML
@pytest.mark.parametrize("name", ["Flatfile-XML_Test_1.txt", "Flatfile-XML_Test_2.txt", "Flatfile-XML_Test_3.txt",
                                  "NIBRS_Test_Sample.txt"])
def test_flat_samples_become_schema_valid_xml_with_the_same_data(name):
    for sub in read_flat(DATA / "flat" / name):
        data = xml_of(sub)
        assert not schema_errors(etree.fromstring(data))
        [back] = read_xml(data)
        assert normalised(back.report) == normalised(sub.report)
        assert [s.report for s in read_flat_text(dumps([back]))] == [back.report]


def test_document_is_built_in_schema_order_whatever_order_the_model_has():
    inc = allfields_incident()
    inc.properties.reverse()
    inc.victims.reverse()
    root = build_document(m.Submission(inc, "I", 2016, 2))
    assert not schema_errors(root)


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_vehicle_counts_survive_the_trip_whatever_the_number_of_vehicle_items(count):
    inc = simple_incident()
    inc.offenses[0].offense_code = "240"
    inc.offenses[0].weapons = []
    inc.victims[0].offense_codes = ["240"]
    inc.properties = [m.Property(loss_type="7", stolen_vehicles=count, items=[
        m.PropertyItem(description="03", value=9000), m.PropertyItem(description="20", value=5),
        m.PropertyItem(description="37", value=20000)])]
    data = xml_of(m.Submission(inc, "I", 2025, 3))
    assert read_xml(data)[0].report.properties[0].stolen_vehicles == count


def test_the_validator_names_hawaiis_race_code():
    from desktop.nibrs.rules import validate

    [sub] = read_xml(HAWAII / "nibrs_GroupAIncident_Sample-HI.xml")
    found = [f for f in validate(sub.report) if f.error == "404"]
    assert any(f.path == "victims[0].race" and f.value == "C" for f in found)


def test_mangled_documents_read_or_fail_by_name_and_never_write_invalid_xml():
    """Fuzz: drop elements, change texts and references in the FBI samples."""
    import random

    rng = random.Random("mangle")
    texts = ["", "X", "-1", "1.5", "2016-13-45", "99999999999", "NONE", "true", "0", "ABC DEF", "12A", "TEST"]
    written = 0
    for _ in range(300):
        source = etree.parse(str(XML / rng.choice(SAMPLES)), etree.XMLParser(remove_comments=True))
        elements = [e for e in source.getroot().iter() if isinstance(e.tag, str)][1:]
        for _ in range(rng.randint(1, 4)):
            victim = rng.choice(elements)
            action = rng.random()
            if action < 0.3 and victim.getparent() is not None:
                victim.getparent().remove(victim)
            elif action < 0.8:
                victim.text = rng.choice(texts)
            else:
                victim.set(f"{{{NS['s']}}}ref", rng.choice(["Offense1", "Victim9", "PersonVictim1", "nothing"]))
        data = etree.tostring(source)
        try:
            subs = read_xml(data, name="mangled.xml")
        except XmlReadError as exc:
            assert str(exc).startswith("mangled.xml")
            continue
        for sub in subs:
            try:
                out = xml_of(sub)
            except XmlWriteError as exc:
                assert str(exc)
                continue
            assert not schema_errors(etree.fromstring(out))
            written += 1
    assert written > 50


@pytest.mark.parametrize("report,action", [
    (simple_incident(), "I"), (simple_incident(), "R"),
    (m.GroupAIncident(ori="WVNDX0100", incident_number="25-000001", incident_date=date(2025, 3, 14)), "D"),
    (group_b_sample(), "A"), (group_b_sample(), "R"),
    (m.GroupBArrest(ori="WVNDX0100", arrest_transaction_number="12345", arrest_date=date(2016, 2, 28)), "D"),
    (zero_report_sample(), "A"), (zero_report_sample(), "D"),
])
def test_every_report_and_action_the_iepd_takes_is_written_and_read_back(report, action):
    sub = m.Submission(report, action, 2016, 2) if isinstance(report, m.ZeroReport) else \
        m.Submission(report, action, 2025, 3)
    data = xml_of(sub)
    assert not schema_errors(etree.fromstring(data))
    [back] = read_xml(data)
    assert (back.report, back.action, back.year, back.month) == (sub.report, action, sub.year, sub.month)


@pytest.mark.parametrize("report,action", [(simple_incident(), "A"), (group_b_sample(), "I"),
                                           (zero_report_sample(), "R"), (zero_report_sample(), "I")])
def test_actions_a_report_kind_does_not_take_are_refused(report, action):
    with pytest.raises(XmlWriteError, match=f"action '{action}'"):
        xml_of(m.Submission(report, action, 2016, 2))
