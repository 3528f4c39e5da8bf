"""``python app.py scan CASES.cas COORDS.geo [--prm FILE.prm]``: the space-time scan on SaTScan's own files."""

from __future__ import annotations

import math

from commands import print_json
from texts.cli import say


def register(commands, imports) -> None:
    """Add ``scan``."""
    p = commands.add_parser(
        "scan",
        help="space-time permutation scan of SaTScan files (case, coordinates, parameter file)",
        description="Run the dashboard's space-time permutation scan on a SaTScan case file "
        "(location count date) and coordinates file (location latitude longitude), with the settings "
        "of a SaTScan parameter file. A parameter the engine does not implement is refused by name.",
    )
    p.add_argument("cases", metavar="CASES.cas", help="SaTScan case file: location count date (YYYY/MM/DD)")
    p.add_argument("coordinates", metavar="COORDS.geo", help="SaTScan coordinates file: location latitude longitude")
    p.add_argument("--prm", metavar="FILE.prm", default=None,
                   help="SaTScan parameter file (default: a prospective scan by day with SaTScan's defaults)")
    p.add_argument("--replications", type=int, default=None, metavar="N",
                   help="Monte Carlo replications (default: the parameter file's MonteCarloReps, else 999)")
    p.add_argument("--seed", type=int, default=0, help="seed of the replications (default 0)")
    p.add_argument("--json", action="store_true", help="print the clusters as a JSON list")
    p.set_defaults(handler=_scan)


def _scan(args) -> int:
    from errors import PwsError
    from surveillance import satscan_files, spacetime

    if args.replications is not None and args.replications < 1:
        raise PwsError("replikasi_minimal")
    data = satscan_files.load(args.cases, args.coordinates, args.prm, replications=args.replications)
    settings = data.settings.with_(seed=args.seed)
    found = spacetime.scan(data.counts, data.lat, data.lon, settings)
    found = found[found["p"] < 1.0]  # SaTScan's list stops before clusters no replication beats
    clusters = [_cluster_record(data, settings, row) for row in found.itertuples(index=False)]
    if args.json:
        print_json(clusters, args.lang)
        return 0
    lang = args.lang
    print(say("scan_kepala", lang, jenis=say("scan_prospektif" if settings.prospective else "scan_retrospektif", lang),
              lokasi=len(data.locations), kasus=int(data.counts.sum()), dari=data.unit_starts[0], sampai=data.end,
              n=settings.replications))
    if not clusters:
        print(say("scan_tanpa_klaster", lang))
    for n, c in enumerate(clusters, start=1):
        print(_cluster_text(n, c, lang))
    return 0


def _cluster_record(data, settings, row) -> dict:
    """One cluster as plain values (ids, dates as ISO strings)."""
    unit = "week" if data.unit_days == 7 else "day"
    return {
        "locations": [data.locations[i] for i in row.locations],
        "centre": data.locations[row.centre],
        "latitude": float(data.lat[row.centre]), "longitude": float(data.lon[row.centre]),
        "radius_km": round(float(row.radius_km), 6),
        "start": data.unit_starts[row.start].isoformat(), "end": data.unit_end(row.end).isoformat(),
        "observed": int(row.observed), "expected": float(row.expected),
        "ratio": float(row.observed / row.expected), "llr": float(row.llr), "p": float(row.p),
        "recurrence": float(row.recurrence) if settings.prospective else None, "time_unit": unit,
    }


def _cluster_text(n: int, c: dict, lang: str = "en") -> str:
    """A cluster as SaTScan prints it in its results file (its own English labels; in ``id``, the same in Indonesian)."""
    ids = ", ".join(c["locations"])
    lat = f"{abs(c['latitude']):.6f} {'N' if c['latitude'] >= 0 else 'S'}"
    lon = f"{abs(c['longitude']):.6f} {'E' if c['longitude'] >= 0 else 'W'}"
    radius = "0" if c["radius_km"] == 0 else f"{c['radius_km']:.2f}"
    lines = [
        say("scan_lokasi", lang, n=n, ids=ids),
        say("scan_koordinat", lang, lat=lat, lon=lon, radius=radius),
        say("scan_waktu", lang, dari=c["start"].replace("-", "/"), sampai=c["end"].replace("-", "/")),
        say("scan_kasus", lang, n=c["observed"]),
        say("scan_harapan", lang, n=satscan_number(c["expected"])),
        say("scan_rasio", lang, n=_half_up(c["ratio"])),
        say("scan_statistik", lang, n=f"{c['llr']:.6f}"),
        say("scan_p", lang, n=f"{c['p']:.3f}"),
    ]
    if c["recurrence"] is not None:
        units = max(1, round(c["recurrence"]))
        unit = say("scan_satuan_" + c["time_unit"] + ("" if units == 1 else "s"), lang)
        lines.append(say("scan_ulang", lang, n=units, satuan=unit))
    return "\n".join(lines)


def _half_up(x: float) -> str:
    """Two decimals, halves rounded up as SaTScan prints them (2 / 0.16494845 → 12.13)."""
    return f"{math.floor(x * 100 + 0.5 + 1e-9) / 100:.2f}"


def satscan_number(x: float) -> str:
    """A count as SaTScan prints expected cases: 2 decimals, or 2 significant digits below 0.1.

    >>> satscan_number(0.6702), satscan_number(0.0721)
    ('0.67', '0.072')
    """
    if x == 0 or x >= 0.1:
        return f"{x:.2f}"
    decimals = 1 - int(math.floor(math.log10(abs(x))))
    return f"{x:.{decimals}f}"
