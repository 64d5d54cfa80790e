"""Property segment edits (3xx).

301 is in ``mandatory.py`` (DE 14, and DE 20 for seized drugs), 304 in ``codes.py``, 315-317
in ``identifiers.py``; the property checks across segments (072-084) are in ``structure.py``.
Facts (zero-value descriptions, pending inventory, illogical property by offense, motor
vehicles, drugs measured in plants) come from codes.yaml.

Loss types: 1 none, 2 burned, 3 counterfeited/forged, 4 destroyed/damaged/vandalized,
5 recovered, 6 seized, 7 stolen/etc., 8 unknown.
"""

from __future__ import annotations

import functools
from decimal import Decimal

from desktop.nibrs import model as m
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules.engine import code_set, hit, rule

P = "property_description"
ONE = Decimal(1)


def _items(prop: m.Property):
    return [(i, it) for i, it in enumerate(prop.items)]


def _vehicles(ctx) -> frozenset[str]:
    return f.codes_with(ctx, P, "motor_vehicle")


def _completed(incident: m.GroupAIncident, code: str) -> bool:
    return any(o.offense_code == code and o.attempted_completed == "C" for o in incident.offenses)


@rule("302", when=("invalid",), segment="property", elements=("16", "18", "19", "21"),
      message="{detail}",
      fix="Enter a number (digits only).",
      fbi_message="CONTAINS NONNUMERIC ENTRY")
def property_not_numeric(prop, incident, ctx):
    for field, element_id, name in (("stolen_vehicles", "18", "number of stolen motor vehicles"),
                                    ("recovered_vehicles", "19", "number of recovered motor vehicles")):
        for _f, _i, raw in f.unreadable(prop, [field]):
            yield hit(element_id, raw, detail=f"The {name} {raw!r} is not a number.")
    for i, item in _items(prop):
        for _f, _i, raw in f.unreadable(item, ["value"]):
            yield hit("16", raw, index=i, detail=f"The value of property {raw!r} is not a whole number of dollars.")
    for i, drug in enumerate(prop.drugs):
        for _f, _i, raw in f.unreadable(drug, ["quantity"]):
            yield hit("21", raw, index=i, detail=f"The drug quantity {raw!r} is not a number.")


@rule("305", when=("items.date_recovered",), segment="property", elements=("17", "3"),
      message="The date recovered {value} is before the incident date.",
      fix="Enter the real date the property was recovered: not before the incident.",
      fbi_message="DATE RECOVERED IS INVALID")
def recovered_before_incident(prop, incident, ctx):
    # the date's own problems (not a date, before 1991, future, after the month sent) are in ``dates.py``
    if not f.is_date(incident.incident_date):
        return
    for i, item in _items(prop):
        d = item.date_recovered
        if f.is_date(d) and d < incident.incident_date:
            yield hit("17", d, index=i)


@rule("306", when=("items#2", "drugs#2"), segment="property", elements=("15", "20", "22"),
      message="{detail}",
      fix="Enter each kind of property once per loss type, with its total value; enter a drug type twice only "
          "when it is measured in two kinds of unit (e.g. weight and plants).",
      fbi_message="ERROR–DUPLICATE DATA VALUE")
def duplicate_property(prop, incident, ctx):
    for i, d in f.duplicates(it.description for it in prop.items):
        yield hit("15", d, index=i, detail=f"Property description {f.describe(ctx, P, d)} is entered twice.")
    seen: dict[str, list[str | None]] = {}
    for i, drug in enumerate(prop.drugs):
        t = drug.drug_type
        if not t:
            continue
        kind = f.attr(ctx, "drug_measurement", drug.measurement, "kind")
        earlier = seen.setdefault(t, [])
        if earlier and (t == "U" or kind is None or kind in earlier):
            yield hit("20", t, index=i, detail=f"Drug type {f.describe(ctx, 'drug_type', t)} is entered twice"
                                               + ("" if t == "U" else " with the same kind of measurement") + ".")
        earlier.append(kind)


@rule("351", when=("items.value=0",), segment="property", elements=("16", "15"),
      message="A value of $0 is not allowed for {detail}.",
      fix="Enter the value in whole dollars; enter 1 if the value is unknown.",
      fbi_message="PROPERTY VALUE OF ZERO IS NOT ALLOWED")
