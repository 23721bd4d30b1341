"""RNN, LSTM and GRU cells written as their equations, with PyTorch's parameter layout.

Each cell has the parameters of a single-layer ``torch.nn.RNN`` / ``nn.LSTM`` / ``nn.GRU``
(``weight_ih_l0`` (G*H, D), ``weight_hh_l0`` (G*H, H), ``bias_ih_l0``, ``bias_hh_l0`` (G*H,),
gates stacked in PyTorch's order), so ``cell.load_state_dict(nn.LSTM(D, H).state_dict())``
gives the same function. ``step`` returns the new state and every gate as values;
``forward`` runs a sequence and returns them stacked over time.

Each class docstring holds the cell's equations, one ``lhs = rhs`` line each in LaTeX:
rnnviz.equations parses, renders and re-evaluates them, so keep them in that form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import Tensor, nn

NONLINEARITIES = {"tanh": torch.tanh, "relu": torch.relu, "linear": lambda a: a}


@dataclass
class Step:
    """One time step: new hidden state h, LSTM cell state c (else None), gates by name."""

    h: Tensor
    c: Tensor | None = None
    gates: dict[str, Tensor] = field(default_factory=dict)


@dataclass
class Run:
    """A whole sequence: every field of Step stacked over time, (T, ..., H)."""

    hidden: Tensor
    cell: Tensor | None
    gates: dict[str, Tensor]


SIGMOID, TANH, FREE = "sigmoid", "tanh", "free"  # value ranges: [0, 1], [-1, 1], unbounded


class Cell(nn.Module):
    """Shared parameters, state handling and the time loop; subclasses write ``step``.

    Each subclass also says what a page needs to know of it: its gates in PyTorch's block order, the
    quantities its equations compute (symbol, where a run keeps it, the range of its values), the gate
    whose bias decides how much it keeps (``memory_gate``), and the torch.nn module it matches."""

    kind = ""
    label = ""  # the cell's name on screen, the same in every language
    gate_names: tuple[str, ...] = ()
    n_blocks = 1  # weight blocks stacked in weight_ih_l0 (PyTorch's gate order)
    has_cell_state = False
    quantities: tuple[tuple[str, str, str], ...] = ()  # (symbol, field of a Run or Trace, scale), equation order
    memory_gate: str | None = None
    torch_module: type[nn.Module] = nn.Module

    def __init__(self, input_size: int, hidden_size: int):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        G, H, D = self.n_blocks, hidden_size, input_size
        self.weight_ih_l0 = nn.Parameter(torch.empty(G * H, D))
        self.weight_hh_l0 = nn.Parameter(torch.empty(G * H, H))
        self.bias_ih_l0 = nn.Parameter(torch.empty(G * H))
        self.bias_hh_l0 = nn.Parameter(torch.empty(G * H))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """PyTorch's rule for its recurrent modules: every entry ~ U(-1/sqrt(H), 1/sqrt(H))."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    @property
    def state_size(self) -> int:
        """Length of the flat state vector: [h] or [h; c]."""
        return self.hidden_size * (2 if self.has_cell_state else 1)

    def initial_state(self, batch_shape: tuple[int, ...] = ()) -> tuple[Tensor, ...]:
        """Zero state, as torch.nn uses when no state is given."""
        zeros = self.weight_hh_l0.new_zeros(*batch_shape, self.hidden_size)
        return (zeros, zeros.clone()) if self.has_cell_state else (zeros,)

    def state_of(self, step: Step) -> tuple[Tensor, ...]:
        return (step.h, step.c) if self.has_cell_state else (step.h,)

    def flatten(self, state: tuple[Tensor, ...]) -> Tensor:
        return torch.cat(state, dim=-1)

    def unflatten(self, s: Tensor) -> tuple[Tensor, ...]:
        return tuple(s.split(self.hidden_size, dim=-1))

    def step(self, x: Tensor, state: tuple[Tensor, ...]) -> Step:
        raise NotImplementedError

    def forward(self, x: Tensor, state: tuple[Tensor, ...] | None = None) -> Run:
        """Run over x (T, ..., D) from ``state`` (zeros if None)."""
        state = self.initial_state(x.shape[1:-1]) if state is None else state
        steps = []
        for x_t in x:
            out = self.step(x_t, state)
            state = self.state_of(out)
            steps.append(out)
        return Run(
            hidden=torch.stack([s.h for s in steps]),
            cell=torch.stack([s.c for s in steps]) if self.has_cell_state else None,
            gates={k: torch.stack([s.gates[k] for s in steps]) for k in self.gate_names},
        )


