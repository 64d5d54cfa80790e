"""Victim segment edits (4xx).

401 is in ``mandatory.py``, 404 in ``codes.py`` (and ``ages.py`` for ages that are not
ages), 408-410/422 in ``ages.py``, 415-417 in ``identifiers.py``, 952 for DE 25C in
``administrative.py``.

Ages are compared as the FBI does: an exact age, or a range's average with the decimals
dropped ("1619" counts as 17); babies (NN, NB, BB) count as 0; 00 (unknown) is never compared.

Choices where the spec is ambiguous (each documented in the catalogue):
* 459 follows section 3.3 (Table 3-49): offender relationships may be given for victims of a crime
  against a person or against property (the FBI's own sample Flatfile-XML_Test_1 relates a burglary
  victim), so only a victim of crimes against society alone gets 459; section 5.2's wording says
  "person or robbery". The DE 34 requirement (401) follows Appendix E: person crimes and robbery.
* 462/463/477: a circumstance a justifiable homicide does not take is 463 (even when another connected
  offense takes it), one fitting none of the connected offenses is 477, and also 462 when one of them is
  13A; the spec lists the three for DE 31 (Table 3-46) and names no precedence, so each that applies is
  reported.
* 480: "other felony involved" (08) is an error when the incident has one offense and one victim
  (the spec's own remedy is to report more offenses or more victims).
* 482: an officer victim must be connected to at least one of 09A, 13A, 13B, 13C.
* 490 (the victim-segment twin of 106) is dropped with 106 under spec 2025.0.
"""

from __future__ import annotations

import functools

from desktop.nibrs import model as m
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules import ages as _ages  # noqa: F401  (declares the ages_under_18 code set of the guards)
from desktop.nibrs.rules.engine import Context, code_set, hit, rule

O = f.OFFENSES
PERSON_TYPES = ("I", "L")


def _circumstance_offenses(ctx) -> frozenset[str]:
    return f.circumstance_offenses(ctx)


# ----------------------------------------------------------------------------- numbers and lists
@rule("402", when=("invalid", "circumstances"), segment="victim", elements=("23", "34", "31"),
      message="{detail}",
      fix="Enter digits only, with leading zeros (e.g. 001, 05).",
      fbi_message="CONTAINS NONNUMERIC ENTRY")
def victim_not_numeric(victim, incident, ctx):
    for _f, _i, raw in f.unreadable(victim, ["sequence_number"]):
        yield hit("23", raw, detail=f"The victim number {raw!r} is not a number.")
    for j, rel in enumerate(victim.relationships):
        for _f, _i, raw in f.unreadable(rel, ["offender_number"]):
            yield hit("34", raw, index=j, detail=f"The offender number {raw!r} is not a number.")
    for i, c in enumerate(victim.circumstances):
        if c and not c.isdigit():
            yield hit("31", c, index=i, detail=f"The circumstance {c!r} is not a two-digit code.")


@rule("404", when=("sequence_number!=@victim_numbers", "relationships.offender_number!=@offender_numbers"),
      segment="victim", elements=("23", "34"),
      message="{detail}",
      fix="Victims are numbered 001 to 999; offender numbers to relate are 00 to 99.",
      fbi_message="INVALID DATA VALUE")
def victim_number_out_of_range(victim, incident, ctx):
    n = victim.sequence_number
    if isinstance(n, int) and not 1 <= n <= 999:
        yield hit("23", n, detail=f"The victim number {n} is not between 001 and 999.")
    for j, rel in enumerate(victim.relationships):
        k = rel.offender_number
        if isinstance(k, int) and not 0 <= k <= 99:
            yield hit("34", k, index=j, detail=f"The offender number {k} is not between 00 and 99.")


@rule("406", when=("offense_codes#2", "circumstances#2", "injuries#2", "relationships#2"), segment="victim", elements=("24", "31", "33", "34"),
      message="{detail} {value!r} is entered twice for this victim.",
      fix="Remove the repeated entry.",
      fbi_message="ERROR - DUPLICATE VALUE = [value]")
