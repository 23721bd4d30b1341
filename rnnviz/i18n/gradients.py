"""Texts of the Gradients through time page."""

TEXTS = {
    "gradients.nav": {"en": "Gradients through time", "zh": "随时间的梯度"},
}
