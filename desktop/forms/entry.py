"""What a person typed into a field, turned into a model value - or a reason in plain words.

No Qt here. Each element type has a reader: codes (typed as the code or as words of their
meaning), lists of codes separated by commas, ages (desktop.nibrs.age), dates by keyboard,
hours, whole numbers, dollars, drug quantities, ORIs and identifiers. A value that reads
but that storage would refuse (an ORI of the wrong length...) is a problem too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable, Sequence

from desktop.nibrs import age as nibrs_age
from desktop.nibrs.dictionary import Code, CodeList, DataElement, Dictionary
from desktop.nibrs.values import value_problem


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading a field's text.

    ``value`` goes into the model (for a code that is not in its list: the code as typed, so the
    FBI edit for invalid codes names it; storage never sees it). ``problem`` says in words why
    the text was not understood; ``None`` when it was.
    """

    value: Any
    problem: str | None = None
    normal: str | None = None  # the text the field shows once the entry is finished
    pending: bool = False  # still being typed: not understood yet, but not wrong yet either

    @property
    def ok(self) -> bool:
        return self.problem is None


# ----------------------------------------------------------------------------- codes
def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^0-9a-z]+", text.lower()) if w]


def code_words(code: Code) -> list[str]:
    return _words(" ".join(filter(None, [code.code, code.label or "", code.description,
                                         " ".join(code.get("also") or [])])))


def search_codes(text: str, codes: Iterable[Code]) -> list[Code]:
    """Codes matching what was typed: the code itself first, then codes whose words start with each typed word."""
    typed = text.strip()
    if not typed:
        return list(codes)
    upper = typed.upper()
    exact, prefix, worded = [], [], []
    query = _words(typed)
    for c in codes:
        if c.code.upper() == upper:
            exact.append(c)
        elif c.code.upper().startswith(upper):
            prefix.append(c)
        elif query:
            words = code_words(c)
            if all(any(w.startswith(q) for w in words) for q in query):
                worded.append(c)
    return exact + prefix + worded


def _key_words(code: Code, codes: CodeList) -> set[str]:
    """A code's words without those most codes of its list share ("victim", "was")."""
    common = _common_words(codes)
    return set(_words(code.text)) - common


_COMMON: dict[tuple[str, int], set[str]] = {}


def _common_words(codes: CodeList) -> set[str]:
    key = (codes.id, len(codes))
    if key not in _COMMON:
        counts: dict[str, int] = {}
        for c in codes:
            for w in set(_words(c.text)):
                counts[w] = counts.get(w, 0) + 1
        _COMMON[key] = {w for w, n in counts.items() if n > len(codes) / 2}
    return _COMMON[key]


def _phrase(code: Code) -> str:
    return " ".join(_words(code.text))


def resolve_code(text: str, codes: CodeList, offered: Sequence[Code], *, finished: bool) -> Parsed:
    """One code from its code or (when the entry is finished) from words naming one code."""
    typed = text.strip()
    if not typed:
        return Parsed(None, normal="")
    exact = codes.get(typed.upper())
    if exact is not None:
        return Parsed(exact.code, normal=exact.code)
    looks_like_code = typed.isalnum() and len(typed) <= max((len(c.code) for c in codes), default=3)
    if not finished:
        return Parsed(None, f"'{typed}' is not a code yet", pending=True)
    for pool in (offered, list(codes)):
        found = [c for c in search_codes(typed, pool) if c.code.upper() != typed.upper()]
        worded = [c for c in found if not c.code.upper().startswith(typed.upper())] or found
        if len(worded) == 1:
            return Parsed(worded[0].code, normal=worded[0].code)
        phrase = " ".join(_words(typed))
        starts = [c for c in worded if _phrase(c).startswith(phrase)]
        if len(starts) == 1:
            return Parsed(starts[0].code, normal=starts[0].code)
        whole = [c for c in worded if _key_words(c, codes) == set(_words(typed))]
        if len(whole) == 1:  # "spouse": Victim Was Spouse, not Common-Law Spouse or Ex-Spouse
            return Parsed(whole[0].code, normal=whole[0].code)
        if len(worded) > 1:
            names = ", ".join(f"{c.code} {c.text}" for c in worded[:4])
            more = "..." if len(worded) > 4 else ""
            return Parsed(None, f"'{typed}' matches several codes ({names}{more}): type the code")
    return Parsed(typed.upper() if looks_like_code else None,
                  f"'{typed}' is not a code of the list '{codes.name}'")


