"""The token strip: the sequence as a row of boxes, the current token highlighted."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .style import figure, label

PER_ROW = 20  # tokens per row before the strip wraps
MOST = 200  # tokens the overview's strip shows (its hidden states show all)
CURRENT, OTHER = "#0072B2", "#E8EEF4"


def token_strip(tokens: list[str], current: int | None = None, title: str = "") -> go.Figure:
    """Boxes with the tokens in reading order, left to right, wrapping; ``current`` (1-based) is filled.

    One heatmap (a box per cell, gaps between them, the token as the cell's text) rather than a shape per
    token: a figure of hundreds of shapes is slow to build and to draw."""
    rows = max(1, -(-len(tokens) // PER_ROW))
    z = np.full(rows * PER_ROW, np.nan)  # (rows * PER_ROW,): 0 a token, 1 the current one, NaN no token
    z[: len(tokens)] = [float(current == t + 1) for t in range(len(tokens))]
    text = [f"<b>{label(tok)}</b>" if current == t + 1 else label(tok) for t, tok in enumerate(tokens)]
    text += [""] * (rows * PER_ROW - len(tokens))
    steps = list(range(1, len(tokens) + 1)) + [None] * (rows * PER_ROW - len(tokens))
    shape = (rows, PER_ROW)
    data = [
        dict(
            type="heatmap",
            name="tokens",
            z=z.reshape(shape),
            text=np.array(text, dtype=object).reshape(shape),
            customdata=np.array(steps, dtype=object).reshape(shape),
            texttemplate="%{text}",
            textfont=dict(size=13),
            colorscale=[[0, OTHER], [1, CURRENT]],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=5,
            ygap=8,
            hovertemplate="t = %{customdata}: %{text}<extra></extra>",
            hoverongaps=False,
        )
    ]
    layout = dict(
        xaxis=dict(visible=False, range=[-0.55, PER_ROW - 0.45]),
        yaxis=dict(visible=False, range=[rows - 0.5, -0.5]),
        showlegend=False,
        margin=dict(l=5, r=5, t=35 if title else 5, b=5),
    )
    return figure(data, layout, title, height=30 + 48 * rows + (30 if title else 0))
