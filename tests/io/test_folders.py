"""The folder scan reads subfolders (reports filed per region or per week), follows no
link in a circle, and names every file it does not read, with the reason."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from addin.cli import main
from addin.errors import InputError
from addin.io.folders import find_workbooks
from addin.services.demo import write_sample_week


@pytest.fixture(scope="module")
def week(tmp_path_factory):
    return write_sample_week(tmp_path_factory.mktemp("week") / "w")


def by_region(week, root):
    """The sample week filed per region, with a few things that are not workbooks."""
    for i, p in enumerate(sorted(week)):
        folder = root / ("华东" if i % 2 else "华北") / ("archive" if i % 5 == 0 else "")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, folder / p.name)
    (root / "说明.txt").write_text("读我", encoding="utf-8")
    (root / "华东" / "~$张伟.xlsx").write_bytes(b"owner")
    return root


def test_subfolders_are_read_and_every_other_file_is_named(week, tmp_path):
    root = by_region(week, tmp_path / "reports")
    os.symlink(root, root / "华北" / "loop")  # a link back up: never followed
    os.symlink(root / "华东", root / "链接-华东")  # the same folder twice: read once
    found = find_workbooks([root])
    assert sorted(p.name for p in found.files) == sorted(p.name for p in week)
    assert found.folders == 5  # reports, 华北, 华北/archive, 华东, 华东/archive
    codes = {p.file: p.code for p in found.skipped}
    assert codes["说明.txt"] == "scan.not_workbook"
    assert codes["华北/loop"] == "scan.link_loop"
    assert codes["链接-华东"] == "scan.same_folder"
    assert [o.name for o in found.owners] == ["~$张伟.xlsx"]


def test_top_only_reads_the_folder_given_and_names_the_subfolders(week, tmp_path):
    root = by_region(week, tmp_path / "reports")
    found = find_workbooks([root], recursive=False)
    assert found.files == [] and found.folders == 1
    assert {p.file for p in found.skipped if p.code == "scan.subfolders_skipped"} == \
        {"华东", "华北"}


def test_a_rollup_of_nested_folders_counts_every_rep_and_says_how_many_files(week, tmp_path):
    root = by_region(week, tmp_path / "reports")
    flat = tmp_path / "flat"
    flat.mkdir()
    for p in week:
        shutil.copyfile(p, flat / p.name)
    runs = [CliRunner().invoke(main, ["rollup", str(folder), "--out", str(tmp_path / f"{i}.xlsx"),
                                      "--history", str(tmp_path / f"{i}.sqlite"), "--json"])
            for i, folder in enumerate((root, flat))]
    nested, plain = (json.loads(r.output) for r in runs)
    assert nested["team"] == plain["team"] and nested["reps"] == plain["reps"]
    assert nested["scan"] == {"files": len(week), "folders": 5}
    assert any(p["code"] == "scan.not_workbook" and p["file"] == "说明.txt"
               for p in nested["problems"])
    top = CliRunner().invoke(main, ["rollup", str(root), "--top-only", "--out",
                                    str(tmp_path / "t.xlsx"), "--history",
                                    str(tmp_path / "t.sqlite"), "--lang", "en"])
    assert top.exit_code == 1 and "no rep weekly workbook" in top.output


def test_a_path_that_does_not_exist_is_one_clear_error(tmp_path):
    with pytest.raises(InputError) as err:
        find_workbooks([tmp_path / "nowhere"])
    assert err.value.code == "file.no_such_path"