def split_codes(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", text) if t.strip()]


def resolve_codes(text: str, element: DataElement, codes: CodeList, offered: Sequence[Code], *,
                  finished: bool) -> Parsed:
    tokens = split_codes(text)
    values, problems = [], []
    pending = False
    last_open = not finished and not text.rstrip().endswith((",", ";"))
    for i, t in enumerate(tokens):
        p = resolve_code(t, codes, offered, finished=not (last_open and i == len(tokens) - 1))
        if p.value is not None:
            values.append(p.value)
        if p.pending:
            pending = True
        elif p.problem:
            problems.append(p.problem)
    if len(values) > element.max:
        problems.append(f"takes at most {element.max} codes; {len(values)} were given")
    if len(set(values)) < len(values):
        problems.append("a code is given twice")
    normal = ", ".join(values) if not problems and not pending else None
    if pending and not problems:
        return Parsed(values, "not finished", normal, pending=True)
    return Parsed(values, "; ".join(problems) or None, normal)


# ----------------------------------------------------------------------------- dates, numbers
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_NIBRS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(text: str, today: date | None = None) -> date | None:
    """A date typed as MM/DD/YYYY, M/D/YY, YYYY-MM-DD, MMDDYYYY, YYYYMMDD, today, yesterday or t-3.

    Raises ValueError with words when the text is not a date.
    """
    today = today or date.today()
    s = (text or "").strip().lower()
    if not s:
        return None
    if s in ("today", "t", "now"):
        return today
    if s in ("yesterday", "y"):
        return today - timedelta(days=1)
    m = re.match(r"^t\s*-\s*(\d{1,3})$", s)
    if m:
        return today - timedelta(days=int(m.group(1)))
    try:
        if m := _ISO.match(s):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _US.match(s):
            year = int(m.group(3))
            if year < 100:
                year += 2000 if 2000 + year <= today.year + 1 else 1900
            return date(year, int(m.group(1)), int(m.group(2)))
        if m := _NIBRS.match(s):
            if int(m.group(1)) >= 1900:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _COMPACT.match(s):
            return date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a real calendar date") from None
    raise ValueError(f"'{text.strip()}' is not a date: type it as MM/DD/YYYY (or today, yesterday)")


def format_date(d: date | None) -> str:
    return "" if d is None else f"{d.month:02d}/{d.day:02d}/{d.year:04d}"


def describe_date(d: date | None) -> str:
    return "" if d is None else f"{d:%A} {d.day} {d:%B} {d.year}"


def parse_hour(text: str) -> int | None:
    s = (text or "").strip().lower()
    if not s:
        return None
    m = re.match(r"^(\d{1,2})(?::?(\d{2}))?\s*(am|pm|a|p)?$", s)
    if not m:
        raise ValueError(f"'{text.strip()}' is not an hour: type 00 to 23")
    hour = int(m.group(1))
    suffix = m.group(3)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text.strip()}' is not an hour")
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if not 0 <= hour <= 23 or (m.group(2) and int(m.group(2)) > 59):
        raise ValueError(f"'{text.strip()}' is not an hour: type 00 to 23")
    return hour


def parse_whole(text: str, *, money: bool = False) -> int | None:
    s = (text or "").strip().replace(",", "")
    if money:
        s = s.lstrip("$").strip()
    if not s:
        return None
    if not s.isdigit():
        raise ValueError(f"'{text.strip()}' is not a whole number" + (" of dollars" if money else ""))
    return int(s)


