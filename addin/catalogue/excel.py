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
                      "请安装 Python 3.11 或更高版本，再运行 salesbook 安装包中的 setup.cmd"
                      "（macOS：setup.sh）；或在 xlwings.conf 表中填写 Python 的位置。详见 {log}",
                      "Install Python 3.11 or later, then run setup.cmd (macOS: setup.sh) "
                      "from the salesbook installer folder; or give Python's place on the "
                      "xlwings.conf sheet. Details in {log}"),
    "no_result": ("salesbook 没有返回结果（退出代码 {rc}）", "salesbook returned no result "
                  "(exit code {rc})", "详见 {log}", "Details in {log}"),
    "timed_out": ("salesbook 在 {seconds} 秒内没有完成", "salesbook did not finish within "
                  "{seconds} s"),
    "cannot_open": ("无法打开 {path}", "cannot open {path}"),
    "conf_title": ("按钮与 Python 的设置（xlwings.conf）", "Settings of the buttons and "
                   "Python (xlwings.conf)"),
    "conf_help": ("Interpreter_Win / Interpreter_Mac 留空时使用 PATH 中的 salesbook；"
                  "也可在本工作簿旁放一个 salesbook.conf 文件，写一行 python = Python 的路径。",
                  "Leave Interpreter_Win / Interpreter_Mac blank to use salesbook on the "
                  "PATH; or put a salesbook.conf beside this workbook with the line "
                  "python = <path of Python>."),
})

# `salesbook excel-setup`: what a Windows or macOS user does once
define("setup", {
    "title": ("在 Excel 中使用 salesbook 按钮：一次性设置", "Using salesbook's buttons in Excel: "
              "one-time setup"),
    "step_python": ("1. 安装 Python 3.11 或更高版本", "1. Install Python 3.11 or later"),
    "python_win": ("   Windows：从 python.org 下载安装程序，安装时勾选“Add python.exe to PATH”。",
                   "   Windows: download the installer from python.org and tick \"Add "
                   "python.exe to PATH\"."),
    "python_mac": ("   macOS：从 python.org 下载安装程序（或 brew install python）。",
                   "   macOS: download the installer from python.org (or brew install "
                   "python)."),
    "step_install": ("2. 安装 salesbook（在“命令提示符”或“终端”中）", "2. Install salesbook "
                     "(in Command Prompt or Terminal)"),
    "install_offline": ("   运行安装包文件夹（由 salesbook bundle 生成）中的 setup.cmd"
                        "（macOS：setup.sh），无需联网。",
                        "   Run setup.cmd (macOS: setup.sh) in the installer folder made by "
                        "salesbook bundle; no internet needed."),
    "install_source": ("   或在 salesbook 源代码目录中：pip install .    （用 xlwings 加载项时："
                       "pip install \".[excel]\"）",
                       "   Or, in a salesbook source folder: pip install .    (with the "
                       "xlwings add-in: pip install \".[excel]\")"),
    "step_templates": ("3. 带按钮的模板（.xlsm）在：{folder}", "3. The templates with buttons "
                       "(.xlsm) are in: {folder}"),
    "templates_copy": ("   复制到团队使用的文件夹；.xlsx 模板没有宏，"
                       "可在 WPS 或禁用宏的电脑上使用。",
                       "   Copy them to the team's folder; the .xlsx templates have no "
                       "macros and work in WPS or where macros are off."),
    "step_trust": ("4. 信任模板所在的文件夹，让 Excel 运行宏", "4. Trust the templates' folder "
                   "so that Excel runs their macros"),
    "trust_win": ("   Windows：文件 > 选项 > 信任中心 > 信任中心设置 > 受信任位置 > 添加新位置；"
                  "从网上或邮件得到的文件：右键 > 属性 > 勾选“解除锁定”。",
                  "   Windows: File > Options > Trust Center > Trust Center Settings > "
                  "Trusted Locations > Add new location; a file from the web or e-mail: "
                  "right-click > Properties > tick Unblock."),
    "trust_mac": ("   macOS：Excel > 偏好设置 > 安全性 > 启用宏；再在“终端”中运行下面一行，"
                  "让按钮可以启动 Python：",
                  "   macOS: Excel > Preferences > Security > enable macros; then run this "
                  "line in Terminal so the buttons can start Python:"),
    "step_check": ("5. 检查", "5. Check that it works"),
    "check_cli": ("   在终端运行 salesbook --version，应显示版本号。",
                  "   In a terminal, salesbook --version prints the version."),
    "check_button": ("   打开“{book}”，填写本周各日的日报，点击“{button}”：周汇总表被填写。",
                     "   Open \"{book}\", fill in the week's daily reports and press "
                     "\"{button}\": the weekly summary fills in."),
    "python_elsewhere": ("   如果 Python 不在 PATH 中：在工作簿的 xlwings.conf 表中填写 "
                         "Interpreter_Win 或 Interpreter_Mac（python 的完整路径），或在工作簿旁放"
                         "一个 salesbook.conf，写一行 python = 完整路径。",
                         "   If Python is not on the PATH: give its full path as "
                         "Interpreter_Win or Interpreter_Mac on the workbook's xlwings.conf "
                         "sheet, or put a salesbook.conf beside the workbook with the line "
                         "python = <full path>."),
    "no_templates": ("（安装包的 templates 文件夹，或运行 salesbook templates 生成）",
                     "(the installer's templates folder, or make them with salesbook "
                     "templates)"),
})

# `salesbook bundle`: the offline installer folder
define("bundle", {
    "no_source": ("找不到 salesbook 的源代码（{root}），无法打包", "salesbook's source tree is "
                  "not at {root}; cannot build the installer",
                  "请在 salesbook 的源代码目录中运行", "Run it from a salesbook source checkout"),
    "pip_failed": ("pip 失败（{what}）：{detail}", "pip failed ({what}): {detail}",
                   "请检查网络连接和 Python 版本", "Check the network and the Python "
                   "versions"),
    "setup_installing": ("正在从本文件夹安装 salesbook……", "Installing salesbook from this "
                         "folder..."),
    "setup_no_python": ("找不到 Python。请先从 python.org 安装 Python 3.11 或更高版本（勾选 Add "
                        "python.exe to PATH），再运行本文件。",
                        "Python was not found. Install Python 3.11 or later from python.org "
                        "(tick Add python.exe to PATH), then run this file again."),
    "setup_done": ("安装完成。带按钮的模板在 templates 文件夹；说明见 {guide}。",
                   "Done. The templates with buttons are in the templates folder; the guide "
                   "is {guide}."),
    "setup_failed": ("安装失败，请把上面的信息发给维护人员。", "Installing failed; send the "
                     "lines above to whoever maintains salesbook."),
})
