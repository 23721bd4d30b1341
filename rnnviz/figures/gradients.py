"""Figures of the gradients page: gradient norms through time, the per-step factors and W_hh's eigenvalues
(the clipping experiment's are in figures/clipping.py). Pure functions: numpy in, plotly out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..gradients import FLOAT_MAX, first_nonfinite
from ..i18n import t
from .style import CELL_COLORS, figure, hline, label, log_axis

THEORY_STYLE = {"rho": dict(color="#000000", dash="dash"), "sigma": dict(color="#7F7F7F", dash="dot")}
OVERFLOW_COLOR = "#CC79A7"
LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.22, x=0)
LABEL_BACK = "rgba(255,255,255,0.7)"  # behind a line's label, so the curves under it stay readable


def shown(values: np.ndarray) -> np.ndarray:
    """Values a log axis can draw; inf, NaN and 0 become gaps (NaN)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values) & (values > 0), values, np.nan)


def _line(x: np.ndarray, y: np.ndarray, name: str, line: dict, hover: str, **more) -> dict:
    return dict(type="scatter", x=x, y=shown(y), mode="lines", name=name, line=line, hovertemplate=hover, **more)


def labelled_hline(y: float, text: str, line: dict, at_top: bool = True) -> tuple[dict, dict]:
    shape, note = hline(y, text, line, log_y=True, at_top=at_top)
    return shape, {**note, "bgcolor": LABEL_BACK}


def _overflow(x: np.ndarray, values: np.ndarray, name: str, color: str, row: int, lang: str):
    """Where ``values`` are inf / NaN: crosses at float64's maximum, a line at the first one and its label."""
    bad = ~np.isfinite(values)
    crosses = dict(
        type="scatter",
        x=x[bad],
        y=np.full(bad.sum(), FLOAT_MAX),
        mode="markers",
        name=t("gradients.fig.nonfinite", lang, name=name),
        marker=dict(symbol="x-thin", size=6, line=dict(width=1.5, color=color)),
        hovertemplate=t("gradients.fig.nonfinite.hover", lang) + "<extra>" + name + "</extra>",
    )
    first = first_nonfinite(values)
    shape = dict(
        type="line",
        x0=first,
        x1=first,
        xref="x",
        y0=0,
        y1=1,
        yref="paper",
        line=dict(color=color, dash="dash", width=1.5),
    )
    note = dict(
        x=first,
        y=1 - 0.08 * row,
        xref="x",
        yref="paper",
        showarrow=False,
        xanchor="left",
        text=t("gradients.fig.nonfinite.at", lang, name=name, t=first),
        font=dict(color=color),
        bgcolor="rgba(255,255,255,0.8)",
    )
    return crosses, shape, note


def _focus(curves: list[np.ndarray], overflow: bool) -> list[float] | None:
    """A log-y range (log10 units) around the measured curves and rho's line, with float64's maximum if
    anything overflowed; the looser sigma_max bound may leave it through the top."""
    values = np.concatenate([shown(c) for c in curves] + [np.array([FLOAT_MAX if overflow else np.nan])])
    values = values[np.isfinite(values)]
    if not values.size:
        return None
    lo, hi = np.log10(values.min()), np.log10(values.max())
    pad = max(0.5, 0.06 * (hi - lo))
    return [float(lo - pad), float(hi + pad)]


