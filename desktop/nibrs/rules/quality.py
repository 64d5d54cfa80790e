"""Data-quality checks (spec 2019.1 section 5.2.10): warnings, not errors.

The FBI accepts the data and flags it for a second look. Which codes a warning is about is
the ``quality_checks`` attribute of the codes in codes.yaml (e.g. the property the FBI finds
improbable in a theft from a coin-operated machine, 1305).

Readings where the spec's wording leaves room:
* "Hate crime" (1222-1226, 1427) is a bias motivation other than 88 (none), as the spec words
  it; 99 (unknown) therefore counts, besides its own 1220.
* 1509/1609 "homicide" are murder (09A) and negligent manslaughter (09B); justifiable homicide has
  no criminal.
* 1601 follows its title (arrestee age under 3), like 1501 and 1701.
* 1314 ("drug equipment violations") is a 35B offense with criminal activity P and a property
  record with loss type 1 (none).
* 1404 is an aggravated assault victim with only minor or no injury (M, N) in an offense whose
  weapons are only personal weapons (40) or none (99); 1405 a simple assault victim with a minor
  injury (M) and no weapon (99).
* 1307 can only be reached with property code 99, which is not in the 2019.1 table (304 too).
"""

from __future__ import annotations

from desktop.nibrs import model as m
from desktop.nibrs.findings import WARNING
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules import ages as _ages  # noqa: F401  (declares the ages_under_18 code set of the guards)
from desktop.nibrs.rules.arrest import possible_juvenile as is_possible_juvenile
from desktop.nibrs.rules.engine import code_set, hit, memo, predicate, rule

O = f.OFFENSES
P = "property_description"
W = dict(severity=WARNING)
CHECK = "Check that this is right; the FBI accepts it but will ask about it."


def _offenses_named(ctx, incident, number):
    return [(i, o) for i, o in enumerate(incident.offenses) if f.quality(ctx, O, o.offense_code, number)]


def _bias(offense: m.Offense) -> list[str]:
    return [b for b in offense.bias_motivations if b and b != "88"]


def _stolen_items(incident):
    for pi, p in enumerate(incident.properties):
        if p.loss_type == "7":
            for ii, it in enumerate(p.items):
                yield pi, ii, it


def _larceny(ctx, incident) -> list[str]:
    return memo(ctx, "larcenies", incident, lambda: [c for c in f.offense_codes(incident)
                                                     if f.category(ctx, c) == "Larceny/Theft Offenses"])


# ----------------------------------------------------------------------------- offense segment (12xx)
@rule("1201", when=("offense_code=220",), segment="offense", elements=("10", "9", "6"), **W,
      message="The number of premises entered ({value}) looks like a location code: check it.",
      fix="Enter how many rooms or storage units were entered (1 to 99), not the location type.",
      fbi_message="WARNING - BURGLARY INCIDENTS WITH LOCATION 14/19 AND 14/19/99 PREMISES ENTERED")
def premises_like_location(offense, incident, ctx):
    if offense.offense_code == "220" and offense.location_type in ("14", "19") and \
            offense.premises_entered in (14, 19, 99):
        yield hit("10", offense.premises_entered)


@rule("1202", when=("weapons",), segment="offense", elements=("13", "6"), **W,
      message="A homicide with a motor vehicle as the weapon: accidental traffic deaths are not homicides.",
      fix="Keep it only for deaths caused by drunk, distracted (phone) or reckless driving; otherwise the death is "
          "not a NIBRS offense.",
      fbi_message='WARNING - HOMICIDE OR MANSLAUGHTER INCIDENTS WITH "VEHICLE" WEAPON TYPE')
def homicide_with_vehicle(offense, incident, ctx):
    if f.quality(ctx, O, offense.offense_code, "1202"):
        for i, v in enumerate(offense.weapons):
            if f.quality(ctx, "weapon_force", f.base_weapon(v), "1202"):
                yield hit("13", v, index=i)


