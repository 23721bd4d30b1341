"""The step-through page in a real browser: step buttons, the step slider, play, the length slider, and the step
marks drawn over the fixed charts exactly where plotly drew the step."""

import io
import urllib.parse

import numpy as np
from conftest import open_page, screenshot
from PIL import Image

from deploy.browser import wait_until_idle

SENTENCE = "the cat that the dog chased ran up the old tree"  # 11 tokens
STEP_TITLE = "The network unrolled over the tokens read so far (step {})"


def _open(page, server, **query):
    return open_page(page, server, "memory", query, height=3200)  # the whole page in the screenshots


def _texts(page, selector: str) -> list[str]:
    return page.evaluate("(s) => [...document.querySelectorAll(s)].map(t => t.textContent)", selector)


def _at_step(page, step: int, timeout: float = 30_000) -> None:
    """Wait until every step-dependent piece shows ``step``: the diagram, the donuts' centres, the token window,
    the URL, and the marks over the hidden states and maps."""
    page.wait_for_function(
        "(title) => (document.querySelector('.unrolled .head') || {}).textContent === title",
        arg=STEP_TITLE.format(step),
        timeout=timeout,
        polling=50,
    )
    wait_until_idle(page)
    assert _texts(page, ".composition .head") == [
        f"What h_{step} is made of: each token's share of its sensitivity ||dh_{step}/dx_k||"
    ]
    assert _texts(page, ".composition .centre") == [f"h{step}"] * 3
    assert _texts(page, ".unrolled .now .xl") == [f"x{step}"]
    assert page.evaluate("() => document.querySelector('.tokwin .now').title") == f"t = {step}"
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query.get("step", [str(step)]) == [str(step)]  # the link keeps the step (absent when it is the last)


