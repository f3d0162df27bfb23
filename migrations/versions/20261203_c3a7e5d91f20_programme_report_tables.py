"""Programme reports keep their tables as typed data, not one mixed CSV (issue 10, point 4)

Each table is written as its own CSV for Excel on download (BOM, ";", numbers as
numbers). Reports built before this keep their HTML and PDF; their mixed CSV is
dropped, as it mixed tables and wrote figures as text.

Revision ID: c3a7e5d91f20
Revises: 5b2e9c1d7a40
Create Date: 2026-12-05 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c3a7e5d91f20"
down_revision = "5b2e9c1d7a40"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("programme_reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tables", sa.JSON(), server_default="[]", nullable=False)
        )
        batch_op.drop_column("csv")


def downgrade():
    with op.batch_alter_table("programme_reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("csv", sa.Text(), server_default="", nullable=False)
        )
        batch_op.drop_column("tables")
