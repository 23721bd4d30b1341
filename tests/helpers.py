"""Test helpers: reading plotly figure JSON (plotly 7 writes numpy arrays as base64 typed arrays), and the
independent references, torch.nn modules and torch.autograd."""

import base64
import json

import numpy as np
import torch


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
    return [
        json.loads(c.proto.bytes)["figure"]
        for c in at.get("bidi_component")
        if c.proto.component_name == "rnnviz_chart"
    ]


def chart(at, title: str) -> dict:
    """The one chart whose title contains ``title``."""
    found = [c for c in charts(at) if title in c["layout"].get("title", {}).get("text", "")]
    assert len(found) == 1, f"{len(found)} charts titled {title!r}"
    return found[0]


def torch_modules():
    """The independent reference of each cell kind: torch.nn's own module."""
    return {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def _split(value: str) -> list[str]:
    """A CSS list split at its top-level commas (commas inside parentheses stay)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(value[start:i].strip())
            start = i + 1
    return [*parts, value[start:].strip()]


def css_marks(css: str, key: str, pseudo: str = "after") -> dict[str, list[tuple]]:
    """Read back the marks one chart element's overlay draws (pages/marks.py writes them as background
    layers): {"hatched": [...], "boxes": [...], "dashed": [...]}, each a rectangle (x0, x1, y0, y1) in
    fractions of the plot area, decoded from the layers' sizes and positions (CSS puts a layer of size s at
    p% at p/100 * (1 - s) of the area)."""
    import re

    rule = re.search(rf"\.st-key-{re.escape(key)}::{pseudo} \{{(.*?)\}}", css, re.S)
    if not rule:
        return {"hatched": [], "boxes": [], "dashed": []}
    prop = {k.strip(): v.strip() for k, v in (p.split(":", 1) for p in rule[1].split(";") if ":" in p)}
    layers = zip(_split(prop["background-image"]), _split(prop["background-size"]), _split(prop["background-position"]))

    def fraction(size: str, position: str) -> tuple[float, float]:
        s = float(size[:-1]) / 100 if size.endswith("%") else 0.0
        p = float(re.match(r"calc\(([-\d.]+)%", position)[1]) / 100
        return p * (1 - s), p * (1 - s) + s

    out, edges = {"hatched": [], "boxes": [], "dashed": []}, {"boxes": [], "dashed": []}
    for image, size, position in layers:
        (w, h), (px, py) = size.split(), re.findall(r"calc\([^)]*\)", position)
        (x0, x1), (y0, y1) = fraction(w, px), fraction(h, py)
        if "135deg" in image:
            out["hatched"].append((x0, x1, y0, y1))
        else:
            edges["dashed" if "repeating" in image else "boxes"].append((x0, x1, y0, y1))
    for kind, found in edges.items():  # each box: its left, right, top and bottom edges, in that order
        for left, right, top, bottom in zip(*[iter(found)] * 4):
            out[kind].append((left[0], right[0], top[2], bottom[2]))
    return out


STEP_MODULES = {"rnn": torch.nn.RNNCell, "lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell}


def nn_twin(kind, cell):
    """A float64 torch.nn module with the cell's weights."""
    module = torch_modules()[kind](cell.input_size, cell.hidden_size).double()
    module.load_state_dict({k: v.double() for k, v in cell.state_dict().items()})
    return module


def autograd_contributions(kind, cell, x):
    """C[t, k] = ||d h_t / d x_k||_F from torch.autograd's full Jacobian of torch.nn's forward."""
    module = nn_twin(kind, cell)
    jac = torch.autograd.functional.jacobian(lambda inp: module(inp)[0], x.double())  # (T, H, T, D)
    return torch.linalg.vector_norm(jac, dim=(1, 3)).numpy()


def autograd_gradient_norms(kind, cell, x):
    """||dL/dh_t|| for L = sum(h_T), by retain_grad on each h_t of an unrolled torch.nn cell."""
    step = STEP_MODULES[kind](cell.input_size, cell.hidden_size).double()
    step.load_state_dict({k.replace("_l0", ""): v.double() for k, v in cell.state_dict().items()})
    h = torch.zeros(1, cell.hidden_size, dtype=torch.float64)
    c = torch.zeros_like(h)
    hs = []
    for x_t in x.double():
        if kind == "lstm":
            h, c = step(x_t[None], (h, c))
        else:
            h = step(x_t[None], h)
        h.retain_grad()
        hs.append(h)
    hs[-1].sum().backward()
    return np.array([float(h_t.grad.norm()) for h_t in hs])
