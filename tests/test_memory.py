"""Step-through page: the memory measures against independent computations, the figures against the core,
and every control of the page in AppTest."""

import json
import re
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from helpers import array, chart, charts, css_marks
from streamlit.testing.v1 import AppTest

from rnnviz import contributions, make_cell, memory, presets, scene, trace
from rnnviz import settings as cfg
from rnnviz.figures import memory as figs
from rnnviz.figures import memory_html as html

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
    assert np.all(fades[: T - d_star] == d_star) and np.all(np.isnan(fades[T - d_star :]))
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


def _all_figures(T=11, focus=2, lang="en"):
    maps, hidden = _maps(T)
    tokens = scene.sequence(cfg.DEFAULTS.replace(generated=True, length=T)).tokens
    return [
        figs.hidden_so_far(hidden, tokens, lang),
        figs.contribution_maps(maps, lang),
        figs.influence(
            {k: memory.relative(C, focus - 1) for k, C in maps.items()},
            {k: C[focus - 1 :, focus - 1] for k, C in maps.items()},
            tokens,
            focus,
            lang,
        ),
    ]


@pytest.mark.parametrize("T", [11, 40, 300])
def test_figures_are_what_plotly_validation_makes_of_them(T):
    # they are built unvalidated for speed; validation must find nothing to change
    for fig in _all_figures(T):
        assert json.loads(fig.to_json()) == json.loads(go.Figure(fig.to_dict()).to_json())
        assert fig.layout.title.text  # every chart has a title


def test_fixed_figures_have_the_plot_areas_the_step_marks_assume():
    hidden, maps, _ = _all_figures()
    for fig, area in ((hidden, figs.HIDDEN_AREA), (maps, figs.MAP_AREA)):
        m = fig.layout.margin
        assert (m.l, m.r, m.t, m.autoexpand) == (area.left, area.right, area.top, False)
        assert fig.layout.height - m.t - m.b == area.height
        for axis in (fig.layout.xaxis, fig.layout.xaxis2, fig.layout.xaxis3):
            assert list(axis.range) == [0.5, 11.5]  # steps k sit at k, edges at k +- 0.5
        assert [list(a.domain) for a in (fig.layout.xaxis, fig.layout.xaxis2, fig.layout.xaxis3)] == figs.panels(
            3, figs.PANEL_GAP
        )
    assert list(maps.layout.yaxis.range) == [11.5, 0.5]  # row t from the top


# ---- the HTML pieces: read back as a browser would ----


def _slices(body):
    """(data-k, share) of every slice of every donut, per cell."""
    out = {}
    for cell, donut in re.findall(r'data-cell="(\w+)"(.*?)</div></div></div>', body):
        out[cell] = [(k, float(v)) for k, v in re.findall(r'data-k="([^"]+)" data-share="([^"]+)"', donut)]
    return out


def _gradient_colours(body):
    """The colours of each donut's conic gradient, in order."""
    return [re.findall(r"(#[0-9A-F]{6}) [\d.]+% [\d.]+%", g) for g in re.findall(r"conic-gradient\((.*?)\)\"", body)]


def test_each_token_keeps_its_colour_at_every_step():
    maps, _ = _maps()
    shares = memory.shares(maps["rnn"])
    early, late = (_gradient_colours(html.composition({"rnn": shares[s - 1]}, TOKENS, s))[0] for s in (3, 9))
    assert late[:3] == early == [figs.token_color(k) for k in range(3)]
    boxes = re.findall(r'class="x" style="background:(#[0-9A-F]{6})', html.unrolled(TOKENS, 9))
    assert boxes == [figs.token_color(k) for k in range(1, 9)]  # steps 2..9 shown


def test_composition_gradient_follows_the_shares():
    maps, _ = _maps()
    share = memory.shares(maps["gru"])[6]  # step 7
    body = html.composition({"gru": share}, TOKENS, 7)
    ends = [float(e) for e in re.findall(r"#[0-9A-F]{6} [\d.]+% ([\d.]+)%", body)]
    np.testing.assert_allclose(ends, 100 * np.cumsum(share[:7]), atol=1e-4)  # slice k ends where shares 1..k add up
    assert [k for k, _ in _slices(body)["gru"]] == [str(k) for k in range(1, 8)]
    assert "h<sub>7</sub>" in body and "What h_7 is made of" in body