def victim_duplicates(victim, incident, ctx):
    for element_id, values in (("24", victim.offense_codes), ("31", victim.circumstances), ("33", victim.injuries)):
        for i, v in f.duplicates(values):
            yield hit(element_id, v, index=i, detail=ctx.dictionary.element(element_id).name)
    for j, n in f.duplicates(r.offender_number for r in victim.relationships):
        yield hit("34", n, index=j, detail="Offender number")


@rule("407", when=("injuries#2",), segment="victim", elements=("33",),
      message="Injury 'none' (N) cannot be combined with other injuries.",
      fix="Keep N alone if the victim was not hurt, or remove it and keep the injuries.",
      fbi_message="ERROR - MUTUALLY EXCLUSIVE VALUE = [value]")
def injury_none_with_others(victim, incident, ctx):
    clash = f.exclusive_clash(victim.injuries, lambda v: f.attr(ctx, "injury", v, "exclusive"))
    if clash is not None:
        yield hit("33", clash[1], index=clash[0])


@rule("419", when=("circumstances", "injuries"), segment="victim", elements=("31", "33", "24"),
      message="{detail}",
      fix="Remove the entry, or check which offenses this victim is connected to.",
      fbi_message="DATA CAN ONLY BE ENTERED FOR SPECIFIC OFFENSES")
def victim_data_not_for_offenses(victim, incident, ctx):
    codes = set(victim.offense_codes)
    if victim.circumstances and not codes & _circumstance_offenses(ctx):
        yield hit("31", victim.circumstances[0], index=0,
                  detail="Aggravated assault/homicide circumstances are only for victims of murder, negligent "
                         "manslaughter, justifiable homicide or aggravated assault.")
    if victim.injuries and not any(f.attr(ctx, O, c, "injury") for c in codes):
        yield hit("33", victim.injuries[0], index=0,
                  detail="An injury is reported only for victims of kidnapping, sex offenses, robbery, aggravated or "
                         "simple assault, extortion or human trafficking.")


# ----------------------------------------------------------------------------- across victims
@rule("451", when=("victims#2",), segment="incident", elements=("23",),
      message="Two victims have the number {value}.",
      fix="Give each victim a different number.",
      fbi_message="VICTIM NUMBER ALREADY EXISTS")
def duplicate_victim_number(incident, ctx):
    for i, n in f.duplicates(v.sequence_number for v in incident.victims):
        yield hit("23", n, segment_path=f"victims[{i}]")


# ----------------------------------------------------------------------------- victim types and data
@rule("450", when=("relationships.relationship=SE",), segment="victim", elements=("26", "35"),
      message="The victim is recorded as a spouse of an offender but is {detail} (under 13).",
      fix="Check the victim's age and the relationship (SE = spouse).",
      fbi_message="VICTIM IS SPOUSE, BUT AGE IS LESS THAN 13")
def young_spouse_victim(victim, incident, ctx):
    years = f.age_years(victim.age)
    if years is not None and years < 13 and any(r.relationship == "SE" for r in victim.relationships):
        yield hit("26", victim.age, detail=f.age_words(victim.age))


@rule("452", when=("victim_type=L",), segment="victim", elements=("26", "25"),
      message="An officer victim must be 17 to 98 years old (or 00 if unknown); the age given is {detail}.",
      fix="Check the officer's age.",
      fbi_message="VICTIM IS LAW ENFORCEMENT OFFICER BUT AGE IS NOT BETWEEN 17 AND 98, OR UNKNOWN")
def officer_age(victim, incident, ctx):
    if victim.victim_type != "L" or not victim.age or victim.age == "00":
        return
    b = f.age_bounds(victim.age)
    if b is None:
        return
    if victim.age in ("NN", "NB", "BB") or b[0] < 17 or b[1] > 98:
        yield hit("26", victim.age, detail=f.age_text(victim.age))


@rule("453", when=("victim_type=I & !age", "victim_type=I & !sex", "victim_type=I & !race"), segment="victim", elements=("26", "27", "28", "25"),
      message="The {detail} is required for an individual victim.",
      fix="Enter it as far as known (age 00 / sex U / race U for unknown).",
      fbi_message="MUST BE PRESENT WHEN VICTIM TYPE (25) = I")
