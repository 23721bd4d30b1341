"""The benchmarks' results files, results/<name>.json: measured runs the pages draw and the lesson quotes."""

from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent.parent / "results"


def read(name: str) -> dict | None:
    """The results file ``name``, or None when it does not exist yet."""
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.is_file() else None
