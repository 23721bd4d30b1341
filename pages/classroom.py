"""Streamlit glue for the classroom: preset links, the share link, teacher and presentation modes (the lesson's
banner and presenter: pages/lesson_banner.py).

Teacher and presentation modes are CSS over the page (so every page gets them without code of
its own): teacher mode hides the sidebar and every control except the step buttons; presentation
mode enlarges type and thickens chart lines.
"""

from __future__ import annotations

import urllib.parse

import streamlit as st

from pages import links, widgets
from rnnviz import presets
from rnnviz import settings as cfg
from rnnviz.i18n import t

CLASSROOM_FIELDS = ("lang", "teacher", "present")  # kept when a preset or a lesson stop opens


def expand_preset(page, pages: dict) -> None:
    """A link ?preset=<name> on a session's first run: open the preset's page with its settings
    (the link then becomes the plain view link). An unknown name leaves the view and says so."""
    if st.session_state.get("_link_checked") or "preset" not in st.query_params:
        return
    name = st.query_params.get("preset")
    kept = {k: st.query_params.get_all(k) for k in st.query_params if k != "preset"}
    if name not in presets.PRESETS:
        st.session_state["_notes"] = [cfg.Note("preset", name[:80], "—", "unknown_choice")]
        st.switch_page(page, query_params=kept)
    preset = presets.PRESETS[name]
    query = {k: links.canonical(k, v) for k, v in preset.query().items()}
    query.update({k: v for k, v in kept.items() if k in CLASSROOM_FIELDS})
    st.switch_page(pages[preset.page], query_params=query)


def open_view(preset: presets.Preset) -> None:
    """Callback: set every widget to the preset's view (the others to their defaults) and go to its page."""
    view = preset.settings()
    widgets.apply({name: getattr(view, name) for name in cfg.FIELDS if name not in CLASSROOM_FIELDS})
    if view.step == 0:  # "the last step": past any sequence's end, which the step controls clamp it to
        st.session_state["step"] = cfg.MAX_STEPS
    st.session_state["_goto"] = preset.page


def offer(preset_name: str) -> None:
    """Callback of a page's preset button or picker: change only the settings the preset names."""
    widgets.apply(presets.PRESETS[preset_name].changes)


def _picked(key: str) -> None:
    if st.session_state.get(key) in presets.PRESETS:
        offer(st.session_state[key])
    st.session_state[key] = None  # the picker is an action, not a setting


def preset_picker(where: str, lang: str) -> None:
    """A select box of the presets offered ``where``; choosing one applies it."""
    key = f"{where}_preset"
    st.selectbox(
        t(f"presets.{where}", lang),
        presets.offered(where),
        index=None,
        key=key,
        format_func=lambda name: t(f"preset.{name}", lang),
        placeholder=t("presets.placeholder", lang),
        on_change=_picked,
        args=(key,),
    )


def preset_buttons(where: str, lang: str) -> None:
    """One button per preset offered ``where``, in a row."""
    names = presets.offered(where)
    st.caption(t(f"presets.{where}", lang))
    for col, name in zip(st.columns(len(names)), names):
        col.button(
            t(f"preset.{name}", lang),
            help=t(f"preset.{name}.help", lang),
            key=f"preset_{name}",
            on_click=offer,
            args=(name,),
            width="stretch",
            icon=":material/tune:",
        )


def follow_goto(pages: dict) -> None:
    """After a callback asked for another page (lesson, presets): switch to it."""
    target = st.session_state.pop("_goto", None)
    if target in pages:
        st.switch_page(
            pages[target], query_params={}
        )  # {} not None: None would refuse to clear widget-bound params; widgets write theirs back


def share_link(url_path: str, lang: str) -> None:
    """The link to this exact view, with a copy button (it is the address bar's link, spelled out)."""
    base = (st.context.url or "").rstrip("/")
    query = urllib.parse.urlencode({k: st.query_params.get_all(k) for k in st.query_params}, doseq=True)
    link = f"{base}/{url_path}" + (f"?{query}" if query else "")
    with st.popover(t("share.button", lang), icon=":material/link:", width="stretch"):
        st.caption(t("share.help", lang))
        st.code(link, language=None, wrap_lines=True)


def sidebar(url_path: str, lang: str) -> None:
    """The share link, and the classroom switches bound to it: teacher mode and presentation mode."""
    with st.sidebar:
        st.subheader(t("classroom.header", lang))
        share_link(url_path, lang)
        widgets.widget("teacher", lang)
        widgets.widget("present", lang)


def _leave_teacher_mode() -> None:
    st.session_state["teacher"] = False


TEACHER_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  header [data-testid="stToolbar"] {display: none;}
[data-testid="stMain"] [data-testid="stElementContainer"]:has(> .stSelectbox, > .stNumberInput, > .stTextArea,
  > .stTextInput, > .stRadio, > .stMultiSelect, > .stButton, > .stCheckbox, > .stPills, > .stSegmentedControl,
  > .stPopover, > .stDownloadButton, > * > .stSlider, > .stAlert, > .stMarkdown) {display: none;}
[data-testid="stMain"] [data-testid="stElementContainer"]:is(.st-key-step_first, .st-key-step_prev, .st-key-step_play,
  .st-key-step_next, .st-key-step_last, .st-key-step, .st-key-teacher_exit) {display: block;}
.st-key-lesson_banner [data-testid="stElementContainer"] {display: block !important;}
</style>"""

PRESENT_CSS = """<style>
:root {--rnnviz-chart-scale: 1.4;}
html {font-size: 21px;}
[data-testid="stMain"] h1 {font-size: 2.6rem;}
.main-svg .scatterlayer .js-line {stroke-width: 5px !important;}
.main-svg .scatterlayer .point {transform: scale(1.6);}
</style>"""


def modes(s: cfg.Settings, lang: str) -> None:
    """Teacher mode (controls hidden, an exit button) and presentation mode, as page CSS."""
    if s.teacher:
        st.html(TEACHER_CSS)
        st.button(
            t("classroom.teacher.exit", lang),
            key="teacher_exit",
            on_click=_leave_teacher_mode,
            icon=":material/tune:",
            type="tertiary",
        )
    if s.present:
        st.html(PRESENT_CSS)
