"""Administrative segment edits (1xx), the ORI format check (952) and the ORI's state code (059).

101 (blank mandatory elements) is in ``mandatory.py``, 104 (codes) in ``codes.py``.
"""

from __future__ import annotations

from desktop.nibrs.dictionary import ORI_STATES
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import hit, rule

# ----------------------------------------------------------------------------- dates
# 105, 170 and 172 (the incident date) and 105/104 (the exceptional clearance date) are in ``dates.py``.


@rule("106", when=("victims.victim_type=L",), segment="incident", elements=("3_hour", "25", "24"),
      message="An officer was the victim of {detail}, so the hour of the incident is required.",
      fix="Enter the hour the incident happened (00-23); for officer assaults and killings the hour may not "
          "be left unknown.",
      fbi_message="INVALID DATA VALUE FOR HOUR")
def hour_needed_for_officer_victim(incident, ctx):
    if incident.incident_hour is not None or "incident_hour" in incident.invalid:
        return
    for victim in incident.victims:
        if victim.victim_type != "L":
            continue
        leoka = [c for c in victim.offense_codes if f.attr(ctx, f.OFFENSES, c, "leoka")]
        if leoka:
            yield hit("3_hour", None, detail=", ".join(f.describe(ctx, f.OFFENSES, c) for c in leoka))
            return


@rule("152", when=("invalid", "incident_hour"), segment="incident", elements=("3_hour",),
      message="The incident hour {value!r} is not an hour from 00 to 23.",
      fix="Enter the hour as two digits, 00 (midnight to 12:59 a.m.) to 23; leave it blank if unknown. "
          "An incident at exactly midnight belongs to the next day, hour 00.",
      fbi_message="INVALID HOUR ENTRY")
def bad_hour(incident, ctx):
    if incident.invalid:
        for _f, _i, raw in f.unreadable(incident, ["incident_hour"]):
            yield hit("3_hour", raw)
    h = incident.incident_hour
    if h is not None and (not isinstance(h, int) or isinstance(h, bool) or not 0 <= h <= 23):
        yield hit("3_hour", h)


@rule("151", when=("report_date_indicator", "invalid"), segment="incident", elements=("3_report",),
      message="The report-date indicator must be blank, or R when the date given is the date the incident "
              "was reported; {value!r} is neither.",
      fix="Leave the indicator blank when the incident date is known; mark R only when you entered the report "
          "date because the incident date is unknown.",
      fbi_message="REPORT INDICATOR MUST BE BLANK OR “R”")
def bad_report_date_indicator(incident, ctx):
    v = incident.report_date_indicator
    if v not in (None, "", "R"):
        yield hit("3_report", v)
    if incident.invalid:
        for _f, _i, raw in f.unreadable(incident, ["report_date_indicator"]):
            yield hit("3_report", raw)


@rule("173", segment="incident", elements=("3", "5", "4"),
      message="{detail}",
      fix="Check the date. Incidents from before the agency began NIBRS reporting were reported in the old "
          "Summary system; only an exceptional clearance made since then may be sent for them.",
      fbi_message="INCIDENT DATE CANNOT BE BEFORE DATE ORI WENT IBR")
def before_agency_went_nibrs(incident, ctx):
    start = f.nibrs_start_month(ctx)
    if start is None:
        return
    started = f"{start.month:02d}/{start.year}"
    clearance = incident.exceptional_clearance_date
    cleared = incident.cleared_exceptionally not in (None, "", "N") and f.is_date(clearance)
    if f.is_date(clearance) and clearance < start:
        yield hit("5", clearance, detail=f"The exceptional clearance date {clearance.isoformat()} is before the "
                                         f"agency began NIBRS reporting ({started}).")
    d = incident.incident_date
    if f.is_date(d) and d < start and not (cleared and clearance >= start):
        yield hit("3", d, detail=f"The incident date {d.isoformat()} is before the agency began NIBRS "
                                 f"reporting ({started}).")


