"""The text-generation page in AppTest: every number it shows against an independent reference (the shipped
checkpoints read straight from their files into torch.nn.RNN/LSTM/GRU and nn.Linear, numpy, the benchmark's
results file read here), every control, training from the page, and bad input that gives a message or a valid
view, never a traceback."""

import html
import json
import re
import time
from collections import Counter
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from helpers import array, chart, charts
from safetensors import safe_open
from streamlit.testing.v1 import AppTest
from torch import nn

from pages import PAGES, cache_apps, retrain_chars, trainings
from rnnviz import chars, corpus
from rnnviz.figures import generate as figs

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
KINDS = ("rnn", "lstm", "gru")
DEFAULT = 'The old woman said, "We sang by the river'
SHOWN = {"␣": " ", "↵": "\n", "⇥": "\t"}  # how the charts name a space, a line break, a tab


@cache
def reference(kind: str):
    """The shipped checkpoint read from its file into torch.nn's own recurrent module and nn.Linear."""
    with safe_open(str(ROOT / "checkpoints" / f"chars-{kind}.safetensors"), framework="pt") as f:
        tensors, meta = {k: f.get_tensor(k) for k in f.keys()}, f.metadata()  # noqa: SIM118
    vocab = json.loads(meta["vocab"])
    rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind](len(vocab), int(meta["hidden"]))
    rnn.load_state_dict({k[4:]: v for k, v in tensors.items() if k.startswith("rnn.")})
    head = nn.Linear(int(meta["hidden"]), len(vocab))
    head.load_state_dict({k[5:]: v for k, v in tensors.items() if k.startswith("head.")})
    return vocab, rnn, head


def onehot(text: str, vocab: str) -> torch.Tensor:
    """(T, 1, V): each character one-hot, characters outside the vocabulary as index 0 (the unknown one)."""
    ids = torch.tensor([vocab.index(c) if c in vocab[1:] else 0 for c in text])
    return nn.functional.one_hot(ids, len(vocab)).float()[:, None]


@torch.no_grad()
def ref_states(text: str, kind: str, state: str = "h") -> np.ndarray:
    """(T, H): h_t of torch.nn after each character, or (LSTM, state "c") c_t, stepped one character at a time."""
    vocab, rnn, _ = reference(kind)
    if state == "h":
        return rnn(onehot(text, vocab))[0][:, 0].numpy()
    out, s = [], None
    for x in onehot(text, vocab):
        _, s = rnn(x[None], s)
        out.append(s[1][0, 0].numpy())
    return np.array(out)


@torch.no_grad()
def ref_probs(text: str, kind: str, temperature: float = 1.0) -> np.ndarray:
    """(T, V): softmax(y_t / T) after each character (T = 0: one-hot at the argmax), in float64."""
    vocab, rnn, head = reference(kind)
    y = head(rnn(onehot(text, vocab))[0][:, 0]).double()
    if temperature == 0:
        return np.eye(len(vocab))[y.argmax(-1).numpy()]
    return torch.softmax(y / temperature, -1).numpy()


@torch.no_grad()
def ref_sample(start: str, kind: str, n: int, temperature: float, seed: int) -> str:
    """n characters written after start by torch.nn: each drawn from softmax(y / T) without the unknown
    character (T = 0: the argmax), numpy's generator seeded with ``seed``, and fed back in."""
    vocab, rnn, head = reference(kind)
    rng = np.random.default_rng(seed)
    out, s = rnn(onehot(start or "\n", vocab))
    y, text = head(out[-1, 0]).double(), ""
    for _ in range(n):
        y[0] = -torch.inf
        if temperature == 0:
            j = int(y.argmax())
        else:
            p = torch.softmax(y / temperature, -1).numpy()
            j = int(rng.choice(len(vocab), p=p / p.sum()))
        text += vocab[j]
        out, s = rnn(onehot(vocab[j], vocab), s)
        y = head(out[-1, 0]).double()
    return text


