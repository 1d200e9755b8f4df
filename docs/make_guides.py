"""Regenerate the generated part of the user guides: the tables of messages between
`<!-- messages:start -->` and `<!-- messages:end -->` in docs/guide.zh.md and
docs/guide.en.md, from the message catalogue (addin/catalogue), in each guide's language.

    python docs/make_guides.py          # rewrite the marked sections of both guides
    python docs/make_guides.py --check  # exit 1 (and say which) when a guide is stale

tests/project/test_docs.py runs the same comparison. Every message code is either shown in one
group below or left out on purpose (OMITTED: words, titles and notes written into
workbooks, lines of a run's normal output); a new area of the catalogue must be placed
in one or the other, or the test fails.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from addin.catalogue import ENTRIES, Entry  # noqa: E402

START = "<!-- messages:start -->"
END = "<!-- messages:end -->"
GUIDES = {"zh": ROOT / "docs" / "guide.zh.md", "en": ROOT / "docs" / "guide.en.md"}


@dataclass(frozen=True)
class Group:
    """Messages shown together in the guide, with what to do about the whole group."""

    codes: tuple[str, ...]  # glob patterns over message codes
    title_zh: str
    title_en: str
    advice_zh: str
    advice_en: str


GROUPS = (
    Group(("file.*",), "打不开的文件", "A file that cannot be used",
          "这个文件整份没有计入，同一批的其他文件照常汇总。按下表处理后重新汇总即可：同一周重新汇总"
          "会替换上次的数据，不会重复计数。",
          "That file is left out as a whole; the other files of the batch are rolled up as "
          "usual. Do what the table says and roll up again: rolling up the same week again "
          "replaces what it stored, it never counts twice."),
    Group(("sheet.*",), "工作表和表格", "Sheets and tables",
          "通常是工作表被改名、删除，或表头被改动。读不到的部分（一张表、一天或一列）没有计入，"
          "其余照常计入。恢复模板原来的名称和表头，或把数据抄到新模板里。",
          "Usually a sheet was renamed or deleted, or a header was changed. What could not be "
          "read (a sheet, a day, a column) is left out; everything else counts. Restore the "
          "template's names and headers, or copy the data into a fresh template."),
    Group(("cell.*",), "单元格里的值", "A cell's value",
          "“问题清单”表列出文件、工作表和单元格。这个值没有计入（绝不会当作 0），文件的其余部分"
          "照常计入。在销售员的工作簿里改正后重新汇总。",
          "The problems sheet names the file, sheet and cell. That value is not counted (never "
          "taken as 0); the rest of the file counts. Correct it in the rep's workbook and roll "
          "up again."),
    Group(("hint.*",), "Excel 里的填写提示", "Hints Excel shows while typing",
          "黄色单元格带有下拉选项或数据校验，填错时 Excel 会弹出这些提示。按提示改填即可。",
          "The yellow cells carry drop-downs and data validation; Excel shows these when a "
          "value does not fit. Type what the hint asks for."),
    Group(("repbook.*",), "销售员周报簿", "The rep weekly workbook",
          "多半是“基本信息”表没填全。补填销售员姓名和周一日期后重新汇总。",
          "Mostly the info sheet is incomplete. Fill in the rep's name and the week's Monday "
          "and roll up again."),
    Group(("scan.*",), "查找文件夹里的工作簿", "Finding the workbooks in a folder",
          "汇总时逐个说明哪些文件没有读取、为什么。大多只是提示，不必处理。",
          "A rollup names every file it did not read and why. Most of these are notes; "
          "nothing needs doing."),
    Group(("rollup.*", "team.*", "week.*"), "周汇总与团队工作簿",
          "The weekly rollup and the team workbook",
          "团队周报照常生成，这些提示列在“问题清单”表里。",
          "The team report is still written; these are listed on its problems sheet."),
    Group(("month.*", "breakdown.*"), "月度控制与目标分解文件",
          "The monthly control and the targets breakdown file",
          "月度控制从历史数据库读取数据，目标来自 salesbook targets 生成的 .breakdown.xlsx。",
          "The monthly control reads the history store; its targets come from the "
          ".breakdown.xlsx that `salesbook targets` writes."),
    Group(("targets.*",), "目标分解", "The targets breakdown",
          "“分解说明”表逐条列出这些提示和单元格。某一行不能用时，该行被跳过，分解照常写出；"
          "整个分解无法进行时（例如锁定值超过年度目标），什么也不写出。改正目标工作簿后重新运行。",
          "The breakdown's audit sheet lists these with their cells. A row that cannot be "
          "used is skipped and the breakdown is still written; when the breakdown as a whole "
          "cannot be made (locks that exceed the target, for example) nothing is written. "
          "Correct the targets workbook and run again."),
    Group(("plan.*",), "造访计划", "Visit planning",
          "计划照常写出；排不下或不能写入的联系会“顺延”，列在造访计划总览的“顺延”表里，不会悄悄丢掉。",
          "The plan is still written; contacts that could not be placed are carried over and "
          "listed on the plan overview's carried-over sheet, never dropped silently."),
    Group(("history.*",), "历史数据库", "The history store",
          "历史数据库出错时，报告和历史数据都不会改动：两者要么一起保存，要么都不保存。改正后重新运行。",
          "When the history store fails, neither the report nor the history changes: they are "
          "saved together or not at all. Put it right and run again."),
    Group(("output.*",), "写入输出文件", "Writing an output",
          "什么都没有写入，原来的文件保持不变。按下表处理后重新运行。",
          "Nothing was written and any old file is unchanged. Do what the table says and run "
          "again."),
    Group(("run.*",), "整个运行", "A run as a whole",
          "已经写完的文件都是完整的，没写完的不会留下半个文件。",
          "Files already written are whole; nothing half-written is left behind."),
    Group(("excel.*", "macro.not_installed", "macro.no_result", "macro.timed_out",
           "macro.cannot_open"), "Excel 按钮", "The Excel buttons",
          "按钮会先保存工作簿，再在后台运行 salesbook。失败时显示下面的提示；"
          "详细情况可在命令行运行 salesbook excel run 查看。",
          "A button saves the workbook and runs salesbook in the background. When it fails it "
          "shows one of these; run `salesbook excel run` in a terminal to see the details."),
    Group(("bundle.*",), "离线安装包", "The offline installer",
          "制作安装包（salesbook bundle）或运行其中 setup.cmd / setup.sh 时的提示。",
          "Said while making the installer (`salesbook bundle`) or running its setup.cmd / "
          "setup.sh."),
)

# Left out of the guides on purpose: not problems a reader acts on.
OMITTED = (
    "cli.*",  # the lines of a run's normal output (shown in the commands section)
    "button.*", "word.*", "chart.*", "note.*",  # labels and titles inside workbooks
    "source.*",  # where a report took its roster, targets and history from
    "reason.*",  # a plan row's note: why the contact is planned
    "setup.*",  # the steps `salesbook excel-setup` prints (the install section)
    "macro.running", "macro.saving", "macro.conf_*",  # status bar and the xlwings.conf sheet
    "excel.*_done",  # what a button says when it worked
    "run.two_parts",  # joins two messages
    "plan.summary", "plan.tier_line", "plan.overview_at", "plan.problem_line",
    "plan.kept_rows",  # the lines `salesbook plan` prints
    "targets.written", "targets.block_title", "targets.card_*", "targets.whole_year",
    "targets.sheet_editable", "targets.split_*", "targets.season_*", "targets.rounding",
    "targets.locks",  # words of the breakdown's sheets and how its audit explains a split
    "demo.*",  # the demo's progress and story (shown when it runs)
    "bundle.setup_installing", "bundle.setup_done",  # setup.cmd's progress lines
)

WORDS = {
    "zh": {"code": "代码", "message": "提示", "todo": "怎么办"},
    "en": {"code": "code", "message": "message", "todo": "what to do"},
}
INTRO = {
    "zh": "以下内容由提示目录自动生成（`python docs/make_guides.py`）。`{path}`、`{value}` "
          "这类花括号里的词，在实际提示中会换成具体的文件、单元格或数值。代码也出现在“问题清单”"
          "表的“代码”列和 `--json` 输出中；全部提示的中英对照见 [messages.md](messages.md)。",
    "en": "Generated from the message catalogue (`python docs/make_guides.py`). Words in "
          "braces such as `{path}` or `{value}` stand for the file, cell or value the real "
          "message names. The code is also in the problems sheet's code column and in "
          "`--json`; every message in both languages is in [messages.md](messages.md).",
}


def omitted(code: str) -> bool:
    return any(fnmatchcase(code, p) for p in OMITTED)


def groups_of(code: str) -> list[Group]:
    """The groups whose patterns take `code` (exactly one for a shown code)."""
    return [g for g in GROUPS if any(fnmatchcase(code, p) for p in g.codes)]


def unplaced() -> list[str]:
    """Codes neither shown in exactly one group nor omitted on purpose."""
    return [code for code in ENTRIES if not omitted(code) and len(groups_of(code)) != 1]


def _shown(text: str) -> str:
    """A catalogue template as a table cell: `{value:,.2f}` shows as `{value}`."""
    text = re.sub(r"\{(\w+)[:!][^{}]*\}", r"{\1}", text)
    text = text.replace("\n", " ").replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;").strip()


def _row(entry: Entry, lang: str) -> str:
    what, todo = entry.template(lang)
    return f"| `{entry.code}` | {_shown(what) or '—'} | {_shown(todo) or '—'} |"


def messages_section(lang: str) -> str:
    """The generated text between the markers, in `lang`."""
    words = WORDS[lang]
    lines = ["", INTRO[lang], ""]
    for group in GROUPS:
        entries = [e for code, e in ENTRIES.items()
                   if not omitted(code) and groups_of(code) == [group]]
        if not entries:
            continue
        title = group.title_zh if lang == "zh" else group.title_en
        advice = group.advice_zh if lang == "zh" else group.advice_en
        lines += [f"### {title}", "", advice, "",
                  f"| {words['code']} | {words['message']} | {words['todo']} |",
                  "|---|---|---|", *(_row(e, lang) for e in entries), ""]
    return "\n".join(lines)


def regenerate(text: str, lang: str) -> str:
    """`text` (a whole guide) with its marked section regenerated."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"the guide must hold {START} ... {END} once, in that order")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{messages_section(lang)}\n{END}{tail}"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for lang, path in GUIDES.items():
        text = path.read_text(encoding="utf-8")
        new = regenerate(text, lang)
        if new != text:
            stale.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    missing = unplaced()
    for code in missing:
        print(f"{code}: place it in a group of docs/make_guides.py or in OMITTED")
    for path in stale:
        print(f"{path.relative_to(ROOT)}: {'out of date' if check else 'regenerated'}")
    return 1 if missing or (check and stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
