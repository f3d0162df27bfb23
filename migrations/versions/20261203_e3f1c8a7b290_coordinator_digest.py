"""coordinator digest: what each day's digest covered, booking changes, opt-out

``coordinator_digests`` (one row per city and local day: the claim and the
watermark), ``interview_booking_changes`` (a booking or cancellation, kept
because a cancellation clears the slot) and ``users.gets_digest``.

Revision ID: e3f1c8a7b290
Revises: d7e2a4c9b615
Create Date: 2026-12-03 15:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "e3f1c8a7b290"
down_revision = "d7e2a4c9b615"
branch_labels = None
depends_on = None

TABLES = ("coordinator_digests", "interview_booking_changes")
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
            sa.Column(
                "gets_digest", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )
    t = "coordinator_digests"
    op.create_table(
        t,
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applications", sa.Integer(), nullable=False),
        sa.Column("bookings", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        *_common(t),
        sa.UniqueConstraint("tenant_id", "day", name=op.f(f"uq_{t}_tenant_id_day")),
    )
    op.create_index(op.f(f"ix_{t}_tenant_id"), t, ["tenant_id"], unique=False)
    t = "interview_booking_changes"
    op.create_table(
        t,
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("mentee_id", sa.Uuid(), nullable=False),
        sa.Column("interviewer_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        *_common(t),
        _same_tenant(t, "event_id", "events"),
        _same_tenant(t, "mentee_id", "participants"),
        _same_tenant(t, "interviewer_id", "participants"),
    )
    for column in ("tenant_id", "event_id"):
        op.create_index(op.f(f"ix_{t}_{column}"), t, [column], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            enable_row_level_security(table)


def downgrade():
    for table in reversed(TABLES):
        op.drop_table(table)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("gets_digest")
