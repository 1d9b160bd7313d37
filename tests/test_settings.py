"""Remembered settings: where they live, defaults for anything broken, atomic saves, the projects folder."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from blockbuilder.document import settings as settings_module
from blockbuilder.document.settings import (SETTINGS_FILE, Settings, ensure_projects_folder, load_settings,
                                            projects_folder, save_settings, settings_dir)


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """BLOCKBUILDER_HOME, set to an empty folder."""
    folder = tmp_path / "bbhome"
    folder.mkdir()
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(folder))
    return folder


@pytest.fixture
def user_home(tmp_path, monkeypatch) -> Path:
    """No BLOCKBUILDER_HOME; the home folder is an empty folder in tmp_path."""
    folder = tmp_path / "user"
    folder.mkdir()
    monkeypatch.delenv("BLOCKBUILDER_HOME", raising=False)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("USERPROFILE", str(folder))
    return folder


def write(home: Path, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    (home / SETTINGS_FILE).write_bytes(data)


# --- where ---------------------------------------------------------------------------

def test_the_settings_folder_is_blockbuilder_home_when_it_is_set(home):
    assert settings_dir() == home


def test_on_linux_the_settings_folder_follows_xdg_config_home(user_home, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert settings_dir() == tmp_path / "config" / "blockbuilder"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    assert settings_dir() == user_home / ".config" / "blockbuilder"


@pytest.mark.skipif(sys.platform == "win32", reason="Path.home() on Windows does not read HOME")
def test_on_macos_the_settings_folder_is_in_application_support(user_home, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert settings_dir() == user_home / "Library" / "Application Support" / "blockbuilder"


def test_on_windows_the_settings_folder_is_in_appdata(user_home, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert settings_dir() == tmp_path / "Roaming" / "blockbuilder"


# --- reading -------------------------------------------------------------------------

def test_a_missing_settings_file_gives_the_defaults(home):
    assert load_settings() == Settings()
    assert Settings().language is None and Settings().last_project is None


@pytest.mark.parametrize("text", ["", "{", "not json", b"\xff\xfe\x00garbage", "[1, 2]", "null", "[" * 100_000])
def test_a_garbage_settings_file_gives_the_defaults(home, text):
    write(home, '{"language": "en"}')
    assert load_settings().language == "en"  # the file is read at all
    write(home, text)
    assert load_settings() == Settings()


def test_a_settings_file_that_is_a_folder_gives_the_defaults(home):
    (home / SETTINGS_FILE).mkdir()
    assert load_settings() == Settings()


def test_one_bad_value_forgets_only_itself(home):
    write(home, json.dumps({"language": "fr", "last_project": "/p/a.json", "projects_folder": 7}))
    assert load_settings() == Settings(last_project="/p/a.json")


def test_keys_this_version_does_not_know_are_ignored(home):
    write(home, json.dumps({"language": "ja-Hira", "theme": "dark", "window": {"w": 800}}))
    assert load_settings() == Settings(language="ja-Hira")


def test_every_settings_field_has_a_description():
    for name, field in Settings.model_fields.items():
        assert field.description and field.description.strip(), name


# --- writing -------------------------------------------------------------------------

def test_settings_round_trip_through_the_file(home):
    chosen = Settings(language="ja", last_project=str(home / "ねこ.json"), projects_folder=str(home))
    assert save_settings(chosen) is True
    assert load_settings() == chosen
    assert json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))["language"] == "ja"


def test_the_window_size_round_trips_and_a_bad_one_is_forgotten(home):
    assert save_settings(Settings(window_width=1100, window_height=640)) is True
    assert (load_settings().window_width, load_settings().window_height) == (1100, 640)
    write(home, json.dumps({"language": "en", "window_width": -5, "window_height": "tall"}))
    assert load_settings() == Settings(language="en")


def test_saving_creates_the_settings_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "new" / "deeper"))
    assert save_settings(Settings(language="en"))
    assert load_settings().language == "en"


def test_a_failed_save_returns_false_and_keeps_the_old_file(home, monkeypatch):
    save_settings(Settings(language="ja"))

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings_module.os, "replace", refuse)
    assert save_settings(Settings(language="en")) is False
    assert load_settings().language == "ja"
    assert sorted(p.name for p in home.iterdir()) == [SETTINGS_FILE]  # no temp file left behind


def test_saving_where_no_folder_can_be_made_returns_false(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(blocker / "inside"))
    assert save_settings(Settings(language="en")) is False


# --- the projects folder ----------------------------------------------------------------

def test_the_chosen_projects_folder_is_used_when_it_exists(home, tmp_path):
    chosen = tmp_path / "class-3"
    chosen.mkdir()
    assert projects_folder(Settings(projects_folder=str(chosen))) == chosen


def test_a_chosen_projects_folder_that_is_gone_falls_back_to_blockbuilder_home(home, tmp_path):
    assert projects_folder(Settings(projects_folder=str(tmp_path / "gone"))) == home / "projects"
    assert not (home / "projects").exists()  # finding the folder does not create it


def test_without_the_override_projects_go_in_documents_when_it_exists(user_home):
    assert projects_folder(Settings()) == user_home / "blockbuilder-projects"
    (user_home / "Documents").mkdir()
    assert projects_folder(Settings()) == user_home / "Documents" / "blockbuilder"


def test_ensuring_the_projects_folder_creates_it(home):
    folder = ensure_projects_folder(Settings())
    assert folder == home / "projects" and folder.is_dir()
    assert ensure_projects_folder(Settings()) == folder  # a second time is fine


def test_ensuring_a_folder_that_cannot_be_made_does_not_raise(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(blocker))
    folder = ensure_projects_folder(Settings())
    assert folder == blocker / "projects" and not os.path.isdir(folder)
