"""Figures of the gradients page: gradient norms through time, the per-step factors, W_hh's eigenvalues,
and the clipping experiment. Pure functions: numpy in, plotly out."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..clipping import UPDATES, Run
from ..gradients import FLOAT_MAX, first_nonfinite
from ..i18n import t
from .style import CELL_COLORS, base_layout, label, log_axis

THEORY_STYLE = {"rho": dict(color="#000000", dash="dash"), "sigma": dict(color="#7F7F7F", dash="dot")}
RUN_COLORS = {"plain": "#E69F00", "clipped": "#0072B2"}  # Okabe-Ito orange and blue
OVERFLOW_COLOR = "#CC79A7"


def _log_y(fig: go.Figure, title: str) -> None:
    fig.update_yaxes(**log_axis(*(trace.y for trace in fig.data if trace.y is not None)), title_text=title)


def _hline(fig: go.Figure, y: float, text: str, line: dict, at_top: bool = True) -> None:
    """A horizontal line across a log-y chart, labelled at its right end.

    add_hline's own label is misplaced on log axes (plotly places annotations in log10 units there).
    """
    fig.add_hline(y=y, line=line)
    fig.add_annotation(x=1, xref="paper", y=float(np.log10(y)), yref="y", text=text, showarrow=False,
                       xanchor="right", yanchor="bottom" if at_top else "top", font=dict(color=line["color"]),
                       bgcolor="rgba(255,255,255,0.7)")


def _shown(values: np.ndarray) -> np.ndarray:
    """Values a log axis can draw; inf, NaN and 0 become gaps (NaN)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def _overflow(fig: go.Figure, x: np.ndarray, values: np.ndarray, name: str, color: str, row: int,
              lang: str) -> None:
    """Mark where ``values`` are inf / NaN: crosses at float64's maximum and a line at the first one."""
    bad = ~np.isfinite(values)
    fig.add_trace(go.Scatter(
        x=x[bad], y=np.full(bad.sum(), FLOAT_MAX), mode="markers", name=t("gradients.fig.nonfinite", lang, name=name),
        marker=dict(symbol="x-thin", size=6, line=dict(width=1.5, color=color)),
        hovertemplate=t("gradients.fig.nonfinite.hover", lang) + "<extra>" + name + "</extra>",
    ))
    first = first_nonfinite(values)
    fig.add_vline(x=first, line=dict(color=color, dash="dash", width=1.5))
    fig.add_annotation(x=first, y=1 - 0.08 * row, xref="x", yref="paper", showarrow=False, xanchor="left",
                       text=t("gradients.fig.nonfinite.at", lang, name=name, t=first),
                       font=dict(color=color), bgcolor="rgba(255,255,255,0.8)")


def gradient_chart(grads: dict[str, np.ndarray], tokens: list[str], theory: dict[str, np.ndarray],
                   rates: dict[str, float], lang: str = "en") -> go.Figure:
    """||dL/dh_t|| over t = 1..T for each cell (log y), the theory curves, and any overflow marked."""
    T = len(tokens)
    x = np.arange(1, T + 1)
    words = [label(tok) for tok in tokens]
    fig = go.Figure()
    for name, curve in theory.items():
        fig.add_trace(go.Scatter(
            x=x, y=_shown(curve), mode="lines", line=dict(width=1.5, **THEORY_STYLE[name]),
            name=t(f"gradients.fig.theory.{name}", lang, rate=f"{rates[name]:.3f}"),
            hovertemplate="t = %{x}<br>%{y:.3g}<extra></extra>",
        ))
    overflows = 0
    for kind, g in grads.items():
        name = t(f"cell.{kind}", lang)
        fig.add_trace(go.Scatter(
            x=x, y=_shown(g), mode="lines", name=name, customdata=words,
            line=dict(color=CELL_COLORS[kind], width=2.5),
            hovertemplate="t = %{x}: %{customdata}<br>||dL/dh_t|| = %{y:.3g}<extra>" + name + "</extra>",
        ))
        if first_nonfinite(g) is not None:
            overflows += 1
            _overflow(fig, x, g, name, CELL_COLORS[kind], overflows, lang)
    if overflows:
        _hline(fig, FLOAT_MAX, t("gradients.fig.float_max", lang), dict(color=OVERFLOW_COLOR, width=1, dash="dot"),
               at_top=False)
    fig.update_xaxes(title_text=t("gradients.fig.t", lang), range=[0.5, T + 0.5])
    _log_y(fig, t("gradients.fig.grad.y", lang))
    fig.update_yaxes(range=_focus([*grads.values(), *[c for k, c in theory.items() if k == "rho"]], overflows > 0))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    return base_layout(fig, t("gradients.fig.grad.title", lang, T=T), height=460)


def _focus(curves: list[np.ndarray], overflow: bool) -> list[float] | None:
    """A log-y range (log10 units) around the measured curves and rho's line, with float64's maximum if
    anything overflowed; the looser sigma_max bound may leave it through the top."""
    values = np.concatenate([_shown(c) for c in curves] + [np.array([FLOAT_MAX if overflow else np.nan])])
    values = values[np.isfinite(values)]
    if not values.size:
        return None
    lo, hi = np.log10(values.min()), np.log10(values.max())
    pad = max(0.5, 0.06 * (hi - lo))
    return [float(lo - pad), float(hi + pad)]


