"""Participants can be withdrawn from a cohort (issue 10, point 2)

``withdrawn_at`` marks a participant who left the cohort, with a short reason;
the row stays (their history and the figures keep them, as withdrawn). The
participants table already has its row-level security policy.

Revision ID: d7e2a4c9b615
Revises: d5b8f2a61c30
Create Date: 2026-12-03 14:00:00.000000

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "d7e2a4c9b615"
down_revision = "d5b8f2a61c30"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("withdrawal_reason", sa.String(length=200), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("withdrawal_reason")
        batch_op.drop_column("withdrawn_at")
