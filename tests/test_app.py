"""The app puts the rooms together headless, and its one action table answers every button and menu item."""
from __future__ import annotations

import pytest

from blockbuilder.app import actions, assemble
from blockbuilder.document.settings import Settings
from blockbuilder.session.examples import EXAMPLES
from blockbuilder.session.recovery import Autosaver

# What the controller does itself (editing the blocks, zoom, the trash); everything else is in the app's table.
CONTROLLER_OWN = {"undo", "redo", "clean_up", "zoom_in", "zoom_out", "zoom_reset", "trash", "paste", "delete",
                  "duplicate", "copy", "move", "comment_add", "comment_edit"}


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    return lambda name: assemble(next(e for e in EXAMPLES if e.name == name).project(), settings=Settings(),
                                 autosaver=Autosaver(tmp_path / "recovery"))


def named_actions(a) -> set[str]:
    """Every action id a toolbar button, a stage button, a data tool or a menu of this app names."""
    c = a.controller
    ids = {b.id for b in c.toolbar().all()}
    lay = a.stage.layout()
    ids |= {b.id for b in lay.buttons} | {b.id for b in lay.tools if ":" not in b.id}
    for opener in (a.session.examples, a.session.language, a.stage.speed_menu):
        opener()
        ids |= {item.id for item in c.menu.items}
        c.menu = None
    return ids - {"pad_clear", "test_toggle"}   # the stage's own choices, not actions


@pytest.mark.parametrize("example", ["xor", "spiral", "digits", "plane"])
def test_every_button_and_menu_item_has_someone_to_do_it(app, example):
    a = app(example)
    missing = named_actions(a) - CONTROLLER_OWN - set(a.controller.actions)
    assert not missing


def test_who_handles_export_is_the_exporter_and_training_the_lab(app):
    a = app("xor")
    table = a.controller.actions
    assert table["export"] == a.exporter.start and table["lab_toggle"] == a.lab.toggle
    assert table["open"] == a.session.open and table["open_csv"] == a.tools.open_csv
    a.controller.run("lab_toggle")
    assert a.lab.status == "running"
    a.controller.run("speed:fast")
    assert a.lab.speed == "fast"


def test_the_table_is_built_in_one_place_and_the_parts_register_nothing_themselves(app):
    a = app("xor")
    again = actions(a.session, a.lab, a.stage, a.tools, a.exporter)
    assert again.keys() == a.controller.actions.keys()
    assert {f"example:{e.name}" for e in EXAMPLES} <= again.keys()
