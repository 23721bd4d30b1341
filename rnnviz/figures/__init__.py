"""Pure figure functions: numpy arrays in, plotly figures out (usable in Jupyter too)."""

from .states import hidden_states
from .style import CELL_COLORS, label, tick_labels, to_json
from .tokens import token_strip

__all__ = ["CELL_COLORS", "hidden_states", "label", "tick_labels", "to_json", "token_strip"]
