"""Incident numbers and arrest transaction numbers as written (x15 embedded blanks, x16 not
left-justified, x17 characters other than A-Z, 0-9, hyphen).

Every segment of a flat file carries its own copy of the incident number (positions 26-37;
for a Group B arrest the arrest transaction number; for a zero report twelve zeros). For a
segment read from a file (``segment.source.text`` present) the copy in that line is checked,
so a damaged offense or victim line gets 215 or 415. A report typed in the app has one
incident number, checked once, on the Administrative segment (115-117). The arrest
transaction number of an arrestee (DE 41) is checked with 615-617, as the spec says.
Zero reports: 015-017 and 092 (must be twelve zeros) need the line from the file (or the text
the reader kept in ``invalid["zero_identifier"]``), since the app always writes zeros.
"""

from __future__ import annotations

from desktop.nibrs import model as m
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import hit, predicate, rule

_WHAT = {"115": "incident number", "715": "arrest transaction number", "015": "zero-report incident number"}
_FBI = {
    "embedded": "CANNOT HAVE EMBEDDED BLANKS BETWEEN FIRST AND LAST NON-BLANK CHARACTERS",
    "left": "MUST BE LEFT-JUSTIFIED–BLANK DETECTED IN FIRST POSITION",
    "chars": "CANNOT HAVE CHARACTERS OTHER THAN A–Z, 0–9, AND/OR HYPHEN, AND/OR BLANKS",
}
_MESSAGES = {
    "embedded": ("The {detail} {value!r} has a blank inside it.",
                 "Remove the spaces inside the number (letters, digits and hyphens only)."),
    "left": ("The {detail} {value!r} does not start in the first position (it begins with a blank).",
             "Remove the leading blanks so the number starts at the first character."),
    "chars": ("The {detail} {value!r} has characters other than capital letters A-Z, digits 0-9 and hyphens.",
              "Use only capital letters, digits and hyphens (for example 11-123-SC)."),
}
_ORDER = ("embedded", "left", "chars")


def _number(prefix: str, problem: str) -> str:
    return f"{prefix}1{5 + _ORDER.index(problem)}"  # x15, x16, x17


def _check(field: str | None, problem: str, element_id: str, what: str, segment_path: str | None = None):
    if field is None:
        return
    if problem in f.id_problem(field):
        yield hit(element_id, field.rstrip(), detail=what, segment_path=segment_path)


def _incident_field(incident: m.GroupAIncident) -> str | None:
    raw = f.segment_identifier(incident)
    if raw is not None:
        return raw
    return None if incident.incident_number is None else f.id_field(incident.incident_number)


def _zero_field(zero: m.ZeroReport) -> str | None:
    """Positions 26-37 of a zero report's line, or the text a reader kept when they were not zeros."""
    raw = f.segment_identifier(zero)
    if raw is None and "zero_identifier" in zero.invalid:
        raw = f.id_field(zero.invalid["zero_identifier"])
    return raw


def _group_b_field(arrest: m.GroupBArrest) -> str | None:
    raw = f.segment_identifier(arrest)
    if raw is None and arrest.arrest_transaction_number is not None:
        raw = f.id_field(arrest.arrest_transaction_number)
    return raw


# Guards: one test per segment tells whether its identifier has any problem at all (x15-x17 then look closer).
@predicate("id_problem_incident")
def _incident_bad(incident, ctx) -> bool:
    field = _incident_field(incident)
    return field is not None and bool(f.id_problem(field))


_COPY_BAD: dict[str, bool] = {}  # positions 26-37 as written -> has a problem (every segment repeats them)


@predicate("id_problem_copy")
def _copy_bad(segment, ctx) -> bool:
    src = segment.source
    if src is None or len(src.text) < 26:  # as f.segment_identifier: no line, no copy
        return False
    raw = src.text[25:37]
    found = _COPY_BAD.get(raw)
    if found is None:
        found = bool(f.id_problem(raw.ljust(12)))
        if len(_COPY_BAD) > 8192:
            _COPY_BAD.clear()
        _COPY_BAD[raw] = found
    return found


@predicate("id_problem_atn")
def _atn_bad(arrestee, ctx) -> bool:
    atn = arrestee.arrest_transaction_number
    return atn is not None and bool(f.id_problem(f.id_field(atn)))


@predicate("id_problem_group_b")
def _group_b_bad(arrest, ctx) -> bool:
    field = _group_b_field(arrest)
    return field is not None and bool(f.id_problem(field))


@predicate("id_problem_zero")
def _zero_bad(zero, ctx) -> bool:
    field = _zero_field(zero)
    return field is not None and bool(f.id_problem(field))


def _declare(problem: str) -> None:
    message, fix = _MESSAGES[problem]
    fbi = _FBI[problem]

    @rule(_number("1", problem), segment="incident", elements=("2",), message=message, fix=fix, fbi_message=fbi,
          actions=("I", "A", "R", "D"), when=("@id_problem_incident",))
    def admin(incident, ctx):
        yield from _check(_incident_field(incident), problem, "2", "incident number")

    for kind, prefix in (("offense", "2"), ("property", "3"), ("victim", "4"), ("offender", "5"), ("arrestee", "6")):
        def copy(segment, incident, ctx, _kind=kind):
            yield from _check(f.segment_identifier(segment), problem, "2", "incident number (in this segment's line)")
        copy.__name__ = f"incident_number_{problem}_{kind}"
        rule(_number(prefix, problem), segment=kind, elements=("2",), message=message, fix=fix, fbi_message=fbi,
             when=("@id_problem_copy",))(copy)

    @rule(_number("6", problem), segment="arrestee", elements=("41",), message=message, fix=fix, fbi_message=fbi,
          when=("@id_problem_atn",))
    def arrestee_atn(arrestee, incident, ctx):
        atn = arrestee.arrest_transaction_number
        if atn is not None:
            yield from _check(f.id_field(atn), problem, "41", "arrest transaction number")

    @rule(_number("7", problem), segment="group_b", elements=("41",), message=message, fix=fix, fbi_message=fbi,
          actions=("I", "A", "R", "D"), when=("@id_problem_group_b",))
    def group_b_atn(arrest, ctx):
        yield from _check(_group_b_field(arrest), problem, "41", "arrest transaction number")

    @rule(_number("0", problem), segment="zero_report", elements=("zero_identifier",), message=message, fix=fix,
          fbi_message=fbi, actions=("I", "A", "R", "D"), when=("@id_problem_zero",))
    def zero_identifier(zero, ctx):
        yield from _check(_zero_field(zero), problem, "zero_identifier", "zero-report incident number")

    for func, name in ((admin, "incident"), (arrestee_atn, "arrestee_atn"), (group_b_atn, "group_b_atn"),
                       (zero_identifier, "zero_report")):
        func.__name__ = f"identifier_{problem}_{name}"


for _problem in _ORDER:
    _declare(_problem)


@rule("092", segment="zero_report", elements=("zero_identifier",), actions=("I", "A", "R", "D"),
      message="A zero report's incident number must be twelve zeros; the line has {value!r}.",
      fix="Write 000000000000 in positions 26-37 of a zero report.",
      fbi_message="ZERO REPORT INCIDENT NUMBER MUST BE ALL ZEROS")
def zero_identifier_not_zeros(zero, ctx):
    raw = _zero_field(zero)
    if raw is not None and raw != "0" * 12:
        yield hit("zero_identifier", raw)
