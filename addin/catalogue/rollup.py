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
})

define("breakdown", {
    "unreadable": ("{path}：无法读取目标分解（{detail}）",
                   "{path}: cannot read the targets breakdown ({detail})",
                   "请选择 salesbook targets 生成的 .breakdown.xlsx 文件",
                   "Choose the .breakdown.xlsx file `salesbook targets` wrote"),
    "empty": ("{path}：目标分解表是空的", "{path}: the breakdown sheet is empty",
              "请先运行 salesbook targets", "Run `salesbook targets` first"),
})

define("team", {
    "not_team_book": ("{path}：不是团队周报工作簿（{detail}）",
                      "{path}: not a team weekly workbook ({detail})",
                      "请使用“销售管理汇报书”模板", "Use the team weekly workbook template"),
    "no_folder": ("没有给出周报文件夹", "no reports folder was given",
                  "请在团队工作簿的“设置”表填写周报文件夹，或在命令中给出文件夹",
                  "Fill in the reports folder on the team workbook's settings sheet, or give "
                  "the folder on the command line"),
    "no_rep_days": ("{week} 没有任何销售员的日报；文件夹中的周报属于：{found}",
                    "no rep reported any day of {week}; the workbooks found are for: {found}",
                    "请用 --week 选择其中一周，或检查周报的“周一日期”",
                    "Choose one of those weeks with --week, or check the workbooks' week "
                    "start dates"),
    "no_roster": ("没有名单（团队工作簿的名单表、目标分解或近期历史数据），"
                  "无法发现未交周报的销售员",
                  "no roster (the team workbook's roster, a targets breakdown or recent "
                  "history): reps who sent nothing cannot be found",
                  "请在团队工作簿的“名单”表列出应交周报的销售员",
                  "List who should report on the team workbook's roster sheet"),
})

# where a report's figures come from, in its own words
define("source", {
    "roster_team": ("团队工作簿的名单表", "the team workbook's roster"),
    "roster_targets": ("目标分解中的销售员", "the reps of the targets breakdown"),
    "roster_history": ("近 {weeks} 周提交过周报的销售员", "reps who reported in the last "
                       "{weeks} weeks"),
    "roster_none": ("无（无法发现未交周报的销售员）", "none (missing reps cannot be found)"),
    "roster_month": ("本月提交过周报的销售员（无名单：无法发现整月未交的销售员）",
                     "reps who reported this month (no roster: a rep who sent nothing all "
                     "month cannot be found)"),
    "no_targets": ("无（没有目标分解：只显示实绩）",
                   "none (no targets breakdown: actuals only)"),
    "targets_breakdown": ("目标分解文件 {file}（月目标按工作日分到每周）",
                          "the targets breakdown {file} (monthly targets shared over working "
                          "days)"),
    "targets_typed": ("销售员填写的当日目标（无月度、年度目标）",
                      "the reps' own day targets (no month or year targets)"),
    "coverage_full": ("完整（{first}–{last}）", "complete ({first} to {last})"),
    "coverage_partial": ("只有 {held}；缺 {missing}，这些周的累计数不全，不以红色标出",
                         "only {held}; {missing} missing, so the to-date figures are "
                         "incomplete and not marked red"),
    "coverage_imported": ("{months} 为导入的月度实绩", "{months} from imported monthly actuals"),
})