def zero_value_not_allowed(prop, incident, ctx):
    for i, item in _items(prop):
        if item.value == 0 and item.description and not f.attr(ctx, P, item.description, "zero_value"):
            yield hit("16", 0, index=i, detail=f.describe(ctx, P, item.description))


@rule("352", when=("loss_type=1|8",), segment="property", elements=("14", "15", "16", "17", "18", "19", "20", "21", "22", "6"),
      message="{detail}",
      fix="With loss type 1 (none) or 8 (unknown), leave the property descriptions, values, dates, vehicle counts "
          "and drug quantities blank; for a drug offense with no seizure enter only the suspected drug type.",
      fbi_message="DATA ELEMENTS 15 - 22 MUST BE BLANK WHEN PROPERTY LOSS CODE=1 OR 8")
def details_with_no_loss(prop, incident, ctx):
    if prop.loss_type not in ("1", "8"):
        return
    why = f"Loss type {f.describe(ctx, 'property_loss', prop.loss_type)} describes no property, but"
    for i, item in _items(prop):
        for element_id, field in (("15", "description"), ("16", "value"), ("17", "date_recovered")):
            v = getattr(item, field)
            if v is not None and v != "":
                yield hit(element_id, v, index=i, detail=f"{why} {ctx.dictionary.element(element_id).name.lower()} "
                                                         f"is entered.")
    for element_id, field in (("18", "stolen_vehicles"), ("19", "recovered_vehicles")):
        v = getattr(prop, field)
        if v is not None:
            yield hit(element_id, v, detail=f"{why} {ctx.dictionary.element(element_id).name.lower()} is entered.")
    drug_type_ok = prop.loss_type == "1" and "35A" in f.offense_set(incident)
    for i, drug in enumerate(prop.drugs):
        if drug.drug_type and not drug_type_ok:
            yield hit("20", drug.drug_type, index=i, detail=f"{why} a suspected drug type is entered (allowed only "
                                                            f"with a drug/narcotic violation, 35A, and loss type 1).")
        if drug.quantity is not None:
            yield hit("21", drug.quantity, index=i, detail=f"{why} a drug quantity is entered.")
        if drug.measurement:
            yield hit("22", drug.measurement, index=i, detail=f"{why} a drug measurement is entered.")


code_set("pending_inventory")(lambda ctx: f.codes_with(ctx, P, "pending_inventory"))
code_set("zero_value_required")(lambda ctx: f.codes_with(ctx, P, "zero_value", "required"))


@rule("353", when=("items.description=@pending_inventory",), segment="property", elements=("16", "15"),
      message="Property pending inventory (88) must have the value $1; it has {value}.",
      fix="Enter 1 as the value; update the property when the inventory is done.",
      fbi_message="PENDING INVENTORY MUST HAVE PROPERTY VALUE OF 1")
def pending_inventory_value(prop, incident, ctx):
    for i, item in _items(prop):
        if f.attr(ctx, P, item.description, "pending_inventory") and item.value != 1 and "value" not in item.invalid:
            yield hit("16", item.value, index=i)


@rule("354", when=("items.!description",), segment="property", elements=("16", "15"),
      message="A value is entered without saying what the property is.",
      fix="Choose the property description for this value, or remove the value.",
      fbi_message="DATA ELEMENT 15 WAS NOT ENTERED, BUT VALUE ($) WAS")
def value_without_description(prop, incident, ctx):
    for i, item in _items(prop):
        if item.value is not None and not item.description and "description" not in item.invalid:
            yield hit("16", item.value, index=i)


@rule("355", when=("items.date_recovered",), segment="property", elements=("17", "14"),
      message="A date recovered is entered, but the loss type is not 5 (recovered).",
      fix="Remove the date recovered, or report the property in a 'recovered' property record.",
      fbi_message="PROPERTY LOSS CODE (14) MUST=5 (RECOVERED) FOR DATA TO BE ENTERED")
def recovery_date_not_recovered(prop, incident, ctx):
    if prop.loss_type in (None, "", "5", "1", "8"):  # 1 and 8 are reported by 352
        return
    for i, item in _items(prop):
        if item.date_recovered is not None:
            yield hit("17", item.date_recovered, index=i)


@rule("356", when=("items.date_recovered",), segment="property", elements=("17", "15", "16"),
      message="A date recovered is entered without {detail}.",
      fix="Enter what was recovered and its value, or remove the date.",
      fbi_message="PROPERTY DESCRIPTION (15) AND VALUE OF PROPERTY (16) MUST BOTH EXIST IF DATA ARE PRESENT")
