"""Team plan overview (团队造访计划总览): written by `salesbook plan` beside the reps' workbooks.

A manager sees every rep's plan for the window, the coverage per tier (due customers
scheduled / due customers), what was carried over and why, and any problem met on the way.
"""

from __future__ import annotations

from .build import T, col, enum
from .model import Choice, Sheet, Table, WorkbookSpec
from .vocab import CONTACT_KINDS, PURPOSES, SEVERITY, TIERS

TIER_SOURCES = (
    Choice("given", "名录指定", "Given in master"),
    Choice("rule", "按分级规则", "From tier rules"),
    Choice("default", "默认最低级", "Default (lowest)"),
)

CARRY_REASONS = (
    Choice("capacity", "本期能力已满", "Capacity used up"),
    Choice("no_rows", "计划表无空行", "No empty row in the plan tab"),
    Choice("unavailable", "周报簿无法写入", "Rep workbook not writable"),
)

_CONTACT = (
    col("customer_id", "客户编号", "Customer ID", width=12),
    col("customer", "客户名称", "Customer", width=24),
    col("area", "片区", "Area", width=10),
    enum("kind", "方式", "Kind", CONTACT_KINDS, width=8),
    enum("purpose", "造访目的", "Purpose", PURPOSES, width=16),
    enum("tier", "客户等级", "Tier", TIERS, width=9),
    enum("tier_source", "等级来源", "Tier from", TIER_SOURCES, width=14),
    col("due_date", "应联系日期", "Due date", T.DATE),
)

COVERAGE = Sheet(
    "coverage", "覆盖率", "Coverage",
    title_zh="造访计划总览 — 各级客户覆盖率", title_en="Visit plan overview — coverage by tier",
    tables=(
        Table(
            "run", "计划期间", "Planning window", header_row=3, rows=1, output=True,
            columns=(
                col("period", "期间", "Period", width=12),
                col("start", "开始日期", "From", T.DATE),
                col("end", "结束日期", "To", T.DATE),
                col("working_days", "工作日数", "Working days", T.INTEGER),
                col("customers", "客户数", "Customers", T.INTEGER),
                col("reps", "销售员数", "Reps", T.INTEGER),
                col("source", "客户名录文件", "Customer master", width=30),
            ),
        ),
        Table(
            "tiers", "各级覆盖率", "Coverage by tier", header_row=7, rows=3, output=True,
            columns=(
                enum("tier", "客户等级", "Tier", TIERS, width=10),
                col("customers", "客户数", "Customers", T.INTEGER),
                col("from_rules", "按规则定级", "Tier from rules", T.INTEGER, width=12),
                col("due", "应联系客户", "Due customers", T.INTEGER, width=12),
                col("scheduled", "本期已排", "Scheduled", T.INTEGER, width=12),
                col("coverage", "覆盖率", "Coverage", T.PERCENT, alert_below=1.0),
                col("carried_over", "顺延", "Carried over", T.INTEGER),
            ),
        ),
        Table(
            "reps", "各销售员", "By rep", header_row=13, rows=0, output=True,
            columns=(
                col("rep", "销售员", "Rep", width=10),
                col("region", "区域", "Region", width=10),
                col("visits", "计划拜访", "Visits", T.INTEGER),
                col("calls", "计划电话", "Calls", T.INTEGER),
                col("due", "应联系客户", "Due customers", T.INTEGER, width=12),
                col("scheduled", "本期已排", "Scheduled", T.INTEGER, width=12),
                col("coverage", "覆盖率", "Coverage", T.PERCENT, alert_below=1.0),
                col("carried_over", "顺延", "Carried over", T.INTEGER),
                col("file", "周报簿", "Workbook", width=34),
            ),
        ),
    ),
    role="output",
)

CONTACTS = Sheet(
    "contacts", "全部计划", "All Plans",
    title_zh="全体销售员造访计划", title_en="Every rep's planned contacts",
    tables=(
        Table(
            "contacts", "计划", "Planned contacts", header_row=3, rows=0, output=True,
            columns=(
                col("rep", "销售员", "Rep", width=10),
                col("date", "日期", "Date", T.DATE),
                col("planned_time", "计划时间", "Time", T.TIME),
                *_CONTACT,
                col("notes", "原因", "Why", width=40),
            ),
        ),
    ),
    role="output",
)

CARRIED = Sheet(
    "carried_over", "顺延", "Carried Over",
    title_zh="本期未能安排、顺延的联系（含应联系日期）",
    title_en="Due contacts that did not fit, carried over (with due date)",
    tables=(
        Table(
            "carried_over", "顺延", "Carried over", header_row=3, rows=0, output=True,
            columns=(
                col("rep", "销售员", "Rep", width=10),
                *_CONTACT,
                enum("reason", "顺延原因", "Reason", CARRY_REASONS, width=18),
                col("notes", "原因", "Why due", width=40),
            ),
        ),
    ),
    role="output",
)

PROBLEMS = Sheet(
    "problems", "问题", "Problems",
    title_zh="读取与填写中发现的问题", title_en="Problems found while reading and filling",
    tables=(
        Table(
            "problems", "问题", "Problems", header_row=3, rows=0, output=True,
            columns=(
                enum("severity", "严重程度", "Severity", SEVERITY, width=10),
                col("file", "文件", "File", width=30),
                col("sheet", "工作表", "Sheet", width=14),
                col("cell", "单元格", "Cell", width=10),
                col("message", "说明", "Message", width=70),
            ),
        ),
    ),
    role="output",
)

PLAN_OVERVIEW = WorkbookSpec(
    "plan_overview", "造访计划总览", "Visit plan overview",
    file_zh="造访计划总览.xlsx", file_en="plan-overview.xlsx",
    sheets=(COVERAGE, CONTACTS, CARRIED, PROBLEMS),
    description_zh="salesbook plan 生成：全体销售员的计划、各级覆盖率与顺延清单。",
    description_en="Written by salesbook plan: every rep's plan, coverage by tier, carry-over.",
)
