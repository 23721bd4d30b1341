"""The cells against torch.nn: same parameters, same outputs, and gates that rebuild torch's states."""

import pytest
import torch
import torch.nn.functional as F
from helpers import torch_modules

from rnnviz import make_cell
from rnnviz.cells import CELLS

TORCH_MODULES = torch_modules()

SIZES = [(1, 1, 1), (3, 5, 7), (8, 16, 20), (4, 33, 50)]  # (D, H, T)
SEEDS = [0, 1, 123]


def _torch_run(kind, module, x):
    """torch.nn's own outputs: hidden states (T, H), and LSTM cell states from step-by-step calls."""
    out, _ = module(x)
    if kind != "lstm":
        return out, None
    cells, state = [], None
    for x_t in x:
        _, state = module(x_t[None], state)
        cells.append(state[1][0])
    return out, torch.stack(cells)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("D,H,T", SIZES)
@pytest.mark.parametrize("seed", SEEDS)
def test_forward_matches_torch_nn(kind, D, H, T, seed):
    torch.manual_seed(seed + 1000)
    module = TORCH_MODULES[kind](D, H)
    cell = CELLS[kind](D, H)
    cell.load_state_dict(module.state_dict())
    x = torch.randn(T, D)
    with torch.no_grad():
        run = cell(x)
        h_ref, c_ref = _torch_run(kind, module, x)
    assert torch.allclose(run.hidden, h_ref, atol=1e-5, rtol=0)
    if kind == "lstm":
        assert torch.allclose(run.cell, c_ref, atol=1e-5, rtol=0)


def test_relu_rnn_matches_torch_nn():
    torch.manual_seed(5)
    module = torch.nn.RNN(6, 9, nonlinearity="relu")
    cell = make_cell("rnn", 6, 9, nonlinearity="relu")
    cell.load_state_dict(module.state_dict())
    x = torch.randn(30, 6)
    with torch.no_grad():
        assert torch.allclose(cell(x).hidden, module(x)[0], atol=1e-5, rtol=0)


