"""Streamlit glue of the gradients page: presets, its controls, cached core calls, and the clipping run."""
from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict

import numpy as np
import streamlit as st

from pages import shared
from rnnviz import clipping, scene
from rnnviz import gradients as core
from rnnviz import settings as cfg
from rnnviz.figures import gradients as figs
from rnnviz.i18n import t

DEFAULTS = cfg.DEFAULTS
NONLINEARITIES = ("tanh", "relu", "linear")  # language-neutral labels: they go into the URL as shown
# the fields that decide the vanilla RNN's weights (not the sequence: changing T must not recompute them)
RNN_FIELDS = ("dim", "hidden", "seed", "nonlinearity", "rho", "orthogonal")


def _apply_preset(name: str) -> None:
    """Callback: write a preset into the widgets' state (before they are drawn)."""
    preset = core.PRESETS[name]
    for field, value in preset.items():
        st.session_state[field] = list(value) if isinstance(value, tuple) else value


def presets(lang: str) -> None:
    """One button per preset."""
    st.caption(t("gradients.presets", lang))
    for col, name in zip(st.columns(len(core.PRESETS)), core.PRESETS):
        col.button(t(f"gradients.preset.{name}", lang), help=t(f"gradients.preset.{name}.help", lang),
                   key=f"preset_{name}", on_click=_apply_preset, args=(name,), width="stretch",
                   icon=":material/tune:")


def controls(lang: str) -> None:
    """The page's own settings, bound to the URL."""
    rho, phi, scale, ortho = st.columns([5, 5, 5, 4], vertical_alignment="bottom")
    rho.slider(t("gradients.rho", lang), 0.0, 3.0, DEFAULTS.rho, step=0.05, help=t("gradients.rho.help", lang),
               key="rho", bind="query-params")
    phi.segmented_control(t("gradients.nonlinearity", lang), NONLINEARITIES, default=DEFAULTS.nonlinearity,
                          required=True, help=t("gradients.nonlinearity.help", lang),
                          key="nonlinearity", bind="query-params")
    scale.slider(t("gradients.input_scale", lang), 0.0, 10.0, DEFAULTS.input_scale, step=0.1,
                 help=t("gradients.input_scale.help", lang), key="input_scale", bind="query-params")
    ortho.toggle(t("gradients.orthogonal", lang), DEFAULTS.orthogonal, help=t("gradients.orthogonal.help", lang),
                 key="orthogonal", bind="query-params")


def _settings(key: tuple, orthogonal: bool) -> cfg.Settings:
    return DEFAULTS.replace(**dict(zip(scene.MODEL_FIELDS, key)), orthogonal=orthogonal)


@st.cache_data(max_entries=96, show_spinner=False)
def _profile(key: tuple, orthogonal: bool, kind: str) -> core.Profile:
    s = _settings(key, orthogonal)
    return core.profile(core.cell(s, kind), scene.sequence(s).x)


def profile(s: cfg.Settings, kind: str) -> core.Profile:
    return _profile(scene.model_key(s), s.orthogonal, kind)


def _rnn_key(s: cfg.Settings) -> tuple:
    return tuple(getattr(s, name) for name in RNN_FIELDS)


def _rnn(key: tuple):
    return core.cell(DEFAULTS.replace(**dict(zip(RNN_FIELDS, key))), "rnn")


@st.cache_data(max_entries=64, show_spinner=False)
def _spectrum(key: tuple) -> core.Spectrum:
    return core.spectrum(_rnn(key).weight_hh_l0)


def spectrum(s: cfg.Settings) -> core.Spectrum:
    """The vanilla RNN's W_hh under these settings (whether or not the RNN is selected)."""
    return _spectrum(_rnn_key(s))


# Figures that do not depend on the sequence are built once and shared read-only (charts.chart only serialises
# them); cache_data would unpickle, that is re-validate, them on every run.
@st.cache_resource(max_entries=64, show_spinner=False)
def _eigen_figure(key: tuple, lang: str):
    spec = _spectrum(key)
    return figs.eigen_chart(spec.eigenvalues, spec.radius, spec.sigma, lang)