def individual_victim_description(victim, incident, ctx):
    if victim.victim_type != "I":
        return
    for element_id, field, name in (("26", "age", "victim's age"), ("27", "sex", "victim's sex"),
                                    ("28", "race", "victim's race")):
        if not getattr(victim, field) and field not in victim.invalid:
            yield hit(element_id, None, detail=name)


@rule("454", when=("victim_type=L",), segment="victim", elements=("25A", "25B", "26", "27", "28", "25"),
      message="The {detail} is required for a law enforcement officer victim.",
      fix="Enter the officer's activity, assignment, age, sex and race.",
      fbi_message="MUST BE ENTERED WHEN VICTIM TYPE IS LAW ENFORCEMENT OFFICER")
def officer_victim_description(victim, incident, ctx):
    if victim.victim_type != "L":
        return
    for element_id, field, name in (("25A", "officer_activity", "officer's activity or circumstance"),
                                    ("25B", "officer_assignment", "officer's assignment"),
                                    ("26", "age", "officer's age"), ("27", "sex", "officer's sex"),
                                    ("28", "race", "officer's race")):
        if not getattr(victim, field) and field not in victim.invalid:
            yield hit(element_id, None, detail=name)


@rule("455", when=("circumstances=20|21",), segment="victim", elements=("32", "31"),
      message="A criminal killed by a private citizen or by a police officer needs the additional justifiable "
              "homicide circumstances.",
      fix="Choose what the criminal was doing when killed (G if it cannot be determined).",
      fbi_message="ADDITIONAL JUSTIFIABLE HOMICIDE IS MANDATORY WITH A 20 OR 21 ENTERED")
def justifiable_details_required(victim, incident, ctx):
    if any(c in ("20", "21") for c in victim.circumstances) and not victim.justifiable_homicide \
            and "justifiable_homicide" not in victim.invalid:
        yield hit("32", None)


@rule("456", when=("circumstances#2",), segment="victim", elements=("31",),
      message="{detail}",
      fix="Enter one circumstance, or two that both describe the same murder or aggravated assault "
          "(10, unknown, always alone).",
      fbi_message="MULTIPLE VALUES ENTERED FOR DATA ELEMENT ARE NOT COMPATIBLE – VALUES ARE MUTUALLY EXCLUSIVE")
def circumstances_incompatible(victim, incident, ctx):
    values = [(i, c) for i, c in enumerate(victim.circumstances) if c]
    if len({c for _i, c in values}) < 2:
        return  # one circumstance, or the same one twice (406)
    lst = "circumstance"
    for i, c in values:
        if f.attr(ctx, lst, c, "exclusive"):
            yield hit("31", c, index=i, detail="'Unknown circumstances' (10) cannot be combined with another "
                                              "circumstance.")
            return
        if f.attr(ctx, lst, c, "alone"):
            yield hit("31", c, index=i, detail=f"Circumstance {f.describe(ctx, lst, c)} must be the only one "
                                              f"entered.")
            return
    categories = {tuple(f.attr(ctx, lst, c, "applies_to") or ()) for _i, c in values}
    if len(categories) > 1:
        yield hit("31", values[1][1], index=values[1][0],
                  detail="The circumstances belong to different kinds of offense.")


@rule("457", when=("justifiable_homicide",), segment="victim", elements=("32", "31"),
      message="Additional justifiable homicide circumstances are entered, but the circumstances are not 'criminal "
              "killed by a private citizen' (20) or 'by a police officer' (21).",
      fix="Remove the additional circumstances, or enter circumstance 20 or 21.",
      fbi_message="WHEN DATA ELEMENT 32 IS ENTERED, DATA ELEMENT 31 MUST EQUAL 20 OR 21")
def justifiable_details_without_circumstance(victim, incident, ctx):
    if victim.justifiable_homicide and not any(c in ("20", "21") for c in victim.circumstances):
        yield hit("32", victim.justifiable_homicide)


@rule("458", when=("victim_type!=|I|L",), segment="victim", elements=("25", "26", "27", "28", "29", "30", "33", "34"),
      message="{detail}",
      fix="Age, sex, race, ethnicity, residence, injuries and offender relationships are only for individual (I) "
          "or law enforcement officer (L) victims; remove them or correct the type of victim.",
      fbi_message="VICTIM TYPE (25) MUST BE “I” OR “L” FOR DATA TO BE ENTERED")
