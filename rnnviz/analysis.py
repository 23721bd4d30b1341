"""What rnnviz measures on a cell: its trace, how much each input still shapes h_t, and BPTT gradients.

Everything is computed in float64 (by default) on a detached copy of the cell, so decays
over hundreds of steps stay representable and the caller's module is left untouched.
Per-step Jacobians come from torch.func (exact autograd), and are chained through time:

    d s_t / d x_k = J_t J_{t-1} ... J_{k+1} B_k,   J_t = d s_t / d s_{t-1},  B_k = d s_k / d x_k

where s_t is the whole recurrent state ([h_t] or [h_t; c_t] for the LSTM). A cell with several layers or
both directions has no such single chain (a backward direction's h_t depends on later inputs): its
contributions come from forward-mode autograd through the whole run, and its gradients from autograd
with respect to each layer's and direction's h_t (``Cell.forward``'s nudges).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import Tensor
from torch.func import jacrev, vmap

from .cells import Cell


@dataclass
class Trace:
    """A cell's run over one sequence, as numpy arrays."""

    hidden: np.ndarray  # (T, H); several layers or directions: the top layer's output (T, dirs*H)
    cell: np.ndarray | None  # (T, H), LSTM only
    gates: dict[str, np.ndarray]  # name -> (T, H)
    parts: dict[tuple[int, bool], Trace] = field(default_factory=dict)  # by (layer, reverse), if several

    def first(self, T: int) -> Trace:
        """The trace of the first T steps (a one-way cell reads causally)."""
        return Trace(
            self.hidden[:T],
            None if self.cell is None else self.cell[:T],
            {name: v[:T] for name, v in self.gates.items()},
            {key: part.first(T) for key, part in self.parts.items()},
        )


def _numpy(run) -> Trace:
    return Trace(
        hidden=run.hidden.numpy(),
        cell=None if run.cell is None else run.cell.numpy(),
        gates={k: v.numpy() for k, v in run.gates.items()},
        parts={key: _numpy(part) for key, part in run.parts.items()},
    )


def _prepared(cell: Cell, x: Tensor, dtype: torch.dtype) -> tuple[Cell, Tensor]:
    """A detached copy of the cell and x in ``dtype``; x must be (T, D) with T >= 1."""
    x = torch.as_tensor(x)
    if x.ndim != 2 or x.shape[1] != cell.input_size or x.shape[0] < 1:
        raise ValueError(f"x must have shape (T, {cell.input_size}) with T >= 1, got {tuple(x.shape)}")
    twin = copy.deepcopy(cell).to(dtype).requires_grad_(False)
    return twin, x.detach().to(dtype)


def trace(cell: Cell, x: Tensor, *, dtype: torch.dtype = torch.float64) -> Trace:
    """Run the cell over x (T, D) and return hidden states, LSTM cell states and gates."""
    twin, x = _prepared(cell, x, dtype)
    with torch.no_grad():
        return _numpy(twin(x))


def _states(twin: Cell, x: Tensor, reverse: bool = False) -> Tensor:
    """Flat stack states s_0 (zeros) ... s_T of one direction, in the order it reads x, (T + 1, S): each layer's
    [h] or [h; c], the top layer first."""
    with torch.no_grad():
        run = twin(x)
    parts = run.parts or {(0, False): run}
    layers = []
    for layer in reversed(range(twin.num_layers)):
        part = parts[layer, reverse]
        layers += [part.hidden, part.cell] if twin.has_cell_state else [part.hidden]
    s = torch.cat(layers, dim=-1)
    s = s.flip(0) if reverse else s
    return torch.cat([s.new_zeros(1, s.shape[1]), s])


def _stack_step(twin: Cell, reverse: bool):
    """s_t = F(x_t, s_{t-1}) for one direction of every layer at once (the layout of ``_states``)."""

    def step(x_t: Tensor, s_prev: Tensor) -> Tensor:
        below, new = x_t, {}
        states = dict(zip(reversed(range(twin.num_layers)), s_prev.split(twin.state_size)))
        for layer in range(twin.num_layers):
            out = twin.step(below, twin.unflatten(states[layer]), twin.weights(layer, reverse))
            new[layer], below = twin.flatten(twin.state_of(out)), out.h
        return torch.cat([new[layer] for layer in reversed(range(twin.num_layers))])

    return step


