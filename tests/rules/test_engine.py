"""The rule engine: live checks by path, spec versions, action types, finding contents, unreadable input."""

from __future__ import annotations

from datetime import date

import pytest

from cases import line
from nibrs_samples import (
    arrest_incident, burglary_incident, group_b_sample, officer_assault_incident, robbery_incident, simple_incident,
    vehicle_theft_incident, zero_report_sample,
)
from desktop.nibrs.findings import ERROR, WARNING
from desktop.nibrs.model import Relationship, SourceRef
from desktop.nibrs.rules import (
    REGISTRY, Context, Rule, elements_at, hit, rule, rules_for_path, validate, validate_field,
)
from desktop.nibrs.rules.engine import Registry


def numbers(report, **ctx):
    return {f.error for f in validate(report, Context(**ctx))}


# ----------------------------------------------------------------------------- live checks
def test_live_check_returns_the_findings_of_rules_reading_the_field():
    inc = simple_incident()
    inc.victims[0].age = "3530"  # 410
    inc.offenses[0].location_type = "43"  # 204, not about the age
    found = validate_field(inc, "victims[0].age")
    assert [(f.error, f.path) for f in found] == [("410", "victims[0].age")]
    assert {f.error for f in validate_field(inc, "offenses[0].location_type")} == {"204"}


@pytest.mark.parametrize("path, element", [
    ("victims[3].age", "26"), ("offenses[0].weapons[1]", "13"), ("properties[0].items[2].value", "16"),
    ("victims[1].relationships[0].relationship", "35"), ("properties[0].drugs[1].quantity", "21"),
    ("incident_hour", "3_hour"), ("arrestees[0].armed_with[1]", "46"),
])
def test_paths_name_their_element(path, element):
    assert elements_at(simple_incident(), path) == [element]


def test_live_check_of_a_group_member_sees_rules_across_segments():
    inc = simple_incident()
    inc.victims[0].relationships = [Relationship(offender_number=2, relationship="ST")]
    found = {f.error for f in validate_field(inc, "victims[0].relationships[0].offender_number")}
    assert "070" in found  # the structure rule reading DE 34 runs too
    assert "070" not in {f.error for f in validate_field(inc, "victims[0].relationships[0].relationship")}


def test_live_check_of_a_segment_path_covers_every_element_of_it():
    inc = simple_incident()
    inc.victims[0].age = "3530"
    inc.victims[0].sex = "X"
    found = {f.error for f in validate_field(inc, "victims[0]")}
    assert {"410", "404"} <= found
    assert set(elements_at(inc, "victims[0]")) >= {"23", "24", "26", "34", "35"}
    assert validate_field(inc, "") == validate(inc)


def test_live_check_of_an_unknown_path_finds_nothing():
    assert validate_field(simple_incident(), "victims[0].shoe_size") == []
    assert rules_for_path(simple_incident(), "nonsense[0]") == []


def test_live_check_of_offense_code_runs_the_cross_segment_rules():
    inc = burglary_incident()
    inc.offenses[0].offense_code = "13B"
    found = {f.error for f in validate_field(inc, "offenses[0].offense_code")}
    assert {"466", "076", "065"} <= found


# ----------------------------------------------------------------------------- spec versions
def test_2025_drops_106_and_490():
    inc = officer_assault_incident()
    inc.incident_hour = None
    assert {"106", "490"} <= numbers(inc)
    assert not {"106", "490"} & numbers(inc, spec_version="2025.0")


def test_2025_makes_258_and_265_warnings():
    inc = robbery_incident()
    inc.offenses[0].weapons = ["20A"]
    sev = {f.error: f.severity for f in validate(inc, Context(spec_version="2025.0"))}
    assert sev["258"] == WARNING
    assert {f.error: f.severity for f in validate(inc)}["258"] == ERROR
    inc = simple_incident()
    inc.offenses[0].weapons = ["30"]
    assert {f.error: f.severity for f in validate(inc, Context(spec_version="2025.0"))}["265"] == WARNING


def test_retired_and_later_codes_follow_the_spec_version():
    b = group_b_sample()
    b.arrest_offense_code = "90A"  # retired on 2021-01-01 (declared by 2023.0)
    dec_2020 = dict(submission_year=2020, submission_month=12)
    assert "704" not in numbers(b, **dec_2020) and "704" in numbers(b, spec_version="2023.0", **dec_2020)
    assert "704" in numbers(b, spec_version="2025.0", **dec_2020)
    # from the day it was retired, whatever the version checked: never offered, always flagged
    assert "704" in numbers(b, submission_year=2021, submission_month=1)
    assert "704" in numbers(b, today=date(2025, 6, 1))
    assert "704" not in numbers(b, today=date(2020, 6, 1))
    b.arrest_offense_code = "90I"
    assert "704" in numbers(b, **dec_2020) and "704" in numbers(b, spec_version="2025.0")
    b.arrest_offense_code = "90K"  # federal-only, from 2019.2
    assert "704" in numbers(b) and "750" not in numbers(b)
    assert "704" not in numbers(b, spec_version="2025.0") and "750" in numbers(b, spec_version="2025.0")
    assert not {"704", "750"} & numbers(b, spec_version="2025.0", federal_agency=True)


