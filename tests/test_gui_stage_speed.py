"""The stage draws in pieces that are kept while their numbers stay the same (view/stage.py): a stage
redrawn through training must look exactly like one drawn fresh, a redraw while training must remake
only what changed, and the shapes drawn many to a vertex list must be pyglet's own shapes. Also two
views that were broken: numbers from one input (a curve) and a long sentence's box."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st
from test_gui_stage import example, home  # noqa: F401 - the same example projects and home-folder fixture

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.lab import maps
from gui_harness import open_gui, probe_window

SHOTS = settings(max_examples=25, deadline=None)


def stage_pixels(gui) -> np.ndarray:
    """(h, w, 3) of the stage's part of a fresh screenshot."""
    w, h, data = gui.screenshot()
    shot = np.frombuffer(data, np.uint8).reshape(h, w, 4)[..., :3]
    r = gui.c.regions.stage
    return shot[int(r.y):int(r.top), int(r.x):int(r.x + r.w)].copy()


def drawn_fresh(gui) -> np.ndarray:
    """The stage as a new StageView draws it, with nothing kept from earlier frames."""
    from blockbuilder.view.stage import StageView
    gui.window.stage = StageView()
    gui.window.keys_seen.pop("stage", None)
    return stage_pixels(gui)


@pytest.mark.parametrize("name", ["digits", "spiral"])
def test_a_stage_redrawn_all_through_training_looks_exactly_like_one_drawn_fresh(home, name):
    gui = open_gui(example(name))
    try:
        st_, lab = gui.c.stage_input, gui.window.lab
        st_.toggle_big()
        st_.state.neuron, st_.state.hover = (0, 1), (0, 2)     # look inside one neuron, enlarge another
        if name == "digits":
            for k in range(8):
                st_.pad().paint(0.3 + 0.05 * k, 0.2 + 0.08 * k, None)
        else:
            st_.state.point = lab.train_set.x[3].copy()
        st_.state.changed()
        lab.play()
        for k in range(400):                                   # every frame a rebuild, as at 10 a second
            if k >= 12 and lab.epoch >= 3:                     # ticks train for a time slice: a busy machine
                break                                          # needs more of them for 3 epochs
            lab.tick()
            gui.window.stage.build(st_)
            gui.frame()
        lab.toggle()                                           # pause: texts, buttons and numbers change again
        assert lab.status == "paused" and lab.epoch >= 3
        kept = stage_pixels(gui)
        assert np.array_equal(kept, drawn_fresh(gui))
    finally:
        gui.close()


def test_while_digits_trains_a_redraw_remakes_only_what_changed(home, monkeypatch):
    """The test pictures never change and most texts stay: a redraw after a training step makes almost no
    new label, sprite or shape (the stage used to remake about 84 labels and 500 shapes every time)."""
    import blockbuilder.view.draw as draw
    gui = open_gui(example("digits"))
    try:
        st_, lab = gui.c.stage_input, gui.window.lab
        st_.toggle_big()
        lab.play()
        lab.tick()
        gui.window.stage.build(st_)
        pictures = [k for k in gui.window.stage._pieces["guess_pictures"].keep]
        made, real = [], draw.label
        monkeypatch.setattr(draw, "label", lambda *a, **kw: made.append(a[0]) or real(*a, **kw))
        builds = 0
        while builds < 10 or (lab.epoch < 3 and builds < 400):   # a tick trains for a time slice: a busy
            lab.tick()                                             # machine needs more ticks for 3 epochs
            _, keep = gui.window.stage.build(st_)
            builds += 1
        assert lab.epoch >= 3
        assert gui.window.stage._pieces["guess_pictures"].keep == pictures   # the same sprites, not remade
        assert len(made) <= 2 * builds, made                  # a new tick on the charts' growing axis, at most
        assert len(keep) < 200
    finally:
        gui.close()


