"""Text generation (many to many while reading, one to many while writing): the shipped character-level RNN,
LSTM and GRU read a start text character by character, with the next character's likeliest choices after each
one; write on from it at a temperature, seeded; colour a text by one unit's value (the unit that best tracks
quotes, brackets or the position in the line, measured); and train from the page, on the corpus or a pasted
text (pages/generate_training.py)."""

import numpy as np
import streamlit as st

from pages import cache, cache_apps, charts, export_view, generate_training, run_through_app, stepper, widgets
from pages.links import language
from rnnviz import chars, corpus
from rnnviz.checkpoints import CheckpointError
from rnnviz.figures import generate as figs
from rnnviz.figures import intent as intent_figs
from rnnviz.i18n import t

SHOWN_UNIT_TEXT = 480  # characters of the unit text coloured, from the half the units are scored on
TRACKS = 0.5  # |r| from which a unit is said to track a feature (the benchmark's min_r)


@cache.figure
def step_figure(text: str, cells: tuple[str, ...], step: int, temperature: float, lang: str):
    """Each cell's likeliest next characters after character ``step``."""
    probs = {kind: cache_apps.char_probs(text, kind, temperature)[step - 1] for kind in cells}
    return figs.next_bars(probs, cache_apps.char_model(cells[0]).vocab, text[step - 1], step, temperature, lang)


@cache.figure
def surprise_figure(text: str, cells: tuple[str, ...], lang: str):
    """How surprised each cell was by every character that came next."""
    unigram = cache_apps.char_model(cells[0]).meta["result"]["unigram_bits"]
    return figs.surprise_lines({k: cache_apps.char_surprise(text, k) for k in cells}, text, unigram, lang)


@cache.figure
def results_figure(written: str, cells: tuple[str, ...], lang: str):
    """The benchmark's held-out bits per character (``written`` keys the results file's version)."""
    summary = cache.results("chars")["summary"]
    return figs.held_out_bars({k: summary[k] for k in cells if k in summary}, lang)


@st.fragment
def stepping(text: str, cells: tuple[str, ...], temperature: float, lang: str) -> None:
    """What changes with the step: the character strip and the bars. A fragment: a step reruns only this."""
    step = stepper.step_controls(len(text), lang, what="chars.")
    st.html(figs.char_strip(text, step, set(corpus.unknown(text, cache_apps.char_model(cells[0]).vocab)), lang))
    chart, look = st.columns([3, 1])
    charts.chart(step_figure(text, cells, step, temperature, lang), key="gen_step", where=chart)
    widgets.look_for(t("gen.look.step", lang), lang, where=look)
    stepper.keep_playing()


def sample_box(kind: str, start: str, continuation: str, lang: str, head: str | None = None) -> str:
    """A cell's continuation of ``start``, under the cell's name or ``head``."""
    return figs.sample_box(kind, head or t(f"cell.{kind}", lang), start, continuation)


