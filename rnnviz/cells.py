"""RNN, LSTM and GRU cells written as their equations, with PyTorch's parameter layout.

A cell has the parameters of a ``torch.nn.RNN`` / ``nn.LSTM`` / ``nn.GRU`` with the same ``num_layers`` and
``bidirectional``: for layer l and each direction, ``weight_ih_l{l}`` (G*H, D_l), ``weight_hh_l{l}`` (G*H, H),
``bias_ih_l{l}``, ``bias_hh_l{l}`` (G*H,), the reverse direction's with ``_reverse`` after them, gates stacked
in PyTorch's order; D_0 is the input size, a later layer reads both directions of the one below (D_l = dirs*H).
So ``cell.load_state_dict(nn.LSTM(D, H, num_layers=2, bidirectional=True).state_dict())`` gives the same function.

``step`` is one layer's equations at one time step and returns the new state and every gate as values;
``forward`` runs a sequence through every layer and direction and returns them stacked over time.

Each class docstring holds the cell's equations, one ``lhs = rhs`` line each in LaTeX:
rnnviz.equations parses, renders and re-evaluates them, so keep them in that form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

import torch
from torch import Tensor, nn

NONLINEARITIES = {"tanh": torch.tanh, "relu": torch.relu, "linear": lambda a: a}
SIGMOID, TANH, FREE = "sigmoid", "tanh", "free"  # value ranges: [0, 1], [-1, 1], unbounded


@dataclass
class Step:
    """One time step: new hidden state h, LSTM cell state c (else None), gates by name."""

    h: Tensor
    c: Tensor | None = None
    gates: dict[str, Tensor] = field(default_factory=dict)


@dataclass
class Run:
    """A whole sequence: every field of Step stacked over time, (T, ..., H); for several layers or directions,
    ``hidden`` is the top layer's output (both directions side by side, (T, ..., dirs*H), as torch.nn's), and
    ``parts`` holds each layer's and direction's own run, by (layer, reverse), in the input's time order."""

    hidden: Tensor
    cell: Tensor | None
    gates: dict[str, Tensor]
    parts: dict[tuple[int, bool], Run] = field(default_factory=dict)


class Weights(NamedTuple):
    """One layer's and direction's parameters, as the equations name them."""

    ih: Tensor  # (G*H, D_l)
    hh: Tensor  # (G*H, H)
    b_ih: Tensor  # (G*H,)
    b_hh: Tensor  # (G*H,)