@rule("1203", when=("weapons",), segment="offense", elements=("13", "6"), **W,
      message="A weapon law violation with {detail} as the weapon: the offense is about firearms, knives, "
              "explosives or other deadly weapons.",
      fix="Enter the weapon the law violation was about.",
      fbi_message="WARNING - WEAPONS LAW OFFENSES WITH PERSONAL WEAPONS")
def weapon_law_personal_weapons(offense, incident, ctx):
    if f.quality(ctx, O, offense.offense_code, "1203"):
        for i, v in enumerate(offense.weapons):
            if f.quality(ctx, "weapon_force", v, "1203"):
                yield hit("13", v, index=i, detail=f.describe(ctx, "weapon_force", v))


@rule("1204", when=("offenses.offense_code=120",), segment="incident", elements=("6", "25", "24"), **W,
      message="A robbery with no person among its victims.",
      fix="The victims of a robbery include the people threatened or attacked (e.g. the clerk), not only the "
          "business robbed: add them as individual victims.",
      fbi_message="WARNING - ROBBERY INCIDENTS WITH NO INDIVIDUAL VICTIM")
def robbery_without_person(incident, ctx):
    for i, o in enumerate(incident.offenses):
        if o.offense_code != "120":
            continue
        victims = [v for v in incident.victims if "120" in v.offense_codes]
        if victims and not any(v.victim_type in ("I", "L") for v in victims):
            yield hit("6", "120", segment_path=f"offenses[{i}]")


@rule("1209", when=("weapons",), segment="offense", elements=("13",), **W,
      message="An automatic firearm ({value}) is reported.",
      fix="Keep the automatic indicator only for a firearm that fires more than one shot with one pull of the "
          "trigger.",
      fbi_message="WARNING - OFFENSE CONTAINS AUTOMATIC WEAPONS")
def automatic_weapon(offense, incident, ctx):
    firearms = f.codes_with(ctx, "weapon_force", "firearm")
    for i, v in enumerate(offense.weapons):
        if v in firearms and f.auto_flag(v) == "A":
            yield hit("13", v, index=i)


@rule("1220", when=("bias_motivations=99",), segment="offense", elements=("8A",), **W,
      message="The bias motivation is unknown (99): a suspected hate crime.",
      fix="After the investigation, send the incident again with 88 (no bias) or the bias found.",
      fbi_message="WARNING - INCIDENT REPORTED WITH BIAS CODE 99 OR UNKNOWN")
def unknown_bias(offense, incident, ctx):
    if "99" in offense.bias_motivations:
        yield hit("8A", "99", index=offense.bias_motivations.index("99"))


@rule("1221", when=("bias_motivations#2",), segment="offense", elements=("8A",), **W,
      message="The offense has {detail} bias motivations.",
      fix="Check that each bias motivation is right.",
      fbi_message="WARNING - INCIDENT REPORTED WITH MULTIPLE BIAS CODES")
def multiple_bias(offense, incident, ctx):
    values = [b for b in offense.bias_motivations if b]
    if len(values) > 1:
        yield hit("8A", values[1], index=1, detail=str(len(values)))


def _hate(number, name):
    def check(offense, incident, ctx):
        if f.quality(ctx, O, offense.offense_code, number) and _bias(offense):
            yield hit("8A", _bias(offense)[0], index=offense.bias_motivations.index(_bias(offense)[0]))
    check.__name__ = f"hate_crime_{name}"
    return check


for _number, _name, _words in (("1222", "murder", "A murder"), ("1223", "rape", "A rape"),
                               ("1224", "sodomy", "A sodomy"), ("1225", "sexual_assault_object",
                                                                "A sexual assault with an object")):
    rule(_number, segment="offense", elements=("8A", "6"), **W, when=("bias_motivations!=88",),
         message=_words + " reported as a hate crime (bias motivation {value}).",
         fix=CHECK,
         fbi_message=f"WARNING - INCIDENT REPORTED WITH OFFENSE {_name.upper().replace('_', ' ')} ASSOCIATED "
                     f"WITH HATE CRIME")(_hate(_number, _name))


