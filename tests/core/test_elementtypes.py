"""Element types, each declared once: typed text, display, storage checks, flat and XML forms, storage columns."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.nibrs import elementtypes
from desktop.nibrs.dictionary import DictionaryError, dictionary, parse_element
from desktop.nibrs.elementtypes import TYPES, ElementType, FlatValueError, Unreadable, element_type
from desktop.nibrs.values import from_flat, to_flat, value_problem

# a value each FBI element type can hold, with one it cannot
SAMPLES = {
    "ori": ("WVNDX0100", "wv ndx"), "identifier": ("ABC-123", "AB 12"), "date": (date(2025, 3, 14), "2025-03-14"),
    "hour": (7, 24), "age": ("2530", "25-30"), "integer": (5, -1), "money": (250, "250"),
    "quantity": (Decimal("2.5"), Decimal("1.0001")), "month": (3, 13), "year": (2025, 25), "text": ("JONES", 7),
}


def _elements(type_name: str):
    return [e for e in dictionary().elements.values() if e.type == type_name and not e.profile]


def test_every_type_the_dictionary_names_is_declared_once():
    d = dictionary()
    assert {e.type for e in d.elements.values()} <= set(TYPES)
    assert set(SAMPLES) | {"code"} <= set(TYPES)
    for e in d.elements.values():
        assert e.value_type is TYPES[e.type] and e.value_type.name == e.type
    with pytest.raises(ValueError, match="declared twice"):
        element_type(type("Again", (ElementType,), {"name": "quantity"}))
    with pytest.raises(DictionaryError, match="unknown type 'percent'"):
        parse_element({"id": "zz", "type": "percent", "at": [{"segment": "victim", "field": "zz"}]})


@pytest.mark.parametrize("type_name", sorted(SAMPLES))
def test_a_value_goes_through_every_form_of_its_type_and_comes_back(type_name):
    d = dictionary()
    good, bad = SAMPLES[type_name]
    for e in _elements(type_name):
        t = e.value_type
        value = good
        if type_name == "text" and e.length < len(good):
            continue
        if type_name in ("integer", "money") and e.length < 3:
            value = 5
        assert value_problem(e, [value] if e.multiple else value, d) is None, e.id
        assert t.problem(e, bad, d), e.id  # storage refuses what the type cannot hold
        if any(p.flat is not None for p in e.placements):
            text = to_flat(e, value)
            assert len(text) == e.length and from_flat(e, text) == value, e.id
        if t.xml_plain and any(p.xml for p in e.placements):
            assert t.from_xml(d, e, t.to_xml(d, e, value)) == value, e.id
        assert t.parse(e, t.display(e, value)) == value, e.id  # a field shows what reads back the same


def test_codes_read_and_write_through_their_list():
    d = dictionary()
    relationship = d.element("35")
    t = relationship.value_type
    assert t.to_xml(d, relationship, "AQ") == "Acquaintance" and t.from_xml(d, relationship, "Acquaintance") == "AQ"
    assert t.from_xml(d, relationship, "Cousin") == "Cousin"  # unknown codes stay, for the validator
    assert t.problem(relationship, "ZZ", d) == "'ZZ' is not a code of the list 'Relationship of Victim to Offender'"
    assert t.words(relationship, ["AQ", "ZZ"], d).endswith("; ZZ (not a code)")
    assert t.widget_chars(relationship) == 24 and t.widget_chars(d.element("13")) == 30  # several weapons: wider


def test_zero_filled_numbers_and_dates_refuse_blank_filled_text():
    d = dictionary()
    assert {n for n, t in TYPES.items() if t.zero_filled} == {"integer", "money", "month", "year", "hour", "date",
                                                              "quantity"}
    count = d.element("18")
    with pytest.raises(FlatValueError, match="zero left-fill"):
        from_flat(count, " 5")
    with pytest.raises(FlatValueError, match="not a real calendar date"):
        from_flat(d.element("3"), "20250230")
    with pytest.raises(Unreadable):
        count.value_type.from_xml(d, count, "2.5")


def test_drug_quantities_are_thousandths_in_the_flat_file_and_in_storage():
    quantity = dictionary().element("21")
    t = quantity.value_type
    assert to_flat(quantity, Decimal("2.5")) == "000000002500"
    assert from_flat(quantity, "000000002500") == Decimal("2.500")
    assert t.column_suffix == "_thousandths" and t.to_column(Decimal("2.5")) == 2500
    assert t.from_column(2500) == Decimal("2.500") and t.from_column(None) is None
    assert TYPES["integer"].column_suffix == "" and TYPES["integer"].to_column(5) == 5
    assert t.to_xml(dictionary(), quantity, Decimal("2.500")) == "2.5"


def test_what_a_person_types():
    d = dictionary()
    assert TYPES["ori"].parse(d.element("1"), "wvndx0100") == "WVNDX0100"
    assert TYPES["money"].parse(d.element("16"), "$1,250") == 1250
    assert TYPES["hour"].parse(d.element("3_hour"), "2 pm") == 14
    assert TYPES["boolean"].parse(None, "yes") is True and TYPES["boolean"].display(None, False) == "N"
    with pytest.raises(ValueError, match="more than three decimals"):
        TYPES["quantity"].parse(d.element("21"), "1.0001")
    assert TYPES["date"].words(d.element("3"), date(2025, 3, 14), d) == "Friday 14 March 2025"
    assert TYPES["money"].words(d.element("16"), 1250, d) == "$1,250"
    assert [TYPES[n].widget for n in ("ori", "identifier", "hour", "date")] == [11, 14, 5, 12]
    assert {n for n, t in TYPES.items() if t.typed_length} == {"ori", "identifier", "text"}


def test_a_new_element_type_is_one_class():
    """What docs/architecture.md shows: a class registered in elementtypes, and elements may name it."""

    @element_type
    class Percent(ElementType):
        name = "percent"
        zero_filled = True
        widget = 5

        def parse(self, element, text, *, infants=False):
            return int(text.rstrip("%"))

        def display(self, element, value):
            return f"{value}%"

        def problem(self, element, value, d):
            return None if isinstance(value, int) and 0 <= value <= 100 else f"{value!r} is not a percentage"

        def flat_text(self, element, value):
            return f"{value:03d}"

        def from_flat(self, element, text):
            return int(text)

    try:
        e = parse_element({"id": "zz_share", "type": "percent", "length": 3,
                           "at": [{"segment": "victim", "field": "zz_share"}]})
        assert e.value_type is TYPES["percent"]
        assert to_flat(e, 7) == "007" and from_flat(e, "007") == 7
        assert value_problem(e, 120, dictionary()) == "120 is not a percentage"
        assert e.value_type.display(e, e.value_type.parse(e, "45%")) == "45%"
        assert e.value_type.to_xml(dictionary(), e, 45) == "45"  # what it does not say is the default
    finally:
        del TYPES["percent"]
    assert "percent" not in elementtypes.TYPES
