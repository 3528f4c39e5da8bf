"""What the command line says: every command's report lines, per language. Bahasa Indonesia first.

A run speaks one language (``--lang en`` or ``PWS_LANG=en``, else Indonesian):
each command says its lines with :func:`say`; an error's own words are in
:mod:`texts.errors`.
"""

from __future__ import annotations

from texts.message import render

_PAIRS: dict[str, tuple[str, str]] = {
    "galat": (
        "Galat: {pesan}",
        "Error: {pesan}"),
    "workspace_kosong": (
        "Workspace {path} masih kosong: impor batas desa dulu ('python app.py import boundaries FILE --workspace {path}'), atau jalankan 'python app.py' untuk demo.",
        "Workspace {path} is empty: import boundaries first ('python app.py import boundaries FILE --workspace {path}'), or run 'python app.py' for the demo."),
    "membangun_demo": (
        "Membangun workspace contoh di {path} (sekali saja) ...",
        "Building the demo workspace in {path} (once) ..."),
    "melayani": (
        "PWS-ILP: http://{host}:{port}/  (workspace {path})",
        "PWS-ILP: http://{host}:{port}/  (workspace {path})"),
    "debug_host": (
        "--debug hanya untuk alamat komputer ini (127.0.0.1 atau localhost), bukan {host}: debugger-nya menjalankan kode yang dikirim kepadanya. Jalankan tanpa --debug.",
        "--debug is only for this machine's address (127.0.0.1 or localhost), not {host}: its debugger runs code sent to it. Run without --debug."),
    "bahasa_salah": (
        "--lang {nilai!r}: pilih salah satu dari {pilihan}.",
        "--lang {nilai!r}: choose one of {pilihan}."),
    "kasus_ringkas": (
        "{file}: {rows_read} baris dibaca, {matched} cocok, {unmatched} tidak cocok, {rejected} ditolak",
        "{file}: {rows_read} rows read, {matched} matched, {unmatched} unmatched, {rejected} rejected"),
    "kasus_minggu": (
        "minggu {dari} .. {sampai}, {desa} desa",
        "weeks {dari} .. {sampai}, {desa} desa"),
    "baris": (
        "  baris {row}: {reason}",
        "  row {row}: {reason}"),
    "lagi": (
        "  ... dan {n} lagi (lihat --json untuk semuanya)",
        "  ... and {n} more (use --json for all)"),
    "kasus_peringatan": (
        "{alerts} peringatan, {clusters} klaster ruang-waktu bermakna",
        "{alerts} alerts, {clusters} significant space-time clusters"),
    "demo_ringkas": (
        "Workspace contoh {root}: {levels}; {facilities}; indikator {dari} s/d {sampai}",
        "Demo workspace {root}: {levels}; {facilities}; indicators {dari} to {sampai}"),
    "demo_kasus": (
        "; kasus mingguan {dari} s/d {sampai} dengan {n} peringatan",
        "; weekly cases {dari} to {sampai} with {n} alerts"),
    "fasilitas_ringkas": (
        "{file}: {rows} baris, {imported} diimpor ({kinds}).",
        "{file}: {rows} rows, {imported} imported ({kinds})."),
    "fasilitas_baris": (
        "  baris {row}{id}: {what}",
        "  row {row}{id}: {what}"),
    "tabel_judul": (
        "{indikator} {periode} — {tingkat} di {area} ({satuan})",
        "{indikator} {periode} — {tingkat} in {area} ({satuan})"),
    "hanya_periksa": (
        "Pemeriksaan saja: tidak ada yang disimpan.",
        "Check only: nothing was saved."),
    "kiriman_kosong": (
        "Belum ada kiriman.",
        "No submissions yet."),
    "kiriman_snapshot": (
        "Snapshot tersimpan (bisa dikembalikan): {kept}; aktif: {live}.",
        "Snapshots kept (can be rolled back to): {kept}; live: {live}."),
    "kiriman_hitung": (
        " baris {read} dibaca, {imported} diimpor, {rejected} ditolak",
        " rows {read} read, {imported} imported, {rejected} rejected"),
    "kiriman_luar": (
        ", {n} di luar wilayah",
        ", {n} outside the sender's area"),
    "kiriman_periksa": (
        "periksa",
        "check"),
    "rollback_selesai": (
        "Workspace {path} dikembalikan ke isi snapshot {ke}: snapshot baru {after} (sebelumnya {before}).",
        "Workspace {path} rolled back to the contents of snapshot {ke}: new snapshot {after} (before: {before})."),
    "akun_contoh": (
        "Akun contoh: {username} / {password}  [{role}{where}]",
        "Example account: {username} / {password}  [{role}{where}]"),
    "tanpa_admin": (
        "Belum ada akun admin di {path}, jadi tidak ada yang bisa masuk dari jaringan di {host}. Tambahkan dulu:\n  python app.py user add NAMA --role admin --workspace {path} --password-stdin\n(ketik kata sandinya, atau salurkan lewat pipe), lalu jalankan serve lagi.",
        "No admin account in {path}, so nobody could log in from the network at {host}. Add one first:\n  python app.py user add NAME --role admin --workspace {path} --password-stdin\n(type the password, or pipe it in), then start serve again."),
    # the boundary report (geo/importer.py format_report); a problem's detail is texts.errors'
    "batas_berkas": ("Berkas: {file}", "File: {file}"),
    "batas_layer": (" (layer {layer})", " (layer {layer})"),
    "batas_crs": ("Sistem koordinat: {crs} → EPSG:4326", "Coordinate system: {crs} → EPSG:4326"),
    "batas_crs_tidak_ada": ("tidak dinyatakan", "none declared"),
    "batas_kolom": ("Kolom kode: {code}; kolom nama: {name}", "Code column: {code}; name column: {name}"),
    "batas_tidak_ada": ("tidak ada", "none"),
    "batas_jumlah": ("fitur: {features:,}   desa disimpan: {kept:,}", "features: {features:,}   desa kept: {kept:,}"),
    "batas_lagi": ("... dan {n} lagi (lihat --json untuk semuanya)", "... and {n} more (use --json for the full list)"),
    "batas_dipasok": (
        "{level} dari {file}: {kept:,} dari {features:,} fitur dipakai",
        "{level} from {file}: {kept:,} of {features:,} features used"),
    "batas_without_desa": (
        "wilayah tanpa desa di berkas, disimpan seperti adanya",
        "areas with no desa in the file, kept as supplied"),
    "batas_derived_instead": (
        "wilayah berdesa yang tidak ada di berkas ini, dilebur dari desa",
        "areas with desa but missing from this file, dissolved from desa"),
    "batas_catatan": ("Catatan: {note}", "Note: {note}"),
    "batas_tingkat": ("tingkat: {levels}", "levels: {levels}"),
    "batas_ditulis": (
        "Ditulis ke workspace {workspace} (snapshot {snapshot}).",
        "Written to workspace {workspace} (snapshot {snapshot})."),
    "batas_periksa_saja": ("Tidak ada yang ditulis (hanya pemeriksaan).", "Nothing written (check only)."),
    "batas_baris_digabung": ("baris {rows} digabung menjadi satu MultiPolygon", "rows {rows} merged into one MultiPolygon"),
    "batas_baris": ("baris {row}", "row {row}"),
    # import puskesmas (commands/puskesmas.py)
    "pkm_ringkas": (
        "{file}: {rows} baris, {puskesmas} puskesmas melayani {assigned} dari {total} desa.",
        "{file}: {rows} rows, {puskesmas} puskesmas serving {assigned} of {total} desa."),
    "pkm_baris": ("  baris {row}: {what}", "  row {row}: {what}"),
    "pkm_baris_kode": ("baris {row} ({kode})", "row {row} ({kode})"),
    "pkm_missing_puskesmas": (
        "tanpa kode_puskesmas (desa {kode_desa}): tidak diimpor",
        "no kode_puskesmas (desa {kode_desa}): not imported"),
    "pkm_invalid_puskesmas_code": (
        "kode_puskesmas {kode_puskesmas!r} tidak bisa menamai puskesmas (perlu angka, tanpa spasi atau / ? # &, dan "
        "bukan kode Kemendagri): tidak diimpor",
        "kode_puskesmas {kode_puskesmas!r} cannot name a puskesmas (it needs a digit, no spaces or / ? # &, and must "
        "not be a Kemendagri code): not imported"),
    "pkm_invalid_desa_code": (
        "kode desa {kode_desa!r} bukan kode desa Kemendagri: tidak diimpor",
        "desa code {kode_desa!r} is not a Kemendagri desa code: not imported"),
    "pkm_unknown_desa": (
        "desa {kode_desa} tidak ada di workspace: tidak diimpor",
        "desa {kode_desa} is not in the workspace: not imported"),
    "pkm_bad_coordinates": (
        "koordinat gedung (lat {lat}, lon {lon}) tidak dipahami: diimpor tanpa koordinat",
        "building coordinates (lat {lat}, lon {lon}) not understood: imported without them"),
    "pkm_claimed_twice": (
        "  desa {kode_desa} diklaim oleh {rows}: tidak ditetapkan ke keduanya",
        "  desa {kode_desa} is claimed by {rows}: assigned to neither"),
    "pkm_crossing_kabupaten": (
        "  {kode} melayani desa di {kabupaten} (baris {rows}): wilayah kerja harus di satu kabupaten/kota, tidak diimpor",
        "  {kode} serves desa in {kabupaten} (rows {rows}): a wilayah kerja must lie in one kabupaten/kota, not imported"),
    "pkm_crossing_kecamatan": (
        "  catatan: {kode} ({nama}) melayani desa di kecamatan {kecamatan}",
        "  note: {kode} ({nama}) serves desa in kecamatan {kecamatan}"),
    "pkm_repeated_rows": ("  catatan: baris {row} mengulang baris {first}", "  note: row {row} repeats row {first}"),
    "pkm_other_names": (
        "  catatan: {kode} juga dinamai {also}; dipakai {nama}",
        "  note: {kode} is also named {also}; kept {nama}"),
    "pkm_other_coordinates": (
        "  catatan: {kode}: baris {rows} memberi koordinat lain; dipakai ({lat}, {lon})",
        "  note: {kode}: rows {rows} give other coordinates; kept ({lat}, {lon})"),
    "pkm_tanpa_puskesmas": (
        "{n} desa workspace belum punya puskesmas: {daftar}",
        "{n} desa of the workspace have no puskesmas: {daftar}"),
    # import posyandu (commands/posyandu.py): one line per problem row
    "fasilitas_bad_coordinates": ("{problem} (lat {lat}, lon {lon}): tidak diimpor", "{problem} (lat {lat}, lon {lon}): not imported"),
    "fasilitas_swapped_coordinates": (
        "lintang dan bujur tertukar (lat {lat}, lon {lon}): ditukar kembali dan diimpor",
        "latitude and longitude swapped (lat {lat}, lon {lon}): swapped back and imported"),
    "fasilitas_outside_desa": (
        "titik ({lat}, {lon}) di luar semua desa, {distance_m} m dari {nearest_desa}: tidak diimpor",
        "point ({lat}, {lon}) is outside every desa, {distance_m} m from {nearest_desa}: not imported"),
    "fasilitas_desa_mismatch": (
        "desa yang tertulis {kode_desa_file}{catatan}, tetapi titiknya di {kode_desa}: ditempatkan di {kode_desa}",
        "declared desa {kode_desa_file}{catatan}, but the point lies in {kode_desa}: placed in {kode_desa}"),
    "fasilitas_bukan_di_workspace": (" (tidak ada di workspace)", " (not in the workspace)"),
    "fasilitas_invalid_desa_code": (
        "kode desa {kode_desa!r} bukan kode desa Kemendagri: ditempatkan menurut koordinatnya",
        "desa code {kode_desa!r} is not a Kemendagri desa code: placed by its coordinates"),
    "fasilitas_missing_id": ("tanpa id: tidak diimpor", "no id: not imported"),
    "fasilitas_duplicate_id": ("id {id} mengulang baris {first_row}: tidak diimpor", "id {id} repeats row {first_row}: not imported"),
    "fasilitas_unknown_jenis": (
        "jenis {jenis!r} tidak dikenal (posyandu, pustu atau puskesmas): tidak diimpor",
        "unknown jenis {jenis!r} (posyandu, pustu or puskesmas): not imported"),
    "fasilitas_unknown_status": (
        "{column} {value!r} tidak dipahami ('ya'/'tidak'): dianggap 'tidak'",
        "{column} {value!r} not understood ('ya'/'tidak'): taken as 'tidak'"),
    "fasilitas_kasus_lama": (
        "Laporan kasus sebelumnya: {moved} tempat kini berada di desa lain dan {gone} tidak lagi tercantum; kasusnya "
        "tetap dihitung di desa tempat kasus itu diimpor. Untuk memindahkannya, impor lagi berkas kasusnya dengan "
        "'python app.py import cases FILE --ganti'.",
        "Earlier case reports: {moved} place(s) now lie in another desa and {gone} are no longer listed; their cases "
        "still count in the desa they were imported for. To re-attribute them, import the case files again with "
        "'python app.py import cases FILE --ganti'."),
    "fasilitas_kasus_pindah": (
        "  {id}: {rows} baris kasus dihitung di {dari}, tempatnya kini di {ke}",
        "  {id}: {rows} case rows counted in {dari}, the place is now in {ke}"),
    "fasilitas_kasus_hilang": (
        "  {id}: {rows} baris kasus, tempatnya tidak ada di daftar ini",
        "  {id}: {rows} case rows, the place is not in this list"),
}

ID = {key: pair[0] for key, pair in _PAIRS.items()}
EN = {key: pair[1] for key, pair in _PAIRS.items()}
STRINGS = {"id": ID, "en": EN}


def say(key: str, lang: str | None = "id", **fmt) -> str:
    """Line ``key`` in ``lang`` (``None``: Indonesian), formatted with ``fmt``.

    >>> say("galat", "en", pesan="x")
    'Error: x'
    >>> say("galat", None, pesan="x")
    'Galat: x'
    """
    return render(STRINGS, key, lang, fmt)
