"""Texts of the Gates page."""

TEXTS = {
    "gates.nav": {"en": "Gates", "zh": "门控"},
}
