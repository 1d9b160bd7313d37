"""The window on a school laptop: its size fits the screen and is remembered, it honours the screen's scale,
it draws nothing while nothing changes, a zoom is spread over frames in the running app, and what it draws is
kept between frames and drawn again only where it changed, to the same pixels."""
from __future__ import annotations

import json

import pytest

from gui_harness import open_gui, probe_window  # noqa: I001 - chooses pyglet's backend before the app

from blockbuilder.document.settings import SETTINGS_FILE, Settings, save_settings


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path))
    monkeypatch.delenv("BLOCKBUILDER_SCREEN", raising=False)
    monkeypatch.delenv("BLOCKBUILDER_SCALE", raising=False)
    return tmp_path


# --- the size ---------------------------------------------------------------------------

@pytest.mark.parametrize("screen, size", [((1366, 768), (1280, 668)), ((1024, 600), (1024, 600)),
                                          ((1920, 1080), (1280, 800)), ((1280, 720), (1200, 620))])
def test_a_first_start_fits_the_screen_less_its_taskbar_and_title_bar(screen, size):
    from blockbuilder.view.window import fit_size
    assert fit_size(screen) == size


def test_a_remembered_size_is_shrunk_to_a_smaller_screen_and_never_below_the_minimum():
    from blockbuilder.view.window import MIN_HEIGHT, MIN_WIDTH, fit_size
    assert fit_size((1920, 1080), (1500, 900)) == (1500, 900)
    assert fit_size((1366, 768), (1500, 900)) == (1286, 668)
    assert fit_size((1920, 1080), (300, 200)) == (MIN_WIDTH, MIN_HEIGHT)


def open_app(monkeypatch, screen: str, scale: str | None = None):
    """The window as `blockbuilder` opens it (make_window without a size) on a simulated screen."""
    probe_window()
    from blockbuilder.app import make_window
    monkeypatch.setenv("BLOCKBUILDER_SCREEN", screen)
    if scale:
        monkeypatch.setenv("BLOCKBUILDER_SCALE", scale)
    window = make_window(visible=False)
    window.dispatch_events()    # pyglet's own first on_resize
    return window


def test_the_window_opens_to_fit_a_1366x768_laptop_and_remembers_its_size_for_the_next_start(home, monkeypatch):
    window = open_app(monkeypatch, "1366x768")
    assert window.get_size() == (1280, 668)
    assert (window.c.width, window.c.height) == (1280, 668)
    window.dispatch_event("on_resize", 1100, 640)      # the person makes it smaller
    window.dispatch_events()
    window.dispatch_event("on_close")
    window.dispatch_events()
    saved = json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert (saved["window_width"], saved["window_height"]) == (1100, 640)
    window.close_now()
    again = open_app(monkeypatch, "1366x768")
    assert again.get_size() == (1100, 640)
    again.close_now()


def test_a_size_remembered_on_a_big_screen_is_clamped_on_a_small_one(home, monkeypatch):
    save_settings(Settings(window_width=1800, window_height=1000))
    window = open_app(monkeypatch, "1024x600")
    assert window.get_size() == (1024, 600)
    window.close_now()


def test_a_resize_is_saved_once_it_settles_without_closing(home, monkeypatch):
    window = open_app(monkeypatch, "1920x1080")
    window.dispatch_event("on_resize", 1200, 700)
    window.dispatch_events()
    window._resized_at -= 1.0                          # the resize settled a second ago
    window.update(1 / 60)
    saved = json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert (saved["window_width"], saved["window_height"]) == (1200, 700)
    window.close_now()


# --- the scale (HiDPI) --------------------------------------------------------------------

