"""The editor window driven like a person drives it: real pyglet events into a real window, and what it
then holds and draws. Every test gets a fresh window (about 0.1 s) on the starter example, with
BLOCKBUILDER_HOME in a temporary folder so that nothing touches the real home folder."""
from __future__ import annotations

import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.document.catalog import BLOCK_TYPES, CATEGORY_COLOURS
from blockbuilder.document.edits import find, walk
from blockbuilder.editor.layout import ROW
from blockbuilder.texts import msg
from blockbuilder.view.theme import TOOLBAR
from gui_harness import HEIGHT, WIDTH, open_gui, rgb

LANGS = ("ja", "ja-Hira", "en")
YELLOW, BLUE, GREEN, PINK = (rgb(CATEGORY_COLOURS[c][0]) for c in ("data", "layers", "output", "training"))


def ids(project) -> list[list[str]]:
    return [[b.id for b in s.blocks] for s in project.scripts]


def block(project, block_id):
    addr = find(project, block_id)
    assert addr is not None, f"{block_id!r} is not in the project"
    blocks = project.scripts[addr[0]].blocks
    for i in addr[1:-1]:
        blocks = blocks[i].children
    return blocks[addr[-1]]


def dump(gui):
    return gui.project.model_dump()


def shown(gui, layer: str) -> str:
    """Everything a layer says, its labels joined: a bubble draws its wrapped text one label a line, so a
    sentence (without the spaces a break takes) is a part of this."""
    return "".join(text.replace("\n", "") for text in gui.label_texts([layer]))


# --- the harness itself ------------------------------------------------------------------------

def test_events_queued_on_the_window_reach_the_controller_when_the_window_dispatches_them(gui):
    gui.window.dispatch_event("on_mouse_motion", 600, 400, 0, 0)
    assert gui.c.pointer != (600, 400)          # outside pyglet.app.run, dispatch_event only queues
    gui.window.dispatch_events()
    assert gui.c.pointer == (600, 400)
    gui.click(*gui.block_point("hidden"))
    assert gui.editor.selection == "hidden"


# --- what the window shows at start --------------------------------------------------------------

def test_the_window_opens_on_the_starter_example_and_draws_it(gui):
    assert gui.project.scripts[0].blocks[0].type == "data_gate"
    w, h, data = gui.screenshot()
    assert (w, h) == (WIDTH, HEIGHT) and len(data) == w * h * 4
    assert gui.pixel(*gui.block_point("data")) == YELLOW           # the network's hat
    assert gui.pixel(*gui.block_point("hidden")) == BLUE
    assert gui.pixel(*gui.block_point("answer")) == GREEN
    assert gui.pixel(*gui.block_point("training")) == PINK
    assert gui.pixel(5, HEIGHT - 3) == rgb(TOOLBAR)                 # the toolbar
    assert msg("tool_undo").text("ja") in gui.label_texts(["chrome"])


# --- dragging blocks -----------------------------------------------------------------------------

def test_dragging_a_block_from_the_palette_into_the_code_area_creates_it_where_it_is_dropped(gui):
    before = ids(gui.project)
    gui.drag_palette("layers_dropout", (300, 640), release=False)
    assert gui.editor.drag is not None and gui.editor.drag.spot is None
    gui.release()
    assert len(gui.project.scripts) == len(before) + 1
    new = gui.project.scripts[-1]
    assert [b.type for b in new.blocks] == ["layers_dropout"]
    assert (new.x, new.y) == pytest.approx((300, 640))
    assert ids(gui.project)[:-1] == before
    assert gui.pixel(*gui.block_point(new.blocks[0].id)) == BLUE


def test_a_layer_dragged_just_below_the_hat_snaps_into_the_network_with_a_preview_while_dragging(gui):
    hat = gui.box("data")
    gui.drag_palette("layers_dense", (hat.x + 20, hat.y + hat.h + 6), release=False)
    drag = gui.editor.drag
    assert drag is not None and drag.spot is not None and drag.spot.at == (0, 1)
    new_id = drag.blocks[0]["id"]
    preview, ghosts = gui.editor.preview()
    assert new_id in ghosts
    assert [b.id for b in preview.scripts[0].blocks] == ["data", new_id, "hidden", "answer"]
    # the ghost shows, grey, where the block will go (left of the dragged block, which is 20 to the right)
    gx, gy = gui.to_screen(hat.x + 8, hat.y + hat.h + ROW / 2)
    assert gui.pixel(gx, gy) == rgb("#C8C8D0")
    done = len(gui.editor.history.done)
    gui.release()
    network = gui.project.scripts[0].blocks
    assert [b.id for b in network] == ["data", new_id, "hidden", "answer"]
    assert network[1].type == "layers_dense" and network[1].params["units"] == 10   # the palette's default
    assert len(gui.editor.history.done) == done + 1
    assert gui.editor.drag is None and gui.pixel(*gui.block_point(new_id)) == BLUE


def test_a_neuron_dragged_onto_a_stack_where_it_may_not_go_does_not_snap_and_the_window_says_why(gui):
    hat = gui.box("data")
    before = ids(gui.project)
    gui.drag_palette("layers_neuron", (hat.x + 10, hat.y + hat.h + 4), release=False)
    drag = gui.editor.drag
    assert drag.spot is None and drag.refused is not None
    for lang in LANGS:
        assert drag.refused.text(lang).strip()
    assert drag.refused.text("ja") in shown(gui, "over")              # the bubble by the pointer
    cx, cy = gui.to_screen(*drag.refused_at)                         # the red mark where it would have gone
    assert gui.count_colour("#E0243B", cx - 12, cy - 12, cx + 12, cy + 12) > 100
    reason = drag.refused
    gui.release()
    assert ids(gui.project)[:-1] == before                          # the network is unchanged
    lone = gui.project.scripts[-1]
    assert [b.type for b in lone.blocks] == ["layers_neuron"]      # the neuron lies on its own
    assert gui.c.current_toast() is not None and gui.c.current_toast().key == reason.key


