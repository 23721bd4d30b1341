"""The training lab as an exported view (rnnviz.export): the task and one of its sequences, the recorded runs of
results/training_vs_length.json at the link's length, and the classic chart (score against sequence length).
A file does not train: the page's live curves come from a run in the session, so the file shows the shipped
results the page draws beside them, and says so."""

from __future__ import annotations

import html

from . import results, tasks
from .export_parts import ExportError, Part, View, box, md, paragraphs, table
from .figures import token_strip
from .figures import training as figs
from .i18n import t
from .settings import Settings

RESULTS = "results/training_vs_length.json"


def _runs_table(runs: list[dict], metric: str, lang: str) -> str:
    """The recorded runs as the page's summary table, with the settings each was trained with."""
    cols = [
        t("training.col.cell", lang),
        t("setting.seed", lang),
        t(f"training.metric.{metric}", lang),
        t("training.col.steps", lang),
        t("training.col.seconds", lang),
        t("training.col.solved", lang),
        t("setting.hidden", lang),
        t("setting.gate_init", lang),
        t("setting.clip", lang),
    ]
    rows = [
        (
            t(f"cell.{r['cell']}", lang),
            r["seed"],
            f"{r[metric]:.3f}" if metric == "accuracy" else f"{r[metric]:.4f}",
            r["steps"],
            f"{r['seconds']:.1f}",
            "✓" if r["solved"] else "–",
            r["hidden"],
            f"{r['gate_bias']:g}",
            f"{r['clip']:g}",
        )
        for r in runs
    ]
    return table(rows, cols, css="runs")


def training_view(s: Settings) -> View:
    """The training lab for the link's task and length: its example, the recorded runs at that length (for
    the page's live score curves, which need a run in the session), and the classic chart."""
    lang, task = s.lang, tasks.get(s.task)
    if not s.cells:
        raise ExportError(t("msg.no_cells", lang))
    tokens, _, y = task.example(s.train_length, s.seed)
    answer = task.classes[int(y)] if task.classes else f"{float(y):.2f}"
    notes = [t(f"training.task.{s.task}", lang)] + ([t("training.slow", lang)] if s.train_length > 200 else [])
    data = results.read("training_vs_length")
    runs = [r for r in (data or {"runs": []})["runs"] if r["task"] == s.task]
    here = [r for r in runs if r["length"] == s.train_length and r["cell"] in s.cells]
    parts = [
        Part(html=paragraphs(*notes, css="note")),
        Part(
            [token_strip(tokens[:60], title=t("training.example", lang))],
            html=paragraphs(t("training.answer", lang, answer=answer), css="note"),
            keys=("training_example",),
        ),
        Part(
            html=box("info", t("export.training.recorded", lang, file=RESULTS)),
            keys=("training_progress",),
        ),
    ]
    if here:  # the recorded runs stand for the live score curves: the score each cell reached at this length
        said = t("export.training.runs", lang, T=s.train_length, file=RESULTS, date=data["meta"]["written"])
        parts.append(
            Part(html=paragraphs(said) + _runs_table(here, task.metric, lang), keys=("training_score_recorded",))
        )
    else:
        lengths = ", ".join(str(n) for n in sorted({r["length"] for r in runs}))
        parts.append(
            Part(html=paragraphs(t("export.training.no_runs", lang, T=s.train_length, lengths=lengths or "–")))
        )
    head = t("training.classic", lang)
    if not runs:
        parts.append(
            Part(html=paragraphs(t("training.classic.missing", lang)), header=head, keys=("training_classic",))
        )
    else:
        source = t("training.classic.source", lang, file=RESULTS, date=data["meta"]["written"])
        try_ = f"<p><b>{html.escape(t('try_this', lang))}</b> — {md(t('training.try.classic', lang))}</p>"
        parts.append(
            Part(
                [figs.by_length(runs, s.task, task.metric, task.baseline, None, lang)],
                html=paragraphs(source, css="note") + try_,
                look=t("training.look.classic", lang),
                header=head,
                keys=("training_classic",),
            )
        )
    parts.append(Part(html=paragraphs(t("training.see", lang), css="note")))
    shown = ("task", "train_length", "gate_init", "clip", "train_steps", "cells", "seed", "hidden", "lang")
    return View(t("training.title", lang), t("training.intro", lang), [], parts, shown)  # the strip is the sequence
