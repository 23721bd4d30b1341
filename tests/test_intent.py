"""Intent (many-to-one): the template split, unknown words, rnnviz cells against torch.nn, contributions
against torch.autograd, the shipped checkpoints' answers, and bad input that never raises."""

import itertools
import json
import math
import re

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safetensors import safe_open
from safetensors.torch import save_file
from torch import nn

from rnnviz import intent
from rnnviz import intent_data as data
from rnnviz.checkpoints import CheckpointError

KINDS = list(intent.TORCH_MODULES)
GATED = ("lstm", "gru")
TINY = dict(embed=3, hidden=4, batch=8, steps=4, eval_every=2, per_template=3)


def fillings(t: data.Template) -> list[str]:
    """Every sentence the template can produce."""
    parts = re.split(r"\{(\w+)\}", t.pattern)  # literal, slot, literal, ...
    choices = [[p] if k % 2 == 0 else data.SLOTS[t.lang][p] for k, p in enumerate(parts)]
    return ["".join(c) for c in itertools.product(*choices)]


def valid(dist: dict[str, float]) -> bool:
    p = np.array([dist[i] for i in intent.INTENTS])
    return (
        list(dist) == list(intent.INTENTS) and bool(np.isfinite(p).all() and (p >= 0).all()) and abs(p.sum() - 1) < 1e-9
    )


# ---- the data set ----


def test_intents_templates_and_languages():
    assert {"time", "weather"} <= set(intent.INTENTS) and len(intent.INTENTS) >= 6
    for name in intent.INTENTS:
        for lang in data.LANGUAGES:
            assert len(data.TEMPLATES[name][lang]) >= 8
            assert len(set(data.TEMPLATES[name][lang])) == len(data.TEMPLATES[name][lang])


@pytest.mark.parametrize("split_seed", [0, 1, 2])
def test_no_test_template_can_produce_a_training_sentence(split_seed):
    train_t, test_t = data.split(split_seed)
    assert len(train_t) + len(test_t) == len(data.all_templates())
    assert not {t.pattern for t in train_t} & {t.pattern for t in test_t}
    train_rx = [t.regex() for t in train_t]
    for t in test_t:  # every filling of a test template, against every training template's pattern
        for s in fillings(t):
            assert not any(rx.fullmatch(s) for rx in train_rx), (t.pattern, s)


def test_split_is_seeded_and_holds_out_a_quarter_of_each_intent_and_language():
    assert data.split(3) == data.split(3) and data.split(3) != data.split(4)
    _, test_t = data.split(0)
    for name in intent.INTENTS:
        for lang in data.LANGUAGES:
            n = len(data.TEMPLATES[name][lang])
            assert sum((t.intent, t.lang) == (name, lang) for t in test_t) == max(2, round(n * data.TEST_SHARE))


def test_sentences_come_from_their_split_and_never_overlap():
    ds = data.dataset(0)
    train_t, test_t = data.split(0)
    assert not {ex.text for ex in ds.train} & {ex.text for ex in ds.test}
    rx = {t.pattern: t.regex() for t in train_t + test_t}
    assert all(rx[ex.template].fullmatch(ex.text) for ex in ds.train + ds.test)
    assert {ex.template for ex in ds.train} == {t.pattern for t in train_t}
    assert {ex.template for ex in ds.test} == {t.pattern for t in test_t}
    assert all(list(ex.tokens) == data.tokens_of(ex.text) for ex in ds.train[:50] + ds.test[:50])


def test_long_sentences_put_the_deciding_word_first_then_only_neutral_tokens():
    neutral = {tok for lang in data.LANGUAGES for w in data.FILLERS[lang] for tok in data.tokens_of(w)}
    rng = np.random.default_rng(0)
    en, zh = data.long_sentence("weather", "en", 40, rng), data.long_sentence("time", "zh", 40, rng)
    assert en.tokens[0] == "weather" and zh.tokens[:2] == ("几", "点")
    assert len(en.tokens) == 41 and len(zh.tokens) == 42
    assert set(en.tokens[1:]) <= neutral and set(zh.tokens[2:]) <= neutral
    assert data.tokens_of(en.text) == list(en.tokens) and data.tokens_of(zh.text) == list(zh.tokens)
    long = data.long_sentences(3, 40, seed=1)
    assert len(long) == 3 * len(intent.INTENTS) * 2 and long == data.long_sentences(3, 40, seed=1)


