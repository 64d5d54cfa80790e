"""Structure checks across the segments of a Group A incident (065-085) and against the
agency's own database (056, 088).

Which offenses need property, and which loss types (DE 14) fit an attempted or completed
offense, is the ``property_loss`` attribute of the offense codes in codes.yaml (spec 2019.1
section 3.3, DE 14, and Appendix E). Federal/tribal-only offenses (spec 2019.2 and later) carry
no such facts in our references, so the property checks leave incidents with them alone.

Choices where the spec leaves room (listed in the catalogue):
* 077 is reported when every property offense of the incident was attempted and no property
  record has loss type 1 (none) or 8 (unknown); 078 for each completed property offense without a
  property record whose loss type fits it; 081 for a property record whose loss type fits none of
  the offenses. 077/078/081 are not reported when 074/076 already say the property is missing or
  not allowed.
* 080 is reported when an incident with only crimes against society has more than one victim; a
  single victim of another type gets 465.
* 085 follows section 5.2: a person victim of a crime against a person or robbery must be related to
  at least two offenders when the incident has two or more.
* 088 compares the incident number of an incident with arrestees, and each arrestee's arrest
  transaction number, with the Group B arrests on file for the ORI (and a Group B arrest's
  transaction number with them).
"""

from __future__ import annotations

import functools

from desktop.nibrs import model as m
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import Context, hit, rule

O = f.OFFENSES
P = "property_description"


def _offense_facts(ctx: Context, incident: m.GroupAIncident) -> tuple[list[tuple[int, m.Offense, dict]], bool]:
    """(the offenses that involve property with their property_loss facts, whether every offense is known),
    computed once per validation."""
    key = ("offense_facts", id(incident))
    found = ctx.memo.get(key)
    if found is None:
        table = _offense_table(ctx.dictionary)
        offenses = []
        known = True
        for i, o in enumerate(incident.offenses):
            code = o.offense_code
            if code:
                loss, ok = table.get(code, _UNKNOWN)
                if loss:
                    offenses.append((i, o, loss))
                if not ok:
                    known = False
        found = ctx.memo[key] = (offenses, known)
    return found


_UNKNOWN = (None, False)


@functools.lru_cache(maxsize=8)
def _offense_table(d) -> dict[str, tuple[dict | None, bool]]:
    """Offense code -> (its property_loss facts, whether it is a known code that is not federal-only)."""
    return {c.code: (c.attrs.get("property_loss"), not c.federal_only) for c in d.code_lists[O]}


def _property_offenses(ctx: Context, incident: m.GroupAIncident) -> list[tuple[int, m.Offense, dict]]:
    return _offense_facts(ctx, incident)[0]


def _all_known(ctx: Context, incident: m.GroupAIncident) -> bool:
    return _offense_facts(ctx, incident)[1]


# ----------------------------------------------------------------------------- history: 056, 088
@rule("056", segment="incident", elements=("2", "1"),
      message="Incident number {value} is already used by another incident of this agency.",
      fix="Each incident needs its own number; open the incident already on file, or use a new number (some "
          "agencies add the year, e.g. 25-000123).",
      fbi_message="DUPLICATE INCIDENT–PREVIOUSLY ADDED")
def incident_already_on_file(incident, ctx):
    h = ctx.history
    if h is None or not incident.ori or not incident.incident_number or ctx.action not in ("I", "A"):
        return
    if h.incident_on_file(incident.ori, incident.incident_number, exclude_id=ctx.stored_id):
        yield hit("2", incident.incident_number)


@rule("088", when=("arrestees",), segment="incident", elements=("2", "41", "1"),
      message="{detail}",
      fix="Use arrest transaction numbers and incident numbers that differ from the Group B arrests' numbers.",
      fbi_message="GROUP A AND GROUP B ARREST REPORTS CANNOT HAVE SAME IDENTIFIER")
def group_a_same_as_group_b(incident, ctx):
    h = ctx.history
    if h is None or not incident.ori or not incident.arrestees:
        return
    if incident.incident_number and h.group_b_atn_on_file(incident.ori, incident.incident_number):
        yield hit("2", incident.incident_number, segment_path="arrestees[0]",
                  detail=f"A Group B arrest on file has the transaction number {incident.incident_number}, the same "
                         f"as this incident's number.")
    for i, a in enumerate(incident.arrestees):
        atn = a.arrest_transaction_number
        if atn and atn != incident.incident_number and h.group_b_atn_on_file(incident.ori, atn):
            yield hit("41", atn, segment_path=f"arrestees[{i}]",
                      detail=f"A Group B arrest on file has the same arrest transaction number, {atn}.")


