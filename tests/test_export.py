"""The exported view (rnnviz.export): the numbers in the file are torch.nn's and torch.autograd's for that view,
text the user typed is escaped, the command line explains a bad link without a traceback, and the files are small
enough to e-mail."""

import datetime
import html
import json
import re
import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from helpers import array, torch_modules

from rnnviz import export, scene, urls
from rnnviz.export_parts import md as _md
from rnnviz.i18n import t
from rnnviz.settings import from_query

TORCH_MODULES = torch_modules()
MB = 1e6


def figures(text: str) -> list[dict]:
    """The figures a file draws, read from its JSON block."""
    found = re.search(r'<script type="application/json" id="rnnviz-figures">(.*?)</script>', text, re.S)
    return json.loads(found[1])


def leader(figs: list[dict]) -> dict:
    """The one figure with the slider."""
    (fig,) = [f for f in figs if f["layout"].get("sliders")]
    return fig


def frames(fig: dict) -> dict[int, dict]:
    return {int(f["name"]): f for f in fig["frames"]}


def settings(query: str):
    s, notes = from_query(urls.parse(query)[1])
    assert notes == []
    return s


def module(s, kind):
    """torch.nn's own module with the view's cell's weights (float64)."""
    cell = scene.cell(s.model, kind)
    options = {"nonlinearity": s.nonlinearity} if kind == "rnn" else {}
    out = TORCH_MODULES[kind](s.dim, s.hidden, **options).double()
    out.load_state_dict(cell.state_dict())
    return out


def reference_shares(s, kind) -> np.ndarray:
    """Memory composition from torch.autograd on torch.nn: C[t, k] = ||dh_t/dx_k||_F, each row over its sum."""
    x = scene.sequence(s.model).x.double()
    net = module(s, kind)
    J = torch.autograd.functional.jacobian(lambda inp: net(inp)[0], x)  # (T, H, T, D)
    C = J.pow(2).sum(dim=(1, 3)).sqrt().numpy()
    return C / C.sum(axis=1, keepdims=True)


def reference_gates(s, kind) -> dict[str, np.ndarray]:
    """Every quantity (T, H) from torch.nn's hidden states and F.linear on its stacked weights."""
    x = scene.sequence(s.model).x.double()
    net = module(s, kind)
    with torch.no_grad():
        h, _ = net(x)
        h_prev = torch.cat([torch.zeros(1, h.shape[1], dtype=x.dtype), h[:-1]])
        gi = F.linear(x, net.weight_ih_l0, net.bias_ih_l0)
        gh = F.linear(h_prev, net.weight_hh_l0, net.bias_hh_l0)
        out = {"h": h}
        if kind == "lstm":
            a = (gi + gh).chunk(4, dim=1)
            out.update(i=a[0].sigmoid(), f=a[1].sigmoid(), g=a[2].tanh(), o=a[3].sigmoid())
        elif kind == "gru":
            (ir, iz, in_), (hr, hz, hn) = gi.chunk(3, dim=1), gh.chunk(3, dim=1)
            r = (ir + hr).sigmoid()
            out.update(r=r, z=(iz + hz).sigmoid(), n=(in_ + r * hn).tanh())
    return {k: v.numpy() for k, v in out.items()}


@pytest.mark.parametrize("query", ["", "generated=true&length=14&seed=2&hidden=6&forget_bias=2"])
def test_step_through_file_holds_the_memory_composition_of_torch_autograd_at_every_step(query):
    s = settings(query)
    figs = figures(export.export(s, "memory"))
    T = len(scene.sequence(s.model).tokens)
    lead = leader(figs)
    assert len(lead["layout"]["sliders"][0]["steps"]) == T
    steps = frames(lead)
    assert sorted(steps) == list(range(1, T + 1))
    kinds = [tr["meta"]["cell"] for tr in lead["data"]]
    assert kinds == list(s.cells)
    for kind in kinds:
        ref = reference_shares(s, kind)
        i = kinds.index(kind)
        np.testing.assert_allclose(array(lead["data"][i]["y"]), ref[T - 1], rtol=1e-5, atol=1e-7)  # opens at the end
        for step, frame in steps.items():
            (pos,) = [j for j, tr in enumerate(frame["traces"]) if tr == i]
            np.testing.assert_allclose(array(frame["data"][pos]["y"]), ref[step - 1], rtol=1e-5, atol=1e-7)
    # the hidden states and the maps follow the slider: a frame per step, and they hold torch.nn's h
    followers = [f for f in figs if f is not lead and f.get("frames")]
    assert len(followers) == 2 and all(len(f["frames"]) == T for f in followers)
    hidden = followers[0]
    for i, kind in enumerate(kinds):
        np.testing.assert_allclose(array(hidden["data"][i]["z"]).T, reference_gates(s, kind)["h"], atol=1e-6)


