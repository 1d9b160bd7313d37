"""The editor's "Export to Scratch": choose where, show the fit check, write the .sb3, say what to do next.

Headless, like files.py: every step is a dialog shown through the Session (dialogs.Chooser, or a
Question: dialogs.Ask with room for a paragraph), and each answer runs the next step. The project is built once, in memory (export_sb3 without a
path), measured for the fit check, and its bytes are written atomically only after the child agrees.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from runtime import Message, plain_number
from sb3_export import JSON_LIMIT, LIST_LIMIT, ExportProblem, ExportReport, TooBig, export_sb3

from ..document.atomic import write_atomic
from ..document.paths import sentence
from ..editor.dialogs import Ask, Chooser
from ..editor.filechooser import FileChooser, file_name
from ..editor.screen import Rect
from ..lab.lab import ExportSource
from .examples import shown_name
from .files import Session
from .texts import msg

SUFFIX = ".sb3"
QUESTION_W, QUESTION_H = 560, 330  # Ask's width; the height leaves room for about nine lines of text
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class Sb3Chooser(FileChooser):
    """The save chooser for a .sb3: folders and .sb3 files listed, ".sb3" added to a typed name."""

    def __init__(self, folder: str | os.PathLike, name: str, home: Path | None = None):
        super().__init__("save", folder, name=name, home=home, suffix=SUFFIX, title=msg("export_title"))


@dataclass
class Question(Ask):
    """dialogs.Ask with room for a paragraph: at least QUESTION_H tall (Ask grows taller for a longer text,
    up to the window's height), the text wrapped and centred in the space above the buttons."""

    def _box(self, width: float, height: float, lang: str = "en") -> Rect:
        box = super()._box(width, height, lang)
        h = min(max(box.h, QUESTION_H), height - 16)
        return Rect(box.x, (height - h) / 2, box.w, h)


class Exporter:
    """The button's flow; last_report and last_path describe the last .sb3 written."""

    def __init__(self, session: Session, source: Callable[[], ExportSource | Message]):
        self.session, self.source = session, source
        self.last_report: ExportReport | None = None
        self.last_path: Path | None = None

    @property
    def lang(self) -> str:
        return self.session.c.editor.lang

    def start(self) -> None:
        """The button: what to do first, or the chooser in the last export's folder (else the projects folder)."""
        src = self.source()
        if isinstance(src, Message):
            self._tell(src)
            return
        s = self.session
        last = self.last_path.parent if self.last_path is not None else None
        folder = last if last is not None and last.is_dir() else s.start_folder()
        chooser = Sb3Chooser(folder, default_name(src.name, self.lang), home=s.projects_home())
        s.show(Chooser(chooser, lambda path: self._check(src, path), s.close_dialog))

    def _check(self, src: ExportSource, path: Path) -> None:
        """The fit check: build the project in memory, then ask before writing it. A network that can learn
        inside Scratch is offered that too ("Export with learning"); one that has not learned yet only that."""
        if not src.trained:
            self._ask(msg("export_untrained_learn"), msg("export_button_learn"), lambda: self._learn(src, path))
            return
        try:
            report = self._build(src, None)
        except TooBig as e:
            self._offer_rounding(src, path, e)
            return
        except ExportProblem as e:
            self._tell(e.message)
            return
        if src.learn_problem is not None or src.training is None:
            self._ask(fit_message(report), msg("export_button"), lambda: self._write(path, report))
            return
        self._ask(msg("export_fits_or_learn", fits=fit_message(report)), msg("export_button"),
                  lambda: self._write(path, report), (msg("export_button_learn"), lambda: self._learn(src, path)))

    def _learn(self, src: ExportSource, path: Path) -> None:
        """Export with learning: the training data, the learning scripts and the learn button too."""
        try:
            report = export_sb3(src.spec, src.params, lang=self.lang, data=src.data, json_limit=JSON_LIMIT,
                                learn=src.training)
        except ExportProblem as e:       # TooBig included: its sentence says how big and what the limit is
            self._tell(e.message)
            return
        self._write(path, report, learned=True)

    def _offer_rounding(self, src: ExportSource, path: Path, too_big: TooBig) -> None:
        if too_big.digits is None:
            self._tell(too_big_message(src, too_big))
            return

        def export_rounded() -> None:
            try:
                report = self._build(src, too_big.digits)
            except ExportProblem as e:
                self._tell(e.message)
                return
            self._write(path, report)
        self._ask(msg("export_round_offer", why=too_big.message), msg("export_button_round", digits=too_big.digits),
                  export_rounded)

    def _ask(self, text: Message, action: Message, then: Callable[[], None],
             other: tuple[Message, Callable[[], None]] | None = None) -> None:
        """A question whose first button (id "ok", drawn as the main action) runs `then`, `other` (a second
        action, id "other") its own; Cancel closes it."""
        def choice(id: str) -> None:
            self.session.close_dialog()
            if id == "ok":
                then()
            elif id == "other" and other is not None:
                other[1]()
        buttons = [("ok", action)] + ([("other", other[0])] if other is not None else [])
        self.session.show(Question(text, buttons + [("cancel", msg("files_button_cancel"))], choice))

    def _tell(self, message: Message) -> None:
        """Session.tell in a Question, which has room for the longer sentences of this flow."""
        self.session.show(Question(message, [("ok", msg("files_button_ok"))], lambda _: self.session.close_dialog()))

    def _build(self, src: ExportSource, digits: int | None) -> ExportReport:
        return export_sb3(src.spec, src.params, lang=self.lang, data=src.data, digits=digits, json_limit=JSON_LIMIT)

    def _write(self, path: Path, report: ExportReport, learned: bool = False) -> None:
        try:
            write_atomic(path, report.sb3)  # a temp file beside it, then a rename: never half a file
        except OSError as err:
            self._tell(write_problem(path, err))
            return
        self.last_report, self.last_path = report, path
        self._tell(done_message(path, report, learned))


# --- the sentences ------------------------------------------------------------------------

def default_name(name: str, lang: str) -> str:
    """The project's name in `lang` (an example's title follows the language) made safe as a file's
    name, with .sb3; "network.sb3" in `lang` for a project without a name."""
    shown = shown_name(name, lang).strip()
    return file_name(shown, SUFFIX) if shown else msg("export_default_name").text(lang) + SUFFIX


def _mb(size: int, places: int = 0) -> str:
    return f"{size / 1e6:.{places}f}"


def fit_message(report: ExportReport) -> Message:
    return msg("export_fits", lists=report.lists, longest=report.largest_list, list_limit=f"{LIST_LIMIT:,}",
               kb=max(1, round(report.json_bytes / 1000)), limit_mb=_mb(JSON_LIMIT))


def too_big_message(src: ExportSource, too_big: TooBig) -> Message:
    """What to make smaller: the layer holding the most numbers (the exporter's sentence if it has no neurons)."""
    sizes = [sum(int(np.size(a)) for a in p.values()) for p in src.params]
    units = getattr(src.spec.layers[int(np.argmax(sizes))], "units", None) if sizes else None
    if units is None:
        return too_big.message
    return msg("export_too_big_always", mb=_mb(too_big.size, 1), limit_mb=_mb(JSON_LIMIT), units=units)


def write_problem(path: Path, err: OSError) -> Message:
    if err.errno in _READ_ONLY:
        return msg("export_read_only", folder=str(path.parent))
    if err.errno in _FULL:
        return msg("export_disk_full", file=path.name)
    return sentence(path, err)   # the name too long, a folder, missing: paths.py says which


def done_message(path: Path, report: ExportReport, learned: bool = False) -> Message:
    where = {"file": path.name, "folder": str(path.parent), "next": msg("cli_export_next")}
    if learned:
        return msg("export_done_learn", **where)
    if report.digits is None:
        return msg("export_done", **where)
    rounded = msg("cli_exported_rounded", digits=report.digits, diff=plain_number(report.max_diff, 2))
    return msg("export_done_rounded", rounded=rounded, **where)
