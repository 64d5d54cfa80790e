"""The local-elements tests use the month generator of the submission tests (tests/submission/generate.py) and
the widget helpers of the UI tests (tests/ui/ui_helpers.py)."""

from __future__ import annotations

import sys

from testpaths import REPO

for _folder in ("submission", "ui"):
    _path = str(REPO / "tests" / _folder)
    if _path not in sys.path:
        sys.path.insert(0, _path)