@rule("175", segment="incident", elements=("3",),
      message="{detail}",
      fix="The month and year of the submission and the incident date must both be real dates.",
      fbi_message="CANNOT CALCULATE BASE DATE FROM INCIDENT DATE")
def cannot_calculate_base_date(incident, ctx):
    y, mo = ctx.submission_year, ctx.submission_month
    if y is None and mo is None:
        return
    if f.submission_end(ctx) is None:
        yield hit("3", incident.incident_date,
                  detail=f"The month of submission {mo!r}/{y!r} is not a real month, so the incident date "
                         f"cannot be checked against it.")
    elif "incident_date" in incident.invalid:
        yield hit("3", incident.invalid["incident_date"],
                  detail="The incident date cannot be read, so it cannot be checked against the month of "
                         "submission.")


@rule("197", when=("incident_date=",), segment="incident", elements=("3",), actions=("D",),
      message="A deleted incident must still carry its incident date.",
      fix="Give the incident date of the incident to delete, so the FBI finds the right one.",
      fbi_message="MISSING INCIDENT DATE FOR DELETE")
def delete_without_date(incident, ctx):
    if incident.incident_date is None and "incident_date" not in incident.invalid:
        yield hit("3", None)


# ----------------------------------------------------------------------------- clearance
@rule("153", when=("exceptional_clearance_date",), segment="incident", elements=("5", "4"),
      message="An exceptional clearance date is given, but the incident is not cleared exceptionally.",
      fix="Remove the exceptional clearance date, or choose how the case was cleared exceptionally.",
      fbi_message="VALUE ENTERED CONFLICTS WITH PRESENCE OF AN ENTRY IN EXCEPTIONAL CLEARANCE DATE")
def clearance_date_without_clearance(incident, ctx):
    if incident.cleared_exceptionally == "N" and incident.exceptional_clearance_date is not None:
        yield hit("5", incident.exceptional_clearance_date)


@rule("155", when=("exceptional_clearance_date",), segment="incident", elements=("5", "3"),
      message="The exceptional clearance date is earlier than the incident date.",
      fix="Check both dates: a case cannot be cleared before the incident happened.",
      fbi_message="CLEARANCE DATE PREDATES INCIDENT DATE")
def clearance_before_incident(incident, ctx):
    d, c = incident.incident_date, incident.exceptional_clearance_date
    if f.is_date(d) and f.is_date(c) and c < d:
        yield hit("5", c)


@rule("156", when=("cleared_exceptionally=A|B|C|D|E",), segment="incident", elements=("5", "4"),
      message="The incident is cleared exceptionally but has no exceptional clearance date.",
      fix="Enter the date the case was cleared exceptionally.",
      fbi_message="AN ENTRY MUST BE MADE WHEN CLEARED EXCEPTIONALLY HAS ENTRIES OF A-E")
def clearance_without_date(incident, ctx):
    if (incident.cleared_exceptionally in ("A", "B", "C", "D", "E") and incident.exceptional_clearance_date is None
            and "exceptional_clearance_date" not in incident.invalid):
        yield hit("5", None)


# ----------------------------------------------------------------------------- cargo theft
def _cargo_offenses(incident, ctx) -> list[str]:
    return [c for c in f.offense_codes(incident) if f.attr(ctx, f.OFFENSES, c, "cargo_theft")]


@rule("119", when=("cargo_theft & offenses.offense_code!=@cargo_theft_offenses",), segment="incident", elements=("2A", "6"),
      message="Cargo theft is answered, but none of the offenses can be a cargo theft.",
      fix="Leave cargo theft blank: it applies only to robbery, extortion, burglary, some larcenies, motor "
          "vehicle theft, fraud, embezzlement and bribery.",
      fbi_message="CARGO THEFT DATA CAN ONLY BE SUBMITTED FOR SPECIFIC OFFENSES")