def test_token_window_highlights_the_current_token_at_its_true_position():
    tokens = [f"w{i}" for i in range(1, 101)]
    boxes = re.findall(r'<span( class=now)? title="t = (\d+)">([^<]*)</span>', html.token_window(tokens, 57))
    assert [int(t) for _, t, _ in boxes] == list(range(41, 81))  # two rows of 20 around step 57
    assert [(t, tok) for now, t, tok in boxes if now] == [("57", "w57")]


def test_unrolled_diagram_grows_then_slides():
    labels = lambda body: re.findall(r'class="xl">x<sub>(\d+)</sub>', body)  # noqa: E731
    assert labels(html.unrolled(TOKENS, 3)) == ["1", "2", "3"]
    assert labels(html.unrolled(TOKENS, 11)) == [str(k) for k in range(4, 12)]
    assert "h<sub>0</sub> = 0" in html.unrolled(TOKENS, 3) and "h<sub>0</sub>" not in html.unrolled(TOKENS, 11)
    assert re.findall(r'class="col now">.*?class="xl">x<sub>(\d+)', html.unrolled(TOKENS, 5)) == ["5"]


def test_markup_in_tokens_is_escaped_in_every_html_piece():
    tokens = ["<b>", "<script>alert(1)</script>", "&amp;"]
    shares = np.array([0.2, 0.3, 0.5])
    for body in (html.token_window(tokens, 2), html.unrolled(tokens, 3), html.composition({"rnn": shares}, tokens, 3)):
        assert "<b>" not in body and "&lt;b&gt;" in body
        assert "<script>" not in body and "&lt;script&gt;" in body and "&amp;amp;" in body


def test_step_marks_cover_exactly_the_steps_not_read_yet():
    T, step = 11, 4
    marks = figs.step_marks(3, T, step, focus=2)
    for (x0, x1), hatched, column, row, focus in zip(
        figs.panels(3, figs.PANEL_GAP), marks["hatched"], marks["column"], marks["row"], marks["focus"]
    ):
        width = (x1 - x0) / T  # one step on a panel whose axis runs 0.5 .. T + 0.5
        assert hatched == pytest.approx((x0 + step * width, x1, 0, 1))  # steps 5..11: from the edge at 4.5
        assert column == pytest.approx((x0 + (step - 1) * width, x0 + step * width, 0, 1))
        assert row == pytest.approx((x0, x0 + step * width, (step - 1) / T, step / T))  # C[4, 1..4]
        assert focus == pytest.approx((x0 + 1.5 * width, x0 + 1.5 * width, 1 / T, 1))  # k = 2, rows t = 2..11
    assert figs.step_marks(3, T, T)["hatched"] == []  # at the end, everything has been read


