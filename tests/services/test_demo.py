"""`salesbook demo`: it runs, in both languages, deterministically for a seed; its story
names files that exist and commands that work; and the sample company it writes is one
company: every figure that appears in several workbooks (the team report's targets,
activity and dashboard sheets, the monthly control, the breakdown's progress sheet, a rep's
weekly summary, `rollup --json` and `month --json`) has the same value for the same rep
and period, and that value is the one computed here from the generated sales. Its texts fit
where they are typed."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from addin.catalogue import say
from addin.cli import main
from addin.io import history as stores
from addin.io.reader import read_workbook
from addin.sample.company import DEFAULT_SEED, IMPORTED_MONTHS, WEEKS, company
from addin.sample.week import SAMPLE_WEEK_START, TEXT_AMOUNT
from addin.schema import workbook
from addin.schema.vocab import DAYS, OUTCOMES
from addin.services.demo import next_commands, run_demo, story

W48 = SAMPLE_WEEK_START
SATURDAY = W48 + dt.timedelta(days=5)
NOVEMBER_DAYS = 25  # Monday to Saturday, 2 to 30 November 2026
UNSUCCESSFUL = {"refused", "lost", "not_met", "info_only"}


# -- the runs ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def zh(tmp_path_factory):
    """The Chinese demo at the default seed, through the service."""
    return run_demo(tmp_path_factory.mktemp("zh") / "demo", lang="zh")


@pytest.fixture(scope="module")
def zh_again(tmp_path_factory):
    """The same demo again, through the command line."""
    folder = tmp_path_factory.mktemp("again") / "demo"
    result = CliRunner().invoke(main, ["demo", str(folder), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    return folder, result.output


@pytest.fixture(scope="module")
def en(tmp_path_factory):
    """The English company with another seed, through the command line."""
    folder = tmp_path_factory.mktemp("en") / "demo"
    result = CliRunner().invoke(main, ["demo", str(folder), "--lang", "en", "--seed", "7"])
    assert result.exit_code == 0, result.output
    return folder, result.output


# -- reading the workbooks as a person reads them -----------------------------------------------
def table(path: Path, spec_key: str, sheet_key: str, table_key: str, lang: str) -> list[dict]:
    """The rows of an output table, by column key, as the cells hold them."""
    spec = workbook(spec_key)
    sheet = spec.sheet(sheet_key)
    t = sheet.table(table_key)
    ws = openpyxl.load_workbook(path, read_only=True, data_only=False)[sheet.label(lang)]
    rows = []
    first = t.first_col - 1
    for values in ws.iter_rows(min_row=t.first_data_row, values_only=True):
        cells = values[first:first + len(t.columns)]
        if all(v is None for v in cells):
            break
        rows.append({c.key: v for c, v in zip(t.columns, cells, strict=False)})
    return rows


def fields(path: Path, spec_key: str, sheet_key: str, lang: str) -> dict:
    spec = workbook(spec_key)
    sheet = spec.sheet(sheet_key)
    ws = openpyxl.load_workbook(path, read_only=False)[sheet.label(lang)]
    return {f.key: ws[f.cell].value for f in sheet.fields}


def by_rep(rows: list[dict], status_key: str = "status") -> dict[str, dict]:
    return {r["rep"]: r for r in rows if r.get("rep")}


def close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


# -- what the figures must be: computed from the generated company -----------------------------
def truth(made, breakdown: Path, lang: str) -> dict[str, dict]:
    """Per rep: the demo week's orders, month and year to date, and the month, week and
    year targets read from the breakdown sheet (summed over products)."""
    rows = table(breakdown, "targets", "breakdown", "breakdown", lang)
    revenue = [r for r in rows if r["metric"] in ("revenue", workbook("targets").sheet(
        "breakdown").table("breakdown").column("metric").choice("revenue").label(lang))]
    out = {}
    for rep in made.reps:
        months = [sum(r[f"m{m:02d}"] or 0 for r in revenue if r["rep"] == rep.name)
                  for m in range(1, 13)]
        week = made.weeks[W48].get(rep.name)
        november = sum(made.weeks[w][rep.name].orders for w in WEEKS
                       if rep.name in made.weeks[w])
        earlier = sum(made.months[rep.name][m]["sales"] for m in IMPORTED_MONTHS)
        out[rep.name] = {
            "week_target": months[10] * 6 / NOVEMBER_DAYS,
            "week_actual": week.orders if week else None,
            "month_target": months[10], "mtd_actual": november,
            "year_target": sum(months), "ytd_actual": earlier + november,
        }
        t = out[rep.name]
        t["week_achievement"] = t["week_actual"] / t["week_target"] if week else None
        t["mtd_achievement"] = t["mtd_actual"] / t["month_target"]
        t["ytd_achievement"] = t["ytd_actual"] / t["year_target"]
    return out


@pytest.fixture(scope="module")
def expected(zh):
    return truth(zh.company, zh.outputs["breakdown"], "zh")


PERIOD_KEYS = ("week_target", "week_actual", "week_achievement", "month_target", "mtd_actual",
               "mtd_achievement", "year_target", "ytd_actual", "ytd_achievement")


# -- it runs, and says what it made -------------------------------------------------------------
def test_the_demo_writes_a_month_of_a_company(zh):
    out = zh.out_dir
    weeks = sorted(p.name for p in (out / "reports").iterdir())
    assert weeks == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert len(zh.rep_workbooks) == 12  # 11 reps sent one, one sent two, one nothing
    for week in weeks[:3]:
        assert len(list((out / "reports" / week).glob("*.xlsx"))) == 12
        assert (out / f"销售管理汇报书_{week}.xlsx").exists()
    for key in ("team report", "monthly control", "breakdown", "customers", "history",
                "history import", "team", "plan overview"):
        assert Path(zh.outputs[key]).exists(), key
    assert len(list(zh.outputs["visit plans"].glob("2026-W49_*.xlsx"))) == 13
    assert len(zh.company.reps) == 12 and len(zh.company.words.regions) == 3
    assert len(zh.company.master) == 600
    info = CliRunner().invoke(main, ["history", "info", "--history",
                                     str(zh.outputs["history"]), "--json"])
    data = json.loads(info.output)
    months = {m["month"]: m for m in data["months"]}
    assert sorted(months) == ["2026-11"]  # rep-days: November's four weeks only
    assert [m["month"] for m in data["sources"]["imports"]["months"]] == \
        [f"2026-{m:02d}" for m in IMPORTED_MONTHS]  # January to October: imported
    assert data["sources"]["imports"]["rows"] == 12 * 10
    assert data["sources"]["rollups"]["count"] == 4


def test_the_story_names_files_that_exist_and_commands_that_work(zh, tmp_path):
    lines = [m.render("zh") for m in story(zh)]
    text = "\n".join(lines)
    assert str(zh.outputs["team report"]) in text and "本周看板" in text
    for rep, mistake in zh.company.mistakes.items():
        assert rep in text, mistake.kind
    assert "问题清单" in text and "报告合规" in text
    assert f"¥{TEXT_AMOUNT:,}" in text
    team = zh.team.team
    assert f"{team['week_actual']:,.0f}" in text and f"{team['ytd_actual']:,.0f}" in text
    commands = next_commands(zh)
    assert [c.split()[1] for _, c in commands] == ["rollup", "month", "plan", "history",
                                                   "targets"]
    for _, command in commands:
        words = shlex.split(command)[1:]
        for w in words:
            if "/" in w and not w.endswith("2026-W50"):
                assert Path(w).exists(), w
        if words[0] == "rollup":  # writes the report again: run it last
            continue
        result = CliRunner().invoke(main, words)
        assert result.exit_code == 0, (command, result.output)


def test_the_command_line_tells_the_story_in_chinese_and_english(zh_again, en):
    folder, output = zh_again
    assert "示例公司已生成" in output and "先打开团队周报" in output
    assert str(folder / "销售管理汇报书_2026-W48.xlsx") in output
    assert "salesbook month 2026-11 --history" in output
    assert not re.search(r"\b(reps|orders|Open)\b", output)
    folder, output = en
    assert "A sample company is ready" in output and "Open the team report first" in output
    assert str(folder / "team-weekly_2026-W48.xlsx") in output
    assert (folder / "team-weekly_2026-W48.xlsx").exists()
    assert not re.search(r"[\u4e00-\u9fff]", output)  # an English company, English words
    for p in re.findall(r"(/\S+\.(?:xlsx|sqlite))", output):
        assert Path(p).exists(), p


def test_the_english_demo_is_an_english_company(en):
    folder, _ = en
    book = openpyxl.load_workbook(folder / "team-weekly_2026-W48.xlsx", read_only=True)
    assert book.sheetnames[0] == "Dashboard"
    made = company("en", 7)
    assert all(re.fullmatch(r"[A-Za-z ]+", r.name) for r in made.reps)
    reps = sorted(p.name for p in (folder / "reports" / "2026-W48").glob("*.xlsx"))
    assert all(re.fullmatch(r"2026-W48_[A-Za-z ]+( \(2\))?\.xlsx", n) for n in reps)


# -- deterministic for a seed -------------------------------------------------------------------
def _figures(path: Path) -> list[tuple]:
    rows = table(path, "team_weekly", "targets", "targets", "zh")
    return [tuple(r[k] for k in ("rep", *PERIOD_KEYS)) for r in rows]


def test_the_same_seed_gives_the_same_company_and_another_seed_another(zh, zh_again, en):
    folder, _ = zh_again
    assert _figures(zh.outputs["team report"]) == \
        _figures(folder / "销售管理汇报书_2026-W48.xlsx")
    for path in zh.rep_workbooks:  # every rep workbook holds the same cells
        a = openpyxl.load_workbook(path, read_only=True)
        b = openpyxl.load_workbook(folder / "reports" / "2026-W48" / path.name, read_only=True)
        for name in a.sheetnames:
            if name not in ("周汇总", "Weekly Summary", "_salesbook"):
                assert list(a[name].values) == list(b[name].values), (path.name, name)
    other = company("zh", 7)
    same = company("zh", DEFAULT_SEED)
    assert [w.orders for w in other.weeks[W48].values()] != \
        [w.orders for w in same.weeks[W48].values()]
    assert [c.customer for c in other.customers] != [c.customer for c in same.customers]
    # the English demo (seed 7) reports the seed's own company
    folder, _ = en
    made = company("en", 7)
    rows = by_rep(table(folder / "team-weekly_2026-W48.xlsx", "team_weekly", "targets",
                        "targets", "en"))
    for name, week in made.weeks[W48].items():
        assert close(rows[name]["week_actual"], week.orders), name


# -- one company: the same figure wherever it appears -------------------------------------------
def test_the_team_report_holds_the_generated_figures(zh, expected):
    rows = by_rep(table(zh.outputs["team report"], "team_weekly", "targets", "targets", "zh"))
    assert set(rows) == set(expected)
    for rep, want in expected.items():
        for key in PERIOD_KEYS:
            assert close(rows[rep][key], want[key]), (rep, key, rows[rep][key], want[key])
    activity = by_rep(table(zh.outputs["team report"], "team_weekly", "activity", "reps", "zh"))
    for rep, want in expected.items():
        if want["week_actual"] is not None:
            assert close(activity[rep]["order_amount"], want["week_actual"]), rep
    total = next(r for r in table(zh.outputs["team report"], "team_weekly", "targets",
                                  "targets", "zh") if r["status"] == "团队合计")
    dash = fields(zh.outputs["team report"], "team_weekly", "dashboard", "zh")
    for key in ("week_target", "week_actual", "month_target", "mtd_actual", "year_target",
                "ytd_actual"):
        team = sum(w[key] or 0 for w in expected.values())
        assert close(total[key], team) and close(dash[key], team), key
    for key in ("week_achievement", "mtd_achievement", "ytd_achievement"):
        assert close(dash[key], total[key]), key
    chart = {r["rep"]: r for r in table(zh.outputs["team report"], "team_weekly", "dashboard",
                                        "achievement", "zh")}
    for rep, want in expected.items():  # the history covers the month: the month is charted
        assert close(chart[rep]["achievement"], want["mtd_achievement"]), rep
    header = fields(zh.outputs["team report"], "team_weekly", "targets", "zh")
    assert "缺" not in header["history_coverage"]  # January to November, all covered


def test_the_monthly_control_and_the_progress_sheet_agree(zh, expected):
    month = by_rep(table(zh.outputs["monthly control"], "monthly", "targets", "targets", "zh"))
    for rep, want in expected.items():
        got = month[rep]
        for mine, theirs in (("month_target", "month_target"), ("month_actual", "mtd_actual"),
                             ("month_achievement", "mtd_achievement"),
                             ("year_target", "year_target"), ("ytd_actual", "ytd_actual"),
                             ("ytd_achievement", "ytd_achievement")):
            assert close(got[mine], want[theirs]), (rep, mine, got[mine], want[theirs])
    progress = table(zh.outputs["breakdown"], "targets", "progress", "progress", "zh")
    revenue = {r["name"]: r for r in progress if r["level"] in ("rep", "销售员")
               and r["metric"] in ("revenue", "销售额")}
    assert zh.company.distributor.name in revenue  # and the distributor beside the reps
    for rep, want in expected.items():
        got = revenue[rep]
        for mine, theirs in (("week_target", "week_target"), ("month_target", "month_target"),
                             ("month_actual", "mtd_actual"), ("year_target", "year_target"),
                             ("year_actual", "ytd_actual")):
            assert close(got[mine], want[theirs]), (rep, mine, got[mine], want[theirs])
        assert close(got["week_actual"], want["week_actual"] or 0), rep
        assert re.fullmatch(r"=IF\(N\(H(\d+)\)>0,I\1/H\1,\"\"\)", got["month_achievement"])


def test_each_reps_weekly_summary_holds_his_week(zh, expected):
    for path in zh.rep_workbooks:
        if "(" in path.stem:
            continue
        rep = path.stem.split("_", 1)[1]
        data = read_workbook(path, "rep_weekly", include_outputs=True)
        lang = data.lang
        rows = table(path, "rep_weekly", "summary", "days", lang)
        week = rows[len(DAYS)]  # the week's row under the days
        assert close(week["order_amount"], expected[rep]["week_actual"]), rep
        daily = {r["date"].date(): r["order_amount"] or 0 for r in rows[:len(DAYS)]}
        for day in zh.company.weeks[W48][rep].days:
            assert close(daily[day.date], day.orders), (rep, day.date)


def test_rollup_and_month_json_agree(zh, expected, tmp_path):
    done = CliRunner().invoke(main, ["rollup", str(zh.outputs["team report"].parent / "reports"
                                                    / "2026-W48"), "--team",
                                     str(zh.outputs["team"]), "--out",
                                     str(tmp_path / "t.xlsx"), "--json"])
    assert done.exit_code == 0, done.output
    weekly = {r["rep"]: r for r in json.loads(done.output)["reps"]}
    done = CliRunner().invoke(main, ["month", "2026-11", "--history",
                                     str(zh.outputs["history"]), "--targets",
                                     str(zh.outputs["breakdown"]), "--team",
                                     str(zh.outputs["team"]), "--out",
                                     str(tmp_path / "m.xlsx"), "--json"])
    assert done.exit_code == 0, done.output
    monthly = {r["rep"]: r for r in json.loads(done.output)["reps"]}
    for rep, want in expected.items():
        for key in ("week_target", "week_actual", "month_target", "mtd_actual",
                    "year_target", "ytd_actual"):
            assert close(weekly[rep][key], want[key]), (rep, key)
        assert close(monthly[rep]["month_actual"], want["mtd_actual"]), rep
        assert close(monthly[rep]["ytd_actual"], want["ytd_actual"]), rep
        assert close(monthly[rep]["year_target"], want["year_target"]), rep


def test_the_targets_ledger_is_the_history(zh):
    """The breakdown's actuals sheet and the history store hold the same sales: by month
    to October (imported), by day in November (rolled up)."""
    ledger = [r for r in zh.company.ledger if r["metric"] == "revenue"]
    with stores.open_store(zh.outputs["history"]) as store:
        days, _ = store.load(dt.date(2026, 11, 1), SATURDAY)
        imported = store.imported("2026-01", "2026-10")
    for rep in zh.company.reps:
        for m in IMPORTED_MONTHS:
            booked = sum(r["value"] for r in ledger if r["rep"] == rep.name
                         and r["date"].month == m)
            stored = imported[(imported["rep"] == rep.name)
                              & (imported["month"] == f"2026-{m:02d}")]["sales"]
            assert close(stored.iloc[0], booked), (rep.name, m)
        booked = sum(r["value"] for r in ledger if r["rep"] == rep.name
                     and r["date"].month == 11)
        assert close(days[days["rep"] == rep.name]["order_amount"].sum(), booked), rep.name


def test_achievement_is_believable(expected, zh):
    week = {r: w["week_achievement"] for r, w in expected.items() if w["week_achievement"]}
    year = {r: w["ytd_achievement"] for r, w in expected.items()}
    assert sum(0.75 <= a <= 1.15 for a in week.values()) >= 8  # most near target
    assert 1 <= sum(a < 0.75 for a in week.values()) <= 3  # one or two behind
    assert sum(a > 1.15 for a in week.values()) >= 1  # one ahead
    time = zh.team.periods.time["year"]
    assert sum(abs(a - time) < 0.12 for a in year.values()) >= 9
    assert min(year.values()) < time - 0.12  # the rep who is behind all year
    assert 0.8 < zh.team.team["week_achievement"] < 1.1


# -- texts that fit ------------------------------------------------------------------------------
def test_objections_only_where_the_visit_did_not_succeed(zh):
    with stores.open_store(zh.outputs["history"]) as store:
        _, visits = store.load(dt.date(2026, 11, 1), SATURDAY)
    objected = visits[visits["objection"].notna()]
    assert len(objected) >= 10
    assert set(objected["outcome"].dropna()) <= UNSUCCESSFUL
    refused = visits[visits["outcome"] == "refused"]
    assert len(objected) < len(visits) * 0.2 and refused["objection"].notna().mean() > 0.9
    assert set(visits["outcome"].dropna()) <= {o.key for o in OUTCOMES}


def test_funnel_sales_are_part_of_the_days_orders(zh):
    with stores.open_store(zh.outputs["history"]) as store:
        days, _ = store.load(dt.date(2026, 11, 1), SATURDAY)
    sold = days[days["sales_amount"].fillna(0) > 0]
    assert len(sold) >= 12
    assert (sold["sales_amount"] <= sold["order_amount"].fillna(0) + 1e-6).all()
    assert (days["sales_closed"].fillna(0) <= days["presentations"].fillna(0)).all()


def test_abnormal_customers_are_real_exceptions_with_reasons(zh):
    words = zh.company.words
    rows = table(zh.outputs["team report"], "team_weekly", "abnormal", "customers", "zh")
    assert 3 <= len(rows) <= 8
    fitting = {"客户投诉": {t for c in words.complaints for t in c[:2]},
               "丢单": set(words.lost_reasons), "收款未果": set(words.unpaid_reasons)}
    assert {r["reason"] for r in rows} == set(fitting)
    for r in rows:
        assert r["details"] in fitting[r["reason"]], r


def test_market_reports_say_what_their_type_says(zh):
    words = zh.company.words
    types = {c.label("zh"): c.key for c in workbook("team_weekly").sheet("market").table(
        "reports").column("report_type").choices}
    rows = table(zh.outputs["team report"], "team_weekly", "market", "reports", "zh")
    assert len(rows) >= 4 and len({r["urgency"] for r in rows}) == 2 and \
        len({r["status"] for r in rows}) == 2
    for r in rows:
        kind = types[r["report_type"]]
        texts = {c[1] for c in words.complaints} if kind == "complaint" else \
            {d for d, _ in words.market[kind]}
        assert r["details"] in texts, r


def test_feedback_fits_the_outcome(zh):
    words = zh.company.words
    special = {*(c[0] for c in words.complaints), *words.lost_reasons, *words.unpaid_reasons}
    for weeks in zh.company.weeks.values():
        for week in weeks.values():
            for _, v in week.visits():
                if v.customer_feedback and v.customer_feedback not in special:
                    assert v.customer_feedback in words.feedback[v.outcome], v
                if v.objection:
                    assert v.outcome in UNSUCCESSFUL, v


def test_the_plan_knows_whom_the_reps_saw_this_week(zh):
    """The customer master reflects the demo week, so next week's plan never calls a
    customer visited this week 'never contacted'."""
    with stores.open_store(zh.outputs["history"]) as store:
        _, visits = store.load(W48, SATURDAY)
    seen = set(visits["customer_id"])
    master = read_workbook(zh.outputs["customers"], "customers").table("customers",
                                                                       "customers")
    contact = master[["last_call_date", "last_visit_date"]].apply(pd.to_datetime).max(axis=1)
    last = dict(zip(master["customer_id"], contact, strict=True))  # a phone order: a call
    for cid, date in zip(visits["customer_id"], visits["date"], strict=True):
        assert last[cid] >= pd.Timestamp(date), cid
    first = {say("reason.first_contact", lang) for lang in ("zh", "en")}
    never_visited = {say("reason.never_visited", lang) for lang in ("zh", "en")}
    visited = set(master.loc[master["last_visit_date"].notna(), "customer_id"])
    found = 0
    for path in zh.outputs["visit plans"].glob("2026-W49_*.xlsx"):
        if path == zh.outputs["plan overview"]:
            continue
        data = read_workbook(path, "rep_weekly")
        for day in DAYS:
            contacts = data.table(f"plan_{day.key}", "contacts")
            if contacts is None:
                continue
            for cid, note in zip(contacts["customer_id"], contacts["notes"], strict=True):
                found += 1
                if cid in seen:  # a customer only phoned this week is still never visited
                    wrong = first | (never_visited if cid in visited else set())
                    assert not any(f in (note or "") for f in wrong), (path.name, cid, note)
    assert found >= 60
