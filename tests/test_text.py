"""Tokenizer and embedding: the same text and seed always give the same inputs."""

import numpy as np
import pytest
import torch

from rnnviz import embed, generate, tokenize


@pytest.mark.parametrize(
    "text,tokens",
    [
        ("what time is it?", ["what", "time", "is", "it", "?"]),
        ("Don't stop, it's 5 o'clock!", ["Don't", "stop", ",", "it's", "5", "o'clock", "!"]),
        ("现在几点了？", ["现", "在", "几", "点", "了", "？"]),
        ("RNN和LSTM", ["RNN", "和", "LSTM"]),
        ("<script>alert(1)</script>", ["<", "script", ">", "alert", "(", "1", ")", "<", "/", "script", ">"]),
        ("  \n\t ", []),
        ("", []),
    ],
)
def test_word_tokens(text, tokens):
    assert tokenize(text) == tokens


def test_character_tokens_skip_whitespace():
    assert tokenize("hi 你好!", "chars") == ["h", "i", "你", "好", "!"]


def test_emoji_becomes_tokens_not_errors():
    tokens = tokenize("I ❤️ RNNs 😀")
    assert "I" in tokens and "RNNs" in tokens and "😀" in tokens


def test_embedding_is_deterministic_and_seeded():
    tokens = tokenize("what time is it? what")
    a, b = embed(tokens, 8, seed=3), embed(tokens, 8, seed=3)
    assert a.shape == (6, 8) and a.dtype == torch.float32
    assert torch.equal(a, b)
    assert torch.equal(a[0], a[5])  # the same word is the same input
    assert not torch.equal(a[0], a[1])
    assert not torch.equal(a, embed(tokens, 8, seed=4))


def test_embedding_has_unit_variance_per_vector():
    x = embed([f"w{i}" for i in range(4000)], 16)
    assert float((x.double() ** 2).sum(dim=1).mean()) == pytest.approx(1.0, rel=0.05)


def test_empty_sequence_embeds_to_zero_rows():
    assert embed([], 5).shape == (0, 5)


def test_generated_sequences_are_seeded():
    assert generate(30, seed=1) == generate(30, seed=1)
    assert generate(30, seed=1) != generate(30, seed=2)
    assert len(generate(500)) == 500
    assert np.all([isinstance(w, str) and w for w in generate(50)])
