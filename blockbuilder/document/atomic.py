"""The one way blockbuilder writes a file: all of it or none of it (project files, settings, the
recovery file, exported .sb3 files)."""
from __future__ import annotations

import os
import secrets
import stat


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to a new temp file beside `path`, sync it, then rename it over `path`.

    A reader sees the old file or the new one, never half of one. A file that is replaced keeps its
    mode; a new one gets the user's ordinary mode (0o666 less the umask). Raises OSError (or
    ValueError for a NUL in the path); the temp file is removed on failure and the old file is unchanged.
    """
    name = os.fspath(path)
    folder, base = os.path.split(os.path.abspath(name))
    tmp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
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
