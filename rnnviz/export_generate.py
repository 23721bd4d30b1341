"""The text-generation page as an exported view (rnnviz.export): the shipped character models read the start
text, their likeliest next characters after every character as plotly frames (the slider), how surprised
each was by every character (the step marked), what each writes on at the link's temperature and seed, and
the measured held-out bits per character. The unit search (each cell reads 8,000 characters) stays on the page."""

from __future__ import annotations

import numpy as np

from . import chars, checkpoints, corpus, results
from .export_parts import ExportError, Part, View, box, opening, paragraphs
from .figures import generate as figs
from .figures import intent as intent_figs
from .figures import stepped
from .figures.style import CELL_COLORS
from .i18n import t
from .settings import Settings


def _unknown(text: str, vocab: str, lang: str) -> str:
    """The characters read as unknown, named as typed (escaped after md(): a typed * or $ is a character)."""
    unknown = corpus.unknown(text, vocab)
    if not unknown:
        return ""
    named = figs.unknown_named(unknown, figs.shown)  # shown() escapes markup
    return box("info", t("gen.unknown", lang, n=len(unknown), chars=chr(0))).replace(chr(0), named)


def step_bars(probs: dict[str, np.ndarray], vocab: str, text: str, temperature: float, start: int, lang: str):
    """The page's next-character bars (figures/generate.next_bars) after every character: ``probs[kind]``
    (T, V); one frame a step (each cell's likeliest characters, their bars and labels, the title)."""
    T = len(text)
    fig = figs.next_bars({k: p[start - 1] for k, p in probs.items()}, vocab, text[start - 1], start, temperature, lang)

    def bars(p: np.ndarray, kind: str) -> dict:
        top, v = figs.top_next(p, vocab)
        return dict(
            type="bar",
            x=v,
            y=[f"{figs.shown(c)} " for c in top],
            text=[f"{x:.0%}" if x >= 0.005 else f"{x:.1e}" for x in v],
            marker=dict(color=[CELL_COLORS[kind] if j == 0 else figs.LOSER for j in range(len(v))]),
        )

    def title(step: int) -> dict:
        said = t("gen.step.title", lang, step=step, char=figs.shown(text[step - 1]), temperature=temperature)
        return dict(text=said, x=fig.layout.title.x, xanchor=fig.layout.title.xanchor)

    frames = [
        stepped.frame(s, [bars(p[s - 1], k) for k, p in probs.items()], list(range(len(probs))), title=title(s))
        for s in range(1, T + 1)
    ]
    return stepped.with_controls(fig, frames, T, start, lang)


def _results(cells: tuple[str, ...], models: dict, lang: str) -> Part:
    """The benchmark's held-out bits per character, and each shipped model's samples before and after training."""
    head, data = t("gen.results.header", lang), results.read("chars")
    samples = "".join(
        figs.sample_box(
            k,
            t("gen.shipped.before", lang, bits=m.meta["result"]["untrained_bits"]),
            "",
            m.meta["result"]["untrained_sample"],
        )
        + figs.sample_box(
            k,
            t("gen.shipped.after", lang, cell=t(f"cell.{k}", lang), bits=m.meta["result"]["bits_per_char"]),
            "",
            m.meta["result"]["sample"],
        )
        for k, m in models.items()
    )
    if not data:
        return Part(html=paragraphs(t("gen.results.missing", lang)) + samples, header=head)
    summary = data["summary"]
    source = figs.results_source(data, cells, lang)
    chart = figs.held_out_bars({k: summary[k] for k in cells if k in summary}, lang)
    return Part([chart], paragraphs(source, css="note") + samples, t("gen.look.results", lang), head, ("gen_results",))


def generate_view(s: Settings) -> View:
    """The generation page for the shipped models: reading the start text (stepping), writing on from it, and
    the measured results."""
    lang, cells = s.lang, s.cells
    if not cells:
        raise ExportError(t("msg.no_cells", lang))
    try:
        models = {kind: chars.shipped(kind) for kind in cells}
    except checkpoints.CheckpointError as e:
        raise ExportError(t("gen.broken", lang, error=e)) from e
    result, vocab = models[cells[0]].meta["result"], models[cells[0]].vocab
    start = s.start_text.replace("\r\n", "\n").replace("\r", "\n")
    text = start[: figs.MAX_READ]
    uses = {"many_to_many": t("gen.shapes.reading", lang), "one_to_many": t("gen.shapes.writing", lang)}
    uses["many_to_one"] = t("gen.shapes.intent", lang)
    models_said = t(
        "gen.models", lang, hidden=result["hidden"], vocab=result["vocab_size"] - 1, seconds=round(result["seconds"])
    )
    parts = [
        Part(
            html=intent_figs.shapes(("many_to_many", "one_to_many"), lang, uses)
            + paragraphs(t("gen.sidebar_unused", lang), models_said, t("export.gen.shipped", lang), css="note")
        )
    ]
    read = [paragraphs(t("gen.empty", lang))] if not text else []
    if len(start) > figs.MAX_READ:
        read.append(paragraphs(t("gen.cut", lang, n=figs.MAX_READ, total=len(start)), css="note"))
    read.append(_unknown(text, vocab, lang))
    parts.append(Part(html="".join(read), header=t("gen.read.header", lang)))
    if text:
        probs = {k: chars.probabilities(m, text, s.temperature) for k, m in models.items()}
        at = opening(s, len(text))
        parts.append(
            Part(
                [step_bars(probs, vocab, text, s.temperature, at, lang)],
                look=t("gen.look.step", lang),
                keys=("step", "gen_step"),
            )
        )
    if len(text) > 1:
        ids = corpus.encode(text, vocab)
        plain = {k: chars.probabilities(m, text, 1.0) for k, m in models.items()}
        bits = {k: -np.log2(p[np.arange(len(text) - 1), ids[1:]]) for k, p in plain.items()}
        lines = figs.surprise_lines(bits, text, result["unigram_bits"], lang)
        parts.append(
            Part(
                [stepped.step_lines(lines, 1, len(text), at)], look=t("gen.look.surprise", lang), keys=("gen_surprise",)
            )
        )
    written = "".join(
        figs.sample_box(
            k,
            t(f"cell.{k}", lang),
            text,
            chars.sample(m, text, s.sample_length, s.temperature, s.sample_seed)[len(text) :],
        )
        for k, m in models.items()
    )
    parts += [
        Part(
            html=paragraphs(
                t("gen.write.explain", lang, n=s.sample_length, temperature=s.temperature, seed=s.sample_seed),
                css="note",
            )
            + written,
            look=t("gen.look.write", lang),
            header=t("gen.write.header", lang),
            keys=("gen_samples",),
        ),
        Part(html=paragraphs(t("export.gen.units", lang), css="note"), header=t("gen.unit.header", lang)),
        _results(cells, models, lang),
    ]
    shown = ("start_text", "temperature", "sample_seed", "sample_length", "cells", "step", "lang")
    return View(t("gen.title", lang), t("gen.intro", lang), [text], parts, shown)
