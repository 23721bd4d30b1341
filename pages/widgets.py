"""Widgets drawn from the settings table: each is keyed by its Settings field, bound to the URL, and takes
its range, step, default and choices from the field's spec; its label and help from the texts
("setting.<name>" and "setting.<name>.help"). Also the shared sidebar, the current settings, and presets.
"""

from __future__ import annotations

import streamlit as st

from pages import cache
from pages.links import URL_LABELS, language
from rnnviz import settings as cfg
from rnnviz.i18n import TEXTS, t

DEFAULTS = cfg.DEFAULTS


def _choices(name: str) -> list:
    """A field's choices: its spec's, or for ``weights`` the checkpoint sets on disk."""
    if name == "weights":
        return [cfg.RANDOM, *cache.trained_sets()]
    return list(cfg.FIELDS[name].metadata["choices"])


def _format(name: str, lang: str):
    """How a choice is shown: the URL label, a text of its own ("setting.<name>.<value>"), or as is."""
    if name in URL_LABELS:
        return URL_LABELS[name]
    return lambda value: t(f"setting.{name}.{value}", lang) if f"setting.{name}.{value}" in TEXTS else str(value)


def widget(name: str, lang: str, where=None, *, hi: int | None = None, default=None, label: str | None = None, **more):
    """The widget of setting ``name`` (in ``where``, a column or container, if given); returns its value.
    ``hi`` and ``default`` are for the per-view fields, whose range is 1 to the sequence's or the model's size;
    ``label`` replaces the setting's own where a page counts something else with it."""
    meta, where = cfg.FIELDS[name].metadata, where or st
    label = label or t(f"setting.{name}", lang)
    help_ = t(f"setting.{name}.help", lang) if f"setting.{name}.help" in TEXTS else None
    value = getattr(DEFAULTS, name) if default is None else default
    common = dict(help=help_, key=name, bind="query-params", **more)
    kind = meta["widget"]
    if kind in ("slider", "number"):
        lo, top = (1, hi) if meta["per_view"] else (meta["lo"], meta["hi"])  # per view: 1..the size shown
        number = int if isinstance(value, int) else float
        draw = where.slider if kind == "slider" else where.number_input
        extra = {"format": "%.2f"} if kind == "number" and number is float else {}
        return draw(label, number(lo), number(top), number(value), step=number(meta["step"]), **extra, **common)
    if kind == "toggle":
        return where.toggle(label, value=value, **common)
    if kind == "text":
        return where.text_area(label, value, max_chars=cfg.MAX_TEXT_CHARS, height=80, **common)
    options, fmt = _choices(name), _format(name, lang)
    if kind == "multiselect":
        return where.multiselect(label, options, default=list(value), format_func=fmt, **common)
    if kind == "segmented":
        return where.segmented_control(label, options, default=value, required=True, format_func=fmt, **common)
    if kind == "radio":
        return where.radio(label, options, format_func=fmt, horizontal=True, **common)
    return where.selectbox(label, options, format_func=fmt, **common)


def sidebar(lang: str) -> None:
    """Widgets every page shares: language, sequence, cells and weights."""
    with st.sidebar:
        widget("lang", lang)
        st.subheader(t("sidebar.sequence", lang))
        # both the text and the length are always drawn (the unused one greyed out): a widget that
        # appears only later cannot take a value that a preset set for it into the link
        generated = widget("generated", lang)
        widget("text", lang, disabled=generated)
        widget("chars", lang, disabled=generated)
        widget("length", lang, disabled=not generated)
        st.subheader(t("sidebar.model", lang))
        widget("cells", lang)
        widget("hidden", lang)
        widget("seed", lang)
        widget("weights", lang)
        trained = st.session_state.get("weights", cfg.RANDOM) != cfg.RANDOM
        if trained:
            st.caption(t("setting.weights.note", lang))
        widget("layers", lang, disabled=trained)
        widget("bidirectional", lang, disabled=trained)
        with st.expander(t("sidebar.advanced", lang)):
            for name in ("dim", "forget_bias", "update_bias"):
                widget(name, lang)
    stop_if_weights_broken(st.session_state.get("weights", cfg.RANDOM), lang)
    s = current()
    if s.cells:
        counts = " · ".join(f"{t(f'cell.{k}', lang)} {cache.parameter_count(s.model, k):,}" for k in s.cells)
        st.sidebar.caption(t("sidebar.parameters", lang, counts=counts), help=t("sidebar.parameters.help", lang))


def stop_if_weights_broken(name: str, lang: str) -> None:
    """A checkpoint file that is missing or corrupt: a clear message instead of the page, no traceback."""
    if name != cfg.RANDOM:
        problem = cache.checkpoint_problem(name, tuple(st.session_state.get("cells") or DEFAULTS.cells))
        if problem:
            st.error(t("setting.weights.broken", lang, error=problem), icon=":material/error:")
            st.stop()


def inputs_or_stop(s: cfg.Settings, lang: str) -> cache.Inputs:
    """The inputs, or a clear message and a stop when there is nothing to draw."""
    seq = cache.inputs(s.model)
    if not s.cells:
        st.info(t("msg.no_cells", lang))
        st.stop()
    if not seq.tokens:
        st.info(t("msg.no_tokens", lang))
        st.stop()
    if seq.dropped:
        st.caption(t("msg.truncated", lang, kept=len(seq.tokens), dropped=seq.dropped))
    return seq


def current() -> cfg.Settings:
    """The settings the widgets hold now, validated like a link (widget values can be forged)."""
    values = {name: cfg.encode(name, st.session_state[name]) for name in cfg.FIELDS if name in st.session_state}
    settings, _ = cfg.from_query(values)
    if st.session_state.get("cells") == []:  # an emptied selection stays empty (a link would mean the default)
        settings = settings.replace(cells=())
    return settings


def apply(changes: dict) -> None:
    """Callback: set widgets' values (before they are drawn; tuples as the lists widgets hold)."""
    for name, value in changes.items():
        st.session_state[name] = list(value) if isinstance(value, tuple) else value


def per_view(name: str, n: int) -> None:
    """Keep a per-view setting (step, focus, unit) within 1..n: on a link's first run, take the link's value
    (clamped), so code that runs before the widget is drawn sees it; later, clamp it when n shrinks."""
    if name not in st.session_state and name in st.query_params:
        linked, _ = cfg.from_query({name: st.query_params.get_all(name)})
        st.session_state[name] = max(1, min(n, getattr(linked, name) or n))
    elif st.session_state.get(name, 1) > n:
        st.session_state[name] = n


def look_for(text: str, lang: str | None = None, where=None) -> None:
    """The "what to look for" box beside a chart."""
    lang = lang or language()
    (where or st).info(f"**{t('what_to_look_for', lang)}** — {text}", icon=":material/visibility:")
