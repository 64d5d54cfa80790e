"""desktop/ui reaches Qt through one module, desktop/ui/qt.py: the binding, ``tr``, the colours and styles."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

from testpaths import REPO

UI = REPO / "desktop" / "ui"
SHIM = UI / "qt.py"
COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b")


def ui_modules():
    for path in sorted(UI.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def test_no_ui_module_but_the_shim_imports_the_binding():
    offenders = []
    for path, tree in ui_modules():
        if path == SHIM:
            continue
        for node in ast.walk(tree):  # inside functions too
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("PySide6", "shiboken6") for n in names):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, "import these from desktop.ui.qt: " + ", ".join(offenders)


def test_one_tr_and_every_colour_declared_once_in_the_shim():
    trs, colours, styles = [], [], []
    for path, tree in ui_modules():
        where = path.relative_to(REPO)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "tr":
                trs.append(f"{where}:{node.lineno}")
            if path == SHIM:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and COLOUR.search(node.value):
                colours.append(f"{where}:{node.lineno}")
            if isinstance(node, ast.Assign):
                styles += [f"{where}:{node.lineno} {t.id}" for t in node.targets
                           if isinstance(t, ast.Name) and t.id.endswith(("_STYLE", "_COLOUR"))]
    assert trs == ["desktop/ui/qt.py:" + str(next(n.lineno for n in ast.parse(SHIM.read_text()).body
                                                   if isinstance(n, ast.FunctionDef) and n.name == "tr"))]
    assert not colours, "name the colour in desktop/ui/qt.py: " + ", ".join(colours)
    assert not styles, "declare styles in desktop/ui/qt.py: " + ", ".join(styles)


def test_the_check_sees_a_colour_and_a_binding_import(tmp_path):
    tree = ast.parse("def f():\n    from PySide6.QtGui import QColor\n    return QColor('#b00020')\n")
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module.startswith("PySide6")]
    literals = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and COLOUR.search(str(n.value))]
    assert len(imports) == 1 and len(literals) == 1


def test_print_support_loads_only_when_asked_for():
    code = ("import sys\n"
            "import desktop.ui.qt as qt\n"
            "before = 'PySide6.QtPrintSupport' in sys.modules\n"
            "from desktop.ui.qt import QPrinter\n"
            "print(before, 'PySide6.QtPrintSupport' in sys.modules, QPrinter.__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True", "QPrinter"]
