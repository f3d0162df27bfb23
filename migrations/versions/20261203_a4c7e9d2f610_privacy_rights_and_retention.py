"""privacy rights and retention: consent records, erasure requests, settings

``consent_records`` (purpose, privacy notice version, given, withdrawn),
``erasure_requests``, ``users.surveys_declined_at`` and ``users.erased_at``
(an erased person's row is kept, anonymised), and ``tenants.retention``
(``[retention]`` of tenant.toml).

Revision ID: a4c7e9d2f610
Revises: e3f1c8a7b290
Create Date: 2026-12-03 18:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "a4c7e9d2f610"
down_revision = "e3f1c8a7b290"
branch_labels = None
depends_on = None

TABLES = ("consent_records", "erasure_requests")
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


def _common(table):
    """id, timestamps, tenant: the columns and keys every tenant-owned table has."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f(f"fk_{table}_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("tenant_id", "id", name=op.f(f"uq_{table}_tenant_id_id")),
    ]


def _same_tenant(table, column, target, ondelete="CASCADE"):
    return sa.ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target}.tenant_id", f"{target}.id"],
        name=op.f(f"fk_{table}_tenant_id_{column}_{target}"),
        ondelete=ondelete,
    )


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("surveys_declined_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True)
        )
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("retention", sa.JSON(), server_default="{}", nullable=False)
        )
    t = "consent_records"
    op.create_table(
        t,
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("application_id", sa.Uuid(), nullable=True),
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("text_version", sa.String(length=20), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        *_common(t),
        _same_tenant(t, "user_id", "users"),
        _same_tenant(t, "application_id", "applications"),
    )
    for column in ("tenant_id", "user_id", "application_id"):
        op.create_index(op.f(f"ix_{t}_{column}"), t, [column], unique=False)
    t = "erasure_requests"
    op.create_table(
        t,
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        *_common(t),
        _same_tenant(t, "user_id", "users"),
    )
    for column in ("tenant_id", "user_id"):
        op.create_index(op.f(f"ix_{t}_{column}"), t, [column], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            enable_row_level_security(table)


def downgrade():
    for table in reversed(TABLES):
        op.drop_table(table)
    with op.batch_alter_table("tenants", schema=None) as batch_op:
        batch_op.drop_column("retention")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("erased_at")
        batch_op.drop_column("surveys_declined_at")
