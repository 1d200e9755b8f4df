"""Team reports for big teams: 1, 99, 500, 501 and 5,000 reps. From 100 rows a table is
streamed as pre-rendered rows (addin.io.bulk), its blank cells styled up to 500 rows and
left out above (as through the cell API); on the dashboard that block shares its
rows with the funnel table written through the cell API, which once left the funnel's
strings pointing past the end of the shared-string table (issue: 501 reps were damaged).

The rep weeks are made here in memory (writing 5,000 rep workbooks would take minutes),
then go through `run_rollup` exactly as `salesbook rollup` sends what it read; every
figure the report should show is computed again here, in plain Python, from the same
made-up numbers.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine as calamine

from addin.io.folders import Found
from addin.io.rep_books import RepWeek
from addin.io.sheetwriter import BULK_FROM
from addin.schema import workbook
from addin.schema.metrics import ROLLUP_METRICS
from addin.schema.vocab import DAYS, EFFECTIVE, OUTCOMES, REP_STATUS
from addin.services.rollup import run_rollup

SPEC = workbook("team_weekly")
WEEK = dt.date(2026, 11, 16)  # 2026-W47, a Monday
TODAY = WEEK + dt.timedelta(days=10)  # the week is over: time elapsed is 100 %
COMMISSION = 0.05
EFFECTIVE_KEYS = {o.key for o in OUTCOMES if EFFECTIVE in o.flags}
VISIT_OUTCOMES = ("ordered", "refused", "collected", "interested")
DAY_NUMBERS = ("selling_hours", "expenses", "calls_dialled", "calls_completed",
               "appointments", "presentations", "sales_closed", "sales_amount", "day_target")
FUNNEL = ("calls_dialled", "calls_completed", "appointments", "presentations", "sales_closed")
REGIONS = ("华东", "North", "-West", "South & <West>", "华南")  # "-West" is quoted


# -- the made-up team ---------------------------------------------------------------------
def rep_name(i: int) -> str:
    return f"张{i:05d}" if i % 2 else f"rep {i:05d}"


def day_fields(i: int, d: int) -> dict:
    """Rep i's figures on day d (0 = Monday). Rep 7, 18, 29 ... has no target (its
    achievement is blank) and rep 4, 15, ... dials no calls (no sales per call)."""
    holiday = d == 5 and i % 3 == 0
    if holiday:
        return {"attendance": "holiday"}
    return {
        "attendance": "present",
        "selling_hours": (i % 5) + d * 0.5 + 4,
        "expenses": ((i * 13 + d * 7) % 200) + 0.25,
        "calls_dialled": 0 if i % 11 == 4 else (i * 7 + d * 3) % 40 + 1,
        "calls_completed": (i * 5 + d) % 10,
        "appointments": (i + d) % 4,
        "presentations": (i + 2 * d) % 3,
        "sales_closed": (i + d) % 2,
        "sales_amount": round(((i * 31 + d * 17) % 1000) * 12.5 + 0.01 * (i % 100), 2),
        "day_target": 0 if i % 11 == 7 else 5000 + (i % 9) * 250,
    }


def visit(i: int) -> dict:
    """Rep i's one visit, on Monday."""
    outcome = VISIT_OUTCOMES[i % len(VISIT_OUTCOMES)]
    return {"customer_id": f"C{i:05d}", "customer": f"客户 {i}",
            "purpose": "order", "outcome": outcome,
            "order_amount": 1000 + (i % 37) * 10.5 if outcome == "ordered" else None,
            "collected_amount": 200.0 + i % 13 if outcome == "collected" else None,
            "new_customer": i % 4 == 0}


