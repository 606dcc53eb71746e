"""add email to members

Revision ID: 7a4e5d0c9b12
Revises: 3f1c2b9d8e01
Create Date: 2024-01-15 14:03:10.551203

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7a4e5d0c9b12'
down_revision = '3f1c2b9d8e01'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("member", sa.Column("email", sa.String(120), nullable=True))
    op.create_index("member_email", "member", ["email"], unique=True)


def downgrade():
    op.drop_index("member_email", table_name="member")
    op.drop_column("member", "email")
