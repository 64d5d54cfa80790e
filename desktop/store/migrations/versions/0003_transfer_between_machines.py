"""transfer between machines

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:25:12.218841
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('transfer_conflict',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('origin', sa.String(length=200), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('incoming', sa.JSON(), nullable=False),
    sa.Column('incoming_hash', sa.String(length=64), nullable=False),
    sa.Column('base_hash', sa.String(length=64), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=64), nullable=True),
    sa.Column('resolution', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('transfer_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_transfer_conflict_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_transfer_conflict_resolved_at'), ['resolved_at'], unique=False)

    with op.batch_alter_table('group_b_arrest', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sync_hash', sa.String(length=64), nullable=True))

    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sync_hash', sa.String(length=64), nullable=True))

    with op.batch_alter_table('zero_report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sync_hash', sa.String(length=64), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('zero_report', schema=None) as batch_op:
        batch_op.drop_column('sync_hash')

    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_column('sync_hash')

    with op.batch_alter_table('group_b_arrest', schema=None) as batch_op:
        batch_op.drop_column('sync_hash')

    with op.batch_alter_table('transfer_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_transfer_conflict_resolved_at'))
        batch_op.drop_index(batch_op.f('ix_transfer_conflict_record_id'))

    op.drop_table('transfer_conflict')
