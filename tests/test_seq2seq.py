"""Date translation: the data really held out, the encoder-decoder against torch.nn recomputed by hand, attention
rows that are distributions, greedy decoding step by step, the shipped checkpoints, bad inputs, tiny trainings."""

import datetime as dt
import json

import pytest
import torch
from safetensors.torch import save_file
from torch import nn

from rnnviz import dates, seq2seq
from rnnviz import dates_data as data
from rnnviz.checkpoints import CheckpointError
from rnnviz.seq2seq import BOS, EOS, MAX_INPUT, MAX_OUTPUT, Encoder, FastSeq2Seq, InputError, Seq2Seq, Spec

TORCH_LAYERS = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
KINDS = list(TORCH_LAYERS)
TINY = dict(embed=4, hidden=4, batch=8, steps=4, eval_every=2, eval_size=8)
SHIPPED = [("gru", True), ("lstm", True)]  # the attention models the bars are about
ATOL = 2e-5


def spec(kind: str, bidirectional: bool = True, attention: bool = True, **sizes) -> Spec:
    return Spec(
        kind,
        data.input_vocab(),
        data.OUTPUT_VOCAB,
        bidirectional=bidirectional,
        attention=attention,
        **({"embed": 6, "hidden": 5} | sizes),
    )


def random_model(s: Spec, seed: int = 0) -> Seq2Seq:
    """rnnviz's model with the torch.nn twin's seeded initial weights (biases and all non-zero)."""
    torch.manual_seed(seed)
    model = Seq2Seq(s)
    model.load_state_dict(FastSeq2Seq(s).state_dict())
    return model.requires_grad_(False)


@pytest.fixture(scope="module", params=SHIPPED, ids=lambda p: f"{p[0]}-bi")
def shipped(request) -> Seq2Seq:
    return dates.load(dates.path_for(*request.param)).model


# ---- data ----


def test_the_formats_write_the_dates_of_the_brief():
    d = dt.date(2021, 3, 3)
    written = {f: data.write(d, f).text for f in data.FORMATS}
    assert written["en-dmy"] == "3 March 2021" and written["en-mdy"] == "March 3rd, 2021"
    assert written["en-ordinal"] == "the third of March 2021" and written["zh-digits"] == "2021年3月3日"
    assert written["zh-numerals"] == "二〇二一年三月三日"
    assert written["zh-era-weekday"] == "公元二〇二一年三月三日星期三"
    assert written["en-weekday-words"] == "Wednesday, the third of March, two thousand and twenty-one"
    assert {data.write(d, f).target for f in data.FORMATS} == {"2021-03-03"}
    with pytest.raises(ValueError, match="unknown date format"):
        data.write(d, "fr-dmy")


