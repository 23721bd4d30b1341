"""The Gates page: its numbers against torch.nn, its equations against the cells' docstrings, every control."""

import math
import re
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from helpers import array, chart, charts, css_marks, torch_modules
from streamlit.testing.v1 import AppTest

from rnnviz import equations, gates, scene
from rnnviz import settings as cfg
from rnnviz.analysis import Trace
from rnnviz.cells import CELLS
from rnnviz.figures import gates as gate_figs
from rnnviz.figures.gates import shaded_html

TORCH_MODULES = torch_modules()

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SYMBOLS = {
    "lstm": {"i": "input", "f": "forget", "g": "cell", "o": "output"},
    "gru": {"r": "reset", "z": "update", "n": "new"},
    "rnn": {},
}


# ---- independent reference: torch.nn modules, F.linear on their stacked weights, their own states ----


def _reference(kind, module, x, nonlinearity="tanh"):
    """Every quantity by symbol, (T, H), from torch.nn's hidden states and F.linear on its weights."""
    with torch.no_grad():
        h_all, _ = module(x)
        H = h_all.shape[1]
        out = {"h": h_all}
        if kind == "lstm":  # torch.nn's own cell states, one step at a time
            cells, state = [], None
            for x_t in x:
                _, state = module(x_t[None], state)
                cells.append(state[1][0])
            out["c"] = torch.stack(cells)
        h_prev = torch.cat([torch.zeros(1, H, dtype=x.dtype), h_all[:-1]])
        gi = F.linear(x, module.weight_ih_l0, module.bias_ih_l0)
        gh = F.linear(h_prev, module.weight_hh_l0, module.bias_hh_l0)
        if kind == "lstm":
            a = (gi + gh).chunk(4, dim=1)
            out.update(i=a[0].sigmoid(), f=a[1].sigmoid(), g=a[2].tanh(), o=a[3].sigmoid())
        elif kind == "gru":
            (ir, iz, in_), (hr, hz, hn) = gi.chunk(3, dim=1), gh.chunk(3, dim=1)
            r = (ir + hr).sigmoid()
            out.update(r=r, z=(iz + hz).sigmoid(), n=(in_ + r * hn).tanh())
    return {k: v.numpy() for k, v in out.items()}


def _module(kind, D, H, seed, nonlinearity="tanh"):
    torch.manual_seed(seed)
    options = {"nonlinearity": nonlinearity} if kind == "rnn" else {}
    return TORCH_MODULES[kind](D, H, **options).double()


def _params(module):
    return {k: v.detach().numpy() for k, v in module.state_dict().items()}


def _previous(ref, step, H):
    prev = {"h": ref["h"][step - 2] if step > 1 else np.zeros(H)}
    if "c" in ref:
        prev["c"] = ref["c"][step - 2] if step > 1 else np.zeros(H)
    return prev


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("D,H,T,seed", [(1, 1, 3, 0), (3, 5, 9, 1), (8, 16, 20, 2), (4, 33, 12, 3)])
def test_docstring_equations_evaluate_to_torch_nn(kind, D, H, T, seed):
    module = _module(kind, D, H, seed)
    x = torch.randn(T, D, dtype=torch.float64)
    ref = _reference(kind, module, x)
    for step in range(1, T + 1):
        got = equations.evaluate_step(kind, _params(module), x[step - 1].numpy(), _previous(ref, step, H))
        assert set(got) == set(ref)
        for symbol, value in got.items():
            np.testing.assert_allclose(value, ref[symbol][step - 1], atol=1e-12, err_msg=symbol)


@pytest.mark.parametrize("nonlinearity", ["relu", "tanh"])
def test_rnn_phi_follows_the_nonlinearity(nonlinearity):
    module = _module("rnn", 4, 6, 7, nonlinearity)
    x = torch.randn(8, 4, dtype=torch.float64)
    with torch.no_grad():
        h = module(x)[0].numpy()
    got = equations.evaluate_step("rnn", _params(module), x[3].numpy(), {"h": h[2]}, nonlinearity)
    np.testing.assert_allclose(got["h"], h[3], atol=1e-12)
    if nonlinearity == "relu":
        assert gates.quantities("rnn", "relu")[0].scale == gates.FREE


