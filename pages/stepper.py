"""Step controls shared by the pages that walk through a sequence: buttons, a slider, and play.

The step lives in ``st.session_state["step"]``, bound to the URL, so a link opens at the same
step and pages that step share it. Buttons change it in callbacks (before the widgets are
drawn), which is the one way Streamlit lets code move a URL-bound widget.
"""

from __future__ import annotations

import time

import streamlit as st

from pages import widgets
from rnnviz.i18n import t

PLAY_INTERVAL = 0.7  # seconds per step while playing; slow enough to read the charts


def _move(to: int, n: int) -> None:
    st.session_state["step"] = max(1, min(n, to))


def _toggle_play(n: int) -> None:
    playing = not st.session_state.get("_playing", False)
    if playing and st.session_state.get("step", n) >= n:
        st.session_state["step"] = 1  # play from the start when already at the end
    st.session_state["_playing"] = playing


def step_controls(n: int, lang: str, what: str = "") -> int:
    """First / previous / play-pause / next / last buttons and a slider over 1..n; returns the step. ``what``
    names what is stepped through: the slider's label and the buttons' help are "step.<what>label",
    "step.<what>first", ... (tokens read when empty; "output." for characters written)."""
    if st.session_state.pop("_advance", False):
        st.session_state["step"] = min(n, st.session_state.get("step", n) + 1)
        if st.session_state["step"] >= n:
            st.session_state["_playing"] = False
    elif st.session_state.get("step", n) > n:  # the sequence got shorter
        st.session_state["step"] = n
    playing = st.session_state.get("_playing", False)
    buttons = st.columns([1, 1, 1, 1, 1, 7], vertical_alignment="bottom")
    # the slider first: on a link's first run it is what reads ?step=, and the buttons' targets need it
    label = t(f"step.{what}label", lang) if what else None
    step = widgets.widget("step", lang, buttons[5], hi=n, default=n, label=label) if n > 1 else 1
    buttons[0].button(
        ":material/first_page:",
        help=t(f"step.{what}first", lang),
        key="step_first",
        on_click=_move,
        args=(1, n),
        disabled=step <= 1,
    )
    buttons[1].button(
        ":material/chevron_left:",
        help=t(f"step.{what}prev", lang),
        key="step_prev",
        on_click=_move,
        args=(step - 1, n),
        disabled=step <= 1,
    )
    buttons[2].button(
        ":material/pause:" if playing else ":material/play_arrow:",
        help=t(f"step.{what}pause" if playing else f"step.{what}play", lang),
        key="step_play",
        on_click=_toggle_play,
        args=(n,),
        type="primary",
    )
    buttons[3].button(
        ":material/chevron_right:",
        help=t(f"step.{what}next", lang),
        key="step_next",
        on_click=_move,
        args=(step + 1, n),
        disabled=step >= n,
    )
    buttons[4].button(
        ":material/last_page:",
        help=t(f"step.{what}last", lang),
        key="step_last",
        on_click=_move,
        args=(n, n),
        disabled=step >= n,
    )
    return step


def keep_playing() -> None:
    """Call at the very end of a page: while playing, wait one interval and advance a step.

    Any click during the wait interrupts this run (Streamlit reruns at once), so pause stays responsive.
    """
    if st.session_state.get("_playing", False):
        time.sleep(PLAY_INTERVAL)
        st.session_state["_advance"] = True
        st.rerun()
