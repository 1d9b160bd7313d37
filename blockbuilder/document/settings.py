"""The user's remembered settings (language, last project, projects folder) and where they live on disk.

Settings never stop the editor: a missing, unreadable or broken settings file reads as the
defaults, and a failed save only returns False. The environment variable BLOCKBUILDER_HOME,
when set, replaces every per-user place (the settings folder and the projects folder), so
tests and workshop machines never touch the real home folder.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .atomic import write_atomic
from .project import Lang

HOME_VARIABLE = "BLOCKBUILDER_HOME"
SETTINGS_FILE = "settings.json"
_MAX_BYTES = 1024 * 1024  # a settings file is a few hundred bytes; anything bigger is not ours


class Settings(BaseModel):
    """What blockbuilder remembers between runs."""

    # ignore: a newer or older blockbuilder may write keys this one does not know.
    model_config = ConfigDict(extra="ignore", use_attribute_docstrings=True)

    language: Lang | None = None
    """The language the editor speaks; None until the person has chosen one."""
    last_project: str | None = None
    """The project file open when the editor last closed, to open again at start."""
    projects_folder: str | None = None
    """Where the file chooser starts; None means the default folder (see projects_folder())."""
    window_width: int | None = Field(None, ge=200, le=20000)
    """The editor window's width when it last closed or was resized, in screen units; None: never opened."""
    window_height: int | None = Field(None, ge=200, le=20000)
    """The editor window's height, as window_width."""


# --- places ---------------------------------------------------------------------------

def settings_dir() -> Path:
    """The folder for settings and recovery files: BLOCKBUILDER_HOME, else the platform's place."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override)
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        return Path(appdata) / "blockbuilder" if appdata else Path.home() / "AppData" / "Roaming" / "blockbuilder"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "blockbuilder"
    xdg = os.environ.get("XDG_CONFIG_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".config"  # the XDG spec ignores relative paths
    return base / "blockbuilder"


def projects_folder(settings: Settings) -> Path:
    """Where projects go: the chosen folder if it still exists, else a default; not created here."""
    if settings.projects_folder and os.path.isdir(settings.projects_folder):
        return Path(settings.projects_folder)
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override) / "projects"
    documents = Path.home() / "Documents"
    return documents / "blockbuilder" if documents.is_dir() else Path.home() / "blockbuilder-projects"


def ensure_projects_folder(settings: Settings) -> Path:
    """projects_folder(settings), created with its parents if it can be; never raises."""
    folder = projects_folder(settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError):
        pass  # the file chooser shows the folder as unreadable, with the reason
    return folder


# --- reading and writing ----------------------------------------------------------------

def load_settings() -> Settings:
    """The saved settings; defaults for a missing or broken file, and for each field that is bad."""
    try:
        with open(settings_dir() / SETTINGS_FILE, "rb") as f:
            data = json.loads(f.read(_MAX_BYTES + 1).decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: not UTF-8, not JSON, a NUL in the path
        return Settings()
    return _lenient(data) if isinstance(data, dict) else Settings()


def _lenient(data: dict) -> Settings:
    """Validate, dropping the fields pydantic refuses, so one bad value forgets only itself."""
    for _ in range(len(Settings.model_fields) + 1):
        try:
            return Settings.model_validate(data)
        except ValidationError as e:
            bad = {err["loc"][0] for err in e.errors() if err["loc"]}
            data = {k: v for k, v in data.items() if k not in bad}
    return Settings()


def save_settings(settings: Settings) -> bool:
    """Write the settings atomically; True on success, False (and the old file kept) on failure."""
    text = settings.model_dump_json(indent=1) + "\n"
    try:
        settings_dir().mkdir(parents=True, exist_ok=True)
        write_atomic(settings_dir() / SETTINGS_FILE, text.encode("utf-8"))
    except (OSError, ValueError):
        return False
    return True
