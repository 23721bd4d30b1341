"""Training lab (being built): the sequence as tokens."""
import streamlit as st

from pages import shared
from rnnviz import figures
from rnnviz.i18n import t

shared.run_through_app()
lang = shared.language()
s = shared.current()
st.title(t("training.nav", lang))
seq = shared.sequence_or_stop(s, lang)
st.plotly_chart(figures.token_strip(seq.tokens[:200], title=t("home.tokens", lang)), key="training_tokens")
