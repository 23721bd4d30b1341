"""The Gates page in headless Chromium: stepping moves the marks, the unit choice reaches the URL and the
equations, markup in the text stays text; screenshots in tests/screenshots/gates-*.png."""

import io
import re
import urllib.parse

import numpy as np
import pytest
from conftest import screenshot
from PIL import Image

from deploy.browser import wait_until_idle

TEXT = "the cat sat on the mat because it was warm"  # 10 tokens


@pytest.fixture
def tall(browser):
    """A page tall enough for a screenshot of the whole Gates page."""
    context = browser.new_context(viewport={"width": 1400, "height": 3800})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    context.close()


def _query(pg) -> dict:
    return urllib.parse.parse_qs(urllib.parse.urlparse(pg.url).query)


def _headers(pg) -> list[str]:
    return pg.evaluate("[...document.querySelectorAll('h3')].map(h => h.textContent)")


def _pixels(pg, kind: str):
    """A screenshot of a cell's heatmaps (RGB array) and where plotly put each row's axes."""
    chart = pg.locator(f".st-key-gates_heat_{kind}")
    box = chart.bounding_box()
    image = np.asarray(Image.open(io.BytesIO(pg.screenshot(clip=box))).convert("RGB")).astype(int)
    axes = pg.evaluate(
        """(kind) => {
        const fl = document.querySelector('.st-key-gates_heat_' + kind + ' .js-plotly-plot')._fullLayout;
        return Object.keys(fl).filter(k => /^yaxis\\d*$/.test(k)).sort().map(k => {
            const y = fl[k], x = fl['x' + k.slice(1)];
            return {x0: x._offset, xlen: x._length, xr: x.range, y0: y._offset, ylen: y._length, yr: y.range};
        });
    }""",
        kind,
    )
    return image, axes


def _px(a: dict, value: float, axis: str = "x") -> float:
    """Pixel of a data value from the chart's top-left corner (plotly's y runs upwards; its range may be reversed)."""
    lo, hi = a[f"{axis}r"]
    where = (value - lo) / (hi - lo)
    return a[f"{axis}0"] + a[f"{axis}len"] * (where if axis == "x" else 1 - where)


def _check_marks(pg, kind: str, step: int, unit: int) -> None:
    """The step's column boxed in black on every row of the cell's heatmaps, and the unit's row edged by a
    dashed grey line (#333333) on every row: the CSS marks sit where plotly drew that column and row."""
    image, axes = _pixels(pg, kind)
    for a in axes:
        edge = image[int(a["y0"] + a["ylen"] / 2), int(_px(a, step - 1.5)) + 1]  # inside the column's left edge
        assert edge.max() < 40, f"no black box at column {step}: {edge}"
        top = round(_px(a, unit - 0.5, "y"))  # the unit row's top edge (the axis runs downwards)
        dashed = []
        for y in (top - 1, top, top + 1):  # the 1 px line may fall between two pixel rows
            line = image[y, int(a["x0"]) + 4 : int(a["x0"] + a["xlen"]) - 4]
            grey = (np.abs(line[:, 0] - line[:, 1]) < 10) & (np.abs(line[:, 1] - line[:, 2]) < 10) & (line[:, 0] < 90)
            dashed.append(grey.mean())
        assert 0.35 < max(dashed) < 0.9, f"no dashed line over unit {unit}: {dashed}"


def _marked_token(pg) -> list[str]:
    """Text of the tokens drawn with a dark outline in the shaded text."""
    return pg.evaluate("""() => [...document.querySelectorAll('.shaded .tok')]
        .filter(t => getComputedStyle(t).borderTopColor === 'rgb(17, 17, 17)').map(t => t.textContent)""")


