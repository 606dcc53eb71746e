"""create reservations

Revision ID: c0e9f7a26d58
Revises: 7a4e5d0c9b12
Create Date: 2024-02-03 16:25:31.009117

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c0e9f7a26d58'
down_revision = '7a4e5d0c9b12'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reservation",
        sa.Column("member_id", sa.Integer(), sa.ForeignKey("member.member_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("isbn", sa.String(13), primary_key=True),
    )


def downgrade():
    op.drop_table("reservation")
