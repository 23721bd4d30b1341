"""The forecast page in a real browser, in English and Chinese: what it draws, and how fast a change of the
horizon (the page's step) redraws it; screenshots in tests/screenshots/forecast-*.png."""

import statistics
import urllib.parse

from conftest import full_page, open_page

from benchmarks.latency import PROBE_JS, WS_HOOK_JS, measure

STEP_BAR = 0.3  # s: a step re-renders within this at the default settings (issue 17)
REPS = 6
CHARTS = 7  # one-step and free run for each of the 3 cells, and the measured results


def _open(page, server, **query):
    return open_page(page, server, "forecast", query, init_script=WS_HOOK_JS)  # the hook: for measure()


def _titles(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.rnnviz-plot .gtitle')].map(t => t.textContent)")


def _outlined(page) -> list[str]:
    """The names of the shapes the page's picture outlines."""
    return page.locator(".shapes .shape.here .name").all_inner_texts()


def test_forecast_page_in_english_and_chinese_and_a_step_re_renders_within_the_bar(server, page):
    errors = _open(page, server)
    assert page.locator(".rnnviz-plot.js-plotly-plot").count() == CHARTS
    assert "GRU: running on for 48 steps" in _titles(page)
    assert _outlined(page) == ["one to many", "many to one", "many to many"]  # the shapes this page uses
    assert page.locator('[data-testid="stMetricLabel"]').all_inner_texts()[:2] == [
        "RNN: MSE",
        "Baseline: MSE",
    ]
    thumb = page.locator(".st-key-horizon").get_by_role("slider")
    thumb.focus()
    page.evaluate(PROBE_JS)
    samples = []
    for i in range(REPS + 1):  # alternately 47 and 48 steps; the first is a warm-up
        steps = 47 if i % 2 == 0 else 48
        samples.append(
            measure(page, lambda i=i: thumb.press("ArrowLeft" if i % 2 == 0 else "ArrowRight"), charts=CHARTS)
        )
        assert f"GRU: running on for {steps} steps" in _titles(page)
    settled = [s["settled"] / 1000 for s in samples[1:]]
    print(f"forecast horizon re-render: median {statistics.median(settled):.3f} s, max {max(settled):.3f} s")
    assert statistics.median(settled) < STEP_BAR, settled
    assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query) == {"horizon": ["47"]}  # the last press
    assert page.locator('[data-testid="stException"]').count() == 0 and errors == []
    full_page(page, "forecast-en")

    errors = _open(page, server, lang="zh", series="random-walk", horizon="100")
    assert page.locator(".rnnviz-plot.js-plotly-plot").count() == CHARTS
    assert "随机游走无法比基线预测得更准。" in page.locator('[data-testid="stAlert"]').first.inner_text()
    assert "GRU：继续运行 100 步" in _titles(page)
    assert _outlined(page) == ["一对多", "多对一", "多对多"]
    assert page.locator('[data-testid="stException"]').count() == 0 and errors == []
    full_page(page, "forecast-zh-random-walk")
