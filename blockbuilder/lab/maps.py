"""The stage's pictures as plain NumPy: heatmaps of the answer and of each neuron, and the network diagram.

Everything here is computed without a screen: heatmaps are (n, n, 4) uint8 RGBA arrays with row 0
at the BOTTOM (pyglet's image order, y up), and the diagram is circles and lines in the caller's
coordinates (y up). The window only uploads the arrays and draws the geometry.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from runtime import ActivationSpec, BatchNormSpec, DenseSpec, Message, Network, NetworkSpec, plain_number

from ..document.catalog import CHOICE_LABELS
from .texts import msg

RGB = tuple[int, int, int]

# TensorFlow Playground's diverging pair; the view draws points and weights with the same ones.
NEGATIVE: RGB = (245, 147, 34)   # orange: "no", negative weights, low values (#F59322)
POSITIVE: RGB = (8, 119, 189)    # blue: "yes", positive weights, high values (#0877BD)
ZERO_WEIGHT: RGB = (190, 190, 196)  # a weight of exactly 0 (a hand-set 0 connects nothing)
_REST = ("#59A14F", "#E15759", "#B07AA1", "#76B7B2", "#EDC948", "#9C755F", "#FF9DA7", "#BAB0AC")
CLASS_COLOURS: tuple[RGB, ...] = (NEGATIVE, POSITIVE) + tuple(
    (int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)) for h in _REST)

# The answer's map lies under dark-outlined points, so it only goes this far from white to a colour.
OUTPUT_STRENGTH = 0.6
_WHITE = np.array([255.0, 255.0, 255.0])

MAX_NODES = 10    # neurons or inputs a diagram column shows; the rest become "+N"
MAX_EDGES = 300   # the strongest lines are kept beyond this, the window draws each one
NODE_R_MAX = 16.0  # a node is a 32 px square at most: a 24 px heatmap plus its border
EDGE_MIN, EDGE_MAX, EDGE_FULL = 1.0, 8.0, 4.0  # line width in px: EDGE_MIN at w=0 .. EDGE_MAX at |w|>=EDGE_FULL


# --- the plane -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    """The square region of the 2-D input plane the plots show."""

    lo: tuple[float, float]
    hi: tuple[float, float]

    def to_unit(self, x1, x2):
        """Plane -> (u, v) with (0, 0) bottom-left and (1, 1) top-right; scalars or arrays."""
        return (x1 - self.lo[0]) / (self.hi[0] - self.lo[0]), (x2 - self.lo[1]) / (self.hi[1] - self.lo[1])

    def from_unit(self, u, v):
        """(u, v) in the unit square -> the plane; scalars or arrays."""
        return self.lo[0] + u * (self.hi[0] - self.lo[0]), self.lo[1] + v * (self.hi[1] - self.lo[1])


def frame_for(*xs: np.ndarray, margin: float = 0.1) -> Frame:
    """A square frame around every finite point of the (N, 2) arrays, `margin` of its span on each side.

    Both axes get the same scale, so a circle in the data stays a circle on the stage.
    """
    pts = np.concatenate([np.asarray(x, float).reshape(-1, 2) for x in xs]) if xs else np.empty((0, 2))
    pts = pts[np.isfinite(pts).all(axis=1)]
    if not len(pts):
        return Frame((-1.0, -1.0), (1.0, 1.0))
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = float((hi - lo).max()) or 1.0  # one point: a unit square around it
    mid, half = (lo + hi) / 2, span * (0.5 + margin)
    return Frame((float(mid[0] - half), float(mid[1] - half)), (float(mid[0] + half), float(mid[1] + half)))


def grid_points(frame: Frame, n: int) -> np.ndarray:
    """(n*n, 2) cell centres; row r, column c is index r*n + c, and row 0 is the bottom."""
    u = (np.arange(n) + 0.5) / n
    x1, x2 = frame.from_unit(u[None, :], u[:, None])  # (1, n) columns, (n, 1) rows
    return np.stack(np.broadcast_arrays(x1, x2), axis=-1).reshape(n * n, 2)


def shows_plane(spec: NetworkSpec) -> bool:
    """True when the network reads points of a plane (2 raw inputs), so heatmaps can be drawn."""
    return spec.input.size == 2


def _require_inputs(net: Network, size: int, what: str) -> None:
    if net.spec.input.size != size:
        raise ValueError(f"{what} needs a network with {size} raw inputs, not {net.spec.input.size}")


# --- colours ---------------------------------------------------------------------------------

def _diverging(t: np.ndarray, strength: float = 1.0) -> np.ndarray:
    """t in [-1, 1] -> (..., 3) RGB: NEGATIVE at -1, white at 0, POSITIVE at +1 (scaled by strength)."""
    t = np.clip(np.nan_to_num(t), -1.0, 1.0)[..., None]
    end = np.where(t < 0, np.array(NEGATIVE, float), np.array(POSITIVE, float))
    return _WHITE + strength * np.abs(t) * (end - _WHITE)


def _rgba(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) float RGB -> (..., 4) opaque uint8 RGBA."""
    out = np.full(rgb.shape[:-1] + (4,), 255, np.uint8)
    out[..., :3] = np.rint(np.clip(rgb, 0, 255))
    return out