@rule("1226", when=("offenses#2",), segment="incident", elements=("8A", "6"), **W,
      message="{detail} offenses of this incident are reported as hate crimes.",
      fix=CHECK,
      fbi_message="WARNING - INCIDENT REPORTED WITH MULTIPLE OFFENSE SEGMENTS ASSOCIATED WITH A HATE CRIME")
def several_hate_offenses(incident, ctx):
    biased = [i for i, o in enumerate(incident.offenses) if _bias(o)]
    if len(biased) > 1:
        yield hit("8A", _bias(incident.offenses[biased[1]])[0], index=0, segment_path=f"offenses[{biased[1]}]",
                  detail=str(len(biased)))


# ----------------------------------------------------------------------------- property (13xx)
@rule("1302", when=("loss_type=2",), segment="property", elements=("15", "16", "6"), **W,
      message="Property burned in an arson is described as 'other' (77) with a value of ${value}.",
      fix="Describe the nine most valuable kinds of property with their own codes; 'other' is for the rest.",
      fbi_message='WARNING - ARSON PROPERTY TYPE 77 "OTHER" WITH HIGH DOLLAR VALUES - 10,000')
def arson_other_property(prop, incident, ctx):
    if prop.loss_type != "2" or "200" not in f.offense_set(incident):
        return
    for i, it in enumerate(prop.items):
        if f.quality(ctx, P, it.description, "1302") and isinstance(it.value, int) and it.value > 10000:
            yield hit("16", it.value, index=i)


@rule("1303", when=("offenses#2",), segment="incident", elements=("6",), **W,
      message="A burglary is reported together with a larceny ({detail}).",
      fix="A burglary includes the theft: report only the burglary (220), unless the larceny was a separate act.",
      fbi_message="WARNING - LARCENY WITH BURGLARY")
def larceny_with_burglary(incident, ctx):
    larcenies = _larceny(ctx, incident)
    if "220" in f.offense_set(incident) and larcenies:
        i = f.offense_codes(incident).index(larcenies[0])
        yield hit("6", larcenies[0], segment_path=f"offenses[{i}]",
                  detail=", ".join(f.describe(ctx, O, c) for c in larcenies))


@predicate("larceny_warning_item", factory=True)
def _larceny_warning_item(ctx):
    """The incident has a stolen item that one of the larceny warnings (1304-1306, 1312) names."""
    codes = frozenset().union(*(f.codes_with(ctx, P, "quality_checks", n) for n in ("1304", "1305", "1306", "1312")))
    larcenies = f.codes_with(ctx, O, "category", "Larceny/Theft Offenses")

    def test(incident) -> bool:  # the warnings need a larceny too
        for o in incident.offenses:
            if o.offense_code in larcenies:
                break
        else:
            return False
        for p in incident.properties:
            if p.loss_type == "7":
                for it in p.items:
                    if it.description in codes:
                        return True
        return False
    return test


def _larceny_property(number, segment_offenses=None):
    def check(incident, ctx):
        larcenies = _larceny(ctx, incident)
        if segment_offenses is not None:
            larcenies = [c for c in larcenies if c in segment_offenses]
        if not larcenies:
            return
        for pi, ii, it in _stolen_items(incident):
            if f.quality(ctx, P, it.description, number):
                yield hit("15", it.description, index=ii, segment_path=f"properties[{pi}]",
                          detail=f.describe(ctx, P, it.description))
    return check


rule("1304", segment="incident", elements=("15", "6", "14"), **W, when=("@larceny_warning_item",),
     message="An aircraft is reported stolen in a larceny.",
     fix=CHECK, fbi_message="WARNING - LARCENY THEFT - AIRCRAFT")(_larceny_property("1304"))
rule("1305", segment="incident", elements=("15", "6", "14"), **W, when=("@larceny_warning_item",),
     message="{detail} is an unlikely thing to steal from a coin-operated machine.",
     fix=CHECK, fbi_message="WARNING - LARCENY THEFT - COIN OPERATED MACHINE")(_larceny_property("1305", {"23E"}))
