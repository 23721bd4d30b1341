"""The exported view (rnnviz.export): the numbers in the file are torch.nn's and torch.autograd's for that view,
text the user typed is escaped, the command line explains a bad link without a traceback, and the files are small
enough to e-mail."""

import datetime
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
    for view in export.VIEWS:
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


@pytest.mark.parametrize("view", ["memory", "gates"])
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
        ("/training?seed=1", "exports /memory, /gates"),
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


@pytest.mark.parametrize("page", ["memory", "gates"])
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