def test_tokens_are_lowercased_and_chinese_is_one_per_character():
    assert data.tokens_of("What TIME is it?") == ["what", "time", "is", "it", "?"]
    assert data.tokens_of("现在几点了？") == ["现", "在", "几", "点", "了", "？"]


def test_unknown_words_map_to_unk():
    ds = data.dataset(0)
    index = ds.index()
    assert ds.vocab[0] == data.UNK == "<unk>" and len(set(ds.vocab)) == len(ds.vocab)
    assert data.encode(index, ["weather", "zyzzyva", "😀", "<unk>"]) == [index["weather"], 0, 0, 0]
    r = intent.read(intent.shipped("lstm"), "What time is it, Zyzzyva 😀")
    assert r.tokens == ("what", "time", "is", "it", ",", "zyzzyva", "😀")
    assert r.unknown == (False,) * 5 + (True, True)


def test_sampler_is_seeded_balanced_and_augmented():
    ds = data.dataset(0)
    a, b = data.Sampler(ds, 7, data.Augment()), data.Sampler(ds, 7, data.Augment())
    seqs, y = a.draw(700, long=False)
    again, y_again = b.draw(700, long=False)
    assert seqs == again and np.array_equal(y, y_again)
    assert np.bincount(y, minlength=len(intent.INTENTS)).min() > 60  # about 100 each
    assert 0.1 < np.mean([t == 0 for q in seqs for t in q]) < 0.2  # <unk> at unk_rate, 0.15
    long, _ = a.draw(100, long=True)
    assert all(31 <= len(q) <= 52 for q in long)  # deciding word (1-2 tokens), then 30..50 neutral tokens


# ---- rnnviz cells give the torch.nn numbers ----


def _net(kind: str, vocab_size: int = 40, seed: int = 0) -> intent.Net:
    torch.manual_seed(seed)
    net = intent.Net(kind, vocab_size, 6, 5, len(intent.INTENTS))
    with torch.no_grad():
        for p in net.parameters():
            p.add_(0.3 * torch.randn_like(p))  # away from the init's symmetric range
    return net


VOCAB = (data.UNK, *[f"w{i}" for i in range(39)])


@pytest.mark.parametrize("kind", KINDS)
def test_rnnviz_cell_outputs_equal_torch_nn_outputs(kind):
    net = _net(kind)
    model = intent.from_net(net, VOCAB)
    tokens = ["w1", "w2", "w3", "zz", "w4", "w38", "w1"]
    ids = torch.tensor(data.encode({t: k for k, t in enumerate(VOCAB)}, tokens))
    with torch.no_grad():
        expected = net.readout(net.rnn(net.embedding(ids)[:, None])[0][:, 0])  # (T, n) after every token
    r = intent.read(model, " ".join(tokens))
    assert np.allclose(r.logits, expected.numpy(), atol=1e-5)
    assert np.allclose(r.probs, torch.softmax(expected.double(), -1).numpy(), atol=1e-5)


