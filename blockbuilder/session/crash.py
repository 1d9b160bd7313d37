"""When something fails inside the editor: keep the work, say one sentence, write the traceback to a log.

The window catches an exception from an event handler, a frame or a clock tick and hands it to
Guard.catch (view/window.py does the catching; this module is headless). The guard stops
training (a failing step would fail again every tick), writes the project to the recovery file
at once, tells the person in the UI language, and appends the traceback to ``blockbuilder.log`` in
the settings folder. The same error again (every frame, say) is counted, not written again, so
the log stays small and the window keeps its frame rate.
"""
from __future__ import annotations

import os
import time
import traceback
from pathlib import Path
from typing import Callable

from ..document.settings import settings_dir
from .texts import msg

LOG_FILE = "blockbuilder.log"
MAX_LOG_BYTES = 256 * 1024   # then the log moves to blockbuilder.log.1 and starts again: 512 KB at most
SAVE_EVERY = 5.0             # seconds between recovery copies (and sentences) while errors repeat
MAX_DISTINCT = 50            # different tracebacks logged in full; any more are counted together


class Guard:
    """Takes what the window caught; never raises itself."""

    def __init__(self, session, stop: Callable[[], None] | None = None, folder: str | os.PathLike | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.session, self.stop, self.clock = session, stop, clock
        self.folder = Path(folder) if folder is not None else None
        self.seen: dict[str, int] = {}   # traceback -> how many times it was caught
        self._saved_at: float | None = None

    @property
    def log_path(self) -> Path:
        return (self.folder or settings_dir()) / LOG_FILE

    def catch(self, err: BaseException, where: str = "") -> None:
        """Stop training, save the work to the recovery file, say so, and log the traceback (once)."""
        text = "".join(traceback.format_exception(err))
        key = text if text in self.seen or len(self.seen) < MAX_DISTINCT else "more"
        count = self.seen[key] = self.seen.get(key, 0) + 1
        _quietly(self.stop)
        if self._due(now=count == 1 and key != "more"):   # a new error: at once; the same again: now and then
            _quietly(self._save)
            _quietly(lambda: self.session.c.say(msg("crash_kept")))
        if count == 1 or _round(count):
            _quietly(lambda: self._log(text if count == 1 else f"the same error again ({count} times)\n", where))

    def _due(self, now: bool) -> bool:
        """Whether to save and say it again: `now`, or SAVE_EVERY since the last time."""
        t = self.clock()
        if not now and self._saved_at is not None and t - self._saved_at < SAVE_EVERY:
            return False
        self._saved_at = t
        return True

    def _save(self) -> None:
        """The project to the recovery file now, if it has changes its file does not hold."""
        e, saver = self.session.c.editor, self.session.autosaver
        if e.history.dirty:
            saver.note_change(e.project, e.path)
            saver.flush()

    def _log(self, text: str, where: str) -> None:
        path = self.log_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_FILE + ".1"))
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        with open(path, "a", encoding="utf-8", errors="replace") as f:
            f.write(f"--- {stamp} in {where or 'the editor'}\n{text}")


def _round(count: int) -> bool:
    """10, 100, 1000, …: when a repeating error gets one line in the log."""
    return count >= 10 and str(count).strip("0") == "1"


def _quietly(f: Callable[[], object] | None) -> None:
    """Run one part of the guard's work; a failure here must not stop the other parts or the window."""
    if f is None:
        return
    try:
        f()
    except Exception:   # noqa: BLE001 - the guard is the last place an exception can go
        pass
