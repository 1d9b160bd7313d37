"""The data tools over the stage's data view: draw my own points, clear them, open a CSV file —
each an undoable edit of the data hat, through the same stage presses and file chooser the window uses."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from blockbuilder.app import assemble
from blockbuilder.document.edits import walk
from blockbuilder.document.settings import Settings
from blockbuilder.editor.controller import Controller
from blockbuilder.editor.dialogs import Chooser
from blockbuilder.editor.editor import Editor
from blockbuilder.lab.data_tools import DataTools, summary_lines
from blockbuilder.lab.lab import Lab
from blockbuilder.lab.readout import plot_frame
from blockbuilder.lab.stage import StageControl
from blockbuilder.lab.stage_layout import data_kind, info_buttons
from blockbuilder.session.examples import EXAMPLES
from blockbuilder.session.files import Session
from blockbuilder.session.recovery import Autosaver
from blockbuilder.texts import msg


@pytest.fixture
def stage(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    return make_stage(tmp_path, "xor")


def make_stage(tmp_path, example: str):
    project = next(e for e in EXAMPLES if e.name == example).project()
    return assemble(project, settings=Settings(), autosaver=Autosaver(tmp_path / "recovery")).stage


def hat(st):
    return st.c.editor.project.scripts[0].blocks[0]


def tool(st, id: str):
    return next((b for b in st.layout().tools if b.id == id), None)


def press(st, button) -> None:
    st.press(button.rect.x + button.rect.w / 2, button.rect.y + button.rect.h / 2)
    st.c.tick()


def plot_click(st, u: float, v: float) -> None:
    r = st.layout().panels["plot"]
    st.press(r.x + u * r.w, r.y + v * r.h)
    st.release(r.x + u * r.w, r.y + v * r.h)
    st.c.tick()


def csv_file(folder: Path, name: str, columns: int, rows: int = 40, broken: bool = False) -> Path:
    rng = np.random.default_rng(3)
    lines = [",".join([f"x{i + 1}" for i in range(columns)] + ["kind"])]
    for k in range(rows):
        x = rng.normal(size=columns) + (2 if k % 2 else -2)
        lines.append(",".join(f"{v:.3f}" for v in x) + ("," + ("big" if k % 2 else "small")))
    if broken:
        lines.append("1.0,oops")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def choose_in_chooser(st, path: Path) -> None:
    dialog = st.c.dialog
    assert dialog is not None and isinstance(dialog.inner, Chooser)
    chooser = dialog.inner.chooser
    chooser.go_to(path.parent)
    index = next(i for i, e in enumerate(chooser.entries) if not e.is_parent and e.path == path)
    chooser.select(index)
    dialog.inner._result(chooser.choose())
    st.c.tick()


# --- drawing my own points ---------------------------------------------------------------------

def test_draw_my_own_points_turns_the_data_hat_into_an_empty_canvas_in_one_undo_step(stage):
    e, before = stage.c.editor, hat(stage).model_copy(deep=True)
    press(stage, tool(stage, "own_points"))
    new = hat(stage)
    assert new.type == "data_points" and new.params["points"] == [] and new.params["test_ratio"] == 0
    assert stage.lab.status == "blocked" and stage.lab.message.key == "points_empty"
    assert stage.lab.train_set is None                       # the XOR points are no longer shown
    assert [b.id for b in stage.layout().tools][:3] == ["class:0", "class:1", "class:2"]
    assert tool(stage, "own_points") is None and tool(stage, "points_clear") is None
    assert "plot" in stage.layout().panels
    e.undo()
    stage.c.tick()
    assert hat(stage) == before and stage.lab.status == "ready" and stage.lab.train_set is not None


def test_own_points_keep_the_inputs_the_built_in_data_had():
    project = next(e for e in EXAMPLES if e.name == "spiral").project()
    first = project.scripts[0].blocks[0]
    first.params["features"] = ["x1", "x2", "x1*x2"]
    e = Editor(project)
    DataTools(Session(Controller(e, 1280, 800), Settings(), Autosaver(Path("/nonexistent/recovery"))), Lab(e)).own_points()
    assert project.scripts[0].blocks[0].params["features"] == ["x1", "x2", "x1*x2"]


def test_clicks_add_points_of_the_chosen_colour_and_two_colours_make_a_network_that_trains(stage):
    press(stage, tool(stage, "own_points"))
    assert plot_frame(stage.lab).lo == pytest.approx((-1.2, -1.2))
    for u, v in ((0.2, 0.2), (0.3, 0.25)):
        plot_click(stage, u, v)
    assert stage.lab.message.key == "points_one_class"      # one colour: nothing to tell apart yet
    press(stage, tool(stage, "class:1"))
    assert stage.state.own_class == 1 and tool(stage, "class:1").toggled
    for u, v in ((0.8, 0.8), (0.75, 0.7)):
        plot_click(stage, u, v)
    points = hat(stage).params["points"]
    assert [p[2] for p in points] == [0, 0, 1, 1]
    assert points[0][0] < 0 < points[2][0] and points[0][1] < 0 < points[2][1]
    assert plot_frame(stage.lab).lo == pytest.approx((-1.2, -1.2))   # the plot did not move under the clicks
    assert stage.lab.status == "ready" and stage.lab.can_train() and data_kind(stage.lab) == "points"
    stage.lab.step_epoch()
    assert stage.lab.epoch == 1
    press(stage, tool(stage, "points_clear"))
    assert hat(stage).params["points"] == []
    stage.c.editor.undo()
    assert len(hat(stage).params["points"]) == 4


# --- opening a CSV file ------------------------------------------------------------------------

def test_open_a_csv_file_from_the_stage_and_train_on_it(stage, tmp_path):
    path = csv_file(tmp_path / "tables", "blobs.csv", columns=2)
    csv_file(tmp_path / "tables", "other.txt", columns=2)
    press(stage, tool(stage, "open_csv"))
    chooser = stage.c.dialog.inner.chooser
    assert chooser.title.key == "data_open_csv"
    chooser.go_to(path.parent)
    assert [e.path.name for e in chooser.entries if not e.is_parent] == ["blobs.csv"]   # only tables are listed
    choose_in_chooser(stage, path)
    assert stage.c.dialog is None
    assert hat(stage).type == "data_csv" and hat(stage).params["path"] == str(path)
    assert stage.lab.status == "ready" and data_kind(stage.lab) == "points"
    assert len(stage.lab.train_set) + len(stage.lab.test_set) == 40
    stage.c.editor.undo()
    stage.c.tick()
    assert hat(stage).type == "data_gate"


def test_a_second_csv_opens_in_the_first_one_s_folder_and_changes_the_same_block(stage, tmp_path):
    first = csv_file(tmp_path / "a", "one.csv", columns=2)
    second = csv_file(tmp_path / "a", "four.csv", columns=4)
    press(stage, tool(stage, "open_csv"))
    choose_in_chooser(stage, first)
    block_id = hat(stage).id
    press(stage, tool(stage, "open_csv"))
    assert stage.c.dialog.inner.chooser.folder == first.parent
    choose_in_chooser(stage, second)
    assert hat(stage).id == block_id and hat(stage).params["path"] == str(second)
    assert data_kind(stage.lab) == "other"


@pytest.mark.parametrize("lang", ["ja", "ja-Hira", "en"])
def test_a_table_the_stage_cannot_draw_is_described_in_words(stage, tmp_path, lang):
    path = csv_file(tmp_path, "four.csv", columns=4)
    stage.c.editor.set_language(lang)
    press(stage, tool(stage, "open_csv"))
    choose_in_chooser(stage, path)
    lay = stage.layout()
    assert "summary" in lay.panels and "plot" not in lay.panels and tool(stage, "open_csv") is not None
    lines = summary_lines(stage.lab, lang)
    assert lines[0] == msg("data_rows", name="four.csv", rows=40, train=len(stage.lab.train_set),
                           test=len(stage.lab.test_set)).text(lang)
    assert "x1, x2, x3, x4" in lines[1] and "0 big, 1 small" in lines[2] and "kind" in lines[2]
    assert "confusion" in lay.panels        # which answer was taken for which


def test_a_broken_csv_says_what_is_wrong_in_one_sentence_and_undo_brings_the_data_back(stage, tmp_path):
    path = csv_file(tmp_path, "broken.csv", columns=2, broken=True)
    press(stage, tool(stage, "open_csv"))
    choose_in_chooser(stage, path)
    lab = stage.lab
    assert lab.status == "blocked" and lab.network is None
    text = lab.message.text("en")
    assert "broken.csv" in text and "\n" not in text and "Traceback" not in text
    stage.c.editor.undo()
    stage.c.tick()
    assert lab.status == "ready"


# --- where the tools go ------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "ja-Hira", "en"])
@pytest.mark.parametrize("width, big", [(1024, False), (1280, False), (1280, True)])
def test_tools_and_panel_buttons_stay_inside_the_stage_without_overlapping(stage, lang, width, big):
    stage.c.editor.set_language(lang)
    press(stage, tool(stage, "own_points"))
    stage.c.resize(width, 800)
    if big:
        stage.toggle_big()
    lay = stage.layout()
    area = lay.area
    rects = [b.rect for b in lay.tools]
    stage.state.neuron = (0, 0)
    if "info" in lay.panels:
        info = lay.panels["info"]
        shown = info_buttons(info, stage.state, lang, stage.c.editor.measure, stage.lab)
        assert all(info.x <= b.rect.x and b.rect.x + b.rect.w <= info.x + info.w for b in shown)
    assert len(rects) == 4
    for r in rects:
        assert area.x <= r.x and r.x + r.w <= area.x + area.w and r.y >= area.y
    for a in rects:
        for b in rects:
            if a is not b:
                assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
    for panel in lay.panels.values():            # the views start below the tools
        assert all(panel.top <= r.y for r in rects if panel.x < r.x + r.w and r.x < panel.x + panel.w)


def test_the_look_inside_buttons_wrap_to_a_second_row_in_a_narrow_panel(stage):
    from blockbuilder.editor.screen import Rect
    stage.state.neuron = (0, 0)
    narrow = info_buttons(Rect(0, 0, 150, 200), stage.state, "en", stage.c.editor.measure, stage.lab)
    assert len({b.rect.y for b in narrow}) >= 2 and all(b.rect.x + b.rect.w <= 150 for b in narrow)
    wide = info_buttons(Rect(0, 0, 600, 200), stage.state, "en", stage.c.editor.measure, stage.lab)
    assert len({b.rect.y for b in wide}) == 1


def test_every_block_the_tools_make_is_a_block_of_the_catalog(stage, tmp_path):
    from blockbuilder.document.catalog import BLOCK_TYPES
    press(stage, tool(stage, "own_points"))
    press(stage, tool(stage, "open_csv"))
    choose_in_chooser(stage, csv_file(tmp_path, "t.csv", columns=2))
    assert all(b.type in BLOCK_TYPES for _, b in walk(stage.c.editor.project))


@pytest.mark.parametrize("big", [False, True])
def test_numbers_to_predict_have_a_loss_chart_and_no_empty_accuracy_chart(tmp_path, monkeypatch, big):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    project = next(e for e in EXAMPLES if e.name == "plane").project()
    c = Controller(Editor(project), 1280, 800)
    st = StageControl(c, Lab(c.editor))
    if big:
        st.toggle_big()
    else:
        st.state.tab = "charts"
    panels = st.layout().panels
    assert "accuracy" not in panels and panels["loss"].h > 150
    spiral = StageControl(Controller(Editor(next(e for e in EXAMPLES if e.name == "spiral").project()), 1280, 800),
                          Lab(Editor(next(e for e in EXAMPLES if e.name == "spiral").project())))
    spiral.state.tab, spiral.state.big = "charts", False
    assert {"loss", "accuracy"} <= set(spiral.layout().panels)


def test_clicking_an_input_on_the_diagram_switches_inputs_on_and_off_as_in_playground(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    stage = make_stage(tmp_path, "spiral")
    stage.state.tab = "network"
    rect = stage.layout().panels["diagram"]
    node = next(n for n in stage.diagram(rect).nodes if n.key[0] == "in")
    stage.press(node.x, node.y)
    menu = stage.c.menu
    assert menu is not None and menu.kind == "features" and menu.target == hat(stage).id
    assert [i.id for i in menu.items if i.checked] == ["x1", "x2"]
    stage.c.choose_menu_item(next(k for k, i in enumerate(menu.items) if i.id == "x1*x2"))
    stage.c.tick()
    assert hat(stage).params["features"] == ["x1", "x2", "x1*x2"]
    assert len(stage.lab.network.spec.input.features) == 3 and stage.c.menu is not None   # the menu stays open
    stage.c.editor.undo()
    stage.c.tick()
    assert stage.lab.network.spec.input.features == ["x1", "x2"]


def test_new_data_draws_other_random_points_of_the_same_kind_and_undo_brings_them_back(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    stage = make_stage(tmp_path, "spiral")
    before = stage.lab.train_set.x.copy()
    press(stage, tool(stage, "regenerate"))
    after = stage.lab.train_set.x
    assert after.shape == before.shape and not np.allclose(after, before)
    assert stage.lab.status == "ready" and stage.lab.epoch == 0
    stage.c.editor.undo()
    stage.c.tick()
    assert np.array_equal(stage.lab.train_set.x, before)


def test_gates_and_drawn_points_have_no_new_data_button(stage):
    assert tool(stage, "regenerate") is None
    press(stage, tool(stage, "own_points"))
    assert tool(stage, "regenerate") is None


def test_digits_offer_the_pad_s_clear_and_a_csv_but_not_drawn_points(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    stage = make_stage(tmp_path, "digits")
    assert [b.id for b in stage.layout().tools] == ["open_csv", "pad_clear"]


@pytest.mark.parametrize("example, hint", [("digits", "stage_look_hint_first"), ("spiral", "stage_look_hint")])
def test_the_look_inside_hint_speaks_of_a_data_point_only_where_there_is_a_plot_to_click(tmp_path, monkeypatch,
                                                                                          example, hint):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    stage = make_stage(tmp_path, example)
    assert stage.info_lines() == [msg(hint).text(stage.lang)]
