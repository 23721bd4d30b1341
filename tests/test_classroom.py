"""Classroom features: preset links, the guided lesson, teacher and presentation modes, Chinese, export."""

from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from rnnviz import lesson, presets
from rnnviz.figures.export import rows, to_csv
from rnnviz.i18n import TEXTS, t

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TITLES = {
    "home": "rnnviz",
    "memory": "Step through",
    "gradients": "Gradients through time",
    "gates": "Gates",
    "training": "Training lab",
    "intent": "Intent",
    "lesson": "A guided lesson",
}


def _app(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at


def _widget_value(at, name):
    """What the widget keyed ``name`` holds (every setting's widget is keyed by the field name)."""
    return at.session_state[name]


@pytest.mark.parametrize("name", presets.PRESETS)
def test_a_preset_link_opens_its_page_with_its_settings(name):
    preset = presets.PRESETS[name]
    at = _app({"preset": name}).run()
    assert not at.exception
    assert at.title[0].value.startswith(TITLES[preset.page])
    for field, value in preset.changes.items():
        if field == "step":
            continue  # the step slider's range is the sequence's; checked in the lesson test
        shown = _widget_value(at, field)
        assert (tuple(shown) if isinstance(shown, list) else shown) == value, field
    assert "preset" not in at.query_params  # it became a plain view link


def test_an_unknown_preset_is_reported_not_raised():
    at = _app({"preset": "no-such-thing"}).run()
    assert not at.exception
    assert any("preset" in w.value for w in at.warning)


def test_presets_and_lesson_texts_are_complete():
    presets.check()
    for stop in presets.LESSON:
        for part in ("title", "question", "answer"):
            assert {"en", "zh"} <= set(TEXTS[f"lesson.{stop.key}.{part}"]), stop.key


def test_every_text_has_english_and_chinese():
    missing = [key for key, entry in TEXTS.items() if not entry.get("en") or not entry.get("zh")]
    assert missing == []


def test_the_lesson_walks_every_stop_and_reveals_its_view():
    at = _app()
    at.switch_page("pages/lesson.py").run()
    at.button(key="lesson_open_0").click().run()
    for index, stop in enumerate(presets.LESSON):
        assert not at.exception, stop.key
        assert at.title[0].value.startswith(TITLES[stop.before.page]), stop.key
        assert lesson.text(stop.key, False, stop.before.settings(), "en") in [m.value for m in at.markdown], stop.key
        at.button(key="lesson_reveal").click().run()
        assert not at.exception, stop.key
        assert at.title[0].value.startswith(TITLES[stop.after.page]), stop.key
        assert lesson.text(stop.key, True, stop.after.settings(), "en") in [m.value for m in at.markdown], stop.key
        assert (t("lesson.trains.live", "en") in [m.value for m in at.markdown]) == stop.trains, stop.key
        for field, value in stop.after.changes.items():
            if field != "step":
                shown = _widget_value(at, field)
                assert (tuple(shown) if isinstance(shown, list) else shown) == value, (stop.key, field)
        if index + 1 < len(presets.LESSON):
            at.button(key="lesson_next").click().run()
    at.button(key="lesson_back").click().run()
    assert at.title[0].value.startswith(TITLES["lesson"])


def test_teacher_and_presentation_modes_come_from_the_link():
    at = _app({"teacher": "true", "present": "true"}).run()
    assert not at.exception
    assert at.toggle(key="teacher").value and at.toggle(key="present").value
    at.button(key="teacher_exit").click().run()
    assert not at.toggle(key="teacher").value


def test_csv_export_holds_every_number_of_the_figure():
    z = np.arange(6.0).reshape(2, 3)
    fig = go.Figure(
        [go.Heatmap(z=z, x=["a", "b", "c"], y=["u1", "u2"], name="h"), go.Scatter(x=[1, 2], y=[0.5, np.inf], name="g")]
    )
    table = rows(fig)
    assert [r[3] for r in table if r[0] == "h"] == list(z.ravel())
    assert [(r[1], r[2]) for r in table if r[0] == "h"][:3] == [("a", "u1"), ("b", "u1"), ("c", "u1")]
    assert [r[3] for r in table if r[0] == "g"] == [0.5, np.inf]
    assert to_csv(fig).splitlines()[0] == "trace,x,y,value"


def test_the_token_strip_exports_each_step_and_its_token_as_typed():
    from rnnviz.figures import token_strip

    tokens = ["what", "<b>", "&", "?"] + [f"w{k}" for k in range(20)]  # wraps onto a second row
    table = rows(token_strip(tokens, current=2))
    assert [(r[1], r[3]) for r in table] == [(k + 1, tok) for k, tok in enumerate(tokens)]


def test_every_text_is_used_by_the_code():
    """No text the code never names: each key appears in the code as written, or after the fixed part of an
    f-string that builds it (f"cell.{kind}")."""
    import re

    root = Path(__file__).resolve().parent.parent
    files = [
        root / "app.py",
        *(root / "pages").glob("*.py"),
        *(p for p in (root / "rnnviz").rglob("*.py") if "i18n" not in p.parts),
    ]
    code = "\n".join(p.read_text() for p in files)
    built = set(re.findall(r"""f["']([a-z_.]+\.)\{""", code))
    unused = [k for k in TEXTS if f'"{k}"' not in code and f"'{k}'" not in code and not any(map(k.startswith, built))]
    assert unused == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_followed_token_is_the_one_its_question_names(lang):
    from rnnviz.text import tokenize

    followed = 0
    for stop in presets.LESSON:
        question = TEXTS[f"lesson.{stop.key}.question"][lang]
        for view in (stop.before, stop.after):
            s = view.settings()
            if "focus" in view.changes and not s.generated:
                token = tokenize(s.text, "chars" if s.chars else "words")[s.focus - 1]
                assert f"“{token}”" in question, (stop.key, token)
                followed += 1
    named = [p for stop in presets.LESSON for p in (stop.before, stop.after)]
    assert all(p in named for p in presets.PRESETS.values() if "focus" in p.changes)  # each is asked about
    assert followed >= 4
