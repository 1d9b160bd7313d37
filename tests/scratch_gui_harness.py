"""Load .sb3 files in the real Scratch 3 editor (scratch-gui in headless Chromium) from pytest.

The Node side is ``tests/scratchgui/gui.js`` with exact pins in ``tests/scratchgui/package.json``
(@scratch/scratch-gui-standalone 15.1.1, puppeteer-core 24.43.1). It needs Debian's chromium and
the Noto CJK fonts (``apt-get install -y chromium fonts-noto-cjk``, done by ``.ci/run``) and
installs its npm packages itself, once, like tests/scratch_harness.py::

    npm ci --prefix tests/scratchgui

gui.js serves the editor's ``dist/`` and a tiny mount page (``tests/scratchgui/index.html``) on
127.0.0.1, blocks every other request, opens the editor in each language and loads each file
through File -> "Load from your computer" (the file chooser), as a child does. For every sprite
it reads the code area (scratch-blocks' workspace): each stack's box, each comment's box and
whether its text overflows its textarea. See gui.js's header for the request and reply.

    from scratch_gui_harness import scratch_gui  # noqa: F401  (a pytest fixture)

    def test_it(scratch_gui):
        reply = scratch_gui.measure([{"locale": "ja", "files": [{"path": str(sb3)}]}])
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from scratch_harness import _FileLock, node_available

GUI_DIR = Path(__file__).resolve().parent / "scratchgui"
GUI_JS = GUI_DIR / "gui.js"
NODE_MODULES = GUI_DIR / "node_modules"
INSTALL_COMMAND = "npm ci --prefix tests/scratchgui"
APT_COMMAND = "apt-get install -y chromium fonts-noto-cjk"
NPM_CI_TIMEOUT_S = 900.0
RUN_TIMEOUT_S = 1800.0

_install_failure: str | None = None   # a failed install is not retried in the same process


class ScratchGuiError(RuntimeError):
    """The editor could not be installed, started or driven."""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """None when Node, chromium and a Japanese font are here, else what to install."""
    reason = node_available()
    if reason is not None:
        return reason
    if chromium() is None:
        return f"chromium not found: `{APT_COMMAND}`"
    fc_list = shutil.which("fc-list")
    fonts = subprocess.run([fc_list, ":lang=ja", "family"], capture_output=True, text=True).stdout if fc_list else ""
    if "CJK" not in fonts:
        return f"no Noto CJK font: `{APT_COMMAND}` (Japanese text would be measured in the wrong font)"
    return None


def _install_problem() -> str | None:
    if not (NODE_MODULES / ".package-lock.json").is_file():
        return f"{NODE_MODULES} is missing or incomplete"
    pins = json.loads((GUI_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name, pin in pins.items():
        try:
            version = json.loads((NODE_MODULES / name / "package.json").read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            return f"{name} is not installed in {NODE_MODULES}"
        if version != pin:
            return f"{name} {version} is installed but package.json pins {pin}"
    return None


def ensure_installed() -> None:
    """`npm ci` in tests/scratchgui when node_modules is missing or stale (once, under a file lock)."""
    global _install_failure
    if _install_failure is not None:
        raise ScratchGuiError(_install_failure)
    key = hashlib.sha256(str(GUI_DIR).encode()).hexdigest()[:16]
    with _FileLock(Path(tempfile.gettempdir()) / f"blockbuilder-scratchgui-{key}.lock"):
        problem = _install_problem()
        if problem is None:
            return
        npm = shutil.which("npm")
        if npm is None:
            _install_failure = f"npm not found ({problem}): install Node 20 and npm"
            raise ScratchGuiError(_install_failure)
        try:
            out = subprocess.run([npm, "ci", "--prefix", str(GUI_DIR), "--no-audit", "--no-fund"],
                                 capture_output=True, text=True, timeout=NPM_CI_TIMEOUT_S,
                                 stdin=subprocess.DEVNULL, cwd=GUI_DIR)
        except (OSError, subprocess.SubprocessError) as exc:
            _install_failure = f"`{INSTALL_COMMAND}` failed: {exc}"
            raise ScratchGuiError(_install_failure) from None
        problem = _install_problem()
        if out.returncode != 0 or problem is not None:
            tail = "\n".join((out.stderr or out.stdout).strip().splitlines()[-15:])
            _install_failure = f"`{INSTALL_COMMAND}` exited with {out.returncode} ({problem}):\n{tail}"
            raise ScratchGuiError(_install_failure)


def measure(runs: list[dict], *, timeout: float = RUN_TIMEOUT_S) -> dict:
    """Open the editor once per run (its "locale"), load its "files" and return gui.js's reply."""
    ensure_installed()
    with tempfile.TemporaryDirectory(prefix="scratchgui-") as tmp:
        request_path, reply_path = Path(tmp) / "request.json", Path(tmp) / "reply.json"
        request_path.write_text(json.dumps({"chromium": chromium(), "runs": runs}), encoding="utf-8")
        try:
            out = subprocess.run([shutil.which("node"), str(GUI_JS), str(request_path), str(reply_path)],
                                 capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ScratchGuiError(f"the editor did not finish within {timeout:.0f} s") from None
        if not reply_path.is_file():
            tail = "\n".join((out.stderr + out.stdout).strip().splitlines()[-20:])
            raise ScratchGuiError(f"gui.js exited with {out.returncode} and wrote no reply:\n{tail}")
        reply = json.loads(reply_path.read_text(encoding="utf-8"))
    if not reply.get("ok"):
        raise ScratchGuiError(f"the editor failed after {len(reply.get('results', []))} files: {reply.get('error')}")
    return reply


@dataclass(frozen=True)
class ScratchGui:
    """What the `scratch_gui` fixture gives a test: the editor, known to be installed."""

    def measure(self, runs: list[dict], **kwargs) -> dict:
        return measure(runs, **kwargs)


@pytest.fixture(scope="session")
def scratch_gui() -> ScratchGui:
    """The real Scratch 3 editor; skips (a failure in CI) when it cannot run here."""
    reason = missing()
    if reason is not None:
        pytest.skip(reason)
    try:
        ensure_installed()
    except ScratchGuiError as exc:
        pytest.skip(f"npm ci failed: {exc}")
    return ScratchGui()