def test_step_through_file_opens_at_the_links_step():
    s = settings("generated=true&length=10&step=4")
    lead = leader(figures(export.export(s, "memory")))
    assert lead["layout"]["sliders"][0]["active"] == 3
    np.testing.assert_allclose(array(lead["data"][0]["y"]), reference_shares(s, "rnn")[3], rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("query", ["", "text=the+cat+sat+on+the+mat&hidden=5&seed=3&nonlinearity=relu"])
def test_overview_file_holds_torch_nns_hidden_states_and_links_the_apps_root(query):
    s = settings(query)
    text = export.export(s, "home", "http://class.example:8080")
    strip, states = figures(text)
    x = scene.sequence(s.model).x.double()
    for i, kind in enumerate(s.cells):  # one panel per cell, units x time
        want = module(s, kind)(x)[0].detach().numpy().T
        np.testing.assert_allclose(array(states["data"][i]["z"]), want, atol=1e-6)
    assert [c for row in strip["data"][0]["text"] for c in row if c][:3] == scene.sequence(s.model).tokens[:3]
    assert 'href="http://class.example:8080/' + ("?" if query else '"') in text  # the root URL serves the overview
    assert export.from_link("http://class.example:8080/?seed=4")[:2] == ("home", settings("seed=4"))


@pytest.mark.parametrize("query", ["", "text=the+cat+sat+on+the+mat&hidden=5&seed=3&unit=2"])
def test_gates_file_holds_torch_nn_gates_at_every_step(query):
    s = settings(query)
    lead = leader(figures(export.export(s, "gates")))
    T = len(scene.sequence(s.model).tokens)
    refs = {k: reference_gates(s, k) for k in s.cells}
    shown = {(tr["meta"]["cell"], tr["meta"]["symbol"]) for tr in lead["data"]}
    assert shown == {(k, q) for k in s.cells for q in refs[k]}  # every gate and h (c is not a bar, as on the page)
    for step, frame in frames(lead).items():
        for pos, i in enumerate(frame["traces"]):
            meta = lead["data"][i]["meta"]
            want = refs[meta["cell"]][meta["symbol"]][step - 1]
            np.testing.assert_allclose(array(frame["data"][pos]["y"]), want, atol=1e-6)
    assert len(frames(lead)) == T


def test_text_the_user_typed_is_escaped():
    evil = '<script>alert(1)</script> <b onmouseover="x()">bold</b> &amp;'
    s = settings("").replace(text=evil)
    for view in (
        "memory",
        "gates",
        "gradients",
        "intent",
    ):  # the views that read the text (test_export_apps: the others')
        text = export.export(s, view)
        assert "<script>alert" not in text and "<b onmouseover" not in text
        assert "&lt;script&gt;" in text  # shown as typed, in the sequence and the settings
        block = re.search(r'id="rnnviz-figures">(.*?)</script>', text, re.S)[1]
        assert "<" not in block and ">" not in block  # nothing in the figures' JSON can end its script element
        assert sum(1 for _ in re.finditer(r"<script[ >]", text)) == 3  # plotly.js, the figures, the drawing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_file_states_title_texts_settings_link_version_and_date(lang):
    s = settings(f"seed=5&lang={lang}&cells=lstm")
    text = export.export(s, "memory", base="http://class.example:8080", today=datetime.date(2031, 4, 5))
    assert f"<title>{t('memory.title', lang)} · rnnviz</title>" in text
    assert t("what_to_look_for", lang) in text and t("export.settings", lang) in text
    assert t("setting.seed", lang) in text
    assert 'href="http://class.example:8080/memory?seed=5&amp;cells=LSTM' in text
    assert "2031-04-05" in text and export.version() in text
    assert ("zh-CN" in text) == (lang == "zh")
    assert not re.search(r"<(script|link|img)[^>]*(src|href)=", text)  # plotly.js inside, nothing fetched


@pytest.mark.parametrize("view", list(export.VIEWS))
def test_files_at_the_defaults_are_under_5_mb(view):
    assert len(export.export(settings(""), view).encode()) < 5 * MB


def test_links_name_their_page_and_labels_read_back():
    name, s, base, notes = export.from_link("https://rnn.example/gates?lang=中文&cells=LSTM&cells=GRU&seed=4")
    assert (name, s.lang, s.cells, s.seed, notes) == ("gates", "zh", ("lstm", "gru"), 4, [])
    assert base == "https://rnn.example"
    assert export.from_link("seed=2&length=9")[:3] == ("memory", settings("seed=2&length=9"), export.LOCAL)
    assert export.from_link("?seed=2", view="gates")[0] == "gates"


@pytest.mark.parametrize(
    "link, says",
    [
        ("/lesson?seed=1", "exports /home, /memory, /gates"),
        ("http://[bad/memory", "rnnviz.export:"),
        ("/memory?text=%20%20", t("msg.no_tokens", "en")),
        ("/memory?weights=nosuch-T50", "rnnviz.export:"),
    ],
)
def test_a_bad_link_gives_a_clear_message_not_a_traceback(link, says, tmp_path, capsys):
    assert export.main([link, "-o", str(tmp_path / "v.html")]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not (tmp_path / "v.html").exists()


def test_command_line_writes_the_file_and_reports_its_size(tmp_path):
    out = tmp_path / "lesson" / "view.html"
    run = subprocess.run(
        [sys.executable, "-m", "rnnviz.export", "/gates?seed=1&unit=500", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "MB" in run.stdout and out.is_file()
    assert "unit='500' is out of range; using 128" in run.stderr  # repaired like the app, and said
    lead = leader(figures(out.read_text()))
    assert lead["layout"]["title"]["text"].startswith(t("export.bars.title", "en", unit=16))  # the model's last unit
    bad = subprocess.run([sys.executable, "-m", "rnnviz.export", "/nowhere"], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "/memory" in bad.stderr


@pytest.mark.parametrize("page", list(export.VIEWS))
def test_pages_offer_the_view_as_a_file_for_their_own_settings(page):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120)
    at.query_params["seed"] = "3"
    at.query_params["lang"] = "中文"
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    (button,) = [e for e in at.get("download_button") if e.proto.label == t("export.button", "zh")]
    assert button.proto.id  # drawn; the file is written only when clicked (a callable data)


# ---- the gradients view: torch.autograd's ||dL/dh_t|| through torch.nn cells, numpy's eigenvalues ----

NN_CELLS = {"rnn": torch.nn.RNNCell, "lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell}


def reference_gradient(s, kind) -> np.ndarray:
    """(T,) ||dL/dh_t|| for L = sum(h_T): one backward pass through torch.nn cells with the view's weights."""
    cell = scene.cell(s.model, kind)
    weights = {k.removesuffix("_l0"): v.double() for k, v in cell.state_dict().items()}
    if kind == "rnn" and s.nonlinearity == "linear":  # torch.nn has no linear RNN: its equation, written out
        w = weights

        def step(x, h):
            return x @ w["weight_ih"].T + w["bias_ih"] + h @ w["weight_hh"].T + w["bias_hh"]
    else:
        options = {"nonlinearity": s.nonlinearity} if kind == "rnn" else {}
        net = NN_CELLS[kind](s.dim, s.hidden, **options).double()
        net.load_state_dict(weights)
        step = (lambda x, hc: net(x, hc)) if kind == "lstm" else net
    h = torch.zeros(s.hidden, dtype=torch.float64, requires_grad=True)  # so every h_t is in the graph
    state, hs = ((h, torch.zeros_like(h)) if kind == "lstm" else h), []
    for x_t in scene.sequence(s.model).x.double():
        state = step(x_t, state)
        h = state[0] if kind == "lstm" else state
        h.retain_grad()
        hs.append(h)
    hs[-1].sum().backward()
    return np.array([float(torch.linalg.vector_norm(h.grad)) for h in hs])


def titled(figs: list[dict], key: str, lang: str = "en", **fmt) -> dict:
    """The one figure whose title starts as the text ``key`` does."""
    head = t(key, lang, **fmt).split("{")[0]
    (fig,) = [f for f in figs if f["layout"].get("title", {}).get("text", "").startswith(head)]
    return fig


@pytest.mark.parametrize(
    "query",
    [
        "",
        "generated=true&length=40&seed=4&rho=0.9&forget_bias=5",
        "generated=true&length=30&cells=rnn&nonlinearity=linear&rho=1.1&orthogonal=true",
        "cells=rnn&nonlinearity=relu&rho=1.3&hidden=6",
    ],
)
def test_gradients_file_holds_torch_autograds_gradient_norms_and_numpys_eigenvalues(query):
    s = settings(query)
    figs = figures(export.export(s, "gradients"))
    T = len(scene.sequence(s.model).tokens)
    chart = titled(figs, "gradients.fig.grad.title", T=T)
    lines = {tr["name"]: tr for tr in chart["data"]}
    for kind in s.cells:
        np.testing.assert_allclose(array(lines[t(f"cell.{kind}", "en")]["y"]), reference_gradient(s, kind), rtol=1e-7)
    if "rnn" in s.cells and s.nonlinearity == "linear" and s.orthogonal:  # on the closed form, exactly
        (theory,) = [tr for tr in chart["data"] if tr["line"].get("dash") == "dash"]
        exact = s.rho ** np.arange(T - 1, -1, -1) * np.sqrt(s.hidden)  # rho^(T-t) sqrt(H); float32 weights: 1e-5
        for line in (theory, lines[t("cell.rnn", "en")]):
            np.testing.assert_allclose(array(line["y"]), exact, rtol=1e-5)
    eig = titled(figs, "gradients.fig.eig.title")["data"][-1]
    W = scene.cell(s.model.cells_only(), "rnn").weight_hh_l0.detach().double().numpy()
    want = sorted(np.linalg.eigvals(W), key=lambda z: (round(z.real, 9), z.imag))
    got = sorted(array(eig["x"]) + 1j * array(eig["y"]), key=lambda z: (round(z.real, 9), z.imag))
    np.testing.assert_allclose(got, want, atol=1e-9)
    assert not any(f["layout"].get("sliders") for f in figs)  # nothing steps here, and the file does not say so
    assert t("export.steps.look", "en") not in export.export(s, "gradients")


def test_gradients_file_holds_the_pages_clipping_runs():
    from rnnviz import clipping

    s = settings("cells=rnn&rho=1.2&nonlinearity=linear&clip=2")
    runs = clipping.compare(scene.cell(s.model.one_way().cells_only(), "rnn"), s.clip, s.seed)
    chart = titled(figures(export.export(s, "gradients")), "gradients.fig.clipnorm.title")
    drawn = [array(tr["y"]) for tr in chart["data"] if tr.get("mode") == "lines+markers"]
    for run in runs.values():
        assert any(len(y) == len(run.norms) and np.allclose(y, run.norms, equal_nan=True) for y in drawn)


@pytest.mark.parametrize("query", ["layers=2", "bidirectional=true&cells=lstm&cells=gru"])
def test_gradients_file_of_several_layers_or_directions_draws_each_part_and_says_why_no_theory(query):
    s = settings(query)
    text = export.export(s, "gradients")
    chart = titled(figures(text), "gradients.fig.layer.title", T=len(scene.sequence(s.model).tokens))
    assert len(chart["data"]) == len(s.cells) * s.layers * (2 if s.bidirectional else 1)
    key = "gradients.one_way" if s.bidirectional else "gradients.stacked"
    assert t(key, "en", layers=s.layers).split("**")[0].split("(")[0][:40] in text


# ---- the intent view: rnnviz.intent.predict and an independent torch.nn with the shipped weights ----


def reference_intent(text: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """(T, n) softmax after every token and (T,) gradient x input for the winner, by torch.nn and autograd on
    the shipped checkpoint's tensors."""
    from safetensors import safe_open

    from rnnviz import intent, intent_data

    with safe_open(str(intent.path_for(kind)), framework="pt") as f:
        w = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118
        vocab = json.loads(f.metadata()["vocabulary"])
    rnn = TORCH_MODULES[kind](w["embedding.weight"].shape[1], w["rnn.weight_hh_l0"].shape[1])
    rnn.load_state_dict({k[4:]: v for k, v in w.items() if k.startswith("rnn.")})
    index = {tok: k for k, tok in enumerate(vocab)}
    ids = torch.tensor([index.get(tok, 0) for tok in intent_data.tokens_of(text)])
    x = w["embedding.weight"][ids].clone().requires_grad_()
    logits = F.linear(rnn(x[:, None])[0][:, 0], w["readout.weight"], w["readout.bias"])
    logits[-1, int(logits[-1].argmax())].backward()
    return torch.softmax(logits.detach().double(), -1).numpy(), (x.grad * x).sum(-1).detach().numpy()


@pytest.mark.parametrize(
    "query", ["", "text=明天北京天气怎么样？&lang=中文&cells=GRU&step=2", "text=play+some+jazz+,+thanks"]
)
def test_intent_file_holds_the_shipped_models_answer_after_every_token(query):
    from rnnviz import intent

    s = settings(query)
    figs = figures(export.export(s, "intent"))
    lead = leader(figs)
    T = len(lead["frames"])
    assert lead["layout"]["sliders"][0]["active"] == (s.step or T) - 1
    refs = {k: reference_intent(s.text, k) for k in s.cells}
    for kind in s.cells:
        predicted = np.array([[d[i] for i in intent.INTENTS] for d in intent.predict(s.text, kind)])
        np.testing.assert_allclose(predicted, refs[kind][0], atol=1e-5)
        i = list(s.cells).index(kind)
        for step, frame in frames(lead).items():
            (pos,) = [j for j, tr in enumerate(frame["traces"]) if tr == i]
            np.testing.assert_allclose(array(frame["data"][pos]["x"]), predicted[step - 1], atol=1e-12)
        lines = [
            tr for tr in titled(figs, "intent.lines.title", s.lang)["data"] if tr["xaxis"] == f"x{i + 1 if i else ''}"
        ]
        np.testing.assert_allclose(np.stack([array(tr["y"]) for tr in lines], 1), predicted, atol=1e-12)
        why = titled(figs, "intent.why.title", s.lang)["data"][i]
        np.testing.assert_allclose(array(why["y"]), refs[kind][1], atol=1e-4)
    assert len(refs[s.cells[0]][0]) == T


def test_intent_file_escapes_typed_text_and_names_unknown_words_as_typed():
    text = export.export(settings("").replace(text="<img src=x onerror=alert(1)> what time"), "intent")
    assert "<img" not in text and "onerror=alert(1)>" not in text and "“&lt;”" in text
    text = export.export(settings("").replace(text="$ x $ * bold * < what time"), "intent")
    assert "“$”" in text and "“*”" in text and "“&lt;”" in text  # the unknown words, literally
    assert "<i> x </i>" not in text and "<b> bold </b>" not in text  # a typed $ or * is no markup


@pytest.mark.parametrize(
    "query, says",
    [("generated=true", "intent.generated"), ("text=%20", "intent.empty"), ("cells=", "msg.no_cells")],
)
def test_intent_view_that_cannot_be_drawn_says_why(query, says):
    s = settings(query) if query != "cells=" else settings("").replace(cells=())
    with pytest.raises(export.ExportError, match=re.escape(t(says, "en")[:30])):
        export.export(s, "intent")


# ---- the lesson: every stop of rnnviz.presets.LESSON, before and after, and an index linking them ----


@pytest.mark.parametrize(
    "lang, how, base",
    [
        ("en", ["--lang", "en"], export.LOCAL),
        ("zh", ["http://class.example:8080/lesson?lang=中文"], "http://class.example:8080"),
    ],
)
def test_lesson_writes_every_stop_before_and_after_and_an_index_that_links_them(tmp_path, lang, how, base):
    from rnnviz import lesson, presets

    folder = tmp_path / "lesson"
    run = subprocess.run(
        [sys.executable, "-m", "rnnviz.export", "--lesson", *how, "-o", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    index = (folder / "index.html").read_text()
    hrefs = [html.unescape(h) for h in re.findall(r'<a href="([^"]*)"', index)]
    files = [h for h in hrefs if not h.startswith("http")]
    assert files and all((folder / h).is_file() for h in files)  # every local link resolves to a file written
    titles = [html.escape(t(f"lesson.{stop.key}.title", lang)) for stop in presets.LESSON]
    assert [index.index(title) for title in titles] == sorted(index.index(title) for title in titles)  # in order
    for k, stop in enumerate(presets.LESSON, 1):
        question = _md(lesson.text(stop.key, False, stop.before.settings().replace(lang=lang), lang))
        answer = _md(lesson.text(stop.key, True, stop.after.settings().replace(lang=lang), lang))
        assert question in index and answer in index  # with the numbers of their views, as the lesson page says
        assert _md(t("lesson.trains.live", lang)) not in index  # the file has no training run to point at
        for which in ("before", "after"):
            preset, name = getattr(stop, which), f"{k:02d}-{stop.key}-{which}.html"
            live = urls.link(preset.settings().replace(lang=lang), preset.page, base)  # the link's server
            assert live in hrefs
            if preset.page not in export.VIEWS:  # no export for its page: the index says so and links live
                assert not (folder / name).exists()
                assert html.escape(t("export.lesson.no_file", lang, page=t(f"{preset.page}.nav", lang))) in index
                continue
            assert name in files
            page = (folder / name).read_text()
            assert titles[k - 1] in page and question in page
            assert (answer in page) == (which == "after")  # the reveal
            assert '<script src="plotly.min.js">' in page  # the folder's one copy of plotly.js
            assert f'lang="{"zh-CN" if lang == "zh" else "en"}"' in page
            assert not re.search(r"<(script|link|img)[^>]*(src|href)=.http", page)
    assert (folder / "plotly.min.js").stat().st_size > 1e6
    assert not re.search(r"\{[a-z_]+\}", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", index, flags=re.S))  # all filled
