"""The pages' "Download this view (HTML)" button: rnnviz.export's file for the current settings, written only
when someone clicks (streamlit calls ``data`` then, on a thread of its own)."""

from __future__ import annotations

import functools
import html

import streamlit as st

from rnnviz import export
from rnnviz.i18n import t
from rnnviz.settings import Settings


def _file(s: Settings, view: str, base: str) -> str:
    try:
        return export.export(s, view, base or export.LOCAL)
    except export.ExportError as e:  # nothing to draw: the file says why rather than failing the download
        return f"<!doctype html><meta charset='utf-8'><p>{html.escape(str(e))}</p>"


def download(s: Settings, view: str, lang: str) -> None:
    """The download button of ``view`` (a page with an export: rnnviz.export.VIEWS) at settings ``s``."""
    base = (st.context.url or "").rstrip("/")
    base = base.rsplit("/", 1)[0] if base.endswith(f"/{view}") else base  # the server, without this page
    st.download_button(
        t("export.button", lang),
        data=functools.partial(_file, s, view, base),
        file_name=f"rnnviz-{view}.html",
        mime="text/html",
        key=f"export_{view}",
        help=t("export.button.help", lang),
        on_click="ignore",
        icon=":material/download:",
    )
