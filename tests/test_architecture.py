"""The import rules of shared/DESIGN.md (packages, blockbuilder's rooms, front doors), and the promise
that .ci/run is the README's test command."""
import ast
import importlib
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
STDLIB = set(sys.stdlib_module_names)
ALLOWED = {
    "runtime": {"numpy", "pydantic", "runtime"},
    "sb3_export": {"runtime", "sb3_export"},
    "blockbuilder": {"runtime", "sb3_export", "pydantic", "numpy", "blockbuilder", "pyglet"},
}
# blockbuilder's rooms, in the order of the data flow: each may import only itself and the rooms before it
# ("top" is the front door: cli.py, app.py, texts.py). What else each room may import:
ROOMS = {
    "document": {"runtime", "pydantic", "numpy"},
    "editor": {"runtime", "numpy", "document"},
    "lab": {"runtime", "sb3_export", "numpy", "document", "editor"},
    "session": {"runtime", "sb3_export", "numpy", "document", "editor", "lab"},
    "view": {"runtime", "numpy", "pyglet", "document", "editor", "lab"},
    "top": {"runtime", "sb3_export", "numpy", "pyglet", "document", "editor", "lab", "session", "view", "top"},
}
# Tests of a package's insides may open it; everything else goes through its front door.
OWN_TESTS = {
    "runtime": {"test_layers", "test_losses", "test_network", "test_optimizers", "test_spec", "test_trainer",
                "test_datasets"},
    "sb3_export": {"test_sb3_export", "test_sb3_toys", "test_sb3_assets", "test_scratch_harness", "scratch_harness",
                   "sb3_nets", "test_scratch_gui"},
}
PUBLIC_SUBPACKAGES = {"runtime.datasets"}


def imported(path: pathlib.Path) -> list[tuple[str, list[str]]]:
    """(absolute module, names) for each import in a file; `from . import x` gives the module of x."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [a.name for a in node.names]
            if node.level == 0:
                out.append((node.module, names))
                continue
            base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
            if node.module:
                out.append((".".join(base + [node.module]), names))
            else:
                out += [(".".join(base + [n]), []) for n in names]
    return out


def modules(package: str) -> list[pathlib.Path]:
    return sorted((ROOT / package).rglob("*.py"))


def room_of(path: pathlib.Path) -> str:
    parts = path.relative_to(ROOT / "blockbuilder").parts
    return parts[0] if len(parts) > 1 else "top"


def room_of_module(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in ROOMS else "top"


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_the_design_allows(package):
    files = modules(package)
    assert files, f"{package} has no modules"
    for path in files:
        found = {name.split(".")[0] for name, _ in imported(path)}
        extra = found - STDLIB - ALLOWED[package]
        assert not extra, f"{path.relative_to(ROOT)} imports {sorted(extra)}"


def test_each_room_of_blockbuilder_imports_only_the_rooms_before_it():
    for path in modules("blockbuilder"):
        room = room_of(path)
        for name, _ in imported(path):
            top = name.split(".")[0]
            if top in STDLIB:
                continue
            what = room_of_module(name) if top == "blockbuilder" else top
            assert what == room or what in ROOMS[room], f"{path.relative_to(ROOT)} ({room}) imports {name}"


def test_every_room_says_what_it_owns_and_what_it_may_import():
    for room in [r for r in ROOMS if r != "top"]:
        doc = ast.get_docstring(ast.parse((ROOT / "blockbuilder" / room / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "Owns" in doc and "May import" in doc, room


def test_only_the_view_room_and_the_front_door_import_pyglet():
    for path in modules("blockbuilder"):
        if room_of(path) in ("view", "top"):
            continue
        assert all(name.split(".")[0] != "pyglet" for name, _ in imported(path)), path


@pytest.mark.parametrize("package", sorted(OWN_TESTS))
def test_nothing_outside_a_package_opens_its_inner_modules_or_private_names(package):
    front_door = set(importlib.import_module(package).__all__)
    outside = [p for folder in ("blockbuilder", "runtime", "sb3_export", "benchmarks", "docs", "tests")
               for p in modules(folder) if folder != package and p.stem not in OWN_TESTS[package]]
    for path in outside:
        for name, names in imported(path):
            if name.split(".")[0] != package:
                continue
            where = path.relative_to(ROOT)
            assert name == package or name in PUBLIC_SUBPACKAGES, f"{where} imports {name}: use `from {package} import`"
            private = [n for n in names if n.startswith("_")]
            assert not private, f"{where} imports private {private} from {name}"
            if name == package:   # `from runtime import layers` would open an inner module by another door
                assert set(names) <= front_door, f"{where} imports {sorted(set(names) - front_door)} from {name}"


def test_the_front_doors_export_what_they_list():
    import runtime
    import sb3_export
    for package in (runtime, sb3_export):
        assert package.__all__ and all(hasattr(package, n) for n in package.__all__), package.__name__


def test_every_non_view_module_imports_with_pyglet_blocked():
    mods = [".".join(p.relative_to(ROOT).with_suffix("").parts) for pkg in ALLOWED for p in modules(pkg)
            if not (pkg == "blockbuilder" and room_of(p) == "view") and p.name != "__main__.py"]
    code = ("import sys, importlib\nsys.modules['pyglet'] = None\n"
            f"for m in {mods!r}:\n    importlib.import_module(m)\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"<!-- test-command -->\s*```(?:sh|bash)?\n(.+?)\n```", readme, re.S).group(1).strip()
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_command_line_prints_help_without_a_traceback():
    out = subprocess.run([sys.executable, "-m", "blockbuilder", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "usage: blockbuilder" in out.stdout and not out.stderr
