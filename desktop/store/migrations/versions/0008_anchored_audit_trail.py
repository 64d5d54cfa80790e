"""an audit trail anchored outside the database: keyed entries, record checksums, restricted values by reference

Each audit entry gets a ``mac``: an HMAC of its hash with the installation's audit key (derived from the database
passphrase apart from SQLCipher's own key, or a key file beside an unencrypted database), so a chain recomputed
without the key is found. Each report row gets ``content_sum`` (its values and every child row) and ``checksum``
(that with its status, revision and authors), which the trail records at every change, so an edit of the report
tables outside the app is found. ``restricted_value`` holds the restricted values an audit entry names by
reference (an entry's details never hold them). Rows saved before this revision are sealed at the next start
(one ``seal`` entry records their checksums: ``record_checksums`` pending).

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-04 00:30:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

TABLES = ('group_b_arrest', 'incident', 'zero_report')


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN (no batch copy): the audit trail's append-only triggers stay in place.
    op.add_column('audit_log', sa.Column('mac', sa.String(length=64), nullable=True))
    for table in TABLES:
        op.add_column(table, sa.Column('content_sum', sa.String(length=64), nullable=True))
        op.add_column(table, sa.Column('checksum', sa.String(length=64), nullable=True))
    op.create_table(
        'restricted_value',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('element', sa.String(length=60), nullable=False),
        sa.Column('value', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    setting = sa.table('setting', sa.column('key', sa.String), sa.column('value', sa.JSON))
    op.bulk_insert(setting, [{'key': 'record_checksums', 'value': 'pending'}])


def downgrade() -> None:
    op.execute("DELETE FROM setting WHERE key = 'record_checksums'")
    op.drop_table('restricted_value')
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('checksum')
            batch_op.drop_column('content_sum')
    op.drop_column('audit_log', 'mac')
