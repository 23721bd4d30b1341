"""What the forecast page shows, shared by the page and its exported file: how much of the series the cells
read, which steps are scored, and the measured results as rows of a table."""

from __future__ import annotations

import numpy as np

from . import forecast
from .i18n import t
from .settings import FIELDS

READ = 200  # values each cell reads, x_0 .. x_199
SCORED = forecast.WINDOW + 1  # the first forecast made after a whole window of changes, as the models were scored
LONGEST = FIELDS["horizon"].metadata["hi"]  # the longest free run: the series is drawn this far past READ
SHOWN = 60  # steps a chart opens on: the last of the one-step forecasts, the values read before a free run
SHAPES = ("many_to_many", "many_to_one", "one_to_many")  # the one-step forecasts, the score, the free run
COLUMNS = ("series", "cell", "mse", "naive", "ratio", "beats")


def scores(values: np.ndarray, predicted: np.ndarray) -> dict:
    """``forecast.compare`` over the scored steps: the cell's predicted change against the naive one (none)."""
    last = values[SCORED - 1 : READ - 1]
    return forecast.compare(predicted[SCORED:READ] - last, values[SCORED:READ] - last)


def one_step_explained(lang: str) -> str:
    """What the one-step charts show: which steps are scored, how much is read and shown."""
    return t(
        "forecast.one_step.explain", lang, start=SCORED, window=SCORED - 1, n=READ - SCORED, read=READ, shown=SHOWN
    )


def results_rows(summary: dict, kinds: tuple[str, ...], lang: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The measured results as a table: its header and one row per series and cell."""
    head = [t(f"forecast.col.{c}", lang) for c in COLUMNS]
    rows = [
        (
            t(f"forecast.name.{name}", lang),
            t(f"cell.{kind}", lang),
            f"{r['mse_mean']:.4f}",
            f"{r['naive_mse_mean']:.4f}",
            f"{r['ratio_mean']:.3f} ({r['ratio_min']:.3f}–{r['ratio_max']:.3f})",
            f"{r['beats_naive']} / {r['seeds']}",
        )
        for name in forecast.SERIES
        for kind in kinds
        if (r := summary.get(f"{name}/{kind}"))
    ]
    return head, rows
