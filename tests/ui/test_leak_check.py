"""The check that fails a test leaving a window behind (tests/conftest.py) sees one, and lets a closed one go."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from qtleaks import top_level_widgets, windows_left_behind


def test_a_window_still_open_or_only_hidden_is_left_behind_a_deleted_one_is_not(qtbot):
    before = top_level_widgets()
    window = QWidget()
    window.setObjectName("forgotten")
    window.show()
    hidden = QDialog()  # closed but never deleted: still there
    hidden.close()
    child = QLabel("inside", window)  # not a window of its own
    left = windows_left_behind(before)
    assert window in left and hidden in left and child not in left and len(left) == 2
    for w in (window, hidden):
        w.close()
        w.deleteLater()
    assert windows_left_behind(before) == []
