"""Every page in AppTest: loads without an exception, survives bad input, and repairs tampered links."""

from pathlib import Path

import numpy as np
import pytest
from helpers import array, chart
from helpers import charts as _charts
from streamlit.testing.v1 import AppTest

from pages import PAGES

TIMEOUT = 120
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _app(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at


@pytest.mark.parametrize("path", [p[0] for p in PAGES])
def test_every_page_loads_without_an_exception(path):
    at = _app()
    at.switch_page(path).run()
    assert not at.exception
    assert _charts(at) or path == "pages/lesson.py", f"{path} drew no chart"


BAD_TEXTS = {
    "empty": "",
    "whitespace": "   \n  ",
    "long": "the cat sat on the mat and " * 400,  # 10,800 characters, 2,800 tokens
    "emoji": "I ❤️ RNNs 😀👍🏽",
    "chinese": "现在几点了？",
    "markup": '<script>alert("x")</script><img src=x onerror=alert(1)>',
}


@pytest.mark.parametrize("name", BAD_TEXTS)
def test_bad_text_gives_a_message_or_a_correct_picture(name):
    at = _app()
    at.run()
    at.text_area(key="text").set_value(BAD_TEXTS[name]).run()
    assert not at.exception
    charts = _charts(at)
    if name in ("empty", "whitespace"):
        assert not charts and any("no tokens" in i.value for i in at.info)
        return
    x = chart(at, "Hidden states")["data"][0]["x"]
    if name == "long":
        assert len(x) == 1000 and any("first 1000 tokens" in c.value for c in at.caption)
    if name == "chinese":
        assert x == ["1: 现", "2: 在", "3: 几", "4: 点", "5: 了", "6: ？"]
    if name == "markup":
        assert "<" not in "".join(x) and "2: script" in x  # escaped, shown as text


def test_tampered_link_is_repaired_with_a_visible_note():
    at = _app({"hidden": "999", "cells": ["lstm", "cnn"], "seed": "abc"})
    at.run()
    assert not at.exception
    note = " ".join(w.value for w in at.warning)
    assert "hidden" in note and "cells" in note and "seed" in note
    assert at.slider(key="hidden").value == 128
    assert at.multiselect(key="cells").value == ["lstm"]
    assert [t["hovertemplate"].endswith("LSTM</extra>") for t in chart(at, "Hidden states")["data"]] == [True]


def test_no_cells_selected_gives_a_message():
    at = _app()
    at.run()
    at.multiselect(key="cells").set_value([]).run()
    assert not at.exception and not _charts(at)
    assert any("at least one cell" in i.value for i in at.info)


def test_home_chart_shows_the_cores_hidden_states():
    from rnnviz import scene
    from rnnviz import settings as cfg
    from rnnviz.analysis import trace

    at = _app()
    at.run()
    s = cfg.DEFAULTS
    for kind, tr in zip(s.cells, chart(at, "Hidden states")["data"]):
        expected = trace(scene.cell(s, kind), scene.sequence(s).x).hidden.T
        assert np.allclose(array(tr["z"]), expected, atol=1e-12)


@pytest.mark.parametrize("value", ["zh", "中文"])
def test_chinese_links_open_in_chinese_without_a_note(value):
    at = _app({"lang": value})
    at.run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="lang").value == "zh"
    assert at.title[0].value.startswith("rnnviz：")


@pytest.mark.parametrize("path", ["pages/memory.py", "pages/gates.py"])
def test_previous_from_a_linked_step_goes_one_back(path):
    at = _app({"generated": "true", "length": "100", "step": "50"})
    at.switch_page(path).run()
    assert at.slider(key="step").value == 50
    at.button(key="step_prev").click().run()
    assert not at.exception and at.slider(key="step").value == 49


def test_gates_unit_follows_a_checkpoints_hidden_size():
    at = _app({"weights": "recall-T50", "hidden": "32", "unit": "20"})
    at.switch_page("pages/gates.py").run()
    assert not at.exception
    assert at.number_input(key="unit").value <= 16  # the shipped checkpoints have H = 16
