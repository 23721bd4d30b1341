"""Gradients page: the core against torch.nn / torch.autograd / numpy / closed-form theory, and the
page's chart data (AppTest) against the same independent references."""

import math
from pathlib import Path

import numpy as np
import pytest
import torch
from helpers import array, chart, charts
from streamlit.testing.v1 import AppTest
from torch import nn

from rnnviz import clipping, presets, scene
from rnnviz import gradients as G
from rnnviz import settings as cfg
from rnnviz.analysis import gradient_norms, trace
from rnnviz.cells import make_cell
from rnnviz.figures import clipping as clip_figs
from rnnviz.figures import style
from rnnviz.i18n import TEXTS

APP = str(Path(__file__).resolve().parent.parent / "app.py")
GRAD, FACTORS, EIGEN = "back through time", "Per-step factors", "Eigenvalues of the vanilla RNN"
NORMS, LOSSES = "per update, before clipping", "Training loss per update"
NN_CELLS = {"rnn": nn.RNNCell, "lstm": nn.LSTMCell, "gru": nn.GRUCell}


# ---- independent references: torch.nn cells with the same weights, torch.autograd ----


def reference_step(cell):
    """s_t = step(x_t, s_{t-1}) on the flat state, written with torch.nn cells (float64)."""
    H, kind = cell.hidden_size, cell.kind
    weights = {k.removesuffix("_l0"): v.double() for k, v in cell.state_dict().items()}
    if kind == "rnn" and cell.nonlinearity == "linear":
        return lambda x, s: (
            x @ weights["weight_ih"].T + weights["bias_ih"] + s @ weights["weight_hh"].T + weights["bias_hh"]
        )
    options = {"nonlinearity": cell.nonlinearity} if kind == "rnn" else {}
    module = NN_CELLS[kind](cell.input_size, H, **options).double()
    module.load_state_dict(weights)
    if kind == "lstm":
        return lambda x, s: torch.cat(module(x, (s[:H], s[H:])))
    return lambda x, s: module(x, s)


def reference_jacobians(cell, x):
    """(T, S, S) d s_t / d s_{t-1} by torch.autograd.functional.jacobian, step by step."""
    step, s, out = reference_step(cell), torch.zeros(cell.state_size, dtype=torch.float64), []
    for x_t in x.double():
        out.append(torch.autograd.functional.jacobian(lambda prev, x_t=x_t: step(x_t, prev), s))
        s = step(x_t, s).detach()
    return torch.stack(out)


def reference_gradient(cell, x):
    """(T,) ||dL/dh_t|| for L = sum(h_T) by one backward pass through the unrolled torch.nn cells."""
    step, H = reference_step(cell), cell.hidden_size
    s, states = torch.zeros(cell.state_size, dtype=torch.float64), []
    for x_t in x.double():
        s = step(x_t, s)
        s.retain_grad()
        states.append(s)
    states[-1][:H].sum().backward()
    return np.array([float(torch.linalg.vector_norm(st.grad[:H])) for st in states])


def linear_orthogonal(H=16, D=8, rho=0.9, seed=0):
    s = cfg.DEFAULTS.replace(hidden=H, dim=D, rho=rho, seed=seed, nonlinearity="linear", orthogonal=True)
    return scene.cell(s, "rnn")


def overflow_distance(rho: float, H: int) -> int:
    """Smallest k with rho^k sqrt(H) > float64's maximum: the distance from T where the norm overflows."""
    return math.floor((math.log(np.finfo(np.float64).max) - 0.5 * math.log(H)) / math.log(rho)) + 1


