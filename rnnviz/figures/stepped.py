"""Figures that step on their own, for a file opened without the app (rnnviz.export): each step is a plotly
frame, and one figure of a view carries the slider and the play button. Pure functions: arrays in, figures out.

The app marks a step with CSS over charts that stay the same (pages/marks.py); here the same marks
(figures/memory.step_marks, figures/gates.step_column) become layout shapes that each frame moves.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..gates import FREE, SATURATED, SIGMOID, Quantity
from ..i18n import t
from .intent import LOSER, step_bars
from .memory import PANEL_GAP, step_marks, token_color
from .states import axes, panel_title, panels
from .style import CELL_COLORS, figure, label, tick_labels

MARK = "#111111"  # the step's box, as on the pages
VEIL = "rgba(255, 255, 255, 0.8)"  # over the steps not read yet
PLAY_MS = 700  # a step's time when playing
CONTROLS = 110  # pixels under a figure's plot for its slider and buttons
BAR_ROW = 190  # pixels of one cell's bars


def box(rect: tuple, **style) -> dict:
    """A rectangle (x0, x1, y0, y1) in fractions of the plot area from its top left, as a paper shape (the
    figures drawn with a fixed plot area fill the paper exactly)."""
    x0, x1, y0, y1 = rect
    return dict(type="rect", xref="paper", yref="paper", x0=x0, x1=x1, y0=1 - y1, y1=1 - y0, **style)


def frame(step: int, data: list[dict] | None = None, traces: list[int] | None = None, **layout) -> dict:
    """Frame ``step`` (named by its 1-based number): new values for some traces, and layout changes."""
    return dict(name=str(step), data=data or [], traces=traces or [], layout=layout)


def _go_to(step, duration: int = 0) -> dict:
    return dict(mode="immediate", frame=dict(duration=duration, redraw=True), transition=dict(duration=0))


def controls(T: int, start: int, lang: str, below: int = 90) -> dict:
    """Layout entries: a slider over steps 1..T (at ``start``) and play / pause buttons, ``below`` pixels under
    the plot (under its tick labels and axis title)."""
    steps = [dict(method="animate", label=str(s), args=[[str(s)], _go_to(s)]) for s in range(1, T + 1)]
    play = dict(
        label="▶ " + t("export.play", lang),
        method="animate",
        args=[None, {**_go_to(None, PLAY_MS), "fromcurrent": True}],
    )
    pause = dict(label="❚❚ " + t("export.pause", lang), method="animate", args=[[None], _go_to(None)])
    return dict(
        sliders=[
            dict(
                active=start - 1,
                steps=steps,
                x=0.2,
                len=0.8,
                y=0,
                yanchor="top",
                pad=dict(t=below),
                currentvalue=dict(prefix=t("export.step", lang) + " "),
                ticklen=0 if T > 40 else 5,
                font=dict(size=10 if T <= 40 else 1, color="#555" if T <= 40 else "rgba(0,0,0,0)"),
            )
        ],
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                showactive=False,
                x=0,
                xanchor="left",
                y=0,
                yanchor="top",
                pad=dict(t=below + 10),
                buttons=[play, pause],
            )
        ],
    )


def with_controls(fig: go.Figure, frames: list[dict], T: int, start: int, lang: str) -> go.Figure:
    """``fig`` with its ``frames`` (one a step), the slider and play buttons under it, opening at ``start``."""
    fig.layout.update(controls(T, start, lang, fig.layout.margin.b))
    fig.layout.height += CONTROLS
    fig.layout.margin.b += CONTROLS
    fig.frames = frames
    return fig


def hidden_marks(fig: go.Figure, kinds: int, T: int, start: int, both_ways: bool = False) -> go.Figure:
    """The hidden states (figures/memory.hidden_so_far) with the step's column boxed and the steps not read
    yet veiled, one frame a step (no slider: the view's leading figure moves it)."""

    def shapes(step: int) -> list[dict]:
        at = step_marks(kinds, T, step, 1, both_ways)
        veils = [box(r, fillcolor=VEIL, line=dict(width=0), layer="above") for r in at["hatched"]]
        return veils + [box(r, line=dict(color=MARK, width=2)) for r in at["column"]]

    fig.layout.shapes = shapes(start)
    fig.frames = [frame(s, shapes=shapes(s)) for s in range(1, T + 1)]
    return fig


def map_marks(fig: go.Figure, kinds: int, T: int, start: int, both_ways: bool = False) -> go.Figure:
    """The contribution maps (figures/memory.contribution_maps) with the step's row boxed, one frame a step."""

    def shapes(step: int) -> list[dict]:
        return [box(r, line=dict(color="#D55E00", width=2)) for r in step_marks(kinds, T, step, 1, both_ways)["row"]]

    fig.layout.shapes = shapes(start)
    fig.frames = [frame(s, shapes=shapes(s)) for s in range(1, T + 1)]
    return fig


def column_marks(fig: go.Figure, T: int, start: int) -> go.Figure:
    """A figure whose plot area spans steps 1..T across (figures/gates.gate_heatmaps) with the step's
    column boxed, one frame a step."""
    fig.layout.shapes = [box(((start - 1) / T, start / T, 0, 1), line=dict(color=MARK, width=2))]
    fig.frames = [
        frame(s, shapes=[box(((s - 1) / T, s / T, 0, 1), line=dict(color=MARK, width=2))]) for s in range(1, T + 1)
    ]
    return fig


def _step_title(text: str, step: int, tokens: list[str]) -> str:
    return f"{text} — {step}: {label(tokens[step - 1])}"


def composition(shares: dict[str, np.ndarray], tokens: list[str], start: int, lang: str = "en") -> go.Figure:
    """What h_t is made of: each token's share of h_t (a row of memory.shares, (T, T)) as bars, one panel per
    cell, one frame a step, with the view's slider and play button."""
    kinds, T = list(shares), len(tokens)
    domains, data, layout = panels(len(kinds), PANEL_GAP), [], dict(showlegend=False, bargap=0.15)
    x = np.arange(1, T + 1)
    for i, kind in enumerate(kinds):
        ref = "" if i == 0 else str(i + 1)
        data.append(
            dict(
                type="bar",
                x=x,
                y=shares[kind][start - 1],
                xaxis=f"x{ref}",
                yaxis=f"y{ref}",
                name=t(f"cell.{kind}", lang),
                meta=dict(cell=kind),
                marker=dict(color=[token_color(k) for k in range(T)]),
                hovertext=tick_labels(tokens),
                hovertemplate="%{hovertext}<br>%{y:.1%}<extra>" + kind.upper() + "</extra>",
            )
        )
        axis_x = dict(title=dict(text=t("memory.map.k", lang)), range=[0.5, T + 0.5])
        if T <= 12:
            axis_x.update(tickmode="array", tickvals=list(x), ticktext=tick_labels(tokens), tickangle=-45)
        axis_y = dict(range=[0, 1], tickformat=".0%", title=dict(text=t("export.share", lang) if i == 0 else ""))
        layout.update(axes(i, domains[i], axis_x, axis_y))
    layout["annotations"] = [
        panel_title(f"<b>{t(f'cell.{k}', lang)}</b>", d, color=CELL_COLORS[k]) for k, d in zip(kinds, domains)
    ]

    def title(step: int) -> dict:
        return dict(text=_step_title(t("memory.composition.title", lang, t=step), step, tokens), x=0, xanchor="left")

    frames = [
        frame(
            s,
            [dict(type="bar", y=shares[k][s - 1]) for k in kinds],
            list(range(len(kinds))),
            title=title(s),
        )
        for s in range(1, T + 1)
    ]
    fig = figure(data, {**layout, "margin": dict(l=60, r=20, t=60, b=110)}, "", 410)
    fig.layout.title = title(start)
    return with_controls(fig, frames, T, start, lang)


def gate_bars(
    rows: dict[str, list[tuple[Quantity, np.ndarray]]],
    tokens: list[str],
    ranges: dict[str, tuple[float, float]],
    unit: int,
    start: int,
    lang: str = "en",
) -> go.Figure:
    """Every quantity's vector at a step as bars, one per unit, grouped by quantity; one panel (row) per cell,
    the chosen unit (1-based) outlined; one frame a step, with the view's slider and play button.
    ``rows[kind]``: (quantity, its values over the sequence (T, H)), as the gates page's bars."""
    kinds, T = list(rows), len(tokens)
    n = len(kinds)
    gap = 0.12 / max(n - 1, 1) if n > 1 else 0
    height = (1 - gap * (n - 1)) / n
    data, layout, notes, shapes = [], dict(showlegend=False, bargap=0.1), [], []
    blocks = max(len(r) for r in rows.values())  # one bar width in every panel: the RNN's one block stays narrow
    for i, kind in enumerate(kinds):
        ref = "" if i == 0 else str(i + 1)
        top = 1 - i * (height + gap)
        H = rows[kind][0][1].shape[1]
        lo, hi = ranges[FREE] if any(q.scale == FREE for q, _ in rows[kind]) else (-1.0, 1.0)
        for j, (q, v) in enumerate(rows[kind]):
            if q.scale == SIGMOID:
                shapes += [
                    dict(
                        type="line",
                        xref=f"x{ref}",
                        yref=f"y{ref}",
                        x0=j * (H + 1) + 0.5,
                        x1=j * (H + 1) + H + 0.5,
                        y0=level,
                        y1=level,
                        line=dict(color="#555", width=1, dash="dot"),
                    )
                    for level in SATURATED
                ]
            data.append(
                dict(
                    type="bar",
                    x=j * (H + 1) + np.arange(1, H + 1),
                    y=v[start - 1],
                    xaxis=f"x{ref}",
                    yaxis=f"y{ref}",
                    name=q.symbol,
                    meta=dict(cell=kind, symbol=q.symbol),
                    marker=dict(
                        color=CELL_COLORS[kind],
                        opacity=[1.0 if u == unit else 0.55 for u in range(1, H + 1)],
                        line=dict(color=MARK, width=[2 if u == unit else 0 for u in range(1, H + 1)]),
                    ),
                    hovertemplate=f"{q.symbol}, {t('axis.unit', lang)} %{{customdata}}: %{{y:.4f}}<extra>"
                    f"{kind.upper()}</extra>",
                    customdata=np.arange(1, H + 1),
                )
            )
        centres = [j * (H + 1) + (H + 1) / 2 for j in range(len(rows[kind]))]
        names = [t(f"gates.q.{q.symbol}", lang) for q, _ in rows[kind]]
        axis_x = dict(tickmode="array", tickvals=centres, ticktext=names, range=[0, blocks * (H + 1)])
        axis_y = dict(range=[lo, hi], domain=[top - height, top], zeroline=True, zerolinecolor="#888")
        layout.update(axes(i, [0, 1], axis_x, axis_y))
        notes.append(
            dict(
                x=0,
                y=top,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="bottom",
                showarrow=False,
                text=f"<b>{t(f'cell.{kind}', lang)}</b>",
                font=dict(size=14, color=CELL_COLORS[kind]),
            )
        )
    layout.update(annotations=notes, shapes=shapes)

    def title(step: int) -> dict:
        return dict(text=_step_title(t("export.bars.title", lang, unit=unit), step, tokens), x=0, xanchor="left")

    frames = [
        frame(
            s,
            [dict(type="bar", y=v[s - 1]) for k in kinds for _, v in rows[k]],
            list(range(len(data))),
            title=title(s),
        )
        for s in range(1, T + 1)
    ]
    fig = figure(data, {**layout, "margin": dict(l=60, r=20, t=80, b=60)}, "", 60 + n * BAR_ROW + 60 + 20)
    fig.layout.title = title(start)
    return with_controls(fig, frames, T, start, lang)


def intent_bars(
    probs: dict[str, np.ndarray], intents: tuple[str, ...], tokens: list[str], start: int, lang: str = "en"
) -> go.Figure:
    """The intent page's bars (figures/intent.step_bars) after each token: ``probs[kind]`` (T, n); one frame a
    step (its bars, their labels, the winner in the cell's colour, the title), with the slider and play."""
    kinds, T = list(probs), len(tokens)
    fig = step_bars({k: p[start - 1] for k, p in probs.items()}, intents, tokens[start - 1], start, lang)

    def bars(p: np.ndarray, kind: str) -> dict:
        win = int(np.argmax(p))
        colors = [CELL_COLORS[kind] if j == win else LOSER for j in range(len(p))]
        return dict(type="bar", x=p, text=[f"{v:.0%}" for v in p], marker=dict(color=colors))

    def title(step: int) -> dict:
        return dict(text=t("intent.step.title", lang, step=step, token=label(tokens[step - 1])), x=0, xanchor="left")

    frames = [
        frame(s, [bars(probs[k][s - 1], k) for k in kinds], list(range(len(kinds))), title=title(s))
        for s in range(1, T + 1)
    ]
    return with_controls(fig, frames, T, start, lang)


def step_lines(fig: go.Figure, kinds: int, T: int, start: int) -> go.Figure:
    """A figure of ``kinds`` panels over steps 1..T (figures/intent.probability_lines) with the step marked
    by a vertical line in each panel, one frame a step."""

    def shapes(step: int) -> list[dict]:
        refs = ["" if i == 0 else str(i + 1) for i in range(kinds)]
        line = dict(color=MARK, width=2)
        return [
            dict(type="line", xref=f"x{r}", yref=f"y{r} domain", x0=step, x1=step, y0=0, y1=1, line=line) for r in refs
        ]

    fig.layout.shapes = shapes(start)
    fig.frames = [frame(s, shapes=shapes(s)) for s in range(1, T + 1)]
    return fig
