"""Entry point of the packaged windowed program on Windows (no console): opens the app."""

import sys

from desktop.cli import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
