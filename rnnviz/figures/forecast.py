"""Figures of the forecast page: a cell's one-step-ahead forecasts next to the naive one, its free run, and the
measured results over seeds. Pure functions: numpy (or the results file's dicts) in, plotly out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from .style import CELL_COLORS, figure, hline

SERIES_LINE = dict(color="#222222", width=1.5)
FUTURE_LINE = dict(color="#222222", width=1.5, dash="dot")  # the series the free-running model does not see
NAIVE_LINE = dict(color="#7F7F7F", width=1.5, dash="dash")
UNSCORED = "rgba(0,0,0,0.06)"
LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.3, x=0)


def _line(x, y, name: str, line: dict, hover: str, **more) -> dict:
    return dict(
        type="scatter",
        x=np.asarray(x),
        y=np.asarray(y, dtype=float),
        mode="lines",
        name=name,
        line=line,
        hovertemplate=hover + "<extra></extra>",
        **more,
    )


def _axes(lang: str) -> dict:
    return dict(
        xaxis=dict(title=dict(text=t("forecast.axis.t", lang)), zeroline=False),
        yaxis=dict(title=dict(text=t("forecast.axis.x", lang))),
        legend=LEGEND_BELOW,
        hovermode="x unified",
    )


def one_step(
    values: np.ndarray, predicted: np.ndarray, kind: str, scored_from: int, lang: str = "en", shown: int | None = None
) -> go.Figure:
    """The series x_t, the cell's forecasts (predicted[t] made from x_0 .. x_{t-1}) and the naive forecast
    x_{t-1}; the steps before ``scored_from`` shaded as not scored. ``shown``: the x axis opens on the last
    ``shown`` steps (a one-step lag is invisible over hundreds); double-clicking the chart shows them all."""
    t_ = np.arange(len(values))
    naive = np.concatenate([[np.nan], values[:-1]])
    cell = t(f"cell.{kind}", lang)
    data = [
        _line(t_, values, t("forecast.trace.series", lang), SERIES_LINE, "x = %{y:.3f}"),
        _line(t_, naive, t("forecast.trace.naive", lang), NAIVE_LINE, t("forecast.hover.naive", lang)),
        _line(
            t_,
            predicted,
            t("forecast.trace.model", lang, cell=cell),
            dict(color=CELL_COLORS[kind], width=2),
            t("forecast.hover.model", lang, cell=cell),
        ),
    ]
    shade = dict(type="rect", xref="x", yref="paper", x0=-0.5, x1=scored_from - 0.5, y0=0, y1=1)
    note = dict(
        x=scored_from / 2,
        xref="x",
        y=1,
        yref="paper",
        yanchor="bottom",
        text=t("forecast.unscored", lang),
        showarrow=False,
        font=dict(color="#555555", size=11),
    )
    axes = _axes(lang)
    if shown:
        axes["xaxis"]["range"] = [len(values) - shown - 0.5, len(values) - 0.5]
        seen = np.concatenate([values[-shown - 1 :], predicted[-shown:]])  # the naive line included
        lo, hi = np.nanmin(seen), np.nanmax(seen)
        axes["yaxis"]["range"] = [float(lo - 0.08 * (hi - lo)), float(hi + 0.08 * (hi - lo))]
    layout = dict(
        **axes,
        shapes=[{**shade, "fillcolor": UNSCORED, "line": dict(width=0), "layer": "below"}],
        annotations=[note],
    )
    return figure(data, layout, t("forecast.one_step.title", lang, cell=cell), height=400)


def free_run(
    before: np.ndarray, after: np.ndarray, run: np.ndarray, start: int, kind: str, lang: str = "en"
) -> go.Figure:
    """The last values the cell read (``before``, ending at step start - 1), then the series it does not see
    (``after``) against its free run ``run`` and the naive forecast, the last value held."""
    t_before = np.arange(start - len(before), start)
    t_after = np.arange(start, start + len(run))
    cell = t(f"cell.{kind}", lang)
    last = float(before[-1])
    data = [
        _line(t_before, before, t("forecast.trace.read", lang), SERIES_LINE, "x = %{y:.3f}"),
        _line(t_after, after, t("forecast.trace.unseen", lang), FUTURE_LINE, "x = %{y:.3f}"),
        _line(t_after, np.full(len(run), last), t("forecast.trace.naive", lang), NAIVE_LINE, "%{y:.3f}"),
        _line(
            t_after,
            run,
            t("forecast.trace.run", lang, cell=cell),
            dict(color=CELL_COLORS[kind], width=2),
            t("forecast.hover.model", lang, cell=cell),
        ),
    ]
    start_line = dict(
        type="line", xref="x", yref="paper", x0=start - 0.5, x1=start - 0.5, y0=0, y1=1, line=dict(color="#999999")
    )
    note = dict(
        x=start - 0.5,
        xref="x",
        y=1,
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        text=t("forecast.run.start", lang),
        showarrow=False,
        font=dict(color="#555555", size=11),
    )
    layout = dict(**_axes(lang), shapes=[start_line], annotations=[note])
    return figure(data, layout, t("forecast.run.title", lang, cell=cell, steps=len(run)), height=400)


def results(summary: dict, series: list[str], kinds: list[str], lang: str = "en") -> go.Figure:
    """Held-out MSE over the naive forecast's, per series and cell: the mean over seeds as a bar, the lowest and
    highest seed as its error bar, and the baseline's level 1. ``summary`` is results/forecast.json's."""
    names = [t(f"forecast.name.{name}", lang) for name in series]
    data = []
    for kind in kinds:
        rows = [summary.get(f"{name}/{kind}") for name in series]
        mean = np.array([r["ratio_mean"] if r else np.nan for r in rows], dtype=float)
        lo = np.array([r["ratio_min"] if r else np.nan for r in rows], dtype=float)
        hi = np.array([r["ratio_max"] if r else np.nan for r in rows], dtype=float)
        beats = [f"{r['beats_naive']}/{r['seeds']}" if r else "" for r in rows]
        data.append(
            dict(
                type="bar",
                x=names,
                y=mean,
                name=t(f"cell.{kind}", lang),
                marker=dict(color=CELL_COLORS[kind]),
                error_y=dict(type="data", symmetric=False, array=hi - mean, arrayminus=mean - lo, color="#333333"),
                customdata=np.stack([lo, hi], axis=1),
                text=beats,
                hovertemplate=t("forecast.results.hover", lang, cell=t(f"cell.{kind}", lang)) + "<extra></extra>",
                textposition="none",
            )
        )
    shape, note = hline(1.0, t("forecast.results.baseline", lang), NAIVE_LINE)
    layout = dict(
        barmode="group",
        xaxis=dict(title=dict(text=t("forecast.results.axis.series", lang))),
        yaxis=dict(title=dict(text=t("forecast.results.axis.ratio", lang)), rangemode="tozero"),
        shapes=[shape],
        annotations=[note],
        legend=LEGEND_BELOW,
    )
    return figure(data, layout, t("forecast.results.title", lang), height=400)
