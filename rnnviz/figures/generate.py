"""Figures of the text-generation page (many to many while reading, one to many while generating): the next
character's likeliest choices after a step, how surprised each cell was by every character, held-out bits per
character before and after training, training curves, and HTML pieces (the character strip, a sampled
continuation, the text coloured by one unit). Pure functions: numbers in, plotly figures or HTML out.
"""

from __future__ import annotations

import html
import itertools

import numpy as np
import plotly.graph_objects as go

from ..i18n import t
from .states import axes, panel_title, panels
from .style import CELL_COLORS, SIGNED, figure, hline, scale_colors

GAP = 0.07  # between two cells' panels, as a fraction of the width
TOP = 8  # next characters shown after a step
LOSER = "#BBBBBB"  # the bars of the characters that are not the likeliest
UNIGRAM = dict(color="#777", dash="dot", width=2)  # the line of the unigram baseline
STRIP_CHARS = 120  # characters shown around the current one


def shown(ch: str) -> str:
    """A character as the charts name it, safe for plotly and HTML: a space "␣", a line break "↵", markup escaped."""
    return {" ": "␣", "\n": "↵", "\t": "⇥"}.get(ch, html.escape(ch, quote=False))


def top_next(p: np.ndarray, vocab: str, top: int = TOP) -> tuple[list[str], np.ndarray]:
    """The ``top`` likeliest characters of the distribution p (V,), likeliest first (ties in vocabulary order)."""
    order = np.argsort(-p, kind="stable")[:top]
    return [vocab[j] for j in order], p[order]


def next_bars(
    probs: dict[str, np.ndarray], vocab: str, char: str, step: int, temperature: float, lang: str = "en"
) -> go.Figure:
    """Each cell's TOP likeliest next characters after character ``step`` (probs[kind]: (V,), at the temperature
    the samples use), a panel per cell, the likeliest in the cell's colour."""
    kinds = list(probs)
    domains, data, layout = panels(len(kinds), GAP), [], {}
    for i, kind in enumerate(kinds):
        chars, p = top_next(probs[kind], vocab)
        ref = "" if i == 0 else str(i + 1)
        data.append(
            dict(
                type="bar",
                orientation="h",
                x=p,
                y=[f"{shown(c)} " for c in chars],  # a trailing space keeps "1" a category, not a number
                xaxis=f"x{ref}",
                yaxis=f"y{ref}",
                marker=dict(color=[CELL_COLORS[kind] if j == 0 else LOSER for j in range(len(p))]),
                text=[f"{v:.0%}" if v >= 0.005 else f"{v:.1e}" for v in p],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="“%{y}”: %{x:.4f}<extra>" + t(f"cell.{kind}", lang) + "</extra>",
                showlegend=False,
            )
        )
        x = dict(range=[0, 1.22], tickformat=".0%", tickvals=[0, 0.5, 1], title=dict(text=t("gen.step.axis", lang)))
        y = dict(autorange="reversed", type="category", tickfont=dict(family="monospace", size=14))
        if i == 0:
            y["title"] = dict(text=t("gen.step.chars", lang))
        layout.update(axes(i, domains[i], x, y))
    layout["annotations"] = [
        panel_title(f"<b>{t(f'cell.{k}', lang)}</b>", d, color=CELL_COLORS[k]) for k, d in zip(kinds, domains)
    ]
    layout["margin"] = dict(l=90, r=20, t=80, b=50)
    title = t("gen.step.title", lang, step=step, char=shown(char), temperature=temperature)
    return figure(data, layout, title, height=340)


