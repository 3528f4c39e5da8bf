"""Compose, queue and send the alert e-mails (stdlib ``smtplib`` and ``email``; the outbox in :mod:`opsdb`).

Settings (read when sending, from :mod:`settings`): ``PWS_SMTP_HOST``,
``PWS_SMTP_PORT`` (25), ``PWS_SMTP_FROM``, ``PWS_SMTP_USER`` and
``PWS_SMTP_PASSWORD`` (log in when both are set), ``PWS_SMTP_TLS`` (``auto``,
``starttls``, ``none``), ``PWS_BASE_URL`` (the app's address, for the links).
Without a host and a sender nothing is queued: e-mail is off.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import urlencode

import pandas as pd
from sqlalchemy import insert, select, update

from access.respond import cut_response_alerts
from access.scope import scope_for
from opsdb.schema import mail_outbox
from opsdb.store import OpsDb, utc_now
from surveillance import response
from texts import t

log = logging.getLogger("pws.notify")

MAX_ATTEMPTS = 20
"""A message is tried this often (once per import or ``notify --retry``), then left in the outbox for a person."""

RECENT_WEEKS = response.RECENT_WEEKS
"""Only alerts of the import's own weeks and at most this many weeks before the data's latest week are
mailed: a back-filled history raises old alerts that nobody needs to be woken for (the same weeks the
dashboard's "belum diverifikasi" filter lists, so an alert mailed is one the page lists while unverified)."""

TIMEOUT = 15.0


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send; :meth:`from_settings` reads them from :mod:`settings`."""

    host: str | None
    port: int = 25
    sender: str | None = None
    user: str | None = None
    password: str | None = None
    tls: str = "auto"
    base_url: str = "http://127.0.0.1:8050"

    @classmethod
    def from_settings(cls) -> "SmtpSettings":
        import settings

        return cls(settings.SMTP_HOST, settings.SMTP_PORT, settings.SMTP_FROM, settings.SMTP_USER,
                   settings.SMTP_PASSWORD, settings.SMTP_TLS, settings.BASE_URL)

    @property
    def enabled(self) -> bool:
        return bool(self.host and self.sender)


def notable(alerts: pd.DataFrame, weeks: list[str] | None = None, latest: str | None = None) -> pd.DataFrame:
    """The alerts worth an e-mail: ``tinggi`` desa alerts and every signalling cluster, of recent weeks.

    ``weeks``: the import's weeks (``None``: any); ``latest``: the data's latest
    week (alerts more than :data:`RECENT_WEEKS` before it are left out).
    """
    from surveillance.weeks import week_index

    keep = (alerts["severity"] == "tinggi") | (alerts["jenis"] == "klaster")
    if weeks is not None:
        keep &= alerts["minggu"].isin(set(weeks))
    if latest is not None and len(alerts):
        last = week_index(latest)
        keep &= alerts["minggu"].map(lambda w: last - week_index(w) <= RECENT_WEEKS).astype(bool)
    return alerts.loc[keep]


def alert_link(base_url: str, alert: dict, scope=None) -> str:
    """The alert's view for a reader of ``scope``: the kecamatan of its desa with that desa picked, and the alert
    named (``peringatan``: :func:`surveillance.response.alert_ref`), which the page lists first.

    A cluster opens on its centre when ``scope`` holds it (or without a
    scope), else on its first desa the reader may see: the centre's
    kecamatan may be outside the reader's map, and the link names the alert
    by its digest, not by its id, which holds the centre's code.

    >>> alert_link("https://pws.example", {"id": "desa:2026-W47:diare_akut:29.01.06.2004", "kode_desa": "29.01.06.2004"})
    'https://pws.example/?wilayah=29.01.06&pilih=29.01.06.2004&peringatan=ac0952ad1d57c8569b9'
    """
    desa = _desa_seen(alert, scope)
    query = urlencode([("wilayah", desa.rsplit(".", 1)[0]), ("pilih", desa), ("peringatan", response.alert_ref(alert["id"]))],
                      safe=".")
    return f"{base_url.rstrip('/')}/?{query}"


def _desa_seen(alert: dict, scope) -> str:
    """The desa a link opens on: the alert's own (a cluster's centre) when ``scope`` holds it, else its first desa
    in ``scope``."""
    centre = str(alert["kode_desa"])
    if scope is None or scope.everything or centre in scope.desa:
        return centre
    return next((str(d) for d in alert.get("desa") or [] if str(d) in scope.desa), centre)


def messages(alerts: pd.DataFrame, people: list, areas: pd.DataFrame, wilayah_kerja: pd.DataFrame | None,
             base_url: str, names: dict | None = None, diseases: dict | None = None, lang: str = "id") -> list[dict]:
    """One message per person whose scope holds one of ``alerts``' desa (and who has an address).

    Each person reads their alerts as the page shows them
    (:func:`access.respond.cut_response_alerts`): a cluster partly outside
    the scope is named after a desa in it, without the whole cluster's
    counts, and by its digest (:func:`surveillance.response.alert_ref`), not
    by its id, which holds the centre's code.

    Parameters
    ----------
    alerts : the new notable alerts (:func:`surveillance.response.alert_table` rows).
    people : :class:`opsdb.users.User` accounts; disabled ones and those without an e-mail get nothing.
    areas, wilayah_kerja : the workspace's ``kode, level`` and ``kode_puskesmas, kode_desa``, for the scopes.
    names : desa code → name; ``diseases``: disease id → name.

    Returns
    -------
    ``[{username, recipient, subject, body, alerts}]``.
    """
    out = []
    for person in people:
        if person.disabled or not person.email:
            continue
        scope = scope_for(person.actor(), areas, wilayah_kerja)
        # cut as the page cuts them: a cluster's desa in scope only, its counts only when whole
        mine = (alerts if scope.everything else cut_response_alerts(alerts, scope)).to_dict("records")
        if mine:
            out.append(_message(person, mine, base_url, names or {}, diseases or {}, lang, scope))
    return out


def _message(person, alerts: list[dict], base_url: str, names: dict, diseases: dict, lang: str, scope=None) -> dict:
    clusters = sum(a["jenis"] == "klaster" for a in alerts)
    subject = t("surel_judul", lang, n=len(alerts) - clusters, klaster=clusters)
    lines = [t("surel_pembuka", lang, username=person.username), ""]
    for a in alerts:
        penyakit = diseases.get(a["penyakit"], a["penyakit"])
        if a["jenis"] == "klaster":
            pusat = _desa_seen(a, scope)
            line = t("surel_klaster", lang, penyakit=penyakit, minggu=a["minggu"], n=len(a["desa"]),
                     pusat=names.get(pusat, pusat), kasus=_count(a.get("observed")),
                     harapan=_count(a.get("expected")))
        else:
            line = t("surel_desa", lang, penyakit=penyakit, minggu=a["minggu"],
                     desa=names.get(a["kode_desa"], a["kode_desa"]), kode=a["kode_desa"],
                     kasus=_count(a.get("observed")), harapan=_count(a.get("expected")),
                     metode=", ".join(a.get("methods") or []))
        seen = scope is None or scope.everything or str(a["kode_desa"]) in scope.desa
        named = a["id"] if seen else response.alert_ref(a["id"])  # alert-status takes either
        lines += [f"- {line}", f"  {alert_link(base_url, a, scope)}", f"  id: {named}", ""]
    lines += [t("surel_penutup", lang), t("surel_cli", lang, username=person.username)]
    return {"username": person.username, "recipient": person.email, "subject": subject, "body": "\n".join(lines),
            "alerts": [a["id"] for a in alerts]}


def _count(x) -> str:
    return "–" if x is None or pd.isna(x) else f"{float(x):.0f}"


# -- the outbox ---------------------------------------------------------------------------
def queue(db: OpsDb, items: list[dict]) -> int:
    """Put messages (:func:`messages`) into the outbox."""
    if not items:
        return 0
    now = utc_now()
    with db.begin() as conn:
        conn.execute(insert(mail_outbox), [{**m, "created": now, "attempts": 0} for m in items])
    return len(items)


def pending(db: OpsDb, include_given_up: bool = False) -> list[dict]:
    """Messages not sent yet, oldest first (those tried :data:`MAX_ATTEMPTS` times only with ``include_given_up``)."""
    q = select(mail_outbox).where(mail_outbox.c.sent.is_(None)).order_by(mail_outbox.c.id)
    if not include_given_up:
        q = q.where(mail_outbox.c.attempts < MAX_ATTEMPTS)
    with db.begin() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def send_pending(db: OpsDb, smtp: SmtpSettings | None = None, say=lambda m: None) -> dict:
    """Send every pending message over one SMTP connection; returns ``{"sent", "failed", "error"}``.

    A failure (no connection, a refused recipient) is logged, counted on the
    message and left for the next try; nothing is raised.
    """
    smtp = smtp or SmtpSettings.from_settings()
    remaining = pending(db)
    result = {"sent": 0, "failed": 0, "error": None}
    if not remaining or not smtp.enabled:
        return result
    try:
        with _connect(smtp) as server:
            while remaining:
                m = remaining[0]
                try:
                    server.send_message(_email(m, smtp.sender))
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as exc:  # this message only
                    remaining.pop(0)
                    result["failed"] += 1
                    result["error"] = _fail(db, m, exc, say)
                    continue
                remaining.pop(0)
                result["sent"] += 1
                _mark(db, m["id"], sent=utc_now())
    except (OSError, smtplib.SMTPException) as exc:  # connecting, logging in, or the server went away
        for m in remaining:
            result["failed"] += 1
            result["error"] = _fail(db, m, exc, say)
    return result


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    if smtp.tls == "auto" and smtp.port == 465:
        server = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT, context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
        server.ehlo()
        if smtp.tls == "starttls" or (smtp.tls == "auto" and server.has_extn("starttls")):
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
    if smtp.user and smtp.password:
        server.login(smtp.user, smtp.password)
    return server


def _email(m: dict, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, m["recipient"], m["subject"]
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] if "@" in sender else None)
    msg.set_content(m["body"])
    return msg


def _fail(db: OpsDb, m: dict, exc: Exception, say) -> str:
    text = f"{type(exc).__name__}: {exc}"[:1000]
    _mark(db, m["id"], attempts=int(m["attempts"]) + 1, last_error=text)
    note = f"e-mail to {m['recipient']} not sent (try {int(m['attempts']) + 1} of {MAX_ATTEMPTS}): {text}"
    log.warning(note)
    say(note)
    return text


def _mark(db: OpsDb, message_id: int, **values) -> None:
    with db.begin() as conn:
        conn.execute(update(mail_outbox).where(mail_outbox.c.id == message_id).values(last_try=utc_now(), **values))


# -- after an import ---------------------------------------------------------------------------
def notify_new_alerts(snapshot, db: OpsDb, new_alerts: pd.DataFrame, weeks: list[str] | None = None,
                      smtp: SmtpSettings | None = None, say=lambda m: None, lang: str | None = None) -> dict:
    """Queue one message per affected user for the notable ones of ``new_alerts``, then send the outbox.

    ``snapshot``: the workspace snapshot the alerts came from (areas, wilayah
    kerja, names). Never raises: a failure is logged and reported in the
    result (``{"queued", "sent", "failed", "error"}``).
    """
    import settings

    smtp = smtp or SmtpSettings.from_settings()
    result = {"queued": 0, "sent": 0, "failed": 0, "error": None}
    if not smtp.enabled:
        return result
    try:
        latest = snapshot.manifest.get("kasus", {}).get("minggu_terakhir")
        chosen = notable(new_alerts, weeks, latest)
        if len(chosen):
            from opsdb import users

            areas, wk, names = _places(snapshot)
            result["queued"] = queue(db, messages(chosen, users.list_users(db), areas, wk, smtp.base_url, names,
                                                  _disease_names(lang or settings.LANG or "id"), lang or settings.LANG or "id"))
        result.update(send_pending(db, smtp, say))
    except Exception as exc:  # noqa: BLE001 - the import is done and stays done; say what failed
        log.warning("alert e-mail: %s", exc, exc_info=True)
        say(f"alert e-mail not sent: {exc}")
        result["error"] = f"{type(exc).__name__}: {exc}"
    return result


def _places(snapshot) -> tuple[pd.DataFrame, pd.DataFrame | None, dict]:
    """``kode, level`` of every area, the wilayah kerja table, desa names."""
    from geo.levels import LEVELS
    from geo.store import boundary_file
    from puskesmas.table import WILAYAH_KERJA_FILE

    frames, names = [], {}
    for level in LEVELS:
        if snapshot.has(boundary_file(level)):
            table = snapshot.read_table(boundary_file(level), columns=["kode", "nama"])
            frames.append(pd.DataFrame({"kode": table["kode"].astype(str), "level": level}))
            if level == "desa":
                names = dict(zip(table["kode"].astype(str), table["nama"].astype(str)))
    wk = (snapshot.read_table(WILAYAH_KERJA_FILE, columns=["kode_puskesmas", "kode_desa"])
          if snapshot.has(WILAYAH_KERJA_FILE) else None)
    return pd.concat(frames, ignore_index=True), wk, names


def _disease_names(lang: str) -> dict:
    from surveillance import diseases

    table = diseases()
    return dict(zip(table["id"].astype(str), table["nama_en" if lang == "en" else "nama"].astype(str)))


def outbox(db: OpsDb) -> list[dict]:
    """Every message of the outbox, newest first (for ``notify --list``)."""
    with db.begin() as conn:
        rows = conn.execute(select(mail_outbox).order_by(mail_outbox.c.id.desc())).mappings().all()
    return [{k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in dict(r).items() if k != "body"}
            for r in rows]
