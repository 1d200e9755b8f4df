"""Messages about the workbooks people send in: what could not be read, and what to do."""

from . import define

# a file as a whole (see addin.io.xlsx_scan and addin.io.reader)
define("file", {
    "no_such_path": ("{path}：找不到此文件或文件夹", "{path}: no such file or folder",
                     "请检查路径", "Check the path"),
    "unreadable": ("无法读取此文件：{detail}", "cannot read this file: {detail}"),
    "unreadable_raw": ("无法读取此文件（{detail}）", "cannot read this file ({detail})",
                       "请在 Excel 中打开并另存为 .xlsx 后重新提交",
                       "Open it in Excel, save it as .xlsx and send it again"),
    "internal": ("读取此文件时出现意外错误（{detail}），本文件未计入",
                 "an unexpected error while reading this file ({detail}); not counted",
                 "请把文件发给管理员", "Please send the file to your administrator"),
    "unknown_workbook": ("不是 salesbook 模板生成的工作簿（找不到应有的工作表）",
                         "not a salesbook workbook (its sheets are not the template's)",
                         "请用 salesbook templates 生成的模板重新填写",
                         "Fill a template made by `salesbook templates`"),
    "wrong_template": ("这是“{found}”工作簿，这里需要“{expected}”",
                       "this is a {found} workbook; {expected} was expected",
                       "请选择正确的文件", "Choose the right file"),
    "old_version": ("模板版本 {found} 较旧（当前 {expected}）",
                    "template version {found} is older than {expected}",
                    "请改用新模板", "Please move to the new template"),
    "cannot_open": ("无法打开文件（{error}）", "cannot open the file ({error})",
                    "请检查文件是否存在、是否有读取权限",
                    "Check that the file exists and can be read"),
    "empty": ("文件是空的（0 字节），可能尚未同步完成", "the file is empty (0 bytes); it may not "
              "have finished syncing", "请重新获取", "Ask for it again"),
    "xls": ("这是旧版 .xls 工作簿", "this is an old .xls workbook",
            "请在 Excel 中“另存为” Excel 工作簿 (.xlsx)", "Save it as Excel Workbook (.xlsx)"),
    "encrypted": ("工作簿设有打开密码", "the workbook is password-protected",
                  "请去掉密码后另存为 .xlsx", "Remove the password and save it as .xlsx"),
    "ole": ("这是旧版 Office 文件或加密文件，不是 .xlsx",
            "this is an old Office file or a password-protected file, not an .xlsx",
            "请在 Excel 中另存为 .xlsx（不设密码）",
            "Save it as Excel Workbook (.xlsx) without a password"),
    "xlsb": ("这是二进制 .xlsb 工作簿", "this is a binary .xlsb workbook",
             "请另存为 Excel 工作簿 (.xlsx)", "Save it as Excel Workbook (.xlsx)"),
    "ods": ("这是 OpenDocument 表格 (.ods)", "this is an OpenDocument spreadsheet (.ods)",
            "请另存为 Excel 工作簿 (.xlsx)", "Save it as Excel Workbook (.xlsx)"),
    "html": ("这是改了扩展名的网页 (HTML/XML) 文件，不是 .xlsx",
             "a web page (HTML/XML) renamed to .xlsx",
             "请在 Excel 中打开后另存为 .xlsx", "Open it in Excel and save it as .xlsx"),
    "csv": ("这是改了扩展名的文本/CSV 文件，不是 .xlsx", "a text/CSV file renamed to .xlsx",
            "请在 Excel 中打开后另存为 .xlsx", "Open it in Excel and save it as .xlsx"),
    "text": ("这是文本/CSV 文件 ({suffix})，不是 Excel 工作簿",
             "a text/CSV file ({suffix}), not an Excel workbook",
             "请用模板填写后保存为 .xlsx", "Fill the template and save it as .xlsx"),
    "not_xlsx": ("不是 Excel .xlsx 文件", "not an Excel .xlsx file",
                 "请在 Excel 中另存为 Excel 工作簿 (.xlsx)",
                 "Open it in Excel and save it as Excel Workbook (.xlsx)"),
    "damaged": ("文件已损坏或不完整（可能未同步完成）",
                "the file is damaged or incomplete (a half-synced copy?)",
                "请重新获取", "Ask for it again"),
    "part_damaged": ("文件已损坏（{part}）", "the file is damaged ({part})",
                     "请重新获取", "Ask for it again"),
    "too_many_parts": ("文件包含 {count} 个部件，异常，拒绝打开",
                       "the package has {count} parts; refusing to open it"),
    "bomb_part": ("部件 {part} 解压后将达 {size:,} 字节（压缩后仅 {packed:,} 字节，疑似压缩炸弹），"
                  "拒绝打开", "part {part} would unpack to {size:,} bytes from {packed:,} "
                  "(a zip bomb?); refusing to open it"),
    "bomb_total": ("文件解压后将达 {size:,} 字节，拒绝打开",
                   "the package would unpack to {size:,} bytes; refusing to open it"),
    "bigger": ("部件 {part} 比声明的大小更大（文件损坏或被篡改），拒绝打开",
               "part {part} is larger than declared (damaged or crafted); refusing to open it"),
    "no_workbook": ("文件中没有工作簿部件，不是 .xlsx 文件",
                    "the package has no workbook part; it is not an .xlsx file"),
    "entity": ("文件中的 XML 引用了未定义的实体（{detail}）；Excel 从不写入这种内容，"
               "文件可能被篡改，拒绝打开",
               "the XML refers to an undefined entity ({detail}), which Excel never writes "
               "(a crafted file?); refusing to open it"),
    "doctype": ("文件 {part} 中含有 XML 实体声明 (DOCTYPE)；Excel 从不写入这种内容，"
                "文件可能被篡改，拒绝打开",
                "{part} contains an XML DOCTYPE/entity declaration, which Excel never writes "
                "(a crafted file?); refusing to open it"),
})

