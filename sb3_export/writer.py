"""project.json + assets -> the .sb3 zip, written last and in one place (atomically)."""
from __future__ import annotations

import json
import os
import tempfile
import zipfile

# A fixed timestamp keeps the same network's .sb3 byte-identical from one export to the next.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def project_json_bytes(project: dict) -> bytes:
    """Compact JSON; NaN/Infinity are refused here (scratch-parser rejects them)."""
    return json.dumps(project, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def sb3_bytes(project_json: bytes, assets: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("project.json", project_json), *sorted(assets.items())]:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def write_sb3(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a failed export never leaves half a file."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".sb3.tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an export is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
