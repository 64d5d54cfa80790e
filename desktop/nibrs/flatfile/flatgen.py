"""The flat-file reader's code generator: one parse function per segment level, made from its layout.

A generated parser slices each field of a line straight into a new segment (made without calling
``__init__``); that is what makes the reader fast. The meaning of every field is that of
:func:`desktop.nibrs.values.from_flat`; tests/formats checks the two agree on every field of the
sample files.

``python -m desktop.nibrs.flatfile.flatgen KIND`` prints the code generated for a segment kind
(``victim``) or level (``4``).
"""

from __future__ import annotations

import dataclasses
import sys
from typing import Any, Callable, Iterable

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import DataElement, Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.elementtypes import flat_readers, unreadable_flat
from desktop.nibrs.flatfile.layout import FlatField, Layout, layouts
from desktop.nibrs.values import FlatValueError, from_flat


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


def _value_code(f: FlatField, var: str, src: str, base: int) -> list[str]:
    """Python statements that read field ``f`` of ``src`` (the segment or a group row) into ``var``.

    The meaning is that of :func:`desktop.nibrs.values.from_flat`; tests/formats checks the two
    agree on every field of the sample files. Each element type gives the code for one value.
    """
    t = f.element.value_type
    key = repr(f.name)
    if f.slots > 1:
        slots = [f"{src}[{base + f.start + i * f.width}:{base + f.start + (i + 1) * f.width}]"
                 for i in range(f.slots)]
        span = f"{src}[{base + f.start}:{base + f.end}]"
        # values packed from the first slot end by slot len(values); past that there were blank slots between
        gaps = f"if len(w) > len({var}) * {f.width}: gaps[{key}] = _slots({span}, {f.width})"
        if t.flat_strip:
            strip = f".{t.flat_strip}()"
            # the usual field holds nothing, or one value in its first slot: read the rest only when there is more
            return [f"w = {span}.rstrip()",
                    f"if not w: {var} = []",
                    f"elif len(w) <= {f.width}: {var} = [w{strip}]",
                    "else:",
                    f"    {var} = list(filter(None, ({', '.join(s + strip for s in slots)},)))",
                    f"    {gaps}"]
        read = [f"{var} = _multi({src}, E[{f.element.id!r}], {base + f.start}, {f.width}, {f.slots}, inv, {key})"]
        return read + [f"w = {span}.rstrip()", gaps]
    try:
        return t.flat_code(f"{src}[{base + f.start}:{base + f.end}]", var, key)
    except ValueError:  # pragma: no cover - every FBI element has a flat form
        raise ValueError(f"element {f.element.id}: type {t.name!r} has no flat-file form") from None


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


def generate(layout: Layout) -> tuple[str, dict[str, Any]]:
    """The source of one segment level's parse function, and the names it refers to."""
    namespace: dict[str, Any] = {"_bad": unreadable_flat, "_multi": _multi, "_slots": _slots, "new": object.__new__,
                                 "E": {}, **flat_readers()}
    src: list[str] = []

    def body_of(fields: Iterable[FlatField], source: str, indent: str) -> tuple[list[str], dict[str, str]]:
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
    return "\n".join(src), namespace


def compile_parser(layout: Layout) -> Callable[[str, m.SourceRef], m.Segment]:
    """The parse function of one segment level, generated from its layout (once per dictionary)."""
    source, namespace = generate(layout)
    exec(compile(source, f"<flat parser for level {layout.level}>", "exec"), namespace)
    return namespace["parse"]


def parser_source(kind: str, d: Dictionary | None = None) -> str:
    """The parse function generated for a segment kind ("victim") or level ("4"), as Python source."""
    found = layouts(d or fbi_dictionary())
    layout = found.by_kind.get(kind) or found.by_level.get(kind)
    if layout is None:
        raise KeyError(f"no segment kind or level {kind!r}; one of {', '.join(found.by_kind)}")
    return f"# flat parser for level {layout.level} ({layout.kind})\n" + generate(layout)[0] + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m desktop.nibrs.flatfile.flatgen KIND (a segment kind such as victim, or a level 0-7)",
              file=sys.stderr)
        return 2
    try:
        sys.stdout.write(parser_source(args[0]))
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
