"""Every FBI number: a record that triggers the edit and one that does not (table in cases.py)."""

from __future__ import annotations

import pytest

from cases import CASES, Case
from nibrs_samples import clean_records
from desktop.nibrs.rules import Context, validate

RECORDS = clean_records()


def _findings(case: Case, change, ctx_kwargs):
    report = RECORDS[case.base]()
    if change is not None:
        change(report)
    return validate(report, Context(**ctx_kwargs))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_triggers(case: Case):
    found = [f for f in _findings(case, case.bad, case.ctx) if f.error == case.number]
    assert found, f"{case.number} not raised; case {case.id}"
    for f in found:
        assert f.message and "{" not in f.message and f.fix, f
    if case.path is not None:
        assert case.path in {f.path for f in found}, [f.path for f in found]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_does_not_trigger(case: Case):
    ctx = case.ok_ctx if case.ok_ctx is not None else case.ctx
    found = [f for f in _findings(case, case.ok, ctx) if f.error == case.number]
    assert not found, [(f.path, f.message) for f in found]


@pytest.mark.parametrize("name", sorted(RECORDS))
@pytest.mark.parametrize("spec", ["2019.1", "2025.0"])
def test_clean_records_are_clean(name, spec):
    assert validate(RECORDS[name](), Context(spec_version=spec)) == []
