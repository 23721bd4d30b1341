"""The Training lab in Chromium: curves grow live, Stop stops, and another student's session stays responsive."""

from conftest import screenshot

from deploy.browser import wait_until_idle

CURVES = ".rnnviz-plot .main-svg"


POINTS = """() => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    const plot = plots.find(p => (p.querySelector('.gtitle')?.textContent || '').includes('held-out'));
    return plot ? plot.querySelectorAll('.scatterlayer .point').length : 0;
}"""  # data points drawn in the held-out score chart so far


def test_training_runs_live_and_stops(server, page):
    page.goto(f"{server}/training?train_length=30")
    wait_until_idle(page)
    page.get_by_role("button", name="Train").first.click()
    page.get_by_text("Training: update").first.wait_for(timeout=30_000)
    first = page.evaluate(POINTS)
    page.wait_for_function(f"() => ({POINTS})() > {first}", timeout=30_000)  # the curves grow while training
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Stopped after").wait_for(timeout=30_000)
    wait_until_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "training-stopped")


def test_training_does_not_freeze_another_session(server, browser, page):
    """Another student's page runs to its end while a long training run is still going: training yields to
    other sessions between its rounds instead of holding the server until it is done."""
    page.goto(f"{server}/training?task=adding&train_length=100")  # a long run: minutes of training
    wait_until_idle(page)
    page.get_by_role("button", name="Train").first.click()
    page.get_by_text("Training: update").first.wait_for(timeout=30_000)
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(f"{server}/")
    wait_until_idle(other, 60_000)
    assert other.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Training: update").count() >= 1  # still training after the other page ran
    page.get_by_role("button", name="Stop").click()
    page.get_by_text("Stopped after").wait_for(timeout=30_000)
    other.context.close()
