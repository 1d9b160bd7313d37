"""Autosave to a recovery file, and finding the work an editor left behind when it stopped without saving.

Each running editor has its own recovery file, ``recovery-<n>.json`` in the settings folder,
written `interval` (1.5) seconds after the first change not yet written, so a crash or kill -9
loses at most about two seconds of work; save_now() writes at once (for a crash handler). The
file is one JSON object::

    {"blockbuilder_recovery": 1, "saved_at": <seconds since 1970>, "source_path": <path or null>,
     "project": <the project, exactly as a project file holds it>}

Its project part is read back through projectfile's loader, so a broken copy gets that
loader's sentences. Every write is atomic (a temp file, then os.replace): a crash while
writing leaves the previous copy whole.

Two editors at once: each takes a different slot n and holds an OS lock on
``recovery-<n>.lock`` (flock on POSIX, msvcrt.locking on Windows) for as long as it runs; the
OS lets go of the lock when the process ends, however it ends. pending() offers only files
whose lock nobody holds, so an editor never offers a running editor's work, and clear() in one
window never removes another window's copy. A new editor does not take a slot whose file is
waiting to be offered. When several editors died, pending() offers the newest copy; the others
are offered at the next starts, one each time.

A recovery file that cannot be read is never removed: scan() renames it ``*.broken``, keeps it and
names it, so the session can say where it is. One that reads again (an older blockbuilder's
size limit was smaller) is put back and offered.
"""
from __future__ import annotations

import json
import math
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Callable

from runtime import Message

from ..document.atomic import clean_stale, write_atomic
from ..document.project import Project
from ..document.projectfile import MAX_BYTES, dumps_project, loads_project
from ..document.settings import settings_dir
from ..document.words import UIProblem, one_line
from .texts import msg

FORMAT = 1  # the wrapper's version; bump if its keys change
_MARK = "blockbuilder_recovery"
_NAME = re.compile(r"recovery-(\d+)\.json\Z")
_BROKEN = re.compile(r"recovery-(\d+)\.json(\.\d+)?\.broken\Z")
INTERVAL = 1.5  # seconds from a change to its copy: with a frame's delay, a kill loses under 2 s
MAX_SLOTS = 32  # editors running at once on one account; more get no autosave, and say so
_READ_LIMIT = MAX_BYTES + 64 * 1024  # the project, plus the wrapper and a long path


@dataclass(frozen=True)
class Recovery:
    """Work an editor left behind: the project, the file it came from, and when it was copied."""

    project: Project
    source_path: str | None
    saved_at: datetime
    path: Path  # the recovery file itself

    def offer(self) -> Message:
        """"blockbuilder closed without saving. Bring back the work from <time>?\""""
        return msg("files_recover_offer", time=f"{self.saved_at:%Y-%m-%d %H:%M}")

    def discard(self) -> None:
        """The person chose to start fresh: remove the recovery file."""
        _remove(self.path)


class Autosaver:
    """Copies the editor's project to its recovery file a few seconds after each change."""

    def __init__(self, folder: str | os.PathLike | None = None, interval: float = INTERVAL,
                 clock: Callable[[], float] = time.monotonic, now: Callable[[], float] = time.time):
        self.folder = Path(folder) if folder is not None else settings_dir()
        self.interval, self.clock, self.now = interval, clock, now
        self.path: Path | None = None         # our recovery file, once we hold a slot
        self.problem: Message | None = None   # why the last autosave failed; None after one succeeds
        self._lock: IO | None = None
        self._project: Project | None = None
        self._source: str | None = None
        self._due: float | None = None        # clock time to write the changes; None: nothing to write

    @property
    def dirty(self) -> bool:
        """There are changes not yet in the recovery file."""
        return self._due is not None

    def note_change(self, project: Project, source_path: str | None) -> None:
        """The project changed (source_path: the file it was opened from or saved to, or None)."""
        self._project, self._source = project, source_path
        if self._due is None:
            self._due = self.clock() + self.interval

    def tick(self) -> bool:
        """Call often (every frame is fine); writes once `interval` has passed since the first
        change not yet written. True when it wrote."""
        if self._due is None or self.clock() < self._due:
            return False
        return self.flush()

    def flush(self) -> bool:
        """Write the changes now, if there are any; True when written. A failure sets `problem`
        and tries again after another interval."""
        if self._due is None:
            return False
        try:
            data = _wrapper(self._project, self._source, self.now()).encode("utf-8")
            write_atomic(self._claim(), data)
        except (OSError, ValueError, TypeError) as e:  # ValueError: NaN in the project, a NUL in the path
            self.problem = msg("files_autosave_failed", detail=_detail(e))
            self._due = self.clock() + self.interval
            return False
        self.problem, self._due = None, None
        return True

    def save_now(self, project: Project, source_path: str | None) -> bool:
        """Write this project to the recovery file right away (a crash handler's call); True when written."""
        self.note_change(project, source_path)
        return self.flush()

    def clear(self) -> None:
        """After a save, on a clean exit, or on starting fresh: forget the changes, remove our file."""
        self._due = None
        if self.path is not None:
            _remove(self.path)

    def adopt(self, recovery: Recovery) -> bool:
        """Restoring: take over the recovery's file, so the next autosave replaces it and clear()
        removes it. Call before any change. False if another editor took it first."""
        try:
            lock = _lock(_lock_path(recovery.path))
        except OSError:
            lock = None
        if lock is None:
            return False
        self.clear()
        self.close()
        self._lock, self.path = lock, recovery.path
        self._project, self._source = recovery.project, recovery.source_path
        return True

    def close(self) -> None:
        """Let go of our slot and keep its file, as the OS does when the editor stops."""
        if self._lock is not None:
            self._lock.close()
        self._lock, self.path = None, None

    def _claim(self) -> Path:
        """Our recovery file: the first slot no editor holds and no left-behind work fills."""
        if self.path is not None:
            return self.path
        self.folder.mkdir(parents=True, exist_ok=True)
        for n in range(1, MAX_SLOTS + 1):
            path = self.folder / f"recovery-{n}.json"
            lock = _lock(_lock_path(path))
            if lock is not None and os.path.lexists(path):
                lock.close()  # work left behind, waiting for pending() to offer it
            elif lock is not None:
                self._lock, self.path = lock, path
                return path
        raise OSError(f"all {MAX_SLOTS} recovery files are in use")


