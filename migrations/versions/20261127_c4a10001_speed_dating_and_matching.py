"""Kickoff speed-dating plans, ratings and the matching board (issue 4)

Revision ID: c4a10001
Revises: 8684bd90a398
Create Date: 2026-11-27

"""

import sqlalchemy as sa
from alembic import op

revision = "c4a10001"
down_revision = "8684bd90a398"
branch_labels = None
depends_on = None

# Row-level security for the new tenant-owned tables (as in 8684bd90a398).
TENANT_TABLES = (
    "matching_settings",
    "speed_dating_plans",
    "speed_dates",
    "matching_ratings",
    "matching_constraints",
    "matching_rating_reminders",
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


def upgrade():
    op.create_table(
        "matching_settings",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("rating_deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("proposal", sa.JSON(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "cohort_id"],
            ["cohorts.tenant_id", "cohorts.id"],
            name=op.f("fk_matching_settings_tenant_id_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_matching_settings_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_settings")),
        sa.UniqueConstraint(
            "tenant_id",
            "cohort_id",
            name=op.f("uq_matching_settings_tenant_id_cohort_id"),
        ),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_matching_settings_tenant_id_id")
        ),
    )
    with op.batch_alter_table("matching_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_settings_cohort_id"), ["cohort_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_settings_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "speed_dating_plans",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("k", sa.Integer(), nullable=False),
        sa.Column("tables", sa.Integer(), nullable=False),
        sa.Column("rounds", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "cohort_id"],
            ["cohorts.tenant_id", "cohorts.id"],
            name=op.f("fk_speed_dating_plans_tenant_id_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_speed_dating_plans_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speed_dating_plans")),
        sa.UniqueConstraint(
            "tenant_id",
            "cohort_id",
            name=op.f("uq_speed_dating_plans_tenant_id_cohort_id"),
        ),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_speed_dating_plans_tenant_id_id")
        ),
    )
    with op.batch_alter_table("speed_dating_plans", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_speed_dating_plans_cohort_id"), ["cohort_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_speed_dating_plans_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "matching_constraints",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("mentee_id", sa.Uuid(), nullable=True),
        sa.Column("mentor_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "cohort_id"],
            ["cohorts.tenant_id", "cohorts.id"],
            name=op.f("fk_matching_constraints_tenant_id_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "mentee_id"],
            ["participants.tenant_id", "participants.id"],
            name=op.f("fk_matching_constraints_tenant_id_mentee_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "mentor_id"],
            ["participants.tenant_id", "participants.id"],
            name=op.f("fk_matching_constraints_tenant_id_mentor_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_matching_constraints_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_constraints")),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_matching_constraints_tenant_id_id")
        ),
    )
    with op.batch_alter_table("matching_constraints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_constraints_cohort_id"), ["cohort_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_constraints_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "matching_rating_reminders",
        sa.Column("participant_id", sa.Uuid(), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "participant_id"],
            ["participants.tenant_id", "participants.id"],
            name=op.f(
                "fk_matching_rating_reminders_tenant_id_participant_id_participants"
            ),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_matching_rating_reminders_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_rating_reminders")),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_matching_rating_reminders_tenant_id_id")
        ),
        sa.UniqueConstraint(
            "tenant_id",
            "participant_id",
            "deadline_at",
            name=op.f(
                "uq_matching_rating_reminders_tenant_id_participant_id_deadline_at"
            ),
        ),
    )
    with op.batch_alter_table("matching_rating_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_rating_reminders_participant_id"),
            ["participant_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_matching_rating_reminders_tenant_id"),
            ["tenant_id"],
            unique=False,
        )

    op.create_table(
        "matching_ratings",
        sa.Column("cohort_id", sa.Uuid(), nullable=False),
        sa.Column("rater_id", sa.Uuid(), nullable=False),
        sa.Column("rated_id", sa.Uuid(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.CheckConstraint(
            "value BETWEEN 1 AND 5", name=op.f("ck_matching_ratings_value_range")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "cohort_id"],
            ["cohorts.tenant_id", "cohorts.id"],
            name=op.f("fk_matching_ratings_tenant_id_cohort_id_cohorts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "rated_id"],
            ["participants.tenant_id", "participants.id"],
            name=op.f("fk_matching_ratings_tenant_id_rated_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "rater_id"],
            ["participants.tenant_id", "participants.id"],
            name=op.f("fk_matching_ratings_tenant_id_rater_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_matching_ratings_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_ratings")),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_matching_ratings_tenant_id_id")
        ),
        sa.UniqueConstraint(
            "tenant_id",
            "rater_id",
            "rated_id",
            name=op.f("uq_matching_ratings_tenant_id_rater_id_rated_id"),
        ),
    )
    with op.batch_alter_table("matching_ratings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_matching_ratings_cohort_id"), ["cohort_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_ratings_rater_id"), ["rater_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_matching_ratings_tenant_id"), ["tenant_id"], unique=False
        )

    op.create_table(
        "speed_dates",
        sa.Column("plan_id", sa.Uuid(), nullable=False),
        sa.Column("round_no", sa.Integer(), nullable=False),
        sa.Column("table_no", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Uuid(), nullable=False),
        sa.Column("mentor_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id", "mentee_id"],
            ["participants.tenant_id", "participants.id"],
            name=op.f("fk_speed_dates_tenant_id_mentee_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "mentor_id"],
            ["participants.tenant_id", "participants.id"],
            name=op.f("fk_speed_dates_tenant_id_mentor_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id", "plan_id"],
            ["speed_dating_plans.tenant_id", "speed_dating_plans.id"],
            name=op.f("fk_speed_dates_tenant_id_plan_id_speed_dating_plans"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_speed_dates_tenant_id_tenants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speed_dates")),
        sa.UniqueConstraint(
            "tenant_id", "id", name=op.f("uq_speed_dates_tenant_id_id")
        ),
        sa.UniqueConstraint(
            "tenant_id",
            "plan_id",
            "mentee_id",
            "mentor_id",
            name=op.f("uq_speed_dates_tenant_id_plan_id_mentee_id_mentor_id"),
        ),
        sa.UniqueConstraint(
            "tenant_id",
            "plan_id",
            "round_no",
            "table_no",
            name=op.f("uq_speed_dates_tenant_id_plan_id_round_no_table_no"),
        ),
    )
    with op.batch_alter_table("speed_dates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_speed_dates_mentee_id"), ["mentee_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_speed_dates_mentor_id"), ["mentor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_speed_dates_plan_id"), ["plan_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_speed_dates_tenant_id"), ["tenant_id"], unique=False
        )

    if op.get_bind().dialect.name == "postgresql":
        for table in TENANT_TABLES:
            enable_row_level_security(table)


def downgrade():
    with op.batch_alter_table("speed_dates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speed_dates_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_speed_dates_plan_id"))
        batch_op.drop_index(batch_op.f("ix_speed_dates_mentor_id"))
        batch_op.drop_index(batch_op.f("ix_speed_dates_mentee_id"))

    op.drop_table("speed_dates")
    with op.batch_alter_table("matching_ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_ratings_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_matching_ratings_rater_id"))
        batch_op.drop_index(batch_op.f("ix_matching_ratings_cohort_id"))

    op.drop_table("matching_ratings")
    with op.batch_alter_table("matching_rating_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_rating_reminders_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_matching_rating_reminders_participant_id"))

    op.drop_table("matching_rating_reminders")
    with op.batch_alter_table("matching_constraints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_constraints_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_matching_constraints_cohort_id"))

    op.drop_table("matching_constraints")
    with op.batch_alter_table("speed_dating_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speed_dating_plans_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_speed_dating_plans_cohort_id"))

    op.drop_table("speed_dating_plans")
    with op.batch_alter_table("matching_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matching_settings_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_matching_settings_cohort_id"))

    op.drop_table("matching_settings")
