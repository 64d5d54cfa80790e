"""Dates and years as the spec bounds them: DE 3, 5, 17 and 42 and the zero report's year.

Each date element declares in elements.yaml (``dates``) the earliest value the FBI takes
(1991-01-01, "Data Values: Year (YYYY): 1991-Current") and, per segment kind it is placed in, the
number its own edit table in the 2019.1 specification gives each problem:

``calendar``          not a real date (month 13, February 30...): the reader kept the text (``invalid``)
``century``           a year that is not 19xx or 20xx ("year must include the century")
``early``             before the earliest value (172 for DE 3, 104 for DE 5, 305, 605/705)
``future``            after today ("the date cannot exceed the current date")
``after_submission``  after the month of submission (170, 305, 605/705)

so a year-1054 incident date is 105 (century) and 172 (before 1991), a 1990 arrest date 605/705.
One rule is declared per element, segment kind and number (the rules below are made from the data,
so a date element added to the dictionary with ``dates`` is checked without a new rule). Where one
number stands for several problems of one value, the value gets one finding naming the first.

The year of submission (header positions 9-12) is the readers' (x01 for a year before 1991, 060 for a
month in the future), since it belongs to the file, not to a report.
"""

from __future__ import annotations

from datetime import date

from desktop.nibrs.dictionary import dictionary as fbi_dictionary
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import Context, hit, predicate, rule

KINDS = ("calendar", "century", "early", "future", "after_submission")

# The FBI's message of each number these rules raise (section 5.2).
FBI_MESSAGES = {
    "001": "MUST BE POPULATED WITH A VALID DATA VALUE–MANDATORY FIELD",
    "091": "ZERO-REPORTING YEAR IS INVALID",
    "104": "INVALID DATA VALUE",
    "105": "INVALID DATA VALUE FOR DATE",
    "170": "INCIDENT DATE CANNOT BE AFTER YEAR AND MONTH OF ELECTRONIC SUBMISSION",
    "172": "INCIDENT DATE/HOUR FOR “I” RECORDS CANNOT PREDATE 01/01/1991",
    "305": "DATE RECOVERED IS INVALID",
    "605": "INVALID ARREST DATE",
    "705": "INVALID ARREST DATE",
}

_FIX = {
    "calendar": "a real calendar date (YYYYMMDD)",
    "century": "a year of the 1900s or 2000s",
    "early": "not before {earliest}",
    "future": "not after today",
    "after_submission": "not after the month being sent",
}


def date_problems(value, raw: str | None, earliest: date, ctx: Context) -> list[tuple[str, str]]:
    """(kind, words) of what is wrong with a date as the FBI bounds it, in the order of KINDS."""
    if raw is not None:
        return [("calendar", f"{raw.strip()!r} is not a real date (YYYYMMDD)")]
    if not isinstance(value, date):
        return []
    out = []
    shown = value.isoformat()
    if not 1900 <= value.year <= 2099:
        out.append(("century", f"{shown}: the year must be one of the 1900s or 2000s"))
    if value < earliest:
        out.append(("early", f"{shown} is before {earliest:%m/%d/%Y}, when the FBI began taking NIBRS data"))
    if value > ctx.today:
        out.append(("future", f"{shown} is in the future"))
    end = f.submission_end(ctx)
    if end is not None and value >= end:
        out.append(("after_submission", f"{shown} is after the month of this submission "
                                        f"({ctx.submission_month:02d}/{ctx.submission_year})"))
    return out


def year_problems(value, raw: str | None, earliest: date, ctx: Context) -> list[tuple[str, str]]:
    """(kind, words) of what is wrong with a year (the zero report's), as for a date."""
    if raw is not None:
        return [("calendar", f"{raw.strip()!r} is not a four-digit year")]
    if not isinstance(value, int) or isinstance(value, bool):
        return []
    if not 0 <= value <= 9999:
        return [("calendar", f"{value} is not a four-digit year")]
    out = []
    if value < earliest.year:
        out.append(("early", f"{value:04d} is before {earliest.year}, when the FBI began taking NIBRS data"))
    if value > ctx.today.year:
        out.append(("future", f"{value:04d} is in the future"))
    return out


def _pick(problems, kinds: frozenset[str]) -> tuple[str, str] | None:
    return next(((k, w) for k, w in problems if k in kinds), None)


def _good(value, earliest: date, ctx: Context) -> bool:
    """The usual case, answered fast: a real date from the earliest on, not after today, within the month sent."""
    if value.__class__ is not date or not earliest <= value <= ctx.today or value.year >= 2100:
        return False
    end = f.submission_end(ctx)
    return end is None or value < end