# --- fields ------------------------------------------------------------------------------------

def test_a_number_field_takes_a_typed_number_and_refuses_letters_and_values_out_of_range(gui):
    K = gui.K
    gui.click(*gui.field_point("hidden", "units"))
    assert gui.c.field is not None and gui.c.field.param == "units"
    gui.type("8")
    gui.key(K.ENTER)
    assert gui.c.field is None and block(gui.project, "hidden").params["units"] == 8
    assert "8" in gui.label_texts(["work"])

    gui.click(*gui.field_point("hidden", "units"))
    gui.type("abc")
    gui.key(K.ENTER)
    assert gui.c.field is not None and gui.c.field.error is not None   # still open, with the reason
    assert gui.c.field.error.text("ja") in shown(gui, "over")
    assert block(gui.project, "hidden").params["units"] == 8
    gui.key(K.ESCAPE)
    assert gui.c.field is None and block(gui.project, "hidden").params["units"] == 8

    gui.click(*gui.field_point("hidden", "units"))
    gui.type("9999")                                                  # units may be 1 to 256
    gui.key(K.ENTER)
    assert gui.c.field is not None and gui.c.field.error.key == "field_out_of_range"
    assert "256" in gui.c.field.error.text("en")
    gui.key(K.ESCAPE)
    assert block(gui.project, "hidden").params["units"] == 8


def test_a_dropdown_field_opens_a_menu_and_the_clicked_item_sets_the_param(gui):
    gui.click(*gui.field_point("hidden", "activation"))
    menu = gui.c.menu
    assert menu is not None and menu.kind == "choice" and menu.param == "activation"
    assert [i.id for i in menu.items] == list(BLOCK_TYPES["layers_dense"].param("activation").choices)
    assert "ReLU" in gui.label_texts(["over"])
    gui.click(*gui.menu_point("relu"))
    assert gui.c.menu is None
    assert block(gui.project, "hidden").params["activation"] == "relu"


# --- deleting and the trash ----------------------------------------------------------------------

def test_the_delete_key_deletes_the_selected_block_and_the_blocks_below_close_up(gui):
    gui.click(*gui.block_point("hidden"))
    assert gui.editor.selection == "hidden"
    gui.key(gui.K.DELETE)
    assert ids(gui.project)[0] == ["data", "answer"]
    assert [b["id"] for b in gui.editor.trash[-1].blocks] == ["hidden"]


def test_the_context_menu_delete_item_deletes_the_block(gui):
    gui.click(*gui.block_point("train_seed"), button=gui.M.RIGHT)
    assert gui.c.menu is not None and gui.c.menu.kind == "block" and gui.c.menu.target == "train_seed"
    gui.click(*gui.menu_point("delete"))
    assert gui.c.menu is None and find(gui.project, "train_seed") is None
    assert [b["id"] for b in gui.editor.trash[-1].blocks] == ["train_seed"]


def test_a_stack_dragged_onto_the_palette_goes_to_the_trash_and_clicking_it_there_brings_it_back(gui):
    training = ids(gui.project)[1]
    flyout = gui.c.regions.flyout
    gui.drag_block("training", to=(flyout.x + 150, flyout.y + 400))
    assert ids(gui.project) == [["data", "hidden", "answer"]]
    assert [b["id"] for b in gui.editor.trash[-1].blocks] == training

    gui.click(*gui.corner_point("trash"))
    assert gui.c.trash_open
    assert msg("trash_title").text("ja") in gui.label_texts(["palette"])
    (index, box), = gui.c.trash_boxes()
    assert box.id == "training"
    x, y = gui.c.palette.to_screen(box.x + 5, box.y + box.head - 24)
    assert gui.pixel(x, y) == PINK                                  # the trash lists the stack, drawn
    gui.click(x, y)
    assert gui.editor.trash == []
    assert ids(gui.project)[0] == ["data", "hidden", "answer"] and ids(gui.project)[1] == training


def test_ctrl_z_after_bringing_a_block_back_from_the_trash_puts_it_back_in_the_open_trash(gui):
    gui.click(*gui.block_point("train_seed"))
    gui.key(gui.K.DELETE)
    gui.click(*gui.corner_point("trash"))
    (_, box), = gui.c.trash_boxes()
    x, y = gui.c.palette.to_screen(box.x + 5, box.y + box.head - 24)
    gui.click(x, y)                                                 # brought back
    assert gui.editor.trash == [] and msg("trash_empty").text("ja") in gui.label_texts(["palette"])
    gui.ctrl(gui.K.Z)
    assert find(gui.project, "train_seed") is None and len(gui.editor.trash) == 1
    assert gui.pixel(x, y) == PINK                                  # drawn in the trash again
    gui.ctrl(gui.K.Z)                                               # and undoing the delete empties it
    assert find(gui.project, "train_seed") is not None and gui.editor.trash == []
    assert msg("trash_empty").text("ja") in gui.label_texts(["palette"])


