"""What the command line says, in one language per run.

Bahasa Indonesia unless ``--lang en`` (anywhere on the command line) or
``PWS_LANG=en``; every command reads the language from ``args.lang``.
"""

from __future__ import annotations

LANGS = ("id", "en")

ID = {
    "galat": "Galat: {pesan}",
    "workspace_kosong": "Workspace {path} masih kosong: impor batas desa dulu "
                        "('python app.py import boundaries FILE --workspace {path}'), atau jalankan 'python app.py' untuk demo.",
    "membangun_demo": "Membangun workspace contoh di {path} (sekali saja) ...",
    "melayani": "PWS-ILP: http://{host}:{port}/  (workspace {path})",
    "debug_host": "--debug hanya untuk alamat komputer ini (127.0.0.1 atau localhost), bukan {host}: "
                  "debugger-nya menjalankan kode yang dikirim kepadanya. Jalankan tanpa --debug.",
    "bahasa_salah": "--lang {nilai!r}: pilih salah satu dari {pilihan}.",
    "kasus_ringkas": "{file}: {rows_read} baris dibaca, {matched} cocok, {unmatched} tidak cocok, {rejected} ditolak",
    "kasus_minggu": "minggu {dari} .. {sampai}, {desa} desa",
    "baris": "  baris {row}: {reason}",
    "lagi": "  ... dan {n} lagi (lihat --json untuk semuanya)",
    "kasus_peringatan": "{alerts} peringatan, {clusters} klaster ruang-waktu bermakna",
    "respon_dicatat": "Peringatan {id}: {status}{rincian}, dicatat oleh {username} pada {waktu}.",
    "respon_putusan": " (putusan: {putusan})",
    "respon_hasil": " (hasil: {hasil})",
    "kasus_respon": "{baru} peringatan baru dicatat untuk ditindaklanjuti",
    "kasus_surel": "; e-mail: {queued} dibuat, {sent} terkirim, {failed} gagal",
    "surel_mati": "E-mail tidak aktif: atur PWS_SMTP_HOST dan PWS_SMTP_FROM untuk mengirim pemberitahuan.",
    "surel_kirim": "{sent} e-mail terkirim, {failed} gagal; {waiting} masih menunggu di kotak keluar.",
    "surel_kosong": "Kotak keluar kosong.",
    "peringatan_kosong": "Tidak ada peringatan.",
    "demo_ringkas": "Workspace contoh {root}: {levels}; {facilities}; indikator {dari} s/d {sampai}",
    "demo_kasus": "; kasus mingguan {dari} s/d {sampai} dengan {n} peringatan",
    "fasilitas_ringkas": "{file}: {rows} baris, {imported} diimpor ({kinds}).",
    "fasilitas_baris": "  baris {row}{id}: {what}",
    "tabel_judul": "{indikator} {periode} — {tingkat} di {area} ({satuan})",
    "hanya_periksa": "Pemeriksaan saja: tidak ada yang disimpan.",
    "kiriman_kosong": "Belum ada kiriman.",
    "kiriman_snapshot": "Snapshot tersimpan (bisa dikembalikan): {kept}; aktif: {live}.",
    "kiriman_hitung": " baris {read} dibaca, {imported} diimpor, {rejected} ditolak",
    "kiriman_luar": ", {n} di luar wilayah",
    "kiriman_periksa": "periksa",
    "rollback_selesai": "Workspace {path} dikembalikan ke isi snapshot {ke}: snapshot baru {after} (sebelumnya {before}).",
    "akun_contoh": "Akun contoh: {username} / {password}  [{role}{where}]",
    "tanpa_admin": "Belum ada akun admin di {path}, jadi tidak ada yang bisa masuk dari jaringan di {host}. Tambahkan dulu:\n"
                   "  python app.py user add NAMA --role admin --workspace {path} --password-stdin\n"
                   "(ketik kata sandinya, atau salurkan lewat pipe), lalu jalankan serve lagi.",
}

