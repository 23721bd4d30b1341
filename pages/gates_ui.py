"""Streamlit helpers of the Gates page: cached core calls and one function per section."""
from __future__ import annotations

import html

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from pages import charts, shared, stepper
from rnnviz import equations as eqs
from rnnviz import gates, scene
from rnnviz import settings as cfg
from rnnviz.figures import gates as figs
from rnnviz.i18n import t


def _settings(key: tuple, **more) -> cfg.Settings:
    return cfg.DEFAULTS.replace(**dict(zip(scene.MODEL_FIELDS, key)), **more)


@st.cache_data(max_entries=64, show_spinner=False)
def _parameters(key: tuple, kind: str) -> dict[str, np.ndarray]:
    return eqs.parameters(scene.cell(_settings(key), kind))


@st.cache_resource(max_entries=32, show_spinner=False)
def _heatmap_figure(key: tuple, cells: tuple, kind: str, lang: str) -> go.Figure:
    """Built once per view and shared read-only (pages/charts.py only serialises it): stepping and the
    unit followed leave it unchanged, and rebuilding it was half of a step's server time."""
    s = _settings(key, cells=cells)
    tr = shared.trace(s, kind)
    data = [(q, gates.values(tr, q)) for q in rows(s, kind)]
    return figs.gate_heatmaps(kind, data, shared.inputs(s).tokens, ranges(s), lang)


def parameters(s: cfg.Settings, kind: str) -> dict[str, np.ndarray]:
    """The cell's weights as float64 numpy, cached on the settings that decide them."""
    return _parameters(scene.model_key(s), kind)


def rows(s: cfg.Settings, kind: str) -> list[gates.Quantity]:
    """The cell's quantities, h first so the hidden states line up across the cells' charts."""
    qs = gates.quantities(kind, s.nonlinearity)
    return [q for q in qs if q.symbol == "h"] + [q for q in qs if q.symbol != "h"]


def ranges(s: cfg.Settings) -> dict[str, tuple[float, float]]:
    """One value range per scale kind, shared by every chart of the page."""
    free = [gates.values(shared.trace(s, k), q) for k in s.cells for q in rows(s, k) if q.scale == gates.FREE]
    return {scale: gates.value_range(scale, free) for scale in (gates.SIGMOID, gates.TANH, gates.FREE)}


def unit_control(hidden: int, lang: str) -> int:
    """The unit to follow, 1..H, bound to the URL; returns it 1-based."""
    if st.session_state.get("unit", 1) > hidden:  # the hidden size went down
        st.session_state["unit"] = hidden
    return int(st.columns([1, 3])[0].number_input(
        t("gates.unit", lang), 1, hidden, cfg.DEFAULTS.unit, step=1,
        help=t("gates.unit.help", lang), key="unit", bind="query-params"))


@st.fragment
def stepping(s: cfg.Settings, x: np.ndarray, tokens: list[str], unit: int, lang: str) -> None:
    """The step controls and everything that depends on the step. A fragment: a step reruns only this.
    The unit control, the shaded text and the saturation chart are outside it: the step's CSS marks the
    current token in the text wherever it is."""
    step = stepper.step_controls(len(tokens), lang)
    heatmaps(s, tokens, step, lang)
    at_step(s, x, tokens, step, unit, lang)
    stepper.keep_playing()


def heatmaps(s: cfg.Settings, tokens: list[str], step: int, lang: str) -> None:
    """The whole sequence: one figure per cell, side by side, with what to look for under each."""
    st.subheader(t("gates.heatmaps.header", lang))
    rng = ranges(s)
    st.caption(t("gates.scales", lang, top=rng[gates.FREE][1]))
    for kind, col in zip(s.cells, st.columns(len(s.cells))):
        fig = _heatmap_figure(scene.model_key(s), s.cells, kind, lang)
        charts.chart(fig, key=f"gates_heat_{kind}", where=col)
        if kind == "rnn":
            col.caption(t("gates.rnn.none", lang))
        with col:
            shared.look_for("\n\n" + "\n".join(f"- {t(f'gates.look.{q.symbol}', lang)}" for q in rows(s, kind)), lang)
    # the heatmaps and the shaded text stay the same for every step and unit (no redraw): CSS marks them
    st.html(figs.step_style(heatmap_charts(s), step, len(tokens)))


def heatmap_charts(s: cfg.Settings) -> dict[str, tuple[int, int]]:
    """{element key: (rows, units)} of the cells' heatmap figures."""
    return {f"gates_heat_{k}": (len(rows(s, k)), shared.trace(s, k).hidden.shape[1]) for k in s.cells}


def unit_marks(s: cfg.Settings, unit: int) -> None:
    """The unit's row edged on every heatmap: outside the stepping fragment, so a step does not restyle it."""
    st.html(figs.unit_style(heatmap_charts(s), unit))