# --- comments ---------------------------------------------------------------------------------------

def _write_comment(gui, block_id: str, *lines: str) -> None:
    """Right-click a block, Add comment, type the lines with Enter between them (Scratch's notes)."""
    gui.click(*gui.block_point(block_id), button=gui.M.RIGHT)
    gui.click(*gui.menu_point("comment_add"))
    for i, line in enumerate(lines):
        if i:
            gui.key(gui.K.ENTER)
        gui.type(line)


def test_enter_in_a_comment_starts_a_new_line_and_a_click_outside_keeps_the_comment_as_one_step(gui):
    done = len(gui.editor.history.done)
    _write_comment(gui, "hidden", "4つの ニューロン", "tanh で まげる")
    assert gui.c.field is not None and gui.c.field.text == "4つの ニューロン\ntanh で まげる"
    over = gui.label_texts(["over"])
    assert "4つの ニューロン" in over and "tanh で まげる▏" in over     # each line drawn as it is typed
    gui.click(*gui.empty_code_point())
    assert gui.c.field is None and block(gui.project, "hidden").comment == "4つの ニューロン\ntanh で まげる"
    assert len(gui.editor.history.done) == done + 1
    assert {"4つの ニューロン", "tanh で まげる"} <= set(gui.label_texts(["work"]))


def test_ctrl_enter_or_escape_end_a_comment_keeping_what_was_typed(gui):
    _write_comment(gui, "hidden", "one", "two")
    gui.key(gui.K.ENTER, gui.K.MOD_CTRL)
    assert gui.c.field is None and block(gui.project, "hidden").comment == "one\ntwo"
    gui.editor.camera.x = 0
    _write_comment(gui, "answer", "three")
    gui.key(gui.K.ESCAPE)
    assert gui.c.field is None and block(gui.project, "answer").comment == "three"


def test_a_comment_s_note_grows_with_its_lines_and_wraps_long_ones_to_its_width(gui):
    from blockbuilder.editor.layout import COMMENT_LINE, COMMENT_W
    _write_comment(gui, "hidden", "one line")
    gui.key(gui.K.ESCAPE)
    one = dict(gui.c.comment_rects())["hidden"]
    gui.editor.camera.x = 0
    long_line = "a very long line of words that cannot fit in one line of a note " * 2
    gui.click(*gui.block_point("hidden"), button=gui.M.RIGHT)
    gui.click(*gui.menu_point("comment_edit"))
    for step in ("\n", "two", "\n", "\n", long_line):
        gui.key(gui.K.ENTER) if step == "\n" else gui.type(step)
    gui.key(gui.K.ESCAPE)
    note = next(n for n in gui.editor.comments() if n.block_id == "hidden")
    assert note.lines[:3] == ["one line", "two", ""] and len(note.lines) >= 5
    assert " ".join(note.lines[3:]).split() == long_line.split()
    assert note.h == one.h + (len(note.lines) - 1) * COMMENT_LINE and note.w <= COMMENT_W
    assert all(gui.editor.measure(ln) * 11 / 13 <= COMMENT_W - 24 for ln in note.lines)
    gui.editor.camera.x = note.x - 100
    cx, cy = gui.to_screen(note.x + 4, note.y + note.h - 4)               # the note's bottom is drawn
    assert gui.pixel(cx, cy) == rgb("#FEF49C")


def test_comments_stay_beside_their_blocks_while_a_block_is_being_moved(gui):
    _write_comment(gui, "hidden", "first", "second")
    gui.key(gui.K.ESCAPE)
    gui.editor.camera.x = 0
    gui.click(*gui.block_point("answer"))
    gui.key(gui.K.M)
    gui.key(gui.K.DOWN)
    assert gui.editor.drag is not None and {"first", "second"} <= set(gui.label_texts(["work"]))


def test_a_comment_of_several_lines_is_saved_and_reopens_exactly(gui, tmp_path):
    from blockbuilder.document.projectfile import load_project, save_project
    text = "いちぎょうめ\n\n  three: 3 → 4\nlast line"
    _write_comment(gui, "hidden", *text.split("\n"))
    gui.key(gui.K.ENTER, gui.K.MOD_CTRL)
    assert block(gui.project, "hidden").comment == text
    save_project(gui.project, tmp_path / "notes.json")
    again = load_project(tmp_path / "notes.json")
    assert block(again, "hidden").comment == text and again.model_dump() == gui.project.model_dump()


# --- undo and redo -------------------------------------------------------------------------------

def _three_edits(gui) -> list[dict]:
    """Type a field, delete a block, add one from the palette; the document after each."""
    states = [dump(gui)]
    gui.click(*gui.field_point("hidden", "units"))
    gui.type("7")
    gui.key(gui.K.ENTER)
    states.append(dump(gui))
    gui.click(*gui.block_point("answer"))
    gui.key(gui.K.DELETE)
    states.append(dump(gui))
    gui.drag_palette("layers_dropout", (300, 640))
    states.append(dump(gui))
    assert len({str(s) for s in states}) == 4 and len(gui.editor.history.done) == 3
    return states


def test_ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_y_redo_to_the_exact_document(gui):
    K = gui.K
    states = _three_edits(gui)
    for want in reversed(states[:-1]):
        gui.ctrl(K.Z)
        assert dump(gui) == want
    gui.ctrl(K.Z)                                    # nothing left to undo
    assert dump(gui) == states[0] and gui.editor.history.done == []
    gui.ctrl(K.Z, shift=True)
    assert dump(gui) == states[1]
    gui.ctrl(K.Y)
    assert dump(gui) == states[2]
    gui.ctrl(K.Z, shift=True)
    assert dump(gui) == states[3]
    gui.ctrl(K.Y)                                    # nothing left to redo
    assert dump(gui) == states[3]