# ---- the core ----


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("seed", [0, 3])
def test_factors_and_gradient_match_torch_autograd(kind, seed):
    cell = make_cell(kind, 4, 6, seed=seed)
    x = torch.randn(15, 4, generator=torch.Generator().manual_seed(seed)) * 2
    p = G.profile(cell, x)
    J = reference_jacobians(cell, x)
    np.testing.assert_allclose(p.factors, [np.linalg.norm(j.numpy(), 2) for j in J], rtol=1e-9)
    np.testing.assert_allclose(p.gradient, reference_gradient(cell, x), rtol=1e-9)
    np.testing.assert_allclose(p.gradient, gradient_norms(cell, x), rtol=1e-12)  # the same as the shared core's
    if kind == "lstm":  # the cell-state path alone: d c_t / d c_{t-1} = diag(f_t), so its norm is max_i f_t,i
        np.testing.assert_allclose(p.memory, [np.linalg.norm(j[6:, 6:].numpy(), 2) for j in J], rtol=1e-9)
        np.testing.assert_allclose(p.memory, trace(cell, x).gates["forget"].max(axis=1), rtol=1e-9)
    else:
        assert p.memory is None


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu", "linear"])
def test_spectrum_matches_numpy(nonlinearity):
    s = cfg.DEFAULTS.replace(rho=1.3, nonlinearity=nonlinearity, seed=4)
    W = scene.cell(s, "rnn").weight_hh_l0.detach().double().numpy()
    spec = G.spectrum(torch.from_numpy(W))
    expected = np.linalg.eigvals(W)
    np.testing.assert_allclose(np.sort_complex(spec.eigenvalues), np.sort_complex(expected), atol=1e-10)
    assert spec.radius == pytest.approx(np.abs(expected).max(), rel=1e-12) == pytest.approx(1.3, rel=1e-6)
    assert spec.sigma == pytest.approx(np.linalg.svd(W, compute_uv=False)[0], rel=1e-12)
    assert spec.sigma > spec.radius  # PyTorch's random W_hh is not normal


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("rho", [0.0, 0.7, 2.0])
def test_orthogonal_blocks_are_rho_times_an_orthogonal_matrix(kind, rho):
    s = cfg.DEFAULTS.replace(rho=rho, orthogonal=True, seed=2)
    before, after = scene.cell(s.replace(orthogonal=False), kind), scene.cell(s, kind)
    H = s.hidden
    for b in range(after.n_blocks):
        W = after.weight_hh_l0[b * H : (b + 1) * H].detach().double().numpy()
        r = rho or np.abs(np.linalg.eigvals(before.weight_hh_l0[b * H : (b + 1) * H].detach().double().numpy())).max()
        np.testing.assert_allclose(W @ W.T, r**2 * np.eye(H), atol=1e-6)
        np.testing.assert_allclose(np.abs(np.linalg.eigvals(W)), r, rtol=1e-5)
    for name in ("weight_ih_l0", "bias_ih_l0", "bias_hh_l0"):
        assert torch.equal(getattr(before, name), getattr(after, name))


@pytest.mark.parametrize("rho", [0.5, 0.9, 1.0, 1.1])
def test_linear_orthogonal_rnn_lies_on_the_theory_curve(rho):
    T, H = 300, 16
    theory = G.theory(rho, T, H)
    assert theory == pytest.approx([rho ** (T - t) * math.sqrt(H) for t in range(1, T + 1)], rel=1e-12)
    cell = linear_orthogonal(H, rho=rho)
    g = G.profile(cell, torch.randn(T, 8)).gradient
    np.testing.assert_allclose(g, theory, rtol=1e-4)
    assert G.relative_gap(g, theory) < 1e-4


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("rho", [0.0, 1.0, 1.5])
def test_actual_rate_is_the_closed_form_and_at_most_the_ceiling(kind, rho):
    s = cfg.DEFAULTS.replace(rho=rho, generated=True, length=120)
    p = G.profile(scene.cell(s, kind), scene.sequence(s).x)
    actual, ceiling = G.rates(p)
    assert actual == pytest.approx((p.gradient[0] / p.gradient[-1]) ** (1 / 119), rel=1e-9)
    assert ceiling == pytest.approx(np.prod(p.factors[1:]) ** (1 / 119), rel=1e-9)
    assert actual <= ceiling * (1 + 1e-9)  # ||J_2^T ... J_T^T a|| <= ||J_2|| ... ||J_T|| ||a||


