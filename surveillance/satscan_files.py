"""SaTScan's input files: case file, coordinates file and parameter file (.prm).

Read into a location × time-unit table, coordinates and :class:`ScanSettings`
for :func:`surveillance.spacetime.scan`. A .prm setting the engine does not
implement is refused by name (a :class:`PwsError`), never ignored: the
settings are sorted into those read, those that must keep the value the engine
implements (SaTScan's default), and those that only change SaTScan's output
files or apply only when another setting is on.
"""

from __future__ import annotations

import configparser
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from errors import PwsError
from texts.message import Message
from surveillance.spacetime import ScanSettings

# settings that must keep one of these values (what the engine implements)
REQUIRED = {
    "PrecisionCaseTimes": {"3"},  # day
    "ControlFile": {""},
    "PopulationFile": {""},  # the space-time permutation model needs none
    "UseGridFile": {"n"},
    "CoordinatesType": {"1"},  # latitude/longitude
    "AnalysisType": {"3", "4"},  # retrospective / prospective space-time
    "ModelType": {"2"},  # space-time permutation
    "ScanAreas": {"1"},  # high rates
    "TimeAggregationUnits": {"3"},  # days (a week is 7 days)
    "TimeAggregationLength": {"1", "7"},
    "StudyPeriodCheckType": {"0"},
    "GeographicalCoordinatesCheckType": {"0"},
    "UseLocationsNetworkFile": {"n"},
    "UseNeighborsFile": {"n"},
    "UseMetaLocationsFile": {"n"},
    "MultipleCoordinatesType": {"0"},
    "UseMaxCirclePopulationFileOption": {"n"},
    "IncludePurelyTemporal": {"n"},
    "SpatialWindowShapeType": {"0"},
    "IsotonicScan": {"0"},
    "IncludePurelySpatial": {"n"},
    "IncludeClusters": {"0"},
    "RiskLimitHighClusters": {"n"},
    "RiskLimitLowClusters": {"n"},
    "TimeTrendAdjustmentType": {"0"},
    "AdjustForWeeklyTrends": {"n"},
    "SpatialAdjustmentType": {"0"},
    "UseAdjustmentsByRRFile": {"n"},
    "PValueReportType": {"0", "1"},  # standard Monte Carlo
    "ReportGumbel": {"n"},
    "AdjustForEarlierAnalyses": {"n"},
    "IterativeScan": {"n"},
    "PerformStandardDrilldown": {"n"},
    "PerformBernoulliDrilldown": {"n"},
    "CalculateOliveira": {"n"},
    "ProspectiveFrequencyType": {"0"},
    "ProspectiveFrequency": {"1"},
    "PerformPowerEvaluation": {"n"},
    "CriteriaForReportingSecondaryClusters": {"0"},  # no geographical overlap
    "ReportGiniClusters": {"n"},
    "UseReportOnlySmallerClusters": {"n"},
    "SimulatedDataMethodType": {"0"},
    "MultipleDataSetsPurposeType": {"0"},
}

# settings read into ScanSettings (with SaTScan's defaults when absent)
READ = {
    "CaseFile": "", "CoordinatesFile": "", "StartDate": "", "EndDate": "",
    "MaxSpatialSizeInPopulationAtRisk": "50", "UseDistanceFromCenterOption": "n",
    "MaxSpatialSizeInDistanceFromCenter": "1", "MinimumTemporalClusterSize": "1",
    "MaxTemporalSizeInterpretation": "0", "MaxTemporalSize": "50", "MinimumCasesInHighRateClusters": "2",
    "MonteCarloReps": "999", "ReportHierarchicalClusters": "y",
}

# output files, run options, and settings that apply only when a REQUIRED one is on
IGNORED_SECTIONS = {
    "Output", "Temporal Output", "Other Output", "Line List", "Notifications", "Run Options", "System",
    "Power Evaluation", "Power Simulations", "Cluster Drilldown", "Elliptic Scan",
}
IGNORED = {
    "GridFile", "DataSet1-Name", "LocationsNetworkFilename", "NeighborsFilename", "MetaLocationsFilename",
    "MultipleLocationsFile", "MaxSpatialSizeInMaxCirclePopulationFile", "MaxCirclePopulationFile",
    "NonCompactnessPenalty", "IntervalStartRange", "IntervalEndRange", "RiskThresholdHighClusters",
    "RiskThresholdLowClusters", "MinimumCasesInLowRateClusters", "TimeTrendPercentage", "TimeStratifiedAdjLength",
    "TimeTrendType", "AdjustmentsByKnownRelativeRisksFilename", "EarlyTerminationThreshold",
    "ProspectiveStartDate", "IterativeScanMaxIterations", "IterativeScanMaxPValue", "NumBootstrapReplications",
    "OliveiraPvalueCutoff", "LaunchMapViewer", "CompressKMLtoKMZ", "IncludeClusterLocationsKML",
    "ThresholdLocationsSeparateKML", "GiniIndexClusterReportingType", "SpatialMaxima",
    "GiniIndexClustersPValueCutOff", "ReportGiniIndexCoefficents", "MaxSpatialSizeInPopulationAtRisk_Reported",
    "UseMaxCirclePopulationFileOption_Reported", "MaxSizeInMaxCirclePopulationFile_Reported",
    "UseDistanceFromCenterOption_Reported", "MaxSpatialSizeInDistanceFromCenter_Reported",
}


