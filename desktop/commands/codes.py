"""``nibrs-desk codes [ELEMENT]``: the data dictionary, or one element's code list."""

from __future__ import annotations

import json
import sys

from desktop.cli import CommandError

NAME = "codes"
HELP = "print the NIBRS data dictionary, or one data element's code list"
DESCRIPTION = (
    "Without ELEMENT, list every data element (number, name, segment, type, length, flat-file position, "
    "code list). With ELEMENT (a data element number such as 6 or 25A, or a code list name such as "
    "offense_code), list its codes."
)


def add_arguments(parser) -> None:
    parser.add_argument("element", nargs="?", help="data element number (6, 2A, 25C) or code list name")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")


def _code_dict(code) -> dict:
    d = {"code": code.code, "description": code.description}
    if code.label:
        d["label"] = code.label
    if code.xml is not None:
        d["xml"] = code.xml
    d.update(code.attrs)
    if "federal_only" in d or "group" in d:  # offense codes: always say whether federal-only
        d.setdefault("federal_only", False)
    return d


def _element_dict(element) -> dict:
    return {
        "id": element.id,
        "number": element.number,
        "name": element.name,
        "type": element.type,
        "length": element.length,
        "max": element.max,
        "codes": element.codes,
        "placements": [
            {"segment": p.segment, "field": p.field, "flat_position": p.flat, "xml": p.xml, "mandatory": p.mandatory}
            for p in element.placements
        ],
        "help": element.help,
        **({"deprecated": element.deprecated} if element.deprecated else {}),
        **({"note": element.note} if element.note else {}),
    }


def run(args) -> int:
    from desktop.nibrs.dictionary import dictionary

    d = dictionary()
    out = sys.stdout
    if not args.element:
        elements = list(d.elements.values())
        if args.format == "json":
            json.dump([_element_dict(e) for e in elements], out, indent=2)
            out.write("\n")
            return 0
        out.write(f"{'DE':<6}{'Name':<48}{'Segment':<16}{'Type':<11}{'Len':>4}{'Max':>5}  {'Pos':<5} Codes\n")
        for e in elements:
            for i, p in enumerate(e.placements):
                name = e.name if i == 0 else ""
                num = (e.number or "-") if i == 0 else ""
                out.write(f"{num:<6}{name[:47]:<48}{p.segment:<16}{e.type:<11}{e.length:>4}{e.max:>5}  "
                          f"{'' if p.flat is None else p.flat!s:<5} {e.codes or ''}\n")
        return 0
    key = args.element.strip()
    element = d.elements.get(key) or d.elements.get(key.upper())
    if element is not None:
        if not element.codes:  # no code list: show the element's declaration instead
            if args.format == "json":
                json.dump(_element_dict(element), out, indent=2)
                out.write("\n")
            else:
                out.write(f"Data Element {element.number or element.id}: {element.name} - {element.type}, "
                          f"{element.length} characters, no code list\n  {element.help}\n")
            return 0
        codes = d.code_list(element.codes)
        title = f"Data Element {element.number or element.id}: {element.name}"
    elif key in d.code_lists:
        codes = d.code_lists[key]
        title = codes.name
    else:
        raise CommandError(f"unknown data element or code list {key!r}; try `nibrs-desk codes` for the list")
    if args.format == "json":
        json.dump([_code_dict(c) for c in codes], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    out.write(f"{title} ({len(codes)} codes)\n")
    for c in codes:
        notes = []
        if c.get("group"):
            notes.append(f"Group {c.get('group')}, against {c.get('against')}")
        if c.federal_only:
            notes.append("federal/tribal agencies only")
        if c.get("since"):
            notes.append(f"from spec {c.get('since')}")
        if c.retired:
            notes.append(f"retired {c.retired} (spec {c.get('retired_in')})")
        if c.deprecated:
            notes.append(f"deprecated since {c.deprecated}")
        extra = f"  [{'; '.join(notes)}]" if notes else ""
        out.write(f"  {c.code:<5} {c.text}{extra}\n")
    return 0
