"""Offense segment edits (2xx).

201 (blank mandatory elements) is in ``mandatory.py``, 204 in ``codes.py``, 215-217 in
``identifiers.py``. Which offense takes which data (weapons, criminal activity, cyberspace,
completed-only) is read from the offense codes' attributes in codes.yaml.

A firearm with 13B gets both 265 (not one of the weapons a simple assault takes) and 269 (probably
an aggravated assault): the spec lists both for DE 13 (Table 3-23) and names no precedence.
What the later spec versions change (258 and 265 relaxed in 2025.0...) is declared as data, in
``resources/dictionary/specs/``, not here.
"""

from __future__ import annotations

from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import code_set, hit, rule

O = f.OFFENSES


def _known(ctx, offense) -> bool:
    """The offense code is one whose facts we hold (not blank, not unknown, not federal-only)."""
    c = f.offense(ctx, offense.offense_code)
    return c is not None and not c.federal_only


@rule("202", when=("invalid", "premises_entered"), segment="offense", elements=("10",),
      message="The number of premises entered {value!r} is not a number from 01 to 99.",
      fix="Enter how many rooms, units or storage compartments were entered, 1 to 99.",
      fbi_message="CONTAINS NONNUMERIC ENTRY")
def premises_not_numeric(offense, incident, ctx):
    for _f, _i, raw in f.unreadable(offense, ["premises_entered"]):
        yield hit("10", raw)
    n = offense.premises_entered
    if isinstance(n, int) and not 1 <= n <= 99:
        yield hit("10", n)


@rule("205", when=("location_type=58",), segment="offense", elements=("9", "6"),
      message="{detail} cannot take place in cyberspace (location 58).",
      fix="Choose the physical location, or check the offense: cyberspace is only for offenses such as fraud, "
          "extortion, intimidation, pornography, gambling, drug or prostitution offenses committed online.",
      fbi_message="ERROR–INVALID OFFENSE CODE FOR LOCATION TYPE CYBERSPACE")
def cyberspace_offense(offense, incident, ctx):
    if offense.location_type == "58" and _known(ctx, offense) and \
            not f.attr(ctx, O, offense.offense_code, "cyberspace"):
        yield hit("9", "58", detail=f.describe(ctx, O, offense.offense_code))


_MULTI = (("8", "suspected_using", "suspected_using"), ("8A", "bias_motivations", "bias_motivation"),
          ("12", "criminal_activities", "criminal_activity"), ("13", "weapons", "weapon_force"))


@rule("206", when=("suspected_using#2", "bias_motivations#2", "criminal_activities#2", "weapons#2"), segment="offense", elements=("8", "8A", "12", "13"),
      message="{detail} {value!r} is entered twice.",
      fix="Remove the repeated entry.",
      fbi_message="ERROR - DUPLICATE VALUE = [value]")
def duplicate_offense_values(offense, incident, ctx):
    for element_id, field, _list in _MULTI:
        for i, v in f.duplicates(getattr(offense, field)):
            yield hit(element_id, v, index=i, detail=ctx.dictionary.element(element_id).name)


@rule("207", when=("suspected_using#2", "bias_motivations#2", "criminal_activities#2", "weapons#2"), segment="offense", elements=("8", "8A", "12", "13"),
      message="{detail}",
      fix="Keep either that entry alone or the other entries, not both.",
      fbi_message="ERROR - MUTUALLY EXCLUSIVE VALUE = [value]")
def exclusive_offense_values(offense, incident, ctx):
    for element_id, field, list_id in _MULTI:
        clash = f.exclusive_clash(getattr(offense, field), lambda v, l=list_id: f.attr(ctx, l, v, "exclusive"))
        if clash is not None:
            i, v = clash
            yield hit(element_id, v, index=i,
                      detail=f"{ctx.dictionary.element(element_id).name}: {f.describe(ctx, list_id, v)} cannot "
                             f"be combined with other entries.")


