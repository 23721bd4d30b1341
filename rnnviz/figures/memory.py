"""Figures of the step-through page: the hidden states, memory composition, the contribution map and the
influence of one token. Pure functions: arrays in, plotly figures out.

Every token keeps one colour (``token_color``) in every figure, so a teacher can point at the
colour of "what" in the unrolled network (figures/memory_html.py) and find it again in each
cell's composition.

A plotly chart whose figure changes is drawn again from scratch in the browser, so only the
composition depends on the step. The hidden states and the contribution maps are the same at
every step, drawn on fixed margins (HIDDEN_AREA, MAP_AREA) so that CSS can mark the step on them
(memory_html.step_css). Figures are built without plotly's per-property validation
(``_validate=False``: ~1 ms instead of 10-100 ms a figure); tests/test_memory.py validates them instead.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import get_colorscale

from ..i18n import t
from .marks import PlotArea
from .style import CELL_COLORS, DIVERGING, SEQUENTIAL, base_layout, label, log_axis, tick_labels

# Paul Tol's muted palette (plotly's "Safe"): colour-blind safe; repeats every 11 tokens
TOKEN_COLORS = ("#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499",
                "#44AA99", "#999933", "#882255", "#661100", "#888888")
MAX_TICK_LABELS = 30  # beyond this many steps, a time axis shows numbers instead of "t: token" labels
PANEL_TICK_LABELS = 12  # the same for a panel a third as wide
DARK = {3, 4, 5, 8, 9}  # indices of TOKEN_COLORS that need white text
DECADES = 8  # the contribution map's colour scale spans this many powers of ten below its maximum
MAX_MAP_CELLS = 120  # a longer contribution map shows every s-th row and column (the browser stays fast)
# fixed plot areas (pixels) of the figures that CSS marks the step on
HIDDEN_AREA = PlotArea(left=60, right=75, top=60, height=200)
MAP_AREA = PlotArea(left=60, right=75, top=60, height=260)
BOTTOM = 80  # pixels under the plot area: tick labels and the axis title


# the shared look (style.base_layout) as a plain layout dict, built once; the template is left to the
# figure's own default, applied when it is made
_LOOK = {k: v for k, v in base_layout(go.Figure(), "", 360).to_dict()["layout"].items() if k != "template"}
# colour scales as lists: plotly.js knows no "_r" names, and validation would not resolve them here
SIGNED, MAGNITUDE = get_colorscale(DIVERGING), get_colorscale(SEQUENTIAL)


def _figure(data: list[dict], layout: dict, title: str, height: int = 360) -> go.Figure:
    """A figure from plain dicts in the shared look, unvalidated."""
    look = {**_LOOK, "height": height, "title": {**_LOOK["title"], "text": title}}
    return go.Figure(data, {**look, **layout}, _validate=False)


def _fixed(area: PlotArea) -> dict:
    """Layout entries that put the plot area exactly at ``area`` (plotly may not widen the margins)."""
    return dict(margin=dict(l=area.left, r=area.right, t=area.top, b=BOTTOM, autoexpand=False),
                height=area.top + area.height + BOTTOM)


def compact(z: np.ndarray) -> np.ndarray:
    """A heatmap's values as float32 when they fit (half the bytes for every student's browser; 7 digits are
    ample for a colour and a 3-digit tooltip), else as they are (a diverging relu cell may pass 3e38)."""
    with np.errstate(over="ignore"):
        small = z.astype(np.float32)
    return small if np.array_equal(np.isfinite(small), np.isfinite(z)) else z


def token_color(k: int) -> str:
    """The colour of the token at 0-based position k, the same in every figure and at every step."""
    return TOKEN_COLORS[k % len(TOKEN_COLORS)]


def _time_axis(tokens: list[str], n: int, lang: str, labels: int = MAX_TICK_LABELS) -> dict:
    """A numeric time axis 1..n (few ticks: they draw faster); up to ``labels`` tokens, ticks read "t: token"."""
    axis = dict(title=dict(text=t("axis.time", lang)), range=[0.5, n + 0.5], nticks=6)
    if n <= labels:
        axis.update(tickmode="array", tickvals=list(range(1, n + 1)), ticktext=tick_labels(tokens[:n]), tickangle=-45)
    return axis


def _text(x: float, y: float, text: str, **style) -> dict:
    return dict(x=x, y=y, text=text, showarrow=False, **style)


def panels(n: int, gap: float = 0.07) -> list[list[float]]:
    """Horizontal domains of n side-by-side panels, one per cell, left to right."""
    width = (1 - gap * (n - 1)) / n
    return [[i * (width + gap), i * (width + gap) + width] for i in range(n)]


def _panel_titles(kinds: list[str], domains: list[list[float]], lang: str) -> list[dict]:
    return [_text(sum(d) / 2, 1.0, f"<b>{t(f'cell.{k}', lang)}</b>", xref="paper", yref="paper", yanchor="bottom",
                  font=dict(color=CELL_COLORS[k], size=14)) for k, d in zip(kinds, domains)]


def _axes(i: int, domain: list[float], x: dict, y: dict) -> dict:
    """Layout entries of panel i's axes ("xaxis", "xaxis2", ...), anchored to each other."""
    n = "" if i == 0 else str(i + 1)
    return {f"xaxis{n}": {**x, "domain": domain, "anchor": f"y{n}"}, f"yaxis{n}": {**y, "anchor": f"x{n}"}}