def test_rendered_equations_are_the_docstrings():
    for kind, cls in CELLS.items():
        lines = [ln.strip() for ln in cls.__doc__.splitlines() if re.match(r"\s*[a-z]_t = ", ln)]
        assert [f"{e.lhs} = {e.rhs}" for e in equations.equations(kind)] == lines
        assert lines, kind
    assert [e.lhs for e in equations.equations("lstm")] == ["i_t", "f_t", "g_t", "o_t", "c_t", "h_t"]


def _evaluate_latex(expr):
    """Evaluate a plugged-in line by hand: numbers, +, -, \\cdot, sigma, tanh, relu, parentheses."""
    py = (
        expr.replace(r"\left(", "(")
        .replace(r"\right)", ")")
        .replace(r"\cdot", "*")
        .replace(r"\operatorname{relu}", "relu")
        .replace(r"\sigma", "sig")
        .replace(r"\tanh", "tanh")
    )
    assert re.fullmatch(r"[-+*() .0-9a-z]*", py), py
    funcs = {"sig": lambda a: 1 / (1 + math.exp(-a)), "tanh": math.tanh, "relu": lambda a: max(a, 0.0)}
    return eval(py, {"__builtins__": {}}, funcs)


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_plugged_in_numbers_reproduce_torchs_next_state(kind):
    D, H, T = 5, 7, 6
    module = _module(kind, D, H, 11)
    x = torch.randn(T, D, dtype=torch.float64) * 2
    ref = _reference(kind, module, x)
    for step, unit in [(1, 0), (4, 3), (6, 6)]:
        lines = equations.plugged(kind, _params(module), x[step - 1].numpy(), _previous(ref, step, H), unit)
        for p in lines:
            expected = ref[p.lhs[0]][step - 1, unit]
            assert p.value == pytest.approx(expected, abs=1e-12)
            for shown in (p.numbers, p.reduced):  # rounded to 4 decimals, so close but not exact
                assert _evaluate_latex(shown) == pytest.approx(expected, abs=2e-3), (p.lhs, shown)


def test_pre_activation_is_shown_summed():
    module = _module("lstm", 3, 4, 0)
    x = torch.randn(2, 3, dtype=torch.float64)
    ref = _reference("lstm", module, x)
    f = equations.plugged("lstm", _params(module), x[1].numpy(), _previous(ref, 2, 4), 2)[1]
    W, b = module.weight_ih_l0.detach().numpy(), module.bias_ih_l0.detach().numpy()
    U, c = module.weight_hh_l0.detach().numpy(), module.bias_hh_l0.detach().numpy()
    a = W[4 + 2] @ x[1].numpy() + b[6] + U[6] @ ref["h"][0] + c[6]  # forget block is rows 4..7
    assert f.reduced == rf"\sigma\left({a:.4f}\right)"
    assert f.value == pytest.approx(1 / (1 + math.exp(-a)), abs=1e-12)


@pytest.mark.parametrize("bad", ["(x_t", r"\sigma x_t", "x_t +", "x_t ) y_t", "x_t * y_t"])
def test_parser_rejects_malformed_equations(bad):
    with pytest.raises(ValueError):
        equations.parse(bad)


def test_saturation_counts_strictly_beyond_the_thresholds():
    assert gates.saturation(np.array([0.05, 0.1, 0.5, 0.9, 0.95])) == (0.2, 0.2)
    assert gates.saturation(np.array([[0.0, 1.0], [0.01, 0.99]])) == (0.5, 0.5)