@dataclass
class SatscanData:
    """A scan's input: the case table, its locations and time units, and the settings."""

    counts: np.ndarray  # locations × units, oldest unit first
    locations: list[str]
    lat: np.ndarray
    lon: np.ndarray
    unit_starts: list[dt.date]  # first day of each unit
    unit_days: int
    end: dt.date  # last day of the study period
    settings: ScanSettings

    def unit_end(self, unit: int) -> dt.date:
        """Last day of a time unit."""
        return self.end - dt.timedelta(days=self.unit_days * (len(self.unit_starts) - 1 - unit))


def read_parameters(path) -> dict[str, str]:
    """The .prm as {setting: value}, checked: a setting the engine does not implement raises PwsError.

    Raises
    ------
    PwsError
        naming each setting whose value the engine does not implement.
    """
    parser = configparser.ConfigParser(interpolation=None, comment_prefixes=(";",), inline_comment_prefixes=None,
                                       strict=False)
    parser.optionxform = str
    try:
        parser.read_string(Path(path).read_text(encoding="utf-8", errors="replace"))
    except (OSError, configparser.Error) as exc:
        raise PwsError("prm_tak_terbaca", path=path, sebab=exc) from exc
    values, refused = {}, []
    for section in parser.sections():
        for key, value in parser.items(section):
            value = value.strip()
            if key in REQUIRED:
                values[key] = value
                if value.lower() not in REQUIRED[key]:
                    refused.append(Message("prm_didukung", nilai=f"{key}={value}", pilihan=", ".join(sorted(REQUIRED[key]))))
            elif key in READ:
                values[key] = value
            elif key in IGNORED or section in IGNORED_SECTIONS:
                continue
            elif value not in ("", "n", "0"):
                refused.append(Message("prm_tak_dikenal", nilai=f"{key}={value}"))
    if refused:
        raise PwsError("prm_ditolak", path=path, daftar=refused)
    return values


def settings_from_parameters(values: dict[str, str], replications: int | None = None) -> tuple[ScanSettings, dict]:
    """ScanSettings and the input part (files, study period, unit length) of checked .prm values."""
    v = {**READ, **values}
    try:
        use_radius = v["UseDistanceFromCenterOption"].lower() == "y"
        in_time = v["MaxTemporalSizeInterpretation"] == "1"
        settings = ScanSettings(
            max_share=float(v["MaxSpatialSizeInPopulationAtRisk"]) / 100,
            max_radius_km=float(v["MaxSpatialSizeInDistanceFromCenter"]) if use_radius else None,
            min_time=int(v["MinimumTemporalClusterSize"]),
            max_time=int(float(v["MaxTemporalSize"])) if in_time else None,
            max_time_share=1.0 if in_time else float(v["MaxTemporalSize"]) / 100,
            min_cases=int(v["MinimumCasesInHighRateClusters"]),
            prospective=values.get("AnalysisType", "4") == "4",
            replications=replications or int(v["MonteCarloReps"]),
            max_clusters=None if v["ReportHierarchicalClusters"].lower() == "y" else 1,
        )
    except ValueError as exc:
        raise PwsError("prm_bukan_angka", sebab=exc) from exc
    if settings.replications < 1:
        raise PwsError("prm_replikasi_nol")
    files = {
        "start": _date(v["StartDate"], "StartDate") if v["StartDate"] else None,
        "end": _date(v["EndDate"], "EndDate") if v["EndDate"] else None,
        "unit_days": int(values.get("TimeAggregationLength", "1")),
        "case_file": v["CaseFile"], "coordinates_file": v["CoordinatesFile"],
    }
    unit = "week" if files["unit_days"] == 7 else "day"
    return settings.with_(time_unit=unit), files


