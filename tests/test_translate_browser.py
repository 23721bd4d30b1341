"""The translation page in headless Chromium: it draws, a step re-renders within the bar, and it reads in Chinese."""

import statistics
import time
import urllib.parse

from conftest import screenshot

from deploy.browser import wait_until_idle

STEP_BAR = 0.3  # seconds from a step button's click to the new step on screen, at the defaults
TALL = {"width": 1400, "height": 2600}  # Streamlit scrolls inside the page: a tall window shows all of it
STEP_JS = """async (target) => {
  const t0 = performance.now();
  document.querySelector('.st-key-step_prev button').click();
  const shown = () => document.querySelector('.outstrip')?.dataset.step === target
      && [...document.querySelectorAll('style')].some(s => s.textContent.includes('translate_attention::after'));
  while (!shown()) await new Promise(r => requestAnimationFrame(r));
  return performance.now() - t0;
}"""


def _open(page, url: str) -> tuple[list[str], float]:
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    start = time.perf_counter()
    page.goto(url)
    wait_until_idle(page, 120_000)
    return errors, time.perf_counter() - start - 0.3  # wait_until_idle waits 0.3 s of quiet


def _healthy(page, errors: list[str]) -> None:
    assert errors == []
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(".st-key-translate_attention .main-svg").count() >= 1
    assert page.locator(".st-key-translate_accuracy .main-svg").count() >= 1


def test_steps_re_render_within_the_bar(server, page):
    errors, first = _open(page, f"{server}/translate")
    _healthy(page, errors)
    n = int(page.locator(".outstrip").first.get_attribute("data-step"))  # opens at the last step
    assert "".join(page.locator(".outstrip").first.locator("span.c").all_inner_texts()[:-1]) == "2021-03-03"
    times = []
    for target in range(n - 1, n - 6, -1):
        times.append(page.evaluate(STEP_JS, str(target)) / 1000)
        wait_until_idle(page)
    _healthy(page, errors)
    print(f"first render {first:.2f} s; step re-render {[round(s, 3) for s in times]} s")
    assert statistics.median(times) < STEP_BAR, times
    assert page.locator(".shapes .shape.here .name").all_inner_texts() == ["encoder–decoder"]
    later = page.locator(".outstrip").first.locator("span.later")
    assert later.count() == 5  # the five characters not written yet are blank
    page.set_viewport_size(TALL)
    wait_until_idle(page)
    screenshot(page, "translate-en")


def test_page_in_chinese(server, page):
    text = urllib.parse.quote("2021年3月3日")
    errors, _ = _open(page, f"{server}/translate?lang=zh&date_text={text}&encoder=LSTM&step=7")
    _healthy(page, errors)
    assert "翻译" in page.locator("h1").first.inner_text()
    svg = " ".join(page.evaluate("[...document.querySelectorAll('.main-svg text')].map(t => t.textContent)"))
    assert "LSTM 编码器" in svg and "完全匹配率" in svg
    assert page.locator(".outstrip").first.get_attribute("data-step") == "7"
    assert page.locator(".shapes .shape.here .name").all_inner_texts() == ["编码器–解码器"]
    page.set_viewport_size(TALL)
    wait_until_idle(page)
    screenshot(page, "translate-zh")