class RNN(Cell):
    r"""
    h_t = \phi(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})

    where \phi is tanh, relu or the identity (``nonlinearity``).
    """

    kind, label = "rnn", "RNN"
    quantities = (("h", "hidden", TANH),)
    torch_module = nn.RNN

    def __init__(self, input_size: int, hidden_size: int, nonlinearity: str = "tanh"):
        if nonlinearity not in NONLINEARITIES:
            raise ValueError(f"nonlinearity must be one of {sorted(NONLINEARITIES)}")
        super().__init__(input_size, hidden_size)
        self.nonlinearity = nonlinearity

    def step(self, x: Tensor, state: tuple[Tensor, ...]) -> Step:
        (h,) = state
        phi = NONLINEARITIES[self.nonlinearity]
        h = phi(x @ self.weight_ih_l0.T + self.bias_ih_l0 + h @ self.weight_hh_l0.T + self.bias_hh_l0)
        return Step(h=h)

    def extra_repr(self) -> str:
        return f"{self.input_size}, {self.hidden_size}, nonlinearity={self.nonlinearity!r}"


class LSTM(Cell):
    r"""
    i_t = \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi})
    f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf})
    g_t = \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg})
    o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho})
    c_t = f_t \odot c_{t-1} + i_t \odot g_t
    h_t = o_t \odot \tanh(c_t)
    """

    kind, label = "lstm", "LSTM"
    gate_names = ("input", "forget", "cell", "output")
    n_blocks = 4  # (W_ii|W_if|W_ig|W_io)
    has_cell_state = True
    quantities = (
        ("i", "input", SIGMOID),
        ("f", "forget", SIGMOID),
        ("g", "cell", TANH),
        ("o", "output", SIGMOID),
        ("c", "cell_state", FREE),
        ("h", "hidden", TANH),
    )
    memory_gate = "forget"
    torch_module = nn.LSTM

    def step(self, x: Tensor, state: tuple[Tensor, ...]) -> Step:
        h, c = state
        x_i, x_f, x_g, x_o = (x @ self.weight_ih_l0.T + self.bias_ih_l0).chunk(4, dim=-1)
        h_i, h_f, h_g, h_o = (h @ self.weight_hh_l0.T + self.bias_hh_l0).chunk(4, dim=-1)
        i = torch.sigmoid(x_i + h_i)
        f = torch.sigmoid(x_f + h_f)
        g = torch.tanh(x_g + h_g)
        o = torch.sigmoid(x_o + h_o)
        c = f * c + i * g
        h = o * torch.tanh(c)
        return Step(h=h, c=c, gates={"input": i, "forget": f, "cell": g, "output": o})


class GRU(Cell):
    r"""
    r_t = \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr})
    z_t = \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz})
    n_t = \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn}))
    h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}
    """

    kind, label = "gru", "GRU"
    gate_names = ("reset", "update", "new")
    n_blocks = 3  # (W_ir|W_iz|W_in)
    quantities = (("r", "reset", SIGMOID), ("z", "update", SIGMOID), ("n", "new", TANH), ("h", "hidden", TANH))
    memory_gate = "update"
    torch_module = nn.GRU

    def step(self, x: Tensor, state: tuple[Tensor, ...]) -> Step:
        (h_prev,) = state
        x_r, x_z, x_n = (x @ self.weight_ih_l0.T + self.bias_ih_l0).chunk(3, dim=-1)
        h_r, h_z, h_n = (h_prev @ self.weight_hh_l0.T + self.bias_hh_l0).chunk(3, dim=-1)
        r = torch.sigmoid(x_r + h_r)
        z = torch.sigmoid(x_z + h_z)
        n = torch.tanh(x_n + r * h_n)
        h = (1 - z) * n + z * h_prev
        return Step(h=h, gates={"reset": r, "update": z, "new": n})


CELLS: dict[str, type[Cell]] = {"rnn": RNN, "lstm": LSTM, "gru": GRU}


def symbols() -> tuple[str, ...]:
    """Every quantity symbol of every cell kind, each once: the states (h, c) first, then the gates."""
    quantities = [q for cell in CELLS.values() for q in cell.quantities]
    states = [q[0] for q in quantities if q[1] in ("hidden", "cell_state")]
    return tuple(dict.fromkeys(sorted(states, key="hc".find) + [q[0] for q in quantities]))


def make_cell(kind: str, input_size: int, hidden_size: int, *, seed: int = 0, nonlinearity: str = "tanh") -> Cell:
    """A cell whose weights are exactly those torch.nn would draw after torch.manual_seed(seed)."""
    if kind not in CELLS:
        raise ValueError(f"unknown cell kind {kind!r}; choose from {sorted(CELLS)}")
    options = {"nonlinearity": nonlinearity} if kind == "rnn" else {}
    with torch.random.fork_rng(devices=[]):  # leave the caller's global RNG untouched
        cell = CELLS[kind](input_size, hidden_size, **options)
        torch.manual_seed(seed)
        reference = CELLS[kind].torch_module(input_size, hidden_size)
    cell.load_state_dict(reference.state_dict())
    return cell
