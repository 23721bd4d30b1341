"""Pure figure functions: numpy arrays in, plotly figures out (usable in Jupyter too)."""
from .states import hidden_states
from .tokens import token_strip
from .style import CELL_COLORS, for_projection, label, tick_labels

__all__ = ["hidden_states", "token_strip", "CELL_COLORS", "for_projection", "label", "tick_labels"]
