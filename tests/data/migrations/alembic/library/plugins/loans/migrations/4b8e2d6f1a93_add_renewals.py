"""add renewals

A plugin's own revision chain (its own version table): not part of the application's
migrations/versions folder, so a scan of the project's Alembic folder must not list it.

Revision ID: 4b8e2d6f1a93
Revises:
Create Date: 2024-02-20 12:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = "4b8e2d6f1a93"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("loan", sa.Column("renewals", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    op.drop_column("loan", "renewals")
