"""Shared look of every figure: colours, safe labels, and a projection style for the back of a room."""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
CELL_COLORS = {"rnn": "#D55E00", "lstm": "#0072B2", "gru": "#009E73"}
DIVERGING = "RdBu_r"  # signed values, centred at 0 (red positive, blue negative)
SEQUENTIAL = "Cividis"  # magnitudes
FONT = dict(family="Source Sans Pro, Noto Sans CJK SC, sans-serif", size=13)


def label(token: str) -> str:
    """A token made safe for plotly text: markup is escaped and shown, never interpreted."""
    return html.escape(token, quote=False) if token.strip() else "␣"


def tick_labels(tokens: list[str]) -> list[str]:
    """Axis labels "t: token" (1-based), unique even when a token repeats."""
    return [f"{t + 1}: {label(tok)}" for t, tok in enumerate(tokens)]


TEMPLATE = "rnnviz"


def use_template() -> None:
    """Make rnnviz's look plotly's default template: plotly_white whose axes and colour bars draw every tick
    label as is. plotly's default hides labels that stick out of the chart, which measures each label in the
    browser on every draw (plotly alone: the hidden-state figure 44 -> 27 ms); fixed margins keep them inside.
    Setting a default validates the template, so this runs once per process."""
    if pio.templates.default == TEMPLATE:
        return
    look = go.layout.Template(pio.templates["plotly_white"])
    look.layout.xaxis.ticklabeloverflow = look.layout.yaxis.ticklabeloverflow = "allow"
    for heatmap in look.data.heatmap:
        heatmap.colorbar.ticklabeloverflow = "allow"
    pio.templates[TEMPLATE] = look
    pio.templates.default = TEMPLATE


def log_axis(*values) -> dict:
    """A log axis for these values, labelled so that no label misleads: over more than three decades only the
    powers of ten (10^-6); over fewer also 2 and 5 of each decade, in full ("0.5", "20", 2x10^-7), never as
    plotly's bare small digit (a "5" just under "1" reads as five, not 0.5)."""
    v = np.concatenate([np.ravel(np.asarray(x, dtype=float)) for x in values] or [np.empty(0)])
    v = v[np.isfinite(v) & (v > 0)]
    with np.errstate(over="ignore"):
        if not v.size or v.max() / v.min() > 1e3:
            return dict(type="log", exponentformat="power", minorloglabels="none")
    plain = 1e-3 <= v.min() and v.max() <= 1e4
    # over more than a decade: 1, 2 and 5 of each (every digit crowds); within one plotly picks plain steps itself
    ticks = {"dtick": "D2"} if v.max() / v.min() > 10 else {}
    return dict(type="log", exponentformat="B" if plain else "power", minorloglabels="complete", **ticks)


def base_layout(fig: go.Figure, title: str, height: int = 360) -> go.Figure:
    """Title, font and margins every rnnviz figure shares. The colours come from plotly's default template
    (the app sets rnnviz's, ``use_template``): assigning a template to a figure validates a deep copy of it,
    12 ms per figure, which was most of a rerun's server time."""
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        font=FONT,
        height=height,
        margin=dict(l=60, r=20, t=60, b=60),
    )
    return fig


def for_projection(fig: go.Figure) -> go.Figure:
    """Larger type and thicker lines, readable from the back of a classroom."""
    fig.update_layout(font=dict(size=22), title_font=dict(size=28))
    fig.update_traces(selector=dict(type="scatter"), line=dict(width=5), marker=dict(size=12))
    return fig
