"""NIBRS ages (DE 26, 37, 47): what a person types, the NIBRS code, and plain words.

The NIBRS code is at most four characters:
  "01".."98"   an exact age in years           "99"  over 98 years
  "2530"       a range, 25 to 30 years         "00"  unknown
  "NN"  under 24 hours (neonate)   "NB"  1 to 6 days old (newborn)   "BB"  7 days to under 1 year (baby)
"""

from __future__ import annotations

import re

UNKNOWN = "00"
OVER_98 = "99"
NEONATE, NEWBORN, BABY = "NN", "NB", "BB"
INFANT_CODES = (NEONATE, NEWBORN, BABY)

_WORDS = {
    # unknown
    "unknown": UNKNOWN, "unk": UNKNOWN, "u": UNKNOWN, "?": UNKNOWN, "00": UNKNOWN, "not known": UNKNOWN,
    # infants
    "nn": NEONATE, "neonate": NEONATE, "neonatal": NEONATE, "under 24 hours": NEONATE,
    "less than 24 hours": NEONATE, "under 1 day": NEONATE, "under one day": NEONATE, "0 days": NEONATE,
    "nb": NEWBORN, "newborn": NEWBORN, "new born": NEWBORN, "under 1 week": NEWBORN,
    "under one week": NEWBORN, "1-6 days": NEWBORN, "1 to 6 days": NEWBORN,
    "less than 1 week": NEWBORN,
    "bb": BABY, "baby": BABY, "infant": BABY, "under 1 year": BABY, "under one year": BABY,
    "less than 1 year": BABY, "7-364 days": BABY, "7 to 364 days": BABY,
    # old
    "99": OVER_98, "over 98": OVER_98, "99+": OVER_98, "98+": OVER_98, "over98": OVER_98,
}

_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:-|–|to|through|thru)\s*(\d{1,2})\s*(?:years?|yrs?|y)?\s*$")
_EXACT = re.compile(r"^\s*(\d{1,3})\s*(?:years?|yrs?|y|years old)?\s*$")
_DAYS = re.compile(r"^\s*(\d{1,3})\s*(?:days?|d)(?: old)?\s*$")
_HOURS = re.compile(r"^\s*(\d{1,2})\s*(?:hours?|hrs?|h)(?: old)?\s*$")
_WEEKS = re.compile(r"^\s*(\d{1,2})\s*(?:weeks?|wks?|w)(?: old)?\s*$")
_MONTHS = re.compile(r"^\s*(\d{1,2})\s*(?:months?|mos?|m)(?: old)?\s*$")


class AgeError(ValueError):
    pass


