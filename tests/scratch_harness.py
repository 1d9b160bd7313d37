"""Run .sb3 files in the real Scratch VM (scratch-vm under Node.js) from pytest.

The Node side is ``tests/scratchvm/run.js`` with exact pins in ``tests/scratchvm/package.json``
(scratch-vm 5.0.300, scratch-parser 6.0.1, and the current @scratch/scratch-vm 15.1.1 under the
alias scratch-vm-current). Every call takes ``vm="pinned"`` (the default) or ``vm="current"``;
``VMS`` names both, for tests that run in each. Install it with::

    npm ci --prefix tests/scratchvm

``ensure_installed()`` runs that command itself, once, when ``tests/scratchvm/node_modules``
is missing or holds other versions than the pins.

Use in a test module (``tests/`` has no ``__init__.py``, so pytest puts ``tests/`` on
``sys.path`` and this module imports by its plain name)::

    from scratch_harness import scratch_vm  # noqa: F401  (a pytest fixture)

    def test_the_export_matches_numpy(scratch_vm, tmp_path):
        reply = scratch_vm.run(path, rows)       # same as run_sb3(path, rows)
        assert reply["outputs"] == expected
        assert scratch_vm.validate(path) is None  # same as validate_sb3(path)

The fixture skips the test with a clear reason when Node.js is missing or the install
fails; ``tests/conftest.py`` turns every skip into a failure when ``CI=true``.

Reply of ``run_sb3`` (a dict, ``ok`` is always true; a false one raises ScratchRunError)::

    {"ok": True,
     "outputs": [[float, ...], ...],   # the output list after each row, items as numbers
     "predictions": [value, ...] | None,  # the prediction variable after each row
     "blocks_executed": int | None,    # with count_blocks=True: block functions called
     "blocks_per_row": [int, ...] | None,
     "steps_per_row": [int, ...],      # runtime steps (frames) each forward pass took
     "unknown_opcodes": [str, ...],    # non-shadow opcodes scratch-vm does not implement
                                       # (it runs them as silent no-ops / empty values)
     "startup_ms": float,              # loading scratch-parser/scratch-vm and validating
     "load_ms": float,                 # vm.loadProject
     "run_ms": float,                  # all forward passes together
     "vm_log": [str, ...]}             # what scratch-vm printed (warnings), <= 200 lines

Non-finite numbers come back as float('nan') / float('inf'); a list item that is not a
number (e.g. "abc") comes back as nan, not as Scratch's 0.

``play_sb3`` (``scratch_vm.play``) clicks the green flag and then acts as a child would:
runs frames, moves the mouse (stage coordinates), drags or clicks sprites, sets variables
(as a slider does) and takes snapshots of variables, lists, sprites (position, costume,
say bubble, ghost) and — with ``record_pen=True`` — of what the pen drew (stamps, dots,
lines; headless there is no pen layer, so the marks are recorded instead)::

    reply = scratch_vm.play(path, [{"settle": 500}, {"move": {"sprite": "finder", "x": 30, "y": 40}},
                                   {"steps": 5}, {"snapshot": "moved"}],
                            variables=["prediction"], record_pen=True)
    moved = reply["snapshots"][0]     # the last snapshot, "end", is always added
    moved["sprites"]["finder"]["say"], moved["stamps"], moved["variables"]["prediction"]

The actions and the snapshot fields are listed in run.js's header comment.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import pytest

SCRATCHVM_DIR = Path(__file__).resolve().parent / "scratchvm"
RUN_JS = SCRATCHVM_DIR / "run.js"
NODE_MODULES = SCRATCHVM_DIR / "node_modules"
INSTALL_COMMAND = "npm ci --prefix tests/scratchvm"
MIN_NODE_MAJOR = 18
NPM_CI_TIMEOUT_S = 900.0
DEFAULT_TIMEOUT_S = 120.0
VMS = ("pinned", "current")   # scratch-vm 5.0.300 (the Scratch 3 editor's); @scratch/scratch-vm 15.1.1

_install_guard = threading.Lock()
_installed = False
_install_failure: str | None = None  # a failed install is not retried in the same process


class ScratchHarnessError(RuntimeError):
    """The harness itself could not run (Node missing, install failed, Node crashed)."""


class ScratchRunError(AssertionError):
    """run.js answered ok=false: the project was rejected or failed to run."""

    def __init__(self, stage: str, error: str, reply: dict):
        message = f"scratch-vm harness failed at stage {stage!r}: {error}"
        log = reply.get("vm_log") or []
        if log:
            message += "\nscratch-vm printed:\n" + "\n".join(log[-10:])
        super().__init__(message)
        self.stage = stage
        self.error = error
        self.reply = reply


def node_available() -> str | None:
    """None when a usable Node.js is on PATH, else the reason why not."""
    node = shutil.which("node")
    if node is None:
        return "Node.js not found: install Node 20 and npm"
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Node.js at {node} does not run ({exc}): install Node 20 and npm"
    version = out.stdout.strip()
    try:
        major = int(version.lstrip("v").split(".")[0])
    except ValueError:
        return f"Node.js at {node} printed no version ({version!r}): install Node 20 and npm"
    if major < MIN_NODE_MAJOR:
        return f"Node.js {version} is too old (need {MIN_NODE_MAJOR}+): install Node 20 and npm"
    return None


def _pinned_versions() -> dict[str, str]:
    return json.loads((SCRATCHVM_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]


def _install_problem() -> str | None:
    """None when node_modules holds exactly the pinned packages, else what is wrong."""
    if not (NODE_MODULES / ".package-lock.json").is_file():
        return f"{NODE_MODULES} is missing or incomplete"
    for name, pin in _pinned_versions().items():
        if pin.startswith("npm:"):  # an alias, e.g. "npm:@scratch/scratch-vm@15.1.1"
            pin = pin.rsplit("@", 1)[1]
        manifest = NODE_MODULES / name / "package.json"
        try:
            version = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        except (OSError, ValueError, KeyError):
            return f"{name} is not installed in {NODE_MODULES}"
        if version != pin:
            return f"{name} {version} is installed but package.json pins {pin}"
    return None


class _FileLock:
    """An exclusive lock across processes (pytest-xdist workers), where the OS has flock."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = None

    def __enter__(self):
        try:
            import fcntl
        except ImportError:  # Windows: the in-process guard has to do
            return self
        self.handle = open(self.path, "a+")
        fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        if self.handle is not None:
            import fcntl

            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


