"""The buttons over the stage's data view: draw my own points (and their colour), clear them, open a
CSV file, show the test points, clear the digit pad — and what the data view says about a table of
numbers it cannot draw.

Changing the data is an edit of the data hat (Editor.replace_block / set_param), so it is one undo
step, the file keeps it, and the lab re-compiles and says so like any other edit.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..document.catalog import BLOCK_TYPES
from ..document.edits import walk
from ..editor.dialogs import Chooser
from ..editor.filechooser import FileChooser
from .texts import msg

CLASSES = ("A", "B", "C")     # the colours a child's own points can have (class 0, 1, 2)
CSV = ".csv"


def tool_specs(lab, own_class: int, show_test: bool, kind: str, lang: str) -> list[tuple[str, str, bool]]:
    """(action id, text, toggled) of each tool, for the data view of this data ("points", "digits", …)."""
    t = lambda key, **kw: msg(key, **kw).text(lang)  # noqa: E731
    data = lab.compiled.data
    if data is None:
        return []
    out = []
    if data.kind == "data_points":
        out += [(f"class:{k}", t("stage_class", name=name), k == own_class) for k, name in enumerate(CLASSES)]
        if data.points:
            out.append(("points_clear", t("data_points_clear"), False))
    elif kind != "digits":     # digits have the pad for the child's own drawing
        out.append(("own_points", t("data_own_points"), False))
    if has_param(data.kind, "noise") and seed_block(lab.editor.project) is not None:   # generated point sets
        out.append(("regenerate", t("data_regenerate"), False))
    out.append(("open_csv", t("data_open_csv"), False))
    if kind == "points" and lab.test_set is not None and len(lab.test_set):
        out.append(("test_toggle", t("lab_test_toggle"), show_test))
    if kind == "digits":
        out.append(("pad_clear", t("stage_pad_clear"), False))
    return out


def has_param(type_id: str, name: str) -> bool:
    return name in BLOCK_TYPES[type_id].defaults()


def seed_block(project):
    """The training script's "random seed" block: data and starting weights both come from its number."""
    return next((b for _, b in walk(project) if b.type == "training_seed"), None)


def summary_lines(lab, lang: str) -> list[str]:
    """What a table of numbers holds, for data the stage cannot draw (a CSV file of many columns)."""
    data, test = lab.train_set, lab.test_set
    if data is None:
        return []
    n_test = len(test) if test is not None else 0
    name = Path(str(data.extra.get("file", data.name))).name
    lines = [msg("data_rows", name=name, rows=len(data) + n_test, train=len(data), test=n_test).text(lang)]
    columns = data.extra.get("features") or ()
    lines.append(msg("data_inputs", count=data.n_inputs, names=", ".join(map(str, columns))).text(lang))
    label = str(data.extra.get("label", "y"))
    if data.task == "classify":
        names = ", ".join(f"{k} {name}" for k, name in enumerate(data.classes))   # numbered as the confusion rows
        lines.append(msg("data_classes", label=label, names=names).text(lang))
    else:
        lines.append(msg("data_numbers", label=label).text(lang))
    return lines


class DataTools:
    """What the tools that change the data do: own_points, points_clear, open_csv, regenerate."""

    def __init__(self, session, lab):
        self.session, self.lab = session, lab
        self.c = session.c

    @property
    def editor(self):
        return self.c.editor

    def _hat(self):
        return self.editor.compiled().data

    def own_points(self) -> None:
        """The data hat becomes "drawn points" (no points yet, the same inputs): clicks on the plot add them."""
        hat = self._hat()
        if hat is None or hat.kind == "data_points":
            return
        params = {"points": [], "test_ratio": 0}
        if hat.features is not None:
            params["features"] = list(hat.features)
        self.editor.replace_block(hat.block_id, "data_points", params)

    def regenerate(self) -> None:
        """New random points of the same kind (TF Playground's "regenerate"): the next random seed, so the
        starting weights are new too, and undo brings both back."""
        block = seed_block(self.editor.project)
        if block is not None:
            self.editor.set_param(block.id, "seed", (int(block.params.get("seed", 0)) + 1) % 2**31)

    def points_clear(self) -> None:
        hat = self._hat()
        if hat is not None and hat.kind == "data_points" and hat.points:
            self.editor.set_param(hat.block_id, "points", [])

    def open_csv(self) -> None:
        """A chooser listing .csv files: in the current CSV's folder, else where projects are opened."""
        hat = self._hat()
        if hat is None:
            return
        folder = self.session.start_folder()
        if hat.kind == "data_csv" and hat.path and os.path.isdir(os.path.dirname(hat.path)):
            folder = Path(os.path.dirname(hat.path))
        chooser = FileChooser("open", folder, home=self.session.projects_home(), suffix=CSV,
                              title=msg("data_open_csv"))
        self.session.show(Chooser(chooser, self._chosen, self.session.close_dialog))

    def _chosen(self, path: Path) -> None:
        """The data hat reads this file (a problem with the file shows on the hat, as for a typed path)."""
        self.session.close_dialog()
        hat = self._hat()
        if hat is None:
            return
        if hat.kind == "data_csv":
            self.editor.set_param(hat.block_id, "path", str(path))
        else:
            self.editor.replace_block(hat.block_id, "data_csv", {"path": str(path)})
