"""The message reference (docs/messages.md): every code, what it says in each language,
and what to do about it; generated, so it cannot drift from what the product prints."""

from __future__ import annotations

from . import ENTRIES

AREAS = {
    "file": ("A file as a whole", "文件本身"),
    "sheet": ("A sheet or table of a workbook", "工作表与表格"),
    "cell": ("A cell's value", "单元格的值"),
    "repbook": ("A rep's weekly workbook", "销售员周报簿"),
    "scan": ("Finding the workbooks in a folder", "查找文件夹中的工作簿"),
    "output": ("Writing an output", "写入输出文件"),
    "run": ("A run as a whole", "整个运行"),
    "history": ("The history store", "历史数据库"),
    "rollup": ("The weekly rollup", "周汇总"),
    "team": ("The team workbook and the roster", "团队工作簿与名单"),
    "week": ("Weeks", "周次"),
    "month": ("The monthly control", "月度控制"),
    "breakdown": ("Reading a targets breakdown", "读取目标分解"),
    "targets": ("The targets breakdown", "目标分解"),
    "plan": ("Visit planning", "造访计划"),
    "reason": ("Why a contact is planned (the plan's notes)", "计划原因（计划表备注）"),
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") if text else "—"


def reference_markdown(areas: tuple[str, ...] | None = None) -> str:
    """The reference of every message code, area by area."""
    lines = ["# Messages / 提示信息", "",
             "Every message salesbook prints or writes into a workbook's problems sheet has a "
             "stable code (also in `--json`). This page is generated from the message "
             "catalogue (`salesbook schema --messages`); `{name}` stands for what the message "
             "fills in.", "",
             "salesbook 的每条提示都有固定代码（`--json` 中也有）。本页由提示目录自动生成；"
             "`{name}` 表示提示中填入的内容。", ""]
    by_area: dict[str, list] = {}
    for entry in ENTRIES.values():
        by_area.setdefault(entry.code.split(".")[0], []).append(entry)
    for area, entries in by_area.items():
        if areas is not None and area not in areas:
            continue
        en, zh = AREAS.get(area, (area, area))
        lines += [f"## {en} / {zh}", "", "| code | 中文 | English | 怎么办 / what to do |",
                  "|---|---|---|---|"]
        for e in entries:
            todo = " / ".join(t for t in (e.do_zh, e.do_en) if t)
            lines.append(f"| `{e.code}` | {_cell(e.zh)} | {_cell(e.en)} | {_cell(todo)} |")
        lines.append("")
    return "\n".join(lines)
