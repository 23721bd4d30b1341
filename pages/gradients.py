"""Gradients through time: how ||dL/dh_t|| shrinks or grows going back from T, and why."""
import numpy as np
import streamlit as st

from pages import gradients_ui as ui
from pages import shared
from rnnviz import gradients as core
from rnnviz.figures import gradients as figs
from rnnviz.i18n import t


def findings(s, profiles: dict, theory: dict, lang: str) -> None:
    """What the gradient chart shows, in words: overflow, and how the RNN compares with theory."""
    T = len(next(iter(profiles.values())).gradient)
    for kind, p in profiles.items():
        cell = t(f"cell.{kind}", lang)
        bad = core.first_nonfinite(p.gradient)
        if bad is not None:
            st.warning(t("gradients.overflow", lang, cell=cell, t=bad, T=T, k=T - bad), icon=":material/warning:")
        if p.hidden_overflow is not None:
            st.warning(t("gradients.forward_overflow", lang, cell=cell, t=p.hidden_overflow),
                       icon=":material/warning:")
    if "rnn" not in profiles:
        return
    g = profiles["rnn"].gradient
    if s.nonlinearity == "linear":
        gap = core.relative_gap(g, theory["rho"])
        key = "gradients.match.exact" if s.orthogonal else "gradients.match.asymptotic"
        ok = np.isfinite(g) & np.isfinite(theory["rho"]) & (theory["rho"] > 0)
        ratio = g[ok][0] / theory["rho"][ok][0] if ok.any() else float("nan")
        st.info(t(key, lang, gap=f"{gap:.1e}", ratio=f"{ratio:.3g}"), icon=":material/functions:")
    finite = np.isfinite(g) & np.isfinite(theory["sigma"])
    under = bool(np.all(g[finite] <= theory["sigma"][finite] * (1 + 1e-9)))
    st.caption(t("gradients.bound.yes" if under else "gradients.bound.no", lang))


def why(s, spec: core.Spectrum, lang: str) -> None:
    """The spectrum of the RNN's W_hh beside the regime it implies."""
    left, right = st.columns([3, 2])
    shared.plot(ui.eigen_figure(s, lang), key="gradients_eigen", where=left)
    with right:
        st.markdown(t("gradients.spectrum", lang, rho=f"{spec.radius:.3f}", sigma=f"{spec.sigma:.3f}",
                      phi=s.nonlinearity))
        regime = core.regime(s.nonlinearity, spec.radius, spec.sigma)
        show = {"vanish": st.info, "explode": st.error, "edge": st.success, "bounded": st.info, "open": st.warning}
        show[regime](t(f"gradients.regime.{regime}", lang, rho=f"{spec.radius:.3f}", sigma=f"{spec.sigma:.3f}"))
        st.caption(t("gradients.matrix.orthogonal" if s.orthogonal else "gradients.matrix.random", lang))
        if set(s.cells) & {"lstm", "gru"}:
            st.caption(t("gradients.gated", lang))
        shared.look_for(t("gradients.look.eig", lang), lang)


shared.run_through_app()
lang = shared.language()
st.title(t("gradients.title", lang))
st.write(t("gradients.intro", lang))
ui.presets(lang)
ui.controls(lang)
s = shared.current()  # after the page's widgets: on a fresh link they read their value from the URL here
seq = shared.sequence_or_stop(s, lang)
T = len(seq.tokens)
st.caption(t("gradients.length", lang, T=T))

with st.spinner(t("gradients.computing", lang, T=T)):
    profiles = {kind: ui.profile(s, kind) for kind in s.cells}
    spec = ui.spectrum(s)
theory, rates = {}, {}
if "rnn" in s.cells:
    rates = {"rho": spec.radius, "sigma": spec.sigma}
    theory = {name: core.theory(rate, T, s.hidden) for name, rate in rates.items()}

st.subheader(t("gradients.h.gradient", lang))
grads = {kind: p.gradient for kind, p in profiles.items()}
memory = profiles["lstm"].memory if "lstm" in profiles else None
factors = {kind: p.factors for kind, p in profiles.items()}
charts = ui.figures(s, lang, lambda: (
    figs.gradient_chart(grads, seq.tokens, theory, rates, lang),
    figs.factor_chart(factors, memory, spec.sigma if "rnn" in s.cells else None, lang)))
shared.plot(charts[0], key="gradients_norms")
findings(s, profiles, theory, lang)
shared.look_for(t("gradients.look.grad", lang), lang)

st.subheader(t("gradients.h.why", lang))
why(s, spec, lang)

st.subheader(t("gradients.h.factors", lang))
shared.plot(charts[1], key="gradients_factors")
lines = [t("gradients.rates", lang, cell=t(f"cell.{kind}", lang), actual=f"{a:.4g}", ceiling=f"{c:.4g}")
         for kind, (a, c) in ((kind, core.rates(p)) for kind, p in profiles.items())]
st.markdown(t("gradients.rates.head", lang) + "\n" + "\n".join(f"- {line}" for line in lines))
if "lstm" in profiles:
    st.caption(t("gradients.factor.lstm", lang))
shared.look_for(t("gradients.look.factor", lang), lang)

st.subheader(t("gradients.h.clip", lang))
ui.clipping_section(s, lang)

st.success(f"**{t('try_this', lang)}** — {t('gradients.try', lang)}", icon=":material/science:")
