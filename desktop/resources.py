"""Find the application's data files, from the source tree or from the frozen app.

Everything the program reads at run time (data dictionary, FBI schema, forms, state
profiles, icons, translations, migrations) is found through :func:`resource_path`, so
the same code works from a checkout and from a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_TOP_LEVEL = ("resources", "forms")


def root() -> Path:
    """The folder that holds ``resources/`` and ``forms/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (e.g. ``resource_path("dictionary", "codes.yaml")``)."""
    return root().joinpath("resources", *parts)


def forms_path(*parts: str) -> Path:
    """Path of a file under ``forms/`` (wizard definitions and state profiles)."""
    return root().joinpath("forms", *parts)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))
