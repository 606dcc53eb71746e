"""create loans

Revision ID: b52d8e1f3a47
Revises: 7a4e5d0c9b12
Create Date: 2024-02-02 10:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b52d8e1f3a47'
down_revision = '7a4e5d0c9b12'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "loan",
        sa.Column("loan_id", sa.Integer(), primary_key=True),
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("member.member_id", ondelete="CASCADE"), nullable=False),
        sa.Column("isbn", sa.String(13), nullable=False),
        sa.Column("borrowed_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
    )


def downgrade():
    op.drop_table("loan")
