"""Entry point of the packaged ``nibrs-desk`` program (command line; no arguments opens the app)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