class Cell(nn.Module):
    """Shared parameters, state handling and the time loop over layers and directions; subclasses write ``step``.

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

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = num_layers, bidirectional
        G, H = self.n_blocks, hidden_size
        for layer, reverse in self.parts():
            D = input_size if layer == 0 else H * self.directions
            suffix = self.suffix(layer, reverse)
            setattr(self, f"weight_ih{suffix}", nn.Parameter(torch.empty(G * H, D)))
            setattr(self, f"weight_hh{suffix}", nn.Parameter(torch.empty(G * H, H)))
            setattr(self, f"bias_ih{suffix}", nn.Parameter(torch.empty(G * H)))
            setattr(self, f"bias_hh{suffix}", nn.Parameter(torch.empty(G * H)))
        self.reset_parameters()

    @property
    def directions(self) -> int:
        return 2 if self.bidirectional else 1

    def parts(self) -> list[tuple[int, bool]]:
        """Every (layer, reverse) the cell has, bottom layer first, forward before reverse."""
        return [(layer, reverse) for layer in range(self.num_layers) for reverse in (False, True)[: self.directions]]

    @staticmethod
    def suffix(layer: int, reverse: bool) -> str:
        """torch.nn's name ending of a layer's and direction's parameters: "_l0", "_l1_reverse"."""
        return f"_l{layer}" + ("_reverse" if reverse else "")

    def weights(self, layer: int = 0, reverse: bool = False) -> Weights:
        s = self.suffix(layer, reverse)
        return Weights(*(getattr(self, f"{name}{s}") for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")))

    def reset_parameters(self) -> None:
        """PyTorch's rule for its recurrent modules: every entry ~ U(-1/sqrt(H), 1/sqrt(H))."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            nn.init.uniform_(p, -bound, bound)

    @property
    def state_size(self) -> int:
        """Length of one layer's and direction's flat state vector: [h] or [h; c]."""
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

    def step(self, x: Tensor, state: tuple[Tensor, ...], w: Weights | None = None) -> Step:
        """One time step of one layer and direction (``w``: the first layer's forward weights if None)."""
        raise NotImplementedError

    def _run(
        self,
        x: Tensor,
        w: Weights,
        reverse: bool = False,
        state: tuple[Tensor, ...] | None = None,
        nudge: Tensor | None = None,
    ) -> Run:
        """One layer and direction over x (T, ..., D_l) from ``state`` (zeros if None); reverse reads x from its
        end. ``nudge`` (T, ..., H) is added to each h_t as soon as it is computed (zeros leave the run as it is;
        the gradient with respect to it is the total derivative with respect to h_t). The run is returned in the
        input's time order."""
        state, steps, T = state or self.initial_state(x.shape[1:-1]), [], len(x)
        for i in range(T):
            t = T - 1 - i if reverse else i
            out = self.step(x[t], state, w)
            if nudge is not None:
                out.h = out.h + nudge[t]
            state = self.state_of(out)
            steps.append(out)
        steps = steps[::-1] if reverse else steps
        return Run(
            hidden=torch.stack([s.h for s in steps]),
            cell=torch.stack([s.c for s in steps]) if self.has_cell_state else None,
            gates={k: torch.stack([s.gates[k] for s in steps]) for k in self.gate_names},
        )

    def forward(
        self, x: Tensor, state: tuple[Tensor, ...] | None = None, nudges: dict[tuple[int, bool], Tensor] | None = None
    ) -> Run:
        """Run over x (T, ..., D) through every layer and direction; ``state`` starts a one-layer, one-way cell
        there instead of at zeros; ``nudges`` by (layer, reverse) are added to that part's h_t (see ``_run``)."""
        if state is not None and (self.num_layers, self.directions) != (1, 1):
            raise ValueError("a starting state is for a one-layer, one-way cell")
        parts, inputs, nudges = {}, x, nudges or {}
        for layer in range(self.num_layers):
            runs = [
                self._run(inputs, self.weights(layer, rev), rev, state, nudges.get((layer, rev)))
                for rev in (False, True)[: self.directions]
            ]
            parts.update({(layer, bool(i)): run for i, run in enumerate(runs)})
            inputs = torch.cat([run.hidden for run in runs], dim=-1)
        if len(parts) == 1:
            return parts[0, False]
        top = [parts[self.num_layers - 1, rev] for rev in (False, True)[: self.directions]]
        return Run(
            hidden=inputs,
            cell=torch.cat([r.cell for r in top], dim=-1) if self.has_cell_state else None,
            gates={k: torch.cat([r.gates[k] for r in top], dim=-1) for k in self.gate_names},
            parts=parts,
        )


class RNN(Cell):
    r"""
    h_t = \phi(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})

    where \phi is tanh, relu or the identity (``nonlinearity``).
    """

    kind, label = "rnn", "RNN"
    quantities = (("h", "hidden", TANH),)
    torch_module = nn.RNN

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        nonlinearity: str = "tanh",
    ):
        if nonlinearity not in NONLINEARITIES:
            raise ValueError(f"nonlinearity must be one of {sorted(NONLINEARITIES)}")
        super().__init__(input_size, hidden_size, num_layers, bidirectional)
        self.nonlinearity = nonlinearity

    def step(self, x: Tensor, state: tuple[Tensor, ...], w: Weights | None = None) -> Step:
        (h,), w, phi = state, w or self.weights(), NONLINEARITIES[self.nonlinearity]
        h = phi(x @ w.ih.T + w.b_ih + h @ w.hh.T + w.b_hh)
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

    def step(self, x: Tensor, state: tuple[Tensor, ...], w: Weights | None = None) -> Step:
        (h, c), w = state, w or self.weights()
        x_i, x_f, x_g, x_o = (x @ w.ih.T + w.b_ih).chunk(4, dim=-1)
        h_i, h_f, h_g, h_o = (h @ w.hh.T + w.b_hh).chunk(4, dim=-1)
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

    def step(self, x: Tensor, state: tuple[Tensor, ...], w: Weights | None = None) -> Step:
        (h_prev,), w = state, w or self.weights()
        x_r, x_z, x_n = (x @ w.ih.T + w.b_ih).chunk(3, dim=-1)
        h_r, h_z, h_n = (h_prev @ w.hh.T + w.b_hh).chunk(3, dim=-1)
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


def make_cell(
    kind: str,
    input_size: int,
    hidden_size: int,
    *,
    seed: int = 0,
    nonlinearity: str = "tanh",
    num_layers: int = 1,
    bidirectional: bool = False,
) -> Cell:
    """A cell whose weights are exactly those torch.nn would draw after torch.manual_seed(seed)."""
    if kind not in CELLS:
        raise ValueError(f"unknown cell kind {kind!r}; choose from {sorted(CELLS)}")
    options = {"nonlinearity": nonlinearity} if kind == "rnn" else {}
    shape = {"num_layers": num_layers, "bidirectional": bidirectional}
    with torch.random.fork_rng(devices=[]):  # leave the caller's global RNG untouched
        cell = CELLS[kind](input_size, hidden_size, **shape, **options)
        torch.manual_seed(seed)
        reference = CELLS[kind].torch_module(input_size, hidden_size, **shape)
    cell.load_state_dict(reference.state_dict())
    return cell
