"""The overview, step-through and gates pages as exported views (rnnviz.export): the same figures and core calls as the
pages, their steps as plotly frames."""

from __future__ import annotations

import html

from . import gates, memory, scene
from .export_parts import MODEL_SHOWN, Part, View, md, opening, sequence, table
from .figures import gates as gate_figs
from .figures import hidden_states, memory_html, stepped, token_strip, tokens
from .figures import memory as memory_figs
from .i18n import t
from .settings import Settings


def home_view(s: Settings) -> View:
    """The overview page: the sequence as tokens and every cell's hidden states over it."""
    m, lang, read = s.model, s.lang, sequence(s)
    notes = [t("states.bidirectional", lang, H=s.hidden, H1=s.hidden + 1, H2=2 * s.hidden)] * m.bidirectional
    notes += [t("states.stacked", lang, layers=m.layers)] * (m.layers > 1)
    parts = [
        Part([token_strip(read[: tokens.MOST], title=t("home.tokens", lang))], keys=("home_tokens",)),
        Part(
            [hidden_states({k: scene.trace(m, k).hidden for k in s.cells}, read, lang)],
            html="".join(f'<p class="note">{md(n)}</p>' for n in notes),
            look=t("home.look", lang),
            keys=("home_states",),
        ),
    ]
    return View(t("home.title", lang), t("home.intro", lang), read, parts)


def memory_view(s: Settings) -> View:
    """The step-through page: hidden states, what h_t is made of, the contribution maps (all stepping
    together), one token's influence and each cell's memory span."""
    m, lang, tokens = s.model, s.lang, sequence(s)
    T, kinds, both = len(tokens), list(s.cells), s.model.bidirectional
    start, focus = opening(s, T), max(1, min(s.focus, T))
    maps = {k: scene.contributions(m, k) for k in kinds}
    hidden = memory_figs.hidden_so_far({k: scene.trace(m, k).hidden for k in kinds}, tokens, lang, both)
    hidden.layout.title.text = t("export.hidden.title", lang)
    curves = {k: memory.relative(C, focus - 1) for k, C in maps.items()}
    raw = {k: C[focus - 1 :, focus - 1] for k, C in maps.items()}
    spans = [
        (t("memory.span.label", lang, cell=t(f"cell.{k}", lang)), memory_html.span_text(memory.memory_span(C), lang))
        for k, C in maps.items()
    ]
    definition = t("memory.span.definition", lang, tokens=-(-T // 2), horizon=T // 2)
    parts = [
        Part(
            [stepped.composition({k: memory.shares(C) for k, C in maps.items()}, tokens, start, lang)],
            keys=("step", "memory_composition"),
        ),
        Part([stepped.hidden_marks(hidden, len(kinds), T, start, both)], keys=("memory_hidden",)),
        Part(
            [stepped.map_marks(memory_figs.contribution_maps(maps, lang), len(kinds), T, start, both)],
            keys=("memory_maps",),
        ),
        Part(look=t("export.composition.look", lang), keys=("memory_composition",)),
        Part(
            [memory_figs.influence(curves, raw, tokens, focus, lang)],
            look=t("memory.look.influence", lang),
            header=t("memory.influence.header", lang),
            keys=("memory_influence",),
        ),
        Part(
            html=table(spans, css="spans", labelled=True) + f'<p class="note">{md(definition)}</p>',
            look=t("memory.look.span", lang),
            header=t("memory.span.header", lang),
            keys=("memory_span",),
        ),
    ]
    shown = (*MODEL_SHOWN, "step", "focus", "lang")
    return View(t("memory.title", lang), t("memory.intro", lang), tokens, parts, shown)


def gates_view(s: Settings) -> View:
    """The gates page: every gate at the current step as bars (the slider), each cell's gates as heatmaps
    over the sequence (the step boxed), the text shaded by one unit, gate saturation."""
    lang, tokens = s.lang, sequence(s)
    m, T = s.model.one_way(), len(tokens)
    traces = {k: scene.trace(m, k) for k in s.cells}
    ranges = gates.ranges(traces, m.nonlinearity)
    rows = {k: [(q, gates.values(tr, q)) for q in gates.rows(k, m.nonlinearity)] for k, tr in traces.items()}
    start, unit = opening(s, T), max(1, min(s.unit, next(iter(traces.values())).hidden.shape[1]))
    bars = {k: [(q, v) for q, v in r if q.field != "cell_state"] for k, r in rows.items()}
    heatmaps = [
        stepped.column_marks(gate_figs.gate_heatmaps(k, r, tokens, ranges, lang), T, start) for k, r in rows.items()
    ]
    looks = "".join(
        f"<p><b>{html.escape(t(f'cell.{k}', lang))}</b></p><ul>"
        + "".join(f"<li>{md(t(f'gates.look.{q.symbol}', lang))}</li>" for q, _ in r)
        + "</ul>"
        for k, r in rows.items()
    )
    shaded = gate_figs.shaded_lines(traces, tokens, ranges, unit, s.shade, m.nonlinearity, lang)
    parts = [
        Part(
            [stepped.gate_bars(bars, tokens, ranges, unit, start, lang)],
            look=t("gates.bars.look", lang),
            keys=("step", "gates_bars"),
        ),
        Part(
            heatmaps,
            html=f'<div class="looks">{looks}</div>',
            look=t("export.heat.look", lang),
            header=t("gates.heatmaps.header", lang),
            keys=tuple(f"gates_heat_{k}" for k in rows),
        ),
        Part(
            html="".join(shaded) or f"<p>{md(t('gates.text.none', lang, symbol=s.shade))}</p>",
            look=t("gates.text.look", lang),
            header=t("gates.text.header", lang),
            keys=("gates_text",),
        ),
    ]
    if any(k != "rnn" for k in s.cells):
        sat = {k: gates.cell_saturation(traces[k], k) for k in s.cells if k != "rnn"}
        parts.append(
            Part([gate_figs.saturation_chart(sat, lang)], look=t("gates.sat.look", lang), keys=("gates_saturation",))
        )
    shown = (*MODEL_SHOWN, "step", "unit", "shade", "lang")
    return View(t("gates.title", lang), t("gates.intro", lang), tokens, parts, shown)
