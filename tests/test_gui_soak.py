"""A minute of random use of the real editor window, aimed at its real controls: it never crashes.

Random but person-shaped: toolbar buttons, palette blocks dragged into the code area and onto stacks,
fields clicked and typed into with silly values, menus and their items, the Examples and language menus,
dialogs answered, the stage's buttons, tabs, tools and views (▶ pressed, clicks while it trains),
right-clicks, Delete, Ctrl+Z/Y, zoom, scrolling, resizes down to 1024 x 600, and the close button
answered "cancel". Where each control is comes from the controller (toolbar, regions, menus, palette,
the stage's layout), never from fixed pixels. Events are real pyglet events through the window.

A crash is an exception escaping, the window closing, an entry in `window.caught` (the window's guard
records what it caught), or a broken invariant checked after every gesture (the document follows the
catalog, block ids are unique, the open menu and the dialog's and toolbar's buttons lie inside the window).
The report names the seed and the last 30 events with what each aimed at.

Each run takes a fresh seed from the clock and prints it; BLOCKBUILDER_SOAK_SEED=N replays one, and
BLOCKBUILDER_SOAK_SECONDS sets how long (default 60) and BLOCKBUILDER_SOAK_GESTURES stops after that many
gestures. Training runs on a counting clock, so a seed gives the same gestures again. benchmarks/soak.py
runs many seeds for as long as asked.

Files: HOME, BLOCKBUILDER_HOME and the working folder are temporary, the file choosers stay inside the
temporary folder (a project, a CSV and a broken file to open are there), and a write aimed outside it
fails as a read-only folder would.
"""
from __future__ import annotations

import os
import shutil
import time
import traceback
from pathlib import Path

import pytest

import gui_harness  # noqa: I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from gui_harness import open_gui
from soak_gestures import CountingClock, Crash, Soak

SECONDS = float(os.environ.get("BLOCKBUILDER_SOAK_SECONDS", "60"))
GESTURES = int(os.environ.get("BLOCKBUILDER_SOAK_GESTURES", "0"))   # > 0: stop after this many (a replay)
SEED_VARIABLE = "BLOCKBUILDER_SOAK_SEED"


@pytest.fixture
def soak_home(tmp_path, monkeypatch):
    """Temporary HOME, BLOCKBUILDER_HOME and working folder; writes outside tmp_path fail (listed)."""
    import blockbuilder.document.projectfile as projectfile
    import blockbuilder.document.settings as settings
    import blockbuilder.editor.filechooser as filechooser
    import blockbuilder.session.export_flow as export_flow
    import blockbuilder.session.recovery as recovery
    for name in ("home", "user", "work"):
        (tmp_path / name).mkdir()
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.chdir(tmp_path / "work")
    refused: list[str] = []
    for module in (projectfile, settings, export_flow, recovery):
        monkeypatch.setattr(module, "write_atomic", _guarded(module.write_atomic, str(tmp_path), refused))
    monkeypatch.setattr(filechooser.FileChooser, "go_to", _kept_in(filechooser.FileChooser.go_to, str(tmp_path)))
    _things_to_open(tmp_path / "home" / "projects")
    return tmp_path, refused


def _kept_in(go_to, root: str):
    """The choosers see only the temporary folder (elsewhere differs between runs, and a seed must replay)."""
    def kept(self, folder):
        path = os.path.abspath(folder)
        go_to(self, path if path.startswith(root + os.sep) else root)
    return kept


def _things_to_open(folder) -> None:
    folder.mkdir(parents=True)
    rows = "\n".join(f"{i % 7 - 3},{i % 5 * 0.5},{'ab'[i % 2]}" for i in range(40))
    (folder / "points.csv").write_text("x1,x2,label\n" + rows + "\n", encoding="utf-8")
    (folder / "one.csv").write_text("a\n1\n", encoding="utf-8")
    (folder / "broken.json").write_text('{"schema_version": 2, "scripts": [', encoding="utf-8")
    (folder / "sub").mkdir()
    shutil.copy(Path(__file__).resolve().parent.parent / "examples" / "moons.json", folder / "moons.json")


def _guarded(write, root: str, refused: list[str]):
    def write_atomic(path, data):
        if not os.path.abspath(os.fspath(path)).startswith(root + os.sep):
            refused.append(os.fspath(path))
            raise PermissionError(13, "Permission denied", os.fspath(path))
        write(path, data)
    return write_atomic


def report(soak: Soak, started: float) -> str:
    """The seed, how to replay it, and the last 30 events with what each aimed at."""
    recent = "\n".join("  " + repr(e) for e in list(soak.log)[-30:])
    return (f"soak seed {soak.seed}: crash after {soak.actions} gestures ({soak.g.events} events, "
            f"{time.perf_counter() - started:.1f} s)\nreplay: {SEED_VARIABLE}={soak.seed} "
            f"BLOCKBUILDER_SOAK_GESTURES={soak.actions} BLOCKBUILDER_SOAK_SECONDS={max(SECONDS, 600):g}\n"
            f"the last 30 events (event, arguments, aimed at):\n{recent}")


def soak_seed() -> int:
    given = os.environ.get(SEED_VARIABLE)
    return int(given) if given else time.time_ns() % 1_000_000_007


def test_a_minute_of_random_use_aimed_at_the_controls_never_crashes_the_window(soak_home):
    seed = soak_seed()
    print(f"\nsoak seed {seed} ({SEED_VARIABLE}={seed} replays it), {SECONDS:g} s", flush=True)
    _, refused = soak_home
    gui = open_gui(width=1366, height=800)
    gui.window.lab.clock = CountingClock()
    soak = Soak(gui, seed)
    started = time.perf_counter()
    try:
        while time.perf_counter() - started < SECONDS and not (GESTURES and soak.actions >= GESTURES):
            soak.step()
            soak.tick_and_check()
    except Exception as e:
        detail = e if isinstance(e, Crash) else "".join(traceback.format_exception(e))
        raise Crash(f"{report(soak, started)}\n{detail}") from None
    finally:
        if gui.window.context is not None:
            gui.close()
    print(f"soak seed {seed}: {soak.actions} gestures, {gui.events} events, {gui.window.frames} frames in "
          f"{time.perf_counter() - started:.1f} s; writes refused outside tmp: {len(refused)}; "
          f"{dict(soak.counts.most_common())}")
    assert soak.actions > 0 and gui.window.frames > 0
