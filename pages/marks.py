"""Marks laid over a chart by CSS, so that a chart can stay the same while the marks move: a new figure
costs the browser a redraw, a changed style sheet next to nothing.

A figure drawn with fixed margins (figures.style.PlotArea) has its plot area at a known place in its chart
element: ``left`` and ``top`` pixels from the element's corner, ``height`` pixels tall, the element's width
less ``left + right`` wide. The marks are rectangles in fractions of that plot area, (x0, x1, y0, y1) from
its top-left corner, drawn as background layers of one pseudo-element of the element: hatched areas,
outlined boxes and dashed boxes.
"""

from __future__ import annotations

from rnnviz.figures.style import PlotArea

LINE = 2  # px: the width of a box's outline, drawn inside the box
HATCH = "repeating-linear-gradient(135deg, #B4B4B4 0 1.5px, #EEEEEE 1.5px 7px)"  # opaque: hides what is under it


def _position(size: float, offset: float, size_px: float = 0, offset_px: float = 0) -> str:
    """A background-position coordinate putting a layer of size ``size`` * W + size_px at ``offset`` * W + offset_px.

    CSS reads a percentage p here as p * (W - layer size), hence the division and the pixel correction."""
    p = offset / (1 - size) if size < 1 else 0.0
    return f"calc({100 * p:.5f}% + {offset_px + p * size_px:.3f}px)"


def _layer(
    x0: float, x1: float, y0: float, y1: float, width_px: float = 0, height_px: float = 0, dx: float = 0, dy: float = 0
) -> tuple[str, str]:
    """(background-size, background-position) of a layer over [x0, x1] x [y0, y1], or a line of fixed pixels."""
    w = 0.0 if width_px else x1 - x0
    h = 0.0 if height_px else y1 - y0
    size = (
        f"{f'{width_px}px' if width_px else f'{100 * w:.5f}%'} {f'{height_px}px' if height_px else f'{100 * h:.5f}%'}"
    )
    return size, f"{_position(w, x0, width_px, dx)} {_position(h, y0, height_px, dy)}"


def _outline(rect: tuple, across: str, down: str, line: int) -> list[tuple[str, str, str]]:
    """The four edges of rect (x0, x1, y0, y1), ``line`` px wide, inside it: (image, size, position) layers."""
    x0, x1, y0, y1 = rect
    return [
        (down, *_layer(x0, x1, y0, y1, width_px=line)),  # left edge
        (down, *_layer(x1, x1, y0, y1, width_px=line, dx=-line)),  # right
        (across, *_layer(x0, x1, y0, y0, height_px=line)),  # top
        (across, *_layer(x0, x1, y1, y1, height_px=line, dy=-line)),
    ]  # bottom


def marks_css(
    key: str,
    area: PlotArea,
    hatched: list[tuple] = (),
    boxes: list[tuple] = (),
    color: str = "#111111",
    dashed: list[tuple] = (),
    dashed_color: str = "#1A1A1A",
    pseudo: str = "after",
) -> str:
    """CSS for the chart element with key ``key``: ``hatched`` rectangles greyed with diagonal lines,
    ``boxes`` outlined in ``color`` and ``dashed`` ones outlined thin and dashed in ``dashed_color`` (a box
    of no width is a vertical line), each (x0, x1, y0, y1) in fractions of the plot area. ``pseudo`` is the
    pseudo-element drawn on ("after", or "before" for a second set that moves on its own)."""
    solid = f"linear-gradient({color}, {color})"
    across, down = (
        f"repeating-linear-gradient({d}, {dashed_color} 0 4px, transparent 4px 7px)"  # 4 px on, 3 off
        for d in ("90deg", "180deg")
    )
    layers = []  # (image, size, position), first on top
    for rect in boxes:
        layers += _outline(rect, solid, solid, LINE)
    for rect in dashed:
        layers += _outline(rect, across, down, 1)
    layers += [(HATCH, *_layer(*rect)) for rect in hatched]
    if not layers:
        return ""
    images, sizes, positions = (", ".join(layer[i] for layer in layers) for i in range(3))
    return (
        f".st-key-{key} {{ position: relative; }}\n"
        f".st-key-{key}::{pseudo} {{ content: ''; position: absolute; pointer-events: none; "
        f"z-index: {1 if pseudo == 'before' else 2}; "  # over the chart (after ::before), ::after over ::before
        f"left: {area.left}px; top: {area.top}px; width: calc(100% - {area.left + area.right}px); "
        f"height: {area.height}px; background-repeat: no-repeat; background-image: {images}; "
        f"background-size: {sizes}; background-position: {positions}; }}"
    )