def person_data_for_non_person(victim, incident, ctx):
    if not victim.victim_type or victim.victim_type in PERSON_TYPES:
        return
    for element_id, field in (("26", "age"), ("27", "sex"), ("28", "race"), ("29", "ethnicity"),
                              ("30", "resident_status"), ("33", "injuries"), ("34", "relationships")):
        value = getattr(victim, field)
        if not f.present(value):
            continue
        detail = (f"{ctx.dictionary.element(element_id).name} is given, but the victim is not a person "
                  f"(type {victim.victim_type}).")
        # the value in error is the element's own (the FBI's EDS writes DE 34's 00, not the victim type)
        if field == "relationships":
            yield hit(element_id, value[0].offender_number, index=0, detail=detail)
        elif isinstance(value, list):
            yield hit(element_id, value[0], index=0, detail=detail)
        else:
            yield hit(element_id, value, detail=detail)


code_set("no_relationship_offenses")(lambda ctx: _no_relationship_offenses(ctx.dictionary))


@rule("459", when=("relationships & offense_codes=@no_relationship_offenses",), segment="victim", elements=("34", "24"),
      message="Offenders are related to this victim, but the victim is connected only to crimes against society, "
              "which have no personal victim.",
      fix="Remove the offender relationships, or connect the victim to the crime against a person or property "
          "they suffered.",
      fbi_message="NEED A CRIME AGAINST PERSON OR ROBBERY FOR DATA TO BE ENTERED")
def relation_without_person_crime(victim, incident, ctx):
    if not victim.relationships or not victim.offense_codes or victim.victim_type not in _PERSON_OR_NONE:
        return
    # fires when every connected offense is a known code that takes no relationship (crimes against society)
    without = _no_relationship_offenses(ctx.dictionary)
    codes = [c for c in victim.offense_codes if c]
    if codes and all(c in without for c in codes):
        yield hit("34", victim.relationships[0].offender_number, index=0)


_PERSON_OR_NONE = frozenset({"I", "L", None})


@functools.lru_cache(maxsize=8)
def _no_relationship_offenses(d) -> frozenset[str]:
    """Known, not federal-only offense codes that are neither crimes against a person nor against property."""
    probe = Context(dictionary=d)
    return frozenset(c.code for c in d.code_lists[O] if not c.federal_only and not f.person_crime(probe, c.code)
                     and c.attrs.get("against") != "Property")


@rule("460", when=("relationships.relationship=",), segment="victim", elements=("35", "34"),
      message="Offender {detail} is related to this victim, but the relationship is missing.",
      fix="Choose how the victim is related to that offender (RU if unknown).",
      fbi_message="RELATIONSHIP MUST BE ENTERED WHEN AN OFFENDER NUMBER (34) EXISTS")
def relationship_missing(victim, incident, ctx):
    for j, rel in enumerate(victim.relationships):
        if isinstance(rel.offender_number, int) and rel.offender_number > 0 and not rel.relationship \
                and not rel.invalid:
            yield hit("35", None, index=j, detail=f"{rel.offender_number:02d}")


def _circumstance_problems(ctx, victim: m.Victim):
    """(number, index, code, detail) for circumstances that do not fit the connected offenses."""
    lst = "circumstance"
    codes = set(victim.offense_codes) & _circumstance_offenses(ctx)
    if not codes:
        return
    for i, c in enumerate(victim.circumstances):
        applies = set(f.attr(ctx, lst, c, "applies_to") or ())
        if not applies:
            continue  # not a circumstance code at all: 404
        if "09C" in codes and "09C" not in applies:
            yield "463", i, c
        if applies & codes:
            continue
        if "13A" in codes:
            yield "462", i, c
        yield "477", i, c


@rule("462", when=("circumstances",), segment="victim", elements=("31", "24"),
      message="Circumstance {detail} does not apply to an aggravated assault.",
      fix="For an aggravated assault use 01-06 or 08-10 (mercy killing, 07, is only for murder).",
      fbi_message="INVALID AGGRAVATED ASSAULT/HOMICIDE FOR 13A OFFENSE")