def test_on_a_2x_screen_everything_is_drawn_twice_as_big_and_the_pointer_lands_where_it_points(home, monkeypatch):
    one = open_gui()
    two_window = open_app(monkeypatch, "3840x2160", scale="2")
    from gui_harness import Gui
    two = Gui(two_window)
    two.frame()
    assert two_window.get_size() == (2560, 1600)       # 1280 x 800 window units, in pixels
    assert (two.c.width, two.c.height) == (1280, 800)
    fb = two_window.get_framebuffer_size()
    assert fb == (2560, 1600)
    for name in ("categories", "flyout", "code", "stage", "toolbar"):
        assert getattr(two.c.regions, name) == getattr(one.c.regions, name)
    # the same picture, each window unit two pixels wide: a block's body, the code area, the stage
    block = one.project.scripts[0].blocks[0].id
    x, y = one.block_point(block)
    assert two.pixel(2 * x, 2 * y) == one.pixel(x, y)
    code = one.c.regions.code
    cx, cy = code.x + code.w - 80, code.y + 300        # right in the code area: the scissor is in pixels
    assert two.pixel(2 * cx + 1, 2 * cy + 1) == one.pixel(cx, cy)
    # a click in pixels lands on the block in window units
    two.click(2 * x, 2 * y)
    assert two.editor.selection == block
    one.close()
    two.close()


# --- drawing only when something changed ----------------------------------------------------

def test_at_rest_the_clock_tick_draws_nothing_and_an_edit_or_a_drag_draws_one_frame(home):
    gui = open_gui()
    w = gui.window
    for _ in range(3):
        w.update(1 / 60)
    frames = w.frames
    for _ in range(30):                                 # half a second at rest
        w.update(1 / 60)
    assert w.frames == frames
    gui.c.zoom_at(700, 400, 1)                          # a key changes: one frame
    w.update(1 / 60)
    w.update(1 / 60)
    assert w.frames == frames + 1
    block = gui.project.scripts[0].blocks[-1].id
    gui.press(*gui.block_point(block))
    gui.drag_along(gui.pointer, (gui.pointer[0] + 30, gui.pointer[1] - 30), steps=2)
    w.update(1 / 60)
    assert w.frames == frames + 2
    gui.close()


