"""Checks on the hand-drawn SVG costumes: valid, self-contained, safe for Scratch, and drawn where promised."""
from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from sb3_export import assets

SVG_NS = "http://www.w3.org/2000/svg"
NS = "{" + SVG_NS + "}"
ALLOWED_TAGS = {"svg", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path"}
SPRITES = [assets.network_costume, assets.probe_costume, assets.guesser_costume,
           assets.clear_button_costume, assets.pen_costume, lambda: assets.marker_costume("#FF8C1A")]
BACKDROPS = [assets.backdrop_plot, assets.backdrop_digits, assets.backdrop_plain]


def every_costume() -> list[assets.Costume]:
    """All fixed costumes plus a couple of markers."""
    return assets.ALL_COSTUMES() + [assets.marker_costume("#4C97FF"), assets.marker_costume("#ff8c1a")]


def root_of(c: assets.Costume) -> ET.Element:
    """Parse a costume's SVG (from its bytes, as Scratch gets them)."""
    return ET.fromstring(assets.svg_bytes(c))


def local(el: ET.Element) -> str:
    """Tag name without the namespace."""
    return el.tag.split("}", 1)[-1]


def size_of(root: ET.Element) -> tuple[int, int]:
    """Integer width and height of an svg root."""
    return int(root.get("width")), int(root.get("height"))


def leaves_with_stroke(root: ET.Element):
    """Yield (element, stroke width or 0) for every drawn shape, honouring stroke set on a <g>."""
    def walk(el, stroke, width):
        stroke = el.get("stroke", stroke)
        width = float(el.get("stroke-width", width))
        if local(el) in ("svg", "g"):
            for ch in el:
                yield from walk(ch, stroke, width)
        else:
            yield el, (0.0 if stroke in (None, "none") else width)
    yield from walk(root, None, 1.0)


def bbox(el: ET.Element, stroke: float) -> tuple[float, float, float, float]:
    """Axis-aligned bounds of a shape including half its stroke."""
    f = lambda k: float(el.get(k, 0))  # noqa: E731
    tag, h = local(el), stroke / 2
    if tag == "circle":
        return f("cx") - f("r") - h, f("cy") - f("r") - h, f("cx") + f("r") + h, f("cy") + f("r") + h
    if tag == "ellipse":
        return f("cx") - f("rx") - h, f("cy") - f("ry") - h, f("cx") + f("rx") + h, f("cy") + f("ry") + h
    if tag == "rect":
        return f("x") - h, f("y") - h, f("x") + f("width") + h, f("y") + f("height") + h
    if tag == "line":
        xs, ys = (f("x1"), f("x2")), (f("y1"), f("y2"))
    elif tag in ("polygon", "polyline"):
        nums = [float(v) for v in re.split(r"[\s,]+", el.get("points").strip())]
        xs, ys = nums[::2], nums[1::2]
    else:  # path: control points bound the curve
        nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", el.get("d"))]
        xs, ys = nums[::2], nums[1::2]
    return min(xs) - h, min(ys) - h, max(xs) + h, max(ys) + h


def group(root: ET.Element, gid: str) -> ET.Element:
    """The <g> with the given id."""
    found = [g for g in root.iter(NS + "g") if g.get("id") == gid]
    assert len(found) == 1, f"expected one <g id={gid!r}>"
    return found[0]


def line_coords(el: ET.Element) -> tuple[float, float, float, float]:
    """x1, y1, x2, y2 of a <line>."""
    return tuple(float(el.get(k)) for k in ("x1", "y1", "x2", "y2"))


# --- every costume -------------------------------------------------------------------------------

@pytest.mark.parametrize("costume", every_costume(), ids=lambda c: c.name)
def test_is_a_well_formed_svg_with_consistent_size(costume):
    root = root_of(costume)
    assert root.tag == NS + "svg"
    assert costume.svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert re.fullmatch(r"\d+", root.get("width")) and re.fullmatch(r"\d+", root.get("height"))
    w, h = size_of(root)
    assert w > 0 and h > 0
    assert [float(v) for v in root.get("viewBox").split()] == [0, 0, w, h]


@pytest.mark.parametrize("costume", every_costume(), ids=lambda c: c.name)
def test_center_lies_inside_the_image(costume):
    w, h = size_of(root_of(costume))
    cx, cy = costume.center
    assert isinstance(cx, float) and isinstance(cy, float)
    assert 0 <= cx <= w and 0 <= cy <= h


@pytest.mark.parametrize("costume", every_costume(), ids=lambda c: c.name)
def test_uses_only_plain_shapes_and_nothing_external(costume):
    root = root_of(costume)
    for el in root.iter():
        assert el.tag.startswith(NS), f"element outside the SVG namespace: {el.tag}"
        assert local(el) in ALLOWED_TAGS, f"unexpected <{local(el)}>"
        for name, value in el.attrib.items():
            assert "href" not in name.lower()
            assert name not in ("style", "transform", "filter", "mask", "clip-path")
            assert "url(" not in value and "://" not in value
        assert not (el.text or "").strip(), "no character data anywhere (no text in the picture)"
    for bad in ("<text", "<image", "<script", "<foreignObject", "<use", "<style"):
        assert bad not in costume.svg


@pytest.mark.parametrize("costume", every_costume(), ids=lambda c: c.name)
def test_colours_are_plain_hex_or_none(costume):
    for el in root_of(costume).iter():
        for key in ("fill", "stroke"):
            value = el.get(key)
            if value is not None:
                assert value == "none" or re.fullmatch(r"#[0-9A-Fa-f]{6}", value), value
        for key in ("fill-opacity", "stroke-opacity", "opacity"):
            if el.get(key) is not None:
                assert 0 < float(el.get(key)) <= 1


@pytest.mark.parametrize("costume", every_costume(), ids=lambda c: c.name)
def test_draws_something(costume):
    shapes = [el for el, _ in leaves_with_stroke(root_of(costume))]
    assert shapes, "an empty costume would be invisible and unclickable"


@pytest.mark.parametrize("make", SPRITES)
def test_sprite_shapes_stay_inside_the_canvas(make):
    costume = make()
    root = root_of(costume)
    w, h = size_of(root)
    for el, stroke in leaves_with_stroke(root):
        x0, y0, x1, y1 = bbox(el, stroke)
        assert x0 >= -0.01 and y0 >= -0.01 and x1 <= w + 0.01 and y1 <= h + 0.01, (costume.name, el.attrib)


def test_names_are_unique_and_id_like():
    names = [c.name for c in every_costume()]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


def test_all_costumes_lists_every_fixed_costume_once():
    names = [c.name for c in assets.ALL_COSTUMES()]
    expected = [f().name for f in BACKDROPS + SPRITES[:-1]]
    assert sorted(names) == sorted(expected)
    assert not any(n.startswith("marker") for n in names)


def test_svg_bytes_is_utf8_of_the_svg():
    c = assets.guesser_costume()
    assert assets.svg_bytes(c) == c.svg.encode("utf-8")
    assert isinstance(assets.svg_bytes(c), bytes)


def test_costume_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        assets.probe_costume().name = "x"


def test_costumes_are_deterministic():
    assert [c.svg for c in assets.ALL_COSTUMES()] == [c.svg for c in assets.ALL_COSTUMES()]


# --- backdrops -----------------------------------------------------------------------------------

@pytest.mark.parametrize("make", BACKDROPS)
def test_backdrops_fill_the_stage(make):
    c = make()
    root = root_of(c)
    assert size_of(root) == (480, 360)
    assert c.center == (240.0, 180.0)
    first = next(iter(root))
    assert local(first) == "rect" and bbox(first, 0) == (0, 0, 480, 360), "first shape paints the background"
    assert first.get("fill") not in (None, "none")


def test_plot_has_a_40px_grid_through_the_centre_and_axes():
    root = root_of(assets.backdrop_plot())
    grid = [line_coords(el) for el in group(root, "grid")]
    xs = sorted(x1 for x1, y1, x2, y2 in grid if x1 == x2)
    ys = sorted(y1 for x1, y1, x2, y2 in grid if y1 == y2)
    assert xs == [float(x) for x in range(0, 481, 40)]
    assert ys == [float(y) for y in range(20, 360, 40)]
    assert 240.0 in xs and 180.0 in ys
    axes = [line_coords(el) for el in group(root, "axes")]
    assert (0, 180, 480, 180) in axes and (240, 0, 240, 360) in axes
    grid_g, axes_g = group(root, "grid"), group(root, "axes")
    assert float(axes_g.get("stroke-width")) > float(grid_g.get("stroke-width"))
    assert _luminance(axes_g.get("stroke")) < _luminance(grid_g.get("stroke")), "axes are darker than the grid"


def _luminance(hex_colour: str) -> float:
    """Rough brightness 0..1 of a #rrggbb colour."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


def test_digits_drawing_area_has_an_8x8_grid_at_the_promised_place():
    root = root_of(assets.backdrop_digits())
    lines = [line_coords(el) for el in group(root, "digit-grid")]
    vertical = sorted(l for l in lines if l[0] == l[2])
    horizontal = sorted(l for l in lines if l[1] == l[3])
    assert len(vertical) + len(horizontal) == len(lines)
    assert vertical == [(x, 60.0, x, 300.0) for x in map(float, range(40, 281, 30))]
    assert horizontal == [(40.0, y, 280.0, y) for y in map(float, range(60, 301, 30))]
    assert assets.DIGIT_AREA == (40, 60, 280, 300) and assets.DIGIT_CELLS * assets.DIGIT_CELL == 240


def test_digits_area_in_stage_coordinates():
    x0, y0, x1, y1 = assets.DIGIT_AREA
    cx, cy = assets.backdrop_digits().center
    assert (x0 - cx, x1 - cx) == (-200, 40)
    assert (cy - y1, cy - y0) == (-120, 120)


def test_digits_area_is_white_and_uncluttered():
    root = root_of(assets.backdrop_digits())
    x0, y0, x1, y1 = assets.DIGIT_AREA
    paper = [el for el in root.iter(NS + "rect") if bbox(el, 0) == (x0, y0, x1, y1)]
    assert paper and paper[0].get("fill") == "#FFFFFF"
    grid = set(group(root, "digit-grid"))
    for el, stroke in leaves_with_stroke(root):
        if el in grid or local(el) == "rect":
            continue  # rects are the background, frame, paper and panel
        bx0, by0, bx1, by1 = bbox(el, stroke)
        overlaps = bx0 < x1 and bx1 > x0 and by0 < y1 and by1 > y0
        assert not overlaps, f"decoration over the drawing area: {el.attrib}"


def test_digits_backdrop_has_a_panel_on_the_right():
    root = root_of(assets.backdrop_digits())
    panels = [bbox(el, 0) for el in root.iter(NS + "rect")
              if 290 <= float(el.get("x")) <= 320 and float(el.get("width")) >= 140]
    assert panels
    for px0, _, px1, _ in panels:
        assert px0 >= 290 and px1 <= 475


# --- sprites -------------------------------------------------------------------------------------

def test_probe_centre_is_the_crosshair_centre():
    c = assets.probe_costume()
    root = root_of(c)
    cx, cy = c.center
    assert (cx, cy) == (18.0, 18.0) and size_of(root) == (36, 36)
    arms = [line_coords(el) for el in group(root, "cross")]
    assert len(arms) == 4
    for x1, y1, x2, y2 in arms:
        assert (x1 == x2 == cx) or (y1 == y2 == cy), "every arm lies on a line through the centre"
    horizontal = sorted(x for x1, y1, x2, y2 in arms if y1 == y2 for x in (x1, x2))
    vertical = sorted(y for x1, y1, x2, y2 in arms if x1 == x2 for y in (y1, y2))
    assert horizontal[0] + horizontal[-1] == 2 * cx and vertical[0] + vertical[-1] == 2 * cy, "symmetric"
    circles = list(root.iter(NS + "circle"))
    assert circles and all((float(e.get("cx")), float(e.get("cy"))) == (cx, cy) for e in circles)


def test_probe_has_a_dark_outline_and_a_bright_fill():
    root = root_of(assets.probe_costume())
    strokes = {el.get("stroke") for el in root.iter() if el.get("stroke") not in (None, "none")}
    assert min(map(_luminance, strokes)) < 0.25 and max(map(_luminance, strokes)) > 0.7


def test_network_icon_has_2_3_2_nodes_joined_by_lines():
    c = assets.network_costume()
    root = root_of(c)
    assert c.center == (32.0, 24.0) and size_of(root) == (64, 48)
    nodes = list(root.iter(NS + "circle"))
    columns: dict[float, int] = {}
    for n in nodes:
        columns[float(n.get("cx"))] = columns.get(float(n.get("cx")), 0) + 1
        assert n.get("fill") == "#FFFFFF" and n.get("stroke") not in (None, "none")
    assert [columns[x] for x in sorted(columns)] == [2, 3, 2]
    assert len(list(root.iter(NS + "line"))) == 2 * 3 + 3 * 2
    assert len({n.get("stroke") for n in nodes}) == 3, "each layer has its own colour"


def test_guesser_robot_is_about_90_by_100_and_centred():
    c = assets.guesser_costume()
    w, h = size_of(root_of(c))
    assert (w, h) == (90, 100)
    assert abs(c.center[0] - w / 2) <= 5 and abs(c.center[1] - h / 2) <= 10
    assert len(list(root_of(c).iter(NS + "path"))) >= 1  # the smile


def test_clear_button_is_centred():
    c = assets.clear_button_costume()
    assert size_of(root_of(c)) == (100, 40) and c.center == (50.0, 20.0)


def test_pen_costume_is_a_tiny_nearly_invisible_dot():
    c = assets.pen_costume()
    root = root_of(c)
    assert size_of(root) == (2, 2) and c.center == (1.0, 1.0)
    shapes = [el for el, _ in leaves_with_stroke(root)]
    assert len(shapes) == 1 and float(shapes[0].get("fill-opacity")) <= 0.05


@pytest.mark.parametrize("colour", ["#4C97FF", "#ff8c1a", "#000000"])
def test_marker_uses_the_given_colour(colour):
    c = assets.marker_costume(colour)
    root = root_of(c)
    assert size_of(root) == (14, 14) and c.center == (7.0, 7.0)
    dots = [el for el in root.iter(NS + "circle") if el.get("fill") == colour]
    assert len(dots) == 1
    dot = dots[0]
    assert (float(dot.get("cx")), float(dot.get("cy"))) == (7.0, 7.0)
    # the colour fills the dot up to a thin rim (a thick white border made the points look like rings)
    colour_radius = float(dot.get("r")) - float(dot.get("stroke-width") or 0) / 2
    assert colour_radius >= 5.5


def test_markers_of_different_colours_have_different_names():
    assert assets.marker_costume("#FF0000").name != assets.marker_costume("#00FF00").name
    assert assets.marker_costume("#ABCDEF").name == assets.marker_costume("#abcdef").name


@pytest.mark.parametrize("bad", ["red", "#fff", "#12345G", "#000000\n", '#000000" onload="x', "", None])
def test_marker_rejects_anything_but_rrggbb(bad):
    with pytest.raises(ValueError):
        assets.marker_costume(bad)