def read_cases(path) -> pd.DataFrame:
    """SaTScan case file ``location count date`` (whitespace separated) as location, count, date."""
    rows = []
    for n, line in enumerate(_lines(path), start=1):
        if not line:
            continue
        parts = line.split()
        if len(parts) != 3:
            raise PwsError("cas_bidang", where=Message("berkas_baris", path=path, baris=n), n=len(parts))
        loc, count, date = parts
        try:
            count = int(count)
        except ValueError:
            raise PwsError("cas_bukan_bilangan", where=Message("berkas_baris", path=path, baris=n), nilai=repr(count)) from None
        if count < 0:
            raise PwsError("cas_negatif", where=Message("berkas_baris", path=path, baris=n), nilai=count)
        rows.append((loc, count, _date(date, Message("berkas_baris", path=path, baris=n))))
    if not rows:
        raise PwsError("cas_kosong", path=path)
    return pd.DataFrame(rows, columns=["location", "count", "date"])


def read_coordinates(path) -> pd.DataFrame:
    """SaTScan coordinates file ``location latitude longitude`` as location, lat, lon."""
    rows, seen = [], set()
    for n, line in enumerate(_lines(path), start=1):
        if not line:
            continue
        parts = line.split()
        if len(parts) != 3:
            raise PwsError("geo_bidang", where=Message("berkas_baris", path=path, baris=n), n=len(parts))
        try:
            lat, lon = float(parts[1]), float(parts[2])
        except ValueError:
            raise PwsError("geo_bukan_angka", where=Message("berkas_baris", path=path, baris=n),
                           nilai=f"{parts[1]!r} {parts[2]!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise PwsError("geo_di_luar_jangkauan", where=Message("berkas_baris", path=path, baris=n), lat=lat, lon=lon)
        if parts[0] in seen:
            raise PwsError("geo_lokasi_ganda", where=Message("berkas_baris", path=path, baris=n), lokasi=parts[0])
        seen.add(parts[0])
        rows.append((parts[0], lat, lon))
    if not rows:
        raise PwsError("geo_kosong", path=path)
    return pd.DataFrame(rows, columns=["location", "lat", "lon"])


def load(case_file, coordinates_file, parameter_file=None, replications: int | None = None) -> SatscanData:
    """Case, coordinates and (optional) parameter file as one :class:`SatscanData`.

    Without a parameter file: SaTScan's defaults for a prospective space-time
    permutation scan by day over the days of the case file.
    """
    values = read_parameters(parameter_file) if parameter_file else {"AnalysisType": "4"}
    settings, period = settings_from_parameters(values, replications)
    cases = read_cases(case_file)
    coords = read_coordinates(coordinates_file)
    start = period["start"] or cases["date"].min()
    end = period["end"] or cases["date"].max()
    if end < start:
        raise PwsError("periode_studi_terbalik", akhir=end, awal=start)
    outside = cases[(cases["date"] < start) | (cases["date"] > end)]
    if len(outside):
        raise PwsError("kasus_di_luar_periode", n=len(outside), awal=start, akhir=end,
                       lokasi=outside.iloc[0]["location"], tanggal=outside.iloc[0]["date"])
    unknown = sorted(set(cases["location"]) - set(coords["location"]))
    if unknown:
        raise PwsError("lokasi_tanpa_koordinat", n=len(unknown), daftar=", ".join(unknown[:10]))
    days = period["unit_days"]
    n_units = -(-((end - start).days + 1) // days)
    # units are counted back from the end date, so the last unit is whole
    back = np.array([(end - d).days // days for d in cases["date"]])
    unit = n_units - 1 - back
    row = pd.Index(coords["location"]).get_indexer(cases["location"])
    counts = np.zeros((len(coords), n_units))
    np.add.at(counts, (row, unit), cases["count"].to_numpy())
    unit_starts = [end - dt.timedelta(days=days * (n_units - u) - 1) for u in range(n_units)]
    unit_starts[0] = max(unit_starts[0], start)
    return SatscanData(counts, coords["location"].tolist(), coords["lat"].to_numpy(), coords["lon"].to_numpy(),
                       unit_starts, days, end, settings)


def _lines(path):
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise PwsError("tak_terbaca", path=path, sebab=exc.strerror) from exc
    return [line.strip() for line in text.splitlines()]


def _date(text: str, where: str) -> dt.date:
    """SaTScan's day format YYYY/MM/DD (also YYYY-MM-DD)."""
    try:
        y, m, d = (int(x) for x in text.replace("-", "/").split("/"))
        return dt.date(y, m, d)
    except ValueError:
        raise PwsError("bukan_tanggal_satscan", where=where, nilai=repr(text)) from None
