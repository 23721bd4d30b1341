"""Figures of the step-through page: the hidden states, memory composition, the contribution map and the
influence of one token. Pure functions: arrays in, plotly figures out.

Every token keeps one colour (``token_color``) in every figure, so a teacher can point at the
colour of "what" in the unrolled network (figures/memory_html.py) and find it again in each
cell's composition.

The hidden states and the contribution maps are the same at every step: drawn on fixed margins
(HIDDEN_AREA, MAP_AREA), the page marks the step over them (``step_marks`` says where), so a step
redraws no chart.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from .states import axes, panel_title, panels
from .style import CELL_COLORS, MAGNITUDE, SIGNED, PlotArea, compact, figure, label, log_axis, tick_labels

# Paul Tol's muted palette (plotly's "Safe"): colour-blind safe; repeats every 11 tokens
TOKEN_COLORS = (
    "#88CCEE",
    "#CC6677",
    "#DDCC77",
    "#117733",
    "#332288",
    "#AA4499",
    "#44AA99",
    "#999933",
    "#882255",
    "#661100",
    "#888888",
)
MAX_TICK_LABELS = 30  # beyond this many steps, a time axis shows numbers instead of "t: token" labels
PANEL_TICK_LABELS = 12  # the same for a panel a third as wide
DARK = {3, 4, 5, 8, 9}  # indices of TOKEN_COLORS that need white text
DECADES = 8  # the contribution map's colour scale spans this many powers of ten below its maximum
MAX_MAP_CELLS = 120  # a longer contribution map shows every s-th row and column (the browser stays fast)
# fixed plot areas (pixels) of the figures that CSS marks the step on
HIDDEN_AREA = PlotArea(left=60, right=75, top=60, height=200)
MAP_AREA = PlotArea(left=60, right=75, top=60, height=260)
PANEL_GAP = 0.07  # between two cells' panels, as a fraction of the width


def token_color(k: int) -> str:
    """The colour of the token at 0-based position k, the same in every figure and at every step."""
    return TOKEN_COLORS[k % len(TOKEN_COLORS)]


def _time_axis(tokens: list[str], n: int, lang: str, labels: int = MAX_TICK_LABELS) -> dict:
    """A numeric time axis 1..n (few ticks: they draw faster); up to ``labels`` tokens, ticks read "t: token"."""
    axis = dict(title=dict(text=t("axis.time", lang)), range=[0.5, n + 0.5], nticks=6)
    if n <= labels:
        axis.update(tickmode="array", tickvals=list(range(1, n + 1)), ticktext=tick_labels(tokens[:n]), tickangle=-45)
    return axis


def _panel_titles(kinds: list[str], domains: list[list[float]], lang: str) -> list[dict]:
    return [panel_title(f"<b>{t(f'cell.{k}', lang)}</b>", d, color=CELL_COLORS[k]) for k, d in zip(kinds, domains)]


def hidden_so_far(
    states: dict[str, np.ndarray], tokens: list[str], lang: str = "en", both_ways: bool = False
) -> go.Figure:
    """Heatmaps of h_1 .. h_T (units x time), one panel per cell, on one scale centred at 0. The same at every
    step: the page hatches the steps not read yet over it (step_marks), unless a backward direction
    (``both_ways``) has read them."""
    kinds = list(states)
    # tanh and gated cells stay within [-1, 1]; relu or linear cells may go beyond
    zmax = max([1.0] + [float(np.nanmax(np.abs(h), initial=0.0)) for h in states.values()])
    domains, data, layout = panels(len(kinds), PANEL_GAP), [], HIDDEN_AREA.layout()
    for i, kind in enumerate(kinds):
        h = states[kind]  # (T, H)
        ref = "" if i == 0 else str(i + 1)
        data.append(
            dict(
                type="heatmap",
                z=compact(h.T),
                x=np.arange(1, len(h) + 1),
                y=np.arange(1, h.shape[1] + 1),
                xaxis=f"x{ref}",
                yaxis=f"y{ref}",
                name=t(f"cell.{kind}", lang),
                zmin=-zmax,
                zmax=zmax,
                zmid=0,
                colorscale=SIGNED,
                showscale=i == len(kinds) - 1,
                colorbar=dict(title=dict(text="h"), thickness=12, x=1.01, xpad=6),
                hovertemplate=f"t = %{{x}}<br>{t('axis.unit', lang)} %{{y}}<br>h = %{{z:.3f}}"
                f"<extra>{kind.upper()}</extra>",
            )
        )
        y = dict(
            title=dict(text=t("axis.unit", lang) if i == 0 else ""),
            autorange="reversed",
            nticks=4,
            showticklabels=i == 0,
        )
        layout.update(axes(i, domains[i], _time_axis(tokens, len(h), lang, PANEL_TICK_LABELS), y))
    layout["annotations"] = _panel_titles(kinds, domains, lang)
    title = t("memory.hidden.title.both" if both_ways else "memory.hidden.title", lang)
    return figure(data, layout, title, layout["height"])


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
    column over it (step_marks)."""
    kinds = list(maps)
    zmin, zmax = log_range(list(maps.values()))
    powers = list(range(int(zmin), int(zmax) + 1, 2))
    domains, data, layout = panels(len(kinds), PANEL_GAP), [], MAP_AREA.layout()
    for i, kind in enumerate(kinds):
        C = maps[kind]
        T, idx, ref = len(C), shown_indices(len(C), max_cells), "" if i == 0 else str(i + 1)
        sub = C[np.ix_(idx, idx)]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(np.isfinite(sub) & (sub > 0), np.log10(sub), np.nan)  # 0 above the diagonal -> blank
        data.append(
            dict(
                type="heatmap",
                z=compact(z),
                x=idx + 1,
                y=idx + 1,
                xaxis=f"x{ref}",
                yaxis=f"y{ref}",
                name=t(f"cell.{kind}", lang),
                zmin=zmin,
                zmax=zmax,
                colorscale=MAGNITUDE,
                showscale=i == len(kinds) - 1,
                colorbar=dict(
                    title=dict(text="C"),
                    thickness=12,
                    x=1.01,
                    xpad=6,
                    tickvals=powers,
                    ticktext=[f"1e{p}" for p in powers],
                ),
                hovertemplate="t = %{y}, k = %{x}<br>log10 C = %{z:.2f}<extra>" + kind.upper() + "</extra>",
            )
        )
        x = dict(title=dict(text=t("memory.map.k", lang)), range=[0.5, T + 0.5], nticks=8)
        y = dict(
            title=dict(text=t("memory.map.t", lang) if i == 0 else ""),
            range=[T + 0.5, 0.5],
            nticks=8,
            showticklabels=i == 0,
        )
        layout.update(axes(i, domains[i], x, y))
    layout.update(annotations=_panel_titles(kinds, domains, lang))
    T = len(next(iter(maps.values())))
    title = t("memory.map.title", lang)
    if len(shown_indices(T, max_cells)) < T:
        title += " " + t("memory.map.every", lang, n=int(shown_indices(T, max_cells)[1]))
    return figure(data, layout, title, layout["height"])