def surprise_lines(bits: dict[str, np.ndarray], text: str, unigram: float, lang: str = "en") -> go.Figure:
    """How surprised each cell was by each character of text: -log2 p(c_t+1 | c_1 .. c_t), bits[kind]: (T - 1,),
    against the unigram baseline's held-out bits per character."""
    steps = np.arange(1, len(text))
    hover = [f"{shown(a)} → {shown(b)}" for a, b in itertools.pairwise(text)]
    data = [
        dict(
            type="scatter",
            mode="lines+markers" if len(text) <= 200 else "lines",
            x=steps,
            y=b,
            name=t("gen.surprise.trace", lang, cell=t(f"cell.{kind}", lang), mean=float(np.mean(b))),
            line=dict(color=CELL_COLORS[kind], width=2),
            marker=dict(size=5),
            customdata=hover,
            hovertemplate="t = %{x} %{customdata}: %{y:.2f}<extra>" + t(f"cell.{kind}", lang) + "</extra>",
        )
        for kind, b in bits.items()
    ]
    shape, note = hline(unigram, t("gen.unigram", lang, bits=unigram), UNIGRAM)
    layout = dict(
        xaxis=dict(title=dict(text=t("gen.surprise.x", lang)), range=[0.5, len(text) - 0.5], zeroline=False),
        yaxis=dict(title=dict(text=t("gen.surprise.y", lang)), rangemode="tozero"),
        shapes=[shape],
        annotations=[note],
        legend=dict(orientation="h", x=0, y=-0.25, yanchor="top"),
        margin=dict(l=70, r=20, t=60, b=110),
    )
    return figure(data, layout, t("gen.surprise.title", lang), height=380)


def held_out_bars(summary: dict[str, dict], lang: str = "en") -> go.Figure:
    """Held-out bits per character of each cell untrained and after 60 s of training, the mean over the
    benchmark's seeds with their standard deviation (summary: results/chars.json's), against the unigram."""
    kinds = list(summary)
    names = [t(f"cell.{k}", lang) for k in kinds]
    untrained = [summary[k]["untrained_bits_mean"] for k in kinds]
    trained = [summary[k]["bits_per_char_mean"] for k in kinds]
    seeds = [summary[k]["seeds"] for k in kinds]
    data = [
        dict(
            type="bar",
            x=names,
            y=untrained,
            name=t("gen.results.untrained", lang),
            marker=dict(color=LOSER),
            text=[f"{v:.2f}" for v in untrained],
            textposition="outside",
            customdata=seeds,
            hovertemplate="%{x}: %{y:.3f}<extra>" + t("gen.results.untrained", lang) + "</extra>",
        ),
        dict(
            type="bar",
            x=names,
            y=trained,
            name=t("gen.results.trained", lang),
            marker=dict(color=[CELL_COLORS[k] for k in kinds]),
            error_y=dict(type="data", array=[summary[k]["bits_per_char_sd"] for k in kinds], visible=True),
            text=[f"{v:.3f}" for v in trained],
            textposition="outside",
            customdata=seeds,
            hovertemplate="%{x}: %{y:.3f}<extra>" + t("gen.results.trained", lang) + "</extra>",
        ),
    ]
    unigram = summary[kinds[0]]["unigram_bits"]
    shape, note = hline(unigram, t("gen.unigram", lang, bits=unigram), UNIGRAM)
    layout = dict(
        barmode="group",
        xaxis=dict(title=dict(text=t("gen.results.x", lang))),
        yaxis=dict(title=dict(text=t("gen.bpc", lang)), range=[0, 1.15 * max([*untrained, unigram])]),
        shapes=[shape],
        annotations=[note],
        legend=dict(orientation="h", x=0, y=-0.2, yanchor="top"),
        margin=dict(l=70, r=20, t=60, b=100),
    )
    return figure(data, layout, t("gen.results.title", lang, seeds=min(seeds)), height=400)


