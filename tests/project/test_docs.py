"""The user guides (docs/guide.zh.md, docs/guide.en.md) against the product.

- Every command, subcommand and option of `salesbook` (read from click) is documented in
  both guides: a command under a heading that names it, each of its options in that
  command's section; and every `salesbook ...` the guides show runs a command that exists
  with options it has.
- The generated messages section of each guide matches the catalogue
  (`python docs/make_guides.py` regenerates it) and every message code is either shown or
  left out on purpose.
- Every link from the guides to a file of the repository, or to a heading, resolves; every
  picture the guides or README.md show (docs/images/*.png) exists.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
from pathlib import Path

import click
import pytest

from addin.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDES = {"zh": DOCS / "guide.zh.md", "en": DOCS / "guide.en.md"}


def _make_guides():
    spec = importlib.util.spec_from_file_location("make_guides", DOCS / "make_guides.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


make_guides = _make_guides()


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# -- what click says the product has ---------------------------------------------------------
def _commands(group: click.Group = main, path: tuple[str, ...] = ()):
    """(path, command) for every command and subcommand, groups included."""
    for name, cmd in sorted(group.commands.items()):
        yield (*path, name), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, (*path, name))


def _long_options(cmd: click.Command) -> list[str]:
    return [o for p in cmd.params if isinstance(p, click.Option)
            for o in (*p.opts, *p.secondary_opts) if o.startswith("--")]


def _command_at(path: tuple[str, ...]) -> click.Command | None:
    cmd: click.Command = main
    for name in path:
        if not isinstance(cmd, click.Group) or name not in cmd.commands:
            return None
        cmd = cmd.commands[name]
    return cmd


# -- what the guides say ---------------------------------------------------------------------
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
COMMAND_HEADING = re.compile(r"`salesbook ([a-z][a-z0-9\- ]*?)`")
FENCE = re.compile(r"^```")


def _prose_lines(text: str) -> list[tuple[bool, str]]:
    """(inside a fenced block?, line) for every line."""
    out, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line.strip()):
            fenced = not fenced
            out.append((True, line))
            continue
        out.append((fenced, line))
    return out


def _headings(text: str) -> list[tuple[int, int, str]]:
    """(line number, level, title) of every heading outside fenced blocks."""
    found = []
    for i, (fenced, line) in enumerate(_prose_lines(text)):
        m = None if fenced else HEADING.match(line)
        if m:
            found.append((i, len(m.group(1)), m.group(2)))
    return found


def command_sections(text: str) -> dict[tuple[str, ...], str]:
    """The text under each heading that names a command (`salesbook history import`),
    down to the next heading of the same or a higher level."""
    lines = text.splitlines()
    heads = _headings(text)
    sections: dict[tuple[str, ...], str] = {}
    for n, (at, level, title) in enumerate(heads):
        m = COMMAND_HEADING.search(title)
        if not m:
            continue
        end = next((h[0] for h in heads[n + 1:] if h[1] <= level), len(lines))
        sections[tuple(m.group(1).split())] = "\n".join(lines[at:end])
    return sections


def _mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def shown_invocations(text: str) -> list[str]:
    """Every `salesbook ...` the guide shows: a line of a fenced block, or an inline code
    span, that starts with `salesbook `."""
    found = []
    for fenced, line in _prose_lines(text):
        if fenced:
            line = line.split("#", 1)[0].strip() if " #" in line else line.strip()
            if line.startswith("salesbook "):
                found.append(line)
        else:
            found += [s for s in re.findall(r"`([^`]+)`", line) if s.startswith("salesbook ")]
    return found


def _placeholder(token: str) -> bool:
    """COMMAND, FILE, 命令: a word standing for what the reader types."""
    return token.isupper() or not token.isascii()


def invocation_errors(line: str) -> list[str]:
    """What is wrong with one `salesbook ...` as shown: an unknown command, or an option
    the command does not have."""
    try:
        tokens = shlex.split(line, posix=True)
    except ValueError:
        tokens = line.split()
    tokens = tokens[1:]
    cmd: click.Command = main
    path: list[str] = []
    while tokens and isinstance(cmd, click.Group) and not tokens[0].startswith("-"):
        name = tokens.pop(0)
        if name in cmd.commands:
            cmd = cmd.commands[name]
            path.append(name)
        elif _placeholder(name):
            return []  # `salesbook COMMAND --help`
        else:
            return [f"{line!r}: no command {' '.join([*path, name])!r}"]
    known = {*_long_options(cmd), "--help"}
    errors = []
    for token in tokens:
        if token.startswith("--"):
            option = token.split("=", 1)[0]
            if option not in known:
                errors.append(f"{line!r}: `salesbook {' '.join(path)}` has no option {option}")
    return errors


# -- commands and options ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", list(GUIDES))
def test_every_command_has_a_section(lang):
    sections = command_sections(_text(GUIDES[lang]))
    missing = [" ".join(path) for path, cmd in _commands()
               if not isinstance(cmd, click.Group) and path not in sections]
    assert not missing, (f"{GUIDES[lang].name}: no heading names `salesbook "
                         f"{' / '.join(missing)}`")


@pytest.mark.parametrize("lang", list(GUIDES))
def test_every_group_is_named(lang):
    text = _text(GUIDES[lang])
    missing = [" ".join(path) for path, cmd in _commands() if isinstance(cmd, click.Group)
               and not re.search(r"salesbook\s+" + r"\s+".join(map(re.escape, path)) + r"\b",
                                 text)]
    assert not missing, f"{GUIDES[lang].name} never names `salesbook {missing}`"


@pytest.mark.parametrize("lang", list(GUIDES))
def test_every_option_is_documented_under_its_command(lang):
    sections = command_sections(_text(GUIDES[lang]))
    missing = []
    for path, cmd in _commands():
        section = sections.get(path)
        if section is None:
            continue  # a missing section fails the test above
        missing += [f"salesbook {' '.join(path)} {o}" for o in _long_options(cmd)
                    if not _mentions(section, o)]
    assert not missing, f"{GUIDES[lang].name}: options not in their command's section: " \
                        f"{missing}"


@pytest.mark.parametrize("lang", list(GUIDES))
def test_top_level_options_are_documented(lang):
    text = _text(GUIDES[lang])
    options = [*_long_options(main), "--help"]
    assert all(_mentions(text, o) for o in options), \
        f"{GUIDES[lang].name} must mention {options}"


@pytest.mark.parametrize("lang", list(GUIDES))
def test_every_command_shown_exists_with_its_options(lang):
    shown = shown_invocations(_text(GUIDES[lang]))
    assert len(shown) > 20, "the guide shows hardly any command: is the parser broken?"
    errors = [e for line in shown for e in invocation_errors(line)]
    assert not errors, "\n".join(errors)


def test_the_guides_cover_the_same_commands_in_the_same_order():
    order = {lang: list(command_sections(_text(p))) for lang, p in GUIDES.items()}
    assert order["zh"] == order["en"]
    levels = {lang: [h[1] for h in _headings(_text(p))] for lang, p in GUIDES.items()}
    assert levels["zh"] == levels["en"], "the two guides' headings differ in number or nesting"


def test_the_checks_catch_what_they_are_for():
    """The parsers above are not blind: a made-up option, command or missing option is
    seen."""
    assert invocation_errors("salesbook rollup reports --no-such-option")
    assert invocation_errors("salesbook histroy info --history h.sqlite")
    assert invocation_errors("salesbook history info --history h.sqlite --format csv")
    assert not invocation_errors("salesbook history export --history h.sqlite --format csv")
    assert not invocation_errors("salesbook COMMAND --help")
    text = "## x\n### `salesbook month`\n--history\n### `salesbook plan`\n--week\n"
    sections = command_sections(text)
    assert _mentions(sections[("month",)], "--history")
    assert not _mentions(sections[("month",)], "--week")
    assert not _mentions("--history-file", "--history")


# -- the generated messages section ------------------------------------------------------------
@pytest.mark.parametrize("lang", list(GUIDES))
def test_messages_section_is_up_to_date(lang):
    text = _text(GUIDES[lang])
    assert text == make_guides.regenerate(text, lang), (
        f"{GUIDES[lang].name}: the messages section is out of date; run "
        "`python docs/make_guides.py`")


def test_every_message_is_shown_or_left_out_on_purpose():
    assert not make_guides.unplaced(), (
        "place these codes in a group of docs/make_guides.py, or in OMITTED: "
        f"{make_guides.unplaced()}")


@pytest.mark.parametrize("lang", list(GUIDES))
def test_messages_section_shows_what_to_do_in_the_guides_language(lang):
    from addin.catalogue import ENTRIES

    section = make_guides.messages_section(lang)
    shown = [code for code in ENTRIES if f"| `{code}` |" in section]
    assert len(shown) > 100
    for code in shown:
        what, todo = ENTRIES[code].template(lang)
        row = next(line for line in section.splitlines() if line.startswith(f"| `{code}` |"))
        assert make_guides._shown(what) in row
        if todo:
            assert make_guides._shown(todo) in row
    assert "output.open_in_excel" in shown and "cli.report" not in shown


# -- links and pictures --------------------------------------------------------------------------
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
IMG_TAG = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)
PICTURE = re.compile(r"docs/images/[\w.-]+\.png|(?<![\w/])images/[\w.-]+\.png")


def _links(text: str) -> list[str]:
    prose = "\n".join(line for fenced, line in _prose_lines(text) if not fenced)
    prose = re.sub(r"`[^`\n]*`", "", prose)  # a link inside inline code is not a link
    return LINK.findall(prose) + IMG_TAG.findall(prose)


def slug(title: str, seen: dict[str, int]) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens,
    a repeated one numbered."""
    text = re.sub(r"[^\w\- ]", "", title.strip().lower().replace("`", ""))
    base = text.replace(" ", "-")
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}-{n}"


