"""success criteria and results (issue 5)

Revision ID: c5b10002
Revises: c5a10001
Create Date: 2026-11-27

"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "c5b10002"
down_revision = "c5a10001"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