def test_the_toolbar_undo_and_redo_buttons_restore_the_exact_document(gui):
    enabled = lambda id: next(b for b in gui.c.toolbar().all() if b.id == id).enabled  # noqa: E731
    assert not enabled("undo") and not enabled("redo")
    states = _three_edits(gui)
    for want in reversed(states[:-1]):
        gui.click(*gui.toolbar_point("undo"))
        assert dump(gui) == want
    assert not enabled("undo") and enabled("redo")
    for want in states[1:]:
        gui.click(*gui.toolbar_point("redo"))
        assert dump(gui) == want
    assert not enabled("redo")


# --- the camera ----------------------------------------------------------------------------------

def test_dragging_the_empty_code_area_pans_without_touching_the_history(gui):
    history, version = list(gui.editor.history.done), gui.editor.version
    x, y = gui.empty_code_point()
    gui.drag((x, y), (x + 100, y - 60))
    cam = gui.editor.camera
    assert (cam.x, cam.y, cam.zoom) == pytest.approx((-100, -60, 1.0))
    assert gui.editor.history.done == history and gui.editor.version == version
    assert gui.pixel(*gui.block_point("data")) == YELLOW             # drawn where the camera now puts it


def test_the_corner_buttons_zoom_in_out_and_back_without_touching_the_history(gui):
    history = list(gui.editor.history.done)
    zooms = []
    for button in ("zoom_in", "zoom_in", "zoom_out", "zoom_reset", "zoom_out"):
        gui.click(*gui.corner_point(button))
        zooms.append(gui.editor.camera.zoom)
    assert zooms == [1.25, 1.5, 1.25, 1.0, 0.875]
    assert gui.editor.history.done == history
    assert gui.pixel(*gui.block_point("data")) == YELLOW


def test_the_wheel_scrolls_the_code_area_and_does_not_zoom(gui):
    x, y = gui.empty_code_point()
    gui.scroll(x, y, -1)
    assert gui.editor.camera.y == pytest.approx(40) and gui.editor.camera.zoom == 1.0


def test_ctrl_and_the_wheel_zoom_the_code_area_as_an_x11_keyboard_reports_ctrl(gui):
    """X11 gives a key event the modifiers held *before* it: pressing Ctrl arrives as (LCTRL, 0)."""
    K = gui.K
    history = list(gui.editor.history.done)
    x, y = gui.empty_code_point()
    gui.key_down(K.LCTRL, 0)
    gui.scroll(x, y, 1)
    zoomed = gui.editor.camera.zoom
    gui.scroll(x, y, -1)
    gui.key_up(K.LCTRL, K.MOD_CTRL)
    assert zoomed == 1.25 and gui.editor.camera.zoom == 1.0
    assert gui.editor.history.done == history


def test_ctrl_and_the_wheel_still_zoom_after_a_ctrl_shortcut_while_ctrl_stays_down(gui):
    K = gui.K
    x, y = gui.empty_code_point()
    gui.key_down(K.LCTRL, K.MOD_CTRL)         # as Windows and macOS report it
    gui.key(K.C, K.MOD_CTRL)                  # Ctrl+C, Ctrl still held
    gui.scroll(x, y, 1)
    gui.key_up(K.LCTRL, K.MOD_CTRL)
    assert gui.editor.camera.zoom == 1.25


# --- the keyboard alone ------------------------------------------------------------------------

def test_the_keyboard_alone_selects_blocks_edits_their_fields_and_deletes_them(gui):
    K, e = gui.K, gui.editor
    gui.key(K.DOWN)
    assert e.selection == "data"
    gui.key(K.DOWN)
    gui.key(K.DOWN)
    gui.key(K.UP)
    assert e.selection == "hidden"
    gui.key(K.ENTER)                                   # the first field: units
    assert gui.c.field is not None and gui.c.field.param == "units"
    gui.type("6")
    gui.key(K.ENTER)
    assert block(gui.project, "hidden").params["units"] == 6

    gui.key(K.RIGHT)                                   # the next field: activation, a dropdown
    gui.key(K.ENTER)
    menu = gui.c.menu
    assert menu is not None and menu.param == "activation"
    choices = [i.id for i in menu.items]
    gui.key(K.DOWN)
    gui.key(K.ENTER)
    assert block(gui.project, "hidden").params["activation"] == choices[choices.index("tanh") + 1]

    gui.key(K.DOWN)
    assert e.selection == "answer"
    gui.key(K.DELETE)
    assert find(gui.project, "answer") is None and ids(gui.project)[0] == ["data", "hidden"]

    gui.key(K.TAB)                                     # to the palette: arrows move there, Enter adds
    assert gui.c.focus == "palette"
    gui.key(K.DOWN)
    gui.key(K.DOWN)
    chosen = e.palette().entries[gui.c.palette_cursor][0]
    scripts = len(gui.project.scripts)
    gui.key(K.ENTER)
    assert len(gui.project.scripts) == scripts + 1 and gui.project.scripts[-1].blocks[0].type == chosen
    gui.key(K.TAB)
    assert gui.c.focus == "code"


# --- languages ---------------------------------------------------------------------------------

