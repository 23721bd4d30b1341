"""The forecast page in AppTest: its charts' forecasts against torch.nn modules holding the shipped weights, its
mean squared errors against numpy, its measured results against results/forecast.json, and bad input."""

import html
import json
import re
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from helpers import array, chart, charts, torch_modules
from safetensors.torch import load_file
from streamlit.testing.v1 import AppTest

from rnnviz import forecast
from rnnviz.figures import forecast as figs

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
READ, SCORED, LONGEST = 200, forecast.WINDOW + 1, 200  # what the page reads, scores from, and can run on


def _page(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/forecast.py").run()
    assert not at.exception
    return at


def _series(name: str, n: int, seed: int) -> np.ndarray:
    """The series from its definition, written out again."""
    rng = np.random.default_rng(seed)
    if name == "random-walk":
        return np.cumsum(rng.normal(0, 0.3, n))
    t, (a, b) = np.arange(n), rng.uniform(0, 2 * np.pi, 2)
    return np.sin(2 * np.pi * t / 24 + a) + 0.5 * np.sin(2 * np.pi * t / 9 + b) + rng.normal(0, 0.1, n)


def _torch_nn(name: str, kind: str):
    """The shipped checkpoint's weights in torch.nn's own recurrent module and nn.Linear."""
    tensors = load_file(str(ROOT / "checkpoints" / f"forecast-{name}-{kind}.safetensors"))
    hidden = tensors["head.weight"].shape[1]
    rnn, head = torch_modules()[kind](1, hidden), torch.nn.Linear(hidden, 1)
    rnn.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("rnn.")})
    head.load_state_dict({k[5:]: v for k, v in tensors.items() if k.startswith("head.")})
    return rnn, head


