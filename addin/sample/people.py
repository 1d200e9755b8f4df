"""The sample team: regions, areas, reps and their customers."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

REGIONS: dict[str, dict] = {
    "华东": {"supervisor": "周主任", "areas": ["浦东", "闵行", "徐汇", "嘉定"], "city": "上海",
             "phone": "021"},
    "华北": {"supervisor": "吴主任", "areas": ["朝阳", "海淀", "丰台"], "city": "北京",
             "phone": "010"},
    "华南": {"supervisor": "郑主任", "areas": ["天河", "越秀", "番禺"], "city": "广州",
             "phone": "020"},
}

# (rep, region, workbook language)
REPS: list[tuple[str, str, str]] = [
    ("张伟", "华东", "zh"), ("王芳", "华东", "zh"), ("李娜", "华东", "zh"), ("刘洋", "华东", "en"),
    ("陈静", "华北", "zh"), ("杨磊", "华北", "zh"), ("赵敏", "华北", "en"), ("黄强", "华北", "zh"),
    ("周杰", "华南", "zh"), ("吴婷", "华南", "zh"), ("徐明", "华南", "en"), ("孙丽", "华南", "zh"),
]

TRADES = ["机械", "电子", "化工", "食品", "物流", "建材", "医药", "纺织", "汽配", "包装"]
WORDS = ["恒达", "华兴", "金盛", "宏远", "瑞丰", "新辉", "鼎泰", "永安", "天成", "嘉和", "利民",
          "东方", "博远", "众诚", "海川", "联创", "兴旺", "安泰", "佳美", "信达"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


@dataclass(frozen=True)
class SampleCustomer:
    customer_id: str
    customer: str
    rep: str
    region: str
    area: str
    tier: str | None
    employees: int
    annual_revenue: float
    net_assets: float
    status: str
    last_call_date: dt.date | None
    last_visit_date: dt.date | None
    receivable_amount: float | None
    receivable_due_date: dt.date | None
    open_complaint: bool
    contact: str
    phone: str
    address: str


def customers(per_rep: int = 30, today: dt.date = dt.date(2026, 11, 20), seed: int = 7
              ) -> list[SampleCustomer]:
    """`per_rep` customers and prospects for every sample rep, spread over tiers and areas."""
    rng = random.Random(seed)
    out = []
    n = 0
    for rep, region, _lang in REPS:
        info = REGIONS[region]
        for _ in range(per_rep):
            n += 1
            size = rng.random()
            employees = int(10 + size ** 2 * 600)
            revenue = round(employees * rng.uniform(150_000, 400_000), -4)
            prospect = rng.random() < 0.2
            last_call = None if prospect and rng.random() < 0.6 else \
                today - dt.timedelta(days=rng.randint(3, 200))
            last_visit = None if prospect else today - dt.timedelta(days=rng.randint(10, 400))
            has_ar = not prospect and rng.random() < 0.3
            out.append(SampleCustomer(
                customer_id=f"C{n:04d}",
                customer=f"{info['city']}{rng.choice(WORDS)}{rng.choice(TRADES)}有限公司",
                rep=rep, region=region, area=rng.choice(info["areas"]),
                tier=None if rng.random() < 0.4 else rng.choice(["priority", "general", "last"]),
                employees=employees, annual_revenue=revenue,
                net_assets=round(revenue * rng.uniform(0.2, 0.6), -4),
                status="prospect" if prospect else "customer",
                last_call_date=last_call, last_visit_date=last_visit,
                receivable_amount=round(rng.uniform(5_000, 80_000), -2) if has_ar else None,
                receivable_due_date=today + dt.timedelta(days=rng.randint(-20, 30))
                if has_ar else None,
                open_complaint=not prospect and rng.random() < 0.04,
                contact=rng.choice(SURNAMES) + rng.choice(["经理", "总", "主任", "女士", "先生"]),
                phone=(f"{info['phone']}-{rng.randint(5000_0000, 6999_9999)}" if rng.random() < 0.5
                       else f"13{rng.randint(0, 9)}{rng.randint(1000_0000, 9999_9999)}"),
                address=f"{info['city']}市{rng.choice(info['areas'])}区{rng.randint(1, 999)}号",
            ))
    return out
