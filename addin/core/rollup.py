"""The weekly rollup (周进度控制) as pure pandas.

Input: flat frames of reported days, visits, planned contacts and market reports (one row
each, with rep, date and source). Output: the figures of `addin.schema.metrics` for any
grouping (rep-day, rep-week, region, team), always computed from the base rows, so a
ratio is never an average of ratios and a customer is never counted new twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..schema.metrics import ADDITIVE_KEYS, METRIC_KEYS, RATIOS
from ..schema.vocab import EFFECTIVE, OUTCOMES

EFFECTIVE_OUTCOMES = frozenset(o.key for o in OUTCOMES if EFFECTIVE in o.flags)
DAY_SUMS = ("expenses", "selling_hours", "calls_dialled", "calls_completed", "appointments",
            "presentations", "sales_closed", "sales_amount", "day_target")
FINGERPRINT_FIELDS = ("attendance", *DAY_SUMS)
FINGERPRINT_VISIT = ("customer_id", "customer", "purpose", "outcome", "order_amount",
                     "collected_amount", "new_customer", "objection")
_ALL = "_all"


@dataclass
class Conflict:
    """The same rep and day reported in more than one place."""

    rep: str
    date: object
    kind: str  # "duplicate": identical copies; "conflict": different figures
    kept: str
    ignored: list[str] = field(default_factory=list)


def _fingerprints(days: pd.DataFrame, visits: pd.DataFrame) -> pd.Series:
    """A hash per (rep, date, file) of what was reported, to tell copies from corrections."""
    out = {}
    vis = {k: g for k, g in visits.groupby(["rep", "date", "file"], sort=False)} \
        if len(visits) else {}
    for row in days.itertuples(index=False):
        key = (row.rep, row.date, row.file)
        parts = [repr(tuple(getattr(row, f) for f in FINGERPRINT_FIELDS))]
        g = vis.get(key)
        if g is not None:
            parts += sorted(repr(t) for t in g[list(FINGERPRINT_VISIT)].itertuples(index=False))
        out[key] = hashlib.sha1("|".join(parts).encode()).hexdigest()
    return pd.Series(out, dtype="object")


def resolve_duplicates(days: pd.DataFrame, visits: pd.DataFrame
                       ) -> tuple[pd.DataFrame, list[Conflict]]:
    """Keep one file's report per rep and day: identical copies count once; when the
    figures differ, the most recently saved file (the correction) wins. Returns the kept
    (rep, date, file) rows of `days` and the conflicts to list."""
    reported = days[days["reported"]]
    if reported.empty:
        return reported, []
    counts = reported.groupby(["rep", "date"])["file"].transform("nunique")
    single = reported[counts == 1]
    multi = reported[counts > 1]
    if multi.empty:
        return single, []
    fps = _fingerprints(multi, visits[visits.set_index(["rep", "date", "file"]).index.isin(
        multi.set_index(["rep", "date", "file"]).index)] if len(visits) else visits)
    kept_rows, conflicts = [], []
    for (rep, date), g in multi.groupby(["rep", "date"], sort=True):
        g = g.drop_duplicates("file")
        prints = {f: fps[(rep, date, f)] for f in g["file"]}
        if len(set(prints.values())) == 1:  # copies: count the original (oldest) once
            winner = g.sort_values(["modified", "file"]).iloc[0]
            kind = "duplicate"
        else:
            winner = g.sort_values(["modified", "file"]).iloc[-1]
            kind = "conflict"
        kept_rows.append(winner)
        conflicts.append(Conflict(rep, date, kind, winner["file"],
                                  sorted(f for f in g["file"] if f != winner["file"])))
    kept = pd.concat([single, pd.DataFrame(kept_rows)], ignore_index=True)
    return kept, conflicts


def keep_rows(frame: pd.DataFrame, kept_days: pd.DataFrame) -> pd.DataFrame:
    """Rows of `frame` (visits) that belong to a kept (rep, date, file)."""
    if frame.empty:
        return frame
    index = pd.MultiIndex.from_frame(kept_days[["rep", "date", "file"]])
    mask = frame.set_index(["rep", "date", "file"]).index.isin(index)
    return frame[np.asarray(mask)]


def choose_plans(plans: pd.DataFrame, kept_days: pd.DataFrame) -> pd.DataFrame:
    """One file's plan per rep and day: the file whose report was kept, else the newest."""
    if plans.empty:
        return plans
    chosen = kept_days.set_index(["rep", "date"])["file"].to_dict()
    newest = plans.sort_values(["modified", "file"]).groupby(["rep", "date"])["file"].last()
    pick = {k: chosen.get(k, f) for k, f in newest.items()}
    mask = [pick.get((r, d)) == f for r, d, f in zip(plans["rep"], plans["date"], plans["file"],
                                                     strict=True)]
    return plans[mask]


def ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den, empty (NaN) where the denominator is zero or missing, never 0 or inf."""
    num = pd.to_numeric(num, errors="coerce").astype("float64")
    den = pd.to_numeric(den, errors="coerce").astype("float64")
    return (num / den).where(den > 0)


def customer_key(visits: pd.DataFrame) -> pd.Series:
    ids = visits["customer_id"].astype("object")
    names = visits["customer"].astype("object")
    return ids.where(ids.notna(), names)


@dataclass(frozen=True)
class Counted:
    """The base rows as numbers, converted once, for adding up by several groupings (the
    week's rep-days, reps, regions and team) in the same order every time."""

    days: pd.DataFrame  # the group columns and DAY_SUMS as floats
    visits: pd.DataFrame  # the group columns, effective, has_order and the amounts
    new_visits: pd.DataFrame  # visits to a new customer, with the customer's key
    plans: pd.DataFrame  # planned visits (not calls)


def counted(days: pd.DataFrame, visits: pd.DataFrame, plans: pd.DataFrame,
            by: tuple[str, ...]) -> Counted:
    """The rows of days, visits and plans as `figures_by` adds them up by any of the
    columns `by`."""
    sums = days[[k for k in by if k in days] + list(DAY_SUMS)].assign(**{_ALL: 0})
    for c in DAY_SUMS:
        sums[c] = pd.to_numeric(sums[c], errors="coerce").astype("float64")
    v = pd.DataFrame({k: visits[k] for k in by if k in visits}, index=visits.index
                     ).assign(**{_ALL: 0})
    new_visits = v.iloc[:0]
    if len(visits):
        v["effective"] = visits["outcome"].isin(EFFECTIVE_OUTCOMES)
        amounts = pd.to_numeric(visits["order_amount"], errors="coerce").astype("float64")
        v["has_order"] = amounts.fillna(0) > 0
        v["order_amount"] = amounts
        v["collections"] = pd.to_numeric(visits["collected_amount"], errors="coerce"
                                         ).astype("float64")
        v["one"] = 1
        new = visits["new_customer"].fillna(False).astype(bool).to_numpy()
        if new.any():
            new_visits = v[new].assign(cust=customer_key(visits)[new])
    planned = plans[plans["kind"] == "visit"] if len(plans) else plans
    return Counted(sums, v, new_visits, planned.assign(**{_ALL: 0}))


def figures_by(rows: Counted, keys: list[str], commission_rate: float) -> pd.DataFrame:
    """Every rollup figure per group of `keys` (empty list: one row for everything)."""
    keys = keys or [_ALL]
    parts = []
    if len(rows.days):
        parts.append(rows.days.groupby(keys, dropna=False)[list(DAY_SUMS)].sum())
    if len(rows.visits):
        parts.append(rows.visits.groupby(keys, dropna=False).agg(
            visits_made=("one", "sum"), effective_visits=("effective", "sum"),
            orders=("has_order", "sum"), order_amount=("order_amount", "sum"),
            collections=("collections", "sum")))
        if len(rows.new_visits):
            parts.append(rows.new_visits.groupby(keys, dropna=False)["cust"].nunique()
                         .rename("new_customers").to_frame())
    if len(rows.plans):
        parts.append(rows.plans.groupby(keys, dropna=False).size().rename("visits_planned")
                     .to_frame())
    if parts:
        out = pd.concat(parts, axis=1)
    else:
        out = pd.DataFrame(index=pd.MultiIndex.from_tuples([], names=keys) if len(keys) > 1
                           else pd.Index([], name=keys[0]))
    for k in ADDITIVE_KEYS:
        if k not in out:
            out[k] = 0.0
        out[k] = out[k].astype("float64").fillna(0.0)
    for name, (num, den) in RATIOS.items():
        out[name] = ratio(out[num], out[den])
    out["commission_per_call"] = out["sales_per_call"] * commission_rate
    out = out.reset_index()
    if _ALL in keys:
        out = out.drop(columns=[_ALL])
    return out[[k for k in keys if k != _ALL] + list(METRIC_KEYS)]


def compliance(all_days: pd.DataFrame, kept_days: pd.DataFrame) -> pd.DataFrame:
    """Per rep: days reported, working days, blank required cells (report quality)."""
    if all_days.empty:
        return pd.DataFrame(columns=["rep", "days_reported", "working_days", "blank_required"])
    per_day = all_days.sort_values(["modified", "file"]).drop_duplicates(["rep", "date"],
                                                                          keep="last")
    working = per_day.groupby("rep")["working"].sum().rename("working_days")
    reported = kept_days[kept_days["working"]].groupby("rep")["date"].nunique() \
        .rename("days_reported")
    blanks = kept_days.groupby("rep")["blank_required"].sum()
    out = pd.concat([working, reported, blanks], axis=1).fillna(0).astype("int64")
    return out.reset_index().rename(columns={"index": "rep"})


def objection_pareto(visits: pd.DataFrame) -> pd.DataFrame:
    """Objections met, most frequent first, with share and cumulative share."""
    if visits.empty or visits["objection"].notna().sum() == 0:
        return pd.DataFrame(columns=["objection", "count", "share", "cumulative_share"])
    counts = visits["objection"].dropna().value_counts()
    counts = counts.sort_index().sort_values(ascending=False, kind="stable")
    out = counts.rename("count").rename_axis("objection").reset_index()
    total = out["count"].sum()
    out["share"] = out["count"] / total
    out["cumulative_share"] = out["count"].cumsum() / total
    return out


def abnormal_customers(visits: pd.DataFrame, market: pd.DataFrame) -> pd.DataFrame:
    """异常客户: complaints, lost orders, collection visits that collected nothing."""
    cols = ["date", "rep", "customer_id", "customer", "reason", "details", "cell"]
    rows = []
    if len(visits):
        v = visits
        collected = pd.to_numeric(v["collected_amount"], errors="coerce").fillna(0)
        rules = (
            ("lost_order", v["outcome"] == "lost"),
            ("complaint", (v["purpose"] == "complaint") | v["complaint_handled"].fillna(False)
             .astype(bool)),
            ("uncollected", (v["purpose"] == "collection") & (collected <= 0)),
        )
        for reason, mask in rules:
            hit = v[mask.to_numpy()]
            if len(hit):
                details = hit["customer_feedback"].where(hit["customer_feedback"].notna(),
                                                         hit["customer_news"])
                rows.append(pd.DataFrame({"date": hit["date"], "rep": hit["rep"],
                                          "customer_id": hit["customer_id"],
                                          "customer": hit["customer"], "reason": reason,
                                          "details": details, "cell": hit["cell"]}))
    if len(market):
        m = market[market["report_type"] == "complaint"]
        if len(m):
            rows.append(pd.DataFrame({"date": m["report_date"], "rep": m["rep"],
                                      "customer_id": m["customer_id"], "customer": m["customer"],
                                      "reason": "complaint", "details": m["details"],
                                      "cell": m["cell"]}))
    if not rows:
        return pd.DataFrame(columns=cols)
    out = pd.concat(rows, ignore_index=True)[cols]
    return out.sort_values(["date", "rep", "customer"], kind="stable").reset_index(drop=True)


def coverage_by_tier(plans: pd.DataFrame, visits: pd.DataFrame) -> pd.DataFrame:
    """Customers planned for a visit this week, per tier, and how many were visited."""
    cols = ["tier", "planned", "visited", "visit_rate"]
    if plans.empty:
        return pd.DataFrame(columns=cols)
    p = plans[(plans["kind"] == "visit") & plans["tier"].notna()]
    if p.empty:
        return pd.DataFrame(columns=cols)
    planned = p.assign(cust=customer_key(p))[["rep", "tier", "cust"]].drop_duplicates()
    seen = set()
    if len(visits):
        seen = set(zip(visits["rep"], customer_key(visits), strict=True))
    planned["visited"] = [(r, c) in seen for r, c in zip(planned["rep"], planned["cust"],
                                                          strict=True)]
    out = planned.groupby("tier").agg(planned=("cust", "size"), visited=("visited", "sum"))
    out["visit_rate"] = ratio(out["visited"], out["planned"])
    order = {"priority": 0, "general": 1, "last": 2}
    out = out.reset_index()
    return out.sort_values("tier", key=lambda s: s.map(order)).reset_index(drop=True)[cols]


def team_table(per_rep: pd.DataFrame, per_region: pd.DataFrame, team: pd.DataFrame
               ) -> tuple[pd.DataFrame, set[int]]:
    """Rep rows grouped by region, each region followed by its subtotal, then the team
    total; returns the frame and the positions of the subtotal/total rows (to bold)."""
    rows, bold = [], set()
    for region, g in per_rep.groupby("region", dropna=False, sort=True):
        rows.append(g.sort_values("rep"))
        sub = per_region[per_region["region"].fillna("") == ("" if pd.isna(region) else region)]
        rows.append(sub.assign(rep=None, status="subtotal"))
    rows.append(team.assign(region=None, rep=None, status="total"))
    out = pd.concat([r for r in rows if len(r)], ignore_index=True)
    bold = set(np.flatnonzero(out["status"].isin(["subtotal", "total"]).to_numpy()).tolist())
    return out, bold
