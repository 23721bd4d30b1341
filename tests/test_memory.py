"""Step-through page: the memory measures against independent computations, the figures against the core,
and every control of the page in AppTest."""
import json
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from helpers import array, chart, charts
from streamlit.testing.v1 import AppTest

from rnnviz import contributions, make_cell, memory, scene, trace
from rnnviz import settings as cfg
from rnnviz.figures import memory as figs

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SENTENCE = "the cat that the dog chased ran up the old tree"  # 11 tokens


# ---- core: against definitions written out as loops, and against closed-form theory ----

def _fade_by_loop(C, level=0.01):
    """First d >= 1 with C[k+d, k] < level * C[k, k], straight from the definition; None if never."""
    T = len(C)
    return [next((d for d in range(1, T - k) if C[k + d, k] < level * C[k, k]), None) for k in range(T)]


def _span_by_loop(C, level=0.01):
    """Smallest d <= floor(T/2) such that at least half of the first ceil(T/2) tokens faded within d."""
    T = len(C)
    K, horizon = (T + 1) // 2, T // 2
    fades = _fade_by_loop(C, level)[:K]
    for d in range(1, horizon + 1):
        if 2 * sum(f is not None and f <= d for f in fades) >= K:
            return d
    return None


def _cell_and_inputs(kind, T, seed=0, D=4, H=6, **edits):
    cell = make_cell(kind, D, H, seed=seed, **edits)
    return cell, torch.randn(T, D, generator=torch.Generator().manual_seed(seed))


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_shares_are_each_row_of_C_over_its_sum(kind):
    cell, x = _cell_and_inputs(kind, 30)
    C = contributions(cell, x)
    S = memory.shares(C)
    for t in range(30):
        assert S[t].sum() == pytest.approx(1.0, abs=1e-12)
        for k in range(30):
            assert S[t, k] == pytest.approx(C[t, k] / sum(C[t]), rel=1e-12, abs=0)
    assert np.all(S[np.triu_indices(30, 1)] == 0)  # no share from tokens not read yet


def test_shares_of_a_non_finite_row_are_nan_not_a_wrong_picture():
    C = np.array([[1.0, 0], [np.inf, 2.0]])
    S = memory.shares(C)
    assert np.allclose(S[0], [1, 0]) and np.all(np.isnan(S[1]))


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fade_distances_and_span_follow_their_definitions(kind, seed):
    cell, x = _cell_and_inputs(kind, 40, seed=seed)
    C = contributions(cell, x)
    d = memory.fade_distances(C)
    assert [None if np.isnan(v) else int(v) for v in d] == _fade_by_loop(C)
    assert memory.memory_span(C).steps == _span_by_loop(C)


def _linear_rnn(H, D, rho, seed=0):
    cell = make_cell("rnn", D, H, seed=seed, nonlinearity="linear")
    q, _ = torch.linalg.qr(torch.randn(H, H, generator=torch.Generator().manual_seed(seed)))
    with torch.no_grad():
        cell.weight_hh_l0.copy_(rho * q)
    return cell


