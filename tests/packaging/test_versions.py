"""One version number, in desktop/__init__.py, and everything that shows a version agrees with it."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

from testpaths import REPO
from desktop import __version__

sys.path.insert(0, str(REPO / "packaging"))
import versions  # noqa: E402


def test_the_version_is_declared_once():
    assert versions.app_version() == __version__
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "desktop.__version__"}
    # The installed package's metadata (make reinstalls when desktop/__init__.py changes).
    assert importlib.metadata.version("nibrs-desk") == __version__


def test_changelog_newest_release_is_this_version():
    release = versions.check_changelog()
    assert release.version == __version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", release.date) and release.notes


def test_about_box_shows_the_version(qtbot, store, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.office.main_window import MainWindow

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.findChild(type(window.actions["settings"]), "action_about").trigger()
    assert shown and f"NIBRS Desk {__version__}" in shown[0][1]


def test_linux_metadata_carries_the_version_from_one_place():
    sys.path.insert(0, str(REPO / "packaging" / "linux"))
    import build_deb

    desktop_in = (REPO / "packaging/linux/org.nibrsdesk.NibrsDesk.desktop.in").read_text()
    metainfo_in = (REPO / "packaging/linux/org.nibrsdesk.NibrsDesk.metainfo.xml.in").read_text()
    control_in = (REPO / "packaging/linux/control.in").read_text()
    for text in (desktop_in, metainfo_in, control_in):
        assert not re.search(r"\b\d+\.\d+\.\d+\b", text), "a template carries a version number of its own"
    assert "@RELEASES@" in metainfo_in and "Version: @DEB_VERSION@" in control_in
    metainfo = build_deb.metainfo(REPO)
    first = re.search(r'<release version="([^"]+)" date="([^"]+)"', metainfo)
    assert first and first[1] == __version__


def test_windows_installer_takes_the_version_from_the_command_line():
    iss = (REPO / "packaging/windows/nibrs-desk.iss").read_text()
    workflow = (REPO / ".github/workflows/windows-installer.yml").read_text()
    setup_lines = {k: v for k, v in re.findall(r"^(\w+)=(.*)$", iss, re.M)}
    assert setup_lines["AppVersion"] == "{#AppVersion}"
    assert setup_lines["VersionInfoVersion"] == "{#WinVersion}"
    assert not re.search(r"^(?!AppId)\w+=.*\b\d+\.\d+\.\d+\b", iss, re.M), "the .iss carries a version number"
    assert "python packaging/versions.py app" in workflow and "python packaging/versions.py windows" in workflow
    assert "/DAppVersion=${{ steps.version.outputs.app }}" in workflow
    assert "PrivilegesRequired=lowest" in iss and "{autoprograms}" in iss


@pytest.mark.parametrize("version, deb, win", [
    ("0.1.0", "0.1.0", "0.1.0.0"),
    ("1.2", "1.2", "1.2.0.0"),
    ("1.2.3rc1", "1.2.3~rc1", "1.2.3.0"),
    ("1.2.3.dev4", "1.2.3~dev4", "1.2.3.0"),
    ("1.2.3.post2", "1.2.3.post2", "1.2.3.0"),
])
def test_version_conversions(version, deb, win):
    assert versions.debian(version) == deb
    assert versions.windows(version) == win


def test_debian_versions_sort_like_pep440():
    if not shutil.which("dpkg"):
        pytest.skip("dpkg is not installed (not a Debian machine)")
    ordered = ["1.2.2", "1.2.3.dev1", "1.2.3rc1", "1.2.3", "1.2.3.post1", "1.2.4.dev0"]
    for lower, higher in zip(ordered, ordered[1:]):
        result = subprocess.run(["dpkg", "--compare-versions", versions.debian(lower), "lt", versions.debian(higher)])
        assert result.returncode == 0, f"{versions.debian(lower)} should sort before {versions.debian(higher)}"


def test_a_bad_version_is_refused():
    with pytest.raises(versions.VersionError, match="not of the form"):
        versions.debian("one.two")
