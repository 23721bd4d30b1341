"""The framework's floor for the latency benchmarks: one slider, and its value echoed back by the server."""

import streamlit as st

value = st.slider("Step t", 1, 500, 250, key="step")
st.text(f"t = {value}")  # the round trip is over when this shows the new value
