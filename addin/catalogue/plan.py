"""Messages of visit planning (`salesbook plan`): why a contact is planned (the notes
column, written in the workbook's language), what could not be planned or written and what
to do about it, and the lines the command prints."""

from . import define

# why a contact is planned: the notes column of the rep's plan and of the overview
define("reason", {
    "complaint": ("未结客诉", "open complaint"),
    "collection_overdue": ("应收 {amount} 已于 {date} 到期", "receivable {amount} overdue "
                           "since {date}"),
    "collection_soon": ("应收 {amount} 于 {date} 到期", "receivable {amount} due {date}"),
    "first_contact": ("从未联系，首次联系", "never contacted: first contact"),
    "never_visited": ("从未造访", "never visited"),
    "call_overdue": ("电话应于 {date}", "call due {date}"),
    "call_due": ("电话应于 {date}", "call due {date}"),
    "visit_overdue": ("造访应于 {date}", "visit due {date}"),
    "visit_due": ("造访应于 {date}", "visit due {date}"),
    "visit_covers_call": ("兼顾 {date} 应打的电话", "covers the call due {date}"),
    "overdue": ("逾期 {days} 天", "{days} days overdue"),
    "joiner": ("；", "; "),  # between two reasons
})

define("plan", {
    # the customer master
    "no_rep": ("未填销售员，此客户未排入计划", "no rep: this customer was not planned",
               "请填写负责的销售员", "Fill in the rep"),
    "no_id": ("客户编号为空，按客户名称识别", "customer ID blank: matched by name",
              "请填写客户编号", "Fill in the customer ID"),
    "dup_id": ("客户“{customer}”与第 {row} 行重复，只按第一行计划",
               "customer '{customer}' repeats row {row}; only the first row is planned",
               "请删除重复的一行或改正客户编号",
               "Delete the repeated row or correct its customer ID"),
    "no_customers": ("客户名录中没有客户", "the customer master lists no customers",
                     "请在客户表中填写客户", "List the customers on the customers sheet"),
    "setting_range": ("“{label}”为 {value}，超出 {lo}–{hi}，已改用 {default}",
                      "{label} is {value}, outside {lo}-{hi}; {default} was used",
                      "请填写 {lo}–{hi} 之间的值", "Enter a value from {lo} to {hi}"),
    "cadence_missing": ("联系频率表缺少“{tier}”一行，已改用默认频率",
                        "the cadence table has no row for {tier}; the default cadence was "
                        "used", "请在联系频率表中补上这一行", "Add that row to the cadence table"),
    "cannot_plan": ("{path}：无法据此文件排计划：{detail}",
                    "{path}: cannot plan from this file: {detail}",
                    "请使用客户名录模板", "Use the customer master template"),
    "not_master": ("不是客户名录", "not a customer master"),
    # the window
    "week_and_start": ("只能给出周次或开始日期之一，不能同时给出",
                       "give either a week or a start date, not both",
                       "请去掉 --week 或 --start", "Drop --week or --start"),
    "bad_days": ("天数须为 1 或以上，而不是 {days}", "days must be 1 or more, not {days}"),
    "days_with_week": ("--days 须与 --start 一起使用，不能与 --week 一起使用",
                       "--days goes with --start, not with --week",
                       "请改用 --start 加 --days，或只用 --week",
                       "Use --start with --days, or --week alone"),
    "days_without_start": ("--days 须与 --start 一起使用", "--days goes with --start",
                           "请同时给出 --start", "Give --start as well"),
    # the reps' workbooks
    "week_mismatch": ("此周报簿的周一日期是 {found}，不是 {expected}；未填写，该周联系已列入顺延",
                      "this workbook's week starts {found}, not {expected}; not filled, its "
                      "contacts are carried over",
                      "请改正周一日期，或把文件移走后再运行一次",
                      "Correct its week start, or move the file away and run again"),
    "sheet_unusable": ("“{sheet}”无法使用；当天联系已列入顺延",
                       "'{sheet}' cannot be used; that day's contacts are carried over",
                       "请按模板恢复此工作表后再运行一次",
                       "Restore the sheet as the template has it and run again"),
    "workbook_unusable": ("周报簿无法读取或不是销售员周报簿；该周联系已列入顺延",
                          "the workbook cannot be read or is not a rep weekly workbook; its "
                          "contacts are carried over",
                          "请修复或移走此文件后再运行一次",
                          "Repair the file or move it away, then run again"),
    "locked": ("该周联系已列入顺延：{detail}", "its contacts are carried over: {detail}"),
    "not_written": ("未写入，该周联系已列入顺延：{detail}",
                    "not written, its contacts are carried over: {detail}"),
    "write_error": ("写入失败（{detail}），原文件保持不变",
                    "could not be written ({detail}); any old file is unchanged"),
    "rows_kept": ("第 {rows} 行已有内容，保持原样，计划写在空行",
                  "rows {rows} already hold entries; left as typed, the plan went into "
                  "empty rows"),
    "already_planned": ("{n} 位应联系客户已在本周计划中，未重复添加",
                        "{n} due customers are already in this week's plan; not added again"),
    "no_room": ("{n} 个联系没有空行可写，已列入顺延",
                "{n} contacts found no empty row; carried over",
                "请在当天计划表中腾出空行后再运行一次",
                "Clear rows in that day's tab and run again"),
    # what the command prints
    "summary": ("计划 {start} 至 {end}：{contacts} 个联系，{carried} 个顺延，"
                "{already} 个已在计划中；写入 {files} 个周报簿",
                "plan {start} .. {end}: {contacts} contacts, {carried} carried over, "
                "{already} already in the plans; {files} workbooks written"),
    "tier_line": ("  {tier}：应联系 {due:>5}  已排 {scheduled:>5}  覆盖率 {coverage}",
                  "  {tier:<9} due {due:>5}  scheduled {scheduled:>5}  coverage {coverage}"),
    "overview_at": ("总览：{path}", "overview: {path}"),
    "problem_line": ("  {where}：{severity}：{text}", "  {where}: {severity}: {text}"),
    "kept_rows": ("  另有 {n} 条关于保留原样的行的提示（见总览的问题表或 --json）",
                  "  {n} notes on rows left as typed (see the overview's problems sheet "
                  "or --json)"),
})
