"""Turn what a person typed into a cell into a typed value, or say why it cannot be.

Reps type `¥1,000`, `50％`, `2026年11月23日`, full-width digits and ideographic spaces;
each is read as the value it plainly means. What cannot be read is reported, never
guessed into a zero.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from typing import Any

from ..catalogue import msg
from ..schema import ColType, Column

EXCEL_EPOCH_1900 = dt.date(1899, 12, 30)
EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
MIN_YEAR, MAX_YEAR = 1990, 2100

_LABEL_DROP = re.compile(r"[\s_\-—:：*＊()（）\[\]【】/\\.。,，、·≥>=<≤%％¥￥$]+")
_CURRENCY = re.compile(r"^(?:rmb|cny|人民币)|[¥￥$元]|(?:rmb|cny)$", re.IGNORECASE)


class CellValueError(ValueError):
    """The text of a cell does not fit its column's type; `message` says what was expected
    (a catalogue message, rendered in the run's language)."""

    def __init__(self, code: str, **params: Any):
        self.message = msg(code, **params)
        super().__init__(code)

    def __str__(self) -> str:
        return self.message.render()


def _shown(value: Any) -> str:
    return repr(str(value)[:40])


def normalize_text(value: str) -> str:
    """NFKC folds full-width digits, letters and the ideographic space; then trim and squeeze."""
    text = unicodedata.normalize("NFKC", value)
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=65536)
def fold_label(text: str) -> str:
    return _LABEL_DROP.sub("", normalize_text(text).lower())


def label_key(value: Any) -> str:
    """How a header or sheet name is compared: case, width, spaces and punctuation ignored."""
    if value is None:
        return ""
    return fold_label(value if isinstance(value, str) else str(value))


def is_empty(value: Any) -> bool:
    if value is None or value == "":
        return True
    if isinstance(value, str):
        return not value.strip()  # str.strip also removes the ideographic space
    return isinstance(value, float) and math.isnan(value)


# -- numbers ----------------------------------------------------------------------------
def parse_number(value: Any, *, percent: bool = False) -> float | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellValueError("cell.not_number_flag")
    if isinstance(value, (int, float)):
        if not math.isfinite(float(value)):
            raise CellValueError("cell.not_number", value=_shown(value))
        return float(value)
    if isinstance(value, (dt.date, dt.time)):
        raise CellValueError("cell.not_number_date", value=value)
    text = normalize_text(str(value)).replace(" ", "")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    text = _CURRENCY.sub("", text)
    is_percent = text.endswith("%")
    text = text.rstrip("%")
    scale = 1.0
    if text.endswith("万"):
        scale, text = 10_000.0, text[:-1]
    elif text.endswith("亿"):
        scale, text = 100_000_000.0, text[:-1]
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    try:
        number = float(text) * scale
    except ValueError:
        raise CellValueError("cell.not_number", value=_shown(value)) from None
    if not math.isfinite(number):
        raise CellValueError("cell.not_number", value=_shown(value))
    if is_percent:
        number /= 100.0
    if negative:
        number = -number
    return number


MAX_INTEGER = 2**53  # beyond this a float cannot hold every whole number exactly


def parse_integer(value: Any) -> int | None:
    number = parse_number(value)
    if number is None:
        return None
    if abs(number) > MAX_INTEGER:
        raise CellValueError("cell.too_large", value=number)
    if abs(number - round(number)) > 1e-9:
        raise CellValueError("cell.not_whole", value=number)
    return round(number)


# -- dates and times --------------------------------------------------------------------
_DATE_PATTERNS = (
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"), "ymd"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"), "ymd"),
    (re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),
)


def serial_to_date(serial: float, epoch_1904: bool = False) -> dt.date:
    """The date of an Excel serial number; CellValueError when it is not one (a date
    before 1900 or after 9999, or not a finite number)."""
    base = EXCEL_EPOCH_1904 if epoch_1904 else EXCEL_EPOCH_1900
    if not (math.isfinite(serial) and -700_000 < serial < 2_958_466):
        raise CellValueError("cell.not_date_serial", value=serial)
    try:
        return base + dt.timedelta(days=math.floor(serial))
    except OverflowError:
        raise CellValueError("cell.not_date_serial", value=serial) from None


def _plausible(d: dt.date) -> dt.date:
    if not MIN_YEAR <= d.year <= MAX_YEAR:
        raise CellValueError("cell.date_out_of_range", value=d.isoformat(), lo=MIN_YEAR,
                             hi=MAX_YEAR)
    return d


