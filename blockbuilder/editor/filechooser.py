"""The in-window file chooser's model: a folder's entries, the selection, the name box, checks, row geometry.

The view only reads this state and calls these methods; nothing here draws. Geometry is in
the list area's own coordinates with y up from its bottom edge, as pyglet draws: row 0 of
the visible rows is at the top.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from runtime import Message

from ..document.settings import ensure_projects_folder, load_settings
from ..document.words import one_line
from .texts import msg

Mode = Literal["open", "save"]
Rect = tuple[float, float, float, float]  # x, y, width, height; y up from the list's bottom edge

MAX_NAME = 80  # characters, ".json" included: 80 Japanese characters are 240 UTF-8 bytes, under every 255-byte limit
_BAD_CHAR = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')  # a separator, or a character Windows refuses in names
_SEPARATOR = re.compile("[" + re.escape(os.sep + (os.altsep or "")) + "\x00]")  # what would leave the folder
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?\Z", re.IGNORECASE)  # Windows device names
_HIDDEN = 2  # FILE_ATTRIBUTE_HIDDEN


@dataclass(frozen=True)
class Entry:
    """One row of the list: the parent folder (".."), a folder, or a .json file."""

    name: str
    path: Path
    is_folder: bool

    @property
    def is_parent(self) -> bool:
        return self.name == ".."


@dataclass(frozen=True)
class Result:
    """What choose() decided: "chosen" or "confirm_overwrite" with a path, or "problem" with a message."""

    state: Literal["chosen", "confirm_overwrite", "problem"]
    path: Path | None = None
    problem: Message | None = None


class FileChooser:
    """An open or save dialog over one folder at a time."""

    def __init__(self, mode: Mode, folder: str | os.PathLike, name: str = "", home: Path | None = None,
                 suffix: str = ".json", title: Message | None = None):
        """`suffix`: the kind of file listed and added to a typed name (projects by default);
        `title`: the dialog's heading, when not "Open a project" / "Save the project"."""
        if mode not in ("open", "save"):
            raise ValueError(f"mode must be 'open' or 'save', not {mode!r}")
        self.mode, self.name, self.home = mode, name, home
        self.suffix, self._title = suffix, title
        self.folder = Path(os.path.abspath(folder))
        self.entries: list[Entry] = []
        self.others = 0                        # files in the folder the list leaves out (another kind)
        self.selected: int | None = None
        self.scroll = 0                        # index of the first visible row
        self.problem: Message | None = None         # why choose() refused; cleared by the next action
        self.folder_problem: Message | None = None  # why the folder could not be listed
        self.confirming: Path | None = None         # the existing file choose() asks to replace
        self._layout: tuple[float, float, float] = (0.0, 0.0, 1.0)  # width, height, row height of the last rows()
        self._follow = False                   # scroll to the selection at the next rows()
        self.go_to(folder)

    # --- what the view shows -----------------------------------------------------------

    @property
    def title(self) -> Message:
        return self._title or msg("files_title_open" if self.mode == "open" else "files_title_save")

    @property
    def action(self) -> Message:
        """The label of the button that chooses."""
        return msg("files_button_open" if self.mode == "open" else "files_button_save")

    @property
    def shows_empty(self) -> bool:
        """True when the folder was read and holds no folder or project to show."""
        return self.folder_problem is None and all(e.is_parent for e in self.entries)

    @property
    def empty_message(self) -> Message:
        """What the list says when it shows nothing: "This folder is empty." only when it is; else
        "No projects here (1 other file)." (or Scratch files, for .sb3)."""
        if not self.others:
            return msg("files_folder_empty")
        others = msg("files_other_file") if self.others == 1 else msg("files_other_files", count=self.others)
        return msg("files_folder_no_sb3" if self.suffix == ".sb3" else "files_folder_no_projects", others=others)

    def current(self) -> Entry | None:
        return self.entries[self.selected] if self.selected is not None else None

    # --- moving around -------------------------------------------------------------------

    def go_to(self, folder: str | os.PathLike) -> None:
        self.folder = Path(os.path.abspath(folder))
        self.selected, self.scroll = None, 0
        self._settle()
        self.refresh()

    def go_up(self) -> None:
        """Go to the parent folder and select the folder we came from."""
        came_from = self.folder
        self.go_to(self.folder.parent)
        found = [i for i, e in enumerate(self.entries) if e.path == came_from and not e.is_parent]
        if found:
            self.select(found[0])

    def go_home(self) -> None:
        """Go to the projects folder (created if missing)."""
        self.go_to(self.home or ensure_projects_folder(load_settings()))

    def refresh(self) -> None:
        """Read the folder again."""
        self.entries, self.folder_problem = list_folder(self.folder, self.suffix)
        self.others = count_others(self.folder, self.suffix) if self.folder_problem is None else 0
        if self.selected is not None and self.selected >= len(self.entries):
            self.selected = None

    # --- the selection and the name box ---------------------------------------------------

    def select(self, i: int | None) -> None:
        """Select row i (clamped to the list), or nothing; a file's name goes into the name box."""
        self._settle()
        if i is None or not self.entries:
            self.selected = None
            return
        self.selected = max(0, min(i, len(self.entries) - 1))
        self._follow = True  # again at the next rows(), whose size may differ from the last
        self._show_selection()
        if not self.entries[self.selected].is_folder:
            self.name = self.entries[self.selected].name

    def move_selection(self, delta: int) -> None:
        """Arrow keys: move by delta rows, stopping at either end; from nothing, start at an end."""
        if self.selected is None:
            self.select(0 if delta > 0 else len(self.entries) - 1)
        else:
            self.select(self.selected + delta)

    def open_selected(self) -> Result | None:
        """Enter or double click: go into a folder (None), or choose the selected file or typed name."""
        entry = self.current()
        if entry is not None and entry.is_parent:
            self.go_up()
        elif entry is not None and entry.is_folder:
            self.go_to(entry.path)
        else:
            return self.choose()
        return None

    def type_text(self, text: str) -> None:
        """Typed characters go into the name box; typing leaves the list."""
        self.name += "".join(c for c in text if c.isprintable())
        self.selected = None
        self._settle()

    def backspace(self) -> None:
        self.name = self.name[:-1]
        self.selected = None
        self._settle()

    def _settle(self) -> None:
        """Any action but choosing withdraws the last refusal and the question about replacing."""
        self.problem, self.confirming = None, None

    # --- choosing -------------------------------------------------------------------------

    def choose(self, confirm: bool = False) -> Result:
        """The file the name box names. Saving over an existing file first answers
        "confirm_overwrite"; choose(confirm=True) (or confirm()) then accepts it."""
        result = self._decide(self.name.strip(), confirm)
        self.problem = result.problem
        self.confirming = result.path if result.state == "confirm_overwrite" else None
        return result

    def confirm(self) -> Result:
        """The person agreed to replace the file."""
        return self.choose(confirm=True)

    def _decide(self, name: str, confirm: bool) -> Result:
        if self.mode == "save" and name and not name.lower().endswith(self.suffix):
            name += self.suffix
        bad = name_problem(name, self.mode)
        if bad is not None:
            return Result("problem", problem=bad)
        path = self.folder / name
        if self.mode == "open":
            return _open_target(path, self.suffix)
        if os.path.isdir(path):
            return Result("problem", problem=msg("files_is_folder", name=name))
        if os.path.lexists(path) and not confirm:
            return Result("confirm_overwrite", path=path)
        return Result("chosen", path=path)

    # --- geometry ---------------------------------------------------------------------------

    def rows(self, width: float, height: float, row_height: float) -> list[tuple[int, Rect]]:
        """(index, rect) of each visible row, after scrolling the selection into view."""
        self._layout = (width, height, row_height)
        if self._follow:
            self._show_selection()
        self._follow = False
        self.scroll_by(0)
        return self._rows()

    def scroll_by(self, rows: int) -> None:
        """The mouse wheel: scroll by whole rows, within the list; the selection may leave view."""
        most = max(0, len(self.entries) - self._visible())
        self.scroll = max(0, min(self.scroll + rows, most))

    def hit(self, x: float, y: float) -> int | None:
        """The index of the row under (x, y) in the last rows() layout, or None."""
        for i, (rx, ry, rw, rh) in self._rows():
            if rx <= x < rx + rw and ry <= y < ry + rh:
                return i
        return None

    def _show_selection(self) -> None:
        if self.selected is not None:
            self.scroll = min(self.scroll, self.selected)
            self.scroll = max(self.scroll, self.selected - self._visible() + 1)

    def _visible(self) -> int:
        _, height, row_height = self._layout
        return max(1, int(height // row_height)) if row_height > 0 else 1

    def _rows(self) -> list[tuple[int, Rect]]:
        width, height, row_height = self._layout
        last = min(len(self.entries), self.scroll + self._visible())
        return [(i, (0.0, float(height - (i - self.scroll + 1) * row_height), float(width), float(row_height)))
                for i in range(self.scroll, last)]


def name_problem(name: str, mode: Mode = "save") -> Message | None:
    """Why `name` cannot be a project's file name, or None. Opening checks only that the name
    stays in the folder: a file that exists may have a name we would not give a new one."""
    if not name:
        return msg("files_name_empty" if mode == "save" else "files_open_nothing")
    bad = (_BAD_CHAR if mode == "save" else _SEPARATOR).search(name)
    if bad:
        return msg("files_name_bad_char", char=one_line(bad.group()))
    if mode == "open":
        return None
    if name.startswith("."):
        return msg("files_name_dot")
    if _RESERVED.match(name):
        return msg("files_name_reserved", name=name)
    if len(name) > MAX_NAME:
        return msg("files_name_too_long", length=len(name), limit=MAX_NAME)
    return None


def file_name(name: str, suffix: str = ".json") -> str:
    """A name for a new file made from a project's name, safe on Windows, macOS and Linux: characters
    they refuse become "_", no leading dot, no trailing dot or space, no device name, at most MAX_NAME."""
    stem = _BAD_CHAR.sub("_", name.strip()).lstrip(".")
    stem = stem[:MAX_NAME - len(suffix)].rstrip(". ")
    if not stem or _RESERVED.match(stem):
        stem += "_"
    return stem + suffix


def _open_target(path: Path, suffix: str = ".json") -> Result:
    """An existing file (trying name + suffix too), or why not."""
    with_suffix = path.with_name(path.name + suffix)
    if not os.path.lexists(path) and path.suffix.lower() != suffix and os.path.isfile(with_suffix):
        path = with_suffix
    if os.path.isdir(path):
        return Result("problem", problem=msg("files_open_folder", name=one_line(path.name)))
    if not os.path.isfile(path):
        return Result("problem", problem=msg("files_not_found", name=one_line(path.name)))
    return Result("chosen", path=path)


def list_folder(folder: Path, suffix: str = ".json") -> tuple[list[Entry], Message | None]:
    """".." (unless at the top), then folders, then the files ending in `suffix`, each sorted ignoring
    case; hidden ones left out. An unreadable folder gives no entries and the reason."""
    try:
        with os.scandir(folder) as found:
            kinds = [(e.name, _kind(e)) for e in found if not e.name.startswith(".")]
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        detail = one_line(getattr(e, "strerror", None) or str(e))
        return [], msg("files_folder_unreadable", folder=one_line(str(folder)), detail=detail)
    folders = sorted((n for n, k in kinds if k == "folder"), key=str.casefold)
    files = sorted((n for n, k in kinds if k == "file" and n.lower().endswith(suffix)), key=str.casefold)
    entries = [Entry("..", folder.parent, True)] if folder.parent != folder else []
    entries += [Entry(n, folder / n, True) for n in folders]
    return entries + [Entry(n, folder / n, False) for n in files], None


def count_others(folder: Path, suffix: str = ".json") -> int:
    """How many files the list leaves out for not ending in `suffix` (hidden ones not counted)."""
    try:
        with os.scandir(folder) as found:
            return sum(1 for e in found if not e.name.startswith(".") and _kind(e) == "file"
                       and not e.name.lower().endswith(suffix))
    except (OSError, ValueError):
        return 0


def _kind(entry: os.DirEntry) -> str | None:
    """"folder", "file", or None for what the list leaves out (hidden on Windows, broken links, devices)."""
    try:
        if os.name == "nt" and entry.stat().st_file_attributes & _HIDDEN:
            return None
        return "folder" if entry.is_dir() else "file" if entry.is_file() else None
    except OSError:
        return None
