"""The `blockbuilder` command line: examples, new, check, train, predict, export (the editor comes later)."""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys
import time
from dataclasses import replace

import numpy as np

from runtime import Message, Network, RuntimeProblem, Trainer, plain_number, training_mode

from . import __version__
from .document import weights
from .document.paths import check_file, problem as file_problem
from .document.words import UIProblem
from .lab.coach import advise, targets
from .session.examples import BY_NAME, EXAMPLES
from .texts import msg


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr with exit status 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def default_lang() -> str:
    env = os.environ.get("BLOCKBUILDER_LANG") or os.environ.get("LANG", "")
    if env.startswith("ja-Hira") or env.startswith("ja_Hira"):
        return "ja-Hira"
    return "ja" if env.startswith("ja") else "en"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="blockbuilder",
                     description="Build neural networks from blocks, watch them learn, export them to Scratch 3.")
    parser.add_argument("--version", action="version", version=f"blockbuilder {__version__}")
    parser.add_argument("--lang", choices=("ja", "ja-Hira", "en"),
                        help="language of messages (default: from BLOCKBUILDER_LANG or LANG)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("examples", help="list the built-in examples")
    p.set_defaults(run=cmd_examples)

    p = sub.add_parser("new", help="write a built-in example to a project file")
    p.add_argument("--example", required=True, metavar="NAME", help="an example's name (see `blockbuilder examples`)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the project file to write")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(run=cmd_new)

    p = sub.add_parser("check", help="problems, layer shapes, parameter count, and whether it fits Scratch")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("train", help="train without a window and save the trained weights into the project")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--epochs", type=int, metavar="N", help="how many epochs (default: the project's setting)")
    p.add_argument("--seed", type=int, metavar="S", help="random seed (default: the project's setting)")
    p.add_argument("-o", "--output", metavar="OUT", help="write the trained project here instead of FILE")
    p.set_defaults(run=cmd_train)

    p = sub.add_parser("predict", help="the network's outputs for raw inputs")
    p.add_argument("file", metavar="FILE")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--inputs", metavar="ROWS", help='points separated by ";", numbers by ",": "0,1;1,1"')
    what.add_argument("--csv", metavar="PATH", help="a CSV file of inputs, one point per row")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=cmd_predict)

    p = sub.add_parser("export", help="export the network to a Scratch 3 project (.sb3)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("-o", "--output", metavar="OUT.sb3", help="where to write (default: FILE with .sb3)")
    p.add_argument("--lang", dest="export_lang", choices=("ja", "ja-Hira", "en"),
                   help="language of the names and comments inside the project (default: the project's)")
    p.add_argument("--learn", action="store_true",
                   help="the project learns inside Scratch too: training data, backpropagation and the optimizer "
                        "in plain blocks, starting from the weights the file holds (trained or not)")
    p.add_argument("--round", type=int, choices=range(2, 16), metavar="DIGITS",
                   help="keep only this many significant digits of each weight (for networks too big for Scratch)")
    p.set_defaults(run=cmd_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(_joined_inputs(sys.argv[1:] if argv is None else argv))
    lang = args.lang or default_lang()
    try:
        if args.command is None:
            return cmd_editor(args, lang)
        return args.run(args, lang)
    except RuntimeProblem as e:  # UIProblem included
        print(f"blockbuilder: {e.text(lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"blockbuilder: {msg('cli_interrupted').text(lang)}", file=sys.stderr)
        return 130


def _joined_inputs(argv: list[str]) -> list[str]:
    """`--inputs -1.2,0.5` as `--inputs=-1.2,0.5`: argparse takes a value starting with "-" for an option."""
    out = list(argv)
    for i, arg in enumerate(out[:-1]):
        if arg == "--inputs":
            out[i:i + 2] = [f"--inputs={out[i + 1]}"]
            break
    return out


def say(message: Message, lang: str, file=None) -> None:
    print(message.text(lang), file=file or sys.stdout)


# --- commands ---------------------------------------------------------------------------

def cmd_editor(args, lang: str) -> int:
    """No subcommand: open the block editor window."""
    from .app import run
    return run()


def cmd_export(args, lang: str) -> int:
    from sb3_export import ExportProblem, TooBig, ToyData, export_sb3

    from .document.atomic import write_atomic
    from .document.data import load_data

    project, c = _load_compiled(args.file)
    _require_ok(c, lang)
    # --learn starts from whatever weights the file holds: "export it untrained, train it in Scratch"
    net = _with_trained_weights(project, c)[0] if args.learn else _network(project, c, args.file)
    out = args.output or os.path.splitext(args.file)[0] + ".sb3"
    export_lang = args.export_lang or args.lang or project.language or lang
    try:
        data = ToyData.from_dataset(load_data(c.data)[0])
    except (RuntimeProblem, OSError):
        data = None  # the network still exports; its stage just cannot show the training points
    try:
        report = export_sb3(c.spec, net.params_by_layer(), lang=export_lang, data=data, digits=args.round,
                            learn=c.training if args.learn else None)
    except TooBig as e:
        if e.digits is None:
            raise
        raise UIProblem(msg("cli_export_round", why=e.message, digits=e.digits)) from None
    except ExportProblem as e:
        raise UIProblem(msg("cli_export_failed", why=e.message)) from None
    try:
        write_atomic(out, report.sb3)   # never half a file; on failure an old file stays as it was
    except (OSError, ValueError) as e:   # ValueError: a NUL in the path
        raise file_problem(out, e) from None
    say(msg("cli_exported", file=out, kb=round(report.json_bytes / 1000), lists=report.lists), lang)
    if report.digits is not None:
        say(msg("cli_exported_rounded", digits=report.digits, diff=plain_number(report.max_diff, 2)), lang)
    say(msg("cli_export_next"), lang)
    if args.learn:
        say(msg("cli_export_learn_next"), lang)
    return 0


def cmd_examples(args, lang: str) -> int:
    width = max(len(e.name) for e in EXAMPLES)
    for e in EXAMPLES:
        print(f"{e.name:<{width}}  {e.description[lang]}")
    return 0


def cmd_new(args, lang: str) -> int:
    from .document.projectfile import save_project

    example = BY_NAME.get(args.example)
    if example is None:
        raise UIProblem(msg("cli_unknown_example", name=args.example, choices=", ".join(BY_NAME)))
    if os.path.exists(args.output) and not args.force:
        raise UIProblem(msg("cli_exists", file=args.output))
    project = example.project(lang).model_copy(update={"language": lang})
    save_project(project, args.output)
    say(msg("cli_written", file=args.output, name=example.name), lang)
    return 0


def _load_compiled(path: str):
    from .document.compile import compile_project
    from .document.projectfile import load_project

    project = load_project(path)
    return project, compile_project(project)


def _print_problems(problems, lang: str, file=None) -> None:
    for p in problems:
        where = f"[{p.block_id}] " if p.block_id else ""
        print(f"  {where}{p.message.text(lang)}", file=file or sys.stdout)


def cmd_check(args, lang: str) -> int:
    project, c = _load_compiled(args.file)
    errors = [p for p in c.problems if p.severity == "error"]
    script = project.scripts[c.script_index].blocks if c.script_index is not None else []
    for block in _flatten(script):
        if block.id in c.annotations:
            print(f"  {block.id:<12} {block.type:<20} {c.annotations[block.id]}")
    if c.spec is not None:
        n_params = sum(int(np.prod(s)) for shapes in c.param_shapes.values() for s in shapes.values())
        say(msg("cli_params", count=n_params), lang)
        if not errors:
            _say_scratch_fit(project, c, lang)
    if c.problems:
        say(msg("cli_problems", count=len(errors)), lang)
        _print_problems(c.problems, lang)
    else:
        say(msg("cli_no_problems"), lang)
    return 1 if errors else 0


def _say_scratch_fit(project, c, lang: str) -> None:
    """Build the export (without writing it) and say whether it fits the Scratch website."""
    from sb3_export import JSON_LIMIT, measure

    net, _ = _with_trained_weights(project, c)
    size = measure(c.spec, net.params_by_layer(), project.language or lang)
    key = "cli_fits" if size <= JSON_LIMIT else "cli_too_big"
    say(msg(key, kb=round(size / 1000), mb=round(size / 1e6, 1), limit_mb=JSON_LIMIT // 1_000_000), lang)


def _flatten(blocks):
    for block in blocks:
        yield block
        yield from _flatten(block.children)


def _require_ok(c, lang: str) -> None:
    errors = [p for p in c.problems if p.severity == "error"]
    if errors:
        _print_problems(errors, lang, file=sys.stderr)
        raise UIProblem(msg("cli_fix_problems", count=len(errors)))


def cmd_train(args, lang: str) -> int:
    from .document.data import load_data
    from .document.projectfile import save_project

    project, c = _load_compiled(args.file)
    _require_ok(c, lang)
    updates = {k: v for k, v in (("epochs", args.epochs), ("seed", args.seed)) if v is not None}
    try:
        settings = c.training.model_copy(update=updates)
        settings = type(settings).model_validate(settings.model_dump())
    except ValueError:
        raise UIProblem(msg("cli_bad_setting", epochs=args.epochs, seed=args.seed)) from None
    if training_mode(c.spec) == "none":
        say(msg("cli_nothing_to_learn"), lang)
        return 0
    for p in getattr(c, "training_problems", []):
        if p.severity == "error":
            raise UIProblem(p.message)
    train_set, test_set = load_data(replace(c.data, seed=settings.seed))
    trainer = Trainer(Network(c.spec, seed=settings.seed), train_set, test_set if len(test_set) else None, settings)
    start = trainer.network.flat.copy()
    progress = Progress(settings.epochs, lang)
    while trainer.stop is None:
        stats = trainer.run_epoch()
        if stats is not None:
            progress.show(stats)
    progress.done()
    trained = weights.for_document(c, trainer.network)
    out = args.output or args.file
    save_project(project.model_copy(update={"trained": trained}), out)
    advice = advise(trainer.history, trainer.network, settings, train_set, targets(project, c), start, trainer.stop)
    if trainer.stop.reason == "diverged":   # the coach's first case: the runtime's sentence, on the rate's block
        _say_advice(advice, lang, file=sys.stderr)
        say(msg("cli_saved_last_good", file=out), lang, file=sys.stderr)
        return 1
    say(msg("cli_saved", file=out), lang)
    if advice is not None:
        _say_advice(advice, lang)
    return 0


def _say_advice(advice, lang: str, file=None) -> None:
    """The learning coach's one sentence, after the block it is about (as `check` names a problem's block)."""
    where = f"[{advice.block_id}] " if advice.block_id else ""
    print(f"{where}{advice.message.text(lang)}", file=file or sys.stdout)


class Progress:
    """One line per epoch, redrawn in place on a terminal: epoch, loss, accuracy."""

    def __init__(self, epochs: int, lang: str, stream=None):
        self.epochs, self.lang = epochs, lang
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty()
        self.last_print = 0.0
        self.line = ""

    def show(self, s) -> None:
        filled = int(20 * s.epoch / self.epochs)
        bar = "#" * filled + "-" * (20 - filled)
        acc = "" if s.train_accuracy is None else f"  {msg('cli_accuracy').text(self.lang)} {s.train_accuracy:6.1%}"
        test = ""
        if s.test_loss is not None:
            test = f"  {msg('cli_test').text(self.lang)} {s.test_loss:.4f}"
            test += "" if s.test_accuracy is None else f" {s.test_accuracy:6.1%}"
        self.line = (f"[{bar}] {msg('cli_epoch').text(self.lang)} {s.epoch}/{self.epochs}"
                     f"  {msg('cli_loss').text(self.lang)} {s.train_loss:.4f}{acc}{test}")
        now = time.monotonic()
        if self.tty:
            self.stream.write("\r" + self.line)
            self.stream.flush()
        elif now - self.last_print >= 1.0 or s.epoch in (1, self.epochs):
            print(self.line, file=self.stream)
            self.last_print = now

    def done(self) -> None:
        if self.tty and self.line:
            self.stream.write("\n")


def _parse_rows(text: str, size: int) -> np.ndarray:
    rows = []
    for i, row in enumerate(filter(None, (r.strip() for r in text.split(";"))), start=1):
        try:
            values = [float(v) for v in row.split(",")]
        except ValueError:
            raise UIProblem(msg("cli_bad_inputs", row=i, text=row)) from None
        if len(values) != size or not all(math.isfinite(v) for v in values):
            raise UIProblem(msg("cli_inputs_count", row=i, want=size, got=len(values)))
        rows.append(values)
    if not rows:
        raise UIProblem(msg("cli_no_inputs"))
    return np.array(rows)


def _read_input_csv(path: str, size: int) -> np.ndarray:
    check_file(path)   # a folder, a device such as /dev/zero, a name too long: one sentence each
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = [r for r in csv.reader(f) if any(c.strip() for c in r)]
    except OSError as e:
        raise file_problem(path, e) from None
    except (UnicodeDecodeError, csv.Error):
        raise UIProblem(msg("cli_bad_csv", file=path)) from None
    if rows and not _numeric(rows[0]):
        rows = rows[1:]  # a header
    return _parse_rows(";".join(",".join(r) for r in rows), size)


def _numeric(row: list[str]) -> bool:
    try:
        [float(c) for c in row]
        return True
    except ValueError:
        return False


def cmd_predict(args, lang: str) -> int:
    project, c = _load_compiled(args.file)
    _require_ok(c, lang)
    net = _network(project, c, args.file)
    size = c.spec.input.size
    x = _parse_rows(args.inputs, size) if args.inputs is not None else _read_input_csv(args.csv, size)
    with np.errstate(over="ignore", invalid="ignore"):   # overflowing weights: said below in one sentence
        out = net.predict(x)
    classes = _class_names(c)
    rows = [_describe(c.spec.output.kind, o, classes) for o in out]
    broken = not np.isfinite(out).all()   # weights so big the sums overflow: no answer to give
    if args.json:
        print(json.dumps([{"inputs": xi.tolist(), "outputs": _finite(oi.tolist()),
                           "prediction": None if not np.isfinite(oi).all() else r[0]}
                          for xi, oi, r in zip(x, out, rows)], ensure_ascii=False, allow_nan=False))
    else:
        for xi, oi, (prediction, confidence) in zip(x, out, rows):
            inputs = ", ".join(plain_number(float(v), 6) for v in xi) if len(xi) <= 8 else f"{len(xi)} inputs"
            shown = _show(c.spec.output.kind, prediction, confidence, lang) if np.isfinite(oi).all() else "?"
            print(f"{inputs} → {shown}")
    if broken:
        say(msg("cli_not_a_number", file=args.file), lang, file=sys.stderr)
        return 1
    return 0


def _finite(values: list) -> list:
    """NaN and infinity as null, which JSON can hold."""
    return [v if math.isfinite(v) else None for v in values]


def _with_trained_weights(project, c) -> tuple[Network, bool]:
    """The project's network with the weights the file holds (starting weights for the rest), and whether the
    file holds them for every layer that learns."""
    net = Network(c.spec, seed=c.training.seed)
    weights.load(net, project.trained, c)
    return net, not weights.missing(project.trained, c)


def _network(project, c, path: str) -> Network:
    """The project's network with its trained weights (or as built, when it learns nothing)."""
    net, trained = _with_trained_weights(project, c)
    if not trained and training_mode(c.spec) != "none":
        raise UIProblem(msg("cli_not_trained", file=path))
    return net


def _class_names(c) -> tuple[str, ...]:
    from .document.data import load_data

    try:
        return load_data(c.data)[0].classes
    except (RuntimeProblem, OSError):
        return ()


def _describe(kind: str, out: np.ndarray, classes: tuple[str, ...]):
    """(prediction, confidence) for one point."""
    if kind == "classify":
        k = int(np.argmax(out))
        return (classes[k] if k < len(classes) else str(k)), float(out[k])
    if kind == "yes_no":
        return bool(out[0] > 0.5), float(out[0])
    return (float(out[0]) if len(out) == 1 else out.tolist()), None


def _show(kind: str, prediction, confidence, lang: str) -> str:
    if kind == "classify":
        return msg("cli_class", name=prediction, p=f"{confidence:.1%}").text(lang)
    if kind == "yes_no":
        return msg("cli_yes" if prediction else "cli_no", p=f"{confidence:.1%}").text(lang)
    return plain_number(prediction, 6) if isinstance(prediction, float) else str(prediction)


if __name__ == "__main__":
    sys.exit(main())
