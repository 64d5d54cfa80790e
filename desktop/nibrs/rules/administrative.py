"""Administrative segment edits (1xx)."""

from __future__ import annotations

from desktop.nibrs.rules.engine import hit, rule


@rule("153", segment="incident", elements=("5", "4"),
      message="An exceptional clearance date is given, but the incident is not cleared exceptionally.",
      fix="Remove the exceptional clearance date, or choose how the case was cleared exceptionally.",
      fbi_message="VALUE ENTERED CONFLICTS WITH PRESENT ENTRY")
def clearance_date_without_clearance(incident, ctx):
    if incident.cleared_exceptionally == "N" and incident.exceptional_clearance_date is not None:
        yield hit("5", incident.exceptional_clearance_date)


@rule("155", segment="incident", elements=("5", "3"),
      message="The exceptional clearance date is earlier than the incident date.",
      fix="Check both dates: a case cannot be cleared before the incident happened.",
      fbi_message="CLEARANCE DATE PREDATES INCIDENT DATE")
def clearance_before_incident(incident, ctx):
    d, c = incident.incident_date, incident.exceptional_clearance_date
    if d is not None and c is not None and c < d:
        yield hit("5", c)


@rule("156", segment="incident", elements=("5", "4"),
      message="The incident is cleared exceptionally but has no exceptional clearance date.",
      fix="Enter the date the case was cleared exceptionally.",
      fbi_message="AN ENTRY MUST BE MADE WHEN CLEARED EXCEPTIONALLY HAS ENTRIES OF A-E")
def clearance_without_date(incident, ctx):
    if incident.cleared_exceptionally in ("A", "B", "C", "D", "E") and incident.exceptional_clearance_date is None:
        yield hit("5", None)