def test_the_x04_message_says_why_a_code_is_refused():
    b = group_b_sample()
    b.arrest_offense_code = "90I"
    (f,) = [f for f in validate(b) if f.error == "704"]
    assert "retired" in f.message and "90I" in f.message


# ----------------------------------------------------------------------------- action types
def test_a_delete_checks_only_what_a_delete_carries():
    inc = simple_incident()
    inc.offenders = []  # 075 for an I record
    inc.incident_date = None
    assert {"075", "101"} <= numbers(inc)
    assert numbers(inc, action="D") == {"197"}
    b = group_b_sample()
    b.age = None
    b.arrest_date = None
    assert numbers(b, action="D") == {"797"}
    z = zero_report_sample()
    assert numbers(z, action="D") == set()


# ----------------------------------------------------------------------------- findings
def test_finding_carries_what_the_eds_and_the_wizard_need():
    inc = vehicle_theft_incident()
    inc.properties[1].items[0].value = 20000  # 084
    inc.victims[0].age = "3530"  # 410
    inc.source = SourceRef(path="march.txt", line=3, record=2, text="")
    inc.victims[0].source = SourceRef(path="march.txt", line=9, record=7, text=line("25-000102", "4").text)
    by = {f.error: f for f in validate(inc)}
    f = by["084"]
    assert (f.segment, f.segment_level, f.loss_type, f.element, f.path, f.value) == \
        ("property", "3", "5", "16", "properties[1].items[0].value", "20000")
    assert f.extra["data_element"] == "16" and f.extra["fbi_message"].startswith("RECOVERED PROPERTY VALUE")
    assert (f.ori, f.incident, f.action) == ("WVNDX0100", "25-000102", "I")
    v = by["410"]
    assert (v.segment_level, v.sequence, v.record, v.file) == ("4", "001", 7, "march.txt")
    assert v.fix and v.message == "In the victim's age range 3530, the first age is not lower than the second."
    o = [f for f in validate(_with_bad_location()) if f.error == "204"][0]
    assert o.offense_code == "13B" and o.segment_level == "2"


def _with_bad_location():
    inc = simple_incident()
    inc.offenses[0].location_type = "43"
    return inc


def test_incident_level_findings_point_into_their_segment():
    inc = arrest_incident()
    inc.arrestees.append(inc.arrestees[0].__class__(**{**inc.arrestees[0].values(), "extras": {}}))
    found = [f for f in validate(inc) if f.error == "661"]
    assert [(f.path, f.segment, f.segment_level, f.sequence) for f in found] == \
        [("arrestees[1].sequence_number", "arrestee", "6", "001")]


# ----------------------------------------------------------------------------- unreadable input
@pytest.mark.parametrize("make, target, key, raw, number", [
    (simple_incident, lambda r: r, "incident_date", "20250231", "105"),
    (simple_incident, lambda r: r, "exceptional_clearance_date", "2025XX01", "105"),
    (simple_incident, lambda r: r, "incident_hour", "2X", "152"),
    (simple_incident, lambda r: r, "cleared_exceptionally", "?", "104"),
    (burglary_incident, lambda r: r.offenses[0], "premises_entered", "A", "202"),
    (simple_incident, lambda r: r.offenses[0], "weapons[0]", "4", "204"),
    (burglary_incident, lambda r: r.properties[0].items[0], "value", "1.500", "302"),
    (vehicle_theft_incident, lambda r: r.properties[1], "recovered_vehicles", "O1", "302"),
    (vehicle_theft_incident, lambda r: r.properties[1].items[0], "date_recovered", "20250932", "305"),
    (simple_incident, lambda r: r.victims[0], "sequence_number", "OO1", "402"),
    (simple_incident, lambda r: r.victims[0].relationships[0], "offender_number", "0I", "402"),
    (simple_incident, lambda r: r.victims[0], "age", "3 5", "409"),
    (simple_incident, lambda r: r.victims[0], "age", " 35 ", "408"),
    (simple_incident, lambda r: r.victims[0], "age", "ZZ", "404"),
    (simple_incident, lambda r: r.offenders[0], "sequence_number", "1A", "502"),
    (simple_incident, lambda r: r.offenders[0], "age", "3?", "556"),
    (arrest_incident, lambda r: r.arrestees[0], "sequence_number", "A1", "602"),
    (arrest_incident, lambda r: r.arrestees[0], "arrest_date", "20250230", "605"),
    (arrest_incident, lambda r: r.arrestees[0], "age", "3A", "664"),
    (group_b_sample, lambda r: r, "sequence_number", "0X", "702"),
    (group_b_sample, lambda r: r, "arrest_date", "2016022A", "705"),
    (group_b_sample, lambda r: r, "age", "30AB", "709"),
    (zero_report_sample, lambda r: r, "month", "1 ", "090"),
    (zero_report_sample, lambda r: r, "year", "16", "091"),
])
def test_unreadable_values_get_their_fbi_number(make, target, key, raw, number):
    report = make()
    seg = target(report)
    seg.invalid[key] = raw
    if "[" not in key:
        setattr(seg, key, None)
    else:
        getattr(seg, key.split("[")[0]).clear()
    found = [f for f in validate(report) if f.error == number]
    assert found, sorted({f.error for f in validate(report)})
    assert raw.strip() in found[0].value or raw in found[0].value
    # an unreadable mandatory value is not "missing"
    assert not any(f.error.endswith("01") and len(f.error) == 3 and f.element == found[0].element
                   for f in validate(report) if f.error != number)


