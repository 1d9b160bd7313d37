"""Migrations: old files are upgraded one version step at a time, before validation.

Version 1 is the first format, so no real upgrade exists yet. These tests run the mechanism
with a made-up version 0 (tests/data/project_v0_madeup.json: "title" for "name", "neurons"
for a dense layer's "units") and its made-up upgrade, registered only inside the tests.
"""
from __future__ import annotations

import copy
import json
import pathlib

import pytest

from blockbuilder.document import migrations
from blockbuilder.document.migrations import MIGRATIONS, migrate
from blockbuilder.document.project import SCHEMA_VERSION
from blockbuilder.document.projectfile import dumps_project, load_project
from blockbuilder.document.words import UIProblem

DATA = pathlib.Path(__file__).resolve().parent / "data"
FIRST_VERSION = 1  # the first file format; nothing older was ever written


def upgrade_0_to_1(data: dict) -> dict:
    """The made-up step: version 0 said "title" for the name and "neurons" for a dense layer's units."""
    data["name"] = data.pop("title")
    for script in data.get("scripts", []):
        for block in script.get("blocks", []):
            if block.get("type") == "layers_dense" and "neurons" in block.get("params", {}):
                block["params"]["units"] = block["params"].pop("neurons")
    return data


def refusal(path: pathlib.Path) -> UIProblem:
    with pytest.raises(UIProblem) as caught:
        load_project(path)
    assert all(len(caught.value.text(lang).splitlines()) == 1 for lang in ("ja", "ja-Hira", "en"))
    assert path.name in caught.value.text("en")
    return caught.value


def test_every_old_version_has_exactly_one_upgrade_named_for_its_step():
    assert set(MIGRATIONS) == set(range(FIRST_VERSION, SCHEMA_VERSION))
    for n, step in MIGRATIONS.items():
        assert step.__name__ == f"upgrade_{n}_to_{n + 1}"


def test_a_current_file_passes_through_migrate_untouched():
    data = json.loads(dumps_project(load_project(DATA / "project_v2.json")))  # as saved today
    before = copy.deepcopy(data)
    assert migrate(data) is data and data == before


def test_the_file_saved_by_version_1_still_loads():
    project = load_project(DATA / "project_v1.json")
    assert project.schema_version == SCHEMA_VERSION
    assert project.name.startswith("うずまき") and set(project.trained) == {"h1", "bn", "last"}


def test_a_made_up_old_file_is_upgraded_before_validation(monkeypatch):
    path = DATA / "project_v0_madeup.json"
    before = path.read_bytes()
    monkeypatch.setitem(MIGRATIONS, 0, upgrade_0_to_1)
    project = load_project(path)
    assert project.schema_version == SCHEMA_VERSION and project.name == "XOR (a made-up version 0 file)"
    assert [b.params.get("units") for b in project.scripts[0].blocks] == [None, 4, 2, None]
    assert path.read_bytes() == before, "loading an old file must not rewrite it"


def test_an_old_file_with_no_upgrade_for_its_version_is_refused_in_one_line():
    problem = refusal(DATA / "project_v0_madeup.json")
    assert problem.message.params["reason"].key == "reason_unknown_version" and "0" in problem.text("en")


def test_upgrades_run_one_step_at_a_time_in_order(monkeypatch):
    ran = []

    def step(n):
        def upgrade(data):
            ran.append((n, data["schema_version"]))
            return {**data, "steps": data.get("steps", 0) + 1}
        return upgrade

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(MIGRATIONS, 1, step(1))
    monkeypatch.setitem(MIGRATIONS, 2, step(2))
    assert migrate({"schema_version": 1}) == {"schema_version": 3, "steps": 2}
    assert ran == [(1, 1), (2, 2)]
    assert migrate({"schema_version": 2}) == {"schema_version": 3, "steps": 1}


def test_an_upgrade_that_trips_over_a_malformed_old_file_is_one_line(tmp_path, monkeypatch):
    data = json.loads((DATA / "project_v0_madeup.json").read_text(encoding="utf-8"))
    del data["title"]  # the made-up upgrade reads it without asking
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setitem(MIGRATIONS, 0, upgrade_0_to_1)
    problem = refusal(path)
    assert problem.message.params["reason"].key == "reason_cannot_upgrade"
    assert "older blockbuilder (file version 0)" in problem.text("en")


def test_an_upgraded_file_is_validated_like_any_other(tmp_path, monkeypatch):
    data = json.loads((DATA / "project_v0_madeup.json").read_text(encoding="utf-8"))
    data["scripts"][0]["blocks"][1]["params"]["neurons"] = "four"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setitem(MIGRATIONS, 0, upgrade_0_to_1)
    problem = refusal(path)
    assert problem.message.params["place"] == "scripts[0].blocks[1].params.units"


def test_a_version_1_file_upgrades_to_what_version_2_saves():
    old, new = load_project(DATA / "project_v1.json"), load_project(DATA / "project_v2.json")
    assert old.model_copy(update={"name": new.name}) == new
    assert dumps_project(old) == dumps_project(new).replace("version 2", "version 1")
