"""an export is recorded as pending before its file gets its final name, and made final after

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 12:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('export_batch') as batch:
        batch.add_column(sa.Column('state', sa.String(length=10), nullable=False, server_default='final'))


def downgrade() -> None:
    with op.batch_alter_table('export_batch') as batch:
        batch.drop_column('state')
