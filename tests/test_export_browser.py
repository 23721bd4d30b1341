"""An exported view (rnnviz.export) opened from disk in Chromium with the network cut off: every chart draws
its traces, the slider steps every chart through the tokens, play runs to the end, in both languages; the numbers
shown at a step are torch.autograd's and torch.nn's."""

from pathlib import Path

import numpy as np
import pytest
from test_export import reference_gates, reference_shares, settings

from rnnviz import export, scene
from rnnviz.i18n import t

SHOTS = Path("/tmp/shots18")
CHARTS_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => ({
    traces: gd.data.length, drawn: gd.querySelectorAll('.main-svg .trace, .main-svg .hm, .main-svg image').length}))"""
LEADER = "[...document.querySelectorAll('.js-plotly-plot')].find(gd => (gd.layout.sliders || []).length)"


@pytest.fixture
def offline(browser):
    """A page that can reach nothing: the context is offline and every http(s) request is refused."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, offline=True)
    asked = []

    def refuse(route):
        asked.append(route.request.url)
        route.abort()

    context.route("http://**/*", refuse)
    context.route("https://**/*", refuse)
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg, asked, errors
    context.close()


def open_file(pg, tmp_path, s, view: str) -> None:
    path = tmp_path / f"{view}-{s.lang}.html"
    path.write_text(export.export(s, view), encoding="utf-8")
    pg.goto(path.as_uri())
    pg.wait_for_function("() => document.body.dataset.drawn", timeout=60_000)


def slide_to(pg, step: int, T: int) -> None:
    """Click the slider's rail where step ``step`` of T sits (plotly moves to the nearest step)."""
    rail = pg.locator(".slider-rail-rect").first
    rail.scroll_into_view_if_needed()
    rail = rail.bounding_box()
    inset = 8  # plotly's rail keeps its grip's half-width free at each end
    x = rail["x"] + inset + (rail["width"] - 2 * inset) * (step - 1) / max(T - 1, 1)
    pg.mouse.click(x, rail["y"] + rail["height"] / 2)
    pg.wait_for_function(f"() => {LEADER}.layout.sliders[0].active === {step - 1}")


def shown_y(pg, i: int) -> np.ndarray:
    """The leading chart's trace i as drawn now (plotly's full data, typed arrays decoded)."""
    return np.array(pg.evaluate(f"() => Array.from({LEADER}._fullData[{i}].y)"), dtype=float)


