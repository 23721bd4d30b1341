"""Gradients through time: how ||dL/dh_t|| shrinks or grows going back from T, and why."""

import numpy as np
import streamlit as st

from pages import cache, charts, classroom, export_view, run_through_app, widgets
from pages.links import language
from rnnviz import clipping
from rnnviz import gradients as core
from rnnviz.figures import clipping as clip_figs
from rnnviz.figures import gradients as figs
from rnnviz.i18n import t
from rnnviz.settings import Model

REGIME_BOX = {"vanish": st.info, "explode": st.error, "edge": st.success, "bounded": st.info, "open": st.warning}


def theory(m: Model, cells: tuple[str, ...], T: int) -> tuple[dict, dict]:
    """The RNN's theory curves rate^(T-t) sqrt(H) for rho and sigma_max of W_hh, and those rates (for one layer
    read one way: one H x H matrix per step)."""
    if "rnn" not in cells or m.layers > 1 or m.bidirectional:
        return {}, {}
    spec = cache.spectrum(m)
    rates = {"rho": spec.radius, "sigma": spec.sigma}
    return {name: core.theory(rate, T, m.hidden) for name, rate in rates.items()}, rates


@cache.figure
def gradient_figure(m: Model, cells: tuple[str, ...], lang: str):
    tokens = cache.inputs(m).tokens
    curves, rates = theory(m, cells, len(tokens))
    grads, top = {k: cache.profile(m, k).gradient for k in cells}, m.layers > 1 or m.bidirectional
    return figs.gradient_chart(grads, tokens, curves, rates, lang, top)


@cache.figure
def factor_figure(m: Model, cells: tuple[str, ...], lang: str):
    memory = cache.profile(m, "lstm").memory if "lstm" in cells else None
    sigma = cache.spectrum(m).sigma if "rnn" in cells else None
    return figs.factor_chart({k: cache.profile(m, k).factors for k in cells}, memory, sigma, lang)


@cache.figure
def layer_figure(m: Model, cells: tuple[str, ...], lang: str):
    return figs.layer_chart({k: cache.profile(m, k).parts for k in cells}, cache.inputs(m).tokens, lang)


@cache.figure
def eigen_figure(m: Model, lang: str):
    spec = cache.spectrum(m)
    return figs.eigen_chart(spec.eigenvalues, spec.radius, spec.sigma, lang)


@cache.figure
def clip_figure(m: Model, clip: float, which: str, lang: str):
    """The clipping experiment's gradient norms or losses (its runs are computed by then)."""
    runs = cache.clipping_runs(m, clip).result
    return clip_figs.clip_norm_chart(runs, clip, lang) if which == "norms" else clip_figs.clip_loss_chart(runs, lang)


def findings(m: Model, profiles: dict, T: int, lang: str) -> None:
    """What the gradient chart shows, in words: overflow, and how the RNN compares with theory."""
    for kind, p in profiles.items():
        cell = t(f"cell.{kind}", lang)
        bad = core.first_nonfinite(p.gradient)
        if bad is not None:
            st.warning(t("gradients.overflow", lang, cell=cell, t=bad, T=T, k=T - bad), icon=":material/warning:")
        if p.hidden_overflow is not None:
            st.warning(t("gradients.forward_overflow", lang, cell=cell, t=p.hidden_overflow), icon=":material/warning:")
    if "rnn" not in profiles or m.layers > 1 or m.bidirectional:
        return
    g, (curves, _) = profiles["rnn"].gradient, theory(m, tuple(profiles), T)
    if m.nonlinearity == "linear":
        gap = core.relative_gap(g, curves["rho"])
        key = "gradients.match.exact" if m.orthogonal else "gradients.match.asymptotic"
        ok = np.isfinite(g) & np.isfinite(curves["rho"]) & (curves["rho"] > 0)
        ratio = g[ok][0] / curves["rho"][ok][0] if ok.any() else float("nan")
        st.info(t(key, lang, gap=f"{gap:.1e}", ratio=f"{ratio:.3g}"), icon=":material/functions:")
    finite = np.isfinite(g) & np.isfinite(curves["sigma"])
    under = bool(np.all(g[finite] <= curves["sigma"][finite] * (1 + 1e-9)))
    st.caption(t("gradients.bound.yes" if under else "gradients.bound.no", lang))


def why(m: Model, cells: tuple[str, ...], lang: str) -> None:
    """The spectrum of the RNN's W_hh beside the regime it implies."""
    spec = cache.spectrum(m)
    left, right = st.columns([3, 2])
    charts.chart(eigen_figure(m.cells_only(), lang), key="gradients_eigen", where=left)
    with right:
        st.markdown(
            t("gradients.spectrum", lang, rho=f"{spec.radius:.3f}", sigma=f"{spec.sigma:.3f}", phi=m.nonlinearity)
        )
        if m.layers == 1 and not m.bidirectional:  # what the regime promises is for this one matrix's chain
            regime = core.regime(m.nonlinearity, spec.radius, spec.sigma)
            box = REGIME_BOX[regime]
            box(t(f"gradients.regime.{regime}", lang, rho=f"{spec.radius:.3f}", sigma=f"{spec.sigma:.3f}"))
        st.caption(t("gradients.matrix.orthogonal" if m.orthogonal else "gradients.matrix.random", lang))
        if set(cells) & {"lstm", "gru"}:
            st.caption(t("gradients.gated", lang))
        widgets.look_for(t("gradients.look.eig", lang), lang)


