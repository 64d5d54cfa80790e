"""A first start that explains itself: every first-start dialog fits its words at 1366x768 and at 1920x1080 with
150% scaling, before and after it shows a message; the agency dialog explains each setting and leaves the NIBRS
start date empty until someone types it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from secui_helpers import keyring, said  # noqa: F401 (autouse fixtures)
from screens import run_on_screen

HERE = Path(__file__).resolve().parent
DIALOGS = {"passphrase-new", "passphrase-convert", "passphrase-unlock", "first-admin", "sign-in", "agency"}


@pytest.mark.slow
@pytest.mark.parametrize("screen, scale, logical", [("screen-768p.json", "1", [1366, 768]),
                                                    ("screen-1080p.json", "1.5", [1280, 720])])
def test_no_first_start_dialog_cuts_its_words(tmp_path, screen, scale, logical):
    result = run_on_screen(HERE / "first_start_check.py", tmp_path, screen=screen, scale=scale)
    assert result["dpr"] == float(scale) and result["screen"] == logical
    assert set(result["dialogs"]) == DIALOGS
    assert result["problems"] == []
    for name, (width, height, width_after, height_after) in result["dialogs"].items():
        assert width_after == width and height_after >= height, name  # a message grows the dialog, never squeezes
        assert (tmp_path / f"{name}-message.png").stat().st_size > 1000
    assert result["dialogs"]["passphrase-new"][3] > result["dialogs"]["passphrase-new"][1]


def test_the_agency_dialog_explains_each_setting_and_leaves_the_start_date_empty(qtbot, store):
    from desktop.store.service import AgencySettings
    from desktop.ui.admin.agency_dialog import AgencyDialog

    store.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office"))  # no start date
    dialog = AgencyDialog(store, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start.text() == "" and "leave empty" in dialog.start.placeholderText()
    why = {name: label.text() for name, label in dialog.explanations.items()}
    assert set(why) == {"agency_ori", "agency_name", "agency_profile", "agency_start", "agency_spec", "agency_federal"}
    assert "edit 173 refuses an incident dated before it" in why["agency_start"]
    assert "state's own fields, codes and edits" in why["agency_profile"]
    assert "2019.1" in why["agency_spec"] and "nine-character" in why["agency_ori"]
    assert dialog.start.accessibleDescription() == why["agency_start"]
    intro = dialog.findChild(QLabel, "agency_intro").text()
    assert "File > Agency settings" in intro and "under Settings" not in intro  # the menu as it is named
    assert dialog.width() > 500 and dialog.minimumHeight() >= dialog.layout().totalHeightForWidth(dialog.width())

    qtbot.keyClicks(dialog.start, "02/30/2021")
    dialog.accept()
    assert dialog.isVisible() and "NIBRS start date" in dialog.error.text() and dialog.error.isVisible()
    assert store.agency().nibrs_start_date is None
    dialog.start.clear()
    qtbot.keyClicks(dialog.start, "07/01/2019")
    qtbot.keyClick(dialog.start, Qt.Key_Return)  # OK
    assert not dialog.isVisible()
    assert store.agency().nibrs_start_date == date(2019, 7, 1)

    again = AgencyDialog(store)
    qtbot.addWidget(again)
    assert again.start.text() == "07/01/2019"
    again.start.clear()
    again.accept()  # emptied: no start date, edit 173 checks nothing
    assert store.agency().nibrs_start_date is None
