"""What the rules read besides the report: code facts from the dictionary, ages, dates, identifiers.

Facts about codes (which offenses need property, which property is illogical for which
offense...) live in ``resources/dictionary/codes.yaml``; this module only looks them up, once
per dictionary. Nothing here registers a rule (the module name starts with an underscore).
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any, Iterable, Iterator

from desktop.nibrs import age as nibrs_age
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Code, Dictionary
from desktop.nibrs.rules.engine import Context, code_set

# ----------------------------------------------------------------------------- code facts
OFFENSES = "offense_code"


def code(ctx: Context, list_id: str, value: str | None) -> Code | None:
    if value is None:
        return None
    return ctx.dictionary.code_lists[list_id]._by_code.get(value)


def _attr_table(d: Dictionary, list_id: str, key: str) -> dict[str, Any]:
    return {c.code: c.attrs[key] for c in d.code_lists[list_id] if key in c.attrs}


def attr_table(ctx: Context, list_id: str, key: str) -> dict[str, Any]:
    """Code -> its attribute ``key``, for the codes of a list that have it (read-only; one per dictionary)."""
    d = ctx.dictionary
    return d.cached(("code attribute", list_id, key), _attr_table, d, list_id, key)


def attr(ctx: Context, list_id: str, value: str | None, key: str, default: Any = None) -> Any:
    """The attribute ``key`` of a code in codes.yaml (``default`` when the code or the attribute is absent)."""
    if value is None:
        return default
    d = ctx.dictionary
    return d.cached(("code attribute", list_id, key), _attr_table, d, list_id, key).get(value, default)


@functools.lru_cache(maxsize=64)
def _codes_with(d: Dictionary, list_id: str, key: str, value: Any) -> frozenset[str]:
    out = set()
    for c in d.code_lists[list_id]:
        v = c.attrs.get(key)
        if value is _ANY and v not in (None, False) or v == value or (isinstance(v, list) and value in v):
            out.add(c.code)
    return frozenset(out)


_ANY = "\0any"


# Sequence numbers in range (the x04 range checks: victims 001-999, offenders 00-99, arrestees 01-99), and no
# number at all, for guards ("sequence_number!=@victim_numbers").
VICTIM_NUMBERS = frozenset(range(1, 1000)) | {None}
OFFENDER_NUMBERS = frozenset(range(0, 100)) | {None}
ARRESTEE_NUMBERS = frozenset(range(1, 100)) | {None}
code_set("victim_numbers")(lambda ctx: VICTIM_NUMBERS)
code_set("offender_numbers")(lambda ctx: OFFENDER_NUMBERS)
code_set("arrestee_numbers")(lambda ctx: ARRESTEE_NUMBERS)


code_set("group_a_offenses")(lambda ctx: codes_with(ctx, OFFENSES, "group", "A"))
code_set("group_b_offenses")(lambda ctx: codes_with(ctx, OFFENSES, "group", "B"))
code_set("cargo_theft_offenses")(lambda ctx: codes_with(ctx, OFFENSES, "cargo_theft"))


def plain_weapons(ctx: Context, list_id: str) -> frozenset[str]:
    """Weapon (DE 13) or armed-with (DE 46) codes that no automatic-indicator check can object to: two-digit
    codes, and a firearm with A (for the guards of x55/x58)."""
    firearms = codes_with(ctx, list_id, "firearm")
    return frozenset(c.code for c in ctx.dictionary.code_lists[list_id]
                     if len(c.code) < 3 or (c.code[2] == "A" and c.code[:2] in firearms))


def codes_with(ctx: Context, list_id: str, key: str, value: Any = _ANY) -> frozenset[str]:
    """Codes of a list whose attribute ``key`` is set (or equals / lists ``value``)."""
    return _codes_with(ctx.dictionary, list_id, key, value)


def offense(ctx: Context, value: str | None) -> Code | None:
    return code(ctx, OFFENSES, value)


def against(ctx: Context, value: str | None) -> str:
    return attr(ctx, OFFENSES, value, "against", "") or ""


def group(ctx: Context, value: str | None) -> str:
    return str(attr(ctx, OFFENSES, value, "group", "") or "")


def category(ctx: Context, value: str | None) -> str:
    return attr(ctx, OFFENSES, value, "category", "") or ""


def person_crime(ctx: Context, value: str | None) -> bool:
    """A crime against a person, counting justifiable homicide (the spec lists it as 'not a crime', but its
    victim is a person: Appendix E gives it the person data, victim type I or L and offender relationships)."""
    return value in _person_crimes(ctx.dictionary)


@functools.lru_cache(maxsize=8)
def _person_crimes(d: Dictionary) -> frozenset[str]:
    return frozenset(c.code for c in d.code_lists[OFFENSES]
                     if c.attrs.get("against") == "Person" or c.attrs.get("category") == "Homicide Offenses")


def quality(ctx: Context, list_id: str, value: str | None, number: str) -> bool:
    """The code is named by data-quality check ``number`` (its ``quality_checks`` attribute)."""
    return number in (attr(ctx, list_id, value, "quality_checks") or ())


def describe(ctx: Context, list_id: str, value: str | None) -> str:
    """'13B (Simple Assault)' for messages."""
    c = code(ctx, list_id, value)
    if c is None:
        return str(value or "")
    return f"{c.code} ({c.text})"


def circumstance_offenses(ctx: Context) -> frozenset[str]:
    """Offenses that take aggravated assault/homicide circumstances (DE 31): those its codes apply to."""
    return _circumstance_offenses(ctx.dictionary)


@functools.lru_cache(maxsize=8)
def _circumstance_offenses(d: Dictionary) -> frozenset[str]:
    out: set[str] = set()
    for c in d.code_lists["circumstance"]:
        out.update(c.attrs.get("applies_to") or ())
    return frozenset(out)


@functools.lru_cache(maxsize=64)
def coded_fields(d: Dictionary, kind: str, profile: bool = False) -> tuple:
    """(element, field) of the coded elements of a segment or group kind, FBI or profile ones."""
    pairs = d.profile_elements(kind) if profile else d.model_elements(kind)
    return tuple((e, p.field or e.id) for e, p in pairs if e.type == "code" and e.codes)


def is_federal_only(ctx: Context, value: str | None) -> bool:
    c = offense(ctx, value)
    return bool(c is not None and c.federal_only)


def check_day(ctx: Context) -> date:
    """The day a code is checked on (a code retired on a date is refused from that day on): the first day of
    the month of submission when checking a file, else today."""
    y, mo = ctx.submission_year, ctx.submission_month
    if isinstance(y, int) and isinstance(mo, int) and 1 <= mo <= 12 and 1 <= y <= 9999:
        return date(y, mo, 1)
    return ctx.today


def code_problem(ctx: Context, list_id: str, value: str | None):
    """Why a code is not valid in the spec version checked, on the day checked, as the versions' declarations
    say: ("retired", change) or ("later", change) (``desktop.nibrs.specs``), or None."""
    if value is None or value not in changed_codes(ctx.dictionary, list_id):
        return None
    return ctx.dictionary.specs.code_problem(list_id, value, ctx.spec_version, check_day(ctx))


def changed_codes(d: Dictionary, list_id: str) -> frozenset[str]:
    """Codes of a list some spec version adds or retires (the others are valid in every version, every day)."""
    return d.cached(("codes changed by a version", list_id), _changed_codes, d, list_id)


def _changed_codes(d: Dictionary, list_id: str) -> frozenset[str]:
    specs = d.specs
    return frozenset(c.code for c in d.code_lists[list_id]
                     if specs.retirement(list_id, c.code) is not None or specs.addition(list_id, c.code) is not None)


def codes_in_version(d: Dictionary, list_id: str, version: str) -> frozenset[str]:
    """The codes of a list valid in a spec version on any day (a code retired on a date is left out: whether it
    is valid depends on the day)."""
    return d.cached(("codes in version", list_id, version), _codes_in_version, d, list_id, version)


def _codes_in_version(d: Dictionary, list_id: str, version: str) -> frozenset[str]:
    specs = d.specs
    dated = specs.dated(list_id)
    return frozenset(c.code for c in d.code_lists[list_id]
                     if c.code not in dated and specs.code_problem(list_id, c.code, version, None) is None)


# ----------------------------------------------------------------------------- incident helpers
def offense_codes(incident: m.GroupAIncident) -> list[str]:
    return [o.offense_code for o in incident.offenses if o.offense_code]


def offense_set(incident: m.GroupAIncident) -> set[str]:
    return {o.offense_code for o in incident.offenses if o.offense_code}


def offenders_by_number(incident: m.GroupAIncident) -> dict[int, m.Offender]:
    return {o.sequence_number: o for o in incident.offenders if isinstance(o.sequence_number, int)}


def victim_offenses(victim: m.Victim) -> list[str]:
    return [c for c in victim.offense_codes if c]


def related_offenders(victim: m.Victim) -> list[int]:
    return [r.offender_number for r in victim.relationships if isinstance(r.offender_number, int)]


def duplicates(values: Iterable[Any]) -> Iterator[tuple[int, Any]]:
    """(index, value) of each value already seen earlier in the list."""
    seen = set()
    for i, v in enumerate(values):
        if v is None or v == "":
            continue
        if v in seen:
            yield i, v
        seen.add(v)


def exclusive_clash(values: Iterable[Any], exclusive) -> tuple[int, Any] | None:
    """(index, value) of the first exclusive value of a list that holds another, different value.

    A mutually exclusive code (x07, 456) "cannot be entered with any other data value": the same
    code entered twice is a duplicate (x06), not a second value, so ``["99", "99"]`` clashes with nothing.
    """
    present = [(i, v) for i, v in enumerate(values) if v is not None and v != ""]
    if len({v for _i, v in present}) < 2:
        return None
    for i, v in present:
        if exclusive(v):
            return i, v
    return None


def base_weapon(value: str | None) -> str:
    """'11A' -> '11'; the two-digit weapon code without its automatic flag."""
    return (value or "")[:2]


def auto_flag(value: str | None) -> str:
    """The automatic-weapon indicator (third character) of a DE 13 / DE 46 value."""
    return (value or "")[2:3]


# ----------------------------------------------------------------------------- ages
_AGES: dict[str, tuple[tuple[int, int] | None, int | None]] = {}  # age code -> (bounds, years); ages repeat


def _age(value: str) -> tuple[tuple[int, int] | None, int | None]:
    found = _AGES.get(value)
    if found is None:
        b = nibrs_age.bounds(value)
        found = (b, None if b is None else (b[0] + b[1]) // 2)
        if len(_AGES) < 8192:
            _AGES[value] = found
    return found


def age_bounds(value: str | None) -> tuple[int, int] | None:
    """(youngest, oldest) in years; None when unknown or not a well-formed age."""
    if not isinstance(value, str):
        return None
    return _age(value)[0]


def age_years(value: str | None) -> int | None:
    """The age the FBI uses: the exact age, or a range's average with the decimals dropped."""
    if not isinstance(value, str):
        return None
    return _age(value)[1]


