"""Messages about input, in the workbook's language: a rep filling a zh template reads zh."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable": ("无法读取此文件：{detail}", "cannot read this file: {detail}"),
    "sheet_unreadable": ("无法读取此工作表：{detail}", "cannot read this sheet: {detail}"),
    "internal": ("读取此文件时出现意外错误（{detail}），本文件未计入；请把文件发给管理员",
                 "an unexpected error while reading this file ({detail}); not counted. Please "
                 "send the file to your administrator"),
    "unknown_workbook": (
        "不是 salesbook 模板生成的工作簿（找不到应有的工作表）；"
        "请用 salesbook templates 生成的模板重新填写",
        "not a salesbook workbook (its sheets are not the template's); "
        "fill a template made by `salesbook templates`",
    ),
    "wrong_template": ("这是 {found} 模板，这里需要 {expected}",
                       "this is a {found} workbook; {expected} was expected"),
    "old_version": ("模板版本 {found} 较旧（当前 {expected}），请改用新模板",
                    "template version {found} is older than {expected}; please move to the new "
                    "template"),
    "sheet_missing": ("缺少工作表“{name}”（可能被改名或删除）",
                      "sheet '{name}' is missing (renamed or deleted?)"),
    "sheet_missing_hint": ("缺少工作表“{name}”（可能被改名或删除）；文件中多出的工作表：{extra}",
                           "sheet '{name}' is missing (renamed or deleted?); sheets not in the "
                           "template: {extra}"),
    "sheet_hidden": ("工作表“{name}”被隐藏（{state}），其内容已计入；如不应计入请删除其内容",
                     "sheet '{name}' is hidden ({state}); its contents were counted. Clear it "
                     "if they should not count"),
    "rows_hidden": ("第 {rows} 行被隐藏但有内容，已计入；如不应计入请删除这些行",
                    "rows {rows} are hidden but hold data; they were counted. Delete them if "
                    "they should not count"),
    "beyond_limits": ("{where} 处有内容，超出读取范围（最多 {rows} 行、{cols} 列），未读取；"
                      "请删除或移入表格内",
                      "there is data at {where}, outside the area read (at most {rows} rows and "
                      "{cols} columns); it was not read. Delete it or move it into the table"),
    "rows_cut": ("此表超过 {rows} 行，之后的行未读取；请把内容拆分到多个文件",
                 "this sheet runs past {rows} rows; the rows after that were not read. Split "
                 "it into several files"),
    "field_missing": ("找不到“{label}”这一栏", "cannot find the field '{label}'"),
    "table_missing": ("找不到“{label}”表的标题行", "cannot find the header row of '{label}'"),
    "column_missing": ("缺少必填列“{label}”", "the required column '{label}' is missing"),
    "column_not_found": ("找不到“{label}”列（标题被改动？），这一列的内容未读取",
                         "the column '{label}' was not found (header changed?); its values were "
                         "not read"),
    "bad_value": ("“{label}”：{detail}", "{label}: {detail}"),
    "formula_error": ("“{label}”的公式出错（{error}），未计入；请修正公式或改填数值",
                      "{label}: the formula gives {error}; not counted. Fix the formula or type "
                      "the value"),
    "formula_uncached": ("“{label}”是公式但没有计算结果（文件未在 Excel 中保存过），未计入；"
                         "请在 Excel 中打开并保存",
                         "{label}: a formula with no calculated result (the file was never saved "
                         "in Excel); not counted. Open and save it in Excel"),
    "required_blank": ("必填项“{label}”为空", "required cell '{label}' is blank"),
    # what a file is, when it is not an .xlsx workbook (see addin.io.xlsx_scan)
    "pkg_cannot_open": ("无法打开文件（{error}）", "cannot open the file ({error})"),
    "pkg_empty": ("文件是空的（0 字节），可能尚未同步完成；请重新获取",
                  "the file is empty (0 bytes); it may not have finished syncing. Ask for it "
                  "again"),
    "pkg_xls": ("这是旧版 .xls 工作簿；请在 Excel 中“另存为” Excel 工作簿 (.xlsx)",
                "this is an old .xls workbook; save it as Excel Workbook (.xlsx)"),
    "pkg_encrypted": ("工作簿设有打开密码；请去掉密码后另存为 .xlsx",
                      "the workbook is password-protected; remove the password and save it "
                      "as .xlsx"),
    "pkg_ole": ("这是旧版 Office 文件或加密文件，不是 .xlsx；请在 Excel 中另存为 .xlsx（不设密码）",
                "this is an old Office file or a password-protected file, not an .xlsx; save "
                "it as Excel Workbook (.xlsx) without a password"),
    "pkg_xlsb": ("这是二进制 .xlsb 工作簿；请另存为 Excel 工作簿 (.xlsx)",
                 "this is a binary .xlsb workbook; save it as Excel Workbook (.xlsx)"),
    "pkg_ods": ("这是 OpenDocument 表格 (.ods)；请另存为 Excel 工作簿 (.xlsx)",
                "this is an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx)"),
    "pkg_html": ("这是改了扩展名的网页 (HTML/XML) 文件，不是 .xlsx；"
                 "请在 Excel 中打开后另存为 .xlsx",
                 "a web page (HTML/XML) renamed to .xlsx; open it in Excel and save it as Excel "
                 "Workbook (.xlsx)"),
    "pkg_csv": ("这是改了扩展名的文本/CSV 文件，不是 .xlsx；请在 Excel 中打开后另存为 .xlsx",
                "a text/CSV file renamed to .xlsx; open it in Excel and save it as Excel "
                "Workbook (.xlsx)"),
    "pkg_text": ("这是文本/CSV 文件 ({suffix})，不是 Excel 工作簿；请用模板填写后保存为 .xlsx",
                 "a text/CSV file ({suffix}), not an Excel workbook; fill the template and save "
                 "it as .xlsx"),
    "pkg_not_xlsx": ("不是 Excel .xlsx 文件；请在 Excel 中另存为 Excel 工作簿 (.xlsx)",
                     "not an Excel .xlsx file; open it in Excel and save it as Excel Workbook "
                     "(.xlsx)"),
    "pkg_damaged": ("文件已损坏或不完整（可能未同步完成）；请重新获取",
                    "the file is damaged or incomplete (a half-synced copy?); ask for it again"),
    "pkg_part_damaged": ("文件已损坏（{part}）；请重新获取",
                         "the file is damaged ({part}); ask for it again"),
    "pkg_too_many_parts": ("文件包含 {count} 个部件，异常，拒绝打开",
                           "the package has {count} parts; refusing to open it"),
    "pkg_bomb_part": ("部件 {part} 解压后将达 {size:,} 字节（压缩后仅 {packed:,} 字节，"
                      "疑似压缩炸弹），拒绝打开",
                      "part {part} would unpack to {size:,} bytes from {packed:,} (a zip bomb?); "
                      "refusing to open it"),
    "pkg_bomb_total": ("文件解压后将达 {size:,} 字节，拒绝打开",
                       "the package would unpack to {size:,} bytes; refusing to open it"),
    "pkg_bigger": ("部件 {part} 比声明的大小更大（文件损坏或被篡改），拒绝打开",
                   "part {part} is larger than declared (damaged or crafted); refusing to open "
                   "it"),
    "pkg_no_workbook": ("文件中没有工作簿部件，不是 .xlsx 文件",
                        "the package has no workbook part; it is not an .xlsx file"),
    "pkg_entity": ("文件中的 XML 引用了未定义的实体（{detail}）；Excel 从不写入这种内容，"
                   "文件可能被篡改，拒绝打开",
                   "the XML refers to an undefined entity ({detail}), which Excel never writes "
                   "(a crafted file?); refusing to open it"),
    "pkg_doctype": ("文件 {part} 中含有 XML 实体声明 (DOCTYPE)；Excel 从不写入这种内容，"
                    "文件可能被篡改，拒绝打开",
                    "{part} contains an XML DOCTYPE/entity declaration, which Excel never "
                    "writes (a crafted file?); refusing to open it"),
}


def say(key: str, lang: str, **kw: Any) -> str:
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**kw)
