#!/usr/bin/python3
"""Press a workbook's buttons in headless LibreOffice, through Python-UNO.

Runs under the system Python that has LibreOffice's `uno` module (Debian: python3-uno),
not the project's interpreter; it imports nothing of salesbook. Usage:

    /usr/bin/python3 tests/excel/lo_macro.py BOOK.xlsm [--canary Module.Func] [--buttons]
        [--press CAPTION_OR_MACRO ...] [--call Module.Func[:arg] ...] [--env NAME=VALUE ...]

It writes a throwaway profile (macros allowed, VBA executable, no lock files), starts
soffice headless on a pipe, loads the book hidden with macros enabled, then:
  --canary  calls a function that must answer (LibreOffice returns "" for every macro of
            a project that failed to compile, and never raises);
  --buttons lists every form button: sheet, caption and the script its click runs;
  --press   runs the script bound to the button with that caption or macro name, as a
            click does;
  --call    calls Module.Func (with one string argument after a colon);
  --set     types a value into a cell first (Sheet!A1=value), as a user would;
  --store   saves the document at the end (macros leave copied values unsaved).
It prints one JSON object: canary, buttons, pressed, calls, seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # LibreOffice's Python bridge; must come before the com.sun.star imports
from com.sun.star.beans import PropertyValue  # type: ignore
from com.sun.star.connection import NoConnectException  # type: ignore

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "/usr/bin/soffice"

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
  <prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">
  <prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA">
  <prop oor:name="Load" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA">
  <prop oor:name="Executable" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Filter/Import/VBA">
  <prop oor:name="Save" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">
  <prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">
  <prop oor:name="UseDocumentOOoLockFile" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">
  <prop oor:name="UseDocumentSystemFileLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    """A headless soffice with a throwaway profile, reachable over a UNO pipe."""

    def __init__(self, env: dict[str, str] | None = None):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="salesbook-lo-macro-"))
        user = self.tmp / "profile" / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(XCU, encoding="utf-8")
        self.pipe = f"salesbook_uno_{os.getpid()}_{int(time.time() * 1000)}"
        # a UTF-8 locale: without it LibreOffice cannot open files at non-ASCII paths
        self.proc = subprocess.Popen(
            [SOFFICE, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
             "--nolockcheck", f"-env:UserInstallation={(self.tmp / 'profile').as_uri()}",
             f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "LC_ALL": "C.UTF-8", **(env or {})})
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 90
        while True:
            try:
                self.ctx = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("soffice did not come up") from None
                time.sleep(0.05)
        self.desktop = self.ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", self.ctx)

    def load(self, path: pathlib.Path):
        from com.sun.star.document.MacroExecMode import ALWAYS_EXECUTE_NO_WARN  # type: ignore

        doc = self.desktop.loadComponentFromURL(
            pathlib.Path(path).resolve().as_uri(), "_blank", 0,
            (prop("Hidden", True), prop("MacroExecutionMode", ALWAYS_EXECUTE_NO_WARN)))
        if doc is None:
            raise RuntimeError(f"LibreOffice could not load {path}")
        return doc

    def close(self):
        with contextlib.suppress(Exception):  # the bridge goes with soffice
            self.desktop.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def script_url(macro: str, library: str = "VBAProject") -> str:
    return f"vnd.sun.star.script:{library}.{macro}?language=Basic&location=document"


def invoke(doc, url: str, args=()):
    result, _, _ = doc.getScriptProvider().getScript(url).invoke(tuple(args), (), ())
    return result


def buttons(doc) -> list[dict]:
    """Every form button: its sheet, caption and the script its click runs."""
    found = []
    sheets = doc.getSheets()
    for i in range(sheets.getCount()):
        sheet = sheets.getByIndex(i)
        forms = sheet.getDrawPage().getForms()
        for f in range(forms.getCount()):
            form = forms.getByIndex(f)
            for c in range(form.getCount()):
                model = form.getByIndex(c)
                caption = getattr(model, "Label", None)
                scripts = [e.ScriptCode for e in form.getScriptEvents(c) if e.ScriptCode
                           and e.ListenerType.endswith("XActionListener")]
                found.append({"sheet": sheet.getName(), "caption": caption,
                              "scripts": sorted(set(scripts))})
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("book", type=pathlib.Path)
    ap.add_argument("--canary")
    ap.add_argument("--buttons", action="store_true")
    ap.add_argument("--press", action="append", default=[])
    ap.add_argument("--call", action="append", default=[])
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--store", action="store_true")
    a = ap.parse_args()
    out: dict = {"seconds": {}}
    t0 = time.monotonic()
    office = Office(dict(e.split("=", 1) for e in a.env))
    out["seconds"]["start"] = time.monotonic() - t0
    try:
        t = time.monotonic()
        doc = office.load(a.book)
        out["seconds"]["load"] = time.monotonic() - t
        if a.canary:
            out["canary"] = invoke(doc, script_url(a.canary))
        for assignment in a.set:
            where, _, value = assignment.partition("=")
            sheet, _, cell = where.rpartition("!")
            target = doc.getSheets().getByName(sheet).getCellRangeByName(cell)
            try:
                target.setValue(float(value))
            except ValueError:
                target.setString(value)
        found = buttons(doc) if (a.buttons or a.press) else []
        if a.buttons:
            out["buttons"] = found
        out["pressed"] = []
        for wanted in a.press:
            button = next((b for b in found if b["caption"] == wanted or any(
                s.split("?")[0].endswith("." + wanted) for s in b["scripts"])), None)
            if button is None or not button["scripts"]:
                out["pressed"].append({"button": wanted, "error": "no such button"})
                continue
            t = time.monotonic()
            result = invoke(doc, button["scripts"][0])
            out["pressed"].append({"button": wanted, "script": button["scripts"][0],
                                   "result": result, "seconds": time.monotonic() - t})
        out["calls"] = []
        for call in a.call:
            name, _, arg = call.partition(":")
            t = time.monotonic()
            result = invoke(doc, script_url(name), (arg,) if arg else ())
            out["calls"].append({"call": call, "result": result,
                                 "seconds": time.monotonic() - t})
        if a.store:
            doc.store()
        doc.close(True)
    finally:
        office.close()
    out["seconds"]["total"] = time.monotonic() - t0
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
