"""The app's plotly charts (pages/charts.py, pages/chart.js) in a real browser: a changed figure is redrawn in
the same element, the full-screen button fills the screen, charts follow their column's width, and a chart whose
library cannot load says so."""

from deploy.browser import wait_until_idle

MAPS = ".st-key-memory_maps .rnnviz-plot"


def _x_range(page, selector: str) -> list[float]:
    return page.evaluate("(s) => document.querySelector(s)._fullLayout.xaxis.range", selector)


def test_a_new_figure_is_drawn_in_the_same_element(page, server):
    page.goto(f"{server}/memory?generated=true&length=30")
    wait_until_idle(page)
    page.evaluate("(s) => { document.querySelector(s).dataset.probe = 'first'; }", MAPS)
    assert _x_range(page, MAPS)[1] == 30.5  # token k = 1..30, cells centred on integers
    page.locator('[data-testid="stSlider"]').filter(has_text="Length of the generated").get_by_role("slider").press(
        "ArrowRight"
    )
    page.wait_for_function("(s) => document.querySelector(s)._fullLayout.xaxis.range[1] === 31.5", arg=MAPS)
    wait_until_idle(page)
    # the element that showed 30 tokens now shows 31: drawn in place, not replaced by a new chart
    assert page.evaluate("(s) => document.querySelectorAll(s).length", MAPS) == 1
    assert page.evaluate("(s) => document.querySelector(s).dataset.probe", MAPS) == "first"


def test_full_screen_button_fills_the_screen_and_leaving_restores_the_chart(page, server):
    page.goto(f"{server}/memory?generated=true&length=30")
    wait_until_idle(page)
    chart = page.locator(MAPS)
    chart.hover()
    height = chart.bounding_box()["height"]
    layout_height = page.evaluate("(s) => document.querySelector(s)._fullLayout.height", MAPS)
    chart.locator('.modebar-btn[data-title="Full screen (Esc to leave)"]').click()
    page.wait_for_function("() => document.fullscreenElement !== null")
    assert page.evaluate("(s) => document.fullscreenElement === document.querySelector(s)", MAPS)
    # the chart is drawn again at the screen's height (its relayout follows the full-screen change)
    page.wait_for_function("(s) => document.querySelector(s)._fullLayout.height === window.innerHeight", arg=MAPS)
    assert page.evaluate("() => window.innerHeight") > layout_height
    page.evaluate("() => document.exitFullscreen()")
    page.wait_for_function("() => !document.fullscreenElement")
    page.wait_for_function("([s, h]) => document.querySelector(s)._fullLayout.height === h", arg=[MAPS, layout_height])
    assert abs(chart.bounding_box()["height"] - height) < 1


def test_a_chart_whose_library_does_not_load_says_so(page, server):
    page.route("**/app/static/plotly.min.js", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"{server}/memory?generated=true&length=30")
    page.wait_for_function(
        "(s) => (document.querySelector(s) || {}).textContent?.includes('could not be drawn')", arg=MAPS, timeout=60_000
    )
    assert "Reload the page" in page.locator(MAPS).text_content()


def test_charts_follow_their_column_when_the_sidebar_closes(page, server):
    page.goto(f"{server}/gradients")
    wait_until_idle(page)
    widths = "() => [...document.querySelectorAll('.rnnviz-plot')].map(d => [d.clientWidth, d._fullLayout.width])"
    before = page.evaluate(widths)
    page.locator('[data-testid="stSidebar"]').hover()
    page.locator('button[aria-label="Collapse sidebar"]').click(force=True)  # shown on hover only
    page.wait_for_function(
        f"() => ({widths})().every(([box, drawn]) => Math.abs(box - drawn) <= 1)"
        f" && ({widths})()[0][0] > {before[0][0] + 100}"
    )
    after = page.evaluate(widths)
    assert all(a[1] > b[1] for a, b in zip(after, before))  # every chart drawn wider, none left behind