def hidden_so_far(states: dict[str, np.ndarray], tokens: list[str], lang: str = "en") -> go.Figure:
    """Heatmaps of h_1 .. h_T (units x time), one panel per cell, on one scale centred at 0. The same at every
    step: the page hatches the steps not read yet over it (memory_html.step_css)."""
    kinds = list(states)
    # tanh and gated cells stay within [-1, 1]; relu or linear cells may go beyond
    zmax = max([1.0] + [float(np.nanmax(np.abs(h), initial=0.0)) for h in states.values()])
    domains, data, layout = panels(len(kinds)), [], _fixed(HIDDEN_AREA)
    for i, kind in enumerate(kinds):
        h = states[kind]  # (T, H)
        ref = "" if i == 0 else str(i + 1)
        data.append(dict(type="heatmap", z=compact(h.T), x=np.arange(1, len(h) + 1), y=np.arange(1, h.shape[1] + 1),
                         xaxis=f"x{ref}", yaxis=f"y{ref}", name=t(f"cell.{kind}", lang), zmin=-zmax, zmax=zmax,
                         zmid=0, colorscale=SIGNED, showscale=i == len(kinds) - 1,
                         colorbar=dict(title=dict(text="h"), thickness=12, x=1.01, xpad=6),
                         hovertemplate=f"t = %{{x}}<br>{t('axis.unit', lang)} %{{y}}<br>h = %{{z:.3f}}"
                                       f"<extra>{kind.upper()}</extra>"))
        y = dict(title=dict(text=t("axis.unit", lang) if i == 0 else ""), autorange="reversed", nticks=4,
                 showticklabels=i == 0)
        layout.update(_axes(i, domains[i], _time_axis(tokens, len(h), lang, PANEL_TICK_LABELS), y))
    layout["annotations"] = _panel_titles(kinds, domains, lang)
    return _figure(data, layout, t("memory.hidden.title", lang), layout["height"])


def log_range(maps: list[np.ndarray], decades: int = DECADES) -> tuple[float, float]:
    """A shared log10 colour range for contribution maps: whole powers of ten around their positive
    values, at most ``decades`` below the largest (smaller values take the darkest colour)."""
    logs = [np.log10(C[np.isfinite(C) & (C > 0)]) for C in maps]
    logs = [v for v in logs if v.size]
    if not logs:
        return -decades, 0.0
    top = float(np.ceil(max(v.max() for v in logs)))
    bottom = float(np.floor(min(v.min() for v in logs)))
    return max(bottom, top - decades), max(top, bottom + 1)