# ----------------------------------------------------------------------------- registry
def test_registry_refuses_bad_metadata():
    reg = Registry()
    with pytest.raises(ValueError, match="unknown segment"):
        reg.add(Rule(number="999", segment="nowhere", message="m", fix="f", func=lambda *a: None))
    with pytest.raises(ValueError, match="severity"):
        reg.add(Rule(number="999", segment="victim", message="m", fix="f", func=lambda *a: None, severity="fatal"))


def test_rules_are_found_by_declaration():
    REGISTRY.load()
    modules = {r.func.__module__ for r in REGISTRY.rules}
    assert {"desktop.nibrs.rules.administrative", "desktop.nibrs.rules.offense", "desktop.nibrs.rules.property",
            "desktop.nibrs.rules.victim", "desktop.nibrs.rules.offender", "desktop.nibrs.rules.arrest",
            "desktop.nibrs.rules.structure", "desktop.nibrs.rules.zero", "desktop.nibrs.rules.quality",
            "desktop.nibrs.rules.codes", "desktop.nibrs.rules.mandatory", "desktop.nibrs.rules.ages",
            "desktop.nibrs.rules.identifiers"} <= modules


def test_a_rule_declared_later_runs_and_is_found_live():
    before = len(REGISTRY.rules)

    @rule("9999", segment="victim", elements=("27",), severity=WARNING, message="Sex {value}.", fix="None.",
          profiles=("test-profile",), fbi_message="TEST")
    def test_only(victim, incident, ctx):
        yield hit("27", victim.sex)

    try:
        inc = simple_incident()
        assert "9999" not in numbers(inc)
        found = [f for f in validate_field(inc, "victims[0].sex", Context(profile="test-profile"))
                 if f.error == "9999"]
        assert [(f.message, f.severity) for f in found] == [("Sex F.", WARNING)]
    finally:
        REGISTRY.remove(REGISTRY.rules[-1:])
    assert len(REGISTRY.rules) == before


def test_context_today_bounds_future_dates():
    inc = simple_incident()
    assert "105" in numbers(inc, today=date(2025, 3, 1))
    assert "105" not in numbers(inc, today=date(2025, 3, 14))


def test_property_crime_victims_may_be_related_to_offenders():
    """Section 3.3 allows it and the FBI's own flat-file sample does it (a burglary victim, relationship RU)."""
    inc = burglary_incident()
    inc.victims[0].relationships = [Relationship(offender_number=1, relationship="RU")]
    assert validate(inc) == []


# ----------------------------------------------------------------------------- the generated guard code
def _guardgen(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "desktop.nibrs.rules.engine.guardgen", *args], capture_output=True,
                          text=True, timeout=120)


def test_the_guard_code_prints_with_its_bits_and_is_the_code_the_engine_runs():
    from desktop.nibrs.rules.engine import guardgen

    done = _guardgen("victim")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    printed = done.stdout
    plan = REGISTRY.plans(Context())["victim"]
    assert printed.startswith(f"# guards of victim (spec 2019.1, profile fbi, action I): {len(plan.rules)} rules")
    for i, c in enumerate(plan.conditions):
        assert f"# bit {i}: {c.text}\n" in printed
    assert "def mask(seg, report, ctx):" in printed and "for row in seg.relationships:" in printed
    # the printed source, run with the generator's names, gives every victim the bits the engine computes
    _source, names = guardgen.generate("victim", plan.conditions, plan.context)
    exec(compile(printed, "<printed>", "exec"), names)
    ctx = Context()
    seen = set()
    for inc in (simple_incident(), robbery_incident(), officer_assault_incident(), burglary_incident()):
        for v in inc.victims:
            bits = names["mask"](v, inc, ctx)
            assert bits == plan.mask(v, inc, ctx)
            seen.add(bits)
    assert len(seen) > 1  # the samples differ in what the guards see


def test_the_guard_code_of_a_context_and_an_unknown_kind():
    done = _guardgen("incident", "--action", "D")
    assert done.returncode == 0, done.stderr
    deletes = REGISTRY.plans(Context(action="D"))["incident"]
    assert done.stdout.startswith(f"# guards of incident (spec 2019.1, profile fbi, action D): {len(deletes.rules)} "
                                  "rules")
    assert len(deletes.rules) < len(REGISTRY.plans(Context())["incident"].rules)
    wrong = _guardgen("vehicle")
    assert wrong.returncode == 2 and wrong.stdout == ""
    assert "'vehicle'" in wrong.stderr and "victim" in wrong.stderr