def _scaled(v: np.ndarray, value_range: tuple[float, float] | None) -> np.ndarray:
    """Values -> [-1, 1] with value_range (default: their own finite range) mapped to its ends."""
    finite = v[np.isfinite(v)]
    lo, hi = value_range if value_range is not None else (
        (finite.min(), finite.max()) if finite.size else (0.0, 0.0))
    if not hi > lo:
        return np.zeros_like(v)
    return 2.0 * (v - lo) / (hi - lo) - 1.0


# --- the answer's map ------------------------------------------------------------------------

def _answers(net: Network, frame: Frame, n: int) -> np.ndarray:
    _require_inputs(net, 2, "a map of the plane")
    return net.predict(grid_points(frame, n))  # (n*n, outputs)


def output_values(net: Network, frame: Frame, n: int = 64) -> np.ndarray:
    """(n, n) numbers behind output_heat, row 0 at the bottom: yes-probability (yes_no), the winning
    class's probability (classify) or the predicted number (regress, first target)."""
    out = _answers(net, frame, n)
    return (out.max(axis=1) if net.spec.output.kind == "classify" else out[:, 0]).reshape(n, n)


def output_heat(net: Network, frame: Frame, n: int = 64,
                value_range: tuple[float, float] | None = None) -> np.ndarray:
    """(n, n, 4) RGBA map of the network's answer over the frame, row 0 at the bottom.

    yes_no: orange -> white -> blue by the yes-probability; classify: the winning class's colour,
    white at chance level (1/classes) and strongest when sure; regress: orange (low) -> white ->
    blue (high) with value_range's ends (default: the values' own range) at the two colours.
    Colours reach only OUTPUT_STRENGTH of the way from white, so points drawn on top stay visible.
    """
    kind, out = net.spec.output.kind, _answers(net, frame, n)
    if kind == "classify":
        k = out.shape[1]
        sure = (out.max(axis=1) - 1.0 / k) / (1.0 - 1.0 / k)  # 0 at chance .. 1 when certain
        colour = np.array(CLASS_COLOURS, float)[out.argmax(axis=1) % len(CLASS_COLOURS)]
        rgb = _WHITE + OUTPUT_STRENGTH * np.clip(np.nan_to_num(sure), 0, 1)[:, None] * (colour - _WHITE)
    elif kind == "yes_no":
        rgb = _diverging(2.0 * out[:, 0] - 1.0, OUTPUT_STRENGTH)
    else:
        rgb = _diverging(_scaled(out[:, 0], value_range), OUTPUT_STRENGTH)
    return _rgba(rgb.reshape(n, n, 3))


def value_colours(values: np.ndarray, value_range: tuple[float, float]) -> np.ndarray:
    """(N, 3) uint8 colours of numbers on the regression map's scale at full strength: a point whose
    colour matches the map under it is a point the network predicts well."""
    return _rgba(_diverging(_scaled(np.asarray(values, float).reshape(-1), value_range)))[:, :3]


def curve(net: Network, lo: float, hi: float, n: int = 200) -> np.ndarray:
    """(n, 2) rows of (x, prediction) from lo to hi, for a network with one input (first target)."""
    _require_inputs(net, 1, "a curve")
    x = np.linspace(lo, hi, n)
    return np.stack([x, net.predict(x[:, None])[:, 0]], axis=1)


# --- each neuron's map -----------------------------------------------------------------------

def _column_end(layers: list, i: int) -> int:
    """The last spec layer before the next dense one: activation, dropout and batch-norm layers
    that follow a dense layer act on its neurons one by one, so they belong to its column."""
    end = i
    while end + 1 < len(layers) and not isinstance(layers[end + 1], DenseSpec):
        end += 1
    return end


def _middle(activation: str, units: int) -> float:
    """The value that means "neither": 0.5 for 0..1 outputs, chance level for softmax, else 0."""
    return {"sigmoid": 0.5, "step": 0.5, "softmax": 1.0 / units}.get(activation, 0.0)