def ensure_installed() -> None:
    """Install tests/scratchvm/node_modules with `npm ci` if it is missing or stale.

    Runs at most once per process (a failure is remembered, not retried), under a lock
    shared by concurrent test processes. Raises ScratchHarnessError with npm's own message
    when the install fails.
    """
    global _installed, _install_failure
    with _install_guard:
        if _installed:
            return
        if _install_failure is not None:
            raise ScratchHarnessError(_install_failure)
        try:
            _install()
        except ScratchHarnessError as exc:
            _install_failure = str(exc)
            raise
        _installed = True


def _install() -> None:
    reason = node_available()
    if reason is not None:
        raise ScratchHarnessError(reason)
    key = hashlib.sha256(str(SCRATCHVM_DIR).encode()).hexdigest()[:16]
    lock_path = Path(tempfile.gettempdir()) / f"blockbuilder-scratchvm-{key}.lock"
    with _FileLock(lock_path):
        problem = _install_problem()
        if problem is not None:
            _npm_ci(problem)
            problem = _install_problem()
            if problem is not None:
                raise ScratchHarnessError(f"`{INSTALL_COMMAND}` finished but {problem}")


def _npm_ci(why: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise ScratchHarnessError(f"npm not found ({why}): install Node 20 and npm, "
                                  f"then run `{INSTALL_COMMAND}`")
    cmd = [npm, "ci", "--prefix", str(SCRATCHVM_DIR), "--no-audit", "--no-fund"]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=NPM_CI_TIMEOUT_S,
                             stdin=subprocess.DEVNULL, cwd=SCRATCHVM_DIR.parent.parent)
    except subprocess.TimeoutExpired:
        raise ScratchHarnessError(f"`{INSTALL_COMMAND}` took longer than {NPM_CI_TIMEOUT_S:.0f} s")
    except OSError as exc:
        raise ScratchHarnessError(f"`{INSTALL_COMMAND}` could not start: {exc}")
    if out.returncode != 0:
        tail = "\n".join((out.stderr or out.stdout).strip().splitlines()[-15:])
        raise ScratchHarnessError(
            f"`{INSTALL_COMMAND}` exited with status {out.returncode}:\n{tail}")


