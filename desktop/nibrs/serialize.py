"""Reports as plain JSON-ready dictionaries, and back.

Used for revision snapshots, transfer files, the CLI's JSON output and test fixtures.
Dates are ISO strings, drug quantities decimal strings; everything else is as in the model.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import date
from decimal import Decimal
from typing import Any

from desktop.nibrs import model as m

_SKIP = {"invalid", "source"}
_REPORT_CLASSES = {"incident": m.GroupAIncident, "group_b": m.GroupBArrest, "zero_report": m.ZeroReport}


_NAMES: dict[type, tuple[str, ...]] = {}  # a segment class's fields written, worked out once per class


def to_dict(segment: m.Segment) -> dict[str, Any]:
    names = _NAMES.get(type(segment))
    if names is None:
        names = _NAMES[type(segment)] = tuple(f.name for f in dataclasses.fields(segment) if f.name not in _SKIP)
    out: dict[str, Any] = {name: _plain(getattr(segment, name)) for name in names}
    if segment.invalid:
        out["invalid"] = dict(segment.invalid)
    return out


_AS_IS = frozenset({str, int, bool, float, type(None)})  # most values: written as they are


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is list:
        return [v if type(v) in _AS_IS else _plain(v) for v in value]
    if isinstance(value, m.Segment):
        return to_dict(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


@typing.no_type_check
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(m))


def from_dict(cls: type[m.Segment], data: dict[str, Any], dictionary: Any = None) -> m.Segment:
    """A segment from its dict; with a (profile) dictionary, profile values get their types back."""
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name in _SKIP or f.name not in data:
            continue
        values[f.name] = _typed(hints[f.name], data[f.name], dictionary)
    segment = cls(**values)
    if dictionary is not None and segment.extras:
        from desktop.nibrs.values import extras_from_json

        segment.extras = extras_from_json(cls.KIND, segment.extras, dictionary)
    if data.get("invalid"):
        segment.invalid = dict(data["invalid"])
    return segment


def _typed(hint: Any, value: Any, dictionary: Any = None) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is list:
        return [_typed(args[0], v, dictionary) for v in value]
    if origin is dict:
        return dict(value)
    if args and type(None) in args:  # Optional[X]
        inner = [a for a in args if a is not type(None)][0]
        return _typed(inner, value, dictionary)
    if isinstance(hint, type) and issubclass(hint, m.Segment):
        return from_dict(hint, value, dictionary)
    if hint is date:
        return date.fromisoformat(value)
    if hint is Decimal:
        return Decimal(value)
    return value


def report_to_dict(report: m.Report) -> dict[str, Any]:
    return {"kind": report.KIND, **to_dict(report)}


def report_from_dict(data: dict[str, Any], dictionary: Any = None) -> m.Report:
    kind = data.get("kind")
    if kind not in _REPORT_CLASSES:
        raise ValueError(f"unknown report kind {kind!r}")
    return from_dict(_REPORT_CLASSES[kind], {k: v for k, v in data.items() if k != "kind"}, dictionary)


def dumps(report: m.Report) -> str:
    return json.dumps(report_to_dict(report), sort_keys=True, separators=(",", ":"))


def loads(text: str, dictionary: Any = None) -> m.Report:
    return report_from_dict(json.loads(text), dictionary)
