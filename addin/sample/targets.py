"""The sample company's targets workbook and history import: this year's company targets,
last year's sales by seller, product and month, potential indices, two locked cells, this
year's actuals (the company's ledger: by month to October, order by order in November, the
same sales the history store holds) and each rep's funnel."""

from __future__ import annotations

import datetime as dt

from ..schema import workbook
from .company import DEFAULT_SEED, company
from .texts import ZH

DEFAULT_METHODS = workbook("targets").sheet("settings").table("methods").defaults

SAMPLE_YEAR = 2026
SAMPLE_AS_OF = dt.date(2026, 11, 28)  # the Saturday the demo week (2026-W48) ends
SAMPLE_LANG = "zh"
DISTRIBUTOR = ZH.distributor  # (name, region): sells beside the reps, sends no workbook
# the new-customer target's month shape (the other metrics follow last year's)
NEW_CUSTOMER_SEASON = (0.6, 0.4, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9, 1.2, 1.2, 1.2, 1.1)


def targets_content(lang: str = SAMPLE_LANG, seed: int = DEFAULT_SEED) -> dict[str, dict]:
    """Content for `write_workbook(workbook("targets"), lang, path, content)`."""
    made = company(lang, seed)
    return {
        "settings": {"fields": {"year": SAMPLE_YEAR},
                     "tables": {"methods": list(DEFAULT_METHODS)}},
        "company": {"tables": {"targets": [{"metric": k, "annual_target": v}
                                           for k, v in made.company_targets.items()]}},
        "reps": {"tables": {"reps": [
            {"rep": s.name, "region": s.region, "seller_kind": s.kind,
             "supervisor": s.supervisor, "active": True} for s in made.sellers]}},
        "products": {"tables": {"products": [
            {"product": code, "product_name": name, "category": cat}
            for code, name, cat, _ in made.words.products]}},
        "history": {"tables": {"history": made.history}},
        "potential": {"tables": {"potential": made.potential}},
        "seasonality": {"tables": {"seasonality": [
            {"metric": "new_customers", **{f"m{k + 1:02d}": v
                                           for k, v in enumerate(NEW_CUSTOMER_SEASON)}}]}},
        "overrides": {"tables": {"overrides": made.overrides}},
        "actuals": {"tables": {"actuals": made.ledger}},
        "funnel": {"tables": {"funnel": made.funnel}},
    }


def history_import_content(lang: str = SAMPLE_LANG, seed: int = DEFAULT_SEED
                           ) -> dict[str, dict]:
    """Content for `write_workbook(workbook("history_import"), ...)`: each rep's monthly
    sales January to October, the months before the team's weekly workbooks."""
    return {"actuals": {"tables": {"actuals": company(lang, seed).imported()}}}
