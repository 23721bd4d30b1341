"""Overview: the sequence as tokens and the hidden states of the cells reading it."""

import streamlit as st

from pages import cache, charts, export_view, run_through_app, widgets
from pages.links import language
from rnnviz import figures
from rnnviz.figures import tokens
from rnnviz.i18n import t
from rnnviz.settings import Model


@cache.figure
def tokens_figure(m: Model, lang: str):
    return figures.token_strip(cache.inputs(m).tokens[: tokens.MOST], title=t("home.tokens", lang))


@cache.figure
def states_figure(m: Model, cells: tuple[str, ...], lang: str):
    return figures.hidden_states({kind: cache.trace(m, kind).hidden for kind in cells}, cache.inputs(m).tokens, lang)


run_through_app()
lang = language()
s = widgets.current()
st.title(t("home.title", lang))
st.write(t("home.intro", lang))
widgets.inputs_or_stop(s, lang)

charts.chart(tokens_figure(s.model, lang), key="home_tokens")
charts.chart(states_figure(s.model, s.cells, lang), key="home_states")
if s.model.bidirectional:
    st.caption(t("states.bidirectional", lang, H=s.hidden, H1=s.hidden + 1, H2=2 * s.hidden))
if s.model.layers > 1:
    st.caption(t("states.stacked", lang, layers=s.model.layers))
widgets.look_for(t("home.look", lang), lang)
export_view.download(s, "home", lang)
