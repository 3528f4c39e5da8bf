"""EARS C1/C2/C3 agree week by week with R's ``surveillance::earsC`` on the package's own data.

R writes, for each labelled data set and method, every series' observed counts,
upper bound and alarm (``NA`` where R has none, e.g. a flat baseline with sd 0);
we run our methods with R's defaults (min_sigma 0) on the same counts and compare.
"""

from __future__ import annotations

import subprocess

import numpy as np
import pandas as pd
import pytest

from surveillance.temporal import get_method

R_SCRIPT = r"""
suppressMessages(library(surveillance))
out <- file(commandArgs(TRUE)[1], "w")
writeLines("data,method,series,week,observed,upper,alarm", out)
for (name in c("ha.sts", "salmNewport", "measlesDE")) {
  data(list = name)
  s <- get(name)
  obs <- observed(s)
  for (m in c("C1", "C2", "C3")) {
    r <- earsC(s, control = list(method = m))
    first <- nrow(obs) - nrow(observed(r))  # weeks before R's range
    for (j in seq_len(ncol(obs))) {
      d <- data.frame(name, m, j, seq_len(nrow(observed(r))) + first, observed(r)[, j],
                      sprintf("%.17g", upperbound(r)[, j]), as.integer(alarms(r)[, j]))
      write.table(d, out, sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
    }
  }
  for (j in seq_len(ncol(obs))) {
    d <- data.frame(name, "observed", j, seq_len(nrow(obs)), obs[, j], "NA", "NA")
    write.table(d, out, sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
  }
}
close(out)
"""


@pytest.fixture(scope="module")
def r_results(rscript_path, tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("earsC")
    script, out = folder / "ears.R", folder / "ears.csv"
    script.write_text(R_SCRIPT)
    subprocess.run([rscript_path, str(script), str(out)], check=True, capture_output=True, timeout=120)
    return pd.read_csv(out, na_values=["NA"])


@pytest.mark.parametrize("method", ["C1", "C2", "C3"])
@pytest.mark.parametrize("data", ["ha.sts", "salmNewport", "measlesDE"])
def test_ears_matches_r_week_by_week(r_results, data, method):
    obs = r_results[(r_results["data"] == data) & (r_results["method"] == "observed")]
    counts = obs.pivot(index="series", columns="week", values="observed").sort_index(axis=1).to_numpy(float)
    ours = get_method(f"ears_{method.lower()}").run(counts)

    r = r_results[(r_results["data"] == data) & (r_results["method"] == method)]
    rows, cols = r["series"].to_numpy() - 1, r["week"].to_numpy() - 1
    r_upper, r_alarm = r["upper"].to_numpy(float), r["alarm"].to_numpy(float)
    our_upper, our_alarm = ours.upper[rows, cols], ours.alarm[rows, cols]

    assert len(r) > 1000  # real series: hundreds of weeks each
    np.testing.assert_array_equal(np.isnan(our_upper), np.isnan(r_upper))  # NA exactly where R has NA
    known = ~np.isnan(r_upper)
    np.testing.assert_allclose(our_upper[known], r_upper[known], rtol=1e-9, atol=1e-9)
    # R's alarm is NA where its bound is NA; ours is False there (no bound, no alarm)
    r_alarm_bool = np.where(np.isnan(r_alarm), 0, r_alarm).astype(bool)
    np.testing.assert_array_equal(our_alarm, r_alarm_bool)
    # weeks before R's range have no bound in ours either
    first = cols.min()
    assert np.isnan(ours.upper[:, :first]).all()
    assert r_alarm_bool.sum() >= 5  # the comparison covers real alarms, not only quiet weeks
