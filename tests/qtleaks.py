"""Top-level widgets a test leaves behind (tests/conftest.py fails such a test)."""

from __future__ import annotations

import sys

# Qt's own windows that live as long as the application (made once, on first use), not a test's.
QT_OWN_WINDOWS = frozenset({"QTipLabel"})


def top_level_widgets() -> list:
    """The application's top-level widgets now, once what was closed and deleteLater()'d is gone."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if app is None:
        return []
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    app.processEvents()
    return [w for w in app.topLevelWidgets() if w.metaObject().className() not in QT_OWN_WINDOWS]


def windows_left_behind(before: list) -> list:
    """Top-level widgets that were not there ``before``."""
    return [w for w in top_level_widgets() if not any(w is b for b in before)]
