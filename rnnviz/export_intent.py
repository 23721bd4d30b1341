"""The intent page as an exported view (rnnviz.export): the shipped models' probability for every intent after
each token (the bars step with the slider, the lines mark the step), the answer, which tokens decided it, and
the long sentences measured over seeds."""

from __future__ import annotations

import html
import json
from pathlib import Path

import numpy as np

from . import checkpoints, intent_data
from . import intent as intents
from .export_parts import ExportError, Part, View, box, opening, paragraphs
from .figures import intent as figs
from .figures import stepped
from .i18n import t
from .intent import INTENTS
from .settings import Settings

RESULTS = Path(__file__).resolve().parent.parent / "results" / "intent.json"  # benchmarks/bench_intent.py's
MAX_UNKNOWN = 8  # unknown words named, as on the page


def _unknown(reading: intents.Reading, lang: str) -> str:
    """The words read as <unk>, named (a few), each shown exactly as typed."""
    words = list(dict.fromkeys(tok for tok, unk in zip(reading.tokens, reading.unknown) if unk))
    if not words:
        return ""
    sep = html.escape(t("intent.unknown.sep", lang))
    named = sep.join(f"“{html.escape(w)}”" for w in words[:MAX_UNKNOWN])
    if len(words) > MAX_UNKNOWN:
        named += sep + html.escape(t("intent.unknown.more", lang, n=len(words) - MAX_UNKNOWN))
    # the words go in after md(): a typed * or $ is a character, not emphasis or maths
    return box("info", t("intent.unknown", lang, words=chr(0))).replace(chr(0), named)


def _answers(readings: dict[str, intents.Reading], lang: str) -> str:
    rows = []
    for kind, r in readings.items():
        p = r.probs[-1]
        win = int(np.argmax(p))
        said = t("intent.answer.label", lang, cell=t(f"cell.{kind}", lang), p=p[win])
        name = t(f"intent.name.{INTENTS[win]}", lang)
        rows.append(f"<tr><th>{html.escape(said)}</th><td><b>{html.escape(name)}</b></td></tr>")
    help_ = t("intent.answer.help", lang, n=len(next(iter(readings.values())).tokens))
    return f'<table class="answers">{"".join(rows)}</table>' + paragraphs(help_, css="note")


def _long(lang: str) -> Part:
    """The benchmark's long-sentence accuracy, every seed of every cell, and the page's summary of it."""
    head, intro = t("intent.long.header", lang), paragraphs(t("intent.long.intro", lang, n=intents.Config.long_neutral))
    if not RESULTS.is_file():
        return Part(html=intro + paragraphs(t("intent.long.missing", lang)), header=head)
    results = json.loads(RESULTS.read_text())
    by_seed, summary = figs.long_by_seed(results), figs.long_summary(results, lang)
    return Part(
        [figs.long_sentences(by_seed, results["runs"][0]["baseline"], lang)],
        html=paragraphs(summary, css="note"),
        look=t("intent.look.long", lang),
        header=head,
        keys=("intent_long_sentences",),
    )


def intent_view(s: Settings) -> View:
    """The intent page: the typed text read by each shipped model, its probabilities after every token as
    frames (the slider), the answer, each token's contribution (gradient x input) and the long sentences."""
    lang, cells = s.lang, s.cells
    if s.generated:
        raise ExportError(t("intent.generated", lang))
    if not cells:
        raise ExportError(t("msg.no_cells", lang))
    try:
        models = {kind: intents.shipped(kind) for kind in cells}
    except checkpoints.CheckpointError as e:
        raise ExportError(t("intent.broken", lang, error=e)) from e
    readings = {k: intents.read(model, s.text) for k, model in models.items()}
    tokens = list(readings[cells[0]].tokens)
    if not tokens:
        raise ExportError(t("intent.empty", lang))
    found = {k: intents.attribute(model, s.text) for k, model in models.items()}
    meta = next(iter(models.values())).meta
    notes = [t("export.intent.models", lang, hidden=meta["hidden"], embed=meta["embed"], seed=meta["seed"])]
    if s.chars:
        notes.append(t("intent.chars", lang))
    if readings[cells[0]].cut:
        notes.append(t("intent.cut", lang, n=intent_data.MAX_TOKENS))
    probs, at = {k: r.probs for k, r in readings.items()}, opening(s, len(tokens))
    lines = figs.probability_lines(probs, INTENTS, tuple(tokens), lang)
    parts = [
        Part(
            html=figs.shapes("many_to_one", lang) + paragraphs(*notes, css="note") + _unknown(readings[cells[0]], lang)
        ),
        Part(
            [stepped.intent_bars(probs, INTENTS, tokens, at, lang)],
            look=t("intent.look.step", lang),
            keys=("step", "intent_step"),
        ),
        Part(
            [stepped.step_lines(lines, len(cells), len(tokens), at)],
            look=t("intent.look.lines", lang),
            keys=("intent_lines",),
        ),
        Part(html=_answers(readings, lang), header=t("intent.answer.header", lang), keys=("intent_answer",)),
        Part(
            [
                figs.contribution_bars(
                    {k: a.scores for k, a in found.items()},
                    {k: a.intent for k, a in found.items()},
                    found[cells[0]].tokens,
                    lang,
                )
            ],
            html=paragraphs(t("intent.why.definition", lang), css="note"),
            look=t("intent.look.why", lang),
            header=t("intent.why.header", lang),
            keys=("intent_why",),
        ),
        _long(lang),
    ]
    title, intro = t("intent.title", lang), t("intent.intro", lang, n=len(INTENTS))
    return View(title, intro, tokens, parts, ("text", "cells", "step", "lang"))