def circumstance_not_for_13a(victim, incident, ctx):
    for number, i, c in _circumstance_problems(ctx, victim):
        if number == "462":
            yield hit("31", c, index=i, detail=f.describe(ctx, "circumstance", c))


@rule("463", when=("circumstances",), segment="victim", elements=("31", "24"),
      message="A justifiable homicide takes only circumstance 20 (criminal killed by a private citizen) or 21 "
              "(criminal killed by a police officer), not {detail}.",
      fix="Choose 20 or 21.",
      fbi_message="INVALID AGGRAVATED ASSAULT/HOMICIDE FOR 09C OFFENSE")
def circumstance_not_for_09c(victim, incident, ctx):
    for number, i, c in _circumstance_problems(ctx, victim):
        if number == "463":
            yield hit("31", c, index=i, detail=f.describe(ctx, "circumstance", c))


@rule("477", when=("circumstances",), segment="victim", elements=("31", "24"),
      message="Circumstance {detail} does not fit the offenses this victim is connected to.",
      fix="Murder and aggravated assault use 01-10, negligent manslaughter 30-34, justifiable homicide 20-21.",
      fbi_message="INVALID AGGRAVATED ASSAULT/HOMICIDE CIRCUMSTANCES FOR CONNECTED OFFENSE")
def circumstance_not_for_offense(victim, incident, ctx):
    for number, i, c in _circumstance_problems(ctx, victim):
        if number == "477":
            yield hit("31", c, index=i, detail=f.describe(ctx, "circumstance", c))


def _victim_type_check(ctx, victim, against: str, ok):
    if not victim.victim_type or ok(victim.victim_type):
        return None
    if against == "Person":
        codes = [c for c in victim.offense_codes if f.person_crime(ctx, c)]
    else:
        codes = [c for c in victim.offense_codes if f.against(ctx, c) == against]
    if codes:
        return ", ".join(f.describe(ctx, O, c) for c in codes)
    return None


@rule("464", when=("victim_type!=|I|L",), segment="victim", elements=("25", "24"),
      message="The victim of {detail} must be a person: type I (individual) or L (law enforcement officer), not "
              "{value}.",
      fix="Change the type of victim, or connect this victim to other offenses.",
      fbi_message="ENTRY FOR TYPE OF VICTIM MUST BE “I” WHEN THIS OFFENSE CODE IS ENTERED")
def person_crime_victim_type(victim, incident, ctx):
    detail = _victim_type_check(ctx, victim, "Person", lambda t: t in PERSON_TYPES)
    if detail:
        yield hit("25", victim.victim_type, detail=detail)


code_set("society_offenses")(lambda ctx: f.codes_with(ctx, O, "against", "Society"))


@rule("465", when=("offense_codes=@society_offenses",), segment="victim", elements=("25", "24"),
      message="This victim (type {value}) is connected to {detail}.",
      fix="In 'Offenses against this victim' keep only the offenses committed against this victim; a crime against "
          "society has a victim of its own, Society/Public (S).",
      fbi_message="ENTRY FOR TYPE OF VICTIM MUST BE “S” WHEN THIS OFFENSE CODE IS ENTERED")
def society_crime_victim_type(victim, incident, ctx):
    detail = _victim_type_check(ctx, victim, "Society", lambda t: t == "S")
    if detail:
        yield hit("25", victim.victim_type, detail=detail + ", a crime against society, whose victim is society/public "
                  "(S): " + _connect_instead(ctx, incident, lambda c: f.against(ctx, c) != "Society"))


def _connect_instead(ctx, incident, fits) -> str:
    """Which of the incident's offenses to connect a victim to instead, in words."""
    others = [f.describe(ctx, O, c) for c in f.offense_codes(incident) if fits(c)]
    if others:
        return "connect this victim to " + " or ".join(dict.fromkeys(others)) + " instead"
    return "connect this victim to the offenses committed against it, and report the crime against society with a " \
           "Society/Public victim"


@rule("466", segment="victim", elements=("24", "6"),
      message="The victim is connected to offense {value}, which is not one of this incident's offenses{detail}.",
      fix="Connect the victim to one of the incident's offenses, or add that offense to the incident.",
      fbi_message="OFFENSE MUST BE SUBMITTED AS LEVEL 2 RECORD IF VICTIM IS CONNECTED")
