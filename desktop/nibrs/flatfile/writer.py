"""Writing NIBRS flat files.

The writer always uses the long segment forms, the month and year of submission in every
header, ASCII and CRLF line ends (as the FBI samples), and refuses a report it cannot write
(:class:`FlatWriteError` names it).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any, Iterable

from desktop.fileio import atomic_path
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.flatfile.layout import FlatField, Layout, layouts
from desktop.nibrs.values import FlatValueError, to_flat

CRLF = "\r\n"


class FlatWriteError(ValueError):
    """A report cannot be written as flat-file segments; the message names the report and why."""


def _describe(sub: m.Submission) -> str:
    return m.describe_report(sub.report)


class _Writer:
    def __init__(self, d: Dictionary):
        self.d = d
        self.L = layouts(d)
        self._headers: dict[tuple, list[str]] = {}  # kind, action, month, year, city -> header

    def header(self, sub: m.Submission, layout: Layout, action: str, report: m.Segment,
               cache: dict[str, list[str]]) -> list[str]:
        """A blank segment with its header filled in (the same for every segment of a kind in a report)."""
        found = cache.get(layout.kind)
        if found is not None:
            return found.copy()
        if sub.month is None or sub.year is None:
            raise FlatWriteError(f"{_describe(sub)}: the month and year of submission are missing")
        stamp = (layout.kind, action, sub.month, sub.year, sub.city_indicator)
        base = self._headers.get(stamp)
        if base is None:
            h = self.L.header
            e = h.elements
            base = [" "] * layout.length
            try:
                pieces = (
                    (h.rdw, to_flat(e["segment_length"], layout.length)),
                    (h.level, layout.level),
                    (h.action, action),
                    (h.month, to_flat(e["submission_month"], sub.month)),
                    (h.year, to_flat(e["submission_year"], sub.year)),
                    (h.city, to_flat(e["city_indicator"], sub.city_indicator or "")),
                )
            except (FlatValueError, TypeError, ValueError) as exc:
                raise FlatWriteError(f"{_describe(sub)}: {exc}") from None
            for where, text in pieces:
                base[where] = text
            if len(self._headers) > 256:
                self._headers.clear()
            self._headers[stamp] = base
        buf = base.copy()
        if layout.kind != layout.report_kind:  # levels 2-6 repeat the incident's ORI and number
            for f in layout.key_fields:
                buf[f.start:f.start + f.width] = self.value(sub, f, getattr(report, f.name), report.invalid, f.name)
        cache[layout.kind] = buf
        return buf.copy()

    def value(self, sub: m.Submission, f: FlatField, value: Any, invalid: dict[str, str], key: str) -> str:
        if value is None and key in invalid:  # a value read from a file that could not be understood
            raw = invalid[key]
            if len(raw) > f.width:
                raise FlatWriteError(f"{_describe(sub)}: {f.element.name} holds {raw!r}, which could not be read "
                                     f"and does not fit in {f.width} characters")
            return raw.ljust(f.width)
        try:
            return to_flat(f.element, value)
        except (FlatValueError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, FlatValueError):
                reason = str(exc)
            else:
                reason = f"{f.element.name}: {value!r} cannot be written as {f.element.type}"
            raise FlatWriteError(f"{_describe(sub)}: {reason}") from None

    def fill(self, sub: m.Submission, buf: list[str], fields: Iterable[FlatField], seg: m.Segment, base: int,
             slots: dict[str, tuple[int, ...]] | None) -> None:
        for f in fields:
            value = getattr(seg, f.name)
            if f.slots == 1:
                if value is None and f.name not in seg.invalid:
                    continue  # the segment starts blank
                buf[base + f.start:base + f.start + f.width] = self.value(sub, f, value, seg.invalid, f.name)
                continue
            if not value:
                continue
            values = list(value)
            if len(values) > f.slots:
                raise FlatWriteError(f"{_describe(sub)}: {f.element.name} takes at most {f.slots} values; "
                                     f"{len(values)} were given")
            for i, slot in zip(range(len(values)), _positions(slots, f.name, len(values), f.slots)):
                at = base + f.start + slot * f.width
                buf[at:at + f.width] = self.value(sub, f, values[i], seg.invalid, f"{f.name}[{i}]")

    def segment(self, sub: m.Submission, layout: Layout, seg: m.Segment, action: str, report: m.Segment,
                cache: dict[str, list[str]]) -> str:
        buf = self.header(sub, layout, action, report, cache)
        slots = seg.source.slots if seg.source is not None else None
        self.fill(sub, buf, layout.fields, seg, 0, slots)
        for g in layout.groups:
            rows = getattr(seg, g.field)
            if len(rows) > g.rows:
                raise FlatWriteError(f"{_describe(sub)}: a {layout.cls.__name__} segment holds at most {g.rows} "
                                     f"{g.field}; {len(rows)} were given")
            for row, slot in zip(rows, _positions(slots, g.field, len(rows), g.rows)):
                self.fill(sub, buf, g.members, row, g.start + slot * g.stride, None)
        for u in layout.unstored:
            width = u.end - u.start
            text = seg.invalid.get(u.element.id, "0" * width if u.identifier else "")
            if len(text) > width:
                raise FlatWriteError(f"{_describe(sub)}: {u.element.name} holds {text!r}, longer than {width}")
            buf[u.start:u.end] = text.ljust(width)
        line = "".join(buf)
        if len(line) != layout.length or not line.isascii() or not line.isprintable():
            bad = next((c for c in line if not (c.isascii() and c.isprintable())), None)
            raise FlatWriteError(f"{_describe(sub)}: the {layout.cls.__name__} segment holds {bad!r}; a flat file "
                                 "takes plain ASCII letters, digits and punctuation only")
        return line

    def lines(self, sub: m.Submission) -> list[str]:
        r = sub.report
        by_kind = self.L.by_kind
        action = sub.action
        out: list[str] = []
        if action == "R":  # NIBRS XML's replace is a delete followed by the report in a flat file
            delete = m.Submission(report=r, action="D", year=sub.year, month=sub.month,
                                  city_indicator=sub.city_indicator)
            add = m.Submission(report=r, action="I" if isinstance(r, m.GroupAIncident) else "A",
                               year=sub.year, month=sub.month, city_indicator=sub.city_indicator)
            return self.lines(delete) + self.lines(add)
        allowed = self.L.actions.get(by_kind[r.KIND].level, frozenset())
        if action not in allowed:
            raise FlatWriteError(f"{_describe(sub)}: action {action!r} cannot be written for a "
                                 f"{by_kind[r.KIND].cls.__name__}; it takes {', '.join(sorted(allowed))}")
        cache: dict[str, list[str]] = {}
        out.append(self.segment(sub, by_kind[r.KIND], r, action, r, cache))
        if isinstance(r, m.GroupAIncident) and action != "D":
            for child in r.segments():
                if child is r:
                    continue
                out.append(self.segment(sub, by_kind[child.KIND], child, action, r, cache))
        return out


def _positions(slots: dict[str, tuple[int, ...]] | None, name: str, count: int, most: int) -> Iterable[int]:
    """Where ``count`` repeated values go: the slots they were read from, if still valid; else packed."""
    if slots:
        recorded = slots.get(name)
        if recorded is not None and len(recorded) == count and list(recorded) == sorted(set(recorded)) \
                and recorded[-1] < most:
            return recorded
    return range(count)


def _writer(d: Dictionary) -> _Writer:
    return d.cached("flat writer", _Writer, d)


def segment_lines(sub: m.Submission, dictionary: Dictionary | None = None) -> list[str]:
    """The flat-file segments of one submission, long forms, without line ends.

    A Group A incident (action I) gives its level 1 to 6 segments in level order; a delete (D)
    its Administrative segment only (the identifying fields and whatever else the report holds);
    a Group B arrest or zero report one segment. XML's replace (R) becomes a delete followed by
    the report. Raises :class:`FlatWriteError` naming the report when a value does not fit.
    """
    return _writer(dictionary or fbi_dictionary()).lines(sub)


def write_flat(submissions: Iterable[m.Submission], target: str | os.PathLike | IO[str], *,
               newline: str = CRLF, dictionary: Dictionary | None = None) -> int:
    """Write submissions as a flat file; returns the number of segments written.

    ``target`` is a path (written to a temporary file and moved into place, so a failure leaves
    no half-written file) or a text file object. Every segment is checked before any is written
    to a path; a :class:`FlatWriteError` names the first report that cannot be written.
    """
    d = dictionary or fbi_dictionary()
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as tmp:
            with open(tmp, "w", encoding="ascii", newline="") as fh:
                return _write_all(submissions, fh, newline, d)
    return _write_all(submissions, target, newline, d)


def write_lines(lines: Iterable[str], path: str | os.PathLike, *, newline: str = CRLF) -> int:
    """Write segments made by :func:`segment_lines` as a flat file (atomically); returns their number."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    count = 0
    try:
        with open(tmp, "w", encoding="ascii", newline="") as fh:
            for line in lines:
                fh.write(line + newline)
                count += 1
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return count


def _write_all(submissions: Iterable[m.Submission], fh: IO[str], newline: str, d: Dictionary) -> int:
    count = 0
    for sub in submissions:
        lines = segment_lines(sub, d)
        fh.write(newline.join(lines) + newline)
        count += len(lines)
    return count


def dumps(submissions: Iterable[m.Submission], *, newline: str = CRLF) -> str:
    """A flat file as text."""
    buf = io.StringIO()
    _write_all(submissions, buf, newline, fbi_dictionary())
    return buf.getvalue()
