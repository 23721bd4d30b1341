"""Gate figures: a cell's gates and states as heatmaps, its vectors at one step as bars (HTML),
gate saturation, and text shaded by one unit (HTML).

The heatmaps and the shaded text depend on neither the step nor the unit followed: the page marks
both over them (``step_column`` and ``unit_rows`` say where: the figures have fixed margins and row
heights, which also line the rows of the three cells' figures up), so a step redraws no chart.
"""

from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go

from ..gates import FREE, SATURATED, SIGMOID, Quantity, Shaded, shaded_text, values
from ..gates import rows as gate_rows
from ..i18n import t
from .style import CELL_COLORS, MAGNITUDE, SIGNED, PlotArea, figure, label, scale_colors, tick_labels

HEAT_ROW, GAP = 100, 30  # pixels: a heatmap row, the gap above each row holding its title
TOP, BOTTOM, LEFT, RIGHT = 60, 100, 55, 70  # fixed margins in pixels (colour bars sit in RIGHT)
MAX_TICKS = 12  # token labels under a heatmap
GRID = "#E5E5E5"


def colorscale(scale: str) -> list:
    """Sigmoid gates (0..1) on a sequential scale; tanh and unbounded values diverging around 0."""
    return MAGNITUDE if scale == SIGMOID else SIGNED


def heatmap_plot_height(n_rows: int) -> int:
    """Pixels from the top of the first heatmap row to the bottom of the last."""
    return n_rows * HEAT_ROW + (n_rows - 1) * GAP


def heatmap_area(n_rows: int) -> PlotArea:
    """Where gate_heatmaps draws n_rows heatmaps: its fixed margins and the rows' total height."""
    return PlotArea(left=LEFT, right=RIGHT, top=TOP, height=heatmap_plot_height(n_rows), bottom=BOTTOM)


