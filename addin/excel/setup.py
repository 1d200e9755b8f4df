"""`salesbook excel-setup`: the one-time steps for a Windows or macOS user, in their
language, with the real place of the templates."""

from __future__ import annotations

from pathlib import Path

from ..catalogue import say
from ..schema import workbook

# Excel for Mac runs shell commands only through this AppleScript (see macros/SalesbookHost.bas)
MAC_SCRIPT_FOLDER = "~/Library/Application Scripts/com.microsoft.Excel"
MAC_SCRIPT_COMMAND = (
    f'mkdir -p "{MAC_SCRIPT_FOLDER}" && osacompile -o "{MAC_SCRIPT_FOLDER}/salesbook.scpt" '
    "-e 'on RunShell(command)' -e 'do shell script command' -e 'end RunShell'"
).replace('"~/', '"$HOME/')


def templates_folder() -> Path | None:
    """workbook_templates/ of the source tree or installer folder, when there is one."""
    for candidate in (Path(__file__).resolve().parents[2] / "workbook_templates",
                      Path.cwd() / "templates", Path.cwd() / "workbook_templates"):
        if any(candidate.glob("*/*.xlsm")):
            return candidate
    return None


def guide(lang: str, folder: Path | None = None) -> str:
    """The setup guide as text."""
    folder = folder or templates_folder()
    shown = str(folder) if folder else say("setup.no_templates", lang)
    rep_book = Path(workbook("rep_weekly").filename(lang)).with_suffix(".xlsm").name
    lines = [
        say("setup.title", lang), "",
        say("setup.step_python", lang), say("setup.python_win", lang),
        say("setup.python_mac", lang), "",
        say("setup.step_install", lang), say("setup.install_offline", lang),
        say("setup.install_source", lang), "",
        say("setup.step_templates", lang, folder=shown), say("setup.templates_copy", lang), "",
        say("setup.step_trust", lang), say("setup.trust_win", lang),
        say("setup.trust_mac", lang), "   " + MAC_SCRIPT_COMMAND, "",
        say("setup.step_check", lang), say("setup.check_cli", lang),
        say("setup.check_button", lang, book=rep_book, button=say("button.week", lang)),
        say("setup.python_elsewhere", lang),
    ]
    return "\n".join(lines) + "\n"
