"""The local-elements tests use the month generator of the submission tests (tests/submission/generate.py)."""

from __future__ import annotations

import sys

from testpaths import REPO

_SUBMISSION = str(REPO / "tests" / "submission")
if _SUBMISSION not in sys.path:
    sys.path.insert(0, _SUBMISSION)