def test_cell_saturation_pools_the_sigmoid_gates_only():
    module = _module("lstm", 3, 4, 5)
    ref = _reference("lstm", module, torch.randn(30, 3, dtype=torch.float64) * 4)
    tr = _trace_from(ref)
    sat = gates.cell_saturation(tr, "lstm")
    assert set(sat) == {"i", "f", "o", "all"}  # g is a tanh candidate, not a gate
    for s in "ifo":
        assert sat[s] == (np.mean(ref[s] < 0.1), np.mean(ref[s] > 0.9))
    pooled = np.concatenate([ref[s].ravel() for s in "ifo"])
    assert sat["all"] == pytest.approx((np.mean(pooled < 0.1), np.mean(pooled > 0.9)))


def _trace_from(ref):
    names = {"i": "input", "f": "forget", "g": "cell", "o": "output", "r": "reset", "z": "update", "n": "new"}
    return Trace(hidden=ref["h"], cell=ref.get("c"), gates={names[k]: v for k, v in ref.items() if k in names})


def test_quantities_cover_every_gate_and_state():
    for kind, cls in CELLS.items():
        fields = {q.field for q in gates.QUANTITIES[kind]}
        assert fields == set(cls.gate_names) | {"hidden"} | ({"cell_state"} if cls.has_cell_state else set())
        assert {q.symbol: q.field for q in gates.QUANTITIES[kind] if q.field in cls.gate_names} == SYMBOLS[kind]


def test_value_ranges():
    assert gates.value_range(gates.SIGMOID, []) == (0.0, 1.0)
    assert gates.value_range(gates.TANH, [np.array([5.0])]) == (-1.0, 1.0)
    assert gates.value_range(gates.FREE, [np.array([0.3, -0.2])]) == (-1.0, 1.0)  # never narrower than tanh
    assert gates.value_range(gates.FREE, [np.array([0.3, np.inf]), np.array([-2.5])]) == (-2.5, 2.5)


def test_shaded_text_positions():
    items = gates.shaded_text(["a", "b", "c", "d"], np.array([-1.0, 0.0, 1.0, 3.0]), (-1.0, 1.0))
    assert [s.position for s in items] == [0.0, 0.5, 1.0, 1.0]
    assert [s.value for s in items] == [-1.0, 0.0, 1.0, 3.0]


def test_shaded_html_shows_markup_as_text():
    tokens = ["<script>", "alert(1)", "</script>", "<img src=x onerror=alert(1)>", "&amp;"]
    html = shaded_html(gates.shaded_text(tokens, np.zeros(5), (-1, 1)), gates.TANH, "caption")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "&amp;amp;" in html


# ---- the page in AppTest ----


