"""Where the user's data lives: the platformdirs data folder unless overridden.

Order of precedence: ``--data-dir DIR`` on the command line, then the
``NIBRS_DESK_DATA_DIR`` environment variable, then the platform's user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desktop import APP_ID
from desktop.fileio import private_folder

ENV_DATA_DIR = "NIBRS_DESK_DATA_DIR"
DATABASE_NAME = "nibrs-desk.sqlite3"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    if override:
        path = Path(override)
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR])
    else:
        path = platformdirs.user_data_path(APP_ID, appauthor=False)
    path = path.expanduser().resolve()
    private_folder(path)
    return path


ENV_CACHE_DIR = "NIBRS_DESK_CACHE_DIR"


def cache_dir() -> Path:
    """The user's cache folder (what can always be made again: parsed data files), ``NIBRS_DESK_CACHE_DIR`` or
    the platform's."""
    override = os.environ.get(ENV_CACHE_DIR)
    return Path(override) if override else platformdirs.user_cache_path(APP_ID, appauthor=False)


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def backup_dir(folder: Path) -> Path:
    return private_folder(folder / "backups")


SETTINGS_NAME = "settings.json"


def settings_path(folder: Path) -> Path:
    """Settings of the installation that are not in the database (e.g. a shared server's URL)."""
    return folder / SETTINGS_NAME


def read_settings(folder: Path) -> dict:
    import json

    path = settings_path(folder)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read the settings file: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: the settings file must hold a JSON object")
    return data
