"""The translation page as an exported view (rnnviz.export): the shipped translators' greedy decoding of the
typed date, the attention heatmap stepping through the output characters (a plotly frame per character: its
row boxed, the rows not written yet veiled, the step in words as the title), the verdict, the same input
without attention, and held-out accuracy against input length from results/dates.json."""

from __future__ import annotations

import plotly.graph_objects as go

from . import checkpoints, results
from . import dates as translators
from . import dates_words as words
from .export_parts import ExportError, Part, View, box, opening, paragraphs
from .figures import intent as intent_figs
from .figures import stepped
from .figures import translate as figs
from .figures.style import label
from .i18n import t
from .settings import Settings

RESULTS = "results/dates.json"


def stepped_heatmap(fig: go.Figure, lines: list[str], start: int, lang: str) -> go.Figure:
    """The attention heatmap with the step's row boxed and later rows veiled (figures/translate.step_marks), its
    step in words as the title; one frame a step, with the slider and play button."""
    n = len(lines)

    def at(step: int) -> dict:
        marks = figs.step_marks(n, step)
        veils = [stepped.box(r, fillcolor=stepped.VEIL, line=dict(width=0), layer="above") for r in marks["hatched"]]
        row = [stepped.box(r, line=dict(color="#D55E00", width=3)) for r in marks["row"]]
        return dict(
            shapes=veils + row, title=dict(text=label(lines[step - 1]), x=0, xanchor="left", font=dict(size=14))
        )

    fig.layout.update(at(start))
    return stepped.with_controls(fig, [stepped.frame(s, **at(s)) for s in range(1, n + 1)], n, start, lang)


def _model_line(meta: dict, kind: str, both: bool, attention: bool, lang: str) -> str:
    """Which shipped model decodes, how it was trained and its held-out exact match (as the page says it)."""
    r = meta["result"]
    held = r["held_out"]
    return t(
        "translate.train.shipped",
        lang,
        who=words.model_name(kind, both, attention, lang),
        em=f"{held['exact_match']:.3f}",
        n=f"{held['n']:,}",
        steps=r["steps"],
        seconds=f"{r['seconds']:.1f}",
    )


def _accuracy(cells: tuple[str, ...], both: bool, lang: str) -> Part:
    """Held-out exact match against input length, with and without attention, as the page draws it."""
    head, data = t("translate.acc.header", lang), results.read("dates")
    first = next((r for r in data["summary"] if r["bidirectional"] == both), None) if data else None
    if first is None:
        return Part(html=paragraphs(t("translate.acc.missing", lang, file=RESULTS)), header=head)
    if not cells:
        return Part(html=paragraphs(t("translate.acc.no_cells", lang)), header=head)
    n, seeds = sum(g["n"] for g in first["by_length"].values()), ", ".join(map(str, first["seeds"]))
    source = t("translate.acc.source", lang, seeds=seeds, n=n, file=RESULTS, date=data["meta"]["written"])
    look = words.accuracy_look(data["summary"], cells, both, lang)
    chart = figs.accuracy_chart(data["summary"], cells, lang, both)
    return Part([chart], paragraphs(source, css="note"), look, head, ("translate_accuracy",))


def translate_view(s: Settings) -> View:
    """The translation page for the shipped translators (seed 0; a model trained again on the page stays on
    its server): the decoding with attention stepping, without attention beside it, and the measured accuracy."""
    lang, both, kind = s.lang, s.encoder_bidirectional, s.encoder
    keys = [(kind, both, True)] + ([(kind, both, False)] if s.without_attention else [])
    try:
        shipped = {key: translators.load(translators.path_for(*key)) for key in keys}
    except checkpoints.CheckpointError as e:
        raise ExportError(t("translate.msg.missing", lang, error=str(e))) from e
    model = shipped[keys[0]].model
    if why := words.problem(s.date_text, model.spec.in_vocab, lang):
        raise ExportError(why)
    tr = model.translate(s.date_text)
    plain = shipped[keys[1]].model.translate(s.date_text) if len(keys) > 1 else None
    uses = {f: t(f"translate.shapes.{f}", lang) for f in ("many_to_one", "encoder_decoder")}
    measured = (results.read("dates") or {"summary": []})["summary"]
    one_way = [] if both else [words.one_way_note(measured, kind, lang)]
    notes = [_model_line(ck.meta, *key, lang) for key, ck in shipped.items()] + [n for n in one_way if n]
    notes.append(t("export.translate.shipped", lang))
    lines = [words.step_line(tr, k, lang) for k in range(1, len(tr.tokens) + 1)]
    probs = tr.probs.max(axis=1).tolist()  # the whole output; the heatmap's title says each step in words
    strips = figs.output_strip(t("translate.out.with", lang), tr.tokens, probs, len(tr.tokens), "", lang)
    heat = figs.attention_heatmap(tr.attention, tr.text, tr.tokens, kind, lang)
    said = words.verdict(tr.text, tr.output, lang)  # (its box's kind, the sentence)
    parts = [
        Part(html=intent_figs.shapes("encoder_decoder", lang, uses, t("translate.shapes.legend", lang))),
        Part(html=paragraphs(*notes, css="note"), keys=("translate_models",)),
        Part(html=strips, header=t("translate.decoding", lang), keys=("translate_output",)),
        Part(
            [stepped_heatmap(heat, lines, opening(s, len(lines)), lang)],
            html=paragraphs(t("translate.attention.caption", lang), css="note") + box(*said),
            look=t("translate.look.attention", lang),
            keys=("step", "translate_attention"),
        ),
    ]
    if plain is not None:
        plain_box = words.plain_verdict(tr, plain, lang)
        done = t("translate.out.done" if plain.finished else "translate.out.unfinished", lang, n=len(plain.tokens))
        plain_probs = plain.probs.max(axis=1).tolist()
        strip = figs.output_strip(
            t("translate.out.without", lang), plain.tokens, plain_probs, len(plain.tokens), done, lang
        )
        explain = paragraphs(t("translate.noattn.explain", lang, size=shipped[keys[1]].model.spec.state_size))
        parts.append(
            Part(
                html=explain + strip + box(*plain_box),
                header=t("translate.noattn.header", lang),
                keys=("translate_plain",),
            )
        )
    parts.append(_accuracy(s.cells, both, lang))
    shown = ("date_text", "encoder", "encoder_bidirectional", "without_attention", "cells", "step", "lang")
    return View(t("translate.title", lang), t("translate.intro", lang), [tr.text], parts, shown)
