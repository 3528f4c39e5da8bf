"""Alert response as the command line and the page see it: the one door for reading states and taking a step.

Joins the snapshot's answerable alerts (:meth:`MapData.response_alerts`, cut
to the actor's scope by a :class:`~mapdata.scoped.ScopedMapData`), their
records in the operational database (:mod:`opsdb.responses`: when raised,
which steps) and the permission rule (:mod:`access.respond`). Reads are
per request (the steps change between two clicks); nothing is kept here.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd

from access.actor import Actor
from access.respond import NotYourAlert, check_may_act
from access.scope import NoAccess
from opsdb import audit
from opsdb import responses as store
from surveillance import response as respon

LIST_COLUMNS = [*respon.ALERT_COLUMNS, "raised_at", *respon.STATE_COLUMNS, "umur_jam", "berikutnya"]
""":func:`alert_states`: the alert table, when it was raised (``NaT``: not recorded, or recorded only when
first acted on: raised before response recording began, or its recording failed), its state, its age in hours,
and the states it may go to next."""


def alert_states(md, db, now: datetime | None = None, week: str | None = None) -> pd.DataFrame:
    """The answerable alerts ``md`` holds (its scope) with when they were raised and their current state.

    Parameters
    ----------
    md : a :class:`~mapdata.store.MapData` or the actor's :class:`~mapdata.scoped.ScopedMapData`.
    db : the operational database (:class:`opsdb.OpsDb`).
    now : for ``umur_jam`` (default: now, UTC).
    week : only this ISO week's alerts (a cluster's week is its end week).

    Returns
    -------
    DataFrame of :data:`LIST_COLUMNS`, newest week first.
    """
    return _with_states(*_read(md, db, week), now)


def with_states(table: pd.DataFrame, db, now: datetime | None = None) -> pd.DataFrame:
    """An alert table (:func:`surveillance.response.alert_table` rows) with :data:`LIST_COLUMNS` from ``db``.

    For callers holding the table already (the command line reads it from the
    workspace); no scope is applied here.
    """
    return _with_states(*_records(table, db), now)


def _read(md, db, week: str | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(the alert table of ``md``, their records, their steps)."""
    table = md.response_alerts()
    if week is not None:
        table = table[table["minggu"] == week]
    return _records(table, db)


def _records(table: pd.DataFrame, db) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    weeks = sorted(set(table["minggu"])) if len(table) else []
    recorded = store.raised(db, weeks=weeks, columns=["id", "raised_at"]) if weeks else store.raised(db, ids=[])
    steps = store.steps(db, list(table["id"])) if len(table) else respon.empty_steps()
    return table, recorded, steps


def _with_states(table: pd.DataFrame, recorded: pd.DataFrame, steps: pd.DataFrame, now) -> pd.DataFrame:
    now = pd.Timestamp(now or datetime.now(timezone.utc))
    now = now.tz_localize("UTC") if now.tzinfo is None else now.tz_convert("UTC")
    raised_at = table["id"].map(recorded.set_index("id")["raised_at"]) if len(recorded) else pd.Series(pd.NaT, index=table.index)
    out = respon.current_states(table.assign(raised_at=pd.to_datetime(raised_at, utc=True)), steps)
    out["umur_jam"] = (now - out["raised_at"]).dt.total_seconds() / 3600.0
    out["berikutnya"] = [list(respon.next_steps(s, v)) for s, v in zip(out["status"], out["verdict"])]
    return out[LIST_COLUMNS].reset_index(drop=True)


def responses(md, db, now: datetime | None = None, week: str | None = None) -> dict:
    """What :func:`mapdata.brief.build_brief` takes as ``responses``: ``{"alerts", "steps", "now"}``.

    ``alerts`` is :func:`alert_states` (with ``raised_at`` for
    :func:`surveillance.response.verification_figures`), ``steps`` their steps.
    """
    now = now or datetime.now(timezone.utc)
    table, recorded, steps = _read(md, db, week)
    return {"alerts": _with_states(table, recorded, steps, now), "steps": steps, "now": now}


def figures(md, db, by=None, now: datetime | None = None) -> pd.DataFrame:
    """:func:`surveillance.response.verification_figures` of the alerts ``md`` holds that were recorded as raised
    (those recorded without a raise time count, but not in the 24-hour share or the median)."""
    table, recorded, steps = _read(md, db, None)
    return _figures(table, recorded, steps, md, by, now)