@pytest.mark.parametrize("kind", KINDS)
def test_padding_never_reaches_the_answer(kind):
    net = _net(kind)
    seqs = [[1, 2, 3], [4, 5, 6, 7, 8, 9], [10]]
    with torch.no_grad():
        batch = net(*data.padded(seqs))
        alone = torch.cat([net(*data.padded([q])) for q in seqs])
    assert torch.allclose(batch, alone, atol=1e-6)


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_weights_in_rnnviz_cells_equal_an_independent_torch_nn(kind):
    path = intent.path_for(kind)
    with safe_open(str(path), framework="pt") as f:
        t = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118
        vocab = json.loads(f.metadata()["vocabulary"])
    emb = nn.Embedding.from_pretrained(t["embedding.weight"])
    rnn = intent.TORCH_MODULES[kind](emb.embedding_dim, t["rnn.weight_hh_l0"].shape[1])
    rnn.load_state_dict({k[4:]: v for k, v in t.items() if k.startswith("rnn.")})
    lin = nn.Linear(rnn.hidden_size, len(intent.INTENTS))
    lin.load_state_dict({"weight": t["readout.weight"], "bias": t["readout.bias"]})
    index = {tok: k for k, tok in enumerate(vocab)}
    for text in ["what time is it?", "现在几点了？", "明天北京天气怎么样？", "play some jazz , thanks"]:
        ids = torch.tensor([index.get(tok, 0) for tok in data.tokens_of(text)])
        with torch.no_grad():
            expected = torch.softmax(lin(rnn(emb(ids)[:, None])[0][:, 0]).double(), -1)
        got = np.array([[d[i] for i in intent.INTENTS] for d in intent.predict(text, kind)])
        assert np.allclose(got, expected.numpy(), atol=1e-5)


# ---- contributions against torch.autograd ----


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("which", [None, "music"])
def test_contributions_equal_autograd_on_an_independent_torch_nn(kind, which):
    net = _net(kind, seed=1)
    emb = nn.Embedding.from_pretrained(net.embedding.weight.detach().clone())
    rnn = intent.TORCH_MODULES[kind](6, 5)
    rnn.load_state_dict(net.rnn.state_dict())
    lin = nn.Linear(5, len(intent.INTENTS))
    lin.load_state_dict(net.readout.state_dict())
    tokens = ["w3", "w7", "w1", "w1", "qq", "w20", "w5", "w9"]
    x = emb(torch.tensor(data.encode({t: k for k, t in enumerate(VOCAB)}, tokens))).requires_grad_()
    y = lin(rnn(x[:, None])[0][-1, 0])
    j = intent.INTENTS.index(which) if which else int(y.argmax())
    y[j].backward()
    a = intent.attribute(intent.from_net(net, VOCAB), " ".join(tokens), which)
    assert a.tokens == tuple(tokens) and a.intent == intent.INTENTS[j]
    assert a.logit == pytest.approx(float(y[j].detach()), abs=1e-5)
    assert np.allclose(a.scores, (x.grad * x).sum(-1).detach().numpy(), atol=1e-5)


def test_contributions_of_a_linear_readout_of_one_token_are_exact():
    # one token through the RNN: h = tanh(W x + b), y = v . h + c, so x . dy/dx = x . W^T (v * (1 - h^2))
    net = _net("rnn", seed=2)
    model = intent.from_net(net, VOCAB)
    a = intent.attribute(model, "w4", "time")
    x = net.embedding.weight[VOCAB.index("w4")].detach().double()
    W, b = net.rnn.weight_ih_l0.detach().double(), (net.rnn.bias_ih_l0 + net.rnn.bias_hh_l0).detach().double()
    v = net.readout.weight[intent.INTENTS.index("time")].detach().double()
    dh = 1 - torch.tanh(W @ x + b) ** 2
    assert a.scores[0] == pytest.approx(float(((v * dh) @ W) @ x), abs=1e-5)


# ---- the shipped checkpoints ----


@pytest.mark.parametrize("kind", GATED)
@pytest.mark.parametrize(
    "text,expected",
    [
        ("what time is it?", "time"),
        ("现在几点了？", "time"),
        ("What time is it in Tokyo?", "time"),
        ("what's the weather like in paris tomorrow?", "weather"),
        ("明天北京天气怎么样？", "weather"),
        ("wake me up at 7 am", "alarm"),
        ("play some jazz", "music"),
        ("hello", "greeting"),
        ("再见", "goodbye"),
    ],
)
def test_shipped_gated_cells_answer_the_seed_examples(kind, text, expected):
    dists = intent.predict(text, kind)
    assert len(dists) == len(data.tokens_of(text))
    assert max(dists[-1], key=dists[-1].get) == expected