def training_curves(runs: dict[str, dict], unigram: float | None, lang: str = "en") -> go.Figure:
    """Training from the page: per cell the training loss after every update (thin) and the held-out bits per
    character after every round (markers; round 0 is the untrained model). runs[kind]: "loss" (n,),
    "round_step" and "held_out" (rounds,)."""
    data = []
    for kind, r in runs.items():
        cell = t(f"cell.{kind}", lang)
        data.append(
            dict(
                type="scatter",
                mode="lines",
                x=np.arange(1, len(r["loss"]) + 1),
                y=np.asarray(r["loss"]),
                name=t("gen.train.loss", lang, cell=cell),
                legendgroup=kind,
                line=dict(color=CELL_COLORS[kind], width=1),
                opacity=0.45,
                hovertemplate="%{x}: %{y:.3f}<extra>" + t("gen.train.loss", lang, cell=cell) + "</extra>",
            )
        )
        data.append(
            dict(
                type="scatter",
                mode="lines+markers",
                x=np.asarray(r["round_step"]),
                y=np.asarray(r["held_out"]),
                name=t("gen.train.held_out", lang, cell=cell),
                legendgroup=kind,
                line=dict(color=CELL_COLORS[kind], width=3),
                marker=dict(size=7),
                hovertemplate="%{x}: %{y:.3f}<extra>" + t("gen.train.held_out", lang, cell=cell) + "</extra>",
            )
        )
    shapes, notes = [], []
    if unigram is not None:
        shape, note = hline(unigram, t("gen.unigram", lang, bits=unigram), UNIGRAM)
        shapes, notes = [shape], [note]
    layout = dict(
        xaxis=dict(title=dict(text=t("gen.train.x", lang)), rangemode="tozero"),
        yaxis=dict(title=dict(text=t("gen.bpc", lang)), rangemode="tozero"),
        shapes=shapes,
        annotations=notes,
        legend=dict(orientation="h", x=0, y=-0.25, yanchor="top"),
        margin=dict(l=70, r=20, t=60, b=120),
    )
    return figure(data, layout, t("gen.train.title", lang), height=420)


# ---- HTML pieces: every character of a text is escaped, markup is shown, never interpreted ----

STRIP_STYLE = """<style>
.gen-strip { font-family: monospace; font-size: 15px; line-height: 1.9; margin: 4px 0 8px; white-space: normal; }
.gen-strip span { padding: 1px 2px; border-radius: 3px; }
.gen-strip span.read { background: #E8EEF4; color: #1A1A1A; }
.gen-strip span.ahead { color: #AAA; }
.gen-strip span.now { background: #1A1A1A; color: white; font-weight: 700; }
.gen-strip span.unk { outline: 1px dashed #B2182B; }
.gen-strip .more { color: #777; }
</style>"""


def _char_span(ch: str, cls: str, tip: str) -> str:
    """One character as a span; a line break shows its ↵ and then breaks the line."""
    after = "<br>" if ch == "\n" else ""
    return f'<span class="{cls}" title="{html.escape(tip)}">{shown(ch)}</span>{after}'


