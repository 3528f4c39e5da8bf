"""submissions: the [unit, periode] pairs a saved import holds (arrivals per pair, not units × periods)

Revision ID: 0005_pasangan
Revises: 0004_respon

Rows recorded before keep ``pasangan`` empty (NULL): :func:`opsdb.submissions.arrivals`
reads them as before, every unit for every period.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_pasangan"
down_revision = "0004_respon"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("pasangan", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("pasangan")
