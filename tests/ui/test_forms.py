"""The wizard's declarations (forms/*.yaml): conditions, the codes a picker offers, typed entries. Headless."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.nibrs.dictionary import dictionary, parse_element
from desktop.nibrs.model import GroupAIncident, Offense, Property, PropertyItem, Victim
from desktop import forms
from desktop.forms import entry

D = dictionary()


def spec(form_name: str, page: str, element: str) -> forms.FieldSpec:
    f = forms.load_form(form_name, D)
    p = f.page(page)
    for s in p.all_fields():
        if s.element.id == element:
            return s
    raise KeyError(element)


def victim_scope(*offenses: str, victim_type: str = "I") -> forms.Scope:
    inc = GroupAIncident(offenses=[Offense(offense_code=c) for c in offenses])
    v = Victim(offense_codes=list(offenses), victim_type=victim_type)
    inc.victims.append(v)
    return forms.Scope(v, "victim", inc, D)


def codes(s, scope, federal=False, spec_version="2025.0") -> list[str]:
    return [c.code for c in forms.offered(s, scope, forms.Agency(federal=federal, spec_version=spec_version))]


def test_every_field_of_the_forms_is_a_dictionary_element_in_its_segment():
    for name in ("incident", "group_b"):
        f = forms.load_form(name, D)
        for page in f.pages:
            for s in page.all_fields():
                assert s.element.placement(s.kind) is not None
                assert "&" in s.label, f"{name}/{page.id}: {s.element.id} has no mnemonic"


def test_circumstances_only_for_homicide_and_aggravated_assault_with_the_right_subset():
    s = spec("incident", "victims", "31")
    assert not forms.holds(s.when, victim_scope("13B"))
    assert forms.holds(s.when, victim_scope("13A"))
    assert codes(s, victim_scope("13A")) == ["01", "02", "03", "04", "05", "06", "08", "09", "10"]  # no 07 mercy
    assert "07" in codes(s, victim_scope("09A"))
    assert codes(s, victim_scope("09C")) == ["20", "21"]
    assert codes(s, victim_scope("09B")) == ["30", "31", "32", "33", "34"]


def test_officer_fields_only_for_a_law_enforcement_victim():
    s = spec("incident", "victims", "25A")
    assert forms.holds(s.when, victim_scope("13A", victim_type="L"))
    assert not forms.holds(s.when, victim_scope("13A", victim_type="I"))


def test_drug_rows_only_for_drug_property():
    page = forms.load_form("incident", D).page("property")
    drugs = next(r for r in page.rows if r.group.id == "drug")
    inc = GroupAIncident(offenses=[Offense(offense_code="220")])
    prop = Property(loss_type="7", items=[PropertyItem(description="20")])
    inc.properties.append(prop)
    scope = forms.Scope(prop, "property", inc, D)
    assert not forms.holds(drugs.when, scope)
    prop.items.append(PropertyItem(description="10"))
    assert forms.holds(drugs.when, scope)


def test_property_page_only_when_the_offenses_need_it():
    page = forms.load_form("incident", D).page("property")
    for code, needed in (("13B", False), ("220", True), ("100", True), ("35A", True), ("39A", True),
                         ("40A", False), ("120", True)):
        inc = GroupAIncident(offenses=[Offense(offense_code=code)])
        assert forms.holds(page.when, forms.Scope(inc, "incident", inc, D)) is needed, code


def test_federal_only_and_retired_codes_are_never_offered_to_a_county():
    s = spec("incident", "offenses", "6")
    scope = forms.Scope(Offense(), "offense", GroupAIncident(), D)
    county = codes(s, scope)
    assert "13A" in county and "101" not in county and "30A" not in county
    assert "90A" not in codes(spec("group_b", "arrest", "45"), forms.Scope(None, "group_b", None, D))
    assert "101" in codes(s, scope, federal=True)
    group_b = codes(spec("group_b", "arrest", "45"), forms.Scope(None, "group_b", None, D))
    assert group_b == ["90B", "90C", "90D", "90F", "90G", "90J", "90Z"]
    location = codes(spec("incident", "offenses", "9"), scope)
    assert "22" not in location  # deprecated school/college


def test_weapons_for_simple_assault_are_the_four_allowed():
    s = spec("incident", "offenses", "13")
    off = Offense(offense_code="13B")
    assert codes(s, forms.Scope(off, "offense", GroupAIncident(offenses=[off]), D)) == ["40", "90", "95", "99"]


def test_victim_offenses_are_the_incidents_own():
    s = spec("incident", "victims", "24")
    assert codes(s, victim_scope("23H", "13B")) == ["23H", "13B"]


@pytest.mark.parametrize("typed, code", [
    ("25", "25"), ("25-30", "2530"), ("unknown", "00"), ("newborn", "NB"), ("under 1 week", "NB"),
    ("under 1 year", "BB"), ("over 98", "99"),
])
def test_age_entries(typed, code):
    assert entry.parse(D.element("26"), typed, D, infants=True).value == code


def test_infant_ages_only_for_victims():
    parsed = entry.parse(D.element("37"), "newborn", D, infants=False)
    assert parsed.value is None and "only for victims" in parsed.problem


@pytest.mark.parametrize("typed, day", [
    ("03/14/2025", date(2025, 3, 14)), ("3/14/25", date(2025, 3, 14)), ("2025-03-14", date(2025, 3, 14)),
    ("03142025", date(2025, 3, 14)), ("20250314", date(2025, 3, 14)),
])
def test_dates_by_keyboard(typed, day):
    assert entry.parse_date(typed) == day


def test_dates_in_words_and_mistakes():
    assert entry.parse_date("today", today=date(2025, 3, 14)) == date(2025, 3, 14)
    assert entry.parse_date("yesterday", today=date(2025, 3, 14)) == date(2025, 3, 13)
    with pytest.raises(ValueError, match="not a real calendar date"):
        entry.parse_date("02/30/2025")
    with pytest.raises(ValueError, match="MM/DD/YYYY"):
        entry.parse_date("next week")


def test_code_pickers_take_a_code_or_words_with_one_clear_winner():
    offense = D.code_list("offense_code")
    assert entry.resolve_code("13a", offense, list(offense), finished=True).value == "13A"
    assert entry.resolve_code("aggravated", offense, list(offense), finished=True).value == "13A"
    assert entry.resolve_code("theft", offense, list(offense), finished=True).value == "23H"  # a synonym
    ambiguous = entry.resolve_code("manslaughter", offense, list(offense), finished=True)
    assert ambiguous.value is None and "matches several codes (09B" in ambiguous.problem
    found = [c.code for c in entry.search_codes("assault", list(offense))]
    assert found[:3] == ["13B", "13A", "11C"]  # the exact synonym, then whole words with fewest words left
    assert [c.code for c in entry.search_codes("13", list(offense))][:3] == ["13A", "13B", "13C"]


def test_several_values_are_typed_with_commas():
    parsed = entry.parse(D.element("46"), "12, 13A", D)
    assert parsed.value == ["12", "13A"] and parsed.normal == "12, 13A"
    too_many = entry.parse(D.element("46"), "11, 12, 13", D)
    assert "at most 2" in too_many.problem
    assert entry.parse(D.element("21"), "1.5", D).value == Decimal("1.500")
    assert entry.parse(D.element("16"), "$12,000", D).value == 12000


def test_a_profiles_own_elements_join_their_section():
    extra = parse_element({"id": "MO_IMM", "name": "Immigration Status", "type": "code", "codes": "sex",
                           "length": 1, "at": [{"segment": "offender", "field": "immigration_status"}],
                           "label": "&Immigration status"}, profile="mo")
    d = D.extend([extra])
    page = forms.load_form("incident", d).page("offenders")
    assert page.fields[-1].element.id == "MO_IMM" and page.fields[-1].profile
    assert page.fields[-1].widget_name == "MO_IMM"


def test_a_mistake_in_a_form_names_the_file_and_the_field(tmp_path):
    (tmp_path / "bad.yaml").write_text("pages:\n- id: p\n  segment: victim\n  fields:\n  - {element: '6'}\n")
    with pytest.raises(forms.FormError, match=r"bad.yaml:5: page p, field 6: data element 6 .* does not belong"):
        forms.load_form("bad", D, tmp_path)
    (tmp_path / "bad.yaml").write_text("pages:\n- id: p\n  segment: incident\n- id: q\n  segmnet: incident\n")
    with pytest.raises(forms.FormError, match=r"bad.yaml:4: page q: unknown key 'segmnet'"):
        forms.load_form("bad", D, tmp_path)
    (tmp_path / "bad.yaml").write_text("pages:\n- id: p\n  title: [unclosed\n")
    with pytest.raises(forms.FormError, match=r"bad.yaml:4: not valid YAML"):
        forms.load_form("bad", D, tmp_path)


# The offense lists incident.yaml once retyped for DE 12, 13 and 31-33 (FBI spec 2019.1, Data Elements 12, 13,
# 31, 32, 33): the fields are now shown on conditions over codes.yaml's attributes; they must show and offer
# exactly what these lists said, for every offense code.
OLD_SHOWN = {
    "12": {"250", "280", "35A", "35B", "39C", "370", "520", "720", "09A", "09B", "100", "11A", "11B", "11C", "11D",
           "120", "13A", "13B", "13C"},
    "13": {"09A", "09B", "09C", "100", "11A", "11B", "11C", "11D", "120", "13A", "13B", "210", "520", "64A", "64B"},
    "31": {"09A", "09B", "09C", "13A"},
    "32": {"09C"},
    "33": {"100", "11A", "11B", "11C", "11D", "120", "13A", "13B", "210", "64A", "64B"},
}
OLD_ACTIVITY = [({"250", "280", "35A", "35B", "39C", "370", "520"}, {"B", "C", "D", "E", "O", "P", "T", "U"}),
                ({"720"}, {"A", "F", "I", "S"}),
                ({"09A", "09B", "100", "11A", "11B", "11C", "11D", "120", "13A", "13B", "13C"}, {"G", "J", "N"})]


def offense_scope(code: str) -> forms.Scope:
    off = Offense(offense_code=code)
    return forms.Scope(off, "offense", GroupAIncident(offenses=[off]), D)


@pytest.mark.parametrize("code", [c.code for c in D.code_list("offense_code")])
def test_offense_dependent_fields_show_and_offer_what_the_fbi_lists_say(code):
    scopes = {"12": offense_scope(code), "13": offense_scope(code)}
    scopes.update({e: victim_scope(code) for e in ("31", "32", "33")})
    pages = {"12": "offenses", "13": "offenses", "31": "victims", "32": "victims", "33": "victims"}
    for element, shown in OLD_SHOWN.items():
        s = spec("incident", pages[element], element)
        assert forms.holds(s.when, scopes[element]) is (code in shown), (element, code)
    activity = set().union(*(kinds for offenses, kinds in OLD_ACTIVITY if code in offenses)) or None
    every = {c.code for c in D.code_list("criminal_activity")}
    assert set(codes(spec("incident", "offenses", "12"), scopes["12"])) == (activity or every)
    weapons = codes(spec("incident", "offenses", "13"), scopes["13"])
    every = [c.code for c in D.code_list("weapon_force")]
    assert weapons == (["40", "90", "95", "99"] if code == "13B" else every)


def test_a_victim_of_several_offenses_gets_the_fields_of_any_of_them():
    for element, page in (("31", "victims"), ("32", "victims"), ("33", "victims")):
        s = spec("incident", page, element)
        assert forms.holds(s.when, victim_scope("23H", sorted(OLD_SHOWN[element])[0]))
        assert not forms.holds(s.when, victim_scope("23H", "290"))
    assert not forms.holds(spec("incident", "victims", "31").when, victim_scope())
