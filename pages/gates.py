"""Gates: the LSTM's and GRU's gates next to the vanilla RNN, step by step, with the equations worked out."""

import streamlit as st

from pages import cache, charts, export_view, marks, run_through_app, stepper, widgets
from pages.links import language
from rnnviz import equations as eqs
from rnnviz import gates
from rnnviz.figures import gates as figs
from rnnviz.i18n import t
from rnnviz.settings import Model

STEP_MARK, UNIT_MARK = "#111111", "#333333"


def rows(m: Model, kind: str) -> list[gates.Quantity]:
    """The cell's quantities, h first so the hidden states line up across the cells' charts."""
    return gates.rows(kind, m.nonlinearity)


@cache.figure
def heatmap_figure(m: Model, cells: tuple[str, ...], kind: str, lang: str):
    """One cell's quantities as heatmaps over the whole sequence: the same at every step and unit."""
    view = cache.gates_of(m, cells)
    data = [(q, gates.values(view.traces[kind], q)) for q in rows(m, kind)]
    return figs.gate_heatmaps(kind, data, cache.inputs(m).tokens, view.ranges, lang)


@cache.figure
def saturation_figure(m: Model, cells: tuple[str, ...], lang: str):
    return figs.saturation_chart({k: cache.saturation(m, k) for k in cells if k != "rnn"}, lang)


def heatmap_key(kind: str) -> str:
    return f"gates_heat_{kind}"


def step_css(m: Model, cells: tuple[str, ...], step: int, T: int) -> str:
    """The step's column boxed on every heatmap, and its token outlined in the shaded text."""
    rules = [
        marks.marks_css(
            heatmap_key(k),
            figs.heatmap_area(len(rows(m, k))),
            boxes=[figs.step_column(len(rows(m, k)), step, T)],
            color=STEP_MARK,
        )
        for k in cells
    ]
    rules.append(f".shaded .tok:nth-of-type({step}) {{ border-color: {STEP_MARK}; font-weight: 700; }}")
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def unit_css(m: Model, view: cache.Gates, unit: int) -> str:
    """The unit's row dashed on every heatmap; a style of its own, so that a step leaves it untouched."""
    rules = [
        marks.marks_css(
            heatmap_key(k),
            figs.heatmap_area(len(rows(m, k))),
            pseudo="before",
            dashed=figs.unit_rows(len(rows(m, k)), tr.hidden.shape[1], unit),
            dashed_color=UNIT_MARK,
        )
        for k, tr in view.traces.items()
    ]
    return "<style>\n" + "\n".join(rules) + "\n</style>"


@st.fragment
def stepping(m: Model, view: cache.Gates, tokens: list[str], unit: int, lang: str) -> None:
    """The step controls and everything that depends on the step. A fragment: a step reruns only this.
    The heatmaps, the shaded text and the saturation chart stay the same: CSS marks the step on them."""
    cells = tuple(view.traces)
    step = stepper.step_controls(len(tokens), lang)
    st.subheader(t("gates.heatmaps.header", lang))
    st.caption(t("gates.scales", lang, top=view.ranges[gates.FREE][1]))
    for kind, col in zip(cells, st.columns(len(cells))):
        charts.chart(heatmap_figure(m, cells, kind, lang), key=heatmap_key(kind), where=col)
        if kind == "rnn":
            col.caption(t("gates.rnn.none", lang))
        looks = "\n".join(f"- {t(f'gates.look.{q.symbol}', lang)}" for q in rows(m, kind))
        widgets.look_for("\n\n" + looks, lang, col)
    st.html(step_css(m, cells, step, len(tokens)))
    at_step(m, view, tokens, step, unit, lang)
    stepper.keep_playing()


