"""Keys a deputy presses to enter each of issue 14's six reports by words alone, against the same reports typed
by their codes in the same run (the floor: a person who knows every code). Target: a simple assault under 120."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ui"))

TARGET = {"simple assault": 120}


def test_keystrokes_of_the_six_reports_by_words_against_codes(qtbot, store):
    import deputy
    from desktop.app import main_window

    window = main_window(store.db.data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    print()
    print(f"{'report':42} {'by words':>9} {'by codes':>9} {'ratio':>6}")
    for name in deputy.REPORTS:
        words, worded = deputy.enter(name, window)
        codes, coded = deputy.enter(name, window, codes=True)
        assert worded.error_count == 0 and coded.error_count == 0 and worded.status == coded.status == "ready"
        target = f"   (target < {TARGET[name]})" if name in TARGET else ""
        print(f"{name:42} {words:9d} {codes:9d} {words / codes:6.2f}{target}")
        if name in TARGET:
            assert words < TARGET[name]
    for w in list(window.wizards):
        w.close()
