"""Programme reports carry the coordinator's narrative (issue 10, point 5)

A short text per language ({"da": ..., "en": ...}) written when the report is
asked for; the report shows the one in its language.

Revision ID: d5b8f2a61c30
Revises: d7e2a4c9b815
Create Date: 2026-12-03 14:00:00.000000

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "d5b8f2a61c30"
down_revision = "d7e2a4c9b815"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("programme_reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("narrative", sa.JSON(), server_default="{}", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("programme_reports", schema=None) as batch_op:
        batch_op.drop_column("narrative")