def _middles(spec: NetworkSpec, i: int, end: int) -> np.ndarray:
    """(units,) middle of each neuron of the column spec.layers[i..end], from its last activation."""
    units = spec.layers[i].units
    if end == len(spec.layers) - 1 and spec.output.kind != "regress":  # the column shows the answer
        return np.full(units, 0.5 if spec.output.kind == "yes_no" else 1.0 / units)
    acts = spec.layers[i].activations()
    for ls in spec.layers[i + 1:end + 1]:
        if isinstance(ls, ActivationSpec):
            acts = [ls.activation] * units
        elif isinstance(ls, BatchNormSpec):
            acts = ["identity"] * units  # normalised values centre on 0 again
    return np.array([_middle(a, units) for a in acts])


def neuron_heats(net: Network, frame: Frame, n: int = 24) -> list[list[np.ndarray]]:
    """Per spec layer, one (n, n, 4) RGBA map per neuron of a dense layer ([] for other layers).

    A neuron's map shows what its column passes on: its output after its own activation and any
    activation, dropout or batch-norm layer right after it (trace.layers[end]); the output column
    shows the answer itself (trace.output). Colours diverge from the neuron's "neither" value m
    (0.5 after sigmoid or step and for yes/no answers, 1/units after softmax and for class
    probabilities, else 0): white at m, blue above, orange below, and each map is scaled by its own
    largest |value - m|, so it reaches a full colour (a neuron stuck at m stays white). One forward
    pass serves every neuron.
    """
    _require_inputs(net, 2, "a map of the plane")
    spec, tr = net.spec, net.trace(grid_points(frame, n))
    heats: list[list[np.ndarray]] = []
    for i, ls in enumerate(spec.layers):
        if not isinstance(ls, DenseSpec):
            heats.append([])
            continue
        end = _column_end(spec.layers, i)
        values = tr.output if end == len(spec.layers) - 1 else tr.layers[end]  # (n*n, units)
        d = np.nan_to_num(values - _middles(spec, i, end))
        top = np.abs(d).max(axis=0)
        t = d / np.where(top > 0, top, 1.0)
        heats.append(list(_rgba(_diverging(t.T.reshape(ls.units, n, n)))))
    return heats


# --- the network diagram ---------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    """An input or a neuron, drawn as a circle or square of half-size r around (x, y)."""

    key: tuple            # ("in", i) | ("n", layer_index, j); layer_index indexes spec.layers
    x: float
    y: float
    r: float
    label: str            # input name ("x1", "x1²", "sin x1"); "" for neurons
    bias: float | None = None   # a neuron's bias b[j]; None for inputs
    locked: bool = False        # a hand-set neuron that keeps its weights while the rest learns


@dataclass(frozen=True)
class Edge:
    """The line for weight W[i, j] of spec.layers[layer] (W is (inputs, units))."""

    layer: int
    i: int
    j: int
    x0: float
    y0: float
    x1: float
    y1: float
    weight: float
    width: float          # pixels, from edge_width(weight)
    colour: RGB           # POSITIVE above 0, NEGATIVE below, ZERO_WEIGHT at 0


@dataclass(frozen=True)
class Diagram:
    nodes: list[Node]
    edges: list[Edge]
    more: list[tuple[float, float, str]]   # (x, y, "+N") under a column that hides N entries

    def node_at(self, x: float, y: float) -> Node | None:
        """The node whose square (side 2r, where its heatmap goes) holds the point."""
        return next((nd for nd in self.nodes if max(abs(x - nd.x), abs(y - nd.y)) <= nd.r), None)

    def edge_at(self, x: float, y: float, tol: float = 5.0) -> Edge | None:
        """The line nearest the point, if within tol (or within half its width, for thick lines)."""
        best, best_d = None, math.inf
        for e in self.edges:
            d = _segment_distance(x, y, e.x0, e.y0, e.x1, e.y1)
            if d <= max(tol, e.width / 2) and d < best_d:
                best, best_d = e, d
        return best


def _segment_distance(px, py, x0, y0, x1, y1) -> float:
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    s = 0.0 if length2 == 0 else min(1.0, max(0.0, ((px - x0) * dx + (py - y0) * dy) / length2))
    return math.hypot(px - (x0 + s * dx), py - (y0 + s * dy))


def edge_width(weight: float) -> float:
    """Line thickness in pixels: EDGE_MIN for 0 growing linearly to EDGE_MAX at |w| >= EDGE_FULL."""
    return EDGE_MIN + (EDGE_MAX - EDGE_MIN) * min(abs(weight) / EDGE_FULL, 1.0)


def _edge_colour(weight: float) -> RGB:
    return POSITIVE if weight > 0 else NEGATIVE if weight < 0 else ZERO_WEIGHT