def unit_view(kind: str, chosen: int, state_symbol: str, lang: str) -> None:
    """One cell's unit: the best found for each feature with its measured r, and the unit text coloured by it."""
    state = "cell" if state_symbol == "c" and kind == "lstm" else "hidden"
    units = cache_apps.char_units(kind, state)
    best = max(units.found.values(), key=lambda f: abs(f["r"]))
    unit = best["unit"] if chosen == 0 else min(chosen, units.acts.shape[1]) - 1
    rs = {f: corpus.scored_r(units.acts[:, unit], units.text, f) for f in corpus.FEATURES}
    feature = max(rs, key=lambda f: abs(rs[f]))
    cell, symbol, name = t(f"cell.{kind}", lang), "c" if state == "cell" else "h", t(f"gen.feature.{feature}", lang)
    if abs(rs[feature]) >= TRACKS:
        st.success(t("gen.unit.tracks", lang, cell=cell, unit=unit + 1, s=symbol, feature=name, r=rs[feature]))
    else:
        st.warning(t("gen.unit.none", lang, cell=cell, unit=unit + 1, s=symbol, feature=name, r=rs[feature]))
    rows = [f"| {t('gen.unit.col.feature', lang)} | {t('gen.unit.col.best', lang)} | r | "]
    rows[0] += t("gen.unit.col.this", lang, unit=unit + 1) + " |"
    rows.append("|---|---|---|---|")
    for f, found in units.found.items():
        rows.append(f"| {t(f'gen.feature.{f}', lang)} | {found['unit'] + 1} | {found['r']:+.3f} | {rs[f]:+.3f} |")
    table, coloured = st.columns([1.3, 2.3])
    table.markdown("\n".join(rows))
    start = units.text.find("\n\n", len(units.text) // 2) + 2  # a paragraph of the scored half
    shown, values = units.text[start : start + SHOWN_UNIT_TEXT], units.acts[start : start + SHOWN_UNIT_TEXT, unit]
    bound = 1.0 if state == "hidden" else float(np.ceil(np.abs(values).max() * 10) / 10 or 1.0)  # h = o tanh(..)
    head = t("gen.unit.head", lang, cell=cell, unit=unit + 1, s=symbol)
    coloured.html(figs.shaded_text(head, shown, values, bound, lang))


run_through_app()
lang = language()
st.title(t("gen.title", lang))
st.write(t("gen.intro", lang))
uses = {"many_to_many": t("gen.shapes.reading", lang), "one_to_many": t("gen.shapes.writing", lang)}
st.html(intent_figs.shapes(("many_to_many", "one_to_many"), lang, uses | {"many_to_one": t("gen.shapes.intent", lang)}))
st.caption(t("gen.sidebar_unused", lang))
widgets.widget("start_text", lang)
temp, seed_col, length = st.columns([2, 1, 2])
widgets.widget("temperature", lang, temp)
widgets.widget("sample_seed", lang, seed_col)
widgets.widget("sample_length", lang, length)
s = widgets.current()  # after the page's widgets: on a fresh link they read their value from the URL here
if not s.cells:
    st.info(t("msg.no_cells", lang))
    st.stop()
try:
    models = {kind: cache_apps.char_model(kind) for kind in s.cells}
except CheckpointError as e:
    st.error(t("gen.broken", lang, error=e), icon=":material/error:")
    st.stop()
result = next(iter(models.values())).meta["result"]
st.caption(
    t("gen.models", lang, hidden=result["hidden"], vocab=result["vocab_size"] - 1, seconds=round(result["seconds"]))
)

start = s.start_text.replace("\r\n", "\n").replace("\r", "\n")
text, cells = start[: figs.MAX_READ], s.cells
st.subheader(t("gen.read.header", lang))
if not text:
    st.info(t("gen.empty", lang), icon=":material/edit:")
else:
    if len(start) > figs.MAX_READ:
        st.caption(t("gen.cut", lang, n=figs.MAX_READ, total=len(start)))
    unknown = corpus.unknown(text, models[cells[0]].vocab)
    if unknown:
        named = figs.unknown_named(unknown, figs.markdown_char)
        st.info(t("gen.unknown", lang, n=len(unknown), chars=named), icon=":material/help:")
    stepping(text, cells, s.temperature, lang)
    if len(text) > 1:
        chart, look = st.columns([3, 1])
        charts.chart(surprise_figure(text, cells, lang), key="gen_surprise", where=chart)
        widgets.look_for(t("gen.look.surprise", lang), lang, where=look)

st.subheader(t("gen.write.header", lang))
st.caption(t("gen.write.explain", lang, n=s.sample_length, temperature=s.temperature, seed=s.sample_seed))
for kind, col in zip(cells, st.columns(len(cells))):
    continued = cache_apps.char_sample(text, kind, s.sample_length, s.temperature, s.sample_seed)
    col.html(sample_box(kind, text or "", continued, lang))
widgets.look_for(t("gen.look.write", lang), lang)

st.subheader(t("gen.unit.header", lang))
st.write(t("gen.unit.explain", lang, n=f"{chars.UNIT_TEXT[0]:,}", half=f"{chars.UNIT_TEXT[0] // 2:,}", r=TRACKS))
left, right, _ = st.columns([1, 1, 2])
unit = widgets.widget("gen_unit", lang, left)  # drawn after widgets.current(): their own values
state = widgets.widget("gen_state", lang, right)
if state == "c" and any(kind != "lstm" for kind in cells):
    st.caption(t("gen.unit.only_lstm", lang))
for kind in cells:
    unit_view(kind, unit, state, lang)
widgets.look_for(t("gen.look.unit", lang), lang)

st.subheader(t("gen.results.header", lang))
data = cache.results("chars")
if not data:
    st.info(t("gen.results.missing", lang))
else:
    chart, look = st.columns([3, 1])
    charts.chart(results_figure(data["meta"]["written"], cells, lang), key="gen_results", where=chart)
    widgets.look_for(t("gen.look.results", lang), lang, where=look)
    st.caption(figs.results_source(data, cells, lang))
for kind, col in zip(cells, st.columns(len(cells))):
    r = models[kind].meta["result"]
    col.html(sample_box(kind, "", r["untrained_sample"], lang, t("gen.shipped.before", lang, bits=r["untrained_bits"])))
    col.html(
        sample_box(
            kind,
            "",
            r["sample"],
            lang,
            t("gen.shipped.after", lang, cell=t(f"cell.{kind}", lang), bits=r["bits_per_char"]),
        )
    )

generate_training.training(text, s, lang)
export_view.download(s, "generate", lang)