def _reference_gates(kind, module, x):
    """Gates recomputed from torch.nn's weights and torch.nn's own previous hidden states."""
    W_ih, W_hh, b_ih, b_hh = (getattr(module, n) for n in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"))
    h_all, c_all = _torch_run(kind, module, x)
    h_prev = torch.cat([torch.zeros(1, h_all.shape[1]), h_all[:-1]])
    gi, gh = F.linear(x, W_ih, b_ih), F.linear(h_prev, W_hh, b_hh)
    if kind == "lstm":
        pre = (gi + gh).chunk(4, dim=1)
        return {
            "input": pre[0].sigmoid(),
            "forget": pre[1].sigmoid(),
            "cell": pre[2].tanh(),
            "output": pre[3].sigmoid(),
        }, c_all
    (ir, iz, in_), (hr, hz, hn) = gi.chunk(3, dim=1), gh.chunk(3, dim=1)
    r = (ir + hr).sigmoid()
    return {"reset": r, "update": (iz + hz).sigmoid(), "new": (in_ + r * hn).tanh()}, None


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize("D,H,T", SIZES)
def test_every_gate_matches_torch_weights(kind, D, H, T):
    torch.manual_seed(D * 100 + H)
    module = TORCH_MODULES[kind](D, H)
    cell = CELLS[kind](D, H)
    cell.load_state_dict(module.state_dict())
    x = torch.randn(T, D)
    with torch.no_grad():
        gates = cell(x).gates
        ref, c_all = _reference_gates(kind, module, x)
    assert set(gates) == set(ref) == set(CELLS[kind].gate_names)
    for name in ref:
        assert torch.allclose(gates[name], ref[name], atol=1e-5, rtol=0), name
    if kind == "lstm":  # the gates rebuild torch's cell state: c_t = f * c_{t-1} + i * g
        c_prev = torch.cat([torch.zeros(1, H), c_all[:-1]])
        rebuilt = gates["forget"] * c_prev + gates["input"] * gates["cell"]
        assert torch.allclose(rebuilt, c_all, atol=1e-5, rtol=0)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_make_cell_draws_pytorchs_initial_weights(kind):
    torch.manual_seed(42)
    reference = TORCH_MODULES[kind](5, 7)
    state_before = torch.random.get_rng_state()
    cell = make_cell(kind, 5, 7, seed=42)
    assert torch.equal(torch.random.get_rng_state(), state_before)  # global RNG left alone
    assert list(cell.state_dict()) == list(reference.state_dict())
    for name, value in reference.state_dict().items():
        assert torch.equal(cell.state_dict()[name], value), name
    assert not torch.equal(make_cell(kind, 5, 7, seed=43).weight_hh_l0, cell.weight_hh_l0)


def test_batched_input_runs_each_sequence_independently():
    cell = make_cell("lstm", 3, 4, seed=1)
    x = torch.randn(10, 2, 3)  # (T, B, D)
    with torch.no_grad():
        both = cell(x).hidden
        first = cell(x[:, 0]).hidden
    assert both.shape == (10, 2, 4)
    assert torch.allclose(both[:, 0], first, atol=1e-6)


def test_unknown_kind_and_nonlinearity_are_rejected():
    with pytest.raises(ValueError):
        make_cell("transformer", 2, 2)
    with pytest.raises(ValueError):
        make_cell("rnn", 2, 2, nonlinearity="sigmoid")


SHAPES = [(1, True), (2, False), (2, True), (3, True)]  # (num_layers, bidirectional)


def _one_part(kind, module, layer, reverse):
    """A one-layer, one-way torch.nn module holding one layer's and direction's weights of ``module``."""
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    D = getattr(module, f"weight_ih{suffix}").shape[1]
    part = TORCH_MODULES[kind](D, module.hidden_size)
    part.load_state_dict(
        {f"{name}_l0": getattr(module, f"{name}{suffix}") for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
    )
    return part


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("layers,bidirectional", SHAPES)
def test_stacked_and_bidirectional_cells_match_torch_nn(kind, layers, bidirectional):
    """Outputs, final states, and every layer's and direction's states and gates, against torch.nn."""
    D, H, T = 5, 7, 12
    torch.manual_seed(layers * 10 + bidirectional)
    module = TORCH_MODULES[kind](D, H, num_layers=layers, bidirectional=bidirectional)
    cell = make_cell(kind, D, H, num_layers=layers, bidirectional=bidirectional)
    assert list(cell.state_dict()) == list(module.state_dict())
    cell.load_state_dict(module.state_dict())
    x = torch.randn(T, D)
    with torch.no_grad():
        run = cell(x)
        out, final = module(x)
        h_n, c_n = final if kind == "lstm" else (final, None)
        assert torch.allclose(run.hidden, out, atol=1e-5, rtol=0)
        inputs = x
        for layer in range(layers):
            outputs = []
            for i, reverse in enumerate((False, True)[: 1 + bidirectional]):
                part, mine = _one_part(kind, module, layer, reverse), run.parts[layer, reverse]
                seq = inputs.flip(0) if reverse else inputs
                h_ref, c_ref = _torch_run(kind, part, seq)
                h_ref, c_ref = (
                    (h_ref.flip(0), c_ref.flip(0) if c_ref is not None else None) if reverse else (h_ref, c_ref)
                )
                assert torch.allclose(mine.hidden, h_ref, atol=1e-5, rtol=0), (layer, reverse)
                last = 0 if reverse else -1  # where this direction ends
                index = layer * (1 + bidirectional) + i  # torch.nn's order of final states
                assert torch.allclose(mine.hidden[last], h_n[index], atol=1e-5, rtol=0)
                if kind == "lstm":
                    assert torch.allclose(mine.cell, c_ref, atol=1e-5, rtol=0)
                    assert torch.allclose(mine.cell[last], c_n[index], atol=1e-5, rtol=0)
                if kind != "rnn":
                    gates, _ = _reference_gates(kind, part, seq)
                    for name, ref in gates.items():
                        ref = ref.flip(0) if reverse else ref
                        assert torch.allclose(mine.gates[name], ref, atol=1e-5, rtol=0), (layer, reverse, name)
                outputs.append(h_ref)
            inputs = torch.cat(outputs, dim=-1)