def test_number_words():
    assert [data.ordinal_words(n) for n in (1, 2, 3, 5, 8, 9, 11, 12, 20, 21, 22, 30, 31)] == [
        "first",
        "second",
        "third",
        "fifth",
        "eighth",
        "ninth",
        "eleventh",
        "twelfth",
        "twentieth",
        "twenty-first",
        "twenty-second",
        "thirtieth",
        "thirty-first",
    ]
    assert [data.ordinal_suffix(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "31st",
    ]
    assert [data.year_words(y) for y in (1900, 1905, 1913, 1984, 2000, 2007, 2099)] == [
        "nineteen hundred",
        "nineteen oh five",
        "nineteen thirteen",
        "nineteen eighty-four",
        "two thousand",
        "two thousand and seven",
        "two thousand and ninety-nine",
    ]
    assert [data.zh_number(n) for n in (1, 10, 11, 19, 20, 23, 30, 31)] == [
        "一",
        "十",
        "十一",
        "十九",
        "二十",
        "二十三",
        "三十",
        "三十一",
    ]


def test_every_string_names_one_date():
    """No string is written for two dates (formats may agree on one: "3 May 2021"), so with the dates split,
    no held-out string is ever a training string."""
    date_of: dict[str, int] = {}
    for o in range(data.FIRST.toordinal(), data.LAST.toordinal() + 1, 3):
        for f in data.FORMATS.values():
            assert date_of.setdefault(f(dt.date.fromordinal(o)), o) == o


def test_the_split_is_held_out():
    parts = data.split()
    test, valid, train = (set(parts[k].tolist()) for k in ("test", "valid", "train"))
    assert not (test & train or valid & train or test & valid)
    assert len(test | valid | train) == data.LAST.toordinal() - data.FIRST.toordinal() + 1
    assert {dt.date.fromisoformat(ex.target).toordinal() for ex in data.held_out()} <= test
    held_out = {ex.text for ex in data.held_out()}
    batches = data.training_batches(64, seed=0)
    for _ in range(20):  # what the first 20 updates train on
        b = next(batches)
        targets = ["".join(data.OUTPUT_VOCAB[i] for i in col[:-1]) for col in b.tgt_out.T.tolist()]
        assert {dt.date.fromisoformat(t).toordinal() for t in targets} <= train
        vocab = data.input_vocab()
        texts = ["".join(vocab[i] for i in col[:n]) for col, n in zip(b.src.T.tolist(), b.lengths, strict=True)]
        assert not held_out & set(texts)
    trainer = dates.Trainer(dates.Config(**TINY))
    assert {dt.date.fromisoformat(ex.target).toordinal() for ex in trainer.valid} <= valid


def test_held_out_is_balanced_and_spans_lengths():
    examples = data.held_out()
    assert len(examples) == 150 * len(data.FORMATS) and {ex.lang for ex in examples} == {"en", "zh"}
    lengths = [len(ex.text) for ex in examples]
    assert min(lengths) < 12 and max(lengths) > 60
    assert {data.length_bin(n) for n in lengths} == {"0-14", "15-24", "25-34", "35-49", "50+"}


def test_vocabularies_cover_every_part():
    vocab = set(data.input_vocab())
    for part in ("train", "valid", "test"):
        assert {ch for ex in data.sample(part, 3000, 1) for ch in ex.text} <= vocab
    assert data.input_vocab()[0] == seq2seq.PAD and BOS in data.OUTPUT_VOCAB and EOS in data.OUTPUT_VOCAB


def test_batches_are_padded_ids_with_bos_and_eos():
    examples = data.sample("train", 5, 3)
    b = data.batch(examples)
    assert b.src.shape == (max(len(ex.text) for ex in examples), 5) and b.tgt_in.shape == (data.OUTPUT_LENGTH, 5)
    assert (b.tgt_in[0] == data.OUTPUT_VOCAB.index(BOS)).all() and (b.tgt_out[-1] == data.OUTPUT_VOCAB.index(EOS)).all()
    assert torch.equal(b.tgt_in[1:], b.tgt_out[:-1])
    for col, ex in enumerate(examples):
        assert "".join(data.input_vocab()[i] for i in b.src[: len(ex.text), col]) == ex.text
        assert (b.src[len(ex.text) :, col] == 0).all()


# ---- the model against torch.nn ----


def test_the_equations_a_page_renders():
    lhs = [line.split(" = ")[0] for line in seq2seq.equations()]
    assert lhs[-6:] == ["s_t", "e_{tj}", "a_{tj}", "c_t", r"\ell_t", "p(y_t)"] and len(lhs) == 11
    assert "c_t = s_0" in seq2seq.equations(attention=False) and len(seq2seq.equations(False, False)) == 8
    assert r"s_0 = \overrightarrow{h}_{T_{in}}" in seq2seq.equations(bidirectional=False)


@pytest.mark.parametrize("bidirectional", [True, False], ids=["bi", "one-way"])
@pytest.mark.parametrize("kind", KINDS)
def test_encoder_has_torch_nn_names_and_matches_it(kind, bidirectional):
    torch.manual_seed(1)
    reference = TORCH_LAYERS[kind](6, 5, bidirectional=bidirectional)
    encoder = Encoder(kind, 6, 5, bidirectional)
    assert list(encoder.state_dict()) == list(reference.state_dict())
    encoder.load_state_dict(reference.state_dict())
    x = torch.randn(9, 6)
    out, final = reference(x[:, None])
    runs = encoder(x)
    assert torch.allclose(torch.cat([r.hidden for r in runs], -1), out[:, 0], atol=ATOL)
    h_n = final[0] if kind == "lstm" else final
    assert torch.allclose(torch.stack([runs[0].hidden[-1]] + [r.hidden[0] for r in runs[1:]]), h_n[:, 0], atol=ATOL)
    if kind == "lstm":
        c_n = torch.stack([runs[0].cell[-1]] + [r.cell[0] for r in runs[1:]])
        assert torch.allclose(c_n, final[1][:, 0], atol=ATOL)


def reference(model: Seq2Seq, src: torch.Tensor, tgt_in: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
    """The model recomputed from torch.nn modules holding its weights, the attention written out in plain torch."""
    s, sd = model.spec, model.state_dict()

    def part(prefix: str) -> dict:
        return {k[len(prefix) :]: v for k, v in sd.items() if k.startswith(prefix)}

    encoder = TORCH_LAYERS[s.kind](s.embed, s.hidden, bidirectional=s.bidirectional)
    encoder.load_state_dict(part("encoder."))
    decoder = TORCH_LAYERS[s.kind](s.embed, s.state_size)
    decoder.load_state_dict(part("decoder."))
    readout = nn.Linear(2 * s.state_size, len(s.out_vocab))
    readout.load_state_dict(part("readout."))
    h, final = encoder(sd["embed_in.weight"][src][:, None])  # (T_in, 1, directions * H)
    h = h[:, 0]

    def join(t: torch.Tensor) -> torch.Tensor:  # (directions, 1, H): [forward last; backward first]
        return torch.cat(list(t), dim=-1)[None]

    state = tuple(map(join, final)) if s.kind == "lstm" else join(final)
    summary = (state[0] if s.kind == "lstm" else state)[0, 0]
    logits, rows = [], []
    for y in tgt_in.tolist():
        out, state = decoder(sd["embed_out.weight"][y][None, None], state)
        st = out[0, 0]
        if s.attention:
            scores = torch.stack([st @ (sd["attention.weight"] @ h_j) for h_j in h])
            a = torch.exp(scores - scores.max())
            a = a / a.sum()
            context = (a[:, None] * h).sum(0)
            rows.append(a)
        else:
            context = summary
        logits.append(readout(torch.cat([context, st])))
    return torch.stack(logits), torch.stack(rows) if rows else None


def example_ids(model: Seq2Seq, n: int = 3, seed: int = 5) -> list[tuple[torch.Tensor, torch.Tensor]]:
    b = [data.batch([ex]) for ex in data.sample("test", n, seed)]
    return [(x.src[:, 0], x.tgt_in[:, 0]) for x in b]


@pytest.mark.parametrize("attention", [True, False], ids=["attention", "no-attention"])
@pytest.mark.parametrize("bidirectional", [True, False], ids=["bi", "one-way"])
@pytest.mark.parametrize("kind", KINDS)
def test_logits_equal_a_torch_nn_recomputation(kind, bidirectional, attention):
    model = random_model(spec(kind, bidirectional, attention))
    for src, tgt_in in example_ids(model):
        logits, a = model(src, tgt_in)
        ref_logits, ref_a = reference(model, src, tgt_in)
        assert logits.shape == (data.OUTPUT_LENGTH, len(data.OUTPUT_VOCAB))
        assert torch.allclose(logits, ref_logits, atol=ATOL)
        assert (a is None) == (ref_a is None) and (a is None or torch.allclose(a, ref_a, atol=ATOL))


def test_shipped_logits_equal_a_torch_nn_recomputation(shipped):
    for src, tgt_in in example_ids(shipped, n=4, seed=9):
        logits, a = shipped(src, tgt_in)
        ref_logits, ref_a = reference(shipped, src, tgt_in)
        assert torch.allclose(logits, ref_logits, atol=1e-4) and torch.allclose(a, ref_a, atol=ATOL)


@pytest.mark.parametrize("kind", KINDS)
def test_the_training_twin_on_padded_batches_equals_rnnviz_per_example(kind):
    for attention in (True, False):
        s = spec(kind, attention=attention)
        torch.manual_seed(2)
        twin = FastSeq2Seq(s)
        model = Seq2Seq(s)
        model.load_state_dict(twin.state_dict())
        examples = data.sample("test", 6, 4)
        b = data.batch(examples)
        logits, a = twin(b.src, b.lengths, b.tgt_in)
        for col, ex in enumerate(examples):
            n = len(ex.text)
            mine, mine_a = model(b.src[:n, col], b.tgt_in[:, col])
            assert torch.allclose(logits[:, col], mine, atol=ATOL)
            if attention:
                assert torch.allclose(a[col, :, :n], mine_a, atol=ATOL) and (a[col, :, n:] == 0).all()


def test_attention_rows_sum_to_one_over_the_input(shipped):
    for model in (shipped, random_model(spec("lstm"))):
        for text in ("3 March 2021", "Sunday, the thirty-first of December, nineteen ninety-nine", "2021年3月3日"):
            tr = model.translate(text)
            assert tr.attention.shape == (len(tr.steps), len(text))
            assert (tr.attention >= 0).all() and abs(tr.attention.sum(1) - 1).max() < 1e-5
    b = data.batch(data.sample("test", 16, 0))
    twin = FastSeq2Seq(shipped.spec)
    twin.load_state_dict(shipped.state_dict())
    a = twin(b.src, b.lengths, b.tgt_in)[1]
    assert torch.allclose(a.sum(-1), torch.ones(a.shape[:2]), atol=1e-5)


def test_greedy_decoding_step_by_step(shipped):
    tr = shipped.translate("  the   twenty-first of June 1987 ")
    assert tr.text == "the twenty-first of June 1987" and tr.output == "1987-06-21" and tr.finished
    assert tr.tokens == [*"1987-06-21", EOS] and tr.probs.shape == (len(tr.tokens), len(data.OUTPUT_VOCAB))
    for step, token, probs in zip(tr.steps, tr.tokens, tr.probs, strict=True):
        assert step.attention.shape == (len(tr.text),) and step.context.shape == (shipped.spec.state_size,)
        assert abs(probs.sum() - 1) < 1e-5 and data.OUTPUT_VOCAB[int(probs.argmax())] == token
        assert torch.allclose(step.probs, torch.from_numpy(probs)) and step.cell.h.shape == (shipped.spec.state_size,)
    fed = torch.tensor([data.OUTPUT_VOCAB.index(t) for t in [BOS, *tr.tokens[:-1]]])  # each step reads the last choice
    logits, a = shipped(shipped.ids(tr.text), fed)
    assert torch.allclose(logits, torch.stack([s.logits for s in tr.steps]), atol=1e-6)
    assert torch.allclose(a, torch.from_numpy(tr.attention), atol=1e-6)
    assert [r.hidden.shape for r in tr.encoding.runs] == [(len(tr.text), shipped.spec.hidden)] * 2


# ---- the shipped checkpoints ----

HELD_OUT = [  # (date, format, text): dates of the test part, in both languages, short and long
    (dt.date(2021, 3, 13), "en-dmy", "13 March 2021"),
    (dt.date(2021, 3, 28), "en-mdy", "March 28th, 2021"),
    (dt.date(2021, 1, 3), "en-ordinal", "the third of January 2021"),
    (dt.date(2021, 4, 30), "en-weekday-words", "Friday, the thirtieth of April, two thousand and twenty-one"),
    (dt.date(2021, 3, 13), "zh-digits", "2021年3月13日"),
    (dt.date(2021, 3, 28), "zh-numerals", "二〇二一年三月二十八日"),
    (dt.date(2021, 1, 3), "zh-era-weekday", "公元二〇二一年一月三日星期日"),
]


def test_the_shipped_models_translate_held_out_dates(shipped):
    test = set(data.split()["test"].tolist())
    for date, fmt, text in HELD_OUT:
        assert date.toordinal() in test and data.write(date, fmt).text == text
        assert shipped.translate(text).output == date.isoformat(), text


@pytest.mark.parametrize("kind", ["gru", "lstm"])
def test_shipped_metadata_and_the_bars(kind):
    with_attention, without = (dates.load(dates.path_for(kind, True, a)) for a in (True, False))
    for ckpt, attention in ((with_attention, True), (without, False)):
        m = ckpt.meta
        assert m["format"] == dates.FORMAT and m["kind"] == kind and m["attention"] is attention and m["seed"] == 0
        assert tuple(m["in_vocab"]) == data.input_vocab() and tuple(m["out_vocab"]) == data.OUTPUT_VOCAB
        assert m["result"]["seconds"] <= 30 and m["result"]["held_out"]["n"] == 1950
    held = with_attention.meta["result"]["held_out"], without.meta["result"]["held_out"]
    assert held[0]["exact_match"] >= 0.95
    assert held[0]["by_length"]["50+"]["exact_match"] > held[1]["by_length"]["50+"]["exact_match"] + 0.3


def test_bad_inputs_say_what_is_wrong(shipped):
    for text, message in (
        ("", "empty"),
        (" \n\t ", "empty"),
        ("3 März 2021", "'ä'"),
        ("2021年3月3號", "'號'"),
        ("x" * (MAX_INPUT + 1), f"at most {MAX_INPUT}"),
    ):
        with pytest.raises(InputError, match=message):
            shipped.translate(text)
    long = ("the third of March 2021 " * 5).strip()  # allowed, though longer than any training input
    tr = shipped.translate(long)
    assert len(tr.steps) <= MAX_OUTPUT and tr.attention.shape == (len(tr.steps), len(long))
    assert isinstance(tr.output, str) and isinstance(tr.finished, bool)
    assert shipped.translate("9").attention.shape[1] == 1  # a one-character input decodes too


# ---- training, checkpoints and the CLI ----


def test_tiny_training_is_seeded_and_reports_each_round():
    seen = []
    a = dates.train(dates.Config(**TINY), report=lambda tr: seen.append(tr.step))
    b = dates.train(dates.Config(**TINY))
    assert seen == [2, 4] and a.history.loss == b.history.loss and a.history.eval_step == [2, 4]
    assert len(a.history.grad_norm) == 4 and a.stopped_by == "steps"
    assert all(torch.equal(v, b.model.state_dict()[k]) for k, v in a.model.state_dict().items())
    summary = a.summary()
    assert summary["held_out"]["n"] == 1950 and set(summary["held_out"]["by_length"]) == {
        "0-14",
        "15-24",
        "25-34",
        "35-49",
        "50+",
    }
    assert summary["threads"] == 1 and summary["steps"] == 4


def test_the_time_cap_stops_training():
    trainer = dates.train(dates.Config(**TINY | {"max_seconds": 1e-9, "steps": 50}))
    assert trainer.step == 1 and trainer.stopped_by == "seconds"


def test_config_names_a_cell_kind():
    with pytest.raises(ValueError, match="unknown cell"):
        dates.Trainer(dates.Config(cell="transformer"))


def test_checkpoint_round_trip_and_file_names(tmp_path):
    trainer = dates.train(dates.Config(**TINY | {"cell": "lstm", "attention": False}))
    path = dates.save(trainer, {"note": "tiny"}, tmp_path / "tiny.safetensors")
    assert path.stat().st_mode & 0o777 == 0o644  # readable by the app's user
    ckpt = dates.load(path)
    src, tgt_in = example_ids(ckpt.model, n=1)[0]
    assert torch.allclose(ckpt.model(src, tgt_in)[0], dates.to_rnnviz(trainer.model)(src, tgt_in)[0])
    assert ckpt.meta["result"] == {"note": "tiny"} and not ckpt.model.spec.attention
    assert dates.path_for("gru").name == "dates-gru-bi.safetensors"
    assert dates.path_for("lstm", False, False).name == "dates-lstm-noattn.safetensors"


def test_checkpoint_errors_are_clear(tmp_path):
    with pytest.raises(CheckpointError, match="missing"):
        dates.load(tmp_path / "none.safetensors")
    (tmp_path / "junk.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(CheckpointError, match="corrupt"):
        dates.load(tmp_path / "junk.safetensors")
    good = dates.path_for("gru").read_bytes()
    (tmp_path / "cut.safetensors").write_bytes(good[: len(good) // 2])
    with pytest.raises(CheckpointError, match="corrupt"):
        dates.load(tmp_path / "cut.safetensors")
    ckpt = dates.load(dates.path_for("gru"))
    meta = {k: json.dumps(v, ensure_ascii=False) for k, v in ckpt.meta.items()}
    tensors = dict(ckpt.model.state_dict())
    save_file(tensors, str(tmp_path / "other.safetensors"), metadata=meta | {"format": '"rnnviz-checkpoint-1"'})
    with pytest.raises(CheckpointError, match="format"):
        dates.load(tmp_path / "other.safetensors")
    tensors.pop("attention.weight")
    save_file(tensors, str(tmp_path / "partial.safetensors"), metadata=meta)
    with pytest.raises(CheckpointError, match="does not hold a date translator"):
        dates.load(tmp_path / "partial.safetensors")


def test_the_cli_prints_one_json_line(tmp_path, capsys):
    path = tmp_path / "cli.safetensors"
    args = [
        "--cell",
        "rnn",
        "--no-bidirectional",
        "--attention",
        "--seed",
        "3",
        "--steps",
        "2",
        "--eval-every",
        "1",
        "--embed",
        "4",
        "--hidden",
        "4",
        "--batch",
        "4",
        "--eval-size",
        "4",
        "--save",
        str(path),
    ]
    result = dates.main(args)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0]) == result
    assert result["cell"] == "rnn" and not result["bidirectional"] and result["seed"] == 3 and result["steps"] == 2
    assert dates.load(path).model.spec.kind == "rnn"
