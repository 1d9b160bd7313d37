"""A network, its parameters and its data -> a checked .sb3, in memory.

    report = export_sb3(spec, params, lang="ja", data=ToyData.from_dataset(train))
    report.sb3          # the .sb3 file's bytes; whoever asked for them writes them

The exporter never touches the disk. The project is validated structurally (validate.py) and
measured against Scratch's limits before the zip is made: no list over 200,000 items (weight
matrices are split), project.json under 5 MB. A network that only fits with rounded weights
raises TooBig, whose message says how many significant digits make it fit and how much the
outputs change then — measured by running the network with the rounded weights.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from runtime import Network, NetworkSpec, RuntimeProblem, TrainingSpec, plain_number

from . import validate
from . import opcodes as o
from .assemble import Project, Sprite, assemble
from .learn import Learning, build_learning, learn_problem
from .lower import LIST_LIMIT, NetworkProgram, lower, number
from .messages import msg
from .toys import ToyData, build_toy
from .writer import project_json_bytes, sb3_bytes

JSON_LIMIT = 5_000_000            # the Scratch website refuses a larger project.json
ROUNDING_STEPS = (12, 10, 8, 7, 6, 5, 4, 3, 2)
SAMPLE_POINTS = 2000              # inputs used to measure what rounding changes


class ExportProblem(RuntimeProblem):
    """An export that cannot be made as asked; the message says what to do."""


class TooBig(ExportProblem):
    """project.json over the website's limit (`size` bytes). `digits`: the most significant digits that
    make it fit, changing the outputs by at most `max_diff` (both None when no rounding does)."""

    def __init__(self, message, digits: int | None, max_diff: float | None, size: int):
        super().__init__(message)
        self.digits, self.max_diff, self.size = digits, max_diff, size


@dataclass(frozen=True)
class ExportReport:
    """The .sb3 and how it fits Scratch."""

    sb3: bytes                    # the whole .sb3 file
    json_bytes: int               # size of project.json
    lists: int                    # lists holding parameters
    largest_list: int             # items in the longest list
    weights: int                  # numbers in parameter lists
    digits: int | None            # significant digits kept (None: full precision)
    max_diff: float | None        # largest output change the rounding causes, measured
    program: NetworkProgram
    learning: Learning | None = None   # with learn=...: what the project learns with (its training order, ...)


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
    return build_all(spec, params, lang, data, digits)[:3]


def build_all(spec: NetworkSpec, params: list[dict], lang: str = "en", data: ToyData | None = None,
              digits: int | None = None, learn: TrainingSpec | None = None
              ) -> tuple[dict, dict[str, bytes], NetworkProgram, Learning | None]:
    """build(), and the learning scripts when `learn` (the training settings) is given."""
    classes = data.classes if data is not None else ()
    program = lower(spec, params, lang, classes, digits)
    toy = build_toy(program, data, lang)
    learning = None
    if learn is not None:
        learning = build_learning(program, spec, learn, data, lang, _redraw(toy, lang))
    extra = learning or Learning.nothing()
    network = Sprite(msg("name_network_sprite").text(lang), toy.network_costumes,
                     [*toy.network_scripts, *program.scripts, *extra.network_scripts],
                     [*program.local_vars, *extra.local_vars], [*program.local_lists, *extra.local_lists],
                     x=toy.network_xy[0], y=toy.network_xy[1])
    project = Project(backdrops=toy.backdrops, stage_scripts=toy.stage_scripts,
                      variables=[*program.global_vars, *toy.global_vars, *extra.global_vars],
                      lists=[*program.global_lists, *toy.global_lists],
                      broadcasts=[program.forward, *toy.broadcasts, *extra.broadcasts],
                      sprites=[network, *toy.sprites, *extra.sprites], monitors=[*toy.monitors, *extra.monitors])
    pj, assets = assemble(project)
    validate.check(pj, assets)
    return pj, assets, program, learning


def _redraw(toy, lang: str):
    """The stage's "draw everything" block (plotted stages), which learning calls every few epochs."""
    name = msg("toy_proc_draw_all").text(lang)
    for script in toy.network_scripts:
        head = script.blocks[0]
        if head.opcode == o.PROCEDURE_DEFINITION and head.mutation["procedure"].proccode == name:
            return head.mutation["procedure"]
    return None


def measure(spec: NetworkSpec, params: list[dict], lang: str = "en", data: ToyData | None = None,
            digits: int | None = None) -> int:
    """Bytes of project.json this network exports to (full precision, or `digits` significant digits)."""
    _, params = _checked(spec, params)
    return len(project_json_bytes(build(spec, params, lang, data, digits)[0]))


def check_learn(spec: NetworkSpec, params: list[dict], learn: TrainingSpec, data: ToyData | None) -> None:
    """Raise ExportProblem (one sentence) when this network cannot learn inside Scratch."""
    net, _ = _checked(spec, params)
    problem = learn_problem(spec, data, net.n_params)
    if problem is not None:
        raise ExportProblem(problem)


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


def export_sb3(spec: NetworkSpec, params: list[dict], *, lang: str = "en", data: ToyData | None = None,
               digits: int | None = None, json_limit: int = JSON_LIMIT, learn: TrainingSpec | None = None
               ) -> ExportReport:
    """Build and check the .sb3 (report.sb3); nothing is written to disk.

    `digits` rounds parameters to that many significant digits; a project.json over `json_limit`
    bytes (the website's limit) raises TooBig. `learn` (the training settings) adds the learning
    scripts (learn.py): the project then learns from `data`, starting from `params`.
    """
    if learn is not None:
        check_learn(spec, params, learn, data)
    _, params = _checked(spec, params)
    pj, assets, program, learning = build_all(spec, params, lang, data, digits, learn)
    body = project_json_bytes(pj)
    if len(body) > json_limit:
        raise _too_big(spec, params, lang, data, len(body), digits, json_limit, learn)
    sizes = [len(lst.items) for lst in program.param_lists]
    assert max(sizes, default=0) <= LIST_LIMIT, "a parameter list is longer than Scratch allows"
    max_diff = rounding_diff(spec, params, digits, _sample_inputs(spec, data)) if digits is not None else None
    return ExportReport(sb3_bytes(body, assets), len(body), len(program.param_lists), max(sizes, default=0),
                        program.n_weights, digits, max_diff, program, learning)


def _too_big(spec, params, lang, data, size: int, asked: int | None, limit_bytes: int,
             learn: TrainingSpec | None = None) -> TooBig:
    mb, limit = f"{size / 1e6:.1f}", f"{limit_bytes / 1e6:.0f}"
    for digits in ROUNDING_STEPS:
        if asked is not None and digits >= asked:
            continue
        pj = build_all(spec, params, lang, data, digits, learn)[0]
        if len(project_json_bytes(pj)) <= limit_bytes:
            diff = rounding_diff(spec, params, digits, _sample_inputs(spec, data))
            return TooBig(msg("too_big", mb=mb, limit_mb=limit, digits=digits, diff=plain_number(diff, 2)), digits, diff, size)
    return TooBig(msg("too_big_always", mb=mb, limit_mb=limit), None, None, size)