def many_scripts():
    """Eight network stacks of six blocks, zoomed out so that all are in view."""
    from blockbuilder.document.project import Block, Project, Script, View
    scripts = []
    for s in range(8):
        blocks = [Block(id=f"d{s}", type="data_circle")]
        blocks += [Block(id=f"l{s}_{k}", type="layers_dense", params={"units": 4 + k}) for k in range(4)]
        blocks.append(Block(id=f"o{s}", type="output_classify"))
        scripts.append(Script(x=40 + 560 * (s % 2), y=40 + 420 * (s // 2), blocks=blocks))
    return Project(name="many", language="ja", scripts=scripts, view=View(zoom=0.5))


def test_in_the_running_app_a_zoom_draws_the_old_blocks_scaled_then_builds_them_over_frames_to_the_same_picture(home):
    gui = open_gui(many_scripts())
    w = gui.window
    w.budget = 0.0                                      # no time to build: everything waits a frame or more
    r = gui.c.regions.code
    gui.c.zoom_at(r.x + r.w / 2, r.y + r.h / 2, 1)
    for _ in range(5):                                  # other layers may take the first frames
        gui.frame()
        work = w._layers["work"][0]
        if work.zoom == gui.editor.camera.zoom:
            break
    assert work.pending and w.stale()
    scaled = [lazy for lazy, _ in work.batches if lazy.batch is None and lazy.stale is not None]
    assert scaled, "no script waited for its turn"
    for _ in range(60):
        if not w.stale():
            break
        gui.frame()
    assert not w.stale()
    settled = gui.screenshot()
    w.budget = None
    w._script_cache.clear()
    w.keys_seen.pop("work")
    assert gui.screenshot() == settled                 # built over frames = built at once
    gui.close()


def test_in_the_running_app_a_language_switch_is_spread_over_frames_and_ends_as_one_built_at_once(home):
    gui = open_gui(many_scripts())
    w = gui.window
    w.budget = 0.0
    gui.c.actions["lang:en"]()
    gui.frame()
    assert w.stale(), "everything was rebuilt in one frame"
    for _ in range(200):
        if not w.stale():
            break
        gui.frame()
    assert not w.stale()
    assert "layer of" in " ".join(gui.label_texts(["work"])) and "Data" in gui.label_texts(["palette"])
    settled = gui.screenshot()
    w.budget = None
    w.keys_seen.clear()
    w._script_cache.clear()
    assert gui.screenshot() == settled
    gui.close()


# --- the picture kept between frames (view/kept.py) ------------------------------------------

def drawn_straight(gui) -> bytes:
    """The window's layers drawn one over the other straight into the window, as they stand (nothing built,
    nothing kept): what the picture must be. RGBA bytes, rows bottom-up."""
    import pyglet
    w = gui.window
    w.switch_to()
    for name in ("back", "work", "palette", "chrome", "stage", "drag", "over"):
        w._layers[name][0].draw()
    buf = pyglet.image.get_buffer_manager().get_color_buffer().get_image_data()
    data = buf.get_data("RGBA", buf.width * 4)
    w.flip()
    return bytes(data)


def shown(gui) -> bytes:
    """A frame as the window draws it (regions copied from the kept picture or drawn again), RGBA bytes."""
    import pyglet
    w = gui.window
    w.switch_to()
    w.dispatch_events()
    w.on_draw()
    buf = pyglet.image.get_buffer_manager().get_color_buffer().get_image_data()
    data = buf.get_data("RGBA", buf.width * 4)
    w.flip()
    gui.check()
    return bytes(data)


def rgb_only(data: bytes) -> bytes:
    """The colours without the alpha channel (which the screen does not show)."""
    opaque = bytearray(data)
    opaque[3::4] = b"\xff" * (len(opaque) // 4)
    return bytes(opaque)


@pytest.mark.parametrize("scale", [None, "1.5"])
def test_a_field_typed_into_is_drawn_anew_while_the_rest_of_the_window_is_copied_from_the_kept_picture(
        home, monkeypatch, scale):
    from gui_harness import Gui
    gui = Gui(open_app(monkeypatch, "1920x1080", scale=scale))
    gui.frame()
    block = gui.project.scripts[0].blocks[1].id
    before = shown(gui)
    assert shown(gui) == before                          # nothing changed: the same picture, copied
    s, (fw, _) = gui.window.ui_scale, gui.window.get_framebuffer_size()
    x, y = gui.field_point(block, "units")
    gui.click(x * s, y * s)                              # pointer positions are pixels
    gui.type("9")
    gui.key(gui.K.ENTER)
    assert gui.project.scripts[0].blocks[1].params["units"] == 9
    after = shown(gui)
    row = int(y * s) * fw * 4                            # the field's row of pixels: its number changed
    assert after[row:row + fw * 4] != before[row:row + fw * 4]
    assert rgb_only(after) == rgb_only(drawn_straight(gui))
    gui.editor.camera.x += 37.5                          # a pan: the code area drawn again, the rest copied
    assert rgb_only(shown(gui)) == rgb_only(drawn_straight(gui))
    gui.close()


def test_every_frame_of_a_zoom_a_language_switch_a_drag_and_a_bigger_stage_shows_what_the_layers_draw(home):
    gui = open_gui(many_scripts())
    w, c = gui.window, gui.c
    w.budget = 0.0                                       # a piece a frame: many frames, each one drawn in part
    frames = []

    def frame() -> None:
        """The frame, what the layers draw straight, and whether every layer is built for what it shows now
        (right after the stage grows, a layer not rebuilt yet still draws where the old regions were)."""
        picture = shown(gui)
        frames.append((picture, drawn_straight(gui), w._keys() == w.keys_seen))

    def settle(limit: int = 400) -> None:
        frame()
        while w.stale() and limit:
            frame()
            limit -= 1

    r = c.regions.code
    c.zoom_at(r.x + r.w / 2, r.y + r.h / 2, 1)
    settle()
    c.actions["lang:en"]()
    settle()
    gui.press(*gui.block_point("l0_1"))
    for _ in range(7):                                   # across the other stacks: snap places come and go
        gui.move(gui.pointer[0] + 40, gui.pointer[1] - 25)
        frame()
    gui.release()
    settle()
    for _ in range(2):                                   # the stage bigger, then back: every region moves
        c.actions["stage_big"]()
        settle()
    gui.resize(1100, 640)                                # headless: the framebuffer keeps its size, nothing kept
    settle()
    assert len(frames) > 30 and sum(not current for _, _, current in frames) < len(frames) / 4
    bad = [i for i, (a, b, current) in enumerate(frames) if current and rgb_only(a) != rgb_only(b)]
    assert not bad, f"{len(bad)} of {len(frames)} frames differ from the layers drawn straight, first {bad[0]}"
    gui.close()


def test_a_sketch_draws_the_same_pixels_as_pyglets_own_shapes_and_labels(home):
    """Blocks are drawn many shapes and words to a vertex list (view/draw.py Sketch): pixel for pixel what a
    pyglet Polygon, closed MultiLine, RoundedRectangle and Label draw, overlapping, at fractional places."""
    probe_window()
    import pyglet
    from pyglet import shapes
    from pyglet.graphics import Batch, Group

    from blockbuilder.view.draw import Sketch
    from blockbuilder.view.fonts import FONT_NAME, register
    from gui_harness import GL_CONFIG
    register()
    window = pyglet.window.Window(320, 200, visible=False, config=pyglet.gl.Config(**GL_CONFIG))
    groups = [Group(k) for k in range(3)]
    own, keep, sketched = Batch(), [], Batch()
    sketch = Sketch(sketched)
    for k in range(6):
        x, y, z = 7.3 + 50.25 * k, 150.6 - 23.5 * k, 0.5 + 0.125 * k
        pts = [(x, y), (x + 10 * z, y + 9 * z), (x + 60 * z, y + 9 * z), (x + 64 * z, y - 3 * z), (x + 2, y - 30 * z)]
        keep.append(shapes.Polygon(*pts, color=(200, 120 + k, 40), batch=own, group=groups[0]))
        keep.append(shapes.MultiLine(*pts, closed=True, thickness=1.5 * z, color=(90, 60, k), batch=own,
                                     group=groups[0]))
        keep.append(shapes.RoundedRectangle(x + 4, y - 20 * z, 40 * z, 14 * z, radius=7 * z, color=(255, 255, 255),
                                            batch=own, group=groups[1]))
        keep.append(pyglet.text.Label(f"ニューロン {k} ▼", font_name=FONT_NAME, font_size=13 * z, x=x + 5,
                                      y=y - 8 * z, anchor_y="center", color=(20, 30, 40 + k, 255), batch=own,
                                      group=groups[2]))
        sketch.polygon(pts, (200, 120 + k, 40), groups[0])
        sketch.closed_line(pts, 1.5 * z, (90, 60, k), groups[0])
        sketch.rounded_rectangle(x + 4, y - 20 * z, 40 * z, 14 * z, 7 * z, (255, 255, 255), groups[1])
        assert sketch.text(f"ニューロン {k} ▼", x + 5, y - 8 * z, (20, 30, 40 + k, 255), 13 * z, "left",
                           groups[2]).text == f"ニューロン {k} ▼"
    keep += sketch.finish()

    def picture(batch) -> bytes:
        window.switch_to()
        pyglet.gl.glClearColor(0.9, 0.9, 0.95, 1.0)
        window.clear()
        batch.draw()
        buf = pyglet.image.get_buffer_manager().get_color_buffer().get_image_data()
        data = bytes(buf.get_data("RGBA", buf.width * 4))
        window.flip()
        return data
    assert picture(sketched) == picture(own)
    window.close()


def test_a_drag_preview_lays_out_anew_only_the_scripts_it_changes_and_gets_the_same_boxes(home):
    from blockbuilder.editor.layout import layout_project
    gui = open_gui(many_scripts())
    e = gui.editor
    gui.press(*gui.block_point("l0_1"))
    changed = 0
    for k in range(12):                                  # over the stacks: the preview changes one or two of them
        gui.move(gui.pointer[0] + 30, gui.pointer[1] - 20)
        project, _ = e.preview()
        if project is e.project:
            continue
        mine, fresh = gui.window._preview_layout(project), layout_project(project, e.lang, e.measure)
        assert [(sb.index, sb.x, sb.y, sb.w, sb.h, sb.blocks) for sb in mine] == \
               [(sb.index, sb.x, sb.y, sb.w, sb.h, sb.blocks) for sb in fresh]
        changed += sum(a is not b for a, b in zip(mine, e.layout()))
    assert 0 < changed < 12 * len(e.project.scripts) / 2
    gui.release()
    gui.close()
