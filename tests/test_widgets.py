"""Every setting's widget agrees with the settings table: its range, step, default and choices, on every page
that draws it; and every field of the table is drawn by some page (so every URL parameter can be set)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages import PAGES
from rnnviz import settings as cfg
from rnnviz.i18n import TEXTS

APP = str(Path(__file__).resolve().parent.parent / "app.py")
T = 40  # a generated sequence, so the per-view widgets (step, focus) are drawn
QUERY = {"generated": "true", "length": str(T)}
LINKED = cfg.from_query(QUERY)[0]  # what every widget should show on opening the link
LABELS = {"cells": str.upper, "lang": {"en": "English", "zh": "中文"}.get}  # as the URL shows them


def _widgets(path: str) -> dict:
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in QUERY.items():
        at.query_params[k] = v
    at.switch_page(path).run()
    assert not at.exception
    found = {}
    for kind in ("slider", "number_input", "toggle", "selectbox", "multiselect", "radio", "text_area", "button_group"):
        for w in at.get(kind):
            if w.key in cfg.FIELDS:
                found[w.key] = (kind, w)
    return found


@pytest.fixture(scope="module")
def drawn():
    return {path: _widgets(path) for path, *_ in PAGES}


KINDS = {
    "slider": "slider",
    "number": "number_input",
    "toggle": "toggle",
    "select": "selectbox",
    "multiselect": "multiselect",
    "radio": "radio",
    "text": "text_area",
    "segmented": "button_group",
}


def test_every_field_has_a_widget_on_some_page(drawn):
    assert set(cfg.FIELDS) <= {key for widgets in drawn.values() for key in widgets}


@pytest.mark.parametrize("path", [p[0] for p in PAGES])
def test_each_widget_takes_its_range_default_and_choices_from_the_table(drawn, path):
    for name, (kind, w) in drawn[path].items():
        meta, default = cfg.FIELDS[name].metadata, getattr(LINKED, name)
        assert kind == KINDS[meta["widget"]], name
        stepped = {v["en"] for k, v in TEXTS.items() if k.startswith("step.") and k.endswith(".label")}
        assert w.label == TEXTS[f"setting.{name}"]["en"] or (name == "step" and w.label in stepped), name
        if kind in ("slider", "number_input"):
            if meta["per_view"]:  # 1 .. the sequence's (or the model's) size, opening at its end or start
                assert (w.min, w.step) == (1, meta["step"]) and w.max <= meta["hi"], name
                # the translation page steps through its decoder's output, the generation page through its start
                # text, not the sidebar's sequence
                last = w.max if path in ("pages/translate.py", "pages/generate.py") else T
                assert w.value == {"step": last, "focus": 1, "unit": 1}[name], name
            else:
                assert (w.min, w.max, w.step, w.value) == (meta["lo"], meta["hi"], meta["step"], default), name
        elif kind in ("selectbox", "multiselect", "radio", "button_group") and meta["choices"]:
            shown = [LABELS.get(name, str)(c) for c in meta["choices"]]
            if name in LABELS:  # what the widget shows is what the URL carries
                assert list(w.options) == shown, name
            else:
                assert len(w.options) == len(meta["choices"]), name
            assert (tuple(w.value) if kind == "multiselect" else w.value) == default, name
        elif kind in ("toggle", "text_area"):
            assert w.value == default, name


@pytest.mark.parametrize(
    "query", [{}, {"layers": "2", "bidirectional": "true", "hidden": "12", "dim": "5"}], ids=["default", "stacked-bi"]
)
def test_the_sidebar_counts_each_cells_parameters_as_torch_nn_does(query):
    import torch

    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("pages/memory.py").run()
    assert not at.exception
    s = cfg.from_query(query)[0]
    modules = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
    counts = {
        k: sum(p.numel() for p in modules[k](s.dim, s.hidden, s.layers, bidirectional=s.bidirectional).parameters())
        for k in s.cells
    }
    if not query:  # D = 8, H = 16: the seeds' "one third fewer" is 25% fewer
        assert counts == {"rnn": 416, "lstm": 1664, "gru": 1248}
    expected = "Parameters: " + " · ".join(f"{k.upper()} {n:,}" for k, n in counts.items())
    assert expected in [c.value for c in at.sidebar.caption]