def is_range(value: str | None) -> bool:
    return nibrs_age.is_range(value) if isinstance(value, str) else False


def age_known(value: str | None) -> bool:
    return isinstance(value, str) and nibrs_age.is_age_code(value) and value != nibrs_age.UNKNOWN


def age_text(value: str | None) -> str:
    return nibrs_age.describe(value) if isinstance(value, str) else ""


def age_words(value: str | None) -> str:
    """How old, as a phrase for messages ("25 years old", "7 days to under 1 year old")."""
    return nibrs_age.in_words(value) if isinstance(value, str) else ""


def age_shape(raw: str) -> str:
    """How an age as written (the 4-character field) is malformed.

    "" well formed; "left" not left-justified (x08); "range" more than two characters that
    are not four digits (x09); "zero_start" a range starting at 00 (x22); "order" a range whose
    first age is not below the second (x10); "value" two characters that are not an age (x04 /
    x56 / x64 / x57).
    """
    if raw is None or not raw.strip():
        return ""
    if raw[0] == " ":
        return "left"
    s = raw.rstrip()
    if len(s) > 2:
        if len(s) != 4 or not s.isdigit():
            return "range"
        low, high = s[:2], s[2:]
        if low == "00":
            return "zero_start"
        if int(low) >= int(high):
            return "order"
        return ""
    if s in nibrs_age.INFANT_CODES:
        return ""
    if len(s) == 2 and s.isdigit():
        return ""
    return "value"


