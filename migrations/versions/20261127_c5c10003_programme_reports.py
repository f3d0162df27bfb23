"""programme reports (issue 5)

Revision ID: c5c10003
Revises: c5b10002
Create Date: 2026-11-27

"""

import sqlalchemy as sa
from alembic import op

revision = "c5c10003"
down_revision = "c5b10002"
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
        "programme_reports",
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("csv", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_programme_reports_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_reports")),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_programme_reports_tenant_id_id")
        ),
    )
    with op.batch_alter_table("programme_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_reports_tenant_id"), ["tenant_id"], unique=False
        )
    if op.get_bind().dialect.name == "postgresql":
        enable_row_level_security("programme_reports")


def downgrade():
    with op.batch_alter_table("programme_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_reports_tenant_id"))
    op.drop_table("programme_reports")
