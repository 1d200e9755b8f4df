"""One look for every workbook the product writes with XlsxWriter.

Templates and reports share these formats so a manager sees the same colours for "type
here" cells, computed cells and headers in every file.
"""

from __future__ import annotations

from typing import Any

from ..schema import ColType, Column

INPUT_FILL = "#FFF8E1"  # pale yellow: type here
COMPUTED_FILL = "#F2F2F2"  # grey: calculated, protected
HEADER_FILL = "#DDEBF7"
TITLE_COLOR = "#1F4E78"
ALERT_FONT = "#C00000"
ALERT_FILL = "#FFE5E5"

FONT = {"zh": "等线", "en": "Calibri"}

# XlsxWriter options for every workbook we write: text stays text, whatever it looks like.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,  # no temporary files: faster, and nothing left behind on a crash
}


class Styles:
    """Caches XlsxWriter Format objects by role and column type for one workbook."""

    def __init__(self, workbook: Any, lang: str):
        self.wb = workbook
        self.lang = lang
        self._cache: dict[tuple, Any] = {}

    def _get(self, key: tuple, props: dict) -> Any:
        if key not in self._cache:
            self._cache[key] = self.wb.add_format({"font_name": FONT[self.lang], "font_size": 10,
                                                   **props})
        return self._cache[key]

    def title(self) -> Any:
        return self._get(("title",), {"bold": True, "font_size": 14, "font_color": TITLE_COLOR})

    def note(self) -> Any:
        return self._get(("note",), {"italic": True, "font_color": "#595959", "text_wrap": False})

    def header(self) -> Any:
        return self._get(("header",), {"bold": True, "bg_color": HEADER_FILL, "border": 1,
                                       "text_wrap": True, "valign": "vcenter",
                                       "align": "center"})

    def label(self) -> Any:
        return self._get(("label",), {"bold": True, "align": "right", "valign": "vcenter",
                                      "text_wrap": True})

    def cell(self, column: Column, *, role: str, quote: bool = False, bold: bool = False) -> Any:
        """role: 'input' (unlocked, yellow), 'computed' (grey, locked), 'output' (plain)."""
        key = ("cell", column.type, column.number_format, role, quote, bold)
        props: dict[str, Any] = {"border": 1, "valign": "top"}
        if column.type not in (ColType.TEXT, ColType.ENUM, ColType.BOOL):
            props["num_format"] = column.number_format
        elif column.type == ColType.TEXT:
            props["num_format"] = "@"
        if column.wraps:
            props["text_wrap"] = True
        if role == "input":
            props.update({"locked": False, "bg_color": INPUT_FILL})
        elif role == "computed":
            props.update({"bg_color": COMPUTED_FILL})
        if quote:
            props["quote_prefix"] = True
        if bold:
            props["bold"] = True
        return self._get(key, props)

    def total_label(self) -> Any:
        return self._get(("total_label",), {"bold": True, "border": 1, "bg_color": COMPUTED_FILL})

    def alert(self) -> Any:
        return self._get(("alert",), {"font_color": ALERT_FONT, "bg_color": ALERT_FILL})


def display_width(text: str) -> float:
    """Column width a label needs: CJK characters count double."""
    return sum(2.0 if ord(ch) > 0x2E80 else 1.05 for ch in text)
