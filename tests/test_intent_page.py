"""The intent page in AppTest: every number it shows against an independent reference (the checkpoint's
weights loaded into torch.nn modules, torch.autograd, the benchmark's results file read here), every control,
and bad input that gives a message or a valid view, never a traceback."""

import json
from functools import cache
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from helpers import array, chart, charts
from safetensors import safe_open
from streamlit.testing.v1 import AppTest
from torch import nn

from pages import PAGES, cache_apps
from rnnviz import intent
from rnnviz import intent_data as data
from rnnviz.figures import intent as figs

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
KINDS = ("rnn", "lstm", "gru")
N = len(intent.INTENTS)
DEFAULT = "what time is it?"
NAMES = {
    "time": "asking the time",
    "weather": "the weather",
    "alarm": "setting an alarm",
    "timer": "a timer",
    "music": "playing music",
    "greeting": "a greeting",
    "goodbye": "saying goodbye",
}


@cache
def reference(kind: str):
    """The shipped checkpoint read straight from its file into torch.nn.Embedding, torch.nn.<CELL>, nn.Linear."""
    with safe_open(str(ROOT / "checkpoints" / f"intent-{kind}.safetensors"), framework="pt") as f:
        tensors, meta = {k: f.get_tensor(k) for k in f.keys()}, f.metadata()  # noqa: SIM118
    vocab = json.loads(meta["vocabulary"])
    emb = nn.Embedding.from_pretrained(tensors["embedding.weight"])
    rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind](int(meta["embed"]), int(meta["hidden"]))
    rnn.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("rnn.")})
    out = nn.Linear(int(meta["hidden"]), N)
    out.load_state_dict({k[8:]: v for k, v in tensors.items() if k.startswith("readout.")})
    return {tok: i for i, tok in enumerate(vocab)}, emb, rnn, out


def ref_probs(text: str, kind: str) -> np.ndarray:
    """(T, N): softmax of the readout after every token, torch.nn's own modules; unknown words -> id 0."""
    index, emb, rnn, out = reference(kind)
    ids = torch.tensor([index.get(tok, 0) for tok in data.tokens_of(text)[: data.MAX_TOKENS]])
    with torch.no_grad():
        return torch.softmax(out(rnn(emb(ids))[0]).double(), -1).numpy()


def ref_contributions(text: str, kind: str) -> tuple[str, np.ndarray]:
    """The winning intent after the last token, and gradient x input of its logit for every token (autograd)."""
    index, emb, rnn, out = reference(kind)
    ids = torch.tensor([index.get(tok, 0) for tok in data.tokens_of(text)])
    x = emb(ids).detach().requires_grad_()
    logits = out(rnn(x)[0][-1])
    j = int(logits.argmax())
    (grad,) = torch.autograd.grad(logits[j], x)
    return intent.INTENTS[j], (grad * x.detach()).sum(-1).numpy()


