"""The Debian package's layout and control data, built around a stand-in for the frozen app.

`make package` builds the real thing with PyInstaller and `make package-check` installs it in a
bare Debian; this checks packaging/linux/build_deb.py itself in a second.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from testpaths import REPO
from desktop import __version__

sys.path.insert(0, str(REPO / "packaging"))
sys.path.insert(0, str(REPO / "packaging" / "linux"))
import build_deb  # noqa: E402
import versions  # noqa: E402

pytestmark = pytest.mark.skipif(not shutil.which("dpkg-deb"), reason="dpkg-deb is not installed (not a Debian machine)")


@pytest.fixture
def fake_dist(tmp_path):
    dist = tmp_path / "dist" / "nibrs-desk"
    (dist / "_internal" / "resources").mkdir(parents=True)
    (dist / "nibrs-desk").write_text("#!/bin/sh\necho stand-in\n")
    (dist / "nibrs-desk").chmod(0o700)
    (dist / "_internal" / "build-info.json").write_text(json.dumps({"version": __version__}))
    (dist / "_internal" / "resources" / "data.txt").write_text("x" * 5000)
    return dist


def contents(deb) -> dict[str, str]:
    out = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        parts = line.split()
        name = parts[5].removeprefix(".")
        found[name.rstrip("/") or "/"] = line
    return found


def test_package_layout_and_control(fake_dist, tmp_path):
    deb = build_deb.build(fake_dist, tmp_path, REPO, "none", build_deb.DEFAULT_MAINTAINER)
    field = lambda name: subprocess.run(["dpkg-deb", "-f", str(deb), name], check=True, capture_output=True,
                                        text=True).stdout.strip()
    assert field("Package") == "nibrs-desk"
    assert field("Version") == versions.debian(__version__)
    assert int(field("Installed-Size")) >= 5
    depends = field("Depends")
    for lib in ("libgl1", "libegl1", "fontconfig-config", "fonts-dejavu-core", "libxcb-icccm4"):
        assert lib in depends
    files = contents(deb)
    app_id = "org.nibrsdesk.NibrsDesk"
    assert "-> /opt/nibrs-desk/nibrs-desk" in files["/usr/bin/nibrs-desk"]
    assert files["/opt/nibrs-desk/nibrs-desk"].startswith("-rwxr-xr-x root/root")
    assert files["/opt/nibrs-desk/_internal/resources/data.txt"].startswith("-rw-r--r-- root/root")
    for path in (f"/usr/share/applications/{app_id}.desktop", f"/usr/share/icons/hicolor/scalable/apps/{app_id}.svg",
                 f"/usr/share/metainfo/{app_id}.metainfo.xml", "/usr/share/doc/nibrs-desk/copyright"):
        assert path in files, path
    root = tmp_path / "deb-root"
    entry = (root / f"usr/share/applications/{app_id}.desktop").read_text()
    assert "Exec=nibrs-desk\n" in entry and f"Icon={app_id}\n" in entry
    meta = (root / f"usr/share/metainfo/{app_id}.metainfo.xml").read_text()
    assert f"<id>{app_id}</id>" in meta and f'<release version="{__version__}"' in meta
    assert f"<launchable type=\"desktop-id\">{app_id}.desktop</launchable>" in meta


def test_a_dist_built_from_another_version_is_refused(fake_dist, tmp_path):
    (fake_dist / "_internal" / "build-info.json").write_text(json.dumps({"version": "0.0.0"}))
    with pytest.raises(SystemExit, match=f"not built from version {__version__}"):
        build_deb.build(fake_dist, tmp_path, REPO, "none", build_deb.DEFAULT_MAINTAINER)


def test_windows_icon_is_a_multi_size_ico(tmp_path):
    sys.path.insert(0, str(REPO / "packaging" / "windows"))
    import make_ico
    from PySide6.QtGui import QImageReader

    out = tmp_path / "nibrs-desk.ico"
    assert make_ico.main([str(out)]) == 0
    assert out.read_bytes()[:4] == b"\x00\x00\x01\x00"
    reader = QImageReader(str(out))
    assert reader.imageCount() == len(make_ico.SIZES)
    sizes = set()
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        sizes.add(reader.read().width())
    assert sizes == set(make_ico.SIZES)