def step_jacobians(
    cell: Cell, x: Tensor, *, dtype: torch.dtype = torch.float64, reverse: bool = False
) -> tuple[Tensor, Tensor]:
    """J (T, S, S) with J[t] = d s_t / d s_{t-1}, and B (T, S, D) with B[t] = d s_t / d x_t, where s_t is the
    whole state of every layer (the top layer's first; see ``_states``), t counted in the order the cell reads
    x (from its end with ``reverse``). A bidirectional cell with several layers has no such chain: its upper
    layers read both directions."""
    if cell.bidirectional and cell.num_layers > 1:
        raise ValueError("a stacked bidirectional cell's layers read both directions: no chain of one direction")
    twin, x = _prepared(cell, x, dtype)
    s = _states(twin, x, reverse)
    B, J = vmap(jacrev(_stack_step(twin, reverse), argnums=(0, 1)))(x.flip(0) if reverse else x, s[:-1])
    return J, B


def norms(v: Tensor, dim: tuple[int, ...] | int = -1) -> Tensor:
    """2-norm over ``dim`` that does not overflow while the entries themselves are finite."""
    scale = v.abs().amax(dim=dim, keepdim=True)
    scale = torch.where((scale > 0) & torch.isfinite(scale), scale, torch.ones_like(scale))
    return (torch.linalg.vector_norm(v / scale, dim=dim, keepdim=True) * scale).squeeze(dim)


JVP_ELEMENTS = 2e7  # entries of a layer's d state / d x held at once by the forward-mode pass (160 MB in float64)


def _layer_step(twin: Cell, layer: int, reverse: bool):
    """s_t = F(z_t, s_{t-1}) for one layer and direction, s its flat [h] or [h; c]."""

    def step(z_t: Tensor, s_prev: Tensor) -> Tensor:
        out = twin.step(z_t, twin.unflatten(s_prev), twin.weights(layer, reverse))
        return twin.flatten(twin.state_of(out))

    return step