def gate_heatmaps(
    kind: str,
    rows: list[tuple[Quantity, np.ndarray]],
    tokens: list[str],
    ranges: dict[str, tuple[float, float]],
    lang: str = "en",
) -> go.Figure:
    """One heatmap (units x time) per quantity of a cell, stacked, on fixed margins (heatmap_area).
    ``ranges`` gives the colour range of each scale kind, shared by every figure of the page."""
    n, T = len(rows), len(tokens)
    plot = heatmap_plot_height(n)
    layout = {**heatmap_area(n).layout(), "showlegend": False, "plot_bgcolor": "white", "annotations": []}
    ticks, data = tick_labels(tokens), []
    for r, (q, v) in enumerate(rows):  # v: (T, H)
        top = 1 - r * (HEAT_ROW + GAP) / plot
        ax = "" if r == 0 else str(r + 1)
        lo, hi = ranges[q.scale]
        layout[f"xaxis{ax}"] = {
            "anchor": f"y{ax}",
            "domain": [0, 1],
            "showticklabels": r == n - 1,
            "automargin": False,
            "showgrid": False,
            **({"matches": "x"} if r else {}),
        }
        layout[f"yaxis{ax}"] = {
            "anchor": f"x{ax}",
            "domain": [max(top - HEAT_ROW / plot, 0), top],
            "automargin": False,
            "showgrid": False,
            "autorange": "reversed",
            "title": {"text": t("axis.unit", lang)},
        }
        layout["annotations"].append(
            {
                "text": t(f"gates.q.{q.symbol}", lang),
                "x": 0,
                "y": top,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 13, "color": "#444444"},
            }
        )
        data.append(
            {
                "type": "heatmap",
                "z": v.T.astype(np.float32),  # half the bytes of float64, ample for a colour
                "x": ticks,
                "y": np.arange(1, v.shape[1] + 1),
                "xaxis": f"x{ax}",
                "yaxis": f"y{ax}",
                "zmin": lo,
                "zmax": hi,
                "colorscale": colorscale(q.scale),
                "name": q.symbol,
                **({} if q.scale == SIGMOID else {"zmid": 0.0}),
                "colorbar": {
                    "title": {"text": q.symbol, "side": "right"},
                    "len": HEAT_ROW / plot,
                    "y": top,
                    "yanchor": "top",
                    "thickness": 10,
                    "x": 1.01,
                    "xpad": 4,
                },
                "hovertemplate": "%{x}<br>"
                + t("axis.unit", lang)
                + " %{y}<br>"
                + q.symbol
                + " = %{z:.3f}<extra>"
                + kind.upper()
                + "</extra>",
            }
        )
    shown = ticks[:: max(1, -(-T // MAX_TICKS))]  # every k-th token, so the labels never pile up
    layout[f"xaxis{'' if n == 1 else n}"].update(
        title={"text": t("axis.time", lang)}, tickangle=-45, tickmode="array", tickvals=shown, ticktext=shown
    )
    return figure(data, layout, t("gates.heatmaps.title", lang, cell=t(f"cell.{kind}", lang)), layout["height"])


def unit_rows(n_rows: int, units: int, unit: int) -> list[tuple]:
    """The row of ``unit`` (1-based, unit 1 on top) of ``units`` in each of the n_rows heatmaps of a figure
    from gate_heatmaps, as (x0, x1, y0, y1) fractions of its plot area from the top left."""
    plot = heatmap_plot_height(n_rows)
    return [
        (
            0.0,
            1.0,
            (r * (HEAT_ROW + GAP) + HEAT_ROW * (unit - 1) / units) / plot,
            (r * (HEAT_ROW + GAP) + HEAT_ROW * unit / units) / plot,
        )
        for r in range(n_rows)
    ]


def step_column(n_rows: int, step: int, n_steps: int) -> tuple:
    """Column ``step`` (1-based) of n_steps across all n_rows heatmaps of a figure from gate_heatmaps, as
    (x0, x1, y0, y1) fractions of its plot area from the top left."""
    return ((step - 1) / n_steps, step / n_steps, 0.0, 1.0)


BARS_STYLE = """<style>
.gbars { color: #1A1A1A; font-size: 13px; margin: 4px 0 12px; }
.gbars .t { font-weight: 600; font-size: 14px; margin-bottom: 10px; }
.gbars .plot { position: relative; height: 170px; margin-left: 40px; }
.gbars .tick { position: absolute; left: 0; right: 0; border-top: 1px solid #E5E5E5; }
.gbars .tick.zero { border-top-color: #999; }
.gbars .tick span { position: absolute; right: calc(100% + 6px); transform: translateY(-50%); color: #555;
  font-size: 12px; }
.gbars .blocks, .gbars .names { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr);
  column-gap: 8px; }
.gbars .blocks { position: absolute; inset: 0; }
.gbars .blk { display: flex; gap: 1px; height: 100%; position: relative; }
.gbars .blk i { flex: 1; position: relative; min-width: 0; opacity: 0.45; }
.gbars .blk i.on { opacity: 1; outline: 2px solid #111; z-index: 1; }
.gbars .blk b { position: absolute; left: 0; right: 0; border-top: 1px dotted #777; }
.gbars .names { margin: 6px 0 0 40px; text-align: center; font-size: 12px; line-height: 1.2; }
.gbars .axis { text-align: center; color: #555; margin: 6px 0 0 40px; }
</style>"""


def _ticks(lo: float, hi: float) -> list[float]:
    """Five values from lo to hi (0 among them when the range is symmetric or starts at 0)."""
    return [lo + (hi - lo) * k / 4 for k in range(5)]


def gate_bars(
    kind: str,
    rows: list[tuple[Quantity, np.ndarray]],
    step: int,
    token: str,
    unit: int,
    ranges: dict[str, tuple[float, float]],
    lang: str = "en",
) -> str:
    """Each quantity's vector at one step as a block of bars, one per unit, on one value axis; the chosen unit
    (1-based) solid and outlined, dotted lines where a sigmoid gate counts as shut or open. HTML: it changes at
    every step, and the browser updates HTML in milliseconds where it draws a plotly chart from scratch.
    Every bar carries its exact value (data-v) and a tooltip."""
    lo, hi = ranges[FREE] if any(q.scale == FREE for q, _ in rows) else (-1.0, 1.0)
    span = hi - lo
    top = lambda v: 100 * (hi - v) / span  # noqa: E731  (percent from the top of the plot)
    ticks = "".join(
        f'<div class="tick{" zero" if abs(v) < 1e-12 else ""}" style="top:{top(v):.3f}%"><span>{v:.3g}</span></div>'
        for v in _ticks(lo, hi)
    )
    blocks, names = [], []
    for q, v in rows:  # v: (H,)
        bars = []
        for u, value in enumerate(v, start=1):
            shown = min(max(float(value), lo), hi)  # drawn within the axis; data-v keeps the exact value
            y0, y1 = top(max(shown, 0.0)), top(min(shown, 0.0))
            bars.append(
                f'<i{" class=on" if u == unit else ""} style="top:{y0:.3f}%;height:{y1 - y0:.3f}%;'
                f'background:{CELL_COLORS[kind]}" data-v="{float(value)!r}" '
                f'title="{q.symbol}, {t("axis.unit", lang)} {u}: {float(value):.4f}"></i>'
            )
        if q.scale == SIGMOID:
            bars += [f'<b style="top:{top(level):.3f}%"></b>' for level in SATURATED]
        blocks.append(f'<div class="blk" data-q="{q.symbol}">{"".join(bars)}</div>')
        names.append(f"<span>{t(f'gates.q.{q.symbol}', lang)}</span>")
    title = t("gates.bars.title", lang, cell=t(f"cell.{kind}", lang), step=step, token=label(token))
    return (
        f'{BARS_STYLE}<div class="gbars" data-cell="{kind}"><div class="t">{title}</div>'
        f'<div class="plot">{ticks}<div class="blocks">{"".join(blocks)}</div></div>'
        f'<div class="names">{"".join(names)}</div><div class="axis">{t("gates.bars.axis", lang)}</div></div>'
    )


SATURATION_COLORS = ("#00224E", "#E3C43B")  # the two ends of Cividis: shut (below 0.1), open (above 0.9)


def saturation_chart(shares: dict[str, dict[str, tuple[float, float]]], lang: str = "en") -> go.Figure:
    """Per gate (and pooled per cell), the share of values below 0.1 and above 0.9, as stacked bars."""
    names, low, high = [], [], []
    for kind, per_gate in shares.items():
        for symbol, (lo, hi) in per_gate.items():
            names.append(f"{t(f'cell.{kind}', lang)} {t('gates.all', lang) if symbol == 'all' else symbol}")
            low.append(100 * lo)
            high.append(100 * hi)
    data = [
        {
            "type": "bar",
            "y": names,
            "x": values,
            "orientation": "h",
            "name": t(key, lang),
            "marker": {"color": color},
            "hovertemplate": "%{y}: %{x:.1f}%<extra>" + t(key, lang) + "</extra>",
        }
        for values, key, color in (
            (low, "gates.sat.low", SATURATION_COLORS[0]),
            (high, "gates.sat.high", SATURATION_COLORS[1]),
        )
    ]
    notes = [
        {
            "x": lo + hi,
            "y": name,
            "xshift": 4,
            "xanchor": "left",
            "showarrow": False,
            "text": t("gates.sat.note", lang, low=lo, high=hi),
            "font": {"size": 12, "color": "#444444"},
        }
        for name, lo, hi in zip(names, low, high)
    ]
    layout = {
        "margin": {"l": 120, "r": 20, "t": 60, "b": 70},
        "barmode": "stack",
        "plot_bgcolor": "white",
        "annotations": notes,
        "legend": {"orientation": "h", "y": -0.3, "x": 0, "traceorder": "normal"},
        "xaxis": {
            "range": [0, 100],
            "title": {"text": t("gates.sat.axis", lang)},
            "ticksuffix": "%",
            "gridcolor": GRID,
        },
        "yaxis": {"autorange": "reversed", "title": {"text": t("gates.sat.gate", lang)}},
    }
    return figure(data, layout, t("gates.sat.title", lang), 130 + 30 * len(names))


SHADED_STYLE = (
    "<style>.shaded { line-height: 1.6; font-size: 0.85em; } .shaded .cap { color: #555; } "
    ".shaded .tok { padding: 0 3px; margin: 1px; border: 2px solid transparent; border-radius: 3px; "
    "display: inline-block; font-family: monospace; }</style>"
)


def shaded_html(items: list[Shaded], scale: str, caption: str) -> str:
    """The tokens as inline boxes coloured by their value (the page outlines the current one).
    Tokens are escaped: markup in them is shown, never interpreted."""
    colors, luminance = scale_colors(colorscale(scale), np.array([s.position for s in items]))
    spans = "".join(
        f'<span class="tok" title="{s.value:.4f}" style="background:{bg};color:{"#111111" if y > 140 else "#FFFFFF"}">'
        f"{label(s.token)}</span>"
        for s, bg, y in zip(items, colors, luminance)
    )
    return f'{SHADED_STYLE}<div class="shaded"><div class="cap">{caption}</div>{spans}</div>'


def shaded_lines(
    traces: dict, tokens: list[str], ranges: dict, unit: int, symbol: str, nonlinearity: str = "tanh", lang: str = "en"
) -> list[str]:
    """The text coloured by one unit's (1-based) value of ``symbol``, as HTML, one line per cell that has it."""
    out = []
    for kind, tr in traces.items():
        for q in (q for q in gate_rows(kind, nonlinearity) if q.symbol == symbol):
            v = values(tr, q)[:, unit - 1]  # (T,)
            quantity = t(f"gates.q.{symbol}", lang)
            cell = t(f"cell.{kind}", lang)
            caption = html.escape(t("gates.text.caption", lang, cell=cell, quantity=quantity, unit=unit))
            out.append(shaded_html(shaded_text(tokens, v, ranges[q.scale]), q.scale, caption))
    return out
