"""cohort messages and cancelled events (issue 10, point 3)

A coordinator's message to a cohort, one recipient row per person (claimed once
by the sending job), and ``events.cancelled_at``.

Revision ID: d7e2a4c9b815
Revises: c4a1e7d93b20
Create Date: 2026-12-03 14:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "d7e2a4c9b815"
down_revision = "c4a1e7d93b20"
branch_labels = None
depends_on = None

TABLES = ("cohort_messages", "cohort_message_recipients")
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


def _indexes(table, *columns):
    for column in ("tenant_id", *columns):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade():
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True)
        )
    t = "cohort_messages"
    op.create_table(
        t,
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=True),
        sa.Column("audience", sa.String(length=60), nullable=False),
        sa.Column("audience_label", sa.String(length=300), nullable=False),
        sa.Column("subject_da", sa.String(length=200), nullable=False),
        sa.Column("subject_en", sa.String(length=200), nullable=False),
        sa.Column("body_da", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        *_common(t),
        _same_tenant(t, "cohort_id", "cohorts"),
        _same_tenant(t, "author_id", "users", ondelete="SET NULL"),
    )
    _indexes(t, "cohort_id")
    t = "cohort_message_recipients"
    op.create_table(
        t,
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("locale", sa.String(length=5), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        *_common(t),
        _same_tenant(t, "message_id", "cohort_messages"),
        _same_tenant(t, "participant_id", "participants"),
        sa.UniqueConstraint(
            "tenant_id",
            "message_id",
            "participant_id",
            name=op.f(f"uq_{t}_tenant_id_message_id_participant_id"),
        ),
    )
    _indexes(t, "message_id", "participant_id")
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            enable_row_level_security(table)


def downgrade():
    for table in reversed(TABLES):
        op.drop_table(table)
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("cancelled_at")
