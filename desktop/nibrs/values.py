"""What a value of each element type may be, and how it is written in a fixed-width field.

Two uses: storage refuses a model value its element cannot hold (wrong type, too long,
unknown code) with a message naming the element; and the flat-file reader and writer turn
values into fixed-width text and back. FBI business rules (an hour needed for an officer
victim, a range that runs backwards...) are the validator's job, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop.nibrs import age as nibrs_age
from desktop.nibrs.dictionary import DataElement, Dictionary

_ORI = re.compile(r"^[A-Z0-9]+$")
_IDENT = re.compile(r"^[A-Z0-9-]+$")


@dataclass(frozen=True)
class Problem:
    """A value storage cannot hold."""

    element: DataElement
    field: str
    value: Any
    reason: str
    where: str = ""  # e.g. "victim 2"

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        number = f"Data Element {self.element.number} " if self.element.number else ""
        return f"{number}{self.element.name}{where}: {self.reason}"


def single_value_problem(element: DataElement, value: Any, dictionary: Dictionary) -> str | None:
    """Why one value cannot be held by ``element``, or ``None`` when it can."""
    t = element.type
    if value is None:
        return None
    if t == "ori":
        if not isinstance(value, str) or not _ORI.match(value):
            return f"{value!r} is not an ORI (letters A-Z and digits only)"
        if element.attrs.get("exact") and len(value) != element.length:
            return f"an ORI has {element.length} characters; {value!r} has {len(value)}"
        if len(value) > element.length:
            return f"an ORI has at most {element.length} characters; {value!r} has {len(value)}"
        return None
    if t == "identifier":
        if not isinstance(value, str) or not value:
            return "must be text"
        if len(value) > element.length:
            return f"at most {element.length} characters; {value!r} has {len(value)}"
        if not _IDENT.match(value):
            return f"{value!r} may hold only letters A-Z, digits and hyphens, with no spaces"
        return None
    if t == "code":
        if not isinstance(value, str):
            return f"{value!r} is not a code"
        codes = dictionary.code_lists.get(element.codes or "")
        if codes is not None and value not in codes:
            return f"{value!r} is not a code of the list '{codes.name}'"
        if element.length and len(value) > element.length:
            return f"{value!r} is longer than {element.length} characters"
        return None
    if t == "date":
        if not isinstance(value, date):
            return f"{value!r} is not a date"
        if not 1900 <= value.year <= 2999:
            return f"{value.isoformat()} is not a plausible date"
        return None
    if t == "hour":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 23:
            return f"{value!r} is not an hour from 00 to 23"
        return None
    if t in ("integer", "money"):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{value!r} is not a whole number"
        if value < 0 or value >= 10 ** element.length:
            return f"{value} does not fit in {element.length} digits"
        return None
    if t == "quantity":
        if not isinstance(value, (Decimal, int)):
            return f"{value!r} is not a quantity"
        d = Decimal(value)
        if d < 0 or d >= Decimal(10) ** (element.length - 3):
            return f"{value} does not fit in {element.length - 3} whole digits"
        if d != d.quantize(Decimal("0.001")):
            return f"{value} has more than three decimals"
        return None
    if t == "age":
        if not isinstance(value, str) or not nibrs_age.is_age_code(value):
            return f"{value!r} is not a NIBRS age (a number, a range like 2530, 00, 99, NN, NB or BB)"
        return None
    if t == "month":
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
            return f"{value!r} is not a month 1-12"
        return None
    if t == "year":
        if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 9999:
            return f"{value!r} is not a four-digit year"
        return None
    if t == "decimal":
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            return f"{value!r} is not a number"
        d = Decimal(value)
        places = element.attrs.get("decimals")
        if places is not None and d != d.quantize(Decimal(1).scaleb(-int(places))):
            return f"{value} has more than {places} decimals"
        rng = element.attrs.get("range")
        if rng is not None and not (Decimal(rng[0]) <= d <= Decimal(rng[1])):
            return f"{value} is outside {rng[0]} to {rng[1]}"
        return None
    if t == "boolean":
        if not isinstance(value, bool):
            return f"{value!r} is not yes/no"
        return None
    if t == "text":
        if not isinstance(value, str):
            return f"{value!r} is not text"
        if element.length and len(value) > element.length:
            return f"at most {element.length} characters; {value!r} has {len(value)}"
        return None
    return f"unknown element type {t!r}"  # pragma: no cover


def value_problem(element: DataElement, value: Any, dictionary: Dictionary) -> str | None:
    """Like :func:`single_value_problem`, for single- and multi-valued elements."""
    if element.multiple:
        if value is None:
            return None
        if not isinstance(value, (list, tuple)):
            return f"{value!r} should be a list of up to {element.max} values"
        if len(value) > element.max:
            return f"takes at most {element.max} values; {len(value)} were given"
        for v in value:
            if v is None:
                return "a list entry is empty"
            reason = single_value_problem(element, v, dictionary)
            if reason:
                return reason
        return None
    return single_value_problem(element, value, dictionary)


# ---------------------------------------------------------------------- fixed-width text
class FlatValueError(ValueError):
    """A fixed-width field holds text its element cannot mean."""


def to_flat(element: DataElement, value: Any) -> str:
    """One value as its fixed-width text (``element.length`` characters)."""
    width = element.length
    if value is None or value == "":
        return " " * width
    t = element.type
    if t in ("integer", "money", "month", "year"):
        text = f"{int(value):0{width}d}"
    elif t == "hour":
        text = f"{int(value):02d}"
    elif t == "date":
        text = value.strftime("%Y%m%d")
    elif t == "quantity":
        text = f"{int((Decimal(value) * 1000).to_integral_value()):0{width}d}"
    else:  # ori, identifier, code, age, text: left-justified, blank-filled
        text = str(value).ljust(width)
    if len(text) > width:
        raise FlatValueError(f"{element.name}: {value!r} does not fit in {width} characters")
    return text


def from_flat(element: DataElement, text: str) -> Any:
    """The value of a fixed-width field, ``None`` when blank.

    Raises :class:`FlatValueError` when the text cannot be read as the element's type;
    the caller keeps the raw text in the segment's ``invalid`` map.
    """
    if not text.strip():
        return None
    t = element.type
    if t in ("integer", "money", "month", "year", "hour"):
        if not text.isdigit():  # the spec's "numeric entry with zero left-fill" (x02): " 5" is not 05
            raise FlatValueError(f"{text!r} is not a number with zero left-fill")
        return int(text)
    if t == "date":
        s = text.strip()
        if len(s) != 8 or not s.isdigit():
            raise FlatValueError(f"{text!r} is not a date YYYYMMDD")
        try:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        except ValueError:
            raise FlatValueError(f"{text!r} is not a real calendar date") from None
    if t == "quantity":
        if not text.isdigit():
            raise FlatValueError(f"{text!r} is not a quantity with zero left-fill")
        return (Decimal(int(text)) / 1000).quantize(Decimal("0.001"))
    if t == "decimal":
        try:
            return Decimal(text.strip())
        except InvalidOperation:
            raise FlatValueError(f"{text!r} is not a number") from None
    if t in ("age",):
        return text.rstrip()
    if t in ("identifier", "ori", "text"):
        return text.rstrip()
    return text.strip()  # code


# ---------------------------------------------------------------------- whole reports
def walk(segment: Any, kind: str | None = None, where: str = ""):
    """Yield (kind, segment, where) for a report and every segment and group row under it."""
    from desktop.nibrs.model import CHILD_FIELDS

    kind = kind or segment.KIND
    yield kind, segment, where
    for child_kind, (parent_kind, field_name) in CHILD_FIELDS.items():
        if parent_kind != kind:
            continue
        label = child_kind.replace("_", " ")
        for i, child in enumerate(getattr(segment, field_name), 1):
            inner = f"{label} {i}"
            yield from walk(child, child_kind, f"{where}, {inner}" if where else inner)


def report_problems(report: Any, dictionary: Dictionary) -> list[Problem]:
    """Every value in a report that its element cannot hold, and every unreadable input."""
    problems: list[Problem] = []
    for kind, segment, where in walk(report):
        for element, placement in dictionary.model_elements(kind):
            value = getattr(segment, placement.field)
            reason = value_problem(element, value, dictionary)
            if reason:
                problems.append(Problem(element, placement.field, value, reason, where))
        for element, placement in dictionary.profile_elements(kind):
            key = placement.field or element.id
            reason = value_problem(element, segment.extras.get(key), dictionary)
            if reason:
                problems.append(Problem(element, key, segment.extras.get(key), reason, where))
        for field_name, raw in segment.invalid.items():
            base = field_name.split("[", 1)[0]
            element = dictionary.for_field(kind, base)
            if element is not None:
                problems.append(Problem(element, field_name, raw, f"{raw!r} could not be read", where))
        for group in dictionary.groups_of(kind):
            rows = getattr(segment, group.field)
            if len(rows) > group.max:
                first = dictionary.model_elements(group.id)[0][0]
                problems.append(Problem(first, group.field, len(rows),
                                        f"at most {group.max} {group.name.lower()}s; {len(rows)} given", where))
    return problems


# ---------------------------------------------------------------------- profile values as JSON
def extras_to_json(extras: dict[str, Any]) -> dict[str, Any]:
    """Profile values ready for a JSON column (decimals and dates as text)."""
    out: dict[str, Any] = {}
    for key, value in extras.items():
        if isinstance(value, Decimal):
            out[key] = str(value)
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def extras_from_json(kind: str, raw: dict[str, Any], dictionary: Dictionary) -> dict[str, Any]:
    """Profile values from a JSON column, typed by their elements (unknown keys kept as they are)."""
    types = {(p.field or e.id): e.type for e, p in dictionary.profile_elements(kind)}
    out: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        t = types.get(key)
        if value is None or t is None:
            out[key] = value
        elif t in ("decimal", "quantity") and isinstance(value, (str, int, float)):
            out[key] = Decimal(str(value))
        elif t == "date" and isinstance(value, str):
            out[key] = date.fromisoformat(value)
        else:
            out[key] = value
    return out
