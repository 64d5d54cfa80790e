"""Values read from a file that storage cannot hold, kept as typed in the record's ``invalid`` map.

A file may hold an unknown code, an impossible date or text where a number belongs. Storage
refuses such values (the dictionary says what an element may hold), but an import must lose
nothing: :func:`split` moves each one out of the report into a map of report paths to the raw
text (``{"victims[1].age": "1A", "offenses[0].weapons[1]": "ZZ"}``, the same paths the wizard
uses), and :func:`join` puts them back as the readers leave them - the text in the segment's
``invalid`` map, a ``None`` in the field (a list keeps a ``None`` at the entry's place) - so the
flat-file writer writes the raw text where it was.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterator

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import DataElement, Dictionary
from desktop.nibrs.values import FlatValueError, single_value_problem, to_flat, value_problem

_ENTRY = re.compile(r"^(?P<field>[A-Za-z_0-9]+)\[(?P<index>\d+)\]$")


class Unstorable(ValueError):
    """A report that cannot be kept even with its raw values set aside (the reason is the message)."""


def segments(report: m.Segment, path: str = "") -> Iterator[tuple[str, str, m.Segment]]:
    """(kind, path, segment) for a report and every segment and group row under it."""
    yield report.KIND, path, report
    for child_kind, (parent, field_name) in m.CHILD_FIELDS.items():
        if parent != report.KIND:
            continue
        for i, child in enumerate(getattr(report, field_name)):
            inner = f"{field_name}[{i}]"
            yield from segments(child, f"{path}.{inner}" if path else inner)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _raw(element: DataElement, value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        if isinstance(value, (int, date)) and not isinstance(value, bool):
            return to_flat(element, value).strip() or str(value)
    except (FlatValueError, TypeError, ValueError):
        pass
    return str(value)


def split(report: m.Report, dictionary: Dictionary, *, keys: tuple[str, ...] = ()) -> dict[str, str]:
    """Move every value storage refuses, and every unreadable input, out of ``report`` (in place).

    Returns the record's invalid map. Raises :class:`Unstorable` when a value cannot be set
    aside (a key field in ``keys``, more group rows or list entries than the element takes).
    """
    out: dict[str, str] = {}
    for kind, path, seg in segments(report):
        for key, raw in seg.invalid.items():
            name = _ENTRY.match(key)["field"] if _ENTRY.match(key) else key
            if not path and name in keys:
                raise Unstorable(f"{name.replace('_', ' ')} {raw!r} could not be read")
            out[_join(path, key)] = raw
        seg.invalid = {}
        for element, placement in dictionary.model_elements(kind):
            name = placement.field
            value = getattr(seg, name)
            if element.multiple:
                if not value:
                    continue
                if len(value) > element.max:
                    raise Unstorable(f"{element.name} ({_join(path, name)}) holds {len(value)} values; it takes at "
                                     f"most {element.max}")
                if value_problem(element, value, dictionary) is None:
                    continue
                kept = []
                for i, v in enumerate(value):
                    if v is None:
                        continue  # an unreadable entry: its text is already in the map
                    if single_value_problem(element, v, dictionary):
                        out[_join(path, f"{name}[{i}]")] = _raw(element, v)
                    else:
                        kept.append(v)
                setattr(seg, name, kept)
                continue
            if value is None or value_problem(element, value, dictionary) is None:
                continue
            if not path and name in keys:
                raise Unstorable(f"{element.name}: {value_problem(element, value, dictionary)}")
            out[_join(path, name)] = _raw(element, value)
            setattr(seg, name, None)
        for group in dictionary.groups_of(kind):
            rows = getattr(seg, group.field)
            if len(rows) > group.max:
                raise Unstorable(f"{_join(path, group.field)}: {len(rows)} {group.name.lower()}s; a segment holds at "
                                 f"most {group.max}")
    return out


def _resolve(report: m.Segment, path: str) -> tuple[m.Segment, str] | None:
    """The segment a map key belongs to, and the key inside it."""
    parts = path.split(".")
    seg: Any = report
    for part in parts[:-1]:
        found = _ENTRY.match(part)
        if not found:
            return None
        rows = getattr(seg, found["field"], None)
        i = int(found["index"])
        if not isinstance(rows, list) or i >= len(rows) or not isinstance(rows[i], m.Segment):
            return None
        seg = rows[i]
    return seg, parts[-1]


def join(report: m.Report, invalid: dict[str, str], dictionary: Dictionary) -> m.Report:
    """Put a record's invalid map back into its report (in place) as the readers leave such values."""
    lists: dict[int, tuple[m.Segment, list[tuple[str, int]]]] = {}
    for path, raw in invalid.items():
        place = _resolve(report, path)
        if place is None:
            continue
        seg, key = place
        seg.invalid[key] = raw
        found = _ENTRY.match(key)
        if found and isinstance(getattr(seg, found["field"], None), list):
            lists.setdefault(id(seg), (seg, []))[1].append((found["field"], int(found["index"])))
        elif hasattr(seg, key) and key not in ("extras", "invalid", "source"):
            setattr(seg, key, None)
    for seg, entries in lists.values():
        for field_name, index in sorted(entries):
            values = getattr(seg, field_name)
            values.insert(min(index, len(values)), None)
    return report


# ------------------------------------------------------------------------------------------- layout
def layout_of(report: m.Report) -> dict[str, dict[str, list[int]]] | None:
    """Where a flat file held repeated values with blank slots between them: path -> field -> slots."""
    out = {}
    for _kind, path, seg in segments(report):
        if seg.source is not None and seg.source.slots:
            out[path] = {k: list(v) for k, v in seg.source.slots.items()}
    return out or None


def apply_layout(report: m.Report, layout: dict[str, dict[str, list[int]]] | None) -> m.Report:
    """Give a stored report's segments the slots they were read from (in place), for the flat-file writer."""
    if not layout:
        return report
    for _kind, path, seg in segments(report):
        slots = layout.get(path)
        if slots:
            source = seg.source or m.SourceRef()
            source.slots = {k: tuple(v) for k, v in slots.items()}
            seg.source = source
    return report
