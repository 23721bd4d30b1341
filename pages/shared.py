"""Streamlit glue shared by every page: the page list, link repair, the shared sidebar, cached core calls.

Widgets are keyed by Settings field names and bound to the URL (``bind="query-params"``),
so Streamlit keeps the link in sync; this module only repairs a tampered link once, at
the start of a session, before any widget reads it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from rnnviz import analysis, checkpoints, scene
from rnnviz import settings as cfg
from rnnviz.figures import export
from pages import charts
from pages.links import URL_LABELS, language
from rnnviz.i18n import LANGS, t

# (file, url path, title key, icon); app.py builds the navigation from this list, tests open each page.
# The url path must be the file's stem: see run_through_app.
PAGES = [
    ("pages/home.py", "home", "home.nav", ":material/home:"),
    ("pages/lesson.py", "lesson", "lesson.nav", ":material/school:"),
    ("pages/memory.py", "memory", "memory.nav", ":material/footprint:"),
    ("pages/gradients.py", "gradients", "gradients.nav", ":material/trending_down:"),
    ("pages/gates.py", "gates", "gates.nav", ":material/door_open:"),
    ("pages/training.py", "training", "training.nav", ":material/model_training:"),
]

DEFAULTS = cfg.DEFAULTS


def run_through_app() -> None:
    """Call first in every page. When a fresh server's very first request opens a page URL, Streamlit
    runs pages/<name>.py directly (its legacy pages-directory mode, decided before app.py has
    called st.navigation). Leave that mode and rerun: app.py then runs and, since a page's
    identity is the hash of its url path (= the file stem), opens the same page."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def sidebar(lang: str) -> None:
    """Widgets every page shares: language, sequence, cells and weights."""
    with st.sidebar:
        st.selectbox(t("sidebar.language", lang), list(LANGS), format_func=LANGS.get,
                     key="lang", bind="query-params")
        st.subheader(t("sidebar.sequence", lang))
        # both the text and the length are always drawn (the unused one greyed out): a widget that
        # appears only later cannot take a value that a preset set for it into the link
        generated = st.toggle(t("sidebar.generated", lang), value=DEFAULTS.generated,
                              key="generated", bind="query-params")
        st.text_area(t("sidebar.text", lang), DEFAULTS.text, max_chars=cfg.MAX_TEXT_CHARS, disabled=generated,
                     help=t("sidebar.text.help", lang), key="text", bind="query-params", height=80)
        st.toggle(t("sidebar.chars", lang), value=DEFAULTS.chars, key="chars", bind="query-params",
                  disabled=generated)
        st.slider(t("sidebar.length", lang), 2, cfg.MAX_STEPS, DEFAULTS.length, disabled=not generated,
                  key="length", bind="query-params")
        st.subheader(t("sidebar.model", lang))
        st.multiselect(t("sidebar.cells", lang), cfg.CELL_KINDS, default=list(DEFAULTS.cells),
                       format_func=URL_LABELS["cells"], key="cells", bind="query-params")
        st.slider(t("sidebar.hidden", lang), 1, 128, DEFAULTS.hidden, key="hidden", bind="query-params")
        st.number_input(t("sidebar.seed", lang), 0, 2**31 - 1, DEFAULTS.seed, step=1,
                        key="seed", bind="query-params")
        weights_select(lang)
        with st.expander(t("sidebar.advanced", lang)):
            st.slider(t("sidebar.dim", lang), 1, 64, DEFAULTS.dim, key="dim", bind="query-params")
            st.slider(t("sidebar.forget_bias", lang), -5.0, 5.0, DEFAULTS.forget_bias, step=0.1,
                      help=t("sidebar.forget_bias.help", lang), key="forget_bias", bind="query-params")
            st.slider(t("sidebar.update_bias", lang), -5.0, 5.0, DEFAULTS.update_bias, step=0.1,
                      help=t("sidebar.update_bias.help", lang), key="update_bias", bind="query-params")
    stop_if_weights_broken(st.session_state.get("weights", scene.RANDOM), lang)


@st.cache_data(ttl=60, show_spinner=False)
def _trained_sets() -> list[str]:
    return checkpoints.available()


