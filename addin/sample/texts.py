"""What the sample company's people type, in each language: names of people, customers
and places, and the notes reps write on their visits, each list fitting its column (a
customer's feedback fits the outcome of the visit; a market report's text fits its type)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """Everything typed in one language."""

    regions: dict[str, dict]  # region -> supervisor, areas, city, phone prefix
    reps: tuple[tuple[str, str], ...]  # (rep, region), region by region
    distributor: tuple[str, str]
    products: tuple[tuple[str, str, str, float], ...]  # code, name, category, margin
    customer_words: tuple[str, ...]
    trades: tuple[str, ...]
    surnames: tuple[str, ...]
    titles: tuple[str, ...]
    company_form: str  # "{city}{word}{trade}有限公司"
    prospect_form: str
    address_form: str  # "{city}市{area}区{n}号"
    directory_note: str
    feedback: dict[str, tuple[str, ...]]  # outcome -> what the customer said
    news: tuple[str, ...]
    competitor: tuple[str, ...]
    lessons: tuple[str, ...]
    complaints: tuple[tuple[str, str, str], ...]  # what the customer said, the report, action
    lost_reasons: tuple[str, ...]
    unpaid_reasons: tuple[str, ...]  # a collection visit that collected nothing
    free_outcome: str  # an outcome typed in words instead of picked from the list
    comments: tuple[str, ...]  # the supervisor's instructions on a report
    market: dict[str, tuple[tuple[str, str], ...]]  # report type -> (details, action); a
    # complaint's report is the complaint's own (see `complaints`)


ZH = Words(
    regions={
        "华东": {"supervisor": "周主任", "areas": ("浦东", "闵行", "徐汇", "嘉定"), "city": "上海",
                 "phone": "021"},
        "华北": {"supervisor": "吴主任", "areas": ("朝阳", "海淀", "丰台"), "city": "北京",
                 "phone": "010"},
        "华南": {"supervisor": "郑主任", "areas": ("天河", "越秀", "番禺"), "city": "广州",
                 "phone": "020"},
    },
    reps=(("张伟", "华东"), ("王芳", "华东"), ("李娜", "华东"), ("刘洋", "华东"),
          ("陈静", "华北"), ("杨磊", "华北"), ("赵敏", "华北"), ("黄强", "华北"),
          ("周杰", "华南"), ("吴婷", "华南"), ("徐明", "华南"), ("孙丽", "华南")),
    distributor=("沪联贸易", "华东"),
    products=(("A100", "数控刀具", "刀具", 0.32), ("A200", "精密量具", "量具", 0.36),
              ("B100", "工业润滑油", "油品", 0.24), ("B200", "切削液", "油品", 0.27),
              ("C100", "劳保用品", "耗材", 0.18)),
    customer_words=("恒达", "华兴", "金盛", "宏远", "瑞丰", "新辉", "鼎泰", "永安", "天成", "嘉和",
                    "利民", "东方", "博远", "众诚", "海川", "联创", "兴旺", "安泰", "佳美", "信达"),
    trades=("机械", "电子", "化工", "食品", "物流", "建材", "医药", "纺织", "汽配", "包装"),
    surnames=tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"),
    titles=("经理", "总", "主任", "女士", "先生"),
    company_form="{city}{word}{trade}有限公司",
    prospect_form="{city}{word}{trade}股份有限公司",
    address_form="{city}市{area}区{n}号",
    directory_note="企业名录",
    feedback={
        "ordered": ("对上批刀具寿命满意，追加订货", "要求月底前到货", "批量订货，询问年度框架价",
                    "试用效果好，转为正式订货"),
        "collected": ("十月货款已结清", "按合同付款，无异议"),
        "appointment": ("约下周二带样品上门演示", "采购经理同意下周面谈", "约定月初送报价单"),
        "interested": ("对新款切削液感兴趣，要报价单", "想了解批量折扣", "需要先做小批量试用"),
        "resolved": ("换货后客户满意", "现场调试后问题解决"),
        "info_only": ("了解到明年有扩产计划", "目前库存充足，下月再看"),
        "not_met": ("采购经理出差，下周再约", "负责人开会，留下资料"),
        "refused": ("暂不考虑更换供应商", "今年预算已用完"),
    },
    news=("新厂房下月投产", "采购经理更换", "计划扩大产能", "年底预算审批中", "刚通过ISO审核"),
    competitor=("锐克刀具本月降价5%", "德信润滑推出买十送一", "恒工量具在华东新设仓库",
                "锐克刀具业务员频繁造访"),
    lessons=("先约时间再上门，成功率更高", "报价前先了解预算", "多听少说，记录客户原话",
             "造访前准备好案例资料", "收款前先与财务确认付款流程"),
    complaints=(("上批切削液有异味，要求换货", "客户反映上批切削液有异味，要求换货",
                 "已安排质检人员上门取样，先换一批"),
                ("刀具崩刃，要求技术人员到现场", "数控刀具连续崩刃，客户要求赔偿停机损失",
                 "已请技术部分析原因，先换新刀"),
                ("送货晚了三天，影响生产", "送货晚了三天，客户停线半天",
                 "已与物流核对，下批改为直发")),
    lost_reasons=("锐克刀具报价低8%，客户改从对方采购", "交期赶不上，订单给了德信润滑"),
    unpaid_reasons=("财务说下周付款", "付款审批未走完，月底再来"),
    free_outcome="谈得不错",
    comments=("下周重点跟进报价", "注意收款进度", "客诉要当天回复"),
    market={
        "competitor_promotion": (("德信润滑在本区推出买十送一，持续到年底",
                                  "建议对重点客户给予批量折扣"),),
        "competitor_product": (("锐克刀具发布涂层刀具新品，报价低15%", "已索取样品交技术部比对"),),
        "distributor_grievance": (("沪联贸易反映返点结算拖延两个月", "已转财务部核对"),),
        "personnel_change": (("客户采购经理更换，新经理姓王", "已约新经理下周见面"),),
    },
)

EN = Words(
    regions={
        "East": {"supervisor": "Ruth Stone", "areas": ("Riverside", "Harbourside", "Old Town",
                                                       "Eastgate"), "city": "", "phone": "020"},
        "North": {"supervisor": "Mark Hall", "areas": ("Hillcrest", "Northgate", "Millbrook"),
                  "city": "", "phone": "0161"},
        "South": {"supervisor": "Karen Price", "areas": ("Southbank", "Bayview", "Greenfield"),
                  "city": "", "phone": "023"},
    },
    reps=(("Emma Clarke", "East"), ("James Walker", "East"), ("Sophie Turner", "East"),
          ("Daniel Hughes", "East"), ("Olivia Bennett", "North"), ("Thomas Wright", "North"),
          ("Grace Mitchell", "North"), ("Henry Collins", "North"), ("Lucy Parker", "South"),
          ("Oliver Reed", "South"), ("Chloe Evans", "South"), ("Jack Morgan", "South")),
    distributor=("Eastlink Trading", "East"),
    products=(("A100", "CNC cutting tools", "Tools", 0.32),
              ("A200", "Precision gauges", "Gauges", 0.36),
              ("B100", "Industrial lubricants", "Oils", 0.24),
              ("B200", "Cutting fluids", "Oils", 0.27),
              ("C100", "Safety supplies", "Consumables", 0.18)),
    customer_words=("Apex", "Beacon", "Crown", "Delta", "Eastwood", "Falcon", "Granite",
                    "Harbor", "Ironbridge", "Juniper", "Keystone", "Lakeside", "Meridian",
                    "Northstar", "Oakwood", "Pinnacle", "Redwood", "Summit", "Trident",
                    "Westfield"),
    trades=("Machinery", "Electronics", "Chemicals", "Foods", "Logistics", "Building Supplies",
            "Pharma", "Textiles", "Auto Parts", "Packaging"),
    surnames=("Smith", "Jones", "Taylor", "Brown", "Wilson", "Davies", "Evans", "Thomas",
              "Roberts", "Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson",
              "White", "Watson", "Jackson", "Wright", "Green"),
    titles=("Mr", "Ms"),
    company_form="{word} {trade} Ltd",
    prospect_form="{word} {trade} plc",
    address_form="{n} {area} Road",
    directory_note="trade directory",
    feedback={
        "ordered": ("Happy with the last tools' life; ordered more", "Wants delivery by month end",
                    "Bulk order; asked for a yearly price", "Trial went well; now a regular order"),
        "collected": ("October invoices paid in full", "Paid as agreed"),
        "appointment": ("Demo with samples next Tuesday", "Buyer agreed to meet next week",
                        "Quote to be brought early next month"),
        "interested": ("Interested in the new cutting fluid; wants a quote",
                       "Asked about volume discounts", "Wants a small trial batch first"),
        "resolved": ("Replacement accepted; customer satisfied", "Fixed on site"),
        "info_only": ("Plans to expand next year", "Stock is high; check again next month"),
        "not_met": ("Buyer away; call again next week", "Manager in a meeting; left brochures"),
        "refused": ("Not changing supplier for now", "This year's budget is spent"),
    },
    news=("New plant opens next month", "New purchasing manager", "Adding a production line",
          "Year-end budget under review", "Just passed ISO audit"),
    competitor=("Rexon Tools cut prices 5% this month", "Dexter Lubricants: buy ten get one free",
                "Hengtech Gauges opened a depot in the East", "Rexon reps calling every week"),
    lessons=("Book the meeting before going; it works better", "Ask about budget before quoting",
             "Listen more; note the customer's words", "Bring case studies to every visit",
             "Check the payment process with accounts before collecting"),
    complaints=(("Last batch of cutting fluid smells; wants it replaced",
                 "Customer says the last batch of cutting fluid smells; wants it replaced",
                 "QA visiting to take samples; a new batch sent"),
                ("Tool tips chipped; wants an engineer on site",
                 "CNC tools chipping again and again; customer claims for downtime",
                 "Engineering to find the cause; new tools sent"),
                ("Delivery three days late; production stopped",
                 "Delivery three days late; the customer's line stood half a day",
                 "Checked with the carrier; next batch ships direct")),
    lost_reasons=("Rexon Tools quoted 8% lower; order went to them",
                  "Our lead time too long; order went to Dexter Lubricants"),
    unpaid_reasons=("Accounts say they will pay next week",
                    "Payment approval not finished; come back at month end"),
    free_outcome="went well",
    comments=("Follow up the quotes next week", "Watch the collections",
              "Answer complaints the same day"),
    market={
        "competitor_promotion": (("Dexter Lubricants: buy ten get one free until year end",
                                  "Propose volume discounts for priority customers"),),
        "competitor_product": (("Rexon Tools launched coated tools 15% cheaper",
                                "Samples requested for engineering to compare"),),
        "distributor_grievance": (("Eastlink Trading says rebates are two months late",
                                   "Passed to finance to check"),),
        "personnel_change": (("Customer's buyer replaced; new buyer Mr Green",
                              "Meeting the new buyer next week"),),
    },
)

WORDS = {"zh": ZH, "en": EN}
