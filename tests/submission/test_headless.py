"""The submission work runs headless: desktop/submission, its store module and commands load no Qt."""

from __future__ import annotations

import subprocess
import sys

from testpaths import REPO

MODULES = ["desktop.submission.export", "desktop.submission.importing", "desktop.submission.feedback",
           "desktop.submission.summary", "desktop.submission.batch", "desktop.store.submissions", "desktop.nibrs.eds",
           "desktop.commands.export", "desktop.commands.import_", "desktop.commands.feedback", "desktop.commands.summary"]


def test_importing_the_submission_modules_loads_no_qt():
    code = ("import importlib, sys\n"
            f"for m in {MODULES!r}: importlib.import_module(m)\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == ""


def test_the_commands_are_registered():
    from desktop.cli import build_parser

    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert {"export", "import", "feedback", "summary"} <= set(choices)
