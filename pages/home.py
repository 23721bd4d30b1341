"""Overview: the sequence as tokens and the hidden states of the three cells reading it."""
import streamlit as st

from pages import shared
from rnnviz import figures
from rnnviz.i18n import t

shared.run_through_app()
lang = shared.language()
s = shared.current()
st.title(t("home.title", lang))
st.write(t("home.intro", lang))
seq = shared.sequence_or_stop(s, lang)

shared.plot(figures.token_strip(seq.tokens[:200], title=t("home.tokens", lang)), key="home_tokens")
states = {kind: shared.trace(s, kind).hidden for kind in s.cells}
shared.plot(figures.hidden_states(states, seq.tokens, lang), key="home_states")
shared.look_for(t("home.look", lang), lang)
