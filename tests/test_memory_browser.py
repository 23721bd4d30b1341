"""The step-through page in a real browser: step buttons, the step slider, play, the length slider."""
import urllib.parse

from conftest import screenshot, wait_until_idle

SENTENCE = "the cat that the dog chased ran up the old tree"  # 11 tokens
STEP_TITLE = "The network unrolled over the tokens read so far (step {})"


def _open(page, server, **query):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_viewport_size({"width": 1400, "height": 3200})  # the whole page in the screenshots
    page.goto(f"{server}/memory?{urllib.parse.urlencode(query)}")
    wait_until_idle(page)
    return errors


def _svg_texts(page) -> list[str]:
    """Every text plotly drew, with the zero-width spaces it puts around sub- and superscripts removed."""
    texts = page.evaluate("[...document.querySelectorAll('.main-svg text')].map(t => t.textContent)")
    return [text.replace("\u200b", "") for text in texts]


def _at_step(page, step: int, timeout: float = 30_000) -> None:
    """Wait until every chart shows ``step``: the diagram's title, the donuts' centres, the URL."""
    page.wait_for_function(
        """(title) => [...document.querySelectorAll('.main-svg text')].some(t => t.textContent === title)""",
        arg=STEP_TITLE.format(step), timeout=timeout, polling=50)
    wait_until_idle(page)
    texts = _svg_texts(page)
    assert STEP_TITLE.format(step) in texts
    assert f"What h_{step} is made of: each token's share of the memory" in texts
    assert texts.count(f"h{step}") >= 4  # the diagram's current h and the centre of each donut (3 cells)
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query.get("step", [str(step)]) == [str(step)]  # the link keeps the step (absent when it is the last)


def _no_exception(page, errors):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []


def test_step_buttons_move_every_chart(server, page):
    errors = _open(page, server, text=SENTENCE, step=5)
    _at_step(page, 5)
    for key, step in (("step_next", 6), ("step_prev", 5), ("step_first", 1), ("step_last", 11)):
        page.locator(f".st-key-{key} button").first.click()
        _at_step(page, step)
    _no_exception(page, errors)
    screenshot(page, "memory-buttons")


def test_step_slider_by_keyboard(server, page):
    errors = _open(page, server, text=SENTENCE)
    _at_step(page, 11)
    thumb = page.locator('[data-testid="stSlider"]').filter(has_text="Step t").get_by_role("slider")
    thumb.press("Home")
    _at_step(page, 1)
    thumb.press("ArrowRight")
    _at_step(page, 2)
    _no_exception(page, errors)
    screenshot(page, "memory-slider")


def test_play_runs_to_the_end_and_stops(server, page):
    errors = _open(page, server, text="what time is it now ?", step=2)
    _at_step(page, 2)
    page.locator(".st-key-step_play button").first.click()
    for step in (3, 4, 5, 6):  # one step every 0.7 s plus the redraw; too fast to check each fully
        page.wait_for_function(
            """(title) => [...document.querySelectorAll('.main-svg text')].some(t => t.textContent === title)""",
            arg=STEP_TITLE.format(step), timeout=20_000, polling=50)
    page.wait_for_timeout(2000)
    _at_step(page, 6)  # stopped at the last token
    assert "play_arrow" in page.locator(".st-key-step_play button").first.inner_text()
    _no_exception(page, errors)
    screenshot(page, "memory-played")


def test_length_slider_on_a_generated_sequence(server, page):
    errors = _open(page, server, generated="true", length=100, step=60)
    _at_step(page, 60)
    page.locator('[data-testid="stSlider"]').filter(has_text="Length of the generated").get_by_role("slider") \
        .press("ArrowRight")
    page.wait_for_function("() => new URLSearchParams(location.search).get('length') === '101'", timeout=30_000)
    wait_until_idle(page)
    assert any(text.startswith("Influence of token 1") for text in _svg_texts(page))
    assert page.locator('[data-testid="stPlotlyChart"] .main-svg').count() >= 6
    _no_exception(page, errors)
    screenshot(page, "memory-generated")