@rule("219", when=("criminal_activities",), segment="offense", elements=("12", "6"),
      message="{detail}",
      fix="Criminal activity codes B, C, D, E, O, P, T, U go with counterfeiting, stolen property, drug, gambling "
          "equipment, pornography and weapon offenses; gang codes J, G, N with homicide, kidnapping, sex offenses, "
          "robbery and assault; A, F, I, S with animal cruelty. Remove the entry or check the offense.",
      fbi_message="DATA CAN ONLY BE ENTERED FOR SPECIFIC OFFENSES")
def criminal_activity_not_for_offense(offense, incident, ctx):
    if not _known(ctx, offense):
        return
    takes = f.attr(ctx, O, offense.offense_code, "criminal_activity")
    for i, v in enumerate(offense.criminal_activities):
        kind = f.attr(ctx, "criminal_activity", v, "kind")
        if kind is None or kind == takes:
            continue
        yield hit("12", v, index=i, detail=f"Criminal activity/gang {f.describe(ctx, 'criminal_activity', v)} does "
                                           f"not apply to {f.describe(ctx, O, offense.offense_code)}.")


code_set("criminal_activity_required")(lambda ctx: f.codes_with(ctx, O, "criminal_activity_required"))
code_set("weapon_required")(lambda ctx: f.codes_with(ctx, O, "weapon", "required"))
code_set("weapon_codes")(lambda ctx: f.plain_weapons(ctx, "weapon_force"))


@rule("220", when=("!criminal_activities & offense_code=@criminal_activity_required",), segment="offense", elements=("12", "6"),
      message="{detail} needs the type of criminal activity.",
      fix="Enter what the offenders were doing (buying, selling, possessing...) or, for animal cruelty, the kind "
          "of cruelty.",
      fbi_message="DATA MUST BE ENTERED FOR SPECIFIC OFFENSES")
def criminal_activity_required(offense, incident, ctx):
    if f.attr(ctx, O, offense.offense_code, "criminal_activity_required") and not offense.criminal_activities \
            and not any(k.startswith("criminal_activities") for k in offense.invalid):
        yield hit("12", None, detail=f.describe(ctx, O, offense.offense_code))


@rule("221", when=("!weapons & offense_code=@weapon_required",), segment="offense", elements=("13", "6"),
      message="{detail} needs the type of weapon or force used.",
      fix="Enter the weapon or force (40 for hands, fists or feet; 95 if unknown; 99 if none).",
      fbi_message="DATA MUST BE ENTERED FOR SPECIFIC OFFENSES")
def weapon_required(offense, incident, ctx):
    if f.attr(ctx, O, offense.offense_code, "weapon") == "required" and not offense.weapons \
            and not any(k.startswith("weapons") for k in offense.invalid):
        yield hit("13", None, detail=f.describe(ctx, O, offense.offense_code))


@rule("222", when=("weapons",), segment="offense", elements=("13", "6"),
      message="A weapon or force is entered, but {detail} does not take one.",
      fix="Remove the weapon; it is reported only for homicides, kidnapping, sex offenses, robbery, aggravated and "
          "simple assault, extortion, weapon law violations and human trafficking.",
      fbi_message="DATA CAN ONLY BE ENTERED FOR SPECIFIC OFFENSES")
def weapon_not_allowed(offense, incident, ctx):
    if offense.weapons and _known(ctx, offense) and f.attr(ctx, O, offense.offense_code, "weapon") is None:
        yield hit("13", offense.weapons[0], index=0, detail=f.describe(ctx, O, offense.offense_code))


@rule("250", segment="offense", elements=("6",),
      message="{detail} may be reported only by federal and tribal agencies.",
      fix="Choose the offense code a local agency uses for this crime.",
      fbi_message="OFFENSE CODE IS ONLY VALID FOR FEDERAL AND TRIBAL LEAS")