def _figures(table, recorded, steps, md, by, now) -> pd.DataFrame:
    table = _with_states(table, recorded, steps, now)
    return respon.verification_figures(table[table["id"].isin(set(recorded["id"]))], steps, now=now, by=by,
                                       wilayah_kerja=md.wilayah_kerja)


def table_figures(md, table: pd.DataFrame, db, by=None, now: datetime | None = None) -> pd.DataFrame:
    """:func:`figures` of the alerts of ``table`` only: some of those ``md`` holds (e.g. the weeks of one month,
    :meth:`MapData.week_response_alerts`), where reading every week's would take most of a second."""
    return _figures(*_records(table, db), md, by, now)


def history(db, alert_id: str) -> pd.DataFrame:
    """Every step of one alert, oldest first (who, when, verdict/hasil, note): for the alert's panel.

    The caller shows it only for an alert its actor sees (an id from :func:`alert_states`).
    """
    return store.steps(db, [alert_id])


def act(md, db, actor: Actor | None, alert_id: str, status: str, verdict: str | None = None,
        hasil: str | None = None, note: str | None = None, lang: str = "id", address: str | None = None,
        at: datetime | None = None) -> dict:
    """Take one step on alert ``alert_id`` as ``actor``: checked, stored, audited. The command line and the page call this.

    Parameters
    ----------
    md : the snapshot: a :class:`~mapdata.store.MapData` (the actor's scope is
        worked out here) or the actor's own :class:`~mapdata.scoped.ScopedMapData`
        (``ctx.data()`` in a callback).
    db : the operational database.
    alert_id : the alert's id, or its digest (:func:`surveillance.response.alert_ref`, as an e-mail names it).
    actor : who acts (``None``: refused).
    status : ``diverifikasi``, ``respon`` or ``selesai``; ``verdict``
        (``benar``/``salah``) with ``diverifikasi``, ``hasil``
        (``klb``/``bukan_klb``) with ``selesai``; ``note`` free text.
    lang : language of a refusal's message.
    address : the client's address, for the audit log.

    Returns
    -------
    The stored step (:data:`surveillance.response.STEP_COLUMNS` as a dict),
    audited as ``respon``; a refused attempt is audited as ``respon_ditolak``
    (:func:`_audit_refusal`) before the exception reaches the caller.

    Raises
    ------
    surveillance.response.StepRefused
        Unknown id, a step not allowed from the alert's state, a verdict or
        hasil missing or out of place, or someone else's step a moment ago
        (``alasan`` says which). A :class:`errors.PwsError`.
    access.respond.NotYourAlert
        The alert's desa lie outside the actor's scope (a :class:`NoAccess`
        and a :class:`errors.PwsError`). An account that is not the admin's
        hears the same sentence for an alert outside its scope and for an id
        that names none (``respon_tidak_di_wilayah``): the refusal does not
        tell what exists outside; the audit's ``alasan`` does (``bukan_wilayah``
        or ``tidak_dikenal``).
    """
    scope = None
    try:
        scope = _scope(md, actor, alert_id, lang)
        alert_id = _by_ref(md, scope, alert_id)
        found = store.raised(db, ids=[alert_id])
        if not len(found):
            found = _record_unrecorded(md, db, alert_id, lang, scope)
        check_may_act(actor, scope, alert_id, found["desa"].iat[0], lang)
        step = store.take_step(db, alert_id, status, actor.username, verdict=verdict, hasil=hasil, catatan=note,
                               at=at, lang=lang)
    except NotYourAlert as exc:
        told = _unseen(actor, alert_id, lang) or exc
        _audit_refusal(db, actor, address, alert_id, status, NOT_YOURS, told)
        if told is exc:
            raise
        raise told from None
    except respon.StepRefused as exc:
        told = _unseen(actor, alert_id, lang) if exc.alasan == "tidak_dikenal" and not _everything(scope) else None
        alasan = NOT_YOURS if told is not None and _exists(md, alert_id) else exc.alasan
        _audit_refusal(db, actor, address, alert_id, status, alasan, told or exc)
        if told is None:
            raise
        raise told from None
    audit.record(db, "respon", actor.username, address,
                 {"alert": alert_id, "status": step["status"], "verdict": step["verdict"], "hasil": step["hasil"],
                  "urutan": step["urutan"]})
    return step


NOT_YOURS = "bukan_wilayah"
"""The ``alasan`` of a ``respon_ditolak`` audit event for an alert outside the actor's scope (:class:`NotYourAlert`);
the others are :class:`~surveillance.response.StepRefused`'s own."""


