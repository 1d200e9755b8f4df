"""Earlier actuals (历史实绩导入): one row per rep and month with the four target metrics,
loaded into the history store with `salesbook history import`, so that month, quarter and
year to date are right from the first week of use. The same columns (keys or either
language's headers) are read from a CSV file."""

from __future__ import annotations

from .build import T, col
from .model import Sheet, Table, WorkbookSpec

ACTUALS = Sheet(
    "actuals", "历史实绩", "Earlier actuals",
    title_zh="历史实绩：每位销售员每月一行（月份格式 YYYY-MM）",
    title_en="Earlier actuals: one row per rep and month (month as YYYY-MM)",
    tables=(
        Table(
            "actuals", "历史实绩", "Earlier actuals", header_row=3, rows=500,
            columns=(
                col("rep", "销售员", "Rep", required=True, width=12),
                col("region", "区域", "Region", width=10),
                col("month", "月份", "Month", required=True, width=10,
                    help_en="YYYY-MM, e.g. 2026-01"),
                col("sales", "销售额", "Sales", T.MONEY, width=15),
                col("gross_margin", "毛利", "Gross margin", T.MONEY, width=15),
                col("new_customers", "新用户数", "New customers", T.INTEGER, width=12),
                col("collections", "货款回收", "Collections", T.MONEY, width=15),
            ),
        ),
    ),
    role="input", landscape=False,
)

HISTORY_IMPORT = WorkbookSpec(
    "history_import", "历史实绩导入", "History import",
    file_zh="历史实绩导入.xlsx", file_en="history-import.xlsx",
    sheets=(ACTUALS,),
)
