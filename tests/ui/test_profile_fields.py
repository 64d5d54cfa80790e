"""A state profile's elements appear in the wizard, are checked, stored and switch off with the profile."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QApplication

from desktop.store.service import AgencySettings
from ui_helpers import child, click, field, fill, type_into


def missouri(window, store):
    store.save_agency(AgencySettings("WVNDX0100", "Test County Sheriff's Office", state_profile="missouri"))
    window._profile_changed()


def test_missouri_fields_on_the_right_pages_checked_and_saved(qtbot, window, store):
    missouri(window, store)
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    page = wizard.currentPage()
    fill(qtbot, page, {"de_2": "25-000077", "de_3": "03/14/2025", "de_3_hour": "22", "de_4": "N"})
    lat = field(page, "mo_latitude")
    type_into(qtbot, lat, "38.627003, -90.199402")  # pasted from a map: fills both
    assert lat.text() == "38.627003" and field(page, "mo_longitude").text() == "-90.199402"
    type_into(qtbot, lat, "41.5")  # Iowa
    assert "41.5 is outside 35.99 to 40.62" in child(page, "mo_latitude_message").text()
    type_into(qtbot, lat, "38.627003")

    click(qtbot, child(wizard, "wizard_next"))
    offense = child(wizard.currentPage(), "offense_1")
    fill(qtbot, offense, {"de_6": "13B", "de_7": "C", "de_8": "N", "de_8A": "88", "de_9": "20", "de_13": "40"})
    click(qtbot, child(wizard, "wizard_next"))
    victim = child(wizard.currentPage(), "victim_1")
    fill(qtbot, victim, {"de_25": "I", "de_26": "34", "de_27": "F", "de_28": "W", "de_33": "M"})
    assert wizard.currentPage().findChild(type(lat), "mo_immigration_status") is None  # not a victim field
    click(qtbot, child(wizard, "wizard_next"))
    offender = child(wizard.currentPage(), "offender_1")
    fill(qtbot, offender, {"de_37": "36", "de_38": "M", "de_39": "W"})
    status = field(offender, "mo_immigration_status")
    assert child(offender, "mo_immigration_status_message").text() == ""  # not yet: it was never left
    type_into(qtbot, status, "")  # the cursor passes through it, leaving it empty
    assert "MO-501" in child(offender, "mo_immigration_status_message").text()
    type_into(qtbot, status, "united")  # a word of "United States citizen"
    assert status.text() == "C" and child(offender, "mo_immigration_status_message").text() == ""
    wizard.editor.save_now()
    record = window.store.find("incident", "WVNDX0100", "25-000077")
    assert record.report.extras == {"mo_latitude": Decimal("38.627003"), "mo_longitude": Decimal("-90.199402")}
    assert record.report.offenders[0].extras == {"mo_immigration_status": "C"}
    assert record.profile == "missouri" and record.profile_version == "2025.1"
    wizard.editor.dirty = False
    wizard.close()

    # under the FBI profile the fields are gone, and the values stay in the record
    store.save_agency(AgencySettings("WVNDX0100", "Test County Sheriff's Office", state_profile="fbi"))
    window._profile_changed()
    window.open_record("incident", record.id)
    wizard = window.wizards[-1]
    assert wizard.currentPage().findChild(type(lat), "mo_latitude") is None
    assert window.store.get("incident", record.id).report.offenders[0].extras == {"mo_immigration_status": "C"}
    wizard.editor.dirty = False
    wizard.close()
    QApplication.processEvents()


def test_coordinates_outside_the_state_say_what_is_likely_wrong(qtbot, window, store):
    missouri(window, store)
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    page = wizard.currentPage()
    type_into(qtbot, field(page, "mo_longitude"), "90.199402")
    text = child(page, "mo_longitude_message").text()
    assert "longitude in Missouri is negative: did you leave out the minus sign?" in text
    type_into(qtbot, field(page, "mo_longitude"), "38.627")
    assert "are longitude and latitude swapped?" in child(page, "mo_longitude_message").text()
    type_into(qtbot, field(page, "mo_longitude"), "-90.199402")
    assert child(page, "mo_longitude_message").text() == ""
    wizard.editor.dirty = False
    wizard.close()