# --- finding left-behind work ---------------------------------------------------------

def pending(folder: str | os.PathLike | None = None) -> Recovery | None:
    """The newest work left by an editor that is no longer running, or None; never raises.
    A broken recovery file is renamed to *.broken, kept and skipped."""
    return scan(folder)[0]


def scan(folder: str | os.PathLike | None = None) -> tuple[Recovery | None, list[Path]]:
    """(the newest left-behind work or None, the broken recovery files just set aside as *.broken);
    never raises. Old *.broken files that read now are put back first, to be offered, and temp files
    of writes that were killed are removed."""
    folder = Path(folder) if folder is not None else settings_dir()
    clean_stale(folder)
    try:
        _revive(folder, os.listdir(folder))
        names = sorted(n for n in os.listdir(folder) if _NAME.match(n))
    except (OSError, ValueError):
        return None, []
    found, broken = [], []
    for name in names:
        recovery = _left_behind(folder / name)
        if isinstance(recovery, Path):
            broken.append(recovery)
        elif recovery is not None:
            found.append(recovery)
    return max(found, key=lambda r: r.saved_at, default=None), broken


def read_recovery(path: str | os.PathLike) -> Recovery:
    """Read one recovery file; UIProblem with projectfile's sentence naming the file when it is broken."""
    path, name = Path(path), os.fsdecode(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(_READ_LIMIT + 1)
    except OSError as e:
        raise UIProblem(msg("file_bad", file=one_line(name), reason=msg("reason_unreadable", detail=_detail(e))))
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        data = None
    if not _is_wrapper(data):
        loads_project(raw, name)  # raises the loader's sentence for what is wrong with the text
        raise UIProblem(msg("file_bad", file=one_line(name), reason=msg("reason_not_project")))
    project = loads_project(json.dumps(data["project"]), name)  # NaN and lone surrogates reach the loader
    saved_at = datetime.fromtimestamp(data["saved_at"]).astimezone()
    return Recovery(project, data["source_path"], saved_at, path)


def _revive(folder: Path, names: list[str]) -> None:
    """Put back a *.broken file that reads now, when its slot is free: no file, no running editor."""
    for name in names:
        found = _BROKEN.match(name)
        back = folder / f"recovery-{found.group(1)}.json" if found else None
        lock = _lock(_lock_path(back)) if back is not None and not os.path.lexists(back) else None
        if lock is None:
            continue
        try:
            read_recovery(folder / name)
            os.replace(folder / name, back)
        except Exception:  # still broken (or cannot be moved): kept as it is
            pass
        finally:
            lock.close()


def _left_behind(path: Path) -> Recovery | Path | None:
    """The work in a recovery file no editor holds; the *.broken path it was moved to if it cannot be read."""
    try:
        lock = _lock(_lock_path(path))
    except (OSError, ValueError):
        return None  # no lock can be made here, so we cannot tell whether its editor runs
    if lock is None:
        return None  # its editor is still running
    try:
        return read_recovery(path)
    except Exception:  # UIProblem, or a loader bug: never block the editor's start, keep the file
        return _move_aside(path)
    finally:
        lock.close()


def _is_wrapper(data) -> bool:
    if not isinstance(data, dict) or data.get(_MARK) != FORMAT or "project" not in data:
        return False
    saved_at, source = data.get("saved_at"), data.get("source_path")
    times_ok = type(saved_at) in (int, float) and math.isfinite(saved_at) and 0 <= saved_at < 1e11
    return times_ok and (source is None or isinstance(source, str))


# --- small helpers ------------------------------------------------------------------

def _wrapper(project: Project, source: str | None, saved_at: float) -> str:
    head = json.dumps({_MARK: FORMAT, "saved_at": saved_at, "source_path": source})  # ASCII: odd paths survive
    return head[:-1] + ', "project": ' + dumps_project(project).rstrip() + "}\n"


def _lock_path(path: Path) -> Path:
    return path.with_suffix(".lock")


def _lock(path: Path) -> IO | None:
    """The lock file, open and locked by us; None when another editor holds it. OSError if it cannot be made."""
    f = open(path, "a+b")
    try:
        if os.name == "nt":
            import msvcrt
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # per open file: two windows in one process differ
    except OSError:
        f.close()
        return None
    return f


def _move_aside(path: Path) -> Path | None:
    """Rename to *.broken (*.2.broken, ... when that is taken: an older one is kept too)."""
    aside, n = path.with_name(path.name + ".broken"), 1
    while os.path.lexists(aside):
        n += 1
        aside = path.with_name(f"{path.name}.{n}.broken")
    try:
        os.replace(path, aside)
    except OSError:
        return None
    return aside


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # already gone; or kept, to be offered at the next start, where the person can decline


def _detail(e: Exception) -> str:
    return one_line(getattr(e, "strerror", None) or str(e))
