"""Mandatory data elements that are blank: 001, 101, 201, 301, 401, 501, 601, 701.

The unconditional ones come from the dictionary (placements with ``mandatory: "yes"``), so
a profile or a dictionary change needs no new rule. A value a reader could not read is not
"blank": it is left to the rule for unreadable values (105, 302, 402, ...).

Conditionally mandatory elements with their own x01 (the spec's section 3.3 and Appendix E):
DE 20 for seized drugs in a 35A incident (301), DE 31 for homicide and aggravated-assault
victims, DE 33 for victims of the offenses that take an injury (robbery only for individuals)
and DE 34 for individual or officer victims of a crime against a person or robbery (401),
DE 37-39 for a known offender (501). Other conditional elements have numbers of their own
(122, 156, 220, 221, 253, 257, 358, 361, 453, 454, 455, 652, 752...).

A delete (action D) needs only the identifying elements: ORI and incident number (the date
is 197), ORI and arrest transaction number (the date is 797), ORI and zero-report month/year.
"""

from __future__ import annotations

import functools

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import Context, code_set, hit, rule

_NUMBERS = {"zero_report": "001", "incident": "101", "offense": "201", "property": "301", "victim": "401",
            "offender": "501", "arrestee": "601", "group_b": "701"}
_DELETE_KEYS = {"incident": ("1", "2"), "group_b": ("1", "41"), "zero_report": ("1", "zero_month", "zero_year")}
_FBI = "MUST BE PRESENT—MANDATORY FIELD"
_FBI_ZERO = "MUST BE POPULATED WITH A VALID DATA VALUE–MANDATORY FIELD"


@functools.lru_cache(maxsize=8)
def _mandatory(d: Dictionary, kind: str) -> tuple[tuple[str, str, str, bool], ...]:
    """(element id, field, name, multiple) of the unconditionally mandatory elements of a kind."""
    return tuple((e.id, p.field, e.name, e.multiple) for e, p in d.model_elements(kind) if p.mandatory == "yes")


def _blank(segment: m.Segment, kind: str, ctx: Context, keys: tuple[str, ...] | None = None):
    for element_id, field, name, _multiple in _mandatory(ctx.dictionary, kind):
        if keys is not None and element_id not in keys:
            continue
        if any(k == field or k.startswith(field + "[") for k in segment.invalid):
            continue  # unreadable, not blank
        if not f.present(getattr(segment, field)):
            yield hit(element_id, None, detail=name)


def _declare(kind: str, number: str) -> None:
    d = fbi_dictionary()
    elements = [e for e, _f, _n, _m in _mandatory(d, kind)]
    message = "{detail} is required and is blank."
    fix = "Fill in this field; the FBI refuses the report without it."
    fbi = _FBI_ZERO if kind == "zero_report" else _FBI
    # the guard: some mandatory field is blank ("!field" leaves out values that could not be read, which
    # _blank leaves to the rules for unreadable values)
    guard = tuple(f"!{field}" for _e, field, _n, _m in _mandatory(d, kind))
    if kind in ("incident", "group_b", "zero_report"):
        @rule(number, segment=kind, elements=elements, message=message, fix=fix, fbi_message=fbi,
              when=guard)
        def mandatory_blank(report, ctx):
            return _blank(report, kind, ctx)

        @rule(number, segment=kind, elements=_DELETE_KEYS[kind], message=message, fix=fix, fbi_message=fbi,
              actions=("D",))
        def mandatory_blank_for_delete(report, ctx):
            yield from _blank(report, kind, ctx, _DELETE_KEYS[kind])

        mandatory_blank_for_delete.__name__ = f"mandatory_blank_for_delete_{kind}"
    else:
        @rule(number, segment=kind, elements=elements, message=message, fix=fix, fbi_message=fbi,
              when=guard)
        def mandatory_blank(segment, incident, ctx):
            return _blank(segment, kind, ctx)
    mandatory_blank.__name__ = f"mandatory_blank_{kind}"


for _kind, _number in _NUMBERS.items():
    _declare(_kind, _number)