rule("1306", segment="incident", elements=("15", "6", "14"), **W, when=("@larceny_warning_item",),
     message="A structure ({detail}) is reported stolen in a larceny.",
     fix=CHECK, fbi_message="WARNING - LARCENY THEFT - STOLEN STRUCTURES")(_larceny_property("1306"))
rule("1312", segment="incident", elements=("15", "6", "14"), **W, when=("@larceny_warning_item",),
     message="Radios/TVs/VCRs/DVD players are reported stolen in a theft from or of parts of a motor vehicle.",
     fix="A car radio is a vehicle part or accessory; check the property description and the offense.",
     fbi_message="WARNING - LARCENY-THEFT 23F AND 23G - RADIOS/TVs/VCRs")(_larceny_property("1312", {"23F", "23G"}))


@rule("1307", when=("items.description=99",), segment="property", elements=("15",), **W,
      message="Property code 99 (special, not currently used by the FBI) is reported.",
      fix="Choose the property description that fits.",
      fbi_message="WARNING - SPECIAL PROPERTY CODE - 99")
def special_property_code(prop, incident, ctx):
    for i, it in enumerate(prop.items):
        if it.description == "99":
            yield hit("15", "99", index=i)


@rule("1308", when=("stolen_vehicles",), segment="property", elements=("18",), **W,
      message="{value} motor vehicles are reported stolen.",
      fix=CHECK, fbi_message="WARNING - MOTOR VEHICLE THEFT INCIDENTS WITH GREATER THAN 5 VEHICLES STOLEN")
def many_vehicles_stolen(prop, incident, ctx):
    if isinstance(prop.stolen_vehicles, int) and prop.stolen_vehicles > 5:
        yield hit("18", prop.stolen_vehicles)


code_set("credit_cards")(lambda ctx: f.codes_with(ctx, P, "quality_checks", "1310"))


@rule("1310", when=("items.description=@credit_cards",), segment="property", elements=("15", "14"), **W,
      message="Credit/debit cards are reported stolen.",
      fix="Report the fraudulent use of the card (26B) where there was one; the card itself has no value.",
      fbi_message="WARNING - CREDIT CARD/AUTOMATIC TELLER MACHINE FRAUD")
def stolen_credit_cards(prop, incident, ctx):
    if prop.loss_type == "7":
        for i, it in enumerate(prop.items):
            if f.quality(ctx, P, it.description, "1310"):
                yield hit("15", it.description, index=i)


@rule("1314", when=("loss_type=1",), segment="property", elements=("14", "12", "6"), **W,
      message="A drug equipment violation with 'possessing/concealing' but no property (loss type 1).",
      fix="Possessed drug equipment is usually seized (6) or recovered (5); check the loss type.",
      fbi_message="WARNING - DRUG EQUIPMENT VIOLATIONS")
def drug_equipment_no_property(prop, incident, ctx):
    if prop.loss_type != "1":
        return
    if any(o.offense_code == "35B" and "P" in o.criminal_activities for o in incident.offenses):
        yield hit("14", "1")


@rule("1316", when=("drugs.measurement=DU",), segment="property", elements=("22", "20"), **W,
      message="{detail} is measured in dosage units (DU); a weight is usual.",
      fix="Use grams, kilograms, ounces or pounds (or number of plants for marijuana).",
      fbi_message="WARNING - DRUG QUANTITY MEASUREMENTS OF DOSAGE UNIT")
def dosage_units(prop, incident, ctx):
    for i, d in enumerate(prop.drugs):
        if d.measurement == "DU" and f.quality(ctx, "drug_type", d.drug_type, "1316"):
            yield hit("22", "DU", index=i, detail=f.describe(ctx, "drug_type", d.drug_type))


@rule("1342", when=("items.value>=1000000",), segment="property", elements=("16",), **W,
      message="The value ${detail} is $1,000,000 or more.",
      fix="Check that cents were not typed as dollars (values are in whole dollars).",
      fbi_message="WARNING–PROPERTY DESC(15) HAD VALUE (16) THAT EXCEEDED THRESHOLD OF [$ value]")
