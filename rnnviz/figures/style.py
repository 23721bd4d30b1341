"""The one way rnnviz builds a figure (``figure``), its shared look, colours and safe labels.

Every figure is plain dicts (traces and layout) in the shared look, made into a plotly Figure without
plotly's per-property validation: validating costs 10-100 ms a figure, rebuilding on every view. The
tests validate every figure instead (tests/test_figures.py), so a wrong property still fails loudly.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import functools
import html
import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.colors import get_colorscale, validate_colors

from ..cells import CELLS

# Okabe-Ito colours: distinguishable with the common forms of colour blindness; a cell kind takes the
# next one in the registry's order
OKABE_ITO = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
CELL_COLORS = {kind: OKABE_ITO[i % len(OKABE_ITO)] for i, kind in enumerate(CELLS)}
# colour scales as lists: plotly.js knows no "_r" names
SIGNED = get_colorscale("RdBu_r")  # signed values, centred at 0 (red positive, blue negative)
MAGNITUDE = get_colorscale("Cividis")  # magnitudes
FONT = dict(family="Source Sans Pro, Noto Sans CJK SC, sans-serif", size=13)
MARGIN = dict(l=60, r=20, t=60, b=60)
TEMPLATE = "rnnviz"


@functools.cache
def _stops(colorscale: tuple) -> tuple[np.ndarray, np.ndarray]:
    """A colorscale's positions (n,) and colours (n, 3) in 0..1."""
    rgb = validate_colors([color for _, color in colorscale], colortype="tuple")
    return np.array([p for p, _ in colorscale]), np.array(rgb, dtype=float)


def scale_colors(colorscale: list, positions: np.ndarray) -> tuple[list[str], np.ndarray]:
    """plotly's sample_colorscale for many positions (0..1) at once, as "rgb(r, g, b)" texts, and the
    colours' luminance (0..255): text on a colour whose luminance is below 140 is best white."""
    stops, rgb = _stops(tuple(map(tuple, colorscale)))
    channels = np.rint(255 * np.stack([np.interp(positions, stops, rgb[:, c]) for c in range(3)], axis=1)).astype(int)
    texts = [f"rgb({r}, {g}, {b})" for r, g, b in channels.tolist()]
    return texts, channels @ np.array([0.299, 0.587, 0.114])


@dataclass(frozen=True)
class PlotArea:
    """Where a figure with fixed margins draws: pixels from the chart's left, right and top edges, and the
    plot area's height. Pages mark steps over it (pages/marks.py)."""

    left: int
    right: int
    top: int
    height: int
    bottom: int = 80  # tick labels and the axis title

    def layout(self) -> dict:
        """Layout entries that put the plot area exactly here (plotly may not widen the margins)."""
        return dict(
            margin=dict(l=self.left, r=self.right, t=self.top, b=self.bottom, autoexpand=False),
            height=self.top + self.height + self.bottom,
        )


@dataclass(frozen=True)
class Plain:
    """A figure's traces and layout as plotly would hold them (the default template included), not made into
    a Figure: what ``figure_json`` writes."""

    data: list[dict]
    layout: dict


_PLAIN = contextvars.ContextVar("plain", default=False)  # figure() hands back Plain, in figure_json


@functools.cache
def _template(name: str) -> dict:
    """The layout template a new Figure takes while ``name`` is plotly's default."""
    return go.Figure()._layout["template"]


def figure(data: list[dict], layout: dict, title: str, height: int = 360) -> go.Figure:
    """A figure from trace dicts and layout entries, in the shared look (title, font, margins); empty lists
    (no shapes, no annotations) are left out, as validation would."""
    look = dict(font=FONT, height=height, margin=MARGIN)
    if title:
        look["title"] = dict(text=title, x=0, xanchor="left")
    layout = {**look, **{k: v for k, v in layout.items() if v != []}}
    if _PLAIN.get():
        return Plain(data, {**layout, "template": _template(pio.templates.default)})
    return go.Figure(data, layout, _validate=False)


@contextlib.contextmanager
def plain():
    """Within it (in this thread), figure() hands back Plain instead of a Figure."""
    token = _PLAIN.set(True)
    try:
        yield
    finally:
        _PLAIN.reset(token)


def figure_json(build: Callable[..., go.Figure], *args) -> str:
    """``to_json(build(*args))`` without making the plotly Figure (a few ms for a figure of many axes, on every
    new view): figure() hands its dicts straight to the writer (a test holds the two equal)."""
    with plain():
        return to_json(build(*args))


# the typed arrays plotly.js reads, and the integer types it has no 64-bit ones for, smallest first
_DTYPES = {
    "float64": "f8",
    "float32": "f4",
    "int32": "i4",
    "int16": "i2",
    "int8": "i1",
    "uint32": "u4",
    "uint16": "u2",
    "uint8": "u1",
}
_NARROWER = {"int64": (np.int8, np.int16, np.int32), "uint64": (np.uint8, np.uint16, np.uint32)}


