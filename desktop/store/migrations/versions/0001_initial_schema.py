"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 16:00:00.862060
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ori', sa.String(length=9), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('state_profile', sa.String(length=40), nullable=False),
    sa.Column('nibrs_start_date', sa.Date(), nullable=True),
    sa.Column('spec_version', sa.String(length=10), nullable=False),
    sa.Column('federal', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('group_b_arrest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ori', sa.String(length=9), nullable=False),
    sa.Column('arrest_transaction_number', sa.String(length=12), nullable=False),
    sa.Column('sequence_number', sa.Integer(), nullable=True),
    sa.Column('arrest_date', sa.Date(), nullable=True),
    sa.Column('arrest_type', sa.String(length=1), nullable=True),
    sa.Column('arrest_offense_code', sa.String(length=3), nullable=True),
    sa.Column('age', sa.String(length=4), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('race', sa.String(length=1), nullable=True),
    sa.Column('ethnicity', sa.String(length=1), nullable=True),
    sa.Column('resident_status', sa.String(length=1), nullable=True),
    sa.Column('disposition_under_18', sa.String(length=1), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('profile', sa.String(length=40), nullable=False),
    sa.Column('profile_version', sa.String(length=20), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('warning_count', sa.Integer(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('wizard_page', sa.String(length=40), nullable=True),
    sa.Column('submitted_revision', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.Column('invalid', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('group_b_arrest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_b_arrest_arrest_date'), ['arrest_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_b_arrest_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_b_arrest_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_b_arrest_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index('uq_group_b_live', ['ori', 'arrest_transaction_number', 'sequence_number'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ori', sa.String(length=9), nullable=False),
    sa.Column('incident_number', sa.String(length=12), nullable=False),
    sa.Column('cargo_theft', sa.String(length=1), nullable=True),
    sa.Column('incident_date', sa.Date(), nullable=True),
    sa.Column('report_date_indicator', sa.String(length=1), nullable=True),
    sa.Column('incident_hour', sa.Integer(), nullable=True),
    sa.Column('cleared_exceptionally', sa.String(length=1), nullable=True),
    sa.Column('exceptional_clearance_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('profile', sa.String(length=40), nullable=False),
    sa.Column('profile_version', sa.String(length=20), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('warning_count', sa.Integer(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('wizard_page', sa.String(length=40), nullable=True),
    sa.Column('submitted_revision', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.Column('invalid', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_incident_date'), ['incident_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_incident_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index('uq_incident_live', ['ori', 'incident_number'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('record_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('saved_by', sa.String(length=100), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'record_id', 'revision')
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('zero_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ori', sa.String(length=9), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('profile', sa.String(length=40), nullable=False),
    sa.Column('profile_version', sa.String(length=20), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.Column('warning_count', sa.Integer(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('wizard_page', sa.String(length=40), nullable=True),
    sa.Column('submitted_revision', sa.Integer(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.Column('invalid', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('zero_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_zero_report_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_zero_report_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_zero_report_updated_at'), ['updated_at'], unique=False)
        batch_op.create_index('uq_zero_live', ['ori', 'year', 'month'], unique=True, sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))

    op.create_table('arrestee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('sequence_number', sa.Integer(), nullable=True),
    sa.Column('arrest_transaction_number', sa.String(length=12), nullable=True),
    sa.Column('arrest_date', sa.Date(), nullable=True),
    sa.Column('arrest_type', sa.String(length=1), nullable=True),
    sa.Column('multiple_arrestee', sa.String(length=1), nullable=True),
    sa.Column('arrest_offense_code', sa.String(length=3), nullable=True),
    sa.Column('age', sa.String(length=4), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('race', sa.String(length=1), nullable=True),
    sa.Column('ethnicity', sa.String(length=1), nullable=True),
    sa.Column('resident_status', sa.String(length=1), nullable=True),
    sa.Column('disposition_under_18', sa.String(length=1), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('arrestee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arrestee_arrest_transaction_number'), ['arrest_transaction_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_arrestee_incident_id'), ['incident_id'], unique=False)

    op.create_table('group_b_armed_with',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['group_b_arrest.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('offender',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('sequence_number', sa.Integer(), nullable=True),
    sa.Column('age', sa.String(length=4), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('race', sa.String(length=1), nullable=True),
    sa.Column('ethnicity', sa.String(length=1), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('offender', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offender_incident_id'), ['incident_id'], unique=False)

    op.create_table('offense',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('offense_code', sa.String(length=3), nullable=True),
    sa.Column('attempted_completed', sa.String(length=1), nullable=True),
    sa.Column('location_type', sa.String(length=2), nullable=True),
    sa.Column('premises_entered', sa.Integer(), nullable=True),
    sa.Column('method_of_entry', sa.String(length=1), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('offense', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offense_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_offense_offense_code'), ['offense_code'], unique=False)

    op.create_table('property',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('loss_type', sa.String(length=1), nullable=True),
    sa.Column('stolen_vehicles', sa.Integer(), nullable=True),
    sa.Column('recovered_vehicles', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('property', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_property_incident_id'), ['incident_id'], unique=False)

    op.create_table('victim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('sequence_number', sa.Integer(), nullable=True),
    sa.Column('victim_type', sa.String(length=1), nullable=True),
    sa.Column('officer_activity', sa.String(length=2), nullable=True),
    sa.Column('officer_assignment', sa.String(length=1), nullable=True),
    sa.Column('officer_ori', sa.String(length=9), nullable=True),
    sa.Column('age', sa.String(length=4), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('race', sa.String(length=1), nullable=True),
    sa.Column('ethnicity', sa.String(length=1), nullable=True),
    sa.Column('resident_status', sa.String(length=1), nullable=True),
    sa.Column('justifiable_homicide', sa.String(length=1), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incident.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('victim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_victim_incident_id'), ['incident_id'], unique=False)

    op.create_table('arrestee_armed_with',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['arrestee.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('offense_bias_motivation',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['offense.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('offense_criminal_activity',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['offense.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('offense_suspected_using',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['offense.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('offense_weapon',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['offense.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('property_drug',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('property_id', sa.Integer(), nullable=False),
    sa.Column('drug_type', sa.String(length=1), nullable=True),
    sa.Column('quantity_thousandths', sa.BigInteger(), nullable=True),
    sa.Column('measurement', sa.String(length=2), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['property_id'], ['property.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('property_drug', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_property_drug_property_id'), ['property_id'], unique=False)

    op.create_table('property_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('property_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=2), nullable=True),
    sa.Column('value', sa.BigInteger(), nullable=True),
    sa.Column('date_recovered', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['property_id'], ['property.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('property_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_property_item_property_id'), ['property_id'], unique=False)

    op.create_table('victim_circumstance',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['victim.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('victim_injury',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['victim.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('victim_offense',
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['victim.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('owner_id', 'position')
    )
    op.create_table('victim_relationship',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('victim_id', sa.Integer(), nullable=False),
    sa.Column('offender_number', sa.Integer(), nullable=True),
    sa.Column('relationship', sa.String(length=2), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('extras', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['victim_id'], ['victim.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('victim_relationship', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_victim_relationship_victim_id'), ['victim_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('victim_relationship', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_victim_relationship_victim_id'))

    op.drop_table('victim_relationship')
    op.drop_table('victim_offense')
    op.drop_table('victim_injury')
    op.drop_table('victim_circumstance')
    with op.batch_alter_table('property_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_property_item_property_id'))

    op.drop_table('property_item')
    with op.batch_alter_table('property_drug', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_property_drug_property_id'))

    op.drop_table('property_drug')
    op.drop_table('offense_weapon')
    op.drop_table('offense_suspected_using')
    op.drop_table('offense_criminal_activity')
    op.drop_table('offense_bias_motivation')
    op.drop_table('arrestee_armed_with')
    with op.batch_alter_table('victim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_victim_incident_id'))

    op.drop_table('victim')
    with op.batch_alter_table('property', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_property_incident_id'))

    op.drop_table('property')
    with op.batch_alter_table('offense', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offense_offense_code'))
        batch_op.drop_index(batch_op.f('ix_offense_incident_id'))

    op.drop_table('offense')
    with op.batch_alter_table('offender', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offender_incident_id'))

    op.drop_table('offender')
    op.drop_table('group_b_armed_with')
    with op.batch_alter_table('arrestee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_arrestee_incident_id'))
        batch_op.drop_index(batch_op.f('ix_arrestee_arrest_transaction_number'))

    op.drop_table('arrestee')
    with op.batch_alter_table('zero_report', schema=None) as batch_op:
        batch_op.drop_index('uq_zero_live', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_zero_report_updated_at'))
        batch_op.drop_index(batch_op.f('ix_zero_report_status'))
        batch_op.drop_index(batch_op.f('ix_zero_report_deleted_at'))

    op.drop_table('zero_report')
    op.drop_table('setting')
    op.drop_table('record_revision')
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index('uq_incident_live', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_incident_updated_at'))
        batch_op.drop_index(batch_op.f('ix_incident_status'))
        batch_op.drop_index(batch_op.f('ix_incident_incident_date'))
        batch_op.drop_index(batch_op.f('ix_incident_deleted_at'))

    op.drop_table('incident')
    with op.batch_alter_table('group_b_arrest', schema=None) as batch_op:
        batch_op.drop_index('uq_group_b_live', sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))
        batch_op.drop_index(batch_op.f('ix_group_b_arrest_updated_at'))
        batch_op.drop_index(batch_op.f('ix_group_b_arrest_status'))
        batch_op.drop_index(batch_op.f('ix_group_b_arrest_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_group_b_arrest_arrest_date'))

    op.drop_table('group_b_arrest')
    op.drop_table('agency')
