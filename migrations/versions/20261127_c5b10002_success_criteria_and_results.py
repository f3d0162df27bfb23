"""success criteria and results (issue 5)

Revision ID: c5b10002
Revises: c5a10001
Create Date: 2026-11-27

"""

import sqlalchemy as sa
from alembic import op

revision = "c5b10002"
down_revision = "c5a10001"
branch_labels = None
depends_on = None

# Row-level security for the new tenant-owned table (as in 8684bd90a398).
POLICY = """
    (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    OR (NULLIF(current_setting('app.tenant_id', true), '') IS NULL
        AND current_setting('app.cross_tenant', true) = 'on')
"""


def enable_row_level_security(table):
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(
        f"CREATE POLICY tenant_isolation ON {table}"
        f" USING ({POLICY}) WITH CHECK ({POLICY})"
    )


def upgrade():
    op.create_table(
        "success_criteria",
        sa.Column("measure", sa.String(length=60), nullable=False),
        sa.Column("minimum_share", sa.Float(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_success_criteria_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_success_criteria")),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_success_criteria_tenant_id_id")
        ),
        sa.UniqueConstraint(
            "tenant_id", "measure", name=op.f("uq_success_criteria_tenant_id_measure")
        ),
    )
    with op.batch_alter_table("success_criteria", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_success_criteria_tenant_id"), ["tenant_id"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        enable_row_level_security("success_criteria")


def downgrade():
    with op.batch_alter_table("success_criteria", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_success_criteria_tenant_id"))
    op.drop_table("success_criteria")
