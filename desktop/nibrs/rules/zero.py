"""Zero report edits: 090, 093 and 094 on the month and year, 028-031 against the agency's own database.

The year's own problems (091 not four digits, 001 before 1991 or in the future) are in ``dates.py``.

001 (blank mandatory fields) is in ``mandatory.py``, 015-017 and 092 (the twelve zeros) in
``identifiers.py``, 952 (ORI format) in ``administrative.py``.

"Data on file for the month" (028-031) means, in our database, a Group A incident whose
incident date, or a Group B arrest whose arrest date, falls in the zero report's month.
"""

from __future__ import annotations

from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import hit, rule

_ANY = ("I", "A", "R", "D")


def _month_ok(zero) -> bool:
    return isinstance(zero.month, int) and 1 <= zero.month <= 12


def _year_ok(zero) -> bool:
    return isinstance(zero.year, int) and 1000 <= zero.year <= 9999


@rule("090", segment="zero_report", elements=("zero_month",), actions=_ANY,
      message="The zero report month {value!r} is not a month from 01 to 12.",
      fix="Enter the month with no incidents and no arrests, 01 to 12.",
      fbi_message="ZERO REPORT MONTH IS NOT 01–12")
def bad_zero_month(zero, ctx):
    for _f, _i, raw in f.unreadable(zero, ["month"]):
        yield hit("zero_month", raw)
    if zero.month is not None and not _month_ok(zero):
        yield hit("zero_month", zero.month)


@rule("093", segment="zero_report", elements=("zero_month", "zero_year"),
      message="The zero report is for {value}, before the agency began NIBRS reporting ({detail}).",
      fix="Zero reports are sent only for months since the agency's NIBRS start date; check the month and year.",
      fbi_message="ZERO REPORT MONTH/YEAR IS PRIOR TO AGENCY CONVERSION TO THE NIBRS")
def zero_before_nibrs_start(zero, ctx):
    start = f.nibrs_start_month(ctx)
    if start is None or not _month_ok(zero) or not _year_ok(zero):
        return
    if (zero.year, zero.month) < (start.year, start.month):
        yield hit("zero_month", f"{zero.month:02d}/{zero.year}", detail=f"{start.month:02d}/{start.year}")


@rule("094", segment="zero_report", elements=("zero_month", "zero_year"),
      message="The zero report is for {value}, later than the month of this submission ({detail}).",
      fix="A zero report can be sent only for a month that has ended: the month of submission or earlier.",
      fbi_message="ZERO REPORT MONTH/YEAR EXCEEDED MONTH/YEAR OF SUBMISSION")
def zero_after_submission(zero, ctx):
    if f.submission_end(ctx) is None or not _month_ok(zero) or not _year_ok(zero):
        return
    if (zero.year, zero.month) > (ctx.submission_year, ctx.submission_month):
        yield hit("zero_month", f"{zero.month:02d}/{zero.year}",
                  detail=f"{ctx.submission_month:02d}/{ctx.submission_year}")


def _on_file(zero, ctx, kind: str) -> bool:
    h = ctx.history
    if h is None or not zero.ori or not _month_ok(zero) or not _year_ok(zero):
        return False
    return h.data_on_file_for_month(zero.ori, zero.year, zero.month, kind=kind)


@rule("028", segment="zero_report", elements=("zero_month", "zero_year", "1"),
      message="A zero report says there was nothing to report in {value}, but an incident of that month is on "
              "file.",
      fix="Do not send a zero report for a month with incidents; delete the zero report.",
      fbi_message="CANNOT ADD ZERO REPORT-GROUP A INCIDENT ON FILE FOR THIS MONTH")
def zero_with_incidents(zero, ctx):
    if _on_file(zero, ctx, "incident"):
        yield hit("zero_month", f"{zero.month:02d}/{zero.year}")


@rule("029", segment="zero_report", elements=("zero_month", "zero_year", "1"),
      message="A zero report says there was nothing to report in {value}, but a Group B arrest of that month is on "
              "file.",
      fix="Do not send a zero report for a month with arrests; delete the zero report.",
      fbi_message="CANNOT ADD ZERO REPORT-GROUP B ARREST REPORT ON FILE FOR THIS MONTH")
def zero_with_arrests(zero, ctx):
    if _on_file(zero, ctx, "group_b"):
        yield hit("zero_month", f"{zero.month:02d}/{zero.year}")


@rule("030", segment="zero_report", elements=("zero_month", "zero_year", "1"), actions=("D",),
      message="The zero report for {value} cannot be deleted while an incident of that month is on file.",
      fix="Nothing to do: the FBI removes the zero report itself when an incident of that month arrives.",
      fbi_message="CANNOT DELETE ZERO REPORT - GROUP A INCIDENT ON FILE FOR THIS MONTH")
def delete_zero_with_incidents(zero, ctx):
    if _on_file(zero, ctx, "incident"):
        yield hit("zero_month", f"{zero.month:02d}/{zero.year}")


@rule("031", segment="zero_report", elements=("zero_month", "zero_year", "1"), actions=("D",),
      message="The zero report for {value} cannot be deleted while a Group B arrest of that month is on file.",
      fix="Nothing to do: the FBI removes the zero report itself when an arrest of that month arrives.",
      fbi_message="CANNOT DELETE ZERO REPORT - GROUP B INCIDENT ON FILE FOR THIS MONTH")
def delete_zero_with_arrests(zero, ctx):
    if _on_file(zero, ctx, "group_b"):
        yield hit("zero_month", f"{zero.month:02d}/{zero.year}")
