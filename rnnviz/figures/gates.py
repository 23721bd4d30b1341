"""Gate figures: a cell's gates and states as heatmaps, its vectors at one step as bars,
gate saturation, and text shaded by one unit (HTML)."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale
from plotly.subplots import make_subplots

from ..gates import SATURATED, SIGMOID, Quantity, Shaded
from ..i18n import t
from .style import CELL_COLORS, DIVERGING, SEQUENTIAL, base_layout, label, tick_labels

ROW_HEIGHT = 120  # pixels per heatmap row; the same in every cell's figure so rows line up
BAR_HEIGHT = 95
MARK = "#111111"


def colorscale(scale: str) -> str:
    """Sigmoid gates (0..1) on a sequential scale; tanh and unbounded values diverging around 0."""
    return SEQUENTIAL if scale == SIGMOID else DIVERGING


def _height(rows: int, per_row: int) -> int:
    return 70 + 40 + rows * per_row  # title + bottom axis + rows


def gate_heatmaps(kind: str, rows: list[tuple[Quantity, np.ndarray]], tokens: list[str], step: int,
                  unit: int, ranges: dict[str, tuple[float, float]], lang: str = "en") -> go.Figure:
    """One heatmap (units x time) per quantity of a cell, stacked; the step and unit (1-based) outlined.

    ``ranges`` gives the colour range of each scale kind, shared by every figure of the page.
    """
    n = len(rows)
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.35 / max(n, 1) / 2,
                        subplot_titles=[t(f"gates.q.{q.symbol}", lang) for q, _ in rows])
    ticks = tick_labels(tokens)
    H = rows[0][1].shape[1] if rows else 0
    for r, (q, v) in enumerate(rows, start=1):  # v: (T, H)
        lo, hi = ranges[q.scale]
        domain = fig.layout[f"yaxis{r if r > 1 else ''}"].domain
        fig.add_trace(go.Heatmap(
            z=v.T, x=ticks, y=np.arange(1, H + 1), zmin=lo, zmax=hi, colorscale=colorscale(q.scale),
            zmid=None if q.scale == SIGMOID else 0.0, name=q.symbol,
            colorbar=dict(title=dict(text=q.symbol, side="right"), len=domain[1] - domain[0],
                          y=(domain[0] + domain[1]) / 2, thickness=10, x=1.01),
            hovertemplate="%{x}<br>" + t("axis.unit", lang) + " %{y}<br>" + q.symbol
                          + " = %{z:.3f}<extra>" + kind.upper() + "</extra>",
        ), row=r, col=1)
        fig.add_shape(type="rect", x0=step - 1.5, x1=step - 0.5, y0=0, y1=1, xref=f"x{r}" if r > 1 else "x",
                      yref=f"y{r} domain" if r > 1 else "y domain", line=dict(color=MARK, width=2))
        fig.add_shape(type="rect", x0=-0.5, x1=len(tokens) - 0.5, y0=unit - 0.5, y1=unit + 0.5,
                      xref=f"x{r}" if r > 1 else "x", yref=f"y{r}" if r > 1 else "y",
                      line=dict(color=MARK, width=1, dash="dot"))
        fig.update_yaxes(autorange="reversed", title_text=t("axis.unit", lang), title_standoff=2,
                         row=r, col=1, showgrid=False)
    fig.update_xaxes(title_text=t("axis.time", lang), tickangle=-45, row=n, col=1)
    fig.update_xaxes(showgrid=False)
    fig.update_annotations(font_size=13, x=0, xanchor="left")
    title = t("gates.heatmaps.title", lang, cell=t(f"cell.{kind}", lang))
    fig = base_layout(fig, title, height=_height(n, ROW_HEIGHT))
    fig.update_layout(margin=dict(l=55, r=55, t=70, b=40), datarevision=0)
    return fig


def gate_bars(kind: str, rows: list[tuple[Quantity, np.ndarray]], step: int, token: str, unit: int,
              ranges: dict[str, tuple[float, float]], lang: str = "en") -> go.Figure:
    """Each quantity's vector at one step as bars over the units; the chosen unit (1-based) solid."""
    n = len(rows)
    fig = make_subplots(rows=n, cols=1, shared_xaxes=True, vertical_spacing=0.3 / max(n, 1),
                        subplot_titles=[t(f"gates.q.{q.symbol}", lang) for q, _ in rows])
    color = CELL_COLORS[kind]
    for r, (q, v) in enumerate(rows, start=1):  # v: (H,)
        units = np.arange(1, v.shape[0] + 1)
        fig.add_trace(go.Bar(
            x=units, y=v, name=q.symbol, marker_color=color,
            marker_opacity=np.where(units == unit, 1.0, 0.45), marker_line=dict(
                color=np.where(units == unit, MARK, color).tolist(), width=np.where(units == unit, 2, 0)),
            hovertemplate=t("axis.unit", lang) + " %{x}<br>" + q.symbol + " = %{y:.4f}<extra></extra>",
        ), row=r, col=1)
        fig.update_yaxes(range=list(ranges[q.scale]), row=r, col=1, nticks=3)
        if q.scale == SIGMOID:
            for level in SATURATED:
                fig.add_hline(y=level, line=dict(color="#777777", width=1, dash="dot"), row=r, col=1)
    fig.update_xaxes(title_text=t("axis.unit", lang), row=n, col=1)
    fig.update_annotations(font_size=13, x=0, xanchor="left")
    title = t("gates.bars.title", lang, cell=t(f"cell.{kind}", lang), step=step, token=label(token))
    fig = base_layout(fig, title, height=_height(n, BAR_HEIGHT))
    fig.update_layout(showlegend=False, bargap=0.15, margin=dict(l=45, r=15, t=70, b=40))
    return fig