def at_step(m: Model, view: cache.Gates, tokens: list[str], step: int, unit: int, lang: str) -> None:
    """The current step: every vector as bars, then the equations with the unit's numbers plugged in."""
    cells = tuple(view.traces)
    st.subheader(t("gates.step.header", lang, step=step, token=tokens[step - 1]))
    for (kind, tr), col in zip(view.traces.items(), st.columns(len(cells))):
        data = [(q, gates.values(tr, q)[step - 1]) for q in rows(m, kind) if q.field != "cell_state"]
        col.html(figs.gate_bars(kind, data, step, tokens[step - 1], unit, view.ranges, lang))
    widgets.look_for(t("gates.bars.look", lang), lang)
    st.markdown(f"**{t('gates.eq.header', lang, unit=unit)}**")
    st.caption(t("gates.eq.explain", lang, unit=unit))
    labels = [t(f"cell.{k}", lang) for k in cells]  # "RNN", "LSTM", "GRU" in every language
    tabs = st.tabs(
        labels, key="gates_eq_tab", on_change="rerun", default=t("cell.lstm", lang) if "lstm" in cells else labels[0]
    )
    for kind, tab in zip(cells, tabs):
        if tab.open:  # KaTeX is much of a step's cost: typeset the open tab only
            with tab:
                equations(m, kind, view.traces[kind], step, unit, lang)


def equations(m: Model, kind: str, tr, step: int, unit: int, lang: str) -> None:
    """One cell's equations for one unit, each as written, with numbers, reduced, and its value."""
    x_t = cache.inputs(m).x[step - 1]
    lines = eqs.plugged(kind, cache.parameters(m, kind), x_t, eqs.previous_state(tr, step), unit - 1, m.nonlinearity)
    worked = []  # each equation as written, then its numbers worked out on one line
    for p in lines:
        steps = [p.numbers] + ([p.reduced] if p.reduced != p.numbers else []) + [f"{p.value:.4f}"]
        worked.append(p.lhs + " &= " + p.symbolic + r" \\ &= " + " = ".join(steps))
    st.latex(r"\begin{aligned}" + r" \\[0.9em] ".join(worked) + r"\end{aligned}")  # one block: typeset once
    traced = {q.symbol: gates.values(tr, q)[step - 1, unit - 1] for q in gates.quantities(kind, m.nonlinearity)}
    diff = max(abs(p.value - traced[p.lhs[0]]) for p in lines)
    st.caption(t("gates.eq.check", lang, step=step, diff=diff))


@cache.shared
def shaded_lines(m: Model, cells: tuple[str, ...], unit: int, symbol: str, lang: str) -> list[str]:
    """The text coloured by one unit's value of ``symbol``, as HTML, one line per shown cell that has it."""
    view = cache.gates_of(m, cells)
    return figs.shaded_lines(view.traces, cache.inputs(m).tokens, view.ranges, unit, symbol, m.nonlinearity, lang)


run_through_app()
lang = language()
s = widgets.current()
st.title(t("gates.title", lang))
st.write(t("gates.intro", lang))
seq = widgets.inputs_or_stop(s, lang)
m, cells = s.model.one_way(), s.cells
if m != s.model:
    both = t("states.one_way.both", lang) if s.model.bidirectional else ""
    st.info(t("states.one_way", lang, layers=s.model.layers, both=both))
view = cache.gates_of(m, cells)

hidden = view.traces[cells[0]].hidden.shape[1]  # a trained checkpoint brings its own hidden size
widgets.per_view("unit", hidden)
unit = int(widgets.widget("unit", lang, st.columns([1, 3])[0], hi=hidden))
st.html(unit_css(m, view, unit))
stepping(m, view, seq.tokens, unit, lang)

st.subheader(t("gates.text.header", lang))
symbol = widgets.widget("shade", lang)
lines = shaded_lines(m, cells, unit, symbol, lang)
for line in lines:
    st.html(line)
if not lines:
    st.info(t("gates.text.none", lang, symbol=symbol))
widgets.look_for(t("gates.text.look", lang), lang)

if any(k != "rnn" for k in cells):
    charts.chart(saturation_figure(m, cells, lang), key="gates_saturation")
    widgets.look_for(t("gates.sat.look", lang), lang)
else:
    st.info(t("gates.sat.none", lang))
st.success(f"**{t('try_this', lang)}** — {t('gates.try', lang)}", icon=":material/science:")
export_view.download(s, "gates", lang)
