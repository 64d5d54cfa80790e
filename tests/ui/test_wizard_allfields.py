"""A deputy enters the FBI sample nibrs_AllFields_Sample.xml - every element - with keyboard and mouse only."""

from __future__ import annotations

from ui_helpers import click, child, field, fill, type_into
from nibrs_samples import allfields_incident


def next_page(qtbot, wizard, expected: str):
    click(qtbot, child(wizard, "wizard_next"))
    assert wizard.currentPage().spec.id == expected


def add(qtbot, container, name: str):
    click(qtbot, child(container, name))


def test_enter_the_allfields_sample_by_keyboard_and_mouse(qtbot, window, store):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    qtbot.waitExposed(wizard)
    assert wizard.currentPage().spec.id == "administrative"
    assert field(wizard, "de_1").text() == "WVNDX0100"  # the agency's ORI, filled in
    assert field(wizard, "de_2").text()  # a suggested incident number
    # the sample fills in fields that do not apply to its offense (it shows every element)
    click(qtbot, child(wizard, "wizard_show_all"))

    page = wizard.currentPage()
    fill(qtbot, page, {"de_2": "54236732", "de_3": "02/19/2016", "de_3_hour": "10", "de_4": "A",
                       "de_5": "02/25/2016"})

    next_page(qtbot, wizard, "offenses")
    page = wizard.currentPage()
    offense = child(page, "offense_1")
    fill(qtbot, offense, {"de_6": "240", "de_7": "A", "de_8": "N", "de_8A": "88", "de_9": "58", "de_10": "1",
                          "de_11": "F", "de_12": "N", "de_13": "11A"})
    type_into(qtbot, field(page, "de_2A"), "Y")

    next_page(qtbot, wizard, "property")
    page = wizard.currentPage()
    for n, loss in enumerate("12345", 1):
        if n > 1:
            add(qtbot, page, "add_property")
        prop = child(page, f"property_{n}")
        type_into(qtbot, field(prop, "de_14"), loss)
        descriptions = ["01"] if loss != "5" else ["01", "01", "03", "10"]
        for i, desc in enumerate(descriptions, 1):
            add(qtbot, child(page, f"property_{n}"), "add_item")
            item = child(child(page, f"property_{n}"), f"item_{i}")
            fill(qtbot, item, {"de_15": desc, "de_16": "12000", "de_17": "02/24/2016"})
    prop = child(page, "property_5")
    type_into(qtbot, field(prop, "de_19"), "41")
    add(qtbot, prop, "add_drug")
    fill(qtbot, child(child(page, "property_5"), "drug_1"), {"de_20": "X", "de_21": "1.5", "de_22": "XX"})

    next_page(qtbot, wizard, "victims")
    page = wizard.currentPage()
    victim = child(page, "victim_1")
    assert field(victim, "de_23").text() == "1" and field(victim, "de_24").text() == "240"  # filled in
    fill(qtbot, victim, {"de_25": "L", "de_25A": "10", "de_25B": "G", "de_25C": "WVNDX01", "de_26": "32",
                         "de_27": "M", "de_28": "B", "de_29": "N", "de_30": "R", "de_31": "01", "de_32": "C",
                         "de_33": "N"})
    add(qtbot, victim, "add_relationship")
    fill(qtbot, child(child(page, "victim_1"), "relationship_1"), {"de_34": "1", "de_35": "AQ"})
    add(qtbot, page, "add_victim")
    victim = child(page, "victim_2")
    assert field(victim, "de_23").text() == "2"
    fill(qtbot, victim, {"de_25": "I", "de_26": "under 1 year", "de_27": "M", "de_28": "W", "de_29": "U",
                         "de_30": "R", "de_31": "10", "de_32": "G", "de_33": "N"})
    add(qtbot, victim, "add_relationship")
    fill(qtbot, child(child(page, "victim_2"), "relationship_1"), {"de_34": "1", "de_35": "stranger"})

    next_page(qtbot, wizard, "offenders")
    page = wizard.currentPage()
    offender = child(page, "offender_1")
    assert field(offender, "de_36").text() == "1"
    fill(qtbot, offender, {"de_37": "25-30", "de_38": "F", "de_39": "W", "de_39A": "N"})
    # the relationship grid shows what was entered with the victims
    assert field(child(page, "cell_1_1"), "de_35").text() == "AQ"
    assert field(child(page, "cell_2_1"), "de_35").text() == "ST"

    next_page(qtbot, wizard, "arrestees")
    page = wizard.currentPage()
    add(qtbot, page, "add_arrestee")
    arrestee = child(page, "arrestee_1")
    assert field(arrestee, "de_40").text() == "1" and field(arrestee, "de_44").text() == "N"
    fill(qtbot, arrestee, {"de_41": "12345", "de_42": "02/28/2016", "de_43": "O", "de_45": "64A",
                           "de_46": "12, 13A", "de_47": "25", "de_48": "F", "de_49": "W", "de_50": "N",
                           "de_51": "R", "de_52": "H"})

    next_page(qtbot, wizard, "review")
    click(qtbot, child(wizard, "wizard_finish"))
    assert not wizard.isVisible()

    stored = store.find("incident", "WVNDX0100", "54236732")
    assert stored is not None and stored.status == "draft"
    assert stored.report == allfields_incident()
    assert stored.invalid == {}
