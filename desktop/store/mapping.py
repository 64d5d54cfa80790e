"""Move values between the NIBRS model and the database rows, led by the data dictionary.

For every segment kind the dictionary lists the stored elements and their model fields;
single values go to the column of the same name (with the suffix and form their element type
gives: a drug quantity as ``<name>_thousandths``), multi-valued elements to their child
code rows, repeating groups and child segments to their child tables. Nothing here names
an individual NIBRS element.
"""

from __future__ import annotations

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
        else:
            t = element.value_type
            setattr(row, name + t.column_suffix, t.to_column(value))
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
        else:
            t = element.value_type
            values[name] = t.from_column(getattr(row, name + t.column_suffix))
    for child_kind, field_name in _children(kind):
        values[field_name] = [from_row(c, dictionary, child_kind) for c in getattr(row, field_name)]
    segment = cls(**values)
    segment.extras = extras_from_json(kind, row.extras, dictionary) if row.extras else {}
    return segment
