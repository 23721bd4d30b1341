"""What the translation page and its exported file say of a typed date and of a decoding, in words: the
reason a text cannot be read, the verdict on the output, and one decoding step from its numbers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from . import dates_data, seq2seq
from .i18n import t


def problem(text: str, vocab: tuple[str, ...], lang: str, quote: Callable[[str], str] = str) -> str | None:
    """Why the model cannot read ``text``, or None when it can; ``quote`` writes an unknown character as the
    text's reader shows it (markdown on the page, plain in a file)."""
    text = " ".join(text.split())
    if not text:
        return t("translate.msg.empty", lang)
    if len(text) > seq2seq.MAX_INPUT:
        return t("translate.msg.too_long", lang, n=len(text), most=seq2seq.MAX_INPUT)
    unknown = sorted(set(text) - set(vocab[1:]))
    if unknown:
        shown = " ".join(quote(ch) for ch in unknown[:20])
        return t("translate.msg.unknown", lang, chars=shown + (" …" if len(unknown) > 20 else ""))
    return None


def verdict(text: str, output: str, lang: str) -> tuple[str, str]:
    """("success" | "info" | "warning", the sentence): what can be told of the output."""
    try:
        date = dt.date.fromisoformat(output)
    except ValueError:
        return "warning", t("translate.verdict.invalid", lang, out=output)
    if not dates_data.FIRST <= date <= dates_data.LAST or all(
        dates_data.write(date, f).text != text for f in dates_data.FORMATS
    ):
        return "info", t("translate.verdict.wrong_date", lang, iso=output)
    split = "translate.held_out" if date.toordinal() in dates_data.split()["test"] else "translate.trained_on"
    return "success", t("translate.verdict.right", lang, iso=output) + " " + t(split, lang)


def char(tok: str, lang: str) -> str:
    """An output token as shown: the end token in words."""
    return t("translate.eos", lang) if tok == seq2seq.EOS else tok


def step_line(d, step: int, lang: str) -> str:
    """What the attention model does at ``step``, in words, from its numbers; ``d`` is a decoding with
    ``text``, ``tokens``, ``probs`` (T_out, V) and ``attention`` (T_out, T_in)."""
    p, j = float(d.probs[step - 1].max()), int(np.argmax(d.attention[step - 1]))
    src = d.text[j] if d.text[j] != " " else "␣"
    ch, a = char(d.tokens[step - 1], lang), f"{d.attention[step - 1, j]:.3f}"
    return t("translate.out.step", lang, t=step, n=len(d.tokens), ch=ch, p=f"{p:.3f}", j=j + 1, src=src, a=a)


def plain_verdict(d, plain, lang: str) -> tuple[str, str]:
    """The verdict on the model without attention: against the attention model's output when that one is known
    right (the input names that date), else on its own."""
    if verdict(d.text, d.output, lang)[0] != "success":
        return verdict(plain.text, plain.output, lang)
    right = plain.output == d.output
    key = "translate.verdict.plain_right" if right else "translate.verdict.plain_wrong"
    return ("success" if right else "warning"), t(key, lang, iso=d.output, out=plain.output)


def model_name(kind: str, both: bool, attention: bool, lang: str) -> str:
    """A translator in words: its cell, which way its encoder reads, with or without attention."""
    reads = t(f"translate.reads.{'both' if both else 'forward'}", lang)
    name = t("translate.train.model", lang, cell=t(f"cell.{kind}", lang), reads=reads)
    return name + ("" if attention else t("translate.train.no_attention", lang))


def measured(summary: list[dict], kind: str, both: bool, attention: bool = True) -> dict | None:
    """The results file's row of this model (held-out exact match over seeds), or None."""
    return next(
        (r for r in summary if (r["cell"], r["bidirectional"], r["attention"]) == (kind, both, attention)), None
    )


def one_way_note(summary: list[dict], kind: str, lang: str) -> str | None:
    """A one-way encoder's measured exact match (mean, worst seed) against the one that reads both ways."""
    one_way, bi = measured(summary, kind, False), measured(summary, kind, True)
    if not (one_way and bi):
        return None
    em = one_way["exact_match"]
    return t(
        "translate.one_way",
        lang,
        mean=f"{em['mean']:.3f}",
        worst=f"{em['min']:.3f}",
        bi=f"{bi['exact_match']['mean']:.3f}",
    )


def _span(values: list[float]) -> str:
    low, high = f"{min(values):.2f}", f"{max(values):.2f}"
    return low if low == high else f"{low}–{high}"


def accuracy_look(summary: list[dict], cells: tuple[str, ...], both: bool, lang: str) -> str:
    """What to look for in the accuracy chart; for one-way encoders, with the measured ranges over the cells."""
    if both:
        return t("translate.look.accuracy", lang)
    rows = [r for r in summary if not r["bidirectional"] and r["cell"] in cells]
    longest = list(next(r for r in summary if not r["bidirectional"])["by_length"])[-1]
    said = {
        "with_": _span([r["exact_match"]["mean"] for r in rows if r["attention"]]),
        "without": _span([r["exact_match"]["mean"] for r in rows if not r["attention"]]),
        "long_with": _span([r["by_length"][longest]["mean"] for r in rows if r["attention"]]),
        "long_without": _span([r["by_length"][longest]["mean"] for r in rows if not r["attention"]]),
    }
    return t("translate.look.accuracy.forward", lang, longest=longest, **said)
