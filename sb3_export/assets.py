"""Hand-drawn SVG costumes and backdrops for the Scratch project an exported network becomes.

Every picture is built from plain shapes (rect, circle, ellipse, line, polyline, polygon,
path, g) with presentation attributes only: no <text> (Scratch would swap in its own
fonts), no images, no external references, no CSS `style`, no transforms (Scratch's SVG
loader rewrites transforms and pushes g's fill/stroke down to the leaves). Sizes are
integers and the viewBox always starts at 0 0, so a costume's rotation centre is simply
a point in SVG pixels.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

STAGE_W, STAGE_H = 480, 360
STAGE_CENTER = (240.0, 180.0)

# Scratch 3's own palette, so the costumes sit comfortably next to its blocks.
BLUE, BLUE_DARK, BLUE_PALE = "#4C97FF", "#3373CC", "#E9F1FC"
ORANGE, ORANGE_DARK = "#FFAB19", "#CF8B17"
GREEN, GREEN_DARK = "#59C059", "#389438"
PINK, PINK_DARK = "#FF6680", "#E64D66"
INK = "#24324D"          # dark outline / eyes
SLATE = "#575E75"        # Scratch's text grey
WHITE = "#FFFFFF"

DIGIT_AREA = (40, 60, 280, 300)   # x0, y0, x1, y1 of the digits drawing area (SVG pixels)
DIGIT_CELLS = 8
DIGIT_CELL = 30

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Costume:
    """One Scratch costume: a name, an SVG document and its rotation centre in SVG pixels."""

    name: str
    svg: str
    center: tuple[float, float]


def svg_bytes(c: Costume) -> bytes:
    """The costume's SVG as UTF-8 bytes, ready to be written into the .sb3 zip."""
    return c.svg.encode("utf-8")


# --- tiny SVG builder -----------------------------------------------------------------------

def _num(v) -> str:
    """Format a number compactly: 3 not 3.0, 2.5 not 2.500000."""
    if isinstance(v, float):
        v = round(v, 2)
        return str(int(v)) if v == int(v) else repr(v)
    return str(v)


def _el(tag: str, **attrs) -> str:
    """One self-closing element; `stroke_width=2` becomes `stroke-width="2"`."""
    parts = [tag] + [f'{k.replace("_", "-")}="{_num(v)}"' for k, v in attrs.items() if v is not None]
    return "<" + " ".join(parts) + "/>"


def _g(children: list[str], **attrs) -> str:
    """A group element wrapping `children`."""
    head = " ".join(["g"] + [f'{k.replace("_", "-")}="{_num(v)}"' for k, v in attrs.items()])
    return f"<{head}>" + "".join(children) + "</g>"


