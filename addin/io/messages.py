"""Messages about input, in the workbook's language: a rep filling a zh template reads zh."""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable": ("无法读取此文件：{detail}", "cannot read this file: {detail}"),
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
    "sheet_missing": ("缺少工作表“{sheet}”（可能被改名或删除）",
                      "sheet '{sheet}' is missing (renamed or deleted?)"),
    "field_missing": ("找不到“{label}”这一栏", "cannot find the field '{label}'"),
    "table_missing": ("找不到“{label}”表的标题行", "cannot find the header row of '{label}'"),
    "column_missing": ("缺少必填列“{label}”", "the required column '{label}' is missing"),
    "bad_value": ("“{label}”：{detail}", "{label}: {detail}"),
    "formula_error": ("“{label}”的公式出错（{error}），未计入；请修正公式或改填数值",
                      "{label}: the formula gives {error}; not counted. Fix the formula or type "
                      "the value"),
    "formula_uncached": ("“{label}”是公式但没有计算结果（文件未在 Excel 中保存过），未计入；"
                         "请在 Excel 中打开并保存",
                         "{label}: a formula with no calculated result (the file was never saved "
                         "in Excel); not counted. Open and save it in Excel"),
    "required_blank": ("必填项“{label}”为空", "required cell '{label}' is blank"),
}


def say(key: str, lang: str, **kw: Any) -> str:
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**kw)
