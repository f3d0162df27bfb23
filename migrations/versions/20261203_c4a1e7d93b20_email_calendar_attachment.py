"""E-mails carry an invitation's calendar (issue 10, point 6)

A nullable text column on both e-mail tables: the ``.ics`` written when the
invitation was queued, attached as text/calendar at delivery.

Revision ID: c4a1e7d93b20
Revises: c3a7e5d91f20
Create Date: 2026-12-05 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "c4a1e7d93b20"
down_revision = "c3a7e5d91f20"
branch_labels = None
depends_on = None

TABLES = ("city_emails", "network_emails")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("calendar_ics", sa.Text(), nullable=True))


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("calendar_ics")
