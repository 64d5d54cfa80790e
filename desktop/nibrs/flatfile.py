"""The NIBRS flat file (FBI Technical Specification 2019.1): a streaming reader and a writer.

A flat file holds one segment per line: levels 0 (zero report), 1-6 (a Group A incident:
administrative, offense, property, victim, offender, arrestee) and 7 (Group B arrest). Every
position, length and code comes from the data dictionary; this module only knows how the
pieces are laid side by side, and precomputes that once per segment level.

Reading (:class:`FlatFileReader`, :func:`read_flat`) is a generator of
:class:`~desktop.nibrs.model.Submission` objects and is lenient the way real files need:
short and long segment forms mixed in one file, trailing blanks trimmed, blank lines, CRLF or
LF. Values it cannot read go into the segment's ``invalid`` map (unknown codes stay in their
field for the validator). Structure problems become :class:`~desktop.nibrs.findings.Finding`
objects with the FBI's error numbers (see :data:`READER_ERRORS`). Input that is not a flat file
at all - binary bytes, a line cut off in the middle of a field - raises :class:`FlatFileError`
naming the file and line.

Writing (:func:`segment_lines`, :func:`write_flat`) always uses the long segment forms, the
month and year of submission in every header, ASCII and CRLF line ends (as the FBI samples).
"""

from __future__ import annotations

import dataclasses
import io
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator

from desktop.fileio import atomic_path
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import DataElement, Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import ERROR, Finding
from desktop.nibrs.values import FlatValueError, from_flat, to_flat

# FBI error numbers this reader raises (Technical Specification 2019.1, section 5.2). The rules
# catalogue lists them as "checked when reading a file".
#   001 / x01   segment length, action type or month/year of submission missing or not valid
#               (zero report / levels 1-7; Table 3-1 to 3-5 name x01 for the header elements)
#   050 051 055 058 059 060   structure checks (5.2.1)
#   090 091 092 094           zero report month, year, incident number, month after submission
#   178 284 484 584           conflicting segment length of levels 1, 2, 4, 5
READER_ERRORS: frozenset[str] = frozenset({
    "001", "050", "051", "055", "058", "059", "060", "090", "091", "092", "094",
    "101", "178", "201", "284", "301", "401", "484", "501", "584", "601", "701",
})

# The segment levels whose wrong length has an error number of its own (Table 3-2).
_LENGTH_ERRORS = {"1": "178", "2": "284", "4": "484", "5": "584"}

_BOM_TEXT = "\udcef\udcbb\udcbf"  # a UTF-8 byte-order mark, as the ASCII decoder keeps it
CRLF = "\r\n"


class FlatFileError(ValueError):
    """The input cannot be read as a NIBRS flat file; the message names the file and line."""

    def __init__(self, message: str, path: str = "", line: int = 0):
        super().__init__(message)
        self.path = path
        self.line = line


class FlatWriteError(ValueError):
    """A report cannot be written as flat-file segments; the message names the report and why."""


# ============================================================================ layouts
_NUMERIC_TYPES = frozenset({"integer", "money", "month", "year", "hour", "date", "quantity"})
_TEXT_TYPES = frozenset({"ori", "identifier", "text", "age"})
_THOUSANDTH = Decimal("0.001")


@dataclass(frozen=True)
class _Field:
    """A stored element of a segment (or group row): where its slots lie."""

    name: str  # model field
    element: DataElement
    start: int  # 0-based offset of the first slot (in the segment, or in the group row)
    width: int  # characters per slot
    slots: int  # 1, or the element's max for a multi-valued element

    @property
    def end(self) -> int:
        return self.start + self.width * self.slots


@dataclass(frozen=True)
class _Group:
    """A repeating group inside a segment (property descriptions, drugs, offender relationships)."""

    field: str
    kind: str
    cls: type[m.Segment]
    start: int
    stride: int
    rows: int
    members: tuple[_Field, ...]


@dataclass(frozen=True)
class _Unstored:
    """A position range the model does not keep (deprecated window fields, the zero report's zeros)."""

    element: DataElement
    start: int
    end: int
    identifier: bool = False  # the segment's fixed identifier (a zero report's twelve zeros)


@dataclass
class _Layout:
    kind: str
    level: str
    cls: type[m.Segment]
    length: int  # the long form
    lengths: frozenset[int]  # every length the reader accepts
    report_kind: str
    fields: tuple[_Field, ...]
    groups: tuple[_Group, ...]
    unstored: tuple[_Unstored, ...]
    key_fields: tuple[_Field, ...]  # ORI and identifier as the report kind reads them (levels 2-6)
    cut_inside: frozenset[int] = frozenset()  # line lengths that end inside a number or date
    parse: Callable[[str, m.SourceRef], m.Segment] = field(default=None, repr=False)  # type: ignore[assignment]
    child_list: str = ""  # the report's list this kind is appended to (levels 2-6)


