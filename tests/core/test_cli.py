"""The nibrs-desk command line: codes, --version, clear errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from testpaths import REPO
from desktop import __version__
from desktop.cli import main


def run_cli(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=60)


def test_version():
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"NIBRS Desk {__version__}"


def test_codes_6_json_lists_offense_codes(capsys):
    assert main(["codes", "6", "--format", "json"]) == 0
    codes = json.loads(capsys.readouterr().out)
    by_code = {c["code"]: c for c in codes}
    local_a = [c for c in codes if c["group"] == "A" and not c["federal_only"]]
    assert len(local_a) == 52 and "09C" in {c["code"] for c in local_a}
    assert by_code["13A"]["against"] == "Person" and by_code["13A"]["category"] == "Assault Offenses"
    assert by_code["90D"]["group"] == "B"
    assert by_code["30A"]["federal_only"] is True
    assert all({"code", "description", "group", "against", "federal_only"} <= set(c) for c in codes)


def test_codes_text_and_dictionary(capsys):
    assert main(["codes", "25"]) == 0
    out = capsys.readouterr().out
    assert "Law Enforcement Officer" in out
    assert main(["codes", "--format", "json"]) == 0
    elements = json.loads(capsys.readouterr().out)
    assert {"1", "2", "2A", "25C", "52"} <= {e["id"] for e in elements}
    assert next(e for e in elements if e["id"] == "6")["placements"][0]["flat_position"] == 38


def test_unknown_command_and_bad_arguments_exit_2():
    out = run_cli("frobnicate")
    assert out.returncode == 2 and "invalid choice" in out.stderr
    out = run_cli("codes", "--format", "xml")
    assert out.returncode == 2 and "invalid choice" in out.stderr
    out = run_cli("codes", "ZZZ")
    assert out.returncode == 2 and "unknown data element or code list 'ZZZ'" in out.stderr


@pytest.mark.parametrize("args", [["--help"], ["codes", "--help"]])
def test_help(args):
    out = run_cli(*args)
    assert out.returncode == 0 and "usage:" in out.stdout
