"""Messages of the targets breakdown: the words its sheets use, the audit sheet's
explanations and the problems of the targets workbook, each with what to do where the
manager can act. Sheet and column parameters are schema objects (shown in the run's or
the workbook's language); numbers come formatted."""

from . import define

define("targets", {
    # the command's own line
    "written": ("目标分解：{path}", "breakdown: {path}"),
    # words on the output sheets
    "block_title": ("{metric}（取整单位 {unit}）", "{metric} (rounding unit {unit})"),
    "card_title": ("{year}年度目标责任书 — {rep}", "{year} target card — {rep}"),
    "card_signatures": ("销售员签字：＿＿＿＿＿＿　　主管签字：＿＿＿＿＿＿",
                        "Rep's signature: __________    Supervisor's signature: __________"),
    "whole_year": ("全年", "Year"),
    "sheet_editable": ("由 salesbook targets 生成。可直接修改月份数字，各合计与汇总公式随之更新；"
                       "重新运行会重新分解。",
                       "Written by salesbook targets. You may change a month figure: every "
                       "total and subtotal formula follows. Running again re-splits."),
    # progress and activity sheets with nothing to show
    "no_actuals": ("“{sheet}”表为空：没有可计算的达成率", "The {sheet} sheet is empty: no "
                   "achievement to compute", "填写本年实际完成后重新运行",
                   "Fill in this year's actuals and run again"),
    "before_year": ("截止日期 {as_of} 早于目标年度 {year}：尚无时间进度",
                    "As of {as_of}, before the target year {year}: no time has elapsed yet"),
    "no_revenue": ("没有销售额目标：无法倒推活动目标",
                   "No revenue target: no activity targets to back-solve",
                   "在“{sheet}”表填写销售额的年度目标",
                   "Give revenue an annual target on the {sheet} sheet"),
    "no_funnel": ("“{sheet}”表为空：无法倒推活动目标",
                  "The {sheet} sheet is empty: no rates to back-solve activity targets from",
                  "填写各销售员的电话数、约见数、成交数等漏斗实绩",
                  "Fill in each rep's calls, appointments, sales and the like"),
    "team_rates": ("{reps} 没有自己的漏斗实绩，使用团队平均转化率",
                   "{reps} have no funnel history of their own; the team's rates are used",
                   "在“{sheet}”表填写其漏斗实绩即按本人数据计算",
                   "Fill in their funnel on the {sheet} sheet to use their own rates"),
    # the audit sheet's explanations
    "split_equal": ("平均分配：每位销售员的每个产品份额相同（共 {cells} 个销售员×产品组合）。",
                    "Equal split: every rep × product pair gets the same share ({cells} "
                    "pairs)."),
    "split_history": ("按去年实绩：销售员×产品的份额 = 其去年{metric}实绩 ÷ 全部实绩 {total}。",
                      "Last year's actuals: a rep × product pair's share = its {metric} last "
                      "year ÷ the total {total}."),
    "split_potential": ("按潜力指数：每行指数平均分给它覆盖的销售员×产品组合（销售员优先于"
                        "区域，指定产品优先于全部产品）；份额 = 指数 ÷ 合计 {total}。",
                        "Potential index: each row's index is spread evenly over the rep × "
                        "product pairs it covers (a rep row beats a region row, a named "
                        "product beats all products); share = index ÷ total {total}."),
    "split_blend": ("加权组合：份额 = {wh} × 实绩份额 + {wp} × 潜力份额 + {we} × 平均份额。",
                    "Weighted blend: share = {wh} × history share + {wp} × potential share "
                    "+ {we} × equal share."),
    "fallback_history": ("{method}：没有该指标的去年实绩，改为平均分配",
                         "{method}: no history for this metric, so the split is equal",
                         "如需按实绩分解，请在“{sheet}”表填写去年实绩",
                         "To split by history, fill in last year's actuals on the {sheet} "
                         "sheet"),
    "fallback_potential": ("{method}：潜力指数表为空或合计为 0，改为平均分配",
                           "{method}: the potential sheet is empty or sums to 0, so the split "
                           "is equal", "如需按潜力分解，请在“{sheet}”表填写潜力指数",
                           "To split by potential, fill in the {sheet} sheet"),
    "fallback_blend": ("{method}：三项权重都为空或 0，改为平均分配",
                       "{method}: all three weights are blank or 0, so the split is equal",
                       "请在“{sheet}”表填写权重", "Give the weights on the {sheet} sheet"),
    "blend_dropped": ("加权组合中“{parts}”没有数据，其权重按比例分给其余部分",
                      "The blend has no data for {parts}; its weight goes to the other parts "
                      "in proportion", "如需完整组合，请填写“{sheets}”表",
                      "For the whole blend, fill in the {sheets} sheet"),
    "season_sheet": ("月度分配按季节指数表（已按合计 12 归一化）。",
                     "Months follow the seasonality sheet (normalised to sum to 12)."),
    "season_history": ("月度分配按去年各月实绩推算的季节指数（合计 12）。",
                       "Months follow seasonality derived from last year's monthly actuals "
                       "(sums to 12)."),
    "season_flat": ("没有季节指数也没有去年实绩：各月平均",
                    "No seasonality and no history: every month gets the same share",
                    "如需体现淡旺季，请在“{sheet}”表填写季节指数",
                    "To shape the months, give seasonality indices on the {sheet} sheet"),
    "target_rounded": ("年度目标 {given} 不是取整单位 {unit} 的整数倍，按 {used} 分解",
                       "The annual target {given} is not a whole number of rounding units "
                       "of {unit}; {used} was broken down",
                       "如需按原数分解，请把年度目标改为 {unit} 的整数倍或调整取整单位",
                       "To break down the target as given, make it a multiple of {unit} or "
                       "change the rounding unit"),
    "rounding": ("取整：把 {target} 分成 {units} 个单位（每单位 {unit}）。先按 区域→销售员→"
                 "产品 的顺序累计取整，使每个区域、每位销售员及其每个产品的全年目标与精确份额"
                 "相差不到一个单位；再在每个产品行内决定哪些月份进位，使各月、各季度及每人"
                 "每月的合计尽量贴近精确份额。每个单元格都是其精确份额向下或向上取整的结果，"
                 "各层合计逐级相加，公司合计恰好等于年度目标。",
                 "Rounding: {target} is placed as {units} units of {unit}. Cumulative "
                 "rounding in region → rep → product order keeps every region, rep and "
                 "rep × product year within one unit of its exact share; within each "
                 "product row the months that round up are chosen so month, quarter and "
                 "rep × month totals stay as close as possible to theirs. Every cell is "
                 "its exact share rounded down or up, every total is the sum of its "
                 "parts, and the company total equals the annual target exactly."),
    "locks": ("锁定 {count} 个单元格，合计 {total}；其余单元格的精确份额乘以 {factor} "
              "重新平衡，使公司合计不变。",
              "{count} locked cells totalling {total} keep their values; every other "
              "cell's exact share is multiplied by {factor} so the company total holds."),
    "rounding_drift": ("{level}：{count} 项与精确份额相差超过一个单位（最大 {max} 个单位），"
                       "因为各层约束无法同时满足。",
                       "{level}: {count} entries differ from their exact share by more than "
                       "one unit (at most {max} units) because the levels' constraints cannot "
                       "all hold at once."),
    # problems of the targets workbook (a row that cannot be used is left out)
    "blank_year": ("年度为空，按 {year} 计算", "the year is blank; {year} is used",
                   "请在“{sheet}”表填写年度", "Fill in the year on the {sheet} sheet"),
    "negative_target": ("年度目标不能为负数，该指标未分解",
                        "an annual target cannot be negative; this metric is not broken down",
                        "请改为 0 或正数", "Make it 0 or more"),
    "no_method": ("没有{metric}的分解方法，按平均分配、取整单位 1",
                  "no split method for {metric}; equal split, unit 1",
                  "请在“{sheet}”表的分解方法中加上{metric}",
                  "Add {metric} to the split methods on the {sheet} sheet"),
    "bad_unit": ("取整单位须大于 0，按 1 计算", "the rounding unit must be above 0; 1 is used",
                 "请填写大于 0 的取整单位", "Give a rounding unit above 0"),
    "duplicate_row": ("与第 {first} 行重复，本行未使用", "repeats row {first}; this row is not "
                      "used", "请删除或合并重复的行", "Delete or merge the repeated rows"),
    "duplicate_added": ("与第 {first} 行重复，两行相加", "repeats row {first}; the rows are "
                        "added"),
    "blank_key": ("“{label}”为空，本行未使用", "'{label}' is blank; this row is not used",
                  "请填写“{label}”", "Fill in '{label}'"),
    "unknown_rep": ("“{name}”不在销售员表中（或不在职），本行未使用",
                    "'{name}' is not an active rep on the reps sheet; this row is not used",
                    "请核对姓名，或把此人加入销售员表",
                    "Check the name, or add them to the reps sheet"),
    "unknown_product": ("产品“{name}”不在产品表中，本行未使用",
                        "product '{name}' is not on the products sheet; this row is not used",
                        "请核对产品编号，或把该产品加入产品表",
                        "Check the code, or add the product to the products sheet"),
    "unknown_product_kept": ("产品“{name}”不在产品表中，只计入销售员合计",
                             "product '{name}' is not on the products sheet; counted for the "
                             "rep only", "请核对产品编号，或把该产品加入产品表",
                             "Check the code, or add the product to the products sheet"),
    "unknown_region": ("区域“{name}”不在销售员表中，本行未使用",
                       "region '{name}' has no rep on the reps sheet; this row is not used",
                       "请核对区域名称", "Check the region's name"),
    "rep_without_region": ("销售员“{name}”没有区域，未参与分解",
                           "rep '{name}' has no region and is left out of the breakdown",
                           "请填写其区域", "Fill in their region"),
    "negative_value": ("“{label}”不能为负数，本行未使用",
                       "'{label}' cannot be negative; this row is not used",
                       "请改为 0 或正数", "Make it 0 or more"),
    "negative_history": ("去年实绩有负数，计算份额时按 0",
                         "a negative actual; taken as 0 for the shares", "请核对该数字",
                         "Check the figure"),
    "bad_seasonality": ("季节指数须 12 个月都填写且不为负，改为按去年实绩推算",
                        "seasonality needs all 12 months, none negative; derived from history "
                        "instead", "请填写全部 12 个月的指数", "Fill in all 12 months"),
    "too_many_rows": ("本表超过第 {max:,} 行，以下各行未读取",
                      "the sheet goes past row {max:,}; rows below it were not read",
                      "请按销售员×产品汇总，或分成多个工作簿",
                      "Sum it up per rep and product, or split it"),
    "lock_bad_month": ("月份须为 1–12，本锁定值未使用",
                       "the month must be 1-12; this lock is not used",
                       "请填写 1 到 12 的月份", "Give a month from 1 to 12"),
    "lock_without_target": ("{metric}没有年度目标，本锁定值未使用",
                            "{metric} has no annual target; this lock is not used",
                            "请在“{sheet}”表填写{metric}的年度目标，或删除此锁定值",
                            "Give {metric} an annual target on the {sheet} sheet, or delete "
                            "the lock"),
    "outside_year": ("日期不在目标年度 {year} 内，未计入",
                     "the date is outside the target year {year}; not counted",
                     "请核对日期", "Check the date"),
    # errors that stop the job
    "no_target": ("{path}：没有填写任何年度目标", "{path}: no annual target is filled in",
                  "请在“{sheet}”表至少填写一个年度目标",
                  "Fill in at least one annual target on the {sheet} sheet"),
    "no_reps": ("{path}：没有在职的销售员或经销商", "{path}: no active rep or distributor is "
                "listed", "请在“{sheet}”表列出销售员、经销商及其区域",
                "List the reps and distributors, with their regions, on the {sheet} sheet"),
    "no_products": ("{path}：没有列出产品", "{path}: no product is listed",
                    "请在“{sheet}”表列出产品", "List the products on the {sheet} sheet"),
    "locks_exceed_target": ("{metric}的锁定值合计 {locked} 超过年度目标 {target}：{cells}",
                            "{metric}: the locked cells total {locked}, more than the annual "
                            "target {target}: {cells}",
                            "请减少锁定值或提高年度目标",
                            "Lower the locked values or raise the annual target"),
    "locks_no_room": ("{metric}的锁定值合计 {locked} 小于年度目标 {target}，但其余单元格份额都为 "
                      "0，无法分配剩余部分：{cells}",
                      "{metric}: the locked cells total {locked}, less than the annual target "
                      "{target}, and every other cell has a zero share, so the rest cannot be "
                      "placed: {cells}",
                      "请调整锁定值，或让其余单元格有份额（填写去年实绩、潜力指数，或改用平均分配）",
                      "Change the locks, or give the other cells a share (history, potential "
                      "or the equal split)"),
    "lock_not_whole_units": ("{metric}的锁定值 {value} 不是取整单位 {unit} 的整数倍：{cells}",
                             "{metric}: the locked value {value} is not a whole number of "
                             "rounding units of {unit}: {cells}",
                             "请改为 {unit} 的整数倍", "Make it a multiple of {unit}"),
    "lock_negative": ("{metric}的锁定值不能为负数：{cells}",
                      "{metric}: a locked value cannot be negative: {cells}",
                      "请改为 0 或正数", "Make it 0 or more"),
    "lock_conflict": ("{metric}的同一单元格锁定了不同的值：{cells}",
                      "{metric}: the same cell is locked twice with different values: {cells}",
                      "请只保留一个值", "Keep one of them"),
    "missing": ("{path}：找不到该文件", "{path}: no such file", "请检查路径",
                "Check the path"),
    "not_targets_workbook": ("{path}：不是目标分解工作簿", "{path}: not a targets workbook",
                             "请选择按目标分解模板填写的工作簿",
                             "Choose a workbook filled in from the targets template"),
    "unreadable": ("{path}：无法读取（{detail}）", "{path}: cannot be read ({detail})",
                   "请在 Excel 中打开并另存为 .xlsx 后重试",
                   "Open it in Excel, save it as .xlsx and run again"),
})