@rule("088", segment="group_b", elements=("41", "1"),
      message="An incident with arrests on file uses the number {value} too.",
      fix="Give this Group B arrest a transaction number that no Group A incident or arrestee uses.",
      fbi_message="GROUP A AND GROUP B ARREST REPORTS CANNOT HAVE SAME IDENTIFIER")
def group_b_same_as_group_a(arrest, ctx):
    h = ctx.history
    if h is None or not arrest.ori or not arrest.arrest_transaction_number:
        return
    if h.group_a_atn_on_file(arrest.ori, arrest.arrest_transaction_number):
        yield hit("41", arrest.arrest_transaction_number)


# ----------------------------------------------------------------------------- links between segments
@rule("065", segment="incident", elements=("6", "24"),
      message="No victim is connected to the offense {detail}.",
      fix="Connect at least one victim to every offense (on the victim's page, 'offenses against this victim').",
      fbi_message="EACH OFFENSE MUST HAVE AT LEAST ONE VICTIM")
def offense_without_victim(incident, ctx):
    if not incident.victims:
        return  # 075
    if len(incident.victims) == 1 and len(incident.offenses) == 1:  # the usual incident
        o = incident.offenses[0]
        if not o.offense_code or o.offense_code in incident.victims[0].offense_codes:
            return
    connected = {c for v in incident.victims for c in v.offense_codes}
    for i, o in enumerate(incident.offenses):
        if o.offense_code and o.offense_code not in connected:
            yield hit("6", o.offense_code, segment_path=f"offenses[{i}]", detail=f.describe(ctx, O, o.offense_code))


@rule("070", when=("relationships",), segment="victim", elements=("34", "36"),
      message="The victim is related to offender {value}, but there is no offender with that number.",
      fix="Add the offender, or correct the offender number.",
      fbi_message="THE CORRESPONDING OFFENDER SEGMENT MUST EXIST")
def related_offender_missing(victim, incident, ctx):
    offenders = incident.offenders
    for j, rel in enumerate(victim.relationships):
        n = rel.offender_number
        if isinstance(n, int) and not any(o.sequence_number == n for o in offenders):
            yield hit("34", f"{n:02d}", index=j)


@rule("071", when=("arrest_date",), segment="arrestee", elements=("42", "4", "5"),
      message="The arrest on {value} is on or before the exceptional clearance date; an incident cleared by arrest "
              "is not cleared exceptionally.",
      fix="If an arrest cleared the case, set 'cleared exceptionally' to N (not applicable) and remove its date.",
      fbi_message="CANNOT HAVE ARRESTS WHEN CLEARED EXCEPTIONALLY")
def arrest_and_exceptional_clearance(arrestee, incident, ctx):
    c = incident.exceptional_clearance_date
    a = arrestee.arrest_date
    if incident.cleared_exceptionally not in (None, "", "N") and f.is_date(c) and f.is_date(a) and a <= c:
        yield hit("42", a)


@rule("075", when=("!offenses", "!victims", "!offenders"), segment="incident", elements=("6", "23", "36"),
      message="The incident has no {detail}; every incident needs at least one offense, one victim and one offender.",
      fix="Add the missing part (if nothing is known about the offenders, add offender 00).",
      fbi_message="MISSING A MANDATORY SEGMENT LEVEL FOR A COMPLETE INCIDENT")
def missing_segment(incident, ctx):
    for element_id, items, what in (("6", incident.offenses, "offense"), ("23", incident.victims, "victim"),
                                    ("36", incident.offenders, "offender")):
        if not items:
            yield hit(element_id, None, path="", detail=what)


# ----------------------------------------------------------------------------- property against offenses
@rule("074", when=("!properties",), segment="incident", elements=("6", "14"),
      message="{detail} needs a property record, even if no property was taken (loss type 1, none).",
      fix="Add a property record: what was stolen, damaged, seized... or loss type 1 (none) / 8 (unknown).",
      fbi_message="PROPERTY SEGMENT MUST EXIST WITH THIS OFFENSE")
def property_missing(incident, ctx):
    if incident.properties:
        return
    needing = _property_offenses(ctx, incident)
    if needing:
        i, o, _loss = needing[0]
        yield hit("6", o.offense_code, segment_path=f"offenses[{i}]",
                  detail=", ".join(f.describe(ctx, O, x.offense_code) for _i, x, _l in needing))


@rule("076", when=("properties",), segment="incident", elements=("6", "14"),
      message="There is a property record, but none of the offenses involves property.",
      fix="Remove the property record: property is reported only for kidnapping, crimes against property, drug "
          "and gambling offenses.",
      fbi_message="PROPERTY SEGMENT CANNOT EXIST WITH OFFENSE SUBMITTED")
