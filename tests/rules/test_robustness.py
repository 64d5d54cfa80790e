"""Validation never crashes: every field blank, emptied or holding an unknown code, on every clean record."""

from __future__ import annotations

import dataclasses

import pytest

from nibrs_samples import allfields_incident, clean_records
from desktop.nibrs.model import CHILD_FIELDS
from desktop.nibrs.rules import Context, validate, validate_field
from desktop.nibrs.values import walk

ODD = (None, "", "ZZZ", "0", " ", "A")
_CHILD_LISTS = {list_field for _parent, list_field in CHILD_FIELDS.values()}


def _fields(report):
    for kind, segment, _where in walk(report):
        for f in dataclasses.fields(segment):
            if f.name in ("extras", "invalid", "source"):
                continue
            if f.name in _CHILD_LISTS:
                continue  # child segments and group rows are walked themselves
            yield segment, f.name, getattr(segment, f.name)


RECORDS = {**clean_records(), "allfields": allfields_incident}


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_no_value_makes_validation_crash(name):
    base = RECORDS[name]
    n_fields = sum(1 for _ in _fields(base()))
    for i in range(n_fields):
        for odd in ODD:
            report = base()
            segment, field, value = list(_fields(report))[i]
            setattr(segment, field, [odd] if isinstance(value, list) and odd is not None else
                    ([] if isinstance(value, list) else odd))
            for spec in ("2019.1", "2025.0"):
                for action in ("I", "D"):
                    validate(report, Context(spec_version=spec, action=action, submission_year=2025,
                                             submission_month=3))


@pytest.mark.parametrize("name", ["simple", "burglary", "vehicle_theft", "drug", "robbery"])
def test_empty_segments_do_not_crash(name):
    report = RECORDS[name]()
    for list_field in ("offenses", "properties", "victims", "offenders", "arrestees"):
        setattr(report, list_field, [])
        validate(report)
        for path in ("incident_date", "victims[0].age", "offenses[0]", ""):
            validate_field(report, path)
