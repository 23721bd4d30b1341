"""Text generation: rnnviz's cells and readout against torch.nn, probabilities and temperature against
their closed forms, the unigram baseline against the entropy, the corpus and pasted text, training
rounds, checkpoints, and the shipped models against the baseline and the untrained model."""

import json
import math
from collections import Counter

import numpy as np
import pytest
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from rnnviz import chars, corpus
from rnnviz.checkpoints import CheckpointError

TEXT = 'Anna said, "The king (see page 12) slept.\nTom walked." Done (in 1850).\n'
TINY = dict(hidden=8, seq=20, batch=4, steps=20, seconds=None, round_steps=10, sample_length=30)


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One torch thread, as the page and the CLI train (the machine is shared)."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def net(kind: str, vocab_size: int, hidden: int = 12, seed: int = 0) -> chars.Net:
    torch.manual_seed(seed)
    return chars.Net(kind, vocab_size, hidden)


@pytest.fixture(scope="module")
def vocab() -> str:
    return corpus.vocabulary(corpus.text(20_000))


@pytest.fixture(scope="module")
def tiny() -> chars.Trainer:
    return chars.train(chars.Config(cell="gru", **TINY))


# ---- rnnviz against torch.nn ----


@pytest.mark.parametrize("kind", list(chars.KINDS))
def test_cells_and_readout_equal_torch_nn(kind, vocab):
    n = net(kind, len(vocab))
    model = chars.to_model(n, vocab)
    ids = torch.from_numpy(corpus.encode(TEXT, vocab))
    with torch.no_grad():
        h_ref = n.rnn(torch.nn.functional.one_hot(ids, len(vocab)).float())[0]
        y_ref = n(ids[:, None])[0][:, 0]
    assert np.allclose(chars.activations(model, TEXT), h_ref.numpy(), atol=1e-6)
    assert torch.allclose(chars.logits(model, TEXT), y_ref, atol=1e-5)
    linear = torch.nn.Linear(12, len(vocab))  # the readout is V h + b with nn.Linear's layout
    linear.load_state_dict(n.head.state_dict())
    assert torch.allclose(model.head(h_ref), linear(h_ref), atol=1e-6)
    assert chars.bits_per_char(model, TEXT) == pytest.approx(chars.net_bits_per_char(n, ids), abs=1e-5)


def test_lstm_cell_state_is_torch_nn_c(vocab):
    n = net("lstm", len(vocab))
    model = chars.to_model(n, vocab)
    x = torch.nn.functional.one_hot(torch.from_numpy(corpus.encode(TEXT, vocab)), len(vocab)).float()
    c, state = [], None
    with torch.no_grad():
        for x_t in x:  # torch.nn returns only the last c, so step it one character at a time
            _, state = n.rnn(x_t[None], state)
            c.append(state[1][0])
    assert np.allclose(chars.activations(model, TEXT, "cell"), torch.stack(c).numpy(), atol=1e-6)
    with pytest.raises(ValueError, match="no cell state"):
        chars.activations(chars.to_model(net("gru", len(vocab)), vocab), TEXT, "cell")


# ---- probabilities, temperature, sampling ----


def test_probabilities_sum_to_one_and_match_the_bits(vocab):
    model = chars.to_model(net("lstm", len(vocab)), vocab)
    for temperature in (0, 0.3, 1, 3):
        p = chars.probabilities(model, TEXT, temperature)
        assert p.shape == (len(TEXT), len(vocab)) and (p >= 0).all() and np.allclose(p.sum(1), 1)
    p, ids = chars.probabilities(model, TEXT), corpus.encode(TEXT, vocab)
    assert chars.bits_per_char(model, TEXT) == pytest.approx(-np.log2(p[np.arange(len(TEXT) - 1), ids[1:]]).mean())
    top = chars.next_chars(model, TEXT, top=3)
    assert len(top) == len(TEXT) and all(a[1] >= b[1] >= c[1] for a, b, c in top)
    assert top[5][0] == (vocab[int(p[5].argmax())], pytest.approx(p[5].max()))


