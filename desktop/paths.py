"""Where the user's data lives: the platformdirs data folder unless overridden.

Order of precedence: ``--data-dir DIR`` on the command line, then the
``NIBRS_DESK_DATA_DIR`` environment variable, then the platform's user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from desktop import APP_ID

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
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def backup_dir(folder: Path) -> Path:
    path = folder / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = platformdirs.user_log_path(APP_ID, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path
