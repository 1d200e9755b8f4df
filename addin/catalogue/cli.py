"""What the command line prints after a job: a few lines a person reads."""

from . import define

define("cli", {
    "error_prefix": ("salesbook：", "salesbook: "),
    "reading": ("正在读取周报", "reading workbooks"),
    "rollup_week": ("{week}：读取 {files} 个文件（{folders} 个文件夹），{reported}/{expected} "
                    "名销售员已交周报", "{week}: {files} files read ({folders} folders), "
                    "{reported} of {expected} reps reported"),
    "rollup_figures": ("本周订货 {orders:,.2f}，本周目标 {target}，达成率 {achievement}；"
                       "有效造访率 {effective}，交易率 {transaction}",
                       "orders {orders:,.2f} against a week target of {target} "
                       "({achievement}); effective visit rate {effective}, transaction rate "
                       "{transaction}"),
    "rollup_missing": ("未交周报：{reps}", "sent nothing: {reps}"),
    "problems": ("问题：{errors} 个错误，{others} 个警告/提示（见“问题清单”表）",
                 "problems: {errors} errors, {others} warnings/notes (see the problems sheet)"),
    "report": ("报告：{path}", "report: {path}"),
    "history": ("历史数据库：{path}", "history store: {path}"),
    "summary": ("周汇总：{path}", "weekly summary: {path}"),
    "month": ("{month}：历史中有 {days} 个人天，{reps} 名销售员；月累计订货 {orders:,.2f}，"
              "达成率 {achievement}", "{month}: {days} rep-days on record, {reps} reps; "
              "month orders {orders:,.2f} ({achievement} of target)"),
    "check_file": ("{path}：{status}（{workbook}，{errors} 个错误，{warnings} 个警告）",
                   "{path}: {status} ({workbook}; {errors} errors, {warnings} warnings)"),
    "check_ok": ("通过", "ok"),
    "check_errors": ("有错误", "ERRORS"),
    "unknown_workbook": ("无法识别的工作簿", "unknown workbook"),
    "schema_workbook": ("{key}  {zh} / {en}  （{id} 版本 {version}）",
                        "{key}  {zh} / {en}  ({id} v{version})"),
    "schema_table": ("      表 {key}（标题行 {row}）：{columns}",
                     "      table {key} (header row {row}): {columns}"),
    # salesbook bundle
    "bundle_wheelhouse": ("安装包：{path}（{wheels} 个 wheel）",
                          "wheelhouse: {path} ({wheels} wheels)"),
    "bundle_templates": ("模板：{count} 个文件，在 {path}", "templates:  {count} files in {path}"),
    "bundle_setup": ("安装脚本：{path}", "setup:      {path}"),
    # salesbook history info / export / import
    "history_head": ("{history}（{backend}，结构版本 {version}）：{weeks} 周，{reps} 名销售员",
                     "{history} ({backend}, schema version {version}): {weeks} weeks, "
                     "{reps} reps"),
    "history_month": ("  {month}  {reps:>5}/{reps_known} 名销售员  {dates:>2}/{days} 天  "
                      "{rep_days:>7} 人天  {first} .. {last}",
                      "  {month}  {reps:>5} of {reps_known} reps  {dates:>2} of {days} days  "
                      "{rep_days:>7} rep-days  {first} .. {last}"),
    "history_month_imported": ("  导入：{reps} 名销售员", "  imported: {reps} reps"),
    "history_sources": ("来源：{rollups} 次汇总（{first} .. {last}）；{rows} 行导入数据，"
                        "{months} 个月", "sources: {rollups} rollups ({first} .. {last}); "
                        "{rows} imported rows in {months} months"),
    "history_exported": ("{table:<9} {rows:>9} 行  {path}", "{table:<9} {rows:>9} rows  {path}"),
    "history_imported": ("已导入 {rows} 行到 {history}", "imported {rows} rows into {history}"),
})
