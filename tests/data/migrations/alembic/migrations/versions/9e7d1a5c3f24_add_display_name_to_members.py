"""add display name to members

Revision ID: 9e7d1a5c3f24
Revises: 5c2f9e4d7b18
Create Date: 2024-03-18 17:45:02.806342

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "9e7d1a5c3f24"
down_revision: Union[str, None] = "5c2f9e4d7b18"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade():
    with op.batch_alter_table("member") as batch:
        batch.alter_column("name", new_column_name="display_name")


def downgrade():
    with op.batch_alter_table("member") as batch:
        batch.alter_column("display_name", new_column_name="name")
