"""Classroom features in Chromium: links with settings on every page, corrupted links, teacher and
presentation modes, and a language switch that leaves no English in the labels."""

import re
import urllib.parse

import pytest
from conftest import screenshot

from deploy.browser import wait_until_idle
from pages import PAGES

CHART_PAGES = [p[1] for p in PAGES if p[1] != "lesson"]


def _path(url_path: str) -> str:
    return "" if url_path == PAGES[0][1] else url_path


def _open(page, url: str, expect_path: str) -> None:
    page.goto(url)
    page.wait_for_function(f"() => location.pathname === '/{expect_path}'", timeout=60_000)
    wait_until_idle(page)


@pytest.mark.parametrize("url_path", CHART_PAGES)
def test_a_link_with_settings_shows_them(server, page, url_path):
    _open(page, f"{server}/{_path(url_path)}?cells=LSTM&cells=GRU&hidden=24&seed=3", _path(url_path))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".st-key-hidden input[type=range]").input_value() == "24"
    assert page.locator(".st-key-seed input").input_value() == "3"
    chips = page.locator(".st-key-cells").inner_text().split("\n")[1:]
    assert [c.strip() for c in chips if c.strip()] == ["LSTM", "GRU"]
    chart_text = " ".join(page.evaluate("[...document.querySelectorAll('.main-svg text')].map(t => t.textContent)"))
    assert "LSTM" in chart_text and "GRU" in chart_text
    if url_path in ("home", "memory", "gates"):  # gradients explains the vanilla RNN's W_hh; the lab its results
        assert not re.search(r"\bRNN\b", chart_text)


@pytest.mark.parametrize("url_path", CHART_PAGES)
def test_a_corrupted_link_is_repaired_with_a_note(server, page, url_path):
    query = "hidden=-4&cells=CNN&seed=%F0%9F%98%80&rho=abc&lang=xx&unit=1e400&step=-3"
    _open(page, f"{server}/{_path(url_path)}?{query}", _path(url_path))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Some link settings were repaired").count() == 1
    assert page.locator(".rnnviz-plot .main-svg").count() >= 1


def test_teacher_mode_shows_only_charts_and_step_buttons(server, page):
    _open(page, f"{server}/memory?teacher=true&generated=true&length=30", "memory")
    assert not page.locator('section[data-testid="stSidebar"]').is_visible()
    for key in ("step_first", "step_prev", "step_play", "step_next", "step_last", "step"):
        assert page.locator(f".st-key-{key}").is_visible(), key
    inputs = page.locator("[data-testid=stMain] :is(.stSelectbox, .stSlider, .stNumberInput, .stRadio, .stTextArea)")
    shown = [inputs.nth(i).get_attribute("class") for i in range(inputs.count()) if inputs.nth(i).is_visible()]
    assert len(shown) == 1  # the step slider, and no other control
    assert page.locator(".rnnviz-plot .main-svg").count() >= 4
    screenshot(page, "teacher-mode")
    page.locator(".st-key-step_prev button").first.click()
    page.wait_for_function(
        "() => document.querySelector('.st-key-step input[type=range]').value === '29'", timeout=30_000
    )
    page.locator(".st-key-teacher_exit button").click()
    page.wait_for_selector('section[data-testid="stSidebar"]', state="visible", timeout=30_000)


def test_presentation_mode_enlarges_type_and_lines(server, page):
    _open(page, f"{server}/gradients?present=true&generated=true&length=100", "gradients")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.main-svg .gtitle')).fontSize)")
    width = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.main-svg .scatterlayer .js-line')).strokeWidth)"
    )
    assert size >= 20 and width >= 5
    screenshot(page, "presentation-mode")


# Names of code, maths, file formats and people that stay as they are in Chinese text.
ALLOWED = set(
    """CSV PNG GRU LSTM RNN PyTorch rnnviz tanh sigmoid relu linear torch SGD Adam BPTT NaN inf norm clip diag float
max grad utils json python sweep Pascanu Mikolov Bengio recall adding order France French what time
periodic logit logits softmax ISO EOS CPU weight ih hh""".split()
)
LABELS_JS = """() => {
  const sel = '[data-testid="stWidgetLabel"], h1, h2, h3, button, [data-testid="stSidebarNav"] a, .gtitle, .g-xtitle,'
    + ' .g-ytitle, .legendtext, [data-testid="stMetricLabel"], [data-testid="stCaptionContainer"], .stAlert,'
    + ' [data-testid="stTab"]';
  // skip icon glyphs (Material font ligatures) and formulas (KaTeX): maths, not prose
  const text = (node) => node.nodeType === 3 ? node.textContent : (node.nodeType === 1
      && !getComputedStyle(node).fontFamily.includes('Material') && !node.classList.contains('katex')
      ? [...node.childNodes].map(text).join('') : '');
  return [...document.querySelectorAll(sel)].map(e => text(e).trim()).filter(Boolean);
}"""


@pytest.mark.parametrize("url_path", [p[1] for p in PAGES])
def test_switching_to_chinese_leaves_no_english_label(server, page, url_path):
    text = urllib.parse.quote("现在几点了？")
    _open(page, f"{server}/{_path(url_path)}?text={text}", _path(url_path))
    page.locator(".st-key-lang [role=combobox]").click()
    page.get_by_role("option", name="中文").click()
    page.wait_for_function(
        "() => document.querySelector('h1') && /[\\u4e00-\\u9fff]/.test(document.querySelector('h1').textContent)",
        timeout=60_000,
    )
    wait_until_idle(page)

    def words(line):  # English words; file names and code (a/b.py, x_y) are not prose
        return {w for w in re.findall(r"[A-Za-z][\w./-]*", line) if re.fullmatch(r"[A-Za-z]{3,}", w)}

    english = {line for line in page.evaluate(LABELS_JS) if words(line) - ALLOWED}
    assert english == set()
    screenshot(page, f"zh-{url_path}")


def test_a_charts_numbers_download_as_csv_equal_to_the_core(server, page, tmp_path):
    import csv

    from rnnviz import scene
    from rnnviz.analysis import trace
    from rnnviz.settings import DEFAULTS

    _open(page, f"{server}/", "")
    with page.expect_download() as info:
        page.locator(".st-key-home_states_csv button").click()
    path = tmp_path / "states.csv"
    info.value.save_as(path)
    table = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    T, H = 5, DEFAULTS.hidden
    assert len(table) == len(DEFAULTS.cells) * T * H
    h = trace(scene.cell(DEFAULTS, "rnn"), scene.sequence(DEFAULTS).x).hidden  # (T, H); the first trace is the RNN
    first = table[: T * H]
    assert all(abs(float(r["value"]) - h[int(r["x"].split(":")[0]) - 1, int(r["y"]) - 1]) < 1e-9 for r in first)
    page.locator(".st-key-home_states .main-svg").first.hover()  # PNG: the chart's own camera button
    assert page.locator('.st-key-home_states .modebar-btn[data-title^="Download plot"]').count() == 1
