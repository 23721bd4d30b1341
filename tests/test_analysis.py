"""contributions and gradient_norms against independent references: torch.autograd on torch.nn, and theory."""

import numpy as np
import pytest
import torch
from helpers import STEP_MODULES, autograd_contributions, autograd_gradient_norms, nn_twin, torch_modules

from rnnviz import contributions, gradient_norms, make_cell, trace

TORCH_MODULES = torch_modules()


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("D,H,T,seed", [(1, 1, 5, 0), (4, 6, 20, 1), (8, 16, 40, 2)])
def test_contributions_match_autograd(kind, D, H, T, seed):
    cell = make_cell(kind, D, H, seed=seed)
    x = torch.randn(T, D, generator=torch.Generator().manual_seed(seed))
    C = contributions(cell, x)
    ref = autograd_contributions(kind, cell, x)
    assert C.shape == (T, T)
    np.testing.assert_allclose(C, ref, rtol=1e-4, atol=0)
    assert np.all(np.triu(C, k=1) == 0)  # the future cannot shape the past


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("D,H,T,seed", [(1, 1, 5, 0), (4, 6, 20, 1), (8, 16, 60, 2)])
def test_gradient_norms_match_autograd(kind, D, H, T, seed):
    cell = make_cell(kind, D, H, seed=seed)
    x = torch.randn(T, D, generator=torch.Generator().manual_seed(seed + 7))
    g = gradient_norms(cell, x)
    np.testing.assert_allclose(g, autograd_gradient_norms(kind, cell, x), rtol=1e-4, atol=0)
    assert g[-1] == pytest.approx(np.sqrt(H))  # dL/dh_T is the all-ones vector


def _linear_rnn(H, D, rho, seed=0):
    """A linear RNN with W_hh = rho * (a random orthogonal matrix)."""
    cell = make_cell("rnn", D, H, seed=seed, nonlinearity="linear")
    q, _ = torch.linalg.qr(torch.randn(H, H, generator=torch.Generator().manual_seed(seed)))
    with torch.no_grad():
        cell.weight_hh_l0.copy_(rho * q)
    return cell


@pytest.mark.parametrize("rho", [0.5, 0.9, 1.0, 1.1])
def test_linear_rnn_gradient_is_rho_to_the_distance(rho):
    H, T = 12, 80
    cell = _linear_rnn(H, 3, rho)
    g = gradient_norms(cell, torch.randn(T, 3))
    theory = rho ** (T - 1 - np.arange(T)) * np.sqrt(H)
    np.testing.assert_allclose(g, theory, rtol=1e-4)


def test_linear_rnn_contributions_are_matrix_powers():
    H, D, T = 5, 3, 15
    cell = _linear_rnn(H, D, 0.8, seed=3)
    W, U = cell.weight_hh_l0.double().detach(), cell.weight_ih_l0.double().detach()
    C = contributions(cell, torch.randn(T, D))
    for t in range(T):
        for k in range(t + 1):
            expected = torch.linalg.matrix_norm(torch.linalg.matrix_power(W, t - k) @ U)
            assert C[t, k] == pytest.approx(float(expected), rel=1e-6)


def test_tanh_rnn_gradient_stays_under_the_singular_value_bound():
    H, T = 16, 100
    cell = make_cell("rnn", 4, H, seed=5)
    with torch.no_grad():
        cell.weight_hh_l0.mul_(3.0)  # make it interesting: sigma_max well above 1 at some point
    sigma = float(torch.linalg.matrix_norm(cell.weight_hh_l0.detach().double(), ord=2))
    g = gradient_norms(cell, torch.randn(T, 4) * 2)
    bound = sigma ** (T - 1 - np.arange(T)) * np.sqrt(H)
    assert np.all(g <= bound * (1 + 1e-9))


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_trace_matches_torch_nn_and_leaves_the_cell_alone(kind):
    cell = make_cell(kind, 4, 6, seed=9)
    before = {k: v.clone() for k, v in cell.state_dict().items()}
    x = torch.randn(25, 4)
    tr = trace(cell, x)
    ref = nn_twin(kind, cell)(x.double())[0].detach().numpy()
    np.testing.assert_allclose(tr.hidden, ref, atol=1e-10)
    assert (tr.cell is not None) == (kind == "lstm")
    assert all(v.shape == (25, 6) for v in tr.gates.values())
    assert all(torch.equal(before[k], v) for k, v in cell.state_dict().items())


def test_overflow_shows_as_non_finite_values_where_theory_says_not_raised():
    cell = _linear_rnn(8, 2, 3.0)
    g = gradient_norms(cell, torch.randn(1000, 2))
    distance = 999 - np.arange(1000)
    # 3^k * sqrt(8) passes float64's maximum (1.8e308) at k = 645.3
    assert np.all(np.isfinite(g[distance <= 645]))
    assert not np.any(np.isfinite(g[distance >= 646]))


def test_bad_input_shape_is_a_clear_error():
    with pytest.raises(ValueError, match="shape"):
        contributions(make_cell("gru", 3, 4), torch.randn(10, 5))


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_every_lengths_gradient_is_each_shorter_sequences_own(kind):
    """Row e of backprop_every_length is the gradient of L = sum(h_e) of the first e steps, as a run of just
    those steps gives it (the cell is causal), and NaN beyond e."""
    from rnnviz.analysis import backprop_every_length, step_jacobians

    cell = make_cell(kind, 4, 5, seed=3)
    x = torch.randn(30, 4, generator=torch.Generator().manual_seed(3))
    J, _ = step_jacobians(cell, x)
    G = backprop_every_length(J, cell.hidden_size).numpy()
    for e in (1, 2, 17, 30):
        np.testing.assert_allclose(G[e - 1, :e], gradient_norms(cell, x[:e]), rtol=1e-12)
        assert np.isnan(G[e - 1, e:]).all()


