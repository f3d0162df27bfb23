"""Amendments for the cohorts templates audit domain (issue 3); empty unless a column changes

Revision ID: c3a10001
Revises: 8684bd90a398
Create Date: 2026-11-27

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "c3a10001"
down_revision = "8684bd90a398"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
