"""a vial's label (gross powder) mass and how its peptide content was found

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("vials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label_mcg", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("content_basis", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("vials", schema=None) as batch_op:
        batch_op.drop_column("content_basis")
        batch_op.drop_column("label_mcg")
