"""A pasted text's check before training (rnnviz.pasted), against counts made here."""

from collections import Counter

import pytest

from rnnviz import corpus, pasted
from rnnviz.figures import generate as figs

TEXT = corpus.text(7_000, 4)


def test_a_text_that_can_be_trained_on_is_described_as_training_reads_it():
    p = pasted.check(TEXT.replace("\n", "\r\n"))  # Windows line ends read as \n
    assert p.ok and p.text == TEXT and (p.train_chars, p.held_chars) == (6_300, 700)
    assert p.distinct == len(set(TEXT))
    kept = {c for c, _ in Counter(TEXT[:6_300]).most_common(corpus.MAX_VOCAB - 1)}
    assert p.unknown == sum(c not in kept for c in TEXT) and set(p.odd) == set(TEXT) - kept
    assert p.unigram_bits == corpus.unigram_bits(TEXT[:6_300], TEXT[6_300:])


@pytest.mark.parametrize(
    ("text", "problem", "odd"),
    [
        ("x" * (corpus.MIN_CHARS - 1), "short", ()),
        ("x" * (corpus.MAX_CHARS + 1), "long", ()),
        (TEXT[:3_000] + "\x1b\x00" + TEXT[3_000:] + "\t", "control", ("\x00", "\x1b")),
        ("".join(chr(0x4E00 + k % 400) for k in range(6_000)), "unknown", None),
    ],
    ids=["short", "long", "control", "chinese"],
)
def test_a_text_that_cannot_be_trained_on_says_why(text, problem, odd):
    p = pasted.check(text)
    if problem == "unknown":  # 400 different characters, 95 kept: the first named are the lowest of the rest
        kept = {c for c, _ in Counter(text[:5_400]).most_common(corpus.MAX_VOCAB - 1)}
        odd = tuple(sorted(set(text) - kept)[: pasted.SHOWN_ODD])
        assert p.unknown == sum(c not in kept for c in text) and p.unknown_share > pasted.MAX_UNKNOWN
    assert not p.ok and p.problem == problem and p.odd == odd


def test_a_character_in_markdown_is_shown_as_itself():
    assert [figs.markdown_char(c) for c in "`*a [ \t"] == ["\\`", "\\*", "a", "␣", "\\[", "␣", "⇥"]
