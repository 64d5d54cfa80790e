"""`nibrs-desk selftest` from the source tree: passes on a complete copy, fails loudly on a broken one."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from testpaths import REPO
from desktop.commands.selftest import NIBRS_XSD, SAMPLE, SelfTest


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([sys.executable, "-m", "desktop", "selftest", *args], capture_output=True, text=True,
                          cwd=REPO, env=full_env, timeout=120)


def lines(out: str) -> dict[str, str]:
    """check name -> its line, for the lines of the checks (not the closing line)."""
    found = {}
    for line in out.splitlines():
        match = re.match(r"(ok  |FAIL)  (.{13}) ", line)
        if match:
            found[match[2].strip()] = line
    return found


def test_selftest_from_source_passes_and_prints_one_line_per_check(data_dir):
    out = run_cli()
    assert out.returncode == 0, out.stdout + out.stderr
    checks = lines(out.stdout)
    assert set(checks) == {"program", "build", "dictionary", "code tables", "forms", "profiles", "schema", "sample", "icons",
                           "help", "translations", "qt", "binding", "rules", "commands", "migrations", "database",
                           "drivers"}
    assert all(line.startswith("ok") for line in checks.values()), out.stdout
    assert re.search(r"\b[1-9]\d* data elements, [1-9]\d* code lists", checks["dictionary"])
    assert "is valid; a copy with a bad action code is refused" in checks["sample"]
    assert "selftest" in checks["commands"] and "codes" in checks["commands"]
    assert "read it back after reopening" in checks["database"]
    assert re.search(r"SQLCipher \d.*; psycopg \d.* with libpq \d+\.\d+", checks["drivers"])
    assert re.search(r"9 how-to pages; the FBI definitions of 5\d data elements", checks["help"])
    assert out.stdout.splitlines()[-1] == f"selftest: all {len(checks)} checks passed"
    # The database check works in a temporary folder, not in the user's data folder.
    assert list(data_dir.iterdir()) == []


def test_selftest_gui_opens_the_main_window_over_a_data_folder(store, data_dir, tmp_path):
    from nibrs_samples import simple_incident

    store.create(simple_incident())
    store.close()
    shot = tmp_path / "main.png"
    out = run_cli("--gui", "--data-dir", str(data_dir), "--screenshot", str(shot))
    assert out.returncode == 0, out.stdout + out.stderr
    gui = lines(out.stdout)["gui"]
    # the store fixture's database is plain (made before any choice was recorded): the title says so (issue 19)
    assert gui.startswith("ok") and "main window 'NIBRS Desk \u2014 NOT ENCRYPTED' shown" in gui
    assert "agency WVNDX0100, 1 reports listed" in gui
    assert shot.stat().st_size > 1000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def broken_copy(tmp_path) -> Path:
    """A copy of the app's resources/ and forms/ that each test then breaks in one way."""
    root = tmp_path / "copy"
    shutil.copytree(REPO / "resources", root / "resources")
    shutil.copytree(REPO / "forms", root / "forms")
    return root


def run_checks(root: Path) -> dict[str, tuple[bool, str]]:
    results = SelfTest(root).run(out=io.StringIO())
    return {r.name: (r.ok, r.detail) for r in results}


def test_an_intact_copy_passes(broken_copy):
    results = run_checks(broken_copy)
    assert all(ok for ok, _ in results.values()), results


def _remove(path: Path) -> None:
    shutil.rmtree(path) if path.is_dir() else path.unlink()


@pytest.mark.parametrize("name, damage, failing, words", [
    ("schema file missing", lambda r: _remove(r.joinpath("resources", *NIBRS_XSD)), {"schema", "sample"},
     "the NIBRS XML schema is missing"),
    ("dictionary unreadable", lambda r: (r / "resources/dictionary/elements.yaml").write_text("elements: [\n"),
     {"dictionary"}, "elements.yaml"),
    ("code tables gone", lambda r: _remove(r / "resources/fbi/code-tables"), {"code tables"},
     "the FBI code tables folder is missing"),
    ("forms folder gone", lambda r: _remove(r / "forms"), {"forms"}, "the forms folder"),
    ("a profile that is not YAML", lambda r: (r / "forms/profile-mo.yaml").write_text("a: [b\n"), {"forms"},
     "profile-mo.yaml: cannot be read"),
    ("sample no longer valid", lambda r: r.joinpath("resources", *SAMPLE).write_text(
        r.joinpath("resources", *SAMPLE).read_text().replace(
            "<nibrs:ReportActionCategoryCode>I<", "<nibrs:ReportActionCategoryCode>Z<")),
     {"sample"}, "the schema refuses the known-good sample"),
    ("icon missing", lambda r: _remove(r / "resources/icons/nibrs-desk.svg"), {"icons"},
     "the application icon is missing"),
    ("translation damaged", lambda r: (r / "resources/translations/es.qm").write_bytes(b"not a translation"),
     {"translations"}, "es.qm: Qt cannot load this translation"),
    ("a help page missing", lambda r: _remove(r / "resources/help/monthly-export.html"), {"help"},
     "the help page monthly-export.html (listed in index.html) is missing"),
    ("help folder gone", lambda r: _remove(r / "resources/help"), {"help"}, "the help folder is missing"),
])
def test_a_broken_copy_fails_naming_what_is_wrong(broken_copy, name, damage, failing, words):
    damage(broken_copy)
    results = run_checks(broken_copy)
    failed = {check for check, (ok, _) in results.items() if not ok}
    assert failed == failing, f"{name}: {results}"
    assert any(words in detail for check, (ok, detail) in results.items() if not ok), results


def test_the_command_exits_1_and_says_which_checks_failed(broken_copy):
    _remove(broken_copy.joinpath("resources", *NIBRS_XSD))
    out = run_cli("--resources", str(broken_copy))
    assert out.returncode == 1
    checks = lines(out.stdout)
    assert checks["schema"].startswith("FAIL") and str(broken_copy) in checks["schema"]
    assert checks["dictionary"].startswith("ok")
    assert out.stdout.splitlines()[-1] == f"selftest: 2 of {len(checks)} checks FAILED: schema, sample"
