"""Administrative segment edits: each rule has a record that triggers it and one that does not."""

from __future__ import annotations

from datetime import date

from nibrs_samples import simple_incident
from desktop.nibrs.rules import validate


def numbers(report, **ctx):
    return {f.error for f in validate(report)}


def test_153_clearance_date_without_exceptional_clearance():
    ok = simple_incident()
    assert "153" not in numbers(ok)
    bad = simple_incident()
    bad.exceptional_clearance_date = date(2025, 3, 20)
    found = [f for f in validate(bad) if f.error == "153"]
    assert len(found) == 1 and found[0].path == "exceptional_clearance_date" and found[0].element == "5"


def test_155_clearance_before_incident():
    inc = simple_incident()
    inc.cleared_exceptionally = "D"
    inc.exceptional_clearance_date = date(2025, 3, 20)
    assert "155" not in numbers(inc)
    inc.exceptional_clearance_date = date(2025, 3, 1)
    assert "155" in numbers(inc)


def test_156_exceptional_clearance_needs_a_date():
    inc = simple_incident()
    inc.cleared_exceptionally = "B"
    assert "156" in numbers(inc)
    inc.exceptional_clearance_date = date(2025, 3, 20)
    assert "156" not in numbers(inc)


def test_x04_codes_not_in_their_list():
    inc = simple_incident()
    assert not {"104", "204", "404", "504"} & numbers(inc)
    inc.offenses[0].location_type = "43"  # 43 is not a location code
    inc.victims[0].relationships[0].relationship = "HR"  # removed before 2019
    inc.offenders[0].race = "X"
    found = {(f.error, f.path) for f in validate(inc)}
    assert ("204", "offenses[0].location_type") in found
    assert ("404", "victims[0].relationships[0].relationship") in found
    assert ("504", "offenders[0].race") in found