def parse_date(value: Any, *, epoch_1904: bool = False) -> dt.date | None:
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return _plausible(value.date())
    if isinstance(value, dt.date):
        return _plausible(value)
    if isinstance(value, bool):
        raise CellValueError("cell.not_date_flag")
    if isinstance(value, (int, float)):
        return _plausible(serial_to_date(float(value), epoch_1904))
    text = normalize_text(str(value)).replace(" 年", "年").replace(" 月", "月")
    for pattern, order in _DATE_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        a, b, c = (int(g) for g in m.groups())
        y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
        if order == "dmy" and b > 12 >= a:  # 11/23/2026 written month first
            mo, d = a, b
        try:
            return _plausible(dt.date(y, mo, d))
        except ValueError:
            raise CellValueError("cell.not_real_date", value=_shown(value)) from None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a date serial number stored as text
        return _plausible(serial_to_date(float(text), epoch_1904))
    raise CellValueError("cell.not_date", value=_shown(value))


_TIME_RE = re.compile(  # 9:30, 09：30, 下午3点, 3pm
    r"^(上午|下午|晚上)?\s*(\d{1,2})\s*(?:[:：点时]\s*(\d{1,2})?\s*分?)?\s*(am|pm)?$",
    re.IGNORECASE)


def parse_time(value: Any) -> dt.time | None:
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 <= value < 1:
            minutes = round(float(value) * 24 * 60)
            return dt.time(minutes // 60 % 24, minutes % 60)
        raise CellValueError("cell.not_time", value=value)
    text = normalize_text(str(value)).lower()
    m = _TIME_RE.match(text)
    if not m:
        raise CellValueError("cell.not_time", value=_shown(value))
    prefix, hour, minute, ampm = m.group(1), int(m.group(2)), int(m.group(3) or 0), m.group(4)
    if (prefix in ("下午", "晚上") or ampm == "pm") and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise CellValueError("cell.not_time_of_day", value=_shown(value))
    return dt.time(hour, minute)


# -- text, choices and flags ------------------------------------------------------------
def parse_text(value: Any) -> str | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


TRUE_WORDS = {"yes", "y", "true", "1", "是", "有", "对", "√", "✓", "✔"}
FALSE_WORDS = {"no", "n", "false", "0", "否", "无", "没有", "不是", "×", "✗"}


_CHOICE_INDEX: dict[int, dict[str, str]] = {}


def choice_index(column: Column) -> dict[str, str]:
    """Every name of a column's choices (folded) -> the choice's key."""
    index = _CHOICE_INDEX.get(id(column.choices))
    if index is None:
        index = {}
        for choice in column.choices:
            for text in choice.names:
                index[label_key(text)] = choice.key
        _CHOICE_INDEX[id(column.choices)] = index
    return index


def parse_choice(value: Any, column: Column) -> str | None:
    """The choice key for a label typed in either language (or the key itself)."""
    if is_empty(value):
        return None
    found = choice_index(column).get(label_key(value))
    if found is not None:
        return found
    raise CellValueError("cell.not_choice", value=_shown(value), allowed=column.choices)


def parse_flag(value: Any, column: Column) -> bool | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = label_key(value)
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    if column.choices:
        return parse_choice(value, column) == column.choices[0].key
    raise CellValueError("cell.not_flag", value=_shown(value))


_FLOAT_TYPES = (ColType.MONEY, ColType.NUMBER, ColType.PERCENT)


def coerce(value: Any, column: Column, *, epoch_1904: bool = False) -> Any:
    """The typed value of a cell for `column`; raises CellValueError when it does not fit."""
    t = column.type
    if value is None:
        return None
    kind = type(value)
    if kind is float and t in _FLOAT_TYPES and value == value:  # the common case, no parsing
        return value
    if kind is str and t is ColType.TEXT:
        text = value.strip()
        return text or None
    if t in (ColType.MONEY, ColType.NUMBER):
        return parse_number(value)
    if t == ColType.PERCENT:
        return parse_number(value, percent=True)
    if t == ColType.INTEGER:
        return parse_integer(value)
    if t == ColType.DATE:
        return parse_date(value, epoch_1904=epoch_1904)
    if t == ColType.TIME:
        return parse_time(value)
    if t == ColType.BOOL:
        return parse_flag(value, column)
    if t == ColType.ENUM:
        return parse_choice(value, column) if column.choices else parse_text(value)
    return parse_text(value)
