"""Ages as written (DE 26 victim, 37 offender, 47 arrestee and Group B arrestee).

An age field holds an exact age in its first two positions ("25"), a range in four digits
("2530"), 00 (unknown), 99 (over 98) or, for victims only, NN / NB / BB. The checks, per kind:

    not left-justified (x08)  408  508  608  708
    more than two characters, not four digits (x09)  409  509  609  709
    range not low < high (x10)  410  510  610  710
    range starting at 00 (x22)  422  522  622  722
    not an age at all   404 (victim), 556 (offender), 664 (arrestee), 757 (Group B)

The age is read from the segment's ``invalid`` map when a reader kept the raw text there,
else from the field (a reader that keeps " 25" in the field gets 408 too).
"""

from __future__ import annotations

import functools

from desktop.nibrs import age as nibrs_age
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import code_set, hit, rule

_KINDS = {  # kind: (element, prefix, not-an-age number, infant codes allowed, words)
    "victim": ("26", "4", "404", True, "victim"),
    "offender": ("37", "5", "556", False, "offender"),
    "arrestee": ("47", "6", "664", False, "arrestee"),
    "group_b": ("47", "7", "757", False, "arrestee"),
}
_TEXT = {
    "left": ("x08", "The {detail}'s age {value!r} does not start in the first position.",
             "Write an exact age in the first two positions, e.g. 25 (or 05 for five years old).",
             "EXACT AGE MUST BE IN FIRST TWO POSITIONS"),
    "range": ("x09", "The {detail}'s age {value!r} is neither an age (two digits) nor an age range (four digits, "
                     "e.g. 2530 for 25 to 30).",
              "Enter an exact age such as 25, or a range such as 25-30.",
              "CONTAINS NONNUMERIC ENTRY"),
    "order": ("x10", "In the {detail}'s age range {value}, the first age is not lower than the second.",
              "Enter the range youngest age first, e.g. 25-30 (and use an exact age if both are the same).",
              "FIRST AGE MUST BE LESS THAN SECOND FOR AGE RANGE"),
    "zero_start": ("x22", "The {detail}'s age range {value} starts at 00; 00 means unknown and cannot begin a range.",
                   "Start the range at the youngest possible age (01 or more), or enter 00 alone for unknown.",
                   "AGE RANGE CANNOT HAVE “00” IN FIRST TWO POSITIONS"),
}
_NUMBERS = {"left": "08", "range": "09", "order": "10", "zero_start": "22"}


_SHAPES: dict[tuple[str, bool], str] = {}  # (age as written, infants allowed) -> shape; ages repeat


@functools.lru_cache(maxsize=2)
def _well_formed(infants_ok: bool) -> frozenset:
    """Every age that has no shape problem (x04/x08-x10/x22), and None: two digits, a range low < high not
    starting at 00, and for victims the infant codes. Built on first use (the guards' plan)."""
    ages = {f"{n:02d}" for n in range(100)}
    ages.update(f"{low:02d}{high:02d}" for low in range(1, 100) for high in range(low + 1, 100))
    if infants_ok:
        ages.update(nibrs_age.INFANT_CODES)
    return frozenset(ages) | {None}


@functools.lru_cache(maxsize=1)
def _under_18() -> frozenset:
    """Every age whose FBI value (a range's average, decimals dropped) is under 18; 00 (unknown) is none."""
    ages = {f"{n:02d}" for n in range(1, 18)} | set(nibrs_age.INFANT_CODES)
    ages.update(f"{low:02d}{high:02d}" for low in range(100) for high in range(100) if (low + high) // 2 < 18)
    return frozenset(ages)


def _shape(raw: str | None, infants_ok: bool) -> str:
    if raw is None:
        return ""
    key = (raw, infants_ok)
    found = _SHAPES.get(key)
    if found is None:
        found = f.age_shape(raw)
        if not found and not infants_ok and raw.strip() in nibrs_age.INFANT_CODES:
            found = "value"
        if len(_SHAPES) < 4096:
            _SHAPES[key] = found
    return found


def _declare(kind: str) -> None:
    element, prefix, value_number, infants_ok, who = _KINDS[kind]

    # Guard of the five checks below: the age is not a well-formed age (nor blank), or the reader kept
    # unreadable input for the segment.
    code_set(f"well_formed_ages_{kind}")(lambda ctx: _well_formed(infants_ok))
    guard = (f"age!=@well_formed_ages_{kind}", "invalid")
    for shape, (_x, message, fix, fbi) in _TEXT.items():
        number = prefix + _NUMBERS[shape]

        def check(*args, _shape_=shape):
            segment = args[0]
            raw = f.age_raw(segment)
            if _shape(raw, infants_ok) == _shape_:
                yield hit(element, raw.rstrip() if _shape_ != "left" else raw, detail=who)

        check.__name__ = f"age_{shape}_{kind}"
        rule(number, segment=kind, elements=(element,), message=message, fix=fix, fbi_message=fbi,
             when=guard)(check)

    if kind == "victim":
        message = ("The victim's age {value!r} is not an age: use years 01-99, a range, 00 for unknown, or NN / NB / "
                   "BB for a baby under a year.")
        fbi = "INVALID DATA VALUE"
    else:
        message = ("The {detail}'s age {value!r} is not an age: use years 01-99, a range, or 00 for unknown "
                   "(NN, NB and BB are for victims only).")
        fbi = "ARRESTEE AGE MUST BE NUMERIC DIGITS" if kind in ("arrestee", "group_b") else \
            "OFFENDER AGE MUST BE NUMERIC DIGITS"

    def not_an_age(*args):
        segment = args[0]
        raw = f.age_raw(segment)
        if _shape(raw, infants_ok) == "value":
            yield hit(element, raw.strip(), detail=who)

    not_an_age.__name__ = f"age_value_{kind}"
    rule(value_number, segment=kind, elements=(element,), message=message,
         fix="Type the age in years (25), a range (25-30), or 'unknown'.", fbi_message=fbi,
         when=guard)(not_an_age)


for _kind in _KINDS:
    _declare(_kind)


# Guards of the rules about young persons (juvenile dispositions, spouses under 18, offenders under 13...):
# the age the FBI uses (a range's average) is under 18.
code_set("ages_under_18")(lambda ctx: _under_18())
