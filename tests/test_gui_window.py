"""The window on a school laptop: its size fits the screen and is remembered, it honours the screen's scale,
it draws nothing while nothing changes, and a zoom is spread over frames in the running app."""
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