@dataclass(frozen=True)
class _Header:
    rdw: slice
    level: slice
    action: slice
    month: slice
    year: slice
    city: slice
    ori: slice
    ident: slice
    key: slice  # ORI and identifier together: a change starts a new report
    stamp: slice  # length, level, action, month and year: lines alike here share their header checks
    rigid: tuple[tuple[int, int], ...]  # numeric header fields and the ORI (0-based start, end)
    elements: dict[str, DataElement]


class _Layouts:
    """Every segment level's layout and parser, computed once per dictionary from its flat positions."""

    def __init__(self, d: Dictionary):
        self.d = d
        header = {e.id: (e, p) for e, p in d.in_segment("header") if p.flat is not None}

        def sl(element_id: str) -> slice:
            e, p = header[element_id]
            return slice(p.flat - 1, p.flat - 1 + e.length)

        ori = d.element("1")
        ident = d.element(d.segments["incident"].identifier)
        ori_p, ident_p = ori.placement("incident"), ident.placement("incident")
        ori_sl = slice(ori_p.flat - 1, ori_p.flat - 1 + ori.length)
        ident_sl = slice(ident_p.flat - 1, ident_p.flat - 1 + ident.length)
        rigid = tuple((sl(i).start, sl(i).stop) for i in header if header[i][0].type in _NUMERIC_TYPES)
        stamp_end = max(sl(i).stop for i in ("segment_length", "segment_level", "action_type",
                                             "submission_month", "submission_year"))
        self.header = _Header(
            rdw=sl("segment_length"), level=sl("segment_level"), action=sl("action_type"),
            month=sl("submission_month"), year=sl("submission_year"), city=sl("city_indicator"),
            ori=ori_sl, ident=ident_sl, key=slice(ori_sl.start, ident_sl.stop), stamp=slice(0, stamp_end),
            rigid=rigid + ((ori_sl.start, ori_sl.stop),), elements={i: header[i][0] for i in header},
        )
        self.by_level: dict[str, _Layout] = {}
        self.by_kind: dict[str, _Layout] = {}
        for kind, seg in d.segments.items():
            layout = self._layout(kind, self._report_kind(kind))
            self.by_level[seg.level] = layout
            self.by_kind[kind] = layout
        # the action types each level takes, from the action type code list
        actions: dict[str, set[str]] = {}
        for code in d.code_list("action_type"):
            for level in code.get("flat_levels", ()):
                actions.setdefault(str(level), set()).add(code.code)
        self.actions = {k: frozenset(v) for k, v in actions.items()}

    def _report_kind(self, kind: str) -> str:
        record = self.d.segments[kind].record
        for other, seg in self.d.segments.items():
            if seg.record == record and other not in m.CHILD_FIELDS:
                return other
        raise ValueError(f"segment kind {kind!r} belongs to no report kind")  # pragma: no cover

    @staticmethod
    def _field(element: DataElement, name: str, start: int) -> _Field:
        return _Field(name, element, start, element.length, element.max if element.multiple else 1)

    def _layout(self, kind: str, report_kind: str) -> _Layout:
        d = self.d
        seg = d.segments[kind]
        fields, unstored = [], []
        for element, p in d.in_segment(kind):
            if p.flat is None or p.profile is not None:
                continue
            if p.field:
                fields.append(self._field(element, p.field, p.flat - 1))
            else:
                unstored.append(_Unstored(element, p.flat - 1, p.flat - 1 + element.length * element.max,
                                          identifier=element.id == seg.identifier))
        groups = []
        for g in d.groups_of(kind):
            members = tuple(self._field(e, p.field, p.flat) for e, p in d.model_elements(g.id) if p.flat is not None)
            groups.append(_Group(g.field, g.id, m.SEGMENT_CLASSES[g.id], g.flat_start - 1, g.flat_stride, g.max,
                                 members))
        key_fields: tuple[_Field, ...] = ()
        child_list = ""
        if kind != report_kind:
            report_ident = d.segments[report_kind].identifier
            key_fields = tuple(self._field(e, p.field, p.flat - 1) for e, p in d.model_elements(report_kind)
                               if e.id in ("1", report_ident) and p.flat is not None)
            child_list = m.CHILD_FIELDS[kind][1]
        layout = _Layout(
            kind=kind, level=seg.level, cls=m.SEGMENT_CLASSES[kind], length=seg.length,
            lengths=frozenset(seg.lengths), report_kind=report_kind,
            fields=tuple(sorted(fields, key=lambda f: f.start)), groups=tuple(groups),
            unstored=tuple(unstored), key_fields=key_fields, child_list=child_list,
        )
        layout.cut_inside = self._cuts(layout)
        layout.parse = _compile_parser(layout)
        return layout

    def _cuts(self, layout: _Layout) -> frozenset[int]:
        """Line lengths that stop strictly inside a number, a date or the ORI.

        Trimming trailing blanks can shorten a line only to the end of its last non-blank
        field; numbers and dates are zero-filled and never end in a blank, and an ORI has nine
        characters, so a line that stops inside one of them was cut off.
        """
        spans = list(self.header.rigid)
        for f in layout.fields:
            if f.element.type in _NUMERIC_TYPES:
                spans += [(f.start + i * f.width, f.start + (i + 1) * f.width) for i in range(f.slots)]
        for g in layout.groups:
            for r in range(g.rows):
                base = g.start + r * g.stride
                spans += [(base + f.start, base + f.start + f.width) for f in g.members
                          if f.element.type in _NUMERIC_TYPES]
        cuts: set[int] = set()
        for start, end in spans:
            cuts.update(range(start + 1, end))
        return frozenset(cuts)


