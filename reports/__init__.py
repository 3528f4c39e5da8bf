"""What puskesmas report to the dinas: templates to fill in, and whether reports came complete and on time.

* :mod:`reports.templates`: the monthly indicator recap and SKDR's W2 as ``.xlsx``
  for one wilayah and period, which import again with no mapping;
* :mod:`reports.timeliness`: completeness and timeliness of reports from a plain
  table of arrivals (no database, no Dash).
"""
