"""One case per FBI number: a clean record, a change that triggers the edit and (by default the
clean record itself) a record that does not. ``test_cases.py`` runs them; ``test_catalogue.py``
checks that every registered number has a case.

A case names its clean record (``nibrs_samples.clean_records``), the change that breaks it, an
optional change that keeps it clean but close to the edge, the rule context, and optionally
the path the finding must point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from desktop.nibrs.model import (
    Arrestee, Drug, Offender, Offense, Property, PropertyItem, Relationship, SourceRef, Victim,
)

Change = Callable[[Any], None]


@dataclass
class Case:
    number: str
    base: str
    bad: Change
    ok: Change | None = None
    ctx: dict = field(default_factory=dict)
    ok_ctx: dict | None = None
    path: str | None = None
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.number}-{self.base}" + (f"-{self.note}" if self.note else "")


class FakeHistory:
    """What a database would say; each answer is set per test."""

    def __init__(self, incidents=(), group_b_atns=(), group_a_atns=(), group_b=(), zero=(), months=()):
        self.incidents, self.group_b_atns, self.group_a_atns = set(incidents), set(group_b_atns), set(group_a_atns)
        self.group_b, self.zero, self.months = set(group_b), set(zero), set(months)
        self.calls: list[tuple] = []

    def incident_on_file(self, ori, incident_number, *, exclude_id=None):
        self.calls.append(("incident", ori, incident_number, exclude_id))
        return (ori, incident_number) in self.incidents

    def group_b_atn_on_file(self, ori, atn):
        return (ori, atn) in self.group_b_atns

    def group_a_atn_on_file(self, ori, atn, *, exclude_id=None):
        return (ori, atn) in self.group_a_atns

    def group_b_arrest_on_file(self, ori, atn, sequence, *, exclude_id=None):
        self.calls.append(("group_b", ori, atn, sequence, exclude_id))
        return (ori, atn, sequence) in self.group_b

    def zero_report_on_file(self, ori, year, month, *, exclude_id=None):
        return (ori, year, month) in self.zero

    def data_on_file_for_month(self, ori, year, month, *, kind=None):
        return any((ori, year, month, k) in self.months for k in ((kind,) if kind else ("incident", "group_b")))


# ----------------------------------------------------------------------------- change helpers
def set_(get: Callable, **values) -> Change:
    def apply(report):
        target = get(report)
        for k, v in values.items():
            setattr(target, k, v)
    return apply


def do(*changes: Change) -> Change:
    def apply(report):
        for c in changes:
            c(report)
    return apply


def invalid(get: Callable, key: str, raw: str) -> Change:
    def apply(report):
        target = get(report)
        target.invalid[key] = raw
        name = key.split("[", 1)[0]
        if "[" not in key:
            setattr(target, name, None)
    return apply


def append(get: Callable, item_factory: Callable) -> Change:
    def apply(report):
        get(report).append(item_factory())
    return apply


def line(ident: str, level: str = "2", length: str = "0071") -> SourceRef:
    """A flat-file line whose positions 26-37 (the incident number copy) hold ``ident``."""
    return SourceRef(path="test.txt", line=1, record=1,
                     text=f"{length}{level}I032025    WVNDX0100{ident.ljust(12)[:12]}")


def source(get: Callable, ident: str, level: str) -> Change:
    return set_(get, source=line(ident, level))


def item(description, value=None, recovered=None) -> PropertyItem:
    return PropertyItem(description=description, value=value, date_recovered=recovered)


def drug(drug_type, quantity=None, measurement=None) -> Drug:
    return Drug(drug_type=drug_type, quantity=quantity, measurement=measurement)


def prop(loss, *its) -> Property:
    return Property(loss_type=loss, items=list(its))


def rel(number, relationship) -> Relationship:
    return Relationship(offender_number=number, relationship=relationship)


R = lambda r: r  # noqa: E731
O0 = lambda r: r.offenses[0]  # noqa: E731
P0 = lambda r: r.properties[0]  # noqa: E731
P1 = lambda r: r.properties[1]  # noqa: E731
I0 = lambda r: r.properties[0].items[0]  # noqa: E731
D0 = lambda r: r.properties[0].drugs[0]  # noqa: E731
V0 = lambda r: r.victims[0]  # noqa: E731
REL0 = lambda r: r.victims[0].relationships[0]  # noqa: E731
F0 = lambda r: r.offenders[0]  # noqa: E731
A0 = lambda r: r.arrestees[0]  # noqa: E731


def offense_code(code: str, **more) -> Change:
    """Change the (only) offense and its victim connection to ``code``."""
    def apply(report):
        report.offenses[0].offense_code = code
        for k, v in more.items():
            setattr(report.offenses[0], k, v)
        for victim in report.victims:
            victim.offense_codes = [code]
    return apply


def add_offense(code: str, victim: bool = True, **more) -> Change:
    def apply(report):
        values = dict(attempted_completed="C", suspected_using=["N"], bias_motivations=["88"], location_type="20")
        values.update(more)
        report.offenses.append(Offense(offense_code=code, **values))
        if victim:
            report.victims[0].offense_codes.append(code)
    return apply


def add_offender(number: int = 2, **more) -> Change:
    values = dict(age="30", sex="M", race="W", ethnicity="N")
    values.update(more)
    return append(lambda r: r.offenders, lambda: Offender(sequence_number=number, **values))


def relate(*pairs: tuple[int, str | None], victim: int = 0) -> Change:
    def apply(report):
        report.victims[victim].relationships = [Relationship(offender_number=n, relationship=rel) for n, rel in pairs]
    return apply


def second_victim(**more) -> Change:
    def apply(report):
        first = report.victims[0]
        values = dict(sequence_number=2, offense_codes=list(first.offense_codes), victim_type=first.victim_type,
                      age="30", sex="M", race="W", ethnicity="N", resident_status="R",
                      injuries=list(first.injuries), relationships=[rel(1, "ST")]
                      if first.relationships else [])
        if first.victim_type not in ("I", "L"):
            values.update(age=None, sex=None, race=None, ethnicity=None, resident_status=None, injuries=[])
        values.update(more)
        report.victims.append(Victim(**values))
    return apply


def second_arrestee(**more) -> Change:
    values = dict(sequence_number=2, arrest_transaction_number="25-000109", arrest_date=date(2025, 3, 15),
                  arrest_type="O", multiple_arrestee="N", arrest_offense_code="13B", armed_with=["01"], age="30",
                  sex="M", race="W")
    values.update(more)
    return append(lambda r: r.arrestees, lambda: Arrestee(**values))


def zero_line(ident: str) -> Change:
    return set_(R, source=line(ident, level="0", length="0043"))


def items(*pairs) -> Change:
    """Replace the first property record's items with (description, value[, date]) tuples."""
    def apply(report):
        report.properties[0].items = [PropertyItem(description=p[0], value=p[1],
                                                   date_recovered=p[2] if len(p) > 2 else None) for p in pairs]
    return apply