# ----------------------------------------------------------------------------- conditional
@rule("301", when=("loss_type=6",), segment="property", elements=("20", "14", "15", "6"),
      message="The suspected drug type is required for drugs seized in a drug/narcotic violation (35A).",
      fix="Enter the type of drug seized (U if the lab results are not back yet).",
      fbi_message=_FBI)
def drug_type_required(prop, incident, ctx):
    if prop.loss_type != "6" or "35A" not in f.offense_set(incident):
        return
    if not any(item.description == "10" for item in prop.items):
        return
    if not any(drug.drug_type for drug in prop.drugs) and "drugs[0].drug_type" not in prop.invalid:
        yield hit("20", None, path="drugs")


code_set("circumstance_offenses")(f.circumstance_offenses)


@rule("401", when=("offense_codes=@circumstance_offenses",), segment="victim", elements=("31", "24"),
      message="The victim of {detail} needs the circumstances of the homicide or assault.",
      fix="Enter the circumstances (e.g. 01 argument, 06 domestic violence; 10 if unknown).",
      fbi_message=_FBI)
def circumstances_required(victim, incident, ctx):
    taking = [c for c in victim.offense_codes if c in _circumstance_offenses(ctx)]
    if taking and not victim.circumstances and not any(k.startswith("circumstances") for k in victim.invalid):
        yield hit("31", None, detail=", ".join(f.describe(ctx, f.OFFENSES, c) for c in taking))


def _circumstance_offenses(ctx: Context) -> frozenset[str]:
    return f.circumstance_offenses(ctx)


code_set("injury_offenses")(lambda ctx: f.codes_with(ctx, f.OFFENSES, "injury"))


@rule("401", when=("!injuries & victim_type=I|L & offense_codes=@injury_offenses",), segment="victim",
      elements=("33", "24", "25"),
      message="The type of injury is required for a victim of {detail}.",
      fix="Enter the victim's injuries (N if none).",
      fbi_message=_FBI)
def injury_required(victim, incident, ctx):
    if victim.injuries or any(k.startswith("injuries") for k in victim.invalid) or victim.victim_type not in ("I", "L"):
        return  # robbery and extortion need an injury only for a person (Appendix E: "If I in 25")
    needing = [c for c in victim.offense_codes if f.attr(ctx, f.OFFENSES, c, "injury")]
    if needing:
        yield hit("33", None, detail=", ".join(f.describe(ctx, f.OFFENSES, c) for c in needing))


@rule("401", when=("!relationships",), segment="victim", elements=("34", "24", "25"),
      message="The victim is a person harmed by {detail}, so the offenders must be related to the victim "
              "(offender number and relationship).",
      fix="Add each offender's relationship to this victim; if nothing is known about the offenders "
          "(offender 00), relate the victim to offender 00.",
      fbi_message=_FBI)
def offender_relation_required(victim, incident, ctx):
    if victim.victim_type not in ("I", "L") or victim.relationships:
        return
    if any(k.startswith("relationships") for k in victim.invalid):
        return
    person = [c for c in victim.offense_codes if f.person_crime(ctx, c) or (c == "120" and victim.victim_type == "I")]
    if person and incident.offenders:
        yield hit("34", None, path="relationships", detail=", ".join(f.describe(ctx, f.OFFENSES, c) for c in person))


@rule("501", when=("sequence_number!=0| & !age", "sequence_number!=0| & !sex", "sequence_number!=0| & !race"), segment="offender", elements=("37", "38", "39", "36"),
      message="{detail} is required for a known offender (any offender numbered other than 00).",
      fix="Enter the offender's age, sex and race as far as known (00 / U for unknown).",
      fbi_message=_FBI)
def known_offender_description(offender, incident, ctx):
    if not isinstance(offender.sequence_number, int) or offender.sequence_number == 0:
        return
    for element_id, field, name in (("37", "age", "Age of offender"), ("38", "sex", "Sex of offender"),
                                    ("39", "race", "Race of offender")):
        if not getattr(offender, field) and field not in offender.invalid:
            yield hit(element_id, None, detail=name)
