"""Offender segment edits (5xx).

501 is in ``mandatory.py``, 504 in ``codes.py``, 508-510/522/556 in ``ages.py``, 515-517 in
``identifiers.py``. Offender 00 means nothing at all is known about the offenders.

An offender "known" for 558/559 has a known age (not 00), sex M or F and race other than U.
For 554 (relationship against ages) both ages must be known; ranges count as their average.
"""

from __future__ import annotations

from desktop.nibrs import model as m
from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules import ages as _ages  # noqa: F401  (declares the ages_under_18 code set of the guards)
from desktop.nibrs.rules.engine import hit, rule

R = "relationship"


def _known(o: m.Offender) -> bool:
    return f.age_known(o.age) and o.sex in ("M", "F") and bool(o.race) and o.race != "U"


@rule("502", when=("invalid",), segment="offender", elements=("36",),
      message="The offender number {value!r} is not a number.",
      fix="Number offenders 01 to 99 (00 when nothing is known about any offender).",
      fbi_message="CONTAINS NONNUMERIC ENTRY")
def offender_not_numeric(offender, incident, ctx):
    for _f, _i, raw in f.unreadable(offender, ["sequence_number"]):
        yield hit("36", raw)


@rule("504", when=("sequence_number!=@offender_numbers",), segment="offender", elements=("36",),
      message="The offender number {value} is not between 00 and 99.",
      fix="Number offenders 01 to 99 (00 when nothing is known about any offender).",
      fbi_message="INVALID DATA VALUE")
def offender_number_out_of_range(offender, incident, ctx):
    n = offender.sequence_number
    if isinstance(n, int) and not 0 <= n <= 99:
        yield hit("36", n)


@rule("550", when=("age=@ages_under_18",), segment="offender", elements=("37", "35"),
      message="The offender is recorded as a victim's spouse but is {detail} years old (under 13).",
      fix="Check the offender's age and the victim's relationship (SE = spouse).",
      fbi_message="OFFENDER IS SPOUSE, BUT AGE IS LESS THAN 13")
def young_spouse_offender(offender, incident, ctx):
    years = f.age_years(offender.age)
    if years is None or years >= 13 or not isinstance(offender.sequence_number, int):
        return
    if any(r.relationship == "SE" and r.offender_number == offender.sequence_number
           for v in incident.victims for r in v.relationships):
        yield hit("37", offender.age, detail=str(years))


@rule("551", when=("offenders#2",), segment="incident", elements=("36",),
      message="Two offenders have the number {value}.",
      fix="Give each offender a different number.",
      fbi_message="DUPLICATE OFFENDER SEGMENT")
def duplicate_offender_number(incident, ctx):
    for i, n in f.duplicates(o.sequence_number for o in incident.offenders):
        yield hit("36", n, segment_path=f"offenders[{i}]")


@rule("552", when=("sequence_number=0 & age", "sequence_number=0 & sex", "sequence_number=0 & race",
                   "sequence_number=0 & ethnicity"), segment="offender", elements=("37", "38", "39", "39A", "36"),
      message="Offender 00 means nothing is known about the offenders, so the {detail} must be blank.",
      fix="Remove the age, sex, race and ethnicity, or number the offender 01 and describe what is known.",
      fbi_message="CANNOT BE PRESENT WHEN OFFENDER NUMBER IS “00” UNKNOWN")
def unknown_offender_described(offender, incident, ctx):
    if offender.sequence_number != 0:
        return
    for element_id, field, name in (("37", "age", "age"), ("38", "sex", "sex"), ("39", "race", "race"),
                                    ("39A", "ethnicity", "ethnicity")):
        v = getattr(offender, field)
        if v:
            yield hit(element_id, v, detail=name)


@rule("554", when=("victims.relationships",), segment="incident", elements=("37", "26", "35"),
      message="Victim {detail}.",
      fix="Check both ages and the relationship (CH = the victim is the offender's child, PA = parent, "
          "GP = grandparent, GC = grandchild).",
      fbi_message="AGE OF VICTIM AND OFFENDER DOES NOT REFLECT THE RELATIONSHIP")
