"""Messages of visit planning: why a contact is planned (the plan's notes column, in the
rep's language) and what could not be planned."""

from . import define

# why a contact is planned: the notes column of the rep's plan
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
})

define("plan", {
    "no_rep": ("未填销售员，此客户未排入计划", "no rep: this customer was not planned",
               "请填写负责的销售员", "Fill in the rep"),
    "no_id": ("客户编号为空，按客户名称识别", "customer ID blank: matched by name"),
    "dup_id": ("客户“{customer}”与第 {row} 行重复，只按第一行计划",
               "customer '{customer}' repeats row {row}; only the first row is planned"),
    "no_customers": ("客户名录中没有客户", "the customer master lists no customers",
                     "请在客户表中填写客户", "List the customers on the customers sheet"),
    "setting_range": ("“{label}”为 {value}，超出 {lo}–{hi}，改用 {default}",
                      "{label} is {value}, outside {lo}-{hi}; using {default}"),
    "cadence_missing": ("联系频率表缺少“{tier}”一行，改用默认值",
                        "the cadence table has no row for {tier}; using the default"),
    "week_mismatch": ("此周报簿的周一日期是 {found}，不是 {expected}；未填写，该周联系已列入顺延",
                      "this workbook's week starts {found}, not {expected}; not filled, its "
                      "contacts are carried over"),
    "sheet_unusable": ("“{sheet}”无法使用；当天联系已列入顺延",
                       "'{sheet}' cannot be used; that day's contacts are carried over"),
    "workbook_unusable": ("周报簿无法读取或不是销售员周报簿；该周联系已列入顺延",
                          "the workbook cannot be read or is not a rep weekly workbook; its "
                          "contacts are carried over"),
    "locked": ("{detail}；该周联系已列入顺延", "{detail}; its contacts are carried over"),
    "write_failed": ("写入失败：{detail}", "could not be written: {detail}"),
    "rows_kept": ("第 {rows} 行已有内容，保持原样，计划写在空行",
                  "rows {rows} already hold entries; left as typed, the plan went into "
                  "empty rows"),
    "already_planned": ("{n} 位应联系客户已在本周计划中，未重复添加",
                        "{n} due customers are already in this week's plan; not added again"),
    "no_room": ("{n} 个联系没有空行可写，已列入顺延",
                "{n} contacts found no empty row; carried over"),
    "week_and_start": ("只能给出周次或开始日期之一，不能同时给出",
                       "give either a week or a start date, not both"),
    "bad_days": ("天数须为 1 或以上，而不是 {days}", "days must be 1 or more, not {days}"),
    "days_with_week": ("--days 须与 --start 一起使用，不能与 --week 一起使用",
                       "--days goes with --start, not with --week"),
    "days_without_start": ("--days 须与 --start 一起使用", "--days goes with --start"),
    "cannot_plan": ("{path}：无法据此文件排计划：{detail}",
                    "{path}: cannot plan from this file: {detail}",
                    "请使用客户名录模板", "Use the customer master template"),
    "not_master": ("不是客户名录", "not a customer master"),
})