@torch.no_grad()
def _reference(name: str, kind: str, x: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """torch.nn's one-step forecasts of x (NaN for t < 2) and its free run of ``steps`` after x."""
    rnn, head = _torch_nn(name, kind)
    d = torch.tensor(np.diff(x), dtype=torch.float32).view(-1, 1, 1)  # (T, batch 1, D 1)
    h, state = rnn(d)
    y = head(h)[:, 0, 0].double().numpy()  # after reading change j: the predicted change j + 1
    one = np.full(len(x), np.nan)
    one[2:] = x[1:-1] + y[:-1]
    run, last, change = [], float(x[-1]), head(h[-1:])
    for _ in range(steps):
        last += float(change)
        run.append(last)
        h, state = rnn(change, state)
        change = head(h)
    return one, np.array(run)


def _fmt(v: float) -> str:
    return f"{v:.4f}"


@pytest.fixture(scope="module")
def default():
    return _page()


def test_the_charts_and_numbers_are_torch_nn_and_numpy(default):
    at, x = default, _series("periodic", READ + LONGEST, 1)  # the default: periodic, seed 1, horizon 48
    metrics = {m.label: m for m in at.metric}
    for kind in ("rnn", "lstm", "gru"):
        one, run = _reference("periodic", kind, x[:READ], 48)
        data = chart(at, f"{kind.upper()}: forecast one step ahead")["data"]
        np.testing.assert_allclose(array(data[0]["y"]), x[:READ], rtol=1e-12)  # the series
        np.testing.assert_allclose(array(data[1]["y"])[1:], x[: READ - 1], rtol=1e-12)  # the naive forecast
        shown = array(data[2]["y"])
        assert np.isnan(shown[:2]).all()
        np.testing.assert_allclose(shown[2:], one[2:], atol=2e-5)
        # the errors over the scored steps, from torch.nn's forecasts and the series alone
        err, naive = (one[SCORED:] - x[SCORED:READ]) ** 2, (x[SCORED - 1 : READ - 1] - x[SCORED:READ]) ** 2
        metric = metrics[f"{kind.upper()}: MSE"]
        assert (
            metric.value == _fmt(err.mean())
            and metric.proto.delta == f"{err.mean() / naive.mean():.3f} × the baseline's"
        )
        assert at.metric[[m.label for m in at.metric].index(metric.label) + 1].value == _fmt(naive.mean())
        band = 2 * np.std(err - naive, ddof=1) / np.sqrt(len(err))
        verdict = f"Difference from the baseline {err.mean() - naive.mean():+.4f}; two standard errors of the paired "
        assert any(c.value.startswith(verdict + f"difference {band:.4f}. Better") for c in at.caption)
        assert any(c.value.endswith("**yes**.") for c in at.caption)
        # the free run, from torch.nn fed its own forecasts
        data = chart(at, f"{kind.upper()}: running on for 48 steps")["data"]
        np.testing.assert_allclose(array(data[0]["y"]), x[READ - 60 : READ], rtol=1e-12)  # read
        np.testing.assert_allclose(array(data[1]["y"]), x[READ : READ + 48], rtol=1e-12)  # not seen
        np.testing.assert_allclose(array(data[2]["y"]), np.full(48, x[READ - 1]), rtol=1e-12)  # last value held
        np.testing.assert_allclose(array(data[3]["y"]), run, atol=1e-4)
        assert np.array_equal(array(data[3]["x"]), np.arange(READ, READ + 48))
        future = x[READ : READ + 48]
        line = (
            f"Over these 48 steps: mean squared error {np.mean((run - future) ** 2):.4f} for the {kind.upper()} run, "
            f"{np.mean((future - x[READ - 1]) ** 2):.4f} for the last value held."
        )
        assert line in [c.value for c in at.caption]
    assert not at.warning and any(
        "has a pattern" in i.value for i in at.info
    )  # no random-walk warning on the periodic series


def test_measured_results_are_the_results_file_and_its_claims_hold(default):
    data = json.loads((ROOT / "results" / "forecast.json").read_text())
    summary, fig = data["summary"], chart(default, "Held-out MSE")
    for bars, kind in zip(fig["data"], ("rnn", "lstm", "gru")):
        rows = [summary[f"{name}/{kind}"] for name in forecast.SERIES]
        assert list(bars["x"]) == ["periodic", "random walk"] and bars["name"] == kind.upper()
        np.testing.assert_array_equal(array(bars["y"]), [r["ratio_mean"] for r in rows])
        np.testing.assert_allclose(array(bars["error_y"]["array"]) + array(bars["y"]), [r["ratio_max"] for r in rows])
        np.testing.assert_allclose(
            array(bars["y"]) - array(bars["error_y"]["arrayminus"]), [r["ratio_min"] for r in rows]
        )
        table = next(m.value for m in default.markdown if m.value.startswith("| Series"))
        for name, r in zip(("periodic", "random walk"), rows):
            row = (
                f"| {name} | {kind.upper()} | {r['mse_mean']:.4f} | {r['naive_mse_mean']:.4f} | {r['ratio_mean']:.3f} "
                f"({r['ratio_min']:.3f}–{r['ratio_max']:.3f}) | {r['beats_naive']} / {r['seeds']} |"
            )
            assert row in table.splitlines()
        # what the page's "what to look for" says of these bars: far below 1 on the periodic series in every
        # seed, on the line (and never better beyond noise) for the random walk
        periodic, walk = rows
        assert periodic["beats_naive"] == periodic["seeds"] == 5 and periodic["ratio_max"] < 0.5
        assert walk["beats_naive"] == 0 and 0.99 < walk["ratio_min"] <= walk["ratio_max"] < 1.01
    assert "seeds 0 to 4, each scored on 2,000 held-out windows of 48 changes" in " ".join(
        c.value for c in default.caption
    )


def test_the_random_walk_says_it_cannot_be_beaten_and_shows_it():
    at = _page({"series": "random-walk", "series_seed": "7", "horizon": "100", "cells": ["lstm", "gru"]})
    assert any(
        w.value.startswith("**A random walk cannot be predicted better than the baseline.**") for w in at.warning
    )
    x = _series("random-walk", READ + LONGEST, 7)
    assert [c["layout"]["title"]["text"] for c in charts(at)][:2] == [
        "LSTM: forecast one step ahead",
        "GRU: forecast one step ahead",
    ]
    for kind in ("lstm", "gru"):
        one, run = _reference("random-walk", kind, x[:READ], 100)
        np.testing.assert_allclose(
            array(chart(at, f"{kind.upper()}: forecast one")["data"][2]["y"])[2:], one[2:], atol=2e-5
        )
        np.testing.assert_allclose(
            array(chart(at, f"{kind.upper()}: running on for 100")["data"][3]["y"]), run, atol=1e-4
        )
        err, naive = (one[SCORED:] - x[SCORED:READ]) ** 2, (x[SCORED - 1 : READ - 1] - x[SCORED:READ]) ** 2
        assert abs(err.mean() / naive.mean() - 1) < 0.02  # within 2% of the baseline: what the page says it shows
        assert next(m for m in at.metric if m.label.startswith(kind.upper())).value == _fmt(err.mean())
    assert sum(c.value.endswith("**no**.") for c in at.caption) == 2


def test_the_horizon_redraws_only_the_free_runs_and_chinese():
    at = _page({"cells": ["gru"]})
    one = chart(at, "GRU: forecast one step ahead")
    at.slider(key="horizon").set_value(200).run()
    assert not at.exception and chart(at, "GRU: forecast one step ahead") == one
    assert len(array(chart(at, "GRU: running on for 200 steps")["data"][3]["y"])) == 200
    at.selectbox(key="lang").set_value("zh").run()
    assert not at.exception and at.title[0].value.startswith("预测时间序列")
    assert "GRU：向前一步的预测" in [c["layout"]["title"]["text"] for c in charts(at)]
    assert at.metric[0].label == "GRU 均方误差"


def test_bad_links_and_inputs_give_a_message_never_a_traceback(monkeypatch, tmp_path):
    at = _page({"series": "stock", "series_seed": "-5", "horizon": "1e9"})
    notes = " ".join(w.value for w in at.warning)
    assert "series" in notes and "series_seed" in notes and "horizon" in notes
    assert at.slider(key="horizon").value == 200 and at.number_input(key="series_seed").value == 0
    assert "trained on" in " ".join(c.value for c in at.caption)  # seed 0: the training series, said so
    at.multiselect(key="cells").set_value([]).run()
    assert not at.exception and not charts(at) and any("at least one cell" in i.value for i in at.info)

    from pages import cache_apps  # a missing checkpoint file: a clear message

    monkeypatch.setattr(forecast, "DIR", tmp_path)
    cache_apps.forecaster.clear()
    try:
        at = _page({"series_seed": "31337"})  # a seed no other test computed (cached forecasts need no model)
        assert not charts(at) and "is missing" in at.error[0].value
    finally:
        monkeypatch.undo()
        cache_apps.forecaster.clear()


def test_figures_are_what_plotly_validation_makes_of_them():
    x = _series("periodic", 120, 0)
    summary = json.loads((ROOT / "results" / "forecast.json").read_text())["summary"]
    for fig in (
        figs.one_step(x[:100], np.concatenate([[np.nan, np.nan], x[1:99]]), "lstm", 49, "zh"),
        figs.free_run(x[40:100], x[100:], x[100:] + 0.1, 100, "gru"),
        figs.results(summary, list(forecast.SERIES), ["rnn", "gru"]),
    ):
        assert json.loads(fig.to_json()) == json.loads(go.Figure(fig.to_dict()).to_json())
        layout = fig.to_dict()["layout"]
        assert layout["title"]["text"] and layout["xaxis"]["title"]["text"] and layout["yaxis"]["title"]["text"]


def shapes_on(at) -> tuple[dict[str, tuple[str, bool]], str]:
    """The page's picture of the task shapes: each shape's name -> (the line under it, outlined), and the key."""
    (body,) = [h.proto.body for h in at.get("html") if 'class="shapes"' in h.proto.body]
    found = re.findall(r'<div class="shape( here)?"><div class="name">(.*?)</div><div class="use">(.*?)</div>', body)
    legend = re.search(r'<div class="legend">(.*?)</div>', body)[1]
    return {html.unescape(name): (html.unescape(use), bool(here)) for here, name, use in found}, html.unescape(legend)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_shapes_name_what_this_page_does(lang):
    found, legend = shapes_on(_page({"lang": lang}))
    window = forecast.WINDOW
    assert not any("this page" in use or "本页" in use for use, here in found.values() if not here)
    if lang == "en":
        assert found["many to many"] == ("one-step forecasts: after every value, the next one (this page)", True)
        assert found["many to one"] == (
            f"the score: the forecast after a window of {window} changes (this page, measured)",
            True,
        )
        assert found["one to many"][1] and found["one to many"][0].startswith(
            "free run: from the state the reading left"
        )
        assert found["encoder–decoder"] == ("translation", False)
        assert legend.startswith("x: an input, the change of the series")
    else:
        assert [name for name, (_, here) in found.items() if here] == ["一对多", "多对一", "多对多"]
        assert f"读完 {window} 个变化" in found["多对一"][0] and "自由运行" in found["一对多"][0]
        assert legend.startswith("x：输入，序列的变化量")