def federal_offense(offense, incident, ctx):
    if not ctx.federal_agency and f.is_federal_only(ctx, offense.offense_code):
        yield hit("6", offense.offense_code, detail=f.describe(ctx, O, offense.offense_code))


@rule("251", when=("attempted_completed!=|A|C", "invalid"), segment="offense", elements=("7",),
      message="Attempted/completed must be A (attempted) or C (completed); {value!r} is neither.",
      fix="Choose C if the offense was carried out, A if it was only attempted.",
      fbi_message="INVALID CODE")
def bad_attempted_completed(offense, incident, ctx):
    v = offense.attempted_completed
    if v not in (None, "", "A", "C"):
        yield hit("7", v)
    for _f, _i, raw in f.unreadable(offense, ["attempted_completed"]):
        yield hit("7", raw)


@rule("252", when=("premises_entered",), segment="offense", elements=("10", "9", "6"),
      message="The number of premises entered is given, but {detail}.",
      fix="Leave the number of premises blank unless this is a burglary (220) of a hotel/motel (14) or a rental "
          "storage facility (19).",
      fbi_message="OFFENSE CODE MUST BE 220 WITH A LOCATION TYPE OF 14 OR 19 FOR DATA TO BE ENTERED")
def premises_not_allowed(offense, incident, ctx):
    if offense.premises_entered is None:
        return
    premises_location = offense.location_type in f.codes_with(ctx, "location_type", "premises")
    if offense.offense_code != "220":
        yield hit("10", offense.premises_entered, detail="the offense is not a burglary (220)")
    elif not premises_location:
        yield hit("10", offense.premises_entered,
                  detail="the location is not a hotel/motel (14) or a rental storage facility (19)")


@rule("253", when=("offense_code=220",), segment="offense", elements=("11", "6"),
      message="A burglary needs the method of entry.",
      fix="Choose F if the burglar used force to get in, N if not.",
      fbi_message="MUST BE PRESENT WHEN OFFENSE CODE IS 220")
def method_of_entry_required(offense, incident, ctx):
    if offense.offense_code == "220" and not offense.method_of_entry and "method_of_entry" not in offense.invalid:
        yield hit("11", None)


@rule("254", when=("method_of_entry",), segment="offense", elements=("11", "6"),
      message="A method of entry is given, but the offense is not a burglary.",
      fix="Remove the method of entry; it is reported only for burglary (220).",
      fbi_message="MUST BE BLANK WHEN OFFENSE IS OTHER THAN 220")
def method_of_entry_not_allowed(offense, incident, ctx):
    if offense.method_of_entry and offense.offense_code and offense.offense_code != "220":
        yield hit("11", offense.method_of_entry)


@rule("255", when=("weapons!=@weapon_codes",), segment="offense", elements=("13",),
      message="The weapon {value!r} has {detail} where only A (automatic) or nothing may follow the weapon code.",
      fix="Mark the weapon automatic (A) or leave the indicator blank.",
      fbi_message="AUTOMATIC INDICATOR MUST BE BLANK OR “A”")
def bad_automatic_indicator(offense, incident, ctx):
    for i, v in enumerate(offense.weapons):
        if v and len(v) == 3 and v[2] != "A":
            yield hit("13", v, index=i, detail=f"{v[2]!r}")


@rule("256", when=("attempted_completed=A",), segment="offense", elements=("7", "6"),
      message="{detail} must be reported as completed.",
      fix="Choose C (completed): assaults and homicides are always completed (an attempted murder is an "
          "aggravated assault).",
      fbi_message="OFFENSE CODES OF 09A, 09B, 09C, 13A, 13B, AND 13C MUST HAVE ENTRY OF “C”")
def must_be_completed(offense, incident, ctx):
    if offense.attempted_completed == "A" and f.attr(ctx, O, offense.offense_code, "completed_only"):
        yield hit("7", "A", detail=f.describe(ctx, O, offense.offense_code))


