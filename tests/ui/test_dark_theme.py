"""Colours from the palette, in one place (desktop/ui/qt.py): every coloured text reads on a light and on a dark
palette, and the app started under a dark theme uses the dark-theme colours everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens import run_on_screen

HERE = Path(__file__).resolve().parent


def test_every_colour_reads_on_a_light_and_on_a_dark_palette(qapp):
    from desktop.ui import qt

    saved = {k: getattr(qt, k) for k in dir(qt) if k.endswith(("_COLOUR", "_STYLE", "_TEXT", "_BACKGROUND",
                                                                 "_BORDER")) or k == "DARK"}
    try:
        for palette, dark in ((qt.QPalette(qt.QColor("#efefef")), False), (qt.dark_palette(), True)):
            qt.use_palette(palette)
            window = palette.color(qt.QPalette.Window)
            assert qt.DARK is dark
            for name in ("ERROR_COLOUR", "WARNING_COLOUR", "GOOD_COLOUR", "QUIET_COLOUR"):
                assert qt.contrast(getattr(qt, name), window) >= 4.5, (dark, name, getattr(qt, name))
            assert qt.contrast(qt.NOTE_TEXT, qt.NOTE_BACKGROUND) >= 7 and qt.contrast(qt.WARN_TEXT,
                                                                                         qt.WARN_BACKGROUND) >= 7
            assert qt.ERROR_COLOUR in qt.ERROR_STYLE and qt.NOTE_BACKGROUND in qt.NOTE_STYLE
            assert qt.finding_style(True) == qt.ERROR_STYLE
        assert qt.contrast(qt.PRINT_ERROR, qt.PRINT_PAPER) >= 4.5  # paper is white whatever the screen
    finally:
        for k, v in saved.items():
            setattr(qt, k, v)


def test_readable_turns_a_colour_until_it_reads(qapp):
    from desktop.ui.qt import contrast, readable

    assert readable("#b00020", "#ffffff") == "#b00020"  # already fine: kept
    lighter = readable("#b00020", "#2b2b2b")
    assert contrast(lighter, "#2b2b2b") >= 4.5 and contrast("#b00020", "#2b2b2b") < 4.5


@pytest.mark.slow
def test_the_app_under_a_dark_theme(tmp_path):
    result = run_on_screen(HERE / "dark_check.py", tmp_path, screen="screen-1080p.json")
    assert result["dark"] is True and result["problems"] == []
    measured = {name for name, *_ in result["labels"]}
    assert {"review_note", "passphrase_warning", "filter_problem", "agency_start_why"} <= measured
    assert result["colours"]["ERROR_COLOUR"] != "#b00020"  # lighter, to read on the dark window
    for shot in ("dark-main-window", "dark-review", "dark-passphrase", "dark-agency"):
        assert (tmp_path / f"{shot}.png").stat().st_size > 5000
