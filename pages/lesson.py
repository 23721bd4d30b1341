"""Guided lesson: the ordered stops, each with a question to predict before the view reveals the answer."""

import streamlit as st

from pages import lesson_banner, run_through_app
from pages.links import language
from rnnviz import lesson, presets
from rnnviz.i18n import t

run_through_app()
lang = language()
st.title(t("lesson.title", lang))
n = len(presets.LESSON)
st.write(t("lesson.intro", lang, n=n))
st.caption(t("lesson.keys", lang))
for index, stop in enumerate(presets.LESSON):
    with st.container(border=True, key=f"lesson_stop_{index}"):
        st.markdown(f"**{t('lesson.stop', lang, k=index + 1, n=n)} · {t(f'lesson.{stop.key}.title', lang)}**")
        st.write(lesson.text(stop.key, False, stop.before.settings(), lang, lesson_banner.NUMBERS))
        st.button(
            t("lesson.open", lang),
            key=f"lesson_open_{index}",
            on_click=lesson_banner.open_stop,
            args=(index, False),
            icon=":material/play_arrow:",
        )