def _forward_mode_contributions(twin: Cell, x: Tensor) -> Tensor:
    """C (T, T) = ||d y_t / d x_k||_F for the whole run's output y (T, dirs*H), by forward-mode differentiation
    layer by layer: each layer's and direction's step Jacobians (exact, torch.func), then the tangents
    Z_t = d z_t / d x (one column per input entry) carried up the stack, in each direction by
    M_t = J_t M_{t-1} + B_t Z_t; as many input steps at once as JVP_ELEMENTS allows."""
    T, D = x.shape
    H, S, L = twin.hidden_size, twin.state_size, twin.num_layers
    directions = (False, True)[: twin.directions]
    with torch.no_grad():
        run = twin(x)
    parts = run.parts or {(0, False): run}
    steps = {}  # (layer, reverse) -> (J (T, S, S), B (T, S, D_l)), in the order that direction reads
    below = x
    for layer in range(L):
        for rev in directions:
            part = parts[layer, rev]
            s = torch.cat([part.hidden] + ([part.cell] if twin.has_cell_state else []), dim=-1)  # (T, S)
            z, s = (below.flip(0), s.flip(0)) if rev else (below, s)
            s_prev = torch.cat([s.new_zeros(1, S), s[:-1]])
            B, J = vmap(jacrev(_layer_step(twin, layer, rev), argnums=(0, 1)))(z, s_prev)
            steps[layer, rev] = J, B
        below = torch.cat([parts[layer, rev].hidden for rev in directions], dim=-1)
    width = max(D, S, len(directions) * H)
    chunk = max(1, min(T, int(JVP_ELEMENTS // (T * width * D))))  # input steps per pass
    C = torch.zeros(T, T, dtype=x.dtype)
    with torch.no_grad():
        for k0 in range(0, T, chunk):
            n = min(chunk, T - k0)
            index = torch.arange(n * D)
            Z = x.new_zeros(T, D, n * D)  # d x_t / d (x_{k0..k0+n}): the identity on those steps
            Z[k0 + index // D, index % D, index] = 1.0
            for layer in range(L):
                outs = []
                for rev in directions:
                    J, B = steps[layer, rev]
                    BZ = torch.bmm(B, Z.flip(0) if rev else Z)  # (T, S, n*D)
                    M, h = torch.zeros_like(BZ[0]), torch.empty(T, H, n * D, dtype=x.dtype)
                    for i in range(T):
                        M = torch.addmm(BZ[i], J[i], M)
                        h[i] = M[:H]
                    outs.append(h.flip(0) if rev else h)
                Z = torch.cat(outs, dim=1)  # (T, dirs*H, n*D): the next layer's input tangents
            dy = Z.reshape(T, -1, n, D).permute(0, 2, 1, 3).reshape(T, n, -1)
            C[:, k0 : k0 + n] = norms(dy)
    return C


def _chain_contributions(J: Tensor, B: Tensor, H: int) -> Tensor:
    """C (T, T): C[t, k] = ||d h_t / d x_k||_F from the step Jacobians, h_t the first H entries of the state."""
    T = B.shape[0]
    C = torch.zeros(T, T, dtype=B.dtype)
    M = torch.zeros_like(B)  # M[k] = d s_t / d x_k for the current t, (T, S, D)
    with torch.no_grad():
        for t in range(T):
            M[:t] = torch.einsum("ij,kjd->kid", J[t], M[:t])
            M[t] = B[t]
            C[t, : t + 1] = norms(M[: t + 1, :H], dim=(1, 2))
    return C


def contributions(cell: Cell, x: Tensor, *, dtype: torch.dtype = torch.float64) -> np.ndarray:
    """C (T, T): C[t, k] = ||d h_t / d x_k||_F, how much input k still shapes h_t; 0 where k > t for a one-way
    cell. With several layers, h_t is the top layer's output; with both directions, both halves of it: the
    backward half depends on x_k for k >= t, so the map is full (C^2 = forward's C^2 + backward's C^2)."""
    if cell.bidirectional and cell.num_layers > 1:
        return _forward_mode_contributions(*_prepared(cell, x, dtype)).numpy()
    H = cell.hidden_size
    C = _chain_contributions(*step_jacobians(cell, x, dtype=dtype), H)
    if cell.bidirectional:  # the backward direction read x from its end: flip its map back into input order
        back = _chain_contributions(*step_jacobians(cell, x, dtype=dtype, reverse=True), H).flip(0, 1)
        C = torch.hypot(C, back)
    return C.numpy()


def backprop(J: Tensor, H: int) -> Tensor:
    """A (T, S): A[t] = dL/ds_t for L = sum(h_T), back-propagated through time from the step Jacobians J
    (T, S, S): dL/ds_T is ones on h and zeros on c, and dL/ds_{t-1} = J_t^T dL/ds_t."""
    T, S = J.shape[0], J.shape[1]
    A = torch.empty(T, S, dtype=J.dtype)
    a = torch.zeros(S, dtype=J.dtype)
    a[:H] = 1.0
    with torch.no_grad():
        for t in range(T - 1, -1, -1):
            A[t] = a
            a = J[t].T @ a
    return A


def backprop_every_length(J: Tensor, H: int) -> Tensor:
    """G (T, T): G[e, t] = ||dL/dh_t|| for L = sum(h_e), every end e at once (NaN where t > e), from the step
    Jacobians J (T, S, S). Going back from t = T, each end's dL/ds_t is a row, carried one step by one matrix
    product of all of them: T^2 S^2 operations in all, against T S^2 for one end."""
    T, S = J.shape[0], J.shape[1]
    G = torch.full((T, T), float("nan"), dtype=J.dtype)
    R = torch.zeros(T, S, dtype=J.dtype)  # R[e] = dL_e/ds_t for the current t, rows e >= t
    with torch.no_grad():
        for t in range(T - 1, -1, -1):
            R[t, :H] = 1.0  # the end e = t starts here: dL/dh_t is all ones, dL/dc_t zero
            G[t:, t] = norms(R[t:, :H])
            R[t:] = R[t:] @ J[t]  # (J_t^T a)^T = a^T J_t for every row a at once
    return G


def gradient_norms(cell: Cell, x: Tensor, *, dtype: torch.dtype = torch.float64) -> np.ndarray:
    """g (T,): g[t] = ||dL/dh_t||_2 for L = sum(h_T), the total derivative back-propagated through time (several
    layers: h_t of the top layer; both directions: see ``part_gradients``)."""
    if cell.bidirectional:
        return part_gradients(cell, x, dtype=dtype)[0]
    J, _ = step_jacobians(cell, x, dtype=dtype)
    return norms(backprop(J, cell.hidden_size)[:, : cell.hidden_size]).numpy()


def part_gradients(cell: Cell, x: Tensor, *, dtype: torch.dtype = torch.float64) -> tuple[np.ndarray, dict]:
    """For L = the sum of the top layer's final states (h_T forward, h_1 backward: torch.nn's h_n, = sum(h_T)
    for a one-way cell): g (T,) with g[t] = ||dL/dy_t|| for the top layer's output y_t (both directions), and
    by (layer, reverse) that part's ||dL/dh_t||, each a total derivative (through time and through the layers
    above), by autograd."""
    twin, x = _prepared(cell, x, dtype)
    T, H = x.shape[0], twin.hidden_size
    nudges = {key: torch.zeros(T, H, dtype=dtype, requires_grad=True) for key in twin.parts()}
    run = twin(x, nudges=nudges)
    parts = run.parts or {(0, False): run}
    top = [key for key in twin.parts() if key[0] == twin.num_layers - 1]
    loss = sum(parts[key].hidden[0 if key[1] else -1].sum() for key in top)
    grads = dict(zip(nudges, torch.autograd.grad(loss, list(nudges.values()))))
    output = norms(torch.cat([grads[key] for key in top], dim=-1))
    return output.numpy(), {key: norms(g).numpy() for key, g in grads.items()}
