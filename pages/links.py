"""Links: settings as the URL shows them, the session's language, and the repair of a tampered link.

Widgets are keyed by Settings field names and bound to the URL (``bind="query-params"``), so Streamlit
keeps the link in sync; this module only repairs a tampered link once, at the start of a session,
before any widget reads it.
"""

from __future__ import annotations

import streamlit as st

from rnnviz import settings as cfg
from rnnviz.i18n import LANGS, t
from rnnviz.urls import URL_LABELS, canonical  # noqa: F401  (pages read them from here)
from rnnviz.urls import unlabel as _unlabel

DEFAULTS = cfg.DEFAULTS


def repair_link(page) -> None:
    """On a session's first run, rewrite the URL to valid settings (with notes) and reopen ``page``.

    Runs after st.navigation (so the reopened page is the one the link named) and before any
    widget binds a parameter (bound parameters can no longer be rewritten)."""
    if st.session_state.get("_link_checked"):
        return
    st.session_state["_link_checked"] = True
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    known = {k: _unlabel(k, v) for k, v in raw.items() if k in cfg.FIELDS}
    settings, notes = cfg.from_query(known)
    fixed = {k: v for k, v in raw.items() if k not in cfg.FIELDS}  # leave foreign params alone
    for name in known:
        value = getattr(settings, name)
        if value != getattr(DEFAULTS, name):
            fixed[name] = canonical(name, value)
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in fixed.items()}
    if as_lists != raw:
        st.session_state["_notes"] = notes
        st.switch_page(page, query_params=fixed)


def show_notes(lang: str) -> None:
    """The repairs made to this session's link, once, as a visible note."""
    notes = st.session_state.pop("_notes", None)
    if notes:
        lines = [t(f"note.{n.reason}", lang, field=n.field, raw=n.raw, value=_shown(n.field, n.value)) for n in notes]
        st.warning(t("note.header", lang) + "\n\n" + "\n".join(f"- {line}" for line in lines), icon=":material/build:")


def _shown(name: str, value) -> str:
    value = canonical(name, value)
    return ", ".join(value) if isinstance(value, list) else value


def language() -> str:
    """The interface language: the widget's value, else the (repaired) link's, else English."""
    lang = st.session_state.get("lang") or _unlabel("lang", [st.query_params.get("lang", "en")])[0]
    return lang if lang in LANGS else "en"
