"""the agency's own values found by the search box: local_text, with a full-text index

Local elements (desktop.nibrs.local: names, address, narrative...) are kept in each segment's extras like a
state's; what the search box finds of them is one row per segment and kind of value in local_text, indexed for
words: an FTS5 table kept by triggers on SQLite (the sqlcipher3 build has FTS5), a GIN index over
to_tsvector('simple', text) on PostgreSQL. Without FTS5 (a SQLite built without it) the search reads the
table itself.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 00:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

FTS = 'local_text_fts'


def _has_fts5(bind) -> bool:
    try:
        return bool(bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar()) or \
            bool(bind.exec_driver_sql("SELECT 1 FROM pragma_module_list WHERE name = 'fts5'").scalar())
    except Exception:  # pragma: no cover - an old SQLite without pragma_module_list
        return False


def upgrade() -> None:
    op.create_table(
        'local_text',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('path', sa.String(length=60), nullable=False),
        sa.Column('what', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_local_text_record', 'local_text', ['kind', 'record_id'], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        if not _has_fts5(bind):
            return
        op.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(text, content='local_text', content_rowid='id', "
                   "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')")
        op.execute(f"CREATE TRIGGER local_text_ai AFTER INSERT ON local_text BEGIN "
                   f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END")
        op.execute(f"CREATE TRIGGER local_text_ad AFTER DELETE ON local_text BEGIN "
                   f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); END")
        op.execute(f"CREATE TRIGGER local_text_au AFTER UPDATE ON local_text BEGIN "
                   f"INSERT INTO {FTS}({FTS}, rowid, text) VALUES ('delete', old.id, old.text); "
                   f"INSERT INTO {FTS}(rowid, text) VALUES (new.id, new.text); END")
    elif bind.dialect.name == 'postgresql':
        op.execute("CREATE INDEX ix_local_text_words ON local_text USING gin (to_tsvector('simple', text))")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for trigger in ('local_text_ai', 'local_text_ad', 'local_text_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    elif bind.dialect.name == 'postgresql':
        op.execute("DROP INDEX IF EXISTS ix_local_text_words")
    op.drop_index('ix_local_text_record', table_name='local_text')
    op.drop_table('local_text')
