"""job runs: the jobs' ledger, one row per idempotency key

``job_runs`` (key, job, arguments, queue, status enqueued/running/done/failed,
attempts, times, last error). Infrastructure: ids only, no tenant, no
row-level security.

Revision ID: a4d6e8f0b1c3
Revises: a4c7e19d2f60
Create Date: 2026-12-03 18:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

revision = "a4d6e8f0b1c3"
down_revision = "a4c7e19d2f60"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "job_runs",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("func", sa.String(length=200), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("queue", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_job_runs")),
    )
    op.create_index(op.f("ix_job_runs_status"), "job_runs", ["status"])


def downgrade():
    op.drop_index(op.f("ix_job_runs_status"), table_name="job_runs")
    op.drop_table("job_runs")
