"""Project files on disk: loading with one clear sentence for every bad file, atomic saving.

Loading reads JSON only (nothing in a file is ever run) and never writes to the file. Every
refusal is a UIProblem whose text is one line naming the file and, when there is one, the
place in it, like ``scripts[0].blocks[2].params.noise``.

File version 2 writes big trained arrays packed (weights.pack: shape and base64 doubles) and reads
both that and version 1's plain lists.
"""
from __future__ import annotations

import json
import math
import os
import re
import stat
from typing import Any

from pydantic import ValidationError

from runtime import RuntimeProblem

from .atomic import write_atomic
from .migrations import MIGRATIONS, migrate
from .paths import problem as file_problem
from .project import SCHEMA_VERSION, Block, DocumentProblem, Loc, Project, Script, View, check_document
from .texts import msg
from .weights import array_shape, mismatched, pack, unpack
from .words import UIProblem, one_line, shown

# The biggest network compile allows (MAX_WEIGHTS numbers) packs into about 10.7 MB; the rest is room
# for hand-set neuron weights and drawn points, and still refuses a file of garbage.
MAX_BYTES = 32 * 1024 * 1024
_MB = 1024 * 1024
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")  # written .key in a place; anything else as ["key"]


def _problem(name: str, bad: DocumentProblem) -> UIProblem:
    file = one_line(name)
    if bad.loc:
        return UIProblem(msg("file_bad_at", file=file, place=_place(bad.loc), reason=bad.reason))
    return UIProblem(msg("file_bad", file=file, reason=bad.reason))


# --- the public API -----------------------------------------------------------------

def load_project(path: str | os.PathLike) -> Project:
    """Read a project file; raise UIProblem with one sentence naming the file and the place."""
    name = os.fsdecode(path)
    return loads_project(_read(path, name), name)


def loads_project(data: str | bytes, name: str = "<text>") -> Project:
    """Read a project from the text (or bytes) of a file; refusals as in load_project."""
    try:
        project = _validate(_unpack(_upgrade(_parse(data))))
        check_document(project)
    except DocumentProblem as bad:
        raise _problem(name, bad) from None
    _check_against_compile(project, name)
    return project


def dumps_project(project: Project) -> str:
    """The file's text: UTF-8 JSON, one space of indent, fields in model order, free keys sorted.

    Floats are written by repr, the shortest text that reads back bit-identically; trained arrays of
    more than weights.PLAIN_UP_TO numbers are packed, exactly. Raises ValueError for NaN or
    infinity, which JSON cannot hold.
    """
    data = project.model_dump(mode="python")
    data["trained"] = {k: {name: pack(a) for name, a in sorted(v.items())} for k, v in sorted(data["trained"].items())}
    stack = [b for s in data["scripts"] for b in s["blocks"]]
    while stack:
        block = stack.pop()
        block["params"] = dict(sorted(block["params"].items()))
        stack += block["children"]
    return json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def save_project(project: Project, path: str | os.PathLike) -> None:
    """Write atomically: a temp file in the same folder, flushed and synced, then renamed over
    the old one. On failure raise UIProblem (file_unwritable, or paths' sentence); the old file is unchanged."""
    name = os.fsdecode(path)
    try:
        data = dumps_project(project).encode("utf-8")
    except (ValueError, TypeError) as e:  # NaN or infinity, a lone surrogate, a value JSON cannot hold
        detail = msg("detail_not_finite") if "JSON compliant" in str(e) else one_line(str(e))
        raise UIProblem(msg("file_unwritable", file=one_line(name), detail=detail)) from None
    try:
        write_atomic(name, data)
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        raise file_problem(name, e) from None


def check_trained_shapes(project: Project, shapes: dict[str, dict[str, tuple]], name: str = "<project>") -> None:
    """Raise UIProblem(reason_weights_shape) at trained.<block>.<name> for the first stored array
    whose shape differs from `shapes` (compile's param_shapes). Arrays compile does not know
    about are left alone: they belong to blocks that are not in a network right now."""
    bad = mismatched(project.trained, shapes)
    if bad:
        block_id, key = bad[0]
        want, got = _dims(shapes[block_id][key]), _dims(array_shape(project.trained[block_id][key]))
        reason = msg("reason_weights_shape", name=shown(key), want=want, got=got)
        raise _problem(name, DocumentProblem(("trained", block_id, key), reason))


