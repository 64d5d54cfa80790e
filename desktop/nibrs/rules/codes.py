"""Values that are not in their code list (error x04 of each segment), found from the dictionary.

One rule per segment kind, declared from the data dictionary, so an element added to the
dictionary is checked without a new rule. (A state profile's own coded elements are checked
by the rules the profile declares, ``desktop/nibrs/profiles.py``, under the state's numbers.) Besides codes missing
from a list, a code is not valid where the spec versions' declarations (``resources/dictionary/specs/``) say
so: a code retired by the version checked or an earlier one, or retired on a day on or before the day
checked (the month of submission of a file, else today: the pickers never offer it from that day
either), and a code a later version adds (the federal and tribal offense codes, under 2019.1).

Each element is checked with the numbers its own edit table in the 2019.1 specification (section 3)
gives it. Where that table lists x04 beside a more specific number, both are reported (the spec names
no precedence): the report-date indicator (Table 3-11: 104 and 151) and an automatic indicator that
is not A (Tables 3-24 and 3-63: x04 and 255/654/754). Where the table gives only the specific number,
the value is left to it: attempted/completed (Table 3-16: 251, no 204), the arrestee's sex (Table
3-65: 667/758, no 604/704), a non-numeric circumstance (Table 3-46: 402 "must contain numeric entry"
is the data value check for digits) and A on a weapon that is not a firearm (258/655/755: A is a
valid indicator, the weapon code is valid; only the two together are not).
"""

from __future__ import annotations


from desktop.nibrs import model as m
from desktop.nibrs.dictionary import dictionary as fbi_dictionary
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import Context, code_set, hit, rule

_SEGMENT_NUMBER = {"incident": "104", "offense": "204", "property": "304", "victim": "404", "offender": "504",
                   "arrestee": "604", "group_b": "704"}
_GROUPS = {"property": ("property_item", "drug"), "victim": ("relationship",)}
# Elements whose wrong values have their own error number.
_SPECIFIC = {"7", "48"}
_WEAPONS = {"13", "46"}  # 2-digit code + automatic flag


def _weapon_left_to_specific(element_id: str, value: str, codes) -> bool:
    """A on a valid weapon code that is not a firearm: 258/655/755 alone (both parts are valid values)."""
    if element_id not in _WEAPONS or len(value) != 3:
        return False
    return value[2] == "A" and value[:2] in codes and value not in codes


def _problem(ctx: Context, element, value: str) -> str | None:
    codes = ctx.dictionary.code_lists[element.codes]
    if value not in codes:
        if _weapon_left_to_specific(element.id, value, codes):
            return None
        if element.id == "31" and not value.isdigit():
            return None  # a circumstance that is not numeric: 402
        return f"{element.name} {value!r} is not one of its codes"
    problem = f.code_problem(ctx, element.codes, value)
    if problem is None:
        return None
    why, change = problem
    if why == "retired":
        return (f"{element.name} {f.describe(ctx, element.codes, value)} is no longer an FBI code (retired "
                f"{change.date.isoformat()}, spec {change.version})")
    who = " and only for federal and tribal agencies" if codes[value].federal_only else ""
    return (f"{element.name} {f.describe(ctx, element.codes, value)} exists only from spec "
            f"{change.first_in or change.version}{who}; it is not in the spec {ctx.spec_version} code table")


def _bad_codes(kind: str, segment: m.Segment, ctx: Context):
    d = ctx.dictionary
    for element, field in f.coded_fields(d, kind):
        if element.id in _SPECIFIC:
            continue
        value = getattr(segment, field)
        if element.multiple:
            for i, v in enumerate(value):
                if v:
                    detail = _problem(ctx, element, v)
                    if detail:
                        yield hit(element.id, v, index=i, detail=detail)
        elif value:
            detail = _problem(ctx, element, value)
            if detail:
                yield hit(element.id, value, detail=detail)
    if segment.invalid:
        for element, field in f.coded_fields(d, kind):
            if element.id in _SPECIFIC:
                continue
            for _name, index, raw in f.unreadable(segment, [field]):
                yield hit(element.id, raw, index=index if element.multiple else None,
                          detail=f"{element.name} {raw!r} could not be read as one of its codes")
    for group_kind in _GROUPS.get(kind, ()):
        group = d.groups[group_kind]
        fields = f.coded_fields(d, group_kind)
        for gi, row in enumerate(getattr(segment, group.field)):
            for element, field in fields:
                v = getattr(row, field)
                if v:
                    detail = _problem(ctx, element, v)
                    if detail:
                        yield hit(element.id, v, index=gi, detail=detail)
            if row.invalid:
                for element, field in fields:
                    for _name, _index, raw in f.unreadable(row, [field]):
                        yield hit(element.id, raw, index=gi,
                                  detail=f"{element.name} {raw!r} could not be read as one of its codes")


def _code_guard(d, kind: str) -> tuple[str, ...]:
    """The guard of a kind's x04 rule: conditions that hold only where :func:`_bad_codes` may find something.

    A segment passes when nothing is unreadable ("invalid", which covers its own rows) and every coded
    value is a code of its list in the spec version checked: one "field!=@codes_of_<list>" condition
    per coded field (and per coded field of its rows), a set made once per plan. The mask answers them
    with the table look-ups of the other conditions on the same fields.
    """
    conditions = ["invalid"]

    def add(fields, rows: str) -> None:
        for element, field in fields:
            if element.id in _SPECIFIC:
                continue
            name = f"codes_of_{element.codes}"  # several kinds share a list: declared again, the same set
            code_set(name)(lambda ctx, list_id=element.codes: _allowed(ctx.dictionary, list_id, ctx.spec_version))
            conditions.append(f"{rows}{field}!=@{name}")

    add(f.coded_fields(d, kind), "")
    for group_kind in _GROUPS.get(kind, ()):
        add(f.coded_fields(d, group_kind), d.groups[group_kind].field + ".")
    return tuple(conditions)


def _allowed(d, list_id: str, spec: str) -> frozenset:
    """The codes of a list valid in a spec version whatever the day, and None (a blank field is the mandatory
    rules' business); a code retired on a date is left out, so the rule decides on the day checked."""
    return d.cached(("x04 guard", list_id, spec), lambda: f.codes_in_version(d, list_id, spec) | {None})


def _declare(kind: str, number: str) -> None:
    d = fbi_dictionary()
    elements = [e.id for e, _ in d.model_elements(kind) if e.type == "code" and e.id not in _SPECIFIC]
    for group_kind in _GROUPS.get(kind, ()):
        elements += [e.id for e, _ in d.model_elements(group_kind) if e.type == "code"]
    message = "{detail}."
    fix = "Choose one of the codes the list offers (type the code or a word of its description)."
    guard = _code_guard(d, kind)
    if kind in ("incident", "group_b"):
        @rule(number, segment=kind, elements=elements, message=message, fix=fix,
              fbi_message="INVALID DATA VALUE", when=guard)
        def invalid_code(report, ctx):
            return _bad_codes(kind, report, ctx)
    else:
        @rule(number, segment=kind, elements=elements, message=message, fix=fix,
              fbi_message="INVALID DATA VALUE", when=guard)
        def invalid_code(segment, incident, ctx):
            return _bad_codes(kind, segment, ctx)
    invalid_code.__name__ = f"invalid_code_{kind}"


for _kind, _number in _SEGMENT_NUMBER.items():
    _declare(_kind, _number)
