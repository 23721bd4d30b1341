"""Intent (many to one): the shipped RNN, LSTM and GRU read a sentence token by token; after every token,
each cell's probability for every intent; the answer at the end, which tokens decided it, and the long
sentences measured over seeds."""

import numpy as np
import streamlit as st

from pages import cache, cache_apps, charts, export_view, run_through_app, stepper, widgets
from pages.links import language
from rnnviz import intent_data
from rnnviz.checkpoints import CheckpointError
from rnnviz.figures import intent as figs
from rnnviz.i18n import t
from rnnviz.intent import INTENTS

MAX_UNKNOWN = 8  # unknown words named in the note


@cache.figure
def step_figure(text: str, cells: tuple[str, ...], step: int, lang: str):
    """Each cell's probabilities after token ``step``."""
    readings = {kind: cache_apps.intent_reading(text, kind) for kind in cells}
    token = next(iter(readings.values())).tokens[step - 1]
    return figs.step_bars({k: r.probs[step - 1] for k, r in readings.items()}, INTENTS, token, step, lang)


@cache.figure
def lines_figure(text: str, cells: tuple[str, ...], lang: str):
    """Every intent's probability after each token, a panel per cell."""
    readings = {kind: cache_apps.intent_reading(text, kind) for kind in cells}
    return figs.probability_lines({k: r.probs for k, r in readings.items()}, INTENTS, readings[cells[0]].tokens, lang)


@cache.figure
def why_figure(text: str, cells: tuple[str, ...], lang: str):
    """Each token's contribution to each cell's winning logit."""
    found = {kind: cache_apps.intent_attribution(text, kind) for kind in cells}
    scores, winners = {k: a.scores for k, a in found.items()}, {k: a.intent for k, a in found.items()}
    return figs.contribution_bars(scores, winners, found[cells[0]].tokens, lang)


@cache.figure
def long_figure(lang: str):
    """The benchmark's long-sentence accuracy, every seed of every cell."""
    results = cache.results("intent")
    return figs.long_sentences(figs.long_by_seed(results), results["runs"][0]["baseline"], lang)


def markdown_safe(token: str) -> str:
    """A token shown literally inside markdown (no emphasis, links, maths or HTML)."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!<>|~$" else ch for ch in token)


def unknown_note(reading, lang: str) -> str | None:
    """The words read as <unk>, named (a few), or None when every word is known."""
    words = list(dict.fromkeys(tok for tok, unk in zip(reading.tokens, reading.unknown) if unk))
    if not words:
        return None
    sep = t("intent.unknown.sep", lang)
    named = sep.join(f"“{markdown_safe(w)}”" for w in words[:MAX_UNKNOWN])
    if len(words) > MAX_UNKNOWN:
        named += sep + t("intent.unknown.more", lang, n=len(words) - MAX_UNKNOWN)
    return t("intent.unknown", lang, words=named)


@st.fragment
def stepping(text: str, cells: tuple[str, ...], lang: str) -> None:
    """What changes with the step: the token strip and the bars. A fragment: a step reruns only this."""
    reading = cache_apps.intent_reading(text, cells[0])
    step = stepper.step_controls(len(reading.tokens), lang)
    st.html(figs.token_strip(reading.tokens, reading.unknown, step, lang))
    chart, look = st.columns([3, 1])
    charts.chart(step_figure(text, cells, step, lang), key="intent_step", where=chart)
    widgets.look_for(t("intent.look.step", lang), lang, where=look)
    stepper.keep_playing()


run_through_app()
lang = language()
s = widgets.current()
st.title(t("intent.title", lang))
st.write(t("intent.intro", lang, n=len(INTENTS)))
st.html(figs.shapes("many_to_one", lang))
if s.generated:
    st.info(t("intent.generated", lang))
    st.button(
        t("intent.generated.button", lang), key="intent_typed", on_click=widgets.apply, args=({"generated": False},)
    )
    st.stop()
if not s.cells:
    st.info(t("msg.no_cells", lang))
    st.stop()
try:
    models = {kind: cache_apps.intent_model(kind) for kind in s.cells}
except CheckpointError as e:
    st.error(t("intent.broken", lang, error=e), icon=":material/error:")
    st.stop()
meta = next(iter(models.values())).meta
st.caption(t("intent.models", lang, hidden=meta["hidden"], embed=meta["embed"], seed=meta["seed"]))
if s.chars:
    st.caption(t("intent.chars", lang))

text, cells = s.text, s.cells
reading = cache_apps.intent_reading(text, cells[0])
if not reading.tokens:
    st.info(t("intent.empty", lang))
    st.stop()
if reading.cut:
    st.caption(t("intent.cut", lang, n=intent_data.MAX_TOKENS))
note = unknown_note(reading, lang)
if note:
    st.info(note, icon=":material/help:")

stepping(text, cells, lang)
chart, look = st.columns([3, 1])
charts.chart(lines_figure(text, cells, lang), key="intent_lines", where=chart)
widgets.look_for(t("intent.look.lines", lang), lang, where=look)

st.subheader(t("intent.answer.header", lang))
for col, kind in zip(st.columns(len(cells)), cells):
    p = cache_apps.intent_reading(text, kind).probs[-1]
    win = int(np.argmax(p))
    col.metric(
        t("intent.answer.label", lang, cell=t(f"cell.{kind}", lang), p=p[win]),
        t(f"intent.name.{INTENTS[win]}", lang),
        help=t("intent.answer.help", lang, n=len(reading.tokens)),
    )

st.subheader(t("intent.why.header", lang))
chart, look = st.columns([3, 1])
charts.chart(why_figure(text, cells, lang), key="intent_why", where=chart)
widgets.look_for(t("intent.look.why", lang), lang, where=look)
st.caption(t("intent.why.definition", lang))

st.subheader(t("intent.long.header", lang))
st.write(t("intent.long.intro", lang, n=intent_data.EXAMPLE_NEUTRAL))
long_text = intent_data.long_example(lang).text
word = intent_data.KEYWORDS[lang][intent_data.EXAMPLE_WORD]
st.button(
    t("intent.long.button", lang, word=word, n=intent_data.EXAMPLE_NEUTRAL),
    key="intent_long",
    on_click=widgets.apply,
    args=({"text": long_text, "step": len(intent_data.tokens_of(long_text))},),
    icon=":material/science:",
)
results = cache.results("intent")
if results is None:
    st.info(t("intent.long.missing", lang))
else:
    chart, look = st.columns([3, 1])
    charts.chart(long_figure(lang), key="intent_long_sentences", where=chart)
    widgets.look_for(t("intent.look.long", lang), lang, where=look)
    st.caption(figs.long_summary(results, lang))
export_view.download(s, "intent", lang)
