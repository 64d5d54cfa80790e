"""Alembic, driven from code: the migration scripts live in ``desktop/store/migrations``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(alembic_config(engine), revision)


def known_revisions() -> set[str]:
    """Every schema revision this version's migrations know (a database at any of them can be brought up to date)."""
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


_TABLES: dict[str, frozenset[str]] = {}


def tables_at(revision: str) -> frozenset[str]:
    """The tables a database at ``revision`` has (worked out once per revision by migrating an empty database in
    memory to it), to check that a backup claiming that revision holds every one of them."""
    if revision not in _TABLES:
        from sqlalchemy import create_engine, inspect
        from sqlalchemy.pool import StaticPool

        engine = create_engine("sqlite://", poolclass=StaticPool)
        try:
            upgrade(engine, revision)
            _TABLES[revision] = frozenset(inspect(engine).get_table_names())
        finally:
            engine.dispose()
    return _TABLES[revision]