def eigen_figure(s: cfg.Settings, lang: str):
    """The eigenvalue chart, built once per W_hh and language (it does not depend on the sequence)."""
    return _eigen_figure(_rnn_key(s), lang)


@st.cache_resource(max_entries=64, show_spinner=False)
def _figures(key: tuple, orthogonal: bool, cells: tuple, lang: str, _build) -> tuple:
    return _build()


def figures(s: cfg.Settings, lang: str, build) -> tuple:
    """The gradient and factor charts: ``build()`` once per model, cell choice and language, then shared
    read-only (building plotly figures was most of this page's server time per rerun)."""
    return _figures(scene.model_key(s), s.orthogonal, s.cells, lang, build)


@st.cache_resource
def _runs_store() -> tuple[OrderedDict, defaultdict]:
    """Finished clipping runs by key, shared by sessions (a dict so that a miss can show progress), and a
    lock per key: when a class opens the same link at once, one session trains and the others wait for it
    (measured: ten sessions training the same runs side by side held a 2-core server for a minute)."""
    return OrderedDict(), defaultdict(threading.Lock)


def clipping_runs(s: cfg.Settings, lang: str) -> dict[str, clipping.Run]:
    """Both training runs for these settings: from the store, or computed with a progress bar."""
    key = (*_rnn_key(s), s.clip)
    store, locks = _runs_store()
    if key in store:
        return store[key]
    text = t("gradients.clip.progress", lang)
    bar = st.progress(0.0, text=text)
    with locks[key]:
        if key not in store:  # else another session finished it while this one waited
            progress = lambda f: bar.progress(min(f, 1.0), text=text)  # noqa: E731
            store[key] = clipping.compare(_rnn(_rnn_key(s)), s.clip, s.seed, on_progress=progress)
            while len(store) > 32:
                store.popitem(last=False)
        runs = store[key]
    bar.empty()
    return runs


@st.cache_resource(max_entries=64, show_spinner=False)
def _clip_figures(key: tuple, lang: str, _runs: dict[str, clipping.Run]) -> tuple:
    """Both clipping charts, built once per run key and language (``key`` decides ``_runs``)."""
    return figs.clip_norm_chart(_runs, key[-1], lang), figs.clip_loss_chart(_runs, lang)


def clipping_section(s: cfg.Settings, lang: str) -> None:
    """The threshold, the two runs, their charts and what they show."""
    st.write(t("gradients.clip.task", lang, L=clipping.LENGTH, B=clipping.BATCH, n=clipping.UPDATES,
               lr=clipping.LEARNING_RATE))
    clip = st.columns([1, 2])[0].number_input(t("gradients.clip", lang), 0.01, 100.0, DEFAULTS.clip, step=0.5, format="%.2f",
                           help=t("gradients.clip.help", lang), key="clip", bind="query-params")
    s = s.replace(clip=float(clip))
    runs = clipping_runs(s, lang)
    norms, losses = _clip_figures((*_rnn_key(s), s.clip), lang, runs)
    left, right = st.columns(2)
    shared.plot(norms, key="gradients_clip_norms", where=left)
    shared.plot(losses, key="gradients_clip_losses", where=right)
    clipped = runs["clipped"]
    above = int(np.sum(clipped.norms > s.clip))
    lines = [t("gradients.clip.above", lang, k=above, n=len(clipped.norms), c=f"{s.clip:g}")]
    for name, run in runs.items():
        who = t(f"gradients.fig.run.{name}", lang)
        if run.diverged is not None:
            lines.append(t("gradients.clip.diverged", lang, who=who, k=run.diverged))
        else:
            lines.append(t("gradients.clip.final", lang, who=who, loss=f"{np.mean(run.losses[-10:]):.3g}"))
    st.markdown("\n".join(f"- {line}" for line in lines))
    shared.look_for(t("gradients.look.clip", lang), lang)