def rep_week(i: int, folder: Path) -> RepWeek:
    rep, region = rep_name(i), REGIONS[i % len(REGIONS)]
    path = folder / f"rep{i:05d}.xlsx"
    week = RepWeek(path=path, name=path.name, rep=rep, region=region, week_start=WEEK,
                   lang="zh" if i % 2 else "en", version="3", modified=1.0)
    base = {"rep": rep, "region": region, "file": path.name}
    for d in range(6):
        date = WEEK + dt.timedelta(days=d)
        sheet = f"report_{DAYS[d].key}"
        fields = day_fields(i, d)
        week.days.append({**base, "date": date, "day": DAYS[d].key, "sheet": sheet,
                          **{k: fields.get(k) for k in ("attendance", *DAY_NUMBERS)},
                          "lessons": None, "reported": True,
                          "working": fields["attendance"] != "holiday",
                          "blank_required": 0, "modified": 1.0})
    week.visits.add(1, {**base, "date": WEEK, "sheet": "report_mon", **visit(i),
                        "row": [9], "cell": [f"{path.name}!report_mon!A9"]})
    return week


class Reading:
    """What services.reading hands `run_rollup`, with the rep weeks made in memory."""

    def __init__(self, folder: Path, n: int):
        self.paths, self.owners, self.rep_mode = [folder], [], False
        self.files = [folder / f"rep{i:05d}.xlsx" for i in range(n)]
        self.found = Found(files=self.files, folders=1)
        self._weeks = [rep_week(i, folder) for i in range(n)]

    def weeks(self, progress=None) -> list[RepWeek]:
        return self._weeks

    def problems(self) -> list:
        return []

    def close(self) -> None:
        pass


def team_report(tmp_path: Path, n: int, lang: str):
    folder = tmp_path / "reports"
    folder.mkdir()
    return run_rollup([folder], out=tmp_path / f"team-{n}.xlsx",
                      history=tmp_path / "history.sqlite", commission_rate=COMMISSION,
                      lang=lang, today=TODAY, reading=Reading(folder, n))


# -- the figures the report should show, computed here ------------------------------------
def ratio(num: float, den: float) -> float | None:
    return num / den if den > 0 else None


def figures(i_s: list[int]) -> dict:
    """Every rollup figure of a group of reps, from day_fields and visit."""
    f = dict.fromkeys(DAY_NUMBERS, 0.0)
    for i in i_s:
        for d in range(6):
            for k, v in day_fields(i, d).items():
                if k != "attendance":
                    f[k] += v
    visits = [visit(i) for i in i_s]
    f["visits_planned"] = 0
    f["visits_made"] = len(visits)
    f["effective_visits"] = sum(v["outcome"] in EFFECTIVE_KEYS for v in visits)
    f["orders"] = sum((v["order_amount"] or 0) > 0 for v in visits)
    f["order_amount"] = sum(v["order_amount"] or 0 for v in visits)
    f["collections"] = sum(v["collected_amount"] or 0 for v in visits)
    f["new_customers"] = len({v["customer_id"] for v in visits if v["new_customer"]})
    f["plan_completion_rate"] = ratio(f["visits_made"], f["visits_planned"])
    f["effective_visit_rate"] = ratio(f["effective_visits"], f["visits_made"])
    f["transaction_rate"] = ratio(f["orders"], f["visits_made"])
    f["achievement_rate"] = ratio(f["order_amount"], f["day_target"])
    f["sales_per_hour"] = ratio(f["order_amount"], f["selling_hours"])
    f["sales_per_call"] = ratio(f["sales_amount"], f["calls_dialled"])
    f["commission_per_call"] = None if f["sales_per_call"] is None else \
        f["sales_per_call"] * COMMISSION
    return f


def six_day_weeks(first: dt.date, last: dt.date) -> int:
    """Working days from first to last: Monday to Saturday, as the rep workbooks have."""
    return sum((first + dt.timedelta(days=k)).weekday() < 6
               for k in range((last - first).days + 1))


