"""Streamlit helpers of the step-through page: presets, the focus slider, and cached memory measures."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from pages import shared
from rnnviz import memory, scene
from rnnviz import settings as cfg
from rnnviz.figures import memory as figs
from rnnviz.i18n import t

# name -> the settings a preset sets (the shared sidebar widgets pick them up on the rerun)
PRESETS = {
    "short": {"text": "what time is it?", "generated": False, "chars": False},
    "long": {"text": "The old keys that my grandmother had hidden in the blue box under the stairs before "
                     "she moved to the coast many years ago still open the door of the garden shed.",
             "generated": False, "chars": False},
    "zh": {"text": "我昨天在学校旁边那家很小的书店里买的那本关于海洋动物的书，今天早上被我忘在公共汽车上了。",
           "generated": False, "chars": False},
    "gen100": {"generated": True, "length": 100},
    "gen500": {"generated": True, "length": 500},
}
# "try this": an LSTM that remembers, next to a vanilla RNN that cannot
TRY_THIS = {"generated": True, "length": 50, "forget_bias": 3.0}


def _apply(changes: dict) -> None:
    """Set shared widgets' values; runs in a callback, before any widget is drawn."""
    for name, value in changes.items():
        st.session_state[name] = value


def _apply_preset() -> None:
    name = st.session_state.get("memory_preset")
    if name in PRESETS:
        _apply(PRESETS[name])
    st.session_state["memory_preset"] = None  # the picker is an action, not a setting


def preset_picker(lang: str) -> None:
    """A select box of example sequences; choosing one sets the shared text or generated sequence."""
    st.selectbox(t("memory.preset", lang), list(PRESETS), index=None, key="memory_preset",
                 format_func=lambda name: t(f"memory.preset.{name}", lang),
                 placeholder=t("memory.preset.placeholder", lang), on_change=_apply_preset)


def try_this_button(lang: str) -> None:
    st.button(t("memory.try.button", lang), key="memory_try", on_click=_apply, args=(TRY_THIS,),
              icon=":material/science:")


def _seed_from_link(name: str, n: int) -> None:
    """On a session's first run, put the link's value of a 1-based position into session state,
    clamped to 1..n, so code that runs before the widget is drawn sees the linked value."""
    if name not in st.session_state and name in st.query_params:
        linked, _ = cfg.from_query({name: st.query_params.get_all(name)})
        st.session_state[name] = max(1, min(n, getattr(linked, name) or n))


def focus_from_link(n: int) -> int:
    """The followed token (1..n), for the marks drawn before its slider."""
    _seed_from_link("focus", n)
    return max(1, min(n, st.session_state.get("focus", 1)))


def focus_slider(n: int, lang: str) -> int:
    """The token whose influence is followed (1..n), bound to the URL; clamped when the sequence shrinks."""
    if n < 2:
        return 1
    if st.session_state.get("focus", 1) > n:
        st.session_state["focus"] = n
    return st.slider(t("memory.focus", lang), 1, n, key="focus", bind="query-params",
                     help=t("memory.focus.help", lang))


@dataclass
class Memory:
    """What one cell remembers of the current sequence (numpy, 0-based)."""

    C: np.ndarray  # (T, T) contributions
    shares: np.ndarray  # (T, T) memory composition, rows sum to 1
    span: memory.Span
    hidden: np.ndarray  # (T, H)


BLOCK = 50  # generated sequences are computed in blocks of 50 tokens (see _computed)


def _computed(s: cfg.Settings) -> cfg.Settings:
    """The settings whose run is computed: a generated sequence rounded up to a whole block.

    A generated sequence of length T is the first T tokens of any longer one with the same seed,
    and a recurrent cell is causal (h_t depends on x_1..x_t only), so the first T rows and columns
    of the longer run are exactly the run of T: moving the length slider within a block computes nothing.
    """
    if not s.generated:
        return s
    return s.replace(length=min(cfg.MAX_STEPS, -(-s.length // BLOCK) * BLOCK))


@st.cache_data(max_entries=64, show_spinner=False)
def _memory(key: tuple, kind: str, T: int, _s: cfg.Settings) -> Memory:
    C = shared.contributions(_computed(_s), kind)[:T, :T]
    return Memory(C, memory.shares(C), memory.memory_span(C), shared.trace(_computed(_s), kind).hidden[:T])


def memory_of(s: cfg.Settings, kind: str, T: int) -> Memory:
    """The cell's contributions, trace and the measures derived from them for the first T tokens, cached."""
    return _memory(scene.model_key(s), kind, T, s)


# The two figures that stay the same while stepping: built once per view and shared read-only
# (pages/charts.py only serialises them), keyed on what decides them; the data rides along unhashed.
@st.cache_resource(max_entries=32, show_spinner=False)
def _hidden_figure(key: tuple, kinds: tuple, T: int, lang: str, _mems: dict, _tokens: list) -> go.Figure:
    return figs.hidden_so_far({kind: _mems[kind].hidden for kind in kinds}, _tokens, lang)


@st.cache_resource(max_entries=32, show_spinner=False)
def _maps_figure(key: tuple, kinds: tuple, T: int, lang: str, _mems: dict) -> go.Figure:
    return figs.contribution_maps({kind: _mems[kind].C for kind in kinds}, lang)


def hidden_figure(s: cfg.Settings, mems: dict[str, Memory], tokens: list[str], lang: str) -> go.Figure:
    """Every cell's hidden states h_1..h_T, the same figure at every step."""
    return _hidden_figure(scene.model_key(s), tuple(mems), len(tokens), lang, mems, tokens)


def maps_figure(s: cfg.Settings, mems: dict[str, Memory], lang: str) -> go.Figure:
    """Every cell's contribution map, the same figure at every step and whichever token is followed."""
    T = len(next(iter(mems.values())).C)
    return _maps_figure(scene.model_key(s), tuple(mems), T, lang, mems)


def span_text(span: memory.Span, lang: str) -> str:
    """The span as the page shows it: "4 steps", "> 25 steps", or a dash when the sequence is too short."""
    if span.horizon < 1:
        return "—"
    if span.steps is None:
        return t("memory.span.longer", lang, n=span.horizon)
    return t("memory.span.steps", lang, n=span.steps)
