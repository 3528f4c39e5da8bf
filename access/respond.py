"""Who may act on an alert (action ``verifikasi``): one rule, for the command line and the page alike.

The puskesmas of the desa (the desa lies in its wilayah kerja), the dinas of
its kabupaten/kota (or provinsi), and the admin may take a step; nobody else.
A cluster may be answered by anyone whose scope holds one of its desa. The
rule reads the actor's :class:`~access.scope.Scope` (the same that cuts every
read), so "may see this desa" and "may act on its alert" never disagree.
"""

from __future__ import annotations

import pandas as pd

from errors import PwsError
from texts import t

from .actor import Actor
from .scope import NoAccess, Scope


class NotYourAlert(NoAccess, PwsError):
    """The actor may not act on this alert: the web layer answers 403, the command line exits non-zero."""


def may_act(scope: Scope, desa) -> bool:
    """Whether an actor of ``scope`` may act on an alert of these desa codes (deny by default).

    >>> from access.scope import EVERYTHING, NOTHING
    >>> mine = Scope(desa=frozenset({"29.01.01.2001"}), areas=frozenset({"29.01.01.2001"}))
    >>> may_act(mine, ["29.01.01.2001"]), may_act(mine, ["29.01.01.2002", "29.01.01.2001"]), may_act(mine, ["29.01.01.2002"])
    (True, True, False)
    >>> may_act(EVERYTHING, ["29.01.01.2002"]), may_act(NOTHING, ["29.01.01.2001"]), may_act(mine, [])
    (True, False, False)
    """
    codes = [str(d) for d in (desa or [])]
    if not codes or scope.empty:
        return False
    return scope.everything or any(d in scope.desa for d in codes)


def check_may_act(actor: Actor | None, scope: Scope, alert_id: str, desa, lang: str = "id") -> None:
    """Nothing when ``actor`` (of ``scope``) may act on the alert; :class:`NotYourAlert` saying why otherwise."""
    if actor is None or not may_act(scope, desa):
        raise NotYourAlert(t("respon_bukan_wilayah", lang, username=actor.username if actor else "-", id=alert_id))

def cut_response_alerts(alerts: pd.DataFrame, scope: Scope) -> pd.DataFrame:
    """Answerable alerts (:func:`surveillance.response.alert_table`) with a desa in ``scope``.

    A cluster keeps its desa in scope only, and its counts only when all its
    desa are in scope (as :func:`mapdata.scoped.cut_clusters`); its ``id`` (disease, week and
    centre desa code) stays, being the key its steps are recorded under.
    """
    if alerts.empty or scope.empty:
        return alerts.iloc[0:0]
    inside = [[k for k in codes if scope.has_desa(k)] for codes in alerts["desa"]]
    keep = [bool(k) for k in inside]
    whole = pd.Series([len(k) == len(codes) for k, codes in zip(inside, alerts["desa"])], index=alerts.index)
    out = alerts.assign(desa=inside)
    for col in ("observed", "expected"):
        out[col] = out[col].astype(object).where(whole, None)
    return out[keep].reset_index(drop=True)
