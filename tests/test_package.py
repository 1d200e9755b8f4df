"""The package's start-up (addin/__init__.py): pandas keeps text in its own storage, as on
a user's install (no pyarrow), whether or not pyarrow is installed on this machine."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
HAS_PYARROW = importlib.util.find_spec("pyarrow") is not None

PROBE = """
import json, sys
import addin
import pandas as pd
text = pd.Series(["张伟", None, "Acme"])
print(json.dumps({"pyarrow_loaded": "pyarrow" in sys.modules,
                  "storage": text.dtype.storage, "dtype": str(text.dtype)}))
"""


def probe(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_salesbook_runs_pandas_on_its_own_text_storage():
    got = probe(PROBE)
    assert got == {"pyarrow_loaded": False, "storage": "python", "dtype": "str"}


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow is not installed here")
def test_pyarrow_imports_as_usual_once_pandas_is_in():
    """The Parquet export imports pyarrow itself; pandas is left as it was started."""
    got = probe(PROBE + """
import pyarrow, pyarrow.parquet
print(json.dumps({"pyarrow": bool(pyarrow.__version__),
                  "storage": pd.Series(["a"]).dtype.storage}))
""")
    assert got == {"pyarrow": True, "storage": "python"}


@pytest.mark.skipif(not HAS_PYARROW, reason="pyarrow is not installed here")
def test_without_salesbook_pandas_would_use_pyarrow():
    """The check above can fail: on this machine plain pandas does pick pyarrow."""
    got = probe("import json, sys, pandas as pd; print(json.dumps("
                "{'storage': pd.Series(['a']).dtype.storage}))")
    assert got == {"storage": "pyarrow"}


def test_the_tests_run_pandas_as_salesbook_does():
    assert pd.Series(["a"]).dtype.storage == "python"
