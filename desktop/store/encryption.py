"""Encrypted unless the administrator says otherwise: the choice of a plain database, recorded and described.

A new local database is encrypted (SQLCipher). The command line creates a plain one only when told so
explicitly (``--no-encryption``); that choice is kept in the database's ``setting`` table (key
``encryption``) and in the audit trail, and the window's title and ``selftest`` show it. A plain database
from before this rule keeps opening, with a warning (see ``desktop/commands/_session.py``).
"""

from __future__ import annotations

from typing import Any

from desktop.store import audit
from desktop.store import schema as s

SETTING_KEY = "encryption"


def record_plain_choice(store, how: str) -> None:
    """Record (setting and audit entry) that this database was created plain on purpose, and how."""
    with store.unit() as u:
        value = {"encrypted": False, "chosen": how, "at": u.now.isoformat()}
        row = u.session.get(s.Setting, SETTING_KEY)
        if row is None:
            u.session.add(s.Setting(key=SETTING_KEY, value=value))
        else:
            row.value = value
        u.audit(audit.SETTINGS, detail={"encryption": "off", "chosen": how})


def plain_choice(store) -> dict[str, Any] | None:
    """The recorded choice of a plain database (``{"encrypted": False, "chosen": ..., "at": ...}``), or None."""
    with store.db.read() as session:
        row = session.get(s.Setting, SETTING_KEY)
        value = row.value if row is not None else None
    return value if isinstance(value, dict) else None


def state(store) -> str:
    """``encrypted`` | ``plain-chosen`` (created with --no-encryption) | ``plain`` (from before the rule, or
    never chosen) | ``server`` (a database server: encryption at rest is the server's job)."""
    db = store.db
    if not db.is_sqlite or db.path is None:
        return "server"
    if db.encrypted:
        return "encrypted"
    return "plain-chosen" if plain_choice(store) else "plain"


def describe(store) -> str:
    """One line for ``selftest`` and logs: where the reports are and whether they are encrypted."""
    db = store.db
    kind = state(store)
    if kind == "server":
        return (f"database server {db.server or '(URL)'}"
                f"{' (named in settings.json)' if db.from_settings else ''}: encryption at rest is the server's "
                "job; the passphrase is not used")
    if kind == "encrypted":
        return f"database {db.path}: encrypted (SQLCipher)"
    if kind == "plain-chosen":
        choice = plain_choice(store) or {}
        return (f"database {db.path}: NOT encrypted (chosen with {choice.get('chosen', '--no-encryption')} "
                f"on {str(choice.get('at', ''))[:10]})")
    return f"database {db.path}: NOT encrypted (set NIBRS_DESK_PASSPHRASE to encrypt it in place)"
