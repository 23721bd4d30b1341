"""Dates written in words, in English or Chinese, and their ISO form: a translation task generated in code.

Every calendar date from 1900-01-01 to 2099-12-31 can be written in any of FORMATS, e.g.

    en-dmy               3 March 2021                                  -> 2021-03-03
    en-weekday-words     Wednesday, the third of March, two thousand and twenty-one
    zh-digits            2021年3月3日
    zh-era-weekday       公元二〇二一年三月三日星期三

so inputs run from 9 to 74 characters. The dates (not the strings) are split once, with a fixed
seed: a held-out date never appears in training in any format, so no test string is ever a training string.
Input and output are character sequences; the vocabularies are every character the formats can write.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np
import torch

from .seq2seq import BOS, EOS, PAD

FIRST, LAST = dt.date(1900, 1, 1), dt.date(2099, 12, 31)
SPLIT_SEED = 20210303  # fixes which dates are held out, whatever the training seed
SPLIT = {"test": 0.10, "valid": 0.05}  # the rest trains
LENGTH_BINS = (0, 15, 25, 35, 50)  # input characters: [0, 15), [15, 25), ..., [50, inf) for accuracy by length

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ONES = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINAL = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
    "twenty": "twentieth",
    "thirty": "thirtieth",
}
ZH_DIGITS = "〇一二三四五六七八九"
ZH_WEEKDAYS = "一二三四五六日"  # 星期一 (Monday) ... 星期日 (Sunday)


def number_words(n: int) -> str:
    """0 < n < 100 in words: 21 -> "twenty-one"."""
    return ONES[n] if n < 20 else TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else "")


def ordinal_words(n: int) -> str:
    """1 -> "first", 23 -> "twenty-third", 30 -> "thirtieth"."""
    head, _, last = number_words(n).rpartition("-")
    last = ORDINAL.get(last, last + "th")
    return f"{head}-{last}" if head else last


def ordinal_suffix(n: int) -> str:
    """1 -> "1st", 12 -> "12th", 23 -> "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def year_words(y: int) -> str:
    """1984 -> "nineteen eighty-four", 1905 -> "nineteen oh five", 2021 -> "two thousand and twenty-one"."""
    century, rest = divmod(y, 100)
    if century == 20:
        return "two thousand" + (f" and {number_words(rest)}" if rest else "")
    head = number_words(century)
    if rest < 10:
        return f"{head} oh {ONES[rest]}" if rest else f"{head} hundred"
    return f"{head} {number_words(rest)}"


def zh_number(n: int) -> str:
    """1 <= n <= 31 in Chinese numerals: 3 -> 三, 10 -> 十, 13 -> 十三, 20 -> 二十, 31 -> 三十一."""
    tens, ones = divmod(n, 10)
    return (ZH_DIGITS[tens] if tens > 1 else "") + ("十" if tens else "") + (ZH_DIGITS[ones] if ones else "")


def zh_year(y: int) -> str:
    """Digit by digit: 2021 -> 二〇二一."""
    return "".join(ZH_DIGITS[int(ch)] for ch in str(y))


def _zh_weekday(d: dt.date) -> str:
    return "星期" + ZH_WEEKDAYS[d.weekday()]


# Each format writes one date as a string; the name's prefix is the language.
FORMATS = {
    "en-dmy": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "en-dmy-abbr": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    "en-mdy": lambda d: f"{MONTHS[d.month - 1]} {ordinal_suffix(d.day)}, {d.year}",
    "en-mdy-abbr": lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    "en-ordinal": lambda d: f"the {ordinal_words(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    "en-weekday": lambda d: f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year}",
    "en-words": lambda d: f"the {ordinal_words(d.day)} of {MONTHS[d.month - 1]}, {year_words(d.year)}",
    "en-weekday-words": lambda d: (
        f"{WEEKDAYS[d.weekday()]}, the {ordinal_words(d.day)} of {MONTHS[d.month - 1]}, {year_words(d.year)}"
    ),
    "zh-digits": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "zh-padded": lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    "zh-weekday": lambda d: f"{d.year}年{d.month}月{d.day}日{_zh_weekday(d)}",
    "zh-numerals": lambda d: f"{zh_year(d.year)}年{zh_number(d.month)}月{zh_number(d.day)}日",
    "zh-era-weekday": lambda d: f"公元{zh_year(d.year)}年{zh_number(d.month)}月{zh_number(d.day)}日{_zh_weekday(d)}",
}
LANGUAGES = {lang: tuple(f for f in FORMATS if f.startswith(lang + "-")) for lang in ("en", "zh")}


@dataclass(frozen=True)
class Example:
    """One date written in one format: the input text, the ISO target, and where it came from."""

    text: str
    target: str  # "YYYY-MM-DD"
    fmt: str

    @property
    def lang(self) -> str:
        return self.fmt.split("-")[0]


