"""surveys (issue 5)

Revision ID: c5a10001
Revises: c4a10001
Create Date: 2026-11-27

"""

import sqlalchemy as sa
from alembic import op

revision = "c5a10001"
down_revision = "c4a10001"
branch_labels = None
depends_on = None

TABLES = (
    "survey_definitions",
    "survey_questions",
    "survey_invitations",
    "survey_answers",
)
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


def _same_tenant(table, column, target):
    return sa.ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{target}.tenant_id", f"{target}.id"],
        name=op.f(f"fk_{table}_tenant_id_{column}_{target}"),
        ondelete="CASCADE",
    )


def _indexes(table, *columns):
    for column in ("tenant_id", *columns):
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def _when(name):
    return sa.Column(name, sa.DateTime(timezone=True), nullable=True)


def upgrade():
    t = "survey_definitions"
    op.create_table(
        t,
        sa.Column("key", sa.String(length=30), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title_da", sa.String(length=200), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        *_common(t),
        sa.UniqueConstraint(
            "tenant_id", "key", "version", name=op.f(f"uq_{t}_tenant_id_key_version")
        ),
    )
    _indexes(t)
    t = "survey_questions"
    op.create_table(
        t,
        sa.Column("definition_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("standard", sa.Boolean(), nullable=False),
        sa.Column("text_da", sa.String(length=500), nullable=False),
        sa.Column("text_en", sa.String(length=500), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        *_common(t),
        _same_tenant(t, "definition_id", "survey_definitions"),
        sa.UniqueConstraint(
            "tenant_id",
            "definition_id",
            "key",
            name=op.f(f"uq_{t}_tenant_id_definition_id_key"),
        ),
    )
    _indexes(t, "definition_id")
    t = "survey_invitations"
    op.create_table(
        t,
        sa.Column("definition_id", sa.Uuid(), nullable=False),
        sa.Column("survey_key", sa.String(length=30), nullable=False),
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        _when("sent_at"),
        _when("reminded_7_at"),
        _when("reminded_14_at"),
        _when("completed_at"),
        *_common(t),
        _same_tenant(t, "cohort_id", "cohorts"),
        _same_tenant(t, "definition_id", "survey_definitions"),
        _same_tenant(t, "participant_id", "participants"),
        sa.UniqueConstraint(
            "tenant_id",
            "participant_id",
            "survey_key",
            name=op.f(f"uq_{t}_tenant_id_participant_id_survey_key"),
        ),
    )
    _indexes(t, "cohort_id", "definition_id", "participant_id")
    t = "survey_answers"
    op.create_table(
        t,
        sa.Column("invitation_id", sa.Uuid(), nullable=False),
        sa.Column("question_id", sa.Uuid(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        *_common(t),
        _same_tenant(t, "invitation_id", "survey_invitations"),
        _same_tenant(t, "question_id", "survey_questions"),
        sa.UniqueConstraint(
            "tenant_id",
            "invitation_id",
            "question_id",
            name=op.f(f"uq_{t}_tenant_id_invitation_id_question_id"),
        ),
    )
    _indexes(t, "invitation_id", "question_id")
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            enable_row_level_security(table)


def downgrade():
    for table in reversed(TABLES):
        op.drop_table(table)