def _audit_refusal(db, actor: Actor | None, address: str | None, alert_id: str, status: str, alasan: str,
                   exc: Exception) -> None:
    """Audit a refused attempt: who tried which step on which alert, why (a key) and what they were told.

    Someone trying other puskesmas' alerts is what an administrator looks for
    in the log; a failure to write it is logged and never hides the refusal.
    """
    detail = {"alert": str(alert_id)[:200], "status": str(status)[:32], "alasan": alasan, "pesan": str(exc)[:300]}
    try:
        audit.record(db, "respon_ditolak", actor.username if actor else None, address, detail)
    except Exception:  # noqa: BLE001 - the refusal is the answer; the log line says the audit failed
        import logging

        logging.getLogger("pws.respon").exception("refused step on %s not written to the audit log", alert_id)


def _scope(md, actor: Actor | None, alert_id: str, lang: str):
    """The actor's scope: the scoped view's own, or worked out from the snapshot."""
    from .scoped import ScopedMapData

    if isinstance(md, ScopedMapData):
        return md.scope
    try:
        return md.for_actor(actor).scope
    except NoAccess:
        from texts import t

        raise NotYourAlert(t("respon_bukan_wilayah", lang, username=actor.username if actor else "-",
                             id=alert_id)) from None


def _by_ref(md, scope, alert_id: str) -> str:
    """The id of the alert in ``scope`` that ``alert_id`` names by its digest (:func:`surveillance.response.alert_ref`,
    as the e-mails name a cluster centred outside the reader's scope); else ``alert_id`` as given."""
    import re

    from access.respond import may_act

    if not re.fullmatch(respon.REF_PATTERN, str(alert_id)):
        return alert_id
    table = getattr(md, "_base", md).response_alerts()
    hit = table[(table["id"].map(respon.alert_ref) == alert_id).to_numpy()]
    if len(hit) and may_act(scope, hit["desa"].iat[0]):
        return hit["id"].iat[0]
    return alert_id


def _unseen(actor: Actor | None, alert_id: str, lang: str) -> NotYourAlert | None:
    """What an account is told for an id it may not act on: one sentence whether the alert exists outside its
    scope or not at all (telling them apart would show what lies outside). ``None`` without an account."""
    from texts import t

    return NotYourAlert(t("respon_tidak_di_wilayah", lang, id=alert_id)) if actor is not None else None


def _everything(scope) -> bool:
    return scope is not None and scope.everything


def _exists(md, alert_id: str) -> bool:
    """Whether the whole snapshot holds ``alert_id`` (for the audit, which only the admin reads)."""
    import re

    if not re.fullmatch(respon.ID_PATTERN, str(alert_id)):
        return False
    base = getattr(md, "_base", md)
    return bool((base.week_response_alerts(str(alert_id).split(":")[1])["id"] == alert_id).any())


def _record_unrecorded(md, db, alert_id: str, lang: str, scope=None) -> pd.DataFrame:
    """An alert of the snapshot never recorded as raised, recorded when first acted on, its raise time unknown.

    Alerts from before response recording began, or of an import whose
    recording failed: when they were raised is not known, and "now" would
    make the first verification 0 hours late. They are recorded
    :data:`opsdb.responses.UNTIMED` (read back as ``NaT``), and the 24-hour
    figures leave them out (:func:`surveillance.response.verification_figures`).
    Looked up among the alerts ``scope`` holds: an unrecorded alert outside it is unknown.
    """
    from texts import t

    from access.respond import may_act

    table = getattr(md, "_base", md).response_alerts()  # recorded with all its desa, not those of one scope
    row = table[table["id"] == alert_id]
    if not len(row) or (scope is not None and not may_act(scope, row["desa"].iat[0])):
        raise respon.StepRefused(t("respon_tidak_dikenal", lang, id=alert_id), "tidak_dikenal")
    store.register_alerts(db, row, store.UNTIMED)
    return store.raised(db, ids=[alert_id])


def actor_of(db, username: str, lang: str = "id") -> Actor:
    """The actor of an enabled account (the command line's ``--user``); :class:`errors.PwsError` otherwise."""
    from errors import PwsError
    from opsdb import users
    from texts import t

    user = users.get_user(db, username)
    if user is None or user.disabled:
        raise PwsError(t("respon_tanpa_akun", lang, username=username))
    return user.actor()