def test_linear_orthogonal_rates_are_rho():
    cell = linear_orthogonal(rho=1.1)
    actual, ceiling = G.rates(G.profile(cell, torch.randn(200, 8)))
    assert actual == pytest.approx(1.1, rel=1e-6) and ceiling == pytest.approx(1.1, rel=1e-6)


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu", "linear"])
@pytest.mark.parametrize("rho", [0.8, 1.5])
def test_rnn_gradient_and_factors_stay_under_the_singular_value_bound(nonlinearity, rho):
    """|phi'| <= 1, so ||J_t|| <= sigma_max(W_hh) and ||dL/dh_t|| <= sigma_max^(T-t) sqrt(H)."""
    s = cfg.DEFAULTS.replace(rho=rho, nonlinearity=nonlinearity, generated=True, length=200, input_scale=3.0)
    cell = scene.cell(s, "rnn")
    sigma = np.linalg.norm(cell.weight_hh_l0.detach().double().numpy(), 2)
    p = G.profile(cell, scene.sequence(s).x)
    assert np.all(p.factors <= sigma * (1 + 1e-12))
    bound = np.array([sigma ** (200 - t) * math.sqrt(s.hidden) for t in range(1, 201)])
    assert np.all(p.gradient <= bound * (1 + 1e-9))


def test_overflow_step_matches_the_closed_form():
    T, H, rho = 1000, 16, 3.0
    cell = linear_orthogonal(H, rho=rho)
    radius = np.abs(np.linalg.eigvals(cell.weight_hh_l0.detach().double().numpy())).max()
    g = G.profile(cell, torch.randn(T, 8)).gradient
    first = G.first_nonfinite(g)
    assert first == T - overflow_distance(radius, H)  # = 355: 3^645 * 4 > 1.8e308 > 3^644 * 4
    assert np.all(np.isfinite(g[first:])) and not np.isfinite(g[first - 1])
    assert G.first_nonfinite(np.ones(5)) is None


def test_relu_at_radius_3_over_1000_steps_gives_numbers_not_an_exception():
    s = cfg.DEFAULTS.replace(rho=3.0, nonlinearity="relu", generated=True, length=1000)
    p = G.profile(scene.cell(s, "rnn"), scene.sequence(s).x)
    hidden = trace(scene.cell(s, "rnn"), scene.sequence(s).x).hidden
    assert p.hidden_overflow == 1 + np.flatnonzero(~np.isfinite(hidden).all(axis=1))[0]
    assert G.first_nonfinite(p.gradient) is not None and np.isfinite(p.gradient[-1])


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_gated_hidden_states_stay_within_one_so_only_the_rnn_is_checked_for_forward_overflow(kind):
    s = cfg.DEFAULTS.replace(rho=3.0, input_scale=10.0, forget_bias=5.0, update_bias=-5.0, generated=True, length=1000)
    cell, x = scene.cell(s, kind), scene.sequence(s).x
    assert np.abs(trace(cell, x).hidden).max() <= 1.0
    assert G.profile(cell, x).hidden_overflow is None


@pytest.mark.parametrize(
    "phi, radius, sigma, expected",
    [
        ("linear", 0.9, 1.5, "vanish"),
        ("linear", 1.1, 1.5, "explode"),
        ("linear", 1.0, 1.7, "edge"),
        ("tanh", 0.5, 0.98, "bounded"),
        ("relu", 0.5, 0.98, "bounded"),
        ("tanh", 0.9, 1.5, "open"),
    ],
)
def test_regime_follows_the_theory(phi, radius, sigma, expected):
    assert G.regime(phi, radius, sigma) == expected


def test_running_sum_target_has_variance_one():
    x, y = clipping.running_sum_batch(torch.Generator().manual_seed(0), 3)
    assert x.shape == (clipping.LENGTH, clipping.BATCH, 3)
    torch.testing.assert_close(y, x[:, :, 0].sum(0) / math.sqrt(clipping.LENGTH))
    ys = torch.cat([clipping.running_sum_batch(torch.Generator().manual_seed(k), 1)[1] for k in range(60)])
    assert float(ys.var()) == pytest.approx(1.0, abs=0.1)  # so always answering 0 scores an MSE of about 1


