"""The Gates page in headless Chromium: stepping moves the marks, the unit choice reaches the URL and the
equations, markup in the text stays text; screenshots in tests/screenshots/gates-*.png."""
import re
import urllib.parse

import pytest
from conftest import screenshot, wait_until_idle

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


def _outline(pg, kind: str) -> dict:
    """Where the step box over a cell's heatmaps is, and where plotly drew that figure's plot area."""
    return pg.evaluate("""(kind) => {
        const box = document.querySelector('.st-key-gates_heat_' + kind);
        const after = getComputedStyle(box, '::after');
        const drags = [...box.querySelectorAll('.nsewdrag')].map(d => d.getBoundingClientRect());
        const b = box.getBoundingClientRect();
        return {left: b.left + parseFloat(after.left), width: parseFloat(after.width),
                top: b.top + parseFloat(after.top), height: parseFloat(after.height),
                plotLeft: Math.min(...drags.map(d => d.left)), plotWidth: drags[0].width,
                plotTop: Math.min(...drags.map(d => d.top)), plotBottom: Math.max(...drags.map(d => d.bottom))};
    }""", kind)


def _marked_token(pg) -> list[str]:
    """Text of the tokens drawn with a dark outline in the shaded text."""
    return pg.evaluate("""() => [...document.querySelectorAll('.shaded .tok')]
        .filter(t => getComputedStyle(t).borderTopColor === 'rgb(17, 17, 17)').map(t => t.textContent)""")


def test_stepping_moves_every_mark(server, tall):
    tall.goto(f"{server}/gates?text={urllib.parse.quote(TEXT)}")
    wait_until_idle(tall)
    assert tall.locator('[data-testid="stException"]').count() == 0 and tall.errors == []
    assert tall.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').count() == 4  # heatmaps, saturation
    assert tall.locator(".gbars").count() == 3  # the bars at the step: HTML
    assert any(h.startswith("At step 10:") for h in _headers(tall)) and _marked_token(tall) == ["warm"] * 3
    screenshot(tall, "gates-default")
    for button, step, token in [("step_prev", 9, "was"), ("step_prev", 8, "it"), ("step_first", 1, "the"),
                                ("step_next", 2, "cat")]:
        tall.locator(f".st-key-{button} button").first.click()
        tall.wait_for_function("(s) => [...document.querySelectorAll('h3')].some(h => h.textContent.startsWith("
                               "'At step ' + s + ':'))", arg=step)
        wait_until_idle(tall)
        assert _query(tall)["step"] == [str(step)]
        titles = tall.evaluate("[...document.querySelectorAll('.gbars .t')].map(t => t.textContent)")
        assert sum(f"at step {step} (“{token}”)" in x for x in titles) == 3
        assert _marked_token(tall) == [token] * 3
        for kind in ("rnn", "lstm", "gru"):  # the box sits on column `step` of the plot area
            o = _outline(tall, kind)
            assert o["left"] == pytest.approx(o["plotLeft"] + o["plotWidth"] * (step - 1) / 10, abs=1.5)
            assert o["width"] == pytest.approx(o["plotWidth"] / 10, abs=1.5)
            assert o["top"] <= o["plotTop"] and o["top"] + o["height"] >= o["plotBottom"]
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
