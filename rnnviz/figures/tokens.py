"""The token strip: the sequence as a row of boxes, the current token highlighted."""
from __future__ import annotations

import plotly.graph_objects as go

from .style import FONT, label

PER_ROW = 20  # tokens per row before the strip wraps
CURRENT, OTHER = "#0072B2", "#E8EEF4"


def token_strip(tokens: list[str], current: int | None = None, title: str = "") -> go.Figure:
    """Boxes with the tokens in reading order, left to right, wrapping; ``current`` (1-based) is filled."""
    rows = max(1, -(-len(tokens) // PER_ROW))
    xs = [t % PER_ROW for t in range(len(tokens))]
    ys = [t // PER_ROW for t in range(len(tokens))]
    is_current = [current == t + 1 for t in range(len(tokens))]
    fig = go.Figure(go.Scatter(
        x=xs, y=ys, mode="text",
        text=[f"<b>{label(tok)}</b>" if cur else label(tok) for tok, cur in zip(tokens, is_current)],
        textfont=dict(color=["white" if cur else "#1A1A1A" for cur in is_current], size=13),
        customdata=[t + 1 for t in range(len(tokens))],
        hovertemplate="t = %{customdata}: %{text}<extra></extra>",
    ))
    for x, y, cur in zip(xs, ys, is_current):
        fig.add_shape(type="rect", x0=x - 0.46, x1=x + 0.46, y0=y - 0.4, y1=y + 0.4, layer="below",
                      fillcolor=CURRENT if cur else OTHER, line=dict(color="#8AA1B4", width=1))
    fig.update_xaxes(visible=False, range=[-0.55, PER_ROW - 0.45])
    fig.update_yaxes(visible=False, range=[rows - 0.5, -0.5])
    fig.update_layout(
        title=dict(text=title, x=0) if title else None, font=FONT, template="plotly_white",
        height=30 + 48 * rows + (30 if title else 0), margin=dict(l=5, r=5, t=35 if title else 5, b=5),
        showlegend=False,
    )
    return fig
