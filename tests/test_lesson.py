"""The guided lesson's texts: every number a question or answer quotes is its view's, recomputed here with
torch.autograd on torch.nn modules, closed-form theory or the results file the page draws; every claim made in
words holds at several seeds; each reveal changes the view."""

import numpy as np
import pytest
import torch
from helpers import autograd_contributions, autograd_gradient_norms, nn_twin, torch_modules

from rnnviz import intent, lesson, presets, scene
from rnnviz import results as results_files
from rnnviz.lesson import share
from rnnviz.memory import FADE_LEVEL, memory_span
from rnnviz.tasks import TASKS

STOPS = {stop.key: stop for stop in presets.LESSON}
NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


def _contributions(s, kind):
    return autograd_contributions(kind, scene.cell(s.model, kind), scene.sequence(s.model).x)


def _at_end(s, kind):
    C, k = _contributions(s, kind), s.focus - 1
    return C[-1, k] / C[k, k]


def _cells(values: dict) -> str:
    return ", ".join(f"{NAMES[kind]} {value}" for kind, value in values.items())


def _forget_gate(s):
    """f_t of the LSTM from its equation, with the h_(t-1) torch.nn.LSTM outputs."""
    cell = scene.cell(s.model, "lstm")
    x = scene.sequence(s.model).x.double()
    h = nn_twin("lstm", cell)(x)[0].detach()
    h_prev = torch.cat([torch.zeros(1, s.hidden, dtype=torch.float64), h[:-1]])
    H, W = s.hidden, {k: v.double() for k, v in cell.state_dict().items()}
    rows = slice(H, 2 * H)  # PyTorch's gate order: input, forget, cell, output
    pre = x @ W["weight_ih_l0"][rows].T + W["bias_ih_l0"][rows] + h_prev @ W["weight_hh_l0"][rows].T
    return torch.sigmoid(pre + W["bias_hh_l0"][rows]).numpy()


def _reference(key, s):
    """What stop ``key``'s answer must quote for the view ``s``, from the independent references."""
    if key == "read":
        shares = {kind: (C := _contributions(s, kind))[-1] / C[-1].sum() for kind in s.cells}
        return {
            "firsts": _cells({k: share(v[0]) for k, v in shares.items()}),
            "lasts": _cells({k: share(v[-1]) for k, v in shares.items()}),
        }
    if key in ("fade", "forget", "gru"):
        found = {kind: share(_at_end(s, kind)) for kind in s.cells}
        own = {"fade": "rnn", "forget": "lstm", "gru": "gru"}[key]
        out = {own: found[own], "span": f"{memory_span(_contributions(s, own)).steps} steps"}
        if key == "fade":
            out["gated"] = _cells({k: v for k, v in found.items() if k != "rnn"})
            return out
        out["span"] = f"> {len(scene.sequence(s.model).tokens) // 2} steps"
        return out | ({"lstm": found["lstm"]} if key == "gru" else {})
    if key == "vanish":
        cell = scene.cell(s.model, "rnn")
        g = autograd_gradient_norms("rnn", cell, scene.sequence(s.model).x)
        sigma = float(torch.linalg.matrix_norm(cell.weight_hh_l0.detach().double(), ord=2))
        bound = sigma ** (len(g) - 1) * np.sqrt(s.hidden)
        return {"first": lesson.number(g[0]), "end": lesson.number(g[-1]), "bound": lesson.number(bound)}
    if key == "explode":  # a linear RNN with W_hh = rho Q: dL/dh_t = (W_hh^T)^(T-t) 1, of norm rho^(T-t) sqrt(H)
        T = len(scene.sequence(s.model).tokens)
        return {"first": lesson.number(s.rho ** (T - 1) * np.sqrt(s.hidden)), "ratio": lesson.number(s.rho ** (T - 1))}
    if key == "gates":
        f = _forget_gate(s)
        return {"open": share(float(np.mean(f > 0.9))), "lowest": f"{f.min():.3f}"}
    if key == "trained":
        firsts = {kind: (C := _contributions(s, kind))[-1, 0] / C[-1].sum() for kind in s.cells}
        return {"firsts": _cells({k: share(v) for k, v in firsts.items()})}
    if key == "train":
        runs = results_files.read("training_vs_length")["runs"]
        metric = TASKS[s.task].metric
        mean = {
            k: np.mean([r[metric] for r in runs if (r["task"], r["cell"], r["length"]) == (s.task, k, 50)])
            for k in s.cells
        }
        return {"scores": _cells({k: share(v) for k, v in mean.items()})}
    if key == "intent":
        answers = {}
        for kind in s.cells:
            p = intent.predict(s.text, kind)[-1]
            name = max(p, key=p.get)
            answers[kind] = f"{lesson.t(f'intent.name.{name}', 'en')} ({share(p[name])})"
        return {"answers": _cells(answers)}
    raise AssertionError(f"no reference for stop {key}")


