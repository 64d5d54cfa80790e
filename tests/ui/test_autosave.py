"""Autosave: a kill mid-entry loses at most the last second of typing, and the draft reopens on its page."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.store.service import AgencySettings, Store
from ui_helpers import child, click, field, fill

HERE = Path(__file__).resolve().parent


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_mid_entry_the_draft_reopens_on_the_same_page(qtbot, data_dir, monkeypatch):
    st = Store.open(data_dir)
    st.save_agency(AgencySettings(ori="WVNDX0100", name="Test County Sheriff's Office"))
    st.close()
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("NIBRS_DESK_PASSPHRASE", None)  # the child answers the passphrase dialog itself
    child_proc = subprocess.Popen([sys.executable, str(HERE / "kill_app_driver.py"), str(data_dir)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = child_proc.stdout.readline()
        assert line.strip() == "typed", child_proc.stderr.read()
        time.sleep(1.0)  # the promise: at most the last second of typing is lost
        child_proc.send_signal(signal.SIGKILL)
        child_proc.wait(timeout=10)
    finally:
        if child_proc.poll() is None:
            child_proc.kill()
    assert child_proc.returncode == -signal.SIGKILL

    from desktop.app import main_window
    from kill_app_driver import ADMIN, PASSPHRASE, PASSWORD

    window = main_window(data_dir, passphrase=PASSPHRASE, user=ADMIN, password=PASSWORD)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.model.rowCount() == 1
    assert window.model.index(0, 0).data() == "K-100"
    assert window.model.index(0, 4).data() == "Draft"
    table = window.table
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=table.visualRect(window.model.index(0, 0)).center())
    qtbot.keyClick(table, Qt.Key_Return)  # open it
    wizard = window.wizards[-1]
    assert wizard.currentPage().spec.id == "victims"  # the page it was left on
    victim = child(wizard.currentPage(), "victim_1")
    assert field(victim, "de_25").text() == "I" and field(victim, "de_26").text() == "34"
    assert field(victim, "de_28").text() == "whi"  # even the unfinished word
    report = wizard.editor.report
    assert report.incident_number == "K-100" and report.incident_hour == 22
    assert report.offenses[0].offense_code == "13B" and report.offenses[0].weapons == ["40"]
    assert report.victims[0].age == "34"
    # Back still works from the resumed page
    click(qtbot, child(wizard, "wizard_back"))
    assert wizard.currentPage().spec.id == "offenses"
    assert field(child(wizard.currentPage(), "offense_1"), "de_9").text() == "20"
    wizard.editor.dirty = False
    wizard.close()
    window.close()


def test_closing_the_wizard_right_after_typing_keeps_the_typing(qtbot, window, store):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    fill(qtbot, wizard.currentPage(), {"de_2": "C-7", "de_3": "03/14/2025"})
    last = field(wizard.currentPage(), "de_3_hour")
    qtbot.mouseClick(last, Qt.LeftButton)
    qtbot.keyClicks(last, "23")  # no Tab, no pause: the window is closed at once
    qtbot.keyClick(wizard, Qt.Key_Escape)
    assert not wizard.isVisible()
    record = store.find("incident", "WVNDX0100", "C-7")
    assert record is not None and record.report.incident_hour == 23 and record.wizard_page == "administrative"


def test_autosave_happens_within_a_second_without_leaving_the_field(qtbot, window, store):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    wizard = window.wizards[-1]
    number = field(wizard.currentPage(), "de_2")
    qtbot.mouseClick(number, Qt.LeftButton)
    qtbot.keyClick(number, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClicks(number, "S-1")
    assert wizard.editor.pending()  # a save is on its way (AUTOSAVE_MS after the first change)...
    qtbot.waitUntil(lambda: store.find("incident", "WVNDX0100", "S-1") is not None, timeout=5000)
    assert not wizard.editor.dirty  # ...without leaving the field
    assert wizard.focusWidget() is number and isinstance(number, QLineEdit)