def box_x0(pg, nth: int) -> float:
    """x0 of the first box (not a veil) of the nth chart that has frames (0: the first follower)."""
    js = f"""() => [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd !== {LEADER}
        && gd._transitionData._frames.length)[{nth}].layout.shapes"""
    shapes = pg.evaluate(js)
    return next(s for s in shapes if s.get("fillcolor") is None)["x0"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_step_through_file_offline_draws_every_chart_and_steps_through_the_tokens(offline, tmp_path, lang):
    pg, asked, errors = offline
    s = settings(f"generated=true&length=9&seed=1&lang={lang}")
    T = len(scene.sequence(s.model).tokens)
    open_file(pg, tmp_path, s, "memory")
    charts = pg.evaluate(CHARTS_JS)
    assert len(charts) == 4 and all(c["traces"] >= 1 and c["drawn"] >= 1 for c in charts), charts
    refs = {k: reference_shares(s, k) for k in s.cells}
    at_end = box_x0(pg, 0)
    for step in (3, 1, 6):
        slide_to(pg, step, T)
        for i, kind in enumerate(s.cells):
            pg.wait_for_function(f"() => Math.abs({LEADER}._fullData[{i}].y[0] - {refs[kind][step - 1][0]}) < 1e-5")
            np.testing.assert_allclose(shown_y(pg, i), refs[kind][step - 1], rtol=1e-5, atol=1e-7)
        # the hidden states' step box moved with it: (T - step) step widths to the left of the last step's
        pg.wait_for_function(
            f"""() => {{ const gd = [...document.querySelectorAll('.js-plotly-plot')]
                .filter(gd => gd !== {LEADER} && gd._transitionData._frames.length)[0];
                const b = gd.layout.shapes.find(s => !s.fillcolor);
                return Math.abs(b.x0 - ({at_end} - ({T} - {step}) * (b.x1 - b.x0))) < 1e-9; }}"""
        )
    assert t("export.step", lang) in pg.locator(".slider-container, .slider-group").first.text_content()
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"memory-{lang}.png"), full_page=True)
    # play runs from the current step to the last
    slide_to(pg, 1, T)
    pg.locator(".updatemenu-button").filter(has_text=t("export.play", lang)).click()
    pg.wait_for_function(f"() => {LEADER}.layout.sliders[0].active === {T - 1}", timeout=30_000)
    np.testing.assert_allclose(shown_y(pg, 0), refs[s.cells[0]][T - 1], rtol=1e-5, atol=1e-7)
    assert asked == [] and errors == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gates_file_offline_draws_every_chart_and_steps_through_the_tokens(offline, tmp_path, lang):
    pg, asked, errors = offline
    s = settings(f"text=the+cat+sat+on+the+mat&hidden=6&seed=2&lang={lang}")
    T = len(scene.sequence(s.model).tokens)
    open_file(pg, tmp_path, s, "gates")
    charts = pg.evaluate(CHARTS_JS)
    assert len(charts) == 2 + len(s.cells) and all(c["traces"] >= 1 and c["drawn"] >= 1 for c in charts), charts
    refs = {k: reference_gates(s, k) for k in s.cells}
    metas = pg.evaluate(f"() => {LEADER}.data.map(tr => tr.meta)")
    for step in (2, 5):
        slide_to(pg, step, T)
        for i, meta in enumerate(metas):
            want = refs[meta["cell"]][meta["symbol"]][step - 1]
            pg.wait_for_function(f"() => Math.abs({LEADER}._fullData[{i}].y[0] - {want[0]}) < 1e-6")
            np.testing.assert_allclose(shown_y(pg, i), want, atol=1e-6)
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"gates-{lang}.png"), full_page=True)
    assert asked == [] and errors == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gradients_file_offline_draws_every_chart_with_torch_autograds_norms(offline, tmp_path, lang):
    from test_export import reference_gradient

    pg, asked, errors = offline
    s = settings(f"generated=true&length=40&rho=0.9&forget_bias=5&lang={lang}")
    open_file(pg, tmp_path, s, "gradients")
    charts = pg.evaluate(CHARTS_JS)
    assert len(charts) == 5 and all(c["traces"] >= 1 and c["drawn"] >= 1 for c in charts), charts  # 3 + clipping's 2
    for kind in s.cells:  # the first chart as drawn: ||dL/dh_t|| of each cell
        name = t(f"cell.{kind}", lang)
        js = f"() => Array.from(document.querySelector('.js-plotly-plot')._fullData.find(tr => tr.name === '{name}').y)"
        np.testing.assert_allclose(np.array(pg.evaluate(js), dtype=float), reference_gradient(s, kind), rtol=1e-7)
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"gradients-{lang}.png"), full_page=True)
    assert asked == [] and errors == []


def intent_x(pg, i: int) -> np.ndarray:
    return np.array(pg.evaluate(f"() => Array.from({LEADER}._fullData[{i}].x)"), dtype=float)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_intent_file_offline_steps_through_the_shipped_models_answers(offline, tmp_path, lang):
    from rnnviz import intent

    pg, asked, errors = offline
    text = "what time is it?" if lang == "en" else "明天北京天气怎么样？"
    s = settings(f"lang={lang}").replace(text=text)
    open_file(pg, tmp_path, s, "intent")
    charts = pg.evaluate(CHARTS_JS)
    assert len(charts) == 4 and all(c["traces"] >= 1 and c["drawn"] >= 1 for c in charts), charts
    want = {k: np.array([[d[i] for i in intent.INTENTS] for d in intent.predict(text, k)]) for k in s.cells}
    T = len(want[s.cells[0]])
    for step in (1, 3, T):
        slide_to(pg, step, T)
        for i, kind in enumerate(s.cells):
            pg.wait_for_function(f"() => Math.abs({LEADER}._fullData[{i}].x[0] - {want[kind][step - 1][0]}) < 1e-9")
            np.testing.assert_allclose(intent_x(pg, i), want[kind][step - 1], atol=1e-12)
        # the probability lines mark the same step
        line = pg.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')][1].layout.shapes[0].x0")
        assert line == step
        if step == 3:
            SHOTS.mkdir(exist_ok=True)
            pg.screenshot(path=str(SHOTS / f"intent-{lang}.png"), full_page=True)
    assert asked == [] and errors == []


