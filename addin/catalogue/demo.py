"""What `salesbook demo` says: its steps while it runs, then the story of the sample
company it made: who they are, what to open first, the week's figures, the reps' mistakes
and where the report lists them, and the commands to try next on this folder."""

from . import define

define("demo", {
    # the steps, shown while it runs
    "step_templates": ("写出空白模板", "writing the blank templates"),
    "step_targets": ("写出目标表并分解", "writing the targets workbook and breaking it down"),
    "step_import": ("导入 1–10 月的月度实绩", "importing the monthly actuals for January to "
                    "October"),
    "step_team": ("写出团队工作簿（设置与名单）",
                  "writing the team workbook (settings and roster)"),
    "step_workbooks": ("写出 {first}–{last} 各周的销售员周报", "writing the reps' workbooks of "
                       "{first} to {last}"),
    "step_week": ("{week}：汇总入历史数据库", "{week}: rolled up into the history store"),
    "step_summaries": ("{week}：每位销售员的周汇总", "{week}: each rep's weekly summary"),
    "step_plan": ("更新客户名录并安排下周计划", "updating the customer master and planning next "
                  "week"),
    "step_team_report": ("{week}：团队周报", "{week}: the team report"),
    "step_month": ("月度控制", "the monthly control"),
    # the story
    "title": ("示例公司已生成：{path}", "A sample company is ready in {path}"),
    "company": ("{reps} 名销售员，{regions} 个区域（{region_names}），另有经销商 {distributor}；"
                "{customers} 个客户（优先 {priority}、一般 {general}、最后 {last}），另有 "
                "{prospects} 个潜在用户。",
                "{reps} reps in {regions} regions ({region_names}) and a distributor, "
                "{distributor}; {customers} customers ({priority} priority, {general} general, "
                "{last} last tier) and {prospects} prospects."),
    "history": ("1–10 月为导入的月度实绩；11 月的 {weeks} 周由销售员周报汇总而来，都存于历史"
                "数据库。", "January to October are imported monthly actuals; November's "
                "weeks {weeks} were rolled up from the reps' workbooks; all are in the history "
                "store."),
    "open_first": ("先打开团队周报，看“本周看板”表：{path}",
                   "Open the team report first, on its dashboard sheet: {path}"),
    "headline": ("{week}：本周目标 {week_target}，订货 {week_orders}，达成 {week_achievement}"
                 "（时间进度 {week_time}）。", "{week}: orders {week_orders} against a week "
                 "target of {week_target}, {week_achievement} (time elapsed {week_time})."),
    "month_line": ("月累计 {mtd} / 本月目标 {month_target}，达成 {mtd_achievement}（时间进度 "
                   "{month_time}）；年累计 {ytd} / 年度目标 {year_target}，达成 "
                   "{ytd_achievement}（时间进度 {year_time}）。",
                   "Month to date {mtd} of {month_target}, {mtd_achievement} (time elapsed "
                   "{month_time}); year to date {ytd} of {year_target}, {ytd_achievement} "
                   "(time elapsed {year_time})."),
    "pace": ("本周领先：{ahead}；落后：{behind}（落后于时间进度的达成率以红色标出）。",
             "Ahead this week: {ahead}; behind: {behind} (an achievement behind the time "
             "elapsed is red)."),
    "abnormal": ("本周异常客户 {n} 个（投诉、丢单、收款未果），见“异常客户”表。",
                 "{n} abnormal customers this week (complaints, lost orders, collections that "
                 "failed): the abnormal customers sheet."),
    "mistakes": ("销售员犯了几个常见错误，报告都记下了：", "The reps made a few usual mistakes; "
                 "the report keeps track of them:"),
    "mistake_missing": ("{rep} 本周没交周报：看板的“未报”和“报告合规”表都列出了他。",
                        "{rep} sent nothing this week: named under Not reported on the "
                        "dashboard and on the compliance sheet."),
    "mistake_duplicate": ("{rep} 把周报交了两次：只计一次，“问题清单”表记下了两个文件。",
                          "{rep} sent the workbook twice: counted once; the problems sheet "
                          "names both files."),
    "mistake_blank_attendance": ("{rep} {day}日报的“出勤”没填：“报告合规”表的“必填空白数”记了"
                                 "一次。", "{rep} left attendance blank on {day}: one blank "
                                 "required cell on the compliance sheet."),
    "mistake_text_amount": ("{rep} {day}把一笔订货金额写成了文字“{typed}”：照样读作 {amount}，"
                            "不丢数，也不用改。", "{rep} typed an order amount as text on "
                            "{day}, “{typed}”: read as {amount} all the same, nothing to fix."),
    "mistake_free_outcome": ("{rep} {day}的洽谈结果写了“{typed}”，不在下拉选项中：“问题清单”"
                             "表指出了单元格 {cell}。", "{rep} typed “{typed}” as an outcome on "
                             "{day}, not one of the list: the problems sheet names cell {cell}."),
    "next": ("接下来可以试试：", "Try next:"),
    "next_rollup": ("重新汇总本周（读取团队工作簿的设置与名单）：",
                    "roll the week up again (the team workbook's settings and roster):"),
    "next_month": ("本月的月度控制：", "the month's control:"),
    "next_plan": ("安排再下一周的造访与电话：", "plan the week after next:"),
    "next_history": ("历史数据库里有什么：", "what the history store holds:"),
    "next_targets": ("重新分解目标：", "break the targets down again:"),
    "took": ("用时 {seconds:.1f} 秒。", "Took {seconds:.1f} s."),
})