def victim_offense_missing(victim, incident, ctx):
    offenses = incident.offenses
    codes = [f.describe(ctx, O, c) for c in f.offense_codes(incident)]
    which = (": connect it to " + " or ".join(dict.fromkeys(codes))) if codes else ""
    for i, c in enumerate(victim.offense_codes):
        if c and not any(o.offense_code == c for o in offenses):
            yield hit("24", c, index=i, detail=which)


@rule("467", when=("victim_type=S",), segment="victim", elements=("25", "24"),
      message="The victim of a crime against property ({detail}) cannot be 'society/public' (S).",
      fix="Name who owned the property: an individual, business, government, religious organization...",
      fbi_message="ENTRY FOR TYPE OF VICTIM CANNOT BE “S” WHEN THIS OFFENSE CODE IS ENTERED")
def property_crime_society_victim(victim, incident, ctx):
    detail = _victim_type_check(ctx, victim, "Property", lambda t: t != "S")
    if detail:
        yield hit("25", "S", detail=detail)


@rule("468", when=("relationships.offender_number=0",), segment="victim", elements=("35", "34"),
      message="A relationship is given for offender 00 (nothing known about the offenders).",
      fix="Leave the relationship blank for offender 00.",
      fbi_message="RELATIONSHIP CANNOT BE ENTERED WHEN RELATED TO OFFENDER NUMBER “00”")
def relationship_to_unknown_offender(victim, incident, ctx):
    for j, rel in enumerate(victim.relationships):
        if rel.offender_number == 0 and rel.relationship:
            yield hit("35", rel.relationship, index=j)


@rule("469", when=("offense_codes=11A|36B",), segment="victim", elements=("27", "24"),
      message="The victim of {detail} must be recorded as male or female.",
      fix="Enter M or F as the victim's sex.",
      fbi_message="VICTIM SEX MUST BE “M” OR “F” FOR AN 11A OR 36B OFFENSE")
def rape_victim_sex(victim, incident, ctx):
    codes = [c for c in victim.offense_codes if c in ("11A", "36B")]
    if codes and victim.sex and victim.sex not in ("M", "F"):
        yield hit("27", victim.sex, detail=", ".join(f.describe(ctx, O, c) for c in codes))


@rule("470", when=("relationships.relationship=VO",), segment="victim", elements=("35",),
      message="'Victim was offender' (VO) needs at least two victims and two offenders in the incident.",
      fix="VO is for fights and mutual assaults: enter each person both as a victim and as an offender.",
      fbi_message="WHEN “VO” RELATIONSHIP IS PRESENT, MUST HAVE TWO OR MORE VICTIMS AND OFFENDERS")
def victim_was_offender_needs_two(victim, incident, ctx):
    if len(incident.victims) >= 2 and len(incident.offenders) >= 2:
        return
    for j, rel in enumerate(victim.relationships):
        if rel.relationship == "VO":
            yield hit("35", "VO", index=j)
            return


@rule("471", when=("relationships.relationship=VO",), segment="victim", elements=("35", "34"),
      message="The victim is recorded as being more than one offender ('victim was offender', VO, twice).",
      fix="A victim can be only one of the offenders: keep VO for one offender number.",
      fbi_message="ONLY ONE VO RELATIONSHIP PER VICTIM")
def victim_was_two_offenders(victim, incident, ctx):
    vo = [j for j, r in enumerate(victim.relationships) if r.relationship == "VO"]
    if len(vo) > 1:
        yield hit("35", "VO", index=vo[1])


@rule("472", when=("relationships & ^offenders.age=00",), segment="victim", elements=("35", "34", "37", "38", "39"),
      message="Offender {detail} is entirely unknown (age 00, sex U, race U), so the relationship must be RU "
              "(relationship unknown), not {value}.",
      fix="Choose RU, or enter what is known about the offender.",
      fbi_message="WHEN OFFENDER AGE/SEX/RACE ARE UNKNOWN, RELATIONSHIP MUST BE “RU” = UNKNOWN")
