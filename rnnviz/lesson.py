"""The numbers the lesson's questions and answers quote, read from the view they describe: an answer is true of
the view it reveals, at whatever seed the view shows. Where the numbers come from is given (``Numbers``): the
pages pass their cached core calls, so the texts quote exactly what the charts draw; ``DIRECT`` computes them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import gates, intent, memory, scene
from . import gradients as grads
from . import results as results_files
from .figures.memory_html import span_text
from .i18n import t
from .presets import Preset
from .settings import FIELDS, Model, Settings
from .tasks import TASKS

Facts = dict[str, str]
# what a student may change in a stop's view and still have its texts hold: they are computed from the view
FREE = frozenset({"seed", "step", "unit", "shade", "lang", "teacher", "present"})


@dataclass(frozen=True)
class Numbers:
    """The core results the texts quote, by the functions that give them."""

    tokens: Callable[[Model], list[str]]
    contributions: Callable[[Model, str], np.ndarray]  # (T, T) ||dh_t/dx_k||
    gradient: Callable[[Model, str], np.ndarray]  # (T,) ||dL/dh_t||
    sigma: Callable[[Model], float]  # the largest singular value of the RNN's W_hh
    trace: Callable[[Model, str], object]  # analysis.Trace
    parameter_count: Callable[[Model, str], int]
    results: Callable[[str], dict | None]
    intent_probs: Callable[[str, str], np.ndarray]  # (T, intents) the shipped model's answer after each token


DIRECT = Numbers(
    tokens=lambda m: scene.sequence(m).tokens,
    contributions=scene.contributions,
    gradient=lambda m, kind: scene.profile(m, kind).gradient,
    sigma=lambda m: grads.spectrum(scene.cell(m, "rnn").weight_hh_l0).sigma,
    trace=scene.trace,
    parameter_count=lambda m, kind: sum(p.numel() for p in scene.cell(m, kind).parameters()),
    results=results_files.read,
    intent_probs=lambda text, kind: intent.read(intent.shipped(kind), text).probs,
)


def share(x: float) -> str:
    """A share or a ratio as a student reads it: a percentage, or powers of ten when it is tiny."""
    return f"{100 * x:.1f}%" if x >= 0.001 else f"{x:.1e}"


def number(x: float) -> str:
    return f"{x:.2g}" if 1e-3 <= abs(x) < 1e4 else f"{x:.1e}"


def _cells(parts: dict[str, str], lang: str) -> str:
    """ "RNN 2.1e-07, LSTM 1.5e-05": one value per cell, in the lesson's list style."""
    return t("lesson.sep", lang).join(f"{t(f'cell.{kind}', lang)} {value}" for kind, value in parts.items())


def _influence_at_end(n: Numbers, s: Settings, kind: str) -> float:
    """The followed token's influence on the last h, relative to when it was read (the influence chart's end)."""
    C, k = n.contributions(s.model, kind), s.focus - 1
    return float(C[-1, k] / C[k, k])


def _span(n: Numbers, s: Settings, kind: str, lang: str) -> str:
    return span_text(memory.memory_span(n.contributions(s.model, kind)), lang)


def _last_shares(n: Numbers, s: Settings, kind: str) -> np.ndarray:
    """(T,) each token's share of the circle at the last step."""
    return memory.shares(n.contributions(s.model, kind))[-1]


def read(n: Numbers, s: Settings, lang: str) -> Facts:
    shares = {kind: _last_shares(n, s, kind) for kind in s.cells}
    tokens = n.tokens(s.model)
    return {
        "first": tokens[0],
        "last": tokens[-1],
        "firsts": _cells({k: share(v[0]) for k, v in shares.items()}, lang),
        "lasts": _cells({k: share(v[-1]) for k, v in shares.items()}, lang),
    }


def fade(n: Numbers, s: Settings, lang: str) -> Facts:
    return {
        "rnn": share(_influence_at_end(n, s, "rnn")),
        "span": _span(n, s, "rnn", lang),
        "gated": _cells({k: share(_influence_at_end(n, s, k)) for k in s.cells if k != "rnn"}, lang),
    }


def vanish(n: Numbers, s: Settings, lang: str) -> Facts:
    g, sigma = n.gradient(s.model, "rnn"), n.sigma(s.model)
    return {
        "T": str(len(g)),
        "first": number(g[0]),
        "end": number(g[-1]),
        "orders": f"{np.log10(g[-1] / g[0]):.0f}",
        "bound": number(grads.theory(sigma, len(g), s.hidden)[0]),
        "sigma": f"{sigma:.2f}",
    }


