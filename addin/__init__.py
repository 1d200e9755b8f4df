"""salesbook: an Excel-native toolkit for running a field-sales team."""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from typing import Any

__version__ = "0.1.0"


class _PandasOwnText(MetaPathFinder):
    """pandas keeps text in pyarrow when pyarrow happens to be installed, else in its own
    Python storage. A user's install has no pyarrow (it comes only with the `parquet`
    extra), so salesbook always runs pandas the user's way: the same figures on every
    machine, the tests' included, and each run (each Excel button) starts 0.2 s sooner.
    pyarrow is hidden only while pandas is being imported; the Parquet export imports it
    as usual afterwards."""

    def find_spec(self, name: str, path: Any = None, target: Any = None
                  ) -> ModuleSpec | None:
        if name.partition(".")[0] == "pyarrow":
            pandas = sys.modules.get("pandas")
            if pandas is not None and getattr(pandas.__spec__, "_initializing", False):
                raise ModuleNotFoundError(name=name)  # pandas catches it, nobody sees it
        return None


if "pandas" not in sys.modules and not any(isinstance(f, _PandasOwnText)
                                           for f in sys.meta_path):
    sys.meta_path.insert(0, _PandasOwnText())