@pytest.mark.parametrize("rho,T", [(0.5, 20), (0.8, 60), (0.9, 100), (0.8, 30)])
def test_linear_rnn_span_is_the_closed_form(rho, T):
    # W_hh = rho Q with Q orthogonal: C[t, k] = ||W^(t-k) W_ih||_F = rho^(t-k) ||W_ih||_F,
    # so every token falls below 1% after the smallest d with rho^d < 0.01
    cell = _linear_rnn(8, 3, rho)
    C = contributions(cell, torch.randn(T, 3))
    d_star = int(np.floor(np.log(0.01) / np.log(rho))) + 1
    fades = memory.fade_distances(C)
    assert np.all(fades[: T - d_star] == d_star) and np.all(np.isnan(fades[T - d_star:]))
    span = memory.memory_span(C)
    assert span.horizon == T // 2 and span.tokens == (T + 1) // 2
    assert span.steps == (d_star if d_star <= T // 2 else None)  # (0.8, 30): d* = 21 > 15, too long to measure


def test_span_from_matrix_powers_of_a_general_linear_rnn():
    cell = make_cell("rnn", 3, 5, seed=4, nonlinearity="linear")
    with torch.no_grad():
        cell.weight_hh_l0.mul_(1.2)  # a general matrix: ||W^d U|| is not a pure power of one rate
    W, U = cell.weight_hh_l0.double().detach(), cell.weight_ih_l0.double().detach()
    T = 50
    C_theory = np.zeros((T, T))
    for t in range(T):
        for k in range(t + 1):
            C_theory[t, k] = float(torch.linalg.matrix_norm(torch.linalg.matrix_power(W, t - k) @ U))
    C = contributions(cell, torch.randn(T, 3))
    np.testing.assert_allclose(C, C_theory, rtol=1e-9)
    assert memory.memory_span(C).steps == _span_by_loop(C_theory)


def test_span_edge_cases():
    assert memory.memory_span(np.ones((1, 1))) == memory.Span(None, 0, 1, 0)  # nothing to measure
    never = np.tril(np.ones((10, 10)))
    assert memory.memory_span(never) == memory.Span(None, 5, 5, 0)  # never fades: "> 5 steps"
    halves = np.tril(0.5 ** np.subtract.outer(np.arange(8), np.arange(8)).clip(0))  # 0.5^7 < 1% at d = 7
    assert memory.memory_span(halves).steps is None  # horizon 4 < 7
    assert memory.memory_span(np.tril(0.001 ** np.subtract.outer(np.arange(8), np.arange(8)).clip(0))).steps == 1


def test_relative_influence_is_the_column_over_its_first_value():
    cell, x = _cell_and_inputs("gru", 25)
    C = contributions(cell, x)
    for k in (0, 7, 24):
        np.testing.assert_allclose(memory.relative(C, k), [C[t, k] / C[k, k] for t in range(k, 25)], rtol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gated_cells_remember_longer_when_their_gates_say_keep(seed):
    # what the page's texts say: untrained, all forget within about ten steps; with the gate bias +3, not in 25
    s = cfg.DEFAULTS.replace(generated=True, length=50, seed=seed)
    spans = {kind: memory.memory_span(contributions(scene.cell(s, kind), scene.sequence(s).x)) for kind in s.cells}
    assert all(span.steps is not None and span.steps <= 12 for span in spans.values())  # default init forgets fast
    keep = s.replace(forget_bias=3.0, update_bias=3.0)
    for kind in ("lstm", "gru"):
        assert memory.memory_span(contributions(scene.cell(keep, kind), scene.sequence(keep).x)).steps is None


# ---- figures: pure functions, equal to what plotly's validation would make of them ----

TOKENS = scene.sequence(cfg.DEFAULTS.replace(text=SENTENCE)).tokens


def _maps(T=11, kinds=("rnn", "lstm", "gru")):
    s = cfg.DEFAULTS.replace(generated=True, length=T)
    x = scene.sequence(s).x
    return {k: contributions(scene.cell(s, k), x) for k in kinds}, {k: trace(scene.cell(s, k), x).hidden for k in kinds}


def _all_figures(T=11, step=4, focus=2, lang="en"):
    maps, hidden = _maps(T)
    tokens = scene.sequence(cfg.DEFAULTS.replace(generated=True, length=T)).tokens
    return [
        figs.token_window(tokens, step), figs.unrolled(tokens, step, lang),
        figs.hidden_so_far(hidden, tokens, step, lang),
        figs.composition({k: memory.shares(C)[step - 1] for k, C in maps.items()}, tokens, step, lang),
        figs.contribution_maps(maps, step, focus, lang),
        figs.influence({k: memory.relative(C, focus - 1) for k, C in maps.items()},
                       {k: C[focus - 1:, focus - 1] for k, C in maps.items()}, tokens, focus, lang),
    ]


@pytest.mark.parametrize("T,step", [(11, 1), (11, 4), (40, 40), (300, 123)])
def test_figures_are_what_plotly_validation_makes_of_them(T, step):
    # they are built unvalidated for speed; validation must find nothing to change
    for fig in _all_figures(T, step):
        assert json.loads(fig.to_json()) == json.loads(go.Figure(fig.to_dict()).to_json())
        assert fig.layout.title.text or fig.data[0].type == "heatmap"  # every chart but the strip has a title


def test_each_token_keeps_its_colour_at_every_step():
    maps, _ = _maps()
    shares = {"rnn": memory.shares(maps["rnn"])}
    early, late = (figs.composition({k: v[s - 1] for k, v in shares.items()}, TOKENS, s) for s in (3, 9))
    assert list(late.data[0].marker.colors[:3]) == list(early.data[0].marker.colors)
    diagram = figs.unrolled(TOKENS, 9)
    token_boxes = [sh for sh in diagram.layout.shapes if sh.y0 == -0.3]
    assert [sh.fillcolor for sh in token_boxes] == [figs.token_color(k) for k in range(1, 9)]  # steps 2..9 shown


def test_token_window_highlights_the_current_token_at_its_true_position():
    tokens = [f"w{i}" for i in range(1, 101)]
    fig = figs.token_window(tokens, 57)
    z, text, where = (np.array(fig.data[0][f], dtype=object) for f in ("z", "text", "customdata"))
    assert (z == 1).sum() == 1 and text[z == 1][0] == "<b>w57</b>" and where[z == 1][0] == 57
    assert where.min() == 41 and where.max() == 80  # two rows of 20 around step 57


def test_unrolled_diagram_grows_then_slides():
    labels = lambda fig: [s for s in fig.data[2].text if s.startswith("x<sub>")]  # noqa: E731
    assert labels(figs.unrolled(TOKENS, 3)) == ["x<sub>1</sub>", "x<sub>2</sub>", "x<sub>3</sub>"]
    assert labels(figs.unrolled(TOKENS, 11)) == [f"x<sub>{k}</sub>" for k in range(4, 12)]
    assert "h<sub>0</sub> = 0" in figs.unrolled(TOKENS, 3).data[2].text


def test_long_maps_show_exact_values_at_evenly_spaced_indices():
    maps, _ = _maps(600, kinds=("rnn",))
    fig = json.loads(figs.contribution_maps(maps, 300, 1).to_json())
    stride = -(-600 // figs.MAX_MAP_CELLS)
    idx = np.arange(0, 600, stride)
    np.testing.assert_array_equal(array(fig["data"][0]["x"]), idx + 1)
    z = array(fig["data"][0]["z"])
    sub = maps["rnn"][np.ix_(idx, idx)]
    shown = np.isfinite(z)
    np.testing.assert_allclose(10 ** z[shown], sub[shown], rtol=1e-12)
    assert np.all(sub[~shown] == 0)  # blank only above the diagonal (or where float64 ran out)
    assert f"one in every {stride} rows" in fig["layout"]["title"]["text"]


def test_long_compositions_pool_the_earliest_tokens_into_one_exact_slice():
    maps, _ = _maps(100, kinds=("lstm",))
    share = memory.shares(maps["lstm"])[79]  # step 80
    tokens = scene.sequence(cfg.DEFAULTS.replace(generated=True, length=100)).tokens
    pie = json.loads(figs.composition({"lstm": share}, tokens, 80).to_json())["data"][0]
    first = 80 - figs.MAX_SLICES + 1
    values = array(pie["values"])
    assert len(values) == figs.MAX_SLICES and pie["labels"][0] == f"tokens 1–{first} together"
    assert values[0] == pytest.approx(share[:first].sum(), rel=1e-12)
    np.testing.assert_array_equal(values[1:], share[first:80])
    assert pie["marker"]["colors"][1] == figs.token_color(first)  # token first + 1 keeps its own colour


# ---- the page in AppTest ----

def _page(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/memory.py").run()
    assert not at.exception
    return at


def _step(at):
    return at.slider(key="step").value


def test_page_shows_the_cores_numbers_on_a_fixed_sentence():
    at = _page({"text": SENTENCE, "step": "6", "focus": "2"})
    s = cfg.DEFAULTS.replace(text=SENTENCE)
    x, T = scene.sequence(s).x, len(TOKENS)
    for i, kind in enumerate(s.cells):
        cell = scene.cell(s, kind)
        C, h = contributions(cell, x), trace(cell, x).hidden
        np.testing.assert_allclose(array(chart(at, "Hidden state so far")["data"][i]["z"]), h[:6].T, rtol=0, atol=0)
        pie = chart(at, "What h_6 is made of")["data"][i]
        np.testing.assert_allclose(array(pie["values"]), C[5, :6] / C[5].sum(), rtol=1e-12)
        z = array(chart(at, "Contribution of token k")["data"][i]["z"])
        np.testing.assert_allclose(10 ** z[np.tril_indices(T)], C[np.tril_indices(T)], rtol=1e-12)
        line = chart(at, "Influence of token 2")["data"][i]
        np.testing.assert_allclose(array(line["y"]), C[1:, 1] / C[1, 1], rtol=1e-12)
        np.testing.assert_allclose(array(line["customdata"]), C[1:, 1], rtol=1e-12)
        span = memory.memory_span(C)
        expected = f"{span.steps} steps" if span.steps else f"> {span.horizon} steps"
        assert at.metric[i].value == expected and at.metric[i].label.startswith(kind.upper())


@pytest.mark.parametrize("button,start,expected", [
    ("step_first", 5, 1), ("step_prev", 5, 4), ("step_next", 5, 6), ("step_last", 5, 11)])
def test_each_step_button_moves_every_chart(button, start, expected):
    at = _page({"text": SENTENCE, "step": str(start)})
    at.button(key=button).click().run()
    assert not at.exception and _step(at) == expected
    assert f"(step {expected})" in chart(at, "The network unrolled")["layout"]["title"]["text"]
    assert array(chart(at, "Hidden state so far")["data"][0]["z"]).shape == (16, expected)
    assert len(chart(at, f"What h_{expected} is made of")["data"][0]["labels"]) == expected
    box = chart(at, "Contribution of token k")["layout"]["shapes"][0]
    assert box["y0"] == expected - 0.5


def test_step_slider_and_play():
    at = _page({"text": SENTENCE})
    assert _step(at) == 11  # opens at the end
    at.slider(key="step").set_value(3).run()
    assert not at.exception and "(step 3)" in chart(at, "The network unrolled")["layout"]["title"]["text"]
    at.button(key="step_play").click().run()  # plays 3 -> 11, one rerun a step, then stops
    assert not at.exception and _step(at) == 11 and not at.session_state["_playing"]
    assert "(step 11)" in chart(at, "The network unrolled")["layout"]["title"]["text"]


@pytest.mark.parametrize("name", ["short", "long", "zh", "gen100", "gen500"])
def test_preset_picker_loads_the_sequence(name):
    from pages.memory_ui import PRESETS

    at = _page()
    at.selectbox(key="memory_preset").set_value(name).run()
    assert not at.exception and at.selectbox(key="memory_preset").value is None  # ready for the next pick
    preset = PRESETS[name]
    s = cfg.DEFAULTS.replace(**preset)
    tokens = scene.sequence(s).tokens
    assert at.toggle(key="generated").value == preset["generated"]
    if not preset["generated"]:
        assert at.text_area(key="text").value == preset["text"]
    x = chart(at, "Influence of token 1")["data"][0]["x"]
    assert array(x)[-1] == len(tokens)


def test_focus_slider_follows_another_token_and_is_clamped_when_the_text_shrinks():
    at = _page({"text": SENTENCE})
    at.slider(key="focus").set_value(3).run()
    fig = chart(at, "Influence of token 3")
    assert "“that”" in fig["layout"]["title"]["text"] and array(fig["data"][0]["x"])[0] == 3
    assert chart(at, "Contribution of token k")["layout"]["shapes"][1]["x0"] == 3  # dotted column in the maps
    at.text_area(key="text").set_value("a b").run()
    assert not at.exception and at.slider(key="focus").value == 2


def test_try_this_button_raises_the_forget_bias_and_the_lstm_remembers():
    at = _page()
    at.button(key="memory_try").click().run()
    assert not at.exception
    assert at.slider(key="forget_bias").value == 3.0 and at.slider(key="length").value == 50
    values = {m.label.split()[0]: m.value for m in at.metric}
    assert values["LSTM"] == "> 25 steps" and values["RNN"].endswith(" steps") and ">" not in values["RNN"]


def test_one_token_and_no_tokens_and_chinese():
    at = _page({"text": "hi"})
    assert not at.exception and at.metric[0].value == "—"
    at.text_area(key="text").set_value("  ").run()
    assert not at.exception and not charts(at) and any("no tokens" in i.value for i in at.info)
    at = _page({"text": "现在几点了？"})
    at.selectbox(key="lang").set_value("zh").run()
    assert not at.exception
    assert "隐藏状态" in chart(at, "h_1")["layout"]["title"]["text"]
    assert at.metric[0].label.startswith("RNN 记忆跨度")


def test_long_generated_sequence_computes_in_blocks_with_exact_numbers():
    at = _page({"generated": "true", "length": "120", "step": "120", "cells": ["lstm"]})
    s = cfg.DEFAULTS.replace(generated=True, length=120, cells=("lstm",))
    C = contributions(scene.cell(s, "lstm"), scene.sequence(s).x)  # computed for exactly 120 tokens
    line = chart(at, "Influence of token 1")["data"][0]
    np.testing.assert_allclose(array(line["customdata"]), C[:, 0], rtol=1e-10)
    assert at.metric[0].value.endswith("steps")
