"""Every row an import did not take (or took with a change), as rows of one table, in the page's language.

The importers report their problems in their own shapes (the indicator
import's ``rejected``, the case import's ``problems``, the facility and
puskesmas checks' lists by problem, the targets' rows, the boundary repair's
lists). :func:`problem_rows` turns each into ``{"baris", "kode", "alasan",
"luar", "catatan"}``: row number, the code it names, the reason in words,
whether the row lies outside the sender's wilayah, and whether the row was
imported all the same (``catatan``: a note, such as swapped coordinates put
right). No Flask, no Dash: the upload page renders the list.
"""

from __future__ import annotations

from texts import t
from texts.message import in_lang

FACILITY_NOTES = ("swapped_coordinates", "desa_mismatch", "invalid_desa_code", "unknown_status")
"""Facility rows imported all the same (put right, or placed by their coordinates)."""

PUSKESMAS_ROWS = ("missing_puskesmas", "invalid_puskesmas_code", "invalid_desa_code", "unknown_desa", "bad_coordinates")
"""Puskesmas-table lists with one entry per row (``bad_coordinates``: imported without the building's point)."""


def problem_rows(kind: str, report: dict, lang: str = "id") -> list[dict]:
    """The rows of ``report`` (an importer's report of ``kind``) not imported or imported with a note, by row."""
    out = _BY_KIND.get(kind, _generic)(report, lang)
    return sorted(out, key=lambda r: (r["baris"] is None, r["baris"] or 0))


def _row(baris, kode, alasan: str, luar: bool = False, catatan: bool = False) -> dict:
    return {"baris": baris or None, "kode": kode, "alasan": alasan, "luar": luar, "catatan": catatan}


def _says(reason, key: str) -> bool:
    """Whether a row's reason is, or joins, the message ``key`` (an indicator row has one or several reasons)."""
    parts = [reason, *getattr(reason, "params", {}).get("daftar", [])]
    return any(getattr(m, "key", None) == key for m in parts)


def _indicators(report: dict, lang: str) -> list[dict]:
    out = [_row(r["baris"], r.get("kode_desa"), in_lang(r["alasan"], lang), luar=_says(r["alasan"], "alasan_luar_wilayah"))
           for r in report.get("rejected", [])]
    for c in report.get("codes_without_desa", []):
        out += [_row(b, c["kode_desa"], t("masalah_kode_tanpa_desa", lang)) for b in c["baris"]]
    return out


def _generic(report: dict, lang: str) -> list[dict]:
    """The case import's ``problems`` (and any importer reporting in that shape)."""
    out = [_row(p.get("row"), p.get("kode_desa") or p.get("tempat") or p.get("value"),
                in_lang(p.get("reason") or p.get("alasan") or "", lang), luar=bool(p.get("luar_wilayah")))
           for p in report.get("problems", [])]
    for key in ("outside", "unassigned", "bad_rows", "rejected_rows"):
        for p in report.get(key, []) if isinstance(report.get(key), list) else []:
            out.append(_row(p.get("row"), p.get("kode_desa"), str(p)))
    return out


def _posyandu(report: dict, lang: str) -> list[dict]:
    from facilities.importer import PROBLEMS

    out = []
    for key in PROBLEMS:
        for p in report.get(key, []):
            out.append(_row(p.get("row"), p.get("id") or p.get("kode_desa"),
                            t(f"masalah_fasilitas_{key}", lang, **_fill(p, lang)), catatan=key in FACILITY_NOTES))
    return out


def _puskesmas(report: dict, lang: str) -> list[dict]:
    out = []
    for key in PUSKESMAS_ROWS:
        for p in report.get(key, []):
            out.append(_row(p["row"], p.get("kode_desa") or p.get("kode_puskesmas"),
                            t(f"masalah_puskesmas_{key}", lang, **_fill(p, lang)), catatan=key == "bad_coordinates"))
    for c in report.get("claimed_twice", []):
        rows = ", ".join(f"{r['row']} ({r['kode_puskesmas']})" for r in c["rows"])
        out += [_row(r["row"], c["kode_desa"], t("masalah_puskesmas_claimed_twice", lang, kode_desa=c["kode_desa"], baris=rows))
                for r in c["rows"]]
    for c in report.get("crossing_kabupaten", []):
        out += [_row(b, c["kode_puskesmas"], t("masalah_puskesmas_crossing_kabupaten", lang, kode_puskesmas=c["kode_puskesmas"],
                                               kabupaten=", ".join(c["kabupaten"])))
                for b in c["rows"]]
    for p in report.get("repeated_rows", []):
        out.append(_row(p["row"], p["kode_desa"], t("masalah_puskesmas_repeated_rows", lang, first_row=p["first_row"]),
                        catatan=True))
    return out


def _targets(report: dict, lang: str) -> list[dict]:
    return [_row(p["row"], str(p["value"]), t(f"masalah_target_{p['masalah']}", lang, value=p["value"]))
            for p in report.get("problems", [])]


def _boundaries(report: dict, lang: str) -> list[dict]:
    from geo.importer import problem_text
    from geo.repair import PROBLEM_KEYS
    from texts.message import Message

    out = []
    for key in PROBLEM_KEYS:
        name = Message("masalah_" + key).text(lang)
        for e in report.get(key, []):
            row = (e.get("rows") or [None])[0] if isinstance(e, dict) and "rows" in e else (
                e.get("row") if isinstance(e, dict) else None)
            kode = e.get("kode") if isinstance(e, dict) else None
            # a repaired shape is kept: a note, not a rejected row
            out.append(_row(row, kode, f"{name}: {problem_text(key, e, lang)}", catatan=key == "repaired"))
    return out


def _fill(p: dict, lang: str) -> dict:
    """A problem's fields for a message, in ``lang`` (absent ones as ``–``)."""
    return {k: ("–" if v is None else in_lang(v, lang)) for k, v in p.items()} | {k: "–" for k in
                                                                  ("lat", "lon", "id", "kode_desa", "kode_puskesmas")
                                                                  if k not in p}


_BY_KIND = {"indicators": _indicators, "cases": _generic, "posyandu": _posyandu, "puskesmas": _puskesmas,
            "targets": _targets, "boundaries": _boundaries}