def test_first_update_matches_torch_nn_and_clipping_rescues_the_exploding_preset():
    s = cfg.DEFAULTS.replace(**presets.PRESETS["exploding-gradients"].changes)
    cell = scene.cell(s, "rnn")
    runs = clipping.compare(cell, 1.0, s.seed)
    # update 1 (same weights, same batch) recomputed with autograd through a hand-unrolled linear RNN
    x, y = clipping.running_sum_batch(torch.Generator().manual_seed(s.seed + 1), s.dim)
    params = [p.detach().double().clone().requires_grad_(True) for p in cell.parameters()]
    W_ih, W_hh, b_ih, b_hh = params
    w = torch.randn(1, s.hidden, generator=torch.Generator().manual_seed(s.seed), dtype=torch.float64)
    w = (w / math.sqrt(s.hidden)).requires_grad_(True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    h = torch.zeros(clipping.BATCH, s.hidden, dtype=torch.float64)
    for x_t in x:
        h = x_t @ W_ih.T + b_ih + h @ W_hh.T + b_hh
    loss = (((h @ w.T + b).squeeze(-1) - y) ** 2).mean()
    norm = float(torch.sqrt(sum((g**2).sum() for g in torch.autograd.grad(loss, [*params, w, b]))))
    for run in runs.values():  # both runs start from the same weights on the same batch
        assert run.losses[0] == pytest.approx(float(loss.detach()), rel=1e-9)
        assert run.norms[0] == pytest.approx(norm, rel=1e-9)
    assert runs["plain"].diverged is not None and runs["plain"].diverged <= 5
    assert runs["clipped"].diverged is None and len(runs["clipped"].losses) == clipping.UPDATES
    assert np.mean(runs["clipped"].losses[-10:]) < 1.0  # learns better than always answering 0


def test_a_threshold_above_every_norm_changes_nothing():
    s = cfg.DEFAULTS.replace(**presets.PRESETS["vanishing-gradients"].changes)
    runs = clipping.compare(scene.cell(s, "rnn"), 100.0, s.seed)
    assert runs["plain"].norms.max() < 100.0
    np.testing.assert_array_equal(runs["plain"].losses, runs["clipped"].losses)


def test_every_text_has_both_languages():
    keys = [k for k in TEXTS if k.startswith("gradients.")]
    assert len(keys) > 60
    assert all(TEXTS[k].get("en") and TEXTS[k].get("zh") for k in keys)


# ---- the page, in AppTest ----


def _page(query: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("pages/gradients.py").run()
    assert not at.exception
    return at


def _traces(figure: dict) -> dict[str, dict]:
    return {tr["name"]: tr for tr in figure["data"]}


def test_page_charts_match_autograd_and_numpy():
    at = _page({"generated": "true", "length": "40", "rho": "1.2", "hidden": "6"})
    s = cfg.DEFAULTS.replace(generated=True, length=40, rho=1.2, hidden=6)
    x = scene.sequence(s).x
    grads, factors = _traces(chart(at, GRAD)), _traces(chart(at, FACTORS))
    for kind in s.cells:
        cell, name = scene.cell(s, kind), kind.upper()
        assert array(grads[name]["x"]).tolist() == list(range(1, 41))
        np.testing.assert_allclose(array(grads[name]["y"]), reference_gradient(cell, x), rtol=1e-9)
        J = reference_jacobians(cell, x)
        np.testing.assert_allclose(
            array(factors[f"{name}: ||J_t||₂"]["y"]), [np.linalg.norm(j.numpy(), 2) for j in J], rtol=1e-9
        )
    W = scene.cell(s, "rnn").weight_hh_l0.detach().double().numpy()
    points = _traces(chart(at, EIGEN))["eigenvalues λ"]
    shown = array(points["x"]) + 1j * array(points["y"])
    np.testing.assert_allclose(np.sort_complex(shown), np.sort_complex(np.linalg.eigvals(W)), atol=1e-10)
    sigma = np.linalg.norm(W, 2)
    theory = next(tr for name, tr in grads.items() if name.startswith("upper bound"))
    np.testing.assert_allclose(array(theory["y"]), [sigma ** (40 - t) * math.sqrt(6) for t in range(1, 41)], rtol=1e-9)


def test_page_linear_orthogonal_rnn_lies_on_rho_to_the_distance():
    at = _page(
        {
            "generated": "true",
            "length": "300",
            "rho": "0.9",
            "nonlinearity": "linear",
            "orthogonal": "true",
            "cells": "RNN",
        }
    )
    traces = _traces(chart(at, GRAD))
    measured = array(traces["RNN"]["y"])
    expected = [0.9 ** (300 - t) * 4 for t in range(1, 301)]  # sqrt(H) = 4
    np.testing.assert_allclose(measured, expected, rtol=1e-4)
    theory = next(tr for name, tr in traces.items() if name.startswith("ρ^(T−t)") and "orthogonal" in name)
    np.testing.assert_allclose(array(theory["y"]), expected, rtol=1e-4)
    assert any("lies on" in i.value for i in at.info)
    assert any(
        "RNN: the gradient was actually multiplied by ×0.9 per step; the ceiling ||J_t||₂ averaged ×0.9." in m.value
        for m in at.markdown
    )


def test_page_marks_the_overflow_step_in_the_chart_and_in_words():
    at = _page(
        {
            "generated": "true",
            "length": "1000",
            "rho": "3",
            "nonlinearity": "linear",
            "orthogonal": "true",
            "cells": "RNN",
        }
    )
    first = 1000 - overflow_distance(3.0, 16)
    bad = _traces(chart(at, GRAD))["RNN: inf / NaN"]
    assert array(bad["x"]).tolist() == list(range(1, first + 1))
    figure = chart(at, GRAD)
    assert any(s.get("x0") == first for s in figure["layout"]["shapes"])
    assert any(f"t = {first} back" in a["text"] for a in figure["layout"]["annotations"])
    assert any(f"at t = {first}, {1000 - first} steps back" in w.value for w in at.warning)


def _run_clipping(at) -> None:
    """Press the clipping experiment's button, if these settings have not been trained yet in this process."""
    if any(b.key == "clip_run" for b in at.button):
        at.button(key="clip_run").click().run()
        assert not at.exception


def test_the_clipping_runs_train_when_asked_once_for_everyone():
    query = {"seed": "9137"}  # a seed no other test trains
    at = _page(query)
    assert len(charts(at)) == 3 and any(b.key == "clip_run" for b in at.button)  # nothing trained on opening
    at.button(key="clip_run").click().run()
    assert not at.exception and len(charts(at)) == 5
    other = _page(query)  # another student with the same settings: the runs are there at once
    assert len(charts(other)) == 5 and not any(b.key == "clip_run" for b in other.button)
    assert chart(other, NORMS) == chart(at, NORMS)


def test_page_relu_radius_3_at_1000_steps_draws_every_chart():
    at = _page({"generated": "true", "length": "1000", "rho": "3", "nonlinearity": "relu"})
    _run_clipping(at)
    assert len(charts(at)) == 5
    for title in (GRAD, FACTORS, EIGEN, NORMS, LOSSES):
        assert any(np.isfinite(array(tr["y"])).any() for tr in chart(at, title)["data"])
    assert any("overflowed" in w.value for w in at.warning)


@pytest.mark.parametrize("name", presets.offered("gradients"))
def test_presets_set_the_controls_and_the_sequence(name):
    at = _page({})
    at.button(key=f"preset_{name}").click().run()
    assert not at.exception
    changes = presets.PRESETS[name].changes
    for field, value in changes.items():
        assert at.session_state[field] == (list(value) if isinstance(value, tuple) else value), field
    assert "T = 200" in chart(at, GRAD)["layout"]["title"]["text"]
    assert set(_traces(chart(at, GRAD))) >= {kind.upper() for kind in changes["cells"]}
    if name == "exploding-gradients":
        assert at.error and "Explodes" in at.error[0].value
    if (
        name == "lstm-keeps-the-gradient"
    ):  # with the forget gate near 1, the LSTM keeps far more gradient 200 steps back
        traces = _traces(chart(at, GRAD))
        assert array(traces["LSTM"]["y"])[0] > 1e10 * array(traces["RNN"]["y"])[0]


def test_controls_drive_the_charts():
    at = _page({})
    at.slider(key="rho").set_value(1.5).run()
    at.segmented_control(key="nonlinearity").set_value("linear").run()
    at.toggle(key="orthogonal").set_value(True).run()
    assert not at.exception
    points = _traces(chart(at, EIGEN))["eigenvalues λ"]
    np.testing.assert_allclose(np.abs(array(points["x"]) + 1j * array(points["y"])), 1.5, rtol=1e-5)
    assert at.error and "Explodes" in at.error[0].value
    at.number_input(key="clip").set_value(2.5).run()
    _run_clipping(at)
    shapes = chart(at, NORMS)["layout"]["shapes"]
    assert [s["y0"] for s in shapes if s.get("y0") == s.get("y1")] == [2.5]  # the one horizontal line
    assert {"without clipping", "with clipping"} <= set(_traces(chart(at, NORMS)))


def test_page_in_chinese():
    at = _page({"generated": "true", "length": "1000", "rho": "3", "nonlinearity": "linear"})
    at.selectbox(key="lang").set_value("zh").run()
    assert not at.exception
    assert "T = 1000" in chart(at, "梯度范数 ||dL/dh_t|| 随时间反向传播")["layout"]["title"]["text"]
    assert any("溢出" in w.value for w in at.warning)


@pytest.mark.parametrize(
    "values, expected",
    [
        ([0.13, 30.0], dict(exponentformat="B", minorloglabels="complete", dtick="D2")),  # 0.2, 0.5, 1, 2, 5, 10, 20
        ([0.4, 1.6], dict(exponentformat="B", minorloglabels="complete")),  # within a decade: plotly's plain steps
        ([3e-8, 7e-7], dict(exponentformat="power", minorloglabels="complete", dtick="D2")),  # 5x10^-8, 10^-7, ...
        ([1e-21, 1.0], dict(exponentformat="power", minorloglabels="none")),  # powers of ten only
        (
            [0.0, -1.0, np.nan, np.inf],
            dict(exponentformat="power", minorloglabels="none"),
        ),  # nothing to show on a log axis
    ],
)
def test_log_axes_never_label_a_minor_tick_with_a_bare_digit(values, expected):
    """plotly's default writes 0.5 as a small "5" just under "1"; every rnnviz log axis writes it in full or not
    at all."""
    assert style.log_axis(np.array(values)) == {"type": "log", **expected}


def test_clipping_chart_labels_its_few_decades_in_full():
    runs = {
        name: clipping.Run(np.geomspace(0.13, 30.0, clipping.UPDATES), np.geomspace(1.5, 0.4, clipping.UPDATES), None)
        for name in ("plain", "clipped")
    }
    for fig in (clip_figs.clip_norm_chart(runs, 1.0), clip_figs.clip_loss_chart(runs)):
        assert fig.layout.yaxis.minorloglabels == "complete" and fig.layout.yaxis.exponentformat == "B"


def test_layers_and_directions_each_get_their_gradient_and_one_way_theory_is_not_drawn():
    from rnnviz.analysis import part_gradients

    query = {"layers": "2", "bidirectional": "true", "cells": ["rnn", "lstm"], "generated": "true", "length": "30"}
    at = _page(query)
    s = cfg.DEFAULTS.replace(layers=2, bidirectional=True, cells=("rnn", "lstm"), generated=True, length=30)
    layers = chart(at, "in every layer and direction")
    assert len(layers["data"]) == 2 * 4  # two cells, two layers, two directions
    for i, kind in enumerate(s.cells):
        _, parts = part_gradients(scene.cell(s.model, kind), scene.sequence(s.model).x)
        for j, key in enumerate(sorted(parts)):
            np.testing.assert_allclose(array(layers["data"][4 * i + j]["y"]), parts[key], rtol=1e-6)
    names = [tr["name"] for tr in chart(at, GRAD)["data"]]
    assert not any("theory" in n.lower() or "ρ" in n for n in names)  # the one-way theory lines are left out
    assert not any(FACTORS in c["layout"]["title"]["text"] for c in charts(at))  # no single chain of factors
    assert any("two chains" in i.value for i in at.info)