def _page(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/generate.py").run()
    assert not at.exception
    return at


def _html(at, cls: str) -> list[str]:
    return [h.proto.body for h in at.get("html") if f'class="{cls}"' in h.proto.body]


def _samples(at) -> list[tuple[str, str]]:
    """Every sample box on the page: (its heading, the text the model wrote after the grey start)."""
    found = []
    for body in _html(at, "gen-sample"):
        head = re.search(r'class="gen-sample-head"[^>]*>(.*?)</div>', body, re.S)[1]
        written = re.search(r'<span class="start">.*?</span>(.*?)</div>', body, re.S)[1]
        found.append((html.unescape(head), html.unescape(written)))
    return found


def _written(at) -> dict[str, str]:
    """The continuations of the writing section, by cell (their heading is the cell's name)."""
    return {head.lower(): text for head, text in _samples(at) if head.lower() in KINDS}


def _bars(at, step: int) -> dict[str, tuple[list[str], np.ndarray]]:
    fig = chart(at, f"After character {step} ")
    return {
        kind: ([SHOWN.get(c[:-1], html.unescape(c[:-1])) for c in d["y"]], array(d["x"]))
        for kind, d in zip(KINDS, fig["data"])
    }


def _assert_bars(at, text: str, step: int, temperature: float = 0.7) -> None:
    """The bars after character ``step``: each cell's TOP likeliest next characters with torch.nn's probability."""
    fig = chart(at, f"After character {step} ")
    assert f"“{figs.shown(text[step - 1])}”" in fig["layout"]["title"]["text"]
    for kind, (labels, p) in _bars(at, step).items():
        vocab = reference(kind)[0]
        q = ref_probs(text, kind, temperature)[step - 1]
        assert (
            abs(q.sum() - 1) < 1e-12
            and abs(chars.probabilities(cache_apps.char_model(kind), text)[step - 1].sum() - 1) < 1e-9
        )
        np.testing.assert_allclose(p, [q[vocab.index(c)] for c in labels], rtol=1e-4, atol=1e-7)
        assert len(labels) == figs.TOP and np.all(np.diff(p) <= 0)
        assert p[-1] >= np.sort(q)[-figs.TOP] * (1 - 1e-4)  # none left out is likelier than one shown (float32)


@pytest.fixture(scope="module")
def default():
    return _page()


def test_the_page_is_registered_between_forecast_and_training():
    urls = [url for _, url, *_ in PAGES]
    assert urls.index("forecast") < urls.index("generate") < urls.index("training")


def test_default_bars_surprise_and_continuations_against_torch_nn(default):
    at = default
    assert at.slider(key="step").value == len(DEFAULT)
    _assert_bars(at, DEFAULT, len(DEFAULT))
    lines = chart(at, "How surprised each cell was")
    for kind, trace in zip(KINDS, lines["data"]):
        vocab, p = reference(kind)[0], ref_probs(DEFAULT, kind)
        bits = -np.log2([p[t, vocab.index(c)] for t, c in enumerate(DEFAULT[1:])])
        np.testing.assert_allclose(array(trace["y"]), bits, rtol=1e-4, atol=1e-5)
        assert f"(mean {bits.mean():.2f} bits)" in trace["name"]
    written = _written(at)
    for kind in KINDS:
        assert written[kind] == ref_sample(DEFAULT, kind, 200, 0.7, 0)
    assert "<b>" not in "".join(_html(at, "gen-strip"))  # the strip is escaped characters only


@pytest.mark.parametrize("button,expected", [("step_prev", len(DEFAULT) - 1), ("step_first", 1)])
def test_step_buttons_and_slider_move_the_bars(button, expected):
    at = _page()
    at.button(key=button).click().run()
    assert not at.exception and at.slider(key="step").value == expected
    _assert_bars(at, DEFAULT, expected)
    at.slider(key="step").set_value(21).run()  # the opening quote
    assert not at.exception
    _assert_bars(at, DEFAULT, 21)
    assert 'class="now" title="t = 21">"</span>' in _html(at, "gen-strip")[0]


def test_temperature_zero_is_greedy_and_a_seed_reproduces_the_text():
    at = _page({"temperature": "0"})
    for kind, (labels, p) in _bars(at, len(DEFAULT)).items():
        assert p[0] == 1 and labels[0] == reference(kind)[0][int(ref_probs(DEFAULT, kind)[-1].argmax())]
    greedy = _written(at)
    for kind in KINDS:
        assert greedy[kind] == ref_sample(DEFAULT, kind, 200, 0, 0)
    at.number_input(key="sample_seed").set_value(9).run()  # at temperature 0 the seed changes nothing
    assert not at.exception and _written(at) == greedy
    at.slider(key="temperature").set_value(1.5).run()
    at.slider(key="sample_length").set_value(60).run()
    hot = _written(at)
    assert all(len(v) == 60 for v in hot.values()) and hot["lstm"] == ref_sample(DEFAULT, "lstm", 60, 1.5, 9)
    _assert_bars(at, DEFAULT, len(DEFAULT), 1.5)
    again = _page({"temperature": "1.5", "sample_seed": "9", "sample_length": "60"})  # the link, opened afresh
    assert _written(again) == hot
    assert _written(_page({"temperature": "1.5", "sample_seed": "10", "sample_length": "60"})) != hot


def _line_position(text: str) -> np.ndarray:
    """Characters since the last line break, after each character (0 on a line break)."""
    col, out = 0, []
    for ch in text:
        col = 0 if ch == "\n" else col + 1
        out.append(col)
    return np.array(out, dtype=float)


def _shaded(at) -> list[tuple[str, np.ndarray, str]]:
    """Each coloured text: (its heading, the values in its characters' tooltips, the characters)."""
    out = []
    for body in _html(at, "gen-shade"):
        head = html.unescape(re.search(r'class="gen-shade-head">(.*?)</div>', body)[1])
        spans = re.findall(r'title="t = \d+: ([-+]\d\.\d{3})">(.*?)</span>', body)
        text = "".join({"&nbsp;": " ", "↵": "\n"}.get(c, html.unescape(c)) for _, c in spans)
        out.append((head, np.array([float(v) for v, _ in spans]), text))
    return out


@pytest.mark.parametrize("state", ["h", "c"])
def test_the_coloured_text_is_the_units_state_and_its_correlation_is_measured(state):
    at = _page({"gen_state": state})
    text = corpus.text(*chars.UNIT_TEXT)
    half = slice(len(text) // 2, None)
    for kind, (head, values, shown) in zip(KINDS, _shaded(at)):
        s = state if kind == "lstm" else "h"
        unit = int(re.search(r"unit (\d+)", head)[1]) - 1
        states = ref_states(text, kind, s)
        start = text.index(shown)
        np.testing.assert_allclose(values, states[start : start + len(shown), unit], atol=6e-4)
        # the verdict's r: Pearson's on the half of the text the unit was not chosen on, against torch.nn
        r = np.corrcoef(states[half, unit], _line_position(text)[half])[0, 1]
        verdict = next(
            v.value for v in [*at.success, *at.warning] if v.value.startswith(f"{kind.upper()}: unit {unit + 1} ")
        )
        if "position in the line" in verdict:
            assert f"r = {r:+.3f}" in verdict
            # chosen on the other half: no unit correlates more strongly with the position there
            fit = slice(0, len(text) // 2)
            r_fit = [abs(np.corrcoef(states[fit, u], _line_position(text)[fit])[0, 1]) for u in range(64)]
            assert int(np.argmax(r_fit)) == unit
    lstm = next(v.value for v in at.success if v.value.startswith("LSTM"))
    assert "tracks the position in the line" in lstm  # measured: |r| >= 0.5 (the README quotes it)
    gru = next(v.value for v in at.warning if v.value.startswith("GRU"))
    assert "tracks none of the three clearly" in gru
    if state == "c":
        assert any("Only the LSTM has a cell state" in c.value for c in at.caption)


def test_a_chosen_unit_colours_the_text_with_its_own_state():
    at = _page({"gen_unit": "5"})
    assert at.number_input(key="gen_unit").value == 5
    text = corpus.text(*chars.UNIT_TEXT)
    for kind, (head, values, shown) in zip(KINDS, _shaded(at)):
        assert "unit 5 of h" in head
        start = text.index(shown)
        np.testing.assert_allclose(values, ref_states(text, kind)[start : start + len(shown), 4], atol=6e-4)
    assert sum("| r of unit 5 |" in m.value for m in at.markdown) == 3


def test_the_measured_results_are_the_benchmarks_file():
    at = _page()
    results = json.loads((ROOT / "results" / "chars.json").read_text())
    fig = chart(at, "Held-out bits per character, mean over 5 seeds")
    untrained, trained = fig["data"]
    for i, kind in enumerate(KINDS):
        runs = [r for r in results["runs"] if r["cell"] == kind]
        assert len(runs) >= 5
        assert array(trained["y"])[i] == pytest.approx(np.mean([r["bits_per_char"] for r in runs]), abs=1e-4)
        assert array(untrained["y"])[i] == pytest.approx(np.mean([r["untrained_bits"] for r in runs]), abs=1e-4)
        assert array(trained["y"])[i] < runs[0]["unigram_bits"] - 3 < array(untrained["y"])[i]
    (source,) = [c.value for c in at.caption if "results/chars.json" in c.value]
    assert f"letter frequencies alone {results['runs'][0]['unigram_bits']:.3f}" in source
    # the shipped models' own samples before and after training, as their checkpoints hold them
    samples = dict(_samples(at))
    for kind in KINDS:
        with safe_open(str(ROOT / "checkpoints" / f"chars-{kind}.safetensors"), framework="pt") as f:
            result = json.loads(f.metadata()["result"])
        head = f"{kind.upper()} shipped, trained 60 s ({result['bits_per_char']:.3f} bits per character held out)"
        assert samples[next(h for h in samples if h.startswith(head))] == result["sample"]


TEN_THOUSAND = corpus.text(10_000, 3)


def _finished_run(at, key):
    """The page's training run ``key``, once it has ended (polled in the server's memory, up to 120 s)."""
    run = cache_apps.char_trainings().get(key, at.session_state["_gen_trained"][key])
    deadline = time.monotonic() + 120
    while not run.finished and time.monotonic() < deadline:
        time.sleep(0.2)  # polling, with a bound: not a fixed wait
    assert run.state == "done", run.error
    return run


def _nn_gru_bits(model, held: str) -> float:
    """Held-out bits per character of a trained GRU character model, recomputed with torch.nn modules."""
    vocab = model.vocab
    rnn, head = nn.GRU(len(vocab), 16), nn.Linear(16, len(vocab))
    rnn.load_state_dict(model.cell.state_dict())
    head.load_state_dict(model.head.state_dict())
    ids = torch.tensor([vocab.index(c) if c in vocab[1:] else 0 for c in held])
    with torch.no_grad():
        y = head(rnn(nn.functional.one_hot(ids, len(vocab)).float())[0]).double()
    return float(nn.functional.cross_entropy(y[:-1], ids[1:])) / np.log(2)


@pytest.mark.parametrize(
    "text",
    ["", "😀👍🏽 ❤️", "Tom asked: ¿qué? 你好 [a](b) $x$ _y_", '<script>alert("x")</script><b>*bold*</b>', TEN_THOUSAND],
    ids=["empty", "emoji", "unknown-characters", "markup", "10000-chars"],
)
def test_bad_input_gives_a_clear_message_or_a_valid_view(text):
    at = _page({"start_text": text})
    written = _written(at)
    assert set(written) == set(KINDS) and all(len(w) == 200 for w in written.values())
    if not text:
        assert any("nothing to read" in i.value for i in at.info)
        assert not any("After character" in c["layout"].get("title", {}).get("text", "") for c in charts(at))
        assert written["gru"] == ref_sample("", "gru", 200, 0.7, 0)  # written from a line break
        return
    read = text[:2000]
    _assert_bars(at, read, len(read))
    assert written["lstm"] == ref_sample(read, "lstm", 200, 0.7, 0)
    if text == TEN_THOUSAND:
        assert any("Only the first 2,000 of the 10,000 characters" in c.value for c in at.caption)
        assert at.slider(key="step").value == 2000
        return
    unknown = sorted(set(text) - set(reference("lstm")[0][1:]))
    note = next(i.value for i in at.info if "never saw" in i.value)
    assert f"{len(unknown)} character(s)" in note
    strip = "".join(_html(at, "gen-strip"))
    assert "<script>" not in strip and "<b>" not in strip and "<script>" not in "".join(_html(at, "gen-sample"))
    if "<script>" in text:
        assert '">&lt;</span>' in strip and '">&gt;</span>' in strip and "“\\<” “\\>”" in note


def test_training_from_the_page_shows_rounds_and_a_better_model(monkeypatch):
    monkeypatch.setattr(
        retrain_chars, "CONFIG", dict(hidden=16, steps=60, seconds=None, round_steps=20, sample_length=40)
    )
    at = _page({"cells": ["gru"], "train_seconds": "5"})
    assert "Train 1 cell(s), 5 s each" in at.button(key="gen_train").label
    at.button(key="gen_train").click().run()
    assert not at.exception
    run = _finished_run(at, (("gru",), 5, ""))  # "": the generated corpus
    at.run()
    assert not at.exception
    cell = run.cells["gru"]
    assert cell.round_step == [0, 20, 40, 60] and len(cell.loss) == 60
    fig = chart(at, "Training: loss per update")
    np.testing.assert_allclose(array(fig["data"][0]["y"]), cell.loss)
    np.testing.assert_allclose(array(fig["data"][1]["y"]), cell.held_out)
    # the held-out score shown, recomputed with torch.nn from the trained weights
    bits = _nn_gru_bits(cell.model, corpus.split()[1])
    (metric,) = at.metric
    assert metric.value == f"{bits:.3f}" and f"untrained {cell.held_out[0]:.2f}" in metric.delta
    assert bits < cell.held_out[0]  # better than untrained, even after 60 updates
    samples = dict(_samples(at))
    assert samples["GRU before training"] == cell.samples[0] and samples["GRU after training"] == cell.samples[-1]


def ref_unigram(text: str) -> float:
    """The unigram baseline of a pasted text, counted here: the frequencies (each count + 1) of the unknown
    character and the 95 most frequent characters of its first nine tenths, on its last tenth."""
    train, held = text[: len(text) * 9 // 10], text[len(text) * 9 // 10 :]
    kept = {c for c, _ in Counter(train).most_common(95)}
    counts = Counter(c if c in kept else None for c in train)  # None: the unknown character
    total = sum(counts.values()) + len(kept) + 1
    return -np.mean([np.log2((counts[c if c in kept else None] + 1) / total) for c in held])


PASTED = corpus.text(6_000, 11).replace("the", "teh")  # text of a kind the shipped models never read


def _paste(text: str, lang: str = "en") -> AppTest:
    at = _page({"cells": ["gru"], "train_seconds": "5", "lang": lang})
    at.segmented_control(key="gen_source").set_value("pasted").run()
    at.text_area(key="gen_pasted").input(text).run()
    assert not at.exception
    return at


def test_training_on_a_pasted_text_measures_its_held_out_tail(monkeypatch):
    monkeypatch.setattr(
        retrain_chars, "CONFIG", dict(hidden=16, steps=40, seconds=None, round_steps=20, sample_length=40)
    )
    at = _paste(PASTED)
    unigram = ref_unigram(PASTED)
    (ok,) = at.success
    assert ok.value.startswith("6,000 characters: the first 5,400 are trained on, the last 600 held out")
    assert f"need {unigram:.3f} bits per character" in ok.value
    assert any("not put in the link" in c.value for c in at.caption)
    assert "Train 1 cell(s), 5 s each" in at.button(key="gen_train").label
    at.button(key="gen_train").click().run()
    run = _finished_run(at, (("gru",), 5, PASTED))
    at.run()
    assert not at.exception
    assert all(PASTED[:50] not in str(v) for v in at.query_params.values())  # the text is not in the link
    cell = run.cells["gru"]
    assert cell.round_step == [0, 20, 40] and cell.summary["corpus"] == "pasted"
    fig = chart(at, "Training: loss per update")
    assert fig["layout"]["shapes"][0]["y0"] == pytest.approx(
        unigram, abs=1e-4
    )  # the dotted line: this text's (4 decimals)
    np.testing.assert_allclose(array(fig["data"][1]["y"]), cell.held_out)
    # the held-out score shown, recomputed with torch.nn on the pasted text's last tenth
    bits = _nn_gru_bits(cell.model, PASTED[len(PASTED) * 9 // 10 :])
    (metric,) = at.metric
    assert metric.value == f"{bits:.3f}" and f"letter frequencies alone {unigram:.2f}" in metric.delta
    assert any("last tenth of your text" in i.value for i in at.info)


def test_the_server_forgets_the_oldest_idle_text_first():
    """Past ``keys`` keys (here 2) the oldest key whose runs are all finished goes, a run under way never."""

    class Instant(trainings.Trainings):
        keys = 2

        def start(self, key, seed):
            done = key != "busy"
            return SimpleNamespace(key=key, seed=seed, state="done" if done else "training", finished=done), None, ()

        def _train(self, run, target, args):
            with self._lock:
                self._pending.remove(run)

    jobs = Instant()
    for key in ("busy", "a", "b", "c"):
        jobs.ask(key)
        jobs._queue.submit(lambda: None).result()  # the queue's thread has handled it
    assert [k for k in ("busy", "a", "b", "c") if jobs.get(k, 1)] == ["busy", "c"]


CHINESE = "".join(chr(0x4E00 + i * 37 % 3000) for i in range(6_000))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("   \n ", "Paste a text of 5,000 to 100,000 characters"),
        ("short", "The text has 5 characters; training needs at least 5,000"),
        ("a" * 100_001, "The text has 100,001 characters; the limit is 100,000"),
        (
            PASTED[:3000] + "\x07\x1b" + PASTED[3000:],
            "control characters that cannot be shown in a sample: U+0007 U+001B",
        ),
        (CHINESE, "of the text are characters outside the 95 most frequent ones"),
    ],
    ids=["blank", "short", "long", "control", "chinese"],
)
def test_a_pasted_text_that_cannot_be_trained_on_says_why(text, says):
    at = _paste(text)
    assert any(says in m.value for m in [*at.error, *at.info]), [m.value for m in [*at.error, *at.info]]
    assert not [b for b in at.button if b.key == "gen_train"]  # nothing to press


def test_pasting_in_chinese_says_it_in_chinese():
    at = _paste("short", "zh")
    assert any("这段文本有 5 个字符；训练至少需要 5,000 个" in e.value for e in at.error)
    at = _paste(CHINESE, "zh")
    assert any("不在最常见的 95 个字符之内" in e.value for e in at.error)


def test_chinese_page():
    at = _page({"lang": "zh", "cells": ["lstm"]})
    fig = chart(at, "读完第 41 个字符")
    assert fig["layout"]["title"]["text"].startswith("读完第 41 个字符“r”后")
    np.testing.assert_allclose(array(fig["data"][0]["x"])[0], ref_probs(DEFAULT, "lstm", 0.7)[-1].max(), rtol=1e-4)
    assert at.success[0].value.startswith("LSTM：h 的第 64 个单元跟踪了“在行中的位置”")
    assert chart(at, "留出文本上每字符的比特数")["layout"]["yaxis"]["title"]["text"] == "每字符比特数"


def test_no_cells_and_a_missing_checkpoint_give_clear_messages(monkeypatch, tmp_path):
    at = _page()
    at.multiselect(key="cells").set_value([]).run()
    assert not at.exception and not charts(at) and any("at least one cell" in i.value for i in at.info)
    monkeypatch.setattr(chars, "DIR", tmp_path)  # no checkpoints there
    cache_apps.char_model.clear()
    try:
        at = _page()
        assert not charts(at) and "chars-rnn.safetensors is missing" in at.error[0].value
    finally:
        cache_apps.char_model.clear()


def _figures(lang: str) -> list:
    model = chars.shipped("lstm")
    p = chars.probabilities(model, DEFAULT)
    results = json.loads((ROOT / "results" / "chars.json").read_text())
    runs = {"gru": dict(loss=[5.0, 4.0, 3.0], round_step=[0, 3], held_out=[5.5, 3.1])}
    return [
        figs.next_bars({"lstm": p[3], "gru": p[4]}, model.vocab, "o", 4, 0.7, lang),
        figs.surprise_lines({"lstm": -np.log2(p[:-1, 1])}, DEFAULT, 4.39, lang),
        figs.held_out_bars(results["summary"], lang),
        figs.training_curves(runs, 4.39, lang),
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


def test_html_pieces_escape_markup_and_mark_the_current_and_unknown_characters():
    strip = figs.char_strip("<b>\n x😀", 2, {"😀"})
    body = strip.split("</style>")[1]
    assert '">&lt;</span>' in body and "<b>" not in body and body.count('class="now"') == 1
    assert 'class="read" title="t = 1">&lt;</span>' in body and ">↵</span><br>" in body
    assert body.count(' unk"') == 1 and "read as the unknown character" in body
    long = figs.char_strip("a" * 1000, 500, set())
    assert long.count('title="t = ') == figs.STRIP_CHARS and 'class="now" title="t = 500"' in long
    sample = figs.sample_html("<i>head</i>", "<s>", "<script>")
    assert "<script>" not in sample and "&lt;script&gt;" in sample and "&lt;i&gt;" in sample
    shaded = figs.shaded_text("h", "a <b>\n", np.array([-1.0, 0.0, 0.5, 0.2, 1.0, 0.3]), 1.0)
    assert "<b>" not in shaded.split("</style>")[1] and shaded.count("<span") == 6 and "+0.500" in shaded
    np.testing.assert_allclose(figs.shade_positions(np.array([-2, -1, 0, 0.5, 3]), 1.0), [0, 0, 0.5, 0.75, 1])
