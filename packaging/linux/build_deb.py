"""Turn the PyInstaller one-folder build into a Debian package.

    python packaging/linux/build_deb.py --dist packaging/out/dist/nibrs-desk --out packaging/out

Layout of the package:
  /opt/nibrs-desk/                      the frozen app (read-only; the app writes nothing here)
  /usr/bin/nibrs-desk                   -> /opt/nibrs-desk/nibrs-desk
  /usr/share/applications/org.nibrsdesk.NibrsDesk.desktop
  /usr/share/icons/hicolor/scalable/apps/org.nibrsdesk.NibrsDesk.svg
  /usr/share/metainfo/org.nibrsdesk.NibrsDesk.metainfo.xml
  /usr/share/doc/nibrs-desk/            copyright, changelog
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import versions  # noqa: E402

APP_ID = "org.nibrsdesk.NibrsDesk"
PACKAGE = "nibrs-desk"
INSTALL_DIR = Path("opt") / PACKAGE
DEFAULT_MAINTAINER = "NIBRS Desk developers <nibrs-desk@localhost>"

# What the frozen app needs from the system and does not carry itself. The bundle carries Qt
# and Python; OpenGL/EGL, the X11 connection libraries, fonts, libpq and every library the
# build machine's Debian packages provided are the system's. `make package-check` proves the list: it installs the package into a bare Debian
# and fails if any library of the bundle cannot be resolved there.
DEPENDS = [
    "libc6 (>= 2.36)",
    "libgl1",                # OpenGL (Qt Gui, xcb GLX integration)
    "libegl1",               # EGL (Qt Gui, Wayland and xcb EGL integration)
    "libglx0",
    "libxcb1",               # X11 display connection
    "libxcb-icccm4",         # xcb platform plugin
    "libxcb-keysyms1",       # xcb platform plugin
    "libwayland-client0",    # Wayland platform plugin
    "libwayland-cursor0",
    "libwayland-egl1",
    "fontconfig-config",     # font configuration the bundled fontconfig reads
    "fonts-dejavu-core",     # without a font every character is drawn as a box
    "libpq5",                # PostgreSQL client library for a shared server (psycopg finds it)
]
# Besides these, the Debian packages of the system libraries the spec left out of the bundle
# ("system_packages" of build-info.json, found with dpkg on the build machine).


def render(template: Path, values: dict[str, str]) -> str:
    text = template.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    leftover = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if leftover:
        raise SystemExit(f"{template}: no value for {', '.join(leftover)}")
    return text


def releases_xml(repo: Path) -> str:
    out = []
    for r in versions.releases(repo):
        notes = "".join(f"\n          <li>{html.escape(n.replace('`', ''))}</li>" for n in r.notes)
        desc = f"\n      <description>\n        <ul>{notes}\n        </ul>\n      </description>\n    " if notes else ""
        out.append(f'    <release version="{html.escape(r.version)}" date="{r.date}">{desc}</release>')
    return "\n".join(out)


def metainfo(repo: Path) -> str:
    return render(HERE / f"{APP_ID}.metainfo.xml.in", {"RELEASES": releases_xml(repo)})


def desktop_entry() -> str:
    return render(HERE / f"{APP_ID}.desktop.in", {})


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)


def normalise_modes(root: Path) -> None:
    """Folders 755, executables and shared libraries 755, everything else 644."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        if path.is_dir() or mode & stat.S_IXUSR:
            path.chmod(0o755)
        else:
            path.chmod(0o644)


def du_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink():
            total += 1
        elif path.is_file():
            total += (path.stat().st_size + 1023) // 1024
    return total