def unknown_offender_relationship(victim, incident, ctx):
    offenders = f.offenders_by_number(incident)
    for j, rel in enumerate(victim.relationships):
        o = offenders.get(rel.offender_number)
        if o is None or not rel.relationship or rel.relationship == "RU" or rel.offender_number == 0:
            continue
        if o.age == "00" and o.sex == "U" and o.race == "U":
            yield hit("35", rel.relationship, index=j, detail=f"{rel.offender_number:02d}")


@rule("474", when=("victims.relationships",), segment="incident", elements=("35", "34"),
      message="Offender {detail} is recorded as the same person as more than one victim ('victim was offender', VO).",
      fix="An offender can be only one of the victims: keep VO for one victim.",
      fbi_message="ONLY ONE VO RELATIONSHIP CAN BE ASSIGNED TO A SPECIFIC OFFENDER")
def offender_was_two_victims(incident, ctx):
    yield from _one_victim_per_offender(incident, "VO")


def _one_victim_per_offender(incident, code):
    seen: set[int] = set()
    for i, victim in enumerate(incident.victims):
        for j, rel in enumerate(victim.relationships):
            if rel.relationship != code or not isinstance(rel.offender_number, int):
                continue
            if rel.offender_number in seen:
                yield hit("35", code, index=j, segment_path=f"victims[{i}]", detail=f"{rel.offender_number:02d}")
            seen.add(rel.offender_number)


@rule("475", when=("relationships.relationship=SE",), segment="victim", elements=("35", "34"),
      message="The victim is recorded as the spouse (SE) of more than one offender.",
      fix="A victim can be the spouse of only one offender; check the relationships.",
      fbi_message="ONLY ONE “SE” RELATIONSHIP PER VICTIM")
def victim_two_spouses(victim, incident, ctx):
    se = [j for j, r in enumerate(victim.relationships) if r.relationship == "SE"]
    if len(se) > 1:
        yield hit("35", "SE", index=se[1])


@rule("476", when=("victims.relationships",), segment="incident", elements=("35", "34"),
      message="Offender {detail} is recorded as the spouse (SE) of more than one victim.",
      fix="An offender can be the spouse of only one victim; check the relationships.",
      fbi_message="ONLY ONE “SE” RELATIONSHIP CAN BE ASSIGNED TO A SPECIFIC OFFENDER")
def offender_two_spouses(incident, ctx):
    yield from _one_victim_per_offender(incident, "SE")


@rule("478", when=("offense_codes#2",), segment="victim", elements=("24",),
      message="The victim cannot be the victim of both {detail}.",
      fix="Report only the most serious of these offenses for this victim: by FBI rules one includes the other or "
          "they exclude each other (e.g. an assault that ended in murder is only murder).",
      fbi_message="VICTIM CONNECTED TO AN INVALID COMBINATION OF OFFENSES")
def exclusive_offenses(victim, incident, ctx):
    codes = [c for c in victim.offense_codes if c]
    for j, b in enumerate(codes):
        for a in codes[:j]:
            if a == b:
                continue
            if _excludes(ctx, a, b) or _excludes(ctx, b, a):
                yield hit("24", b, index=j, detail=f"{f.describe(ctx, O, a)} and {f.describe(ctx, O, b)}")
                break


def _excludes(ctx, a: str, b: str) -> bool:
    c = f.offense(ctx, a)
    if c is None:
        return False
    return bool(c.attrs.get("victim_excludes_all")) or b in (c.attrs.get("victim_excludes") or ())


@rule("479", when=("offense_codes=13B",), segment="victim", elements=("33", "24"),
      message="A simple assault is the only crime against this person, but the victim has a major injury "
              "({detail}).",
      fix="An assault causing a major injury (broken bones, internal injury, severe cut, lost teeth, "
          "unconsciousness, other major injury) is an aggravated assault (13A); change the offense or the injury.",
      fbi_message="SIMPLE ASSAULT(13B) CANNOT HAVE MAJOR INJURIES")
def simple_assault_major_injury(victim, incident, ctx):
    person = [c for c in victim.offense_codes if f.against(ctx, c) == "Person"]
    if person != ["13B"]:
        return
    major = [(i, v) for i, v in enumerate(victim.injuries) if f.attr(ctx, "injury", v, "major")]
    if major:
        i, v = major[0]
        yield hit("33", v, index=i, detail=f.describe(ctx, "injury", v))


