"""packaging/nibrs-desk.spec bundles every resource folder and every package found with pkgutil."""

from __future__ import annotations

import ast
import re

from testpaths import REPO

SPEC = REPO / "packaging" / "nibrs-desk.spec"


def spec_list(name: str) -> list[str]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), str(SPEC))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{SPEC} has no {name} = [...]")


def test_every_resource_folder_is_bundled():
    listed = spec_list("RESOURCE_DIRS")
    folders = {f"resources/{p.name}" for p in (REPO / "resources").iterdir() if p.is_dir()}
    assert folders, "resources/ has no folders"
    assert folders <= set(listed), f"not in RESOURCE_DIRS: {sorted(folders - set(listed))}"
    assert {"forms", "desktop/store/migrations"} <= set(listed)
    for folder in listed:
        assert (REPO / folder).is_dir(), f"RESOURCE_DIRS lists {folder}, which does not exist"


def test_the_migrations_the_spec_bundles_are_the_ones_migrate_reads():
    from desktop.store import migrate

    assert migrate.MIGRATIONS == REPO / "desktop" / "store" / "migrations"
    assert (migrate.MIGRATIONS / "env.py").is_file() and list((migrate.MIGRATIONS / "versions").glob("*.py"))


def test_every_package_discovered_with_pkgutil_is_collected():
    """A module that lists a package's modules with pkgutil needs that package in DISCOVERED_PACKAGES,
    or the frozen app silently finds none of them."""
    collected = set(spec_list("DISCOVERED_PACKAGES"))
    discovered = set()
    for path in (REPO / "desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "pkgutil.iter_modules" in text or "pkgutil.walk_packages" in text:
            found = re.findall(r"import (desktop[\w.]*) as \w+", text)
            assert found, f"{path}: uses pkgutil but the package it lists is not `import desktop.x as pkg`"
            discovered.update(found)
    assert {"desktop.commands", "desktop.nibrs.rules"} <= discovered
    assert discovered <= collected, f"not in DISCOVERED_PACKAGES: {sorted(discovered - collected)}"


def test_launchers_exist_and_call_the_cli():
    cli = (REPO / "packaging/launchers/nibrs-desk.py").read_text()
    gui = (REPO / "packaging/launchers/nibrs-desk-gui.py").read_text()
    assert "from desktop.cli import main" in cli and "sys.exit(main())" in cli
    assert "from desktop.cli import gui_main" in gui and "sys.exit(gui_main())" in gui
