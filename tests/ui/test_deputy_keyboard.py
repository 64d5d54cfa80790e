"""The deputy at the keyboard: six reports entered by words alone (no code typed), keys only, each stored ready
for review with no FBI error; a simple assault in under 120 keys."""

from __future__ import annotations

import pytest

import deputy
from desktop.nibrs import rules


@pytest.mark.parametrize("name", list(deputy.REPORTS))
def test_a_report_entered_by_words_and_keys_alone_is_stored_with_no_fbi_error(qtbot, window, store, name):
    from desktop.store.history import context_for

    keys, record = deputy.enter(name, window)
    assert record.status == "ready" and record.error_count == 0
    errors = [f for f in rules.validate(record.report, context_for(store, stored_id=record.id)) if f.is_error]
    assert errors == []
    assert keys > 20
    if name == "simple assault":
        assert keys < 120, keys


def test_the_words_find_the_same_report_as_the_codes(qtbot, window, store):
    """Typed by words or by codes, the six reports come out the same: the words found the right codes."""
    for name in deputy.REPORTS:
        by_words, worded = deputy.enter(name, window)
        by_codes, coded = deputy.enter(name, window, codes=True)
        for a, b in ((worded.report, coded.report),):
            number = "incident_number" if hasattr(a, "incident_number") else "arrest_transaction_number"
            setattr(b, number, getattr(a, number))
            for arrestee in getattr(b, "arrestees", []):
                arrestee.arrest_transaction_number = getattr(a, number)
        assert worded.report == coded.report, name
        assert by_codes <= by_words, name


def test_a_relationship_typed_erased_and_typed_again_keeps_the_cursor_in_its_cell(qtbot, window):
    """Every entry typed, erased with Backspace and typed again: erasing a cell of the relationship grid removes the
    victim's relationship and rebuilds the page, and the cursor stays in that cell (an empty cell names no
    relationship row, so a victim's empty cells once looked alike: the cursor went to the next cell, and what was
    typed next landed there)."""
    keys, record = deputy.enter("homicide, two victims and two offenders", window, mistakes=1)
    assert record.status == "ready" and record.error_count == 0
    assert [[(r.offender_number, r.relationship) for r in v.relationships] for v in record.report.victims] == \
        [[(1, "FR"), (2, "ST")], [(1, "NE"), (2, "ST")]]
    assert keys > 2 * deputy.enter("homicide, two victims and two offenders", window)[0]


@pytest.mark.slow
@pytest.mark.parametrize("screen, scale", [("screen-1366x768.json", "1"), ("screen-1080p.json", "1.5")])
def test_a_whole_session_of_six_reports_in_one_process_on_a_real_screen(tmp_path, screen, scale):
    """The six reports one after the other in one office window, keys only, on a 1366x768 laptop and on a
    1920x1080 screen at 150%: every report stored ready with no error, no text cut off, nothing off the screen."""
    from pathlib import Path

    from screens import run_on_screen

    shots = tmp_path / "shots"
    shots.mkdir()
    result = run_on_screen(Path(__file__).resolve().parent / "deputy_session.py", tmp_path / "data", shots,
                           screen=screen, scale=scale, timeout=300)
    assert result["problems"] == []
    assert result["reports"] == 6 and list(result["keys"]) == list(deputy.REPORTS)
    assert result["keys"]["simple assault"] < 120
    assert result["dpr"] == float(scale)
    assert len(result["shots"]) >= 12 and all((shots / name).stat().st_size > 10000 for name in result["shots"])