def _anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    return {slug(title, seen) for _, _, title in _headings(text)}


@pytest.mark.parametrize("lang", list(GUIDES))
def test_links_resolve(lang):
    guide = GUIDES[lang]
    text = _text(guide)
    links = _links(text)
    assert links, "no link found: is the parser broken?"
    broken = []
    for target in links:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        if not path:
            if anchor not in _anchors(text):
                broken.append(f"#{anchor}: no such heading")
            continue
        file = (guide.parent / path).resolve()
        if not file.is_relative_to(ROOT):
            broken.append(f"{target}: outside the repository")
        elif not file.exists():
            broken.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in _anchors(_text(file)):
            broken.append(f"{target}: no such heading in {path}")
    assert not broken, f"{guide.name}: " + "; ".join(broken)


@pytest.mark.parametrize("doc", ["docs/guide.zh.md", "docs/guide.en.md", "README.md"])
def test_pictures_exist(doc):
    path = ROOT / doc
    text = _text(path)
    pictures = {m for m in PICTURE.findall(text)}
    pictures |= {t for t in _links(text) if t.lower().endswith(".png")}
    missing = [p for p in sorted(pictures)
               if not (ROOT / p if p.startswith("docs/") else path.parent / p).exists()]
    assert not missing, f"{doc} shows pictures that are not there: {missing}"


def test_link_checks_see_a_broken_link(tmp_path):
    text = "# T\n## A b\n[x](#a-b) [y](#nope) `[z](nowhere.md)` ![p](images/none.png)\n"
    assert _links(text) == ["#a-b", "#nope", "images/none.png"]
    assert "a-b" in _anchors(text) and "nope" not in _anchors(text)
    assert slug("2. 每个角色每天、每周做什么", {}) == "2-每个角色每天每周做什么"
    assert slug("`salesbook history import`", {}) == "salesbook-history-import"