def _set_language(gui, lang: str) -> None:
    """Through the toolbar's language menu when there is one, else the editor."""
    gui.click(*gui.toolbar_point("language"))
    menu = gui.c.menu
    if menu is not None and any(i.id == f"lang:{lang}" for i in menu.items):
        gui.click(*gui.menu_point(f"lang:{lang}"))
    else:
        if menu is not None:
            gui.key(gui.K.ESCAPE)
        gui.editor.set_language(lang)
    assert gui.editor.lang == lang


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_the_window_draws_uses_only_characters_of_the_bundled_font(gui, lang):
    from blockbuilder.view.fonts import missing_glyphs
    K, M = gui.K, gui.M
    _set_language(gui, lang)
    seen: dict[str, str] = {}

    def look(state: str) -> None:
        for text in gui.label_texts():
            seen.setdefault(text, state)

    look("start")
    assert msg("tool_undo").text(lang) in seen
    gui.click(*gui.block_point("hidden"), button=M.RIGHT)
    look("block menu")
    gui.key(K.ESCAPE)
    gui.click(*gui.empty_code_point(), button=M.RIGHT)
    look("workspace menu")
    gui.key(K.ESCAPE)
    gui.click(*gui.field_point("hidden", "activation"))
    look("activation menu")
    gui.key(K.ESCAPE)
    gui.click(*gui.field_point("hidden", "units"))
    gui.type("x")
    gui.key(K.ENTER)
    look("field error")
    gui.key(K.ESCAPE)
    hat = gui.box("data")
    gui.drag_palette("layers_neuron", (hat.x + 10, hat.y + hat.h + 4), release=False)
    look("refused drag")
    gui.release()
    look("toast")
    gui.click(*gui.block_point("hidden"))
    gui.key(K.DELETE)
    gui.click(*gui.corner_point("trash"))
    look("trash")
    for category in ("layers", "output", "training"):
        gui.click(*gui.category_point(category))
        look(f"palette at {category}")
    for key in ("menu_delete", "menu_clean_up", "trash_title"):        # every state above was drawn
        assert msg(key).text(lang) in seen, key
    assert any(state == "field error" for state in seen.values())
    assert any(state == "refused drag" for state in seen.values())
    missing = {text: (state, sorted(missing_glyphs(text))) for text, state in seen.items() if missing_glyphs(text)}
    assert missing == {}


@pytest.mark.parametrize("lang", LANGS)
def test_the_category_column_shows_every_category_name_whole(gui, lang):
    from blockbuilder.document.catalog import CATEGORY_LABELS
    _set_language(gui, lang)
    gui.frame()
    r = gui.c.regions.categories
    under = [label for label in gui.labels(["chrome"]) if r.contains(label.x, label.y)]
    assert all(label.content_width <= r.w - 2 for label in under)
    assert "".join(label.text for label in under).replace(" ", "") == \
        "".join(names[lang] for names in CATEGORY_LABELS.values()).replace(" ", "")   # nothing cut, no "…"
    assert max(sum(1 for lb in under if abs(lb.y - y) < 30) for y in {lb.y for lb in under}) <= 2


@pytest.mark.parametrize("lang", LANGS)
def test_every_palette_block_is_drawn_whole_inside_the_flyout(gui, lang):
    _set_language(gui, lang)
    flyout = gui.c.regions.flyout
    entries = gui.editor.palette().entries
    for _, box in entries:
        right, _ = gui.c.palette.to_screen(box.x + box.w, box.y)
        assert right <= flyout.x + flyout.w
    type_id, box = max(entries, key=lambda e: e[1].w)      # the widest: its right end is drawn, yellow
    gui.c.palette.scroll = box.y - 20
    x, y = gui.c.palette.to_screen(box.x + box.w - 3, box.y + box.h - 6)
    assert gui.pixel(x, y) == rgb(CATEGORY_COLOURS[BLOCK_TYPES[type_id].category][0])


# --- keys and clicks in the middle of something else ---------------------------------------------

def test_delete_pressed_while_a_new_block_is_dragged_to_a_lone_block_neither_crashes_nor_misplaces_it(gui):
    gui.drag_palette("training_seed", (300, 650))               # a one-block script, selected
    lone = gui.editor.selection
    box = gui.box(lone)
    gui.drag_palette("training_l1", (box.x, box.y + box.h), release=False)
    assert gui.editor.drag.spot is not None                     # it would snap below the lone block
    gui.key(gui.K.DELETE)                                       # ... which the key deletes mid-drag
    gui.release()                                               # IndexError in BlocksOp today
    gui.editor.check()
    assert gui.editor.drag is None


def test_a_block_deleted_while_it_is_dragged_is_not_both_on_the_workspace_and_in_the_trash(gui):
    gui.drag_block("hidden", (300, 640), release=False)
    gui.key(gui.K.DELETE)
    gui.release()
    on_workspace = {b.id for _, b in walk(gui.project)}
    in_trash = {b["id"] for item in gui.editor.trash for b in item.blocks}
    assert on_workspace & in_trash == set()


def test_backspace_while_a_one_block_script_is_dragged_does_not_crash_the_drop(gui):
    gui.drag_palette("layers_dropout", (300, 640))              # a one-block script, selected
    new = gui.editor.selection
    gui.drag_block(new, (320, 600), release=False)
    gui.key(gui.K.BACKSPACE)                                    # deletes the script being dragged
    gui.release()                                               # IndexError in Editor.drop today
    gui.editor.check()


