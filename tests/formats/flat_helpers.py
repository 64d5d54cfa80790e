"""Helpers for the flat-file tests: sample reports as lines, and an independent field reader."""

from __future__ import annotations

import dataclasses

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import dictionary
from desktop.nibrs.flatfile import read_flat_text, segment_lines
from desktop.nibrs.values import FlatValueError, from_flat


def lines_of(report, action: str = "I", year: int = 2025, month: int = 3) -> list[str]:
    return segment_lines(m.Submission(report=report, action=action, year=year, month=month))


def text_of(*groups: list[str], newline: str = "\r\n") -> str:
    return "".join(line + newline for group in groups for line in group)


def read(text: str, **kw):
    return read_flat_text(text, name="test.txt", **kw)


def put(line: str, position: int, value: str) -> str:
    """``line`` with ``value`` written at 1-based ``position``."""
    return line[:position - 1] + value + line[position - 1 + len(value):]


def reference_values(kind: str, text: str, invalid: dict | None = None) -> dict:
    """Every stored field of a segment read straight from the dictionary with values.from_flat.

    An independent reading (no generated code, no precomputed layout) for checking the reader.
    Values that cannot be read are None, and their raw text goes into ``invalid`` if given.
    """
    d = dictionary()
    seg = d.segments[kind]
    length = int(text[:4]) if text[:4].isdigit() and int(text[:4]) in seg.lengths else seg.length
    body = text[:length].ljust(seg.length)
    out: dict = {}
    invalid = {} if invalid is None else invalid

    def one(element, name, start):
        raw = body[start:start + element.length]
        try:
            return from_flat(element, raw)
        except FlatValueError:
            invalid[name] = raw.rstrip()
            return None

    for element, p in d.model_elements(kind):
        if p.flat is None:
            continue
        if element.multiple:
            vals = []
            for i in range(element.max):
                v = one(element, f"{p.field}[{i}]", p.flat - 1 + i * element.length)
                if v is not None:
                    vals.append(v)
            out[p.field] = vals
        else:
            out[p.field] = one(element, p.field, p.flat - 1)
    for g in d.groups_of(kind):
        rows = []
        for r in range(g.max):
            base = g.flat_start - 1 + r * g.flat_stride
            chunk = body[base:base + g.flat_stride]
            if not chunk.strip():
                continue
            row = {}
            for element, p in d.model_elements(g.id):
                raw = chunk[p.flat:p.flat + element.length]
                try:
                    row[p.field] = from_flat(element, raw)
                except FlatValueError:
                    row[p.field] = None
            rows.append(row)
        out[g.field] = rows
    return out


def model_values(segment) -> dict:
    out = {}
    for f in dataclasses.fields(segment):
        if f.name in ("extras", "invalid", "source"):
            continue
        v = getattr(segment, f.name)
        if isinstance(v, list) and v and isinstance(v[0], m.Segment):
            v = [model_values(x) for x in v]
        out[f.name] = v
    return out
