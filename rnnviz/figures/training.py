"""Training figures: loss, held-out score and gradient norm per update; score against sequence length.

Curves come in as {cell kind: numpy array}; every figure is a pure function of its data.
"""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from .style import CELL_COLORS, base_layout, log_axis

BASELINE = dict(color="#555555", dash="dash", width=2)


def _name(kind: str, lang: str) -> str:
    return t(f"cell.{kind}", lang)


def _baseline(fig: go.Figure, value: float, text: str) -> None:
    fig.add_hline(y=value, line=BASELINE, annotation_text=text, annotation_position="top right")


def loss_curves(losses: dict[str, np.ndarray], metric: str, lang: str = "en") -> go.Figure:
    """Training loss per update, one line per cell, on a log axis (losses fall by decades)."""
    fig = go.Figure()
    for kind, loss in losses.items():
        fig.add_scatter(x=np.arange(1, len(loss) + 1), y=np.asarray(loss), mode="lines", name=_name(kind, lang),
                        line=dict(color=CELL_COLORS[kind], width=1.5))
    axis = "training.loss.axis.ce" if metric == "accuracy" else "training.loss.axis.mse"
    fig.update_xaxes(title=t("training.axis.step", lang))
    fig.update_yaxes(title=t(axis, lang), **log_axis(*losses.values()))
    return base_layout(fig, t("training.loss.title", lang), height=320)


def score_curves(steps: dict[str, np.ndarray], scores: dict[str, np.ndarray], metric: str, baseline: float,
                 lang: str = "en") -> go.Figure:
    """Held-out accuracy (or MSE, log axis) against update, with the chance / constant-prediction line."""
    fig = go.Figure()
    for kind in scores:
        fig.add_scatter(x=np.asarray(steps[kind]), y=np.asarray(scores[kind]), mode="lines+markers",
                        name=_name(kind, lang), line=dict(color=CELL_COLORS[kind], width=2.5),
                        marker=dict(size=5))
    _baseline(fig, baseline, t(f"training.baseline.{metric}", lang, value=baseline))
    fig.update_xaxes(title=t("training.axis.step", lang))
    if metric == "accuracy":
        fig.update_yaxes(title=t("training.metric.accuracy", lang), range=[0, 1.05])
    else:
        fig.update_yaxes(title=t("training.metric.mse", lang), type="log", dtick=1)
    return base_layout(fig, t(f"training.score.title.{metric}", lang), height=320)


def grad_norms(norms: dict[str, np.ndarray], clip: float, lang: str = "en") -> go.Figure:
    """Global gradient norm of every update before clipping (log axis), and the clipping threshold."""
    fig = go.Figure()
    for kind, norm in norms.items():
        norm = np.asarray(norm, dtype=float)
        fig.add_scatter(x=np.arange(1, len(norm) + 1), y=np.where(norm > 0, norm, np.nan), mode="lines",
                        name=_name(kind, lang), line=dict(color=CELL_COLORS[kind], width=1.2))
    _baseline(fig, clip, t("training.grad.clip", lang, value=clip))
    fig.update_xaxes(title=t("training.axis.step", lang))
    fig.update_yaxes(title=t("training.grad.axis", lang), **log_axis(*norms.values(), [clip]))
    return base_layout(fig, t("training.grad.title", lang), height=320)


def first_step_grads(values: dict[str, np.ndarray], lang: str = "en") -> go.Figure:
    """Per update, the gradient of the loss with respect to the first input (log axis): what reaches it."""
    fig = go.Figure()
    for kind, v in values.items():
        v = np.asarray(v, dtype=float)
        fig.add_scatter(x=np.arange(1, len(v) + 1), y=np.where(v > 0, v, np.nan), mode="lines",
                        name=_name(kind, lang), line=dict(color=CELL_COLORS[kind], width=1.2))
    fig.update_xaxes(title=t("training.axis.step", lang))
    fig.update_yaxes(title=t("training.first.axis", lang), **log_axis(*values.values()))
    return base_layout(fig, t("training.first.title", lang), height=320)


def by_length(runs: list[dict], task: str, metric: str, baseline: float, live: list[dict] | None = None,
              lang: str = "en") -> go.Figure:
    """Test score against sequence length: one dot per seed, a line through the mean, per cell.

    ``runs`` are result records (task, cell, length, seed, accuracy|mse); ``live`` are more records,
    drawn as stars: runs made in this session.
    """
    fig = go.Figure()
    for kind in CELL_COLORS:
        mine = [r for r in runs if r["task"] == task and r["cell"] == kind]
        if not mine:
            continue
        lengths = sorted({r["length"] for r in mine})
        means = [np.mean([r[metric] for r in mine if r["length"] == n]) for n in lengths]
        seeds = len({r["seed"] for r in mine})
        fig.add_scatter(x=lengths, y=means, mode="lines", line=dict(color=CELL_COLORS[kind], width=3),
                        name=t("training.classic.mean", lang, cell=_name(kind, lang), n=seeds))
        fig.add_scatter(x=[r["length"] for r in mine], y=[r[metric] for r in mine], mode="markers",
                        marker=dict(color=CELL_COLORS[kind], size=8, opacity=0.6), showlegend=False,
                        name=_name(kind, lang))
    for i, r in enumerate(live or []):
        fig.add_scatter(x=[r["length"]], y=[r[metric]], mode="markers", name=t("training.classic.live", lang),
                        showlegend=i == 0, marker=dict(symbol="star", size=18, color=CELL_COLORS[r["cell"]],
                                                       line=dict(color="black", width=1)))
    _baseline(fig, baseline, t(f"training.baseline.{metric}", lang, value=baseline))
    measured = sorted({r["length"] for r in runs if r["task"] == task} | {r["length"] for r in live or []})
    fig.update_xaxes(title=t("training.classic.axis", lang), type="log", tickvals=measured)
    if metric == "accuracy":
        fig.update_yaxes(title=t("training.metric.accuracy", lang), range=[0, 1.05])
    else:
        fig.update_yaxes(title=t("training.metric.mse", lang), type="log", dtick=1)
    return base_layout(fig, t(f"training.classic.title.{metric}", lang, task=task), height=380)
