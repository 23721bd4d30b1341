"""Forecast: shipped RNN, LSTM and GRU forecasters predict a synthetic series one step ahead and run on from their
own forecasts, against the naive forecast (repeat the last value); then the results measured over 5 seeds."""

import numpy as np
import streamlit as st

from pages import cache, cache_apps, charts, export_view, run_through_app, widgets
from pages.links import language
from rnnviz import forecast
from rnnviz.checkpoints import CheckpointError
from rnnviz.figures import forecast as figs
from rnnviz.figures import intent as intent_figs
from rnnviz.forecast_view import LONGEST, READ, SCORED, SHAPES, SHOWN, one_step_explained, results_rows, scores
from rnnviz.i18n import t

N = READ + LONGEST  # the series as far as the longest free run reaches


@cache.figure
def one_step_figure(series: str, kind: str, seed: int, lang: str):
    values = cache_apps.forecast_values(series, seed, N)[:READ]
    return figs.one_step(values, cache_apps.forecast_one_step(series, kind, seed, N, READ), kind, SCORED, lang, SHOWN)


@cache.figure
def free_run_figure(series: str, kind: str, seed: int, horizon: int, lang: str):
    values, run = (
        cache_apps.forecast_values(series, seed, N),
        cache_apps.forecast_free_run(series, kind, seed, N, READ),
    )
    before, after = values[READ - SHOWN : READ], values[READ : READ + horizon]
    return figs.free_run(before, after, run[:horizon], READ, kind, lang)


@cache.figure
def results_figure(written: str, kinds: tuple[str, ...], lang: str):
    """The measured ratios (``written`` keys the results file's version)."""
    return figs.results(cache.results("forecast")["summary"], list(forecast.SERIES), list(kinds), lang)


def results_table(summary: dict, kinds: tuple[str, ...], lang: str) -> str:
    """The measured results as a Markdown table."""
    head, rows = results_rows(summary, kinds, lang)
    return "\n".join("| " + " | ".join(r) + " |" for r in [head, ["---"] * len(head), *rows])


run_through_app()
lang = language()
st.title(t("forecast.title", lang))
st.write(t("forecast.intro", lang))
uses = {f: t(f"forecast.shapes.{f}", lang, window=forecast.WINDOW) for f in SHAPES}
st.html(intent_figs.shapes(tuple(uses), lang, uses, t("forecast.shapes.legend", lang)))
left, middle, right = st.columns([2, 1, 2])
widgets.widget("series", lang, left)
widgets.widget("series_seed", lang, middle)
widgets.widget("horizon", lang, right)
s = widgets.current()  # after the page's widgets: on a fresh link they read their value from the URL here
st.caption(t(f"forecast.series.{s.series}", lang))
if s.series_seed == 0:
    st.caption(t("forecast.seed0", lang))
st.caption(t("forecast.sidebar_unused", lang))
if not s.cells:
    st.info(t("msg.no_cells", lang))
    st.stop()
try:
    values = cache_apps.forecast_values(s.series, s.series_seed, N)
    predicted = {k: cache_apps.forecast_one_step(s.series, k, s.series_seed, N, READ) for k in s.cells}
    runs = {k: cache_apps.forecast_free_run(s.series, k, s.series_seed, N, READ)[: s.horizon] for k in s.cells}
except CheckpointError as e:
    st.error(t("forecast.no_checkpoint", lang, error=e), icon=":material/error:")
    st.stop()
score = {k: scores(values, p) for k, p in predicted.items()}

# ---- one step ahead ----
if s.series == "random-walk":
    st.warning(f"**{t('forecast.walk.title', lang)}** {t('forecast.walk.why', lang)}", icon=":material/casino:")
else:
    st.info(t("forecast.periodic.why", lang), icon=":material/waves:")
st.subheader(t("forecast.one_step.header", lang))
st.caption(one_step_explained(lang))
for kind, col in zip(s.cells, st.columns(len(s.cells))):
    charts.chart(one_step_figure(s.series, kind, s.series_seed, lang), key=f"forecast_one_{kind}", where=col)
    mine, base = col.columns(2)
    r = score[kind]
    mine.metric(
        t("forecast.metric.model", lang, cell=t(f"cell.{kind}", lang)),
        f"{r['mse']:.4f}",
        t("forecast.metric.ratio", lang, ratio=r["ratio"]),
        delta_color="off",
        delta_arrow="off",
    )
    base.metric(t("forecast.metric.naive", lang), f"{r['naive_mse']:.4f}")
    answer = t("forecast.yes" if r["beats_naive"] else "forecast.no", lang)
    col.caption(t("forecast.verdict", lang, diff=r["mse"] - r["naive_mse"], band=2 * r["se"], answer=answer))
widgets.look_for(t(f"forecast.look.one_step.{s.series}", lang), lang)

# ---- free run ----
st.subheader(t("forecast.run.header", lang))
st.caption(t("forecast.run.explain", lang, read=READ, last=READ - 1, steps=s.horizon))
future = values[READ : READ + s.horizon]
naive_run = float(np.mean((future - values[READ - 1]) ** 2))
for kind, col in zip(s.cells, st.columns(len(s.cells))):
    charts.chart(free_run_figure(s.series, kind, s.series_seed, s.horizon, lang), key=f"forecast_run_{kind}", where=col)
    run_mse = float(np.mean((runs[kind] - future) ** 2))
    cell = t(f"cell.{kind}", lang)
    col.caption(t("forecast.run.mse", lang, steps=s.horizon, cell=cell, run=run_mse, naive=naive_run))
widgets.look_for(t(f"forecast.look.run.{s.series}", lang), lang)

# ---- measured over seeds, from the results file ----
st.subheader(t("forecast.results.header", lang))
data = cache.results("forecast")
if not data:
    st.info(t("forecast.results.missing", lang))
else:
    runs_read = data["runs"]
    left, right = st.columns([3, 2])
    charts.chart(results_figure(data["meta"]["written"], s.cells, lang), key="forecast_results", where=left)
    widgets.look_for(t("forecast.look.results", lang), lang, right)
    st.caption(
        t(
            "forecast.results.source",
            lang,
            file="results/forecast.json",
            date=data["meta"]["written"],
            last=max(r["seed"] for r in runs_read),
            windows=f"{runs_read[0]['held_out_windows']:,}",
            window=runs_read[0]["window"],
        )
    )
    st.markdown(results_table(data["summary"], s.cells, lang))
export_view.download(s, "forecast", lang)
