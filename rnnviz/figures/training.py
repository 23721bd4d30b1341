"""Training figures: loss, held-out score and gradient norm per update; score against sequence length.

Curves come in as {cell kind: numpy array}; every figure is a pure function of its data.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from .style import CELL_COLORS, figure, hline, log_axis

BASELINE = dict(color="#555555", dash="dash", width=2)


def _name(kind: str, lang: str) -> str:
    return t(f"cell.{kind}", lang)


def _curve(kind: str, x, y, lang: str, width: float, mode: str = "lines", **more) -> dict:
    return dict(
        type="scatter",
        x=np.asarray(x),
        y=np.asarray(y),
        mode=mode,
        name=_name(kind, lang),
        line=dict(color=CELL_COLORS[kind], width=width),
        **more,
    )


def _score_axis(metric: str, lang: str) -> dict:
    """Accuracy from 0 to 1, or the MSE on a log axis."""
    title = dict(text=t(f"training.metric.{metric}", lang))
    return dict(title=title, range=[0, 1.05]) if metric == "accuracy" else dict(title=title, type="log", dtick=1)


def _per_update(
    curves: dict[str, np.ndarray], lang: str, y: dict, lines: list[tuple[dict, dict]], title: str, **log
) -> go.Figure:
    """One line per cell over the updates 1..n, with labelled horizontal lines."""
    data = []
    for kind, values in curves.items():
        values = np.asarray(values, dtype=float)
        shown = np.where(values > 0, values, np.nan) if log else values
        data.append(_curve(kind, np.arange(1, len(values) + 1), shown, lang, 1.2 if log else 1.5))
    layout = dict(
        xaxis=dict(title=dict(text=t("training.axis.step", lang))),
        yaxis=y,
        shapes=[s for s, _ in lines],
        annotations=[n for _, n in lines],
    )
    return figure(data, layout, title, height=320)


def loss_curves(losses: dict[str, np.ndarray], metric: str, lang: str = "en") -> go.Figure:
    """Training loss per update, one line per cell, on a log axis (losses fall by decades)."""
    axis = "training.loss.axis.ce" if metric == "accuracy" else "training.loss.axis.mse"
    y = dict(title=dict(text=t(axis, lang)), **log_axis(*losses.values()))
    return _per_update(losses, lang, y, [], t("training.loss.title", lang))


def score_curves(
    steps: dict[str, np.ndarray], scores: dict[str, np.ndarray], metric: str, baseline: float, lang: str = "en"
) -> go.Figure:
    """Held-out accuracy (or MSE, log axis) against update, with the chance / constant-prediction line."""
    data = [
        _curve(kind, steps[kind], scores[kind], lang, 2.5, mode="lines+markers", marker=dict(size=5)) for kind in scores
    ]
    line = hline(baseline, t(f"training.baseline.{metric}", lang, value=baseline), BASELINE, log_y=metric != "accuracy")
    layout = dict(
        xaxis=dict(title=dict(text=t("training.axis.step", lang))),
        yaxis=_score_axis(metric, lang),
        shapes=[line[0]],
        annotations=[line[1]],
    )
    return figure(data, layout, t(f"training.score.title.{metric}", lang), height=320)


def grad_norms(norms: dict[str, np.ndarray], clip: float, lang: str = "en") -> go.Figure:
    """Global gradient norm of every update before clipping (log axis), and the clipping threshold."""
    y = dict(title=dict(text=t("training.grad.axis", lang)), **log_axis(*norms.values(), [clip]))
    line = hline(clip, t("training.grad.clip", lang, value=clip), BASELINE, log_y=True)
    return _per_update(norms, lang, y, [line], t("training.grad.title", lang), log=True)


def first_step_grads(values: dict[str, np.ndarray], lang: str = "en") -> go.Figure:
    """Per update, the gradient of the loss with respect to the first input (log axis): what reaches it."""
    y = dict(title=dict(text=t("training.first.axis", lang)), **log_axis(*values.values()))
    return _per_update(values, lang, y, [], t("training.first.title", lang), log=True)


def by_length(
    runs: list[dict], task: str, metric: str, baseline: float, live: list[dict] | None = None, lang: str = "en"
) -> go.Figure:
    """Test score against sequence length: one dot per seed, a line through the mean, per cell.

    ``runs`` are result records (task, cell, length, seed, accuracy|mse); ``live`` are more records,
    drawn as stars: runs made in this session.
    """
    data = []
    for kind in CELL_COLORS:
        mine = [r for r in runs if r["task"] == task and r["cell"] == kind]
        if not mine:
            continue
        lengths = sorted({r["length"] for r in mine})
        means = [np.mean([r[metric] for r in mine if r["length"] == n]) for n in lengths]
        seeds = len({r["seed"] for r in mine})
        data.append(
            {
                **_curve(kind, lengths, means, lang, 3),
                "name": t("training.classic.mean", lang, cell=_name(kind, lang), n=seeds),
            }
        )
        data.append(
            dict(
                type="scatter",
                x=[r["length"] for r in mine],
                y=[r[metric] for r in mine],
                mode="markers",
                marker=dict(color=CELL_COLORS[kind], size=8, opacity=0.6),
                showlegend=False,
                name=_name(kind, lang),
            )
        )
    for i, r in enumerate(live or []):
        data.append(
            dict(
                type="scatter",
                x=[r["length"]],
                y=[r[metric]],
                mode="markers",
                name=t("training.classic.live", lang),
                showlegend=i == 0,
                marker=dict(symbol="star", size=18, color=CELL_COLORS[r["cell"]], line=dict(color="black", width=1)),
            )
        )
    line = hline(baseline, t(f"training.baseline.{metric}", lang, value=baseline), BASELINE, log_y=metric != "accuracy")
    measured = sorted({r["length"] for r in runs if r["task"] == task} | {r["length"] for r in live or []})
    layout = dict(
        xaxis=dict(title=dict(text=t("training.classic.axis", lang)), type="log", tickvals=measured),
        yaxis=_score_axis(metric, lang),
        shapes=[line[0]],
        annotations=[line[1]],
    )
    return figure(data, layout, t(f"training.classic.title.{metric}", lang, task=task), height=380)
