"""Driving the real widgets as a person does: mouse clicks and typed keys, never setText."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget


def child(parent: QWidget, name: str, cls=QWidget) -> QWidget:
    """The one visible child of that name (sections are rebuilt, so only live widgets count)."""
    found = [w for w in parent.findChildren(cls, name)]
    assert found, f"no {cls.__name__} named {name!r} in {parent.objectName()!r}"
    return found[0]


def field(parent: QWidget, name: str) -> QLineEdit:
    return child(parent, name, QLineEdit)


def into_view(widget: QWidget) -> None:
    """Scroll the page so the widget is on screen, as a person scrolls before clicking."""
    from PySide6.QtWidgets import QApplication, QScrollArea

    p = widget.parentWidget()
    while p is not None:
        if isinstance(p, QScrollArea):
            p.ensureWidgetVisible(widget, 10, 10)
        p = p.parentWidget()
    QApplication.processEvents()


def type_into(qtbot, widget: QLineEdit, text: str, *, replace: bool = True) -> None:
    """Click into a field, (select what it holds,) type, then Tab - as a person does."""
    assert widget.isVisible(), f"{widget.objectName()} is not shown"
    into_view(widget)
    qtbot.mouseClick(widget, Qt.LeftButton)
    assert widget.window().focusWidget() is widget, f"clicking {widget.objectName()} did not put the cursor in it"
    if replace:
        qtbot.keyClick(widget, Qt.Key_A, Qt.ControlModifier)
        if text == "" and widget.text():
            qtbot.keyClick(widget, Qt.Key_Delete)
    if text:
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key_Tab)


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.objectName()} cannot be clicked"
    into_view(button)
    qtbot.mouseClick(button, Qt.LeftButton)


def fill(qtbot, container: QWidget, values: dict[str, str]) -> None:
    for name, text in values.items():
        type_into(qtbot, field(container, name), text)