def _page(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/intent.py").run()
    assert not at.exception
    return at


def _bars(at, step: int) -> dict[str, np.ndarray]:
    fig = chart(at, f"After token {step} ")
    return {kind: array(fig["data"][i]["x"]) for i, kind in enumerate(KINDS)}


def _assert_shows(at, text: str, step: int) -> None:
    """The bars after token ``step``, every intent's line, the answers and the contributions are the model's."""
    tokens = data.tokens_of(text)[: data.MAX_TOKENS]
    assert f"“{tokens[step - 1]}”" in chart(at, f"After token {step} ")["layout"]["title"]["text"]
    lines = chart(at, "Probability of every intent")["data"]
    why = chart(at, "contribution to the winning intent")
    for i, (kind, bars) in enumerate(_bars(at, step).items()):
        p, predicted = ref_probs(text, kind), np.array([list(d.values()) for d in intent.predict(text, kind)])
        np.testing.assert_allclose(bars, predicted[step - 1], rtol=1e-12)  # the core's answer, exactly
        np.testing.assert_allclose(bars, p[step - 1], rtol=1e-4, atol=1e-6)  # and torch.nn's
        for j in range(N):
            np.testing.assert_allclose(array(lines[i * N + j]["y"]), p[:, j], rtol=1e-4, atol=1e-6)
        win = NAMES[intent.INTENTS[int(p[-1].argmax())]]
        assert at.metric[i].value == win and at.metric[i].label == f"{kind.upper()} answers, with probability " + (
            f"{predicted[-1].max():.1%}"
        )
        winner, scores = ref_contributions(text, kind)
        assert f"→ {NAMES[winner]}" in why["layout"]["annotations"][i]["text"]
        np.testing.assert_allclose(array(why["data"][i]["y"]), scores, rtol=1e-3, atol=1e-5)
        core = intent.contributions(text, kind)
        np.testing.assert_allclose(array(why["data"][i]["y"]), core.scores, rtol=1e-12)


def test_the_page_is_registered_between_gates_and_training():
    urls = [url for _, url, *_ in PAGES]
    assert urls.index("gates") < urls.index("intent") < urls.index("training")


def test_default_sentence_every_number_against_torch_nn_and_autograd():
    at = _page()
    assert at.slider(key="step").value == 5
    _assert_shows(at, DEFAULT, 5)
    assert [m.value for m in at.metric] == ["asking the time"] * 3
    assert not any("<unk>" in i.value for i in at.info)


@pytest.mark.parametrize("button,expected", [("step_prev", 4), ("step_first", 1)])
def test_step_buttons_and_slider_move_the_bars(button, expected):
    at = _page()
    at.button(key=button).click().run()
    assert not at.exception and at.slider(key="step").value == expected
    _assert_shows(at, DEFAULT, expected)
    at.slider(key="step").set_value(3).run()
    assert not at.exception
    _assert_shows(at, DEFAULT, 3)


def test_unknown_words_are_named_and_read_as_the_unknown_token():
    text = "what time is it in zanzibar?"
    at = _page({"text": text})
    notes = [i.value for i in at.info if "<unk>" in i.value]
    assert len(notes) == 1 and "“zanzibar”" in notes[0]
    _assert_shows(at, text, 7)
    # another unknown word reads exactly the same: both are <unk>
    np.testing.assert_array_equal(ref_probs("what time is it in qwertyuiop?", "lstm"), ref_probs(text, "lstm"))


TEN_THOUSAND = "what time is it? " * 600  # 10,200 characters, 3,000 tokens


@pytest.mark.parametrize(
    "text",
    ["", "   \n ", "😀👍🏽 ❤️", '<script>alert("x")</script><b>*bold*</b> [a](b) $x$', TEN_THOUSAND],
    ids=["empty", "blank", "emoji", "markup", "10000-chars"],
)
def test_bad_input_gives_a_clear_message_or_a_valid_view(text):
    at = _page({"text": text})
    if not text.strip():
        assert not charts(at) and any("nothing to read" in i.value for i in at.info)
        return
    T = min(len(data.tokens_of(text)), data.MAX_TOKENS)
    bars = _bars(at, T)
    for kind in KINDS:
        assert abs(bars[kind].sum() - 1) < 1e-9
        np.testing.assert_allclose(bars[kind], ref_probs(text, kind)[-1], rtol=1e-4, atol=1e-6)
    if text == TEN_THOUSAND:
        assert any("more than 1000 tokens" in c.value for c in at.caption)
        assert len(array(chart(at, "Probability of every intent")["data"][0]["y"])) == 1000
    else:
        note = next(i.value for i in at.info if "<unk>" in i.value)
        assert "😀" in note or "\\<" in note  # the unknown words are named, markup escaped (shown, not rendered)
    if "<script>" in text:
        shown = "".join(chart(at, "contribution to the winning intent")["data"][0]["customdata"])
        assert "<" not in shown and "&lt;script&gt;" in shown  # each token's name, escaped for plotly


def test_chinese_page_and_sentence():
    text = "现在几点了？"
    at = _page({"lang": "zh", "text": text})
    assert "读完第 6 个词元“？”后" in chart(at, "读完第 6 个词元")["layout"]["title"]["text"]
    assert [m.value for m in at.metric] == ["问时间"] * 3 and at.metric[0].label.startswith("RNN 的回答")
    fig = chart(at, "读完第 6 个词元")
    for i, kind in enumerate(KINDS):
        np.testing.assert_allclose(array(fig["data"][i]["x"]), ref_probs(text, kind)[-1], rtol=1e-4, atol=1e-6)
    assert chart(at, "长句上的准确率")["layout"]["xaxis"]["title"]["text"] == "决定词之后的中性词个数"


def test_long_sentence_button_and_the_results_measured_over_seeds():
    at = _page()
    at.button(key="intent_long").click().run()
    assert not at.exception
    text = at.text_area(key="text").value
    (summary,) = [c.value for c in at.caption if "neutral words" in c.value]
    tokens = data.tokens_of(text)
    assert tokens[0] == "time" and len(tokens) == 41 and set(tokens[1:]) <= set(data.FILLERS["en"])
    assert at.slider(key="step").value == 41
    _assert_shows(at, text, 41)
    # the chart and the caption are the benchmark's results file, every seed of every cell
    results = json.loads((ROOT / "results" / "intent.json").read_text())
    fig = chart(at, "Accuracy on long sentences")
    for k, kind in enumerate(KINDS):
        runs = [r for r in results["runs"] if r["cell"] == kind]
        by_n = {
            int(n): [r["long_accuracy_by_neutral_tokens"][n] for r in runs]
            for n in runs[0]["long_accuracy_by_neutral_tokens"]
        }
        mean, dots = fig["data"][2 * k], fig["data"][2 * k + 1]
        assert list(array(mean["x"])) == sorted(by_n)
        np.testing.assert_allclose(array(mean["y"]), [np.mean(by_n[n]) for n in sorted(by_n)], rtol=1e-12)
        assert sorted(array(dots["y"])) == sorted(v for vs in by_n.values() for v in vs)
        assert len(runs) == results["bars"]["split_0"][kind]["seeds"] >= 5
        at40 = by_n[results["meta"]["config"]["long_neutral"]]
        assert f"{kind.upper()} {np.mean(at40):.0%} (seeds from {min(at40):.0%} to {max(at40):.0%})" in summary
    assert f"({results['meta']['written']})" in summary
    # what the page says to look for: at every length the RNN's best seed is below the gated cells' worst
    runs = {
        kind: [r["long_accuracy_by_neutral_tokens"] for r in results["runs"] if r["cell"] == kind] for kind in KINDS
    }
    for n in runs["rnn"][0]:
        assert max(r[n] for r in runs["rnn"]) < min(r[n] for kind in ("lstm", "gru") for r in runs[kind])


def test_generated_sequence_no_cells_and_a_missing_checkpoint_give_clear_messages(monkeypatch, tmp_path):
    at = _page({"generated": "true"})
    assert not charts(at) and any("not a generated sequence" in i.value for i in at.info)
    at.button(key="intent_typed").click().run()
    assert not at.exception and at.toggle(key="generated").value is False and charts(at)
    at.multiselect(key="cells").set_value([]).run()
    assert not at.exception and not charts(at) and any("at least one cell" in i.value for i in at.info)
    monkeypatch.setattr(intent, "DIR", tmp_path)  # no checkpoints there
    cache_apps.intent_model.clear()
    try:
        at = _page({"text": "hello there"})
        assert not charts(at) and "intent-rnn.safetensors is missing" in at.error[0].value
    finally:
        cache_apps.intent_model.clear()


def _figures(lang: str) -> list:
    text = "what time is it in zanzibar?"
    readings = {kind: intent.read(intent.shipped(kind), text) for kind in KINDS}
    found = {kind: intent.contributions(text, kind) for kind in KINDS}
    results = json.loads((ROOT / "results" / "intent.json").read_text())
    return [
        figs.step_bars({k: r.probs[2] for k, r in readings.items()}, intent.INTENTS, "is", 3, lang),
        figs.probability_lines({k: r.probs for k, r in readings.items()}, intent.INTENTS, readings["rnn"].tokens, lang),
        figs.contribution_bars(
            {k: a.scores for k, a in found.items()}, {k: a.intent for k, a in found.items()}, found["rnn"].tokens, lang
        ),
        figs.long_sentences(figs.long_by_seed(results), 1 / N, lang),
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figures_validate_and_have_titles_and_labelled_axes(lang):
    for fig in _figures(lang):
        assert json.loads(fig.to_json()) == json.loads(go.Figure(fig.to_dict()).to_json())  # built unvalidated
        layout = fig.to_dict()["layout"]
        assert layout["title"]["text"]
        for letter in "xy":
            shown = [a for k, a in layout.items() if k.startswith(f"{letter}axis")]
            assert any(a.get("title", {}).get("text") for a in shown), letter


def test_token_strip_and_shapes_escape_markup_and_mark_the_current_and_unknown_tokens():
    strip = figs.token_strip(("<b>", "time", "x"), (True, False, True), 2)
    assert "&lt;b&gt;" in strip and "<b>" not in strip.split("</style>")[1]
    assert strip.count('class="now"') == 1 and 'class="now" title="t = 2"' in strip
    assert strip.count(" unk") == 2 and "read as &lt;unk&gt;" in strip
    long = figs.token_strip(tuple(map(str, range(100))), (False,) * 100, 50)
    assert long.count("<span") == figs.STRIP_TOKENS + 2 and 'title="t = 50"' in long  # a window around t = 50
    shapes = figs.shapes("many_to_one")
    assert shapes.count('class="shape here"') == 1 and "intent: this page" in shapes.split('class="shape here"')[1]
