"""Texts of the Step through page."""

TEXTS = {
    "memory.nav": {"en": "Step through", "zh": "逐步观察"},
}