def _typed_array(value):
    """A numpy array as plotly.js's typed-array spec (base64 bytes), as plotly writes it: 64-bit integers in the
    narrowest type that holds them; an empty array, or one of another type, as a list."""
    if isinstance(value, np.ndarray) and value.size and str(value.dtype) in _NARROWER:
        fits = [
            t for t in _NARROWER[str(value.dtype)] if np.iinfo(t).min <= value.min() and value.max() <= np.iinfo(t).max
        ]
        value = value.astype(fits[0]) if fits else value
    if isinstance(value, np.ndarray) and value.size and str(value.dtype) in _DTYPES:
        spec = {"dtype": _DTYPES[str(value.dtype)], "bdata": base64.b64encode(np.ascontiguousarray(value)).decode()}
        return {**spec, "shape": ",".join(map(str, value.shape))} if value.ndim > 1 else spec
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON")


def to_json(fig: go.Figure | Plain) -> str:
    """The figure as plotly.js reads it, the same as plotly.io.to_json (a test holds them equal). plotly's own
    copies the whole figure twice and walks it for arrays; this writes the figure's properties as they are,
    numpy arrays as base64 typed arrays. A NaN outside an array (not JSON) falls back to plotly's writer."""
    data, layout = (fig.data, fig.layout) if isinstance(fig, Plain) else (fig._data, fig._layout)
    try:
        return json.dumps({"data": data, "layout": layout}, default=_typed_array, allow_nan=False)
    except ValueError:
        return pio.to_json(go.Figure(data, layout, _validate=False), validate=False)


def label(token: str) -> str:
    """A token made safe for plotly text: markup is escaped and shown, never interpreted."""
    return html.escape(token, quote=False) if token.strip() else "␣"


def tick_labels(tokens: list[str]) -> list[str]:
    """Axis labels "t: token" (1-based), unique even when a token repeats."""
    return [f"{t + 1}: {label(tok)}" for t, tok in enumerate(tokens)]


# plotly_white's look for the charts rnnviz draws (2-d axes, lines, bars, heatmaps with their own colour
# scales), without its parts for maps, 3-d scenes and polar plots: every figure carries its template, and
# plotly_white's whole one was two thirds of a chart's JSON (7 of 10.5 KB) and of the time to write it
KEPT = (
    "autotypenumbers",
    "colorway",
    "font",
    "hovermode",
    "hoverlabel",
    "paper_bgcolor",
    "plot_bgcolor",
    "xaxis",
    "yaxis",
    "shapedefaults",
    "annotationdefaults",
)


def use_template() -> None:
    """Make rnnviz's look plotly's default template: the parts of plotly_white its charts use, with every tick
    label of axes and colour bars drawn as is (plotly's default hides labels that stick out of the chart,
    measuring each one in the browser on every draw; fixed margins keep them inside). Setting a default
    validates the template, so this runs once per process."""
    if pio.templates.default == TEMPLATE:
        return
    white = pio.templates["plotly_white"].to_plotly_json()
    layout = {key: white["layout"][key] for key in KEPT}
    for axis in ("xaxis", "yaxis"):
        layout[axis] = {**layout[axis], "ticklabeloverflow": "allow"}
    heatmap = {"colorbar": {"outlinewidth": 0, "ticks": "", "ticklabeloverflow": "allow"}}
    pio.templates[TEMPLATE] = go.layout.Template(
        layout=layout, data={"heatmap": [heatmap], "bar": white["data"]["bar"]}
    )
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
    plain = v.min() >= 1e-3 and v.max() <= 1e4
    # over more than a decade: 1, 2 and 5 of each (every digit crowds); within one plotly picks plain steps itself
    ticks = {"dtick": "D2"} if v.max() / v.min() > 10 else {}
    return dict(type="log", exponentformat="B" if plain else "power", minorloglabels="complete", **ticks)


def hline(y: float, text: str, line: dict, log_y: bool = False, at_top: bool = True) -> tuple[dict, dict]:
    """A horizontal line across the plot and its label at the right end, as (shape, annotation). On a log y
    axis plotly places annotations in log10 units, hence ``log_y``."""
    shape = dict(type="line", xref="paper", x0=0, x1=1, y0=y, y1=y, line=line)
    note = dict(
        x=1,
        xref="paper",
        y=float(np.log10(y)) if log_y else y,
        yref="y",
        text=text,
        showarrow=False,
        xanchor="right",
        yanchor="bottom" if at_top else "top",
        font=dict(color=line.get("color", "#444")),
    )
    return shape, note


def compact(z: np.ndarray) -> np.ndarray:
    """A heatmap's values as float32 when they fit (half the bytes for every student's browser; 7 digits are
    ample for a colour and a 3-digit tooltip), else as they are (a diverging relu cell may pass 3e38)."""
    with np.errstate(over="ignore"):
        small = z.astype(np.float32)
    return small if np.array_equal(np.isfinite(small), np.isfinite(z)) else z