def test_ctrl_z_while_dragging_a_block_it_takes_away_does_not_crash_the_next_pointer_move(gui):
    start = dump(gui)
    gui.drag_palette("layers_dropout", (300, 640))              # one edit: the block is added
    new = gui.editor.selection
    gui.drag_block(new, (320, 600), release=False)
    gui.ctrl(gui.K.Z)                                           # undoes the add (or is ignored mid-drag)
    x, y = gui.pointer
    gui.move(x + 10, y - 10)                                    # TypeError in Editor.start_drag today
    gui.release()
    gui.editor.check()
    while gui.editor.history.done:
        gui.ctrl(gui.K.Z)
    assert dump(gui) == start


def test_releasing_the_mouse_after_ctrl_z_ended_a_drag_from_the_palette_adds_no_block(gui):
    gui.click(*gui.block_point("hidden"))
    gui.key(gui.K.DELETE)
    gui.drag_palette("layers_dropout", (300, 640), release=False)
    gui.ctrl(gui.K.Z)                                           # undoes the delete and ends the drag
    ended = gui.editor.drag is None
    scripts = len(gui.project.scripts)
    gui.release()                                               # a drag's end, not a click on the palette
    if ended:
        assert len(gui.project.scripts) == scripts
    else:                                                       # Ctrl+Z was ignored while dragging
        assert gui.project.scripts[-1].blocks[0].type == "layers_dropout"


def test_a_right_click_while_a_dialog_is_open_opens_no_menu_behind_it(gui):
    gui.ctrl(gui.K.S)                                           # the Save dialog: it should get every event
    assert gui.c.dialog is not None
    gui.click(*gui.block_point("hidden"), button=gui.M.RIGHT)
    assert gui.c.menu is None
    assert find(gui.project, "hidden") is not None


# --- saving and opening --------------------------------------------------------------------------

def test_a_project_saved_with_ctrl_s_reopens_with_ctrl_o_as_it_was(gui, tmp_path):
    K = gui.K
    gui.click(*gui.field_point("hidden", "units"))
    gui.type("5")
    gui.key(K.ENTER)
    gui.ctrl(K.S)                                     # never saved: Save asks for a name
    assert gui.c.dialog is not None
    gui.key(K.ENTER)
    assert gui.c.dialog is None and gui.editor.path is not None
    saved = gui.editor.path
    assert str(tmp_path) in saved and not gui.editor.history.dirty
    kept = dump(gui)

    gui.click(*gui.block_point("hidden"))
    gui.key(K.DELETE)
    gui.ctrl(K.O)                                     # unsaved changes: asked first
    assert gui.c.dialog is not None
    ask = gui.c.dialog.inner
    assert [b for b, _ in ask.buttons] == ["save", "discard", "cancel"]
    gui.key(K.RIGHT)                                  # from "save" to "discard"
    gui.key(K.ENTER)
    chooser = getattr(gui.c.dialog, "inner", None) and gui.c.dialog.inner.chooser
    assert chooser is not None and chooser.mode == "open", "the Open dialog did not come"
    for _ in range(len(chooser.entries) + 1):
        if chooser.current() is not None and str(chooser.current().path) == saved:
            break
        gui.key(K.DOWN)
    gui.key(K.ENTER)
    assert gui.c.dialog is None
    assert gui.editor.path == saved and dump(gui) == kept


# --- moving a block with the keyboard ----------------------------------------------------------------

def test_the_controller_s_key_codes_are_pyglet_s():
    from pyglet.window import key, mouse

    from blockbuilder.editor import keys
    names = [n for n in vars(keys) if n.isupper() and n != "IS_MAC"]
    buttons = {"LEFT", "MIDDLE", "RIGHT"}
    for name in names:
        theirs = getattr(mouse, name) if name in buttons else getattr(key, {"LEFT_KEY": "LEFT", "RIGHT_KEY": "RIGHT"}.get(name, name))
        assert getattr(keys, name) == theirs, name
    assert {"M", "DELETE", "TAB", "MOD_CTRL", "LEFT", "LEFT_KEY"} <= set(names)


def test_m_picks_a_block_up_the_arrows_step_through_the_places_it_may_snap_and_enter_drops_it_in_one_step(gui):
    from blockbuilder.document.grammar import why_not
    from blockbuilder.document.project import Block
    K, e = gui.K, gui.editor
    before, done = dump(gui), len(e.history.done)
    gui.click(*gui.block_point("train_seed"))
    gui.key(K.M)
    move, d = gui.c.moving, e.drag
    assert move is not None and d is not None and d.source == find(gui.project, "train_seed")
    run = [Block.model_validate(b) for b in d.blocks]
    assert {s for s in move.stops if s} == {s for s in d.spots if why_not(d.base, run, s.at) is None}
    assert d.spot is not None and d.spot.at == find(gui.project, "train_seed")   # it starts where it was
    assert msg("status_moving").text("ja").replace("\u3000", "") in shown(gui, "over").replace("\u3000", "")
    for _ in range(len(move.stops)):                 # step to the place just below the data hat
        if d.spot is not None and d.spot.at == (0, 1):
            break
        gui.key(K.DOWN)
    assert d.spot.at == (0, 1)
    preview, ghosts = e.preview()
    assert [b.id for b in preview.scripts[0].blocks][:2] == ["data", "train_seed"] and ghosts == {"train_seed"}
    hat = gui.box("data")
    gx, gy = gui.to_screen(hat.x + 8, hat.y + hat.h + ROW / 2)
    assert gui.pixel(gx, gy) == rgb("#C8C8D0")        # the ghost shows where it will land
    assert dump(gui) == before                        # nothing has changed yet
    gui.key(K.ENTER)
    assert gui.c.moving is None and e.drag is None
    assert ids(gui.project)[0] == ["data", "train_seed", "hidden", "answer"]
    assert "train_seed" not in ids(gui.project)[1]
    assert len(e.history.done) == done + 1 and e.selection == "train_seed"
    assert gui.pixel(*gui.block_point("train_seed")) == PINK
    gui.ctrl(K.Z)
    assert dump(gui) == before