def test_numbers_from_one_input_are_drawn_as_a_curve_through_the_points(home):
    """A CSV with one input column and a number to predict: the stage draws the points and the network's
    curve (this drew nothing but a crash before: pyglet's MultiLine cannot take numpy numbers)."""
    xs = np.random.default_rng(1).uniform(-3, 3, 80)
    path = home / "wave.csv"
    path.write_text("x,y\n" + "".join(f"{x:.3f},{np.sin(x):.3f}\n" for x in xs), encoding="utf-8")
    project = example("plane")
    hat = project.scripts[0].blocks[0]
    hat.type, hat.params = "data_csv", {"path": str(path), "label_column": "y", "test_ratio": 20}
    gui = open_gui(project)
    try:
        from blockbuilder.lab.stage_layout import data_kind
        lab = gui.window.lab
        gui.c.stage_input.toggle_big()
        assert data_kind(lab) == "curve"
        for _ in range(5):
            lab.step_epoch()
        gui.frame()
        plot = gui.c.stage_input.layout().panels["plot"]
        box = (plot.x, plot.y, plot.x + plot.w, plot.top)
        assert gui.count_colour(maps.POSITIVE, *box) > 200       # the curve, 3 pixels thick, across the plot
        from blockbuilder.view import theme
        assert gui.count_colour(theme.MUTED, *box) > 64 * 15     # 64 training points, dots of radius 3.5
    finally:
        gui.close()


def test_a_long_sentence_under_the_controls_fits_inside_its_box(home):
    """A learning rate that blows up says so in four lines of Japanese: the box is as tall as they are."""
    from pyglet import shapes

    from blockbuilder.document.project import Block
    project = example("plane")
    project.language = "ja"
    training = next(s for s in project.scripts if s.blocks[0].type == "training_start")
    training.blocks.insert(1, Block(id="opt1", type="training_optimizer", params={"optimizer": "sgd"}))
    next(b for b in training.blocks if b.type == "training_learning_rate").params["learning_rate"] = 10
    gui = open_gui(project)
    try:
        lab = gui.window.lab
        lab.play()
        while lab.status == "running":
            lab.tick()
        gui.frame()
        box, *lines = gui.window.stage._pieces["message"].keep
        assert isinstance(box, shapes.BorderedRectangle) and len(lines) >= 3
        for line in lines:                           # each line (centred on its y) inside the box
            assert box.y + 2 <= line.y - line.font_size * 2 / 3 and line.y + line.font_size * 2 / 3 <= box.y + box.height
    finally:
        gui.close()


# --- the shapes drawn many to one vertex list are pyglet's own ----------------------------------------

@pytest.fixture(scope="module")
def gl():
    """A small hidden window: a GL context to make pyglet shapes in and to draw into."""
    probe_window()
    import pyglet
    window = pyglet.window.Window(240, 240, visible=False, config=pyglet.gl.Config(**gui_harness.GL_CONFIG))
    window.switch_to()
    yield window
    window.close()


coordinate = st.floats(-300, 300, allow_nan=False).map(lambda v: round(v, 3))


def _absolute(shape) -> np.ndarray:
    """A pyglet shape's triangle corners on the screen (they are kept relative to its translation)."""
    return np.array(shape._get_vertices(), float).reshape(-1, 2) + np.array(shape.position[:2], float)


@SHOTS
@given(st.lists(st.tuples(coordinate, coordinate, coordinate, coordinate, st.floats(0.5, 6)), min_size=1, max_size=6))
def test_many_lines_at_once_are_the_triangles_of_pyglets_lines(gl, lines):
    from pyglet import shapes

    from blockbuilder.view.draw import segments
    want = np.concatenate([_absolute(shapes.Line(x0, y0, x1, y1, thickness=t)) for x0, y0, x1, y1, t in lines])
    assert np.allclose(segments(np.array(lines, float)), want, atol=1e-6)


@SHOTS
@given(st.lists(st.tuples(coordinate, coordinate), min_size=2, max_size=12), st.sampled_from([1.0, 2.0, 3.0]))
def test_a_polyline_is_the_triangles_of_pyglets_multiline_with_its_mitred_joints(gl, points, thickness):
    from pyglet import shapes

    from blockbuilder.view.draw import polyline
    d = np.diff(np.array(points, float), axis=0)
    d = d / np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-300)[:, None]
    # A joint that turns straight back has no miter: the sum of its two normals is float noise, in which both
    # pyglet and polyline find an arbitrary direction (polyline: half the thickness, see its docstring).
    assume(np.all(np.einsum("ij,ij->i", d[:-1], d[1:]) > -1 + 1e-9))
    want = _absolute(shapes.MultiLine(*points, thickness=thickness))
    assert np.allclose(polyline(np.array(points, float), thickness), want, atol=1e-6)


