"""The demo's reports as a manager prints and reads them (LibreOffice → PDF): each sheet on
a bounded number of A4 pages at a legible size, every chart whole on one page, the
workbook opening on its summary, and one language per workbook apart from what people
typed."""

from __future__ import annotations

import re
import statistics
import subprocess
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest
import python_calamine

pytestmark = pytest.mark.libreoffice

BODY_HEIGHT = 13.01  # a 10 pt cell's text box in LibreOffice's PDF at 100 % (CI's fonts)
SMALLEST_SCALE = 0.70
CJK = re.compile(r"[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from addin.services.demo import run_demo

    return run_demo(tmp_path_factory.mktemp("demo"), lang="zh")


def pdf_pages(path: Path, tmp: Path) -> list[dict]:
    """Per page: the sheet it prints (its footer), its words, and the scale it prints at."""
    import libreoffice as lo

    pdf = lo.convert([path], tmp, to="pdf")[0]
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for body in html.split("<page ")[1:]:
        width, height = (float(x) for x in re.match(r'width="([\d.]+)" height="([\d.]+)"',
                                                      body).groups())
        words = [(float(x), float(a), float(b), w) for x, a, b, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)<', body)]
        footer = [w for x, a, _, w in words if a > height - 40 and x < width / 2]
        body_words = [(a, b, w) for _, a, b, w in words if a <= height - 40]
        heights = [round(b - a, 2) for a, b, _ in body_words]
        pages.append({"sheet": "".join(footer), "words": [w for *_, w in body_words],
                      "scale": statistics.mode(heights) / BODY_HEIGHT if heights else 1.0})
    return pages


def by_sheet(pages: list[dict]) -> dict[str, list[dict]]:
    out = defaultdict(list)
    for p in pages:
        out[p["sheet"]].append(p)
    return out


def test_the_team_report_prints_legibly_with_whole_charts(demo, tmp_path):
    from addin.schema import workbook

    pages = pdf_pages(demo.outputs["team report"], tmp_path)
    sheets = by_sheet(pages)
    spec = workbook("team_weekly")
    label = {s.key: s.label("zh") for s in spec.sheets}
    assert len(sheets[label["dashboard"]]) == 2  # the figures, then the charts
    for key in ("targets", "activity", "funnel", "compliance", "objections", "next_week"):
        assert len(sheets[label[key]]) == 1, key  # a 12-rep team: one page each
    assert len(pages) <= 32
    for p in pages:
        assert p["scale"] >= SMALLEST_SCALE, (p["sheet"], round(p["scale"], 2))
    charts = sheets[label["dashboard"]][1]["words"]
    # all three on one page, whole: each title with its legend or last category
    for title, inside in (("各业务员达成率与时间进度", "时间进度"), ("团队电话漏斗", "成交笔数"),
                          ("拒绝理由排列图", "累计占比")):
        assert charts.count(title) == 1 and inside in charts, title
    objections = sheets[label["objections"]][0]["words"]
    assert "拒绝理由排列图" in objections and "累计占比" in objections


def test_the_monthly_control_and_the_reps_summary_print_legibly(demo, tmp_path):
    for path in (demo.outputs["monthly control"], demo.rep_workbooks[0]):
        pages = pdf_pages(path, tmp_path / path.stem)
        for p in pages:
            assert p["scale"] >= SMALLEST_SCALE, (path.name, p["sheet"], round(p["scale"], 2))
    summary = [p for p in pdf_pages(demo.rep_workbooks[0], tmp_path / "again")
               if p["sheet"] == "周汇总"]
    assert len(summary) == 1
    notes = openpyxl.load_workbook(demo.rep_workbooks[0])["周汇总"]
    area = notes.print_area[0] if isinstance(notes.print_area, list) else notes.print_area
    assert int(re.search(r"(\d+)$", area).group(1)) > 33  # the notes print too


def test_each_report_opens_on_its_summary_with_the_settings_last(demo):
    for key, first in (("team report", "本周看板"), ("monthly control", "月度达成")):
        wb = openpyxl.load_workbook(demo.outputs[key])
        visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
        assert visible[0] == first and wb.active.title == first
    team = openpyxl.load_workbook(demo.outputs["team report"])
    visible = [ws.title for ws in team.worksheets if ws.sheet_state == "visible"]
    assert visible[-1] == "设置"


def _typed(paths: list[Path]) -> set[str]:
    """Every text people typed into the input workbooks (kept as typed in the reports),
    and their sheets' names (a problem names the sheet as the file has it)."""
    found = set()
    for path in paths:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        found.update(book.sheet_names)
        for name in book.sheet_names:
            for row in book.get_sheet_by_name(name).to_python():
                found.update(v for v in row if isinstance(v, str) and v)
    return found


def _foreign(path: Path, lang: str, typed: set[str]) -> list[str]:
    """Cells of a workbook in `lang` that hold words of the other language, besides what
    people typed, file names and codes."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    names = sorted((t for t in typed if len(t) <= 20), key=len, reverse=True)
    out = []
    for name in book.sheet_names:
        if name.startswith("_"):
            continue
        for r, row in enumerate(book.get_sheet_by_name(name).to_python(), start=1):
            for v in row:
                if not isinstance(v, str) or not v or v in typed:
                    continue
                for typed_name in names:  # a rep or customer named inside a message
                    if typed_name in v:
                        v = v.replace(typed_name, "")
                text = re.sub(r"[/\\][^;]*|\S+\.xls[xm]|salesbook|Excel|\d{4}-W\d\d"
                              r"|[a-z_]+\.[a-z_]+|#DIV/0!|\.xlsx|CSV", "", v)
                if any(part in typed for part in re.split(r"[,;!]\s*", v)):
                    continue
                bad = WORD.search(text) if lang == "zh" else CJK.search(text)
                if bad:
                    out.append(f"{name}!{r}: {v[:60]}")
    return out


def test_a_chinese_report_holds_no_english_and_an_english_one_no_chinese(demo, tmp_path):
    from addin.services.rollup import run_rollup

    typed = _typed([*demo.rep_workbooks, demo.outputs["targets"], demo.outputs["customers"]])
    typed |= {p.name for p in demo.rep_workbooks}
    zh = [demo.outputs["team report"], demo.outputs["monthly control"]]
    assert [c for p in zh for c in _foreign(p, "zh", typed)] == []
    en = run_rollup([demo.rep_workbooks[0].parent], lang="en", out=tmp_path / "en.xlsx",
                    history=tmp_path / "en.sqlite", targets=demo.outputs["breakdown"]).output
    assert _foreign(en, "en", typed) == []
