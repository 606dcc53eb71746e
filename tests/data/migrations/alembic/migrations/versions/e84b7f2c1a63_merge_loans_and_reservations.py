"""merge loans and reservations

Revision ID: e84b7f2c1a63
Revises: 1d6a3c8b4f90, c0e9f7a26d58
Create Date: 2024-02-12 11:11:11.111111

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e84b7f2c1a63'
down_revision = ('1d6a3c8b4f90', 'c0e9f7a26d58')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
