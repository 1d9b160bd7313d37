"""The exporter's front door: a network, its parameters and its data -> a checked .sb3.

    report = export_sb3(spec, params, "xor.sb3", lang="ja", data=ToyData.from_dataset(train))

Before anything is written the project is validated structurally (validate.py) and measured
against Scratch's limits: no list over 200,000 items (weight matrices are split), project.json
under 5 MB. A network that only fits with rounded weights raises TooBig, whose message says how
many significant digits make it fit and how much the outputs change then — measured by running
the network with the rounded weights.
"""
from __future__ import annotations

import math
import os
import random
from dataclasses import dataclass

from runtime.messages import RuntimeProblem
from runtime.network import Network
from runtime.spec import NetworkSpec

from . import validate
from .assemble import Project, Sprite, assemble
from .lower import LIST_LIMIT, NetworkProgram, lower, number
from .messages import msg
from .toys import ToyData, build_toy
from .writer import project_json_bytes, sb3_bytes, write_sb3

JSON_LIMIT = 5_000_000            # the Scratch website refuses a larger project.json
ROUNDING_STEPS = (12, 10, 8, 7, 6, 5, 4, 3, 2)
SAMPLE_POINTS = 2000              # inputs used to measure what rounding changes


class ExportProblem(RuntimeProblem):
    """An export that cannot be written as asked; the message says what to do."""


class TooBig(ExportProblem):
    def __init__(self, message, digits: int | None, max_diff: float | None, size: int):
        super().__init__(message)
        self.digits, self.max_diff, self.size = digits, max_diff, size


@dataclass(frozen=True)
class ExportReport:
    """What was written and how it fits Scratch."""

    sb3: bytes
    json_bytes: int
    lists: int                    # lists holding parameters
    largest_list: int             # items in the longest list
    weights: int                  # numbers in parameter lists
    digits: int | None            # significant digits kept (None: full precision)
    max_diff: float | None        # largest output change the rounding causes, measured
    program: NetworkProgram


def _checked(spec: NetworkSpec, params: list[dict]) -> tuple[Network, list[dict]]:
    """The network with these parameters, and the parameters as float64 arrays of the right shapes."""
    net = Network(spec)
    try:
        net.load_params(params)
    except (RuntimeProblem, TypeError, ValueError):
        raise ExportProblem(msg("bad_params")) from None
    if not all(math.isfinite(v) for v in net.flat.tolist() + net.bflat.tolist()):
        raise ExportProblem(msg("not_finite"))
    return net, net.params_by_layer()


def _rounded(value, digits: int):
    """A nested list of numbers with each kept to `digits` significant digits."""
    if isinstance(value, list):
        return [_rounded(v, digits) for v in value]
    return float(number(value, digits))


def build(spec: NetworkSpec, params: list[dict], lang: str = "en", data: ToyData | None = None,
          digits: int | None = None) -> tuple[dict, dict[str, bytes], NetworkProgram]:
    """(project.json dict, assets, the lowered network) — validated, not yet measured."""
    classes = data.classes if data is not None else ()
    program = lower(spec, params, lang, classes, digits)
    toy = build_toy(program, data, lang)
    network = Sprite(msg("name_network_sprite").text(lang), toy.network_costumes,
                     [*toy.network_scripts, *program.scripts], program.local_vars, program.local_lists,
                     x=toy.network_xy[0], y=toy.network_xy[1], visible=toy.network_visible)
    project = Project(backdrops=toy.backdrops, stage_scripts=toy.stage_scripts,
                      variables=[*program.global_vars, *toy.global_vars],
                      lists=[*program.global_lists, *toy.global_lists],
                      broadcasts=[program.forward, *toy.broadcasts],
                      sprites=[network, *toy.sprites], monitors=toy.monitors)
    pj, assets = assemble(project)
    validate.check(pj, assets)
    return pj, assets, program


def measure(spec: NetworkSpec, params: list[dict], lang: str = "en", data: ToyData | None = None) -> int:
    """Bytes of project.json this network would export to at full precision (nothing is written)."""
    _, params = _checked(spec, params)
    return len(project_json_bytes(build(spec, params, lang, data)[0]))


def _sample_inputs(spec: NetworkSpec, data: ToyData | None) -> list:
    if data is not None and len(data.x):
        return data.x[:SAMPLE_POINTS].tolist()
    rng = random.Random(0)
    return [[rng.uniform(-1, 1) for _ in range(spec.input.size)] for _ in range(256)]


def rounding_diff(spec: NetworkSpec, params: list[dict], digits: int, x) -> float:
    """Largest change of any output over the inputs `x` when parameters keep `digits` digits."""
    full, params = _checked(spec, params)
    rounded = Network(spec)
    rounded.load_params([{k: _rounded(a.tolist(), digits) for k, a in p.items()} for p in params])
    return float(abs(full.predict(x) - rounded.predict(x)).max()) if len(x) else 0.0


def export_sb3(spec: NetworkSpec, params: list[dict], path: str | os.PathLike | None = None, *, lang: str = "en",
               data: ToyData | None = None, digits: int | None = None) -> ExportReport:
    """Build, check and (with `path`) write the .sb3. `digits` rounds parameters to that many significant digits."""
    _, params = _checked(spec, params)
    pj, assets, program = build(spec, params, lang, data, digits)
    body = project_json_bytes(pj)
    if len(body) > JSON_LIMIT:
        raise _too_big(spec, params, lang, data, len(body), digits)
    sizes = [len(lst.items) for lst in program.param_lists]
    assert max(sizes, default=0) <= LIST_LIMIT, "a parameter list is longer than Scratch allows"
    max_diff = rounding_diff(spec, params, digits, _sample_inputs(spec, data)) if digits is not None else None
    data_bytes = sb3_bytes(body, assets)
    if path is not None:
        write_sb3(path, data_bytes)
    return ExportReport(data_bytes, len(body), len(program.param_lists), max(sizes, default=0), program.n_weights, digits, max_diff,
                        program)


def _too_big(spec, params, lang, data, size: int, asked: int | None) -> TooBig:
    mb, limit = f"{size / 1e6:.1f}", f"{JSON_LIMIT / 1e6:.0f}"
    for digits in ROUNDING_STEPS:
        if asked is not None and digits >= asked:
            continue
        pj, _, _ = build(spec, params, lang, data, digits)
        if len(project_json_bytes(pj)) <= JSON_LIMIT:
            diff = rounding_diff(spec, params, digits, _sample_inputs(spec, data))
            return TooBig(msg("too_big", mb=mb, limit_mb=limit, digits=digits, diff=f"{diff:.2g}"), digits, diff, size)
    return TooBig(msg("too_big_always", mb=mb, limit_mb=limit), None, None, size)
