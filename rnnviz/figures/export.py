"""The numbers behind a figure, as CSV: every trace's points, heatmaps in long form (x, y, value)."""

from __future__ import annotations

import csv
import html
import io
import re

import numpy as np
import plotly.graph_objects as go


def _values(v) -> list:
    return [] if v is None else np.asarray(v, dtype=object).ravel().tolist()


def rows(fig: go.Figure) -> list[tuple]:
    """(trace, x, y, value) for every data point; scatter/bar points have value = y."""
    out = []
    for i, trace in enumerate(fig.data):
        name = trace.name or f"{trace.type} {i + 1}"
        if trace.type == "heatmap" and trace.text is not None and trace.customdata is not None:
            # a labelled grid (the token strip): each cell's step and its text, markup removed
            cells = zip(_values(trace.customdata), _values(trace.text))
            out += [(name, step, "", html.unescape(re.sub(r"<[^>]+>", "", text))) for step, text in cells if step]
        elif trace.type == "heatmap" and trace.z is not None:
            z = np.asarray(trace.z, dtype=float)  # (len(y), len(x))
            xs = list(trace.x) if trace.x is not None else list(range(z.shape[1]))
            ys = list(trace.y) if trace.y is not None else list(range(z.shape[0]))
            out += [(name, xs[c], ys[r], z[r, c]) for r in range(z.shape[0]) for c in range(z.shape[1])]
        elif getattr(trace, "y", None) is not None:
            ys = _values(trace.y)
            xs = _values(trace.x) if trace.x is not None else list(range(1, len(ys) + 1))
            out += [(name, x, y, y) for x, y in zip(xs, ys)]
        elif trace.type == "pie" and trace.values is not None:
            out += [(name, lab, "", v) for lab, v in zip(_values(trace.labels), _values(trace.values))]
    return out


def to_csv(fig: go.Figure) -> str:
    """The figure's data as CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["trace", "x", "y", "value"])
    writer.writerows(rows(fig))
    return buffer.getvalue()
