"""Step through: watch each cell's memory fill and fade, one token at a time, RNN | LSTM | GRU side by side."""
import streamlit as st

from pages import memory_ui as ui
from pages import charts, shared, stepper
from rnnviz import memory
from rnnviz.figures import memory as figs
from rnnviz.figures import memory_html as html
from rnnviz.i18n import t


@st.fragment
def stepping(tokens: list[str], mems: dict[str, ui.Memory], lang: str) -> None:
    """Everything that changes with the step. A fragment: a step reruns only this, not the whole page.

    All of it is HTML, which the browser updates in milliseconds (a plotly chart whose figure changes is
    drawn again, 20-50 ms each). The charts after it stay the same at every step and whichever token is
    followed: CSS marks both on them (the followed token is read from its slider's state)."""
    T = len(tokens)
    step = stepper.step_controls(T, lang)
    st.html(html.token_window(tokens, step))
    st.html(html.unrolled(tokens, step, lang))
    st.html(html.composition({kind: m.shares[step - 1] for kind, m in mems.items()}, tokens, step, lang))
    st.html(html.step_css(len(mems), T, step, "memory_hidden", "memory_maps", ui.focus_from_link(T)))
    stepper.keep_playing()


shared.run_through_app()
lang = shared.language()
s = shared.current()
st.title(t("memory.title", lang))
st.write(t("memory.intro", lang))
ui.preset_picker(lang)
seq = shared.sequence_or_stop(s, lang)
T, kinds = len(seq.tokens), list(s.cells)
with st.spinner(t("memory.computing", lang)):
    mems = {kind: ui.memory_of(s, kind, T) for kind in kinds}

stepping(seq.tokens, mems, lang)
charts.chart(ui.hidden_figure(s, mems, seq.tokens, lang), key="memory_hidden")
charts.chart(ui.maps_figure(s, mems, lang), key="memory_maps")
if T > figs.MAX_MAP_CELLS:
    st.caption(t("memory.map.downsampled", lang, n=T, shown=len(figs.shown_indices(T))))
shared.look_for(t("memory.look.cells", lang), lang)

st.subheader(t("memory.influence.header", lang))
focus = ui.focus_slider(T, lang)
curves = {kind: memory.relative(m.C, focus - 1) for kind, m in mems.items()}
raw = {kind: m.C[focus - 1:, focus - 1] for kind, m in mems.items()}
charts.chart(figs.influence(curves, raw, seq.tokens, focus, lang), key="memory_influence")
shared.look_for(t("memory.look.influence", lang), lang)

st.subheader(t("memory.span.header", lang))
for col, kind in zip(st.columns(len(kinds)), kinds):
    span = mems[kind].span
    col.metric(t("memory.span.label", lang, cell=t(f"cell.{kind}", lang)), ui.span_text(span, lang),
               help=t("memory.span.help", lang, faded=span.faded, tokens=span.tokens, horizon=span.horizon))
st.caption(t("memory.span.definition", lang, tokens=-(-T // 2), horizon=T // 2))
shared.look_for(t("memory.look.span", lang), lang)

st.success(f"**{t('try_this', lang)}** — {t('memory.try', lang)}", icon=":material/science:")
ui.try_this_button(lang)
