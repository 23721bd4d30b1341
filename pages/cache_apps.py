"""The cache edge of the application pages (intent, forecast, translation): each shipped model loaded once
and its readings of a user's input, shared read-only by every session (see cache for the rules)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from pages import retrain, retrain_chars
from pages.cache import numbers
from rnnviz import chars, corpus, pasted
from rnnviz import dates as translators
from rnnviz import forecast as forecasting
from rnnviz import intent as intents
from rnnviz.seq2seq import Seq2Seq

# the translation page


@st.cache_resource(max_entries=12, show_spinner=False)
def shipped_translator(kind: str, bidirectional: bool, attention: bool) -> translators.DatesCheckpoint:
    """A shipped date translator and its metadata (held-out result), loaded once and shared read-only by every
    session; CheckpointError when its file is missing or corrupt."""
    return translators.load(translators.path_for(kind, bidirectional, attention))


@st.cache_resource(show_spinner=False)
def trainings() -> retrain.Trainings:
    """This server's trainings of date translators from the page: one at a time, shared by whoever asks."""
    return retrain.Trainings()


def translator(kind: str, bidirectional: bool, attention: bool, seed: int = 0) -> Seq2Seq:
    """The translator a session uses: seed 0 is the shipped one, any other seed this server's finished
    training with that seed (the page checks it is done before it asks)."""
    if seed == 0:
        return shipped_translator(kind, bidirectional, attention).model
    return trainings().get((kind, bidirectional, attention), seed).model


@dataclass
class Decoded:
    """One greedy decoding as the translation page shows it: the input as read, the characters chosen at each
    step (EOS included), a_tj (T_out, T_in) (None without attention) and p(y_t) (T_out, n_out)."""

    text: str
    tokens: list[str]
    output: str
    finished: bool
    attention: np.ndarray | None
    probs: np.ndarray


@numbers(max_entries=256)
def translation(kind: str, bidirectional: bool, attention: bool, seed: int, text: str) -> Decoded:
    """That translator's greedy decoding of ``text``; seq2seq.InputError when it cannot read it."""
    tr = translator(kind, bidirectional, attention, seed).translate(text)
    return Decoded(tr.text, tr.tokens, tr.output, tr.finished, tr.attention, tr.probs)


# the intent page


@st.cache_resource(max_entries=3, show_spinner=False)
def intent_model(kind: str) -> intents.Model:
    """A shipped intent model, loaded once and shared read-only by every session; CheckpointError when its
    file is missing or corrupt."""
    return intents.shipped(kind)


@numbers(max_entries=256)
def intent_reading(text: str, kind: str) -> intents.Reading:
    """The shipped model's tokens of ``text`` and its answer after every one of them."""
    return intents.read(intent_model(kind), text)


@numbers(max_entries=256)
def intent_attribution(text: str, kind: str) -> intents.Attribution:
    """Each token's contribution to the final logit of the intent the shipped model answers."""
    return intents.attribute(intent_model(kind), text)


# the forecast page


@st.cache_resource(max_entries=6, show_spinner=False)
def forecaster(series: str, kind: str) -> forecasting.Model:
    """A shipped forecaster, loaded once and shared read-only by every session; CheckpointError when its file is
    missing or corrupt."""
    return forecasting.shipped(series, kind)


@numbers(max_entries=256)
def forecast_values(series: str, seed: int, n: int) -> np.ndarray:
    """n values of the series that ``seed`` draws."""
    return forecasting.series(series, n, seed)


@numbers(max_entries=256)
def forecast_one_step(series: str, kind: str, seed: int, n: int, read: int) -> np.ndarray:
    """The shipped model's one-step-ahead forecasts of the first ``read`` of those n values (NaN for t < 2)."""
    return forecasting.one_step(forecaster(series, kind), forecast_values(series, seed, n)[:read])


@numbers(max_entries=256)
def forecast_free_run(series: str, kind: str, seed: int, n: int, read: int) -> np.ndarray:
    """The shipped model run on from its own forecasts for n - read steps after reading the first ``read`` values
    (a shorter horizon is a prefix of it)."""
    return forecasting.free_run(forecaster(series, kind), forecast_values(series, seed, n)[:read], n - read)


# the generation page


@st.cache_resource(max_entries=3, show_spinner=False)
def char_model(kind: str) -> chars.Model:
    """A shipped character model, loaded once and shared read-only by every session; CheckpointError when its
    file is missing or corrupt."""
    return chars.shipped(kind)


@numbers(max_entries=256)
def char_probs(text: str, kind: str, temperature: float) -> np.ndarray:
    """(T, V): the shipped model's next-character distribution after each character of text, at temperature."""
    return chars.probabilities(char_model(kind), text, temperature)


@numbers(max_entries=256)
def char_surprise(text: str, kind: str) -> np.ndarray:
    """(T - 1,): -log2 p(c_t+1 | c_1 .. c_t) of each character that came next, at temperature 1."""
    p, ids = char_probs(text, kind, 1.0), corpus.encode(text, char_model(kind).vocab)
    return -np.log2(p[np.arange(len(text) - 1), ids[1:]])


@numbers(max_entries=256)
def char_sample(start: str, kind: str, length: int, temperature: float, seed: int) -> str:
    """What the shipped model writes after ``start``, ``length`` characters drawn with this seed."""
    return chars.sample(char_model(kind), start, length, temperature, seed)[len(start or "") :]


@dataclass
class Units:
    """One cell's states over the unit text (chars.UNIT_TEXT) and, per feature, the unit that tracks it best."""

    text: str
    acts: np.ndarray  # (T, H)
    found: dict[str, dict]  # feature -> corpus.track's answer (unit 0-based, r on the scored half)


@numbers(max_entries=8)
def char_units(kind: str, state: str) -> Units:
    """The unit search of the benchmark on the shipped model: h_t ("hidden") or the LSTM's c_t ("cell")."""
    model, text = char_model(kind), corpus.text(*chars.UNIT_TEXT)
    acts = chars.activations(model, text, state)
    return Units(text, acts, {f: corpus.track(acts, text, f) for f in corpus.FEATURES})


@st.cache_resource(show_spinner=False)
def char_trainings() -> retrain_chars.Trainings:
    """This server's trainings of character models from the page: one at a time, shared by whoever asks."""
    return retrain_chars.Trainings()


@numbers(max_entries=32)
def pasted_check(text: str) -> pasted.Pasted:
    """Whether a pasted text can be trained on, its split and its unigram baseline (rnnviz.pasted)."""
    return pasted.check(text)