def recovery_date_alone(prop, incident, ctx):
    if prop.loss_type in ("1", "8"):
        return
    for i, item in _items(prop):
        if item.date_recovered is None:
            continue
        missing = [w for w, v in (("the property description", item.description), ("the value", item.value))
                   if v is None or v == ""]
        if missing:
            yield hit("17", item.date_recovered, index=i, detail=" and ".join(missing))


@rule("357", when=("stolen_vehicles",), segment="property", elements=("18", "14", "6", "7"),
      message="The number of stolen motor vehicles is given, but {detail}.",
      fix="Count stolen vehicles only in the 'stolen' property record of a completed motor vehicle theft (240).",
      fbi_message="PROPERTY LOSS (14) MUST BE 7 WITH AN OFFENSE CODE OF 240 FOR DATA TO BE ENTERED")
def stolen_count_not_allowed(prop, incident, ctx):
    if prop.stolen_vehicles is None or prop.loss_type in ("1", "8"):
        return
    if prop.loss_type != "7":
        yield hit("18", prop.stolen_vehicles, detail="the loss type is not 7 (stolen)")
    elif not _completed(incident, "240"):
        yield hit("18", prop.stolen_vehicles, detail="there is no completed motor vehicle theft (240)")


@rule("358", when=("loss_type=7 & !stolen_vehicles & ^offenses.offense_code=240",), segment="property", elements=("18", "14", "6", "7"),
      message="A completed motor vehicle theft needs the number of stolen motor vehicles.",
      fix="Enter how many motor vehicles were stolen (00 if unknown).",
      fbi_message="DATA MUST EXIST WITH AN OFFENSE CODE OF 240 AND A PROPERTY LOSS OF 7")
def stolen_count_required(prop, incident, ctx):
    if prop.loss_type == "7" and prop.stolen_vehicles is None and "stolen_vehicles" not in prop.invalid \
            and _completed(incident, "240"):
        yield hit("18", None)


@rule("359", when=("stolen_vehicles", "recovered_vehicles"), segment="property", elements=("15", "18", "19", "6"),
      message="Motor vehicles are counted as {detail}, but no motor vehicle is among the property descriptions.",
      fix="Add the vehicle (automobile 03, bus 05, other motor vehicle 24, recreational vehicle 28, truck 37), or "
          "remove the count.",
      fbi_message="ALL NONVEHICULAR PROPERTY DESCRIPTIONS WERE ENTERED")
def vehicle_count_without_vehicle(prop, incident, ctx):
    if "240" not in f.offense_set(incident):
        return
    counts = [(e, v, w) for e, v, w in (("18", prop.stolen_vehicles, "stolen"), ("19", prop.recovered_vehicles,
                                                                                "recovered"))
              if isinstance(v, int) and v >= 1]
    if counts and not any(it.description in _vehicles(ctx) for it in prop.items):
        e, v, w = counts[0]
        yield hit(e, v, detail=w)


@rule("360", when=("recovered_vehicles",), segment="property", elements=("19", "14", "6", "7"),
      message="The number of recovered motor vehicles is given, but {detail}.",
      fix="Count recovered vehicles only in the 'recovered' property record of a completed motor vehicle theft "
          "(240).",
      fbi_message="PROPERTY LOSS (14) MUST BE 5 WITH AN OFFENSE CODE OF 240 FOR DATA TO BE ENTERED")
def recovered_count_not_allowed(prop, incident, ctx):
    if prop.recovered_vehicles is None or prop.loss_type in ("1", "8"):
        return
    if prop.loss_type != "5":
        yield hit("19", prop.recovered_vehicles, detail="the loss type is not 5 (recovered)")
    elif not _completed(incident, "240"):
        yield hit("19", prop.recovered_vehicles, detail="there is no completed motor vehicle theft (240)")


@rule("361", when=("loss_type=5",), segment="property", elements=("19", "14", "15", "6", "7"),
      message="Motor vehicles were recovered, so the number of recovered motor vehicles is required.",
      fix="Enter how many motor vehicles were recovered (00 if unknown).",
      fbi_message="DATA MUST EXIST WITH AN OFFENSE CODE OF 240 AND A PROPERTY LOSS OF 5")
