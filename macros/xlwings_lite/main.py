"""salesbook for xlwings Lite (Python inside Excel, no Python installation).

Paste this file into the xlwings Lite editor (main.py) and the packages of
requirements.txt into its requirements.txt. Two scripts work on the open workbook alone:

* roll_up_my_week: in a rep weekly workbook, fills the weekly summary sheet;
* break_down_targets: in a targets workbook, fills its breakdown sheets.

Both run the same code as the command line and the VBA buttons (addin.excel.door): the
workbook's values are written to a file in Lite's memory, the job reads it, and its
results are copied back into the open workbook.
"""

import tempfile
from pathlib import Path

import xlwings as xw
from xlwings import script

from addin.excel.xlwings_door import run_lite


@script
def roll_up_my_week(book: xw.Book):
    with tempfile.TemporaryDirectory() as tmp:
        run_lite("week", book, Path(tmp))


@script
def break_down_targets(book: xw.Book):
    with tempfile.TemporaryDirectory() as tmp:
        run_lite("targets", book, Path(tmp))