def month_elapsed() -> float:
    """The share of November 2026's working days gone by the week's Saturday."""
    return six_day_weeks(dt.date(2026, 11, 1), WEEK + dt.timedelta(days=5)) / \
        six_day_weeks(dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def status_label(key: str, lang: str) -> str:
    return next(c for c in REP_STATUS if c.key == key).label(lang)


TABLES = (("activity", "reps"), ("funnel", "funnel"), ("compliance", "compliance"))


def expected_rows(n: int, lang: str) -> list[dict]:
    """The rows of the by-rep tables (activity, funnel, compliance): each region's reps by
    name, the region's subtotal, then the team total."""
    by_region: dict[str, list[int]] = {}
    for i in range(n):
        by_region.setdefault(REGIONS[i % len(REGIONS)], []).append(i)
    def working(i_s: list[int]) -> int:
        return sum(day_fields(i, d)["attendance"] != "holiday" for i in i_s for d in range(6))

    rows = []
    for region in sorted(by_region):
        for i in sorted(by_region[region], key=rep_name):
            rows.append({**figures([i]), "region": region, "rep": rep_name(i),
                         "status": status_label("reported", lang),
                         "days_reported": working([i]), "working_days": working([i]),
                         "blank_required": 0, "template_version": "3",
                         "source": f"rep{i:05d}.xlsx"})
        rows.append({**figures(by_region[region]), "region": region,
                     "status": status_label("subtotal", lang),
                     "days_reported": working(by_region[region]),
                     "working_days": working(by_region[region]), "blank_required": 0})
    everyone = list(range(n))
    rows.append({**figures(everyone), "status": status_label("total", lang),
                 "days_reported": working(everyone), "working_days": working(everyone),
                 "blank_required": 0})
    return rows


def expected_dashboard(n: int, lang: str) -> dict[tuple[int, int], object]:
    """(row, col) -> value (1-based) of every cell below the tables' headers: each rep's
    week achievement against its own day targets (no breakdown) beside the time elapsed
    (the week is over: 1) and its status (A-D), and the team's call funnel (F-H)."""
    order = sorted(range(n), key=lambda i: (REGIONS[i % len(REGIONS)], rep_name(i)))
    first = SPEC.sheet("dashboard").table("achievement").first_data_row
    cells: dict[tuple[int, int], object] = {}
    for row, i in enumerate(order, start=first):
        cells[row, 1] = rep_name(i)
        cells[row, 2] = figures([i])["achievement_rate"]
        cells[row, 3] = 1.0
        cells[row, 4] = status_label("reported", lang)
    team = figures(list(range(n)))
    labels = {c.key: c.label(lang) for c in ROLLUP_METRICS}
    prev = None
    for row, key in enumerate(FUNNEL, start=first):
        cells[row, 6] = labels[key]
        cells[row, 7] = team[key]
        cells[row, 8] = team[key] / prev if prev else None
        prev = team[key]
    return {k: v for k, v in cells.items() if v is not None}


# -- reading the report back --------------------------------------------------------------
def openpyxl_grids(path: Path, data_only: bool = False) -> dict[str, list[list]]:
    """Every sheet as rows of values (None for an empty cell); a string index past the
    end of the shared strings raises here."""
    wb = openpyxl.load_workbook(path, data_only=data_only)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
            for ws in wb.worksheets}


