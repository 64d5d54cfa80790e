"""A state's own flat-file layout: the FBI segments, lengthened to hold the profile's elements.

A profile element with ``flat: {position: N}`` and a ``length`` is written at that 1-based
position of its segment's line in the state's layout (the line grows as far as the furthest
such element, and its segment length in positions 1-4 says so). Reading takes the state's
values out of those positions and gives the FBI part to the FBI reader, so every FBI check
still applies. FBI flat files never carry any of this (``flatfile`` writes the FBI layout).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any, Iterator

from desktop.nibrs import flatfile
from desktop.nibrs import model as m
from desktop.nibrs.profiles import Profile
from desktop.nibrs.values import FlatValueError, from_flat, to_flat


class StateFlatError(ValueError):
    pass


def _placed(profile: Profile, kind: str) -> list[tuple[Any, int]]:
    """(element, 0-based start) of the profile's elements with a flat position in a segment kind."""
    out = []
    for e, p in profile.dictionary.profile_elements(kind):
        pos = e.attrs.get("flat_position")
        if pos is not None:
            out.append((e, pos - 1))
    return out


def has_layout(profile: Profile) -> bool:
    return any(e.attrs.get("flat_position") for e in profile.elements)


def _segments_in_line_order(sub: m.Submission) -> list[tuple[str, m.Segment]]:
    r = sub.report
    if isinstance(r, m.GroupAIncident):
        full = [(s.KIND, s) for s in r.segments()]
        if sub.action == "D":
            return full[:1]
        if sub.action == "R":  # a delete, then the whole incident
            return full[:1] + full
        return full
    if sub.action == "R":
        return [(r.KIND, r), (r.KIND, r)]
    return [(r.KIND, r)]


def state_segment_lines(sub: m.Submission, profile: Profile) -> list[str]:
    d = profile.dictionary
    lines = flatfile.segment_lines(sub, d)
    pairs = _segments_in_line_order(sub)
    if len(pairs) != len(lines):  # pragma: no cover - the flat writer's order is the model's
        raise StateFlatError("the flat writer and the state layout disagree on the segments")
    out = []
    for line, (kind, segment) in zip(lines, pairs):
        placed = _placed(profile, kind)
        if not placed or line[5] == "D":
            out.append(line)
            continue
        width = max(len(line), *(start + e.length for e, start in placed))
        chars = list(line.ljust(width))
        for e, start in placed:
            value = segment.extras.get(e.id)
            try:
                text = to_flat(e, value)
            except FlatValueError as exc:
                raise StateFlatError(f"{flatfile._describe(sub)}: {exc}") from None
            chars[start:start + e.length] = text
        chars[0:4] = f"{width:04d}"
        out.append("".join(chars))
    return out


def write_state_flat(submissions, target: str | os.PathLike, profile: Profile, *, newline: str = "\r\n") -> int:
    lines = [line for sub in submissions for line in state_segment_lines(sub, profile)]
    return flatfile.write_lines(lines, target, newline=newline)


def read_state_flat(source: str | os.PathLike | IO[bytes], profile: Profile, *,
                    name: str | None = None) -> Iterator[m.Submission]:
    """Submissions of a file in the state's layout, the state's values in ``extras``."""
    d = profile.dictionary
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<flat file>")
    raw = Path(source).read_bytes() if isinstance(source, (str, os.PathLike)) else source.read()
    fbi_lines: list[str] = []
    values_by_line: dict[int, dict[str, Any]] = {}
    for number, text in enumerate(raw.decode("ascii", "surrogateescape").splitlines(), 1):
        kind_of = d.segment_for_level(text[4:5]) if len(text) > 5 else None
        placed = _placed(profile, kind_of.id) if kind_of is not None else []
        if placed and len(text) > kind_of.length:
            values: dict[str, Any] = {}
            for e, start in placed:
                chunk = text[start:start + e.length]
                if chunk.strip():
                    try:
                        values[e.id] = from_flat(e, chunk)
                    except FlatValueError as exc:
                        raise StateFlatError(f"{name}, line {number}: {e.name}: {exc}") from None
            values_by_line[number] = values
            text = f"{kind_of.length:04d}" + text[4:kind_of.length]
        fbi_lines.append(text)
    data = ("\r\n".join(fbi_lines) + "\r\n").encode("ascii", "surrogateescape")
    for sub in flatfile.read_flat(io.BytesIO(data), name=str(name), dictionary=d):
        for segment in (sub.report.segments() if isinstance(sub.report, m.GroupAIncident) else [sub.report]):
            src = segment.source
            if src is not None and src.line in values_by_line:
                segment.extras.update(values_by_line[src.line])
        yield sub
