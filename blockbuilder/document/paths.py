"""Why a file cannot be used, as one sentence a child can act on: the name is too long, it is a folder,
it is a device, there is no permission, it is missing. The CLI and the window say every file error with it."""
from __future__ import annotations

import errno
import os
import stat

from runtime import Message

from .texts import msg
from .words import UIProblem, one_line

_REASONS = {
    errno.ENAMETOOLONG: "path_too_long",
    errno.EISDIR: "path_folder",
    errno.EACCES: "path_no_permission", errno.EPERM: "path_no_permission", errno.EROFS: "path_no_permission",
    errno.ENOENT: "path_missing", errno.ENOTDIR: "path_missing",
    errno.ENXIO: "path_device", errno.ENODEV: "path_device", errno.ESPIPE: "path_device",
}
SHOWN = 40   # characters of a path a sentence shows; a longer one keeps its start and its end


def reason(err: BaseException) -> Message:
    """The clause saying why, for an OSError (or the ValueError of a NUL in a path)."""
    key = _REASONS.get(getattr(err, "errno", None))
    if key is not None:
        return msg(key)
    return msg("path_other", detail=one_line(getattr(err, "strerror", None) or str(err)))


def short(path: str | os.PathLike) -> str:
    """A path as a sentence shows it: one line, at most SHOWN characters."""
    text = one_line(os.fsdecode(path))
    return text if len(text) <= SHOWN else text[:SHOWN // 2 - 1] + "…" + text[-(SHOWN // 2):]


def sentence(path: str | os.PathLike, err: BaseException) -> Message:
    """"The file <path> cannot be used: its name is too long; choose a shorter name.\""""
    return msg("path_cannot_use", file=short(path), reason=reason(err))


def problem(path: str | os.PathLike, err: BaseException) -> UIProblem:
    return UIProblem(sentence(path, err))


def check_file(path: str | os.PathLike) -> None:
    """Raise UIProblem unless `path` names an existing ordinary file (not a folder, not a device)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError) as err:   # ValueError: a NUL in the path
        raise problem(path, err) from None
    if stat.S_ISDIR(mode):
        raise problem(path, OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
    if not stat.S_ISREG(mode):
        raise problem(path, OSError(errno.ENODEV, os.strerror(errno.ENODEV)))
