"""The guard language: the conditions (``when=``) on which a rule can find anything at all.

See :mod:`desktop.nibrs.rules.engine` for the conditions a guard may state. This module parses
them (:class:`Condition`) and holds the names rules modules declare for them (:func:`code_set`,
:func:`predicate`); :mod:`desktop.nibrs.rules.engine.guardgen` turns a kind's conditions into
the one function that evaluates them all on a segment.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable

from desktop.nibrs import model as m
from desktop.nibrs.rules.engine.context import RULE_SEGMENTS, SEGMENT_LISTS, Context

_KIND_CLASS = {"incident": m.GroupAIncident, "group_b": m.GroupBArrest, "zero_report": m.ZeroReport,
               **{k: m.SEGMENT_CLASSES[k] for k in SEGMENT_LISTS}}
# (parent kind, list field) -> child kind, for "rows.field" conditions
ROWS = {(parent, list_field): child for child, (parent, list_field) in m.CHILD_FIELDS.items()}
_GROUPS_OF = {kind: tuple((lf, child) for (parent, lf), child in ROWS.items() if parent == kind)
              for kind in RULE_SEGMENTS}
# rows that belong to a segment (property items, drugs, relationships), as opposed to a report's segments
OWN_ROWS = {kind: tuple((lf, child) for lf, child in rows if child not in SEGMENT_LISTS)
            for kind, rows in _GROUPS_OF.items()}


PREDICATES: dict[str, tuple[Callable[..., Any], bool]] = {}


CODE_SETS: dict[str, Callable[[Context], frozenset]] = {}


def code_set(name: str) -> Callable:
    """Declare a named set of values for guards ("field=@name"): ``func(ctx) -> frozenset``, made once per plan."""

    def register(func: Callable[[Context], frozenset]) -> Callable[[Context], frozenset]:
        if not name.isidentifier():
            raise ValueError(f"code set name {name!r} must be an identifier")
        CODE_SETS[name] = func
        return func

    return register


def predicate(name: str, *, factory: bool = False) -> Callable:
    """Declare a guard predicate, which rules name as ``when=("@name",)``.

    The predicate is ``func(segment, ctx) -> bool``; or, with ``factory=True``, ``func(ctx)``
    returns the test ``test(segment) -> bool`` for the context's dictionary and spec version,
    made once when the plan is built (for tests generated from the dictionary, e.g. "every code
    is valid").
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if not name.isidentifier():
            raise ValueError(f"predicate name {name!r} must be an identifier")
        PREDICATES[name] = (func, factory)
        return func

    return register


@dataclass(frozen=True)
class Condition:
    """One guard condition, parsed ("rows.field!=A|B" -> rows, field, negate, values)."""

    text: str
    rows: str  # list field of the segment, or ""
    field: str  # field (of the segment, or of each row); "" for "invalid" and "list#n"
    values: frozenset | None = None  # None: "has a value"
    negate: bool = False
    at_least: int = 0  # "list#n"
    many: bool = False  # the field is a list of values (weapons, injuries...)
    absent: bool = False  # "!field"
    value_set: str = ""  # "field=@name": a declared code set
    parts: tuple["Condition", ...] = ()  # "a & b": all of them
    on_report: bool = False  # "^...": a condition on the incident the segment belongs to
    minimum: int | None = None  # "field>=N"

    @classmethod
    def parse(cls, text: str, kind: str) -> "Condition":
        if "&" in text:
            parts = tuple(cls.parse(t.strip(), kind) for t in text.split("&"))
            return cls(text, "", "", parts=parts)
        if text.startswith("^"):
            if kind not in SEGMENT_LISTS:
                raise ValueError(f"guard {text!r}: '^' is for the segments of an incident")
            inner = cls.parse(text[1:], "incident")
            if inner.text == "invalid" or inner.text.startswith("@") or inner.parts:
                raise ValueError(f"guard {text!r}: '^' takes a field or rows condition of the incident")
            return dataclasses.replace(inner, text=text, on_report=True)
        if ">=" in text:
            head, _, n = text.partition(">=")
            rows, dot, field_name = head.rpartition(".")
            target = ROWS.get((kind, rows)) if dot else kind
            fields = {f.name: f for f in dataclasses.fields(_KIND_CLASS.get(target) or m.SEGMENT_CLASSES[target])} \
                if target else {}
            if field_name not in fields or "int" not in str(fields[field_name].type) or not n.isdigit():
                raise ValueError(f"guard {text!r}: '>=' compares a whole-number field with a number")
            return cls(text, rows, field_name, minimum=int(n))
        if text == "invalid":
            return cls(text, "", "")
        if text.startswith("@"):
            if text[1:] not in PREDICATES:
                raise ValueError(f"guard {text!r}: no predicate {text[1:]!r} is declared")
            return cls(text, "", "")
        fields = {f.name: f for f in dataclasses.fields(_KIND_CLASS.get(kind) or m.SEGMENT_CLASSES[kind])}
        if "#" in text:
            name, _, n = text.partition("#")
            if name not in fields or fields[name].default_factory is not list or not n.isdigit():  # type: ignore[comparison-overlap]
                raise ValueError(f"guard {text!r}: not a list of {kind} and a count")
            return cls(text, "", name, at_least=int(n))
        rows_, dot_, rest = text.rpartition(".")
        if rest.startswith("!") and "=" not in rest:  # "!field" or "rows.!field"
            target, own = kind, fields
            if dot_:
                target = ROWS.get((kind, rows_))  # type: ignore[assignment]
                if target is None:
                    raise ValueError(f"guard {text!r}: {rows_!r} is not a list of {kind}")
                own = {f.name: f for f in dataclasses.fields(m.SEGMENT_CLASSES[target])}
            fld = own.get(rest[1:])
            if fld is None:
                raise ValueError(f"guard {text!r}: {target} has no field {rest[1:]!r}")
            return cls(text, rows_, rest[1:], absent=True,
                       many=fld.default_factory is list)  # type: ignore[comparison-overlap]
        negate = "!=" in text
        head, eq, tail = text.partition("!=" if negate else "=")
        rows, dot, field_name = head.rpartition(".")
        target = kind
        if dot:
            target = ROWS.get((kind, rows))
            if target is None:
                raise ValueError(f"guard {text!r}: {rows!r} is not a list of {kind}")
            fields = {f.name: f for f in dataclasses.fields(m.SEGMENT_CLASSES[target])}
        fld = fields.get(field_name)
        if fld is None:
            raise ValueError(f"guard {text!r}: {target} has no field {field_name!r}")
        many = fld.default_factory is list  # type: ignore[comparison-overlap]
        values = None
        if eq and tail.startswith("@"):
            if tail[1:] not in CODE_SETS:
                raise ValueError(f"guard {text!r}: no code set {tail[1:]!r} is declared")
            return cls(text, rows, field_name, frozenset(), negate, many=many, value_set=tail[1:])
        if eq:
            words = tail.split("|")
            if "int" in str(fld.type):
                values = frozenset(int(v) if v else None for v in words)
            else:
                values = frozenset(v or None for v in words) | (frozenset({""}) if "" in words else frozenset())
        return cls(text, rows, field_name, values, negate, many=many)
