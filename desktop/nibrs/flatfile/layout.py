"""Where every value of every flat-file segment lies, worked out once per dictionary.

Every position, length and code comes from the data dictionary; this module only knows how the
pieces are laid side by side (header, fields, repeating groups, unstored ranges) and precomputes
that once per segment level. Each layout carries the parse function generated for it
(:mod:`desktop.nibrs.flatfile.flatgen`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import DataElement, Dictionary


@dataclass(frozen=True)
class FlatField:
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
class FlatGroup:
    """A repeating group inside a segment (property descriptions, drugs, offender relationships)."""

    field: str
    kind: str
    cls: type[m.Segment]
    start: int
    stride: int
    rows: int
    members: tuple[FlatField, ...]


@dataclass(frozen=True)
class Unstored:
    """A position range the model does not keep (deprecated window fields, the zero report's zeros)."""

    element: DataElement
    start: int
    end: int
    identifier: bool = False  # the segment's fixed identifier (a zero report's twelve zeros)


@dataclass
class Layout:
    kind: str
    level: str
    cls: type[m.Segment]
    length: int  # the long form
    lengths: frozenset[int]  # every length the reader accepts
    report_kind: str
    fields: tuple[FlatField, ...]
    groups: tuple[FlatGroup, ...]
    unstored: tuple[Unstored, ...]
    key_fields: tuple[FlatField, ...]  # ORI and identifier as the report kind reads them (levels 2-6)
    cut_inside: frozenset[int] = frozenset()  # line lengths that end inside a number or date
    parse: Callable[[str, m.SourceRef], m.Segment] = field(default=None, repr=False)  # type: ignore[assignment]
    child_list: str = ""  # the report's list this kind is appended to (levels 2-6)
    word: str = ""  # what a person calls the segment ("Victim", "Administrative")


@dataclass(frozen=True)
class Header:
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


class Layouts:
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
        rigid = tuple((sl(i).start, sl(i).stop) for i in header if header[i][0].value_type.zero_filled)
        stamp_end = max(sl(i).stop for i in ("segment_length", "segment_level", "action_type",
                                             "submission_month", "submission_year"))
        self.header = Header(
            rdw=sl("segment_length"), level=sl("segment_level"), action=sl("action_type"),
            month=sl("submission_month"), year=sl("submission_year"), city=sl("city_indicator"),
            ori=ori_sl, ident=ident_sl, key=slice(ori_sl.start, ident_sl.stop), stamp=slice(0, stamp_end),
            rigid=rigid + ((ori_sl.start, ori_sl.stop),), elements={i: header[i][0] for i in header},
        )
        earliest = (d.element("submission_year").attrs.get("dates") or {}).get("earliest")
        self.first_year = getattr(earliest, "year", None) or int(str(earliest or "1")[:4])  # Table 3-5: 1991
        self.by_level: dict[str, Layout] = {}
        self.by_kind: dict[str, Layout] = {}
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
        return self.d.segments[kind].parent or kind

    @staticmethod
    def _field(element: DataElement, name: str, start: int) -> FlatField:
        return FlatField(name, element, start, element.length, element.max if element.multiple else 1)

    def _layout(self, kind: str, report_kind: str) -> Layout:
        d = self.d
        seg = d.segments[kind]
        fields, unstored = [], []
        for element, p in d.in_segment(kind):
            if p.flat is None or p.profile is not None:
                continue
            if p.field:
                fields.append(self._field(element, p.field, p.flat - 1))
            else:
                unstored.append(Unstored(element, p.flat - 1, p.flat - 1 + element.length * element.max,
                                         identifier=element.id == seg.identifier))
        groups = []
        for g in d.groups_of(kind):
            members = tuple(self._field(e, p.field, p.flat) for e, p in d.model_elements(g.id) if p.flat is not None)
            groups.append(FlatGroup(g.field, g.id, m.SEGMENT_CLASSES[g.id], g.flat_start - 1, g.flat_stride, g.max,
                                    members))
        key_fields: tuple[FlatField, ...] = ()
        child_list = ""
        if kind != report_kind:
            report_ident = d.segments[report_kind].identifier
            key_fields = tuple(self._field(e, p.field, p.flat - 1) for e, p in d.model_elements(report_kind)
                               if e.id in ("1", report_ident) and p.flat is not None)
            child_list = seg.list or ""
        layout = Layout(
            kind=kind, level=seg.level, cls=m.SEGMENT_CLASSES[kind], length=seg.length,
            lengths=frozenset(seg.lengths), report_kind=report_kind,
            fields=tuple(sorted(fields, key=lambda f: f.start)), groups=tuple(groups),
            unstored=tuple(unstored), key_fields=key_fields, child_list=child_list, word=seg.word,
        )
        layout.cut_inside = self._cuts(layout)
        from desktop.nibrs.flatfile.flatgen import compile_parser  # generated code: its own module

        layout.parse = compile_parser(layout)
        return layout

    def _cuts(self, layout: Layout) -> frozenset[int]:
        """Line lengths that stop strictly inside a number, a date or the ORI.

        Trimming trailing blanks can shorten a line only to the end of its last non-blank
        field; numbers and dates are zero-filled and never end in a blank, and an ORI has nine
        characters, so a line that stops inside one of them was cut off.
        """
        spans = list(self.header.rigid)
        for f in layout.fields:
            if f.element.value_type.zero_filled:
                spans += [(f.start + i * f.width, f.start + (i + 1) * f.width) for i in range(f.slots)]
        for g in layout.groups:
            for r in range(g.rows):
                base = g.start + r * g.stride
                spans += [(base + f.start, base + f.start + f.width) for f in g.members
                          if f.element.value_type.zero_filled]
        cuts: set[int] = set()
        for start, end in spans:
            cuts.update(range(start + 1, end))
        return frozenset(cuts)


def layouts(d: Dictionary) -> Layouts:
    """Every segment level's layout for a dictionary (made once per dictionary)."""
    return d.cached("flat layouts", Layouts, d)