def parse_quantity(text: str) -> Decimal | None:
    s = (text or "").strip().replace(",", "")
    if not s:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"'{text.strip()}' is not a quantity: type a number such as 2.5") from None
    if d < 0:
        raise ValueError("a quantity cannot be negative")
    if d != d.quantize(Decimal("0.001")):
        raise ValueError(f"'{text.strip()}' has more than three decimals")
    return d.quantize(Decimal("0.001"))


def parse_decimal(text: str) -> Decimal | None:
    s = (text or "").strip()
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        raise ValueError(f"'{s}' is not a number") from None


_YES = {"y", "yes", "true", "1", "x"}
_NO = {"n", "no", "false", "0"}


def parse_boolean(text: str) -> bool | None:
    s = (text or "").strip().lower()
    if not s:
        return None
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(f"'{text.strip()}': type Y for yes or N for no")


# ----------------------------------------------------------------------------- one field
def parse(element: DataElement, text: str, d: Dictionary, *, offered: Sequence[Code] = (), infants: bool = False,
          finished: bool = True) -> Parsed:
    """Read a field's text as a value of ``element``."""
    t = element.type
    raw = text or ""
    if t == "code" and element.codes:
        codes = d.code_lists[element.codes]
        if element.multiple:
            return resolve_codes(raw, element, codes, offered, finished=finished)
        return resolve_code(raw, codes, offered, finished=finished)
    try:
        if element.multiple:
            tokens = split_codes(raw)
            values = [_single(element, tok, infants) for tok in tokens]
            value: Any = [v for v in values if v is not None]
        else:
            value = _single(element, raw, infants)
    except (ValueError, nibrs_age.AgeError) as exc:
        return Parsed(None, str(exc))
    reason = value_problem(element, value, d)
    if reason:
        return Parsed(None, reason)
    return Parsed(value, normal=display(element, value))


def _single(element: DataElement, text: str, infants: bool) -> Any:
    t = element.type
    s = text.strip()
    if not s:
        return None
    if t == "age":
        return nibrs_age.parse_age(s, allow_infant=infants)
    if t == "date":
        return parse_date(s)
    if t == "hour":
        return parse_hour(s)
    if t in ("integer", "month", "year"):
        return parse_whole(s)
    if t == "money":
        return parse_whole(s, money=True)
    if t == "quantity":
        return parse_quantity(s)
    if t == "decimal":
        return parse_decimal(s)
    if t == "boolean":
        return parse_boolean(s)
    if t in ("ori", "identifier"):
        return s.upper()
    return s  # text, or a code element without a list


def display(element: DataElement, value: Any) -> str:
    """The text a field shows for a model value (reads back to the same value)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(display_one(element, v) for v in value)
    return display_one(element, value)


def display_one(element: DataElement, value: Any) -> str:
    t = element.type
    if value is None:
        return ""
    if t == "age":
        return nibrs_age.to_input(value)
    if t == "date":
        return format_date(value)
    if t == "hour":
        return f"{int(value):02d}"
    if t == "quantity":
        d = Decimal(value).normalize()
        return format(d, "f")
    if t == "boolean":
        return "Y" if value else "N"
    return str(value)


def meaning(element: DataElement, value: Any, d: Dictionary) -> str:
    """Plain words for a value, shown beside the field: a code's meaning, a date's weekday, an age."""
    if value is None or value == [] or value == "":
        return ""
    if element.type == "code" and element.codes:
        codes = d.code_lists[element.codes]
        values = value if isinstance(value, list) else [value]
        parts = []
        for v in values:
            c = codes.get(v)
            parts.append(f"{v} {c.text}" if c else f"{v} (not a code)")
        return "; ".join(parts)
    if element.type == "date":
        return describe_date(value)
    if element.type == "age":
        words = nibrs_age.describe(value)
        return "" if not words else (words if not words[0].isdigit() else f"{words} years")
    if element.type == "money":
        return f"${value:,}"
    return ""

