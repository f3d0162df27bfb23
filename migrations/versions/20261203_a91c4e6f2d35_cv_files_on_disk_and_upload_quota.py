"""CVs on disk under random names; a per-city upload quota (issue 4)

``application_files.storage_key`` names the file under
``UPLOADS_DIR/<tenant_id>/``; ``content`` stays, nullable, for CVs uploaded
before (they are still served from it). ``tenants.upload_quota_mb`` is copied
from tenant.toml by ``tenants sync`` (default 500).

Revision ID: a91c4e6f2d35
Revises: a4c7e9d2f610
Create Date: 2026-12-03 12:00:00.000000

"""

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "a91c4e6f2d35"
down_revision = "a4c7e9d2f610"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("application_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("storage_key", sa.String(length=32), nullable=True))
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "upload_quota_mb", sa.Integer(), server_default="500", nullable=False
            )
        )


def downgrade():
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("upload_quota_mb")
    with op.batch_alter_table("application_files", schema=None) as batch_op:
        batch_op.drop_column("storage_key")
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
