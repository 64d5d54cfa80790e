"""Arrestee segment (6xx) and Group B arrest report (7xx) edits.

The two share most checks, with 600-numbers for an arrestee of a Group A incident and
700-numbers for a Group B arrest. x01 is in ``mandatory.py``, x04 in ``codes.py``, the age
checks (x08-x10, x22, 664/757) in ``ages.py``, x15-x17 in ``identifiers.py``.

Juvenile disposition (DE 52): the FBI takes a range's average age, decimals dropped. An
exact age under 18, or a range wholly under 18, needs a disposition (652/752); a range that
starts under 18 and ends at 18 or over, with an average under 18, gets the warning
1640/1740 instead (see ``quality.py``); a disposition with an age (or average) of 18 or more
is 653/753. Age 00 (unknown) needs none.
"""

from __future__ import annotations

from desktop.nibrs.rules import _facts as f
from desktop.nibrs.rules import ages as _ages  # noqa: F401  (declares the ages_under_18 code set of the guards)
from desktop.nibrs.rules.engine import Context, code_set, hit, rule

O = f.OFFENSES


def juvenile(age: str | None) -> bool:
    """The age needs a juvenile disposition (error when missing)."""
    b = f.age_bounds(age)
    return b is not None and b[1] < 18


def possible_juvenile(age: str | None) -> bool:
    """A range from a juvenile to an adult age whose average is a juvenile (warning when missing)."""
    b = f.age_bounds(age)
    return b is not None and f.is_range(age) and b[0] < 18 <= b[1] and (b[0] + b[1]) // 2 < 18


def adult(age: str | None) -> bool:
    years = f.age_years(age)
    return years is not None and years >= 18


def _segment_args(kind):
    """Rule signature helpers: the arrest is the first argument either way."""
    if kind == "group_b":
        return lambda args: (args[0], None, args[1])
    return lambda args: (args[0], args[1], args[2])