@rule("257", when=("offense_code=220",), segment="offense", elements=("10", "9", "6"),
      message="A burglary of a hotel/motel or rental storage facility needs the number of premises entered.",
      fix="Enter how many rooms or storage units were entered.",
      fbi_message="MUST BE PRESENT WITH AN OFFENSE CODE OF 220 AND A LOCATION TYPE OF 14 OR 19")
def premises_required(offense, incident, ctx):
    if offense.offense_code == "220" and offense.location_type in f.codes_with(ctx, "location_type", "premises") \
            and offense.premises_entered is None and "premises_entered" not in offense.invalid:
        yield hit("10", None)


@rule("258", when=("weapons!=@weapon_codes",), segment="offense", elements=("13",),
      message="The weapon {detail} is marked automatic, but only firearms can be automatic.",
      fix="Remove the automatic indicator, or choose the firearm (11-15) that was used.",
      fbi_message="WEAPON TYPE MUST = 11, 12, 13, 14, OR 15 FOR AN “A” IN THE AUTO INDICATOR")
def automatic_not_firearm(offense, incident, ctx):
    firearms = f.codes_with(ctx, "weapon_force", "firearm")
    for i, v in enumerate(offense.weapons):
        if v and len(v) == 3 and v[2] == "A" and f.base_weapon(v) not in firearms:
            yield hit("13", v, index=i, detail=f.describe(ctx, "weapon_force", f.base_weapon(v)))


@rule("262", when=("offenses#2",), segment="incident", elements=("6",),
      message="The offense {value} is reported twice.",
      fix="Report each offense code once per incident, however many victims it has.",
      fbi_message="DUPLICATE OFFENSE SEGMENT")
def duplicate_offense(incident, ctx):
    for i, code in f.duplicates(o.offense_code for o in incident.offenses):
        yield hit("6", code, segment_path=f"offenses[{i}]")


@rule("263", when=("offenses#11",), segment="incident", elements=("6",),
      message="An incident may have at most 10 offenses; this one has {detail}.",
      fix="Report the ten most serious offenses.",
      fbi_message="CANNOT HAVE MORE THAN 10 OFFENSES")
def too_many_offenses(incident, ctx):
    if len(incident.offenses) > 10:
        yield hit("6", incident.offenses[10].offense_code, segment_path="offenses[10]", detail=str(len(incident.offenses)))


@rule("264", when=("offense_code=@group_b_offenses",), segment="offense", elements=("6",),
      message="{detail} is a Group B offense; an incident report takes only Group A offenses.",
      fix="Report a Group B offense as a Group B arrest when someone is arrested for it; choose a Group A offense here.",
      fbi_message="GROUP “A” OFFENSE CANNOT CONTAIN A GROUP “B” OFFENSE")
def group_b_offense(offense, incident, ctx):
    if f.group(ctx, offense.offense_code) == "B":
        yield hit("6", offense.offense_code, detail=f.describe(ctx, O, offense.offense_code))


@rule("265", when=("offense_code=13B",), segment="offense", elements=("13", "6"),
      message="A simple assault cannot involve {detail}.",
      fix="A simple assault uses hands, fists or feet (40), other (90), unknown (95) or no weapon (99); with a "
          "dangerous weapon the offense is an aggravated assault (13A).",
      fbi_message="INVALID WEAPON [weapon-code] WITH AN OFFENSE OF 13B")
def simple_assault_weapon(offense, incident, ctx):
    if offense.offense_code != "13B":
        return
    allowed = f.codes_with(ctx, "weapon_force", "simple_assault")
    for i, v in enumerate(offense.weapons):
        if v and v not in allowed and v in ctx.dictionary.code_lists["weapon_force"]:
            yield hit("13", v, index=i, detail=f.describe(ctx, "weapon_force", v))


@rule("266", when=("offenses#2",), segment="incident", elements=("6",),
      message="A justifiable homicide (09C) must be reported alone; this incident also has {detail}.",
      fix="Report the other offenses in a separate incident.",
      fbi_message="NO OTHER OFFENSE CAN BE SUBMITTED WITH AN 09C OFFENSE")
