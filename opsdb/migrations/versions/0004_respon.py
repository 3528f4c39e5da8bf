"""alert response: raised alerts, their insert-only steps, the e-mail outbox

Revision ID: 0004_respon
Revises: 0003_kiriman
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_respon"
down_revision = "0003_kiriman"
branch_labels = None
depends_on = None

_REFUSE = "alert_steps is insert-only: a step is never changed or deleted"


def upgrade() -> None:
    op.create_table(
        "raised_alerts",
        sa.Column("id", sa.String(160), nullable=False),
        sa.Column("jenis", sa.String(8), nullable=False),
        sa.Column("penyakit", sa.String(64), nullable=False),
        sa.Column("minggu", sa.String(8), nullable=False),
        sa.Column("kode_desa", sa.String(64), nullable=False),
        sa.Column("desa", sa.JSON(), nullable=False),
        sa.Column("severity", sa.String(8), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_raised_alerts"),
    )
    op.create_index("ix_raised_alerts_minggu", "raised_alerts", ["minggu"])
    op.create_table(
        "alert_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("alert_id", sa.String(160), nullable=False),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("verdict", sa.String(8), nullable=True),
        sa.Column("hasil", sa.String(16), nullable=True),
        sa.Column("catatan", sa.String(1000), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["raised_alerts.id"], name="fk_alert_steps_alert_id_raised_alerts"),
        sa.PrimaryKeyConstraint("id", name="pk_alert_steps"),
        sa.UniqueConstraint("alert_id", "urutan", name="uq_alert_steps_alert_id"),
    )
    op.create_index("ix_alert_steps_at", "alert_steps", ["at"])
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("alerts", sa.JSON(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_try", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(1000), nullable=True),
        sa.Column("sent", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_mail_outbox"),
    )
    op.create_index("ix_mail_outbox_sent", "mail_outbox", ["sent"])
    # the history of an alert is never rewritten: the database itself refuses to change a step
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""CREATE FUNCTION alert_steps_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
                       BEGIN RAISE EXCEPTION '{_REFUSE}'; END $$""")
        op.execute("""CREATE TRIGGER alert_steps_insert_only BEFORE UPDATE OR DELETE ON alert_steps
                      FOR EACH ROW EXECUTE FUNCTION alert_steps_insert_only()""")
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(f"""CREATE TRIGGER alert_steps_no_{action.lower()} BEFORE {action} ON alert_steps
                           BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS alert_steps_insert_only ON alert_steps")
        op.execute("DROP FUNCTION IF EXISTS alert_steps_insert_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS alert_steps_no_update")
        op.execute("DROP TRIGGER IF EXISTS alert_steps_no_delete")
    op.drop_index("ix_mail_outbox_sent", "mail_outbox")
    op.drop_table("mail_outbox")
    op.drop_index("ix_alert_steps_at", "alert_steps")
    op.drop_table("alert_steps")
    op.drop_index("ix_raised_alerts_minggu", "raised_alerts")
    op.drop_table("raised_alerts")