def ages_against_relationship(incident, ctx):
    victim_is = f.attr_table(ctx, R, "victim_is")  # relationship -> "younger" | "older"
    offenders = None
    for victim in incident.victims:
        if not victim.relationships:
            continue
        v_age = f.age_years(victim.age)
        if v_age is None:
            continue
        for rel in victim.relationships:
            should = victim_is.get(rel.relationship) if rel.relationship is not None else None
            if not should:
                continue
            if offenders is None:
                offenders = {o.sequence_number: (i, o) for i, o in enumerate(incident.offenders)
                             if isinstance(o.sequence_number, int)}
            found = offenders.get(rel.offender_number)
            if not should or found is None:
                continue
            i, o = found
            o_age = f.age_years(o.age)
            if o_age is None:
                continue
            wrong = (should == "younger" and v_age >= o_age) or (should == "older" and v_age <= o_age)
            if wrong:
                yield hit("37", o.age, segment_path=f"offenders[{i}]",
                          detail=f"{victim.sequence_number} is related to offender {rel.offender_number:02d} as "
                                 f"{f.describe(ctx, R, rel.relationship)}, so the victim should be {should} than the "
                                 f"offender, but the victim is {v_age} and the offender {o_age}")


@rule("555", when=("sequence_number=0 & ^offenders#2",), segment="offender", elements=("36",),
      message="Offender 00 (nothing known about the offenders) cannot be reported together with other offenders.",
      fix="Remove offender 00, or use it alone when nothing is known.",
      fbi_message="OFFENDER “00” EXISTS—CANNOT SUBMIT MORE OFFENDERS")
def unknown_offender_with_others(offender, incident, ctx):
    if offender.sequence_number == 0 and len(incident.offenders) > 1:
        yield hit("36", 0)


@rule("557", when=("sequence_number=0 & ^cleared_exceptionally=A|B|C|D|E",), segment="offender", elements=("36", "4"),
      message="An incident cleared exceptionally must have an identified offender, not offender 00 (nothing known).",
      fix="Describe the offender the exceptional clearance is about, or check how the incident was cleared.",
      fbi_message="OFFENDER SEQUENCE NUMBER CANNOT BE UNKNOWN IF INCIDENT CLEARED EXCEPTIONALLY")
def unknown_offender_cleared(offender, incident, ctx):
    if offender.sequence_number == 0 and incident.cleared_exceptionally in ("A", "B", "C", "D", "E"):
        yield hit("36", 0)


@rule("558", when=("cleared_exceptionally=A|B|C|D|E",), segment="incident", elements=("37", "38", "39", "4"),
      message="The incident is cleared exceptionally, but no offender has a known age, sex and race.",
      fix="Enter the age, sex and race of the offender the clearance is about.",
      fbi_message="AT LEAST ONE OFFENDER MUST HAVE KNOWN VALUES")
def cleared_needs_known_offender(incident, ctx):
    if incident.cleared_exceptionally not in ("A", "B", "C", "D", "E") or not incident.offenders:
        return
    if any(o.sequence_number == 0 for o in incident.offenders):
        return  # 557
    if not any(_known(o) for o in incident.offenders):
        yield hit("37", incident.offenders[0].age, segment_path="offenders[0]")


@rule("559", when=("offenses.offense_code=09C",), segment="incident", elements=("6", "37", "38", "39"),
      message="A justifiable homicide needs at least one offender with known age, sex and race (the person who "
              "killed).",
      fix="Describe the person who committed the justifiable homicide.",
      fbi_message="OFFENDER DATA MUST BE PRESENT IF OFFENSE CODE IS 09C, JUSTIFIABLE HOMICIDE")
def justifiable_needs_known_offender(incident, ctx):
    if "09C" in f.offense_set(incident) and incident.offenders and not any(_known(o) for o in incident.offenders):
        yield hit("37", incident.offenders[0].age, segment_path="offenders[0]")


@rule("560", when=("offenses.offense_code=11A",), segment="incident", elements=("38", "27", "6", "34"),
      message="In a rape, at least one offender related to victim {detail} must be of a different sex than the "
              "victim.",
      fix="Check the sex of the victim and of the offenders related to the victim.",
      fbi_message="VICTIM’S SEX CANNOT BE SAME FOR ALL OFFENDERS FOR OFFENSES OF RAPE")
def rape_offender_sex(incident, ctx):
    if "11A" not in f.offense_set(incident):
        return
    offenders = {o.sequence_number: (k, o) for k, o in enumerate(incident.offenders)
                 if isinstance(o.sequence_number, int)}
    for victim in incident.victims:
        if "11A" not in victim.offense_codes or victim.sex not in ("M", "F"):
            continue
        related = [offenders[n] for n in f.related_offenders(victim) if n != 0 and n in offenders]
        if related and all(o.sex == victim.sex for _k, o in related):
            k, o = related[0]
            yield hit("38", o.sex, segment_path=f"offenders[{k}]", detail=str(victim.sequence_number))