def _declare(kind: str, prefix: str) -> None:
    unpack = _segment_args(kind)
    who = "arrestee"

    def reg(number, **kw):
        return rule(prefix + number, segment=kind, **kw)

    def name(func, what):
        func.__name__ = f"{what}_{kind}"
        return func

    @reg("02", when=("invalid",), elements=("40",), message="The arrestee number {value!r} is not a number.",
         fix="Number arrestees 01 to 99.", fbi_message="CONTAINS NONNUMERIC ENTRY")
    def seq_not_numeric(*args):
        arrest, _incident, _ctx = unpack(args)
        for _f, _i, raw in f.unreadable(arrest, ["sequence_number"]):
            yield hit("40", raw)

    name(seq_not_numeric, "arrestee_number_not_numeric")

    @reg("04", when=("sequence_number!=@arrestee_numbers",), elements=("40",),
         message="The arrestee number {value} is not between 01 and 99.",
         fix="Number arrestees 01 to 99.", fbi_message="INVALID DATA VALUE")
    def seq_out_of_range(*args):
        arrest, _incident, _ctx = unpack(args)
        n = arrest.sequence_number
        if isinstance(n, int) and not 1 <= n <= 99:
            yield hit("40", n)

    name(seq_out_of_range, "arrestee_number_out_of_range")

    # x05 (the arrest date: not a date, before 1991, in the future, after the month sent) is in ``dates.py``.

    @reg("06", when=("armed_with#2",), elements=("46",), message="'Armed with' {value!r} is entered twice.",
         fix="Remove the repeated entry.", fbi_message="ERROR-DUPLICATE VALUE = [value]")
    def duplicate_armed(*args):
        arrest, _incident, _ctx = unpack(args)
        for i, v in f.duplicates(arrest.armed_with):
            yield hit("46", v, index=i)

    name(duplicate_armed, "duplicate_armed_with")

    @reg("07", when=("armed_with#2",), elements=("46",), message="'Unarmed' (01) cannot be combined with a weapon.",
         fix="Keep 01 alone if the arrestee had no weapon, or remove it and keep the weapons.",
         fbi_message="ERROR-MUTUALLY EXCLUSIVE VALUE = [value]")
    def unarmed_with_weapon(*args):
        arrest, _incident, ctx = unpack(args)
        clash = f.exclusive_clash(arrest.armed_with, lambda v: f.attr(ctx, "armed_with", v, "exclusive"))
        if clash is not None:
            yield hit("46", clash[1], index=clash[0])

    name(unarmed_with_weapon, "unarmed_with_weapon")

    @reg("52", when=("age=@ages_under_18",), elements=("52", "47"),
         message="The arrestee is {detail}, so the disposition of an arrestee under 18 is required.",
         fix="Choose H (handled within the department) or R (referred to other authorities).",
         fbi_message="DISPOSITION MUST BE ENTERED WHEN AGE IS LESS THAN 18")
    def juvenile_without_disposition(*args):
        arrest, _incident, _ctx = unpack(args)
        if not arrest.disposition_under_18 and "disposition_under_18" not in arrest.invalid and juvenile(arrest.age):
            yield hit("52", None, detail=f.age_words(arrest.age))

    name(juvenile_without_disposition, "juvenile_without_disposition")

    @reg("53", when=("disposition_under_18",), elements=("52", "47"),
         message="A disposition for an arrestee under 18 is given, but the arrestee is {detail}.",
         fix="Remove the juvenile disposition, or check the arrestee's age.",
         fbi_message="FOR AGE GREATER THAN 17 DISPOSITION SHOULD NOT BE ENTERED")
    def adult_with_disposition(*args):
        arrest, _incident, _ctx = unpack(args)
        if arrest.disposition_under_18 and adult(arrest.age):
            yield hit("52", arrest.disposition_under_18, detail=f.age_words(arrest.age))

    name(adult_with_disposition, "adult_with_disposition")

    @reg("54", when=("armed_with!=@armed_with_codes",), elements=("46",),
         message="'Armed with' {value!r} has {detail} where only A (automatic) or nothing may follow the weapon code.",
         fix="Mark the firearm automatic (A) or leave the indicator blank.",
         fbi_message="AUTOMATIC INDICATOR MUST BE BLANK OR “A”")
    def bad_auto_flag(*args):
        arrest, _incident, _ctx = unpack(args)
        for i, v in enumerate(arrest.armed_with):
            if v and len(v) == 3 and v[2] != "A":
                yield hit("46", v, index=i, detail=repr(v[2]))

    name(bad_auto_flag, "bad_automatic_indicator")

    @reg("55", when=("armed_with!=@armed_with_codes",), elements=("46",),
         message="'Armed with' {detail} is marked automatic, but only firearms can be automatic.",
         fix="Remove the automatic indicator, or choose the firearm (11-15).",
         fbi_message="WEAPON TYPE MUST = 11, 12, 13, 14, OR 15 FOR AN “A” IN THE AUTO INDICATOR")
    def auto_not_firearm(*args):
        arrest, _incident, ctx = unpack(args)
        firearms = f.codes_with(ctx, "armed_with", "firearm")
        for i, v in enumerate(arrest.armed_with):
            if v and len(v) == 3 and v[2] == "A" and f.base_weapon(v) not in firearms:
                yield hit("46", v, index=i, detail=f.describe(ctx, "armed_with", f.base_weapon(v)))

    name(auto_not_firearm, "automatic_not_firearm")

    @rule("667" if kind == "arrestee" else "758", segment=kind, elements=("48",), when=("sex!=|M|F", "invalid"),
          message="The {detail}'s sex must be M (male) or F (female); {value!r} is not allowed.",
          fix="Enter M or F: the FBI does not take 'unknown' for a person arrested.",
          fbi_message="INVALID ARRESTEE SEX VALUE")
    def arrestee_sex(*args):
        arrest, _incident, _ctx = unpack(args)
        if arrest.sex and arrest.sex not in ("M", "F"):
            yield hit("48", arrest.sex, detail=who)
        for _f, _i, raw in f.unreadable(arrest, ["sex"]):
            yield hit("48", raw, detail=who)

    name(arrestee_sex, "arrestee_sex")

    @reg("50", elements=("45",),
         message="{detail} may be reported only by federal and tribal agencies.",
         fix="Choose the arrest offense code a local agency uses.",
         fbi_message="ARREST OFFENSE CODE IS ONLY VALID FOR FEDERAL AND TRIBAL LEAS")
    def federal_arrest_offense(*args):
        arrest, _incident, ctx = unpack(args)
        if not ctx.federal_agency and f.is_federal_only(ctx, arrest.arrest_offense_code):
            yield hit("45", arrest.arrest_offense_code, detail=f.describe(ctx, O, arrest.arrest_offense_code))

    name(federal_arrest_offense, "federal_arrest_offense")


code_set("armed_with_codes")(lambda ctx: f.plain_weapons(ctx, "armed_with"))
_declare("arrestee", "6")
_declare("group_b", "7")


# ----------------------------------------------------------------------------- Group A arrestees only
@rule("656", segment="arrestee", elements=("40", "36"),
      message="{detail}",
      fix="Every arrestee is one of the offenders: add an offender for each person arrested.",
      fbi_message="THIS ARRESTEE EXCEEDED THE NUMBER OF OFFENDERS (nn) ON THE GROUP “A” INCIDENT")
def more_arrestees_than_offenders(arrestee, incident, ctx):
    i = next(k for k, a in enumerate(incident.arrestees) if a is arrestee)
    if any(o.sequence_number == 0 for o in incident.offenders):
        yield hit("40", arrestee.sequence_number,
                  detail="An arrest is reported, but the offender is recorded as 00 (nothing known about the "
                         "offenders).")
    elif i >= len(incident.offenders):
        yield hit("40", arrestee.sequence_number,
                  detail=f"There are more arrestees than offenders ({len(incident.offenders):02d}).")


