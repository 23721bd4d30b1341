"""Translation page: what it shows against independent references. The heatmap's rows against attention
recomputed from torch.nn modules holding the shipped weights (test_seq2seq.reference), the shown output against a
greedy decoding done with that recomputation, the accuracy chart against results/dates.json; and every control."""

import datetime as dt
import json
import re
import time
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from helpers import array, chart, charts, css_marks
from streamlit.testing.v1 import AppTest
from test_forecast_page import shapes_on
from test_seq2seq import reference

from pages import cache_apps, retrain
from rnnviz import dates, seq2seq
from rnnviz import dates_data as data
from rnnviz.figures import translate as figs
from rnnviz.i18n import TEXTS

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
RESULTS = json.loads((ROOT / "results" / "dates.json").read_text())
DEFAULT = "3 March 2021"


def _page(query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.switch_page("pages/translate.py").run()
    assert not at.exception
    return at


def _model(kind: str, attention: bool = True) -> seq2seq.Seq2Seq:
    return dates.load(dates.path_for(kind, attention=attention)).model


@torch.no_grad()
def _greedy(model: seq2seq.Seq2Seq, text: str) -> tuple[list[str], np.ndarray, np.ndarray | None]:
    """Greedy decoding done with the torch.nn recomputation: the characters, p(chosen) per step, a_tj."""
    vocab, src = model.spec.out_vocab, model.ids(text)
    fed = [vocab.index(seq2seq.BOS)]
    while len(fed) <= seq2seq.MAX_OUTPUT and (len(fed) == 1 or vocab[fed[-1]] != seq2seq.EOS):
        logits, _ = reference(model, src, torch.tensor(fed))
        fed.append(int(logits[-1].argmax()))
    logits, a = reference(model, src, torch.tensor(fed[:-1]))
    p = torch.softmax(logits, -1).max(-1).values.numpy()
    return [vocab[i] for i in fed[1:]], p, None if a is None else a.numpy()


def _strips(at) -> list[tuple[str, list[str], list[float], int, str]]:
    """Each output strip: who, its characters (written ones; "" for those not yet), p per written box, the
    step, the line under it."""
    out = []
    for e in at.get("html"):
        body = e.proto.body
        if 'class="outstrip"' not in body:
            continue
        who = re.search(r'class="who">([^<]*)<', body)[1]
        boxes = re.findall(r'<span class="c ([^"]*)" title="([^"]*)">([^<]*)</span>', body)
        chars = ["" if "later" in cls else text for cls, _, text in boxes]
        probs = [float(m[1]) for _, title, _ in boxes if (m := re.search(r"p = ([\d.]+)", title))]
        step = int(re.search(r'data-step="(\d+)"', body)[1])
        out.append((who, chars, probs, step, re.search(r'class="outline">([^<]*)<', body)[1]))
    return out


def _css(at) -> str:
    found = [e.proto.body for e in at.get("html") if ".st-key-translate_attention::after" in e.proto.body]
    assert len(found) == 1
    return found[0]


def _shown(chars: list[str]) -> list[str]:
    return [seq2seq.EOS if c == "end" else c for c in chars]


# ---- the figures: pure functions, equal to what plotly's validation makes of them ----


def test_figures_are_what_plotly_validation_makes_of_them():
    tr = _model("gru").translate(DEFAULT)
    for fig in (
        figs.attention_heatmap(tr.attention, tr.text, tr.tokens, "gru"),
        figs.accuracy_chart(RESULTS["summary"], ("rnn", "lstm", "gru"), "zh"),
    ):
        assert json.loads(fig.to_json()) == json.loads(go.Figure(fig.to_dict()).to_json())
        assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text


def test_step_marks_box_the_row_and_hatch_the_rows_not_written():
    assert figs.step_marks(11, 4) == {"row": [(0, 1, 3 / 11, 4 / 11)], "hatched": [(0, 1, 4 / 11, 1)]}
    assert figs.step_marks(11, 11)["hatched"] == []


# ---- the page in AppTest ----


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_heatmap_and_output_are_the_models_own_recomputed_from_torch_nn(kind):
    at = _page({"encoder": kind.upper()})
    assert f"({kind.upper()} encoder)" in chart(at, "Attention of each")["layout"]["title"]["text"]
    model = _model(kind)
    tokens, p, a = _greedy(model, DEFAULT)
    fig = chart(at, "Attention of each output character")
    z = array(fig["data"][0]["z"])
    assert z.shape == (len(tokens), len(DEFAULT))
    np.testing.assert_allclose(z.sum(1), 1, atol=1e-5)  # each row a distribution over the input
    np.testing.assert_allclose(z, a, atol=1e-5)  # float32 on the wire
    assert fig["layout"]["xaxis"]["ticktext"] == list(DEFAULT.replace(" ", "␣"))
    (who, chars, probs, step, line), plain = _strips(at)[0], _strips(at)[1]
    assert who == "With attention" and step == len(tokens) and _shown(chars) == tokens
    np.testing.assert_allclose(probs, p, atol=1e-3)  # printed with 3 decimals
    j = int(np.argmax(a[-1]))
    assert f"input character {j + 1}" in line and f"weight {a[-1, j]:.3f}" in line
    plain_tokens, plain_p, _ = _greedy(_model(kind, attention=False), DEFAULT)
    assert plain[0] == "Without attention" and _shown(plain[1]) == plain_tokens
    np.testing.assert_allclose(plain[2], plain_p, atol=1e-3)
    # the attention model got 3 March 2021 right (checked); the one without is judged against it
    assert at.success[0].value.startswith("Right: the input is 2021-03-03")
    plain_out = "".join(plain_tokens[:-1])
    said = [x.value for x in [*at.success, *at.warning] if "without attention the model" in x.value]
    assert said == [
        "Right too: without attention the model also writes 2021-03-03."
        if plain_out == "2021-03-03"
        else f"Wrong: the input is 2021-03-03 (checked above), but without attention the model writes {plain_out}."
    ]


def test_step_buttons_move_the_marks_and_leave_the_charts_unchanged():
    at = _page({"step": "3"})
    n = len(_strips(at)[0][1])
    before = charts(at)

    def shown(step):
        strip = _strips(at)[0]
        assert strip[3] == step and strip[1][step:] == [""] * (n - step) and all(strip[1][:step])
        found = css_marks(_css(at), "translate_attention")
        assert found["boxes"] == [pytest.approx((0, 1, (step - 1) / n, step / n))]
        assert found["hatched"] == ([pytest.approx((0, 1, step / n, 1))] if step < n else [])

    shown(3)
    for button, expected in (("step_next", 4), ("step_prev", 3), ("step_last", n), ("step_first", 1)):
        at.button(key=button).click().run()
        assert not at.exception and at.slider(key="step").value == expected
        shown(expected)
    assert charts(at) == before


def test_the_comparison_toggle_and_the_cells_of_the_accuracy_chart():
    at = _page()
    at.toggle(key="without_attention").set_value(False).run()
    assert not at.exception and [s[0] for s in _strips(at)] == ["With attention"]
    at.multiselect(key="cells").set_value(["lstm"]).run()
    names = [d["name"] for d in chart(at, "Held-out exact match")["data"]]
    assert names == ["LSTM, attention", "LSTM, no attention"]
    at.multiselect(key="cells").set_value([]).run()
    assert not at.exception and any("at least one cell" in i.value for i in at.info)


def test_accuracy_chart_is_the_results_file():
    at = _page()
    fig = chart(at, "Held-out exact match against input length")
    rows = {(r["cell"], r["attention"]): r for r in RESULTS["summary"] if r["bidirectional"]}
    for trace, (kind, attention) in zip(fig["data"], [(k, a) for k in ("rnn", "lstm", "gru") for a in (True, False)]):
        groups = rows[kind, attention]["by_length"]
        assert trace["x"] == list(groups)
        mean = np.array([g["mean"] for g in groups.values()])
        np.testing.assert_allclose(array(trace["y"]), mean)
        np.testing.assert_allclose(array(trace["error_y"]["array"]) + mean, [g["max"] for g in groups.values()])
        np.testing.assert_allclose(mean - array(trace["error_y"]["arrayminus"]), [g["min"] for g in groups.values()])
    caption = " ".join(c.value for c in at.caption)
    assert "seeds 0, 1, 2, 3, 4" in caption and RESULTS["meta"]["written"] in caption


def test_what_the_texts_say_is_true_of_the_models_and_the_results():
    # "with attention near 1 at every length; without, few right, fewest on the longest inputs"
    for r in RESULTS["summary"]:
        if r["bidirectional"]:
            means = [g["mean"] for g in r["by_length"].values()]
            if r["attention"]:
                assert min(means) > 0.9
            else:
                assert max(means) < 0.3 and np.argmin(means) == len(means) - 1
    # "trained in under 30 s on one core on dates in 13 English and Chinese formats"
    assert len(data.FORMATS) == 13 and {f.split("-")[0] for f in data.FORMATS} == {"en", "zh"}
    for kind in ("rnn", "lstm", "gru"):
        for attention in (True, False):
            meta = dates.load(dates.path_for(kind, attention=attention)).meta["result"]
            assert meta["seconds"] < 30 and meta["threads"] == 1
    # where the attention looks, in 3 March 2021 and 2021年3月3日 (positions 1-based)
    for kind in ("rnn", "lstm", "gru"):
        model = _model(kind)
        for text, year, month, day in ((DEFAULT, (9, 12), (3, 7), (1, 1)), ("2021年3月3日", (1, 4), (6, 6), (8, 8))):
            a = model.translate(text).attention
            where = np.argmax(a, axis=1) + 1  # the brightest input character of each output step
            assert all(year[0] - 1 <= w <= year[1] + 1 for w in where[:4]), (kind, text, where)
            assert month[0] - 1 <= where[6] <= month[1] + 1 and day[0] - 1 <= where[9] <= day[1] + 1, (kind, where)
            if text.startswith("2021"):  # written in the order of the output: down the diagonal
                assert np.corrcoef(np.arange(len(where)), where)[0, 1] > 0.8, (kind, where)
    assert str(seq2seq.MAX_INPUT) in TEXTS["setting.date_text.help"]["en"]


@pytest.mark.parametrize("fmt,date", [("zh-digits", dt.date(2021, 3, 3)), ("en-weekday-words", dt.date(1999, 12, 31))])
def test_example_buttons_fill_the_text_and_the_verdict_is_checked(fmt, date):
    at = _page()
    at.button(key=f"translate_example_{fmt}").click().run()
    text = data.write(date, fmt).text
    assert not at.exception and at.text_area(key="date_text").value == text
    tokens, _, _ = _greedy(_model("gru"), text)
    assert _shown(_strips(at)[0][1]) == tokens and "".join(tokens[:-1]) == date.isoformat()
    held_out = date.toordinal() in data.split()["test"]
    assert at.success[0].value.startswith(f"Right: the input is {date.isoformat()}")
    assert ("held-out test dates" in at.success[0].value) == held_out


BAD = {
    "empty": ("  ", "Type a date"),
    "long": ("3 March 2021 " * 12, "the model reads at most 120"),
    "emoji": ("3 March 2021 😀", "😀"),
    "markup": ("<b>3 March</b>", "\\<"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_gives_a_clear_message(name):
    text, said = BAD[name]
    at = _page({"date_text": text})
    assert not at.exception and not _strips(at)
    assert any(said in i.value for i in at.info), [i.value for i in at.info]
    assert chart(at, "Held-out exact match")  # the rest of the page stays


def test_text_that_is_no_date_is_decoded_and_said_to_be_unchecked():
    at = _page({"date_text": "hello there"})
    tokens, _, _ = _greedy(_model("gru"), "hello there")
    assert not at.exception and _shown(_strips(at)[0][1]) == tokens
    assert any(i.value.startswith("Not checked") or "not a calendar date" in i.value for i in [*at.info, *at.warning])
    assert not at.success


def test_in_chinese():
    at = _page({"lang": "zh", "date_text": "2021年3月3日"})
    assert at.title[0].value.startswith("带注意力的翻译")
    assert "注意力" in chart(at, "每个输出字符")["layout"]["title"]["text"]
    strip = _strips(at)[0]
    assert strip[0] == "带注意力" and strip[1][-1] == "结束" and "".join(strip[1][:-1]) == "2021-03-03"
    assert "第 11 步" in strip[4]
    assert at.slider(key="step").label == "输出步 t（已写出的字符数）"


# ---- one-way encoders ----


@pytest.mark.parametrize("kind", ["rnn", "lstm", "gru"])
def test_one_way_encoder_is_its_own_checkpoint_recomputed_from_torch_nn(kind):
    at = _page({"encoder": kind.upper(), "encoder_bidirectional": "false"})
    model = dates.load(dates.path_for(kind, bidirectional=False)).model
    assert not model.spec.bidirectional and model.spec.attention
    tokens, p, a = _greedy(model, DEFAULT)
    z = array(chart(at, "Attention of each output character")["data"][0]["z"])
    np.testing.assert_allclose(z, a, atol=1e-5)
    strips = _strips(at)
    assert _shown(strips[0][1]) == tokens
    np.testing.assert_allclose(strips[0][2], p, atol=1e-3)
    plain_tokens, _, _ = _greedy(dates.load(dates.path_for(kind, False, attention=False)).model, DEFAULT)
    assert _shown(strips[1][1]) == plain_tokens
    # the page says what one way costs, from the results file, and draws the one-way accuracy
    row = {(r["cell"], r["bidirectional"], r["attention"]): r for r in RESULTS["summary"]}
    one_way, bi = row[kind, False, True]["exact_match"], row[kind, True, True]["exact_match"]
    caption = " ".join(c.value for c in at.caption)
    for value in (one_way["mean"], one_way["min"], bi["mean"]):
        assert f"{value:.3f}" in caption
    fig = chart(at, "Held-out exact match against input length (one-way encoders")
    mean = [g["mean"] for g in row[kind, False, True]["by_length"].values()]
    trace = next(d for d in fig["data"] if d["name"] == f"{kind.upper()}, attention")
    np.testing.assert_allclose(array(trace["y"]), mean)
    shipped = " ".join(i.value for i in at.info)
    assert "In use: the shipped" in shipped and "(left to right)" in shipped


def test_one_way_checkpoints_are_what_the_results_file_says():
    runs = {(r["cell"], r["bidirectional"], r["attention"], r["seed"]): r for r in RESULTS["runs"]}
    for kind in ("rnn", "lstm", "gru"):
        for attention in (True, False):
            meta = dates.load(dates.path_for(kind, False, attention)).meta
            # the 30 s cap is checked after each update: a run may pass it by the last update
            assert meta["bidirectional"] is False and meta["result"]["seconds"] < 30.5
            assert meta["result"]["held_out"] == runs[kind, False, attention, 0]["held_out"]


# ---- training again from the page ----

TINY_RUN = {"steps": 30, "eval_every": 15, "eval_size": 30}


def _until_trained(at: AppTest, timeout: float = 180) -> AppTest:
    """Rerun the page (as its fragment does every second) until no training progress is shown."""
    start = time.monotonic()
    while at.get("progress"):
        assert time.monotonic() - start < timeout, [p.proto.text for p in at.get("progress")]
        time.sleep(0.5)
        at.run()
        assert not at.exception
    return at


def test_a_class_pressing_at_once_shares_one_run_per_model_and_trains_one_at_a_time(monkeypatch):
    monkeypatch.setattr(retrain, "CONFIG", TINY_RUN)
    jobs = retrain.Trainings()
    first, again, other = jobs.ask(("gru", True, True)), jobs.ask(("gru", True, True)), jobs.ask(("rnn", False, True))
    assert first is again and other is not first and (first.seed, other.seed) == (1, 1)
    assert other.state == "queued" and jobs.ahead(other) == 1
    seen, start = set(), time.monotonic()
    while not (first.finished and other.finished):
        seen.add((first.state, other.state))
        assert time.monotonic() - start < 180
        time.sleep(0.05)
    assert ("training", "training") not in seen  # one at a time
    assert first.state == other.state == "done", (first.error, other.error)
    assert first.step == 30 and first.fraction == 1 and first.summary["held_out"]["n"] == 13 * 150
    assert not other.model.spec.bidirectional and other.model.translate(DEFAULT).output.count("-") <= 10
    assert jobs.ask(("gru", True, True)).seed == 2  # a press after it is done trains again, with the next seed
    assert jobs.get(("gru", True, True), 1) is first


def test_train_again_shows_progress_then_uses_the_new_model(monkeypatch):
    monkeypatch.setattr(retrain, "CONFIG", TINY_RUN)
    at = _page({"without_attention": "false"})
    assert [i.value for i in at.info if i.value.startswith("In use")] == [
        "In use: the shipped GRU (both ways), seed 0, 800 updates in "
        f"{dates.load(dates.path_for('gru')).meta['result']['seconds']:.1f} s CPU; held-out exact match "
        f"**{dates.load(dates.path_for('gru')).meta['result']['held_out']['exact_match']:.3f}** on 1,950 dates "
        "never trained on."
    ]
    at.button(key="translate_train").click().run()
    assert not at.exception and at.button(key="translate_train").disabled
    assert at.get("progress") and "GRU (both ways)" in at.get("progress")[0].proto.text
    _until_trained(at)
    seed = int(re.search(r"seed (\d+)", at.success[-1].value)[1])
    run = cache_apps.trainings().get(("gru", True, True), seed)
    assert run.state == "done"
    held = run.summary["held_out"]
    assert at.success[-1].value.startswith("In use: the GRU (both ways) trained again on this server")
    assert f"held-out exact match **{held['exact_match']:.3f}** on 1,950 dates" in at.success[-1].value
    tokens, _, a = _greedy(run.model, DEFAULT)  # the page now decodes with the new model
    np.testing.assert_allclose(array(chart(at, "Attention of each output character")["data"][0]["z"]), a, atol=1e-5)
    assert _shown(_strips(at)[0][1]) == tokens
    at.button(key="translate_shipped").click().run()
    tokens, _, a = _greedy(_model("gru"), DEFAULT)
    assert _shown(_strips(at)[0][1]) == tokens and not [s for s in at.success if s.value.startswith("In use")]


def test_train_again_in_chinese(monkeypatch):
    monkeypatch.setattr(retrain, "CONFIG", TINY_RUN)
    at = _page({"lang": "zh", "without_attention": "false", "encoder_bidirectional": "false", "encoder": "RNN"})
    assert at.button(key="translate_train").label == "重新训练"
    at.button(key="translate_train").click().run()
    assert "RNN（仅从左到右）" in at.get("progress")[0].proto.text
    _until_trained(at)
    assert at.success[-1].value.startswith("正在使用：在本服务器上重新训练的 RNN（仅从左到右）")
    assert at.slider(key="step").label == "输出步 t（已写出的字符数）"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_shapes_outline_the_encoder_decoder(lang):
    found, legend = shapes_on(_page({"lang": lang}))
    outlined = [(name, use) for name, (use, here) in found.items() if here]
    assert not any("this page" in use or "本页" in use for use, here in found.values() if not here)
    if lang == "en":
        assert outlined == [("encoder–decoder", "a date in words to its ISO form: this page")]
        assert legend == "x: an input character · h: the hidden state · y: an output character"
    else:
        assert outlined == [("编码器–解码器", "把文字写的日期译成 ISO 格式：本页")] and legend.startswith("x：输入字符")
