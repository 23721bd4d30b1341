"""Gates: the LSTM's and GRU's gates next to the vanilla RNN, step by step, with the equations worked out."""
import streamlit as st

from pages import gates_ui as ui
from pages import shared
from rnnviz.i18n import t

shared.run_through_app()
lang = shared.language()
s = shared.current()
st.title(t("gates.title", lang))
st.write(t("gates.intro", lang))
seq = shared.sequence_or_stop(s, lang)

# the hidden size of the cells shown: a trained checkpoint brings its own
unit = ui.unit_control(shared.trace(s, s.cells[0]).hidden.shape[1], lang)
ui.unit_marks(s, unit)
ui.stepping(s, seq.x, seq.tokens, unit, lang)
ui.shaded_text(s, unit, lang)
ui.saturation(s, lang)
st.success(f"**{t('try_this', lang)}** — {t('gates.try', lang)}", icon=":material/science:")
