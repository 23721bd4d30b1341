"""The forecast page as an exported view (rnnviz.export): the shipped models' forecasts for the link's series,
the same figures as the page, and the results measured over seeds."""

from __future__ import annotations

import numpy as np

from . import checkpoints, results
from . import forecast as forecasting
from .export_parts import ExportError, Part, View, paragraphs, table
from .figures import forecast as forecast_figs
from .figures import intent as intent_figs
from .forecast_view import LONGEST, READ, SCORED, SHAPES, SHOWN, one_step_explained, results_rows, scores
from .i18n import t
from .settings import Settings


def forecast_view(s: Settings) -> View:
    """The forecast page: each shipped cell's one-step forecasts against the naive one, its free run from its
    own forecasts, and the results measured over seeds."""
    lang, kinds, name, seed = s.lang, s.cells, s.series, s.series_seed
    if not kinds:
        raise ExportError(t("msg.no_cells", lang))
    n = READ + s.horizon
    try:
        models = {k: forecasting.shipped(name, k) for k in kinds}
    except checkpoints.CheckpointError as e:
        raise ExportError(t("forecast.no_checkpoint", lang, error=e)) from e
    values = forecasting.series(name, READ + LONGEST, seed)
    predicted = {k: forecasting.one_step(m, values[:READ]) for k, m in models.items()}
    runs = {k: forecasting.free_run(m, values[:READ], LONGEST)[: s.horizon] for k, m in models.items()}
    uses = {f: t(f"forecast.shapes.{f}", lang, window=forecasting.WINDOW) for f in SHAPES}
    notes = [t(f"forecast.series.{name}", lang)] + ([t("forecast.seed0", lang)] if seed == 0 else [])
    why = f"**{t('forecast.walk.title', lang)}** {t('forecast.walk.why', lang)}" if name == "random-walk" else None
    box = ("warning", why) if why else ("info", t("forecast.periodic.why", lang))
    said = []
    for kind, p in predicted.items():
        r, cell = scores(values, p), t(f"cell.{kind}", lang)
        answer = t("forecast.yes" if r["beats_naive"] else "forecast.no", lang)
        said.append(
            table(
                [
                    (t("forecast.metric.model", lang, cell=cell), f"{r['mse']:.4f}"),
                    ("", t("forecast.metric.ratio", lang, ratio=r["ratio"])),
                    (t("forecast.metric.naive", lang), f"{r['naive_mse']:.4f}"),
                ],
                labelled=True,
            )
            + paragraphs(t("forecast.verdict", lang, diff=r["mse"] - r["naive_mse"], band=2 * r["se"], answer=answer))
        )
    future = values[READ:n]
    naive_run = float(np.mean((future - values[READ - 1]) ** 2))
    run_lines = [
        t(
            "forecast.run.mse",
            lang,
            steps=s.horizon,
            cell=t(f"cell.{k}", lang),
            run=float(np.mean((r - future) ** 2)),
            naive=naive_run,
        )
        for k, r in runs.items()
    ]
    explain = one_step_explained(lang)
    parts = [
        Part(
            html=intent_figs.shapes(tuple(uses), lang, uses, t("forecast.shapes.legend", lang))
            + paragraphs(*notes, t("forecast.sidebar_unused", lang), css="note")
            + paragraphs(box[1], css=f"box {box[0]}")
        ),
        Part(
            [forecast_figs.one_step(values[:READ], p, k, SCORED, lang, SHOWN) for k, p in predicted.items()],
            html=paragraphs(explain, css="note")
            + '<div class="row">'
            + "".join(f"<div>{x}</div>" for x in said)
            + "</div>",
            look=t(f"forecast.look.one_step.{name}", lang),
            header=t("forecast.one_step.header", lang),
            keys=tuple(f"forecast_one_{k}" for k in kinds),
        ),
        Part(
            [forecast_figs.free_run(values[READ - SHOWN : READ], future, r, READ, k, lang) for k, r in runs.items()],
            html=paragraphs(
                t("forecast.run.explain", lang, read=READ, last=READ - 1, steps=s.horizon), *run_lines, css="note"
            ),
            look=t(f"forecast.look.run.{name}", lang),
            header=t("forecast.run.header", lang),
            keys=tuple(f"forecast_run_{k}" for k in kinds),
        ),
        _forecast_results(kinds, lang),
    ]
    shown = ("series", "series_seed", "horizon", "cells", "lang")
    return View(t("forecast.title", lang), t("forecast.intro", lang), [], parts, shown)  # a series, not tokens


def _forecast_results(kinds: tuple[str, ...], lang: str) -> Part:
    head, data = t("forecast.results.header", lang), results.read("forecast")
    if not data:
        return Part(html=paragraphs(t("forecast.results.missing", lang)), header=head)
    first = data["runs"][0]
    source = t(
        "forecast.results.source",
        lang,
        file="results/forecast.json",
        date=data["meta"]["written"],
        last=max(r["seed"] for r in data["runs"]),
        windows=f"{first['held_out_windows']:,}",
        window=first["window"],
    )
    chart = forecast_figs.results(data["summary"], list(forecasting.SERIES), list(kinds), lang)
    head_row, rows = results_rows(data["summary"], kinds, lang)
    return Part(
        [chart],
        paragraphs(source, css="note") + table(rows, head_row),
        t("forecast.look.results", lang),
        head,
        ("forecast_results",),
    )