def large_value(prop, incident, ctx):
    for i, it in enumerate(prop.items):
        if isinstance(it.value, int) and it.value >= 1_000_000:
            yield hit("16", it.value, index=i, detail=f"{it.value:,}")


@rule("1343", when=("offenses#2",), segment="incident", elements=("6", "14", "15"), **W,
      message="A motor vehicle is reported recovered with stolen property (280) and motor vehicle theft (240), but no "
              "vehicle is reported stolen.",
      fix="If a vehicle was stolen, report it as stolen too.",
      fbi_message="WARNING–280 OFFENSE HAS RECOVERED VEHICLE BUT 240 DOESN'T SHOW STOLEN")
def recovered_vehicle_not_stolen(incident, ctx):
    codes = f.offense_set(incident)
    if not {"280", "240"} <= codes:
        return
    vehicles = f.codes_with(ctx, P, "motor_vehicle")
    stolen = any(it.description in vehicles for _p, _i, it in _stolen_items(incident))
    if stolen:
        return
    for pi, p in enumerate(incident.properties):
        if p.loss_type == "5":
            for ii, it in enumerate(p.items):
                if it.description in vehicles:
                    yield hit("15", it.description, index=ii, segment_path=f"properties[{pi}]")
                    return


# ----------------------------------------------------------------------------- victims (14xx)
def _relationships_kinds(ctx, victim):
    return [(j, r, f.attr(ctx, "relationship", r.relationship, "kind")) for j, r in enumerate(victim.relationships)
            if r.relationship]


@rule("1401", when=("offense_codes=36A",), segment="victim", elements=("35", "24"), **W,
      message="Incest with an offender who is not a family member ({detail}).",
      fix="Incest is between relatives; with a non-family offender the offense is statutory rape or rape.",
      fbi_message="WARNING - INCEST WITHOUT FAMILY RELATIONSHIP")
def incest_not_family(victim, incident, ctx):
    if "36A" not in victim.offense_codes:
        return
    for j, r, kind in _relationships_kinds(ctx, victim):
        if kind not in ("family", "unknown", "other"):
            yield hit("35", r.relationship, index=j, detail=f.describe(ctx, "relationship", r.relationship))


@rule("1402", when=("offense_codes=36B",), segment="victim", elements=("26", "24"), **W,
      message="A statutory rape victim under 13 ({detail}): a child that young cannot consent.",
      fix="Check whether the offense is rape (11A) rather than statutory rape.",
      fbi_message="WARNING - STATUATORY RAPE WITH VICTIMS UNDER AGE 13")
def statutory_rape_child(victim, incident, ctx):
    years = f.age_years(victim.age)
    if "36B" in victim.offense_codes and years is not None and years < 13:
        yield hit("26", victim.age, detail=f.age_text(victim.age))


@rule("1403", when=("offense_codes=36B",), segment="victim", elements=("35", "24"), **W,
      message="A statutory rape by a family member ({detail}).",
      fix="Within the family the offense is incest (36A) or rape (11A).",
      fbi_message="WARNING - STATUATORY RAPE WITH VICTIM AS FAMILY MEMBER")
def statutory_rape_family(victim, incident, ctx):
    if "36B" not in victim.offense_codes:
        return
    for j, r, kind in _relationships_kinds(ctx, victim):
        if kind == "family":
            yield hit("35", r.relationship, index=j, detail=f.describe(ctx, "relationship", r.relationship))
            return


def _weapons_of(incident, code) -> list[str]:
    o = incident.offense(code)
    return [w for w in (o.weapons if o else []) if w]


@rule("1404", when=("offense_codes=13A",), segment="victim", elements=("33", "13", "24"), **W,
      message="An aggravated assault with only minor or no injury and no weapon besides hands, fists or feet.",
      fix="Without a weapon and without a serious injury, the assault is usually a simple assault (13B).",
      fbi_message="WARNING - AGGRAVATED ASSAULT WITH MINOR OR NO INJURY AND PERSONAL OR NO WEAPONS")
