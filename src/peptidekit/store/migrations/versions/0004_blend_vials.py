"""blend vials (components) and the events of one blend draw (draw_group)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 03:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("vials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("components", sa.Text(), nullable=True))
    with op.batch_alter_table("dose_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draw_group", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dose_events", schema=None) as batch_op:
        batch_op.drop_column("draw_group")
    with op.batch_alter_table("vials", schema=None) as batch_op:
        batch_op.drop_column("components")