EN = {
    "galat": "Error: {pesan}",
    "workspace_kosong": "Workspace {path} is empty: import boundaries first "
                        "('python app.py import boundaries FILE --workspace {path}'), or run 'python app.py' for the demo.",
    "membangun_demo": "Building the demo workspace in {path} (once) ...",
    "melayani": "PWS-ILP: http://{host}:{port}/  (workspace {path})",
    "debug_host": "--debug is only for this machine's address (127.0.0.1 or localhost), not {host}: "
                  "its debugger runs code sent to it. Run without --debug.",
    "bahasa_salah": "--lang {nilai!r}: choose one of {pilihan}.",
    "kasus_ringkas": "{file}: {rows_read} rows read, {matched} matched, {unmatched} unmatched, {rejected} rejected",
    "kasus_minggu": "weeks {dari} .. {sampai}, {desa} desa",
    "baris": "  row {row}: {reason}",
    "lagi": "  ... and {n} more (use --json for all)",
    "kasus_peringatan": "{alerts} alerts, {clusters} significant space-time clusters",
    "respon_dicatat": "Alert {id}: {status}{rincian}, recorded by {username} at {waktu}.",
    "respon_putusan": " (verdict: {putusan})",
    "respon_hasil": " (result: {hasil})",
    "kasus_respon": "{baru} new alerts recorded for response",
    "kasus_surel": "; e-mail: {queued} written, {sent} sent, {failed} failed",
    "surel_mati": "E-mail is off: set PWS_SMTP_HOST and PWS_SMTP_FROM to send notifications.",
    "surel_kirim": "{sent} e-mails sent, {failed} failed; {waiting} still waiting in the outbox.",
    "surel_kosong": "The outbox is empty.",
    "peringatan_kosong": "No alerts.",
    "demo_ringkas": "Demo workspace {root}: {levels}; {facilities}; indicators {dari} to {sampai}",
    "demo_kasus": "; weekly cases {dari} to {sampai} with {n} alerts",
    "fasilitas_ringkas": "{file}: {rows} rows, {imported} imported ({kinds}).",
    "fasilitas_baris": "  row {row}{id}: {what}",
    "tabel_judul": "{indikator} {periode} — {tingkat} in {area} ({satuan})",
    "hanya_periksa": "Check only: nothing was saved.",
    "kiriman_kosong": "No submissions yet.",
    "kiriman_snapshot": "Snapshots kept (can be rolled back to): {kept}; live: {live}.",
    "kiriman_hitung": " rows {read} read, {imported} imported, {rejected} rejected",
    "kiriman_luar": ", {n} outside the sender's area",
    "kiriman_periksa": "check",
    "rollback_selesai": "Workspace {path} rolled back to the contents of snapshot {ke}: new snapshot {after} (before: {before}).",
    "akun_contoh": "Example account: {username} / {password}  [{role}{where}]",
    "tanpa_admin": "No admin account in {path}, so nobody could log in from the network at {host}. Add one first:\n"
                   "  python app.py user add NAME --role admin --workspace {path} --password-stdin\n"
                   "(type the password, or pipe it in), then start serve again.",
}

STRINGS = {"id": ID, "en": EN}


def say(key: str, lang: str | None = "id", **fmt) -> str:
    """Message ``key`` in ``lang`` (``None``: Indonesian), formatted with ``fmt``.

    >>> say("galat", "en", pesan="x")
    'Error: x'
    >>> say("galat", None, pesan="x")
    'Galat: x'
    """
    table = STRINGS.get(lang or "id", ID)
    return table.get(key, ID[key]).format(**fmt)


def split_lang(argv: list[str], default: str | None) -> tuple[str, list[str]]:
    """``(lang, argv without --lang)``: ``--lang X`` or ``--lang=X`` anywhere, else ``default`` or ``id``.

    >>> split_lang(["table", "--lang", "en", "--json"], None)
    ('en', ['table', '--json'])
    >>> split_lang(["alerts"], "en")
    ('en', ['alerts'])
    """
    lang, rest, i = default or "id", [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang" and i + 1 < len(argv):
            lang, i = argv[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return lang, rest


def json_records(frame) -> list[dict]:
    """A frame's rows for ``--json``: NaN becomes ``null``, numpy scalars plain Python values.

    >>> import pandas as pd
    >>> json_records(pd.DataFrame({"kode": ["29.01"], "nilai": [float("nan")], "n": [3]}))
    [{'kode': '29.01', 'nilai': None, 'n': 3}]
    """
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _json_value(value):
    if isinstance(value, float) and value != value:  # NaN
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
