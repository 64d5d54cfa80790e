"""Move values between the NIBRS model and the database rows, led by the data dictionary.

For every segment kind the dictionary lists the stored elements and their model fields;
single values go to the column of the same name (with the suffix and form their element type
gives: a drug quantity as ``<name>_thousandths``), multi-valued elements to their child
code rows, repeating groups and child segments to their child tables. Nothing here names
an individual NIBRS element. ``insert_records`` and friends write the same rows in bulk, without the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert

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
    """The child segment kinds of a kind and the model fields holding them (worked out once per kind)."""
    found = _CHILDREN.get(kind)
    if found is None:
        found = _CHILDREN[kind] = [(child, f) for child, (parent, f) in m.CHILD_FIELDS.items() if parent == kind]
    return found


_CHILDREN: dict[str, list[tuple[str, str]]] = {}


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


# ----------------------------------------------------------------------------- in bulk, without the ORM
# Imports write thousands of reports: their rows go to the tables as lists of plain values through SQLAlchemy
# Core (one statement per table and batch), led by the same declarations as to_row / from_row above.

@dataclass(frozen=True)
class Shape:
    """What a segment kind's rows are: its table, its single values, its code rows and its child segments."""

    table: Any
    singles: tuple[tuple[str, str, Any], ...]  # (model field, column, element type)
    codes: tuple[tuple[str, Any], ...]  # (model field, code table)
    children: tuple[tuple[str, str, str], ...]  # (child kind, model field, the child's column naming its parent)

    @property
    def has_rows_below(self) -> bool:
        return bool(self.codes or self.children)


def shape(dictionary: Dictionary, kind: str) -> Shape:
    """The rows of a kind (worked out once per dictionary and kind)."""
    return dictionary.cached(("row shape", kind), _shape, dictionary, kind)


def _shape(dictionary: Dictionary, kind: str) -> Shape:
    from sqlalchemy import inspect as sa_inspect

    row_cls = s.ROW_CLASSES[kind]
    singles, codes = [], []
    for element, name in _fields(dictionary, kind):
        if element.multiple:
            codes.append((name, s.CODE_ROW_CLASSES[(kind, name)].__table__))
        else:
            t = element.value_type
            singles.append((name, name + t.column_suffix, t))
    relations = sa_inspect(row_cls).relationships
    children = []
    for child_kind, field_name in _children(kind):
        _local, remote = relations[field_name].local_remote_pairs[0]
        children.append((child_kind, field_name, remote.key))
    return Shape(row_cls.__table__, tuple(singles), tuple(codes), tuple(children))


def columns(segment: m.Segment, dictionary: Dictionary, kind: str | None = None) -> dict[str, Any]:
    """A segment's own columns (its single values and state-profile values), as to_row sets them."""
    kind = kind or segment.KIND
    out = {column: t.to_column(getattr(segment, name)) for name, column, t in shape(dictionary, kind).singles}
    out["extras"] = extras_to_json(segment.extras)
    return out


def insert_records(session: Any, dictionary: Dictionary, kind: str, rows: list[dict[str, Any]],
                   segments: list[m.Segment], written: dict[int, dict[str, Any]] | None = None) -> list[int]:
    """Insert records (``rows``: every column of each, as ``columns`` plus the record's own) and everything under
    them, a statement per table; returns their ids, in order. ``written`` is given each child segment's row as
    inserted, by ``id()`` of the segment."""
    if not rows:
        return []
    table = shape(dictionary, kind).table
    ids = list(session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows).scalars())
    insert_below(session, dictionary, kind, list(zip(ids, segments)), written)
    return ids


def insert_below(session: Any, dictionary: Dictionary, kind: str, parents: list[tuple[int, m.Segment]],
                 written: dict[int, dict[str, Any]] | None = None) -> None:
    """The code rows and child segments (and theirs) of segments already stored under the ids given (``written``:
    see ``insert_records``)."""
    sh = shape(dictionary, kind)
    for name, table in sh.codes:
        codes = [{"owner_id": pid, "position": i, "code": v}
                 for pid, seg in parents for i, v in enumerate(getattr(seg, name) or [])]
        if codes:
            session.execute(insert(table), codes)
    for child_kind, name, parent_column in sh.children:
        rows, segs = [], []
        for pid, seg in parents:
            for i, child in enumerate(getattr(seg, name)):
                cols = columns(child, dictionary, child_kind)
                cols[parent_column] = pid
                cols["position"] = i
                rows.append(cols)
                segs.append(child)
                if written is not None:
                    written[id(child)] = cols
        if not rows:
            continue
        child = shape(dictionary, child_kind)
        if child.has_rows_below:
            ids = session.execute(insert(child.table).returning(child.table.c.id, sort_by_parameter_order=True),
                                  rows).scalars()
            insert_below(session, dictionary, child_kind, list(zip(ids, segs)), written)
        else:
            session.execute(insert(child.table), rows)


def delete_below(session: Any, dictionary: Dictionary, kind: str, ids: list[int]) -> None:
    """Remove the code rows and child segments of records (their own children go with them: ON DELETE CASCADE)."""
    sh = shape(dictionary, kind)
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for _name, table in sh.codes:
            session.execute(delete(table).where(table.c.owner_id.in_(part)))
        for child_kind, _name, parent_column in sh.children:
            table = shape(dictionary, child_kind).table
            session.execute(delete(table).where(table.c[parent_column].in_(part)))