def _svg(w: int, h: int, body: list[str]) -> str:
    """A complete SVG document of integer size w x h with a matching viewBox."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}">' + "".join(body) + "</svg>")


def _pts(points) -> str:
    """Points as an SVG `points` attribute value."""
    return " ".join(f"{_num(float(x))},{_num(float(y))}" for x, y in points)


def _rotated_rect(cx: float, cy: float, w: float, h: float, deg: float) -> list[tuple[float, float]]:
    """Corners of a w x h rectangle centred on (cx, cy), turned by `deg` degrees."""
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    corners = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in corners]


def _backdrop(name: str, body: list[str]) -> Costume:
    """A full-stage 480x360 costume centred on the stage centre."""
    return Costume(name, _svg(STAGE_W, STAGE_H, body), STAGE_CENTER)


# --- backdrops --------------------------------------------------------------------------------

def _plot_grid() -> list[str]:
    """Light grid lines every 40 px, aligned so that one passes through the centre."""
    vertical = [_el("line", x1=x, y1=0, x2=x, y2=STAGE_H) for x in range(0, STAGE_W + 1, 40)]
    horizontal = [_el("line", x1=0, y1=y, x2=STAGE_W, y2=y) for y in range(20, STAGE_H, 40)]
    return [_g(vertical + horizontal, id="grid", stroke="#E3E9F2", stroke_width=1)]


def _plot_axes() -> list[str]:
    """The x and y axes through (240, 180) with small tick marks every 40 px."""
    cx, cy = 240, 180
    ticks = [_el("line", x1=x, y1=cy - 4, x2=x, y2=cy + 4) for x in range(40, STAGE_W, 40) if x != cx]
    ticks += [_el("line", x1=cx - 4, y1=y, x2=cx + 4, y2=y) for y in range(20, STAGE_H, 40) if y != cy]
    axes = [_el("line", x1=0, y1=cy, x2=STAGE_W, y2=cy), _el("line", x1=cx, y1=0, x2=cx, y2=STAGE_H)]
    return [_g(axes + ticks, id="axes", stroke="#9AA8C0", stroke_width=2, stroke_linecap="round")]


def backdrop_plot() -> Costume:
    """White stage with a light 40 px grid and darker axes through the centre, for 2-D data."""
    body = [_el("rect", x=0, y=0, width=STAGE_W, height=STAGE_H, fill="#FCFDFF")]
    return _backdrop("plot", body + _plot_grid() + _plot_axes())


def _digit_grid() -> str:
    """The 8x8 guide grid (cell 30 px) over the drawing area, edges included."""
    x0, y0, x1, y1 = DIGIT_AREA
    xs = [x0 + DIGIT_CELL * i for i in range(DIGIT_CELLS + 1)]
    ys = [y0 + DIGIT_CELL * i for i in range(DIGIT_CELLS + 1)]
    lines = [_el("line", x1=x, y1=y0, x2=x, y2=y1) for x in xs]
    lines += [_el("line", x1=x0, y1=y, x2=x1, y2=y) for y in ys]
    return _g(lines, id="digit-grid", stroke="#D7E0EE", stroke_width=1)


def _pencil(x: float, y: float) -> list[str]:
    """A small pencil slanting up-right from its tip at (x, y): it says 'draw here' without words."""
    k = math.sqrt(0.5)

    def at(t: float, s: float = 0.0) -> tuple[float, float]:
        """The point t px along the pencil from its tip and s px to one side."""
        return x + (t + s) * k, y - (t - s) * k

    body = [at(10, -5), at(40, -5), at(40, 5), at(10, 5)]
    eraser = [at(40, -5), at(48, -5), at(48, 5), at(40, 5)]
    outline = {"stroke": INK, "stroke_width": 1.5, "stroke_linejoin": "round"}
    return [
        _el("polygon", points=_pts(eraser), fill=PINK, **outline),
        _el("polygon", points=_pts(body), fill=ORANGE, **outline),
        _el("polygon", points=_pts([at(10, -5), at(10, 5), at(0)]), fill="#FFE2B8", **outline),
        _el("polygon", points=_pts([at(0), at(4, -2), at(4, 2)]), fill=INK),
    ]


def _bulb(cx: float, cy: float) -> list[str]:
    """A small light bulb (an idea!) above the guess panel."""
    rays = [_el("line", x1=cx + 13 * math.cos(a), y1=cy + 13 * math.sin(a),
                x2=cx + 18 * math.cos(a), y2=cy + 18 * math.sin(a))
            for a in (math.radians(d) for d in (-160, -125, -90, -55, -20))]
    return [
        _g(rays, stroke=ORANGE, stroke_width=2.5, stroke_linecap="round"),
        _el("circle", cx=cx, cy=cy, r=9, fill="#FFE066", stroke=INK, stroke_width=1.5),
        _el("rect", x=cx - 4.5, y=cy + 8, width=9, height=6, rx=1.5, fill="#B8C3D6", stroke=INK, stroke_width=1.5),
    ]


def backdrop_digits() -> Costume:
    """Calm backdrop with a framed 8x8 drawing square (x 40..280, y 60..300) and a guess panel on the right."""
    x0, y0, x1, y1 = DIGIT_AREA
    body = [
        _el("rect", x=0, y=0, width=STAGE_W, height=STAGE_H, fill="#EEF4FC"),
        _el("circle", cx=470, cy=350, r=60, fill="#E2ECFA"),
        _el("circle", cx=8, cy=6, r=34, fill="#E2ECFA"),
        # drawing area: soft shadow, blue frame, white paper, guide grid
        _el("rect", x=x0 - 10, y=y0 - 6, width=x1 - x0 + 20, height=y1 - y0 + 20, rx=14, fill="#D3DFF1"),
        _el("rect", x=x0 - 10, y=y0 - 10, width=x1 - x0 + 20, height=y1 - y0 + 20, rx=14,
            fill=WHITE, stroke=BLUE, stroke_width=3),
        _el("rect", x=x0, y=y0, width=x1 - x0, height=y1 - y0, fill=WHITE),
        _digit_grid(),
        # guess panel
        _el("rect", x=300, y=54, width=170, height=256, rx=18, fill="#D3DFF1"),
        _el("rect", x=300, y=50, width=170, height=256, rx=18, fill="#F8FBFF", stroke="#B9CCEA", stroke_width=2),
        _el("rect", x=312, y=62, width=146, height=92, rx=12, fill=BLUE_PALE),
    ]
    body += _pencil(x0 + 2, y0 - 16) + _bulb(385, 28)
    return _backdrop("digits", body)


def _sparkle(cx: float, cy: float, r: float, colour: str) -> str:
    """A soft four-pointed star."""
    s = r * 0.28
    pts = [(cx, cy - r), (cx + s, cy - s), (cx + r, cy), (cx + s, cy + s),
           (cx, cy + r), (cx - s, cy + s), (cx - r, cy), (cx - s, cy - s)]
    return _el("polygon", points=_pts(pts), fill=colour)


def backdrop_plain() -> Costume:
    """Soft blue backdrop with a few quiet shapes at the edges, for networks with other inputs."""
    body = [
        _el("rect", x=0, y=0, width=STAGE_W, height=STAGE_H, fill="#EAF2FE"),
        _el("circle", cx=20, cy=10, r=70, fill="#DCE9FD"),
        _el("circle", cx=92, cy=-6, r=34, fill="#E3EDFD"),
        _el("circle", cx=462, cy=24, r=38, fill="#FFF1D6"),
        _el("ellipse", cx=90, cy=392, rx=190, ry=70, fill="#DDF2DD"),
        _el("ellipse", cx=400, cy=400, rx=170, ry=74, fill="#E6F5E6"),
        _el("circle", cx=474, cy=200, r=16, fill="#EFE6FF"),
        _el("circle", cx=6, cy=250, r=12, fill="#FFE3E8"),
        _sparkle(150, 30, 9, "#FFDFA3"),
        _sparkle(420, 90, 7, "#D9C8FF"),
        _sparkle(36, 170, 7, "#C9DCFB"),
        _sparkle(446, 300, 8, "#FFD0D9"),
    ]
    return _backdrop("plain", body)


# --- sprite costumes --------------------------------------------------------------------------

NETWORK_LAYERS = (
    (10, (16, 32), BLUE),
    (32, (8, 24, 40), ORANGE),
    (54, (16, 32), GREEN),
)


def network_costume() -> Costume:
    """A 64x48 icon of a tiny network: 2, 3 and 2 nodes joined by lines."""
    links = []
    for (xa, ya_list, _), (xb, yb_list, _) in zip(NETWORK_LAYERS, NETWORK_LAYERS[1:]):
        links += [_el("line", x1=xa, y1=ya, x2=xb, y2=yb) for ya in ya_list for yb in yb_list]
    nodes = [_el("circle", cx=x, cy=y, r=5, fill=WHITE, stroke=colour, stroke_width=2.5)
             for x, ys, colour in NETWORK_LAYERS for y in ys]
    body = [_g(links, stroke="#8A94AD", stroke_width=1.5, stroke_linecap="round")] + nodes
    return Costume("network", _svg(64, 48, body), (32.0, 24.0))


PROBE_SIZE = 36
PROBE_CENTER = (18.0, 18.0)


def probe_costume() -> Costume:
    """A 36x36 crosshair target to drag around the plot; its centre is the crosshair centre."""
    c = PROBE_CENTER[0]
    arms = [_el("line", x1=3, y1=c, x2=13, y2=c), _el("line", x1=23, y1=c, x2=33, y2=c),
            _el("line", x1=c, y1=3, x2=c, y2=13), _el("line", x1=c, y1=23, x2=c, y2=33)]
    body = [
        _el("circle", cx=c, cy=c, r=11, fill=WHITE, fill_opacity=0.35, stroke=INK, stroke_width=6),
        _g(arms, id="cross-outline", stroke=INK, stroke_width=6, stroke_linecap="round"),
        _el("circle", cx=c, cy=c, r=11, fill="none", stroke="#FFD500", stroke_width=3),
        _g(arms, id="cross", stroke="#FFD500", stroke_width=2.5, stroke_linecap="round"),
        _el("circle", cx=c, cy=c, r=3, fill="#FF3D7F", stroke=INK, stroke_width=1.5),
    ]
    return Costume("probe", _svg(PROBE_SIZE, PROBE_SIZE, body), PROBE_CENTER)


def _robot_head() -> list[str]:
    """Antenna, ears, head and friendly face of the guesser robot."""
    return [
        _el("line", x1=45, y1=17, x2=45, y2=9, stroke=SLATE, stroke_width=3, stroke_linecap="round"),
        _el("circle", cx=45, cy=7, r=5, fill=ORANGE, stroke=ORANGE_DARK, stroke_width=2),
        _el("rect", x=10, y=30, width=8, height=16, rx=3, fill=ORANGE, stroke=ORANGE_DARK, stroke_width=2),
        _el("rect", x=72, y=30, width=8, height=16, rx=3, fill=ORANGE, stroke=ORANGE_DARK, stroke_width=2),
        _el("rect", x=16, y=16, width=58, height=44, rx=13, fill=BLUE, stroke=BLUE_DARK, stroke_width=2.5),
        _el("rect", x=23, y=23, width=44, height=30, rx=9, fill=BLUE_PALE),
        _el("circle", cx=36, cy=35, r=5, fill=INK),
        _el("circle", cx=54, cy=35, r=5, fill=INK),
        _el("circle", cx=37.6, cy=33.4, r=1.7, fill=WHITE),
        _el("circle", cx=55.6, cy=33.4, r=1.7, fill=WHITE),
        _el("ellipse", cx=28.5, cy=44, rx=3.5, ry=2.2, fill="#FFB3C1"),
        _el("ellipse", cx=61.5, cy=44, rx=3.5, ry=2.2, fill="#FFB3C1"),
        _el("path", d="M38 43 Q45 50 52 43", fill="none", stroke=INK, stroke_width=2.5, stroke_linecap="round"),
    ]


def _robot_body() -> list[str]:
    """Neck, arms and body of the guesser robot, with three lights in the network's colours."""
    return [
        _el("rect", x=39, y=59, width=12, height=6, fill="#B8C3D6", stroke=SLATE, stroke_width=1.5),
        _el("rect", x=11, y=68, width=10, height=22, rx=5, fill=BLUE, stroke=BLUE_DARK, stroke_width=2),
        _el("rect", x=69, y=68, width=10, height=22, rx=5, fill=BLUE, stroke=BLUE_DARK, stroke_width=2),
        _el("rect", x=21, y=64, width=48, height=32, rx=10, fill=BLUE, stroke=BLUE_DARK, stroke_width=2.5),
        _el("rect", x=29, y=71, width=32, height=16, rx=6, fill=BLUE_PALE),
        _el("circle", cx=37, cy=79, r=3.5, fill=BLUE, stroke=BLUE_DARK, stroke_width=1),
        _el("circle", cx=45, cy=79, r=3.5, fill=ORANGE, stroke=ORANGE_DARK, stroke_width=1),
        _el("circle", cx=53, cy=79, r=3.5, fill=GREEN, stroke=GREEN_DARK, stroke_width=1),
    ]


