"""The exported application views (translation, forecast, generation) and the training lab: the numbers in the
file are torch.nn's on the shipped checkpoints (the pages' tests' references), the steps are frames, typed
text is escaped, the training lab trains nothing; and each lesson stop's file holds only its answering parts."""

import datetime as dt
import html
import re

import numpy as np
import pytest
from helpers import array
from test_export import figures, frames, leader, settings
from test_forecast_page import _reference as forecast_reference
from test_generate_page import ref_probs, ref_sample
from test_translate_page import _greedy

from rnnviz import dates, dates_data, export, export_lesson, presets, results, seq2seq
from rnnviz.export_parts import answering
from rnnviz.i18n import t

ZH_DATE = dates_data.write(dt.date(1999, 12, 31), "zh-digits").text


@pytest.mark.parametrize(
    "query",
    ["", f"date_text={ZH_DATE}&encoder=lstm&encoder_bidirectional=false&step=3&lang=中文"],
)
def test_translation_file_holds_torch_nns_attention_and_steps_through_the_output(query):
    s = settings(query)
    text = export.export(s, "translate")
    lead = leader(figures(text))
    model = dates.load(dates.path_for(s.encoder, s.encoder_bidirectional, True)).model
    chars, p, a = _greedy(model, s.date_text)
    n = len(chars)
    np.testing.assert_allclose(array(lead["data"][0]["z"]), a, atol=1e-4)  # the heatmap: every a_tj
    assert lead["layout"]["sliders"][0]["active"] == (s.step or n) - 1
    steps = frames(lead)
    assert sorted(steps) == list(range(1, n + 1))
    for step, frame in steps.items():
        shapes = frame["layout"]["shapes"]
        assert len(shapes) == 1 + (step < n)  # the step's row boxed, the rows after it veiled
        row = shapes[-1]
        assert (row["y0"], row["y1"]) == pytest.approx((1 - step / n, 1 - (step - 1) / n))
        ch = t("translate.eos", s.lang) if chars[step - 1] == seq2seq.EOS else chars[step - 1]
        assert (
            f"“{ch}”" in frame["layout"]["title"]["text"] and f"{p[step - 1]:.3f}" in frame["layout"]["title"]["text"]
        )
    written = "".join(chars[:-1])
    assert f"<code>{s.date_text}</code>" in text  # the typed date, as read
    plain, _, _ = _greedy(dates.load(dates.path_for(s.encoder, s.encoder_bidirectional, False)).model, s.date_text)
    assert written in text and t("translate.noattn.header", s.lang) in text
    boxes = re.findall(r'<span class="c[^"]*" title="t = \d+, p = [\d.]+">([^<]*)</span>', text)
    end = t("translate.eos", s.lang)
    assert boxes == [end if c == seq2seq.EOS else c for c in [*chars, *plain]]  # every box a torch.nn choice


def test_translation_of_typed_markup_is_refused_and_said_escaped():
    from pages import export_view

    s = settings("").replace(date_text='<img src=x onerror="alert(1)">')
    with pytest.raises(export.ExportError):
        export.export(s, "translate")
    said = export_view._file(s, "translate", export.LOCAL)  # what the page's download button writes instead
    inner = said.split("<p>", 1)[1].rsplit("</p>", 1)[0]
    assert "<" not in inner and "&lt;" in inner  # the characters it cannot read, named escaped


