"""Words the product writes into workbooks besides the schema's labels: sheet notes, chart
titles, dropdown and input hints, status words. Rendered in the workbook's language."""

from . import define

define("note", {
    "input": ("黄色单元格请填写；灰色单元格自动计算。",
              "Type in the yellow cells; grey cells are calculated."),
    "settings": ("黄色单元格可按公司情况修改。", "Adjust the yellow cells to your company."),
    "output": ("本表由 salesbook 生成，请勿手工修改。",
               "Written by salesbook; do not edit by hand."),
    "library": ("下拉列表的来源；可补充话术。", "Feeds the dropdowns; add your own wording."),
})

define("chart", {
    "achievement": ("各业务员达成率与时间进度", "Achievement vs time elapsed, by rep"),
    "funnel": ("团队电话漏斗", "Team call funnel"),
    "objections": ("拒绝理由排列图", "Objections (Pareto)"),
})

define("hint", {
    "pick_from_list": ("请从下拉列表中选择。", "Please pick a value from the list."),
    "whole_number": ("请输入不小于 0 的整数。", "Please enter a whole number, 0 or more."),
    "number": ("请输入数字。", "Please enter a number."),
    "date": ("请输入日期，例如 2026-11-23。", "Please enter a date, e.g. 2026-11-23."),
    "time": ("请输入时间，例如 09:30。", "Please enter a time, e.g. 09:30."),
})

define("word", {
    "week": ("本周", "Week"),
    "reported": ("已报", "Reported"),
    "not_reported": ("未报", "Not reported"),
})