def guesser_costume() -> Costume:
    """A 90x100 friendly robot that 'says' the network's guess."""
    return Costume("guesser", _svg(90, 100, _robot_body() + _robot_head()), (45.0, 50.0))


def _eraser_icon(cx: float, cy: float) -> list[str]:
    """A tilted pink eraser with a blue sleeve, crumbs and motion lines: 'wipe it clean'."""
    ax, ay = math.cos(math.radians(-30)), math.sin(math.radians(-30))
    pink = _rotated_rect(cx + 6 * ax, cy + 6 * ay, 20, 12, -30)
    sleeve = _rotated_rect(cx - 10 * ax, cy - 10 * ay, 12, 12, -30)
    crumbs = [_el("circle", cx=cx - 20, cy=cy + 11, r=1.8), _el("circle", cx=cx - 24, cy=cy + 6, r=1.4),
              _el("circle", cx=cx - 27, cy=cy + 12, r=1.2)]
    motion = [_el("line", x1=cx - 40, y1=cy - 4, x2=cx - 28, y2=cy - 4),
              _el("line", x1=cx - 44, y1=cy + 3, x2=cx - 32, y2=cy + 3),
              _el("line", x1=cx - 38, y1=cy + 10, x2=cx - 33, y2=cy + 10)]
    outline = {"stroke_width": 2, "stroke_linejoin": "round"}
    return [
        _g(motion, stroke="#B9C7DD", stroke_width=2.5, stroke_linecap="round"),
        _g(crumbs, fill="#FFB3C1"),
        _el("polygon", points=_pts(pink), fill=PINK, stroke=PINK_DARK, **outline),
        _el("polygon", points=_pts(sleeve), fill=BLUE, stroke=BLUE_DARK, **outline),
    ]


