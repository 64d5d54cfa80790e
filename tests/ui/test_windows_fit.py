"""Every window fits the screen: the office window, both wizards and every dialog, on a 1366x768 laptop at 100% and
at 150% scaling (911x512 logical pixels) and on 1920x1080 at 150% (1280x720), with room left for a title bar; and
none is made so that it cannot be shrunk to fit (the Data quality window's three trend charts once held it 893
pixels tall, more than any of these screens); and no dialog's Tab order refused by Qt. Every dialog: the list
``ui_helpers.dialogs``, which the Alt-letter test holds to every dialog class of desktop/ui."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens import run_on_screen
from ui_helpers import dialogs

HERE = Path(__file__).resolve().parent


@pytest.mark.slow
@pytest.mark.parametrize("screen, scale, room", [("screen-768p.json", "1.5", [911, 512]),
                                                 ("screen-768p.json", "1", [1366, 768]),
                                                 ("screen-1080p.json", "1.5", [1280, 720])])
def test_every_window_fits_the_screen(tmp_path, screen, scale, room):
    result = run_on_screen(HERE / "windows_fit_check.py", tmp_path, screen=screen, scale=scale, timeout=300)
    assert result["dpr"] == float(scale) and result["room"] == room
    assert set(result["windows"]) >= {"MainWindow", "IncidentWizard", "GroupBWizard", "QualityWindow",
                                      "AuditDialog", "ConflictsDialog", "ExportDialog"}
    assert result["problems"] == []
    for name in result["windows"]:
        assert (tmp_path / f"{name}.png").stat().st_size > 1000, name  # drawn, so it can be looked at


def test_a_window_asking_for_more_than_the_screen_gets_the_screen(qtbot):
    from desktop.ui.qt import TITLE_BAR, QDialog, resize_within_screen, screen_room

    dialog = QDialog()
    qtbot.addWidget(dialog)
    room = screen_room(dialog)
    resize_within_screen(dialog, room.width() + 500, room.height() + 500)
    assert (dialog.width(), dialog.height()) == (room.width(), room.height() - TITLE_BAR)
    resize_within_screen(dialog, 400, 300)  # a smaller wish is granted as it is
    assert (dialog.width(), dialog.height()) == (400, 300)


def test_no_dialog_asks_qt_for_a_tab_order_it_refuses(qtbot, qtlog, window):
    """A Tab order set before a widget is in its window is refused with a warning (and that step of the order is
    lost): the security settings' role check boxes were chained before their box was placed in the dialog."""
    for name, opener in dialogs(window).items():
        dialog = opener()
        dialog.show()
        dialog.close()
        dialog.deleteLater()
    refused = [r.message for r in qtlog.records if "setTabOrder" in r.message]
    assert refused == []
