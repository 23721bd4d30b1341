"""The cells' equations as the page shows them: parsed from the cell classes' docstrings,
evaluated with numpy, and rendered with one unit's numbers plugged in.

The docstrings of rnnviz/cells.py hold one ``lhs = rhs`` line of LaTeX per equation, so the maths
a page renders is the maths the code documents. Evaluating the parsed equations gives the cell's
next state again, which the tests check against torch.nn: the docstrings cannot drift from the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .analysis import Trace
from .cells import CELLS, Cell
from .gates import QUANTITIES

_TOKEN = re.compile(r"\s*(\\[A-Za-z]+|[A-Za-z](?:_\{[^}]*\}|_[A-Za-z0-9])?|\d+(?:\.\d+)?|[()+\-])")
_EQUATION = re.compile(r"^\s*([A-Za-z]_t) = (.+?)\s*$", re.M)
_PARAM = re.compile(r"([Wb])_\{([ih])([a-z])\}")  # W_{hf}: hidden-to-hidden weights of gate f


@dataclass(frozen=True)
class Node:
    """A parsed expression: op is num, sym, call, paren, sum, odot or matvec (juxtaposition W v)."""

    op: str
    args: tuple[Node, ...] = ()
    name: str = ""  # the number, symbol or function as written
    signs: tuple[str, ...] = ()  # sum only: "+" or "-" before each term


class _Parser:
    def __init__(self, text: str):
        self.tokens, end = [], 0
        for m in _TOKEN.finditer(text):
            if m.start() != end:
                break
            self.tokens.append(m.group(1))
            end = m.end()
        if text[end:].strip():
            raise ValueError(f"cannot parse {text[end:]!r}")
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise ValueError(f"expected {expected or 'more'}, got {tok!r}")
        self.i += 1
        return tok

    def expr(self) -> Node:
        signs, terms = ["+"], [self.term()]
        while self.peek() in ("+", "-"):
            signs.append(self.take())
            terms.append(self.term())
        return terms[0] if len(terms) == 1 else Node("sum", tuple(terms), signs=tuple(signs))

    def term(self) -> Node:
        factors = [self.product()]
        while self.peek() == r"\odot":
            self.take()
            factors.append(self.product())
        return factors[0] if len(factors) == 1 else Node("odot", tuple(factors))

    def product(self) -> Node:
        node = self.atom()
        while (tok := self.peek()) is not None and tok[0].isalpha():
            node = Node("matvec", (node, self.atom()))
        return node

    def atom(self) -> Node:
        tok = self.take()
        if tok == "(":
            inner = self.expr()
            self.take(")")
            return Node("paren", (inner,))
        if tok.startswith("\\"):
            self.take("(")
            arg = self.expr()
            self.take(")")
            return Node("call", (arg,), name=tok)
        if tok[0].isdigit():
            return Node("num", name=tok)
        if tok[0].isalpha():
            return Node("sym", name=tok)
        raise ValueError(f"unexpected {tok!r}")


def parse(text: str) -> Node:
    """The expression tree of a LaTeX right-hand side as the cell docstrings write it."""
    parser = _Parser(text)
    node = parser.expr()
    if parser.peek() is not None:
        raise ValueError(f"unexpected {parser.peek()!r}")
    return node


@dataclass(frozen=True)
class Equation:
    lhs: str  # "c_t"
    rhs: str  # LaTeX exactly as in the docstring
    tree: Node


def equations(kind: str) -> list[Equation]:
    """The cell's equations, in order, from its class docstring."""
    return [Equation(lhs, rhs, parse(rhs)) for lhs, rhs in _EQUATION.findall(CELLS[kind].__doc__)]


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


# name -> (numpy function, how the numbers line writes it); \phi is the RNN's nonlinearity
FUNCTIONS = {r"\sigma": (_sigmoid, r"\sigma"), r"\tanh": (np.tanh, r"\tanh")}
PHI = {
    "tanh": (np.tanh, r"\tanh"),
    "relu": (lambda a: np.maximum(a, 0.0), r"\operatorname{relu}"),
    "linear": (lambda a: a, ""),
}


def parameters(cell: Cell) -> dict[str, np.ndarray]:
    """The cell's parameters as float64 numpy arrays, by torch.nn name."""
    return {k: v.detach().double().numpy().copy() for k, v in cell.state_dict().items()}


