"""Stacked and bidirectional cells in headless Chromium: the step-through page with two layers read both ways
draws its charts, its contribution maps are full (the backward half reads later tokens) where a one-way cell's
are a lower triangle, and the gradients page draws the per-layer chart with every layer and direction; the
numbers drawn are the cells' own (rnnviz.analysis on the same settings); in Chinese too; screenshots."""

import numpy as np
import pytest
from conftest import open_page, screenshot

from rnnviz import analysis, scene
from rnnviz import settings as cfg

SENTENCE = "the cat that the dog chased ran up the old tree"  # 11 tokens
QUERY = {"text": SENTENCE, "layers": "2", "bidirectional": "true"}
TALL = {"width": 1400, "height": 4600}  # Streamlit scrolls inside the page: a tall window shows all of it


def _open(page, server: str, path: str, **query) -> list[str]:
    errors = open_page(page, server, path, query, height=TALL["height"], timeout=180_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    return errors


def _maps(page) -> list[np.ndarray]:
    """log10 C of each panel of the contribution maps as plotly drew it (NaN where blank)."""
    z = page.evaluate(
        """() => document.querySelector('.st-key-memory_maps .js-plotly-plot').calcdata
            .map(trace => trace[0].z.map(row => Array.from(row, v => (v === null || v === undefined) ? NaN : v)))"""
    )
    return [np.array(panel, dtype=float) for panel in z]


def _traces(page, key: str) -> list[str]:
    return page.evaluate(
        "(key) => document.querySelector('.st-key-' + key + ' .js-plotly-plot').data.map(d => d.name)", key
    )


@pytest.mark.parametrize("bidirectional", [True, False])
def test_step_through_maps_are_full_both_ways_and_a_triangle_one_way(server, page, bidirectional):
    errors = _open(page, server, "memory", **(QUERY | {"bidirectional": str(bidirectional).lower()}))
    assert errors == []
    assert page.locator(".rnnviz-plot").count() == 3  # hidden states, contribution maps, influence
    s, _ = cfg.from_query(QUERY | {"bidirectional": str(bidirectional).lower()})
    x = scene.sequence(s.model).x
    for kind, drawn in zip(s.cells, _maps(page), strict=True):
        C = analysis.contributions(scene.cell(s.model, kind), x)
        T = len(C)
        assert drawn.shape == (T, T)
        upper = np.triu_indices(T, 1)
        if bidirectional:  # every later token shapes h_t through the backward half: no blank cell
            assert np.isfinite(drawn).all(), kind
        else:
            assert np.isnan(drawn[upper]).all() and np.isfinite(np.tril(drawn + 0.0)[np.tril_indices(T)]).all()
        shown = np.isfinite(drawn)
        np.testing.assert_allclose(drawn[shown], np.log10(C[shown]), rtol=1e-3, atol=1e-3)
    said = page.locator('[data-testid="stAlert"]', has_text="the contribution map is full, not").count()
    assert said == int(bidirectional)  # the page says why the map is full
    if bidirectional:
        screenshot(page, "stacked-bi-memory")


def test_gradients_page_draws_every_layer_and_direction(server, page):
    errors = _open(page, server, "gradients", **QUERY)
    assert errors == []
    page.locator(".st-key-gradients_layers .js-plotly-plot").wait_for()
    names = _traces(page, "gradients_layers")
    for cell in ("RNN", "LSTM", "GRU"):
        for layer in (1, 2):
            for direction in ("forward", "backward"):
                assert any(cell in n and f"layer {layer}" in n and direction in n for n in names), (cell, layer)
    assert len(names) == 3 * 2 * 2
    drawn = page.evaluate(
        "() => document.querySelector('.st-key-gradients_layers .js-plotly-plot')"
        ".querySelectorAll('.scatterlayer .trace').length"
    )
    assert drawn == len(names)
    screenshot(page, "stacked-bi-gradients")


def test_stacked_views_in_chinese(server, page):
    errors = _open(page, server, "memory", **(QUERY | {"lang": "zh"}))
    assert errors == []
    assert page.locator(".rnnviz-plot").count() == 3
    assert all(np.isfinite(panel).all() for panel in _maps(page))
    errors += _open(page, server, "gradients", **(QUERY | {"lang": "zh"}))
    assert errors == []
    names = _traces(page, "gradients_layers")
    assert len(names) == 12 and all("层" in n for n in names)
    screenshot(page, "stacked-bi-gradients-zh")
