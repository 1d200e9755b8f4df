"""Columns every workbook shares, declared once: who (rep, region, supervisor), which
customer, which product, when, and the amounts. A sheet that needs a different width or
marks one required takes a variant (`REP.but(required=True)`); a concept has one label per
language everywhere (销售员 is a rep in every workbook, and so is a distributor that the
targets breakdown lists beside the reps)."""

from __future__ import annotations

from dataclasses import replace

from .build import T, col, enum
from .model import Column, Sheet, Table
from .vocab import SEVERITY


def but(column: Column, **changes: object) -> Column:
    """A variant of a shared column (width, required, help...), same key and labels."""
    return replace(column, **changes)


REP = col("rep", "销售员", "Rep", width=10, aliases=("销售员/经销商", "Rep / distributor"))
REGION = col("region", "区域", "Region", width=10)
AREA = col("area", "片区", "Area", width=12, aliases=("区域/片区", "Area / district"))
SUPERVISOR = col("supervisor", "主管", "Supervisor", width=10)
CUSTOMER_ID = col("customer_id", "客户编号", "Customer ID", width=12)
CUSTOMER = col("customer", "客户名称", "Customer", width=20, aliases=("客户",))
PRODUCT = col("product", "产品", "Product", width=12)
DATE = col("date", "日期", "Date", T.DATE)
WEEK = col("week", "周次", "Week", width=10)
MONTH = col("month", "月份", "Month", width=9)
ORDER_AMOUNT = col("order_amount", "订货金额", "Orders", T.MONEY,
                   aliases=("Order amount",),
                   help_en="every order taken, on a visit or on the phone: the sales that "
                           "count towards every target")
COLLECTED = col("collected_amount", "收款金额", "Collected", T.MONEY)
CELL = col("cell", "单元格", "Cell", width=22)
GENERATED_AT = col("generated_at", "生成时间", "Generated", width=17)  # 2026-11-30 17:05
SOURCE = col("source", "来源文件", "Source file", width=30, aliases=("来源", "Source"))

# the problems sheet of every output workbook
PROBLEM_COLUMNS = (
    enum("severity", "级别", "Severity", SEVERITY, width=8, aliases=("严重程度",)),
    col("file", "文件", "File", width=30),
    col("sheet", "工作表", "Sheet", width=14),
    col("cell", "单元格", "Cell", width=10),
    col("code", "代码", "Code", width=20),
    col("message", "说明", "Message", width=70),
)


def problems_sheet(title_zh: str = "问题清单（未读取的文件与单元格）",
                   title_en: str = "Problems (files and cells not read)") -> Sheet:
    """The problems sheet: what was skipped or doubtful, where, and the message's code
    (the guide lists every code and what to do)."""
    return Sheet(
        "problems", "问题清单", "Problems", title_zh=title_zh, title_en=title_en,
        tables=(Table("problems", "问题", "Problems", header_row=3, rows=0, output=True,
                      columns=PROBLEM_COLUMNS),),
        role="output", aliases=("问题",),
    )