def recovered_count_required(prop, incident, ctx):
    if prop.loss_type == "5" and prop.recovered_vehicles is None and "recovered_vehicles" not in prop.invalid \
            and _completed(incident, "240") and any(it.description in _vehicles(ctx) for it in prop.items):
        yield hit("19", None)


@rule("362", when=("drugs.drug_type=X",), segment="property", elements=("20",),
      message="'Over 3 drug types' (X) needs two other drug types entered with it.",
      fix="Enter the two most important drugs first, and X as the third drug type.",
      fbi_message="TWO OTHER CODES MUST BE ENTERED WHEN AN “X” IS PRESENT")
def over_three_drugs(prop, incident, ctx):
    types = [d.drug_type for d in prop.drugs if d.drug_type]
    if "X" in types and len(set(types) - {"X"}) < 2:
        yield hit("20", "X", index=next(i for i, d in enumerate(prop.drugs) if d.drug_type == "X"))


@rule("363", when=("drugs.drug_type=X",), segment="property", elements=("20", "21", "22"),
      message="With 'over 3 drug types' (X), leave the {detail} blank.",
      fix="Remove the quantity and the measurement of the X entry.",
      fbi_message="WITH A CODE OF “X” BOTH QUANTITY (21) AND MEASUREMENT (22) MUST BE BLANK")
def over_three_with_quantity(prop, incident, ctx):
    for i, d in enumerate(prop.drugs):
        if d.drug_type != "X":
            continue
        if d.quantity is not None:
            yield hit("21", d.quantity, index=i, detail="quantity")
        if d.measurement:
            yield hit("22", d.measurement, index=i, detail="measurement")


@rule("364", when=("loss_type=6",), segment="property", elements=("20", "21", "22", "14", "15", "6"),
      message="Seized drugs need both the estimated quantity and the type of measurement; {detail} is missing.",
      fix="Enter the quantity and its unit; if the lab results are pending, enter quantity 1 with measurement XX "
          "(not reported).",
      fbi_message="WITH DATA ENTERED BOTH QUANTITY (21) AND MEASUREMENT (22) MUST BE PRESENT")
def seized_drug_amount(prop, incident, ctx):
    if prop.loss_type != "6" or "35A" not in f.offense_set(incident):
        return
    if not any(it.description == "10" for it in prop.items):
        return
    for i, d in enumerate(prop.drugs):
        if not d.drug_type or d.drug_type == "X":
            continue
        missing = [w for w, v, fld in (("the quantity", d.quantity, "quantity"), ("the measurement", d.measurement,
                                                                                  "measurement"))
                   if (v is None or v == "") and fld not in d.invalid]
        if missing:
            yield hit("21" if d.quantity is None else "22", None, index=i, detail=" and ".join(missing))


@rule("365", when=("drugs.drug_type",), segment="property", elements=("20", "14", "15", "6"),
      message="A suspected drug type is entered, but {detail}.",
      fix="Drug types are reported only for a drug/narcotic violation (35A): with loss type 6 (seized) and the "
          "property description 10 (drugs), or with loss type 1 (none) when nothing was seized.",
      fbi_message="OFFENSE=35A AND PROPERTY LOSS=6 AND DESCRIPTION=10 MUST EXIST")
def drug_type_without_seizure(prop, incident, ctx):
    types = [(i, d.drug_type) for i, d in enumerate(prop.drugs) if d.drug_type]
    if not types or prop.loss_type == "8":
        return
    if "35A" not in f.offense_set(incident):
        why = "the incident has no drug/narcotic violation (35A)"
    elif prop.loss_type == "1":
        return
    elif prop.loss_type != "6":
        why = "the loss type is neither 6 (seized) nor 1 (none)"
    elif not any(it.description == "10" for it in prop.items):
        why = "no drugs/narcotics (property description 10) were seized"
    else:
        return
    i, t = types[0]
    yield hit("20", t, index=i, detail=why)


@rule("366", when=("drugs.quantity",), segment="property", elements=("21", "20", "22"),
      message="A drug quantity is entered without {detail}.",
      fix="Enter the drug type and the unit of measurement for the quantity.",
      fbi_message="WITH DATA ENTERED BOTH TYPE (20) AND MEASUREMENT (22) MUST BE PRESENT")
