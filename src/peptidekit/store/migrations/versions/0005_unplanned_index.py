"""an index that answers the adherence report's count of unplanned doses by itself

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 03:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_dose_events_unplanned",
        "dose_events",
        ["profile_id", "planned_dose_id", "status", "draw_group", "at"],
    )


def downgrade() -> None:
    op.drop_index("ix_dose_events_unplanned", "dose_events")