def test_stepping_moves_every_mark(server, tall):
    tall.goto(f"{server}/gates?text={urllib.parse.quote(TEXT)}")
    wait_until_idle(tall)
    assert tall.locator('[data-testid="stException"]').count() == 0 and tall.errors == []
    assert tall.locator(".rnnviz-plot.js-plotly-plot").count() == 4  # heatmaps, saturation
    assert tall.locator(".gbars").count() == 3  # the bars at the step: HTML
    assert any(h.startswith("At step 10:") for h in _headers(tall)) and _marked_token(tall) == ["warm"] * 3
    screenshot(tall, "gates-default")
    for button, step, token in [
        ("step_prev", 9, "was"),
        ("step_prev", 8, "it"),
        ("step_first", 1, "the"),
        ("step_next", 2, "cat"),
    ]:
        tall.locator(f".st-key-{button} button").first.click()
        tall.wait_for_function(
            "(s) => [...document.querySelectorAll('h3')].some(h => h.textContent.startsWith('At step ' + s + ':'))",
            arg=step,
        )
        wait_until_idle(tall)
        assert _query(tall)["step"] == [str(step)]
        titles = tall.evaluate("[...document.querySelectorAll('.gbars .t')].map(t => t.textContent)")
        assert sum(f"at step {step} (“{token}”)" in x for x in titles) == 3
        assert _marked_token(tall) == [token] * 3
        for kind in ("rnn", "lstm", "gru"):
            _check_marks(tall, kind, step, 1)
    screenshot(tall, "gates-step-2")
    assert tall.errors == []


def test_unit_choice_reaches_the_url_equations_and_text(server, tall):
    tall.goto(f"{server}/gates?text={urllib.parse.quote(TEXT)}&hidden=6")
    wait_until_idle(tall)
    field = tall.locator(".st-key-unit input")
    field.fill("4")
    field.press("Enter")
    tall.wait_for_function("() => document.body.innerText.includes('worked out for unit 4')")
    wait_until_idle(tall)
    assert _query(tall)["unit"] == ["4"]
    captions = tall.evaluate("[...document.querySelectorAll('.shaded .cap')].map(c => c.textContent)")
    assert captions and all("unit 4" in c for c in captions)
    tall.get_by_role("tab", name="LSTM").click()
    shown = tall.evaluate("""() => [...document.querySelectorAll('[data-testid="stTabs"] .katex-display')]
        .filter(k => k.getBoundingClientRect().height > 0).map(k => k.querySelector('annotation').textContent)""")
    c_t = re.search(r"c_t &= f_t .*? \\\\ &= (.*?) \\\\\[", "".join(shown))[1]  # the visible tab is the LSTM's
    f, c_prev, i, g, *_, c = (float(v) for v in re.findall(r"-?\d+\.\d+", c_t))
    assert f * c_prev + i * g == pytest.approx(c, abs=2e-4)  # c_t = f c_{t-1} + i g, as drawn
    for kind in ("rnn", "lstm", "gru"):
        _check_marks(tall, kind, 10, 4)
    screenshot(tall, "gates-unit-4")
    field.fill("99")  # beyond H: the input refuses it rather than breaking the page
    field.press("Enter")
    wait_until_idle(tall)
    assert tall.locator('[data-testid="stException"]').count() == 0 and tall.errors == []


def test_markup_in_the_shaded_text_is_shown_never_run(server, tall):
    text = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> hi'
    tall.goto(f"{server}/gates?text={urllib.parse.quote(text)}")
    wait_until_idle(tall)
    assert tall.evaluate("window.__pwned") is None
    tokens = tall.evaluate("[...document.querySelectorAll('.shaded .tok')].map(t => t.textContent)")
    assert "<" in tokens and "img" in tokens and "script" in tokens
    assert tall.locator(".shaded img, .shaded script").count() == 0
    screenshot(tall, "gates-markup")


def test_a_long_sequence_draws(server, tall):
    tall.goto(f"{server}/gates?generated=true&length=100")
    wait_until_idle(tall)
    assert tall.locator('[data-testid="stException"]').count() == 0 and tall.errors == []
    assert any(h.startswith("At step 100:") for h in _headers(tall))
    screenshot(tall, "gates-T100")