def factor_chart(factors: dict[str, np.ndarray], memory: np.ndarray | None, sigma: float | None,
                 lang: str = "en") -> go.Figure:
    """||J_t||_2 over t for each cell (log y), with the line at 1 and the RNN's bound sigma_max(W_hh)."""
    fig = go.Figure()
    T = max(len(f) for f in factors.values())
    x = np.arange(1, T + 1)
    for kind, f in factors.items():
        name = t(f"cell.{kind}", lang)
        fig.add_trace(go.Scatter(
            x=x, y=_shown(f), mode="lines", name=t("gradients.fig.factor.name", lang, cell=name),
            line=dict(color=CELL_COLORS[kind], width=2),
            hovertemplate="t = %{x}<br>||J_t|| = %{y:.3g}<extra>" + name + "</extra>",
        ))
    if memory is not None:
        fig.add_trace(go.Scatter(
            x=x, y=_shown(memory), mode="lines", name=t("gradients.fig.factor.memory", lang),
            line=dict(color=CELL_COLORS["lstm"], width=1.5, dash="dot"),
            hovertemplate="t = %{x}<br>||dc_t/dc_(t-1)|| = %{y:.3g}<extra>LSTM</extra>",
        ))
    _hline(fig, 1.0, t("gradients.fig.one", lang), dict(color="#000000", width=1))
    if sigma is not None and sigma > 0:
        _hline(fig, sigma, t("gradients.fig.sigma_line", lang, sigma=f"{sigma:.3f}"),
               dict(color=CELL_COLORS["rnn"], width=1.5, dash="dash"), at_top=sigma >= 1)
    fig.update_xaxes(title_text=t("gradients.fig.t", lang), range=[0.5, T + 0.5])
    _log_y(fig, t("gradients.fig.factor.y", lang))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.22, x=0))
    return base_layout(fig, t("gradients.fig.factor.title", lang), height=400)


def _circle(r: float, n: int = 181) -> tuple[np.ndarray, np.ndarray]:
    a = np.linspace(0, 2 * np.pi, n)
    return r * np.cos(a), r * np.sin(a)


def eigen_chart(eigenvalues: np.ndarray, radius: float, sigma: float, lang: str = "en") -> go.Figure:
    """W_hh's eigenvalues on the complex plane, with the unit circle and the circles of radius rho and sigma."""
    fig = go.Figure()
    circles = (("unit", 1.0, dict(color="#000000", width=1.5)),
               ("rho", radius, dict(color=CELL_COLORS["rnn"], width=1.5, dash="dash")),
               ("sigma", sigma, dict(color="#7F7F7F", width=1.5, dash="dot")))
    for key, r, line in circles:
        cx, cy = _circle(r)
        fig.add_trace(go.Scatter(x=cx, y=cy, mode="lines", line=line, hoverinfo="skip",
                                 name=t(f"gradients.fig.eig.{key}", lang, r=f"{r:.3f}")))
    fig.add_trace(go.Scatter(
        x=eigenvalues.real, y=eigenvalues.imag, mode="markers", name=t("gradients.fig.eig.points", lang),
        marker=dict(color=CELL_COLORS["rnn"], size=9, line=dict(color="white", width=1)),
        customdata=np.abs(eigenvalues),
        hovertemplate="λ = %{x:.3f} %{y:+.3f}i<br>|λ| = %{customdata:.3f}<extra></extra>",
    ))
    extent = 1.1 * max(1.0, radius, sigma)
    fig.update_xaxes(title_text=t("gradients.fig.eig.x", lang), range=[-extent, extent], zeroline=True)
    fig.update_yaxes(title_text=t("gradients.fig.eig.y", lang), range=[-extent, extent], zeroline=True,
                     scaleanchor="x", scaleratio=1)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.2, x=0))
    return base_layout(fig, t("gradients.fig.eig.title", lang), height=520)


def _runs(fig: go.Figure, runs: dict[str, Run], field: str, lang: str) -> None:
    for name, run in reversed(runs.items()):  # the unclipped run on top: both start at the same point
        values = getattr(run, field)
        k = np.arange(1, len(values) + 1)
        label_ = t(f"gradients.fig.run.{name}", lang)
        fig.add_trace(go.Scatter(x=k, y=_shown(values), mode="lines+markers", name=label_,
                                 line=dict(color=RUN_COLORS[name], width=2), marker=dict(size=3),
                                 hovertemplate="%{x}: %{y:.3g}<extra>" + label_ + "</extra>"))
        if run.diverged is not None:
            fig.add_vline(x=run.diverged, line=dict(color=RUN_COLORS[name], dash="dash"),
                          annotation_text=t("gradients.fig.run.diverged", lang, k=run.diverged),
                          annotation_position="top right")
    fig.update_xaxes(title_text=t("gradients.fig.update", lang), range=[0.5, UPDATES + 0.5])


def clip_norm_chart(runs: dict[str, Run], clip: float, lang: str = "en") -> go.Figure:
    """The global gradient norm per update (before clipping), both runs, against the threshold."""
    fig = go.Figure()
    _runs(fig, runs, "norms", lang)
    _hline(fig, clip, t("gradients.fig.threshold", lang, c=f"{clip:g}"), dict(color="#000000", width=1.5, dash="dash"))
    _log_y(fig, t("gradients.fig.clipnorm.y", lang))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.22, x=0))
    return base_layout(fig, t("gradients.fig.clipnorm.title", lang), height=400)


def clip_loss_chart(runs: dict[str, Run], lang: str = "en") -> go.Figure:
    """The training loss per update, both runs, against the MSE of always answering 0."""
    fig = go.Figure()
    _runs(fig, runs, "losses", lang)
    _hline(fig, 1.0, t("gradients.fig.baseline", lang), dict(color="#7F7F7F", width=1, dash="dot"))
    _log_y(fig, t("gradients.fig.loss.y", lang))
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.22, x=0))
    return base_layout(fig, t("gradients.fig.loss.title", lang), height=400)