def test_forecast_file_holds_torch_nns_forecasts_free_runs_and_scores():
    from rnnviz import forecast as forecasting
    from rnnviz.forecast_view import LONGEST, READ, scores

    s = settings("series=random-walk&series_seed=3&horizon=20&cells=LSTM&cells=GRU")
    text = export.export(s, "forecast")
    figs = figures(text)
    values = forecasting.series(s.series, READ + LONGEST, s.series_seed)
    for i, kind in enumerate(s.cells):
        one, run = forecast_reference(s.series, kind, values[:READ], s.horizon)
        np.testing.assert_allclose(array(figs[i]["data"][2]["y"]), one, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(array(figs[len(s.cells) + i]["data"][3]["y"]), run, rtol=1e-4, atol=1e-5)
        assert f"{scores(values, one)['mse']:.4f}" in text
    chart = figs[-1]  # the measured ratios: the results file's
    summary = results.read("forecast")["summary"]
    means = sorted(v for tr in chart["data"] for v in array(tr["y"]))
    want = sorted(summary[f"{n}/{k}"]["ratio_mean"] for n in forecasting.SERIES for k in s.cells)
    assert means == pytest.approx(want)


@pytest.mark.parametrize("query", ["", "start_text=to+be+or&temperature=1.3&sample_seed=4&cells=RNN&lang=中文&step=2"])
def test_generation_file_steps_through_torch_nns_next_characters_and_writes_its_samples(query):
    from rnnviz.figures import generate as gen_figs

    s = settings(query)
    text = export.export(s, "generate")
    figs = figures(text)
    lead, start = leader(figs), s.start_text
    assert lead["layout"]["sliders"][0]["active"] == (s.step or len(start)) - 1
    refs = {k: ref_probs(start, k, s.temperature) for k in s.cells}
    vocab = __import__("rnnviz").chars.shipped(s.cells[0]).vocab
    for step, frame in frames(lead).items():
        for pos, kind in zip(frame["traces"], s.cells):
            order = np.argsort(-refs[kind][step - 1], kind="stable")[: gen_figs.TOP]
            np.testing.assert_allclose(array(frame["data"][pos]["x"]), refs[kind][step - 1][order], atol=1e-5)
            assert frame["data"][pos]["y"] == [f"{gen_figs.shown(vocab[j])} " for j in order]
    assert len(frames(lead)) == len(start)
    surprise = next(f for f in figs if f is not lead)
    for i, kind in enumerate(s.cells):
        p = ref_probs(start, kind)
        ids = [vocab.index(c) for c in start]
        np.testing.assert_allclose(
            array(surprise["data"][i]["y"]), -np.log2(p[np.arange(len(start) - 1), ids[1:]]), atol=1e-4
        )
        assert html.escape(ref_sample(start, kind, s.sample_length, s.temperature, s.sample_seed)) in text


def test_generation_file_escapes_typed_text_and_names_unknown_characters_as_typed():
    s = settings("cells=GRU&sample_length=10").replace(start_text="<script>alert(1)</script> $x$ *b* 😀")
    text = export.export(s, "generate")
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)" in text
    assert "“😀”" in text and "<i>x</i>" not in text and "<b>b</b>" not in text
    block = re.search(r'id="rnnviz-figures">(.*?)</script>', text, re.S)[1]
    assert "<" not in block and ">" not in block


def test_training_file_trains_nothing_and_shows_the_recorded_runs(monkeypatch):
    from rnnviz import train

    monkeypatch.setattr(train, "Lab", None)  # nothing may train: any use of the lab fails
    monkeypatch.setattr(train, "Trainer", None)
    s = settings("task=recall&train_length=20&lang=中文")
    text = export.export(s, "training")
    runs = [r for r in results.read("training_vs_length")["runs"] if r["task"] == "recall"]
    here = [r for r in runs if r["length"] == 20 and r["cell"] in s.cells]
    assert here and t("export.training.recorded", "zh", file="X").split("`")[0] in text
    cells = re.findall(r"<tr><td>([^<]*)</td><td>(\d+)</td><td>([\d.]+)</td>", text)
    assert cells == [(t(f"cell.{r['cell']}", "zh"), str(r["seed"]), f"{r['accuracy']:.3f}") for r in here]
    (classic,) = figures(text)[1:]  # the example strip, then the classic chart of every recorded run
    dots = sorted(v for tr in classic["data"] if tr.get("mode") == "markers" for v in array(tr["y"]))
    assert dots == pytest.approx(sorted(r["accuracy"] for r in runs))


@pytest.mark.parametrize("key, which", [("gates", "after"), ("read", "before"), ("train", "after")])
def test_a_lesson_stops_file_holds_its_banner_and_only_the_parts_that_answer_it(tmp_path, monkeypatch, key, which):
    stop = next(st for st in presets.LESSON if st.key == key)
    monkeypatch.setattr(presets, "LESSON", [stop])  # the lesson of this one stop: its two files and the index
    export_lesson.write(tmp_path, "en")
    preset = getattr(stop, which)
    whole = export.VIEWS[preset.page](preset.settings())
    kept = answering(whole, stop.shows)
    assert 0 < len(kept.parts) < len(whole.parts)
    text = (tmp_path / f"01-{key}-{which}.html").read_text()
    titles = [f["layout"].get("title", {}).get("text", "") for f in figures(text)]
    assert titles == [f.layout.title.text or "" for p in kept.parts for f in p.figures]  # the answering charts only
    assert len(titles) < sum(len(p.figures) for p in whole.parts) or key == "train"
    for part in whole.parts:  # the others' headers and texts are not in the file
        if part not in kept.parts and part.header:
            assert f"<h2>{html.escape(part.header)}</h2>" not in text
    assert t(f"lesson.{key}.title", "en") in text and t("export.lesson.whole", "en") in text
    live = export_lesson.entries("en")[1 if which == "after" else 0].live
    assert f'href="{html.escape(live)}"' in text
