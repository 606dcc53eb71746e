"""create fines

Revision ID: 5c2f9e4d7b18
Revises: e84b7f2c1a63
Create Date: 2024-03-01 09:30:45.250000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "5c2f9e4d7b18"
down_revision: Union[str, None] = "e84b7f2c1a63"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade():
    op.create_table(
        "fine",
        sa.Column("fine_id", sa.Integer(), primary_key=True),
        sa.Column("loan_id", sa.Integer(), sa.ForeignKey("loan.loan_id", ondelete="CASCADE"), nullable=False, unique=True),
        sa.Column("amount", sa.Numeric(6, 2), nullable=False),
        sa.CheckConstraint("amount > 0", name="fine_amount_positive"),
    )


def downgrade():
    op.drop_table("fine")
