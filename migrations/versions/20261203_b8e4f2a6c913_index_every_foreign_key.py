"""Every tenant-owned foreign key has an index leading with its column (issue 3)

Revision ID: b8e4f2a6c913
Revises: b7d3e1f9a2c4
Create Date: 2026-12-03
"""

from alembic import op

revision = "b8e4f2a6c913"
down_revision = "b7d3e1f9a2c4"
branch_labels = None
depends_on = None

INDEXES = [
    ("cohort_messages", "author_id"),
    ("interview_booking_changes", "interviewer_id"),
    ("interview_booking_changes", "mentee_id"),
    ("interview_slots", "interviewer_id"),
    ("interview_slots", "mentee_id"),
    ("matching_constraints", "mentee_id"),
    ("matching_constraints", "mentor_id"),
    ("matching_ratings", "rated_id"),
    ("meetings", "logged_by_id"),
]


def upgrade():
    for table, column in INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade():
    for table, column in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
