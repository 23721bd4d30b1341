"""rnnviz: the app frame. Page config, link repair, the shared sidebar, then the chosen page."""

import logging

import streamlit as st
import torch

from pages import PAGES, THROUGH_APP, charts, classroom, lesson_banner, links, widgets
from rnnviz.figures import style
from rnnviz.i18n import t

# One torch thread per script run: many students' sessions share the cores better than one greedy run.
torch.set_num_threads(1)
# The charts' look as plotly's default template: a new figure takes the default without validating it again.
style.use_template()
# The charts draw with the plotly package's own plotly.js, served from static/ (copied once; a stat per run after).
charts.serve_plotly()
# The step slider is moved by its buttons through st.session_state, which Streamlit logs as a warning
# (with a stack trace) on every step although it is the documented way; keep the log readable.
logging.getLogger("streamlit.elements.lib.policies").setLevel(logging.ERROR)
st.set_page_config(page_title="rnnviz", page_icon="🔁", layout="wide")
lang = links.language()
pages = {
    url: st.Page(path, title=t(title, lang), icon=icon, url_path=url, default=i == 0)
    for i, (path, url, title, icon) in enumerate(PAGES)
}
page = st.navigation(list(pages.values()))
classroom.expand_preset(page, pages)
links.repair_link(page)
classroom.follow_goto(pages)
widgets.sidebar(lang)
classroom.sidebar(page.url_path, lang)
classroom.modes(widgets.current(), lang)
links.show_notes(lang)
lesson_banner.show(lang)
st.session_state[THROUGH_APP] = True
page.run()
