"""The one version number, as each package format wants it, and the releases in CHANGELOG.md.

``desktop/__init__.py`` holds ``__version__`` (PEP 440); this module reads it without importing
the application, turns it into a Debian or Windows version, and reads the released sections of
CHANGELOG.md (for the AppStream metadata). Used by packaging/linux/build_deb.py, the Windows
workflow (``python packaging/versions.py windows``) and tests/packaging.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_PEP440 = re.compile(
    r"^(?P<release>\d+(?:\.\d+)*)"
    r"(?:(?P<pre_l>a|b|rc)(?P<pre_n>\d+))?"
    r"(?:\.post(?P<post>\d+))?"
    r"(?:\.dev(?P<dev>\d+))?"
    r"(?:\+(?P<local>[a-z0-9.]+))?$"
)
_RELEASE_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})\s*$")


class VersionError(ValueError):
    """The version number or the changelog is not in the form the packages need."""


def app_version(repo: Path = REPO) -> str:
    """``__version__`` from desktop/__init__.py, read as text (no import of the application)."""
    path = repo / "desktop" / "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            value = ast.literal_eval(node.value)
            parse(value)
            return value
    raise VersionError(f"{path}: no __version__ = '...' line")


def parse(version: str) -> re.Match:
    match = _PEP440.match(version)
    if not match:
        raise VersionError(f"version {version!r} is not of the form 1.2.3, 1.2.3rc1, 1.2.3.post1, 1.2.3.dev1")
    return match


def debian(version: str) -> str:
    """PEP 440 -> Debian: pre-releases and dev builds sort before the release (``~``)."""
    m = parse(version)
    out = m["release"]
    if m["pre_l"]:
        out += f"~{m['pre_l']}{m['pre_n']}"
    if m["post"]:
        out += f".post{m['post']}"
    if m["dev"]:
        out += f"~dev{m['dev']}"
    if m["local"]:
        out += f"+{m['local']}"
    return out


def windows(version: str) -> str:
    """Four numbers for a Windows version resource (1.2.3rc1 -> 1.2.3.0)."""
    numbers = [int(n) for n in parse(version)["release"].split(".")][:4]
    return ".".join(str(n) for n in numbers + [0] * (4 - len(numbers)))


@dataclass
class Release:
    version: str
    date: str
    notes: list[str] = field(default_factory=list)


def releases(repo: Path = REPO) -> list[Release]:
    """Released sections of CHANGELOG.md, newest first (``## [1.2.3] - 2026-01-31``)."""
    path = repo / "CHANGELOG.md"
    found: list[Release] = []
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = _RELEASE_HEADING.match(line)
        if heading:
            current = Release(heading["version"], heading["date"])
            found.append(current)
        elif line.startswith("## "):
            current = None  # e.g. [Unreleased]
        elif current is not None and line.startswith("- "):
            current.notes.append(line[2:].strip())
        elif current is not None and line.startswith("  ") and current.notes:
            current.notes[-1] += " " + line.strip()
    return found


def check_changelog(repo: Path = REPO) -> Release:
    """The newest release in CHANGELOG.md must be this version."""
    version = app_version(repo)
    found = releases(repo)
    if not found or found[0].version != version:
        newest = found[0].version if found else "none"
        raise VersionError(f"CHANGELOG.md: newest release is {newest}, desktop/__init__.py says {version}; "
                           f"add a '## [{version}] - YYYY-MM-DD' section")
    return found[0]


def main(argv: list[str]) -> int:
    kind = argv[0] if argv else "app"
    version = app_version()
    print({"app": version, "debian": debian(version), "windows": windows(version)}[kind])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
