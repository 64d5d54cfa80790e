"""Build version N+1 for the upgrade check: this source tree with a bumped version and one more migration.

    python packaging/linux/check/make_upgrade.py OUT_DIR

Copies the parts of the source tree the app is built from into OUT_DIR/src, bumps
``__version__`` (1.2.3 -> 1.2.4.dev0, a pre-release of the next version, never published),
adds a CHANGELOG section for it and an Alembic migration that adds a table, sets
SCHEMA_REVISION to it, then builds the app with PyInstaller and the .deb (gzip, for speed).
Prints a JSON line: {"deb": ..., "version": ..., "revision": ..., "table": ...}.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "packaging"))
import versions  # noqa: E402

COPY = ["desktop", "resources", "forms", "packaging", "CHANGELOG.md", "pyproject.toml", "README.md"]
TABLE = "package_check_upgrade"

MIGRATION = '''"""package check: a table that only the upgrade-check build has

Revision ID: {rev}
Revises: {down}
"""
from alembic import op
import sqlalchemy as sa


revision = {rev!r}
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table({table!r},
                    sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("note", sa.String(80), nullable=False))


def downgrade() -> None:
    op.drop_table({table!r})
'''


def next_version(version: str) -> str:
    release = [int(n) for n in versions.parse(version)["release"].split(".")]
    release[-1] += 1
    return ".".join(map(str, release)) + ".dev0"


def head_revision(src: Path) -> str:
    migrations = src / "desktop" / "store" / "migrations" / "versions"
    revs, downs = set(), set()
    for path in migrations.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revs.add(re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)[1])
        down = re.search(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.M)
        if down:
            downs.add(down[1])
    heads = revs - downs
    if len(heads) != 1:
        raise SystemExit(f"{migrations}: expected one head revision, found {sorted(heads)}")
    return heads.pop()


def make_tree(out: Path) -> dict:
    src = out / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "out")
    for name in COPY:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(path, src / name)

    old = versions.app_version(src)
    new = next_version(old)
    init = src / "desktop" / "__init__.py"
    init.write_text(re.sub(r'^__version__ = .*$', f'__version__ = "{new}"', init.read_text(), count=1, flags=re.M))
    changelog = src / "CHANGELOG.md"
    text = changelog.read_text()
    first = re.search(r"^## \[(?!Unreleased)", text, re.M)
    section = f"## [{new}] - {date.today().isoformat()}\n\n- Upgrade-check build made by make package-check; never published.\n\n"
    changelog.write_text(text[:first.start()] + section + text[first.start():])

    down = head_revision(src)
    rev = f"{int(down) + 1:04d}" if down.isdigit() else f"{down}_pkgcheck"
    versions_dir = src / "desktop" / "store" / "migrations" / "versions"
    (versions_dir / f"{rev}_package_check.py").write_text(MIGRATION.format(rev=rev, down=down, table=TABLE))
    schema = src / "desktop" / "store" / "schema.py"
    text, n = re.subn(r'^SCHEMA_REVISION = .*$', f'SCHEMA_REVISION = "{rev}"', schema.read_text(), flags=re.M)
    if n != 1:
        raise SystemExit(f"{schema}: no SCHEMA_REVISION line to bump")
    schema.write_text(text)
    return {"src": str(src), "old_version": old, "version": new, "old_revision": down, "revision": rev, "table": TABLE}


def main(argv: list[str]) -> int:
    out = Path(argv[0]).resolve()
    info = make_tree(out)
    src = Path(info["src"])
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                    "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
                    str(src / "packaging" / "nibrs-desk.spec")], check=True, cwd=src, stdout=subprocess.DEVNULL)
    deb = subprocess.run([sys.executable, str(src / "packaging" / "linux" / "build_deb.py"),
                          "--dist", str(out / "dist" / "nibrs-desk"), "--out", str(out), "--repo", str(src),
                          "--compression", "gzip"], check=True, capture_output=True, text=True).stdout.strip()
    info["deb"] = deb
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