def aggravated_assault_minor(victim, incident, ctx):
    if "13A" not in victim.offense_codes or not victim.injuries:
        return
    weapons = _weapons_of(incident, "13A")
    if any(f.attr(ctx, "injury", i, "major") for i in victim.injuries) or \
            not all(i in ("M", "N") for i in victim.injuries if i):
        return
    if weapons and all(f.quality(ctx, "weapon_force", w, "1404") for w in weapons):
        yield hit("33", victim.injuries[0], index=0)


@rule("1405", when=("injuries=M",), segment="victim", elements=("33", "13", "24"), **W,
      message="A simple assault with an injury but no weapon or force (99).",
      fix="Someone who injured the victim used at least personal weapons (40: hands, fists, feet).",
      fbi_message="WARNING - SIMPLE ASSAULT WITH INJURY AND NO WEAPON")
def simple_assault_injury_no_weapon(victim, incident, ctx):
    if "13B" not in victim.offense_codes or "M" not in victim.injuries:
        return
    weapons = _weapons_of(incident, "13B")
    if weapons and all(f.quality(ctx, "weapon_force", w, "1405") for w in weapons):
        yield hit("33", "M", index=victim.injuries.index("M"))


@rule("1407", when=("age=00",), segment="victim", elements=("26", "27", "28"), **W,
      message="Nothing is known about this victim (age, sex and race unknown).",
      fix="Victims are usually known: enter what is known, or an estimated age range.",
      fbi_message="WARNING - UKNOWN VICTIM INFORMATION")
def unknown_victim(victim, incident, ctx):
    if victim.victim_type == "I" and victim.age == "00" and victim.sex == "U" and victim.race == "U":
        yield hit("26", "00")


@rule("1408", when=("age=@ages_under_18",), segment="victim", elements=("26", "24"), **W,
      message="The only victim of a property crime is a child under 7 ({detail}).",
      fix="Check the victim's age; the owner of the property is usually an adult or a business.",
      fbi_message="WARNING - PROPERTY CRIME WITH THE ONLY VICTIM UNDER AGE 7")
def property_crime_young_victim(victim, incident, ctx):
    if len(incident.victims) != 1:
        return
    years = f.age_years(victim.age)
    if years is not None and years < 7 and any(f.against(ctx, c) == "Property" for c in victim.offense_codes):
        yield hit("26", victim.age, detail=f.age_text(victim.age))


@rule("1409", when=("victim_type=L",), segment="victim", elements=("31", "25", "24"), **W,
      message="An officer killed or assaulted without the circumstance 'assault on law enforcement officer' (02).",
      fix="Add circumstance 02 for an officer victim of a murder or aggravated assault.",
      fbi_message="WARNING - VICTIM IS OFFICER OF ASSAULT OR HOMICIDE WITHOUT VICTIM CIRCUMSTANCE BEING ASSAULT ON "
                  "LAW ENFORCEMENT OFFICER")
def officer_without_circumstance(victim, incident, ctx):
    if victim.victim_type == "L" and {"09A", "13A"} & set(victim.offense_codes) and victim.circumstances \
            and "02" not in victim.circumstances:
        yield hit("31", victim.circumstances[0], index=0)


code_set("generational_relationships")(lambda ctx: f.codes_with(ctx, "relationship", "generational"))


@rule("1413", when=("relationships.relationship=@generational_relationships",), segment="victim", elements=("35", "26", "37"), **W,
      message="Victim and offender {detail} are related as {value} but their ages differ by less than 11 years.",
      fix="Check both ages and the relationship.",
      fbi_message="CHILD/PARENT RELATIONSHIPS WITH POSSIBLE AGE PROBLEMS")
def generation_gap(victim, incident, ctx):
    v_age = f.age_years(victim.age)
    if v_age is None:
        return
    offenders = f.offenders_by_number(incident)
    for j, r in enumerate(victim.relationships):
        if not f.attr(ctx, "relationship", r.relationship, "generational"):
            continue
        o = offenders.get(r.offender_number)
        o_age = f.age_years(o.age) if o is not None else None
        if o_age is not None and abs(v_age - o_age) < 11:
            yield hit("35", r.relationship, index=j, detail=f"{r.offender_number:02d}")