def age_raw(segment: m.Segment, field: str = "age") -> str | None:
    """The age as written: the unreadable text the reader kept, or the field's value."""
    raw = segment.invalid.get(field)
    if raw is not None:
        return raw
    value = getattr(segment, field, None)
    return value if isinstance(value, str) else None


# ----------------------------------------------------------------------------- dates
def next_month(year: int, month: int) -> date:
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def submission_end(ctx: Context) -> date | None:
    """First day after the month of submission, when the check is for a file with a valid month."""
    y, mo = ctx.submission_year, ctx.submission_month
    if isinstance(y, int) and isinstance(mo, int) and 1 <= mo <= 12 and 1 <= y <= 9999:
        return _next_month(y, mo)
    return None


@functools.lru_cache(maxsize=64)
def _next_month(year: int, month: int) -> date:
    return next_month(year, month)


def nibrs_start_month(ctx: Context) -> date | None:
    """First day of the month the agency began NIBRS reporting (the FBI keeps month and year)."""
    s = ctx.nibrs_start
    return None if s is None else date(s.year, s.month, 1)


def is_date(value: Any) -> bool:
    return isinstance(value, date)


# ----------------------------------------------------------------------------- identifiers
_ID_CHARS = re.compile(r"^[A-Z0-9\- ]*$")