def write(date: dt.date, fmt: str) -> Example:
    """The date in the format ``fmt``, with its ISO target."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown date format {fmt!r}; choose from {', '.join(FORMATS)}")
    return Example(FORMATS[fmt](date), date.isoformat(), fmt)


@cache
def _covering_dates() -> tuple[dt.date, ...]:
    """Dates that between them use every year, month, day and weekday: every day of 2000, 1 July of each year."""
    leap = [dt.date(2000, 1, 1) + dt.timedelta(days=k) for k in range(366)]
    return tuple(leap + [dt.date(y, 7, 1) for y in range(FIRST.year, LAST.year + 1)])


@cache
def input_vocab() -> tuple[str, ...]:
    """PAD, then every character any format writes for any date, sorted."""
    chars = {ch for d in _covering_dates() for f in FORMATS.values() for ch in f(d)}
    return (PAD, *sorted(chars))


OUTPUT_VOCAB = (BOS, EOS, *"0123456789-")
OUTPUT_LENGTH = len("YYYY-MM-DD") + 1  # characters the decoder emits, EOS included


@cache
def split() -> dict[str, np.ndarray]:
    """Date ordinals (datetime.date.toordinal) of each part: "train", "valid", "test", disjoint and fixed."""
    days = np.arange(FIRST.toordinal(), LAST.toordinal() + 1)
    days = np.random.default_rng(SPLIT_SEED).permutation(days)
    n_test, n_valid = round(SPLIT["test"] * len(days)), round(SPLIT["valid"] * len(days))
    parts = {"test": days[:n_test], "valid": days[n_test : n_test + n_valid], "train": days[n_test + n_valid :]}
    return {k: np.sort(v) for k, v in parts.items()}


def sample(
    part: str, n: int, seed: int | np.random.Generator, formats: tuple[str, ...] = tuple(FORMATS)
) -> list[Example]:
    """n examples of the part's dates (uniform), each in a format drawn uniformly from ``formats``."""
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    ordinals = rng.choice(split()[part], size=n)
    fmts = rng.integers(len(formats), size=n)
    return [write(dt.date.fromordinal(int(o)), formats[f]) for o, f in zip(ordinals, fmts, strict=True)]


def held_out(n_per_format: int = 150, seed: int = 0) -> list[Example]:
    """The test set: n_per_format held-out dates written in each format (13 formats: 1950 examples by default)."""
    rng = np.random.default_rng(10**6 + seed)
    return [ex for f in FORMATS for ex in sample("test", n_per_format, rng, (f,))]


@dataclass(frozen=True)
class Batch:
    """Padded ids: src (T_in, B) with PAD = 0, lengths (B,); decoder input tgt_in and target tgt_out (T_out, B)."""

    src: torch.Tensor
    lengths: torch.Tensor
    tgt_in: torch.Tensor
    tgt_out: torch.Tensor


def batch(examples: list[Example], in_vocab: tuple[str, ...] | None = None) -> Batch:
    """Examples as padded id tensors (every target has OUTPUT_LENGTH characters, EOS included)."""
    index = {ch: i for i, ch in enumerate(in_vocab or input_vocab())}
    out = {ch: i for i, ch in enumerate(OUTPUT_VOCAB)}
    lengths = torch.tensor([len(ex.text) for ex in examples])
    src = torch.zeros(int(lengths.max()), len(examples), dtype=torch.long)
    for b, ex in enumerate(examples):
        src[: len(ex.text), b] = torch.tensor([index[ch] for ch in ex.text])
    tgt = torch.tensor([[out[BOS]] + [out[ch] for ch in ex.target] + [out[EOS]] for ex in examples]).T
    return Batch(src, lengths, tgt[:-1].contiguous(), tgt[1:].contiguous())


def training_batches(batch_size: int, seed: int, pool: int = 8) -> Iterator[Batch]:
    """Endless training batches: draw pool * batch_size examples, sort them by length and deal them out as pool
    batches in random order, so a batch's inputs have similar lengths (less padding, fewer encoder steps)."""
    rng = np.random.default_rng(seed)
    while True:
        examples = sorted(sample("train", pool * batch_size, rng), key=lambda ex: len(ex.text))
        for k in rng.permutation(pool):
            yield batch(examples[k * batch_size : (k + 1) * batch_size])


def length_bin(n: int) -> str:
    """The LENGTH_BINS label of an input length: "15-24" for 15 <= n < 25."""
    for lo, hi in itertools.pairwise(LENGTH_BINS):
        if lo <= n < hi:
            return f"{lo}-{hi - 1}"
    return f"{LENGTH_BINS[-1]}+"
