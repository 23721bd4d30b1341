"""Property-based robustness: any text and any link give a valid picture or a clear message, never a traceback."""

from pathlib import Path

from helpers import charts
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from pages import PAGES
from rnnviz import scene
from rnnviz.presets import LESSON
from rnnviz.settings import DEFAULTS, FIELDS, MAX_STEPS

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SLOW = hsettings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@given(any_text)
@hsettings(max_examples=300, deadline=None)
def test_any_text_becomes_a_valid_sequence(text):
    seq = scene.sequence(DEFAULTS.replace(text=text))
    assert len(seq.tokens) <= MAX_STEPS and tuple(seq.x.shape) == (len(seq.tokens), DEFAULTS.dim)
    assert all(tok and not tok.isspace() for tok in seq.tokens)


def _run(query: dict, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at.run()


def _valid_picture_or_message(at: AppTest, page: str) -> bool:
    """A chart or a clear message; the lesson page has no chart, its picture is its list of stops."""
    if page == "pages/lesson.py":
        return len([b for b in at.button if b.key.startswith("lesson_open_")]) == len(LESSON)
    return bool(charts(at)) or bool(at.info)


@given(any_text, st.sampled_from([p[0] for p in PAGES]))
@example("", "pages/lesson.py")
@SLOW
def test_any_text_on_any_page_never_raises(text, page):
    at = _run({"text": text}, page)
    assert not at.exception
    assert _valid_picture_or_message(at, page)


url_values = st.one_of(
    st.text(max_size=20),
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["rnn", "LSTM", "cnn", "true", "zh", "", "-1", "1e400", "NaN"]),
)


@given(
    st.dictionaries(st.sampled_from([*sorted(FIELDS), "bogus"]), url_values, min_size=1, max_size=6),
    st.sampled_from([p[0] for p in PAGES]),
)
@example({"cells": ""}, "pages/lesson.py")
@SLOW
def test_any_link_on_any_page_never_raises(query, page):
    at = _run(query, page)
    assert not at.exception
    assert _valid_picture_or_message(at, page)
