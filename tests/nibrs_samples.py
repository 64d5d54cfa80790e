"""Model objects for tests, typed by hand from the FBI samples."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop.nibrs.model import (
    Arrestee, Drug, GroupAIncident, GroupBArrest, Offender, Offense, Property, PropertyItem, Relationship,
    Victim, ZeroReport,
)


def allfields_incident() -> GroupAIncident:
    """The content of the FBI sample nibrs_AllFields_Sample.xml (IEPD 2019.1), every element.

    Notes on the reading: the sample's report-date indicator is false (so blank); the
    property items are grouped into one property segment per loss type; the quantity of
    the recovered automobiles (41) is DE 19; the other items' quantities carry no NIBRS
    element. The sample's 25C ORI has 7 characters, as in the file.
    """
    recovered = date(2016, 2, 24)

    def item(desc: str) -> PropertyItem:
        return PropertyItem(description=desc, value=12000, date_recovered=recovered)

    return GroupAIncident(
        ori="WVNDX0100",
        incident_number="54236732",
        cargo_theft="Y",
        incident_date=date(2016, 2, 19),
        report_date_indicator=None,
        incident_hour=10,
        cleared_exceptionally="A",
        exceptional_clearance_date=date(2016, 2, 25),
        offenses=[Offense(
            offense_code="240", attempted_completed="A", suspected_using=["N"], bias_motivations=["88"],
            location_type="58", premises_entered=1, method_of_entry="F", criminal_activities=["N"],
            weapons=["11A"],
        )],
        properties=[
            Property(loss_type="1", items=[item("01")]),
            Property(loss_type="2", items=[item("01")]),
            Property(loss_type="3", items=[item("01")]),
            Property(loss_type="4", items=[item("01")]),
            Property(loss_type="5", items=[item("01"), item("01"), item("03"), item("10")],
                     recovered_vehicles=41,
                     drugs=[Drug(drug_type="X", quantity=Decimal("1.500"), measurement="XX")]),
        ],
        victims=[
            Victim(sequence_number=1, offense_codes=["240"], victim_type="L", officer_activity="10",
                   officer_assignment="G", officer_ori="WVNDX01", age="32", sex="M", race="B", ethnicity="N",
                   resident_status="R", circumstances=["01"], justifiable_homicide="C", injuries=["N"],
                   relationships=[Relationship(offender_number=1, relationship="AQ")]),
            Victim(sequence_number=2, offense_codes=["240"], victim_type="I", age="BB", sex="M", race="W",
                   ethnicity="U", resident_status="R", circumstances=["10"], justifiable_homicide="G",
                   injuries=["N"], relationships=[Relationship(offender_number=1, relationship="ST")]),
        ],
        offenders=[Offender(sequence_number=1, age="2530", sex="F", race="W", ethnicity="N")],
        arrestees=[Arrestee(
            sequence_number=1, arrest_transaction_number="12345", arrest_date=date(2016, 2, 28), arrest_type="O",
            multiple_arrestee="N", arrest_offense_code="64A", armed_with=["12", "13A"], age="25", sex="F",
            race="W", ethnicity="N", resident_status="R", disposition_under_18="H",
        )],
    )


def group_b_sample() -> GroupBArrest:
    """nibrs_GroupBArrest_Sample.xml."""
    return GroupBArrest(ori="WVNDX0100", arrest_transaction_number="12345", sequence_number=1,
                        arrest_date=date(2016, 2, 28), arrest_type="O", arrest_offense_code="90Z",
                        armed_with=["12"], age="30", sex="M", race="W", ethnicity="N", resident_status="R")


def zero_report_sample() -> ZeroReport:
    """nibrs_ZeroReport_Sample.xml."""
    return ZeroReport(ori="WVNDX0100", year=2016, month=2)


def simple_incident(number: str = "25-000001", ori: str = "WVNDX0100") -> GroupAIncident:
    """A small, valid simple assault: one offense, one victim, one offender."""
    return GroupAIncident(
        ori=ori, incident_number=number, incident_date=date(2025, 3, 14), incident_hour=22,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code="13B", attempted_completed="C", suspected_using=["A"],
                          bias_motivations=["88"], location_type="20", weapons=["40"])],
        victims=[Victim(sequence_number=1, offense_codes=["13B"], victim_type="I", age="34", sex="F", race="W",
                        ethnicity="N", resident_status="R", injuries=["M"],
                        relationships=[Relationship(offender_number=1, relationship="BG")])],
        offenders=[Offender(sequence_number=1, age="36", sex="M", race="W", ethnicity="N")],
    )


# ----------------------------------------------------------------------------- clean records by situation
# Each is a valid report (no findings under spec 2019.1 or 2025.0); rule tests change one thing.
def _offender(number: int = 1, age: str = "36", sex: str = "M", race: str = "W") -> Offender:
    return Offender(sequence_number=number, age=age, sex=sex, race=race, ethnicity="N")


def burglary_incident() -> GroupAIncident:
    """A completed residential burglary: jewelry stolen from an individual."""
    return GroupAIncident(
        ori="WVNDX0100", incident_number="25-000101", cargo_theft="N", incident_date=date(2025, 3, 10),
        incident_hour=14, cleared_exceptionally="N",
        offenses=[Offense(offense_code="220", attempted_completed="C", suspected_using=["N"], bias_motivations=["88"],
                          location_type="20", method_of_entry="F")],
        properties=[Property(loss_type="7", items=[PropertyItem(description="17", value=1500)])],
        victims=[Victim(sequence_number=1, offense_codes=["220"], victim_type="I", age="52", sex="F", race="W",
                        ethnicity="N", resident_status="R")],
        offenders=[_offender()],
    )


def vehicle_theft_incident() -> GroupAIncident:
    """A car stolen and found again the next week."""
    return GroupAIncident(
        ori="WVNDX0100", incident_number="25-000102", cargo_theft="N", incident_date=date(2025, 3, 2),
        incident_hour=3, cleared_exceptionally="N",
        offenses=[Offense(offense_code="240", attempted_completed="C", suspected_using=["N"], bias_motivations=["88"],
                          location_type="18")],
        properties=[
            Property(loss_type="7", items=[PropertyItem(description="03", value=15000)], stolen_vehicles=1),
            Property(loss_type="5", items=[PropertyItem(description="03", value=12000,
                                                         date_recovered=date(2025, 3, 9))], recovered_vehicles=1),
        ],
        victims=[Victim(sequence_number=1, offense_codes=["240"], victim_type="I", age="41", sex="M", race="B",
                        ethnicity="N", resident_status="R")],
        offenders=[Offender(sequence_number=0)],
    )


def drug_incident() -> GroupAIncident:
    """Marijuana found on a traffic stop: 35A with seized drugs, society as victim."""
    return GroupAIncident(
        ori="WVNDX0100", incident_number="25-000103", incident_date=date(2025, 3, 5), incident_hour=23,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code="35A", attempted_completed="C", suspected_using=["D"], bias_motivations=["88"],
                          location_type="13", criminal_activities=["P"])],
        properties=[Property(loss_type="6", items=[PropertyItem(description="10")],
                             drugs=[Drug(drug_type="E", quantity=Decimal("2.5"), measurement="GM")])],
        victims=[Victim(sequence_number=1, offense_codes=["35A"], victim_type="S")],
        offenders=[_offender(age="22")],
    )


def robbery_incident() -> GroupAIncident:
    """A clerk robbed at gunpoint in a convenience store."""
    return GroupAIncident(
        ori="WVNDX0100", incident_number="25-000104", cargo_theft="N", incident_date=date(2025, 3, 7),
        incident_hour=21, cleared_exceptionally="N",
        offenses=[Offense(offense_code="120", attempted_completed="C", suspected_using=["N"], bias_motivations=["88"],
                          location_type="07", weapons=["12"])],
        properties=[Property(loss_type="7", items=[PropertyItem(description="20", value=300)])],
        victims=[Victim(sequence_number=1, offense_codes=["120"], victim_type="I", age="24", sex="M", race="W",
                        ethnicity="N", resident_status="R", injuries=["N"],
                        relationships=[Relationship(offender_number=1, relationship="ST")])],
        offenders=[_offender(age="2530", race="B")],
    )


def homicide_incident() -> GroupAIncident:
    """A murder after an argument between acquaintances."""
    return GroupAIncident(
        ori="WVNDX0100", incident_number="25-000105", incident_date=date(2025, 3, 1), incident_hour=1,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code="09A", attempted_completed="C", suspected_using=["A"], bias_motivations=["88"],
                          location_type="20", weapons=["12"])],
        victims=[Victim(sequence_number=1, offense_codes=["09A"], victim_type="I", age="45", sex="M", race="W",
                        ethnicity="N", resident_status="R", circumstances=["01"],
                        relationships=[Relationship(offender_number=1, relationship="AQ")])],
        offenders=[_offender(age="40")],
    )


def justifiable_homicide_incident() -> GroupAIncident:
    """A robber killed by the store owner (09C)."""
    return GroupAIncident(
        ori="WVNDX0100", incident_number="25-000106", incident_date=date(2025, 3, 3), incident_hour=22,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code="09C", attempted_completed="C", suspected_using=["N"], bias_motivations=["88"],
                          location_type="07", weapons=["14"])],
        victims=[Victim(sequence_number=1, offense_codes=["09C"], victim_type="I", age="30", sex="M", race="W",
                        ethnicity="N", resident_status="N", circumstances=["20"], justifiable_homicide="E",
                        relationships=[Relationship(offender_number=1, relationship="ST")])],
        offenders=[_offender(age="58")],
    )


def officer_assault_incident() -> GroupAIncident:
    """A deputy cut with a knife on a disturbance call (13A, victim type L)."""
    return GroupAIncident(
        ori="WVNDX0100", incident_number="25-000107", incident_date=date(2025, 3, 8), incident_hour=19,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code="13A", attempted_completed="C", suspected_using=["A"], bias_motivations=["88"],
                          location_type="20", weapons=["20"])],
        victims=[Victim(sequence_number=1, offense_codes=["13A"], victim_type="L", officer_activity="01",
                        officer_assignment="G", age="35", sex="M", race="W", ethnicity="N", resident_status="R",
                        circumstances=["02"], injuries=["L"],
                        relationships=[Relationship(offender_number=1, relationship="ST")])],
        offenders=[_offender(age="29")],
    )


def arrest_incident() -> GroupAIncident:
    """The simple assault, with the offender arrested the next day."""
    inc = simple_incident("25-000108")
    inc.arrestees = [Arrestee(sequence_number=1, arrest_transaction_number="25-000108", arrest_date=date(2025, 3, 15),
                              arrest_type="T", multiple_arrestee="N", arrest_offense_code="13B", armed_with=["01"],
                              age="36", sex="M", race="W", ethnicity="N", resident_status="R")]
    return inc


def clean_records() -> dict:
    """Every clean record by name (simple assault, Group B arrest, zero report and the ones above)."""
    return {
        "simple": simple_incident, "burglary": burglary_incident, "vehicle_theft": vehicle_theft_incident,
        "drug": drug_incident, "robbery": robbery_incident, "homicide": homicide_incident,
        "justifiable_homicide": justifiable_homicide_incident, "officer_assault": officer_assault_incident,
        "arrest": arrest_incident, "group_b": group_b_sample, "zero_report": zero_report_sample,
    }
