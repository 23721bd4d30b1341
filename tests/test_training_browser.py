"""The Training lab in Chromium: curves grow live, Stop stops, and another student's session stays responsive."""
import time

from conftest import screenshot, wait_until_idle

CURVES = '.rnnviz-plot .main-svg'


def _points(page) -> int:
    """Data points drawn in the held-out score chart so far."""
    return page.evaluate("""() => {
        const plots = [...document.querySelectorAll('.js-plotly-plot')];
        const plot = plots.find(p => (p.querySelector('.gtitle')?.textContent || '').includes('held-out'));
        return plot ? plot.querySelectorAll('.scatterlayer .point').length : 0;
    }""")


def test_training_runs_live_and_stops(server, page):
    page.goto(f"{server}/training?train_length=30")
    wait_until_idle(page)
    page.get_by_role("button", name="Train").first.click()
    page.get_by_text("Training: update").first.wait_for(timeout=30_000)
    first = _points(page)
    deadline = time.time() + 30
    while _points(page) <= first and time.time() < deadline:
        time.sleep(0.2)
    assert _points(page) > first, "the curves did not grow while training"
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Stopped after").wait_for(timeout=30_000)
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "training-stopped")


def test_training_does_not_freeze_another_session(server, browser, page):
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(f"{server}/")
    wait_until_idle(other)
    start = time.perf_counter()
    other.reload()
    wait_until_idle(other)
    alone = time.perf_counter() - start

    page.goto(f"{server}/training?task=adding&train_length=100")  # a long run: minutes of training
    wait_until_idle(page)
    page.get_by_role("button", name="Train").first.click()
    page.get_by_text("Training: update").first.wait_for(timeout=30_000)
    start = time.perf_counter()
    other.reload()
    wait_until_idle(other)
    during = time.perf_counter() - start
    assert page.get_by_text("Training: update").count() >= 1  # still training while the other page ran
    assert during < max(4 * alone, 5.0), f"home took {during:.1f} s while training ({alone:.1f} s alone)"
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Stopped after").wait_for(timeout=30_000)
    other.context.close()