@pytest.mark.parametrize("kind", KINDS)
def test_predict_gives_one_distribution_per_token(kind):
    dists = intent.predict("what time is it?", kind)
    assert len(dists) == 5 and all(valid(d) for d in dists)


def _long_accuracy(model: intent.Model, sentences: list[data.Example]) -> float:
    """Accuracy of the rnnviz cell on long sentences, batched by length (T, B, D)."""
    hits = []
    for n in sorted({len(ex.tokens) for ex in sentences}):
        group = [ex for ex in sentences if len(ex.tokens) == n]
        x = torch.stack([model.inputs(ex.tokens) for ex in group], dim=1)
        with torch.no_grad():
            answer = model.readout(model.cell(x).hidden[-1]).argmax(-1)
        hits += [intent.INTENTS[k] == ex.intent for k, ex in zip(answer.tolist(), group, strict=True)]
    return float(np.mean(hits))


def test_shipped_gated_cells_keep_the_first_word_and_the_rnn_loses_it():
    long = data.long_sentences(10, 40, seed=12345)  # not the benchmark's set
    acc = {kind: _long_accuracy(intent.shipped(kind), long) for kind in KINDS}
    assert min(acc["lstm"], acc["gru"]) >= 0.95 and acc["rnn"] < min(acc["lstm"], acc["gru"]) - 0.2, acc


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_checkpoints_are_small_and_say_what_they_hold(kind):
    path = intent.path_for(kind)
    assert path.stat().st_size < 200_000
    m = intent.shipped(kind)
    assert m.kind == kind and m.meta["format"] == intent.FORMAT and m.meta["intents"] == intent.INTENTS
    assert m.vocab[0] == data.UNK and int(m.meta["hidden"]) <= 32 and int(m.meta["seed"]) == 0
    result = m.meta["result"]
    assert result["cell"] == kind and 0 <= result["held_out_accuracy"] <= 1 and result["split_seed"] == 0
    if kind in GATED:
        assert result["held_out_accuracy"] >= 0.95


# ---- input that is not a sentence ----

BAD = [
    "",
    "   \n\t",
    "😀",
    "😀" * 300,
    "<script>alert(1)</script>",
    "<b>what</b> time is it?",
    "a" * 10_000,
    "what time " * 5_000,
    "\x00\x01\x02",
    "ｗｈａｔ ｔｉｍｅ",
    "\u202eti si emit tahw",
    "🇨🇳🇬🇧 天气 ?!",
]


@pytest.mark.parametrize("text", BAD)
def test_bad_input_gives_valid_output_never_an_exception(text):
    n = min(len(data.tokens_of(text)), intent.MAX_TOKENS)
    for kind in KINDS:
        dists = intent.predict(text, kind)
        assert len(dists) == n and all(valid(d) for d in dists)
        a = intent.contributions(text, kind)
        assert len(a.scores) == n and np.isfinite(a.scores).all()
        assert (a.intent in intent.INTENTS) if n else (a.intent == "" and math.isnan(a.logit))


def test_long_text_is_cut_at_max_tokens_and_says_so():
    r = intent.read(intent.shipped("gru"), "weather " * (intent.MAX_TOKENS + 5))
    assert r.cut and len(r.tokens) == intent.MAX_TOKENS == 1000
    assert not intent.read(intent.shipped("gru"), "weather").cut


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60))
def test_any_text_gives_valid_distributions(text):
    dists = intent.predict(text, "lstm")
    assert len(dists) == len(data.tokens_of(text)) and all(valid(d) for d in dists)


def test_unknown_kind_or_intent_is_a_value_error():
    with pytest.raises(ValueError, match="unknown cell"):
        intent.predict("hi", "transformer")
    with pytest.raises(ValueError, match="unknown intent"):
        intent.contributions("hi", "lstm", "weather?")


# ---- training (a few steps only) and checkpoint files ----


