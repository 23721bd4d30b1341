"""Overview: the sequence as tokens and the hidden states of the three cells reading it."""
import streamlit as st

from pages import shared
from rnnviz import figures, scene
from rnnviz.i18n import t


@st.cache_resource(max_entries=64, show_spinner=False)
def _figures(key: tuple, cells: tuple, lang: str, _s) -> tuple:
    """Both charts for one model (``key`` decides ``_s``), cell choice and language, built once and shared
    read-only: building plotly figures was most of this page's server time per rerun."""
    tokens = shared.inputs(_s).tokens
    states = {kind: shared.trace(_s, kind).hidden for kind in cells}
    return (figures.token_strip(tokens[:200], title=t("home.tokens", lang)),
            figures.hidden_states(states, tokens, lang))


shared.run_through_app()
lang = shared.language()
s = shared.current()
st.title(t("home.title", lang))
st.write(t("home.intro", lang))
seq = shared.sequence_or_stop(s, lang)

strip, states = _figures(scene.model_key(s), s.cells, lang, s)
shared.plot(strip, key="home_tokens")
shared.plot(states, key="home_states")
shared.look_for(t("home.look", lang), lang)
