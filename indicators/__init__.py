"""ILP indicators: catalogue, import, roll-up, PWS status, map classes and fast map questions.

Modules (pure logic, DataFrames and plain values in and out; no Dash):

* :mod:`indicators.catalogue` — ``load_catalogue()`` (``data/indikator.csv``, indexed
  by id), ``load_klaster()``, per-kabupaten targets (``indikator/target.parquet``):
  ``import_targets(ws, file)``, ``target_overrides(ws)``, ``annual_target(...)``.
* :mod:`indicators.importer` — ``import_indicators(ws, file, mapping=None, progress=None)
  -> ImportReport`` for CSV / ``.xlsx`` / Parquet, long or wide form (mapping file
  ``kolom,isi,indikator``); every bad row reported by file row number.
* :mod:`indicators.rollup` — the roll-up and year-to-date rule (sums of pembilang and
  penyebut over reporting desa), ``rollup(nilai, desa, level, periode)``, ``scale``.
* :mod:`indicators.status` — ``pws_status(nilai_pws, target, nilai, nilai_lalu, arah)``,
  ``target_bulan``; the tie rules are in its docstring.
* :mod:`indicators.classify` — ``classify(values, scheme, k) -> Classification``.
* :mod:`indicators.query` — ``IndicatorQuery(workspace)``: ``periods()``,
  ``children(parent_kode, indikator, periode, skema="pws", k=5, level=None)``,
  ``series(kode, indikator)``, ``rapor(kode_desa, periode)``.

Workspace files: ``indikator/nilai.parquet`` (the contract's desa rows) and
``indikator/agregat/<id>.parquet`` (derived, one file per indicator: every level
with year-to-date, tied to nilai by ``manifest["indikator"]["agregat_untuk"]``).
Anything else that writes nilai should call :func:`indicators.rollup.write_aggregates`
in the same transaction; otherwise :class:`~indicators.query.IndicatorQuery` computes
the aggregates in memory once per snapshot.
"""