def clipping_section(m: Model, lang: str) -> None:
    """The threshold, the two training runs (computed once for everyone who asks, with progress), their charts."""
    st.write(
        t(
            "gradients.clip.task",
            lang,
            L=clipping.LENGTH,
            B=clipping.BATCH,
            n=clipping.UPDATES,
            lr=clipping.LEARNING_RATE,
        )
    )
    clip = float(widgets.widget("clip", lang, st.columns([1, 2])[0]))
    job = cache.clipping_runs(m.cells_only(), clip)
    # a training run of its own for each student's seed would hold a class's server for minutes: it runs when
    # someone asks (a callback: it outlives the rerun that leaves Streamlit's pages-directory mode), once for
    # everyone with these settings
    if not job.done and not st.session_state.pop("_clip_asked", False):
        st.button(
            t("gradients.clip.run", lang),
            key="clip_run",
            type="primary",
            icon=":material/play_arrow:",
            on_click=st.session_state.__setitem__,
            args=("_clip_asked", True),
        )
        st.caption(t("gradients.clip.waiting", lang))
        return
    if not job.done:
        text = t("gradients.clip.progress", lang)
        bar = st.progress(0.0, text=text)
        job.run(lambda f: bar.progress(min(f, 1.0), text=text))
        bar.empty()
    runs = job.result
    left, right = st.columns(2)
    charts.chart(clip_figure(m.cells_only(), clip, "norms", lang), key="gradients_clip_norms", where=left)
    charts.chart(clip_figure(m.cells_only(), clip, "losses", lang), key="gradients_clip_losses", where=right)
    st.markdown("\n".join(f"- {line}" for line in clip_figs.clip_findings(runs, clip, lang)))
    widgets.look_for(t("gradients.look.clip", lang), lang)


run_through_app()
lang = language()
st.title(t("gradients.title", lang))
st.write(t("gradients.intro", lang))
classroom.preset_buttons("gradients", lang)
rho, phi, scale, ortho = st.columns([5, 5, 5, 4], vertical_alignment="bottom")
for name, col in (("rho", rho), ("nonlinearity", phi), ("input_scale", scale), ("orthogonal", ortho)):
    widgets.widget(name, lang, col)
s = widgets.current()  # after the page's widgets: on a fresh link they read their value from the URL here
m, cells = s.model, s.cells
T = len(widgets.inputs_or_stop(s, lang).tokens)
st.caption(t("gradients.length", lang, T=T))

with st.spinner(t("gradients.computing", lang, T=T)):
    profiles = {kind: cache.profile(m, kind) for kind in cells}

st.subheader(t("gradients.h.gradient", lang))
charts.chart(gradient_figure(m, cells, lang), key="gradients_norms")
findings(m, profiles, T, lang)
one_way = m.layers == 1 and not m.bidirectional
widgets.look_for(t("gradients.look.grad" if one_way else "gradients.look.grad.layers", lang), lang)

if not one_way:
    st.subheader(t("gradients.h.layers", lang))
    st.caption(t("gradients.layers.loss", lang))
    charts.chart(layer_figure(m, cells, lang), key="gradients_layers")
    widgets.look_for(t("gradients.look.layers", lang), lang)
    st.info(t("gradients.one_way" if m.bidirectional else "gradients.stacked", lang, layers=m.layers))

st.subheader(t("gradients.h.why", lang))
why(m, cells, lang)

if not m.bidirectional:
    st.subheader(t("gradients.h.factors", lang))
    charts.chart(factor_figure(m, cells, lang), key="gradients_factors")
    lines = [
        t("gradients.rates", lang, cell=t(f"cell.{kind}", lang), actual=f"{a:.4g}", ceiling=f"{c:.4g}")
        for kind, (a, c) in ((kind, core.rates(p)) for kind, p in profiles.items())
    ]
    st.markdown(t("gradients.rates.head", lang) + "\n" + "\n".join(f"- {line}" for line in lines))
    if "lstm" in profiles and profiles["lstm"].memory is not None:
        st.caption(t("gradients.factor.lstm", lang))
    widgets.look_for(t("gradients.look.factor", lang), lang)

st.subheader(t("gradients.h.clip", lang))
clipping_section(m.one_way(), lang)

st.success(f"**{t('try_this', lang)}** — {t('gradients.try', lang)}", icon=":material/science:")
export_view.download(s, "gradients", lang)
