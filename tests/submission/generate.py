"""A month of generated reports for tests and benchmarks: the clean sample records, renumbered and redated."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date, timedelta

from nibrs_samples import clean_records

from desktop.nibrs import model as m

TEMPLATES = ("simple", "burglary", "vehicle_theft", "drug", "robbery", "homicide", "justifiable_homicide",
             "officer_assault", "arrest")


def _shift(report, days: int):
    """Move every date of a report by ``days``."""
    for f in dataclasses.fields(report):
        value = getattr(report, f.name)
        if isinstance(value, date):
            setattr(report, f.name, value + timedelta(days=days))
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, m.Segment):
                    _shift(v, days)
    return report


def incident(n: int, year: int = 2025, month: int = 3, ori: str = "WVNDX0100") -> m.GroupAIncident:
    """The n-th generated incident of a month: a clean sample, numbered G<yy><mm>-<n>, dated in the month."""
    template = clean_records()[TEMPLATES[n % len(TEMPLATES)]]()
    report = copy.deepcopy(template)
    report.ori = ori
    report.incident_number = f"G{year % 100:02d}{month:02d}-{n:06d}"
    # the templates are dated March 1-15, 2025; put each on day 1 + n % 12 of the month (arrests follow within 3 days)
    target = date(year, month, 1 + n % 12)
    _shift(report, (target - report.incident_date).days)
    for a in report.arrestees:
        a.arrest_transaction_number = report.incident_number
    return report


def group_b(n: int, year: int = 2025, month: int = 3, ori: str = "WVNDX0100") -> m.GroupBArrest:
    report = clean_records()["group_b"]()
    report.ori = ori
    report.arrest_transaction_number = f"B{year % 100:02d}{month:02d}-{n:06d}"
    report.arrest_date = date(year, month, 1 + n % 20)
    return report


def fill_month(store, incidents: int, arrests: int = 0, *, year: int = 2025, month: int = 3,
               status: str = "approved", validate: bool = False) -> list[tuple[str, int]]:
    """Create the month's reports (approved by default); returns (kind, id) of each."""
    out = []
    for n in range(incidents):
        rec = store.create(incident(n, year, month), status=status, findings=None if validate else [])
        out.append(("incident", rec.id))
    for n in range(arrests):
        rec = store.create(group_b(n, year, month), status=status, findings=None if validate else [])
        out.append(("group_b", rec.id))
    return out
