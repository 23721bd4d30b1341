"""Step through: watch each cell's memory fill and fade, one token at a time, RNN | LSTM | GRU side by side."""

import streamlit as st

from pages import cache, charts, classroom, export_view, marks, run_through_app, stepper, widgets
from pages.links import language
from rnnviz import memory
from rnnviz.figures import memory as figs
from rnnviz.figures import memory_html as html
from rnnviz.i18n import t
from rnnviz.settings import Model

HIDDEN, MAPS = "memory_hidden", "memory_maps"  # the chart keys the step is marked on
MARK, ROW_MARK, FOCUS_MARK = "#111111", "#D55E00", "#1A1A1A"  # the step's column, its row, the followed token
SLOW_STACKED = 200  # tokens above which a stacked bidirectional cell's map takes over a second (T^2: 20 s at 1000)


@cache.figure
def hidden_figure(m: Model, cells: tuple[str, ...], lang: str):
    """Every cell's hidden states h_1..h_T, the same figure at every step."""
    states = {kind: cache.trace(m, kind).hidden for kind in cells}
    return figs.hidden_so_far(states, cache.inputs(m).tokens, lang, m.bidirectional)


@cache.figure
def maps_figure(m: Model, cells: tuple[str, ...], lang: str):
    """Every cell's contribution map, the same figure at every step and whichever token is followed."""
    return figs.contribution_maps({kind: cache.contributions(m, kind) for kind in cells}, lang)


@cache.figure
def influence_figure(m: Model, cells: tuple[str, ...], focus: int, lang: str):
    """How the followed token's influence on h_t fades as t grows, every cell on one log chart."""
    maps = {kind: cache.contributions(m, kind) for kind in cells}
    curves = {kind: memory.relative(C, focus - 1) for kind, C in maps.items()}
    raw = {kind: C[focus - 1 :, focus - 1] for kind, C in maps.items()}
    return figs.influence(curves, raw, cache.inputs(m).tokens, focus, lang)


def step_css(cells: int, T: int, step: int, focus: int, both_ways: bool = False) -> str:
    """The step on the hidden states (later steps hatched, its column boxed) and on the maps (its row boxed),
    and the followed token's column on the maps (dashed): one style sheet, one overlay a chart."""
    at = figs.step_marks(cells, T, step, focus, both_ways)
    return (
        "<style>\n"
        + marks.marks_css(HIDDEN, figs.HIDDEN_AREA, at["hatched"], at["column"], MARK)
        + "\n"
        + marks.marks_css(
            MAPS, figs.MAP_AREA, boxes=at["row"], color=ROW_MARK, dashed=at["focus"], dashed_color=FOCUS_MARK
        )
        + "\n</style>"
    )


@st.fragment
def stepping(tokens: list[str], mems: dict[str, cache.Memory], both_ways: bool, lang: str) -> None:
    """Everything that changes with the step. A fragment: a step reruns only this, not the whole page.
    All of it is HTML; the charts after it stay the same at every step (CSS marks the step on them)."""
    T = len(tokens)
    step = stepper.step_controls(T, lang)
    st.html(html.token_window(tokens, step))
    st.html(html.unrolled(tokens, step, lang))
    st.caption(t("memory.diagram.shared", lang))
    if both_ways:
        st.caption(t("memory.unrolled.both", lang))
    shares = {kind: m.shares[step - 1] for kind, m in mems.items()}
    with st.container(key="memory_composition"):
        st.html(html.composition(shares, tokens, step, lang, both_ways))
    widgets.per_view("focus", T)
    st.html(step_css(len(mems), T, step, st.session_state.get("focus", 1), both_ways))
    stepper.keep_playing()


run_through_app()
lang = language()
s = widgets.current()
st.title(t("memory.title", lang))
st.write(t("memory.intro", lang))
classroom.preset_picker("examples", lang)
seq = widgets.inputs_or_stop(s, lang)
T, kinds = len(seq.tokens), list(s.cells)
if s.model.bidirectional and s.model.layers > 1 and T > SLOW_STACKED:  # seconds per cell: a bar, cell by cell
    bar, mems = st.progress(0.0), {}
    for i, kind in enumerate(kinds):
        bar.progress(i / len(kinds), text=t("memory.computing.stacked", lang, cell=t(f"cell.{kind}", lang), T=T))
        mems[kind] = cache.memory_of(s.model, kind)
    bar.empty()
else:
    with st.spinner(t("memory.computing", lang)):
        mems = {kind: cache.memory_of(s.model, kind) for kind in kinds}

if s.model.bidirectional:
    st.info(t("memory.shape.bidirectional", lang, H=s.hidden, H1=s.hidden + 1, H2=2 * s.hidden, T=T))
if s.model.layers > 1:
    st.caption(t("memory.shape.stacked", lang, layers=s.model.layers))
stepping(seq.tokens, mems, s.model.bidirectional, lang)
charts.chart(hidden_figure(s.model, s.cells, lang), key=HIDDEN)
charts.chart(maps_figure(s.model, s.cells, lang), key=MAPS)
if T > figs.MAX_MAP_CELLS:
    st.caption(t("memory.map.downsampled", lang, n=T, shown=len(figs.shown_indices(T))))
widgets.look_for(t("memory.look.cells.both" if s.model.bidirectional else "memory.look.cells", lang), lang)

st.subheader(t("memory.influence.header", lang))
widgets.per_view("focus", T)
focus = widgets.widget("focus", lang, hi=T) if T > 1 else 1
charts.chart(influence_figure(s.model, s.cells, focus, lang), key="memory_influence")
widgets.look_for(t("memory.look.influence", lang), lang)

st.subheader(t("memory.span.header", lang))
for col, kind in zip(st.columns(len(kinds)), kinds):
    span = mems[kind].span
    col.metric(
        t("memory.span.label", lang, cell=t(f"cell.{kind}", lang)),
        html.span_text(span, lang),
        help=t("memory.span.help", lang, faded=span.faded, tokens=span.tokens, horizon=span.horizon),
    )
st.caption(t("memory.span.definition", lang, tokens=-(-T // 2), horizon=T // 2))
if s.model.bidirectional:
    st.caption(t("memory.span.bidirectional", lang))
widgets.look_for(t("memory.look.span", lang), lang)

st.success(f"**{t('try_this', lang)}** — {t('memory.try', lang)}", icon=":material/science:")
st.button(
    t("memory.try.button", lang),
    key="memory_try",
    on_click=classroom.offer,
    args=("lstm-holds-on",),
    icon=":material/science:",
)
export_view.download(s, "memory", lang)
