"""People in a report the office enters again, without Qt: a date of birth that fills the age, and a person
entered before (``Store.people``) whose names and NIBRS person fields fill a victim, offender or arrestee.

The local elements say what they are (desktop.nibrs.local): ``person: last|first|middle`` the parts of a name,
``fills: age`` the NIBRS field a date of birth fills, on the day that counts for the segment (an arrestee's
arrest date, else the incident's date; a Group B arrest's arrest date).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.forms import binding
from desktop.nibrs.local import age_on, is_local

# The NIBRS person fields a person picked again carries over, where the segment has them (never the age: it is
# worked out again from the date of birth, on this report's day).
CARRIED = ("sex", "race", "ethnicity", "resident_status")


def segment_at(report: Any, seg_path: str) -> Any:
    """The segment a path of segments names ("victims[0]"; "" the report)."""
    obj = report
    for name, index in binding.split(seg_path):
        obj = getattr(obj, name)
        if index is not None:
            obj = obj[index]
    return obj


def day_of(report: Any, seg_path: str) -> date | None:
    """The day an age in this segment is counted on."""
    segment = segment_at(report, seg_path)
    return getattr(segment, "arrest_date", None) or getattr(report, "incident_date", None) \
        or getattr(report, "arrest_date", None)


def age_fill(report: Any, seg_path: str, element, born: Any, *, only_empty: bool = True) -> tuple[str, str] | None:
    """(path, age code) a date of birth fills in its segment (nothing when the field has a value already, the date
    is not a date, or the day is unknown)."""
    target = element.attrs.get("fills")
    if not target or not isinstance(born, date):
        return None
    segment = segment_at(report, seg_path)
    if not hasattr(segment, target):
        return None
    if only_empty and getattr(segment, target) not in (None, ""):
        return None
    day = day_of(report, seg_path)
    code = age_on(born, day) if day is not None else None
    return (binding.join(seg_path, target), code) if code else None


def person_values(person, report: Any, seg_path: str, dictionary) -> dict[str, Any]:
    """The values (path -> value) a person entered before gives the segment at ``seg_path``: their own values (names,
    date of birth), the NIBRS person fields they had, and the age from the date of birth on this report's day."""
    segment = segment_at(report, seg_path)
    kind = segment.KIND
    out: dict[str, Any] = {}
    for e in dictionary.elements.values():
        if is_local(e) and e.placement(kind) is not None and e.id in person.extras:
            out[binding.join(seg_path, e.id)] = person.extras[e.id]
    for name in CARRIED:
        value = person.fields.get(name)
        if value not in (None, "") and hasattr(segment, name):
            out[binding.join(seg_path, name)] = value
    for e in dictionary.elements.values():
        if is_local(e) and e.attrs.get("fills") and isinstance(person.extras.get(e.id), date):
            day = day_of(report, seg_path)
            code = age_on(person.extras[e.id], day) if day else None
            if code and hasattr(segment, e.attrs["fills"]):
                out[binding.join(seg_path, e.attrs["fills"])] = code
    return out
