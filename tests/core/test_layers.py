"""The layers of desktop/ import downwards only: nibrs <- store <- submission, forms <- ui, commands.

Every import is read from the source (also imports inside functions, which a lazy import would
otherwise hide), so a module reaching up a layer fails here with its file and line.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from testpaths import REPO

DESKTOP = REPO / "desktop"

# Layer of each part of desktop/; a module may import its own layer and those below it.
# The base holds the package's constants and helpers every layer may use (no NIBRS knowledge).
LAYERS = {
    "base": 0,        # desktop/__init__, fileio, paths, resources, qtbinding
    "nibrs": 1,       # NIBRS core: dictionary, model, edits, file formats
    "store": 2,       # storage and the service layer
    "submission": 3,  # the monthly submission (export, import, feedback, summary)
    "forms": 3,       # the wizard's forms without Qt (specs, conditions, typed entries, access)
    "ui": 4,          # Qt
    "commands": 4,    # the command line
    "cli": 4,
    "app": 4,
    "__main__": 4,
}
BASE_MODULES = {"__init__", "fileio", "paths", "resources", "qtbinding"}


def part_of(module: str) -> str:
    """The layer name of a dotted module under desktop (``desktop.store.db`` -> ``store``)."""
    parts = module.split(".")
    if parts[0] != "desktop":
        raise ValueError(module)
    if len(parts) == 1 or parts[1] in BASE_MODULES:  # desktop, desktop.__init__, desktop.paths...
        return "base"
    return parts[1]


def module_of(path: Path) -> str:
    """``desktop/store/db.py`` -> ``desktop.store.db``; a package's ``__init__`` keeps its name as the last part."""
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def imported(node: ast.AST, module: str) -> list[str]:
    """The desktop modules an import node names (``from desktop import forms`` names desktop.forms)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "desktop"]
    if isinstance(node, ast.ImportFrom):
        if node.level:  # relative: resolve against this module's package
            base = module.split(".")[: -node.level]  # for __init__ too: its last part stands for the package
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        if target.split(".")[0] != "desktop":
            return []
        if target == "desktop":  # from desktop import forms, APP_NAME
            return [f"desktop.{a.name}" if f"desktop.{a.name}".split(".")[1] in LAYERS else "desktop"
                    for a in node.names]
        return [target]
    return []


def upward_imports(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        module = module_of(path)
        here = part_of(module)
        if here not in LAYERS:
            found.append(f"{path.relative_to(REPO)}: desktop.{here} has no layer in this test (add it)")
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for target in imported(node, module):
                there = part_of(target)
                if there not in LAYERS:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} imports {target}, which has no layer")
                elif LAYERS[there] > LAYERS[here] or (LAYERS[there] == LAYERS[here] and there != here
                                                      and LAYERS[here] < LAYERS["ui"]):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} ({here}) imports {target} ({there})")
    return found


def test_no_module_of_desktop_imports_a_layer_above_its_own():
    offenders = upward_imports(DESKTOP)
    assert not offenders, "imports that reach up a layer:\n" + "\n".join(offenders)


@pytest.mark.parametrize("source, where, words", [
    ("def later():\n    from desktop.store.service import Store\n", "nibrs", "(nibrs) imports desktop.store.service (store)"),
    ("from desktop.submission import export\n", "store", "(store) imports desktop.submission (submission)"),
    ("from desktop import forms\n", "submission", "(submission) imports desktop.forms (forms)"),
    ("import desktop.ui.qt\n", "forms", "(forms) imports desktop.ui.qt (ui)"),
    ("from ..ui import qt\n", "nibrs", "(nibrs) imports desktop.ui (ui)"),
    ("def f():\n    import desktop.commands.export\n", "submission", "imports desktop.commands.export (commands)"),
])
def test_the_check_finds_an_import_that_reaches_up(tmp_path, monkeypatch, source, where, words):
    """The walk itself can fail: a module planted in each layer reaching up is named with its line."""
    fake_repo = tmp_path / "repo"
    folder = fake_repo / "desktop" / where
    folder.mkdir(parents=True)
    (folder / "planted.py").write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "REPO", fake_repo)
    found = upward_imports(fake_repo / "desktop")
    assert len(found) == 1 and words in found[0], found


def test_downward_and_same_layer_imports_pass(tmp_path, monkeypatch):
    fake_repo = tmp_path / "repo"
    (fake_repo / "desktop" / "ui").mkdir(parents=True)
    (fake_repo / "desktop" / "ui" / "ok.py").write_text(
        "from desktop import forms, paths, APP_NAME\nfrom desktop.store.service import Store\n"
        "import desktop.commands.export\nfrom desktop.nibrs import model\n")
    monkeypatch.setattr(sys.modules[__name__], "REPO", fake_repo)
    assert upward_imports(fake_repo / "desktop") == []
