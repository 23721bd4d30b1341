"""The guided lesson on every page it opens: the stop's banner (its question or answer, with the numbers of the
view on screen), the keys that move through it, and in presentation mode the projector's view of the stop."""

from __future__ import annotations

import streamlit as st

from pages import cache, cache_apps, widgets
from pages.classroom import open_view
from rnnviz import lesson, presets
from rnnviz.i18n import t

# the lesson's texts quote the numbers the page's own cached calls give its charts
NUMBERS = lesson.Numbers(
    tokens=lambda m: cache.inputs(m).tokens,
    contributions=cache.contributions,
    gradient=lambda m, kind: cache.profile(m, kind).gradient,
    sigma=lambda m: cache.spectrum(m).sigma,
    trace=cache.trace,
    parameter_count=cache.parameter_count,
    results=cache.results,
    intent_probs=lambda text, kind: cache_apps.intent_reading(text, kind).probs,
)


def open_stop(index: int, revealed: bool) -> None:
    """Callback: open lesson stop ``index``, before or after its reveal."""
    stop = presets.LESSON[index]
    open_view(stop.after if revealed else stop.before)
    st.session_state["_lesson"] = (index, revealed)
    if revealed and stop.trains:
        st.session_state["_lab_start"] = True  # as the training page's Train button does


def projector_css(shows: tuple[str, ...]) -> str:
    """Presentation mode in the lesson: the page shows only the stop's banner and the elements that answer it
    (by key or key prefix), without the sidebar."""
    keyed = ", ".join(f'[class*="st-key-{key}"]' for key in shows)
    return f"""<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] {{display: none;}}
[data-testid="stMain"] [data-testid="stElementContainer"] {{display: none;}}
[data-testid="stMain"] [data-testid="stElementContainer"]:is({keyed}),
  :is({keyed}) [data-testid="stElementContainer"],
  .st-key-lesson_banner [data-testid="stElementContainer"] {{display: block;}}
[data-testid="stMain"] [data-testid="stElementContainer"][class*="_csv"] {{display: none;}}
</style>"""


def show(lang: str) -> None:
    """On a page opened from the lesson: the stop's question or answer, then back / reveal / next. The right
    arrow key moves on (reveals, then goes to the next stop), the left one goes back the same way."""
    if "_lesson" not in st.session_state:
        return
    index, revealed = st.session_state["_lesson"]
    stop, n, s = presets.LESSON[index], len(presets.LESSON), widgets.current()
    with st.container(border=True, key="lesson_banner"):
        st.markdown(f"**{t('lesson.stop', lang, k=index + 1, n=n)} · {t(f'lesson.{stop.key}.title', lang)}**")
        if lesson.shows(stop.after if revealed else stop.before, s):
            st.markdown(lesson.text(stop.key, revealed, s, lang, NUMBERS))
            if revealed and stop.trains:  # said only where the run is: not in the exported lesson
                st.markdown(t("lesson.trains.live", lang))
        else:
            st.markdown(t("lesson.changed", lang))
            revealed = False
        cols = st.columns(4)
        if index > 0 or revealed:
            back = (index, False) if revealed else (index - 1, True)
            cols[0].button(
                t("lesson.prev", lang),
                key="lesson_prev",
                on_click=open_stop,
                args=back,
                icon=":material/arrow_back:",
                shortcut="Left",
            )
        if not revealed:
            cols[1].button(
                t("lesson.reveal", lang),
                key="lesson_reveal",
                on_click=open_stop,
                args=(index, True),
                icon=":material/visibility:",
                type="primary",
                shortcut="Right",
            )
        if index + 1 < n:
            cols[2].button(
                t("lesson.next", lang),
                key="lesson_next",
                on_click=open_stop,
                args=(index + 1, False),
                icon=":material/arrow_forward:",
                shortcut="Right" if revealed else None,
            )
        cols[3].button(t("lesson.back", lang), key="lesson_back", on_click=_back_to_lesson, icon=":material/list:")
    if s.present:
        st.html(projector_css(stop.shows))


def _back_to_lesson() -> None:
    st.session_state.pop("_lesson", None)
    st.session_state["_goto"] = "lesson"
