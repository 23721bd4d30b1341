"""Every figure function, on real data: what plotly's validation would make of it (they are built unvalidated,
so validation must find nothing to change), a title, and labelled axes."""

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
import torch
from helpers import array
from plotly.colors import sample_colorscale

from rnnviz import clipping, figures, gates, memory, scene, tasks
from rnnviz import gradients as grads
from rnnviz import settings as cfg
from rnnviz.analysis import contributions, trace
from rnnviz.figures import clipping as clip_figs
from rnnviz.figures import gates as gate_figs
from rnnviz.figures import gradients as gradient_figs
from rnnviz.figures import hidden_states, style, token_strip
from rnnviz.figures import memory as memory_figs
from rnnviz.figures import training as training_figs

S = cfg.DEFAULTS.replace(generated=True, length=30, hidden=6)
TOKENS = scene.sequence(S).tokens


def _traces():
    return {k: trace(scene.cell(S, k), scene.sequence(S).x) for k in S.cells}


def _memory_figures():
    maps = {k: contributions(scene.cell(S, k), scene.sequence(S).x) for k in S.cells}
    hidden = {k: tr.hidden for k, tr in _traces().items()}
    return [
        memory_figs.hidden_so_far(hidden, TOKENS),
        memory_figs.contribution_maps(maps),
        memory_figs.influence(
            {k: memory.relative(C, 2) for k, C in maps.items()}, {k: C[2:, 2] for k, C in maps.items()}, TOKENS, 3
        ),
    ]


def _gate_figures():
    trs, rng = _traces(), {gates.SIGMOID: (0, 1), gates.TANH: (-1, 1), gates.FREE: (-2, 2)}
    heat = [
        gate_figs.gate_heatmaps(k, [(q, gates.values(trs[k], q)) for q in gates.quantities(k)], TOKENS, rng)
        for k in S.cells
    ]
    return [*heat, gate_figs.saturation_chart({k: gates.cell_saturation(trs[k], k) for k in ("lstm", "gru")})]


def _gradient_figures():
    x = scene.sequence(S).x
    profiles = {k: grads.profile(scene.cell(S, k), x) for k in S.cells}
    spec = grads.spectrum(scene.cell(S, "rnn").weight_hh_l0)
    theory = {"rho": grads.theory(spec.radius, 30, 6), "sigma": grads.theory(spec.sigma, 30, 6)}
    overflowing = {"rnn": np.where(np.arange(30) < 5, np.inf, 1.0)}  # a gradient that overflowed 25 steps back
    runs = clipping.compare(scene.cell(S, "rnn"), 1.0, 0)
    return [
        gradient_figs.gradient_chart(
            {k: p.gradient for k, p in profiles.items()}, TOKENS, theory, {"rho": spec.radius, "sigma": spec.sigma}
        ),
        gradient_figs.gradient_chart(overflowing, TOKENS, {}, {}),
        gradient_figs.factor_chart({k: p.factors for k, p in profiles.items()}, profiles["lstm"].memory, spec.sigma),
        gradient_figs.eigen_chart(spec.eigenvalues, spec.radius, spec.sigma),
        clip_figs.clip_norm_chart(runs, 1.0),
        clip_figs.clip_loss_chart(runs),
    ]


def _training_figures():
    rng = np.random.default_rng(0)
    curve = {k: rng.random(40) + 0.01 for k in S.cells}
    steps = {k: np.arange(50, 250, 50) for k in S.cells}
    scores = {k: rng.random(4) for k in S.cells}
    runs = [
        {"task": "recall", "cell": k, "length": n, "seed": s, "accuracy": float(rng.random())}
        for k in S.cells
        for n in (10, 50)
        for s in (0, 1)
    ]
    return [
        training_figs.loss_curves(curve, "accuracy"),
        training_figs.score_curves(steps, scores, "accuracy", 0.25),
        training_figs.score_curves(steps, scores, "mse", 1 / 6),
        training_figs.grad_norms(curve, 1.0),
        training_figs.first_step_grads(curve),
        training_figs.by_length(runs, "recall", "accuracy", 0.25, runs[:1]),
    ]


FIGURES = {
    "home": lambda: [
        hidden_states({k: tr.hidden for k, tr in _traces().items()}, TOKENS),
        token_strip(TOKENS, current=3, title="tokens"),
        token_strip(tasks.get("recall").example(30, 0)[0]),
    ],
    "memory": _memory_figures,
    "gates": _gate_figures,
    "gradients": _gradient_figures,
    "training": _training_figures,
}


@pytest.mark.parametrize("page", FIGURES)
def test_figures_are_what_plotly_validation_makes_of_them(page):
    torch.manual_seed(0)
    for fig in FIGURES[page]():
        assert json.loads(fig.to_json()) == json.loads(go.Figure(fig.to_dict()).to_json())


@pytest.mark.parametrize("page", FIGURES)
def test_every_chart_has_a_title_and_labelled_axes(page):
    for fig in FIGURES[page]():
        layout = fig.to_dict()["layout"]
        if "title" not in layout:  # the token strip without a title: a row of labelled boxes, no axes shown
            assert all(not a.get("visible", True) for k, a in layout.items() if k[1:5] == "axis")
            continue
        assert layout["title"]["text"]
        for letter in "xy":  # side by side panels share one axis title
            shown = [a for k, a in layout.items() if k.startswith(f"{letter}axis") and a.get("visible", True)]
            assert not shown or any(a.get("title", {}).get("text") for a in shown), (page, letter)


@pytest.mark.parametrize("page", FIGURES)
def test_rnnvizs_json_is_plotlys(page):
    for fig in FIGURES[page]():
        ours, plotlys = json.loads(figures.to_json(fig)), json.loads(pio.to_json(fig, validate=False))
        assert _decoded(ours) == _decoded(plotlys)


@pytest.mark.parametrize("page", FIGURES)
def test_figures_written_without_a_figure_object_are_the_same_json(page):
    torch.manual_seed(0)
    figs = FIGURES[page]()
    torch.manual_seed(0)
    with style.plain():
        plain = FIGURES[page]()
    assert all(isinstance(p, style.Plain) for p in plain)
    assert [json.loads(style.to_json(p)) for p in plain] == [json.loads(style.to_json(f)) for f in figs]


def _decoded(value):
    """Typed arrays ({"dtype", "bdata", "shape"}) as nested lists and NaN as a string, so two writers' JSON
    compare by value."""
    if isinstance(value, dict) and "bdata" in value:  # the type plotly.js reads them as, and their values
        return {"dtype": value["dtype"], "values": _decoded(array(value).tolist())}
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    return value


@pytest.mark.parametrize("colorscale", [style.SIGNED, style.MAGNITUDE], ids=["signed", "magnitude"])
def test_scale_colors_are_plotlys_samples_and_text_stays_readable(colorscale):
    stops = [p for p, _ in colorscale]
    positions = np.concatenate([stops, np.random.default_rng(0).random(2000)])
    colors, luminance = style.scale_colors(colorscale, positions)
    assert colors == sample_colorscale(colorscale, list(positions))
    for color, y in zip(colors, luminance):
        r, g, b = (int(c) for c in color[4:-1].split(","))
        assert y == pytest.approx(0.299 * r + 0.587 * g + 0.114 * b)
