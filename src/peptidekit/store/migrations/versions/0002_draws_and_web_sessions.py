"""dose draws at the syringe's marks; web login sessions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 01:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import peptidekit.store.models

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dose_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("asked_mcg", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("draw_units", sa.Float(), nullable=True))
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("created_at", peptidekit.store.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("web_sessions")
    with op.batch_alter_table("dose_events", schema=None) as batch_op:
        batch_op.drop_column("draw_units")
        batch_op.drop_column("asked_mcg")