def shown_indices(T: int, max_cells: int = MAX_MAP_CELLS) -> np.ndarray:
    """0-based rows/columns a map of T x T shows: all of them, or every s-th when T > max_cells."""
    return np.arange(0, T, -(-T // max_cells))


def contribution_maps(maps: dict[str, np.ndarray], lang: str = "en", max_cells: int = MAX_MAP_CELLS) -> go.Figure:
    """log10 C[t, k] (reading time t down, token k across), one panel per cell on one colour scale. The same
    at every step and whichever token is followed: the page marks the current row and the followed token's
    column over it (memory_html.step_css)."""
    kinds = list(maps)
    zmin, zmax = log_range(list(maps.values()))
    powers = list(range(int(zmin), int(zmax) + 1, 2))
    domains, data, layout = panels(len(kinds)), [], _fixed(MAP_AREA)
    for i, kind in enumerate(kinds):
        C = maps[kind]
        T, idx, ref = len(C), shown_indices(len(C), max_cells), "" if i == 0 else str(i + 1)
        sub = C[np.ix_(idx, idx)]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(np.isfinite(sub) & (sub > 0), np.log10(sub), np.nan)  # 0 above the diagonal -> blank
        data.append(dict(
            type="heatmap", z=compact(z), x=idx + 1, y=idx + 1, xaxis=f"x{ref}", yaxis=f"y{ref}", name=t(f"cell.{kind}", lang),
            zmin=zmin, zmax=zmax, colorscale=MAGNITUDE, showscale=i == len(kinds) - 1,
            colorbar=dict(title=dict(text="C"), thickness=12, x=1.01, xpad=6, tickvals=powers,
                          ticktext=[f"1e{p}" for p in powers]),
            hovertemplate="t = %{y}, k = %{x}<br>log10 C = %{z:.2f}<extra>" + kind.upper() + "</extra>"))
        x = dict(title=dict(text=t("memory.map.k", lang)), range=[0.5, T + 0.5], nticks=8)
        y = dict(title=dict(text=t("memory.map.t", lang) if i == 0 else ""), range=[T + 0.5, 0.5], nticks=8,
                 showticklabels=i == 0)
        layout.update(_axes(i, domains[i], x, y))
    layout.update(annotations=_panel_titles(kinds, domains, lang))
    T = len(next(iter(maps.values())))
    title = t("memory.map.title", lang)
    if len(shown_indices(T, max_cells)) < T:
        title += " " + t("memory.map.every", lang, n=int(shown_indices(T, max_cells)[1]))
    return _figure(data, layout, title, layout["height"])


def influence(curves: dict[str, np.ndarray], raw: dict[str, np.ndarray], tokens: list[str], focus: int,
              lang: str = "en", level: float = 0.01) -> go.Figure:
    """C[t, f] / C[f, f] for t >= f, one line per cell, on a log axis, with the fade level.

    It does not mark the current step: unchanged while stepping, the browser need not redraw it."""
    x = np.arange(focus, len(tokens) + 1)
    traces = [dict(type="scatter", x=x, y=y, customdata=raw[kind], mode="lines+markers" if len(x) <= 60 else "lines",
                   name=t(f"cell.{kind}", lang), line=dict(color=CELL_COLORS[kind], width=2.5), marker=dict(size=6),
                   hovertemplate="t = %{x}<br>%{y:.3%}<br>C = %{customdata:.3g}<extra>" + kind.upper() + "</extra>")
              for kind, y in curves.items()]
    shapes = [dict(type="line", xref="paper", x0=0, x1=1, y0=level, y1=level, line=dict(color="#555", dash="dash"))]
    notes = [_text(1, np.log10(level), t("memory.influence.level", lang), xref="paper",  # log axis: y in log10
                   xanchor="right", yanchor="bottom", font=dict(color="#555"))]
    layout = dict(shapes=shapes, annotations=notes, xaxis={**_time_axis(tokens, len(tokens), lang),
                                                           "range": [focus - 0.5, len(tokens) + 0.5]},
                  yaxis=dict(**log_axis(*curves.values(), [level]), title=dict(text=t("memory.influence.y", lang))))
    return _figure(traces, layout, t("memory.influence.title", lang, k=focus, token=label(tokens[focus - 1])), 380)