def input_names(spec: NetworkSpec) -> list[str]:
    """Names for the input column, the same in every language: "x1", "x2", … or the features' labels."""
    if spec.input.features is not None:
        return [CHOICE_LABELS[f]["en"] for f in spec.input.features]
    return [f"x{i + 1}" for i in range(spec.input.size)]


def shown(total: int) -> list[int]:
    """Which entries of a column of `total` the diagram draws: all, or MAX_NODES spread evenly
    from the first to the last (so the last output class stays visible)."""
    if total <= MAX_NODES:
        return list(range(total))
    return sorted({int(round(k)) for k in np.linspace(0, total - 1, MAX_NODES)})


@dataclass(frozen=True)
class _Column:
    layer: int | None     # spec layer index; None for the inputs
    total: int
    rows: list[int]       # the entries drawn, top to bottom


def _columns(spec: NetworkSpec) -> list[_Column]:
    cols = [_Column(None, spec.input.width, shown(spec.input.width))]
    cols += [_Column(i, ls.units, shown(ls.units)) for i, ls in enumerate(spec.layers) if isinstance(ls, DenseSpec)]
    return cols


def diagram(spec: NetworkSpec, params: list[dict], rect: tuple[float, float, float, float]) -> Diagram:
    """The network as columns of nodes joined by weight lines, fitted into rect = (x, y, w, h), y up.

    Columns left to right: the inputs, then one per dense layer (the last one is the output);
    activation, dropout and batch-norm layers are not columns. `params` is params_by_layer().
    Each column is centred in its own vertical band, its nodes centred top to bottom; a column of
    more than MAX_NODES shows `shown(total)` and a "+N" in the slot under them. At most MAX_EDGES
    lines are kept, the strongest; the same rect always gives the same picture.
    """
    x, y, w, h = rect
    cols = _columns(spec)
    slots = max(len(c.rows) + (c.total > len(c.rows)) for c in cols)
    label_room = min(40.0, 0.12 * w)  # left of the inputs, for their names
    band, gap = (w - label_room) / len(cols), h / slots
    r = max(0.0, min(NODE_R_MAX, 0.4 * gap, 0.25 * band))
    names = input_names(spec)
    nodes, more, places = [], [], []
    for k, col in enumerate(cols):
        cx = x + label_room + (k + 0.5) * band
        m = len(col.rows) + (col.total > len(col.rows))
        ys = [y + h / 2 + ((m - 1) / 2 - q) * gap for q in range(m)]
        places.append({j: (cx, ys[q]) for q, j in enumerate(col.rows)})
        nodes += [_node(spec, params, col, j, cx, yj, r, names) for j, yj in zip(col.rows, ys)]
        if m > len(col.rows):
            more.append((cx, ys[-1], f"+{col.total - len(col.rows)}"))
    edges = []
    for src, dst, col in zip(places, places[1:], cols[1:]):
        edges += _edges(params[col.layer]["W"], col.layer, src, dst, r)
    return Diagram(nodes, _strongest(edges, MAX_EDGES), more)


def _strongest(edges: list[Edge], limit: int) -> list[Edge]:
    """The `limit` edges of largest |weight|, in their original order (so drawing order stays stable)."""
    if len(edges) <= limit:
        return edges
    keep = set(sorted(range(len(edges)), key=lambda q: -abs(edges[q].weight))[:limit])
    return [e for q, e in enumerate(edges) if q in keep]


def _node(spec, params, col: _Column, j: int, x: float, y: float, r: float, names: list[str]) -> Node:
    if col.layer is None:
        return Node(("in", j), x, y, r, names[j])
    locked = spec.layers[col.layer].frozen()[j]
    return Node(("n", col.layer, j), x, y, r, "", float(params[col.layer]["b"][j]), locked)


def _edges(W: np.ndarray, layer: int, src: dict, dst: dict, r: float) -> list[Edge]:
    """Lines from the right side of each drawn source node to the left side of each drawn neuron."""
    out = []
    for i, (x0, y0) in src.items():
        for j, (x1, y1) in dst.items():
            wv = float(W[i, j])
            out.append(Edge(layer, i, j, x0 + r, y0, x1 - r, y1, wv, edge_width(wv), _edge_colour(wv)))
    return out


# --- words ----------------------------------------------------------------------------------

def legend(spec: NetworkSpec, value_range: tuple[float, float] | None = None) -> Message:
    """The sentence under the answer's map that says what its colours mean (for numbers, from what to what)."""
    if spec.output.kind == "regress" and value_range is not None:
        return msg("maps_legend_regress_range", low=plain_number(float(value_range[0]), 3),
                   high=plain_number(float(value_range[1]), 3))
    return msg("maps_legend_" + spec.output.kind)