SHAPES = [(1, True), (2, False), (2, True)]  # (num_layers, bidirectional)


def _nn_stack(kind, cell):
    """A float64 torch.nn module of the same shape with the cell's weights."""
    module = TORCH_MODULES[kind](
        cell.input_size, cell.hidden_size, num_layers=cell.num_layers, bidirectional=cell.bidirectional
    ).double()
    module.load_state_dict({k: v.double() for k, v in cell.state_dict().items()})
    return module


def _autograd_part_gradients(kind, cell, x):
    """||dL/dh_t|| for every layer and direction, L = the sum of the top layer's final states, by retain_grad on
    each h_t of a stack of unrolled torch.nn cells (each reading the layer below's both directions)."""
    H, T = cell.hidden_size, len(x)
    nodes, below = {}, list(x.double())
    for layer in range(cell.num_layers):
        outs = {}
        for reverse in (False, True)[: 1 + cell.bidirectional]:
            suffix = f"_l{layer}" + ("_reverse" if reverse else "")
            step = STEP_MODULES[kind](len(below[0]), H).double()
            step.load_state_dict(
                {k.replace(suffix, ""): v.double() for k, v in cell.state_dict().items() if k.endswith(suffix)}
            )
            h = c = torch.zeros(1, H, dtype=torch.float64)
            hs = [None] * T
            for t in reversed(range(T)) if reverse else range(T):
                if kind == "lstm":
                    h, c = step(below[t][None], (h, c))
                else:
                    h = step(below[t][None], h)
                h.retain_grad()
                hs[t] = h
            outs[reverse] = nodes[layer, reverse] = hs
        below = [torch.cat([outs[r][t][0] for r in sorted(outs)]) for t in range(T)]
    top = cell.num_layers - 1
    loss = nodes[top, False][-1].sum() + (nodes[top, True][0].sum() if cell.bidirectional else 0)
    loss.backward()
    return {
        key: np.array([float(h.grad.norm()) if h.grad is not None else 0.0 for h in hs]) for key, hs in nodes.items()
    }


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers,bidirectional", SHAPES)
def test_stacked_and_bidirectional_contributions_match_autograd(kind, layers, bidirectional):
    """C[t, k] = ||d y_t / d x_k|| of the top layer's output, both directions: full where a direction reads back."""
    cell = make_cell(kind, 3, 5, seed=layers, num_layers=layers, bidirectional=bidirectional)
    x = torch.randn(12, 3, generator=torch.Generator().manual_seed(7))
    module = _nn_stack(kind, cell)
    jac = torch.autograd.functional.jacobian(lambda inp: module(inp)[0], x.double())  # (T, dirs*H, T, D)
    reference = torch.linalg.vector_norm(jac, dim=(1, 3)).numpy()
    C = contributions(cell, x)
    np.testing.assert_allclose(C, reference, rtol=1e-9, atol=1e-12)
    assert (np.triu(C, 1) > 0).any() == bidirectional  # later tokens shape h_t only through a backward direction


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers,bidirectional", SHAPES)
def test_every_layers_and_directions_gradient_matches_autograd(kind, layers, bidirectional):
    from rnnviz.analysis import part_gradients

    cell = make_cell(kind, 3, 5, seed=10 + layers, num_layers=layers, bidirectional=bidirectional)
    x = torch.randn(15, 3, generator=torch.Generator().manual_seed(8))
    output, parts = part_gradients(cell, x)
    reference = _autograd_part_gradients(kind, cell, x)
    assert set(parts) == set(reference)
    for key in reference:
        np.testing.assert_allclose(parts[key], reference[key], rtol=1e-9, atol=1e-15, err_msg=str(key))
    top = [reference[key] for key in reference if key[0] == layers - 1]
    np.testing.assert_allclose(output, np.sqrt(sum(g**2 for g in top)), rtol=1e-9)  # ||(dL/dh_fwd, dL/dh_back)||


def test_one_layer_part_gradient_is_the_gradient_through_time():
    from rnnviz.analysis import part_gradients

    cell = make_cell("lstm", 4, 6, seed=3)
    x = torch.randn(25, 4, generator=torch.Generator().manual_seed(9))
    output, parts = part_gradients(cell, x)
    np.testing.assert_allclose(output, autograd_gradient_norms("lstm", cell, x), rtol=1e-9)
    np.testing.assert_allclose(parts[0, False], output)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_stacked_bidirectional_contributions_in_chunks_of_input_steps(kind, monkeypatch):
    """Three layers both ways, the input steps carried a few at a time (a small JVP_ELEMENTS), against autograd."""
    import rnnviz.analysis as analysis

    cell = make_cell(kind, 2, 3, seed=5, num_layers=3, bidirectional=True)
    x = torch.randn(9, 2, generator=torch.Generator().manual_seed(3))
    jac = torch.autograd.functional.jacobian(lambda inp: _nn_stack(kind, cell)(inp)[0], x.double())
    monkeypatch.setattr(analysis, "JVP_ELEMENTS", 9 * 6 * 2 * 2)  # two input steps per pass: 5 passes
    C = contributions(cell, x)
    np.testing.assert_allclose(C, torch.linalg.vector_norm(jac, dim=(1, 3)).numpy(), rtol=1e-9, atol=1e-12)