def test_lesson_folder_opens_offline_from_its_index(offline, tmp_path):
    from rnnviz import export_lesson

    pg, asked, errors = offline
    folder = tmp_path / "lesson"
    export_lesson.write(folder, "en")
    pg.goto((folder / "index.html").as_uri())
    with pg.expect_navigation():
        pg.locator("ol a").first.click()
    pg.wait_for_function("() => document.body && document.body.dataset.drawn", timeout=60_000)
    assert pg.url.endswith(".html") and "index" not in pg.url
    charts = pg.evaluate(CHARTS_JS)
    assert charts and all(c["drawn"] >= 1 for c in charts)  # drawn by the folder's plotly.min.js
    with pg.expect_navigation():
        pg.locator(".banner nav a").filter(has_text=t("export.lesson.next", "en")).click()
    pg.wait_for_function("() => document.body && document.body.dataset.drawn", timeout=60_000)
    assert "-after.html" in pg.url
    first = pg.url
    with pg.expect_navigation():  # the arrow keys walk the exported lesson as they walk the live one
        pg.keyboard.press("ArrowRight")
    assert "02-" in pg.url.rsplit("/", 1)[1]
    with pg.expect_navigation():
        pg.keyboard.press("ArrowLeft")
    assert pg.url == first
    assert asked == [] and errors == []


def test_translation_and_generation_files_offline_draw_and_step_with_torch_nns_numbers(offline, tmp_path):
    from test_export_apps import _greedy, ref_probs

    from rnnviz import dates

    pg, asked, errors = offline
    s = settings("")
    open_file(pg, tmp_path, s, "translate")
    charts = pg.evaluate(CHARTS_JS)
    assert len(charts) == 2 and all(c["traces"] >= 1 and c["drawn"] >= 1 for c in charts), charts
    chars, p, _ = _greedy(dates.load(dates.path_for(s.encoder, s.encoder_bidirectional, True)).model, s.date_text)
    n = len(chars)
    for step in (3, 7):  # the step's row boxed on the attention heatmap, its probability in the title
        slide_to(pg, step, n)
        pg.wait_for_function(f"() => Math.abs({LEADER}.layout.shapes.at(-1).y0 - {1 - step / n}) < 1e-9")
        assert f"{p[step - 1]:.3f}" in pg.evaluate(f"() => {LEADER}.layout.title.text")
    SHOTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(SHOTS / "translate-en.png"), full_page=True)
    s = settings("lang=zh&start_text=to+be+or+not")
    open_file(pg, tmp_path, s, "generate")
    charts = pg.evaluate(CHARTS_JS)
    assert len(charts) == 3 and all(c["traces"] >= 1 and c["drawn"] >= 1 for c in charts), charts
    want = {k: ref_probs(s.start_text, k, s.temperature) for k in s.cells}
    slide_to(pg, 4, len(s.start_text))
    for i, kind in enumerate(s.cells):  # the bars after character 4: torch.nn's likeliest next characters
        top = np.sort(want[kind][3])[::-1][:8]
        pg.wait_for_function(f"() => Math.abs({LEADER}._fullData[{i}].x[0] - {top[0]}) < 1e-5")
        np.testing.assert_allclose(
            np.array(pg.evaluate(f"() => Array.from({LEADER}._fullData[{i}].x)")), top, atol=1e-5
        )
    pg.screenshot(path=str(SHOTS / "generate-zh.png"), full_page=True)
    assert asked == [] and errors == []