def test_escape_puts_a_block_moved_with_the_keys_back_and_changes_nothing(gui):
    K = gui.K
    before, done = dump(gui), len(gui.editor.history.done)
    gui.click(*gui.block_point("hidden"))
    gui.key(K.M)
    gui.key(K.DOWN)
    gui.key(K.TAB)
    gui.key(K.DELETE)                                 # other keys wait while a block is moved
    gui.key(K.ESCAPE)
    assert gui.c.moving is None and gui.editor.drag is None
    assert dump(gui) == before and len(gui.editor.history.done) == done
    assert not any("↑↓" in t for t in gui.label_texts(["over"]))


def test_left_and_right_jump_to_another_script_and_the_last_stop_puts_the_run_on_its_own(gui):
    K, e = gui.K, gui.editor
    gui.click(*gui.block_point("train_seed"))
    gui.key(K.M)
    scripts = set()
    for _ in range(len(gui.c.moving.stops) + 1):
        spot = e.drag.spot
        scripts.add(spot.at[0] if spot else None)
        gui.key(K.RIGHT)
    assert scripts == {0, 1, None}                    # the network, the training script, on its own
    while e.drag.spot is not None:
        gui.key(K.RIGHT)
    loose = gui.c.moving.loose
    gui.key(K.ENTER)
    new = gui.project.scripts[-1]
    assert [b.id for b in new.blocks] == ["train_seed"] and (new.x, new.y) == loose
    gui.editor.check()


def test_the_block_menu_starts_a_keyboard_move_and_a_click_ends_it_putting_the_block_back(gui):
    before = dump(gui)
    gui.click(*gui.block_point("hidden"), button=gui.M.RIGHT)
    gui.click(*gui.menu_point("move"))
    assert gui.c.moving is not None and gui.editor.drag.source == find(gui.project, "hidden")
    gui.key(gui.K.DOWN)
    gui.click(*gui.empty_code_point())
    assert gui.c.moving is None and gui.editor.drag is None and dump(gui) == before


def test_a_keyboard_move_of_a_neuron_only_visits_the_insides_of_layers_and_of_the_answer(gui):
    from blockbuilder.session.examples import BY_NAME
    gui.close()
    g = open_gui(BY_NAME["xor_gates"].project())
    try:
        g.click(*g.block_point("or"))
        g.key(g.K.M)
        stops = g.c.moving.stops
        assert {(s.kind, len(s.at)) for s in stops if s} == {("inside", 3), ("below", 3)}
        assert {s.at[:2] for s in stops if s} == {(0, 1), (0, 2)}      # the gates layer and the yes / no answer
        assert stops[-1] is None
        g.key(g.K.UP)                                  # from "below nand" to "inside gates", on top
        g.key(g.K.ENTER)
        assert [c.id for c in block(g.project, "gates").children] == ["or", "nand"]
    finally:
        g.close()


@pytest.mark.parametrize("lang", ["ja", "ja-Hira", "en"])
def test_at_the_smallest_window_every_toolbar_button_and_stage_tab_fits_without_overlapping(tmp_path, monkeypatch,
                                                                                           lang):
    from blockbuilder.view.window import MIN_HEIGHT, MIN_WIDTH
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    g = open_gui(width=MIN_WIDTH, height=MIN_HEIGHT)
    try:
        g.c.run(f"lang:{lang}")
        g.frame()
        assert g.editor.lang == lang
        buttons = g.c.toolbar().all()
        spans = sorted((b.rect.x, b.rect.x + b.rect.w) for b in buttons)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), spans
        assert spans[0][0] >= 0 and spans[-1][1] <= MIN_WIDTH
        by_text = {lab.text: lab for lab in g.labels(["chrome"])}
        for b in buttons:                      # each label inside its own button
            label = by_text[b.text]
            assert label.content_width <= b.rect.w - 8, (b.text, label.content_width, b.rect.w)
        stage = g.c.regions.stage
        tabs = g.c.stage_input.layout().tabs
        assert len(tabs) == 3 and all(stage.x <= t.rect.x and t.rect.x + t.rect.w <= stage.x + stage.w for t in tabs)
        assert all(a.rect.x + a.rect.w <= b.rect.x for a, b in zip(tabs, tabs[1:]))
    finally:
        g.close()


# --- nothing cut off, nothing over the stage (issue 14) ----------------------------------------------

@pytest.fixture
def small(tmp_path, monkeypatch):
    """The editor at the smallest window, 1024 x 600."""
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    g = open_gui(width=1024, height=600)
    yield g
    g.close()


def label_box(label):
    """A label's screen rectangle (labels are centred on their y; anchor x left or center)."""
    from blockbuilder.editor.screen import Rect
    w, h = label.content_width, label.content_height
    x = label.x - w / 2 if label.anchor_x == "center" else label.x
    return Rect(x, label.y - h / 2, w, h)


