"""What rnnviz measures on a cell: its trace, how much each input still shapes h_t, and BPTT gradients.

Everything is computed in float64 (by default) on a detached copy of the cell, so decays
over hundreds of steps stay representable and the caller's module is left untouched.
Per-step Jacobians come from torch.func (exact autograd), and are chained through time:

    d s_t / d x_k = J_t J_{t-1} ... J_{k+1} B_k,   J_t = d s_t / d s_{t-1},  B_k = d s_k / d x_k

where s_t is the whole recurrent state ([h_t] or [h_t; c_t] for the LSTM).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor
from torch.func import jacrev, vmap

from .cells import Cell


@dataclass
class Trace:
    """A cell's run over one sequence, as numpy arrays."""

    hidden: np.ndarray  # (T, H)
    cell: np.ndarray | None  # (T, H), LSTM only
    gates: dict[str, np.ndarray]  # name -> (T, H)


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
        run = twin(x)
    return Trace(
        hidden=run.hidden.numpy(),
        cell=None if run.cell is None else run.cell.numpy(),
        gates={k: v.numpy() for k, v in run.gates.items()},
    )


def _states(twin: Cell, x: Tensor) -> Tensor:
    """Flat states s_0 (zeros) ... s_T, (T + 1, S)."""
    with torch.no_grad():
        run = twin(x)
    parts = (run.hidden, run.cell) if twin.has_cell_state else (run.hidden,)
    s = torch.cat(parts, dim=-1)
    return torch.cat([s.new_zeros(1, twin.state_size), s])


def step_jacobians(cell: Cell, x: Tensor, *, dtype: torch.dtype = torch.float64) -> tuple[Tensor, Tensor]:
    """J (T, S, S) with J[t] = d s_t / d s_{t-1}, and B (T, S, D) with B[t] = d s_t / d x_t."""
    twin, x = _prepared(cell, x, dtype)
    s = _states(twin, x)

    def step(x_t: Tensor, s_prev: Tensor) -> Tensor:
        return twin.flatten(twin.state_of(twin.step(x_t, twin.unflatten(s_prev))))

    B, J = vmap(jacrev(step, argnums=(0, 1)))(x, s[:-1])
    return J, B


def norms(v: Tensor, dim: tuple[int, ...] | int = -1) -> Tensor:
    """2-norm over ``dim`` that does not overflow while the entries themselves are finite."""
    scale = v.abs().amax(dim=dim, keepdim=True)
    scale = torch.where((scale > 0) & torch.isfinite(scale), scale, torch.ones_like(scale))
    return (torch.linalg.vector_norm(v / scale, dim=dim, keepdim=True) * scale).squeeze(dim)


def contributions(cell: Cell, x: Tensor, *, dtype: torch.dtype = torch.float64) -> np.ndarray:
    """C (T, T): C[t, k] = ||d h_t / d x_k||_F, how much input k still shapes h_t; 0 where k > t."""
    J, B = step_jacobians(cell, x, dtype=dtype)
    T, H = B.shape[0], cell.hidden_size
    C = torch.zeros(T, T, dtype=dtype)
    M = torch.zeros_like(B)  # M[k] = d s_t / d x_k for the current t, (T, S, D)
    with torch.no_grad():
        for t in range(T):
            M[:t] = torch.einsum("ij,kjd->kid", J[t], M[:t])
            M[t] = B[t]
            C[t, : t + 1] = norms(M[: t + 1, :H], dim=(1, 2))
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
    """g (T,): g[t] = ||dL/dh_t||_2 for L = sum(h_T), the total derivative back-propagated through time."""
    J, _ = step_jacobians(cell, x, dtype=dtype)
    return norms(backprop(J, cell.hidden_size)[:, : cell.hidden_size]).numpy()