def cargo_theft_not_allowed(incident, ctx):
    if incident.cargo_theft and incident.offenses and not _cargo_offenses(incident, ctx):
        yield hit("2A", incident.cargo_theft)


@rule("122", when=("!cargo_theft & offenses.offense_code=@cargo_theft_offenses",), segment="incident", elements=("2A", "6"),
      message="Say whether this was a cargo theft: the incident has {detail}.",
      fix="Answer Y (the goods were in transit, e.g. a shipment or a truckload) or N.",
      fbi_message="CARGO THEFT VALUE REQUIRED WITH SPECIFIC OFFENSES")
def cargo_theft_required(incident, ctx):
    if incident.cargo_theft or "cargo_theft" in incident.invalid:
        return
    src = incident.source
    if src is not None and src.text[:4] == "0087":
        return  # a segment in the short form without cargo theft (agencies not yet reporting it)
    offenses = _cargo_offenses(incident, ctx)
    if offenses:
        yield hit("2A", None, detail=", ".join(f.describe(ctx, f.OFFENSES, c) for c in offenses))


# ----------------------------------------------------------------------------- ORI format
_952 = dict(message="{detail}",
            fix="Use the nine-character ORI the FBI assigned (two-letter state code and seven letters or digits).",
            fbi_message="NOT A VALID ORI–NOT IN UCR ORI FILE")


def _ori_hits(value, element_id, name):
    if isinstance(value, str) and value and not f.ori_ok(value):
        yield hit(element_id, value, detail=f"The {name} {value!r} is not a valid ORI: an ORI has exactly nine "
                                            f"capital letters and digits.")


@rule("952", segment="incident", elements=("1",), **_952)
def bad_ori_incident(incident, ctx):
    yield from _ori_hits(incident.ori, "1", "ORI")


@rule("952", segment="group_b", elements=("1",), **_952)
def bad_ori_group_b(arrest, ctx):
    yield from _ori_hits(arrest.ori, "1", "ORI")


@rule("952", segment="zero_report", elements=("1",), **_952)
def bad_ori_zero_report(zero, ctx):
    yield from _ori_hits(zero.ori, "1", "ORI")


@rule("952", when=("officer_ori",), segment="victim", elements=("25C",), **_952)
def bad_officer_ori(victim, incident, ctx):
    yield from _ori_hits(victim.officer_ori, "25C", "other agency's ORI for the officer")


# ----------------------------------------------------------------------------- 059: the ORI's state code
_059 = dict(message="{detail}",
            fix="The first two characters of the ORI are the NCIC code of the state the agency is in (e.g. MO for "
                "Missouri, NB for Nebraska); use the ORI the FBI assigned.",
            fbi_message="ALL SEGMENTS IN SUBMISSION MUST BE FROM SAME STATE")


def _state_hits(value, ctx):
    """059, Table 3-7: "First two positions must be the code of the state (e.g., SC, MD) in which the incident
    occurred" (the codes: resources/fbi/ori-state-codes.csv). Every segment of a file from the same state is
    the readers' check (the file's first segment against the others), for agencies that are not federal."""
    if not isinstance(value, str) or len(value) < 2 or value[:2] in ctx.dictionary.code_lists[ORI_STATES]:
        return ()
    return (hit("1", value, detail=f"The ORI {value!r} does not begin with a state's code: {value[:2]!r} is not "
                                   f"one of the codes the FBI's ORIs begin with."),)


@rule("059", segment="incident", elements=("1",), **_059)
def ori_state_incident(incident, ctx):
    return _state_hits(incident.ori, ctx)


@rule("059", segment="group_b", elements=("1",), **_059)
def ori_state_group_b(arrest, ctx):
    return _state_hits(arrest.ori, ctx)


@rule("059", segment="zero_report", elements=("1",), **_059)
def ori_state_zero_report(zero, ctx):
    return _state_hits(zero.ori, ctx)