def at_step(s: cfg.Settings, x: np.ndarray, tokens: list[str], step: int, unit: int, lang: str) -> None:
    """The current step: every vector as bars, then the equations with the unit's numbers plugged in."""
    st.subheader(t("gates.step.header", lang, step=step, token=tokens[step - 1]))
    rng = ranges(s)
    for kind, col in zip(s.cells, st.columns(len(s.cells))):
        tr = shared.trace(s, kind)
        data = [(q, gates.values(tr, q)[step - 1]) for q in rows(s, kind) if q.field != "cell_state"]
        col.html(figs.gate_bars(kind, data, step, tokens[step - 1], unit, rng, lang))
    shared.look_for(t("gates.bars.look", lang), lang)
    st.markdown(f"**{t('gates.eq.header', lang, unit=unit)}**")
    st.caption(t("gates.eq.explain", lang, unit=unit))
    labels = [t(f"cell.{k}", lang) for k in s.cells]  # "RNN", "LSTM", "GRU" in every language
    tabs = st.tabs(labels, key="gates_eq_tab", on_change="rerun",
                   default=t("cell.lstm", lang) if "lstm" in s.cells else labels[0])
    for kind, tab in zip(s.cells, tabs):
        if tab.open:  # KaTeX is much of a step's cost: typeset the open tab only
            with tab:
                equations(s, kind, x[step - 1], step, unit, lang)


def equations(s: cfg.Settings, kind: str, x_t: np.ndarray, step: int, unit: int, lang: str) -> None:
    """One cell's equations for one unit, each as written, with numbers, reduced, and its value."""
    tr = shared.trace(s, kind)
    lines = eqs.plugged(kind, parameters(s, kind), x_t, eqs.previous_state(tr, step), unit - 1, s.nonlinearity)
    rows_ = []  # each equation as written, then its numbers worked out on one line
    for p in lines:
        worked = [p.numbers] + ([p.reduced] if p.reduced != p.numbers else []) + [f"{p.value:.4f}"]
        rows_.append(p.lhs + " &= " + p.symbolic + r" \\ &= " + " = ".join(worked))
    st.latex(r"\begin{aligned}" + r" \\[0.9em] ".join(rows_) + r"\end{aligned}")  # one block: typeset once
    traced = {q.symbol: gates.values(tr, q)[step - 1, unit - 1] for q in gates.quantities(kind, s.nonlinearity)}
    diff = max(abs(p.value - traced[p.lhs[0]]) for p in lines)
    st.caption(t("gates.eq.check", lang, step=step, diff=diff))


@st.cache_data(max_entries=64, show_spinner=False)
def _shaded_lines(key: tuple, cells: tuple, unit: int, symbol: str, lang: str) -> list[str]:
    """The shaded text of each shown cell that has ``symbol``, as HTML (colour sampling is slow: cached)."""
    s = _settings(key, cells=cells)
    rng, tokens, out = ranges(s), shared.inputs(s).tokens, []
    for kind in cells:
        for q in (q for q in rows(s, kind) if q.symbol == symbol):
            v = gates.values(shared.trace(s, kind), q)[:, unit - 1]  # (T,)
            caption = html.escape(t("gates.text.caption", lang, cell=t(f"cell.{kind}", lang),
                                    quantity=t(f"gates.q.{symbol}", lang), unit=unit))
            out.append(figs.shaded_html(gates.shaded_text(tokens, v, rng[q.scale]), q.scale, caption))
    return out


def shaded_text(s: cfg.Settings, unit: int, lang: str) -> None:
    """The text coloured by the chosen unit's value of the chosen quantity, one line per cell that has it."""
    st.subheader(t("gates.text.header", lang))
    symbol = st.radio(t("gates.text.shade", lang), cfg.FIELDS["shade"].metadata["choices"], horizontal=True,
                      help=t("gates.text.shade.help", lang), key="shade", bind="query-params")
    lines = _shaded_lines(scene.model_key(s), s.cells, unit, symbol, lang)
    for line in lines:
        st.html(line)
    if not lines:
        st.info(t("gates.text.none", lang, symbol=symbol))
    shared.look_for(t("gates.text.look", lang), lang)


@st.cache_resource(max_entries=32, show_spinner=False)
def _saturation_figure(key: tuple, cells: tuple, lang: str) -> go.Figure | None:
    """Built once per view and shared read-only, like the heatmaps; None when no gated cell is shown."""
    s = _settings(key, cells=cells)
    shares = {k: gates.cell_saturation(shared.trace(s, k), k) for k in cells if k != "rnn"}
    return figs.saturation_chart(shares, lang) if shares else None


def saturation(s: cfg.Settings, lang: str) -> None:
    """Shares of gate values below 0.1 and above 0.9, per gate and per cell."""
    fig = _saturation_figure(scene.model_key(s), s.cells, lang)
    if fig is None:
        st.info(t("gates.sat.none", lang))
        return
    charts.chart(fig, key="gates_saturation")
    shared.look_for(t("gates.sat.look", lang), lang)