@rule("1427", when=("victim_type=S",), segment="victim", elements=("25", "8A", "24"), **W,
      message="Society/public is the victim of a hate crime ({detail}).",
      fix=CHECK, fbi_message="WARNING - INCIDENT REPORTED WITH SOCIETY AS VICTIM OF A HATE CRIME")
def society_hate_victim(victim, incident, ctx):
    if victim.victim_type != "S":
        return
    biased = [o.offense_code for o in incident.offenses if o.offense_code in victim.offense_codes and _bias(o)]
    if biased:
        yield hit("25", "S", detail=", ".join(f.describe(ctx, O, c) for c in biased))


def _over_98(segment_kind, number, element, who, fbi):
    def check(*args):
        person = args[0]
        if person.age == "99":
            yield hit(element, "99")
    check.__name__ = f"age_99_{segment_kind}"
    rule(number, segment=segment_kind, elements=(element,), **W, when=("age=99",),
         message=f"The {who} is recorded as over 98 years old (99).",
         fix="99 means over 98; enter 00 if the age is unknown.", fbi_message=fbi)(check)


_over_98("victim", "1441", "26", "victim", "WARNING - Victim had age over 98")
_over_98("offender", "1541", "37", "offender", "WARNING - Offender had age over 98")
_over_98("arrestee", "1641", "47", "arrestee", "WARNING–ARRESTEE HAD AN AGE OF 99 OR OLDER")
_over_98("group_b", "1741", "47", "arrestee", "WARNING–ARRESTEE IS OVER AGE 98")


@rule("1449", when=("relationships.relationship=SE",), segment="victim", elements=("26", "35"), **W,
      message="The victim is recorded as a spouse but is {value} years old (13 to 17).",
      fix="Check the victim's age and the relationship (SE = spouse).",
      fbi_message="WARNING–VICTIM IS SPOUSE, BUT AGE IS LESS THAN 18")
def young_spouse_victim_warning(victim, incident, ctx):
    years = f.age_years(victim.age)
    if years is not None and 13 <= years <= 17 and any(r.relationship == "SE" for r in victim.relationships):
        yield hit("26", victim.age)


# ----------------------------------------------------------------------------- offenders (15xx) and 1607
@rule("1501", when=("age=@ages_under_18",), segment="offender", elements=("37",), **W,
      message="The offender is {detail} years old (under 3).",
      fix="Check the age: it may have been typed in place of the offender number.",
      fbi_message="WARNING - AGE OF OFFENDER LESS THAN 3")
def offender_under_3(offender, incident, ctx):
    years = f.age_years(offender.age)
    if years is not None and years < 3:
        yield hit("37", offender.age, detail=str(years))


@rule("1508", when=("age=@ages_under_18",), segment="offender", elements=("37", "6"), **W,
      message="A fondling by an offender under 13 ({detail} years old).",
      fix="Check the offender's age and the offense.",
      fbi_message="WARNING - FONDLING WITH OFFENDERS UNDER AGE 13")
def fondling_young_offender(offender, incident, ctx):
    years = f.age_years(offender.age)
    if years is not None and years < 13 and _offenses_named(ctx, incident, "1508"):
        yield hit("37", offender.age, detail=str(years))


@rule("1509", when=("age=@ages_under_18",), segment="offender", elements=("37", "6"), **W,
      message="A homicide, rape or robbery by an offender under 11 ({detail} years old).",
      fix="Check the offender's age.",
      fbi_message="WARNING - VIOLENT CRIME WITH OFFENDER UNDER 11")
def violent_young_offender(offender, incident, ctx):
    years = f.age_years(offender.age)
    if years is not None and years < 11 and _offenses_named(ctx, incident, "1509"):
        yield hit("37", offender.age, detail=str(years))


@rule("1549", when=("age=@ages_under_18",), segment="offender", elements=("37", "35"), **W,
      message="The offender is recorded as a victim's spouse but is {value} years old (13 to 17).",
      fix="Check the offender's age and the relationship (SE = spouse).",
      fbi_message="WARNING–OFFENDER IS SPOUSE, BUT AGE IS LESS THAN 18")