# --- reading ------------------------------------------------------------------------

def _read(path, name: str) -> bytes:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise DocumentProblem((), msg("reason_not_a_file"))
        _refuse_size(st.st_size)
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UIProblem(msg("file_missing", file=one_line(name))) from None
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        raise file_problem(name, e) from None
    except DocumentProblem as bad:
        raise _problem(name, bad) from None
    return data


def _refuse_size(size: int) -> None:
    if size > MAX_BYTES:
        raise DocumentProblem((), msg("reason_too_big", size=f"{size / _MB:.1f}", limit=MAX_BYTES // _MB))


class _NotFinite:
    """Stands in for NaN, Infinity or a number beyond float range until we know where it sits."""


_SURROGATE = re.compile(r"[\ud800-\udfff]")  # half of a UTF-16 pair: no UTF-8 file can hold it
_MAYBE_SURROGATE = re.compile(r"[\ud800-\udfff]|\\u[dD][89a-fA-F][0-9a-fA-F]{2}")  # ... or its \u escape


def _parse(data: str | bytes) -> Any:
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        _refuse_size(len(data))
        if b"\0" in data:
            raise DocumentProblem((), msg("reason_binary"))
        try:
            data = data.decode("utf-8-sig")  # a BOM, as Windows Notepad writes, is harmless
        except UnicodeDecodeError:
            raise DocumentProblem((), msg("reason_binary")) from None
    else:
        _refuse_size(len(data))
        if "\0" in data:
            raise DocumentProblem((), msg("reason_binary"))
    flagged = []

    def number(text: str) -> float | _NotFinite:
        x = float(text)
        if math.isfinite(x):
            return x
        flagged.append(text)
        return _NotFinite()

    def integer(text: str) -> int | float | _NotFinite:
        return int(text) if len(text) < 300 else number(text)  # Python refuses ints over 4300 digits

    try:
        value = json.loads(data, parse_float=number, parse_int=integer, parse_constant=number)
    except json.JSONDecodeError as e:
        raise DocumentProblem((), msg("reason_not_json", line=e.lineno, column=e.colno)) from None
    except RecursionError:
        raise DocumentProblem((), msg("reason_too_deep")) from None
    if not isinstance(value, dict) or type(value.get("schema_version")) is not int:
        raise DocumentProblem((), msg("reason_not_project"))
    if value["schema_version"] > SCHEMA_VERSION:
        raise DocumentProblem((), msg("reason_newer", version=value["schema_version"]))
    if flagged or _MAYBE_SURROGATE.search(data):
        _refuse_odd_values(value)
    return value


def _refuse_odd_values(value: Any) -> None:
    """Find the first non-finite number or lone surrogate (from a \\ud800 escape), in file order."""
    stack: list[tuple[Loc, Any]] = [((), value)]
    while stack:  # not recursive: JSON nested nearly to the parser's limit must not overflow here
        loc, v = stack.pop()
        if isinstance(v, _NotFinite):
            raise DocumentProblem(loc, msg("reason_not_finite"))
        key = loc[-1] if loc and isinstance(loc[-1], str) else ""
        if _SURROGATE.search(key) or (isinstance(v, str) and _SURROGATE.search(v)):
            raise DocumentProblem(loc, msg("reason_bad_char"))
        if isinstance(v, dict):
            stack += [(loc + (k,), x) for k, x in reversed(v.items())]
        elif isinstance(v, list):
            stack += [(loc + (i,), x) for i, x in reversed(list(enumerate(v)))]


def _upgrade(data: dict) -> dict:
    version = data["schema_version"]
    if version < SCHEMA_VERSION and version not in MIGRATIONS:
        raise DocumentProblem((), msg("reason_unknown_version", version=version))
    try:
        return migrate(data)
    except (LookupError, TypeError, ValueError, AttributeError):
        raise DocumentProblem((), msg("reason_cannot_upgrade", version=version)) from None


def _unpack(data: dict) -> dict:
    """Packed trained arrays as lists, for validation; anything not a dict is validation's to report."""
    trained = data.get("trained")
    if not isinstance(trained, dict):
        return data
    for block_id, arrays in trained.items():
        for key, value in (arrays.items() if isinstance(arrays, dict) else ()):
            if isinstance(value, dict):
                try:
                    arrays[key] = unpack(value)
                except ValueError:
                    raise DocumentProblem(("trained", block_id, key), msg("reason_packed_damaged")) from None
    return data


# --- pydantic's errors, in words ----------------------------------------------------

_EXPECTED = {"float_type": "type_number", "float_parsing": "type_number", "int_type": "type_integer",
             "int_from_float": "type_integer", "int_parsing": "type_integer", "string_type": "type_text",
             "bool_type": "type_bool", "bool_parsing": "type_bool", "list_type": "type_list",
             "dict_type": "type_object", "model_type": "type_object", "model_attributes_type": "type_object"}
_BOUNDS = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")


def _validate(data: dict) -> Project:
    try:
        return Project.model_validate(data, strict=True)
    except ValidationError as e:
        raise _explain(e.errors(include_url=False)[0]) from None


def _explain(err: dict) -> DocumentProblem:
    loc, kind, value, ctx = _file_loc(err["loc"]), err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "missing":
        return DocumentProblem(loc[:-1], msg("reason_missing", name=shown(loc[-1])))
    if kind == "extra_forbidden":
        return DocumentProblem(loc[:-1], msg("reason_unknown_field", name=shown(loc[-1])))
    if kind in _EXPECTED:
        return DocumentProblem(loc, msg("reason_wrong_type", expected=msg(_EXPECTED[kind])))
    if kind == "finite_number":
        return DocumentProblem(loc, msg("reason_not_finite"))
    if kind == "string_too_long":
        return DocumentProblem(loc, msg("reason_too_long", length=len(value), limit=ctx.get("max_length")))
    if kind == "too_long":
        return DocumentProblem(loc, msg("reason_too_many", count=len(value), limit=ctx.get("max_length")))
    if kind == "too_short":
        return DocumentProblem(loc, msg("reason_empty"))
    if kind in _BOUNDS and isinstance(loc[-1], str):
        low, high = _limits(loc[-1])
        return DocumentProblem(loc, msg("reason_out_of_range", value=shown(value), min=shown(low), max=shown(high)))
    if kind == "recursion_loop":
        return DocumentProblem((), msg("reason_too_deep"))
    return DocumentProblem(loc, msg("reason_bad_value", value=shown(value)))


def _file_loc(loc: tuple) -> Loc:
    """Pydantic's loc with the union branch tag dropped: trained.<block>.<name>.matrix.0 -> ...<name>[0]."""
    if len(loc) > 3 and loc[0] == "trained" and loc[3] in ("vector", "matrix"):
        return loc[:3] + loc[4:]
    return tuple(loc)


def _limits(field: str) -> tuple[float | None, float | None]:
    for model in (Project, Script, Block, View):
        if field in model.model_fields:
            meta = model.model_fields[field].metadata
            return (next((m.ge for m in meta if hasattr(m, "ge")), None),
                    next((m.le for m in meta if hasattr(m, "le")), None))
    return None, None


def _check_against_compile(project: Project, name: str) -> None:
    """Compare trained arrays with the shapes the network needs, once compile exists."""
    try:
        from .compile import compile_project
        from .data import describe_data
    except ModuleNotFoundError as e:
        if e.name not in (f"{__package__}.compile", f"{__package__}.data"):
            raise
        return

    def describe_without_files(choice):
        # A path in the file could name a FIFO or /dev/zero: loading reads no file but the project.
        if choice.kind == "data_csv":
            raise RuntimeProblem(msg("reason_unreadable", detail="not read while loading"))
        return describe_data(choice)

    compiled = compile_project(project, describe=describe_without_files)
    if compiled.spec is not None:
        check_trained_shapes(project, compiled.param_shapes, name)


# --- small helpers ------------------------------------------------------------------

def _dims(shape) -> str:
    return "×".join(str(n) for n in shape)


def _place(loc: Loc) -> str:
    """scripts[0].blocks[2].params.noise; keys that are not plain words are quoted: trained["a.b"]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(part):
            out += f".{part}" if out else part
        else:
            out += f'["{shown(part)}"]'
    return out if len(out) <= 120 else out[:59] + "…" + out[-60:]
