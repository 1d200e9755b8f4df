"""Calendar arithmetic for contact cadence (DOMAIN.md section 8).

The handbook counts cadence in calendar months ("call every month"), not in 30-day
blocks: a customer last called on 31 January is due on the last day of February, one
called on 15 March is due on 15 April. Everything here is vectorised because a customer
master can hold tens of thousands of rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def add_months_series(days: pd.Series, months: pd.Series | int) -> pd.Series:
    """`days` moved by whole calendar months, the day of month clamped to the month's end
    (31 January + 1 month = 28 February): NaT stays NaT; `months` may differ per row."""
    days = pd.to_datetime(days)
    out = pd.Series(pd.NaT, index=days.index, dtype="datetime64[ns]")
    months_arr = (np.full(len(days), months, dtype="int64") if np.isscalar(months)
                  else pd.to_numeric(months).to_numpy(dtype="float64"))
    ok = days.notna().to_numpy() & ~np.isnan(months_arr.astype("float64"))
    if not ok.any():
        return out
    d = days[ok]
    total = (d.dt.year.to_numpy(dtype="int64") * 12 + d.dt.month.to_numpy(dtype="int64") - 1
             + months_arr[ok].astype("int64"))
    year, month0 = np.divmod(total, 12)
    first = pd.to_datetime({"year": year, "month": month0 + 1, "day": np.ones_like(year)})
    last_day = first.dt.days_in_month.to_numpy()
    day = np.minimum(d.dt.day.to_numpy(), last_day)
    out[ok] = (first + pd.to_timedelta(day - 1, unit="D")).to_numpy()
    return out



def add_months(day: object, months: int) -> object:
    """One date moved by whole calendar months (the same rule as add_months_series)."""
    moved = add_months_series(pd.Series([day]), months).iloc[0]
    return None if pd.isna(moved) else moved.date()