def _call(request: dict, timeout: float) -> dict:
    """Hand one request to run.js through files and return its reply."""
    ensure_installed()
    node = shutil.which("node")
    with tempfile.TemporaryDirectory(prefix="scratchvm-") as tmp:
        request_path = Path(tmp) / "request.json"
        reply_path = Path(tmp) / "reply.json"
        # allow_nan=False: a NaN would be written as a bare token that JSON.parse rejects.
        request_path.write_text(json.dumps(request, allow_nan=False), encoding="utf-8")
        try:
            out = subprocess.run([node, str(RUN_JS), str(request_path), str(reply_path)],
                                 capture_output=True, text=True, timeout=timeout,
                                 stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ScratchHarnessError(f"scratch-vm did not answer within {timeout:.0f} s "
                                      f"for {request.get('sb3')}")
        if not reply_path.is_file():
            tail = "\n".join((out.stderr + out.stdout).strip().splitlines()[-20:])
            raise ScratchHarnessError(f"run.js exited with status {out.returncode} "
                                      f"and wrote no reply:\n{tail}")
        # json.loads reads the bare NaN / Infinity tokens run.js writes for non-finite numbers.
        return json.loads(reply_path.read_text(encoding="utf-8"))


def run_sb3(path: str | os.PathLike, rows: Sequence[Sequence[float]], input_list: str = "input",
            output_list: str = "output", broadcast: str = "forward",
            prediction_variable: str | None = None, count_blocks: bool = False, *,
            timeout: float = DEFAULT_TIMEOUT_S, max_steps_per_row: int | None = None, vm: str = "pinned") -> dict:
    """Run one forward pass per row in scratch-vm and return the reply (see the module doc).

    For each row: the input list's contents become the row, the broadcast's "when I receive"
    scripts start, and the runtime steps (turbo) until no script thread runs.
    ``timeout`` bounds the whole Node process; run.js itself stops the forward passes
    15 s earlier (the time left for starting Node and loading), and ``max_steps_per_row``
    (default 100,000 runtime steps) bounds each pass.
    Raises ScratchRunError (an AssertionError) with run.js's message when ok is false,
    ScratchHarnessError when Node cannot run or answers nothing.
    """
    request: dict[str, Any] = {
        "sb3": str(Path(path).resolve()),
        "validate_only": False,
        "input_list": input_list,
        "output_list": output_list,
        "broadcast": broadcast,
        "prediction_variable": prediction_variable,
        "rows": [[_number(x) for x in row] for row in rows],
        "count_blocks": bool(count_blocks),
        "timeout_ms": max(1.0, timeout - 15.0) * 1000.0,
        "vm": _vm(vm),
    }
    if max_steps_per_row is not None:
        request["max_steps_per_row"] = int(max_steps_per_row)
    reply = _call(request, timeout)
    if not reply.get("ok"):
        raise ScratchRunError(reply.get("stage", "?"), reply.get("error", "no message"), reply)
    return reply


def play_sb3(path: str | os.PathLike, actions: Sequence[dict] = (), *, green_flag: bool = True,
             variables: Sequence[str] = (), lists: Sequence[str] = (), record_pen: bool = False,
             count_opcodes: bool = False, turbo: bool = False,
             timeout: float = DEFAULT_TIMEOUT_S, vm: str = "pinned") -> dict:
    """Click the green flag, do `actions` in order and return the reply with its snapshots.

    Actions (one key each): {"steps": n}, {"settle": max_frames}, {"mouse": {"x", "y", "down"}},
    {"move": {"sprite", "x", "y"}}, {"click": sprite}, {"broadcast": name},
    {"set_variable": {"name", "value"}}, {"set_list": {"name", "items"}}, {"snapshot": label}.
    "settle" runs frames until every running script is inside a forever loop. Snapshots hold
    the named `variables` and `lists`, every sprite's state and, since the previous snapshot,
    the pen marks (`record_pen`) and per-opcode counts (`count_opcodes`); see run.js.
    ``turbo=False`` steps like the website (a frame ends at a redraw).
    Raises ScratchRunError when run.js answers ok=false (e.g. a settle that never settles).
    """
    request: dict[str, Any] = {
        "sb3": str(Path(path).resolve()),
        "validate_only": False,
        "timeout_ms": max(1.0, timeout - 15.0) * 1000.0,
        "vm": _vm(vm),
        "play": {"green_flag": bool(green_flag), "actions": list(actions), "variables": list(variables),
                 "lists": list(lists), "record_pen": bool(record_pen), "count_opcodes": bool(count_opcodes),
                 "turbo": bool(turbo)},
    }
    reply = _call(request, timeout)
    if not reply.get("ok"):
        raise ScratchRunError(reply.get("stage", "?"), reply.get("error", "no message"), reply)
    return reply


def play_many(plays: Sequence[dict], *, timeout: float = DEFAULT_TIMEOUT_S, vm: str = "pinned") -> list[dict]:
    """Several play_sb3 calls in one Node process (scratch-vm loads once): each dict holds play_sb3's
    arguments ("path", "actions", and any of its keywords but timeout and vm). The replies, in order;
    raises ScratchRunError for the first one that failed."""
    batch = []
    for one in plays:
        one = dict(one)
        path, actions = one.pop("path"), one.pop("actions", ())
        play = {"green_flag": bool(one.pop("green_flag", True)), "actions": list(actions),
                "variables": list(one.pop("variables", ())), "lists": list(one.pop("lists", ())),
                "record_pen": bool(one.pop("record_pen", False)),
                "count_opcodes": bool(one.pop("count_opcodes", False)), "turbo": bool(one.pop("turbo", False))}
        if one:
            raise TypeError(f"play_many: unknown keys {sorted(one)}")
        batch.append({"sb3": str(Path(path).resolve()), "validate_only": False, "vm": _vm(vm),
                      "timeout_ms": max(1.0, timeout - 15.0) * 1000.0, "play": play})
    reply = _call({"batch": batch}, timeout)
    if not reply.get("ok"):
        raise ScratchRunError(reply.get("stage", "?"), reply.get("error", "no message"), reply)
    for one in reply["replies"]:
        if not one.get("ok"):
            raise ScratchRunError(one.get("stage", "?"), one.get("error", "no message"), one)
    return reply["replies"]


def validate_sb3(path: str | os.PathLike, *, timeout: float = DEFAULT_TIMEOUT_S) -> str | None:
    """scratch-parser's error message for the .sb3, or None when the parser accepts it."""
    reply = _call({"sb3": str(Path(path).resolve()), "validate_only": True}, timeout)
    if reply.get("ok"):
        return None
    if reply.get("stage") == "parser":
        return reply["error"]
    raise ScratchRunError(reply.get("stage", "?"), reply.get("error", "no message"), reply)


def _vm(which: str) -> str:
    if which not in VMS:
        raise ValueError(f"vm must be one of {VMS}, not {which!r}")
    return which


def _number(x: Any) -> float | int:
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        try:
            x = float(x)  # NumPy scalars
        except (TypeError, ValueError):
            raise TypeError(f"a row item must be a number, not {x!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"a row item must be a finite number, not {x!r} (JSON cannot carry it)")
    return x


@dataclass(frozen=True)
class ScratchVM:
    """What the `scratch_vm` fixture gives a test: the harness, known to be ready."""

    def run(self, path, rows, **kwargs) -> dict:
        return run_sb3(path, rows, **kwargs)

    def validate(self, path, **kwargs) -> str | None:
        return validate_sb3(path, **kwargs)

    def play(self, path, actions=(), **kwargs) -> dict:
        return play_sb3(path, actions, **kwargs)

    def play_many(self, plays, **kwargs) -> list[dict]:
        return play_many(plays, **kwargs)


@pytest.fixture(scope="session")
def scratch_vm() -> ScratchVM:
    """The real Scratch VM, installed; skips (a failure in CI) when it cannot run here."""
    reason = node_available()
    if reason is not None:
        pytest.skip(reason)
    try:
        ensure_installed()
    except ScratchHarnessError as exc:
        pytest.skip(f"npm ci failed: {exc}")
    return ScratchVM()
