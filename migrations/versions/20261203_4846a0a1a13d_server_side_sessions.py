"""Server-side sessions for city and network users (issue 8)

A city user's sessions are the city's (tenant_id, composite key to users, RLS);
a network user's are not. They replace the session nonce on both account tables.

Revision ID: 4846a0a1a13d
Revises: c5c10003
Create Date: 2026-12-03 12:11:52.096514

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '4846a0a1a13d'
down_revision = 'c5c10003'
branch_labels = None
depends_on = None

# Row-level security for the new tenant-owned table (as in 8684bd90a398).
POLICY = """
    (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    OR (NULLIF(current_setting('app.tenant_id', true), '') IS NULL
        AND current_setting('app.cross_tenant', true) = 'on')
"""


def enable_row_level_security(table):
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY tenant_isolation ON {table}"
        f" USING ({POLICY}) WITH CHECK ({POLICY})"
    )


def upgrade():
    op.create_table('network_sessions',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('user_agent', sa.String(length=200), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['network_users.id'], name=op.f('fk_network_sessions_user_id_network_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_network_sessions_key_hash'))
    )
    with op.batch_alter_table('network_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_network_sessions_user_id_ended_at', ['user_id', 'ended_at'], unique=False)

    op.create_table('account_sessions',
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('tenant_id', sa.Uuid(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('user_agent', sa.String(length=200), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['tenant_id', 'user_id'], ['users.tenant_id', 'users.id'], name=op.f('fk_account_sessions_tenant_id_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenants.id'], name=op.f('fk_account_sessions_tenant_id_tenants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_sessions')),
    sa.UniqueConstraint('tenant_id', 'id', name=op.f('uq_account_sessions_tenant_id_id')),
    sa.UniqueConstraint('tenant_id', 'key_hash', name=op.f('uq_account_sessions_tenant_id_key_hash'))
    )
    with op.batch_alter_table('account_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_sessions_tenant_id'), ['tenant_id'], unique=False)
        batch_op.create_index('ix_account_sessions_user_id_ended_at', ['user_id', 'ended_at'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        enable_row_level_security("account_sessions")

    # Cookies made before this revision carry no session key: they sign out.
    with op.batch_alter_table('network_users', schema=None) as batch_op:
        batch_op.drop_column('session_nonce')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_nonce')



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'session_nonce',
                sa.String(length=32),
                nullable=False,
                server_default='downgraded',
            )
        )

    with op.batch_alter_table('network_users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'session_nonce',
                sa.String(length=32),
                nullable=False,
                server_default='downgraded',
            )
        )

    with op.batch_alter_table('account_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_account_sessions_user_id_ended_at')
        batch_op.drop_index(batch_op.f('ix_account_sessions_tenant_id'))

    op.drop_table('account_sessions')
    with op.batch_alter_table('network_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_network_sessions_user_id_ended_at')

    op.drop_table('network_sessions')