def id_field(text: str | None, width: int = 12) -> str:
    """An identifier as its fixed-width field: the raw positions from a file, or the value padded."""
    return (text or "").ljust(width)


_ID_PROBLEMS: dict[str, frozenset[str]] = {}  # every segment of an incident repeats its number: look it up once


def id_problem(field: str) -> frozenset[str]:
    """What is wrong with a 12-character identifier field (incident number, ATN).

    "embedded": blanks between the first and last characters (x15); "left": not
    left-justified (x16); "chars": characters other than A-Z, 0-9, hyphen and blanks (x17).
    """
    found = _ID_PROBLEMS.get(field)
    if found is None:
        found = frozenset(_id_problem(field))
        if len(_ID_PROBLEMS) > 8192:
            _ID_PROBLEMS.clear()
        _ID_PROBLEMS[field] = found
    return found


def _id_problem(field: str) -> set[str]:
    out: set[str] = set()
    stripped = field.strip()
    if not stripped:
        return out
    if field[0] == " ":
        out.add("left")
    if " " in stripped:
        out.add("embedded")
    if not _ID_CHARS.match(field):
        out.add("chars")
    return out


def segment_identifier(segment: m.Segment) -> str | None:
    """Positions 26-37 of the segment's line in a file (its copy of DE 2 or DE 41), if read from one."""
    src = segment.source
    if src is None or not src.text or len(src.text) < 26:
        return None
    return src.text[25:37].ljust(12)


_ORI = re.compile(r"^[A-Z0-9]{9}$")


_ORI_OK: dict[str, bool] = {}  # a file's ORIs are few: test each once


def ori_ok(value: str | None) -> bool:
    if not isinstance(value, str):
        return False
    found = _ORI_OK.get(value)
    if found is None:
        found = bool(_ORI.match(value))
        if len(_ORI_OK) < 4096:
            _ORI_OK[value] = found
    return found


# ----------------------------------------------------------------------------- unreadable input
def unreadable(segment: m.Segment, fields: Iterable[str]) -> Iterator[tuple[str, int | None, str]]:
    """(field, index, raw text) of the values a reader could not read, for the given fields."""
    wanted = set(fields)
    for key, raw in segment.invalid.items():
        name, bracket, rest = key.partition("[")
        if name not in wanted:
            continue
        index = None
        if bracket:
            digits = rest.split("]", 1)[0]
            index = int(digits) if digits.isdigit() else None
        yield name, index, raw


def present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, (list, tuple, str)):
        return len(value) > 0
    return True
