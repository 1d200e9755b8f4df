"""Messages of the targets breakdown: the words its sheets use, its audit notes and the
problems of the targets workbook."""

from . import define

define("targets", {
    # block titles and small labels
    "block_metric": ("{metric}（取整单位 {unit}）", "{metric} (rounding unit {unit})"),
    "card_title": ("{year}年度目标责任书 — {rep}", "{year} target card — {rep}"),
    "card_sign": ("销售员签字：＿＿＿＿＿＿　　主管签字：＿＿＿＿＿＿",
                  "Rep's signature: __________    Supervisor's signature: __________"),
    "year_label": ("全年", "Year"),
    "note_editable": ("由 salesbook targets 生成。可直接修改月份数字，各合计与汇总公式随之更新；"
                      "重新运行会重新分解。",
                      "Written by salesbook targets. You may change a month figure: every "
                      "total and subtotal formula follows. Running again re-splits."),
    "no_actuals": ("实际完成表为空：没有可计算的达成率。",
                   "The actuals sheet is empty: no achievement to compute."),
    "before_year": ("截止日期 {as_of} 早于目标年度 {year}：尚无时间进度。",
                    "As of {as_of}, before the target year {year}: no time has elapsed yet."),
    "no_revenue": ("没有销售额目标：无法倒推活动目标。",
                   "No revenue target: no activity targets to back-solve."),
    "no_funnel": ("漏斗实绩表为空，也没有团队数据：无法倒推活动目标。",
                  "The funnel sheet is empty: no rates to back-solve activity targets from."),
    # explanations (audit notes)
    "note_equal": ("平均分配：每位销售员的每个产品份额相同（共 {cells} 个销售员×产品组合）。",
                   "Equal split: every rep × product pair gets the same share ({cells} pairs)."),
    "note_history": ("按去年实绩：销售员×产品的份额 = 其去年{metric}实绩 ÷ 全部实绩 {total}。",
                     "Last year's actuals: a rep × product pair's share = its {metric} last "
                     "year ÷ the total {total}."),
    "note_potential": ("按潜力指数：每行指数平均分给它覆盖的销售员×产品组合（销售员优先于"
                       "区域，指定产品优先于全部产品）；份额 = 指数 ÷ 合计 {total}。",
                       "Potential index: each row's index is spread evenly over the rep × "
                       "product pairs it covers (a rep row beats a region row, a named product "
                       "beats all products); share = index ÷ total {total}."),
    "note_blend": ("加权组合：份额 = {wh} × 实绩份额 + {wp} × 潜力份额 + {we} × 平均份额。",
                   "Weighted blend: share = {wh} × history share + {wp} × potential share "
                   "+ {we} × equal share."),
    "note_season_sheet": ("月度分配按季节指数表（已按合计 12 归一化）。",
                          "Months follow the seasonality sheet (normalised to sum to 12)."),
    "note_season_history": ("月度分配按去年各月实绩推算的季节指数（合计 12）。",
                            "Months follow seasonality derived from last year's monthly "
                            "actuals (sums to 12)."),
    "note_season_flat": ("没有季节指数也没有去年实绩：各月平均。",
                         "No seasonality and no history: every month gets the same share."),
    "note_rounding": ("取整：把 {target} 分成 {units} 个单位（每单位 {unit}）。先按 区域→销售员→"
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
    "note_locks": ("锁定 {count} 个单元格，合计 {total}；其余单元格的精确份额乘以 {factor} "
                   "重新平衡，使公司合计不变。",
                   "{count} locked cells totalling {total} keep their values; every other "
                   "cell's exact share is multiplied by {factor} so the company total holds."),
    "note_fallback": ("{method} 缺少数据（{reason}），改为平均分配。",
                      "{method} has no data ({reason}); the split falls back to equal."),
    "note_blend_dropped": ("加权组合中 {parts} 没有数据，其权重按比例分给其余部分。",
                           "The blend has no data for {parts}; its weight goes to the other "
                           "parts in proportion."),
    "note_target_rounded": ("年度目标 {given} 不是取整单位 {unit} 的整数倍，按 {used} 分解。",
                            "The annual target {given} is not a whole number of {unit}s; "
                            "{used} was broken down."),
    "note_soft": ("{level}：{count} 项与精确份额相差超过一个单位（最大 {max} 个单位），"
                  "因为各层约束无法同时满足。",
                  "{level}: {count} entries differ from their exact share by more than one "
                  "unit (at most {max} units) because the levels' constraints cannot all hold "
                  "at once."),
    "note_team_rates": ("{reps} 没有自己的漏斗实绩，使用团队平均转化率。",
                        "{reps} have no funnel history of their own; the team's rates are "
                        "used."),
    "reason_no_history": ("没有该指标的去年实绩", "no history for this metric"),
    "reason_no_potential": ("潜力指数表为空或合计为 0", "the potential sheet is empty or sums "
                            "to 0"),
    "reason_no_weights": ("三项权重都为空或 0", "all three weights are blank or 0"),
    # input problems
    "p_no_target": ("没有填写任何年度目标", "no annual target is filled in"),
    "p_no_reps": ("没有在职的销售员/经销商", "no active rep or distributor is listed"),
    "p_no_products": ("没有列出产品", "no product is listed"),
    "p_blank_year": ("年度为空，按 {year} 计算", "the year is blank; {year} is used"),
    "p_negative_target": ("年度目标不能为负数，该指标未分解",
                          "an annual target cannot be negative; this metric is not broken down"),
    "p_no_method": ("设置表中没有{metric}的分解方法，按平均分配、取整单位 1",
                    "no split method for {metric} in the settings; equal split, unit 1"),
    "p_bad_unit": ("取整单位必须大于 0，按 1 计算", "the rounding unit must be above 0; 1 is used"),
    "p_duplicate": ("与第 {first} 行重复，本行未使用", "repeats row {first}; this row is not used"),
    "p_duplicate_added": ("与第 {first} 行重复，两行相加",
                          "repeats row {first}; the rows are added"),
    "p_blank_key": ("“{label}”为空，本行未使用", "'{label}' is blank; this row is not used"),
    "p_unknown_rep": ("“{name}”不在销售员表中（或不在职），本行未使用",
                      "'{name}' is not an active rep on the reps sheet; this row is not used"),
    "p_unknown_product": ("产品“{name}”不在产品表中，本行未使用",
                          "product '{name}' is not on the products sheet; this row is not used"),
    "p_unknown_product_kept": ("产品“{name}”不在产品表中，只计入销售员合计",
                               "product '{name}' is not on the products sheet; counted for "
                               "the rep only"),
    "p_unknown_region": ("区域“{name}”不在销售员表中，本行未使用",
                         "region '{name}' has no rep on the reps sheet; this row is not used"),
    "p_blank_region": ("销售员“{name}”没有区域，未参与分解",
                       "rep '{name}' has no region and is left out of the breakdown"),
    "p_negative": ("“{label}”不能为负数，本行未使用", "'{label}' cannot be negative; this row "
                   "is not used"),
    "p_negative_history": ("去年实绩有负数，计算份额时按 0", "a negative actual; taken as 0 for "
                           "the shares"),
    "p_bad_season": ("季节指数须 12 个月都填写且不为负，改为按去年实绩推算",
                     "seasonality needs all 12 months, none negative; derived from history "
                     "instead"),
    "p_too_many_rows": ("本表超过第 {max} 行，以下各行未读取",
                        "the sheet goes past row {max}; rows below it were not read"),
    "p_override_month": ("月份须为 1–12，本锁定值未使用",
                         "the month must be 1-12; this lock is not used"),
    "p_override_no_target": ("{metric}没有年度目标，本锁定值未使用",
                             "{metric} has no annual target; this lock is not used"),
    "p_outside_year": ("日期不在目标年度 {year} 内，未计入", "the date is outside the target "
                       "year {year}; not counted"),
    # errors that stop the job
    "e_locks_exceed": ("{metric}的锁定值合计 {locked} 超过年度目标 {target}：{cells}",
                       "{metric}: the locked cells total {locked}, more than the annual target "
                       "{target}: {cells}"),
    "e_locks_no_room": ("{metric}的锁定值合计 {locked} 小于年度目标 {target}，但其余单元格份额都为 "
                        "0，无法分配剩余部分：{cells}",
                        "{metric}: the locked cells total {locked}, less than the annual target "
                        "{target}, and every other cell has a zero share, so the rest cannot "
                        "be placed: {cells}"),
    "e_lock_unit": ("{metric}的锁定值 {value} 不是取整单位 {unit} 的整数倍：{cells}",
                    "{metric}: the locked value {value} is not a whole number of {unit}s: "
                    "{cells}"),
    "e_lock_negative": ("{metric}的锁定值不能为负数：{cells}",
                        "{metric}: a locked value cannot be negative: {cells}"),
    "e_lock_conflict": ("{metric}的同一单元格锁定了不同的值：{cells}",
                        "{metric}: the same cell is locked twice with different values: {cells}"),
    "e_not_targets": ("{path}：不是目标分解工作簿", "{path}: not a targets workbook"),
    "e_unreadable": ("{path}：无法读取（{detail}）", "{path}: cannot be read ({detail})"),
    "e_input": ("{path}：{detail}", "{path}: {detail}"),
})