def quantity_alone(prop, incident, ctx):
    for i, d in enumerate(prop.drugs):
        if d.quantity is None:
            continue
        missing = [w for w, v in (("the drug type", d.drug_type), ("the measurement", d.measurement)) if not v]
        if missing:
            yield hit("21", d.quantity, index=i, detail=" and ".join(missing))


@rule("367", when=("drugs.measurement=NP",), segment="property", elements=("22", "20"),
      message="'Number of plants' (NP) fits only marijuana, opium or other hallucinogens, not {detail}.",
      fix="Measure this drug by weight, volume or dosage units, or check the drug type.",
      fbi_message="DRUG TYPE MUST BE “E”, “G”, OR “K” FOR A VALUE OF “NP”")
def plants_measure(prop, incident, ctx):
    plants = f.codes_with(ctx, "drug_type", "plants")
    for i, d in enumerate(prop.drugs):
        if d.measurement == "NP" and d.drug_type and d.drug_type not in plants:
            yield hit("22", "NP", index=i, detail=f.describe(ctx, "drug_type", d.drug_type))


@rule("368", when=("drugs.measurement",), segment="property", elements=("22", "20", "21"),
      message="A drug measurement is entered without {detail}.",
      fix="Enter the drug type and the quantity for this unit.",
      fbi_message="WITH DATA ENTERED BOTH TYPE (20) AND QUANTITY (21) MUST BE PRESENT")
def measurement_alone(prop, incident, ctx):
    for i, d in enumerate(prop.drugs):
        if not d.measurement:
            continue
        missing = [w for w, v in (("the drug type", d.drug_type), ("the quantity", d.quantity))
                   if v is None or v == ""]
        if missing:
            yield hit("22", d.measurement, index=i, detail=" and ".join(missing))


def _empty(prop: m.Property, ctx=None) -> bool:
    """The property record describes no property at all (372; 375 when it describes some but no description)."""
    for it in prop.items:
        for v in (it.description, it.value, it.date_recovered):
            if v is not None and v != "":
                return False
    if prop.stolen_vehicles is not None or prop.recovered_vehicles is not None:
        return False
    for d in prop.drugs:
        if d.drug_type or d.quantity is not None or d.measurement:
            return False
    if prop.invalid:
        return False
    for row in (*prop.items, *prop.drugs):
        if row.invalid:
            return False
    return True


_LOSS_WITH_PROPERTY = ("2", "3", "4", "5", "6", "7")


@rule("372", when=("!items & !stolen_vehicles & !recovered_vehicles", "items.!description"), segment="property", elements=("14", "15", "16", "17", "18", "19", "20", "21", "22"),
      message="The property record (loss type {value}) describes no property.",
      fix="Enter what was burned, forged, damaged, recovered, seized or stolen and its value, or remove this "
          "property record.",
      fbi_message="DATA ELEMENTS 15-22 WERE ALL BLANK WITH THIS PROPERTY LOSS CODE")
def property_all_blank(prop, incident, ctx):
    if prop.loss_type in _LOSS_WITH_PROPERTY and _empty(prop, ctx):
        yield hit("14", prop.loss_type)


@rule("375", when=("!items", "items.!description"), segment="property", elements=("15", "14"),
      message="The property record (loss type {value}) needs at least one property description.",
      fix="Say what kind of property it was (money, automobile, drugs...).",
      fbi_message="MANDATORY FIELD WITH THE PROPERTY LOSS CODE ENTERED")
def description_required(prop, incident, ctx):
    if prop.loss_type in _LOSS_WITH_PROPERTY and \
            not any(it.description or "description" in it.invalid for it in prop.items):
        yield hit("15", prop.loss_type, path="items")


@rule("376", when=("properties#2",), segment="incident", elements=("14",),
      message="There are two property records with loss type {detail}.",
      fix="Put all property with the same loss type (e.g. everything stolen) in one property record.",
      fbi_message="DUPLICATE PROPERTY SEGMENT ON ELECTRONIC SUBMISSION (TYPE LOSS=[loss-code])")
def duplicate_loss_type(incident, ctx):
    for i, loss in f.duplicates(p.loss_type for p in incident.properties):
        yield hit("14", loss, segment_path=f"properties[{i}]", detail=f.describe(ctx, "property_loss", loss))


@rule("382", when=("items.description=10",), segment="property", elements=("15", "16", "6"),
      message="Drugs (property description 10) without a value can be reported only with a drug/narcotic "
              "violation (35A).",
      fix="Enter the value of the drugs, or add the drug/narcotic violation offense.",
      fbi_message="DRUG/NARCOTIC VIOLATIONS OFFENSE MUST BE SUBMITTED FOR SEIZED DRUGS")