def test_temperature_follows_the_closed_form(vocab):
    model = chars.to_model(net("gru", len(vocab)), vocab)
    p = chars.probabilities(model, TEXT)
    for temperature in (0.5, 2.0):  # softmax(y / T) = p^(1/T) / sum p^(1/T)
        q = p ** (1 / temperature)
        assert np.allclose(chars.probabilities(model, TEXT, temperature), q / q.sum(1, keepdims=True), atol=1e-9)
    entropy = [
        -(chars.probabilities(model, TEXT, t) * np.log(chars.probabilities(model, TEXT, t))).sum(1).mean()
        for t in (0.25, 0.5, 1, 2, 4)
    ]
    assert np.all(np.diff(entropy) > 0)  # hotter is flatter
    cold = chars.probabilities(model, TEXT, 1e-5)  # T -> 0: one-hot at the argmax
    assert (cold.argmax(1) == p.argmax(1)).all() and np.allclose(cold.max(1), 1, atol=1e-6)
    assert np.array_equal(chars.probabilities(model, TEXT, 0), np.eye(len(vocab))[p.argmax(1)])


def test_sampling_is_reproducible_and_cold_sampling_is_greedy(vocab):
    model = chars.to_model(net("lstm", len(vocab), seed=3), vocab)
    a, b = chars.sample(model, "The ", 60, 1.0, seed=7), chars.sample(model, "The ", 60, 1.0, seed=7)
    assert a == b and a.startswith("The ") and len(a) == 64
    assert a != chars.sample(model, "The ", 60, 1.0, seed=8)
    greedy = "The "
    for _ in range(25):  # argmax of the next-character distribution, one character at a time
        p = chars.probabilities(model, greedy)[-1]
        p[0] = 0  # samples never produce UNKNOWN
        greedy += vocab[int(p.argmax())]
    assert chars.sample(model, "The ", 25, 0, seed=1) == greedy == chars.sample(model, "The ", 25, 1e-4, seed=2)
    assert corpus.UNKNOWN not in chars.sample(model, "", 300, 3.0, seed=0)


# ---- text, vocabulary, baseline ----


def test_unigram_baseline_is_the_entropy_of_the_character_frequencies():
    text = corpus.text(5000, 3)
    counts = np.array(list(Counter(text).values()), dtype=float)
    q = counts / counts.sum()
    assert corpus.unigram_bits(text, text, alpha=0) == pytest.approx(-(q * np.log2(q)).sum(), abs=1e-12)
    assert corpus.unigram_bits(text, text) == pytest.approx(-(q * np.log2(q)).sum(), abs=0.01)  # + 1 smoothing
    assert corpus.unigram_bits("ab" * 100, "abab", alpha=0) == pytest.approx(1.0)


def test_unknown_characters_are_read_as_unknown_and_listed(vocab):
    text = "Hi 🙂 <b>x</b> ~é"
    ids = corpus.encode(text, vocab)
    assert corpus.unknown(text, vocab) == ["/", "<", ">", "x", "~", "é", "🙂"]  # the corpus has no x
    assert all((ids[i] == 0) == (ch in corpus.unknown(text, vocab)) for i, ch in enumerate(text))
    model = chars.to_model(net("rnn", len(vocab)), vocab)
    assert len(chars.next_chars(model, text)) == len(text)
    assert corpus.UNKNOWN not in chars.sample(model, text, 50, 1.0, 0)[len(text) :]
    with pytest.raises(ValueError, match="empty"):
        chars.probabilities(model, "")


def test_pasted_text_has_stated_limits_and_a_capped_vocabulary():
    with pytest.raises(ValueError, match="100,000"):
        corpus.prepare("a" * (corpus.MAX_CHARS + 1))
    with pytest.raises(ValueError, match="at least"):
        corpus.prepare("too short")
    assert corpus.prepare("ab\r\ncd\r" * 1000) == "ab\ncd\n" * 1000
    many = "".join(chr(0x4E00 + i) * (i + 1) for i in range(200))  # 200 distinct characters
    v = corpus.vocabulary(many)
    assert len(v) == corpus.MAX_VOCAB and v[0] == corpus.UNKNOWN
    assert chr(0x4E00 + 199) in v and chr(0x4E00) not in v  # the most frequent kept
    train, held = corpus.split(corpus.text(10_000, 9))
    assert len(train) == 9000 and len(held) == 1000


def test_features_are_the_state_after_each_character():
    f = corpus.features('a"b(c)"\nd')
    assert f["quotes"].tolist() == [0, 1, 1, 1, 1, 1, 0, 0, 0]
    assert f["brackets"].tolist() == [0, 0, 0, 1, 1, 0, 0, 0, 0]
    assert f["line_position"].tolist() == [1, 2, 3, 4, 5, 6, 7, 0, 1]


