"""A text the user pastes to train a character model on: whether it can be trained on, and what training
will read, before any training starts (rnnviz.chars trains on it; corpus.split holds out its last tenth).

A text is refused when it is shorter than corpus.MIN_CHARS or longer than corpus.MAX_CHARS characters, when
it holds control characters (other than line breaks and tabs: they cannot be shown in a sample), or when more
than MAX_UNKNOWN of it lies outside the vocabulary (the corpus.MAX_VOCAB - 1 most frequent characters of the
training part): every such character is read as one symbol, corpus.UNKNOWN, so a score over many of them
would count a guess among hundreds of characters as a guess of one.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from . import corpus

MAX_UNKNOWN = 0.05  # share of the text read as corpus.UNKNOWN above which it is refused
SHOWN_ODD = 12  # odd characters named in a message


@dataclass(frozen=True)
class Pasted:
    """A pasted text as training would read it; ``problem`` is "" when it can be trained on, else one of
    "short", "long", "control", "unknown" (the page says which in its language)."""

    text: str  # line ends made \n
    problem: str
    odd: tuple[str, ...] = ()  # the control characters, or the characters read as UNKNOWN (at most SHOWN_ODD)
    distinct: int = 0  # distinct characters in the text
    unknown: int = 0  # characters of the text read as UNKNOWN
    train_chars: int = 0
    held_chars: int = 0  # the last tenth, never trained on
    unigram_bits: float = math.nan  # the training part's character frequencies on the held-out tail

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def unknown_share(self) -> float:
        return self.unknown / len(self.text)


def control(text: str) -> list[str]:
    """The control characters of text other than a line break or a tab, sorted."""
    return sorted({c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"})


def check(pasted: str) -> Pasted:
    """Whether the pasted text can be trained on, and if so its split, vocabulary and unigram baseline."""
    text = pasted.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) < corpus.MIN_CHARS:
        return Pasted(text, "short")
    if len(text) > corpus.MAX_CHARS:
        return Pasted(text, "long")
    odd = control(text)
    if odd:
        return Pasted(text, "control", tuple(odd[:SHOWN_ODD]))
    train, held = corpus.split(text)
    vocab = corpus.vocabulary(train)
    outside = set(corpus.unknown(text, vocab))
    unknown = sum(c in outside for c in text)
    return Pasted(
        text,
        "unknown" if unknown > MAX_UNKNOWN * len(text) else "",
        tuple(sorted(outside)[:SHOWN_ODD]),
        len(set(text)),
        unknown,
        len(train),
        len(held),
        corpus.unigram_bits(train, held, vocab),
    )
