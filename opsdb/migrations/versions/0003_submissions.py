"""submission history: every import, from the command line or the upload page

Revision ID: 0003_kiriman
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_kiriman"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("diterima", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(64), nullable=True),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("check_only", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=True),
        sa.Column("rows_imported", sa.Integer(), nullable=True),
        sa.Column("rows_rejected", sa.Integer(), nullable=True),
        sa.Column("rows_outside", sa.Integer(), nullable=True),
        sa.Column("snapshot_before", sa.String(64), nullable=True),
        sa.Column("snapshot_after", sa.String(64), nullable=True),
        sa.Column("wilayah", sa.String(64), nullable=True),
        sa.Column("periods", sa.JSON(), nullable=True),
        sa.Column("units", sa.JSON(), nullable=True),
        sa.Column("message", sa.String(1000), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
    )
    op.create_index("ix_submissions_at", "submissions", ["at"])
    op.create_index("ix_submissions_wilayah_at", "submissions", ["wilayah", "at"])


def downgrade() -> None:
    op.drop_index("ix_submissions_wilayah_at", "submissions")
    op.drop_index("ix_submissions_at", "submissions")
    op.drop_table("submissions")
