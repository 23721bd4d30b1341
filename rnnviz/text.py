"""Text to model inputs: tokenizers, a seeded embedding, and generated sequences.

The embedding is a fixed random lookup: each distinct token gets a vector drawn from a
generator seeded by (token, seed), so the same sentence and seed always give the same
inputs, and a repeated word is the same input each time it appears.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import torch

# One token per CJK character (Chinese, Japanese kana, Korean syllables), so Chinese text
# needs no word segmenter; otherwise words (with an inner apostrophe) and single symbols.
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002fa1f]"
_LETTERS = rf"(?:(?!{_CJK})[^\W_])+"  # letters and digits, CJK excluded
_TOKEN = re.compile(rf"{_CJK}|{_LETTERS}(?:['’]{_LETTERS})*|\S")


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _chars(text: str) -> list[str]:
    return [ch for ch in text if not ch.isspace()]


TOKENIZERS = {"words": _words, "chars": _chars}


def tokenize(text: str, mode: str = "words") -> list[str]:
    """Split text into tokens: "words" (words and punctuation; CJK one per character) or "chars"."""
    return TOKENIZERS[mode](text)


def _token_seed(token: str, seed: int) -> int:
    digest = hashlib.sha256(f"{seed}\x00{token}".encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "little")


def embed(tokens: list[str], dim: int, seed: int = 0) -> torch.Tensor:
    """(T, dim) float32 inputs: token -> N(0, 1/dim) vector, fixed by (token, seed)."""
    table = {tok: np.random.default_rng(_token_seed(tok, seed)).standard_normal(dim) for tok in set(tokens)}
    x = np.zeros((len(tokens), dim), dtype=np.float32)
    for t, tok in enumerate(tokens):
        x[t] = table[tok] / np.sqrt(dim)
    return torch.from_numpy(x)


# Short common words: a generated sequence reads as (nonsense) text, not as numbers.
VOCABULARY = (
    "the a of and to in is it what time we they she he you this that was for on are with as at be "
    "by from or one had not but all were when there can an your which their said if do will each "
    "about how up out them then many some so these would other into has more her two like him see "
    "no way could people my than first water been call who oil its now find long down day did get "
    "come made may part over new sound take only little work know place year live me back give most"
).split()


def generate(length: int, seed: int = 0) -> list[str]:
    """``length`` words drawn uniformly from VOCABULARY with a seeded generator."""
    rng = np.random.default_rng(seed)
    return [VOCABULARY[i] for i in rng.integers(0, len(VOCABULARY), size=length)]