def young_spouse_offender_warning(offender, incident, ctx):
    years = f.age_years(offender.age)
    if years is None or not 13 <= years <= 17 or not isinstance(offender.sequence_number, int):
        return
    if any(r.relationship == "SE" and r.offender_number == offender.sequence_number
           for v in incident.victims for r in v.relationships):
        yield hit("37", offender.age)


@rule("1607", when=("age=00",), segment="offender", elements=("36", "37", "38", "39"), **W,
      message="Offender {value} has nothing known (age 00, sex U, race U).",
      fix="If nothing at all is known about the offenders, report a single offender 00 with no age, sex or race.",
      fbi_message="WARNING - OFFENDER SEQUENCE NUMBER WITH ALL UNKNOWN INFORMATION")
def offender_all_unknown(offender, incident, ctx):
    n = offender.sequence_number
    if isinstance(n, int) and n > 0 and offender.age == "00" and offender.sex == "U" and offender.race == "U":
        yield hit("36", f"{n:02d}")


# ----------------------------------------------------------------------------- arrestees (16xx, 17xx)
def _arrest_warnings(kind: str, under_3_no: str, dui_no: str, juvenile_no: str) -> None:
    def args_of(args):
        return args[0], args[-1]

    def under_3(*args):
        a, _ctx = args_of(args)
        years = f.age_years(a.age)
        if years is not None and years < 3:
            yield hit("47", a.age, detail=str(years))

    def dui_young(*args):
        a, ctx = args_of(args)
        years = f.age_years(a.age)
        if years is not None and years < 13 and f.quality(ctx, O, a.arrest_offense_code, dui_no):
            yield hit("47", a.age, detail=str(years))

    def possible_juvenile(*args):
        a, _ctx = args_of(args)
        if not a.disposition_under_18 and is_possible_juvenile(a.age):
            yield hit("52", None, detail=f.age_text(a.age))

    for func, name in ((under_3, "under_3"), (dui_young, "dui_young"), (possible_juvenile, "possible_juvenile")):
        func.__name__ = f"arrestee_{name}_{kind}"
    group = "A" if kind == "arrestee" else "B"
    young = ("age=@ages_under_18",)
    rule(under_3_no, segment=kind, elements=("47",), **W, when=young,
         message="The arrestee is {detail} years old (under 3).",
         fix="Check the age: it may have been typed in place of the arrestee number.",
         fbi_message="WARNING - AGE OF ARRESTEE LESS THAN 3")(under_3)
    rule(dui_no, segment=kind, elements=("47", "45"), **W, when=young,
         message="An arrest for driving under the influence of a child under 13 ({detail} years old).",
         fix="Check the arrestee's age and the arrest offense.",
         fbi_message="WARNING - DUI WITH ARRESTEE UNDER 13")(dui_young)
    rule(juvenile_no, segment=kind, elements=("52", "47"), **W, when=young,
         message="The arrestee's age range ({detail}) is mostly under 18, but no juvenile disposition is given.",
         fix="If the arrestee is a juvenile, enter the disposition (H handled within the department, R referred).",
         fbi_message=f"WARNING–NO DISPOSITION FOR POSSIBLE JUVENILE ARRESTEE (GROUP {group})")(possible_juvenile)


_arrest_warnings("arrestee", "1601", "1608", "1640")
_arrest_warnings("group_b", "1701", "1708", "1740")


@rule("1609", when=("age=@ages_under_18",), segment="arrestee", elements=("47", "45"), **W,
      message="An arrest for a homicide, rape or robbery of a child under 11 ({detail} years old).",
      fix="Check the arrestee's age.",
      fbi_message="WARNING - VIOLENT CRIME WITH ARRESTEE UNDER 11")
def violent_young_arrestee(arrestee, incident, ctx):
    years = f.age_years(arrestee.age)
    if years is not None and years < 11 and f.quality(ctx, O, arrestee.arrest_offense_code, "1609"):
        yield hit("47", arrestee.age, detail=str(years))