def within(r, area, slack=1.0) -> bool:
    return (r.x >= area.x - slack and r.x + r.w <= area.x + area.w + slack and r.y >= area.y - slack
            and r.y + r.h <= area.y + area.h + slack)


def test_ctrl_a_in_a_number_field_selects_it_so_that_typing_replaces_the_value(gui):
    K = gui.K
    gui.click(*gui.field_point("hidden", "units"))
    gui.type("3")
    gui.ctrl(K.A)
    gui.send("on_text", "\x01")          # what X11 may send as text for Ctrl+A: not a character to type
    gui.type("10")
    assert gui.c.field.text == "10"
    gui.key(K.ENTER)
    assert gui.c.field is None and block(gui.project, "hidden").params["units"] == 10


def test_enter_on_a_wrong_value_says_why_at_once(gui):
    """A keyboard sends Enter as a key and as the text "\\r": the text must not wipe the refusal out."""
    K = gui.K
    gui.click(*gui.field_point("hidden", "units"))
    gui.type("abc")
    gui.key_down(K.ENTER)
    gui.send("on_text", "\r")
    gui.key_up(K.ENTER)
    assert gui.c.field is not None and gui.c.field.error is not None
    assert gui.c.field.error.text("ja") in shown(gui, "over")


def test_a_right_click_near_the_bottom_opens_the_menu_upwards_from_the_pointer(small):
    r = small.c.regions.code
    x, y = r.x + 60, r.y + 30
    small.click(x, y, small.M.RIGHT)
    menu = small.c.menu
    assert menu is not None and menu.kind in ("block", "workspace")
    box = menu.rect()
    assert box.y == y and box.y + box.h <= small.c.height      # its bottom at the pointer, all of it in the window
    assert menu.item_at(x + 20, y + 10) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_the_export_done_dialog_wraps_its_japanese_inside_the_box_at_the_smallest_window(small, lang):
    from pathlib import Path
    from blockbuilder.session.export_flow import done_message

    class Report:
        digits = None
    small.c.run(f"lang:{lang}")
    folder = Path("/home/hanako/blockbuilder-projects/わたしのネットワーク")
    small.window.exporter._tell(done_message(folder / "xor-network.sb3", Report()))
    small.frame()
    box = next(p[1] for p in small.c.dialog.layout() if p[0] == "box")
    said = done_message(folder / "xor-network.sb3", Report()).text(lang)
    words = said.replace(" ", "") + msg("files_button_ok").text(lang)
    labels = [lab for lab in small.labels(["over"]) if lab.text.strip() and lab.text.replace(" ", "") in words]
    assert len(labels) >= 2                         # the sentence and the button
    for lab in labels:
        assert within(label_box(lab), box), (lab.text, label_box(lab), box)
    assert said.replace(" ", "") in shown(small, "over").replace(" ", "")


def test_the_selected_block_s_problem_is_said_in_the_code_area_without_covering_the_block_below(small):
    e = small.editor
    e.delete("answer")                            # the network has no output now: a problem on a block
    problem = next(p for p in e.compiled().problems if p.block_id)
    small.click(*small.block_point(problem.block_id))
    small.frame()
    assert problem.message.text("ja") in shown(small, "over")
    code = small.c.regions.code
    for lab in small.labels(["over"]):
        assert within(label_box(lab), code), (lab.text, label_box(lab), code)   # nothing over the stage
    box = small.c.block_box(problem.block_id)
    _, below = small.to_screen(box.x, box.y + box.h)
    texts = [label_box(lab) for lab in small.labels(["over"]) if lab.text.strip()]
    assert all(t.y + t.h < below - 48 or t.y > below for t in texts)   # not on the row under the block


def test_the_status_line_follows_the_code_area_when_the_stage_button_makes_the_stage_big(small):
    """The window keeps its size, only the regions change: the overlay must be rebuilt all the same."""
    def click_big():
        small.frame()
        lay = small.c.stage_input.layout()
        big = next(b for b in lay.buttons if b.id == "stage_big")
        small.click(big.rect.x + big.rect.w / 2, big.rect.y + big.rect.h / 2)
        small.frame()

    for _ in range(3):        # big, back, big: the later clicks change nothing but the regions
        click_big()
    assert small.c.stage_input.state.big
    import pyglet.text
    from blockbuilder.view.overlay import build_overlay
    _, fresh = build_overlay(small.c)              # what the overlay would show if built now
    where = lambda labels: sorted((lab.text, round(lab.x), round(lab.y)) for lab in labels  # noqa: E731
                                  if isinstance(lab, pyglet.text.DocumentLabel) and lab.text.strip())
    assert where(fresh)                            # the status line says the network is ready
    assert where(small.labels(["over"])) == where(fresh)
    code = small.c.regions.code
    for lab in small.labels(["over"]):
        assert within(label_box(lab), code), (lab.text, label_box(lab), code)


def test_a_toast_with_the_big_stage_stays_in_the_code_area_clear_of_the_corner_buttons(small):
    stage = small.c.stage_input
    stage.toggle_big()
    small.c.resize(1024, 600)
    small.c.say(msg("field_points_on_stage"))
    small.frame()
    code, corner = small.c.regions.code, [b.rect for b in small.c.corner()]
    labels = [label_box(lab) for lab in small.labels(["over"]) if lab.text.strip()]
    assert labels
    for r in labels:
        assert within(r, code)
        assert not any(r.x < c.x + c.w and c.x < r.x + r.w and r.y < c.y + c.h and c.y < r.y + r.h for c in corner)
