"""submissions to the state: exports (files, SHA-256, records at their revisions) and feedback

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:07:37.914350
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('export_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=10), nullable=False),
    sa.Column('packaging', sa.String(length=10), nullable=False),
    sa.Column('submitter', sa.String(length=20), nullable=False),
    sa.Column('generated', sa.Date(), nullable=False),
    sa.Column('series', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('out_dir', sa.Text(), nullable=False),
    sa.Column('allow_errors', sa.Boolean(), nullable=False),
    sa.Column('app_version', sa.String(length=20), nullable=False),
    sa.Column('profile', sa.String(length=40), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('export_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_batch_created_at'), ['created_at'], unique=False)

    op.create_table('feedback_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('loaded_at', sa.DateTime(), nullable=False),
    sa.Column('loaded_by', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('month', sa.Integer(), nullable=True),
    sa.Column('processed_on', sa.Date(), nullable=True),
    sa.Column('export_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_file_sha256'), ['sha256'], unique=False)

    op.create_table('export_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('export_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['export_id'], ['export_batch.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('export_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_file_export_id'), ['export_id'], unique=False)

    op.create_table('export_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('export_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=1), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('document', sa.String(length=200), nullable=True),
    sa.Column('first_record', sa.Integer(), nullable=True),
    sa.Column('records', sa.Integer(), nullable=True),
    sa.Column('layout', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['export_id'], ['export_batch.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('export_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_item_export_id'), ['export_id'], unique=False)
        batch_op.create_index('ix_export_item_record', ['kind', 'record_id'], unique=False)

    op.create_table('feedback_error',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('finding', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback_file.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('feedback_error', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_error_feedback_id'), ['feedback_id'], unique=False)
        batch_op.create_index('ix_feedback_error_record', ['kind', 'record_id'], unique=False)

    for table in ('incident', 'group_b_arrest', 'zero_report'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('layout', sa.JSON(), nullable=True))



def downgrade() -> None:
    for table in ('incident', 'group_b_arrest', 'zero_report'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('layout')

    with op.batch_alter_table('feedback_error', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_error_record')
        batch_op.drop_index(batch_op.f('ix_feedback_error_feedback_id'))

    op.drop_table('feedback_error')
    with op.batch_alter_table('export_item', schema=None) as batch_op:
        batch_op.drop_index('ix_export_item_record')
        batch_op.drop_index(batch_op.f('ix_export_item_export_id'))

    op.drop_table('export_item')
    with op.batch_alter_table('export_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_file_export_id'))

    op.drop_table('export_file')
    with op.batch_alter_table('feedback_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_file_sha256'))

    op.drop_table('feedback_file')
    with op.batch_alter_table('export_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_batch_created_at'))

    op.drop_table('export_batch')