# a sheet, a table, a cell
define("sheet", {
    "unreadable": ("无法读取此工作表：{detail}", "cannot read this sheet: {detail}"),
    "missing": ("缺少工作表“{name}”（可能被改名或删除）",
                "sheet '{name}' is missing (renamed or deleted?)",
                "请恢复原名称或使用新模板", "Restore its name or use a fresh template"),
    "missing_hint": ("缺少工作表“{name}”（可能被改名或删除）；文件中多出的工作表：{extra}",
                     "sheet '{name}' is missing (renamed or deleted?); sheets not in the "
                     "template: {extra}", "请恢复原名称", "Restore its name"),
    "hidden": ("工作表“{name}”被隐藏（{state}），其内容已计入",
               "sheet '{name}' is hidden ({state}); its contents were counted",
               "如不应计入请删除其内容", "Clear it if they should not count"),
    "rows_hidden": ("第 {rows} 行被隐藏但有内容，已计入", "rows {rows} are hidden but hold "
                    "data; they were counted", "如不应计入请删除这些行",
                    "Delete them if they should not count"),
    "beyond_limits": ("{where} 处有内容，超出读取范围（最多 {rows} 行、{cols} 列），未读取",
                      "there is data at {where}, outside the area read (at most {rows} rows "
                      "and {cols} columns); it was not read",
                      "请删除或移入表格内", "Delete it or move it into the table"),
    "rows_cut": ("此表超过 {rows} 行，之后的行未读取",
                 "this sheet runs past {rows} rows; the rows after that were not read",
                 "请把内容拆分到多个文件", "Split it into several files"),
    "field_missing": ("找不到“{label}”这一栏", "cannot find the field '{label}'"),
    "table_missing": ("找不到“{label}”表的标题行", "cannot find the header row of '{label}'"),
    "column_missing": ("缺少必填列“{label}”", "the required column '{label}' is missing"),
    "column_not_found": ("找不到“{label}”列（标题被改动？），这一列的内容未读取",
                         "the column '{label}' was not found (header changed?); its values "
                         "were not read", "请恢复原标题", "Restore its header"),
})