class _Context:
    """Values of every symbol at one step: inputs, previous state, weight blocks, earlier results."""

    def __init__(
        self, kind: str, params: dict[str, np.ndarray], x_t: np.ndarray, prev: dict[str, np.ndarray], nonlinearity: str
    ):
        self.params, self.H = params, params["weight_hh_l0"].shape[1]
        self.letters = [
            q.symbol for name in CELLS[kind].gate_names for q in QUANTITIES[kind] if q.field == name
        ]  # PyTorch's block order
        self.env = {"x_t": np.asarray(x_t, dtype=float)}
        self.env.update({f"{k}_{{t-1}}": np.asarray(v, dtype=float) for k, v in prev.items()})
        self.functions = {**FUNCTIONS, r"\phi": PHI[nonlinearity]}

    def symbol(self, name: str) -> np.ndarray:
        if name in self.env:
            return self.env[name]
        m = _PARAM.fullmatch(name)
        if not m:
            raise KeyError(f"no value for {name}")
        side = "ih" if m[2] == "i" else "hh"
        full = self.params[f"{'weight' if m[1] == 'W' else 'bias'}_{side}_l0"]
        k = self.letters.index(m[3]) if self.letters else 0  # the RNN has a single block
        return full[k * self.H : (k + 1) * self.H]

    def value(self, node: Node) -> np.ndarray:
        if node.op == "num":
            return np.asarray(float(node.name))
        if node.op == "sym":
            return self.symbol(node.name)
        if node.op == "paren":
            return self.value(node.args[0])
        if node.op == "call":
            return self.functions[node.name][0](self.value(node.args[0]))
        if node.op == "matvec":
            return self.value(node.args[0]) @ self.value(node.args[1])
        if node.op == "odot":
            return np.prod([self.value(a) for a in node.args], axis=0)
        return sum((1 if s == "+" else -1) * self.value(a) for s, a in zip(node.signs, node.args))


def evaluate_step(
    kind: str, params: dict[str, np.ndarray], x_t: np.ndarray, prev: dict[str, np.ndarray], nonlinearity: str = "tanh"
) -> dict[str, np.ndarray]:
    """Every left-hand side of the docstring equations at one step, by symbol ("f", "c", "h"), (H,) each.

    ``prev`` holds the previous state by symbol: {"h": (H,)} and, for the LSTM, "c".
    """
    ctx = _Context(kind, params, x_t, prev, nonlinearity)
    for eq in equations(kind):
        ctx.env[eq.lhs] = ctx.value(eq.tree)
    return {eq.lhs[0]: ctx.env[eq.lhs] for eq in equations(kind)}


def previous_state(tr: Trace, step: int) -> dict[str, np.ndarray]:
    """The state before ``step`` (1-based): zeros before the first token."""
    H = tr.hidden.shape[1]
    prev = {"h": tr.hidden[step - 2] if step > 1 else np.zeros(H)}
    if tr.cell is not None:
        prev["c"] = tr.cell[step - 2] if step > 1 else np.zeros(H)
    return prev


@dataclass(frozen=True)
class Plugged:
    """One equation for one unit: as written, with the numbers in, one step reduced, and its value."""

    lhs: str
    symbolic: str
    numbers: str
    reduced: str  # function arguments (pre-activations) and products summed up
    value: float


def _number(v: float, first: bool) -> str:
    if not np.isfinite(v):
        return r"\mathrm{nan}" if np.isnan(v) else (r"\infty" if v > 0 else r"(-\infty)")
    text = f"{v:.4f}"
    return text if v >= 0 or first else f"({text})"


def _has_call(node: Node) -> bool:
    return node.op == "call" or any(_has_call(a) for a in node.args)


class _Renderer:
    def __init__(self, ctx: _Context, unit: int):
        self.ctx, self.u = ctx, unit

    def at(self, node: Node) -> float:
        v = self.ctx.value(node)
        return float(v if np.ndim(v) == 0 else v[self.u])

    def numbers(self, node: Node, first: bool = True) -> str:
        """Leaves replaced by this unit's numbers (a product W x_t by its u-th entry)."""
        if node.op == "num":
            return node.name
        if node.op in ("sym", "matvec"):
            return _number(self.at(node), first)
        return self._compound(node, self.numbers)

    def reduced(self, node: Node, first: bool = True) -> str:
        """Each function's argument summed to one number (its pre-activation); products and
        parenthesised terms without a function worked out."""
        if node.op in ("num", "sym", "matvec") or (node.op in ("odot", "paren") and not _has_call(node)):
            return _number(self.at(node), first)
        if node.op == "call":
            arg = node.args[0]
            if arg.op in ("num", "sym", "matvec"):
                return _number(self.at(node), first)
            return self._function(node.name) + r"\left(" + _number(self.at(arg), True) + r"\right)"
        return self._compound(node, self.reduced)

    def _function(self, name: str) -> str:
        return self.ctx.functions[name][1]

    def _compound(self, node: Node, render) -> str:
        if node.op == "paren":
            return r"\left(" + render(node.args[0]) + r"\right)"
        if node.op == "call":
            return self._function(node.name) + r"\left(" + render(node.args[0]) + r"\right)"
        if node.op == "odot":
            return r" \cdot ".join(render(a, i == 0) for i, a in enumerate(node.args))
        parts = [render(node.args[0])] + [f" {s} {render(a, False)}" for s, a in zip(node.signs[1:], node.args[1:])]
        return "".join(parts)


def plugged(
    kind: str,
    params: dict[str, np.ndarray],
    x_t: np.ndarray,
    prev: dict[str, np.ndarray],
    unit: int,
    nonlinearity: str = "tanh",
) -> list[Plugged]:
    """The cell's equations at one step for ``unit`` (0-based), with that unit's numbers plugged in."""
    ctx = _Context(kind, params, x_t, prev, nonlinearity)
    render = _Renderer(ctx, unit)
    out = []
    for eq in equations(kind):
        out.append(Plugged(eq.lhs, eq.rhs, render.numbers(eq.tree), render.reduced(eq.tree), render.at(eq.tree)))
        ctx.env[eq.lhs] = ctx.value(eq.tree)
    return out