SATURATION_COLORS = ("#00224E", "#E3C43B")  # the two ends of Cividis: shut (below 0.1), open (above 0.9)


def saturation_chart(shares: dict[str, dict[str, tuple[float, float]]], lang: str = "en") -> go.Figure:
    """Per gate (and pooled per cell), the share of values below 0.1 and above 0.9, as stacked bars."""
    names, low, high = [], [], []
    for kind, per_gate in shares.items():
        for symbol, (lo, hi) in per_gate.items():
            names.append(f"{t(f'cell.{kind}', lang)} {t('gates.all', lang) if symbol == 'all' else symbol}")
            low.append(100 * lo)
            high.append(100 * hi)
    fig = go.Figure()
    for values, key, color in ((low, "gates.sat.low", SATURATION_COLORS[0]), (high, "gates.sat.high", SATURATION_COLORS[1])):
        fig.add_trace(go.Bar(y=names, x=values, orientation="h", name=t(key, lang), marker_color=color,
                             text=[f"{v:.0f}%" for v in values], textposition="inside",
                             hovertemplate="%{y}: %{x:.1f}%<extra>" + t(key, lang) + "</extra>"))
    fig.update_layout(barmode="stack", legend=dict(orientation="h", y=-0.25, x=0))
    fig.update_xaxes(range=[0, 100], title_text=t("gates.sat.axis", lang), ticksuffix="%")
    fig.update_yaxes(autorange="reversed", title_text=t("gates.sat.gate", lang))
    return base_layout(fig, t("gates.sat.title", lang), height=120 + 34 * len(names))


def _text_color(rgb: str) -> str:
    r, g, b = (float(c) for c in rgb[rgb.index("(") + 1:-1].split(","))
    return "#111111" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFFFFF"


def shaded_html(items: list[Shaded], scale: str, caption: str) -> str:
    """The tokens as inline boxes coloured by their value; the current one outlined. Tokens are escaped."""
    colors = sample_colorscale(colorscale(scale), [s.position for s in items]) if items else []
    spans = []
    for s, bg in zip(items, colors):
        border = f"2px solid {MARK}" if s.current else "2px solid transparent"
        weight = "700" if s.current else "400"
        spans.append(
            f'<span class="tok{" now" if s.current else ""}" title="{s.value:.4f}" style="background:{bg};'
            f'color:{_text_color(bg)};border:{border};font-weight:{weight};padding:1px 4px;margin:1px;'
            f'border-radius:3px;display:inline-block;font-family:monospace">{label(s.token)}</span>')
    return (f'<div class="shaded" style="line-height:1.9"><div style="font-size:0.85em;color:#555">'
            f'{caption}</div>{"".join(spans)}</div>')