def test_track_finds_a_planted_unit_and_reports_when_none_tracks():
    text = corpus.text(4000, 4)
    rng = np.random.default_rng(0)
    acts = rng.normal(size=(len(text), 10))
    acts[:, 6] = -corpus.features(text)["quotes"] + 0.3 * rng.normal(size=len(text))
    found = corpus.track(acts, text, "quotes")
    assert found["unit"] == 6 and found["r"] < -0.8 and found["tracks"]
    assert found["accuracy"] > 0.9 > found["majority_accuracy"]
    none = corpus.track(rng.normal(size=(len(text), 10)), text, "brackets")
    assert not none["tracks"] and abs(none["r"]) < 0.2
    plain = "no quotes here " * 20
    assert not corpus.track(acts[: len(plain)], plain, "quotes")["tracks"]  # a constant feature: r = 0
    with pytest.raises(ValueError, match="characters"):
        corpus.track(acts, plain, "quotes")


def test_the_correlation_of_a_chosen_unit_is_pearson_r_on_the_scored_half(vocab):
    model = chars.to_model(net("lstm", len(vocab), seed=2), vocab)
    text = corpus.text(3000, 9)
    acts, half = chars.activations(model, text), slice(1500, None)
    found = corpus.track(acts, text, "line_position")
    column = np.zeros(len(text))  # the position in the line, counted here again
    for k in range(1, len(text)):
        column[k] = 0 if text[k] == "\n" else column[k - 1] + 1
    column[0] = text[0] != "\n"
    for unit in (0, 7, found["unit"]):
        r = np.corrcoef(acts[half, unit], column[half])[0, 1]
        assert corpus.scored_r(acts[:, unit], text, "line_position") == pytest.approx(r, abs=1e-12)
    assert corpus.scored_r(acts[:, found["unit"]], text, "line_position") == pytest.approx(found["r"], abs=1e-12)


def test_corpus_is_seeded_wrapped_and_balanced():
    a = corpus.text(20_000, 0)
    assert a == corpus.text(20_000, 0) and a != corpus.text(20_000, 1) and corpus.text(30_000, 0).startswith(a)
    assert max(len(line) for line in a.split("\n")) <= corpus.WIDTH
    whole = a[: a.rindex("\n\n")]
    for paragraph in whole.split("\n\n"):
        assert paragraph.count('"') % 2 == 0 and paragraph.count("(") == paragraph.count(")")
    assert 0 < sum(ch.isdigit() for ch in a) < len(a) / 50  # years and pages only


# ---- training, checkpoints, CLI ----


def test_training_runs_in_rounds_and_is_seeded(tiny):
    h = tiny.history
    assert h.round_step == [0, 10, 20] and len(h.loss) == 20 and len(h.samples) == 3
    assert all(len(s) == 30 for s in h.samples)
    again = chars.train(chars.Config(cell="gru", **TINY))
    assert again.history.loss == h.loss and again.history.samples == h.samples
    s = tiny.summary()
    assert s["steps"] == 20 and s["unigram_bits"] == pytest.approx(
        corpus.unigram_bits(tiny.train_text, tiny.held_text, tiny.vocab), abs=1e-4
    )
    assert s["bits_per_char"] == pytest.approx(h.held_out[-1], abs=1e-4)
    assert s["bits_per_char"] == pytest.approx(chars.bits_per_char(tiny.model(), tiny.held_text), abs=1e-3)
    reports = []
    chars.train(chars.Config(cell="rnn", **{**TINY, "steps": 15}), report=lambda tr: reports.append(tr.step))
    assert reports == [10, 15]


class Pipe:
    """A connection end that keeps what is sent (train_reporting runs here in the test's own process)."""

    def __init__(self):
        self.sent, self.closed = [], False

    def send(self, message):
        self.sent.append(message)

    def close(self):
        self.closed = True


