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
    "membangun_demo": (
        "Membangun workspace contoh di {path} (sekali saja) ...",
        "Building the demo workspace in {path} (once) ..."),
    "melayani": (
        "PWS-ILP: http://{host}:{port}/  (workspace {path})",
        "PWS-ILP: http://{host}:{port}/  (workspace {path})"),
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
    "batas_baris_digabung": (
        "baris {rows} digabung menjadi satu MultiPolygon",
        "rows {rows} merged into one MultiPolygon"),
    "batas_baris": ("baris {row}", "row {row}"),
    # import puskesmas (commands/puskesmas.py)
    "pkm_ringkas": (
        "{file}: {rows} baris, {puskesmas} puskesmas melayani {assigned} dari {total} desa.",
        "{file}: {rows} rows, {puskesmas} puskesmas serving {assigned} of {total} desa."),
    "pkm_baris": ("  baris {row}: {what}", "  row {row}: {what}"),
    "pkm_crossing_kecamatan": (
        "  catatan: {kode} ({nama}) melayani desa di kecamatan {kecamatan}",
        "  note: {kode} ({nama}) serves desa in kecamatan {kecamatan}"),
    "pkm_other_names": (
        "  catatan: {kode} juga dinamai {also}; dipakai {nama}",
        "  note: {kode} is also named {also}; kept {nama}"),
    "pkm_other_coordinates": (
        "  catatan: {kode}: baris {rows} memberi koordinat lain; dipakai ({lat}, {lon})",
        "  note: {kode}: rows {rows} give other coordinates; kept ({lat}, {lon})"),
    "pkm_tanpa_puskesmas": (
        "{n} desa workspace belum punya puskesmas: {daftar}",
        "{n} desa of the workspace have no puskesmas: {daftar}"),
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
    # the indicator import report (indicators/importer.py ImportReport.to_text)
    "indikator_kepala": (
        "Berkas {r.file} (bentuk {bentuk}): {r.rows_read} baris dibaca, {r.values_read} nilai, "
        "{r.rows_matched} cocok dengan desa, {r.rows_imported} diimpor",
        "File {r.file} ({bentuk} form): {r.rows_read} rows read, {r.values_read} values, "
        "{r.rows_matched} matched to a desa, {r.rows_imported} imported"),
    "indikator_bentuk_panjang": ("panjang", "long"),
    "indikator_bentuk_lebar": ("lebar", "wide"),
    "indikator_mengganti": (" ({n} mengganti nilai lama)", " ({n} replacing earlier values)"),
    "indikator_kosong": (
        "{n} pasangan sel kosong dilewati (data tidak ada, bukan nol).",
        "{n} pairs of empty cells skipped (no data, not zero)."),
    "indikator_ditolak": ("{n} ditolak:", "{n} rejected:"),
    "indikator_baris": ("baris", "row"),
    "indikator_lagi": ("... dan {n} lagi (lihat --json)", "... and {n} more (see --json)"),
    "indikator_luar": (
        "{n} nilai untuk desa di luar wilayah Anda: tidak diimpor.",
        "{n} values for desa outside your area: not imported."),
    "indikator_tanpa_desa": (
        "{n} kode tanpa desa di workspace ({rows} baris, tidak diimpor):",
        "{n} codes without a desa in the workspace ({rows} rows, not imported):"),
    "indikator_dengan_data": (
        "Desa dengan data: {r.desa_with_data} dari {r.desa_total}; tanpa data: {r.desa_without_data}",
        "Desa with data: {r.desa_with_data} of {r.desa_total}; without: {r.desa_without_data}"),
    "indikator_misalnya": (" (mis. {sample})", " (e.g. {sample})"),
    "indikator_periode": (
        "Periode: {first} s/d {last}; indikator: {indicators}.",
        "Periods: {first} to {last}; indicators: {indicators}."),
    # indicators, table, import targets (commands/indicators.py)
    "katalog_klaster": ("Klaster {klaster}: {nama}", "Cluster {klaster}: {nama}"),
    "katalog_indikator": (
        "  {id} {nama} — target {target} {satuan}/tahun, {arah}, {periode}{prorata}",
        "  {id} {nama} — target {target} {satuan}/year, {arah}, {periode}{prorata}"),
    "satuan_persen": ("%", "%"),
    "satuan_per_1000": ("per 1.000", "per 1,000"),
    "satuan_per_100000": ("per 100.000", "per 100,000"),
    "satuan_jumlah": ("jumlah", "count"),
    "arah_naik": ("makin tinggi makin baik", "higher is better"),
    "arah_turun": ("makin rendah makin baik", "lower is better"),
    "periode_bulanan": ("bulanan", "monthly"),
    "periode_mingguan": ("mingguan", "weekly"),
    "prorata": (", target dibagi per bulan", ", target pro-rated by month"),
    "tabel_kolom": (
        "kode nama pembilang penyebut nilai nilai_pws target status desa kelas",
        "code name numerator denominator value pws_value target status desa class"),
    "target_tersimpan": (
        "{n} target kabupaten/kota tersimpan di {path}.",
        "{n} kabupaten/kota targets saved in {path}."),
    # import cases and alerts (commands/cases.py)
    "w2_lembar": (
        "W2 lembar {lembar}: minggu {minggu}, puskesmas {puskesmas}, nama desa dicari di {wilayah}; {n} kolom penyakit",
        "W2 sheet {lembar}: week {minggu}, puskesmas {puskesmas}, desa names looked up in {wilayah}; {n} disease columns"),
    "w2_dilewati": ("; dilewati: {kolom}", "; skipped: {kolom}"),
    "w2_lembar_dilewati": ("lembar tanpa bentuk W2, dilewati: {lembar}", "sheets without a W2 form, skipped: {lembar}"),
    "tanpa_peringatan": ("Tidak ada peringatan.", "No alerts."),
    "pada_minggu": (" (minggu {minggu})", " (week {minggu})"),
    "harapan": (" (harapan {n})", " (expected {n})"),
    "di_wilayah": (" di {wilayah} {kode}", " in {wilayah} {kode}"),
    "keparahan_tinggi": ("tinggi", "high"),
    "keparahan_sedang": ("sedang", "medium"),
    "keparahan_rendah": ("rendah", "low"),
    "peringatan": (
        "{minggu}  {tingkat}  {desa} ({kode}), kec. {kec}  {penyakit}: {n} kasus{harapan}  [{metode}]  {status}  {id}",
        "{minggu}  {tingkat}  {desa} ({kode}), kecamatan {kec}  {penyakit}: {n} cases{harapan}  [{metode}]  {status}  {id}"),
    # template and completeness (commands/reports.py)
    "templat_ditulis": (
        "Templat {jenis} untuk {wilayah} ditulis ke {path}.",
        "Template {jenis} for {wilayah} written to {path}."),
    "kedatangan_belum_ada": (
        "Tidak ada catatan kedatangan laporan: riwayat kiriman (python app.py history) belum berisi impor indikator "
        "atau kasus yang tersimpan. Beri --diterima FILE (kolom wilayah,jenis,periode,diterima) untuk laporan lama.",
        "No record of report arrivals: the submission history (python app.py history) holds no saved indicator or "
        "case import yet. Give --diterima FILE (columns wilayah,jenis,periode,diterima) for earlier reports."),
    "seluruh_workspace": ("seluruh workspace", "the whole workspace"),
    "kelengkapan_tanpa_kasus": (
        "Kelengkapan data kasus mingguan ({wilayah}): belum ada data kasus.",
        "Completeness of weekly case data ({wilayah}): no case data yet."),
    "kelengkapan_kasus": (
        "Kelengkapan data kasus mingguan per desa ({wilayah}):",
        "Completeness of weekly case data per desa ({wilayah}):"),
    "kelengkapan_minggu": (
        "  {minggu}  desa melapor {desa} ({persen_desa}), tempat {tempat} ({persen_tempat})",
        "  {minggu}  desa reporting {desa} ({persen_desa}), places {tempat} ({persen_tempat})"),
    "laporan_w2": ("W2 mingguan", "weekly W2"),
    "laporan_indikator": ("laporan bulanan indikator", "monthly indicator reports"),
    "kelengkapan_jenis": (
        "{jenis} {dari} s/d {sampai} per {tingkat} (zona waktu {zona}; target lengkap ≥ 90%, tepat waktu ≥ 80%):",
        "{jenis} {dari} to {sampai} per {tingkat} (time zone {zona}; targets complete ≥ 90%, on time ≥ 80%):"),
    "kelengkapan_wilayah": (
        "  {wilayah} {nama} tiba {tiba} ({persen}), tepat waktu {tepat} ({persen_tepat})",
        "  {wilayah} {nama} arrived {tiba} ({persen}), on time {tepat} ({persen_tepat})"),
    "kurang_lengkap": (" kurang lengkap", " below complete"),
    "kurang_tepat": (" kurang tepat", " below on time"),
    "kelengkapan_lain": (
        "  dilewati (bukan unit pelapor di wilayah ini): {daftar}",
        "  skipped (not a reporting unit of this area): {daftar}"),
    # history (commands/history.py)
    "kiriman_jenis_indicators": ("indikator", "indicators"),
    "kiriman_jenis_cases": ("kasus", "cases"),
    "kiriman_jenis_posyandu": ("posyandu", "posyandu"),
    "kiriman_jenis_puskesmas": ("puskesmas", "puskesmas"),
    "kiriman_jenis_targets": ("target", "targets"),
    "kiriman_jenis_boundaries": ("batas", "boundaries"),
    "kiriman_jenis_rollback": ("kembali", "rollback"),
    "kiriman_status_ok": ("ok", "ok"),
    "kiriman_status_gagal": ("gagal", "failed"),
    # scan (commands/scan.py): in English, SaTScan's own result labels
    "scan_kepala": (
        "Scan permutasi ruang-waktu {jenis}, angka tinggi: {lokasi} lokasi, {kasus} kasus, {dari} s/d {sampai}, "
        "{n} replikasi",
        "{jenis} space-time permutation scan, high rates: {lokasi} locations, {kasus} cases, {dari} to {sampai}, "
        "{n} replications"),
    "scan_prospektif": ("prospektif", "Prospective"),
    "scan_retrospektif": ("retrospektif", "Retrospective"),
    "scan_tanpa_klaster": (
        "Tidak ada klaster dengan kasus lebih banyak dari harapan.",
        "No cluster with more cases than expected."),
    "scan_lokasi": ("{n}.ID lokasi termasuk.....: {ids}", "{n}.Location IDs included.: {ids}"),
    "scan_koordinat": (
        "  Koordinat / radius......: ({lat}, {lon}) / {radius} km",
        "  Coordinates / radius..: ({lat}, {lon}) / {radius} km"),
    "scan_waktu": ("  Rentang waktu...........: {dari} s/d {sampai}", "  Time frame............: {dari} to {sampai}"),
    "scan_kasus": ("  Jumlah kasus............: {n}", "  Number of cases.......: {n}"),
    "scan_harapan": ("  Kasus harapan...........: {n}", "  Expected cases........: {n}"),
    "scan_rasio": ("  Teramati / harapan......: {n}", "  Observed / expected...: {n}"),
    "scan_statistik": ("  Statistik uji...........: {n}", "  Test statistic........: {n}"),
    "scan_p": ("  Nilai p.................: {n}", "  P-value...............: {n}"),
    "scan_ulang": ("  Interval kekambuhan.....: {n} {satuan}", "  Recurrence interval...: {n} {satuan}"),
    "scan_satuan_week": ("minggu", "week"),
    "scan_satuan_weeks": ("minggu", "weeks"),
    "scan_satuan_day": ("hari", "day"),
    "scan_satuan_days": ("hari", "days"),
    # user (commands/user.py)
    "sandi_prompt": ("Kata sandi: ", "Password: "),
    "akun_ditambah": ("Ditambahkan {peran} {nama}", "Added {peran} {nama}"),
    "akun_untuk": (" untuk {wilayah}", " for {wilayah}"),
    "akun_belum_ada": (
        "Belum ada akun: tambahkan admin dengan 'python app.py user add NAMA --role admin --password-stdin "
        "--workspace {path}'.",
        "No accounts yet: add an admin with 'python app.py user add NAME --role admin --password-stdin "
        "--workspace {path}'."),
    "akun_aktif": ("aktif", "active"),
    "akun_nonaktif": ("nonaktif", "disabled"),
    "akun_dinonaktifkan": ("{nama} dinonaktifkan; sesinya diakhiri.", "Disabled {nama}; its sessions are ended."),
    "sandi_diganti": (
        "Kata sandi {nama} diganti; sesinya diakhiri.",
        "Password of {nama} set; its sessions are ended."),
    # audit (commands/audit.py)
    "audit_kosong": ("Tidak ada kejadian.", "No events."),
    "audit_kosong_sejak": ("Tidak ada kejadian sejak {sejak}.", "No events since {sejak}."),
    "audit_gagal": (
        "Peringatan: impor ini tidak tercatat di log audit ({sebab}).",
        "Warning: the import was not written to the audit log ({sebab})."),
    # argparse's refusals (commands/__init__.py argparse_text)
    "pemakaian": ("pemakaian: ", "usage: "),
    "argparse_argumen": ("argumen {nama}: {pesan}", "argument {nama}: {pesan}"),
    "argparse_wajib": ("argumen ini wajib diberikan: {daftar}", "the following arguments are required: {daftar}"),
    "argparse_tak_dikenal": ("argumen tidak dikenal: {daftar}", "unrecognized arguments: {daftar}"),
    "argparse_pilihan": (
        "pilihan {nilai} tidak sah (pilih dari {pilihan})",
        "invalid choice: {nilai} (choose from {pilihan})"),
    "argparse_nilai": ("nilai {jenis} tidak sah: {nilai}", "invalid {jenis} value: {nilai}"),
    "argparse_satu": ("perlu satu nilai", "expected one argument"),
    "argparse_salah_satu": (
        "salah satu dari argumen {daftar} wajib diberikan",
        "one of the arguments {daftar} is required"),
    "argparse_tidak_bersama": ("tidak boleh bersama argumen {nama}", "not allowed with argument {nama}"),
    "bukan_waktu_opsi": (
        "{nilai} bukan tanggal dan jam: tulis sebagai 2026-10-06T10:30",
        "{nilai} is not a date and time: write it as 2026-10-06T10:30"),
    "audit_jenis_impor": ("impor", "import"),
    "audit_jenis_ekspor": ("ekspor", "export"),
    "audit_jenis_login": ("masuk", "login"),
    "audit_jenis_login_gagal": ("gagal masuk", "login failed"),
    "audit_jenis_logout": ("keluar", "logout"),
    "audit_jenis_akun_tambah": ("akun baru", "account added"),
    "audit_jenis_akun_nonaktif": ("akun nonaktif", "account disabled"),
    "audit_jenis_akun_sandi": ("sandi diganti", "password set"),
    "audit_jenis_respon": ("tindak lanjut", "alert step"),
    "audit_jenis_respon_ditolak": ("tindak ditolak", "step refused"),
    # alert responses and e-mail (commands/respon.py, commands/cases.py)
    "respon_dicatat": (
        "Peringatan {id}: {status}{rincian}, dicatat oleh {username} pada {waktu}.",
        "Alert {id}: {status}{rincian}, recorded by {username} at {waktu}."),
    "respon_putusan": (" (putusan: {putusan})", " (verdict: {putusan})"),
    "respon_hasil": (" (hasil: {hasil})", " (result: {hasil})"),
    "kasus_respon": ("{baru} peringatan baru dicatat untuk ditindaklanjuti", "{baru} new alerts recorded for response"),
    "kasus_surel": (
        "; e-mail: {queued} dibuat, {sent} terkirim, {failed} gagal",
        "; e-mail: {queued} written, {sent} sent, {failed} failed"),
    "surel_mati": (
        "E-mail tidak aktif: atur PWS_SMTP_HOST dan PWS_SMTP_FROM untuk mengirim pemberitahuan.",
        "E-mail is off: set PWS_SMTP_HOST and PWS_SMTP_FROM to send notifications."),
    "surel_kirim": (
        "{sent} e-mail terkirim, {failed} gagal; {waiting} masih menunggu di kotak keluar.",
        "{sent} e-mails sent, {failed} failed; {waiting} still waiting in the outbox."),
    "surel_kosong": ("Kotak keluar kosong.", "The outbox is empty."),
    "surel_terkirim": ("terkirim {waktu}", "sent {waktu}"),
    "surel_menunggu": ("menunggu, {n} percobaan: {galat}", "waiting, {n} tries: {galat}"),
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
