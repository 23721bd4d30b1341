"""The gradients page as an exported view (rnnviz.export): ||dL/dh_t|| through time with its theory, the
layers, W_hh's spectrum, the per-step factors and the clipping experiment, for the link's settings. No steps:
every chart of this page holds the whole sequence at once."""

from __future__ import annotations

import html

import numpy as np

from . import clipping, scene
from . import gradients as core
from .export_parts import MODEL_SHOWN, Part, View, box, items, paragraphs, sequence
from .figures import clipping as clip_figs
from .figures import gradients as figs
from .i18n import t
from .settings import Model, Settings


def _theory(m: Model, cells: tuple[str, ...], spec: core.Spectrum, T: int) -> tuple[dict, dict]:
    """The RNN's theory curves rate^(T-t) sqrt(H) for rho and sigma_max, as the page draws them: for one layer
    read one way only (one H x H matrix per step)."""
    if "rnn" not in cells or m.layers > 1 or m.bidirectional:
        return {}, {}
    rates = {"rho": spec.radius, "sigma": spec.sigma}
    return {name: core.theory(rate, T, m.hidden) for name, rate in rates.items()}, rates


def _findings(m: Model, profiles: dict, curves: dict, T: int, lang: str) -> str:
    """What the gradient chart shows, in words, as the page says it: overflow, and the RNN against theory."""
    out = []
    for kind, p in profiles.items():
        cell = t(f"cell.{kind}", lang)
        if (bad := core.first_nonfinite(p.gradient)) is not None:
            out.append(box("warning", t("gradients.overflow", lang, cell=cell, t=bad, T=T, k=T - bad)))
        if p.hidden_overflow is not None:
            out.append(box("warning", t("gradients.forward_overflow", lang, cell=cell, t=p.hidden_overflow)))
    if not curves:
        return "".join(out)
    g = profiles["rnn"].gradient
    if m.nonlinearity == "linear":
        gap = core.relative_gap(g, curves["rho"])
        ok = np.isfinite(g) & np.isfinite(curves["rho"]) & (curves["rho"] > 0)
        ratio = g[ok][0] / curves["rho"][ok][0] if ok.any() else float("nan")
        key = "gradients.match.exact" if m.orthogonal else "gradients.match.asymptotic"
        out.append(box("info", t(key, lang, gap=f"{gap:.1e}", ratio=f"{ratio:.3g}")))
    finite = np.isfinite(g) & np.isfinite(curves["sigma"])
    under = bool(np.all(g[finite] <= curves["sigma"][finite] * (1 + 1e-9)))
    out.append(paragraphs(t("gradients.bound.yes" if under else "gradients.bound.no", lang), css="note"))
    return "".join(out)


def _why(m: Model, cells: tuple[str, ...], spec: core.Spectrum, lang: str) -> str:
    """The words beside W_hh's spectrum: its numbers, the regime they imply (one chain only), the matrix."""
    rho, sigma = f"{spec.radius:.3f}", f"{spec.sigma:.3f}"
    out = [paragraphs(t("gradients.spectrum", lang, rho=rho, sigma=sigma, phi=m.nonlinearity))]
    if m.layers == 1 and not m.bidirectional:
        regime = core.regime(m.nonlinearity, spec.radius, spec.sigma)
        out.append(box(regime, t(f"gradients.regime.{regime}", lang, rho=rho, sigma=sigma)))
    notes = [t("gradients.matrix.orthogonal" if m.orthogonal else "gradients.matrix.random", lang)]
    if set(cells) & {"lstm", "gru"}:
        notes.append(t("gradients.gated", lang))
    return "".join(out) + paragraphs(*notes, css="note")


def gradients_view(s: Settings) -> View:
    """The gradients page: every chart it draws for these settings, its findings in words, and the clipping
    experiment trained here (a few seconds; the page trains it when asked)."""
    lang, tokens, m, cells = s.lang, sequence(s), s.model, s.cells
    T, one_way = len(tokens), s.model.layers == 1 and not s.model.bidirectional
    profiles = {k: scene.profile(m, k) for k in cells}
    spec = core.spectrum(scene.cell(m.cells_only(), "rnn").weight_hh_l0)
    curves, rates = _theory(m, cells, spec, T)
    grads = {k: p.gradient for k, p in profiles.items()}
    parts = [
        Part(
            [figs.gradient_chart(grads, tokens, curves, rates, lang, not one_way)],
            html=_findings(m, profiles, curves, T, lang),
            look=t("gradients.look.grad" if one_way else "gradients.look.grad.layers", lang),
            header=t("gradients.h.gradient", lang),
            keys=("gradients_norms",),
        )
    ]
    if not one_way:
        note = t("gradients.one_way" if m.bidirectional else "gradients.stacked", lang, layers=m.layers)
        parts.append(
            Part(
                [figs.layer_chart({k: p.parts for k, p in profiles.items()}, tokens, lang)],
                html=paragraphs(t("gradients.layers.loss", lang), css="note") + box("info", note),
                look=t("gradients.look.layers", lang),
                header=t("gradients.h.layers", lang),
                keys=("gradients_layers",),
            )
        )
    parts.append(
        Part(
            [figs.eigen_chart(spec.eigenvalues, spec.radius, spec.sigma, lang)],
            html=_why(m, cells, spec, lang),
            look=t("gradients.look.eig", lang),
            header=t("gradients.h.why", lang),
            keys=("gradients_eigen",),
        )
    )
    if not m.bidirectional:
        memory = profiles["lstm"].memory if "lstm" in profiles else None
        factors = {k: p.factors for k, p in profiles.items()}
        lines = [
            t("gradients.rates", lang, cell=t(f"cell.{k}", lang), actual=f"{a:.4g}", ceiling=f"{c:.4g}")
            for k, (a, c) in ((k, core.rates(p)) for k, p in profiles.items())
        ]
        lstm = paragraphs(t("gradients.factor.lstm", lang), css="note") if memory is not None else ""
        parts.append(
            Part(
                [figs.factor_chart(factors, memory, spec.sigma if "rnn" in cells else None, lang)],
                html=paragraphs(t("gradients.rates.head", lang)) + items(lines) + lstm,
                look=t("gradients.look.factor", lang),
                header=t("gradients.h.factors", lang),
                keys=("gradients_factors",),
            )
        )
    # the page's clipping experiment: the one-layer, one-way RNN of these weights, on a task of its own
    trained = m.one_way().cells_only()
    runs = clipping.compare(scene.cell(trained, "rnn"), s.clip, trained.seed)
    task = t(
        "gradients.clip.task", lang, L=clipping.LENGTH, B=clipping.BATCH, n=clipping.UPDATES, lr=clipping.LEARNING_RATE
    )
    parts += [
        Part(
            html=paragraphs(task) + f"<p>{html.escape(t('setting.clip', lang))}: <code>{s.clip:g}</code></p>",
            header=t("gradients.h.clip", lang),
            keys=("gradients_clip",),
        ),
        Part(
            [clip_figs.clip_norm_chart(runs, s.clip, lang), clip_figs.clip_loss_chart(runs, lang)],
            html=items(clip_figs.clip_findings(runs, s.clip, lang)),
            look=t("gradients.look.clip", lang),
            keys=("gradients_clip_norms", "gradients_clip_losses"),
        ),
    ]
    shown = (*MODEL_SHOWN, "clip", "lang")
    return View(t("gradients.title", lang), t("gradients.intro", lang), tokens, parts, shown)
