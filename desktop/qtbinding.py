"""Is the installed Qt binding safe to run? A check that needs no window.

PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to ``None`` on every Qt method
that returns nothing (``QLabel.setText``, ``QWidget.setVisible``, ``QObject.setObjectName``...).
A wizard keystroke makes several hundred such calls, so after about ninety keystrokes
``None``'s count reaches zero and Python aborts with ``Fatal Python error: none_dealloc``.
On Python 3.12 and newer ``None`` is immortal and the defect is harmless.

:func:`none_references_lost` measures it without risking the process: it holds spare
references to ``None`` while it counts, and gives back what a bad binding took. The test
suite and ``nibrs-desk selftest`` call it, so a frozen build with a bad binding fails at
build time instead of on a deputy's laptop.
"""

from __future__ import annotations

import ctypes
import sys

# The releases the app is known to run on (pyproject.toml's range says the same).
KNOWN_GOOD = "PySide6-Essentials 6.8 to 6.11"
KNOWN_BAD = ("6.12.0",)

CALLS = 10_000


def none_is_immortal() -> bool:
    """True on Pythons (3.12+) where no reference count of ``None`` can reach zero."""
    return sys.version_info >= (3, 12)


def none_references_lost(calls: int = CALLS) -> int:
    """How many references to ``None`` ``calls`` void Qt calls took away (0 on a good binding).

    Uses only QtCore, so it runs without a QApplication. A negative result would mean the
    binding added references (also a defect, but one that cannot crash).
    """
    from PySide6.QtCore import QObject, QTimer

    obj, timer = QObject(), QTimer()
    spare = [None] * (2 * calls + 16)  # keeps None alive however many references the calls take
    before = sys.getrefcount(None)
    for _ in range(calls // 2):
        obj.setObjectName("refcount-check")
        timer.setInterval(5)
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):  # give back what a bad binding took, before `spare` goes
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    del spare
    return lost


def binding_problem(calls: int = CALLS) -> str | None:
    """A sentence naming the defect when the installed binding has it, else None."""
    if none_is_immortal():
        return None
    lost = none_references_lost(calls)
    if abs(lost) < max(calls // 100, 10):  # a few references held or let go by Qt itself: not the defect
        return None
    from PySide6 import __version__ as version

    return (f"PySide6 {version} on Python {sys.version_info.major}.{sys.version_info.minor} "
            f"{'loses' if lost > 0 else 'adds'} {abs(lost):,} references to None in {calls:,} Qt calls "
            f"(the app would abort after about ninety keystrokes); install {KNOWN_GOOD}")