def _app(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.switch_page("pages/gates.py").run()
    assert not at.exception
    return at


def _settings(at) -> cfg.Settings:
    """The settings the page used, read back from its widgets."""
    values = {k: cfg.encode(k, at.session_state[k]) for k in cfg.FIELDS if k in at.session_state}
    return cfg.from_query(values)[0]


def _page_reference(s, kind):
    cell = scene.cell(s, kind)
    module = TORCH_MODULES[kind](s.dim, s.hidden).double()
    module.load_state_dict(cell.state_dict())
    return _reference(kind, module, scene.sequence(s).x.double())


def _traces(at, title):
    return {tr["name"]: tr for tr in chart(at, title)["data"]}


def _bars(at, kind):
    """(title, {symbol: (values, chosen unit 1-based)}) of a cell's bars, read back from their HTML."""
    found = [h.value for h in at.get("html") if f'class="gbars" data-cell="{kind}"' in h.value]
    assert len(found) == 1
    title = re.search(r'<div class="t">(.*?)</div>', found[0])[1]
    blocks = {}
    for symbol, block in re.findall(r'<div class="blk" data-q="(\w)">(.*?)</div>', found[0]):
        bars = re.findall(r'<i( class=on)? style="[^"]*" data-v="([^"]+)"', block)
        blocks[symbol] = (np.array([float(v) for _, v in bars]), [u for u, (on, _) in enumerate(bars, 1) if on])
    return title, blocks


def _step(at):
    return at.slider(key="step").value


QUERY = {
    "text": "the cat sat on the mat because it was warm",
    "hidden": "6",
    "forget_bias": "1.5",
    "update_bias": "-0.7",
    "seed": "4",
    "step": "7",
    "unit": "4",
}


def test_bars_and_heatmaps_show_torch_nns_gates():
    at = _app(**QUERY)
    s = _settings(at)
    assert (s.forget_bias, s.update_bias, s.step, s.unit) == (1.5, -0.7, 7, 4)
    for kind in ("rnn", "lstm", "gru"):
        ref = _page_reference(s, kind)
        title, bars = _bars(at, kind)
        heat = _traces(at, f"{kind.upper()}: units × time")
        assert title.startswith(f"{kind.upper()} at step 7 ")
        assert set(heat) == set(ref) and set(bars) == set(ref) - {"c"}  # c is unbounded: heatmap only
        for symbol, expected in ref.items():
            np.testing.assert_allclose(array(heat[symbol]["z"]), expected.T, atol=1e-6, err_msg=symbol)  # float32
            if symbol != "c":
                np.testing.assert_allclose(bars[symbol][0], expected[6], atol=1e-9, err_msg=symbol)
                assert bars[symbol][1] == [4]  # the unit followed


def _latex_lines(at, kind=None):
    """(lhs, symbolic, [worked-out expressions]) for each rendered equation, in page order; with ``kind``,
    after opening that cell's tab (only the open tab is typeset)."""
    if kind:
        at.session_state["gates_eq_tab"] = kind.upper()
        at.run()
        assert not at.exception and [tb.label for tb in at.tabs if tb.label == kind.upper()]
    out = []
    for el in at.latex:  # one aligned block per cell: "lhs &= as written \\ &= worked out", rows apart
        block = re.search(r"\\begin\{aligned\}(.*)\\end\{aligned\}", el.value, re.S)[1]
        for row in block.split(r" \\[0.9em] "):
            m = re.fullmatch(r"(\w_t) &= (.*?) \\\\ &= (.*)", row.strip(), re.S)
            out.append((m[1], m[2], m[3].split(" = ")))
    return out


def test_equation_numbers_reproduce_the_next_state():
    at = _app(**QUERY)
    s = _settings(at)
    assert [lhs for lhs, _, _ in _latex_lines(at)] == ["i_t", "f_t", "g_t", "o_t", "c_t", "h_t"]  # LSTM first
    lines = [line for k in s.cells for line in _latex_lines(at, k)]
    kinds = [k for k in s.cells for _ in equations.equations(k)]
    assert len(lines) == len(kinds) == 1 + 6 + 4
    refs = {k: _page_reference(s, k) for k in s.cells}
    for kind, (lhs, symbolic, worked) in zip(kinds, lines):
        expected = refs[kind][lhs[0]][6, 3]  # step 7, unit 4
        assert symbolic in CELLS[kind].__doc__
        assert float(worked[-1]) == pytest.approx(expected, abs=6e-5)
        for expr in worked[:-1]:
            assert _evaluate_latex(expr) == pytest.approx(expected, abs=2e-3), (kind, lhs, expr)
    c_line = next(w for k, (lhs, _, w) in zip(kinds, lines) if k == "lstm" and lhs == "c_t")
    f, c_prev, i, g = (float(v) for v in re.findall(r"-?\d+\.\d+", c_line[0]))
    ref = refs["lstm"]  # c_t = f * c_{t-1} + i * g, with the numbers the page shows
    assert (f, c_prev, i, g) == pytest.approx(
        (ref["f"][6, 3], ref["c"][5, 3], ref["i"][6, 3], ref["g"][6, 3]), abs=6e-5
    )
    assert f * c_prev + i * g == pytest.approx(ref["c"][6, 3], abs=2e-4)
    assert all("largest difference" in c.value for c in at.caption if "give back" in c.value)


def _shaded(at):
    return [h for h in at.get("html") if 'class="shaded"' in h.value]


def _marked_token(at):
    """The token the step CSS outlines in the shaded text (1-based)."""
    css = "".join(h.value for h in at.get("html") if 'class="shaded"' not in h.value)
    found = re.findall(r"\.shaded \.tok:nth-of-type\((\d+)\) \{ border-color: #111111", css)
    assert len(found) == 1
    return int(found[0])


def _marker(at, kind):
    """(step column, unit row) marked on a cell's heatmaps by the page's CSS: the step's box laid over them,
    and the one unit whose dashed rows the CSS holds."""
    fig = chart(at, f"{kind.upper()}: units × time")
    T, H, n_rows = len(fig["data"][0]["x"]), len(array(fig["data"][0]["y"])), len(fig["data"])
    css = "".join(h.value for h in at.get("html") if "<style>" in h.value)
    (box,) = css_marks(css, f"gates_heat_{kind}")["boxes"]
    assert box[1] - box[0] == pytest.approx(1 / T) and box[2:] == pytest.approx((0, 1))  # one column, every row
    dashed = css_marks(css, f"gates_heat_{kind}", "before")["dashed"]
    units = [u for u in range(1, H + 1) if np.allclose(dashed, gate_figs.unit_rows(n_rows, H, u))]
    assert len(units) == 1
    return round(box[0] * T) + 1, units[0]


def test_unit_marks_sit_on_the_units_row_of_every_heatmap():
    """Against the figure's own axes: row r's y domain (plotly's, fractions of the plot height from the bottom)."""
    T, H = 9, 5
    rows = [(gates.Quantity(sym, "input", gates.SIGMOID), np.zeros((T, H))) for sym in ("i", "f", "o")]
    fig = gate_figs.gate_heatmaps("lstm", rows, [f"w{k}" for k in range(T)], {gates.SIGMOID: (0, 1)})
    assert not fig.layout.shapes  # nothing in the figure depends on the step or the unit
    for r, (x0, x1, y0, y1) in enumerate(gate_figs.unit_rows(len(rows), H, 2)):
        d0, d1 = fig.layout[f"yaxis{r + 1 if r else ''}"].domain  # fractions of the plot height, from the bottom
        assert (x0, x1) == (0, 1)
        assert (y0, y1) == pytest.approx(
            (1 - d1 + (d1 - d0) * 1 / H, 1 - d1 + (d1 - d0) * 2 / H)
        )  # unit 2 of 5, 1 on top


def test_every_step_control_moves_every_chart():
    at = _app(text="one two three four five six")
    assert _step(at) == 6 and _marker(at, "lstm") == (6, 1)
    for key, expected in [("step_first", 1), ("step_next", 2), ("step_next", 3), ("step_prev", 2), ("step_last", 6)]:
        at.button(key=key).click().run()
        assert not at.exception and _step(at) == expected
        for kind in ("rnn", "lstm", "gru"):
            assert _marker(at, kind) == (expected, 1)
            assert _bars(at, kind)[0].startswith(f"{kind.upper()} at step {expected} ")
        assert _marked_token(at) == expected
    at.slider(key="step").set_value(4).run()
    assert _marker(at, "gru") == (4, 1) and "At step 4" in at.subheader[1].value


def test_stepping_leaves_the_heatmap_figures_unchanged():
    """Streamlit redraws a plotly chart from scratch when its figure changes: the heatmaps must not."""
    at = _app(text="one two three four")
    before = {k: chart(at, f"{k.upper()}: units × time") for k in ("rnn", "lstm", "gru")}
    text = [h.value for h in _shaded(at)]
    at.button(key="step_prev").click().run()
    assert _marker(at, "gru") == (3, 1) and _marked_token(at) == 3
    assert all(chart(at, f"{k.upper()}: units × time") == fig for k, fig in before.items())
    assert [h.value for h in _shaded(at)] == text


def test_play_runs_to_the_end_and_stops():
    at = _app(text="a b c", step="1")
    at.button(key="step_play").click().run()
    assert not at.exception and _step(at) == 3 and not at.session_state["_playing"]


def test_unit_control_moves_the_outline_equations_and_text():
    at = _app(**QUERY)
    s = _settings(at)
    before = {k: chart(at, f"{k.upper()}: units × time") for k in ("rnn", "lstm", "gru")}
    at.number_input(key="unit").set_value(2).run()
    assert _marker(at, "rnn") == (7, 2)
    assert all(chart(at, f"{k.upper()}: units × time") == fig for k, fig in before.items())  # no redraw: CSS moved
    assert all(chosen == [2] for _, chosen in _bars(at, "lstm")[1].values())
    ref = _page_reference(s, "gru")
    gru_h = [w for lhs, _, w in _latex_lines(at, "gru") if lhs == "h_t"][-1]
    assert float(gru_h[-1]) == pytest.approx(ref["h"][6, 1], abs=6e-5)
    shown = [float(v) for v in re.findall(r'title="(-?[\d.]+)"', _shaded(at)[2].value)]
    np.testing.assert_allclose(shown, ref["h"][:, 1], atol=6e-5)  # GRU line, unit 2
    at.number_input(key="unit").set_value(5).run()
    at.slider(key="hidden").set_value(3).run()  # the unit followed no longer exists: clamped
    assert not at.exception and at.number_input(key="unit").value == 3 and _marker(at, "lstm") == (7, 3)


@pytest.mark.parametrize("symbol", cfg.FIELDS["shade"].metadata["choices"])
def test_every_shade_colours_the_text_by_that_quantity(symbol):
    at = _app(**QUERY, shade=symbol)
    s = _settings(at)
    kinds = [k for k in s.cells if symbol in _page_reference(s, k)]
    blocks = _shaded(at)
    assert len(blocks) == len(kinds) > 0
    for kind, block in zip(kinds, blocks):
        shown = [float(v) for v in re.findall(r'title="(-?[\d.]+)"', block.value)]
        np.testing.assert_allclose(shown, _page_reference(s, kind)[symbol][:, 3], atol=6e-5)
        assert block.value.count('class="tok"') == len(scene.sequence(s).tokens) and f"{kind.upper()}," in block.value
    assert _marked_token(at) == 7


def test_a_quantity_no_selected_cell_has_gives_a_message():
    at = _app(cells=["rnn"], shade="f")
    assert not _shaded(at) and any("None of the selected cells has f" in i.value for i in at.info)
    assert any("select the LSTM or the GRU" in i.value for i in at.info)  # no gates, no saturation
    assert [c["layout"]["title"]["text"] for c in charts(at)] == ["RNN: units × time"]
    assert _bars(at, "rnn")[0] == "RNN at step 5 (“?”), all units"


def test_markup_tokens_are_escaped_in_the_coloured_text():
    at = _app(text='<script>alert("x")</script> <img src=x onerror=alert(1)>')
    for block in _shaded(at):
        assert "<script" not in block.value and "<img" not in block.value
        assert "&lt;" in block.value and ">script</span>" in block.value


def test_saturation_chart_matches_torch_nns_gates():
    at = _app(**QUERY)
    s = _settings(at)
    bars = {tr["name"]: tr for tr in chart(at, "Gate saturation")["data"]}
    low, high = (array(bars[n]["x"]) for n in ("below 0.1 (shut)", "above 0.9 (open)"))
    names = chart(at, "Gate saturation")["data"][0]["y"]
    expected = {}
    for kind in ("lstm", "gru"):
        ref = _page_reference(s, kind)
        symbols = list(SYMBOLS[kind])
        for sym in [x for x in symbols if x not in "gn"]:
            expected[f"{kind.upper()} {sym}"] = (100 * np.mean(ref[sym] < 0.1), 100 * np.mean(ref[sym] > 0.9))
    for name, (lo, hi) in expected.items():
        k = names.index(name)
        assert (low[k], high[k]) == pytest.approx((lo, hi))
    assert "LSTM all gates" in names and "GRU all gates" in names


def test_gate_bias_sliders_saturate_the_gates_and_c_leaves_the_tanh_range():
    at = _app(generated="true", length="100")
    names = chart(at, "Gate saturation")["data"][1]["y"]
    high = array(chart(at, "Gate saturation")["data"][1]["x"])
    assert high[names.index("LSTM f")] == high[names.index("GRU z")] == 0  # random weights: gates near 0.5
    at.slider(key="forget_bias").set_value(5.0).run()
    at.slider(key="update_bias").set_value(5.0).run()
    s = _settings(at)
    assert (s.forget_bias, s.update_bias, len(scene.sequence(s).tokens)) == (5.0, 5.0, 100)
    high = array(chart(at, "Gate saturation")["data"][1]["x"])
    ref = {k: _page_reference(s, k) for k in ("lstm", "gru")}
    assert (
        high[names.index("LSTM f")] == pytest.approx(100 * np.mean(ref["lstm"]["f"] > 0.9))
        and high[names.index("LSTM f")] > 95
    )
    assert (
        high[names.index("GRU z")] == pytest.approx(100 * np.mean(ref["gru"]["z"] > 0.9))
        and high[names.index("GRU z")] > 95
    )
    c_max = np.abs(_page_reference(s, "lstm")["c"]).max()
    assert c_max > 1  # the cell state is not bounded: the page's scale follows it
    heat = _traces(at, "LSTM: units × time")["c"]
    assert heat["zmax"] == pytest.approx(c_max) and heat["zmin"] == pytest.approx(-c_max)
    assert any(f"{c_max:.2f}" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "query",
    [
        {"hidden": "1"},
        {"chars": "true"},
        {"text": "现在几点了？"},
        {"cells": ["gru", "lstm"]},
        {"text": ""},
        {"hidden": "4", "unit": "9"},
    ],
)
def test_edge_settings_give_a_picture_or_a_message(query):
    at = _app(**query)
    if query.get("text") == "":
        assert not charts(at) and at.info
        return
    assert charts(at) and at.latex
    assert 1 <= at.number_input(key="unit").value <= _settings(at).hidden  # a unit beyond H is not kept


def test_the_open_equation_tab_survives_a_change_of_cells():
    at = _app()
    assert [lhs for lhs, _, _ in _latex_lines(at, "gru")] == ["r_t", "z_t", "n_t", "h_t"]
    at.multiselect(key="cells").set_value(["rnn", "lstm"]).run()  # the open tab's cell is gone
    assert not at.exception and [lhs for lhs, _, _ in _latex_lines(at)] in (
        ["h_t"],
        ["i_t", "f_t", "g_t", "o_t", "c_t", "h_t"],
    )


def test_chinese_interface_leaves_no_english_in_the_pages_own_labels():
    at = _app()
    at.selectbox(key="lang").set_value("zh").run()
    assert not at.exception
    titles = " ".join(c["layout"]["title"]["text"] for c in charts(at))
    assert "单元 × 时间" in titles and not re.search(r"units|step|saturation|time", titles)
    subplot = " ".join(a["text"] for c in charts(at) for a in c["layout"].get("annotations", []))
    assert "遗忘门 f" in subplot and not re.search(r"gate|state|candidate", subplot)
    bars = _bars(at, "lstm")[0] + " ".join(h.value.split("</style>")[1] for h in at.get("html") if "gbars" in h.value)
    assert "第 5 步" in bars and "遗忘门 f" in bars and not re.search(r"units|step|gate|state|candidate", bars)
    assert at.radio(key="shade").label == "着色依据" and at.number_input(key="unit").label == "跟踪的隐藏单元"
    assert all(not re.search(r"[A-Za-z]{5,}", h.value.split("</div>")[0].split(">")[-1]) for h in _shaded(at))
