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
