"""errors waiting for someone granted restricted fields: a count beside each record's error count

A deputy's list counts a report's errors without those on restricted state fields the deputy may not see
(Missouri's immigration status): a supervisor fills those in during review. Records saved before this
revision count 0 until they are saved again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 10:00:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TABLES = ('group_b_arrest', 'incident', 'zero_report')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('waiting_count', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('waiting_count')