def parse_age(text: str, *, allow_infant: bool = True) -> str | None:
    """Turn what a person typed into a NIBRS age code; ``None`` for an empty entry.

    Raises :class:`AgeError` with a plain-words reason when the entry makes no sense.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    low = " ".join(raw.lower().split())
    code = _WORDS.get(low)
    if code is None and is_age_code(raw.upper()) and not raw.isdigit():
        code = raw.upper()
    if code is None:
        if m := _HOURS.match(low):
            code = NEONATE if int(m.group(1)) < 24 else (NEWBORN if int(m.group(1)) < 168 else BABY)
        elif m := _DAYS.match(low):
            d = int(m.group(1))
            code = NEONATE if d == 0 else NEWBORN if d <= 6 else BABY if d <= 364 else None
            if code is None:
                raise AgeError(f"{raw!r}: give ages of a year or more in years")
        elif m := _WEEKS.match(low):
            code = NEWBORN if int(m.group(1)) == 0 else BABY if int(m.group(1)) <= 52 else None
            if code is None:
                raise AgeError(f"{raw!r}: give ages of a year or more in years")
        elif m := _MONTHS.match(low):
            if int(m.group(1)) >= 12:
                raise AgeError(f"{raw!r}: give ages of a year or more in years")
            code = BABY
        elif m := _RANGE.match(low):
            a, b = int(m.group(1)), int(m.group(2))
            if a == 0:
                raise AgeError(f"{raw!r}: an age range cannot start at 0; use a range starting at 1")
            if a >= b:
                raise AgeError(f"{raw!r}: the first age of a range must be lower than the second")
            if b > 98:
                raise AgeError(f"{raw!r}: ranges go up to 98; use 'over 98' for older")
            code = f"{a:02d}{b:02d}"
        elif m := _EXACT.match(low):
            n = int(m.group(1))
            if n == 0:
                raise AgeError(f"{raw!r}: for a child under one year, type 'newborn', 'under 1 week' or 'under 1 year'")
            if n > 99:
                raise AgeError(f"{raw!r}: is not a possible age; use 'over 98'")
            code = f"{n:02d}"
        elif len(raw) == 4 and raw.isdigit():
            code = raw
    if code is None:
        raise AgeError(
            f"{raw!r} is not an age: type a number (25), a range (25-30), 'unknown', "
            "or for a baby 'newborn', 'under 1 week' or 'under 1 year'"
        )
    if code in INFANT_CODES and not allow_infant:
        raise AgeError(f"{raw!r}: 'newborn' and similar ages are only for victims")
    return code


def is_age_code(code: str | None) -> bool:
    """True if ``code`` is a well-formed NIBRS age code (ranges need not be ordered)."""
    if not code:
        return False
    if code in INFANT_CODES:
        return True
    if len(code) == 2 and code.isdigit():
        return True
    return len(code) == 4 and code.isdigit()


def is_range(code: str | None) -> bool:
    return bool(code) and len(code) == 4 and code.isdigit()


def bounds(code: str | None) -> tuple[int, int] | None:
    """(youngest, oldest) age in whole years; ``None`` when unknown or not an age.

    Infants count as 0; "over 98" as (99, 99).
    """
    if not is_age_code(code) or code == UNKNOWN:
        return None
    if code in INFANT_CODES:
        return (0, 0)
    if len(code) == 4:
        return (int(code[:2]), int(code[2:]))
    n = int(code)
    return (n, n)


def minimum(code: str | None) -> int | None:
    b = bounds(code)
    return b[0] if b else None


def maximum(code: str | None) -> int | None:
    b = bounds(code)
    return b[1] if b else None


# The age codes that are not a number of years: (plain words, what an age field shows and reads back).
_SPECIAL_WORDS = {UNKNOWN: ("unknown", "unknown"), OVER_98: ("over 98", "over 98"),
                  NEONATE: ("under 24 hours", "under 24 hours"), NEWBORN: ("1 to 6 days old", "newborn"),
                  BABY: ("7 days to under 1 year", "under 1 year")}


def _words(code: str | None, which: int, range_joint: str) -> str:
    if not code:
        return ""
    if code in _SPECIAL_WORDS:
        return _SPECIAL_WORDS[code][which]
    if is_range(code):
        return f"{int(code[:2])}{range_joint}{int(code[2:])}"
    return str(int(code)) if code.isdigit() else code


def describe(code: str | None) -> str:
    """Plain words for an age code: "25", "25 to 30", "1 to 6 days old", "unknown"."""
    return _words(code, 0, " to ")


def in_words(code: str | None) -> str:
    """How old someone is, as a phrase: "25 years old", "25 to 30 years old", "7 days to under 1 year old",
    "over 98 years old", "of unknown age"."""
    if not code:
        return ""
    if code == UNKNOWN:
        return "of unknown age"
    if code in (NEONATE, BABY):
        return describe(code) + " old"
    if code == NEWBORN:
        return describe(code)  # "1 to 6 days old"
    if code == OVER_98 or is_range(code) or code.isdigit():
        return describe(code) + " years old"
    return code


def to_input(code: str | None) -> str:
    """The text an age field shows for a stored code (parses back to the same code): "25-30", "newborn"."""
    return _words(code, 1, "-")
