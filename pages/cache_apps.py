"""The cache edge of the application pages (intent, forecast, translation): each shipped model loaded once
and its readings of a user's input, shared read-only by every session (see cache for the rules)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from pages import retrain
from pages.cache import numbers
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
