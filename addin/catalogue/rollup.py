"""Messages of the weekly rollup and the monthly control: what was counted, what was not."""

from . import define

define("rollup", {
    "implausible": ("“{label}”的数值 {value:g} 大得不合理，未计入",
                    "{label}: {value:g} is implausibly large; not counted",
                    "请核对", "Please check it"),
    "overflow": ("{rep} 的“{label}”无法计算（数值溢出），留空",
                 "{rep}: {label} could not be computed (overflow); left empty"),
    "long_text": ("“{label}”超过 Excel 单元格上限 {limit:,} 个字符，报告中只保留前 {limit:,} 个",
                  "{label} is longer than the {limit:,} characters an Excel cell holds; the "
                  "report keeps the first {limit:,}"),
    "duplicate": ("{rep} {date} 重复提交（内容相同）：计入 {kept}，未重复计入 {ignored}",
                  "{rep} {date} sent twice with identical figures: counted {kept} once, "
                  "ignored {ignored}"),
    "conflict": ("{rep} {date} 在多个文件中数字不同：计入最近保存的 {kept}，未计入 {ignored}",
                 "{rep} {date} differs between files: counted the most recently saved {kept}, "
                 "ignored {ignored}", "请确认哪一份是正确的", "Check which copy is right"),
    "missing": ("{rep} 本周未提交周报", "{rep} sent no report this week",
                "请提醒其提交", "Remind them to send it"),
    "unreadable_rep_book": ("{file}：无法填写周汇总（{detail}）",
                            "{file}: the weekly summary could not be filled ({detail})",
                            "请在 Excel 中打开并另存为 .xlsx 后重试",
                            "Open it in Excel, save it as .xlsx and run again"),
})

define("week", {
    "bad": ("周次须写成 2026-W48 的形式，而不是 {text}",
            "the week must look like 2026-W48, not {text}"),
    "no_such": ("{text} 不是该年的有效周次", "{text} is not a week of that year"),
})

define("month", {
    "bad_month": ("月份须写成 2026-11 的形式，而不是 {text}",
                  "the month must look like 2026-11, not {text}"),
    "nothing_stored": ("{history}：没有 {month} 的数据；已存的月份：{stored}",
                       "{history}: nothing stored for {month}; months stored: {stored}",
                       "请先对这个月的各周运行 salesbook rollup",
                       "Run `salesbook rollup` for that month's weeks first"),
    "store_empty": ("{history}：历史数据库是空的", "{history}: the history store is empty",
                    "请先运行 salesbook rollup", "Run `salesbook rollup` first"),
})

define("breakdown", {
    "unreadable": ("{path}：无法读取目标分解（{detail}）",
                   "{path}: cannot read the targets breakdown ({detail})",
                   "请选择 salesbook targets 生成的 .breakdown.xlsx 文件",
                   "Choose the .breakdown.xlsx file `salesbook targets` wrote"),
    "empty": ("{path}：目标分解表是空的", "{path}: the breakdown sheet is empty",
              "请先运行 salesbook targets", "Run `salesbook targets` first"),
})
