"""The `blockbuilder` command line; subcommands join it as the editor's parts land."""
from __future__ import annotations

import argparse
import sys

from . import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blockbuilder",
        description="Build neural networks from blocks, watch them learn, and export them to Scratch 3.",
        epilog="The block editor and the subcommands (examples, new, check, train, predict, export) "
               "are on their way; for now the NumPy runtime is ready to use from Python: "
               "`python3 -c \"import runtime; help(runtime)\"`.",
    )
    parser.add_argument("--version", action="version", version=f"blockbuilder {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    parser.parse_args(argv)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
