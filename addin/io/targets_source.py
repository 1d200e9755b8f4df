"""Monthly revenue targets per rep, read from a targets breakdown workbook, for the
rollup's achievement columns and its roster of who should report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..core.targets import long_breakdown
from ..errors import InputError
from .reader import read_workbook

METRIC = "revenue"


def month_targets(path: str | Path, metric: str = METRIC) -> pd.DataFrame:
    """rep, region, month, value (summed over products) for `metric`, and whether the rep
    sends weekly workbooks (distributors and inactive reps do not)."""
    data = read_workbook(path, "targets", sheets={"breakdown", "reps"}, include_outputs=True)
    if not data.readable:
        raise InputError("breakdown.unreadable", path=path,
                         detail=[p.message for p in data.problems])
    df = data.table("breakdown", "breakdown")
    if df is None or df.empty:
        raise InputError("breakdown.empty", path=path)
    df = long_breakdown(df)
    df = df[df["metric"] == metric]
    out = df.groupby(["rep", "month"], as_index=False)["value"].sum()
    regions = df.drop_duplicates("rep").set_index("rep")["region"]
    out["region"] = out["rep"].map(regions)
    reps = data.table("reps", "reps")
    out["files_reports"] = True
    if reps is not None and len(reps):
        # distributors and reps marked inactive send no weekly workbook
        quiet = reps[(reps["seller_kind"] == "distributor") | (reps["active"] == False)]  # noqa: E712
        out["files_reports"] = ~out["rep"].isin(set(quiet["rep"]))
    return out[["rep", "region", "month", "value", "files_reports"]]