def clear_button_costume() -> Costume:
    """A 100x40 rounded white button with an eraser on it (no words needed)."""
    body = [
        _el("rect", x=2, y=5, width=96, height=33, rx=14, fill="#D9A3AE"),
        _el("rect", x=2, y=2, width=96, height=33, rx=14, fill=WHITE, stroke=PINK, stroke_width=3),
    ] + _eraser_icon(60, 18)
    return Costume("clear_button", _svg(100, 40, body), (50.0, 20.0))


def pen_costume() -> Costume:
    """A 2x2 almost invisible dot for the sprite that draws with the pen."""
    body = [_el("rect", x=0.5, y=0.5, width=1, height=1, fill="#000000", fill_opacity=0.01)]
    return Costume("pen", _svg(2, 2, body), (1.0, 1.0))


def marker_costume(colour: str) -> Costume:
    """A 14x14 dot in `colour` (#rrggbb) with a thin dark rim, to stamp a training point.

    The colour fills all but the outer pixel: on the stage (a stamp is drawn at its size in pixels)
    a thick white border left only a small dot of colour, and the points looked like white rings."""
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        raise ValueError(f"marker colour must look like #rrggbb, got {colour!r}")
    body = [_el("circle", cx=7, cy=7, r=6.5, fill=colour, stroke="#000000", stroke_opacity=0.45, stroke_width=1)]
    return Costume("marker_" + colour[1:].lower(), _svg(14, 14, body), (7.0, 7.0))


def square_costume(name: str, colour: str, side: int) -> Costume:
    """A full square of `colour`, `side` pixels wide: one square of a painted map."""
    return Costume(name, _svg(side, side, [_el("rect", x=0, y=0, width=side, height=side, fill=colour)]),
                   (side / 2, side / 2))


def ink_costume(name: str) -> Costume:
    """One cell of the digits pad: a soft-cornered ink tile leaving a thin gap to its neighbours."""
    c = DIGIT_CELL
    body = [_el("rect", x=1.5, y=1.5, width=c - 3, height=c - 3, rx=5, fill=INK)]
    return Costume(name, _svg(c, c, body), (c / 2, c / 2))


def ALL_COSTUMES() -> list[Costume]:  # noqa: N802 - the name is part of the agreed API
    """Every fixed costume and backdrop (not the per-colour markers), for tests and previews."""
    return [backdrop_plot(), backdrop_digits(), backdrop_plain(), network_costume(), probe_costume(),
            guesser_costume(), clear_button_costume(), pen_costume()]