def explode(n: Numbers, s: Settings, lang: str) -> Facts:
    g = n.gradient(s.model, "rnn")
    return {
        "first": number(g[0]),
        "ratio": number(g[0] / g[-1]),
        "rate": f"{(g[0] / g[-1]) ** (1 / (len(g) - 1)):.3f}",
        "rho": f"{s.rho:g}",
    }


def forget_gate(n: Numbers, s: Settings, lang: str) -> Facts:
    forget = next(q for q in gates.QUANTITIES["lstm"] if q.symbol == "f")
    f = gates.values(n.trace(s.model, "lstm"), forget)  # (T, H)
    return {"open": share(gates.saturation(f)[1]), "lowest": f"{f.min():.3f}", "bias": f"{s.forget_bias:+g}"}


def forget(n: Numbers, s: Settings, lang: str) -> Facts:
    return {"lstm": share(_influence_at_end(n, s, "lstm")), "span": _span(n, s, "lstm", lang)}


def parameters(n: Numbers, s: Settings, lang: str) -> Facts:
    return {kind: f"{n.parameter_count(s.model, kind):,}" for kind in ("lstm", "gru")}


def gru(n: Numbers, s: Settings, lang: str) -> Facts:
    return {
        "gru": share(_influence_at_end(n, s, "gru")),
        "lstm": share(_influence_at_end(n, s, "lstm")),
        "span": _span(n, s, "gru", lang),
    }


def trained(n: Numbers, s: Settings, lang: str) -> Facts:
    return {
        "T": str(s.length),
        "firsts": _cells({kind: share(_last_shares(n, s, kind)[0]) for kind in s.cells}, lang),
        "span": _span(n, s, "rnn", lang),
    }


def train(n: Numbers, s: Settings, lang: str) -> Facts:
    """The measured runs at this length, as the training page's chart draws them (the mean over seeds)."""
    task = TASKS[s.task]
    runs = [r for r in (n.results("training_vs_length") or {"runs": []})["runs"] if r["task"] == s.task]
    here = {k: [r[task.metric] for r in runs if r["cell"] == k and r["length"] == s.train_length] for k in s.cells}
    return {
        "T": str(s.train_length),
        "seeds": str(max((len(v) for v in here.values()), default=0)),
        "scores": _cells({k: share(float(np.mean(v))) for k, v in here.items() if v}, lang),
        "chance": share(task.baseline),
    }


def intent_answers(n: Numbers, s: Settings, lang: str) -> Facts:
    answers = {}
    for kind in s.cells:
        p = n.intent_probs(s.text, kind)
        win = int(np.argmax(p[-1]))
        name = t(f"intent.name.{intent.INTENTS[win]}", lang)
        answers[kind] = t("lesson.intent.says", lang, intent=name, p=share(p[-1, win]))
    return {"answers": _cells(answers, lang), "n": str(len(p))}


# stop key -> the numbers its question quotes (from the view before the reveal) and its answer quotes (after)
QUESTIONS: dict[str, Callable[[Numbers, Settings, str], Facts]] = {"gru": parameters}
ANSWERS: dict[str, Callable[[Numbers, Settings, str], Facts]] = {
    "read": read,
    "fade": fade,
    "vanish": vanish,
    "explode": explode,
    "gates": forget_gate,
    "forget": forget,
    "gru": gru,
    "trained": trained,
    "train": train,
    "intent": intent_answers,
}


def facts(key: str, revealed: bool, s: Settings, lang: str, n: Numbers = DIRECT) -> Facts:
    """The numbers stop ``key``'s question (or, revealed, its answer) quotes, computed for the view ``s``."""
    found = ANSWERS if revealed else QUESTIONS
    return found[key](n, s, lang) if key in found else {}


def text(key: str, revealed: bool, s: Settings, lang: str, n: Numbers = DIRECT) -> str:
    """The stop's question (before its reveal) or answer (after), with the numbers of the view ``s``."""
    part = "answer" if revealed else "question"
    return t(f"lesson.{key}.{part}", lang, **facts(key, revealed, s, lang, n))


def shows(view: Preset, s: Settings) -> bool:
    """Whether ``s`` is still the stop's view (up to what its texts are computed for), so that its text holds."""
    settings = view.settings()
    return all(getattr(s, name) == getattr(settings, name) for name in FIELDS if name not in FREE)