def char_strip(text: str, step: int, unknown: set[str], lang: str = "en") -> str:
    """The text read so far filled, the current character dark, characters outside the vocabulary outlined (read
    as the unknown character); at most STRIP_CHARS around the current one."""
    first = max(0, min(step - STRIP_CHARS // 2, len(text) - STRIP_CHARS))
    last = min(len(text), first + STRIP_CHARS)
    parts = [f'<span class="more">… {first} </span>'] if first else []
    for k in range(first + 1, last + 1):
        ch = text[k - 1]
        cls = ("now" if k == step else "read" if k < step else "ahead") + (" unk" if ch in unknown else "")
        tip = f"t = {k}" + (f" · {t('gen.strip.unknown', lang)}" if ch in unknown else "")
        parts.append(_char_span(ch, cls, tip))
    if last < len(text):
        parts.append(f'<span class="more"> … {len(text) - last}</span>')
    return f'{STRIP_STYLE}<div class="gen-strip">{"".join(parts)}</div>'


SAMPLE_STYLE = """<style>
.gen-sample { font-family: monospace; font-size: 14px; white-space: pre-wrap; word-break: break-word;
  border-left: 4px solid #DDD; padding: 4px 10px; margin: 2px 0 10px; color: #1A1A1A; background: #FAFAFA; }
.gen-sample .start { color: #777; }
.gen-sample-head { font-size: 14px; font-weight: 700; margin-top: 6px; }
</style>"""


def sample_html(head: str, start: str, continuation: str, color: str = "#DDD") -> str:
    """A sampled text under its heading: the start grey, then what the model wrote (both escaped)."""
    return (
        f'{SAMPLE_STYLE}<div class="gen-sample-head" style="color:{color}">{html.escape(head)}</div>'
        f'<div class="gen-sample" style="border-left-color:{color}"><span class="start">{html.escape(start)}</span>'
        f"{html.escape(continuation)}</div>"
    )


MAX_READ = 2000  # characters of the start text the page reads; the rest is cut (and said)
MAX_UNKNOWN = 12  # unknown characters named


def unknown_named(unknown: list[str], quote) -> str:
    """The first MAX_UNKNOWN unknown characters, each quoted as its reader shows it (``quote``: markdown on
    the page, HTML in a file), "…" if there are more."""
    return " ".join(f"“{quote(c)}”" for c in unknown[:MAX_UNKNOWN]) + (" …" if len(unknown) > MAX_UNKNOWN else "")


def markdown_char(ch: str) -> str:
    """A character shown literally inside markdown (no emphasis, links, maths or HTML); a space or a tab by
    its symbol."""
    return {" ": "␣", "\t": "⇥"}.get(ch) or ("\\" + ch if ch in "\\`*_{}[]()#+-.!<>|~$&" else ch)


def sample_box(kind: str, head: str, start: str, continuation: str, shown: int = 160) -> str:
    """A cell's continuation of ``start`` in the cell's colour, the start cut to its last ``shown`` characters."""
    start = start if len(start) <= shown else "…" + start[-shown:]
    return sample_html(head, start, continuation, CELL_COLORS[kind])


SHADE_STYLE = """<style>
.gen-shade { font-family: monospace; font-size: 13px; line-height: 1.7; white-space: normal; margin: 2px 0 4px; }
.gen-shade span { padding: 1px 1px; }
.gen-shade-head { font-size: 14px; font-weight: 700; margin-top: 8px; }
.gen-shade-scale { font-size: 12px; color: #555; }
</style>"""


SHADE_CHARS = {" ": "&nbsp;", "\n": "↵"}  # a space keeps its width and colour; a line break shows, then breaks


def shade_positions(values: np.ndarray, bound: float) -> np.ndarray:
    """Where each value sits on the diverging scale from -bound (0) through 0 (0.5) to +bound (1)."""
    return np.clip(0.5 + 0.5 * np.asarray(values, dtype=np.float64) / bound, 0, 1)


def shaded_text(head: str, text: str, values: np.ndarray, bound: float, lang: str = "en") -> str:
    """The text with each character's background coloured by one unit's value after reading it (values (T,)),
    red positive, blue negative, white near zero, on a scale from -bound to +bound; the value in the tooltip."""
    colors, luminance = scale_colors(SIGNED, shade_positions(values, bound))
    spans = "".join(
        f'<span style="background:{bg};color:{"#111111" if y > 140 else "#FFFFFF"}" '
        f'title="t = {k + 1}: {v:+.3f}">{SHADE_CHARS.get(ch) or html.escape(ch)}</span>'
        + ("<br>" if ch == "\n" else "")
        for k, (ch, v, bg, y) in enumerate(zip(text, values, colors, luminance))
    )
    scale = t("gen.unit.scale", lang, lo=-bound, hi=bound)
    return (
        f'{SHADE_STYLE}<div class="gen-shade-head">{html.escape(head)}</div>'
        f'<div class="gen-shade">{spans}</div><div class="gen-shade-scale">{html.escape(scale)}</div>'
    )


def results_source(data: dict, cells: tuple[str, ...], lang: str) -> str:
    """Where the held-out bars come from, in words: each cell's bits per character over the shipped seeds,
    the seeds, the training time and the two baselines (results/chars.json's ``data``)."""
    said = [
        t("gen.results.cell", lang, cell=t(f"cell.{k}", lang), mean=v["bits_per_char_mean"], sd=v["bits_per_char_sd"])
        for k, v in data["summary"].items()
        if k in cells
    ]
    first = data["summary"][cells[0]]
    return t(
        "gen.results.source",
        lang,
        cells=t("gen.results.sep", lang).join(said),
        seeds=first["seeds"],
        seconds=f"{data['meta']['seconds']:g}",
        unigram=first["unigram_bits"],
        untrained=first["untrained_bits_mean"],
        written=data["meta"]["written"],
    )
