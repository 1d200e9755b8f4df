"""Render the README's pictures from the demo's real workbooks.

    python docs/render_pictures.py            # runs the demo in a temporary folder
    python docs/render_pictures.py DEMO_DIR   # or uses a demo folder already made

LibreOffice prints each workbook to PDF exactly as it would print on A4; the page of the
sheet wanted is found by its footer (each sheet's footer names it) and turned into a PNG
with pdftoppm. docs/images/pictures.json records which template and version each picture
shows, so a test can tell when a picture is older than its template.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from addin.io.xlsx_scan import stamped_lang  # noqa: E402
from addin.schema import workbook  # noqa: E402

IMAGES = ROOT / "docs" / "images"
DPI = 110
# picture -> (the demo output it shows, the workbook's schema key, the sheet, which page)
PICTURES = {
    "team-dashboard.png": ("team report", "team_weekly", "dashboard", 0),
    "team-charts.png": ("team report", "team_weekly", "dashboard", 1),
    "team-targets.png": ("team report", "team_weekly", "targets", 0),
    "rep-daily-report.png": ("rep workbook", "rep_weekly", "report_mon", 0),
    "targets-breakdown.png": ("breakdown", "targets", "progress", 0),
}


def sheet_pages(pdf: Path) -> dict[str, list[int]]:
    """Each sheet's page numbers (1-based), found by the footer that names the sheet."""
    import re

    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages: dict[str, list[int]] = {}
    for n, body in enumerate(html.split("<page ")[1:], start=1):
        height = float(re.match(r'width="[\d.]+" height="([\d.]+)"', body).group(1))
        footer = "".join(w for x, y, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', body)
            if float(y) > height - 40 and float(x) < 300)
        pages.setdefault(footer, []).append(n)
    return pages


def _monday_visits(path: Path) -> tuple[int, str]:
    from addin.io.reader import read_workbook

    visits = read_workbook(path, "rep_weekly").table("report_mon", "visits")
    return (0 if visits is None else len(visits), path.name)


def render(demo_dir: Path) -> dict[str, dict]:
    import libreoffice as lo

    week = sorted(demo_dir.glob("销售管理汇报书_*.xlsx"))[-1]  # the demo week's report
    files = {"team report": week,
             "rep workbook": max((p for p in (demo_dir / "reports").rglob(
                 f"*{week.stem.rsplit('_', 1)[1]}*.xlsx") if stamped_lang(p) == "zh"),
                 key=_monday_visits),  # the busiest Monday of the week
             "breakdown": next((demo_dir / "targets").glob("*.breakdown.xlsx"))}
    stamps = {}
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = {key: lo.convert([path], Path(tmp) / key.replace(" ", "-"), to="pdf")[0]
                for key, path in files.items()}
        for name, (source, spec_key, sheet_key, index) in PICTURES.items():
            spec = workbook(spec_key)
            pages = sheet_pages(pdfs[source])[spec.sheet(sheet_key).label("zh").replace(" ", "")]
            stem = Path(tmp) / name.removesuffix(".png")
            subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-singlefile",
                            "-f", str(pages[index]), "-l", str(pages[index]),
                            str(pdfs[source]), str(stem)], check=True)
            IMAGES.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(stem.with_suffix(".png"), IMAGES / name)
            stamps[name] = {"template": spec.template_id, "version": spec.version,
                            "sheet": sheet_key}
    (IMAGES / "pictures.json").write_text(json.dumps(stamps, indent=2, ensure_ascii=False)
                                          + "\n", encoding="utf-8")
    return stamps


def main() -> None:
    if len(sys.argv) > 1:
        demo_dir = Path(sys.argv[1])
    else:
        from addin.services.demo import run_demo

        demo_dir = Path(tempfile.mkdtemp()) / "demo"
        run_demo(demo_dir, lang="zh")
    for name in render(demo_dir):
        print(IMAGES / name)


if __name__ == "__main__":
    main()
