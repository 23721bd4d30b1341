"""Hidden-state figures: one heatmap per cell type, units x time, side by side."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..i18n import t
from .style import DIVERGING, base_layout, tick_labels


def hidden_states(states: dict[str, np.ndarray], tokens: list[str], lang: str = "en") -> go.Figure:
    """Heatmaps of h_t (units x time) for each cell kind, on one colour scale centred at 0."""
    kinds = list(states)
    # tanh and gated cells stay within [-1, 1]; relu or linear cells may go beyond
    zmax = max([1.0] + [float(np.abs(h[np.isfinite(h)]).max(initial=0.0)) for h in states.values()])
    fig = make_subplots(
        rows=1, cols=len(kinds), horizontal_spacing=0.06,
        subplot_titles=[t("home.heatmap.title", lang, cell=t(f"cell.{k}", lang)) for k in kinds],
    )
    ticks = tick_labels(tokens)
    for col, kind in enumerate(kinds, start=1):
        h = states[kind]  # (T, H)
        fig.add_trace(
            go.Heatmap(
                z=h.T, x=ticks, y=[str(u + 1) for u in range(h.shape[1])],
                zmin=-zmax, zmax=zmax, zmid=0, colorscale=DIVERGING,
                showscale=col == len(kinds), colorbar=dict(title="h"),
                hovertemplate="%{x}<br>unit %{y}<br>h = %{z:.3f}<extra>" + kind.upper() + "</extra>",
            ),
            row=1, col=col,
        )
        fig.update_xaxes(title_text=t("axis.time", lang), row=1, col=col, tickangle=-45)
        fig.update_yaxes(title_text=t("axis.unit", lang) if col == 1 else None, row=1, col=col,
                         autorange="reversed")
    return base_layout(fig, t("home.states", lang), height=420)
