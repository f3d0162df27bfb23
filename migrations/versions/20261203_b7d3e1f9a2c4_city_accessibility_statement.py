"""A city's accessibility statement settings (tenant.toml ``[accessibility]``)

``tenants.accessibility`` holds only what the city's file says (known gaps in
both languages, a feedback e-mail, the statement's dates); the page fills in
the product's defaults (``tenancy/accessibility.py``).

Revision ID: b7d3e1f9a2c4
Revises: a4c7e1f9d352
Create Date: 2026-12-05 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "b7d3e1f9a2c4"
down_revision = "a4c7e1f9d352"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("accessibility", sa.JSON(), server_default="{}", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("accessibility")
