"""Every data element's codes mean what its own FBI table says (DE 13 and DE 46 differ).

The 2019.1 specification gives each coded data element its own table of data values (section 3.3, and
Appendix A for the offense codes); resources/fbi/code-tables/spec-2019.1/ holds them, one CSV per
element. The IEPD's XML code tables (resources/fbi/code-tables/*.csv) are per XML type, and one of them
(j:ForceCategoryCode, DE 13's) repeats the arrestee's weapon wording ("Lethal Cutting Instument", "Club/
Blackjack/Brass Knuckles") where the offense's table says "Knife/Cutting Instrument" and "Blunt Object".
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from testpaths import REPO, SHARED
from desktop.cli import main
from desktop.nibrs.dictionary import dictionary

SPEC_TABLES = REPO / "resources" / "fbi" / "code-tables" / "spec-2019.1"

# Codes of an element's list that its own table does not list, and why (besides the reasons the test finds
# itself: the automatic indicator, codes a spec version adds or retires, victim-only ages).
NOT_IN_THE_ELEMENTS_TABLE = {
    ("48", "U"): "667/758: U (unknown) is not an arrestee's sex (Table 3-65); the list is DE 27's and DE 38's too",
}


def table_file(element_id: str) -> Path:
    if element_id == "3_report":
        return SPEC_TABLES / "DE3-report-date-indicator.csv"
    if element_id in ("6", "24", "45"):
        return SPEC_TABLES / "AppendixA-offense-codes.csv"
    return SPEC_TABLES / f"DE{element_id}.csv"


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def coded_elements():
    d = dictionary()
    return [e for e in d.elements.values() if e.codes and e.number and not e.profile]


def test_every_numbered_coded_element_has_its_own_table():
    for e in coded_elements():
        assert table_file(e.id).exists(), f"DE {e.id} ({e.name}) has no table in {SPEC_TABLES}"
    readme = (SPEC_TABLES / "README.md").read_text(encoding="utf-8")
    assert "ucr-2019-1-nibrs-technical-specification-1" in readme


@pytest.mark.parametrize("element_id", [e.id for e in coded_elements()])
def test_each_element_reads_its_own_fbi_table(element_id):
    d = dictionary()
    e = d.element(element_id)
    codes = d.code_lists[e.codes]
    rows = read(table_file(element_id))
    if element_id == "6" or element_id == "24":
        rows = [r for r in rows if r["Group"] == "A"]
    listed = {r["Code"] for r in rows}
    for r in rows:
        c = codes.get(r["Code"])
        assert c is not None, f"DE {element_id}: code {r['Code']} ({r['Description']}) is missing"
        assert _same(c.description, r["Description"]), (element_id, r["Code"], c.description, r["Description"])
        if "Offense" in r:
            assert c.get("category") == r["Offense"] and c.get("against") == r["Crime Against"], r["Code"]
    indicator = SPEC_TABLES / f"DE{element_id}-automatic-weapon-indicator.csv"
    automatic = {r["Code"] for r in read(indicator)} if indicator.exists() else set()
    for c in codes:
        if c.code in listed:
            continue
        why = NOT_IN_THE_ELEMENTS_TABLE.get((element_id, c.code))
        if not why and len(c.code) == 3 and c.code[:2] in listed and c.code[2] in automatic:
            why = "a firearm with the automatic indicator (its own table)"
        if not why and (d.specs.addition(e.codes, c.code) or d.specs.retirement(e.codes, c.code)):
            why = "added or retired by a spec version"
        if not why and c.get("victim_only") and element_id != "26":
            why = "a victim's age only"
        if not why and element_id in ("6", "24") and c.get("group") == "B":
            why = "a Group B offense (Group A elements: 264)"
        assert why, f"DE {element_id}: code {c.code} ({c.description}) is in no FBI table of the element"


def test_the_offense_weapons_and_the_arrestee_weapons_differ():
    d = dictionary()
    weapons, armed = d.codes_for("13"), d.codes_for("46")
    assert weapons["20"].description == "Knife/Cutting Instrument"
    assert weapons["30"].description == "Blunt Object"
    assert weapons["11"].description == "Firearm"
    assert armed["16"].description == "Lethal Cutting Instrument"
    assert armed["17"].description == "Club/Blackjack/Brass Knuckles"
    assert armed["11"].description == "Firearm (type not stated)"


def test_the_codes_command_shows_the_elements_own_words(capsys):
    assert main(["codes", "13"]) == 0
    out = capsys.readouterr().out
    assert "Knife/Cutting Instrument" in out and "Blunt Object" in out and "Instument" not in out
    assert main(["codes", "46"]) == 0
    out = capsys.readouterr().out
    assert "Lethal Cutting Instrument" in out and "Knife" not in out


def test_messages_name_the_offense_weapon_as_the_offense_table_does():
    from nibrs_samples import simple_incident
    from desktop.nibrs.rules import validate

    inc = simple_incident()
    inc.offenses[0].weapons = ["20"]  # 265: not a simple assault's weapon
    (f,) = [f for f in validate(inc) if f.error == "265"]
    assert "Knife/Cutting Instrument" in f.message and "Lethal" not in f.message


def test_the_tables_are_the_specifications_text():
    """Each table's rows, as the spec's text prints them (code = description), in ../shared."""
    text_path = SHARED / "nibrs" / "docs" / "text" / "ucr-2019-1-nibrs-technical-specification-1.txt"
    if not text_path.exists():
        pytest.skip("../shared is not beside this checkout")
    text = " ".join(text_path.read_text(encoding="utf-8").split())
    for path in sorted(SPEC_TABLES.glob("DE*.csv")):
        for r in read(path):
            if r["Code"] in ("NN", "NB", "BB", "99", "00") and path.name in ("DE37.csv", "DE47.csv"):
                continue  # the ages are printed once per table: checked with DE 26
            found = re.search(re.escape(f"{r['Code']} = {r['Description']}"), text)
            assert found, (path.name, r["Code"], r["Description"])
