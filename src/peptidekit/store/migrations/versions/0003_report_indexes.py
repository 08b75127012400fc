"""indexes for the reports: planned doses by profile and time, events by planned dose

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 02:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_planned_doses_profile_due", "planned_doses", ["profile_id", "due_at"])
    op.create_index(
        "ix_dose_events_profile_planned", "dose_events", ["profile_id", "planned_dose_id"]
    )
    op.create_index("ix_dose_events_profile_at", "dose_events", ["profile_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_dose_events_profile_at", "dose_events")
    op.drop_index("ix_dose_events_profile_planned", "dose_events")
    op.drop_index("ix_planned_doses_profile_due", "planned_doses")