def build(dist: Path, out: Path, repo: Path, compression: str, maintainer: str) -> Path:
    version = versions.app_version(repo)
    versions.check_changelog(repo)
    deb_version = versions.debian(version)
    arch = subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True, text=True).stdout.strip()
    if not (dist / PACKAGE).is_file():
        raise SystemExit(f"{dist}: no {PACKAGE} program here; build it with PyInstaller first")
    info = (dist / "_internal" / "build-info.json")
    if not info.is_file() or f'"version": "{version}"' not in info.read_text(encoding="utf-8"):
        raise SystemExit(f"{dist} was not built from version {version}; rebuild it")
    depends = list(DEPENDS)
    for package in json.loads(info.read_text(encoding="utf-8")).get("system_packages", []):
        if not any(d.split()[0] == package for d in depends):
            depends.append(package)

    root = out / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    copy_tree(dist, root / INSTALL_DIR)
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/bin" / PACKAGE).symlink_to(Path("/") / INSTALL_DIR / PACKAGE)
    apps = root / "usr/share/applications"
    apps.mkdir(parents=True)
    (apps / f"{APP_ID}.desktop").write_text(desktop_entry(), encoding="utf-8")
    icons = root / "usr/share/icons/hicolor/scalable/apps"
    icons.mkdir(parents=True)
    shutil.copyfile(repo / "resources/icons/nibrs-desk.svg", icons / f"{APP_ID}.svg")
    meta = root / "usr/share/metainfo"
    meta.mkdir(parents=True)
    (meta / f"{APP_ID}.metainfo.xml").write_text(metainfo(repo), encoding="utf-8")
    doc = root / "usr/share/doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    with gzip.GzipFile(doc / "changelog.gz", "wb", mtime=0) as fh:
        fh.write((repo / "CHANGELOG.md").read_bytes())
    normalise_modes(root)
    validate_metadata(root)

    (root / "DEBIAN").mkdir()
    control = render(HERE / "control.in", {
        "DEB_VERSION": deb_version,
        "ARCH": arch,
        "MAINTAINER": maintainer,
        "INSTALLED_SIZE": str(du_kib(root)),
        "DEPENDS": ", ".join(depends),
    })
    (root / "DEBIAN/control").write_text(control, encoding="utf-8")
    (root / "DEBIAN/control").chmod(0o644)

    deb = out / f"{PACKAGE}_{deb_version}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", "--build", str(root), str(deb)],
                   check=True, stdout=subprocess.DEVNULL)
    return deb


def validate_metadata(root: Path) -> None:
    """The menu entry and the AppStream file, checked by Debian's own validators when installed."""
    checks = [
        ("desktop-file-validate", ["desktop-file-validate", str(root / "usr/share/applications" / f"{APP_ID}.desktop")]),
        ("appstreamcli", ["appstreamcli", "validate", "--no-net", str(root / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml")]),
    ]
    for tool, command in checks:
        if shutil.which(tool) is None:
            print(f"build_deb: {tool} is not installed; not validated (apt-get install desktop-file-utils appstream)",
                  file=sys.stderr)
            continue
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"build_deb: {tool} refuses {command[-1]}:\n{result.stdout}{result.stderr}")


def copyright_text() -> str:
    return """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: NIBRS Desk

Files: *
Copyright: NIBRS Desk developers
License: Apache-2.0

Files: opt/nibrs-desk/_internal/lib*
Copyright: their respective authors
License: various
 Shared libraries copied from Debian 12 by PyInstaller, unchanged (GLib, D-Bus,
 fontconfig, FreeType, libxcb, OpenSSL's libcrypto, SQLite and others).
 Each is under the licence stated in /usr/share/doc/<package>/copyright of
 the Debian package of the same name.

Files: opt/nibrs-desk/_internal/resources/fbi/*
Copyright: FBI Criminal Justice Information Services (works of the U.S. government);
 SEARCH - The National Consortium for Justice Information and Statistics (packaging, samples)
License: Apache-2.0

Files: opt/nibrs-desk/_internal/PySide6/* opt/nibrs-desk/_internal/shiboken6/*
Copyright: The Qt Company Ltd. and other contributors
License: LGPL-3.0

Files: opt/nibrs-desk/_internal/python3.11/* opt/nibrs-desk/_internal/libpython*
Copyright: Python Software Foundation
License: PSF-2.0

License: Apache-2.0
 On Debian systems, the full text is in /usr/share/common-licenses/Apache-2.0.

License: LGPL-3.0
 On Debian systems, the full text is in /usr/share/common-licenses/LGPL-3.

License: PSF-2.0
 See https://docs.python.org/3/license.html
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dist", type=Path, required=True, help="the PyInstaller output folder (dist/nibrs-desk)")
    p.add_argument("--out", type=Path, required=True, help="where to write the .deb")
    p.add_argument("--repo", type=Path, default=HERE.parent.parent, help="the source tree the app was built from")
    p.add_argument("--compression", default="xz", choices=("xz", "gzip", "zstd", "none"))
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    deb = build(args.dist.resolve(), args.out.resolve(), args.repo.resolve(), args.compression,
                os.environ.get("DEB_MAINTAINER", DEFAULT_MAINTAINER))
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
