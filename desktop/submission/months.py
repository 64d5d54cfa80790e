"""A reporting month ("2025-03"), its first and last day, and the dates in a report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

from desktop.nibrs import model as m

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        """``YYYY-MM``; raises ValueError saying what is expected."""
        found = _MONTH.match(text or "")
        if not found or not 1 <= int(found[2]) <= 12 or not 1900 <= int(found[1]) <= 9999:
            raise ValueError(f"{text!r} is not a month: write it as YYYY-MM, e.g. 2025-03")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.year, day.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return self.next().first - timedelta(days=1)

    def next(self) -> "Month":
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> "Month":
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def words(self) -> str:
        return self.first.strftime("%B %Y")


def report_dates(report: m.Report) -> Iterator[tuple[str, date]]:
    """Every date in a report, with what it is ("incident date", "arrest date of arrestee 1"...)."""
    if isinstance(report, m.GroupAIncident):
        if report.incident_date:
            yield ("report date" if report.report_date_indicator else "incident date"), report.incident_date
        if report.exceptional_clearance_date:
            yield "exceptional clearance date", report.exceptional_clearance_date
        for p in report.properties:
            for item in p.items:
                if isinstance(item.date_recovered, date):
                    yield "date recovered", item.date_recovered
        for a in report.arrestees:
            if isinstance(a.arrest_date, date):
                yield f"arrest date of arrestee {a.sequence_number or '?'}", a.arrest_date
    elif isinstance(report, m.GroupBArrest):
        if isinstance(report.arrest_date, date):
            yield "arrest date", report.arrest_date
    elif isinstance(report, m.ZeroReport) and report.year and report.month:
        try:
            yield "zero report month", Month(report.year, report.month).last
        except ValueError:
            return


def main_date(report: m.Report) -> date | None:
    """The date a report is filed under: incident date, arrest date, the zero report's month."""
    if isinstance(report, m.GroupAIncident):
        return report.incident_date
    if isinstance(report, m.GroupBArrest):
        return report.arrest_date
    if isinstance(report, m.ZeroReport) and report.year and report.month:
        try:
            return date(report.year, report.month, 1)
        except ValueError:
            return None
    return None


def latest_date(report: m.Report) -> tuple[str, date] | None:
    """The latest date in a report, with its name."""
    found = list(report_dates(report))
    return max(found, key=lambda x: x[1]) if found else None