def test_training_in_a_process_reports_every_round_and_sends_the_trained_weights(tiny):
    conn = Pipe()
    chars.train_reporting(chars.Config(cell="gru", **TINY), conn)
    rounds, (done, weights, vocab, summary) = conn.sent[:-1], conn.sent[-1]
    h = tiny.history  # the same config trained in this process
    assert conn.closed and done == "done" and [r[0] for r in rounds] == ["round"] * 3
    assert [r[1] for r in rounds] == h.round_step and [r[4] for r in rounds] == h.held_out
    assert [r[5] for r in rounds] == h.samples and [x for r in rounds for x in r[3]] == h.loss
    model = chars.from_weights("gru", weights, vocab)
    assert vocab == tiny.vocab and summary["bits_per_char"] == tiny.summary()["bits_per_char"]
    assert torch.equal(chars.logits(model, TEXT), chars.logits(tiny.model(), TEXT))
    conn = Pipe()
    chars.train_reporting(chars.Config(text="short", **TINY), conn)
    assert conn.sent == [("failed", "ValueError: the text has 5 characters; training needs at least 5,000")]


def test_training_on_pasted_text():
    text = "✓ the cat sat on the mat. " * 300 + "★"  # ★ only in the held-out tenth
    trainer = chars.train(chars.Config(cell="lstm", text=text, **TINY))
    assert trainer.summary()["corpus"] == "pasted" and "✓" in trainer.vocab and "★" not in trainer.vocab
    assert corpus.unknown(trainer.held_text, trainer.vocab) == ["★"]
    with pytest.raises(ValueError, match="at least"):
        chars.Trainer(chars.Config(text="short", **TINY))
    with pytest.raises(ValueError, match="unknown cell"):
        chars.Config(cell="transformer")


def test_checkpoint_round_trip_and_clear_errors(tiny, tmp_path):
    path = chars.save(tiny, tmp_path / "chars-gru.safetensors")
    loaded = chars.load(path)
    assert loaded.vocab == tiny.vocab and loaded.meta["format"] == chars.FORMAT and loaded.meta["seed"] == 0
    assert loaded.meta["result"]["steps"] == 20 and "text" not in loaded.meta["config"]
    assert torch.equal(chars.logits(loaded, TEXT), chars.logits(tiny.model(), TEXT))
    with pytest.raises(CheckpointError, match="missing"):
        chars.load(tmp_path / "nothing.safetensors")
    (tmp_path / "bad.safetensors").write_bytes(path.read_bytes()[:100])
    with pytest.raises(CheckpointError, match="corrupt"):
        chars.load(tmp_path / "bad.safetensors")
    save_file({"x": torch.zeros(1)}, str(tmp_path / "other.safetensors"), metadata={"format": "other"})
    with pytest.raises(CheckpointError, match="format"):
        chars.load(tmp_path / "other.safetensors")
    tensors = load_file(str(path))
    save_file(
        {k: v for k, v in tensors.items() if k != "head.bias"},
        str(tmp_path / "short.safetensors"),
        metadata=safe_open(str(path), framework="pt").metadata(),
    )
    with pytest.raises(CheckpointError, match="does not hold"):
        chars.load(tmp_path / "short.safetensors")


def test_cli_prints_one_json_line(capsys):
    result = chars.main(
        [
            "--cell",
            "rnn",
            "--steps",
            "5",
            "--seconds",
            "none",
            "--hidden",
            "4",
            "--batch",
            "2",
            "--round-steps",
            "5",
            "--sample-length",
            "10",
        ]
    )
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and json.loads(out[0]) == result and result["steps"] == 5
    assert set(result) >= {"bits_per_char", "unigram_bits", "margin", "sample", "seconds"}


# ---- the shipped models ----


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_shipped_models_beat_the_unigram_and_write_better_text(kind):
    model = chars.shipped(kind)
    assert model.meta["hidden"] == 64 and model.meta["config"]["cell"] == kind
    fresh = corpus.text(3000, 12345)  # a seed neither training nor held-out text used
    train_text = corpus.text(corpus.TRAIN_CHARS, corpus.TRAIN_SEED)
    bits, baseline = chars.bits_per_char(model, fresh), corpus.unigram_bits(train_text, fresh, model.vocab)
    assert bits < baseline - 2 and math.isclose(baseline, model.meta["result"]["unigram_bits"], abs_tol=0.2)
    untrained = chars.to_model(net(kind, len(model.vocab), 64), model.vocab)
    trained_words = corpus.known_words(chars.sample(model, "", 300, 0.7, seed=1), train_text)
    untrained_words = corpus.known_words(chars.sample(untrained, "", 300, 0.7, seed=1), train_text)
    assert trained_words > 0.8 and untrained_words < 0.3
