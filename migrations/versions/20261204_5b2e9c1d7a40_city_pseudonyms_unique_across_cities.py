"""City pseudonyms unique across cities (issue 9, point 2)

The unique index lets a city's page pick a pseudonym no other city has without
reading the other cities' rows: the database refuses a taken one.

Revision ID: 5b2e9c1d7a40
Revises: 405f9a20c56b
Create Date: 2026-12-04 09:00:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = "5b2e9c1d7a40"
down_revision = "405f9a20c56b"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("city_sharing", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_city_sharing_pseudonym"), ["pseudonym"]
        )


def downgrade():
    with op.batch_alter_table("city_sharing", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_city_sharing_pseudonym"), type_="unique"
        )