@SHOTS
@given(st.lists(st.tuples(st.floats(20, 220), st.floats(20, 220), st.floats(1, 17)), min_size=1, max_size=5))
def test_discs_cover_the_pixels_within_their_radius_later_ones_over_earlier_ones(gl, circles):
    """The data plot's points (view/draw.py discs): a pixel takes the colour of the last disc whose radius
    reaches its centre (up to float rounding on the rim), the others stay as they were."""
    import pyglet
    from pyglet.graphics import Batch

    from blockbuilder.view.draw import discs
    colours = np.array([(40 * k + 20, 200 - 30 * k, 90) for k in range(len(circles))], np.uint8)
    gl.switch_to()
    pyglet.gl.glClearColor(1, 1, 1, 1)
    gl.clear()
    batch = Batch()
    keep = discs(np.array([c[:2] for c in circles], float), np.array([c[2] for c in circles], float), colours,
                 batch, None)   # noqa: F841 - alive until drawn
    batch.draw()
    buf = pyglet.image.get_buffer_manager().get_color_buffer().get_image_data()
    got = np.frombuffer(buf.get_data("RGBA", buf.width * 4), np.uint8).reshape(buf.height, buf.width, 4)[..., :3]
    want = np.full_like(got, 255)
    rim = np.zeros(got.shape[:2], bool)
    ys, xs = np.mgrid[0:got.shape[0], 0:got.shape[1]] + 0.5     # pixel centres
    for (x, y, r), colour in zip(circles, colours):
        d = (xs - x) ** 2 + (ys - y) ** 2 - r * r
        want[d < 0] = colour
        rim |= np.abs(d) < 1e-3 * r * r
    differ = np.any(got != want, axis=2)
    assert not (differ & ~rim).any(), np.argwhere(differ & ~rim)[:5]


eighths = st.integers(0, 7).map(lambda k: k / 8)


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 10), st.integers(24, 160).map(lambda k: k / 8), eighths, eighths, st.integers(0, 2 ** 32 - 1))
def test_the_confusion_picture_has_the_pixels_of_one_rectangle_per_cell(gl, n, side, fx, fy, seed):
    """Drawn on the screen, the one picture and n x n rectangles (side - 1 wide, row 0 at the top) agree,
    edges through pixel centres included. (In eighths of a pixel, so that GL's float32 sees the same edges.)"""
    import pyglet
    from pyglet import shapes
    from pyglet.graphics import Batch

    from blockbuilder.editor.screen import Rect
    from blockbuilder.view.draw import cells_picture, image
    from blockbuilder.view.stage_charts import _confusion_colours
    ox, oy = 10 + fx, 10 + fy
    shade = np.random.default_rng(seed).integers(55, 256, (n, n)).astype(np.uint8)
    colours = _confusion_colours(shade)

    def drawn(fill) -> np.ndarray:
        gl.switch_to()
        pyglet.gl.glClearColor(1, 1, 1, 1)
        gl.clear()
        batch = Batch()
        keep = fill(batch)   # noqa: F841 - alive until drawn
        batch.draw()
        buf = pyglet.image.get_buffer_manager().get_color_buffer().get_image_data()
        return np.frombuffer(buf.get_data("RGBA", buf.width * 4), np.uint8).reshape(buf.height, buf.width, 4)[..., :3]

    def rectangles(batch):
        return [shapes.Rectangle(ox + c * side, oy + (n - r - 1) * side, side - 1, side - 1,
                                 color=tuple(int(v) for v in colours[r, c]), batch=batch)
                for r in range(n) for c in range(n)]

    def picture(batch):
        x, y, rgba = cells_picture(colours, ox, oy, side)
        return [image(rgba, Rect(x, y, rgba.shape[1], rgba.shape[0]), batch, None)]
    assert np.array_equal(drawn(rectangles), drawn(picture))