_LAYOUTS: dict[int, _Layouts] = {}


def _layouts(d: Dictionary) -> _Layouts:
    found = _LAYOUTS.get(id(d))
    if found is None or found.d is not d:
        found = _LAYOUTS[id(d)] = _Layouts(d)
    return found


# ---------------------------------------------------------------------------- generated parsers
# Values that cannot be read keep their raw text in the segment's ``invalid`` map (helpers below).
def _bad(invalid: dict[str, str], key: str, raw: str) -> None:
    invalid[key] = raw.rstrip()
    return None


def _date(raw: str, invalid: dict[str, str], key: str) -> date | None:
    s = raw.strip()
    if not s:
        return None
    if len(s) == 8 and s.isdigit():
        try:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        except ValueError:
            pass
    return _bad(invalid, key, raw)


def _quantity(raw: str, invalid: dict[str, str], key: str) -> Decimal | None:
    if raw.isdigit():  # numbers are zero left-filled (spec 2019.1 section 4.3; x02 otherwise)
        return (Decimal(int(raw)) / 1000).quantize(_THOUSANDTH)
    if raw.isspace() or not raw:
        return None
    return _bad(invalid, key, raw)


def _slots(span: str, width: int) -> tuple[int, ...]:
    """Slot index of each non-blank slot of a multi-valued field (when there are gaps)."""
    return tuple(i for i in range(len(span) // width) if not span[i * width:(i + 1) * width].isspace())


def _multi(body: str, element: DataElement, start: int, width: int, slots: int, invalid: dict[str, str],
           name: str) -> list[Any]:
    """A multi-valued element of a type with no fast path: through values.from_flat."""
    out: list[Any] = []
    for i in range(start, start + width * slots, width):
        raw = body[i:i + width]
        if raw.isspace():
            continue
        try:
            out.append(from_flat(element, raw))
        except FlatValueError:
            invalid[f"{name}[{len(out)}]"] = raw.rstrip()
            out.append(None)
    return out


def _value_code(f: _Field, var: str, src: str, base: int) -> list[str]:
    """Python statements that read field ``f`` of ``src`` (the segment or a group row) into ``var``.

    The meaning is that of :func:`desktop.nibrs.values.from_flat`; tests/formats checks the two
    agree on every field of the sample files.
    """
    t = f.element.type
    key = repr(f.name)
    if f.slots > 1:
        slots = [f"{src}[{base + f.start + i * f.width}:{base + f.start + (i + 1) * f.width}]"
                 for i in range(f.slots)]
        span = f"{src}[{base + f.start}:{base + f.end}]"
        # values packed from the first slot end by slot len(values); past that there were blank slots between
        gaps = f"if len(w) > len({var}) * {f.width}: gaps[{key}] = _slots({span}, {f.width})"
        if t in ("code",) + tuple(_TEXT_TYPES):
            strip = ".strip()" if t == "code" else ".rstrip()"
            # the usual field holds nothing, or one value in its first slot: read the rest only when there is more
            return [f"w = {span}.rstrip()",
                    f"if not w: {var} = []",
                    f"elif len(w) <= {f.width}: {var} = [w{strip}]",
                    "else:",
                    f"    {var} = list(filter(None, ({', '.join(s + strip for s in slots)},)))",
                    f"    {gaps}"]
        read = [f"{var} = _multi({src}, E[{f.element.id!r}], {base + f.start}, {f.width}, {f.slots}, inv, {key})"]
        return read + [f"w = {span}.rstrip()", gaps]
    raw = f"{src}[{base + f.start}:{base + f.end}]"
    if t == "code":
        return [f"{var} = {raw}.strip() or None"]
    if t in _TEXT_TYPES:
        return [f"{var} = {raw}.rstrip() or None"]
    if t in ("integer", "money", "month", "year", "hour"):  # zero left-filled (section 4.3): " 5" is not read
        return [f"s = {raw}",
                f"{var} = int(s) if s.isdigit() else None if s.isspace() else _bad(inv, {key}, s)"]
    if t == "date":
        return [f"{var} = _date({raw}, inv, {key})"]
    if t == "quantity":
        return [f"{var} = _quantity({raw}, inv, {key})"]
    raise ValueError(f"element {f.element.id}: type {t!r} has no flat-file form")  # pragma: no cover


def _constructor(cls: type, values: dict[str, str]) -> str:
    """An expression building ``cls`` from ``values`` (field -> expression); other fields get their default.

    The instance is made without calling ``__init__`` (the model has no ``__post_init__``):
    this is what makes the reader fast.
    """
    items = []
    for f in dataclasses.fields(cls):
        if f.name in values:
            items.append(f"{f.name!r}: {values[f.name]}")
        elif f.default_factory is list:  # type: ignore[comparison-overlap]
            items.append(f"{f.name!r}: []")
        elif f.default_factory is dict:  # type: ignore[comparison-overlap]
            items.append(f"{f.name!r}: {{}}")
        elif f.default is None:
            items.append(f"{f.name!r}: None")
        else:  # pragma: no cover - the model has no other defaults
            raise ValueError(f"{cls.__name__}.{f.name}: default the flat reader cannot build")
    return "{" + ", ".join(items) + "}"


def _compile_parser(layout: _Layout) -> Callable[[str], m.Segment]:
    """Generate the parse function of one segment level from its layout (once per process)."""
    namespace: dict[str, Any] = {"_bad": _bad, "_date": _date, "_quantity": _quantity, "_multi": _multi,
                                 "_slots": _slots, "new": object.__new__, "E": {}}
    src: list[str] = []

    def body_of(fields: Iterable[_Field], source: str, indent: str) -> tuple[list[str], dict[str, str]]:
        code, values = [], {}
        for i, f in enumerate(fields):
            if not f.name.isidentifier():  # pragma: no cover - field names come from the model
                raise ValueError(f"field name {f.name!r}")
            namespace["E"][f.element.id] = f.element
            var = f"v_{f.name}"
            code += [indent + line for line in _value_code(f, var, source, 0)]
            values[f.name] = var
        return code, values

    for g in layout.groups:
        code, values = body_of(g.members, "chunk", "    ")
        namespace[f"cls_{g.field}"] = g.cls
        src += [f"def row_{g.field}(chunk):", "    inv = {}", "    gaps = {}", *code,
                "    values = " + _constructor(g.cls, {**values, "invalid": "inv"}),
                f"    seg = new(cls_{g.field})", "    seg.__dict__ = values", "    return seg", ""]
    code, values = body_of(layout.fields, "body", "    ")
    src += ["def parse(body, source):", "    inv = {}", "    gaps = {}", *code]
    for g in layout.groups:
        rows = f"v_{g.field}"
        stop = g.start + g.stride * g.rows
        # rows after the last non-blank character are blank: not sliced one by one
        src += [f"    {rows} = []",
                f"    for i, r in enumerate(range({g.start}, {g.start} + len(body[{g.start}:{stop}].rstrip()), "
                f"{g.stride})):",
                f"        chunk = body[r:r + {g.stride}]",
                "        if not chunk.isspace():",
                f"            if i != len({rows}): gaps[{g.field!r}] = _slots(body[{g.start}:{g.start + g.stride * g.rows}], {g.stride})",
                f"            {rows}.append(row_{g.field}(chunk))"]
        values[g.field] = rows
    for u in layout.unstored:  # deprecated window fields must be blank: keep anything found there
        if not u.identifier:
            src += [f"    w = body[{u.start}:{u.end}]",
                    f"    if not w.isspace(): inv[{u.element.id!r}] = w.rstrip()"]
    namespace["cls"] = layout.cls
    src += ["    if gaps: source.slots = gaps",
            "    values = " + _constructor(layout.cls, {**values, "invalid": "inv", "source": "source"}),
            "    seg = new(cls)", "    seg.__dict__ = values", "    return seg"]
    exec(compile("\n".join(src), f"<flat parser for level {layout.level}>", "exec"), namespace)
    return namespace["parse"]


# ============================================================================ reading
@dataclass
class _Building:
    """The report being assembled from consecutive lines."""

    submission: m.Submission
    key: str
    level: str  # the highest segment level added so far (for 050)
    takes_children: bool  # a Group A incident that levels 2-6 with the same identifier belong to
    flagged: set[str] = field(default_factory=set)  # file-wide checks already reported on this report


class FlatFileReader:
    """Read a NIBRS flat file as a stream of :class:`~desktop.nibrs.model.Submission` objects.

    ``source`` is a path or a binary file object (``name`` then names it in messages).
    ``today`` dates the 060 check (a month of submission in the future); ``federal`` turns off
    059 (every segment from one state), which does not apply to federal agencies.

    Iterate to read; memory does not grow with the file. Findings that belong to no report
    (a line of unknown level between reports) are collected in :attr:`findings`; the counters
    :attr:`lines`, :attr:`records` and :attr:`segments` are final once iteration ends.
    """

    def __init__(self, source: str | os.PathLike | IO[bytes], *, name: str | None = None,
                 today: date | None = None, federal: bool = False, dictionary: Dictionary | None = None):
        self.source = source
        if name is None:
            name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "")
        self.name = str(name or "<flat file>")
        self.today = today or date.today()
        self.federal = federal
        self.d = dictionary or fbi_dictionary()
        self.findings: list[Finding] = []
        self.lines = 0
        self.records = 0
        self.segments = 0

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def _open(self) -> Iterator[IO[str]]:
        """The input as text lines: ASCII, with undecodable bytes kept (as surrogates) to be named."""
        if isinstance(self.source, (str, os.PathLike)):
            try:
                raw = open(self.source, "rb")
            except OSError as exc:
                raise FlatFileError(f"{self.name}: cannot be opened: {exc.strerror or exc}", self.name) from None
            owned = True
        else:
            raw, owned = self.source, False
        text = io.TextIOWrapper(raw, encoding="ascii", errors="surrogateescape", newline=None)  # type: ignore[arg-type]
        try:
            yield text
        finally:
            if owned:
                text.close()
            else:
                text.detach()

    def _error(self, line: int, why: str) -> FlatFileError:
        return FlatFileError(f"{self.name}, line {line}: {why}", self.name, line)

    def __iter__(self) -> Iterator[m.Submission]:
        return self._read()

    # ------------------------------------------------------------------ the loop
    def _read(self) -> Iterator[m.Submission]:
        L = _layouts(self.d)
        h = L.header
        by_level = L.by_level
        ori_end, key_sl, stamp_sl, level_sl, state_sl = h.ori.stop, h.key, h.stamp, h.level, \
            slice(h.ori.start, h.ori.start + 2)
        clean: dict[str, tuple[_Layout, int]] = {}  # header stamps that passed every header check
        building: _Building | None = None
        first: tuple[str, str, str] | None = None  # month, year and state of the first segment
        line_no = records = segments = 0
        name = self.name
        SourceRef = m.SourceRef
        with self._open() as fh:
            try:
                for text in fh:
                    line_no += 1
                    text = text.rstrip("\n")
                    if not text.isprintable():
                        text = self._tolerated(text, line_no)
                    if not text or text.isspace():
                        continue  # a blank line: skipped, and not counted as a record
                    records += 1
                    n = len(text)
                    if n < ori_end:
                        raise self._error(line_no, f"the line has only {n} characters and ends before the end of "
                                                   f"the ORI (position {ori_end}); it is cut off")
                    src = SourceRef(name, line_no, records, text)
                    key = text[key_sl]
                    stamp = text[stamp_sl]
                    known = clean.get(stamp)
                    problems: list[tuple[str, str, str, str, str]] = []
                    if known is not None:
                        layout, declared = known
                        if n > declared and not text[declared:].isspace():
                            problems = self._extra_text(text, declared, layout, src)
                    else:
                        layout = by_level.get(text[level_sl])  # type: ignore[assignment]
                        if layout is None:
                            f = self._unknown_level(text, text[level_sl], src)
                            if building is not None and building.key == key:
                                building.submission.findings.append(f)
                            else:
                                self.findings.append(f)
                            continue
                        if first is None:
                            first = (text[h.month], text[h.year], text[state_sl])
                        declared, problems = self._length(text, layout, src)
                        header_problems = self._header(text, layout, src, L)
                        if not problems and not header_problems and (text[h.month], text[h.year]) == first[:2] \
                                and not self._future(text[h.month], text[h.year]):
                            clean[stamp] = (layout, declared)
                        problems += header_problems
                    if n < declared and n in layout.cut_inside:
                        raise self._error(line_no, f"the line ends at position {n}, inside a number or date of "
                                                   f"the {layout.cls.__name__} segment (its length field says "
                                                   f"{declared:04d}); it is cut off")
                    body = text[:declared]
                    if len(body) < layout.length:
                        body = body.ljust(layout.length)
                    segment = layout.parse(body, src)
                    segments += 1
                    child = layout.child_list
                    if not child or building is None or building.key != key or not building.takes_children:
                        if building is not None:
                            yield building.submission
                        building = self._start(layout, segment, body, text, key, src, h)
                    if child:
                        getattr(building.submission.report, child).append(segment)
                        if layout.level < building.level:
                            problems.append(self._order(layout, building, src))
                        else:
                            building.level = layout.level
                    if problems or known is None or text[state_sl] != first[2]:  # type: ignore[index]
                        self._report(building, layout, segment, text, problems, first, h)  # type: ignore[arg-type]
            except OSError as exc:
                raise self._error(line_no, f"the file could not be read: {exc.strerror or exc}") from None
            finally:
                self.lines, self.records, self.segments = line_no, records, segments
        if building is not None:
            yield building.submission

    def _tolerated(self, text: str, line_no: int) -> str:
        """A line with characters outside printable ASCII: a BOM or DOS end-of-file mark is dropped, else an error."""
        if line_no == 1 and text.startswith(_BOM_TEXT):
            text = text[len(_BOM_TEXT):]
        text = text.rstrip("\r\x1a")
        if text.isprintable():
            return text
        bad = next(c for c in text if not c.isprintable())
        pos = text.index(bad) + 1
        code = ord(bad)
        if 0xDC80 <= code <= 0xDCFF:
            what = f"the byte 0x{code - 0xDC00:02X}, which is not ASCII"
        elif code == 0:
            what = "a NUL byte"
        else:
            what = f"the control character 0x{code:02X}"
        raise self._error(line_no, f"position {pos} holds {what}; a NIBRS flat file is plain ASCII text "
                                   "(this looks like a binary or differently encoded file)")

    # ------------------------------------------------------------------ reports
    def _start(self, layout: _Layout, segment: m.Segment, body: str, text: str, key: str,
               src: m.SourceRef, h: _Header) -> _Building:
        month, year, city = text[h.month], text[h.year], text[h.city].rstrip()
        if not layout.child_list:
            report = segment
        else:  # a Group A segment without its Administrative segment first (055)
            report = m.GroupAIncident()
            for f in layout.key_fields:
                raw = body[f.start:f.end]
                if not raw.isspace():
                    try:
                        setattr(report, f.name, from_flat(f.element, raw))
                    except FlatValueError:
                        report.invalid[f.name] = raw.rstrip()
            report.source = src
        action = text[h.action]
        sub = m.Submission(
            report=report,  # type: ignore[arg-type]
            action=action,
            year=int(year) if year.isdigit() else None,
            month=int(month) if month.isdigit() and 1 <= int(month) <= 12 else None,
            city_indicator=city or None,
            source=src,
        )
        takes_children = bool(layout.child_list) or (layout.kind == "incident" and action != "D")
        b = _Building(sub, key, layout.level, takes_children)
        if layout.child_list:
            sub.findings.append(self._finding(
                "055", f"Line {src.line} begins incident {report.incident_number or key.strip()!r} with "  # type: ignore[union-attr]
                f"{_a(layout)} segment (level {layout.level}); a Group A incident must begin with its "
                "Administrative segment (level 1) with action I.",
                "Put the incident's Administrative segment (level 1, action I) before its other segments.",
                sub, layout, segment, "", element="segment_level", value=layout.level))
        if layout.kind == "zero_report":
            self._check_zero(sub, layout, segment, body)
        return b

    def _order(self, layout: _Layout, b: _Building, src: m.SourceRef) -> tuple[str, str, str, str, str]:
        return ("050", "segment_level",
                f"Line {src.line}: {_a(layout)} segment (level {layout.level}) comes after a level {b.level} "
                "segment; the segments of an incident must be in level order 1, 2, 3, 4, 5, 6.",
                "Write the incident's segments in level order.", layout.level)

    def _report(self, b: _Building, layout: _Layout, segment: m.Segment, text: str,
                problems: list[tuple[str, str, str, str, str]], first: tuple[str, str, str], h: _Header) -> None:
        """Attach a line's problems, and the file-wide checks 058-060 (once per report), to its report."""
        sub = b.submission
        path = ""
        if layout.child_list:
            path = f"{layout.child_list}[{len(getattr(sub.report, layout.child_list)) - 1}]"  # the line just read
        for number, element, message, fix, value in problems:
            sub.findings.append(self._finding(number, message, fix, sub, layout, segment, path,
                                              element=element, value=value))
        line = segment.source.line if segment.source else 0
        month, year, state = text[h.month], text[h.year], text[h.ori][:2]
        if (month, year) != first[:2] and "058" not in b.flagged:
            b.flagged.add("058")
            sub.findings.append(self._finding(
                "058", f"Line {line}: month/year of submission {month}/{year} differs from the file's first "
                f"segment ({first[0]}/{first[1]}); every segment of a submission must carry the same one.",
                "Give every segment the same month and year of submission.", sub, layout, segment, path,
                element="submission_month", value=month + year))
        if not self.federal and state != first[2] and "059" not in b.flagged:
            b.flagged.add("059")
            sub.findings.append(self._finding(
                "059", f"Line {line}: the ORI starts with {state!r} but the file's first segment is from "
                f"{first[2]!r}; a submission holds one state's data.",
                "Send each state's reports in a file of their own.", sub, layout, segment, path,
                element="1", value=state))
        if self._future(month, year) and "060" not in b.flagged:
            b.flagged.add("060")
            sub.findings.append(self._finding(
                "060", f"Line {line}: month/year of submission {month}/{year} is in the future.",
                "Use the month the submission is created.", sub, layout, segment, path,
                element="submission_month", value=month + year))

    # ------------------------------------------------------------------ checks
    def _future(self, month: str, year: str) -> bool:
        return month.isdigit() and year.isdigit() and 1 <= int(month) <= 12 and \
            (int(year), int(month)) > (self.today.year, self.today.month)

    def _length(self, text: str, layout: _Layout, src: m.SourceRef) -> tuple[int, list]:
        """The length to read the line with, and the problems with its length field."""
        h = _layouts(self.d).header
        rdw = text[h.rdw]
        number = _LENGTH_ERRORS.get(layout.level, f"{layout.level}01")
        accepted = " or ".join(f"{x:04d}" for x in sorted(layout.lengths))
        name = layout.cls.__name__
        if not rdw.isdigit() or int(rdw) not in layout.lengths:
            what = f"reads {rdw!r}, not a number" if not rdw.isdigit() else f"is {rdw}"
            return layout.length, [(
                number, "segment_length",
                f"Line {src.line}: the segment length (positions 1-4) of {_a(layout)} segment (level {layout.level}) "
                f"{what}; it must be {accepted}.",
                f"Write the {name} segment in its {layout.length:04d}-character form with {layout.length:04d} in "
                "positions 1-4.", rdw)]
        declared = int(rdw)
        if len(text) > declared and not text[declared:].isspace():
            return declared, self._extra_text(text, declared, layout, src)
        return declared, []

    @staticmethod
    def _extra_text(text: str, declared: int, layout: _Layout, src: m.SourceRef) -> list:
        number = _LENGTH_ERRORS.get(layout.level, f"{layout.level}01")
        return [(number, "segment_length",
                 f"Line {src.line} has {len(text)} characters but its length field says {declared:04d}; the "
                 f"characters after position {declared} were not read.",
                 "Make the length field match the segment, or remove the extra characters.",
                 text[declared:declared + 12])]

    def _header(self, text: str, layout: _Layout, src: m.SourceRef, L: _Layouts) -> list:
        h = L.header
        x01 = f"{layout.level}01"
        out = []
        action = text[h.action]
        allowed = L.actions.get(layout.level, frozenset())
        if action not in allowed:
            out.append((x01, "action_type",
                        f"Line {src.line}: segment action type {action!r} is not valid for {_a(layout)} segment "
                        f"(level {layout.level}); it takes {' or '.join(sorted(allowed))}.",
                        "Correct the segment action type in position 6.", action))
        month, year = text[h.month], text[h.year]
        if not (month.isdigit() and 1 <= int(month) <= 12):
            out.append((x01, "submission_month",
                        f"Line {src.line}: the month of submission (positions 7-8) reads {month!r}; it must be "
                        "01 to 12.", "Put the month of submission in positions 7-8.", month))
        if not year.isdigit():
            out.append((x01, "submission_year",
                        f"Line {src.line}: the year of submission (positions 9-12) reads {year!r}; it must be "
                        "four digits.", "Put the year of submission in positions 9-12.", year))
        return out

    def _check_zero(self, sub: m.Submission, layout: _Layout, zero: m.Segment, body: str) -> None:
        line = zero.source.line if zero.source else 0
        for u in layout.unstored:
            raw = body[u.start:u.end]
            if u.identifier and raw != "0" * (u.end - u.start):
                zero.invalid[u.element.id] = raw.rstrip()
                sub.findings.append(self._finding(
                    "092", f"Line {line}: a zero report's incident number (positions {u.start + 1}-{u.end}) must be "
                    f"twelve zeros; it reads {raw!r}.", f"Put twelve zeros in positions {u.start + 1}-{u.end}.", sub,
                    layout, zero, "", element=u.element.id, value=raw))
        month, year = getattr(zero, "month", None), getattr(zero, "year", None)
        if not (isinstance(month, int) and 1 <= month <= 12):
            raw = zero.invalid.get("month", "" if month is None else f"{month:02d}")
            sub.findings.append(self._finding(
                "090", f"Line {line}: the zero report month (positions 38-39) reads {raw!r}; it must be 01 to 12.",
                "Put the month with no incidents and no arrests in positions 38-39.", sub, layout, zero, "month",
                element="zero_month", value=raw))
        if not (isinstance(year, int) and 1000 <= year <= 9999):
            raw = zero.invalid.get("year", "" if year is None else str(year))
            sub.findings.append(self._finding(
                "091", f"Line {line}: the zero report year (positions 40-43) reads {raw!r}; it must be four digits.",
                "Put the year in positions 40-43.", sub, layout, zero, "year", element="zero_year", value=raw))
        if isinstance(month, int) and 1 <= month <= 12 and isinstance(year, int) and sub.year and sub.month and \
                (year, month) > (sub.year, sub.month):
            sub.findings.append(self._finding(
                "094", f"Line {line}: the zero report is for {month:02d}/{year}, later than the month of submission "
                f"{sub.month:02d}/{sub.year}.", "A zero report can only be sent for a month that has ended.", sub,
                layout, zero, "month", element="zero_month", value=f"{month:02d}{year}"))

    def _unknown_level(self, text: str, level: str, src: m.SourceRef) -> Finding:
        h = _layouts(self.d).header
        return Finding(
            error="051", severity=ERROR,
            message=f"Line {src.line} has segment level {level!r}; NIBRS segment levels are 0 to 7, so the line "
                    "was not read.",
            fix="Correct the segment level in position 5, or remove the line.",
            element="segment_level", value=level, ori=text[h.ori].rstrip(), incident=text[h.ident].rstrip(),
            segment_level=level, record=src.record, file=src.path, action=text[h.action],
            extra={"line": src.line, "text": text},
        )

    def _finding(self, number: str, message: str, fix: str, sub: m.Submission, layout: _Layout,
                 segment: m.Segment, path: str, *, element: str = "", value: str = "") -> Finding:
        report = sub.report
        src = segment.source or sub.source
        if layout.kind == "zero_report":
            ident = "0" * 12
        else:
            ident = getattr(report, "incident_number", None) or getattr(report, "arrest_transaction_number", None)
        offense_code = getattr(segment, "offense_code", None) if layout.kind == "offense" else None
        seq = getattr(segment, "sequence_number", None) \
            if layout.kind in ("victim", "offender", "arrestee", "group_b") else None
        loss = getattr(segment, "loss_type", None) if layout.kind == "property" else None
        return Finding(
            error=number, severity=ERROR, message=message, fix=fix, segment=layout.kind, element=element,
            path=path, value=str(value), ori=getattr(report, "ori", None) or "", incident=ident or "",
            segment_level=layout.level, record=src.record if src else 0, file=src.path if src else self.name,
            action=sub.action, offense_code=offense_code or "",
            sequence=f"{seq:03d}" if isinstance(seq, int) else "", loss_type=loss or "",
            extra={"line": src.line if src else 0},
        )


def _a(layout: _Layout) -> str:
    """'an Administrative' / 'a Victim': the segment's name with its article."""
    name = layout.cls.__name__
    words = {"GroupAIncident": "Administrative", "GroupBArrest": "Group B Arrest", "ZeroReport": "Zero Report"}
    word = words.get(name, name)
    return f"{'an' if word[0] in 'AEIOU' else 'a'} {word}"


def read_flat(source: str | os.PathLike | IO[bytes], **kw: Any) -> Iterator[m.Submission]:
    """The submissions of a flat file, one by one (see :class:`FlatFileReader`)."""
    return iter(FlatFileReader(source, **kw))


def read_flat_text(text: str, name: str = "<text>", **kw: Any) -> list[m.Submission]:
    """Every submission of a flat file given as text (for tests and small inputs)."""
    return list(FlatFileReader(io.BytesIO(text.encode("ascii", "surrogateescape")), name=name, **kw))


# ============================================================================ writing
def _describe(sub: m.Submission) -> str:
    r = sub.report
    if isinstance(r, m.GroupAIncident):
        return f"Group A incident {r.ori or '?'} {r.incident_number or '?'}"
    if isinstance(r, m.GroupBArrest):
        return f"Group B arrest {r.ori or '?'} {r.arrest_transaction_number or '?'}"
    return f"zero report {getattr(r, 'ori', None) or '?'} {getattr(r, 'month', None) or '?'}/{getattr(r, 'year', None) or '?'}"


class _Writer:
    def __init__(self, d: Dictionary):
        self.d = d
        self.L = _layouts(d)
        self._headers: dict[tuple, list[str]] = {}  # kind, action, month, year, city -> header

    def header(self, sub: m.Submission, layout: _Layout, action: str, report: m.Segment,
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

    def value(self, sub: m.Submission, f: _Field, value: Any, invalid: dict[str, str], key: str) -> str:
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

    def fill(self, sub: m.Submission, buf: list[str], fields: Iterable[_Field], seg: m.Segment, base: int,
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

    def segment(self, sub: m.Submission, layout: _Layout, seg: m.Segment, action: str, report: m.Segment,
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


_WRITERS: dict[int, _Writer] = {}


def _writer(d: Dictionary) -> _Writer:
    w = _WRITERS.get(id(d))
    if w is None or w.d is not d:
        w = _WRITERS[id(d)] = _Writer(d)
    return w


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
