"""The lesson played from the keyboard in presentation mode, in Chromium: the right arrow reveals and then moves
to the next stop, the left arrow goes back, the counter says where the class is, and the projector shows only
the banner and what answers the stop. Each stop is saved as a screenshot, before and after its reveal."""

import pytest
from conftest import screenshot

from deploy.browser import wait_until_idle
from rnnviz import lesson, presets
from rnnviz.i18n import t

N = len(presets.LESSON)


def _banner(page) -> str:
    return page.locator(".st-key-lesson_banner").inner_text()


def _press(page, key: str, expect: str) -> None:
    page.keyboard.press(key)
    page.wait_for_function(
        "text => document.querySelector('.st-key-lesson_banner')?.innerText.includes(text)", arg=expect, timeout=180_000
    )
    wait_until_idle(page, timeout=300_000)


def _visible_besides(page, shows: tuple[str, ...]) -> tuple[int, list[str]]:
    """How many of the main area's visible elements are the stop's own (keyed, or inside a keyed block), and the
    classes of the others outside the banner."""
    return page.evaluate(
        """shows => {
            const own = e => shows.some(k => e.closest(`[class*="st-key-${k}"]`));
            const seen = [...document.querySelectorAll('[data-testid=stMain] [data-testid=stElementContainer]')]
                .filter(e => e.offsetHeight > 0 && !e.closest('.st-key-lesson_banner'));
            return [seen.filter(own).length, seen.filter(e => !own(e)).map(e => e.className)];
        }""",
        list(shows),
    )


@pytest.mark.parametrize("lang,stops", [("en", N), ("zh", 3)])  # Chinese: its texts and keys, not every stop again
def test_the_arrow_keys_play_the_lesson_and_the_projector_shows_only_the_answer(server, page, lang, stops):
    page.goto(f"{server}/lesson?present=true&lang={lang}")
    page.locator(".st-key-lesson_open_0 button").click()
    page.wait_for_selector(".st-key-lesson_banner", timeout=120_000)
    wait_until_idle(page)
    for index, stop in enumerate(presets.LESSON[:stops]):
        counter = t("lesson.stop", lang, k=index + 1, n=N)
        assert counter in _banner(page)
        screenshot(page, f"lesson-{lang}-{index + 1:02d}-{stop.key}-question")
        _press(page, "ArrowRight", lesson.text(stop.key, True, stop.after.settings(), lang)[:12])
        assert counter in _banner(page)
        assert not page.locator('section[data-testid="stSidebar"]').is_visible()
        own, others = _visible_besides(page, stop.shows)
        assert own >= 1 and others == [], (stop.key, others)
        screenshot(page, f"lesson-{lang}-{index + 1:02d}-{stop.key}-answer")
        if index + 1 < stops:
            _press(page, "ArrowRight", t("lesson.stop", lang, k=index + 2, n=N))
    last = presets.LESSON[stops - 1]
    _press(page, "ArrowLeft", lesson.text(last.key, False, last.before.settings(), lang)[:12])
    _press(page, "ArrowLeft", t("lesson.stop", lang, k=stops - 1, n=N))
    assert page.locator('[data-testid="stException"]').count() == 0