def property_not_allowed(incident, ctx):
    if incident.properties and incident.offenses and _all_known(ctx, incident) \
            and not _property_offenses(ctx, incident):
        yield hit("14", incident.properties[0].loss_type, segment_path="properties[0]")


@rule("077", when=("properties & offenses.attempted_completed=A",), segment="incident", elements=("7", "14", "6"),
      message="{detail} was only attempted, so the property loss must be 1 (none) or 8 (unknown).",
      fix="Report the property with loss type 1 (none) or 8 (unknown), or mark the offense completed if it was.",
      fbi_message="NEED A PROPERTY LOSS CODE OF 1 OR 8 WHEN THIS OFFENSE IS ATTEMPTED")
def attempted_needs_no_loss(incident, ctx):
    if not incident.properties or not _all_known(ctx, incident):
        return
    offenses = _property_offenses(ctx, incident)
    if not offenses or any(o.attempted_completed != "A" for _i, o, _l in offenses):
        return
    allowed = set().union(*(set(loss.get("attempted") or ()) for _i, _o, loss in offenses))
    if not any(p.loss_type in allowed for p in incident.properties):
        i, o, _loss = offenses[0]
        yield hit("7", "A", segment_path=f"offenses[{i}]",
                  detail=", ".join(f.describe(ctx, O, x.offense_code) for _i, x, _l in offenses))


@rule("078", when=("properties",), segment="incident", elements=("7", "14", "6"),
      message="{detail}",
      fix="Add a property record with a loss type that fits the offense (e.g. 7 stolen for a theft, 2 burned for "
          "an arson, 4 damaged for vandalism, 6 seized for drugs).",
      fbi_message="A VALID PROPERTY LOSS CODE DOES NOT EXIST FOR THIS COMPLETED OFFENSE")
def completed_needs_loss(incident, ctx):
    if not incident.properties or not _all_known(ctx, incident):
        return
    losses = {p.loss_type for p in incident.properties}
    for i, o, loss in _property_offenses(ctx, incident):
        if o.attempted_completed != "C":
            continue
        fits = list(loss.get("completed") or ())
        if not losses & set(fits):
            words = " or ".join(f.describe(ctx, "property_loss", c) for c in fits)
            yield hit("14", None, segment_path=f"offenses[{i}]", path="",
                      detail=f"The completed {f.describe(ctx, O, o.offense_code)} needs a property record with loss "
                             f"type {words}.")


@rule("081", when=("loss_type",), segment="property", elements=("14", "6", "7"),
      message="Loss type {detail} does not fit any offense of this incident (or the offense was only attempted).",
      fix="Choose the loss type that fits the offense: e.g. stolen (7) needs a completed theft, burned (2) a "
          "completed arson, seized (6) a completed drug, gambling or counterfeiting offense.",
      fbi_message="TYPE PROPERTY LOSS CODE IS NOT VALID WITH THE OFFENSES SUBMITTED")
def loss_type_not_for_offenses(prop, incident, ctx):
    if not prop.loss_type or not _all_known(ctx, incident):
        return
    offenses = _property_offenses(ctx, incident)
    if not offenses:
        return  # 076
    if prop.loss_type not in ctx.dictionary.code_lists["property_loss"]:
        return  # 304
    for _i, o, loss in offenses:
        state = {"A": "attempted", "C": "completed"}.get(o.attempted_completed or "")
        if state is None or prop.loss_type in (loss.get(state) or ()):
            return
    yield hit("14", prop.loss_type, detail=f.describe(ctx, "property_loss", prop.loss_type))


def _recovers_unstolen(ctx, incident) -> bool:
    return any(f.attr(ctx, O, c, "recovers_unstolen") for c in f.offense_set(incident))


@rule("072", when=("loss_type=5",), segment="property", elements=("15", "14", "6"),
      message="{detail} is reported recovered but not stolen in this incident.",
      fix="Report the property as stolen too (a 'stolen' property record), or check the property description.",
      fbi_message="RECOVERED PROPERTY MUST FIRST BE REPORTED AS STOLEN")
def recovered_not_stolen(prop, incident, ctx):
    if prop.loss_type != "5" or _recovers_unstolen(ctx, incident):
        return
    stolen = {it.description for p in incident.properties if p.loss_type == "7" for it in p.items}
    vehicle_stolen = bool(stolen & f.codes_with(ctx, P, "motor_vehicle"))
    for i, item in enumerate(prop.items):
        d = item.description
        if not d or d in stolen:
            continue
        if vehicle_stolen and f.attr(ctx, P, d, "vehicle_part"):
            continue
        yield hit("15", d, index=i, detail=f.describe(ctx, P, d))


