"""Wiring of the upload page and the submission history: Flask routes, no logic of their own.

``GET /unggah`` shows the form; ``POST /unggah`` with ``langkah=periksa`` checks
the file (limits before reading, type sniffed from the bytes, kind from the
columns or the sender's choice) and shows the importer's report; with
``langkah=simpan`` it imports the checked file through the same
:func:`uploads.run.run_import` the command line uses. ``GET /unggah/riwayat``
lists the submissions of the user's scope, and for the admin the kept
snapshots; ``POST /unggah/riwayat`` is the admin's roll-back: ``langkah=tanya``
asks to confirm, ``langkah=kembalikan`` runs :func:`uploads.run.rollback` (the
``rollback`` command's path). Anyone else's post is refused and changes nothing.
"""

from __future__ import annotations

from flask import Response, request, session
from werkzeug.exceptions import RequestEntityTooLarge

from auth import csrf
from errors import PwsError
from layouts import unggah as page
from texts import t
from uploads import detect, scope, staging
from uploads.run import kept_snapshots, rollback, rollback_refusal, run_import

_SLACK = 64 * 1024  # the form's other fields and multipart boundaries around the file


def register(app, ctx) -> None:
    """Add ``/unggah`` and ``/unggah/riwayat`` to the app's Flask server."""
    from workspace import Workspace

    server = app.server
    db = ctx.ops

    def lang() -> str:
        return "en" if request.args.get("bahasa") == "en" else "id"

    def html(body: str, status: int = 200) -> Response:
        resp = Response(body, status=status, mimetype="text/html")
        resp.headers["Cache-Control"] = "no-store"
        return resp

    def token() -> str:
        """The CSRF token for the form (none without the login: a fixed actor in tests has no session)."""
        return csrf.token_for(session) if server.secret_key else ""

    def form(actor, message=None, result="", status=200) -> Response:
        return html(page.upload_page(lang(), token(), scope.allowed_kinds(actor), message, result,
                                     detect.MAX_UPLOAD_BYTES), status)

    def too_big(size: int | None) -> str:
        return t("unggah_terlalu_besar", lang(), ukuran=_mb(size) if size else "?", batas=_mb(detect.MAX_UPLOAD_BYTES))

    def limit_first():
        """Before the login's CSRF check reads the form: refuse a body above the limit unread."""
        if request.path != page.UPLOAD_PATH or request.method != "POST":
            return None
        request.max_content_length = detect.MAX_UPLOAD_BYTES + _SLACK  # a body without Content-Length too
        if request.content_length and request.content_length > detect.MAX_UPLOAD_BYTES + _SLACK:
            actor = ctx.actor()
            if actor is None:
                return None  # the gate answers
            return form(actor, too_big(request.content_length), status=413)
        return None

    server.before_request_funcs.setdefault(None, []).insert(0, limit_first)

    def upload():
        actor = ctx.actor()
        if actor is None:
            return html("login", 401)
        if request.method == "GET":
            return form(actor)
        ws = Workspace(ctx.workspace_path)
        if request.form.get("langkah") == "simpan":
            return _save(actor, ws)
        return _check(actor, ws)

    def _check(actor, ws):
        sent = request.files.get("berkas")
        if sent is None or not sent.filename:
            return form(actor, t("unggah_kosong", lang()), status=400)
        content = sent.read(detect.MAX_UPLOAD_BYTES + 1)
        if len(content) > detect.MAX_UPLOAD_BYTES:
            return form(actor, too_big(len(content)), status=413)
        try:
            suffix = detect.sniff(content[:65536], content)
        except PwsError as exc:
            return form(actor, exc.text(lang()), status=400)
        chosen = request.form.get("jenis") or ""
        item = staging.stage(ws.root, content, suffix, sent.filename, chosen, actor.username)
        kind = chosen or detect.detect_kind(item.path)
        if kind is None:
            staging.discard(item)
            return form(actor, t("unggah_tak_dikenali", lang()), status=400)
        if kind not in scope.allowed_kinds(actor):
            staging.discard(item)
            return form(actor, t("unggah_jenis_terlarang", lang(), peran=actor.role), status=403)
        return _run(actor, ws, item, kind, check=True, detected=not chosen)  # every kind: check first

    def _save(actor, ws):
        item = staging.staged(ws.root, request.form.get("token", ""), actor.username)
        kind = request.form.get("jenis") or ""
        if item is None:
            return form(actor, t("unggah_kedaluwarsa", lang()), status=410)
        if kind not in scope.allowed_kinds(actor):
            return form(actor, t("unggah_jenis_terlarang", lang(), peran=actor.role), status=403)
        return _run(actor, ws, item, kind, check=False, detected=not item.kind)

    def _run(actor, ws, item, kind, check, detected):
        try:
            outcome = run_import(ws, kind, item.path, username=actor.username, channel="web", wilayah=actor.wilayah,
                                 desa=scope.sender_desa(actor, ws) if kind in ("indicators", "cases") else None,
                                 check=check, file_name=item.file_name, db=db())
        except PwsError as exc:
            if not check:
                staging.discard(item)  # refused: send it again after fixing it
            return form(actor, t("unggah_gagal", lang(), pesan=exc.text(lang())),
                        status=409 if exc.key == "impor_bersamaan" else 400)
        if not check:
            staging.discard(item)
            ctx.record("impor", {"what": kind, "file": item.file_name, "snapshot": outcome.snapshot_after, "web": True})
        result = page.report_section(lang(), outcome, detected, token(), item.token if check else None)
        return form(actor, result=result)

    def history():
        actor = ctx.actor()
        if actor is None:
            return html("login", 401)
        ws = Workspace(ctx.workspace_path)
        if request.method == "GET":
            return history_page(actor, ws)
        if not scope.may_roll_back(actor):
            return history_page(actor, ws, t("riwayat_kembalikan_terlarang", lang()), status=403)
        snapshot = request.form.get("snapshot") or ""
        if rollback_refusal(ws, snapshot) is not None:
            return history_page(actor, ws, t("riwayat_kembalikan_tidak_ada", lang(), snapshot=snapshot), status=400)
        if request.form.get("langkah") == "kembalikan":
            return _roll_back(actor, ws, snapshot)
        made = {s["id"]: s["dibuat"] for s in kept_snapshots(ws, _rows())}.get(snapshot)
        return html(page.rollback_confirm_page(lang(), snapshot, ws.snapshot_id, page.made_by(lang(), made), token()))

    def _rows(actor=None):
        """The submissions ``actor`` may see; every one without an actor (what made each snapshot, for the admin)."""
        from opsdb import submissions

        if actor is None:
            return submissions.history(db(), limit=500)
        wilayah = scope.history_wilayah(actor, Workspace(ctx.workspace_path))
        return submissions.history(db(), wilayah=wilayah, username=actor.username, limit=500)

    def history_page(actor, ws, message=None, ok=False, status=200):
        rows = _rows(actor)
        snapshots = kept_snapshots(ws, rows) if scope.may_roll_back(actor) else None
        return html(page.history_page(lang(), rows, snapshots, token(), message, ok), status)

    def _roll_back(actor, ws, snapshot):
        try:
            done = rollback(ws, snapshot, username=actor.username, channel="web", db=db())
        except PwsError as exc:
            status = 409 if exc.key == "impor_bersamaan" else 400
            return history_page(actor, ws, t("riwayat_kembalikan_gagal", lang(), pesan=exc.text(lang())), status=status)
        return history_page(actor, ws, t("riwayat_kembalikan_selesai", lang(), snapshot=snapshot,
                                         baru=done["snapshot_after"], sebelum=done["snapshot_before"]), ok=True)

    server.add_url_rule(page.UPLOAD_PATH, "pws_unggah", upload, methods=["GET", "POST"])
    server.add_url_rule(page.HISTORY_PATH, "pws_unggah_riwayat", history, methods=["GET", "POST"])
    server.register_error_handler(RequestEntityTooLarge, lambda exc: (too_big(None), 413))


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MB"