def drugs_without_value(prop, incident, ctx):
    if "35A" in f.offense_set(incident) or prop.loss_type in ("1", "8"):
        return
    for i, item in _items(prop):
        if item.description == "10" and item.value is None and "value" not in item.invalid:
            yield hit("16", None, index=i)


@rule("383", when=("items.description=10",), segment="property", elements=("16", "15", "6"),
      message="When a drug/narcotic violation (35A) is the only offense, leave the value of the drugs blank.",
      fix="Remove the value of the drugs (description 10); the quantity and type describe them.",
      fbi_message="PROPERTY VALUE MUST BE BLANK FOR 35A (SINGLE OFFENSE)")
def drug_value_single_35a(prop, incident, ctx):
    if f.offense_codes(incident) != ["35A"]:
        return
    for i, item in _items(prop):
        if item.description == "10" and item.value is not None:
            yield hit("16", item.value, index=i)


@rule("384", when=("drugs.measurement=XX",), segment="property", elements=("21", "22"),
      message="With measurement XX (not reported, drugs sent to the lab) the quantity must be 1; it is {value}.",
      fix="Enter quantity 1 while the lab results are pending; update quantity and unit when they arrive.",
      fbi_message="DRUG QUANTITY MUST BE NONE WHEN DRUG MEASUREMENT IS NOT REPORTED")
def lab_pending_quantity(prop, incident, ctx):
    for i, d in enumerate(prop.drugs):
        if d.measurement == "XX" and isinstance(d.quantity, (Decimal, int)) and Decimal(d.quantity) != ONE:
            yield hit("21", d.quantity, index=i)


@rule("387", when=("loss_type=6",), segment="property", elements=("15", "14", "6"),
      message="{detail}",
      fix="Report drug equipment (11) with a drug equipment violation (35B) and drugs (10) with a drug/narcotic "
          "violation (35A), or add the missing offense.",
      fbi_message="WITH A PROPERTY LOSS=6 AND ONLY OFFENSE 35A CANNOT HAVE DESCRIPTION 11 OR WITH A PROPERTY "
                  "LOSS=6 AND ONLY OFFENSE 35B CANNOT HAVE DESCRIPTION 10")
def drug_property_mismatch(prop, incident, ctx):
    if prop.loss_type != "6":
        return
    codes = f.offense_set(incident)
    other_property = [c for c in codes if c not in ("35A", "35B") and f.attr(ctx, f.OFFENSES, c, "property_loss")]
    if other_property:
        return
    for i, item in _items(prop):
        if item.description == "11" and "35A" in codes and "35B" not in codes:
            yield hit("15", "11", index=i, detail="Drug equipment (11) is seized, but the offense is a drug/narcotic "
                                                 "violation (35A) without a drug equipment violation (35B).")
        if item.description == "10" and "35B" in codes and "35A" not in codes:
            yield hit("15", "10", index=i, detail="Drugs (10) are seized, but the offense is a drug equipment "
                                                 "violation (35B) without a drug/narcotic violation (35A).")


def _count_check(prop, ctx, loss: str, field: str, element_id: str):
    if prop.loss_type != loss:
        return
    n = getattr(prop, field)
    if not isinstance(n, int) or n == 0:  # 00 = unknown
        return
    codes = [it.description for it in prop.items if it.description in _vehicles(ctx)]
    if len(codes) > n:
        yield hit(element_id, n, detail=str(len(codes)))


@rule("388", when=("stolen_vehicles",), segment="property", elements=("18", "15"),
      message="{detail} kinds of motor vehicle are listed as stolen, but the number stolen is {value}.",
      fix="The number of stolen motor vehicles must be at least the number of vehicle kinds listed (00 if unknown).",
      fbi_message="NUMBER STOLEN IS LESS THAN NUMBER OF VEHICLE CODES")
def stolen_count_too_low(prop, incident, ctx):
    yield from _count_check(prop, ctx, "7", "stolen_vehicles", "18")


@rule("389", when=("recovered_vehicles",), segment="property", elements=("19", "15"),
      message="{detail} kinds of motor vehicle are listed as recovered, but the number recovered is {value}.",
      fix="The number of recovered motor vehicles must be at least the number of vehicle kinds listed (00 if "
          "unknown).",
      fbi_message="NUMBER RECOVERED IS LESS THAN NUMBER OF VEHICLE CODES")
