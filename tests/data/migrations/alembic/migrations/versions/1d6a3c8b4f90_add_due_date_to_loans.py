"""add due date to loans

Revision ID: 1d6a3c8b4f90
Revises: b52d8e1f3a47
Create Date: 2024-02-10 08:00:12.734001

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '1d6a3c8b4f90'
down_revision = 'b52d8e1f3a47'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("loan") as batch:
        batch.add_column(sa.Column("due_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("loan") as batch:
        batch.drop_column("due_on")
