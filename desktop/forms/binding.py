"""Read and write report values by path ("victims[1].age", "properties[0].items[2].value").

Paths are the ones rule findings carry (docs/architecture.md, "Paths"), so a field widget,
a finding and the model agree on where a value lives. A profile element's value lives in
the segment's ``extras``; its path ends in its extras key. No Qt here.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from desktop.nibrs.dictionary import Dictionary
from desktop.nibrs.model import CHILD_FIELDS
from desktop.nibrs.values import single_value_problem

_PART = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")


def split(path: str) -> list[tuple[str, int | None]]:
    return list(_split(path))


@lru_cache(maxsize=8192)
def _split(path: str) -> tuple[tuple[str, int | None], ...]:
    """A path's parts, read once per path (the wizard asks for the same few hundred paths at every key)."""
    out = []
    for part in (p for p in path.split(".") if p):
        m = _PART.match(part)
        if not m:
            raise ValueError(f"not a report path: {path!r}")
        out.append((m.group(1), None if m.group(2) is None else int(m.group(2))))
    return tuple(out)


def join(base: str, name: str, index: int | None = None) -> str:
    tail = name if index is None else f"{name}[{index}]"
    return f"{base}.{tail}" if base else tail


def _is_field(obj: Any, name: str) -> bool:
    return name in getattr(type(obj), "__dataclass_fields__", {}) and name not in ("extras", "invalid", "source")


def segment_at(report: Any, path: str) -> Any:
    """The segment (or group row) a path of segments names: "victims[1]", "properties[0].items[2]"."""
    obj = report
    for name, index in _split(path):
        obj = getattr(obj, name)
        if index is not None:
            obj = obj[index]
    return obj


def owner(report: Any, path: str) -> tuple[Any, str]:
    """(segment, attribute name) of a value path; a list index at the end is dropped."""
    parts = _split(path)
    if not parts:
        raise ValueError("an empty path names no value")
    obj = report
    for name, index in parts[:-1]:
        obj = getattr(obj, name)
        if index is not None:
            obj = obj[index]
    return obj, parts[-1][0]


def get(report: Any, path: str) -> Any:
    obj, name = owner(report, path)
    if _is_field(obj, name):
        return getattr(obj, name)
    return obj.extras.get(name)


def put(report: Any, path: str, value: Any) -> None:
    obj, name = owner(report, path)
    if _is_field(obj, name):
        setattr(obj, name, value)
    elif value is None or value == [] or value == "":
        obj.extras.pop(name, None)
    else:
        obj.extras[name] = value


def field_path(path: str) -> str:
    """The field a finding's path points into: "offenses[0].weapons[1]" -> "offenses[0].weapons"."""
    parts = _split(path)
    if not parts:
        return ""
    name, index = parts[-1]
    head = ".".join(n if i is None else f"{n}[{i}]" for n, i in parts[:-1])
    if index is not None and name not in {f for _p, f in CHILD_FIELDS.values()}:
        return join(head, name)
    return path


def kind_at(report_kind: str, path: str) -> str:
    """The segment kind a path of segments ends in: ("incident", "victims[0]") -> "victim"."""
    kind = report_kind
    for name, _index in split(path):
        for child, (parent, list_field) in CHILD_FIELDS.items():
            if parent == kind and list_field == name:
                kind = child
                break
    return kind


def storable(report: Any, raw_paths: dict[str, str], d: Dictionary) -> Any:
    """A copy of a draft holding only values storage accepts.

    Values typed but not understood (kept as text in ``raw_paths``) and codes that are not in
    their list stay out of the copy; the caller saves their text with the draft.
    """
    clean = copy.deepcopy(report)
    for path in raw_paths:
        try:
            obj, name = owner(clean, path)
        except (AttributeError, IndexError, ValueError):
            continue
        value = get(clean, path)
        element = element_for(d, clean, path)
        if isinstance(value, list):
            keep = [v for v in value if element is not None and v is not None
                    and single_value_problem(element, v, d) is None]
            put(clean, path, keep)
        else:
            put(clean, path, None)
    return clean


def element_for(d: Dictionary, report: Any, path: str):
    parts = split(path)
    seg_path = ".".join(n if i is None else f"{n}[{i}]" for n, i in parts[:-1])
    kind = kind_at(report.KIND, seg_path)
    name = parts[-1][0]
    element = d.for_field(kind, name)
    if element is not None:
        return element
    for e, p in d.profile_elements(kind):
        if (p.field or e.id) == name:
            return e
    return None