def calamine_grids(path: Path) -> dict[str, list[list]]:
    book = calamine.CalamineWorkbook.from_path(str(path))
    return {name: [[None if v == "" else v for v in row]
                   for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
            for name in book.sheet_names}


def cell(grid: list[list], row: int, col: int) -> object:
    """1-based; None outside the grid."""
    if row > len(grid) or col > len(grid[row - 1]):
        return None
    return grid[row - 1][col - 1]


def same(got: object, want: object) -> bool:
    if isinstance(want, float | int) and not isinstance(want, bool):
        return isinstance(got, float | int) and got == pytest.approx(want, rel=1e-12, abs=1e-9)
    return got == want


def check_report(grids: dict[str, list[list]], n: int, lang: str, who: str) -> None:
    """The by-rep tables and both dashboard tables hold exactly the figures computed here,
    and nothing else is below their headers."""
    rows = expected_rows(n, lang)
    for sheet_key, table_key in TABLES:
        reps = grids[SPEC.sheet(sheet_key).label(lang)]
        table = SPEC.sheet(sheet_key).table(table_key)
        want = [[r.get(c.key) for c in table.columns] for r in rows]
        first = table.header_row + 1
        ncols = len(table.columns)
        assert [cell(reps, table.header_row, c) for c in range(1, ncols + 1)] == \
            [c.label(lang) for c in table.columns], who
        bad = [(first + r, c + 1, cell(reps, first + r, c + 1), w)
               for r, line in enumerate(want) for c, w in enumerate(line)
               if not same(cell(reps, first + r, c + 1), w)]
        assert not bad, (who, sheet_key, len(bad), bad[:5])
        below = [(r, c) for r in range(first + len(want), len(reps) + 1)
                 for c in range(1, len(reps[r - 1]) + 1) if reps[r - 1][c - 1] is not None]
        assert not below, (who, sheet_key, below[:5])
        assert all(v is None for r in range(first, first + len(want))
                   for v in reps[r - 1][ncols:]), who

    dash = grids[SPEC.sheet("dashboard").label(lang)]
    want_d = expected_dashboard(n, lang)
    sheet = SPEC.sheet("dashboard")
    for t in sheet.tables:
        assert [cell(dash, t.header_row, t.first_col + j) for j in range(len(t.columns))] == \
            [c.label(lang) for c in t.columns], who
    header = sheet.tables[0].header_row
    got_d = {(r, c): v for r, line in enumerate(dash, start=1) if r > header
             for c, v in enumerate(line, start=1) if v is not None}
    assert got_d.keys() == want_d.keys(), (who, sorted(got_d.keys() ^ want_d.keys())[:5])
    bad = [(k, got_d[k], w) for k, w in want_d.items() if not same(got_d[k], w)]
    assert not bad, (who, len(bad), bad[:5])


# -- the tests ----------------------------------------------------------------------------
SIZES = {1: "en", 99: "zh", 500: "zh", 501: "en", 5000: "zh"}  # under 100 rows: the cell API


@pytest.fixture(scope="module", params=list(SIZES), ids=lambda n: f"{n}reps")
def report(request, tmp_path_factory) -> tuple[int, str, Path]:
    n = request.param
    result = team_report(tmp_path_factory.mktemp(f"team{n}"), n, SIZES[n])
    return n, SIZES[n], result.output


def test_the_report_is_written_the_way_its_size_asks(report):
    """From 100 reps the achievement table is streamed, and its first rows hold the
    funnel's cells too (shared strings) beside the streamed ones (inline strings)."""
    n, _, path = report
    dashboard = f"xl/worksheets/sheet{[s.key for s in SPEC.sheets].index('dashboard') + 1}.xml"
    with zipfile.ZipFile(path) as z:
        xml = z.read(dashboard).decode()
    assert ('t="inlineStr"' in xml) == (n >= BULK_FROM)
    first = SPEC.sheet("dashboard").table("achievement").first_data_row
    row = re.search(rf'<row r="{first}"[^>]*>(.*?)</row>', xml).group(1)
    assert re.findall(rf'<c r="([A-Z]+){first}"', row) == ["A", "B", "C", "D", "F", "G", "H"]
    assert re.search(rf'<c r="F{first}"[^>]* t="s"', row)
    assert bool(re.search(rf'<c r="A{first}"[^>]* t="inlineStr"', row)) == (n >= BULK_FROM)


def test_every_cell_reads_back_in_openpyxl(report):
    n, lang, path = report
    grids = openpyxl_grids(path)  # every sheet
    assert list(grids)[:len(SPEC.sheets)] == [s.label(lang) for s in SPEC.sheets]
    check_report(grids, n, lang, "openpyxl")


def test_every_cell_reads_back_in_calamine(report):
    n, lang, path = report
    check_report(calamine_grids(path), n, lang, "calamine")  # every sheet is read


@pytest.mark.libreoffice
def test_libreoffice_opens_and_recalculates_the_report(report, tmp_path):
    import libreoffice as lo

    lo.require_libreoffice()
    n, lang, path = report
    [recalc] = lo.convert([path], tmp_path / "lo")  # the 5,000 reps take some 20 s
    assert lo.error_cells(recalc) == []
    check_report(openpyxl_grids(recalc, data_only=True), n, lang, "LibreOffice")
