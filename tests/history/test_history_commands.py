"""The history commands end to end on both backends: a rollup and a month on PostgreSQL
give the same JSON as on SQLite; `history info`, `history export` and `history import`
tell, write and load the same things on either; a password is never shown or stored."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import zipfile

import pytest
from click.testing import CliRunner
from handmade import WEEK_DATA, expected_figures, write_week_folder
from test_history import is_pg, raw

from addin.cli import main
from addin.errors import OutputError
from addin.io.templates import write_workbook
from addin.schema import workbook
from addin.services.history import export_history

IMPORT_SPEC = workbook("history_import")
pq = pytest.importorskip("pyarrow.parquet")  # the `test` extra installs it


@pytest.fixture
def week_folder(tmp_path):
    return write_week_folder(tmp_path / "reports")


def cli(*args, code: int = 0, env: dict | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert result.exit_code == code, result.output
    return result


def without(data: dict, *keys: str) -> dict:
    return {k: v for k, v in data.items() if k not in keys}


def test_rollup_and_month_give_the_same_json_on_both_backends(week_folder, tmp_path, pg_url):
    got = []
    for n, at in enumerate((tmp_path / "h.sqlite", pg_url)):
        weekly = json.loads(cli("rollup", week_folder, "--out", tmp_path / f"t{n}.xlsx",
                                "--history", at, "--json").output)
        weekly = json.loads(cli("rollup", week_folder, "--out", tmp_path / f"t{n}.xlsx",
                                "--history", at, "--json").output)  # again: replaces
        month = json.loads(cli("month", "2026-11", "--history", at, "--out",
                               tmp_path / f"m{n}.xlsx", "--json").output)
        got.append((without(weekly, "output"), without(month, "output")))
    assert got[0] == got[1]
    reps = {r["rep"]: r for r in got[1][1]["reps"]}
    for rep in WEEK_DATA:
        assert reps[rep]["order_amount"] == pytest.approx(expected_figures(rep)["order_amount"])


def _password_url(pg_url: str) -> str:
    """The test user is trusted on the socket, so any password connects: one is given
    here only to see that it is never shown or stored."""
    return pg_url.replace("postgresql://salesbook@", "postgresql://salesbook:Pa55-w0rd@")


def test_the_password_is_never_shown_or_stored(week_folder, tmp_path, pg_url):
    url = _password_url(pg_url)
    out = cli("rollup", week_folder, "--out", tmp_path / "team.xlsx", env={
        "SALESBOOK_HISTORY": url}).output
    assert "postgresql://salesbook@" in out and "Pa55-w0rd" not in out
    with zipfile.ZipFile(tmp_path / "team.xlsx") as book:
        xml = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    assert "Pa55-w0rd" not in xml and "postgresql://salesbook@" in xml
    for args in (("month", "2026-10", "--history", url), ("history", "info", "--history", url)):
        result = CliRunner().invoke(main, args)
        assert "Pa55-w0rd" not in result.output
        assert "postgresql://salesbook@" in result.output


def test_history_info_tells_what_is_stored(week_folder, tmp_path, store_at):
    cli("rollup", week_folder, "--out", tmp_path / "team.xlsx", "--history", store_at)
    actuals = tmp_path / "earlier.csv"
    actuals.write_text("rep,region,month,sales,gross_margin,new_customers,collections\n"
                       "张伟,华东,2026-09,100000,20000,3,90000\n"
                       "张伟,华东,2026-10,120000,25000,4,80000\n"
                       "Li Na,East,2026-10,90000,18000,2,85000\n", encoding="utf-8")
    cli("history", "import", actuals, "--history", store_at)
    info = json.loads(cli("history", "info", "--history", store_at, "--json").output)
    assert info["backend"] == ("postgresql" if is_pg(store_at) else "sqlite")
    assert info["schema_version"] == 2
    # independently: the days each rep reported in WEEK_DATA
    dates = {dt.date(2026, 11, 16) + dt.timedelta(d) for _, _, days in WEEK_DATA.values()
             for d in days}
    rep_days = sum(len(days) for _, _, days in WEEK_DATA.values())
    assert info["months"] == [{
        "month": "2026-11", "reps": 2, "dates": len(dates), "rep_days": rep_days,
        "reported": rep_days, "first": min(dates).isoformat(), "last": max(dates).isoformat(),
        "days_in_month": 30, "reps_known": 2, "imported_reps": 0}]
    assert [w["week"] for w in info["weeks"]] == ["2026-W47"]
    assert {r["rep"]: r["rep_days"] for r in info["reps"]} == {
        rep: len(days) for rep, (_, _, days) in WEEK_DATA.items()}
    assert info["sources"]["rollups"]["count"] == 1
    assert info["sources"]["imports"] == {"rows": 3, "months": [
        {"month": "2026-09", "reps": 1, "sales": 100000.0, "file": "earlier.csv",
         "imported_at": info["sources"]["imports"]["months"][0]["imported_at"]},
        {"month": "2026-10", "reps": 2, "sales": 210000.0, "file": "earlier.csv",
         "imported_at": info["sources"]["imports"]["months"][1]["imported_at"]}]}
    text = cli("history", "info", "--history", store_at).output
    assert "2026-11" in text and "1 rollups" in text and "3 imported rows" in text


def _read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_export_gives_the_same_files_from_both_backends(week_folder, tmp_path, pg_url):
    exported = []
    for n, at in enumerate((tmp_path / "h.sqlite", pg_url)):
        cli("rollup", week_folder, "--out", tmp_path / f"t{n}.xlsx", "--history", at)
        for fmt in ("csv", "parquet"):
            out = cli("history", "export", "--history", at, "--format", fmt, "--out",
                      tmp_path / f"x{n}" / fmt).output
            assert "visits" in out
        exported.append(tmp_path / f"x{n}")
    visits_made = sum(len(v) for _, _, d in WEEK_DATA.values() for _, v, _ in d.values())
    for folder in exported:
        visits = _read_csv(folder / "csv" / "visits.csv")
        assert len(visits) == visits_made
        table = pq.read_table(folder / "parquet" / "visits.parquet")
        assert table.num_rows == visits_made
        assert str(table.schema.field("date").type) == "date32[day]"
        assert str(table.schema.field("order_amount").type) == "double"
        days = pq.read_table(folder / "parquet" / "days.parquet").to_pylist()
        assert {d["date"] for d in days} <= {dt.date(2026, 11, 16) + dt.timedelta(i)
                                             for i in range(7)}
        assert sum(float(v["order_amount"] or 0) for v in visits) == pytest.approx(
            sum(expected_figures(r)["order_amount"] for r in WEEK_DATA))
        assert _read_csv(folder / "csv" / "imported.csv") == []
    for table in ("days", "visits"):
        a, b = (_read_csv(f / "csv" / f"{table}.csv") for f in exported)
        assert [without(r, "rolled_at") for r in a] == [without(r, "rolled_at") for r in b]
        a, b = (pq.read_table(f / "parquet" / f"{table}.parquet").drop_columns(
            ["rolled_at"] if table == "days" else []) for f in exported)
        assert a.equals(b)


def test_export_keeps_typed_text_from_becoming_a_formula(tmp_path):
    import pandas as pd

    from addin.io import history

    days = pd.DataFrame({"rep": ["张伟"], "date": [dt.date(2026, 11, 23)], "working": [True],
                         "reported": [True]})
    visits = pd.DataFrame({"rep": ["张伟"], "date": [dt.date(2026, 11, 23)], "file": ["a"],
                           "row": [7], "customer": ["=HYPERLINK(\"x\")"]})
    history.write_week(tmp_path / "h.sqlite", days, visits, week="2026-W48", files=1,
                       lang="zh")
    export_history(tmp_path / "h.sqlite", "csv", tmp_path / "out")
    assert _read_csv(tmp_path / "out" / "visits.csv")[0]["customer"] == "'=HYPERLINK(\"x\")"


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(OutputError) as err:
        export_history(tmp_path / "h.sqlite", "parquet", tmp_path / "out")
    assert err.value.code == "history.export_no_pyarrow"
    assert "salesbook[parquet]" in str(err.value)
    assert not (tmp_path / "out").exists()


# -- import ----------------------------------------------------------------------------------
def test_import_from_the_template_marks_rows_and_a_reimport_replaces(tmp_path, store_at, lang):
    book = tmp_path / "earlier.xlsx"
    rows = [{"rep": "张伟", "region": "华东", "month": "2026-01", "sales": 150000.5,
             "gross_margin": 30000, "new_customers": 5, "collections": 140000},
            {"rep": "张伟", "region": "华东", "month": "2026-02", "sales": 160000},
            {"rep": "Li Na", "region": "East", "month": "2026-01", "sales": 90000,
             "gross_margin": 15000, "new_customers": 0, "collections": 70000}]
    write_workbook(IMPORT_SPEC, lang, book, {"actuals": {"tables": {"actuals": rows}}})
    out = cli("history", "import", book, "--history", store_at).output
    assert "imported 3 rows" in out
    stored = raw(store_at, "SELECT rep, month, sales, gross_margin, new_customers, "
                           "collections, file FROM imported ORDER BY rep, month")
    assert stored == [("Li Na", "2026-01", 90000.0, 15000.0, 0, 70000.0, "earlier.xlsx"),
                      ("张伟", "2026-01", 150000.5, 30000.0, 5, 140000.0, "earlier.xlsx"),
                      ("张伟", "2026-02", 160000.0, None, None, None, "earlier.xlsx")]
    assert raw(store_at, "SELECT COUNT(*) FROM days") == [(0,)]  # marked: not rep-days
    again = tmp_path / "again.csv"
    again.write_text("销售员,月份,销售额\n张伟,2026-02,170000\n", encoding="utf-8-sig")
    cli("history", "import", again, "--history", store_at)
    assert raw(store_at, "SELECT rep, month, sales, file FROM imported WHERE month = "
                         "'2026-02'") == [("张伟", "2026-02", 170000.0, "again.csv")]
    assert raw(store_at, "SELECT COUNT(*) FROM imported") == [(3,)]


def test_an_import_with_bad_cells_names_them_and_stores_nothing(tmp_path, store_at):
    bad = tmp_path / "bad.csv"
    bad.write_text("rep,month,sales,new_customers,colour\n"
                   "张伟,2026-13,100,1,red\n"
                   ",2026-01,100,1,\n"
                   "Li Na,2026-01,lots,2,\n"
                   "Li Na,2026-02,5,-1,\n"
                   "王芳,2026-03,5,1.5,\n"
                   "王芳,2026/3,6,1,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["history", "import", str(bad), "--history",
                                       str(store_at), "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    found = {(p["cell"], p["code"]) for p in data["problems"]}
    assert found == {("E1", "history.import_unknown_column"),
                     ("B2", "history.import_bad_month"), ("A3", "history.import_required"),
                     ("C4", "history.import_bad_cell"), ("D5", "history.import_negative"),
                     ("D6", "history.import_bad_cell"), ("A7", "history.import_duplicate")}
    assert all(p["file"] == "bad.csv" for p in data["problems"])
    assert data["refused"] and data["rows"] == 0
    assert (not is_pg(store_at) and not store_at.exists()) or \
        raw(store_at, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
    plain = CliRunner().invoke(main, ["history", "import", str(bad), "--history",
                                      str(store_at)])
    assert "bad.csv:B2:" in plain.output and "nothing was imported" in plain.output


def test_a_bad_cell_in_the_workbook_is_named_by_sheet_and_cell(tmp_path):
    book = tmp_path / "earlier.xlsx"
    rows = [{"rep": "张伟", "month": "2026-01", "sales": "a lot"}]
    write_workbook(IMPORT_SPEC, "en", book, {"actuals": {"tables": {"actuals": rows}}})
    result = CliRunner().invoke(main, ["history", "import", str(book), "--history",
                                       str(tmp_path / "h.sqlite"), "--json"])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    table = IMPORT_SPEC.sheet("actuals").table("actuals")
    assert [(p["sheet"], p["cell"]) for p in problems] == [
        ("Earlier actuals", f"{table.col_letter('sales')}{table.first_data_row}")]
    assert not (tmp_path / "h.sqlite").exists()
