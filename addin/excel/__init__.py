"""The Excel door: what the workbooks' buttons run.

* `door.run_job(job, workbook)` runs a button's job (the same service function as the
  command line) and answers in JSON; `salesbook excel run JOB WORKBOOK` prints it. The
  VBA macros (macros/*.bas) call that command.
* For users of the xlwings add-in, `RunPython "import addin.excel; addin.excel.week()"`
  (and plan, team, targets, month) runs the same door from Excel; `addin.excel.udfs`
  holds worksheet functions over the core calculations.

Importing this package is cheap and never needs xlwings (an optional extra).
"""

from .xlwings_door import month, plan, targets, team, week

__all__ = ["month", "plan", "targets", "team", "week"]