@rule("661", when=("arrestees#2",), segment="incident", elements=("40",),
      message="Two arrestees have the number {value}.",
      fix="Give each arrestee a different number.",
      fbi_message="ARRESTEE SEQUENCE NUMBER ALREADY EXISTS")
def duplicate_arrestee_number(incident, ctx):
    for i, n in f.duplicates(a.sequence_number for a in incident.arrestees):
        yield hit("40", n, segment_path=f"arrestees[{i}]")


@rule("665", when=("arrest_date",), segment="arrestee", elements=("42", "3"),
      message="The arrest date {value} is before the incident date.",
      fix="Check both dates: a person cannot be arrested before the incident happened.",
      fbi_message="ARREST DATE CANNOT BE BEFORE THE INCIDENT START DATE")
def arrest_before_incident(arrestee, incident, ctx):
    a, d = arrestee.arrest_date, incident.incident_date
    if f.is_date(a) and f.is_date(d) and a < d:
        yield hit("42", a)


@rule("669", segment="arrestee", elements=("6", "40"),
      message="A justifiable homicide (09C) has no arrests: the person who killed committed no crime.",
      fix="Remove the arrestee, or check the offense.",
      fbi_message="NO ARRESTEE RECORDS ALLOWED FOR A JUSTIFIABLE HOMICIDE")
def arrest_in_justifiable_homicide(arrestee, incident, ctx):
    if "09C" in f.offense_set(incident):
        yield hit("40", arrestee.sequence_number)


@rule("670", when=("arrest_offense_code=09C",), segment="arrestee", elements=("45",),
      message="Justifiable homicide (09C) cannot be the offense someone is arrested for.",
      fix="Choose the offense the person was arrested for.",
      fbi_message="JUSTIFIABLE HOMICIDE CANNOT BE AN ARREST OFFENSE CODE")
def justifiable_homicide_arrest_offense(arrestee, incident, ctx):
    if arrestee.arrest_offense_code == "09C":
        yield hit("45", "09C")


# ----------------------------------------------------------------------------- Group B arrests only
@rule("760", when=("arrest_offense_code=@group_a_offenses",), segment="group_b", elements=("45",),
      message="{detail} is a Group A offense; a Group B arrest report takes only Group B offenses.",
      fix="Report an arrest for a Group A offense as an arrestee of that incident; choose a Group B offense "
          "(90B-90Z) here.",
      fbi_message="LEVEL 7 ARRESTS MUST HAVE A GROUP “B” OFFENSE")
def group_b_needs_group_b_offense(arrest, ctx):
    if f.group(ctx, arrest.arrest_offense_code) == "A":
        yield hit("45", arrest.arrest_offense_code, detail=f.describe(ctx, O, arrest.arrest_offense_code))


@rule("720", segment="group_b", elements=("42",),
      message="The arrest date {value} is before the agency began NIBRS reporting ({detail}).",
      fix="Check the arrest date; arrests from before the agency's NIBRS start were reported in the Summary "
          "system.",
      fbi_message="ARREST DATE CANNOT PREDATE BASE DATE")
def arrest_before_nibrs_start(arrest, ctx: Context):
    start = f.nibrs_start_month(ctx)
    d = arrest.arrest_date
    if start is not None and f.is_date(d) and d < start:
        yield hit("42", d, detail=f"{start.month:02d}/{start.year}")


@rule("759", segment="group_b", elements=("41", "40", "1"),
      message="A Group B arrest with transaction number {value} and arrestee {detail} is already on file.",
      fix="Open and correct the arrest already on file, or give this arrest its own transaction number.",
      fbi_message="DUPLICATE GROUP “B” ARREST REPORT SEGMENT ON FILE")
def group_b_on_file(arrest, ctx):
    h = ctx.history
    if h is None or not arrest.ori or not arrest.arrest_transaction_number or ctx.action not in ("I", "A"):
        return  # a replacement (R) is meant to be on file
    if h.group_b_arrest_on_file(arrest.ori, arrest.arrest_transaction_number, arrest.sequence_number,
                                exclude_id=ctx.stored_id):
        seq = arrest.sequence_number
        yield hit("41", arrest.arrest_transaction_number, detail=f"{seq:02d}" if isinstance(seq, int) else "")


@rule("797", segment="group_b", elements=("42",), actions=("D",),
      message="A deleted Group B arrest must still carry its arrest date.",
      fix="Give the arrest date of the arrest to delete, so the FBI finds the right one.",
      fbi_message="MISSING ARREST DATE FOR DELETE OF GROUP B ARREST")
def group_b_delete_without_date(arrest, ctx):
    if arrest.arrest_date is None and "arrest_date" not in arrest.invalid:
        yield hit("42", None)
