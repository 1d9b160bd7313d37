"""The one way blockbuilder writes a file: all of it or none of it (project files, settings, the
recovery file, exported .sb3 files).

A temp file is named ``.<name>.<writer's pid>-<random>.blockbuilder-tmp`` beside the file. One left by
a writer that was killed is removed by the next write into that folder (and, for the settings
folder, by the next start): see clean_stale.
"""
from __future__ import annotations

import os
import re
import secrets
import stat
import time

TEMP_SUFFIX = ".blockbuilder-tmp"
STALE_AFTER = 60.0  # seconds untouched: no writer pauses that long in the middle of a file
_TEMP = re.compile(r"\..+\.(\d+)-[0-9a-f]{8}" + re.escape(TEMP_SUFFIX) + r"\Z")


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to a new temp file beside `path`, sync it, then rename it over `path`.

    A reader sees the old file or the new one, never half of one. A file that is replaced keeps its
    mode; a new one gets the user's ordinary mode (0o666 less the umask). Raises OSError (or
    ValueError for a NUL in the path); the temp file is removed on failure and the old file is unchanged.
    """
    name = os.fspath(path)
    folder, base = os.path.split(os.path.abspath(name))
    clean_stale(folder)
    tmp = os.path.join(folder, f".{base}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _keep_mode(tmp, name)
        os.replace(tmp, name)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def clean_stale(folder: str | os.PathLike, now: float | None = None) -> list[str]:
    """Remove temp files that no running writer holds: its process has ended (POSIX), or it has not
    changed for STALE_AFTER seconds. Never raises; returns the names removed."""
    now = time.time() if now is None else now
    removed = []
    try:
        names = [n for n in os.listdir(folder) if n.endswith(TEMP_SUFFIX)]
    except (OSError, ValueError):
        return removed
    for name in names:
        found = _TEMP.match(name)
        path = os.path.join(folder, name)
        try:
            if found and _stale(int(found.group(1)), now - os.lstat(path).st_mtime):
                os.unlink(path)
                removed.append(name)
        except OSError:
            pass  # gone already, or not ours to remove
    return removed


def _stale(pid: int, age: float) -> bool:
    if age > STALE_AFTER:
        return True
    if os.name == "nt" or pid == os.getpid():
        return False  # Windows: os.kill would stop the process, so only the age tells
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # running, as another user
    return False


def _keep_mode(tmp: str, name: str) -> None:
    try:
        os.chmod(tmp, stat.S_IMODE(os.stat(name).st_mode))
    except OSError:
        pass   # no old file: the umask's mode is right


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder, and needs not."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
