"""The Qt-free packages run headless: nothing under desktop/nibrs or desktop/forms imports Qt or desktop.ui."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from testpaths import REPO

CORE = REPO / "desktop" / "nibrs"
QT_FREE = {"desktop.nibrs": CORE, "desktop.forms": REPO / "desktop" / "forms"}
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def qt_imports(folder) -> list[str]:
    """Every import of Qt or of desktop.ui under ``folder``, also inside functions: ``file:line imports name``."""
    offenders = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            bad = [n for n in names if n.split(".")[0] in QT_PACKAGES or n.startswith("desktop.ui")]
            if bad:
                offenders.append(f"{path.relative_to(folder.parent)}:{node.lineno} imports {bad[0]}")
    return offenders


@pytest.mark.parametrize("package", sorted(QT_FREE))
def test_no_module_of_a_qt_free_package_imports_qt(package):
    offenders = qt_imports(QT_FREE[package])
    assert not offenders, "\n".join(offenders)


def test_the_check_finds_an_import_inside_a_function(tmp_path):
    (tmp_path / "m.py").write_text("def later():\n    from PySide6.QtCore import QTimer\n")
    (tmp_path / "n.py").write_text("from desktop import ui\n")
    found = qt_imports(tmp_path)
    assert len(found) == 2 and found[0].endswith("m.py:2 imports PySide6.QtCore") and "desktop.ui" in found[1]


@pytest.mark.parametrize("package", sorted(QT_FREE))
def test_importing_a_qt_free_package_loads_no_qt(package):
    folder = QT_FREE[package]
    mods = sorted(package + "".join(f".{part}" for part in p.relative_to(folder).with_suffix("").parts
                                    if part != "__init__")
                  for p in folder.rglob("*.py"))
    code = ("import importlib, sys\n"
            f"for m in {mods!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6') or m.startswith('desktop.ui')]\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.strip() == ""
