"""Every sentence the product says to a person, under a stable code, in Chinese and English.

A message is a code and its parameters (`msg("output.open_in_excel", path=...)`), not
finished text: problems found by a reading worker, errors raised deep in a job and notes
written into a sheet are rendered once, in the run's language (the workbook's, or
`--lang`), so one run never speaks two languages. `--json` carries the codes; the
reference in docs/messages.md (code, zh, en, what to do) is generated from here.

Parameters are rendered too: anything with a `label(lang)` method (a schema column, a
choice, a `Text`) in the run's language, a nested `Message` likewise, lists joined.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

LANGS = ("zh", "en")


@dataclass(frozen=True)
class Entry:
    """One message: what happened and, when the user can act, what to do."""

    code: str
    zh: str
    en: str
    do_zh: str = ""
    do_en: str = ""

    def template(self, lang: str) -> tuple[str, str]:
        return (self.zh, self.do_zh) if lang == "zh" else (self.en, self.do_en)


ENTRIES: dict[str, Entry] = {}


def define(area: str, table: dict[str, tuple[str, ...]]) -> None:
    """Register `area.key` for each (zh, en) or (zh, en, do_zh, do_en) of `table`."""
    for key, texts in table.items():
        code = f"{area}.{key}"
        if code in ENTRIES:
            raise ValueError(f"message code defined twice: {code}")
        if len(texts) not in (2, 4):
            raise ValueError(f"{code}: give (zh, en) or (zh, en, do_zh, do_en)")
        ENTRIES[code] = Entry(code, *texts)


@dataclass(frozen=True)
class Text:
    """A bilingual value handed to a message as a parameter (a word, not a sentence)."""

    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# -- the run's language ---------------------------------------------------------------------
_RUN_LANG: ContextVar[str | None] = ContextVar("salesbook_lang", default=None)


def default_lang() -> str:
    """The language when nothing in the run decides it: SALESBOOK_LANG, else the locale."""
    chosen = os.environ.get("SALESBOOK_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def run_lang() -> str:
    """The language this run speaks: set by the job once it knows it (`set_run_lang`)."""
    return _RUN_LANG.get() or default_lang()


def set_run_lang(lang: str | None) -> None:
    """Fix the run's language (the workbook's, or --lang); None leaves it as it is."""
    if lang is not None:
        if lang not in LANGS:
            raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
        _RUN_LANG.set(lang)


def reset_run_lang() -> None:
    _RUN_LANG.set(None)


# -- messages --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Message:
    """A code and its parameters; rendered in a language only when shown."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str | None = None) -> str:
        lang = lang or run_lang()
        what, todo = ENTRIES[self.code].template(lang)
        values = {k: _shown(v, lang) for k, v in self.params}
        text = what.format(**values)
        if todo:
            text += ("。" if lang == "zh" else ". ") + todo.format(**values)
        return text

    def what(self, lang: str | None = None) -> str:
        """The message without its advice."""
        lang = lang or run_lang()
        return ENTRIES[self.code].template(lang)[0].format(
            **{k: _shown(v, lang) for k, v in self.params})

    def json_params(self) -> dict[str, Any]:
        return {k: _json(v) for k, v in self.params}

    def __str__(self) -> str:
        return self.render()


def msg(code: str, **params: Any) -> Message:
    """The message `code` with its parameters (an unknown code is a bug: KeyError)."""
    if code not in ENTRIES:
        raise KeyError(f"no message {code!r} in the catalogue")
    return Message(code, tuple(params.items()))


def say(code: str, lang: str | None = None, **params: Any) -> str:
    """Render `code` at once (for text written into a sheet in that sheet's language)."""
    return msg(code, **params).render(lang)


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return value.render(lang)
    label = getattr(value, "label", None)
    if callable(label):
        return label(lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [str(_shown(v, lang)) for v in _ordered(value)]
        return ("、" if lang == "zh" else ", ").join(items)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "__fspath__"):
        return os.fspath(value)
    return value


def _ordered(values: Iterable[Any]) -> list[Any]:
    return sorted(values, key=str) if isinstance(values, (set, frozenset)) else list(values)


def _json(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Message):
        return {"code": value.code, "params": value.json_params()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_json(v) for v in _ordered(value)]
    key = getattr(value, "key", None)
    if isinstance(key, str):  # a schema column or choice: its stable key
        return key
    if isinstance(value, Text):
        return value.en
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _load() -> None:
    """Import every area's entries (each module calls `define`)."""
    from . import (  # noqa: F401
        cli,
        demo,
        excel,
        history,
        output,
        plan,
        reading,
        rollup,
        targets,
        workbook,
    )


_load()

__all__ = ["ENTRIES", "LANGS", "Entry", "Message", "Text", "default_lang", "define", "msg",
           "reset_run_lang", "run_lang", "say", "set_run_lang"]