@rule("480", when=("circumstances=08",), segment="victim", elements=("31", "6", "23"),
      message="'Other felony involved' (08) needs another felony in the incident, but it has one offense and one "
              "victim.",
      fix="Add the other felony offense (or the other victims), or choose another circumstance.",
      fbi_message="WHEN ASSAULT/HOMICIDE (31) IS 08, INCIDENT MUST HAVE TWO OR MORE OFFENSES")
def other_felony_alone(victim, incident, ctx):
    if "08" in victim.circumstances and len(incident.offenses) == 1 and len(incident.victims) == 1:
        yield hit("31", "08", index=victim.circumstances.index("08"))


@rule("481", when=("offense_codes=36B",), segment="victim", elements=("26", "24"),
      message="A victim of statutory rape (36B) must be under 18; the age given is {detail}.",
      fix="Check the victim's age; sex with a person 18 or older is not statutory rape.",
      fbi_message="VICTIM’S AGE MUST BE LESS THAN 18 FOR STATUTORY RAPE (36B)")
def statutory_rape_age(victim, incident, ctx):
    years = f.age_years(victim.age)
    if "36B" in victim.offense_codes and years is not None and years >= 18:
        yield hit("26", victim.age, detail=f.age_text(victim.age))


@rule("482", when=("victim_type=L",), segment="victim", elements=("25", "24"),
      message="An officer victim (L) is reported only for murder, aggravated assault, simple assault or "
              "intimidation; this victim is connected to {detail}.",
      fix="Use victim type I (individual) for an officer harmed by other offenses.",
      fbi_message="LEOKA VICTIM MUST BE CONNECTED TO MURDER OR ASSAULT OFFENSE")
def officer_victim_offense(victim, incident, ctx):
    if victim.victim_type != "L" or not victim.offense_codes:
        return
    if not any(f.attr(ctx, O, c, "leoka") for c in victim.offense_codes):
        yield hit("25", "L", detail=", ".join(f.describe(ctx, O, c) for c in victim.offense_codes if c))


@rule("483", when=("officer_activity", "officer_assignment", "officer_ori"), segment="victim", elements=("25A", "25B", "25C", "25"),
      message="{detail} is given, but the victim is not a law enforcement officer.",
      fix="Remove the officer details, or make the victim type L (law enforcement officer).",
      fbi_message="VICTIM MUST BE LAW ENFORCEMENT OFFICER TO ENTER LEOKA DATA")
def officer_data_for_non_officer(victim, incident, ctx):
    if victim.victim_type == "L" or not victim.victim_type:
        return
    for element_id, field in (("25A", "officer_activity"), ("25B", "officer_assignment"), ("25C", "officer_ori")):
        v = getattr(victim, field)
        if v:
            yield hit(element_id, v, detail=ctx.dictionary.element(element_id).name)


@rule("485", when=("offense_codes=360",), segment="victim", elements=("34", "24"),
      message="A victim of failure to register as a sex offender (360) cannot be related to offender 00: the "
              "offender is known.",
      fix="Relate the victim to the known offender's number.",
      fbi_message="OFFENDER NUMBER TO BE RELATED CANNOT BE 00 FOR OFFENSE 360")
def unknown_offender_for_360(victim, incident, ctx):
    if "360" in victim.offense_codes:
        for j, rel in enumerate(victim.relationships):
            if rel.offender_number == 0:
                yield hit("34", 0, index=j)


@rule("490", when=("victim_type=L",), segment="victim", elements=("25", "24", "3_hour"),
      message="The victim is an officer killed or assaulted, so the incident hour is required.",
      fix="Enter the hour of the incident (00-23) on the incident page.",
      fbi_message="INCIDENT DATE/HOUR MUST CONTAIN A VALID ENTRY WHEN VICTIM IS L = LAW ENFORCEMENT OFFICER")
def officer_victim_needs_hour(victim, incident, ctx):
    if victim.victim_type != "L" or incident.incident_hour is not None or "incident_hour" in incident.invalid:
        return
    if any(f.attr(ctx, O, c, "leoka") for c in victim.offense_codes):
        yield hit("25", "L")
