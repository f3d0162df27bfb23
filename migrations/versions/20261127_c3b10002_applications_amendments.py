"""Amendments for the applications domain (issue 3); empty unless a column changes

Revision ID: c3b10002
Revises: c3a10001
Create Date: 2026-11-27

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "c3b10002"
down_revision = "c3a10001"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
