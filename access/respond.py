"""Who may act on an alert (action ``verifikasi``): one rule, for the command line and the page alike.

The puskesmas of the desa (the desa lies in its wilayah kerja), the dinas of
its kabupaten/kota (or provinsi), and the admin may take a step; nobody else.
A cluster may be answered by anyone whose scope holds one of its desa. The
rule reads the actor's :class:`~access.scope.Scope` (the same that cuts every
read), so "may see this desa" and "may act on its alert" never disagree.
"""

from __future__ import annotations

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