def test_long_maps_show_exact_values_at_evenly_spaced_indices():
    maps, _ = _maps(600, kinds=("rnn",))
    fig = json.loads(figs.contribution_maps(maps).to_json())
    stride = -(-600 // figs.MAX_MAP_CELLS)
    idx = np.arange(0, 600, stride)
    np.testing.assert_array_equal(array(fig["data"][0]["x"]), idx + 1)
    z = array(fig["data"][0]["z"])
    sub = maps["rnn"][np.ix_(idx, idx)]
    shown = np.isfinite(z)
    np.testing.assert_allclose(z[shown], np.log10(sub[shown]), rtol=1e-7)  # log10 C, rounded to float32
    assert np.all(sub[~shown] == 0)  # blank only above the diagonal (or where float64 ran out)
    assert f"one in every {stride} rows" in fig["layout"]["title"]["text"]


def test_heatmaps_are_sent_as_float32_only_when_float32_holds_every_value():
    h = np.array([[0.123456789, -0.5], [1e-3, 0.75]])
    z = figs.compact(h)
    assert z.dtype == np.float32
    np.testing.assert_allclose(z, h, rtol=1e-7)
    diverged = np.array([[1.0, 1e200], [np.inf, np.nan]])  # a relu cell past float32's 3.4e38
    kept = figs.compact(diverged)
    assert kept.dtype == np.float64 and kept[0, 1] == 1e200
    fig = json.loads(figs.hidden_so_far({"rnn": diverged}, ["a", "b"]).to_json())
    np.testing.assert_array_equal(array(fig["data"][0]["z"])[:1], diverged.T[:1])


def test_long_compositions_pool_the_earliest_tokens_into_one_exact_slice():
    maps, _ = _maps(100, kinds=("lstm",))
    share = memory.shares(maps["lstm"])[79]  # step 80
    tokens = scene.sequence(cfg.DEFAULTS.replace(generated=True, length=100)).tokens
    body = html.composition({"lstm": share}, tokens, 80)
    slices = _slices(body)["lstm"]
    first = 80 - html.MAX_SLICES + 1
    assert len(slices) == html.MAX_SLICES and slices[0][0] == f"1–{first}"
    assert f"tokens 1–{first} together" in body
    assert slices[0][1] == pytest.approx(share[:first].sum(), rel=1e-12)
    np.testing.assert_array_equal([v for _, v in slices[1:]], share[first:80])
    assert _gradient_colours(body)[0][1] == figs.token_color(first)  # token first + 1 keeps its own colour


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


def _html(at, marker: str) -> str:
    """The body of the one st.html element that contains ``marker``."""
    found = [e.proto.body for e in at.get("html") if marker in e.proto.body]
    assert len(found) == 1, f"{len(found)} html elements with {marker!r}"
    return found[0]


def _marks_shown(at, T: int) -> dict[str, list[tuple]]:
    """The step's marks the page's CSS draws, read back: the steps hatched (not read yet) and the column boxed
    on the hidden states, the row boxed and the followed token's column dashed on the maps; each as the steps
    it covers on each panel, read against the panel's own axis (domain, and the range 0.5 .. T + 0.5)."""
    css = _html(at, ".st-key-memory_hidden::after")
    domains = [d["domain"] for k, d in chart(at, "Hidden state h_t")["layout"].items() if k.startswith("xaxis")]

    def steps(x0, x1):  # the edges k + 0.5 a rectangle spans, on the panel it lies in
        ((a, b),) = [d for d in domains if d[0] - 1e-6 <= x0 <= d[1] + 1e-6]
        return round((x0 - a) / (b - a) * T, 3), round((x1 - a) / (b - a) * T, 3)

    hidden, maps = css_marks(css, "memory_hidden"), css_marks(css, "memory_maps")
    return {
        "hatched": [steps(*r[:2]) for r in hidden["hatched"]],
        "column": [steps(*r[:2]) for r in hidden["boxes"]],
        "row": [(*steps(*r[:2]), round(r[2] * T, 3), round(r[3] * T, 3)) for r in maps["boxes"]],
        "focus": [(*steps(*r[:2]), round(r[2] * T, 3)) for r in maps["dashed"]],
    }


def _shows_step(at, step: int, T: int = 11, kinds: int = 3, focus: int = 1) -> None:
    """Every step-dependent piece of the page shows ``step`` (and the maps the followed token ``focus``)."""
    assert f"(step {step})" in _html(at, 'class="unrolled"')
    assert f"What h_{step} is made of" in _html(at, 'class="composition"')
    assert all(len(slices) == step for slices in _slices(_html(at, 'class="composition"')).values())
    assert re.findall(r'<span class=now title="t = (\d+)">', _html(at, 'class="tokwin"')) == [str(step)]
    marks = _marks_shown(at, T)
    assert marks["hatched"] == ([(step, T)] * kinds if step < T else [])  # steps step+1 .. T not read yet
    assert marks["column"] == [(step - 1, step)] * kinds
    assert marks["row"] == [(0, step, step - 1, step)] * kinds  # C[step, 1..step]
    assert marks["focus"] == [(focus - 0.5, focus - 0.5, focus - 1)] * kinds  # from the row where it is read


def test_page_shows_the_cores_numbers_on_a_fixed_sentence():
    at = _page({"text": SENTENCE, "step": "6", "focus": "2"})
    s = cfg.DEFAULTS.replace(text=SENTENCE)
    x, T = scene.sequence(s).x, len(TOKENS)
    for i, kind in enumerate(s.cells):
        cell = scene.cell(s, kind)
        C, h = contributions(cell, x), trace(cell, x).hidden
        np.testing.assert_allclose(array(chart(at, "Hidden state h_t")["data"][i]["z"]), h.T, rtol=1e-6, atol=1e-7)
        shares = [v for _, v in _slices(_html(at, 'class="composition"'))[kind]]
        np.testing.assert_allclose(shares, C[5, :6] / C[5].sum(), rtol=1e-12)
        z = array(chart(at, "Contribution of token k")["data"][i]["z"])
        np.testing.assert_allclose(z[np.tril_indices(T)], np.log10(C[np.tril_indices(T)]), rtol=1e-7)  # float32
        line = chart(at, "Influence of token 2")["data"][i]
        np.testing.assert_allclose(array(line["y"]), C[1:, 1] / C[1, 1], rtol=1e-12)
        np.testing.assert_allclose(array(line["customdata"]), C[1:, 1], rtol=1e-12)
        span = memory.memory_span(C)
        expected = f"{span.steps} steps" if span.steps else f"> {span.horizon} steps"
        assert at.metric[i].value == expected and at.metric[i].label.startswith(kind.upper())
    _shows_step(at, 6, focus=2)  # the steps after 6 hatched as not read yet, row 6 of the maps boxed
    assert any("same cell with the same weights" in c.value for c in at.caption)  # beside the unrolled diagram


@pytest.mark.parametrize(
    "button,start,expected", [("step_first", 5, 1), ("step_prev", 5, 4), ("step_next", 5, 6), ("step_last", 5, 11)]
)
def test_each_step_button_moves_every_chart(button, start, expected):
    at = _page({"text": SENTENCE, "step": str(start)})
    at.button(key=button).click().run()
    assert not at.exception and _step(at) == expected
    _shows_step(at, expected)


def test_stepping_leaves_the_plotly_figures_unchanged():
    # a changed figure is drawn again from scratch in the browser; the step is marked by CSS instead
    at = _page({"text": SENTENCE, "step": "5"})
    before = charts(at)
    at.button(key="step_next").click().run()
    at.slider(key="step").set_value(2).run()
    assert not at.exception and _step(at) == 2 and charts(at) == before


def test_step_slider_and_play():
    at = _page({"text": SENTENCE})
    assert _step(at) == 11  # opens at the end
    at.slider(key="step").set_value(3).run()
    assert not at.exception
    _shows_step(at, 3)
    at.button(key="step_play").click().run()  # plays 3 -> 11, one rerun a step, then stops
    assert not at.exception and _step(at) == 11 and not at.session_state["_playing"]
    _shows_step(at, 11)


@pytest.mark.parametrize("name", presets.offered("examples"))
def test_preset_picker_loads_the_sequence(name):
    at = _page()
    at.selectbox(key="examples_preset").set_value(name).run()
    assert not at.exception and at.selectbox(key="examples_preset").value is None  # ready for the next pick
    preset = presets.PRESETS[name].changes
    s = cfg.DEFAULTS.replace(**preset)
    tokens = scene.sequence(s).tokens
    assert at.toggle(key="generated").value == preset["generated"]
    if not preset["generated"]:
        assert at.text_area(key="text").value == preset["text"]
    x = chart(at, "Influence of token 1")["data"][0]["x"]
    assert array(x)[-1] == len(tokens)


def test_focus_slider_follows_another_token_and_is_clamped_when_the_text_shrinks():
    at = _page({"text": SENTENCE, "step": "6"})
    maps = chart(at, "Contribution of token k")
    at.slider(key="focus").set_value(3).run()
    fig = chart(at, "Influence of token 3")
    assert "“that”" in fig["layout"]["title"]["text"] and array(fig["data"][0]["x"])[0] == 3
    _shows_step(at, 6, focus=3)
    assert chart(at, "Contribution of token k") == maps  # the followed column is CSS: the maps are not redrawn
    at.button(key="step_prev").click().run()  # a step keeps the followed column
    _shows_step(at, 5, focus=3)
    at.text_area(key="text").set_value("a b").run()
    assert not at.exception and at.slider(key="focus").value == 2
    _shows_step(at, 2, T=2, focus=2)


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
    assert "尚未读到" in chart(at, "隐藏状态")["layout"]["title"]["text"]  # "not read yet"
    assert "h_6 由什么组成" in _html(at, 'class="composition"') and "（第 6 步）" in _html(at, 'class="unrolled"')
    assert at.metric[0].label.startswith("RNN 记忆跨度")


def test_long_generated_sequence_computes_in_blocks_with_exact_numbers():
    at = _page({"generated": "true", "length": "120", "step": "120", "cells": ["lstm"]})
    s = cfg.DEFAULTS.replace(generated=True, length=120, cells=("lstm",))
    C = contributions(scene.cell(s, "lstm"), scene.sequence(s).x)  # computed for exactly 120 tokens
    line = chart(at, "Influence of token 1")["data"][0]
    np.testing.assert_allclose(array(line["customdata"]), C[:, 0], rtol=1e-10)
    assert at.metric[0].value.endswith("steps")


def test_a_bidirectional_cell_has_a_full_map_and_shares_h_t_among_every_token():
    at = _page({"text": SENTENCE, "step": "4", "bidirectional": "true", "cells": ["lstm"]})
    s = cfg.DEFAULTS.replace(text=SENTENCE, bidirectional=True, cells=("lstm",))
    cell, x, T = scene.cell(s.model, "lstm"), scene.sequence(s.model).x, len(TOKENS)
    assert cell.bidirectional
    C, h = contributions(cell, x), trace(cell, x).hidden
    assert h.shape == (T, 2 * s.hidden)  # forward and backward halves side by side
    np.testing.assert_allclose(array(chart(at, "Hidden state h_t")["data"][0]["z"]), h.T, rtol=1e-6, atol=1e-7)
    z = array(chart(at, "Contribution of token k")["data"][0]["z"])
    np.testing.assert_allclose(z, np.log10(C), rtol=1e-6)  # every entry drawn, above the diagonal too
    shares = [v for _, v in _slices(_html(at, 'class="composition"'))["lstm"]]
    np.testing.assert_allclose(shares, C[3] / C[3].sum(), rtol=1e-12)  # all 11 tokens, those after step 4 too
    assert any("Units 1–16 are the forward direction" in i.value for i in at.info)
    assert any("For a bidirectional cell the span" in c.value for c in at.caption)
    assert "forward units above, backward below" in chart(at, "Hidden state h_t")["layout"]["title"]["text"]
    assert _marks_shown(at, T)["hatched"] == []  # nothing is "not read yet" for the backward half


def test_stacked_layers_show_the_top_layers_states():
    at = _page({"text": SENTENCE, "layers": "2", "cells": ["gru"]})
    s = cfg.DEFAULTS.replace(text=SENTENCE, layers=2, cells=("gru",))
    cell, x = scene.cell(s.model, "gru"), scene.sequence(s.model).x
    assert cell.num_layers == 2
    top = trace(cell, x).parts[1, False].hidden
    np.testing.assert_allclose(array(chart(at, "Hidden state h_t")["data"][0]["z"]), top.T, rtol=1e-6, atol=1e-7)
    z = array(chart(at, "Contribution of token k")["data"][0]["z"])
    C = contributions(cell, x)
    np.testing.assert_allclose(z[np.tril_indices(len(x))], np.log10(C[np.tril_indices(len(x))]), rtol=1e-6)
    assert np.isnan(z[np.triu_indices(len(x), 1)]).all()  # one way: no later token shapes h_t


def test_a_bidirectional_cells_step_marks_hatch_nothing_and_box_the_whole_row():
    one_way, both = figs.step_marks(2, 10, 4, focus=3), figs.step_marks(2, 10, 4, focus=3, both_ways=True)
    assert one_way["hatched"] and not both["hatched"]  # the backward half has read steps 5..10 already
    for (a0, a1, *_), (b0, b1, *_) in zip(one_way["row"], both["row"]):
        assert a0 == b0 and b1 > a1  # row 4 across every token, not only 1..4
    assert all(f[2] == 0.0 for f in both["focus"])  # token 3 shapes h_1 and h_2 too
    assert one_way["column"] == both["column"]