def justifiable_homicide_alone(incident, ctx):
    codes = f.offense_codes(incident)
    if "09C" in codes and len(set(codes)) > 1:
        i = codes.index("09C")
        others = ", ".join(f.describe(ctx, O, c) for c in dict.fromkeys(codes) if c != "09C")
        yield hit("6", "09C", segment_path=f"offenses[{i}]", detail=others)


@rule("267", when=("weapons=99",), segment="offense", elements=("13", "6"),
      message="A homicide cannot have 'none' (99) as the weapon or force.",
      fix="Enter the weapon or force that caused the death (95 if unknown).",
      fbi_message="INVALID WEAPON [weapon-code] WITH AN OFFENSE OF [offense]")
def homicide_without_weapon(offense, incident, ctx):
    if f.category(ctx, offense.offense_code) == "Homicide Offenses":
        for i, v in enumerate(offense.weapons):
            if v == "99":
                yield hit("13", v, index=i)


code_set("larcenies")(lambda ctx: f.codes_with(ctx, O, "category", "Larceny/Theft Offenses"))


@rule("268", when=("offense_code=@larcenies & ^properties.loss_type=7",), segment="offense", elements=("6", "14", "15"),
      message="A larceny cannot include a stolen motor vehicle ({detail}) unless the incident also has another "
              "property offense such as motor vehicle theft (240).",
      fix="Add the motor vehicle theft (240) offense, or remove the vehicle from the stolen property.",
      fbi_message="LARCENY OFFENSE CANNOT HAVE A MOTOR VEHICLE PROPERTY DESCRIPTION ENTERED")
def larceny_with_vehicle(offense, incident, ctx):
    if f.category(ctx, offense.offense_code) != "Larceny/Theft Offenses":
        return
    if not incident.properties:
        return
    others = [c for c in f.offense_set(incident)
              if f.against(ctx, c) == "Property" and f.category(ctx, c) != "Larceny/Theft Offenses"]
    if others:
        return
    vehicles = f.codes_with(ctx, "property_description", "motor_vehicle")
    stolen = [it.description for p in incident.properties if p.loss_type == "7" for it in p.items
              if it.description in vehicles]
    if stolen:
        yield hit("6", offense.offense_code,
                  detail=", ".join(f.describe(ctx, "property_description", d) for d in dict.fromkeys(stolen)))


@rule("269", when=("offense_code=13B",), segment="offense", elements=("13", "6"),
      message="A simple assault with {detail} is probably an aggravated assault.",
      fix="An assault with a firearm is an aggravated assault (13A); change the offense, or the weapon if no "
          "firearm was used.",
      fbi_message="POSSIBLE CLASSIFICATION ERROR OF AGGRAVATED ASSAULT 13A CODED AS SIMPLE 13B")
def simple_assault_with_firearm(offense, incident, ctx):
    if offense.offense_code != "13B":
        return
    firearms = f.codes_with(ctx, "weapon_force", "firearm")
    for i, v in enumerate(offense.weapons):
        if v in firearms:
            yield hit("13", v, index=i, detail=f.describe(ctx, "weapon_force", v))


@rule("270", when=("offense_code=09C",), segment="offense", elements=("8A", "6"),
      message="A justifiable homicide cannot be bias-motivated; the bias motivation must be 88 (none).",
      fix="Set the bias motivation to 88 (none).",
      fbi_message="JUSTIFIABLE HOMICIDE MUST BE CODED AS NON-BIAS MOTIVATED")
def justifiable_homicide_bias(offense, incident, ctx):
    if offense.offense_code == "09C" and offense.bias_motivations and offense.bias_motivations != ["88"]:
        i = next((k for k, v in enumerate(offense.bias_motivations) if v != "88"), 0)
        yield hit("8A", offense.bias_motivations[i], index=i)
