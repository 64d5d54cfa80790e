"""What a value of an element may be, and how it is written in a fixed-width field.

Two uses: storage refuses a model value its element cannot hold (wrong type, too long,
unknown code) with a message naming the element; and the flat-file reader and writer turn
values into fixed-width text and back. Each element type says how (``desktop.nibrs.elementtypes``);
this module applies it to elements, lists of values and whole reports. FBI business rules (an
hour needed for an officer victim, a range that runs backwards...) are the validator's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.nibrs.dictionary import DataElement, Dictionary
from desktop.nibrs.elementtypes import TYPES, FlatValueError  # noqa: F401  (FlatValueError is imported from here)


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
    if value is None:
        return None
    t = TYPES.get(element.type)
    if t is None:  # pragma: no cover - the dictionary refuses unknown types
        return f"unknown element type {element.type!r}"
    return t.problem(element, value, dictionary)


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
def to_flat(element: DataElement, value: Any) -> str:
    """One value as its fixed-width text (``element.length`` characters)."""
    width = element.length
    if value is None or value == "":
        return " " * width
    text = TYPES[element.type].flat_text(element, value)
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
    return TYPES[element.type].from_flat(element, text)


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
            if value is None:  # no value has no problem (most elements of most segments)
                continue
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
    types = {(p.field or e.id): e.value_type for e, p in dictionary.profile_elements(kind)}
    out: dict[str, Any] = {}
    for key, value in (raw or {}).items():
        t = types.get(key)
        out[key] = value if value is None or t is None else t.from_json(value)
    return out
