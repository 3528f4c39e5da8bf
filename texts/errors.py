"""What the data modules say to the user: errors and row problems, per language. Bahasa Indonesia first.

A module raises ``PwsError(key, **params)`` or writes a row problem as
``Message(key, **params)`` (:mod:`texts.message`); the command line and the upload
page say it in their own language. Each message is kept as an (Indonesian,
English) pair, side by side, since they are long; :data:`ID` and :data:`EN` are
the usual tables. A parameter named ``source`` or ``path`` is the file (and
sheet) the message is about: every message names where, what, and what to do.
"""

from __future__ import annotations

_PAIRS: dict[str, tuple[str, str]] = {
    # -- tabular/reader.py: CSV and .xlsx tables ----------------------------------------
    "berkas_tidak_ada": (
        "{path}: berkas tidak ditemukan. Periksa jalurnya.",
        "{path}: file not found. Check the path."),
    "tabel_xls_lama": (
        "{path}: berkas Excel lama .xls tidak dibaca. Buka di Excel atau LibreOffice, simpan sebagai .xlsx "
        "(Excel Workbook) atau CSV, lalu impor berkas itu.",
        "{path}: old Excel .xls files are not read. Open it in Excel or LibreOffice and save it as .xlsx "
        "(Excel Workbook) or CSV, then import that file."),
    "tabel_jenis_tak_dibaca": (
        "{path}: berkas '{suffix}' tidak bisa dibaca sebagai tabel. Berikan CSV ({csv}) atau buku kerja Excel (.xlsx).",
        "{path}: cannot read '{suffix}' files as a table. Give a CSV ({csv}) or Excel workbook (.xlsx)."),
    "tabel_folder": (
        "{path}: ini folder, bukan berkas. Berikan berkas CSV atau .xlsx-nya sendiri.",
        "{path}: is a folder, not a file. Give the CSV or .xlsx file itself."),
    "tabel_kosong_0": (
        "{path}: berkasnya kosong (0 byte). Ekspor tabelnya lagi; baris pertama harus baris judul kolom.",
        "{path}: the file is empty (0 bytes). Export the table again; the first row must be the header."),
    "tabel_terlalu_besar": (
        "{path}: berkasnya {ukuran}, lebih dari {batas} yang dibaca impor ini sekaligus (ditolak sebelum dibaca, "
        "supaya memori cukup). {saran}",
        "{path}: the file is {ukuran}, more than the {batas} this import reads at once (refused before reading, "
        "so memory stays bounded). {saran}"),
    "tabel_saran_pecah": (
        "Pecah menjadi berkas yang lebih kecil (misalnya satu per kabupaten atau per tahun) dan impor satu per satu.",
        "Split it into smaller files (for example one per kabupaten or per year) and import them one after another."),
    "tabel_tak_terbuka": (
        "{path}: tidak bisa dibuka ({sebab}). Periksa bahwa Anda boleh membacanya dan bahwa itu sebuah berkas.",
        "{path}: cannot be opened ({sebab}). Check that you may read it and that it is a file."),
    "csv_sebenarnya_zip": (
        "{path}: ini buku kerja Excel atau arsip zip, bukan teks CSV. Kalau buku kerja, ganti namanya menjadi .xlsx; "
        "kalau bukan, ekspor tabelnya sebagai CSV.",
        "{path}: this is an Excel workbook or zip archive, not CSV text. If it is a workbook, rename it to .xlsx; "
        "otherwise export the table as CSV."),
    "csv_sebenarnya_xls": (
        "{path}: ini buku kerja Excel lama (.xls), bukan teks CSV. Simpan sebagai .xlsx atau CSV.",
        "{path}: this is an old Excel (.xls) workbook, not CSV text. Save it as .xlsx or CSV."),
    "csv_biner": (
        "{path}: berisi data biner (byte NUL di awal), bukan teks CSV. Periksa bahwa berkasnya benar, atau ekspor "
        "tabelnya lagi sebagai CSV.",
        "{path}: holds binary data (NUL bytes near the start), not CSV text. Check that this is the right file, "
        "or export the table again as CSV."),
    "xlsx_sebenarnya_xls": (
        "{path}: ini buku kerja Excel lama (.xls) yang disimpan dengan nama .xlsx. Buka di Excel atau LibreOffice "
        "dan simpan sebagai .xlsx (Excel Workbook).",
        "{path}: this is an old Excel (.xls) workbook saved with an .xlsx name. Open it in Excel or LibreOffice "
        "and save it as .xlsx (Excel Workbook)."),
    "xlsx_bukan_zip": (
        "{path}: bukan buku kerja .xlsx (berkas .xlsx adalah arsip zip). Kalau isinya teks CSV, ganti namanya "
        "menjadi .csv; kalau bukan, simpan dari Excel sebagai .xlsx.",
        "{path}: is not an .xlsx workbook (an .xlsx file is a zip archive). If it is CSV text, rename it to .csv; "
        "otherwise save it from Excel as .xlsx."),
    "csv_baris_pertama_kosong": (
        "{path}: baris pertama kosong; baris itu harus baris judul kolom (nama-nama kolom).",
        "{path}: the first line is empty; it must be the header row (the column names)."),
    "csv_tak_terbaca": (
        "{path}: CSV ini tidak bisa dibaca ({sebab}). Simpan lagi sebagai CSV (UTF-8) atau .xlsx.",
        "{path}: cannot read this CSV ({sebab}). Save it again as CSV (UTF-8) or .xlsx."),
    "csv_sel_tak_sama": (
        "{path}: baris {baris} punya jumlah sel yang berbeda dengan baris judul ({n} kolom dipisah {pemisah}). "
        "Nilai yang memuat {pemisah} harus diapit tanda kutip ganda, atau simpan lagi berkasnya dari spreadsheet. "
        "Tidak ada yang diimpor.",
        "{path}: row(s) {baris} have a different number of cells than the header ({n} columns separated by "
        "{pemisah}). A value holding {pemisah} must be in double quotes, or save the file again from the "
        "spreadsheet. Nothing was imported."),
    "pemisah_koma": ("koma", "commas"),
    "pemisah_titik_koma": ("titik koma", "semicolons"),
    "pemisah_tab": ("tab", "tabs"),
    "pemisah_garis": ("garis tegak", "bars"),
    "csv_tak_terurai": (
        "{path}: teksnya tidak bisa diurai sebagai {encoding} ({sebab}). Simpan sebagai CSV UTF-8.",
        "{path}: cannot decode the text as {encoding} ({sebab}). Save it as CSV UTF-8."),
    "xlsx_zip_lain": (
        "{path}: arsip zip, tetapi bukan buku kerja Excel. Simpan tabelnya dari Excel sebagai .xlsx.",
        "{path}: is a zip archive but not an Excel workbook. Save the table from Excel as .xlsx."),
    "xlsx_rusak": (
        "{path}: buku kerjanya rusak atau tidak lengkap (arsip zip tidak utuh; unduhan atau salinan terputus?). "
        "Salin atau unduh lagi, atau buka di Excel dan simpan lagi.",
        "{path}: the workbook is damaged or incomplete (not a complete zip archive; an interrupted download or "
        "copy?). Copy or download it again, or open it in Excel and save it again."),
    "xlsx_tak_terbuka": (
        "{path}: buku kerja ini tidak bisa dibuka ({sebab}). Buka di Excel atau LibreOffice dan simpan lagi sebagai .xlsx.",
        "{path}: cannot open this workbook ({sebab}). Open it in Excel or LibreOffice and save it again as .xlsx."),
    "sumber_lembar": ("{path}, lembar '{lembar}'", "{path}, sheet '{lembar}'"),
    "lembar_terlalu_besar": (
        "{source}: lembar ini terurai menjadi {ukuran}, lebih dari {batas} yang dibaca sekaligus. Simpan tabelnya "
        "sebagai CSV, atau pecah.",
        "{source}: the sheet unpacks to {ukuran}, more than the {batas} read at once. Save the table as CSV, or split it."),
    "lembar_rusak": (
        "{source}: lembar ini rusak ({sebab}). Buka di Excel atau LibreOffice dan simpan lagi sebagai .xlsx.",
        "{source}: the sheet is damaged ({sebab}). Open it in Excel or LibreOffice and save it again as .xlsx."),
    "formulir_harus_xlsx": (
        "{path}: formulir ini dibaca dari buku kerja Excel (.xlsx); simpan dari Excel sebagai .xlsx.",
        "{path}: this form is read from an Excel workbook (.xlsx); save it from Excel as .xlsx."),
    "rumus_tanpa_nilai_pertama": (
        "{source}: {n} sel berisi rumus tanpa nilai terhitung, yang pertama {sel}. Buka berkasnya di Excel atau "
        "LibreOffice dan simpan (nilainya lalu tersimpan), lalu impor lagi.",
        "{source}: {n} cell(s) hold a formula without a calculated value, first {sel}. Open the file in Excel or "
        "LibreOffice and save it (the values are then stored), and import again."),
    "rumus_tanpa_nilai": (
        "{source}: {n} sel berisi rumus tanpa nilai terhitung: {sel} (mulai baris {baris}). Program yang menulis "
        "berkas itu tidak menghitungnya. Buka berkasnya di Excel atau LibreOffice dan simpan (nilainya lalu "
        "tersimpan), atau tempel sel-selnya sebagai nilai, lalu impor lagi.",
        "{source}: {n} cell(s) hold a formula without a calculated value: {sel} (row {baris} first). The program "
        "that wrote the file did not calculate it. Open the file in Excel or LibreOffice and save it (the values "
        "are then stored), or paste the cells as values, and import again."),
    "xlsx_semua_kosong": (
        "{path}: semua lembar buku kerja ini kosong.",
        "{path}: every sheet of the workbook is empty."),
    "lembar_kosong": (
        "{source}: lembar ini kosong.",
        "{source}: the sheet is empty."),
    "lembar_kosong_ada_lain": (
        "{source}: lembar ini kosong. Buku kerja ini punya lembar lain ({lain}): taruh tabelnya di lembar pertama.",
        "{source}: the sheet is empty. The workbook has other sheets ({lain}): put the table on the first sheet."),
    "tanpa_baris_judul": (
        "{source}: tidak ada baris judul kolom di {n} baris pertama (baris yang menamai kolom, dengan paling "
        "sedikit dua nama berbeda). Tulis nama-nama kolom dalam satu baris di atas datanya.",
        "{source}: no header row found in the first {n} rows (a row naming the columns, with at least two "
        "different names). Put the column names in one row above the data."),
    # -- geo/: boundary files, code lists, columns, repair ------------------------------
    "berkas_itu": ("berkas itu", "the file"),
    "kodelist_tidak_ada": (
        "Daftar kode {path} tidak ada: berikan jalur CSV seperti kode_wilayah.csv dengan --codes.",
        "Code list {path} does not exist: give the path of a CSV like kode_wilayah.csv with --codes."),
    "kodelist_tak_terbaca": (
        "Daftar kode {path} bukan CSV yang bisa dibaca ({sebab}): perlu kolom kode,nama[,tingkat].",
        "Code list {path} is not a readable CSV ({sebab}): it needs columns kode,nama[,tingkat]."),
    "kodelist_kolom": (
        "Daftar kode {path} punya kolom {kolom}; perlu 'kode' dan 'nama' (dan boleh 'tingkat'), seperti kode_wilayah.csv.",
        "Code list {path} has columns {kolom}; it needs 'kode' and 'nama' (and optionally 'tingkat'), as in "
        "kode_wilayah.csv."),
    "kodelist_bukan_kode": (
        "Daftar kode {path}: {n} nilai di 'kode' bukan kode Kemendagri, mis. baris {baris}. Perbaiki atau hapus baris itu.",
        "Code list {path}: {n} value(s) in 'kode' are not Kemendagri codes, e.g. row {baris}. Fix or remove those rows."),
    "kolom_kode_tidak_ada": (
        "Tidak ada kolom kode {level} Kemendagri di {source} (kolom: {kolom}). Sebutkan dengan --code-column.",
        "No column of Kemendagri {level} codes found in {source} (columns: {kolom}). Name it with --code-column."),
    "kolom_tidak_ada": (
        "{option} {given}: {source} tidak punya kolom itu; kolomnya {kolom}.",
        "{option} {given}: {source} has no such column; its columns are {kolom}."),
    "crs_tak_dikenal": (
        "--crs {crs} bukan sistem koordinat yang dikenal pyproj: berikan nomor EPSG seperti 4326 (bujur/lintang) "
        "atau 32748 (UTM zona 48S).",
        "--crs {crs} is not a coordinate system pyproj knows: give an EPSG number such as 4326 (longitude/latitude) "
        "or 32748 (UTM zone 48S)."),
    "batas_tidak_ada": (
        "{path} tidak ada: periksa jalur berkas batas wilayahnya.",
        "{path} does not exist: check the path of the boundary file."),
    "batas_kosong_0": (
        "{path} kosong (0 byte): salin atau ekspor lagi berkas batas wilayahnya.",
        "{path} is empty (0 bytes): copy or export the boundary file again."),
    "zip_terlalu_besar": (
        "{path} terurai menjadi {ukuran}, lebih dari {batas} yang boleh dimuat zip batas wilayah (semua desa "
        "Indonesia dengan detail penuh lebih kecil). Periksa bahwa itu berkas batasnya; kalau ya, ekstrak dan "
        "berikan .shp-nya.",
        "{path} unpacks to {ukuran}, more than the {batas} a boundary zip may hold (all desa of Indonesia at full "
        "detail take less). Check that it is the boundary file; unzip it and give the .shp if it is."),
    "zip_tak_terbaca": (
        "{path} bukan berkas zip yang bisa dibaca ({sebab}).",
        "{path} is not a readable zip file ({sebab})."),
    "batas_jenis_tak_didukung": (
        "{path}: jenis berkas {suffix} tidak didukung. Berikan ESRI Shapefile (.shp, sebuah folder atau .zip), "
        "GeoPackage (.gpkg), GeoJSON (.geojson) atau GeoParquet (.parquet).",
        "{path}: unsupported file type {suffix}. Give an ESRI Shapefile (.shp, a folder or a .zip), a GeoPackage "
        "(.gpkg), GeoJSON (.geojson) or GeoParquet (.parquet)."),
    "folder_tanpa_batas": (
        "{path} tidak berisi berkas batas wilayah (.shp dengan .dbf/.shx/.prj-nya, .gpkg, .geojson atau .parquet).",
        "{path} holds no boundary file (.shp with its .dbf/.shx/.prj, .gpkg, .geojson or .parquet)."),
    "folder_banyak_batas": (
        "{path} berisi {n} berkas batas wilayah ({nama}); tidak jelas mana yang berisi desa. Berikan jalur "
        "berkas itu sendiri (ekstrak dulu kalau perlu).",
        "{path} holds {n} boundary files ({nama}); it is not clear which one holds the desa. Give the path of "
        "that file itself (unzip first if needed)."),
    "satu_layer": (
        "{path} hanya punya satu layer; hapus '#{layer}' dari nama berkasnya.",
        "{path} has a single layer; drop '#{layer}' from the file name."),
    "catatan_geometri_tak_terbaca": (
        "sebagian geometri tidak bisa dibaca (koordinat yang bukan angka, atau cincin yang tidak tertutup); "
        "barisnya tercantum sebagai kosong",
        "some geometries could not be read (coordinates that are not numbers, or rings that do not close); "
        "their rows are listed as empty"),
    "catatan_dibaca_utf8": (
        "shapefile ini tidak punya .cpg dan teksnya UTF-8, jadi dibaca sebagai UTF-8",
        "the shapefile has no .cpg and its text is UTF-8, so it was read as UTF-8"),
    "batas_tak_terbaca": (
        "{path} tidak bisa dibaca sebagai berkas batas wilayah: {sebab}",
        "{path} could not be read as a boundary file: {sebab}"),
    "batas_tanpa_geometri": (
        "{path} tidak punya kolom geometri: ini tabel, bukan berkas batas wilayah.",
        "{path} has no geometry column: it is a table, not a boundary file."),
    "catatan_crs_diganti": (
        "berkas ini menyatakan {declared}; yang dipakai --crs {given}",
        "the file declares {declared}; --crs {given} was used instead"),
    "crs_tidak_dinyatakan": (
        "{path} tidak menyatakan sistem koordinat koordinatnya. Berikan dengan --crs, mis. --crs 4326 untuk "
        "bujur/lintang atau --crs 32748 untuk UTM zona 48S.",
        "{path} does not say which coordinate system its coordinates are in. Give it with --crs, e.g. --crs 4326 "
        "for longitude/latitude or --crs 32748 for UTM zone 48S."),
    "crs_prj_tak_dikenal": (
        "{path} tidak menyatakan sistem koordinat koordinatnya (berkas .prj-nya tidak menyebut sistem yang dikenal "
        "GDAL). Berikan dengan --crs, mis. --crs 4326 untuk bujur/lintang atau --crs 32748 untuk UTM zona 48S.",
        "{path} does not say which coordinate system its coordinates are in (its .prj file names none that GDAL "
        "knows). Give it with --crs, e.g. --crs 4326 for longitude/latitude or --crs 32748 for UTM zone 48S."),
    "crs_prj_tidak_ada": (
        "{path} tidak menyatakan sistem koordinat koordinatnya (berkas .prj-nya tidak ada). Berikan dengan --crs, "
        "mis. --crs 4326 untuk bujur/lintang atau --crs 32748 untuk UTM zona 48S.",
        "{path} does not say which coordinate system its coordinates are in (its .prj file is missing). Give it "
        "with --crs, e.g. --crs 4326 for longitude/latitude or --crs 32748 for UTM zone 48S."),
    "crs_tak_bisa_diubah": (
        "{path} menyatakan sistem koordinat {crs}, yang tidak bisa diubah ke bujur/lintang ({sebab}). Berikan "
        "yang benar dengan --crs, mis. --crs 32748 untuk UTM zona 48S (tanyakan pembuat berkasnya).",
        "{path} declares the coordinate system {crs}, which cannot be converted to longitude/latitude ({sebab}). "
        "Give the real one with --crs, e.g. --crs 32748 for UTM zone 48S (ask who made the file)."),
    "bukan_geoparquet": (
        "{path} bukan GeoParquet ({sebab}); ekspor dengan kolom geometri, mis. dari QGIS.",
        "{path} is not GeoParquet ({sebab}); export it with a geometry column, e.g. from QGIS."),
    "shp_tak_lengkap": (
        "{path}: shapefile-nya tidak lengkap, {hilang} tidak ada di samping .shp.",
        "{path}: the shapefile is incomplete, {hilang} missing beside the .shp."),
    "shp_tanpa_prj": (
        "{path} tidak punya berkas .prj, jadi sistem koordinatnya tidak diketahui. Berikan dengan --crs, mis. "
        "--crs 4326 untuk bujur/lintang atau --crs 32748 untuk UTM zona 48S (tanyakan pembuat berkasnya).",
        "{path} has no .prj file, so its coordinate system is unknown. Give it with --crs, e.g. --crs 4326 for "
        "longitude/latitude or --crs 32748 for UTM zone 48S (ask who made the file)."),
    "layer_tidak_ada": (
        "{path} tidak punya layer {layer}; layer-nya: {layers}.",
        "{path} has no layer {layer}; its layers are {layers}."),
    "tanpa_layer_poligon": (
        "{path} tidak punya layer poligon (layer: {layers}).",
        "{path} has no polygon layer (layers: {layers})."),
    "banyak_layer_poligon": (
        "{path} punya {n} layer poligon ({layers}) dan tidak jelas mana yang berisi {level}. Sebutkan di belakang "
        "nama berkas dengan '#', mis. {contoh}.",
        "{path} has {n} polygon layers ({layers}) and it is not clear which one holds the {level}. Name it after "
        "the file with '#', e.g. {contoh}."),
    "crs_salah": (
        "{path}: setelah diproyeksikan dari {crs}, koordinat {kotak} bukan bujur/lintang, jadi sistem koordinat "
        "yang dinyatakan salah. Berikan yang benar dengan --crs (mis. --crs 32748 untuk UTM zona 48S).",
        "{path}: after reprojection from {crs} the coordinates {kotak} are not longitude/latitude, so the "
        "declared coordinate system is wrong. Give the right one with --crs (e.g. --crs 32748 for UTM zone 48S)."),
    "geo_bukan_kode": ("bukan kode Kemendagri", "not a Kemendagri code"),
    "geo_kode_tingkat_lain": ("kode {tingkat}, bukan kode {harus}", "a {tingkat} code, not a {harus} code"),
    "geo_koordinat_bukan_angka": (
        "koordinat yang bukan angka (NaN atau tak hingga)",
        "coordinates that are not numbers (NaN or infinite)"),
    "geo_tanpa_geometri": ("tanpa geometri", "no geometry"),
    "geo_geometri_tidak_sah": ("geometri tidak sah ({sebab})", "invalid geometry ({sebab})"),
    "geo_diperbaiki_make_valid": ("diperbaiki dengan make_valid", "repaired with make_valid"),
    "geo_tanpa_poligon": ("tanpa poligon (hanya {jenis})", "no polygon (only {jenis})"),
    "geo_bagian_bukan_poligon": ("bagian bukan poligon: {jenis}", "non-polygon parts: {jenis}"),
    "geo_bagian_dibuang": ("{n} bagian bukan poligon dibuang", "dropped {n} non-polygon part(s)"),
    "masalah_repaired": ("diperbaiki", "repaired"),
    "masalah_empty": ("kosong", "empty"),
    "masalah_missing_code": ("tanpa kode", "missing code"),
    "masalah_invalid_code": ("kode tidak sah", "invalid code"),
    "masalah_duplicates": ("kode ganda", "duplicates"),
    "masalah_not_in_codelist": ("tidak ada di daftar kode", "not in codelist"),
    "geo_n_masalah": ("{n} {masalah}", "{n} {masalah}"),
    "geo_tanpa_masalah": ("tidak ada masalah", "no problems found"),
    "batas_tanpa_desa": (
        "{path}: tidak satu pun dari {n} fiturnya desa yang bisa dipakai ({ringkas}). Periksa kolom kode "
        "(--code-column) dan geometrinya; jalankan 'python app.py check FILE' untuk daftarnya.",
        "{path}: none of its {n} features is a usable desa ({ringkas}). Check the code column (--code-column) and "
        "the geometries; run 'python app.py check FILE' for the list."),
    "level_file_tingkat_desa": (
        "--level-file {nilai}: tingkatnya harus salah satu dari {pilihan} (desa berasal dari FILE itu sendiri).",
        "--level-file {nilai}: the level must be one of {pilihan} (desa come from FILE itself)."),
    "catatan_tanpa_penyederhanaan": (
        "{level}: geometri tampilan adalah geometri penuh (penyederhanaan pada {toleransi}° akan membuang {persen} "
        "titik sudut sebuah sampel; berkasnya sudah digeneralisasi)",
        "{level}: display geometry is the full geometry (simplifying at {toleransi}° would remove {persen} of the "
        "vertices of a sample; the file is already generalised)"),
    "catatan_wk_dibuang": (
        "wilayah kerja: tidak ada desanya di batas wilayah yang baru; tabelnya dibuang (impor puskesmas lagi)",
        "wilayah kerja: none of its desa are in the new boundaries; the table was dropped (import puskesmas again)"),
    "catatan_wk_desa_dibuang": (
        "wilayah kerja: {n} desanya tidak ada di batas wilayah yang baru dan dikeluarkan darinya",
        "wilayah kerja: {n} of its desa are not in the new boundaries and were dropped from it"),
    # progress lines of the imports (stderr)
    "proses_membaca_kodelist": ("membaca daftar kode {path}", "reading code list {path}"),
    "proses_membaca": ("membaca {path}", "reading {path}"),
    "proses_fitur_dibaca": ("{fitur} fitur dibaca, {desa} desa disimpan", "{fitur} features read, {desa} desa kept"),
    "proses_membaca_tingkat": ("membaca {level} dari {path}", "reading {level} from {path}"),
    "proses_melebur": ("melebur {n} {bawah} menjadi {level}", "dissolving {n} {bawah} into {level}"),
    "proses_menyederhanakan": ("menyederhanakan untuk tampilan: {jumlah}", "simplifying for display: {jumlah}"),
    "proses_menulis_workspace": ("menulis workspace {path}", "writing workspace {path}"),
    "proses_selesai": ("selesai", "done"),
    # -- workspace prerequisites, shared by the importers --------------------------------
    "ws_tanpa_desa": (
        "Workspace {path} belum berisi batas desa: impor dulu dengan "
        "'python app.py import boundaries FILE --workspace {path}' (atau bangun demo dengan 'python app.py demo').",
        "Workspace {path} has no desa boundaries: import them first with "
        "'python app.py import boundaries FILE --workspace {path}' (or build the demo with 'python app.py demo')."),
    "tidak_ada_baris_diimpor": (
        "{path}: tidak satu pun dari {n} barisnya bisa diimpor ({ringkas}). Tidak ada yang diubah. Perbaiki baris "
        "yang tercantum di --json dan impor lagi.",
        "{path}: none of its {n} rows could be imported ({ringkas}). Nothing was changed. Fix the rows listed "
        "with --json and import again."),
    "bukan_utf8": (
        "{path}: bukan teks UTF-8. Simpan sebagai 'CSV UTF-8' dan impor lagi.",
        "{path}: not UTF-8 text. Save it as 'CSV UTF-8' and import again."),
    # -- facilities/: posyandu, pustu and puskesmas points -------------------------------
    "fasilitas_jenis_berkas": (
        "{path}: berkas '{suffix}' tidak bisa dibaca. Pakai salah satu dari: {pilihan} (simpan buku kerja Excel "
        "sebagai .xlsx).",
        "{path}: cannot read '{suffix}' files. Use one of: {pilihan} (save Excel workbooks as .xlsx)."),
    "fasilitas_tak_terbaca": (
        "{path}: tidak bisa dibaca sebagai {suffix} ({sebab}). Periksa bahwa berkasnya bisa dibuka dan tidak rusak.",
        "{path}: could not be read as {suffix} ({sebab}). Check that the file opens and is not damaged."),
    "fasilitas_tanpa_baris": (
        "{path}: tidak ada baris. Berkasnya harus berisi satu baris per fasilitas di bawah baris judul kolom.",
        "{path}: no rows. The file must hold one row per facility under a header row."),
    "fasilitas_kolom_tidak_ada": (
        "{path}: tidak ada kolom untuk {hilang} di antara {kolom}. Ganti nama kolomnya dengan salah satu nama "
        "yang diterima ({diterima}).",
        "{path}: no column for {hilang} among {kolom}. Rename the column to one of the accepted names ({diterima})."),
    "fasilitas_saran_besar": (
        "Daftar semua posyandu, pustu dan puskesmas di Indonesia sekitar 30 MB: periksa bahwa ini daftar fasilitas "
        "(satu baris per fasilitas).",
        "A list of every posyandu, pustu and puskesmas in Indonesia is about 30 MB: check that this is the "
        "facility list (one row per facility)."),
    "fasilitas_id_bentrok": (
        "{path}: id {ids} sudah dipakai fasilitas jenis lain di workspace. Tidak ada yang diubah. Beri setiap "
        "fasilitas id-nya sendiri.",
        "{path}: ids {ids} already belong to facilities of another kind in the workspace. Nothing was changed. "
        "Give each facility its own id."),
    "titik_tanpa_geometri": ("fitur tanpa geometri", "feature has no geometry"),
    "titik_bukan_point": ("geometrinya {jenis}, bukan titik", "geometry is a {jenis}, not a point"),
    "titik_bukan_angka": ("lintang atau bujur kosong atau bukan angka", "latitude or longitude empty or not a number"),
    "titik_meter": (
        "koordinatnya tampak dalam meter (UTM atau proyeksi lain): ekspor sebagai derajat WGS 84",
        "coordinates look like metres (UTM or another projection): export them as WGS 84 degrees"),
    "titik_di_luar_jangkauan": (
        "lintang melewati ±90 atau bujur melewati ±180",
        "latitude beyond ±90 or longitude beyond ±180"),
    "fasilitas_masalah_bad_coordinates": ("koordinat salah", "bad coordinates"),
    "fasilitas_masalah_swapped_coordinates": ("lintang dan bujur tertukar", "swapped coordinates"),
    "fasilitas_masalah_outside_desa": ("di luar semua desa", "outside desa"),
    "fasilitas_masalah_desa_mismatch": ("desa tidak sesuai", "desa mismatch"),
    "fasilitas_masalah_invalid_desa_code": ("kode desa tidak sah", "invalid desa code"),
    "fasilitas_masalah_missing_id": ("tanpa id", "missing id"),
    "fasilitas_masalah_duplicate_id": ("id ganda", "duplicate id"),
    "fasilitas_masalah_unknown_jenis": ("jenis tidak dikenal", "unknown jenis"),
    "fasilitas_masalah_unknown_status": ("status tidak dipahami", "unknown status"),
    # -- puskesmas/: the wilayah kerja table --------------------------------------------
    "pkm_kolom_kode_tidak_ada": (
        "{path}: tidak ada kolom kode puskesmas di antara {kolom}. Namai kode_puskesmas (juga diterima: {juga}).",
        "{path}: no puskesmas code column among {kolom}. Name it kode_puskesmas (also accepted: {juga})."),
    "pkm_kolom_desa_tidak_ada": (
        "{path}: tidak ada kolom kode desa di antara {kolom}. Namai kode_desa (kode Kemendagri, mis. 19.06.01.2004 "
        "atau 1906012004).",
        "{path}: no desa code column among {kolom}. Name it kode_desa (the Kemendagri code, e.g. 19.06.01.2004 or "
        "1906012004)."),
    "pkm_tidak_ada_baris": (
        "{path}: tidak satu pun dari {n} barisnya bisa ditetapkan ke desa workspace ({ringkas}). Tidak ada yang "
        "diubah. Perbaiki baris yang tercantum di --json dan impor lagi.",
        "{path}: none of its {n} rows could be assigned to a desa of the workspace ({ringkas}). Nothing was "
        "changed. Fix the rows listed with --json and import again."),
    "pkm_masalah_missing_puskesmas": ("tanpa kode puskesmas", "missing puskesmas"),
    "pkm_masalah_invalid_puskesmas_code": ("kode puskesmas tidak sah", "invalid puskesmas code"),
    "pkm_masalah_invalid_desa_code": ("kode desa tidak sah", "invalid desa code"),
    "pkm_masalah_unknown_desa": ("desa tidak dikenal", "unknown desa"),
    "pkm_masalah_claimed_twice": ("diklaim dua puskesmas", "claimed twice"),
    "pkm_masalah_crossing_kabupaten": ("melintasi kabupaten", "crossing kabupaten"),
    "pkm_masalah_bad_coordinates": ("koordinat salah", "bad coordinates"),
    # -- commands/boundaries.py ----------------------------------------------------------
    "level_file_bentuk": (
        "--level-file {nilai}: tulis sebagai TINGKAT=BERKAS, mis. --level-file provinsi=indonesia_provinsi.gpkg.",
        "--level-file {nilai}: write it as LEVEL=FILE, e.g. --level-file provinsi=indonesia_provinsi.gpkg."),
    "level_file_tingkat": (
        "--level-file {nilai}: TINGKAT harus salah satu dari {pilihan}.",
        "--level-file {nilai}: LEVEL must be one of {pilihan}."),
    "level_file_dua_kali": (
        "--level-file memberi {level} dua kali ({satu} dan {dua}); beri satu berkas per tingkat.",
        "--level-file gives {level} twice ({satu} and {dua}); give one file per level."),
    "ws_tidak_berubah": ("Workspace {path} tidak berubah.", "The workspace {path} is unchanged."),
    "tidak_ada_yang_ditulis": ("Tidak ada yang ditulis.", "Nothing was written."),
    "impor_gagal_tak_terduga": (
        "Impor {path} gagal: {sebab}. {akibat} Jalankan 'python app.py check FILE' untuk melihat laporannya, dan "
        "laporkan masalah berkas itu kalau terus terjadi.",
        "Importing {path} failed: {sebab}. {akibat} Run 'python app.py check FILE' to see the report, and report "
        "the problem with that file if it persists."),
}

ID = {key: pair[0] for key, pair in _PAIRS.items()}
EN = {key: pair[1] for key, pair in _PAIRS.items()}
STRINGS = {"id": ID, "en": EN}