@pytest.mark.parametrize("key", list(STOPS))
@pytest.mark.parametrize("seed", [0, 3])
def test_every_number_an_answer_quotes_is_the_revealed_views(key, seed):
    s = STOPS[key].after.settings().replace(seed=seed)
    facts = lesson.facts(key, True, s, "en")
    expected = _reference(key, s)
    assert {k: facts[k] for k in expected} == expected


def test_the_gru_question_quotes_the_torch_nn_parameter_counts():
    s = STOPS["gru"].before.settings()
    count = {
        kind: sum(p.numel() for p in torch_modules()[kind](s.dim, s.hidden).parameters()) for kind in ("lstm", "gru")
    }
    assert lesson.facts("gru", False, s, "en") == {k: f"{v:,}" for k, v in count.items()}
    assert count["gru"] == 0.75 * count["lstm"]  # "a quarter fewer"


@pytest.mark.parametrize("seed", range(5))
def test_what_the_answers_say_in_words_holds_at_every_seed(seed):
    view = {key: stop.after.settings().replace(seed=seed) for key, stop in STOPS.items()}
    n = lesson.DIRECT
    at_end = lambda key, kind: lesson._influence_at_end(n, view[key], kind)  # noqa: E731
    assert at_end("fade", "rnn") < FADE_LEVEL and at_end("fade", "lstm") < FADE_LEVEL  # "almost none", "too"
    assert at_end("fade", "gru") < FADE_LEVEL
    g = n.gradient(view["vanish"].model, "rnn")
    assert g[0] < 1e-9 * g[-1]  # "tiny", "under the bound" (which is exact only without tanh)
    assert np.all(g <= lesson.grads.theory(n.sigma(view["vanish"].model), len(g), view["vanish"].hidden) * (1 + 1e-9))
    g = n.gradient(view["explode"].model, "rnn")
    np.testing.assert_allclose(
        g, lesson.grads.theory(1.1, len(g), view["explode"].hidden), rtol=1e-5
    )  # "on it" (W_hh in float32)
    f = lesson.forget_gate(n, view["gates"], "en")
    assert float(f["lowest"]) > 0.5  # "keeps most of what it held"
    for key, kind in (("forget", "lstm"), ("gru", "gru")):  # "grows to > N steps"; the GRU: "yes"
        assert memory_span(n.contributions(view[key].model, kind)).steps is None and at_end(key, kind) > 0.1
    shares = {kind: lesson._last_shares(n, view["trained"], kind)[0] for kind in ("rnn", "lstm", "gru")}
    assert min(shares["lstm"], shares["gru"]) > 0.01 > 1e4 * shares["rnn"]  # "the LSTM and GRU"; "still forgets"


def test_every_reveal_changes_the_view_and_every_stop_has_texts_for_its_numbers():
    for stop in presets.LESSON:
        assert stop.before.settings() != stop.after.settings(), stop.key
        for revealed in (False, True):
            for lang in ("en", "zh"):
                view = stop.after if revealed else stop.before
                text = lesson.text(stop.key, revealed, view.settings(), lang)
                assert "{" not in text and "}" not in text, (stop.key, revealed, lang)
    order = [stop.key for stop in presets.LESSON]
    assert order.index("gates") < order.index("forget") < order.index("gru")  # the LSTM is explained first
    assert order.index("vanish") < order.index("explode") < order.index("gates")


def test_a_view_changed_after_the_reveal_is_no_longer_described():
    stop = STOPS["fade"]
    assert lesson.shows(stop.after, stop.after.settings().replace(seed=7))
    assert not lesson.shows(stop.after, stop.after.settings().replace(cells=("rnn",)))
    assert not lesson.shows(stop.after, stop.after.settings().replace(focus=1))
