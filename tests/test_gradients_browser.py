"""The gradients page in headless Chromium: every preset button, T = 1000 with overflow, Chinese; screenshots."""

import urllib.parse

import pytest
from conftest import screenshot

from deploy.browser import wait_until_idle
from rnnviz import gradients as G
from rnnviz import presets, scene
from rnnviz import settings as cfg

CHARTS = 5  # gradient norms, eigenvalues, factors; the clipping norms and losses once they are trained
TALL = {"width": 1400, "height": 4600}  # Streamlit scrolls inside the page: a tall window shows all of it


def _open(page, url: str) -> list[str]:
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    wait_until_idle(page, 180_000)
    return errors


def _train_clipping(page) -> None:
    """Press the clipping experiment's button, unless these settings were trained already."""
    button = page.locator(".st-key-clip_run button")
    if button.count():
        button.click()
        page.wait_for_function("() => !document.querySelector('.st-key-clip_run')", timeout=120_000)
        wait_until_idle(page, 180_000)


def _healthy(page, errors: list[str]) -> None:
    _train_clipping(page)
    assert errors == []
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".rnnviz-plot").count() == CHARTS  # each one drawn: see wait_until_idle


def _svg_text(page) -> str:
    return " ".join(page.evaluate("[...document.querySelectorAll('.main-svg text')].map(t => t.textContent)"))


@pytest.mark.parametrize("name", presets.offered("gradients"))
def test_preset_button_sets_the_link_and_redraws(server, page, name):
    errors = _open(page, f"{server}/gradients")
    page.locator(f".st-key-preset_{name} button:visible").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('length') === '200'", timeout=60_000)
    wait_until_idle(page, 180_000)
    _healthy(page, errors)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    settings, notes = cfg.from_query(query)
    assert notes == []
    for field, value in presets.PRESETS[name].changes.items():
        assert getattr(settings, field) == value, field
    assert "T = 200" in _svg_text(page)
    page.set_viewport_size(TALL)
    wait_until_idle(page)
    screenshot(page, f"gradients-preset-{name}")


def test_relu_radius_3_over_1000_steps_marks_the_overflow(server, page):
    query = "generated=true&length=1000&rho=3&nonlinearity=relu"
    errors = _open(page, f"{server}/gradients?{query}")
    _healthy(page, errors)
    s, _ = cfg.from_query(urllib.parse.parse_qs(query))
    first = G.first_nonfinite(G.profile(scene.cell(s, "rnn"), scene.sequence(s).x).gradient)
    assert f"RNN: inf / NaN from t = {first} back" in _svg_text(page)
    assert page.get_by_text(f"at t = {first}, {1000 - first} steps back").count() == 1
    page.set_viewport_size(TALL)
    wait_until_idle(page)
    screenshot(page, "gradients-relu-rho3-T1000")


def test_page_in_chinese(server, page):
    errors = _open(page, f"{server}/gradients?generated=true&length=300&rho=1.1&nonlinearity=linear")
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="中文").click()
    page.wait_for_function(
        "() => document.querySelector('h1') && document.querySelector('h1').textContent.includes('梯度')",
        timeout=60_000,
    )
    wait_until_idle(page, 180_000)
    _healthy(page, errors)
    assert "梯度范数 ||dL/dh_t||" in _svg_text(page)
    page.set_viewport_size(TALL)
    wait_until_idle(page)
    screenshot(page, "gradients-zh")
