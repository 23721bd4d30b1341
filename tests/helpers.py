"""Reading plotly figure JSON in tests: plotly 7 writes numpy arrays as base64 typed arrays."""
import base64
import json

import numpy as np


def array(value) -> np.ndarray:
    """A trace field as numpy, whether plain JSON lists or {"dtype", "bdata", "shape"}."""
    if isinstance(value, dict) and "bdata" in value:
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if isinstance(shape, str):
            shape = [int(n) for n in shape.split(",")]
        return flat.reshape(shape) if shape else flat
    return np.array(value, dtype=float)


def charts(at) -> list[dict]:
    """The plotly figures an AppTest run drew (pages/charts.py), as dicts, in page order."""
    return [json.loads(c.proto.bytes)["figure"] for c in at.get("bidi_component")
            if c.proto.component_name == "rnnviz_chart"]


def chart(at, title: str) -> dict:
    """The one chart whose title contains ``title``."""
    found = [c for c in charts(at) if title in c["layout"].get("title", {}).get("text", "")]
    assert len(found) == 1, f"{len(found)} charts titled {title!r}"
    return found[0]
