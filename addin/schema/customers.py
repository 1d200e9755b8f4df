"""Customer master (客户名录): the customers, and the settings that drive visit planning."""

from __future__ import annotations

from .build import T, col, enum, flag, fld
from .model import Sheet, Table, WorkbookSpec
from .vocab import CUSTOMER_STATUS, TIERS

CUSTOMERS = Sheet(
    "customers", "客户名录", "Customers",
    title_zh="客户名录", title_en="Customer master",
    tables=(
        Table(
            "customers", "客户", "Customers", header_row=3, rows=2000,
            columns=(
                col("customer_id", "客户编号", "Customer ID", required=True, width=12),
                col("customer", "客户名称", "Customer", required=True, width=24),
                col("rep", "销售员", "Rep", required=True, width=10),
                col("region", "区域", "Region", width=10),
                col("area", "片区", "Area / district", width=12),
                enum("tier", "客户等级", "Tier", TIERS, width=9,
                     help_en="blank: derived from the tier rules on the settings sheet"),
                col("employees", "员工人数", "Employees", T.INTEGER),
                col("annual_revenue", "年营业额", "Annual revenue", T.MONEY, width=15),
                col("net_assets", "净资产", "Net assets", T.MONEY, width=15),
                enum("status", "用户类别", "Status", CUSTOMER_STATUS, required=True, width=11),
                col("last_call_date", "最近电话日期", "Last call", T.DATE),
                col("last_visit_date", "最近拜访日期", "Last visit", T.DATE),
                col("receivable_amount", "应收账款", "Receivable", T.MONEY),
                col("receivable_due_date", "应收到期日", "Receivable due", T.DATE),
                flag("open_complaint", "未结客诉", "Open complaint", width=10),
                col("contact", "联系人", "Contact", width=10),
                col("phone", "电话", "Phone", width=14),
                col("address", "地址", "Address", width=28),
                col("notes", "备注", "Notes", width=24),
            ),
        ),
    ),
)

SETTINGS = Sheet(
    "settings", "设置", "Settings",
    title_zh="计划设置：每日能力、客户分级规则与联系频率",
    title_en="Planning settings: daily capacity, tier rules and contact cadence",
    fields=(
        fld("visits_per_day", "每日拜访上限", "Visits per day", "B3", T.INTEGER, default=6),
        fld("calls_per_day", "每日电话上限", "Calls per day", "B4", T.INTEGER, default=15),
        fld("collection_lead_days", "收款提前天数", "Collection lead days", "B5", T.INTEGER,
            default=7, help_en="a receivable due within this many days is a collection contact"),
        fld("day_start", "首次拜访时间", "First visit at", "B6", T.TIME, default="09:00"),
        fld("visit_minutes", "每次拜访分钟", "Minutes per visit", "B7", T.INTEGER, default=60),
        fld("working_days", "每周工作天数", "Working days per week", "D3", T.INTEGER,
            default=5, help_en="5 = Monday to Friday, 6 = Monday to Saturday"),
        fld("travel_minutes", "拜访间路程分钟", "Travel minutes between visits", "D4",
            T.INTEGER, default=15),
        fld("lunch_start", "午休开始", "Lunch from", "D5", T.TIME, default="12:00"),
        fld("lunch_minutes", "午休分钟", "Lunch minutes", "D6", T.INTEGER, default=60),
        fld("calls_start", "电话开始时间", "Calls from", "D7", T.TIME, default="08:00",
            help_en="calls fill the time before the first visit, the rest after the last"),
        fld("call_minutes", "每通电话分钟", "Minutes per call", "D8", T.INTEGER, default=4),
    ),
    tables=(
        Table(
            "tier_rules", "分级规则（自上而下，满足任一门槛即归入该级）",
            "Tier rules (top down; any threshold met gives the tier)",
            header_row=11, rows=6,
            columns=(
                enum("tier", "客户等级", "Tier", TIERS, required=True),
                col("regions", "适用区域", "Regions", width=16,
                    help_en="blank: every region; several separated by commas"),
                col("min_employees", "员工人数≥", "Employees ≥", T.INTEGER, width=14),
                col("min_annual_revenue", "年营业额≥", "Annual revenue ≥", T.MONEY, width=16),
                col("min_net_assets", "净资产≥", "Net assets ≥", T.MONEY, width=16),
            ),
            defaults=(
                {"tier": "priority", "min_employees": 100, "min_annual_revenue": 50_000_000,
                 "min_net_assets": 20_000_000},
                {"tier": "general", "min_employees": 20, "min_annual_revenue": 5_000_000,
                 "min_net_assets": 2_000_000},
                {"tier": "last", "min_employees": 0, "min_annual_revenue": 0,
                 "min_net_assets": 0},
            ),
        ),
        Table(
            "cadence", "联系频率", "Contact cadence", header_row=20, rows=3,
            columns=(
                enum("tier", "客户等级", "Tier", TIERS, required=True),
                col("call_every_months", "电话间隔（月）", "Call every (months)", T.INTEGER,
                    required=True, width=16),
                col("visit_every_months", "拜访间隔（月）", "Visit every (months)", T.INTEGER,
                    required=True, width=16),
                col("urgency_weight", "逾期权重", "Overdue weight", T.NUMBER, width=12,
                    help_en="overdue days are multiplied by this to rank who comes first"),
            ),
            defaults=(
                {"tier": "priority", "call_every_months": 1, "visit_every_months": 3,
                 "urgency_weight": 3},
                {"tier": "general", "call_every_months": 3, "visit_every_months": 6,
                 "urgency_weight": 2},
                {"tier": "last", "call_every_months": 6, "visit_every_months": 12,
                 "urgency_weight": 1},
            ),
        ),
    ),
    role="settings", landscape=False,
)

CUSTOMER_MASTER = WorkbookSpec(
    "customers", "客户名录", "Customer master",
    file_zh="客户名录.xlsx", file_en="customers.xlsx",
    sheets=(CUSTOMERS, SETTINGS),
    description_zh="全部客户与潜在用户，以及分级规则、联系频率和每日能力。",
    description_en="All customers and prospects, with tier rules, contact cadence and capacity.",
)