def gradient_chart(
    grads: dict[str, np.ndarray],
    tokens: list[str],
    theory: dict[str, np.ndarray],
    rates: dict[str, float],
    lang: str = "en",
    top: bool = False,
) -> go.Figure:
    """||dL/dh_t|| over t = 1..T for each cell (log y), the theory curves, and any overflow marked; ``top``: of
    the top layer of several, or of both directions (L: the sum of the top layer's final states)."""
    T = len(tokens)
    x = np.arange(1, T + 1)
    words = [label(tok) for tok in tokens]
    data = [
        _line(
            x,
            curve,
            t(f"gradients.fig.theory.{name}", lang, rate=f"{rates[name]:.3f}"),
            dict(width=1.5, **THEORY_STYLE[name]),
            "t = %{x}<br>%{y:.3g}<extra></extra>",
        )
        for name, curve in theory.items()
    ]
    shapes, notes = [], []
    for kind, g in grads.items():
        name = t(f"cell.{kind}", lang)
        data.append(
            _line(
                x,
                g,
                name,
                dict(color=CELL_COLORS[kind], width=2.5),
                "t = %{x}: %{customdata}<br>||dL/dh_t|| = %{y:.3g}<extra>" + name + "</extra>",
                customdata=words,
            )
        )
        if first_nonfinite(g) is not None:
            crosses, shape, note = _overflow(x, g, name, CELL_COLORS[kind], len(shapes) + 1, lang)
            data.append(crosses)
            shapes.append(shape)
            notes.append(note)
    overflow = bool(shapes)
    if overflow:
        shape, note = labelled_hline(
            FLOAT_MAX, t("gradients.fig.float_max", lang), dict(color=OVERFLOW_COLOR, width=1, dash="dot"), at_top=False
        )
        shapes.append(shape)
        notes.append(note)
    measured = [*grads.values(), *[c for k, c in theory.items() if k == "rho"]]
    y = dict(**log_axis(*(d["y"] for d in data)), title=dict(text=t("gradients.fig.grad.y", lang)))
    if (focus := _focus(measured, overflow)) is not None:
        y["range"] = focus
    layout = dict(
        xaxis=dict(title=dict(text=t("gradients.fig.t", lang)), range=[0.5, T + 0.5]),
        yaxis=y,
        shapes=shapes,
        annotations=notes,
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0),
    )
    title = t("gradients.fig.grad.title.top" if top else "gradients.fig.grad.title", lang, T=T)
    return figure(data, layout, title, height=460)


def factor_chart(
    factors: dict[str, np.ndarray], memory: np.ndarray | None, sigma: float | None, lang: str = "en"
) -> go.Figure:
    """||J_t||_2 over t for each cell (log y), with the line at 1 and the RNN's bound sigma_max(W_hh)."""
    T = max(len(f) for f in factors.values())
    x = np.arange(1, T + 1)
    data = []
    for kind, f in factors.items():
        name = t(f"cell.{kind}", lang)
        data.append(
            _line(
                x,
                f,
                t("gradients.fig.factor.name", lang, cell=name),
                dict(color=CELL_COLORS[kind], width=2),
                "t = %{x}<br>||J_t|| = %{y:.3g}<extra>" + name + "</extra>",
            )
        )
    if memory is not None:
        data.append(
            _line(
                x,
                memory,
                t("gradients.fig.factor.memory", lang),
                dict(color=CELL_COLORS["lstm"], width=1.5, dash="dot"),
                "t = %{x}<br>||dc_t/dc_(t-1)|| = %{y:.3g}<extra>LSTM</extra>",
            )
        )
    lines = [labelled_hline(1.0, t("gradients.fig.one", lang), dict(color="#000000", width=1))]
    if sigma is not None and sigma > 0:
        lines.append(
            labelled_hline(
                sigma,
                t("gradients.fig.sigma_line", lang, sigma=f"{sigma:.3f}"),
                dict(color=CELL_COLORS["rnn"], width=1.5, dash="dash"),
                at_top=sigma >= 1,
            )
        )
    layout = dict(
        xaxis=dict(title=dict(text=t("gradients.fig.t", lang)), range=[0.5, T + 0.5]),
        yaxis=dict(**log_axis(*(d["y"] for d in data)), title=dict(text=t("gradients.fig.factor.y", lang))),
        shapes=[s for s, _ in lines],
        annotations=[n for _, n in lines],
        legend=LEGEND_BELOW,
    )
    return figure(data, layout, t("gradients.fig.factor.title", lang), height=400)