def _pixels(page, key: str):
    """A screenshot of the chart with Streamlit key ``key`` (RGB array) and where plotly put its panels' axes."""
    chart = page.locator(f".st-key-{key}")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    image = np.asarray(Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB")).astype(int)
    axes = page.evaluate(
        """(key) => {
        const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot'), fl = gd._fullLayout;
        return ['', '2', '3'].filter(n => fl['xaxis' + n]).map(n => {
            const x = fl['xaxis' + n], y = fl['yaxis' + n];
            return {x0: x._offset, xlen: x._length, xr: x.range, y0: y._offset, ylen: y._length, yr: y.range};
        });
    }""",
        key,
    )
    return image, axes


def _px(a: dict, value: float, axis: str = "x") -> float:
    """Pixel of a data value on a linear axis, from the chart's top-left corner (plotly's y runs upwards)."""
    lo, hi = a[f"{axis}r"]
    where = (value - lo) / (hi - lo)
    return a[f"{axis}0"] + a[f"{axis}len"] * (where if axis == "x" else 1 - where)


def _grey(rgb) -> bool:
    """One of the hatch's two greys (#B4B4B4, #EEEEEE) or a blend: never white, nor a colour of the data."""
    return abs(rgb[0] - rgb[1]) <= 6 and abs(rgb[1] - rgb[2]) <= 6 and 170 <= rgb[0] <= 242


def _check_marks(page, step: int, T: int) -> None:
    """On every panel: the hidden states' columns after ``step`` are hatched grey and those before are not;
    the maps' row ``step`` is outlined in orange from token 1 to token ``step``."""
    image, axes = _pixels(page, "memory_hidden")
    for a in axes:
        mid = int(a["y0"] + a["ylen"] / 2)
        rows = image[int(a["y0"]) + 4 : int(a["y0"] + a["ylen"]) - 4]
        if step < T:
            x = int(_px(a, (step + T + 1) / 2))  # the middle of the hatched part
            assert all(_grey(rgb) for rgb in rows[:, x]), "the steps not read yet are hatched"
            assert _grey(image[mid, int(_px(a, step + 0.5)) + 3])
        if step > 1:  # a column already read shows the data
            assert not all(_grey(rgb) for rgb in rows[:, int(_px(a, step - 0.5)) - 3])
        if _px(a, 1) - _px(a, 0) > 10:  # and so does the current one, inside its box
            assert not all(_grey(rgb) for rgb in rows[:, int(_px(a, step))])
        edge = image[mid, int(_px(a, step - 0.5)) + 1]  # the current column's box, just inside its left edge
        assert edge.max() < 80, f"no dark box at column {step}: {edge}"
    image, axes = _pixels(page, "memory_maps")
    for a in axes:
        top = int(_px(a, step - 0.5, "y")) + 1  # inside the 2 px top edge of the box
        line = image[top, int(_px(a, 0.5)) + 3 : int(_px(a, step + 0.5)) - 3]
        orange = (line[:, 0] > 180) & (line[:, 1] > 60) & (line[:, 1] < 130) & (line[:, 2] < 60)  # #D55E00
        assert orange.mean() > 0.9, f"row {step} of the maps is not outlined"


def _check_focus(page, focus: int, T: int) -> None:
    """On every panel of the maps: a dashed dark line down the middle of column ``focus``, from its row down."""
    image, axes = _pixels(page, "memory_maps")
    for a in axes:
        top, bottom = int(_px(a, focus - 0.5, "y")) + 3, int(_px(a, T + 0.5, "y")) - 3
        x = round(_px(a, focus))
        dark = []
        for col in (x - 1, x, x + 1):  # the 1 px line may fall between two pixel columns
            line = image[top:bottom, col]
            dark.append(((np.ptp(line, axis=1) < 12) & (line[:, 0] < 70)).mean())  # #1A1A1A, not a colour of the map
        assert 0.35 < max(dark) < 0.9, f"no dashed line down column {focus}: {dark}"


def _no_exception(page, errors):
    assert page.locator('[data-testid="stException"]').count() == 0
    assert errors == []


def test_step_buttons_move_every_chart(server, page):
    errors = _open(page, server, text=SENTENCE, step=5, focus=3)
    _at_step(page, 5)
    _check_marks(page, 5, 11)
    _check_focus(page, 3, 11)
    for key, step in (("step_next", 6), ("step_prev", 5), ("step_first", 1), ("step_last", 11)):
        page.locator(f".st-key-{key} button").first.click()
        _at_step(page, step)
        _check_marks(page, step, 11)
        _check_focus(page, 3, 11)  # the followed column stays where the link put it
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
    value = page.locator('[data-testid="stSlider"]').filter(has_text="Step t").get_by_test_id("stSliderThumbValue")
    assert value.inner_text() == "2"  # the slider itself shows the step the page drew
    _no_exception(page, errors)
    screenshot(page, "memory-slider")


def test_play_runs_to_the_end_and_stops(server, page):
    errors = _open(page, server, text="what time is it now ?", step=2)
    _at_step(page, 2)
    page.locator(".st-key-step_play button").first.click()
    for step in (3, 4, 5, 6):  # one step every 0.7 s plus the redraw; too fast to check each fully
        page.wait_for_function(
            "(title) => (document.querySelector('.unrolled .head') || {}).textContent === title",
            arg=STEP_TITLE.format(step),
            timeout=20_000,
            polling=50,
        )
    play = page.locator(".st-key-step_play button").first
    page.wait_for_function("(b) => b.innerText.includes('play_arrow')", arg=play.element_handle(), timeout=20_000)
    _at_step(page, 6)  # stopped at the last token
    assert "play_arrow" in play.inner_text()  # the button offers play again: playing has stopped
    assert page.locator(".st-key-step_next button").first.is_disabled()  # nothing after the last token
    _no_exception(page, errors)
    screenshot(page, "memory-played")


def test_length_slider_on_a_generated_sequence(server, page):
    errors = _open(page, server, generated="true", length=100, step=60)
    _at_step(page, 60)
    page.locator('[data-testid="stSlider"]').filter(has_text="Length of the generated").get_by_role("slider").press(
        "ArrowRight"
    )
    page.wait_for_function("() => new URLSearchParams(location.search).get('length') === '101'", timeout=30_000)
    wait_until_idle(page)
    assert any(text.startswith("Influence of token 1") for text in _texts(page, ".main-svg text"))
    assert page.locator(".rnnviz-plot.js-plotly-plot").count() == 3
    _at_step(page, 60)
    _check_marks(page, 60, 101)  # long and thin: a column is under 1 px, the marks still land on it
    _no_exception(page, errors)
    screenshot(page, "memory-generated")
