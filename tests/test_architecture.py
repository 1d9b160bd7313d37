"""The import rules of shared/DESIGN.md, and the promise that .ci/run is the README's test command."""
import ast
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
    "blockbuilder": {"runtime", "sb3_export", "pydantic", "numpy", "blockbuilder"},
}


def imports_of(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def is_view(path: pathlib.Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return rel.startswith("blockbuilder/view/") or rel == "blockbuilder/app.py"


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_package_imports_only_what_the_design_allows(package):
    files = [p for p in (ROOT / package).rglob("*.py") if not is_view(p)]
    assert files, f"{package} has no modules"
    for path in files:
        extra = imports_of(path) - STDLIB - ALLOWED[package]
        assert not extra, f"{path.relative_to(ROOT)} imports {sorted(extra)}"


def test_every_non_view_module_imports_with_pyglet_blocked():
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts) for pkg in ALLOWED
               for p in (ROOT / pkg).rglob("*.py") if not is_view(p) and p.name != "__main__.py"]
    code = ("import sys, importlib\nsys.modules['pyglet'] = None\n"
            f"for m in {modules!r}:\n    importlib.import_module(m)\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"<!-- test-command -->\s*```(?:sh|bash)?\n(.+?)\n```", readme, re.S).group(1).strip()
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_command_line_prints_help_without_a_traceback():
    out = subprocess.run([sys.executable, "-m", "blockbuilder", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "usage: blockbuilder" in out.stdout and not out.stderr
