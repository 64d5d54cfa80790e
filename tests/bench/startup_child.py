"""Child process of the start-up benchmark.

Usage: startup_child.py bare | app DATA_DIR. Prints "shown" when the window is first painted
and, for the app, "rows" when the report list shows its first rows; the parent times the lines.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

if sys.argv[1] == "bare":
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QLabel("hello"))
    window.show()
    app.processEvents()
    print("shown", flush=True)
else:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import start_window

    window = start_window(sys.argv[2])  # the app's own start: window first, database next
    window.first_painted.connect(lambda: print("shown", flush=True))
    while window.model is None or window.model.rowCount() == 0:
        QApplication.processEvents()
        time.sleep(0.001)
    QApplication.processEvents()
    print("rows", flush=True)