def _guard(element, kind: str, earliest: date) -> str:
    """A guard predicate shared by the element's date rules in ``kind``: the date (of a row) has some problem.
    The engine asks it once per segment; the rules run only when it holds."""
    d = fbi_dictionary()
    name = f"date_problem_{element.id}_{kind}"
    if element.type == "year":
        field = element.placement(kind).field

        def bad(segment, ctx) -> bool:
            if segment.invalid and field in segment.invalid:
                return True
            value = getattr(segment, field)
            return value is not None and bool(year_problems(value, None, earliest, ctx))
    elif kind in d.groups:
        group = d.groups[kind]
        field = element.placement(kind).field

        def bad(segment, ctx) -> bool:
            for row in getattr(segment, group.field):
                value = getattr(row, field)
                if (row.invalid and field in row.invalid) or (value is not None and not _good(value, earliest, ctx)):
                    return True
            return False
    else:
        field = element.placement(kind).field

        def bad(segment, ctx) -> bool:
            if segment.invalid and field in segment.invalid:
                return True
            value = getattr(segment, field)
            return value is not None and not _good(value, earliest, ctx)
    predicate(name)(bad)
    return f"@{name}"


def _declare(element, kind: str, number: str, kinds: frozenset[str], earliest: date, guard: str) -> None:
    """One rule: ``number`` for the problems ``kinds`` of ``element`` where it is placed in ``kind``."""
    d = fbi_dictionary()
    name = element.name.lower()
    fix = "Enter " + ", ".join(_FIX[k].format(earliest=f"{earliest:%m/%d/%Y}") for k in KINDS if k in kinds) + "."
    common = dict(elements=(element.id,), message="{detail}", fix=fix, fbi_message=FBI_MESSAGES[number],
                  when=(guard,))
    if element.type == "year":
        field = element.placement(kind).field

        @rule(number, segment=kind, actions=("I", "A", "R", "D"), **common)
        def check(report, ctx):
            raw = report.invalid.get(field) if report.invalid else None
            found = _pick(year_problems(getattr(report, field), raw, earliest, ctx), kinds)
            if found is not None:
                yield hit(element.id, raw if raw is not None else getattr(report, field),
                          detail=f"The {name} {found[1]}.")
    elif kind in d.groups:  # a member of a repeating group: checked on each row of its segment
        group = d.groups[kind]
        field = element.placement(kind).field

        @rule(number, segment=group.parent, **common)
        def check(segment, incident, ctx):
            for i, row in enumerate(getattr(segment, group.field)):
                raw = row.invalid.get(field) if row.invalid else None
                found = _pick(date_problems(getattr(row, field), raw, earliest, ctx), kinds)
                if found is not None:
                    yield hit(element.id, raw if raw is not None else getattr(row, field), index=i,
                              detail=f"The {name} {found[1]}.")
    else:
        field = element.placement(kind).field
        report_level = d.segments[kind].parent is None

        def findings(segment, ctx):
            raw = segment.invalid.get(field) if segment.invalid else None
            value = getattr(segment, field)
            found = _pick(date_problems(value, raw, earliest, ctx), kinds)
            if found is None:
                return ()
            return (hit(element.id, raw if raw is not None else value, detail=f"The {name} {found[1]}."),)

        if report_level:
            @rule(number, segment=kind, **common)
            def check(report, ctx):
                return findings(report, ctx)
        else:
            @rule(number, segment=kind, **common)
            def check(segment, incident, ctx):
                return findings(segment, ctx)
    check.__name__ = f"date_{element.id}_{number}"


def _declare_all() -> None:
    d = fbi_dictionary()
    for element in d.elements.values():
        spec = element.attrs.get("dates")
        if not spec:
            continue
        earliest = spec["earliest"]
        if not isinstance(earliest, date):
            earliest = date.fromisoformat(str(earliest))
        for kind, numbers in spec["edits"].items():
            if kind == "header":
                continue  # the year of submission: the readers'
            by_number: dict[str, set[str]] = {}
            for problem, number in numbers.items():
                if problem not in KINDS:
                    raise ValueError(f"elements.yaml: data element {element.id}: unknown date problem {problem!r}")
                by_number.setdefault(str(number), set()).add(problem)
            guard = _guard(element, kind, earliest)
            for number, kinds in by_number.items():
                _declare(element, kind, number, frozenset(kinds), earliest, guard)


_declare_all()