def _circle(r: float, n: int = 181) -> tuple[np.ndarray, np.ndarray]:
    a = np.linspace(0, 2 * np.pi, n)
    return r * np.cos(a), r * np.sin(a)


def eigen_chart(eigenvalues: np.ndarray, radius: float, sigma: float, lang: str = "en") -> go.Figure:
    """W_hh's eigenvalues on the complex plane, with the unit circle and the circles of radius rho and sigma."""
    circles = (
        ("unit", 1.0, dict(color="#000000", width=1.5)),
        ("rho", radius, dict(color=CELL_COLORS["rnn"], width=1.5, dash="dash")),
        ("sigma", sigma, dict(color="#7F7F7F", width=1.5, dash="dot")),
    )
    data = []
    for key, r, line in circles:
        cx, cy = _circle(r)
        data.append(
            dict(
                type="scatter",
                x=cx,
                y=cy,
                mode="lines",
                line=line,
                hoverinfo="skip",
                name=t(f"gradients.fig.eig.{key}", lang, r=f"{r:.3f}"),
            )
        )
    data.append(
        dict(
            type="scatter",
            x=eigenvalues.real,
            y=eigenvalues.imag,
            mode="markers",
            name=t("gradients.fig.eig.points", lang),
            customdata=np.abs(eigenvalues),
            marker=dict(color=CELL_COLORS["rnn"], size=9, line=dict(color="white", width=1)),
            hovertemplate="λ = %{x:.3f} %{y:+.3f}i<br>|λ| = %{customdata:.3f}<extra></extra>",
        )
    )
    extent = 1.1 * max(1.0, radius, sigma)
    layout = dict(
        xaxis=dict(title=dict(text=t("gradients.fig.eig.x", lang)), range=[-extent, extent], zeroline=True),
        yaxis=dict(
            title=dict(text=t("gradients.fig.eig.y", lang)),
            range=[-extent, extent],
            zeroline=True,
            scaleanchor="x",
            scaleratio=1,
        ),
        legend=dict(orientation="h", yanchor="top", y=-0.2, x=0),
    )
    return figure(data, layout, t("gradients.fig.eig.title", lang), height=520)


DIRECTION_DASH = {False: "solid", True: "dot"}  # forward, backward
LAYER_WIDTH = (3.0, 2.0, 1.2)  # the bottom layer drawn widest


def layer_chart(parts: dict[str, dict[tuple[int, bool], np.ndarray]], tokens: list[str], lang: str = "en") -> go.Figure:
    """||dL/dh_t|| over t for every layer and direction of each cell (log y): ``parts[kind][(layer, reverse)]``."""
    T = len(tokens)
    x = np.arange(1, T + 1)
    words = [label(tok) for tok in tokens]
    data = []
    for kind, by_part in parts.items():
        for (layer, reverse), g in by_part.items():
            name = t(
                "gradients.fig.layer.name",
                lang,
                cell=t(f"cell.{kind}", lang),
                layer=layer + 1,
                direction=t(f"gradients.fig.direction.{'backward' if reverse else 'forward'}", lang),
            )
            line = dict(color=CELL_COLORS[kind], width=LAYER_WIDTH[min(layer, 2)], dash=DIRECTION_DASH[reverse])
            hover = "t = %{x}: %{customdata}<br>||dL/dh_t|| = %{y:.3g}<extra>" + name + "</extra>"
            data.append(_line(x, g, name, line, hover, customdata=words))
    layout = dict(
        xaxis=dict(title=dict(text=t("gradients.fig.t", lang)), range=[0.5, T + 0.5]),
        yaxis=dict(**log_axis(*(d["y"] for d in data)), title=dict(text=t("gradients.fig.grad.y", lang))),
        legend=LEGEND_BELOW,
    )
    return figure(data, layout, t("gradients.fig.layer.title", lang, T=T), height=460)
