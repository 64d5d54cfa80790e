"""Words that find the right code: the table of what deputies type, the ranking, and the codes never offered.

Headless: each word is read the way the wizard's picker reads it (desktop.forms.entry.parse with the codes
the field offers in a typical report), so a word that finds its code here finds it in the wizard.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop import forms
from desktop.forms import entry, words
from desktop.nibrs import rules
from desktop.nibrs.dictionary import Code, dictionary
from desktop.nibrs.model import GroupAIncident, GroupBArrest, Offense, Offender, Victim

D = dictionary()
INCIDENT = forms.load_form("incident", D)
GROUP_B = forms.load_form("group_b", D)


def field(form: forms.FormSpec, element: str) -> forms.FieldSpec:
    return next(s for p in form.pages for s in p.all_fields() if s.element.id == element)


def scope_for(spec: forms.FieldSpec, form: forms.FormSpec) -> forms.Scope:
    """A typical report around the field: an aggravated assault of a person, an offender, an arrest."""
    if form is GROUP_B:
        arrest = GroupBArrest()
        return forms.Scope(arrest, "group_b", arrest, D)
    offense = Offense(offense_code="13A")
    victim = Victim(offense_codes=["13A"], victim_type="I")
    report = GroupAIncident(offenses=[offense], victims=[victim], offenders=[Offender(sequence_number=1)])
    kind = spec.kind
    if kind == "offense":
        return forms.Scope(Offense(), "offense", report, D)
    if kind in ("victim", "relationship"):
        return forms.Scope(victim, "victim", report, D)
    return forms.Scope(report, "incident", report, D)


def read(form: forms.FormSpec, element: str, typed: str) -> entry.Parsed:
    spec = field(form, element)
    offered = forms.offered(spec, scope_for(spec, form), forms.Agency())
    return entry.parse(spec.element, typed, D, offered=offered, finished=True)


# (element, what a deputy types, the code it must find). Every word of issue 14's list is here.
TABLE = [
    # offenses (DE 6)
    ("6", "assault", "13B"), ("6", "theft", "23H"), ("6", "battery", "13B"), ("6", "stalking", "13C"),
    ("6", "threat", "13C"), ("6", "threats", "13C"), ("6", "harassment", "13C"), ("6", "intimidation", "13C"),
    ("6", "simple assault", "13B"), ("6", "aggravated", "13A"), ("6", "aggravated assault", "13A"),
    ("6", "agg assault", "13A"), ("6", "shooting", "13A"), ("6", "stabbing", "13A"), ("6", "murder", "09A"),
    ("6", "homicide", "09A"), ("6", "negligent homicide", "09B"), ("6", "kidnapping", "100"),
    ("6", "rape", "11A"), ("6", "fondling", "11D"), ("6", "robbery", "120"), ("6", "mugging", "120"),
    ("6", "carjacking", "120"), ("6", "arson", "200"), ("6", "extortion", "210"), ("6", "burglary", "220"),
    ("6", "break in", "220"), ("6", "breaking and entering", "220"), ("6", "burg", "220"),
    ("6", "pickpocket", "23A"), ("6", "purse snatching", "23B"), ("6", "shoplifting", "23C"),
    ("6", "shoplift", "23C"), ("6", "theft from car", "23F"), ("6", "car break in", "23F"),
    ("6", "catalytic converter", "23G"), ("6", "larceny", "23H"), ("6", "stealing", "23H"),
    ("6", "stolen car", "240"), ("6", "car theft", "240"), ("6", "auto theft", "240"), ("6", "forgery", "250"),
    ("6", "fraud", "26A"), ("6", "scam", "26A"), ("6", "credit card fraud", "26B"), ("6", "identity theft", "26F"),
    ("6", "id theft", "26F"), ("6", "hacking", "26G"), ("6", "embezzlement", "270"),
    ("6", "stolen property", "280"), ("6", "vandalism", "290"), ("6", "criminal mischief", "290"),
    ("6", "graffiti", "290"), ("6", "drugs", "35A"), ("6", "drug possession", "35A"),
    ("6", "paraphernalia", "35B"), ("6", "prostitution", "40A"), ("6", "weapons violation", "520"),
    ("6", "concealed weapon", "520"), ("6", "animal cruelty", "720"), ("6", "bribery", "510"),
    # Group B arrest offenses (DE 45 of the Group B wizard): the Group B page's own subtitle says DUI
    ("45", "dui", "90D"), ("45", "dwi", "90D"), ("45", "owi", "90D"), ("45", "drunk driving", "90D"),
    ("45", "DUI", "90D"), ("45", "driving while intoxicated", "90D"), ("45", "disorderly conduct", "90C"),
    ("45", "disorderly", "90C"), ("45", "trespass", "90J"), ("45", "trespassing", "90J"),
    ("45", "curfew", "90B"), ("45", "loitering", "90B"), ("45", "liquor law", "90G"),
    ("45", "minor in possession", "90G"), ("45", "nonsupport", "90F"), ("45", "probation violation", "90Z"),
    # weapons (DE 13)
    ("13", "knife", "20"), ("13", "gun", "11"), ("13", "hands", "40"), ("13", "fists", "40"),
    ("13", "feet", "40"), ("13", "handgun", "12"), ("13", "pistol", "12"), ("13", "rifle", "13"),
    ("13", "shotgun", "14"), ("13", "bat", "30"), ("13", "club", "30"), ("13", "car", "35"),
    ("13", "poison", "50"), ("13", "bomb", "60"), ("13", "fire", "65"), ("13", "strangulation", "85"),
    ("13", "choking", "85"), ("13", "none", "99"), ("13", "unknown", "95"),
    # armed with (DE 46)
    ("46", "unarmed", "01"), ("46", "knife", "16"), ("46", "gun", "11"), ("46", "pistol", "12"),
    # relationships (DE 35)
    ("35", "wife", "SE"), ("35", "husband", "SE"), ("35", "spouse", "SE"), ("35", "son", "CH"),
    ("35", "daughter", "CH"), ("35", "mother", "PA"), ("35", "father", "PA"), ("35", "brother", "SB"),
    ("35", "sister", "SB"), ("35", "boyfriend", "BG"), ("35", "girlfriend", "BG"), ("35", "ex wife", "XS"),
    ("35", "ex boyfriend", "XR"), ("35", "stranger", "ST"), ("35", "acquaintance", "AQ"),
    ("35", "friend", "FR"), ("35", "neighbor", "NE"), ("35", "grandmother", "GP"), ("35", "grandson", "GC"),
    ("35", "stepfather", "SP"), ("35", "cousin", "OF"), ("35", "common law wife", "CS"),
    ("35", "employer", "ER"), ("35", "unknown", "RU"),
    # property descriptions (DE 15)
    ("15", "cash", "20"), ("15", "money", "20"), ("15", "phone", "75"), ("15", "cell phone", "75"),
    ("15", "laptop", "07"), ("15", "computer", "07"), ("15", "bike", "04"), ("15", "bicycle", "04"),
    ("15", "car", "03"), ("15", "truck", "37"), ("15", "tools", "36"), ("15", "jewelry", "17"),
    ("15", "tv", "26"), ("15", "purse", "25"), ("15", "wallet", "25"), ("15", "gun", "13"),
    ("15", "trailer", "78"), ("15", "house", "29"), ("15", "apartment", "30"), ("15", "shed", "34"),
    ("15", "drugs", "10"), ("15", "credit card", "09"), ("15", "tires", "38"), ("15", "copper", "71"),
    # drug types (DE 20)
    ("20", "weed", "E"), ("20", "marijuana", "E"), ("20", "pot", "E"), ("20", "fentanyl", "H"),
    ("20", "meth", "L"), ("20", "methamphetamine", "L"), ("20", "cocaine", "B"), ("20", "crack", "A"),
    ("20", "heroin", "D"), ("20", "lsd", "I"), ("20", "xanax", "O"),
    # drug measurements (DE 22)
    ("22", "grams", "GM"), ("22", "gram", "GM"), ("22", "pounds", "LB"), ("22", "ounces", "OZ"),
    ("22", "kilos", "KG"), ("22", "plants", "NP"), ("22", "pills", "DU"), ("22", "liters", "LT"),
    # locations (DE 9)
    ("9", "house", "20"), ("9", "apartment", "20"), ("9", "home", "20"), ("9", "residence", "20"),
    ("9", "highway", "13"), ("9", "road", "13"), ("9", "street", "13"), ("9", "parking lot", "18"),
    ("9", "bar", "03"), ("9", "church", "04"), ("9", "convenience store", "07"), ("9", "gas station", "23"),
    ("9", "hotel", "14"), ("9", "motel", "14"), ("9", "school", "53"), ("9", "college", "52"),
    ("9", "park", "50"), ("9", "farm", "46"), ("9", "woods", "10"), ("9", "online", "58"),
    ("9", "jail", "15"), ("9", "restaurant", "21"), ("9", "bank", "02"),
    # type of arrest (DE 43)
    ("43", "warrant", "T"), ("43", "custody", "T"), ("43", "on view", "O"), ("43", "cited", "S"),
    ("43", "summons", "S"),
    # injuries (DE 33)
    ("33", "minor", "M"), ("33", "none", "N"), ("33", "broken bone", "B"), ("33", "unconscious", "U"),
    ("33", "lost teeth", "T"), ("33", "laceration", "L"),
    # resident status (DE 30), sex (27), race (28), ethnicity (29), type of victim (25)
    ("30", "resident", "R"), ("30", "nonresident", "N"), ("30", "out of town", "N"),
    ("27", "male", "M"), ("27", "female", "F"), ("27", "woman", "F"), ("27", "man", "M"),
    ("28", "white", "W"), ("28", "black", "B"), ("28", "asian", "A"), ("28", "native american", "I"),
    ("29", "hispanic", "H"), ("29", "not hispanic", "N"), ("29", "latino", "H"),
    ("25", "person", "I"), ("25", "business", "B"), ("25", "officer", "L"), ("25", "society", "S"),
    # the offense's other fields
    ("8", "none", "N"), ("8", "alcohol", "A"), ("8", "drunk", "A"), ("8A", "none", "88"),
    ("7", "completed", "C"), ("7", "attempted", "A"), ("31", "argument", "01"),
    ("31", "domestic", "06"), ("14", "stolen", "7"), ("14", "recovered", "5"), ("14", "seized", "6"),
    ("14", "damaged", "4"),
]


def test_the_table_is_long_and_covers_every_word_the_issue_names():
    assert len(TABLE) >= 150
    issue = ("assault theft dui dwi owi knife gun hands fists wife husband son mother cash phone laptop bike grams "
             "pounds weed fentanyl house apartment warrant battery stalking threat").split() + ["drunk driving"]
    typed = {w for _e, w, _c in TABLE}
    assert set(issue) <= typed, sorted(set(issue) - typed)
    covered = {e for e, _w, _c in TABLE}
    # offense, arrest offense, weapon, relationship, property description, drug type and measurement, location,
    # type of arrest, injury, resident status, sex and race
    assert {"6", "45", "13", "35", "15", "20", "22", "9", "43", "33", "30", "27", "28"} <= covered


@pytest.mark.parametrize("element, typed, code", TABLE)
def test_a_word_finds_its_code(element, typed, code):
    form = GROUP_B if element == "45" else INCIDENT
    parsed = read(form, element, typed)
    got = parsed.value[0] if isinstance(parsed.value, list) and len(parsed.value) == 1 else parsed.value
    assert parsed.ok and got == code, (typed, parsed.value, parsed.problem)


def test_every_everyday_word_in_the_dictionary_finds_its_own_code_and_no_other():
    """Each ``words`` entry of codes.yaml names its code as the clear winner, and no two codes of a list share one."""
    checked = 0
    for list_id, codes in D.code_lists.items():
        owner: dict[tuple, str] = {}
        for c in codes:
            for w in c.get("words") or ():
                key = words.words_of(w)
                assert owner.setdefault(key, c.code) == c.code, (list_id, w, owner[key], c.code)
                found = entry.resolve_code(w, codes, list(codes), finished=True)
                assert found.value == c.code, (list_id, w, found.value, found.problem)
                checked += 1
    assert checked > 600


def code(text: str, **attrs) -> Code:
    number, _, words_ = text.partition(" ")
    return Code(number, words_, attrs=attrs)


def test_ranking_exact_code_then_exact_words_whole_words_prefix_substring():
    pool = [code("01 Fire hydrant"), code("02 Fire", words=["blaze"]), code("03 Firewood pile"),
            code("04 Campfire ring"), code("FI Other")]
    assert [m.code.code for m in words.rank("fi", pool)] == ["FI", "02", "01", "03"]  # code, then starts of words
    ranked = words.rank("fire", pool)
    assert [(m.code.code, words.TIERS[m.tier]) for m in ranked] == [
        ("02", "exact words"), ("01", "whole words"), ("03", "prefix"), ("04", "substring")]
    assert words.winner(ranked).code == "02"
    assert words.winner(words.rank("blaze", pool)).code == "02"  # an everyday word is a wording of its own


def test_a_common_code_wins_a_shared_word_and_otherwise_the_list_stays_open():
    pool = [code("A1 Rare larceny of a thing"), code("A2 Larceny of another thing", usual=True),
            code("A3 Larceny of a third thing")]
    ranked = words.rank("larceny", pool)
    assert ranked[0].code.code == "A2" and words.winner(ranked).code == "A2"
    rare = [c for c in pool if not c.get("usual")]
    assert words.winner(words.rank("larceny", rare)) is None  # two rare codes: no clear winner
    assert words.winner(words.rank("A", pool)) is None  # the start of a code is not a word: no winner
    offense = D.code_list("offense_code")
    theft = [m.code.code for m in words.rank("theft", offense)]
    assert theft[0] == "23H" and theft.index("23C") < theft.index("23D")  # shoplifting is usual, from-building rare


def test_recent_codes_come_first_but_decide_nothing():
    relationship = D.code_list("relationship")
    plain = [m.code.code for m in words.rank("", relationship)]
    assert plain[:3] == ["AQ", "BE", "BG"]
    recent = [m.code.code for m in words.rank("", relationship, recent=["ST", "SE"])]
    assert recent[:3] == ["ST", "SE", "AQ"]
    ranked = words.rank("spouse", relationship, recent=["XS"])
    assert ranked[0].code.code == "SE"  # a whole wording still beats recent use...
    ranked = words.rank("ex", relationship, recent=["XS"])
    assert ranked[0].code.code == "XS"  # ...and among equals the recent one comes first
    assert entry.resolve_code("ex", relationship, list(relationship), finished=True, recent=["XS"]).value is None


# ------------------------------------------------------------------ codes never offered, and the edits agree
REFUSALS = {"204", "250", "704", "750"}  # not a code of the spec in force; only for federal and tribal agencies


def x04_or_federal(report, ctx, element: str, value: str) -> bool:
    """Whether the FBI edits refuse the value of an element: not a code of the spec in force, or federal-only."""
    return any(f.error in REFUSALS and f.element == element and f.value == value for f in rules.validate(report, ctx))


@pytest.mark.parametrize("spec_version", ["2019.1", "2025.0"])
@pytest.mark.parametrize("federal", [False, True])
def test_the_picker_offers_exactly_the_offense_codes_the_edits_accept(spec_version, federal):
    """Retired codes (90I; 90A, 90E, 90H from 2021-01-01, in every version) and federal-only ones for a county are
    never offered, and the FBI edits refuse exactly those; the rest are offered and accepted."""
    agency = forms.Agency(federal=federal, spec_version=spec_version, today=date(2025, 6, 1))
    ctx = rules.Context(spec_version=spec_version, federal_agency=federal, dictionary=D,
                        nibrs_start=date(2015, 1, 1), today=date(2025, 6, 1))
    offered_a = {c.code for c in forms.offered(field(INCIDENT, "6"), scope_for(field(INCIDENT, "6"), INCIDENT),
                                               agency)}
    offered_b = {c.code for c in forms.offered(field(GROUP_B, "45"), scope_for(field(GROUP_B, "45"), GROUP_B),
                                               agency)}
    never = set()
    for c in D.code_list("offense_code"):
        why = forms.allowed_everywhere(c, agency)
        if c.get("group") == "A":
            report = GroupAIncident(ori="WVNDX0100", incident_number="X-1", offenses=[Offense(offense_code=c.code)])
            refused = x04_or_federal(report, ctx, "6", c.code)
            assert (c.code in offered_a) is (why is None), (c.code, why)
        else:
            report = GroupBArrest(ori="WVNDX0100", arrest_transaction_number="X-1", arrest_offense_code=c.code)
            refused = x04_or_federal(report, ctx, "45", c.code)
            assert (c.code in offered_b) is (why is None), (c.code, why)
        assert refused is (why is not None), (c.code, why, spec_version, federal)
        if why:
            never.add(c.code)
    assert "90I" in never and "13A" not in never
    assert {"90A", "90E", "90H"} <= never  # retired on 2021-01-01: gone on 2025-06-01 whatever the version
    assert ("101" in never) is (not federal or spec_version == "2019.1")  # federal-only codes came with 2019.2


def test_the_wizard_asks_the_agency_for_the_spec_in_force(qtbot, store):
    from desktop.store.service import AgencySettings
    from desktop.ui.wizard.wizard import GroupBWizard

    store.save_agency(AgencySettings(ori="WVNDX0100", name="Test County", spec_version="2025.0"))
    wizard = GroupBWizard(store)
    qtbot.addWidget(wizard)
    assert wizard.agency.spec_version == "2025.0"
    offered = [c.code for c in wizard.currentPage().fields["arrest_offense_code"].offered()]
    assert "90A" not in offered and "90I" not in offered and "90D" in offered
    wizard.editor.dirty = False


def test_a_state_profile_adds_its_own_words(tmp_path):
    from desktop.nibrs.profiles import ProfileError, get_profile, load_profiles, parse_profile

    load_profiles()
    d = get_profile("missouri").dictionary
    offense, status = d.code_list("offense_code"), d.code_list("mo_immigration_status")
    assert entry.resolve_code("bwi", offense, list(offense), finished=True).value == "90D"
    assert entry.resolve_code("dui", offense, list(offense), finished=True).value == "90D"  # the FBI's words stay
    assert entry.resolve_code("green card", status, list(status), finished=True).value == "L"
    elsewhere = entry.resolve_code("bwi", D.code_list("offense_code"), list(D.code_list("offense_code")),
                                   finished=True)
    assert elsewhere.value != "90D" and "is not a code" in elsewhere.problem  # not in other states
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile: bad\nname: Bad\nversion: '1'\nwords:\n  offense_code:\n    '99X': [nothing]\n")
    with pytest.raises(ProfileError, match=r"bad.yaml:5.*no code '99X'"):
        parse_profile(bad)
