"""Amendments for the meetings domain (issue 3); empty unless a column changes

Revision ID: c3d10004
Revises: c3c10003
Create Date: 2026-11-27

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "c3d10004"
down_revision = "c3c10003"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