def influence(
    curves: dict[str, np.ndarray],
    raw: dict[str, np.ndarray],
    tokens: list[str],
    focus: int,
    lang: str = "en",
    level: float = 0.01,
) -> go.Figure:
    """C[t, f] / C[f, f] for t >= f, one line per cell, on a log axis, with the fade level.

    It does not mark the current step: unchanged while stepping, the browser need not redraw it."""
    x = np.arange(focus, len(tokens) + 1)
    traces = [
        dict(
            type="scatter",
            x=x,
            y=y,
            customdata=raw[kind],
            mode="lines+markers" if len(x) <= 60 else "lines",
            name=t(f"cell.{kind}", lang),
            line=dict(color=CELL_COLORS[kind], width=2.5),
            marker=dict(size=6),
            hovertemplate="t = %{x}<br>%{y:.3%}<br>C = %{customdata:.3g}<extra>" + kind.upper() + "</extra>",
        )
        for kind, y in curves.items()
    ]
    shapes = [dict(type="line", xref="paper", x0=0, x1=1, y0=level, y1=level, line=dict(color="#555", dash="dash"))]
    notes = [
        dict(
            x=1,
            y=np.log10(level),
            text=t("memory.influence.level", lang),
            showarrow=False,
            xref="paper",
            xanchor="right",
            yanchor="bottom",
            font=dict(color="#555"),
        )
    ]  # a log axis: y in log10 units
    layout = dict(
        shapes=shapes,
        annotations=notes,
        xaxis={**_time_axis(tokens, len(tokens), lang), "range": [focus - 0.5, len(tokens) + 0.5]},
        yaxis=dict(**log_axis(*curves.values(), [level]), title=dict(text=t("memory.influence.y", lang))),
    )
    return figure(traces, layout, t("memory.influence.title", lang, k=focus, token=label(tokens[focus - 1])), 380)


def step_marks(kinds: int, T: int, step: int, focus: int = 1, both_ways: bool = False) -> dict[str, list[tuple]]:
    """Where ``step`` (1-based) of T is marked, as rectangles (x0, x1, y0, y1) in fractions of the plot areas
    of the hidden states and the maps, one of each kind per cell panel: "hatched", the columns after
    it on the hidden states (not read yet); "column", its column there; "row", tokens 1..step of its row on
    the maps; and "focus", a line (a box of no width) down the middle of the followed token's column on the
    maps, from the row where it is read to the last. ``both_ways`` (a bidirectional cell, whose backward half
    has read every token): nothing hatched, the whole row, the followed token's whole column. Both figures'
    axes run from 0.5 to T + 0.5 (the maps' rows top down)."""
    marks = {"hatched": [], "column": [], "row": [], "focus": []}
    for x0, x1 in panels(kinds, PANEL_GAP):
        width = (x1 - x0) / T  # of one step: step k spans x0 + width * (k - 1) .. x0 + width * k
        if step < T and not both_ways:
            marks["hatched"].append((x0 + width * step, x1, 0.0, 1.0))
        marks["column"].append((x0 + width * (step - 1), x0 + width * step, 0.0, 1.0))
        marks["row"].append((x0, x1 if both_ways else x0 + width * step, (step - 1) / T, step / T))
        top = 0.0 if both_ways else (focus - 1) / T
        marks["focus"].append((x0 + width * (focus - 0.5), x0 + width * (focus - 0.5), top, 1.0))
    return marks
