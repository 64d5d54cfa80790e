"""NIBRS Desk: offline NIBRS incident entry, FBI edit checks and submission files.

The version number lives here and nowhere else; pyproject.toml, the CLI, the About
box and the packages read it.
"""

__version__ = "0.1.0"
APP_NAME = "NIBRS Desk"
APP_ID = "nibrs-desk"
