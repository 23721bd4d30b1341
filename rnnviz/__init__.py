"""rnnviz: RNN, LSTM and GRU cells written as their equations, and what they remember.

>>> import torch, rnnviz
>>> cell = rnnviz.make_cell("lstm", 8, 16, seed=0)
>>> x = rnnviz.embed(rnnviz.tokenize("what time is it?"), 8)
>>> rnnviz.trace(cell, x).gates["forget"].shape
(5, 16)
"""

from .analysis import Trace, contributions, gradient_norms, step_jacobians, trace
from .cells import CELLS, GRU, LSTM, RNN, Cell, make_cell
from .settings import Settings, from_query, to_query
from .text import embed, generate, tokenize

__all__ = [
    "CELLS",
    "GRU",
    "LSTM",
    "RNN",
    "Cell",
    "Settings",
    "Trace",
    "contributions",
    "embed",
    "from_query",
    "generate",
    "gradient_norms",
    "make_cell",
    "step_jacobians",
    "to_query",
    "tokenize",
    "trace",
]