def larceny(code: str, *pairs) -> Change:
    """The burglary turned into a larceny ``code`` with stolen ``pairs``."""
    return do(offense_code(code, method_of_entry=None), items(*pairs))


FUTURE = date(2099, 1, 1)
SUB_MARCH = {"submission_year": 2025, "submission_month": 3}
SUB_FEB = {"submission_year": 2025, "submission_month": 2}
ZERO_MONTH = ("WVNDX0100", 2016, 2)


def h(**kw) -> dict:
    return {"history": FakeHistory(**kw)}


# ----------------------------------------------------------------------------- the cases
CASES: list[Case] = [
    # --- zero report
    Case("001", "zero_report", set_(R, month=None)),
    Case("001", "zero_report", set_(R, month=None), ctx={"action": "D"}, note="delete"),
    Case("015", "zero_report", zero_line("0000 0000000"), ok=zero_line("000000000000")),
    Case("016", "zero_report", zero_line(" 00000000000"), ok=zero_line("000000000000")),
    Case("017", "zero_report", zero_line("00000000000*"), ok=zero_line("000000000000")),
    Case("092", "zero_report", zero_line("000000000001"), ok=zero_line("000000000000")),
    Case("092", "zero_report", lambda z: z.invalid.update(zero_identifier="00000000001"), note="kept-by-reader"),
    Case("028", "zero_report", R, ctx=h(months=[(*ZERO_MONTH, "incident")]), ok_ctx=h(months=[(*ZERO_MONTH, "x")])),
    Case("029", "zero_report", R, ctx=h(months=[(*ZERO_MONTH, "group_b")]), ok_ctx=h()),
    Case("030", "zero_report", R, ctx={"action": "D", **h(months=[(*ZERO_MONTH, "incident")])},
         ok_ctx={"action": "D", **h()}),
    Case("031", "zero_report", R, ctx={"action": "D", **h(months=[(*ZERO_MONTH, "group_b")])},
         ok_ctx={"action": "D", **h()}),
    Case("090", "zero_report", set_(R, month=13), ok=set_(R, month=12)),
    Case("090", "zero_report", invalid(R, "month", "1A"), note="unreadable"),
    Case("091", "zero_report", set_(R, year=20160)),
    Case("001", "zero_report", set_(R, year=216), ok=set_(R, year=1991), note="year-before-1991"),
    Case("091", "zero_report", invalid(R, "year", "20X6"), note="unreadable"),
    Case("093", "zero_report", R, ctx={"nibrs_start": date(2016, 3, 1)}, ok_ctx={"nibrs_start": date(2016, 2, 20)}),
    Case("094", "zero_report", R, ctx={"submission_year": 2016, "submission_month": 1},
         ok_ctx={"submission_year": 2016, "submission_month": 2}),
    Case("952", "zero_report", set_(R, ori="WV12345"), path="ori"),
    # --- administrative
    Case("101", "simple", set_(R, incident_date=None), path="incident_date"),
    Case("101", "simple", set_(R, incident_number=None), ctx={"action": "D"}, note="delete"),
    Case("104", "simple", set_(R, cleared_exceptionally="X"), path="cleared_exceptionally"),
    Case("105", "simple", set_(R, incident_date=FUTURE), path="incident_date"),
    Case("105", "simple", invalid(R, "exceptional_clearance_date", "20250231"), note="unreadable"),
    Case("106", "officer_assault", set_(R, incident_hour=None), ok=set_(R, incident_hour=0), path="incident_hour"),
    Case("115", "simple", set_(R, incident_number="25 000001"), path="incident_number"),
    Case("115", "simple", source(R, "25 000001", "1"), note="file"),
    Case("116", "simple", set_(R, incident_number=" 25-000001")),
    Case("117", "simple", set_(R, incident_number="25+000001")),
    Case("119", "simple", set_(R, cargo_theft="Y"), path="cargo_theft"),
    Case("122", "burglary", set_(R, cargo_theft=None),
         ok=do(set_(R, cargo_theft=None), set_(R, source=line("25-000101", "1", "0087"))),
         path="cargo_theft", note="short-form line is not checked"),
    Case("151", "simple", set_(R, report_date_indicator="X"), ok=set_(R, report_date_indicator="R")),
    Case("152", "simple", set_(R, incident_hour=24), ok=set_(R, incident_hour=23), path="incident_hour"),
    Case("152", "simple", invalid(R, "incident_hour", "2A"), note="unreadable"),
    Case("153", "simple", set_(R, exceptional_clearance_date=date(2025, 3, 20)), path="exceptional_clearance_date"),
    Case("155", "simple", set_(R, cleared_exceptionally="D", exceptional_clearance_date=date(2025, 3, 1)),
         ok=set_(R, cleared_exceptionally="D", exceptional_clearance_date=date(2025, 3, 20))),
    Case("156", "simple", set_(R, cleared_exceptionally="B"),
         ok=set_(R, cleared_exceptionally="B", exceptional_clearance_date=date(2025, 3, 20))),
    Case("170", "simple", R, ctx=SUB_FEB, ok_ctx=SUB_MARCH, path="incident_date"),
    Case("172", "simple", set_(R, incident_date=date(1990, 12, 31)), ok=set_(R, incident_date=date(1991, 1, 1))),
    Case("173", "simple", R, ctx={"nibrs_start": date(2025, 4, 1)}, ok_ctx={"nibrs_start": date(2025, 3, 31)}),
    Case("173", "simple", set_(R, incident_date=date(2024, 1, 5)), ctx={"nibrs_start": date(2025, 1, 1)},
         ok=set_(R, incident_date=date(2024, 1, 5), cleared_exceptionally="A",
                 exceptional_clearance_date=date(2025, 3, 1)), note="cleared-since"),
    Case("175", "simple", R, ctx={"submission_year": 2025, "submission_month": 13}, ok_ctx=SUB_MARCH),
    Case("197", "simple", set_(R, incident_date=None), ctx={"action": "D"}),
    Case("952", "simple", set_(R, ori="WVNDX01"), path="ori"),
    # --- offense
    Case("201", "simple", set_(O0, location_type=None), path="offenses[0].location_type"),
    Case("202", "burglary", set_(O0, location_type="14", premises_entered=0),
         ok=set_(O0, location_type="14", premises_entered=3), path="offenses[0].premises_entered"),
    Case("202", "burglary", do(set_(O0, location_type="14"), invalid(O0, "premises_entered", "A3")), note="unreadable"),
    Case("204", "simple", set_(O0, location_type="43"), path="offenses[0].location_type"),
    Case("204", "simple", offense_code("30A"), note="federal-code-in-2019.1"),
    Case("205", "simple", set_(O0, location_type="58"), ok=do(offense_code("13C", weapons=[]),
                                                                 set_(O0, location_type="58"))),
    Case("206", "simple", set_(O0, suspected_using=["A", "A"]), ok=set_(O0, suspected_using=["A", "D"]),
         path="offenses[0].suspected_using[1]"),
    Case("207", "simple", set_(O0, suspected_using=["N", "A"]), path="offenses[0].suspected_using[0]"),
    Case("207", "simple", set_(O0, weapons=["40", "99"]), note="weapon-none"),
    Case("215", "simple", source(O0, "25 000001", "2"), ok=source(O0, "25-000001", "2")),
    Case("216", "simple", source(O0, " 25-000001", "2"), ok=source(O0, "25-000001", "2")),
    Case("217", "simple", source(O0, "25_000001", "2"), ok=source(O0, "25-000001", "2")),
    Case("219", "simple", set_(O0, criminal_activities=["P"]), ok=set_(O0, criminal_activities=["J"]),
         path="offenses[0].criminal_activities[0]"),
    Case("220", "drug", set_(O0, criminal_activities=[]), path="offenses[0].criminal_activities"),
    Case("221", "simple", set_(O0, weapons=[]), path="offenses[0].weapons"),
    Case("222", "burglary", set_(O0, weapons=["40"]), path="offenses[0].weapons[0]"),
    Case("250", "simple", offense_code("30A"), ctx={"spec_version": "2025.0"},
         ok_ctx={"spec_version": "2025.0", "federal_agency": True}, path="offenses[0].offense_code"),
    Case("251", "simple", set_(O0, attempted_completed="X"), path="offenses[0].attempted_completed"),
    Case("252", "simple", set_(O0, premises_entered=2)),
    Case("252", "burglary", set_(O0, premises_entered=2), ok=set_(O0, premises_entered=2, location_type="19"),
         note="location"),
    Case("253", "burglary", set_(O0, method_of_entry=None)),
    Case("254", "simple", set_(O0, method_of_entry="F")),
    Case("255", "robbery", set_(O0, weapons=["12B"]), ok=set_(O0, weapons=["12A"]), path="offenses[0].weapons[0]"),
    Case("256", "simple", set_(O0, attempted_completed="A")),
    Case("257", "burglary", set_(O0, location_type="14"), ok=set_(O0, location_type="14", premises_entered=1)),
    Case("258", "robbery", set_(O0, weapons=["20A"]), ok=set_(O0, weapons=["20"])),
    Case("262", "simple", add_offense("13B", victim=False, weapons=["40"]), path="offenses[1].offense_code"),
    Case("263", "simple", do(*(add_offense(c, weapons=["40"] if c in ("13A",) else []) for c in
                               ("13A", "13C", "290", "23H", "220", "240", "250", "26A", "270", "210")))),
    Case("264", "simple", offense_code("90C", weapons=[])),
    Case("265", "simple", set_(O0, weapons=["20"]), ok=set_(O0, weapons=["90"])),
    Case("266", "simple", add_offense("09C", weapons=["12"]), path="offenses[1].offense_code"),
    Case("267", "homicide", set_(O0, weapons=["99"]), ok=set_(O0, weapons=["95"])),
    Case("268", "burglary", larceny("23H", ("03", 5000)), ok=larceny("23H", ("38", 500))),
    Case("269", "simple", set_(O0, weapons=["12"])),
    Case("270", "justifiable_homicide", set_(O0, bias_motivations=["11"])),
    # --- property
    Case("301", "burglary", set_(P0, loss_type=None), path="properties[0].loss_type"),
    Case("301", "drug", set_(P0, drugs=[]), note="drug-type"),
    Case("302", "burglary", invalid(I0, "value", "15OO"), path="properties[0].items[0].value"),
    Case("302", "vehicle_theft", invalid(P0, "stolen_vehicles", "O1"), note="vehicles"),
    Case("302", "drug", invalid(D0, "quantity", "2,5"), note="quantity"),
    Case("304", "burglary", set_(P0, loss_type="9")),
    Case("305", "vehicle_theft", set_(lambda r: r.properties[1].items[0], date_recovered=FUTURE)),
    Case("305", "vehicle_theft", set_(lambda r: r.properties[1].items[0], date_recovered=date(2025, 3, 1)),
         note="before-incident"),
    Case("305", "vehicle_theft", R, ctx=SUB_FEB | {"submission_year": 2025}, ok_ctx=SUB_MARCH, note="after-month"),
    Case("305", "vehicle_theft", invalid(lambda r: r.properties[1].items[0], "date_recovered", "20250230"),
         note="unreadable"),
    Case("306", "burglary", items(("17", 1500), ("17", 20)), ok=items(("17", 1500), ("20", 20)),
         path="properties[0].items[1].description"),
    Case("306", "drug", append(lambda r: r.properties[0].drugs, lambda: drug("E", Decimal(1), "GM")),
         ok=append(lambda r: r.properties[0].drugs, lambda: drug("E", Decimal(3), "NP")), note="drug"),
    Case("315", "burglary", source(P0, "25-0001 01", "3"), ok=source(P0, "25-000101", "3")),
    Case("316", "burglary", source(P0, " 25-000101", "3"), ok=source(P0, "25-000101", "3")),
    Case("317", "burglary", source(P0, "25.000101", "3"), ok=source(P0, "25-000101", "3")),
    Case("351", "burglary", set_(I0, value=0), ok=items(("48", 0))),
    Case("352", "burglary", set_(P0, loss_type="8")),
    Case("352", "drug", set_(P0, loss_type="1", items=[]),
         ok=set_(P0, loss_type="1", items=[], drugs=[drug("E")]), note="35A-no-seizure"),
    Case("353", "burglary", items(("88", 5)), ok=items(("88", 1))),
    Case("354", "burglary", append(lambda r: r.properties[0].items, lambda: PropertyItem(value=100))),
    Case("355", "burglary", set_(I0, date_recovered=date(2025, 3, 11))),
    Case("356", "vehicle_theft", set_(lambda r: r.properties[1].items[0], value=None)),
    Case("357", "burglary", set_(P0, stolen_vehicles=1)),
    Case("358", "vehicle_theft", set_(P0, stolen_vehicles=None), ok=set_(P0, stolen_vehicles=0)),
    Case("359", "vehicle_theft", items(("17", 300)), ok=do(items(("17", 300)), set_(P0, stolen_vehicles=None),
                                                             set_(P1, recovered_vehicles=None, items=[
                                                                 item("17", 300, date(2025, 3, 9))]))),
    Case("360", "burglary", set_(P0, recovered_vehicles=1)),
    Case("361", "vehicle_theft", set_(P1, recovered_vehicles=None), ok=set_(P1, recovered_vehicles=0)),
    Case("362", "drug", set_(P0, drugs=[drug("E", Decimal(1), "GM"), drug("X")]),
         ok=set_(P0, drugs=[drug("E", Decimal(1), "GM"), drug("B", Decimal(1), "GM"), drug("X")])),
    Case("363", "drug", set_(P0, drugs=[drug("E", Decimal(1), "GM"), drug("B", Decimal(1), "GM"),
                                        drug("X", Decimal(1), "GM")])),
    Case("364", "drug", set_(D0, measurement=None)),
    Case("365", "burglary", set_(P0, drugs=[drug("E")])),
    Case("366", "drug", set_(D0, drug_type=None)),
    Case("367", "drug", set_(D0, drug_type="B", measurement="NP"), ok=set_(D0, measurement="NP")),
    Case("368", "drug", set_(D0, quantity=None)),
    Case("372", "burglary", set_(P0, items=[])),
    Case("375", "burglary", items((None, 100))),
    Case("376", "burglary", append(lambda r: r.properties, lambda: prop("7", item("20", 40))),
         path="properties[1].loss_type"),
    Case("382", "burglary", items(("10", None))),
    Case("383", "drug", set_(I0, value=100)),
    Case("384", "drug", set_(D0, measurement="XX", quantity=Decimal(2)),
         ok=set_(D0, measurement="XX", quantity=Decimal(1))),
    Case("387", "drug", items(("11", None))),
    Case("388", "vehicle_theft", items(("03", 9000), ("37", 9000)),
         ok=do(items(("03", 9000), ("37", 9000)), set_(P0, stolen_vehicles=2))),
    Case("389", "vehicle_theft", set_(P1, items=[item("03", 9000, date(2025, 3, 9)),
                                                 item("05", 9000, date(2025, 3, 9))])),
    Case("390", "burglary", items(("29", 90000)), ok=items(("38", 900)), path="properties[0].items[0].description"),
    Case("390", "burglary", larceny("26F", ("20", 500)), ok=larceny("26F", ("66", 0)), note="identity-theft-money"),
    Case("391", "burglary", items(("09", 50)), ok=items(("09", 0))),
    Case("392", "drug", set_(P0, loss_type="1", items=[], drugs=[]),
         ok=do(set_(P0, loss_type="1", items=[], drugs=[]), add_offense("35B", criminal_activities=["P"]))),
    # --- victim
    Case("401", "simple", set_(V0, victim_type=None), path="victims[0].victim_type"),
    Case("401", "homicide", set_(V0, circumstances=[]), note="circumstances"),
    Case("401", "simple", set_(V0, injuries=[]), note="injury"),
    Case("401", "simple", set_(V0, relationships=[]), note="relationship"),
    Case("402", "simple", invalid(V0, "sequence_number", "0A1")),
    Case("402", "simple", invalid(REL0, "offender_number", "O1"), note="offender-number"),
    Case("404", "simple", set_(V0, sex="X")),
    Case("404", "simple", set_(V0, age="XY"), note="age"),
    Case("404", "simple", set_(V0, sequence_number=0), note="number"),
    Case("406", "simple", set_(V0, injuries=["M", "M"]), path="victims[0].injuries[1]"),
    Case("407", "simple", set_(V0, injuries=["N", "M"])),
    Case("408", "simple", set_(V0, age=" 34"), ok=set_(V0, age="34")),
    Case("409", "simple", set_(V0, age="3A4")),
    Case("410", "simple", set_(V0, age="3530"), ok=set_(V0, age="3035")),
    Case("415", "simple", source(V0, "25 000001", "4"), ok=source(V0, "25-000001", "4")),
    Case("416", "simple", source(V0, " 25-000001", "4"), ok=source(V0, "25-000001", "4")),
    Case("417", "simple", source(V0, "25/000001", "4"), ok=source(V0, "25-000001", "4")),
    Case("419", "simple", set_(V0, circumstances=["01"])),
    Case("419", "burglary", set_(V0, injuries=["N"]), note="injury"),
    Case("422", "simple", set_(V0, age="0030")),
    Case("450", "simple", do(set_(V0, age="12"), relate((1, "SE"))), ok=do(set_(V0, age="13"), relate((1, "SE")))),
    Case("451", "simple", second_victim(sequence_number=1), ok=second_victim(), path="victims[1].sequence_number"),
    Case("452", "officer_assault", set_(V0, age="16"), ok=set_(V0, age="00")),
    Case("453", "simple", set_(V0, sex=None)),
    Case("454", "officer_assault", set_(V0, officer_activity=None)),
    Case("455", "justifiable_homicide", set_(V0, justifiable_homicide=None)),
    Case("456", "homicide", set_(V0, circumstances=["01", "10"]), ok=set_(V0, circumstances=["01", "06"])),
    Case("456", "homicide", set_(V0, circumstances=["01", "30"]), note="categories"),
    Case("457", "homicide", set_(V0, justifiable_homicide="A")),
    Case("458", "burglary", set_(V0, victim_type="B")),
    Case("459", "drug", do(set_(V0, victim_type="I", age="30", sex="M", race="W"), relate((1, "ST"))),
         ok=do(set_(V0, victim_type="I", age="30", sex="M", race="W"), relate())),
    Case("460", "simple", relate((1, None)), ok=relate((1, "RU"))),
    Case("462", "officer_assault", set_(V0, circumstances=["07"])),
    Case("463", "justifiable_homicide", set_(V0, circumstances=["01"])),
    Case("464", "simple", set_(V0, victim_type="B", age=None, sex=None, race=None, ethnicity=None,
                               resident_status=None, injuries=[], relationships=[])),
    Case("465", "drug", set_(V0, victim_type="I", age="30", sex="M", race="W")),
    Case("466", "simple", set_(V0, offense_codes=["13B", "13A"])),
    Case("467", "burglary", set_(V0, victim_type="S", age=None, sex=None, race=None, ethnicity=None,
                                 resident_status=None)),
    Case("468", "simple", do(relate((0, "ST")), set_(F0, sequence_number=0, age=None, sex=None, race=None,
                                                     ethnicity=None)),
         ok=do(relate((0, None)), set_(F0, sequence_number=0, age=None, sex=None, race=None, ethnicity=None))),
    Case("469", "simple", do(offense_code("11A"), set_(V0, sex="U"))),
    Case("470", "simple", relate((1, "VO"))),
    Case("471", "simple", do(add_offender(2), relate((1, "VO"), (2, "VO")), second_victim()),
         ok=do(add_offender(2), relate((1, "VO"), (2, "AQ")), second_victim())),
    Case("472", "simple", set_(F0, age="00", sex="U", race="U"), ok=do(set_(F0, age="00", sex="U", race="U"),
                                                                       relate((1, "RU")))),
    Case("474", "simple", do(add_offender(2), second_victim(relationships=[rel(1, "VO")]),
                             relate((1, "VO"), (2, "AQ"))),
         ok=do(add_offender(2), second_victim(relationships=[rel(2, "VO")]), relate((1, "VO"), (2, "AQ")))),
    Case("475", "simple", do(add_offender(2), relate((1, "SE"), (2, "SE")))),
    Case("476", "simple", do(relate((1, "SE")), second_victim(relationships=[rel(1, "SE")])),
         ok=do(relate((1, "SE")), second_victim(relationships=[rel(1, "XS")]))),
    Case("477", "homicide", do(offense_code("09B"), set_(V0, circumstances=["01"])),
         ok=do(offense_code("09B"), set_(V0, circumstances=["34"]))),
    Case("478", "simple", do(add_offense("13C"), set_(V0, offense_codes=["13B", "13C"]))),
    Case("479", "simple", set_(V0, injuries=["B"]), ok=set_(V0, injuries=["M"])),
    Case("480", "homicide", set_(V0, circumstances=["08"]), ok=do(set_(V0, circumstances=["08"]), second_victim())),
    Case("481", "simple", do(offense_code("36B", weapons=[]), set_(V0, age="19", injuries=[])),
         ok=do(offense_code("36B", weapons=[]), set_(V0, age="15", injuries=[]))),
    Case("482", "simple", do(offense_code("100"), set_(V0, victim_type="L")), ok=set_(V0, victim_type="L")),
    Case("483", "simple", set_(V0, officer_activity="01")),
    Case("485", "simple", do(offense_code("360", weapons=[]), relate((0, None))),
         ctx={"spec_version": "2025.0", "federal_agency": True},
         ok=do(offense_code("360", weapons=[]), relate((1, "AQ")))),
    Case("490", "officer_assault", set_(R, incident_hour=None), path="victims[0].victim_type"),
    Case("952", "officer_assault", set_(V0, officer_ori="WVNDX01"), ok=set_(V0, officer_ori="VA0010000"),
         note="officer-ori"),
    # --- offender
    Case("501", "simple", set_(F0, sex=None), path="offenders[0].sex"),
    Case("502", "simple", invalid(F0, "sequence_number", "A1")),
    Case("504", "simple", set_(F0, race="X")),
    Case("504", "simple", set_(F0, sequence_number=100), note="number"),
    Case("508", "simple", set_(F0, age=" 36")),
    Case("509", "simple", set_(F0, age="3X6")),
    Case("510", "simple", set_(F0, age="4030")),
    Case("515", "simple", source(F0, "25 000001", "5"), ok=source(F0, "25-000001", "5")),
    Case("516", "simple", source(F0, " 25-000001", "5"), ok=source(F0, "25-000001", "5")),
    Case("517", "simple", source(F0, "25-00000!", "5"), ok=source(F0, "25-000001", "5")),
    Case("522", "simple", set_(F0, age="0040")),
    Case("550", "simple", do(set_(F0, age="12"), relate((1, "SE")))),
    Case("551", "simple", add_offender(1), ok=add_offender(2), path="offenders[1].sequence_number"),
    Case("552", "vehicle_theft", set_(F0, age="30")),
    Case("554", "simple", relate((1, "PA")), ok=relate((1, "CH"))),
    Case("555", "vehicle_theft", add_offender(1)),
    Case("556", "simple", set_(F0, age="NB")),
    Case("557", "vehicle_theft", set_(R, cleared_exceptionally="D", exceptional_clearance_date=date(2025, 3, 20))),
    Case("558", "simple", do(set_(F0, age="00"), set_(R, cleared_exceptionally="D",
                                                     exceptional_clearance_date=date(2025, 3, 20))),
         ok=set_(R, cleared_exceptionally="D", exceptional_clearance_date=date(2025, 3, 20))),
    Case("559", "justifiable_homicide", set_(F0, race="U")),
    Case("560", "simple", do(offense_code("11A"), set_(F0, sex="F")), ok=offense_code("11A"),
         path="offenders[0].sex"),
    # --- arrestee
    Case("601", "arrest", set_(A0, age=None), path="arrestees[0].age"),
    Case("602", "arrest", invalid(A0, "sequence_number", "0A")),
    Case("604", "arrest", set_(A0, arrest_type="X")),
    Case("604", "arrest", set_(A0, arrest_offense_code="90I"), note="retired"),
    Case("605", "arrest", set_(A0, arrest_date=FUTURE)),
    Case("605", "arrest", R, ctx=SUB_FEB, ok_ctx=SUB_MARCH, note="after-month"),
    Case("606", "arrest", set_(A0, armed_with=["12", "12"]), ok=set_(A0, armed_with=["12", "12A"])),
    Case("607", "arrest", set_(A0, armed_with=["01", "16"])),
    Case("608", "arrest", set_(A0, age=" 36")),
    Case("609", "arrest", set_(A0, age="3X6")),
    Case("610", "arrest", set_(A0, age="3630")),
    Case("615", "arrest", set_(A0, arrest_transaction_number="25 108")),
    Case("615", "arrest", source(A0, "25 000108", "6"), ok=source(A0, "25-000108", "6"), note="incident-copy"),
    Case("616", "arrest", set_(A0, arrest_transaction_number=" 25-108")),
    Case("617", "arrest", set_(A0, arrest_transaction_number="25*108")),
    Case("622", "arrest", set_(A0, age="0040")),
    Case("650", "arrest", set_(A0, arrest_offense_code="49A"), ctx={"spec_version": "2025.0"},
         ok_ctx={"spec_version": "2025.0", "federal_agency": True}),
    Case("652", "arrest", set_(A0, age="16"), ok=set_(A0, age="16", disposition_under_18="H")),
    Case("653", "arrest", set_(A0, disposition_under_18="R")),
    Case("654", "arrest", set_(A0, armed_with=["12X"]), ok=set_(A0, armed_with=["12A"])),
    Case("655", "arrest", set_(A0, armed_with=["16A"]), ok=set_(A0, armed_with=["16"])),
    Case("656", "arrest", second_arrestee(), ok=do(second_arrestee(), add_offender(2),
                                                   relate((1, "BG"), (2, "ST")))),
    Case("661", "arrest", do(second_arrestee(sequence_number=1), add_offender(2), relate((1, "BG"), (2, "ST"))),
         ok=do(second_arrestee(), add_offender(2), relate((1, "BG"), (2, "ST")))),
    Case("664", "arrest", set_(A0, age="XX")),
    Case("665", "arrest", set_(A0, arrest_date=date(2025, 3, 13)), ok=set_(A0, arrest_date=date(2025, 3, 14))),
    Case("667", "arrest", set_(A0, sex="U")),
    Case("669", "justifiable_homicide", lambda r: r.arrestees.append(Arrestee(sequence_number=1))),
    Case("670", "arrest", set_(A0, arrest_offense_code="09C")),
    # --- Group B arrest
    Case("701", "group_b", set_(R, race=None), path="race"),
    Case("701", "group_b", set_(R, arrest_transaction_number=None), ctx={"action": "D"}, note="delete"),
    Case("702", "group_b", invalid(R, "sequence_number", "1O")),
    Case("704", "group_b", set_(R, arrest_type="X")),
    Case("704", "group_b", set_(R, arrest_offense_code="90I"), note="retired-90I"),
    Case("704", "group_b", set_(R, arrest_offense_code="90A"), ctx={"spec_version": "2025.0"},
         ok=set_(R, arrest_offense_code="90A"), ok_ctx={"spec_version": "2019.1", "today": date(2020, 12, 31)},
         note="retired-90A"),
    Case("704", "group_b", set_(R, arrest_offense_code="90H"),
         ctx={"spec_version": "2019.1", "submission_year": 2021, "submission_month": 1},
         ok=set_(R, arrest_offense_code="90H"),
         ok_ctx={"spec_version": "2019.1", "submission_year": 2020, "submission_month": 12},
         note="retired-90H-on-its-day"),
    Case("705", "group_b", set_(R, arrest_date=FUTURE)),
    Case("705", "group_b", invalid(R, "arrest_date", "20161301"), note="unreadable"),
    Case("706", "group_b", set_(R, armed_with=["12", "12"])),
    Case("707", "group_b", set_(R, armed_with=["12", "01"])),
    Case("708", "group_b", set_(R, age=" 30")),
    Case("709", "group_b", set_(R, age="305")),
    Case("710", "group_b", set_(R, age="3030")),
    Case("715", "group_b", set_(R, arrest_transaction_number="123 45")),
    Case("715", "group_b", source(R, "123 45", "7"), ok=source(R, "12345", "7"), note="file"),
    Case("716", "group_b", set_(R, arrest_transaction_number=" 12345")),
    Case("717", "group_b", set_(R, arrest_transaction_number="12345#")),
    Case("720", "group_b", R, ctx={"nibrs_start": date(2016, 3, 1)}, ok_ctx={"nibrs_start": date(2016, 2, 29)}),
    Case("722", "group_b", set_(R, age="0030")),
    Case("750", "group_b", set_(R, arrest_offense_code="90K"), ctx={"spec_version": "2025.0"},
         ok_ctx={"spec_version": "2025.0", "federal_agency": True}),
    Case("752", "group_b", set_(R, age="1416"), ok=set_(R, age="1416", disposition_under_18="R")),
    Case("753", "group_b", set_(R, disposition_under_18="H")),
    Case("754", "group_b", set_(R, armed_with=["12Z"])),
    Case("755", "group_b", set_(R, armed_with=["17A"])),
    Case("757", "group_b", set_(R, age="3O")),
    Case("758", "group_b", set_(R, sex="U")),
    Case("759", "group_b", R, ctx=h(group_b=[("WVNDX0100", "12345", 1)]),
         ok_ctx=h(group_b=[("WVNDX0100", "12345", 2)])),
    Case("760", "group_b", set_(R, arrest_offense_code="13B"), ok=set_(R, arrest_offense_code="90D")),
    Case("797", "group_b", set_(R, arrest_date=None), ctx={"action": "D"}),
    Case("088", "group_b", R, ctx=h(group_a_atns=[("WVNDX0100", "12345")]), ok_ctx=h(), note="group-b"),
    Case("952", "group_b", set_(R, ori="WVNDX0100X"), note="group-b"),
    # --- structure
    Case("056", "simple", R, ctx=h(incidents=[("WVNDX0100", "25-000001")]), ok_ctx=h(), path="incident_number"),
    Case("059", "simple", set_(R, ori="ZZ0123456"), ok=set_(R, ori="NB0280000"), path="ori"),
    Case("059", "group_b", set_(R, ori="NE0123456"), ok=set_(R, ori="GM0010000"), path="ori", note="postal-code"),
    Case("059", "zero_report", set_(R, ori="XX0100000"), path="ori"),
    Case("065", "simple", add_offense("13C", victim=False), path="offenses[1].offense_code"),
    Case("070", "simple", relate((2, "ST")), path="victims[0].relationships[0].offender_number"),
    Case("071", "arrest", set_(R, cleared_exceptionally="A", exceptional_clearance_date=date(2025, 3, 20)),
         ok=set_(R, cleared_exceptionally="A", exceptional_clearance_date=date(2025, 3, 14))),
    Case("072", "vehicle_theft", set_(P1, recovered_vehicles=None,
                                      items=[item("17", 100, date(2025, 3, 9))]),
         ok=set_(P1, items=[item("03", 9000, date(2025, 3, 9)), item("38", 200, date(2025, 3, 9))])),
    Case("073", "vehicle_theft", set_(P1, recovered_vehicles=2)),
    Case("074", "burglary", set_(R, properties=[]), path="offenses[0].offense_code"),
    Case("075", "simple", set_(R, offenders=[])),
    Case("076", "simple", set_(R, properties=[prop("1")])),
    Case("077", "burglary", set_(O0, attempted_completed="A"),
         ok=do(set_(O0, attempted_completed="A"), set_(P0, loss_type="8", items=[]))),
    Case("078", "burglary", set_(P0, loss_type="4")),
    Case("080", "drug", second_victim()),
    Case("081", "burglary", append(lambda r: r.properties, lambda: prop("2", item("29", 80000))),
         path="properties[1].loss_type"),
    Case("084", "vehicle_theft", set_(lambda r: r.properties[1].items[0], value=20000)),
    Case("084", "vehicle_theft", set_(P1, items=[item("03", 9000, date(2025, 3, 9)),
                                                 item("38", 20000, date(2025, 3, 9))]), note="parts"),
    Case("085", "simple", add_offender(2), ok=do(add_offender(2), relate((1, "BG"), (2, "ST")))),
    Case("088", "arrest", R, ctx=h(group_b_atns=[("WVNDX0100", "25-000108")]), ok_ctx=h()),
    # --- data quality warnings
    Case("1201", "burglary", set_(O0, location_type="14", premises_entered=14),
         ok=set_(O0, location_type="14", premises_entered=4)),
    Case("1202", "homicide", set_(O0, weapons=["35"])),
    Case("1203", "simple", offense_code("520", weapons=["40"], criminal_activities=["P"]),
         ok=offense_code("520", weapons=["12"], criminal_activities=["P"])),
    Case("1204", "robbery", set_(V0, victim_type="B", age=None, sex=None, race=None, ethnicity=None,
                                 resident_status=None, injuries=[], relationships=[])),
    Case("1209", "robbery", set_(O0, weapons=["12A"])),
    Case("1220", "simple", set_(O0, bias_motivations=["99"])),
    Case("1221", "simple", set_(O0, bias_motivations=["11", "21"]), ok=set_(O0, bias_motivations=["11"])),
    Case("1222", "homicide", set_(O0, bias_motivations=["12"])),
    Case("1223", "simple", offense_code("11A", bias_motivations=["41"]), ok=offense_code("11A")),
    Case("1224", "simple", offense_code("11B", bias_motivations=["41"]), ok=offense_code("11B")),
    Case("1225", "simple", offense_code("11C", bias_motivations=["41"]), ok=offense_code("11C")),
    Case("1226", "simple", do(set_(O0, bias_motivations=["14"]), add_offense("13C", bias_motivations=["14"])),
         ok=do(set_(O0, bias_motivations=["14"]), add_offense("13C"))),
    Case("1302", "burglary", do(offense_code("200", method_of_entry=None),
                                set_(R, cargo_theft=None), set_(P0, loss_type="2"), items(("77", 25000))),
         ok=do(offense_code("200", method_of_entry=None), set_(R, cargo_theft=None), set_(P0, loss_type="2"),
               items(("77", 2500)))),
    Case("1303", "burglary", add_offense("23H")),
    Case("1304", "burglary", larceny("23H", ("01", 90000))),
    Case("1305", "burglary", larceny("23E", ("13", 400)), ok=larceny("23E", ("20", 40))),
    Case("1306", "burglary", larceny("23H", ("31", 4000))),
    Case("1307", "burglary", items(("99", 5))),
    Case("1308", "vehicle_theft", do(set_(P0, stolen_vehicles=6), set_(P1, recovered_vehicles=1))),
    Case("1310", "burglary", items(("09", 0))),
    Case("1312", "burglary", larceny("23F", ("26", 300)), ok=larceny("23F", ("38", 300))),
    Case("1314", "drug", do(offense_code("35B"), set_(P0, loss_type="1", items=[], drugs=[])),
         ok=do(offense_code("35B"), set_(P0, items=[item("11", 20)], drugs=[]))),
    Case("1316", "drug", set_(D0, measurement="DU"), ok=set_(D0, drug_type="I", measurement="DU")),
    Case("1342", "burglary", items(("17", 1_000_000)), ok=items(("17", 999_999))),
    Case("1343", "vehicle_theft", do(add_offense("280", criminal_activities=["B"]), items(("17", 400)),
                                     set_(P0, stolen_vehicles=None))),
    Case("1401", "simple", do(offense_code("36A", weapons=[]), set_(V0, injuries=[]), relate((1, "AQ"))),
         ok=do(offense_code("36A", weapons=[]), set_(V0, injuries=[]), relate((1, "SB")))),
    Case("1402", "simple", do(offense_code("36B", weapons=[]), set_(V0, age="12", injuries=[])),
         ok=do(offense_code("36B", weapons=[]), set_(V0, age="14", injuries=[]))),
    Case("1403", "simple", do(offense_code("36B", weapons=[]), set_(V0, age="15", injuries=[]), relate((1, "SB"))),
         ok=do(offense_code("36B", weapons=[]), set_(V0, age="15", injuries=[]))),
    Case("1404", "officer_assault", do(set_(O0, weapons=["40"]), set_(V0, injuries=["M"]))),
    Case("1405", "simple", set_(O0, weapons=["99"]), ok=set_(O0, weapons=["40"])),
    Case("1407", "simple", set_(V0, age="00", sex="U", race="U")),
    Case("1408", "burglary", set_(V0, age="05")),
    Case("1409", "officer_assault", set_(V0, circumstances=["01"])),
    Case("1413", "simple", relate((1, "CH")), ok=do(relate((1, "CH")), set_(V0, age="12"))),
    Case("1427", "drug", set_(O0, bias_motivations=["21"])),
    Case("1441", "simple", set_(V0, age="99")),
    Case("1449", "simple", do(set_(V0, age="16"), relate((1, "SE")))),
    Case("1501", "simple", set_(F0, age="02")),
    Case("1508", "simple", do(offense_code("11D"), set_(F0, age="12"))),
    Case("1509", "homicide", set_(F0, age="10")),
    Case("1541", "simple", set_(F0, age="99")),
    Case("1549", "simple", do(set_(F0, age="17"), relate((1, "SE")))),
    Case("1601", "arrest", set_(A0, age="02", disposition_under_18="H")),
    Case("1607", "simple", set_(F0, age="00", sex="U", race="U"), ok=set_(F0, age="00", sex="U", race="W")),
    Case("1608", "arrest", set_(A0, arrest_offense_code="90D", age="12", disposition_under_18="H"),
         ok=set_(A0, arrest_offense_code="90D", age="13", disposition_under_18="H")),
    Case("1609", "arrest", set_(A0, arrest_offense_code="120", age="10", disposition_under_18="R")),
    Case("1640", "arrest", set_(A0, age="1619"), ok=set_(A0, age="1619", disposition_under_18="H")),
    Case("1641", "arrest", set_(A0, age="99")),
    Case("1701", "group_b", set_(R, age="01", disposition_under_18="R")),
    Case("1708", "group_b", set_(R, arrest_offense_code="90D", age="11", disposition_under_18="R")),
    Case("1740", "group_b", set_(R, age="1619"), ok=set_(R, age="1718", disposition_under_18="R")),
    Case("1741", "group_b", set_(R, age="99")),
]