def test_training_is_seeded_and_reports_every_round():
    seen = []
    a = intent.train(intent.Config(cell="gru", **TINY), report=lambda t: seen.append(t.step))
    b = intent.train(intent.Config(cell="gru", **TINY))
    assert seen == [2, 4] and a.history.round_step == [2, 4]
    assert a.history.loss == b.history.loss and np.isfinite(a.history.loss).all()
    s = a.summary()
    assert s["steps"] == 4 and 0 <= s["held_out_accuracy"] <= 1 and 0 <= s["long_accuracy"] <= 1
    assert s["test_templates"] == len(data.split(0)[1])


@pytest.mark.parametrize("kind", KINDS)
def test_memory_gate_bias_is_raised_and_nothing_else(kind):
    cfg = intent.Config(cell=kind, gate_bias=2.5, **TINY)
    model = intent.Trainer(cfg).model
    torch.manual_seed(cfg.seed)
    reference = intent.Net(kind, model.embedding.num_embeddings, 3, 4, len(intent.INTENTS))
    diff = model.rnn.bias_ih_l0 - reference.rnn.bias_ih_l0
    expected = torch.zeros_like(diff)
    if kind != "rnn":
        expected[4:8] = 2.5  # forget (LSTM) / update (GRU): the second block
    assert torch.allclose(diff, expected, atol=1e-6)
    assert torch.equal(model.embedding.weight, reference.embedding.weight)


def test_a_short_run_learns():
    t = intent.train(intent.Config(cell="lstm", steps=60, eval_every=60, batch=32, per_template=5))
    assert np.mean(t.history.loss[-10:]) < 0.85 * np.mean(t.history.loss[:10])
    assert t.history.eval_score[-1] > 0.4  # chance is 1/7


def test_checkpoint_round_trip(tmp_path):
    trainer = intent.train(intent.Config(cell="lstm", **TINY))
    path = intent.save(trainer, tmp_path / "intent-lstm.safetensors")
    loaded, direct = intent.load(path), intent.from_net(trainer.model, trainer.data.vocab)
    assert loaded.vocab == trainer.data.vocab and loaded.meta["result"]["steps"] == 4
    text = "what time is it? 现在几点了？"
    assert np.allclose(intent.read(loaded, text).probs, intent.read(direct, text).probs, atol=1e-7)


def test_bad_checkpoints_raise_checkpoint_error(tmp_path):
    trainer = intent.train(intent.Config(cell="rnn", **TINY))
    good = intent.save(trainer, tmp_path / "good.safetensors")
    with safe_open(str(good), framework="pt") as f:
        tensors, meta = {k: f.get_tensor(k) for k in f.keys()}, dict(f.metadata())  # noqa: SIM118

    def variant(name, tensors=tensors, **changes):
        save_file(tensors, str(tmp_path / name), metadata={**meta, **changes})
        return tmp_path / name

    (tmp_path / "junk.safetensors").write_bytes(b"not a safetensors file at all")
    (tmp_path / "short.safetensors").write_bytes(good.read_bytes()[:200])
    cases = {
        tmp_path / "missing.safetensors": "missing",
        tmp_path / "junk.safetensors": "corrupt or truncated",
        tmp_path / "short.safetensors": "corrupt or truncated",
        variant("format.safetensors", format="rnnviz-checkpoint-1"): "format",
        variant("intents.safetensors", intents='["a", "b"]'): "intents",
        variant("cell.safetensors", cell="transformer"): "does not hold",
        variant("vocab.safetensors", vocabulary="not json"): "does not hold",
        variant("tensor.safetensors", {k: v for k, v in tensors.items() if k != "readout.bias"}): "readout.bias",
        variant("shape.safetensors", {**tensors, "readout.weight": torch.zeros(3, 4)}): "size mismatch",
    }
    for path, message in cases.items():
        with pytest.raises(CheckpointError, match=message):
            intent.load(path)


def test_cli_trains_and_prints_one_json_line(tmp_path, capsys):
    out = tmp_path / "cli.safetensors"
    result = intent.main(["--cell", "rnn", "--steps", "3", "--hidden", "4", "--save", str(out)])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0]) == result
    assert {"held_out_accuracy", "long_accuracy", "seconds"} <= set(result) and result["steps"] == 3
    assert intent.load(out).kind == "rnn"
