"""Hidden-state figures: one heatmap per cell type, units x time, side by side."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from .style import SIGNED, figure, tick_labels

GAP = 0.06  # between two panels, as a fraction of the width


def panels(n: int, gap: float = GAP) -> list[list[float]]:
    """Horizontal domains of n side-by-side panels, one per cell, left to right."""
    width = (1 - gap * (n - 1)) / n
    return [[i * (width + gap), i * (width + gap) + width] for i in range(n)]


def axes(i: int, domain: list[float], x: dict, y: dict) -> dict:
    """Layout entries of panel i's axes ("xaxis", "xaxis2", ...), anchored to each other."""
    n = "" if i == 0 else str(i + 1)
    return {f"xaxis{n}": {**x, "domain": domain, "anchor": f"y{n}"}, f"yaxis{n}": {**y, "anchor": f"x{n}"}}


def panel_title(text: str, domain: list[float], **font) -> dict:
    """A panel's title, centred over it."""
    return dict(
        x=sum(domain) / 2,
        y=1.0,
        xref="paper",
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        text=text,
        font=dict(size=14, **font),
    )


def hidden_states(states: dict[str, np.ndarray], tokens: list[str], lang: str = "en") -> go.Figure:
    """Heatmaps of h_t (units x time) for each cell kind, on one colour scale centred at 0."""
    kinds = list(states)
    # tanh and gated cells stay within [-1, 1]; relu or linear cells may go beyond
    zmax = max([1.0] + [float(np.abs(h[np.isfinite(h)]).max(initial=0.0)) for h in states.values()])
    ticks, domains = tick_labels(tokens), panels(len(kinds), GAP)
    data, layout = [], {"annotations": []}
    for i, kind in enumerate(kinds):
        h = states[kind]  # (T, H)
        ref = "" if i == 0 else str(i + 1)
        data.append(
            dict(
                type="heatmap",
                z=h.T,
                x=ticks,
                y=[str(u + 1) for u in range(h.shape[1])],
                xaxis=f"x{ref}",
                yaxis=f"y{ref}",
                zmin=-zmax,
                zmax=zmax,
                zmid=0,
                colorscale=SIGNED,
                showscale=i == len(kinds) - 1,
                colorbar=dict(title=dict(text="h")),
                hovertemplate="%{x}<br>unit %{y}<br>h = %{z:.3f}<extra>" + kind.upper() + "</extra>",
            )
        )
        x = dict(title=dict(text=t("axis.time", lang)), tickangle=-45)
        y = dict(title=dict(text=t("axis.unit", lang) if i == 0 else ""), autorange="reversed")
        layout.update(axes(i, domains[i], x, y))
        layout["annotations"].append(
            panel_title(t("home.heatmap.title", lang, cell=t(f"cell.{kind}", lang)), domains[i])
        )
    return figure(data, layout, t("home.states", lang), height=420)
