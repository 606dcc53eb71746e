"""create members

Revision ID: 3f1c2b9d8e01
Revises: 
Create Date: 2024-01-08 09:12:44.120934

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '3f1c2b9d8e01'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "member",
        sa.Column("member_id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
    )


def downgrade():
    op.drop_table("member")
