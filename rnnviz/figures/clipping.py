"""Figures of the clipping experiment: both training runs' gradient norms and losses per update.
Pure functions: numpy in, plotly out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..clipping import UPDATES, Run
from ..i18n import t
from .gradients import LEGEND_BELOW, labelled_hline, shown
from .style import figure, log_axis

RUN_COLORS = {"plain": "#E69F00", "clipped": "#0072B2"}  # Okabe-Ito orange and blue


def _runs(runs: dict[str, Run], field: str, lang: str) -> tuple[list[dict], list[dict], list[dict]]:
    """Both runs' curves, and a dashed line where a run diverged: (traces, shapes, annotations)."""
    data, shapes, notes = [], [], []
    for name, run in reversed(runs.items()):  # the unclipped run on top: both start at the same point
        values = getattr(run, field)
        label_ = t(f"gradients.fig.run.{name}", lang)
        data.append(
            dict(
                type="scatter",
                x=np.arange(1, len(values) + 1),
                y=shown(values),
                mode="lines+markers",
                name=label_,
                line=dict(color=RUN_COLORS[name], width=2),
                marker=dict(size=3),
                hovertemplate="%{x}: %{y:.3g}<extra>" + label_ + "</extra>",
            )
        )
        if run.diverged is not None:
            shapes.append(
                dict(
                    type="line",
                    x0=run.diverged,
                    x1=run.diverged,
                    xref="x",
                    y0=0,
                    y1=1,
                    yref="paper",
                    line=dict(color=RUN_COLORS[name], dash="dash"),
                )
            )
            notes.append(
                dict(
                    x=run.diverged,
                    y=1,
                    xref="x",
                    yref="paper",
                    showarrow=False,
                    xanchor="left",
                    yanchor="top",
                    text=t("gradients.fig.run.diverged", lang, k=run.diverged),
                )
            )
    return data, shapes, notes


def _runs_chart(
    runs: dict[str, Run], field: str, level: tuple[dict, dict], y_title: str, title: str, lang: str
) -> go.Figure:
    data, shapes, notes = _runs(runs, field, lang)
    layout = dict(
        xaxis=dict(title=dict(text=t("gradients.fig.update", lang)), range=[0.5, UPDATES + 0.5]),
        yaxis=dict(**log_axis(*(d["y"] for d in data)), title=dict(text=y_title)),
        shapes=[*shapes, level[0]],
        annotations=[*notes, level[1]],
        legend=LEGEND_BELOW,
    )
    return figure(data, layout, title, height=400)


def clip_norm_chart(runs: dict[str, Run], clip: float, lang: str = "en") -> go.Figure:
    """The global gradient norm per update (before clipping), both runs, against the threshold."""
    level = labelled_hline(
        clip, t("gradients.fig.threshold", lang, c=f"{clip:g}"), dict(color="#000000", width=1.5, dash="dash")
    )
    return _runs_chart(
        runs, "norms", level, t("gradients.fig.clipnorm.y", lang), t("gradients.fig.clipnorm.title", lang), lang
    )


def clip_loss_chart(runs: dict[str, Run], lang: str = "en") -> go.Figure:
    """The training loss per update, both runs, against the MSE of always answering 0."""
    level = labelled_hline(1.0, t("gradients.fig.baseline", lang), dict(color="#7F7F7F", width=1, dash="dot"))
    return _runs_chart(
        runs, "losses", level, t("gradients.fig.loss.y", lang), t("gradients.fig.loss.title", lang), lang
    )


def clip_findings(runs: dict[str, Run], clip: float, lang: str = "en") -> list[str]:
    """The clipping runs' outcome in words: how many updates were clipped, and how each run ended."""
    clipped = runs["clipped"]
    lines = [t("gradients.clip.above", lang, k=int(np.sum(clipped.norms > clip)), n=len(clipped.norms), c=f"{clip:g}")]
    for name, run in runs.items():
        who = t(f"gradients.fig.run.{name}", lang)
        if run.diverged is not None:
            lines.append(t("gradients.clip.diverged", lang, who=who, k=run.diverged))
        else:
            lines.append(t("gradients.clip.final", lang, who=who, loss=f"{np.mean(run.losses[-10:]):.3g}"))
    return lines
