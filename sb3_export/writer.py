"""project.json + assets -> the .sb3 zip's bytes, made last and in one place (the caller writes the file)."""
from __future__ import annotations

import io
import json
import zipfile

# A fixed timestamp keeps the same network's .sb3 byte-identical from one export to the next.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def project_json_bytes(project: dict) -> bytes:
    """Compact JSON; NaN/Infinity are refused here (scratch-parser rejects them)."""
    return json.dumps(project, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def sb3_bytes(project_json: bytes, assets: dict[str, bytes]) -> bytes:
    """The .sb3: a zip of project.json first, then the assets by name."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("project.json", project_json), *sorted(assets.items())]:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()
