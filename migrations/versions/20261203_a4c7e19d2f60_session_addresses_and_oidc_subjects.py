"""sessions: the address each began from; users: the single sign-on identity

``account_sessions.ip_address`` and ``network_sessions.ip_address`` (shown on
"Your sessions"), and ``users.oidc_subject``: the city's OpenID Connect
identity (issuer and subject) a coordinator is linked to after the first
single sign-on, unique within the city. No new table: the row-level security
of ``users`` and ``account_sessions`` covers the new columns.

Revision ID: a4c7e19d2f60
Revises: a91c4e6f2d35
Create Date: 2026-12-03 18:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "a4c7e19d2f60"
down_revision = "a91c4e6f2d35"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("account_sessions", "network_sessions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "ip_address", sa.String(length=45), nullable=False, server_default=""
                )
            )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("oidc_subject", sa.String(length=400)))
        batch_op.create_unique_constraint(
            batch_op.f("uq_users_tenant_id_oidc_subject"), ["tenant_id", "oidc_subject"]
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_users_tenant_id_oidc_subject"), type_="unique"
        )
        batch_op.drop_column("oidc_subject")
    for table in ("network_sessions", "account_sessions"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("ip_address")
