"""Messages of the Excel door (addin.excel): the buttons' captions, what a button says
when its job is done, the texts the macros show before Python answers (written into the
macro-enabled templates, since VBA source is kept ASCII), the one-time setup guide and
the offline installer."""

from . import define

# captions of the buttons in the macro-enabled templates
define("button", {
    "week": ("汇总本周", "Roll up my week"),
    "plan": ("生成下周造访计划", "Plan the week"),
    "team": ("生成团队周报", "Team weekly report"),
    "targets": ("分解目标", "Break down targets"),
    "month": ("月度控制", "Monthly control"),
    "help": ("点击按钮前请先保存；结果会写入本簿或在新工作簿中打开。",
             "Buttons save this workbook first; results come into it or open as a new "
             "workbook."),
})

# what a button says when its job is done (one line, in the workbook's language)
define("excel", {
    "week_done": ("本周汇总已更新（{week}）：已报 {days}/{working} 天，订单 {amount}，"
                  "有效造访率 {rate}；问题 {problems} 个",
                  "Week summary updated ({week}): {days}/{working} days reported, orders "
                  "{amount}, effective visit rate {rate}; {problems} problems"),
    "plan_done": ("已排定 {start} 至 {end} 的 {contacts} 项联系（{reps} 名销售员，顺延 "
                  "{carried} 项）；周报簿在 {folder}；问题 {problems} 个",
                  "Planned {contacts} contacts for {start} to {end} ({reps} reps, "
                  "{carried} carried over); the workbooks are in {folder}; "
                  "{problems} problems"),
    "team_done": ("团队周报 {week} 已写入 {path}：{reported}/{expected} 人已报，订单 {amount}；"
                  "问题 {problems} 个",
                  "Team report {week} written to {path}: {reported} of {expected} reps "
                  "reported, orders {amount}; {problems} problems"),
    "targets_done": ("目标分解已写入 {path}；问题 {problems} 个",
                     "Targets breakdown written to {path}; {problems} problems"),
    "month_done": ("{month} 月度控制已写入 {path}：{reps} 名销售员；问题 {problems} 个",
                   "Monthly control {month} written to {path}: {reps} reps; "
                   "{problems} problems"),
    "unknown_job": ("没有名为“{job}”的按钮任务（可用：{jobs}）",
                    "no button job called '{job}' (there are: {jobs})"),
    "wrong_workbook": ("“{file}”不是{expected}，此按钮不能用于它",
                       "'{file}' is not a {expected}; this button does not work on it",
                       "请在{expected}中使用此按钮", "Use this button in a {expected}"),
    "no_reports_folder": ("设置表未填写周报文件夹（{cell}）", "the settings sheet names no "
                          "reports folder ({cell})",
                          "请在设置表中填写各销售员周报所在的文件夹",
                          "Fill in the folder the reps' weekly workbooks are in"),
    "no_history": ("找不到历史数据库 {path}", "no history database at {path}",
                   "请先生成至少一期团队周报（它会建立历史数据库），或在设置表中填写历史数据库的位置",
                   "Run the team weekly report at least once (it creates the history "
                   "database), or give its place on the settings sheet"),
    "writes_open_book": ("结果会覆盖正在打开的工作簿 {path}", "the result would overwrite the "
                         "open workbook {path}",
                         "请在设置表中改用其他文件或文件夹", "Choose another file or folder "
                         "on the settings sheet"),
    "internal": ("salesbook 内部错误：{detail}", "salesbook internal error: {detail}",
                 "请将此信息和工作簿发给维护人员",
                 "Send this message and the workbook to whoever maintains salesbook"),
})

# texts the macros show before Python answers; written into the .xlsm templates
define("macro", {
    "running": ("salesbook 正在运行：{job}……", "salesbook is running: {job}..."),
    "saving": ("正在保存……", "Saving..."),
    "not_installed": ("无法运行 salesbook（退出代码 {rc}）。", "salesbook could not run "
                      "(exit code {rc}).",
                      "请安装 Python 3.11 或更高版本和 salesbook（pip install salesbook），"
                      "或在 xlwings.conf 表中填写 Python 的位置；详见 {log}",
                      "Install Python 3.11 or later and salesbook (pip install salesbook), "
                      "or give Python's place on the xlwings.conf sheet; details in {log}"),
    "no_result": ("salesbook 没有返回结果（退出代码 {rc}）", "salesbook returned no result "
                  "(exit code {rc})", "详见 {log}", "Details in {log}"),
    "failed": ("salesbook：{message}", "salesbook: {message}"),
    "conf_title": ("按钮与 Python 的设置（xlwings.conf）", "Settings of the buttons and "
                   "Python (xlwings.conf)"),
    "conf_help": ("Interpreter_Win / Interpreter_Mac 留空时使用 PATH 中的 salesbook；"
                  "也可在本工作簿旁放一个 salesbook.conf 文件，写一行 python = Python 的路径。",
                  "Leave Interpreter_Win / Interpreter_Mac blank to use salesbook on the "
                  "PATH; or put a salesbook.conf beside this workbook with the line "
                  "python = <path of Python>."),
})
