"""The pages: one script each, run by app.py's navigation, and the page layer they share.

PAGES is the registry app.py builds the navigation from (and tests open each page from):
(file, url path, title text key, icon). The url path must be the file's stem: see ``run_through_app``.
"""

import streamlit as st

PAGES = [
    ("pages/home.py", "home", "home.nav", ":material/home:"),
    ("pages/lesson.py", "lesson", "lesson.nav", ":material/school:"),
    ("pages/memory.py", "memory", "memory.nav", ":material/footprint:"),
    ("pages/gradients.py", "gradients", "gradients.nav", ":material/trending_down:"),
    ("pages/gates.py", "gates", "gates.nav", ":material/door_open:"),
    ("pages/translate.py", "translate", "translate.nav", ":material/translate:"),
    ("pages/intent.py", "intent", "intent.nav", ":material/record_voice_over:"),
    ("pages/forecast.py", "forecast", "forecast.nav", ":material/show_chart:"),
    ("pages/generate.py", "generate", "gen.nav", ":material/edit_note:"),
    ("pages/training.py", "training", "training.nav", ":material/model_training:"),
]


THROUGH_APP = "_through_app"  # app.py sets it just before it runs the page


def run_through_app() -> None:
    """Call first in every page. When a fresh server's first requests open a page URL, Streamlit may run
    pages/<name>.py directly, without app.py (its legacy pages-directory mode, decided per process before
    app.py has called st.navigation; sessions that open at the same moment all start in it). Leave that
    mode and rerun: app.py then runs and, since a page's identity is the hash of its url path (= the file
    stem), opens the same page."""
    from streamlit.runtime.pages_manager import PagesManager

    if not st.session_state.pop(THROUGH_APP, False):
        PagesManager.uses_pages_directory = False
        st.rerun()
