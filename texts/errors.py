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
    # -- indicators/importer.py: indicator files ----------------------------------------
    "indikator_saran_besar": (
        "Pecah berkasnya (misalnya per provinsi atau per tahun) dan impor bagian-bagiannya satu per satu (setiap "
        "impor menambah nilai yang sudah ada), atau simpan sebagai Parquet, yang dibaca tanpa batas ini.",
        "Split it (for example by province or by year) and import the parts one after another (each import adds "
        "to the values already there), or save it as Parquet, which is read without this limit."),
    "parquet_tak_terbaca": (
        "{path}: berkas Parquet ini tidak bisa dibaca ({sebab}).",
        "{path}: cannot read this Parquet file ({sebab})."),
    "pemetaan_tidak_ada": ("{path}: berkas pemetaan tidak ditemukan.", "{path}: mapping file not found."),
    "pemetaan_kolom": (
        "{path}: berkas pemetaan berkolom kolom,isi,indikator (mis. 'k1_num,pembilang,k1').",
        "{path}: a mapping file has columns kolom,isi,indikator (e.g. 'k1_num,pembilang,k1')."),
    "pemetaan_isi": (
        "{path}, baris {baris}: isi {isi} harus salah satu dari {pilihan}.",
        "{path}, row {baris}: isi {isi} must be one of {pilihan}."),
    "pemetaan_indikator": (
        "pemetaan: indikator diberikan untuk kolom {kolom}, padahal itu hanya berarti untuk pembilang/penyebut.",
        "mapping: an indikator is given for column {kolom}, which only makes sense for pembilang/penyebut."),
    "indikator_kolom_tidak_ada": (
        "{source}: kolom {hilang} tidak ditemukan (kolom berkas: {kolom}). Berkas bentuk panjang berkolom {panjang}; "
        "berkas bentuk lebar berkolom kode_desa (atau KDEPUM, kd_desa, iddesa, ...), periode (atau bulan dengan "
        "tahun) dan pasangan <id>_num,<id>_den atau <id>_pembilang,<id>_penyebut; atau beri --mapping FILE (kolom "
        "kolom,isi,indikator) untuk menyebut kolom mana berisi apa.",
        "{source}: column(s) {hilang} not found (the file has: {kolom}). A long-form file has columns {panjang}; a "
        "wide file has kode_desa (or KDEPUM, kd_desa, iddesa, ...), periode (or bulan with tahun) and "
        "<id>_num,<id>_den or <id>_pembilang,<id>_penyebut pairs, or give --mapping FILE (columns "
        "kolom,isi,indikator) to say which column is which."),
    "indikator_tanpa_pembilang": (
        "{source}: indikator {indikator} punya kolom penyebut ({den}) tetapi tidak punya kolom pembilang.",
        "{source}: indicator {indikator} has a penyebut column ({den}) but no pembilang column."),
    "indikator_tidak_ada_baris": (
        "{path}: tidak ada baris yang bisa diimpor ({ditolak} ditolak: {alasan}; {tanpa_desa} dengan kode yang tidak "
        "cocok dengan desa workspace). Tidak ada yang diubah; perbaiki berkasnya (lihat baris yang tercantum di "
        "--json) dan impor lagi.",
        "{path}: no row could be imported ({ditolak} rejected: {alasan}; {tanpa_desa} with a code matching no desa "
        "of the workspace). Nothing was changed; fix the file (see the rows listed with --json) and import again."),
    "alasan_n": ("{alasan}: {n}", "{alasan}: {n}"),
    "alasan_gabung": ("{daftar}", "{daftar}"),
    "alasan_luar_wilayah": ("desa di luar wilayah Anda (tidak diimpor)", "desa outside your area (not imported)"),
    "alasan_cacat": (
        "jumlah sel baris ini tidak sama dengan kepala kolom",
        "this row has a different number of cells than the header"),
    "alasan_kode_kosong": ("kode_desa kosong", "kode_desa empty"),
    "alasan_kode_bukan": ("kode_desa bukan kode Kemendagri", "kode_desa is not a Kemendagri code"),
    "alasan_kode_tingkat": (
        "kode_desa adalah kode wilayah di atas desa",
        "kode_desa is the code of an area above desa"),
    "alasan_periode": ("periode tidak terbaca (pakai YYYY-MM)", "periode not understood (write YYYY-MM)"),
    "alasan_indikator": ("indikator tidak ada di katalog", "indikator not in the catalogue"),
    "alasan_pembilang_kosong": ("pembilang kosong", "pembilang empty"),
    "alasan_pembilang_bukan_angka": ("pembilang bukan angka", "pembilang is not a number"),
    "alasan_pembilang_negatif": ("pembilang negatif", "pembilang negative"),
    "alasan_penyebut_kosong": ("penyebut kosong", "penyebut empty"),
    "alasan_penyebut_bukan_angka": ("penyebut bukan angka", "penyebut is not a number"),
    "alasan_penyebut_negatif": ("penyebut negatif", "penyebut negative"),
    "alasan_lebih_besar": (
        "pembilang lebih besar dari penyebut (tidak mungkin untuk persen)",
        "pembilang greater than penyebut (impossible for a percentage)"),
    "alasan_penyebut_nol": ("penyebut 0 padahal pembilang lebih dari 0", "penyebut 0 while pembilang is above 0"),
    "alasan_tanpa_desa": ("kode tidak ada di desa workspace", "code matches no desa of the workspace"),
    "alasan_duplikat": (
        "diganti oleh baris berikutnya untuk desa, periode, indikator yang sama",
        "replaced by a later row for the same desa, periode, indikator"),
    "proses_memeriksa": ("memeriksa {n} baris ...", "checking {n} rows ..."),
    "proses_menulis_nilai": ("menulis {n} nilai ...", "writing {n} values ..."),
    "proses_agregat": (
        "menghitung agregat desa, kecamatan, kabupaten/kota, provinsi ...",
        "computing the desa, kecamatan, kabupaten/kota and provinsi totals ..."),
    "bulan_tanpa_tahun": (
        "{source}: kolom {kolom} memberi bulannya tetapi tidak ada tahun. Tambahkan kolom 'tahun', tulis bulannya "
        "sebagai periode (2026-09), atau beri tahunnya dengan --tahun YYYY.",
        "{source}: column {kolom} gives the month but there is no year. Add a 'tahun' column, write the month as a "
        "periode (2026-09), or give the year with --tahun YYYY."),
    # -- indicators/catalogue.py: the catalogue and a kabupaten's targets ---------------
    "katalog_kolom": (
        "{path}: katalog tidak punya kolom {hilang}; yang diharapkan {kolom}.",
        "{path}: the catalogue lacks column(s) {hilang}; expected {kolom}."),
    "katalog_id_ganda": (
        "{path}: id indikator {ids} muncul lebih dari sekali; setiap id harus unik.",
        "{path}: indicator id(s) {ids} appear more than once; each id must be unique."),
    "katalog_nilai": (
        "{path}, baris {baris}: {kolom} berisi {nilai}; pakai salah satu dari {pilihan}.",
        "{path}, row {baris}: {kolom} is {nilai}; use one of {pilihan}."),
    "katalog_bukan_angka": (
        "{path}, baris {baris}: {kolom} harus angka.",
        "{path}, row {baris}: {kolom} must be a number."),
    "katalog_klaster": (
        "{path}: klaster {klaster} tidak ada di {berkas}.",
        "{path}: klaster {klaster} not in {berkas}."),
    "target_kolom": (
        "{path}: kolom {hilang} tidak ada; berkas target berkolom {kolom}.",
        "{path}: missing column(s) {hilang}; a targets file has columns {kolom}."),
    "target_bukan_kabkota": (
        "{kode} bukan kode kabupaten/kota (mis. 19.06)",
        "{kode} is not a kabupaten/kota code (e.g. 19.06)"),
    "target_indikator": (
        "indikator {indikator} tidak ada di katalog",
        "indicator {indikator} is not in the catalogue"),
    "target_bukan_angka": (
        "target_tahunan {nilai} bukan angka ≥ 0",
        "target_tahunan {nilai} is not a number ≥ 0"),
    "dan_n_lagi": ("dan {n} lagi", "and {n} more"),
    "target_baris_salah": (
        "{path}: {daftar}. Perbaiki baris-baris ini dan impor lagi; tidak ada yang diubah.",
        "{path}: {daftar}. Fix these rows and import again; nothing was changed."),
    # -- indicators/query.py: the numbers the map and 'table' show -----------------------
    "periode_bukan_bulan": (
        "periode {periode} bukan bulan: tulis sebagai YYYY-MM (mis. 2025-03).",
        "periode {periode} is not a month: write it as YYYY-MM (e.g. 2025-03)."),
    "ws_tanpa_batas": (
        "Workspace {path} belum berisi batas wilayah: impor batas wilayah dulu "
        "('python app.py import boundaries FILE --workspace {path}').",
        "Workspace {path} has no boundaries: import boundaries first "
        "('python app.py import boundaries FILE --workspace {path}')."),
    "ws_tanpa_tingkat": (
        "Workspace {path} tidak punya boundaries/{level}.parquet; impor batas wilayah lagi.",
        "Workspace {path} lacks boundaries/{level}.parquet; import boundaries again."),
    "indikator_tak_dikenal": (
        "indikator {indikator} tidak ada di katalog; lihat 'python app.py indicators' untuk id-nya.",
        "indicator {indikator} is not in the catalogue; see 'python app.py indicators' for the ids."),
    "skema_tak_dikenal": (
        "skema {skema} tidak dikenal; pakai 'pws' atau salah satu dari {pilihan}.",
        "unknown skema {skema}; use 'pws' or one of {pilihan}."),
    "desa_tanpa_anak": (
        "{kode} adalah desa: tidak punya wilayah di bawahnya.",
        "{kode} is a desa: it has no child areas."),
    "tingkat_bukan_di_bawah": ("tingkat {level} tidak di bawah {kode}.", "level {level} is not below {kode}."),
    "rapor_bukan_desa": (
        "{kode} bukan kode desa (rapor dibuat per desa).",
        "{kode} is not a desa code (rapor is per desa)."),
    # -- surveillance/: weekly cases, W2 forms, SKDR rules, scan settings, SaTScan files --
    "bukan_minggu_iso": (
        "{opsi} {nilai} bukan minggu ISO: tulis sebagai 2026-W40.",
        "{opsi} {nilai} is not an ISO week: write it as 2026-W40."),
    "baris_alasan": ("baris {baris}: {alasan}", "row {baris}: {alasan}"),
    "kasus_tidak_ada_baris": (
        "Tidak ada baris {path} yang bisa diimpor ({n} baris dibaca). {contoh}. Workspace tidak diubah.",
        "No row of {path} could be imported ({n} rows read). {contoh}. Nothing was changed in the workspace."),
    "kasus_desa_luar_wilayah": (
        "desa {kode} di luar wilayah Anda: {n} baris tidak diimpor",
        "desa {kode} is outside your area: {n} rows not imported"),
    "kolom_atau": ("{kolom} (atau {lain})", "{kolom} (or {lain})"),
    "kasus_kolom_tidak_ada": (
        "Berkas kasus {path} tidak punya kolom {hilang}. Kolom di baris judulnya: {kolom}. Ganti nama kolomnya "
        "menjadi minggu, tempat, penyakit, jumlah.",
        "Case file {path} lacks column(s) {hilang}. The header has: {kolom}. Rename the columns to minggu, tempat, "
        "penyakit, jumlah."),
    "kasus_minggu_salah": (
        "minggu {nilai} bukan minggu ISO seperti 2026-W40 dan bukan tanggal",
        "minggu {nilai} is neither an ISO week like 2026-W40 nor a date"),
    "kasus_penyakit_tak_dikenal": (
        "penyakit {nilai} tidak dikenal; pakai id atau nama dari data/penyakit.csv",
        "unknown disease {nilai}; use an id or name from data/penyakit.csv"),
    "kasus_jumlah_salah": (
        "jumlah {nilai} bukan bilangan bulat ≥ 0 (tulis 0 untuk minggu tanpa kasus)",
        "jumlah {nilai} is not a whole number ≥ 0 (write 0 for a week without cases)"),
    "kasus_duplikat": (
        "sama dengan baris {baris} (minggu, tempat dan penyakit yang sama)",
        "duplicate of row {baris} (same week, place and disease)"),
    "kasus_tempat_kosong": (
        "tempat kosong: beri kode desa atau id posyandu",
        "tempat is empty: give a desa code or posyandu id"),
    "kasus_tempat_tingkat": (
        "tempat {tempat} adalah kode {level}; kasus perlu kode desa atau id posyandu",
        "tempat {tempat} is a {level} code; cases need a desa code or posyandu id"),
    "kode_desa_tak_ada_di_batas": (
        "kode desa {kode} tidak ada di batas wilayah workspace",
        "desa code {kode} is not in the workspace's boundaries"),
    "kasus_bukan_tempat": (
        "bukan id posyandu di fasilitas.parquet dan bukan kode desa",
        "not a posyandu id in fasilitas.parquet nor a desa code"),
    "kasus_tempat": ("tempat {tempat}: {pesan}", "tempat {tempat}: {pesan}"),
    "wilayah_tak_dikenal": (
        "--wilayah {wilayah} bukan kode_puskesmas di tabel wilayah kerja dan bukan kode wilayah workspace "
        "(mis. 19.06.01 untuk kecamatan).",
        "--wilayah {wilayah} is neither a kode_puskesmas of the wilayah kerja table nor an area code of the "
        "workspace (e.g. 19.06.01 for a kecamatan)."),
    "w2_minggu_tidak_ada": ("minggu ke-{minggu} tidak ada di tahun {tahun}", "week {minggu} does not exist in {tahun}"),
    "w2_minggu_beda_tanggal": (
        "minggu ke- menunjuk {nomor}, tanggal menunjuk {tanggal}: tanggal dipakai",
        "the week number points to {nomor}, the dates to {tanggal}: the dates were used"),
    "w2_puskesmas_tidak_ditemukan_wk": (
        "puskesmas {puskesmas} di kepala lembar tidak ditemukan di tabel wilayah kerja",
        "puskesmas {puskesmas} of the sheet's header was not found in the wilayah kerja table"),
    "w2_puskesmas_tidak_ditemukan_kec": (
        "puskesmas {puskesmas} di kepala lembar tidak ditemukan di antara nama kecamatan",
        "puskesmas {puskesmas} of the sheet's header was not found among the kecamatan names"),
    "w2_tidak_ada_lembar": (
        "{path}: tidak ada lembar yang tampak seperti formulir W2 (baris judul dengan kolom Desa/Kelurahan atau "
        "Kode desa dan kolom penyakit seperti Diare akut).",
        "{path}: no sheet looks like a W2 form (a header with a Desa/Kelurahan or Kode desa column and disease "
        "columns such as Diare akut)."),
    "w2_lembar": ("lembar {lembar}: {pesan}", "sheet {lembar}: {pesan}"),
    "w2_lembar_baris": ("lembar {lembar} baris {baris}", "sheet {lembar} row {baris}"),
    "w2_tanpa_minggu": (
        "lembar ini tidak menyebut minggunya (tulis 'Minggu ke-N Tahun YYYY' atau tanggalnya di atas tabel, atau "
        "beri --minggu YYYY-Www)",
        "the sheet gives no week (write 'Minggu ke-N Tahun YYYY' or the dates above the table, or give "
        "--minggu YYYY-Www)"),
    "w2_bukan_bilangan": (
        "{sel} bukan bilangan bulat ≥ 0; baris ini tidak diimpor (kalau diimpor, sel lainnya akan menghitung "
        "penyakit itu 0)",
        "{sel} is not a whole number ≥ 0; the row is not imported (its other cells would otherwise count that "
        "disease as 0)"),
    "w2_tanpa_hitungan": (
        "desa {kode} tidak punya angka di kolom penyakit mana pun: desa itu tidak melapor minggu ini (tulis 0 "
        "untuk minggu tanpa kasus)",
        "desa {kode} has no count in any disease column: it did not report this week (write 0 for a week "
        "without cases)"),
    "w2_sudah_dibaca": (
        "desa {kode} sudah dibaca untuk {minggu} ({tempat})",
        "desa {kode} was already read for {minggu} ({tempat})"),
    "w2_tanpa_desa": ("angka tanpa nama atau kode desa", "counts without a desa name or code"),
    "w2_desa_di_luar": ("desa {kode} ({nama}) di luar {wilayah}", "desa {kode} ({nama}) is outside {wilayah}"),
    "w2_wilayah_tak_diketahui": (
        "desa {desa} ditulis dengan nama tetapi wilayahnya tidak diketahui: sebut puskesmasnya di kepala lembar, "
        "tulis kode desa, atau beri --wilayah (kode_puskesmas atau kode kecamatan)",
        "desa {desa} is given by name but the wilayah is unknown: name the puskesmas in the header, write desa "
        "codes, or give --wilayah (a kode_puskesmas or kecamatan code)"),
    "w2_desa_ganda": (
        "desa {desa} tidak jelas di {wilayah}: {daftar}; tulis kode desanya (atau 'Desa'/'Kelurahan' sebelum namanya)",
        "desa {desa} is ambiguous in {wilayah}: {daftar}; write the desa code (or 'Desa'/'Kelurahan' before the name)"),
    "w2_desa_bukan_di_sana": (
        "desa {desa} bukan desa di {wilayah} (desa dengan nama itu: {lain})",
        "desa {desa} is not a desa of {wilayah} (a desa of that name is {lain})"),
    "w2_desa_bukan_dari": ("desa {desa} bukan desa di {wilayah}", "desa {desa} is not a desa of {wilayah}"),
    "skdr_tak_terbaca": (
        "Berkas aturan SKDR {path} tidak bisa dibaca: {sebab}.",
        "Cannot read SKDR rules file {path}: {sebab}."),
    "skdr_kolom": (
        "Berkas aturan SKDR {path} tidak punya kolom {hilang}; baris judulnya harus {kolom},catatan.",
        "SKDR rules file {path} lacks column(s) {hilang}; the header must be {kolom},catatan."),
    "skdr_baris": ("Berkas aturan SKDR {path}, baris {baris}", "SKDR rules file {path}, row {baris}"),
    "skdr_penyakit": (
        "{where}: penyakit {nilai} tidak dikenal; pakai id dari data/penyakit.csv ({pilihan}).",
        "{where}: unknown disease {nilai}; use an id from data/penyakit.csv ({pilihan})."),
    "harus_salah_satu": (
        "{where}: {kolom} harus salah satu dari {pilihan}, bukan {nilai}.",
        "{where}: {kolom} must be one of {pilihan}, not {nilai}."),
    "skdr_bukan_angka": (
        "{where}: nilai, minggu_pembanding dan minimal harus angka.",
        "{where}: nilai, minggu_pembanding and minimal must be numbers."),
    "skdr_nilai": (
        "{where}: nilai harus positif (di atas 1 untuk aturan kenaikan) dan minggu_pembanding paling sedikit 1.",
        "{where}: nilai must be positive (above 1 for a rise rule) and minggu_pembanding at least 1."),
    "skdr_kabkota": (
        "{where}: kode_kabkota {kode} bukan kode kabupaten/kota seperti 19.06 (kosongkan untuk nasional).",
        "{where}: kode_kabkota {kode} is not a kabupaten/kota code like 19.06 (leave empty for national)."),
    "scan_tak_terbaca": (
        "Berkas pengaturan scan {path} tidak bisa dibaca: {sebab}.",
        "Cannot read scan settings file {path}: {sebab}."),
    "scan_kolom": (
        "Berkas pengaturan scan {path} tidak punya kolom {hilang}.",
        "Scan settings file {path} lacks column(s) {hilang}."),
    "scan_bawaan": (
        "Berkas pengaturan scan {path} perlu tepat satu baris dengan kode_kabkota kosong (nilai bawaan), bukan {n}.",
        "Scan settings file {path} needs exactly one row with an empty kode_kabkota (the defaults), not {n}."),
    "scan_baris": ("Berkas pengaturan scan {path}, baris {baris}", "Scan settings file {path}, row {baris}"),
    "scan_kabkota_ganda": (
        "{where}: kode_kabkota {kode} muncul dua kali.",
        "{where}: kode_kabkota {kode} appears twice."),
    "scan_bukan_angka": (
        "{where}: {kolom} harus angka, bukan {nilai}.",
        "{where}: {kolom} must be a number, not {nilai}."),
    "scan_bukan_bilangan": (
        "{where}: {kolom} harus bilangan bulat, bukan {nilai}.",
        "{where}: {kolom} must be a whole number, not {nilai}."),
    "scan_di_luar_rentang": (
        "{where}: {kolom} harus antara {bawah} dan {atas}, bukan {nilai}.",
        "{where}: {kolom} must be between {bawah} and {atas}, not {nilai}."),
    "berkas_baris": ("{path}, baris {baris}", "{path}, line {baris}"),
    "prm_tak_terbaca": (
        "{path}: bukan berkas parameter SaTScan yang bisa dibaca ({sebab})",
        "{path}: not a readable SaTScan parameter file ({sebab})"),
    "prm_didukung": ("{nilai} (yang didukung: {pilihan})", "{nilai} (supported: {pilihan})"),
    "prm_tak_dikenal": ("{nilai} (tidak dikenal mesin ini)", "{nilai} (not known to this engine)"),
    "prm_ditolak": (
        "{path}: pengaturan yang tidak dijalankan mesin ini: {daftar}. Ubah ke nilai bawaan SaTScan atau jalankan "
        "SaTScan sendiri.",
        "{path}: settings this engine does not implement: {daftar}. Change them to SaTScan's defaults or run "
        "SaTScan itself."),
    "prm_bukan_angka": (
        "salah satu pengaturan jendela di berkas parameter bukan angka: {sebab}",
        "a window setting of the parameter file is not a number: {sebab}"),
    "prm_replikasi_nol": (
        "MonteCarloReps=0: mesin ini selalu menghitung p; beri jumlah replikasinya",
        "MonteCarloReps=0: this engine always computes p; give the number of replications"),
    "cas_bidang": (
        "{where}: seharusnya 'lokasi jumlah tanggal', ada {n} bidang (kovariat tidak didukung)",
        "{where}: expected 'location count date', got {n} fields (covariates are not supported)"),
    "cas_bukan_bilangan": (
        "{where}: jumlah kasus {nilai} bukan bilangan bulat",
        "{where}: case count {nilai} is not a whole number"),
    "cas_negatif": ("{where}: jumlah kasus negatif {nilai}", "{where}: negative case count {nilai}"),
    "cas_kosong": ("{path}: tidak ada kasus", "{path}: no cases"),
    "geo_bidang": (
        "{where}: seharusnya 'lokasi lintang bujur', ada {n} bidang",
        "{where}: expected 'location latitude longitude', got {n} fields"),
    "geo_bukan_angka": ("{where}: koordinat {nilai} bukan angka", "{where}: coordinates {nilai} are not numbers"),
    "geo_di_luar_jangkauan": (
        "{where}: lintang {lat} / bujur {lon} di luar jangkauan",
        "{where}: latitude {lat} / longitude {lon} out of range"),
    "geo_lokasi_ganda": (
        "{where}: lokasi {lokasi} punya pasangan koordinat kedua",
        "{where}: location {lokasi} has a second set of coordinates"),
    "geo_kosong": ("{path}: tidak ada lokasi", "{path}: no locations"),
    "periode_studi_terbalik": (
        "periode studi berakhir ({akhir}) sebelum dimulai ({awal})",
        "the study period ends ({akhir}) before it starts ({awal})"),
    "kasus_di_luar_periode": (
        "{n} baris kasus di luar periode studi {awal} – {akhir} (pertama: {lokasi} pada {tanggal})",
        "{n} case rows lie outside the study period {awal} – {akhir} (first: {lokasi} on {tanggal})"),
    "lokasi_tanpa_koordinat": (
        "{n} lokasi di berkas kasus tidak punya koordinat: {daftar}",
        "{n} locations of the case file have no coordinates: {daftar}"),
    "tak_terbaca": ("{path}: tidak bisa dibaca ({sebab})", "{path}: cannot read ({sebab})"),
    "bukan_tanggal_satscan": ("{where}: {nilai} bukan tanggal YYYY/MM/DD", "{where}: {nilai} is not a date YYYY/MM/DD"),
    "proses_kubus": (
        "{desa} desa × {minggu} minggu × {penyakit} penyakit",
        "{desa} desa × {minggu} weeks × {penyakit} diseases"),
    "proses_skdr": ("aturan SKDR ...", "SKDR rules ..."),
    "proses_scan": (
        "scan {kab} {penyakit}: {desa} desa, {n} permutasi",
        "scan {kab} {penyakit}: {desa} desa, {n} permutations"),
    # -- opsdb/, access/: accounts ------------------------------------------------------
    "sandi_pendek": (
        "kata sandi perlu paling sedikit {minimal} karakter (isinya {n})",
        "the password needs at least {minimal} characters (it has {n})"),
    "nama_pengguna_salah": (
        "{nama} bukan nama pengguna yang bisa dipakai: 2-64 karakter, huruf, angka dan . _ @ - (diawali huruf "
        "atau angka).",
        "{nama} is not a usable username: 2-64 characters, letters, digits and . _ @ - (starting with a letter or "
        "digit)."),
    "akun_tak_ditambah": ("{nama} tidak bisa ditambahkan: {sebab}.", "Cannot add {nama}: {sebab}."),
    "akun_sudah_ada": (
        "Pengguna {nama} sudah ada: pakai 'user set-password' atau nama lain.",
        "User {nama} already exists: use 'user set-password' or another name."),
    "akun_tidak_ada": (
        "Tidak ada pengguna {nama}: 'python app.py user list' menampilkan akun-akunnya.",
        "No user {nama}: 'python app.py user list' shows the accounts."),
    "sandi_tak_diganti": (
        "Kata sandi {nama} tidak bisa diganti: {sebab}.",
        "Cannot set the password of {nama}: {sebab}."),
    "peran_tak_dikenal": (
        "Peran {peran} tidak dikenal: pakai salah satu dari {pilihan}.",
        "Unknown role {peran}: use one of {pilihan}."),
    "admin_tanpa_wilayah": (
        "Admin melihat semuanya: jangan beri --wilayah.",
        "An admin sees everything: leave out --wilayah."),
    "akun_dinas_perlu_wilayah": (
        "Akun {peran} perlu --wilayah (kode provinsi atau kabupaten/kota).",
        "A {peran} account needs --wilayah (a provinsi or kabupaten/kota code)."),
    "akun_puskesmas_perlu_wilayah": (
        "Akun {peran} perlu --wilayah (kode_puskesmas).",
        "A {peran} account needs --wilayah (a kode_puskesmas)."),
    "wilayah_bukan_dinas": (
        "--wilayah {wilayah} bukan kode provinsi atau kabupaten/kota (mis. 19 atau 19.06).",
        "--wilayah {wilayah} is not a provinsi or kabupaten/kota code (e.g. 19 or 19.06)."),
    "ws_tanpa_wilayah": ("Workspace {path} tidak punya {level} {kode}.", "The workspace {path} has no {level} {kode}."),
    "ws_tanpa_wk": (
        "Workspace {path} belum punya tabel puskesmas: impor dulu "
        "('python app.py import puskesmas FILE --workspace {path}').",
        "The workspace {path} has no puskesmas table: import it first "
        "('python app.py import puskesmas FILE --workspace {path}')."),
    "puskesmas_tidak_ada": (
        "Tidak ada puskesmas {kode} di tabel wilayah kerja workspace ({n} puskesmas).",
        "No puskesmas {kode} in the workspace's wilayah kerja table ({n} puskesmas)."),
    # -- workspace/store.py -------------------------------------------------------------
    "ws_kosong": (
        "Workspace {path} masih kosong: impor batas wilayah dulu dengan "
        "'python app.py import boundaries FILE --workspace {path}'.",
        "Workspace {path} is empty: import boundaries first with "
        "'python app.py import boundaries FILE --workspace {path}'."),
    "ws_tanpa_berkas": (
        "Workspace {path} tidak punya {nama}: jalankan dulu impor yang membuatnya.",
        "Workspace {path} has no {nama}: run the import that makes it first."),
    "snapshot_tidak_disimpan": (
        "Snapshot {snapshot} tidak disimpan di {path} (yang disimpan: {kept}); hanya beberapa snapshot terakhir "
        "yang bisa dikembalikan.",
        "Snapshot {snapshot} is not kept in {path} (kept: {kept}); only the last few snapshots can be rolled back to."),
    "snapshot_sudah_aktif": (
        "Snapshot {snapshot} sudah yang aktif: tidak ada yang perlu dikembalikan.",
        "Snapshot {snapshot} is already the live one: nothing to roll back."),
    "impor_bersamaan": (
        "Workspace {path}: impor lain ({lain}) selesai selama impor ini berjalan, jadi impor ini tidak disimpan "
        "(menyimpannya akan membatalkan impor lain itu). Impor ini tidak mengubah apa pun: jalankan lagi.",
        "Workspace {path}: another import ({lain}) finished while this import ran, so this one was not saved "
        "(saving it would undo the other). Nothing was changed by this import: run it again."),
    # -- uploads/: the upload page's own checks and the shared import door ---------------
    "unggah_zip_rusak": (
        "Berkas zip ini rusak atau tidak lengkap: simpan atau unduh lagi.",
        "This zip file is damaged or incomplete: save or download it again."),
    "unggah_zip_lain": (
        "Arsip zip ini tidak berisi buku kerja Excel maupun shapefile (.shp).",
        "This zip archive holds neither an Excel workbook nor a shapefile (.shp)."),
    "unggah_xls_lama": (
        "Ini buku kerja Excel lama (.xls): buka di Excel atau LibreOffice dan simpan sebagai .xlsx.",
        "This is an old Excel (.xls) workbook: open it in Excel or LibreOffice and save it as .xlsx."),
    "unggah_biner": (
        "Berkas ini bukan berkas tabel atau peta yang dibaca PWS-ILP (isinya data biner jenis lain). Kirim buku "
        "kerja Excel (.xlsx), CSV, GeoJSON, GeoPackage, Parquet atau shapefile dalam zip.",
        "This file is not a table or map file PWS-ILP reads (its content is binary data of another kind). Send an "
        "Excel workbook (.xlsx), CSV, GeoJSON, GeoPackage, Parquet or a zipped shapefile."),
    "jenis_impor_tak_dikenal": (
        "Jenis {jenis} tidak dikenal: pakai salah satu dari {pilihan}.",
        "Unknown kind {jenis}: use one of {pilihan}."),
    "impor_hanya_admin": (
        "Berkas {jenis} hanya bisa diimpor oleh admin.",
        "A {jenis} file can only be imported by an admin."),
    "tanpa_periksa": (
        "Berkas {jenis} tidak punya langkah periksa tersendiri di sini: pakai 'python app.py check' untuk batas "
        "wilayah, atau impor saja (impornya atomik dan melaporkan setiap masalah).",
        "A {jenis} file has no separate check step here: use 'python app.py check' for boundaries, or import it "
        "(the import is atomic and reports every problem)."),
    # -- reports/: report deadlines and templates ----------------------------------------
    "zona_tak_dikenal": (
        "zona waktu {zona} tidak dikenal: pakai WIB, WITA, WIT atau nama seperti Asia/Jakarta.",
        "time zone {zona} unknown: use WIB, WITA, WIT or a name such as Asia/Jakarta."),
    "pengaturan_tak_dikenal": (
        "pengaturan laporan {kunci} tidak dikenal; yang dikenal: {pilihan}.",
        "report setting {kunci} unknown; known: {pilihan}."),
    "pengaturan_bukan_jam": (
        "pengaturan laporan {kunci}: {nilai} bukan jam HH:MM.",
        "report setting {kunci}: {nilai} is not a time HH:MM."),
    "pengaturan_bukan_bilangan": (
        "pengaturan laporan {kunci}: {nilai} bukan bilangan bulat.",
        "report setting {kunci}: {nilai} is not a whole number."),
    "jenis_laporan_tak_dikenal": (
        "jenis {jenis} tidak dikenal: pakai salah satu dari {pilihan}.",
        "jenis {jenis} unknown: use one of {pilihan}."),
    "kedatangan_kolom": (
        "tabel kedatangan laporan tidak punya kolom {hilang} (perlu {kolom}).",
        "the arrivals table lacks column(s) {hilang} (needs {kolom})."),
    "opsi_bukan_bulan": (
        "{opsi} {nilai} bukan bulan; tulis sebagai 2026-09.",
        "{opsi} {nilai} is not a month; write it as 2026-09."),
    "templat_xlsx": (
        "{path}: templat adalah buku kerja Excel; beri nama berakhiran .xlsx.",
        "{path}: a template is an Excel workbook; name it .xlsx."),
    # -- mapdata/brief.py: the weekly brief ----------------------------------------------
    "ringkasan_wilayah_tak_ada": (
        "wilayah {wilayah} tidak ada di workspace ini (atau di luar wilayah Anda): beri kode kabupaten/kota, "
        "kecamatan atau kode_puskesmas.",
        "wilayah {wilayah} is not in this workspace (or not in your area): give a kabupaten/kota, kecamatan or "
        "kode_puskesmas code."),
    "ringkasan_tingkat": (
        "wilayah {wilayah} adalah {level}: ringkasan ditulis untuk kabupaten/kota, kecamatan atau puskesmas.",
        "wilayah {wilayah} is a {level}: a brief is written for a kabupaten/kota, a kecamatan or a puskesmas."),
    # -- commands/: options of the command line ------------------------------------------
    "area_bukan_kode": (
        "--area {nilai} bukan kode Kemendagri (mis. 19.06 atau 1906).",
        "--area {nilai} is not a Kemendagri code (e.g. 19.06 or 1906)."),
    "ws_kosong_tabel": (
        "Workspace {path} masih kosong: impor batas wilayah dan indikator dulu.",
        "Workspace {path} is empty: import boundaries and indicators first."),
    "templat_perlu_periode": (
        "template indikator perlu --periode YYYY-MM (bulan laporannya).",
        "template indikator needs --periode YYYY-MM (the month of the report)."),
    "templat_perlu_minggu": (
        "template w2 perlu --minggu YYYY-Www (minggu ISO laporannya, mis. 2026-W40).",
        "template w2 needs --minggu YYYY-Www (the ISO week of the report, e.g. 2026-W40)."),
    "pengaturan_json": (
        "{path}: bukan objek JSON dengan bagian 'laporan' ({sebab}).",
        "{path}: not a JSON object with a 'laporan' part ({sebab})."),
    "bukan_waktu": (
        "{opsi} {nilai} bukan tanggal dan jam; tulis sebagai {contoh}.",
        "{opsi} {nilai} is not a date and time; write it as {contoh}."),
    "bukan_tanggal": (
        "{opsi} {nilai} bukan tanggal: pakai YYYY-MM-DD atau YYYY-MM-DDTHH:MM.",
        "{opsi} {nilai} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM."),
    "tanpa_sandi": (
        "Tidak ada kata sandi di masukan standar: salurkan lewat pipe, mis. "
        "'printf %s \"$PW\" | python app.py user ...'.",
        "No password on standard input: pipe it in, e.g. 'printf %s \"$PW\" | python app.py user ...'."),
    "replikasi_minimal": ("--replications paling sedikit 1", "--replications must be at least 1"),
    "demo_sudah_ada_contoh": (
        "Workspace {path} sudah berisi demo (snapshot {snapshot}). Tambahkan --force untuk menggantinya dengan "
        "demo, atau pilih folder lain dengan --workspace DIR.",
        "Workspace {path} already holds a demo (snapshot {snapshot}). Add --force to replace it with the demo, or "
        "choose another folder with --workspace DIR."),
    "demo_sudah_ada_data": (
        "Workspace {path} sudah berisi data nyata (snapshot {snapshot}). Tambahkan --force untuk menggantinya "
        "dengan demo, atau pilih folder lain dengan --workspace DIR.",
        "Workspace {path} already holds real data (snapshot {snapshot}). Add --force to replace it with the demo, "
        "or choose another folder with --workspace DIR."),
    "workspace_kosong": (
        "Workspace {path} masih kosong: impor batas desa dulu ('python app.py import boundaries FILE --workspace "
        "{path}'), atau jalankan 'python app.py' untuk demo.",
        "Workspace {path} is empty: import boundaries first ('python app.py import boundaries FILE --workspace "
        "{path}'), or run 'python app.py' for the demo."),
    "debug_host": (
        "--debug hanya untuk alamat komputer ini (127.0.0.1 atau localhost), bukan {host}: debugger-nya "
        "menjalankan kode yang dikirim kepadanya. Jalankan tanpa --debug.",
        "--debug is only for this machine's address (127.0.0.1 or localhost), not {host}: its debugger runs code "
        "sent to it. Run without --debug."),
    "tanpa_admin": (
        "Belum ada akun admin di {path}, jadi tidak ada yang bisa masuk dari jaringan di {host}. Tambahkan dulu:\n"
        "  python app.py user add NAMA --role admin --workspace {path} --password-stdin\n"
        "(ketik kata sandinya, atau salurkan lewat pipe), lalu jalankan serve lagi.",
        "No admin account in {path}, so nobody could log in from the network at {host}. Add one first:\n"
        "  python app.py user add NAME --role admin --workspace {path} --password-stdin\n"
        "(type the password, or pipe it in), then start serve again."),
    # -- demo/build.py: progress lines of the demo build ---------------------------------
    "demo_batas": (
        "Demo: batas wilayah (desa, kecamatan, kabupaten, provinsi)…",
        "Demo: boundaries (desa, kecamatan, kabupaten, provinsi)…"),
    "demo_fasilitas": ("Demo: posyandu, pustu dan puskesmas…", "Demo: posyandu, pustu and puskesmas…"),
    "demo_indikator": ("Demo: nilai indikator bulanan…", "Demo: monthly indicator values…"),
    "demo_wk": ("Demo: wilayah kerja puskesmas…", "Demo: puskesmas wilayah kerja…"),
    "demo_menulis": ("Demo: menulis workspace…", "Demo: writing the workspace…"),
    "demo_selesai": ("Demo: selesai dalam {detik} detik → {path}", "Demo: done in {detik} s → {path}"),
    "demo_kasus": (
        "Demo: kasus mingguan sampai {minggu} dan peringatannya (scan ruang-waktu, agak lama)…",
        "Demo: weekly cases up to {minggu} and their alerts (space-time scan, takes a while)…"),
    "demo_langkah": ("Demo:   {pesan}", "Demo:   {pesan}"),
    "k_minimal": ("--k {k}: jumlah kelas paling sedikit 1.", "--k {k}: the number of classes must be at least 1."),
    "demo_respon": ("Demo: tindak lanjut peringatan (langkah buatan)…", "Demo: alert responses (generated steps)…"),
    "demo_respon_selesai": (
        "Demo:   {alerts} peringatan dicatat, {steps} langkah",
        "Demo:   {alerts} alerts recorded, {steps} steps"),
    # -- surveillance/response.py: the 24-hour verification targets ---------------------
    "respon_target_tidak_ada": (
        "{path}: berkas target tidak ditemukan (kolom kode_wilayah, target_persen).",
        "{path}: target file not found (columns kode_wilayah, target_persen)."),
    "respon_target_kolom": (
        "{path}: kolom {hilang} tidak ada (kode_wilayah, target_persen).",
        "{path}: columns {hilang} are missing (kode_wilayah, target_persen)."),
    "respon_target_persen": (
        "{path}, baris {baris}: target_persen {nilai} bukan persentase 0 sampai 100.",
        "{path}, row {baris}: target_persen {nilai} is not a percentage from 0 to 100."),
    "demo_kiriman": (
        "Demo: kedatangan laporan (laporan W2 dan bulanan buatan)…",
        "Demo: report arrivals (generated W2 and monthly reports)…"),
    "demo_kiriman_selesai": ("Demo:   {n} kiriman dicatat", "Demo:   {n} submissions recorded"),
}

ID = {key: pair[0] for key, pair in _PAIRS.items()}
EN = {key: pair[1] for key, pair in _PAIRS.items()}
STRINGS = {"id": ID, "en": EN}
