"""Move values between the NIBRS model and the database rows, led by the data dictionary.

For every segment kind the dictionary lists the stored elements and their model fields;
single values go to the column of the same name, multi-valued elements to their child
code rows, repeating groups and child segments to their child tables. Nothing here names
an individual NIBRS element.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary
from desktop.nibrs.values import extras_from_json, extras_to_json
from desktop.store import schema as s


def _fields(dictionary: Dictionary, kind: str):
    """The stored elements of a kind and their fields (worked out once per dictionary and kind)."""
    return dictionary.cached(("stored fields", kind), _stored_fields, dictionary, kind)


def _stored_fields(dictionary: Dictionary, kind: str) -> list:
    return [(e, p.field) for e, p in dictionary.model_elements(kind)]


def _children(kind: str) -> list[tuple[str, str]]:
    return [(child, f) for child, (parent, f) in m.CHILD_FIELDS.items() if parent == kind]


def to_row(segment: m.Segment, dictionary: Dictionary, kind: str | None = None, row: Any = None) -> Any:
    """A new (or refreshed) row object holding ``segment`` and everything under it."""
    kind = kind or segment.KIND
    row_cls = s.ROW_CLASSES[kind]
    if row is None:
        row = row_cls()
    for element, name in _fields(dictionary, kind):
        value = getattr(segment, name)
        if element.multiple:
            code_cls = s.CODE_ROW_CLASSES[(kind, name)]
            setattr(row, name, [code_cls(position=i, code=v) for i, v in enumerate(value or [])])
        elif element.type == "quantity":
            setattr(row, f"{name}_thousandths",
                    None if value is None else int((Decimal(value) * 1000).to_integral_value()))
        else:
            setattr(row, name, value)
    row.extras = extras_to_json(segment.extras)
    for child_kind, field_name in _children(kind):
        rows = []
        for i, child in enumerate(getattr(segment, field_name)):
            child_row = to_row(child, dictionary, child_kind)
            child_row.position = i
            rows.append(child_row)
        setattr(row, field_name, rows)
    return row


def from_row(row: Any, dictionary: Dictionary, kind: str) -> m.Segment:
    """The model object a row (and its children) holds."""
    cls = m.SEGMENT_CLASSES[kind]
    values: dict[str, Any] = {}
    for element, name in _fields(dictionary, kind):
        if element.multiple:
            values[name] = [c.code for c in getattr(row, name)]
        elif element.type == "quantity":
            raw = getattr(row, f"{name}_thousandths")
            values[name] = None if raw is None else (Decimal(raw) / 1000).quantize(Decimal("0.001"))
        else:
            values[name] = getattr(row, name)
    for child_kind, field_name in _children(kind):
        values[field_name] = [from_row(c, dictionary, child_kind) for c in getattr(row, field_name)]
    segment = cls(**values)
    segment.extras = extras_from_json(kind, row.extras, dictionary) if row.extras else {}
    return segment