define("cell", {
    "bad_value": ("“{label}”：{detail}", "{label}: {detail}"),
    "formula_error": ("“{label}”的公式出错（{error}），未计入",
                      "{label}: the formula gives {error}; not counted",
                      "请修正公式或改填数值", "Fix the formula or type the value"),
    "formula_uncached": ("“{label}”是公式但没有计算结果（文件未在 Excel 中保存过），未计入",
                         "{label}: a formula with no calculated result (the file was never "
                         "saved in Excel); not counted",
                         "请在 Excel 中打开并保存", "Open and save it in Excel"),
    "required_blank": ("必填项“{label}”为空", "required cell '{label}' is blank"),
    # what a value should have been (the detail of cell.bad_value)
    "not_number_date": ("应为数字，却是日期/时间 {value}",
                        "expected a number, found a date/time {value}"),
    "not_number_flag": ("应为数字，却是 TRUE/FALSE", "expected a number, found TRUE/FALSE"),
    "not_number": ("应为数字，却是 {value}", "expected a number, found {value}"),
    "too_large": ("数字 {value:g} 太大", "the number {value:g} is too large"),
    "not_whole": ("应为整数，却是 {value:g}", "expected a whole number, found {value:g}"),
    "not_date_serial": ("{value:g} 不是日期", "{value:g} is not a date"),
    "date_out_of_range": ("日期 {value} 不在 {lo}-{hi} 年之间",
                          "the date {value} is outside {lo}-{hi}"),
    "not_date_flag": ("应为日期，却是 TRUE/FALSE", "expected a date, found TRUE/FALSE"),
    "not_real_date": ("{value} 不是有效日期", "{value} is not a real date"),
    "not_date": ("应为日期（如 2026-11-23），却是 {value}",
                 "expected a date like 2026-11-23, found {value}"),
    "not_time": ("应为时间（如 09:30），却是 {value}", "expected a time like 09:30, found {value}"),
    "not_time_of_day": ("{value} 不是有效时间", "{value} is not a time of day"),
    "not_choice": ("{value} 不在下拉选项中：{allowed}", "{value} is not one of: {allowed}"),
    "not_flag": ("应为“是”或“否”，却是 {value}", "expected yes or no, found {value}"),
})

# a rep's weekly workbook, as the rollup reads it
define("repbook", {
    "no_rep": ("基本信息表缺少销售员姓名，暂用文件名“{name}”",
               "no rep name on the info sheet; using the file name '{name}'",
               "请填写销售员姓名", "Type the rep's name"),
    "no_week": ("基本信息表缺少“周一日期”，无法确定日期，本文件未计入",
                "no week start date on the info sheet, so the days have no dates; file "
                "skipped", "请填写周一日期", "Type the week's Monday"),
    "not_monday": ("“周一日期”{date} 不是星期一，按所在周的星期一计算",
                   "the week start {date} is not a Monday; using that week's Monday"),
    "not_rep": ("这是“{found}”，不是销售员周报簿，已跳过",
                "this is a '{found}' workbook, not a rep weekly workbook; skipped"),
    "other_week": ("这是 {found} 的周报，本次汇总 {week}，未计入",
                   "this workbook is for {found}; rolling up {week}; not counted"),
})

# finding the workbooks in a folder (every file not read is named, with the reason)
define("scan", {
    "owner_file": ("Excel 的临时锁定文件，已忽略", "an Excel lock file; ignored"),
    "open_in_excel": ("此文件正在 Excel 中打开（旁边有 {owner}）：读取的是最后保存的版本",
                      "this file is open in Excel ({owner} beside it): the last saved version "
                      "was read", "如有未保存的修改，请保存后重新汇总",
                      "If it has unsaved changes, save it and roll up again"),
    "not_workbook": ("不是工作簿文件，未读取", "not a workbook file; not read"),
    "temporary": ("salesbook 中断时留下的临时文件，未读取", "a temporary file left by an "
                  "interrupted salesbook run; not read"),
    "link_loop": ("链接指向其上级文件夹（循环），未进入", "a link back to a folder above it "
                  "(a loop); not followed"),
    "same_folder": ("与已读取的文件夹 {folder} 是同一个文件夹，未重复读取",
                    "the same folder as {folder}, already read; not read twice"),
    "same_file": ("与已读取的 {file} 是同一个文件，未重复读取",
                  "the same file as {file}, already read; not read twice"),
    "unreadable_folder": ("无法打开此文件夹（{detail}），其中的文件未读取",
                          "cannot open this folder ({detail}); the files in it were not read",
                          "请检查文件夹权限", "Check the folder's permissions"),
    "subfolders_skipped": ("子文件夹 {folders} 未读取（使用了 --top-only）",
                           "subfolders {folders} were not read (--top-only)"),
    "nothing": ("没有可读取的销售员周报簿（{detail}）",
                "no rep weekly workbook could be read ({detail})",
                "请检查文件夹和文件", "Check the folder and the files"),
    "empty_folder": ("文件夹中没有任何文件", "the folder holds no file"),
})
