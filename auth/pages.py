"""The login and logout pages: small HTML of their own (public, so no Dash and no data)."""

from __future__ import annotations

from markupsafe import escape

from texts import t

_STYLE = """
body{font-family:system-ui,sans-serif;background:#f4f6f8;color:#1b1f23;margin:0}
main{max-width:24rem;margin:8vh auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin-top:1rem;font-weight:600}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;margin-top:.25rem}
button{margin-top:1.5rem;padding:.6rem 1.4rem;font-size:1rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus,input:focus,a:focus{outline:3px solid #f1c232;outline-offset:2px}
.pesan{padding:.6rem;border-radius:4px;background:#fdecea;color:#8a1c12;margin:1rem 0}
.info{background:#e8f1fb;color:#0b3d6e}
table{border-collapse:collapse;margin-top:.5rem;font-size:.9rem}td,th{padding:.2rem .5rem;border-bottom:1px solid #ddd;text-align:left}
.bahasa{float:right;font-size:.9rem}
"""


def _doc(lang: str, title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><main>{body}</main></body></html>"
    )


def _other_language(lang: str, path: str, next_url: str) -> str:
    other = "id" if lang == "en" else "en"
    href = f"{path}?bahasa={other}" + (f"&next={escape(next_url)}" if next_url and next_url != "/" else "")
    return f'<a class="bahasa" href="{href}" hreflang="{other}">{escape(t("login_bahasa_lain", lang))}</a>'


def login_page(lang: str, csrf_token: str, next_url: str = "/", message: str | None = None,
               info: str | None = None, demo_accounts=(), username: str = "") -> str:
    """The login form (fields ``username`` and ``password``), with the demo's accounts when given."""
    parts = [_other_language(lang, "/login", next_url), f"<h1>{escape(t('login_judul', lang))}</h1>"]
    if info:
        parts.append(f'<p class="pesan info" role="status">{escape(info)}</p>')
    if message:
        parts.append(f'<p class="pesan" role="alert">{escape(message)}</p>')
    parts.append(
        f'<form method="post" action="/login?bahasa={lang}">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">'
        f'<input type="hidden" name="next" value="{escape(next_url)}">'
        f'<label for="username">{escape(t("login_nama_pengguna", lang))}</label>'
        f'<input type="text" id="username" name="username" autocomplete="username" required autofocus value="{escape(username)}">'
        f'<label for="password">{escape(t("login_kata_sandi", lang))}</label>'
        f'<input type="password" id="password" name="password" autocomplete="current-password" required>'
        f'<button type="submit">{escape(t("login_masuk", lang))}</button></form>'
    )
    if demo_accounts:
        rows = "".join(
            f"<tr><td><code>{escape(a.username)}</code></td><td><code>{escape(a.password)}</code></td>"
            f"<td>{escape(a.role)}</td><td>{escape(a.wilayah or '')}</td></tr>"
            for a in demo_accounts
        )
        parts.append(
            f'<section aria-labelledby="akun-contoh"><h2 id="akun-contoh" style="font-size:1rem;margin-top:2rem">'
            f'{escape(t("login_akun_contoh", lang))}</h2><table><tr><th>{escape(t("login_nama_pengguna", lang))}</th>'
            f'<th>{escape(t("login_kata_sandi", lang))}</th><th>{escape(t("login_peran", lang))}</th>'
            f'<th>{escape(t("login_wilayah", lang))}</th></tr>{rows}</table></section>'
        )
    return _doc(lang, t("login_judul", lang), "".join(parts))


def logout_page(lang: str, csrf_token: str) -> str:
    """A one-button form: logging out changes state, so it is a POST with the token."""
    body = (
        f"<h1>{escape(t('logout_tanya', lang))}</h1>"
        f'<form method="post" action="/logout?bahasa={lang}">'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf_token)}">'
        f'<button type="submit">{escape(t("keluar", lang))}</button></form>'
    )
    return _doc(lang, t("logout_judul", lang), body)
