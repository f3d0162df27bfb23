"""application e-mail confirmation: ``applications.email_confirmed_at``

An application sent through the public form counts (review list, counts,
places) only once its address is confirmed through the link e-mailed to it.
Applications already stored were confirmed the old way (the e-mail went out and
nobody objected): they are backfilled as confirmed at their creation.

Revision ID: a4c7e1f9d352
Revises: a4d6e8f0b1c3
Create Date: 2026-12-03 15:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "a4c7e1f9d352"
down_revision = "a4d6e8f0b1c3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("email_confirmed_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        # Row-level security is forced: the backfill covers every city.
        op.execute("SET LOCAL app.cross_tenant = 'on'")
    op.execute("UPDATE applications SET email_confirmed_at = created_at")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SET LOCAL app.cross_tenant = 'off'")


def downgrade():
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("email_confirmed_at")
