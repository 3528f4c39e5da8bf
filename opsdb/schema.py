"""The one schema of the operational database (accounts, login sessions, audit, imports, alert response).

Changes go through a new Alembic revision in ``opsdb/migrations/versions``;
``tests/test_opsdb.py`` checks that the migrations build exactly this metadata.
"""

from __future__ import annotations

from sqlalchemy import (JSON, Boolean, Column, DateTime, ForeignKey, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

users = Table(
    "users",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("wilayah", String(64)),  # provinsi/kabupaten code (dinas) or kode_puskesmas (puskesmas)
    Column("email", String(254)),
    Column("password_hash", String(255), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created", DateTime(timezone=True), nullable=False),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("username", String(64)),  # as typed for a failed login; None for an anonymous CLI run
    Column("address", String(64)),
    Column("kind", String(32), nullable=False),
    Column("detail", JSON),
    Index(None, "at"),
    # the login slow-down counts recent failures per account and per address
    Index(None, "kind", "username", "at"),
    Index(None, "kind", "address", "at"),
)

login_sessions = Table(
    "login_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the cookie's token: a copy of the table opens no session
    Column("username", String(64), ForeignKey("users.username", ondelete="CASCADE"), nullable=False),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("address", String(64)),
    Index(None, "username"),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),  # when it was recorded (UTC)
    Column("diterima", DateTime(timezone=True), nullable=False),  # when the report arrived: ``at``, or --diterima
    Column("username", String(64)),  # the web account, or ``cli:<os user>`` / --user
    Column("channel", String(8), nullable=False),  # "cli" or "web"
    Column("kind", String(32), nullable=False),  # indicators, cases, boundaries, posyandu, puskesmas, targets, rollback
    Column("check_only", Boolean, nullable=False, default=False),
    Column("status", String(16), nullable=False),  # "ok", "gagal" (refused or failed; nothing written)
    Column("file_name", String(255)),
    Column("size", Integer),
    Column("sha256", String(64)),
    Column("rows_read", Integer),
    Column("rows_imported", Integer),
    Column("rows_rejected", Integer),
    Column("rows_outside", Integer),  # rows for desa outside the sender's wilayah (listed, never imported)
    Column("snapshot_before", String(64)),
    Column("snapshot_after", String(64)),
    Column("wilayah", String(64)),  # the sender's wilayah (kode_puskesmas / area code); None for admin and CLI
    Column("periods", JSON),  # the periods (YYYY-MM, YYYY-Www) the file brought
    Column("units", JSON),  # the reporting units (kode_puskesmas or kecamatan) the file's rows belong to
    Column("pasangan", JSON),  # [unit, periode] pairs the saved rows hold; None before 0005 (see arrivals())
    Column("message", String(1000)),  # the refusal's reason
    Index(None, "at"),
    Index(None, "wilayah", "at"),
)

app_secrets = Table(
    "app_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(255), nullable=False),
)

raised_alerts = Table(
    "raised_alerts",
    metadata,
    Column("id", String(160), primary_key=True),  # surveillance.response ids: desa:<minggu>:<penyakit>:<kode_desa>, klaster:...
    Column("jenis", String(8), nullable=False),  # "desa" or "klaster"
    Column("penyakit", String(64), nullable=False),
    Column("minggu", String(8), nullable=False),  # the alert's week (a cluster's end week)
    Column("kode_desa", String(64), nullable=False),  # the desa, or the cluster's centre
    Column("desa", JSON, nullable=False),  # every desa code: who may act (access.respond) and who is told
    Column("severity", String(8), nullable=False),
    Column("raised_at", DateTime(timezone=True), nullable=False),  # arrival of the import that first produced it
    Column("submission_id", Integer),  # that import (None: the demo build)
    Index(None, "minggu"),
)

alert_steps = Table(
    "alert_steps",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", String(160), ForeignKey("raised_alerts.id"), nullable=False),
    Column("urutan", Integer, nullable=False),  # 1, 2, ... per alert: two people acting at once cannot both be step n
    Column("status", String(16), nullable=False),  # diverifikasi, respon, selesai
    Column("verdict", String(8)),  # benar / salah (diverifikasi)
    Column("hasil", String(16)),  # klb / bukan_klb (selesai)
    Column("catatan", String(1000)),
    Column("username", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("alert_id", "urutan"),
    Index(None, "at"),
)
"""Insert-only: a step is never changed or deleted (the migration adds triggers refusing it)."""

mail_outbox = Table(
    "mail_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created", DateTime(timezone=True), nullable=False),
    Column("username", String(64), nullable=False),
    Column("recipient", String(254), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("body", Text, nullable=False),
    Column("alerts", JSON),  # the alert ids the message lists
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_try", DateTime(timezone=True)),
    Column("last_error", String(1000)),
    Column("sent", DateTime(timezone=True)),  # None: not sent yet
    Index(None, "sent"),
)