def weights_select(lang: str) -> None:
    """Random weights or a shipped trained set; the option labels are the set names (language-neutral,
    they go into the URL), except the default's, which never does."""
    st.selectbox(t("training.weights", lang), [scene.RANDOM, *_trained_sets()],
                 format_func=lambda n: t("training.weights.random", lang) if n == scene.RANDOM else n,
                 help=t("training.weights.help", lang), key="weights", bind="query-params")
    if st.session_state.get("weights", scene.RANDOM) != scene.RANDOM:
        st.caption(t("training.weights.note", lang))


def stop_if_weights_broken(name: str, lang: str) -> None:
    """A checkpoint file that is missing or corrupt: a clear message instead of the page, no traceback."""
    if name != scene.RANDOM:
        try:
            for kind in cfg.CELL_KINDS:
                checkpoints.load_set(name, kind)
        except checkpoints.CheckpointError as e:
            st.error(t("training.weights.broken", lang, error=str(e)), icon=":material/error:")
            st.stop()


def current() -> cfg.Settings:
    """The settings the widgets hold now, validated like a link (widget values can be forged)."""
    values = {name: cfg.encode(name, st.session_state[name]) for name in cfg.FIELDS if name in st.session_state}
    settings, _ = cfg.from_query(values)
    if st.session_state.get("cells") == []:  # an emptied selection stays empty (a link would mean the default)
        settings = settings.replace(cells=())
    return settings


# ---- cached core calls: keyed on primitives, return numpy (STYLE: cache at the edge) ----

@dataclass
class Inputs:
    tokens: list[str]
    x: np.ndarray  # (T, D)
    dropped: int


@st.cache_data(max_entries=256, show_spinner=False)
def _inputs(key: tuple) -> Inputs:
    seq = scene.sequence(_settings_from_key(key))
    return Inputs(seq.tokens, seq.x.numpy(), seq.dropped)


def _settings_from_key(key: tuple) -> cfg.Settings:
    return DEFAULTS.replace(**dict(zip(scene.MODEL_FIELDS, key)))


@st.cache_data(max_entries=256, show_spinner=False)
def _trace(key: tuple, kind: str) -> analysis.Trace:
    s = _settings_from_key(key)
    return analysis.trace(scene.cell(s, kind), scene.sequence(s).x)


@st.cache_data(max_entries=128, show_spinner=False)
def _contributions(key: tuple, kind: str) -> np.ndarray:
    s = _settings_from_key(key)
    return analysis.contributions(scene.cell(s, kind), scene.sequence(s).x)


@st.cache_data(max_entries=128, show_spinner=False)
def _gradient_norms(key: tuple, kind: str) -> np.ndarray:
    s = _settings_from_key(key)
    return analysis.gradient_norms(scene.cell(s, kind), scene.sequence(s).x)


def inputs(s: cfg.Settings) -> Inputs:
    return _inputs(scene.model_key(s))


def trace(s: cfg.Settings, kind: str) -> analysis.Trace:
    return _trace(scene.model_key(s), kind)


def contributions(s: cfg.Settings, kind: str) -> np.ndarray:
    return _contributions(scene.model_key(s), kind)


def gradient_norms(s: cfg.Settings, kind: str) -> np.ndarray:
    return _gradient_norms(scene.model_key(s), kind)


def sequence_or_stop(s: cfg.Settings, lang: str) -> Inputs:
    """The inputs, or a clear message and a stop when there is nothing to draw."""
    seq = inputs(s)
    if not s.cells:
        st.info(t("msg.no_cells", lang))
        st.stop()
    if not seq.tokens:
        st.info(t("msg.no_tokens", lang))
        st.stop()
    if seq.dropped:
        st.caption(t("msg.truncated", lang, kept=len(seq.tokens), dropped=seq.dropped))
    return seq


def plot(fig, *, key: str, where=None) -> None:
    """A chart with its exports: PNG from the chart's own toolbar (camera icon), CSV of its numbers below.

    The CSV is built only when someone clicks (a deferred download), so it costs nothing per rerun.
    """
    png = {"toImageButtonOptions": {"format": "png", "filename": key, "scale": 2}}
    charts.chart(fig, key=key, where=where, config=png)
    (where or st).download_button(t("export.csv", language()), data=lambda: export.to_csv(go.Figure(fig)),
                          file_name=f"{key}.csv", mime="text/csv", key=f"{key}_csv", on_click="ignore",
                          type="tertiary", icon=":material/download:")


def look_for(text: str, lang: str) -> None:
    """The "what to look for" box beside a chart."""
    st.info(f"**{t('what_to_look_for', lang)}** — {text}", icon=":material/visibility:")
