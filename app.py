"""rnnviz: the app frame. Page config, link repair, the shared sidebar, then the chosen page."""
import streamlit as st
import torch

from pages import shared
from rnnviz.i18n import t

# One torch thread per script run: many students' sessions share the cores better than one greedy run.
torch.set_num_threads(1)
st.set_page_config(page_title="rnnviz", page_icon="🔁", layout="wide")
lang = shared.language()
page = st.navigation([
    st.Page(path, title=t(title, lang), icon=icon, url_path=url, default=i == 0)
    for i, (path, url, title, icon) in enumerate(shared.PAGES)
])
shared.repair_link(page)
shared.sidebar(lang)
shared.show_notes(lang)
page.run()