@rule("073", when=("properties.recovered_vehicles",), segment="incident", elements=("18", "19"),
      message="{value} motor vehicles are reported recovered but only {detail} stolen.",
      fix="The number recovered cannot be more than the number stolen; check both counts.",
      fbi_message="NUMBER OF RECOVERED VEHICLES CANNOT BE GREATER THAN THE NUMBER STOLEN")
def more_recovered_than_stolen(incident, ctx):
    stolen = [(i, p.stolen_vehicles) for i, p in enumerate(incident.properties) if p.loss_type == "7"]
    recovered = [(i, p.recovered_vehicles) for i, p in enumerate(incident.properties)
                 if p.loss_type == "5" and isinstance(p.recovered_vehicles, int)]
    if not recovered:
        return
    n_stolen = sum(n for _i, n in stolen if isinstance(n, int))
    if any(n == 0 for _i, n in stolen):
        return  # 00 = number stolen unknown
    i, n_recovered = recovered[0]
    if n_recovered > n_stolen:
        yield hit("19", n_recovered, segment_path=f"properties[{i}]", detail=str(n_stolen))


@rule("080", when=("victims#2",), segment="incident", elements=("6", "23"),
      message="An incident with only crimes against society has one victim, society/public; this one has {detail}.",
      fix="Report a single victim of type S (society/public) for drug, gambling, pornography, prostitution, weapon "
          "and animal cruelty offenses.",
      fbi_message="CRIMES AGAINST SOCIETY CAN HAVE ONLY ONE SOCIETY/PUBLIC VICTIM")
def society_one_victim(incident, ctx):
    codes = f.offense_set(incident)
    if codes and all(f.against(ctx, c) == "Society" for c in codes) and len(incident.victims) > 1:
        yield hit("23", incident.victims[1].sequence_number, segment_path="victims[1]",
                  detail=f"{len(incident.victims)} victims")


@rule("084", when=("loss_type=5",), segment="property", elements=("16", "15", "14"),
      message="{detail}",
      fix="Property cannot be worth more when recovered than when stolen; check the two values.",
      fbi_message="RECOVERED PROPERTY VALUE CANNOT BE GREATER THAN THE VALUE WHEN STOLEN")
def recovered_worth_more(prop, incident, ctx):
    if prop.loss_type != "5" or _recovers_unstolen(ctx, incident):
        return
    stolen: dict[str, int] = {}
    for p in incident.properties:
        if p.loss_type == "7":
            for it in p.items:
                if it.description and isinstance(it.value, int):
                    stolen[it.description] = stolen.get(it.description, 0) + it.value
    vehicles = f.codes_with(ctx, P, "motor_vehicle")
    vehicle_value = sum(v for d, v in stolen.items() if d in vehicles)
    for i, item in enumerate(prop.items):
        d, v = item.description, item.value
        if not d or not isinstance(v, int):
            continue
        if d in stolen and v > stolen[d]:
            yield hit("16", v, index=i, detail=f"{f.describe(ctx, P, d)} is worth ${v:,} recovered but ${stolen[d]:,} "
                                               f"stolen.")
        elif d not in stolen and vehicle_value and f.attr(ctx, P, d, "vehicle_part") and v > vehicle_value:
            yield hit("16", v, index=i, detail=f"The recovered vehicle parts are worth ${v:,}, more than the stolen "
                                               f"vehicles (${vehicle_value:,}).")


@rule("085", when=("relationships & ^offenders#2",), segment="victim", elements=("34", "24", "25", "36"),
      message="The incident has {detail} offenders, so this victim of a crime against a person (or robbery) must be "
              "related to at least two of them.",
      fix="Enter the victim's relationship to each offender who took part (RU if unknown).",
      fbi_message="EACH VICTIM MUST BE CONNECTED TO AT LEAST TWO OFFENDERS")
def victim_needs_two_offenders(victim, incident, ctx):
    if victim.victim_type not in ("I", "L") or len(incident.offenders) < 2:
        return
    if any(o.sequence_number == 0 for o in incident.offenders):
        return  # 555
    if not any(f.person_crime(ctx, c) or c == "120" for c in victim.offense_codes):
        return
    related = {n for n in f.related_offenders(victim) if n != 0}
    if victim.relationships and len(related) < 2:
        yield hit("34", None, path="relationships", detail=str(len(incident.offenders)))
