"""Texts of the Training lab page."""

TEXTS = {
    "training.nav": {"en": "Training lab", "zh": "训练实验室"},
}
