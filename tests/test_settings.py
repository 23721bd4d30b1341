"""Settings round-trip through the URL; anything malformed is repaired with a note, never raised."""

import dataclasses

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rnnviz import settings as cfg
from rnnviz.settings import DEFAULTS, FIELDS, Settings, from_query, to_query


def _field_values(f):
    meta, default = f.metadata, f.default if f.default is not dataclasses.MISSING else f.default_factory()
    if isinstance(default, bool):
        return st.booleans()
    if isinstance(default, int):
        return st.integers(int(meta["lo"]), int(meta["hi"]))
    if isinstance(default, float):
        return st.floats(meta["lo"], meta["hi"], allow_nan=False).map(lambda v: round(v, 3))
    if isinstance(default, tuple):
        return st.lists(st.sampled_from(meta["choices"]), min_size=1, unique=True).map(tuple)
    if meta["choices"]:
        return st.sampled_from(meta["choices"])
    return st.text(max_size=50)


valid_settings = st.fixed_dictionaries({name: _field_values(f) for name, f in FIELDS.items()}).map(
    lambda d: Settings(**d)
)


@given(valid_settings)
@hsettings(max_examples=200)
def test_valid_settings_round_trip_through_the_url(s):
    back, notes = from_query(to_query(s))
    assert notes == []
    assert back == s


def test_default_view_has_an_empty_link():
    assert to_query(DEFAULTS) == {}


def test_out_of_range_values_are_clamped_with_a_note():
    s, notes = from_query({"hidden": "999", "seed": "-5", "rho": "1e9", "length": "1"})
    assert (s.hidden, s.seed, s.rho, s.length) == (128, 0, 3.0, 2)
    assert {n.field: n.reason for n in notes} == dict.fromkeys(["hidden", "seed", "rho", "length"], "out_of_range")


def test_malformed_and_unknown_values_fall_back_with_a_note():
    s, notes = from_query({"hidden": "lots", "rho": "nan", "lang": "fr", "cells": ["lstm", "cnn"], "teacher": "maybe"})
    assert (s.hidden, s.rho, s.lang, s.cells, s.teacher) == (16, 0.0, "en", ("lstm",), False)
    assert {n.field: n.reason for n in notes} == {
        "hidden": "malformed",
        "rho": "malformed",
        "lang": "unknown_choice",
        "cells": "unknown_choice",
        "teacher": "malformed",
    }


def test_choice_labels_are_case_insensitive_and_comma_lists_work():
    s, notes = from_query({"cells": "GRU,RNN"})
    assert s.cells == ("gru", "rnn") and notes == []


def test_overlong_text_is_cut_with_a_note():
    s, notes = from_query({"text": "a" * (cfg.MAX_TEXT_CHARS + 5)})
    assert len(s.text) == cfg.MAX_TEXT_CHARS and notes[0].reason == "too_long"


def test_unknown_parameters_are_ignored():
    assert from_query({"utm_source": "mail", "embed": "true"}) == (DEFAULTS, [])


@given(
    st.dictionaries(
        st.sampled_from([*sorted(FIELDS), "x", ""]),
        st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=4)),
        max_size=8,
    )
)
@hsettings(max_examples=300)
def test_any_query_gives_valid_settings(params):
    s, _notes = from_query(params)
    for name, f in FIELDS.items():
        value, meta = getattr(s, name), f.metadata
        if meta["lo"] is not None:
            assert meta["lo"] <= value <= meta["hi"]
        if meta["choices"]:
            assert set(value if isinstance(value, tuple) else [value]) <= set(meta["choices"])
    assert from_query(to_query(s)) == (s, [])  # the repaired link is stable