def recovered_count_too_low(prop, incident, ctx):
    yield from _count_check(prop, ctx, "5", "recovered_vehicles", "19")


code_set("illogical_offenses")(lambda ctx: _illogical(ctx.dictionary))
code_set("illogical_descriptions")(lambda ctx: frozenset(_illogical_with(ctx.dictionary)))


# 390 needs a recovered or stolen property record, an offense the edit lists and an item it names
@rule("390", when=("loss_type=5|7 & ^offenses.offense_code=@illogical_offenses "
                   "& items.description=@illogical_descriptions",), segment="property", elements=("15", "14", "6"),
      message="{detail}",
      fix="Check the property and the offenses: e.g. a building cannot be stolen in a burglary, a car cannot be "
          "pick-pocketed, and a stolen vehicle belongs with motor vehicle theft (240), not a larceny.",
      fbi_message="ILLOGICAL PROPERTY DESCRIPTION FOR THE OFFENSE SUBMITTED")
def illogical_property(prop, incident, ctx):
    if prop.loss_type not in ("5", "7"):
        return
    key = ("property_offenses", id(incident))
    property_offenses = ctx.memo.get(key)
    if property_offenses is None:
        property_offenses = ctx.memo[key] = frozenset(c for c in f.offense_set(incident)
                                                      if f.against(ctx, c) == "Property")
    if not property_offenses:
        return
    listed = _illogical_offenses(ctx)
    if not property_offenses <= listed:
        return  # another property offense (e.g. embezzlement) is present: the edit is bypassed
    illogical_with = _illogical_with(ctx.dictionary)
    for i, item in _items(prop):
        bad_for = illogical_with.get(item.description, _NONE)
        if property_offenses <= bad_for:
            offenses = ", ".join(f.describe(ctx, f.OFFENSES, c) for c in sorted(property_offenses))
            yield hit("15", item.description, index=i,
                      detail=f"{f.describe(ctx, P, item.description)} does not fit {offenses}.")


def _illogical_offenses(ctx) -> frozenset[str]:
    return _illogical(ctx.dictionary)


_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8)
def _illogical_with(d) -> dict[str, frozenset[str]]:
    """Property description -> the offenses it is illogical with."""
    return {c.code: frozenset(c.attrs["illogical_with"]) for c in d.code_lists[P] if c.attrs.get("illogical_with")}


@functools.lru_cache(maxsize=8)
def _illogical(d) -> frozenset[str]:
    out: set[str] = set()
    for c in d.code_lists[P]:
        out.update(c.attrs.get("illogical_with") or ())
    return frozenset(out)


@rule("391", when=("items.description=@zero_value_required",), segment="property", elements=("16", "15"),
      message="{detail} must have the value $0 (or be left blank); it has {value}.",
      fix="Enter 0 as the value: cards, documents and identity are counted but not valued.",
      fbi_message="PROPERTY VALUE MUST BE ZERO FOR DESCRIPTION SUBMITTED")
def zero_value_required(prop, incident, ctx):
    for i, item in _items(prop):
        if f.attr(ctx, P, item.description, "zero_value") == "required" and item.value not in (None, 0):
            yield hit("16", item.value, index=i, detail=f.describe(ctx, P, item.description))


@rule("392", when=("loss_type=1",), segment="property", elements=("20", "14", "6"),
      message="A drug/narcotic violation (35A) with no seizure (loss type 1) needs the suspected drug type.",
      fix="Enter the kind of drug involved (U if unknown).",
      fbi_message="35A OFFENSE ENTERED AND 1=NONE ENTERED; MISSING SUSPECTED DRUG TYPE (20)")
def no_seizure_drug_type(prop, incident, ctx):
    if prop.loss_type != "1" or "35A" not in f.offense_set(incident):
        return
    if any(d.drug_type for d in prop.drugs) or any(d.invalid for d in prop.drugs):
        return
    if any(c != "35A" for c in f.offense_codes(incident)):
        return  # exception 1: another offense
    if any(p.loss_type == "6" and any(it.description == "10" for it in p.items) for p in incident.properties):
        return  # exception 2: drugs were seized in another property record
    yield hit("20", None, path="drugs")
