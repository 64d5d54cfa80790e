"""Values that are not in their code list (error x04 of each segment), found from the dictionary.

One rule per segment kind, declared from the data dictionary, so an element added to the
dictionary (or by a state profile) is checked without a new rule.
"""

from __future__ import annotations

from desktop.nibrs import model as m
from desktop.nibrs.rules.engine import Context, hit, rule

_SEGMENT_NUMBER = {"incident": "104", "offense": "204", "property": "304", "victim": "404", "offender": "504",
                   "arrestee": "604", "group_b": "704"}
_GROUPS = {"property": ("property_item", "drug"), "victim": ("relationship",)}


def _bad_codes(kind: str, segment: m.Segment, ctx: Context):
    d = ctx.dictionary
    for element, placement in d.model_elements(kind):
        if element.type != "code" or not element.codes:
            continue
        codes = d.code_lists[element.codes]
        value = getattr(segment, placement.field)
        values = value if element.multiple else [value]
        for i, v in enumerate(values):
            if v is not None and v != "" and v not in codes:
                yield hit(element.id, v, index=i if element.multiple else None,
                          detail=f"{element.name} {v!r} is not one of its codes")
    for group_kind in _GROUPS.get(kind, ()):
        group = d.groups[group_kind]
        for gi, row in enumerate(getattr(segment, group.field)):
            for element, placement in d.model_elements(group_kind):
                if element.type != "code" or not element.codes:
                    continue
                v = getattr(row, placement.field)
                if v is not None and v != "" and v not in d.code_lists[element.codes]:
                    yield hit(element.id, v, index=gi, detail=f"{element.name} {v!r} is not one of its codes")


def _declare(kind: str, number: str) -> None:
    elements = tuple(
        e.id for e, _ in __import__("desktop.nibrs.dictionary", fromlist=["dictionary"]).dictionary().model_elements(kind)
        if e.type == "code"
    )
    message = "{detail}."
    fix = "Choose one of the codes the list offers (type the code or a word of its description)."
    if kind in ("incident", "group_b"):
        @rule(number, segment=kind, elements=elements, message=message, fix=fix,
              fbi_message="INVALID DATA VALUE—NOT ON FBI VALIDATION TABLE")
        def invalid_code(report, ctx):
            yield from _bad_codes(kind, report, ctx)
    else:
        @rule(number, segment=kind, elements=elements, message=message, fix=fix,
              fbi_message="INVALID DATA VALUE—NOT ON FBI VALIDATION TABLE")
        def invalid_code(segment, incident, ctx):
            yield from _bad_codes(kind, segment, ctx)


for _kind, _number in _SEGMENT_NUMBER.items():
    _declare(_kind, _number)
