"""The editor's session: New / Open / Save / Save as / examples / language, asking before work is
lost, autosave and the recovery offer. Headless; the dialogs themselves are in dialogs.py."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from runtime import Message, RuntimeProblem

from ..document.project import Project
from ..document.projectfile import load_project, save_project
from ..document.settings import Settings, ensure_projects_folder, load_settings, save_settings
from ..editor.controller import LANGUAGE_NAMES, Controller
from ..editor.dialogs import Ask, Chooser, DialogHost
from ..editor.filechooser import FileChooser, file_name
from ..editor.screen import Menu, MenuItem
from .examples import EXAMPLES, shown_name
from .recovery import Autosaver, Recovery, scan
from .texts import msg


class Session:
    """Wires files, settings, autosave and the language into a Controller's actions."""

    def __init__(self, controller: Controller, settings: Settings | None = None, autosaver: Autosaver | None = None):
        self.c = controller
        self.settings = settings or load_settings()
        self.autosaver = autosaver or Autosaver()
        self._seen = self._version()

    # --- dialogs -----------------------------------------------------------------------

    def show(self, inner) -> None:
        self.c.dialog = DialogHost(self.c, inner)
        self.c.menu = self.c.field = None

    def close_dialog(self) -> None:
        self.c.dialog = None

    def tell(self, message: Message, then: Callable[[], None] | None = None) -> None:
        """One sentence with an OK button; `then` runs after OK."""
        def ok(_: str) -> None:
            self.close_dialog()
            if then:
                then()
        self.show(Ask(message, [("ok", msg("files_button_ok"))], ok))

    def unsaved_then(self, then: Callable[[], None]) -> None:
        """Run `then`, after asking to save first when there are unsaved changes."""
        if not self.c.editor.history.dirty:
            then()
            return

        def choice(id: str) -> None:
            self.close_dialog()
            if id == "save":
                self.save(after=then)
            elif id == "discard":
                then()
        self.show(Ask(msg("files_unsaved", name=self.display_name()), [("save", msg("files_button_save")),
                      ("discard", msg("files_button_discard")), ("cancel", msg("files_button_cancel"))], choice))

    # --- actions -----------------------------------------------------------------------

    def new(self) -> None:
        self.unsaved_then(lambda: self.switch_to(Project(language=self.c.editor.lang), None))

    def open(self) -> None:
        def chosen(path: Path) -> None:
            self.close_dialog()
            try:
                project = load_project(path)
            except RuntimeProblem as e:
                self.tell(e.message)
                return
            self.switch_to(project, str(path))
        self.unsaved_then(lambda: self.show(Chooser(FileChooser("open", self.start_folder(),
                                                                home=self.projects_home()),
                                                    chosen, self.close_dialog)))

    def save(self, after: Callable[[], None] | None = None) -> None:
        e = self.c.editor
        if e.path is None:
            self.save_as(after)
            return
        e.snapshot_view()
        try:
            save_project(e.project, e.path)
        except RuntimeProblem as err:
            self.tell(err.message)
            return
        e.history.mark_saved()
        self.autosaver.clear()
        self._remember(e.path)
        self.c.say(msg("files_saved", file=os.path.basename(e.path)))
        if after:
            after()

    def save_as(self, after: Callable[[], None] | None = None) -> None:
        e = self.c.editor
        folder = os.path.dirname(e.path) if e.path else self.start_folder()
        name = os.path.basename(e.path) if e.path else file_name(self.display_name(), ".json")

        def chosen(path: Path) -> None:
            self.close_dialog()
            e.path = str(path)
            self.save(after)
        self.show(Chooser(FileChooser("save", folder, name=name, home=self.projects_home()), chosen,
                          self.close_dialog))

    def open_example(self, example) -> None:
        """An item of the Examples menu: the example in the editor's language (after asking to save)."""
        lang = self.c.editor.lang
        self.unsaved_then(lambda: self.switch_to(example.project(lang).model_copy(update={"language": lang}), None))

    def examples(self) -> None:
        lang = self.c.editor.lang
        items = [MenuItem(f"example:{ex.name}", ex.description[lang]) for ex in EXAMPLES]
        button = next(b for b in self.c.toolbar().all() if b.id == "examples")
        self.c.open_menu(Menu("toolbar", items, button.rect.x, button.rect.y))

    def language(self) -> None:
        items = [MenuItem(f"lang:{code}", name, checked=code == self.c.editor.lang)
                 for code, name in LANGUAGE_NAMES.items()]
        button = next(b for b in self.c.toolbar().all() if b.id == "language")
        self.c.open_menu(Menu("toolbar", items, button.rect.x + button.rect.w - 200, button.rect.y))

    def set_language(self, code: str) -> None:
        self.c.editor.set_language(code)
        self.settings.language = code
        save_settings(self.settings)

    def request_close(self) -> bool:
        def close() -> None:
            self.autosaver.clear()
            self.autosaver.close()
            self.c.want_close = True
        if not self.c.editor.history.dirty:
            close()
            return True
        self.unsaved_then(close)
        return False

    # --- autosave and recovery ----------------------------------------------------------

    def _version(self) -> tuple:
        e = self.c.editor
        return (id(e.project), e.history.version)

    def tick(self) -> None:
        e = self.c.editor
        if self._version() != self._seen:
            self._seen = self._version()
            if e.history.dirty:
                self.autosaver.note_change(e.project, e.path)
        self.autosaver.tick()

    def save_now(self) -> bool:
        """Copy unsaved work to the recovery file at once (after a crash was caught); True when written."""
        e = self.c.editor
        return e.history.dirty and self.autosaver.save_now(e.project, e.path)

    def offer_recovery(self, recovery: Recovery) -> None:
        def choice(id: str) -> None:
            self.close_dialog()
            if id == "restore" and self.autosaver.adopt(recovery):
                self.switch_to(recovery.project, recovery.source_path, dirty=True, keep_recovery=True)
            elif id == "fresh":
                recovery.discard()
        self.show(Ask(recovery.offer(), [("restore", msg("files_button_restore")),
                                         ("fresh", msg("files_button_start_fresh"))], choice))

    # --- helpers -------------------------------------------------------------------------

    def switch_to(self, project: Project, path: str | None, dirty: bool = False, keep_recovery: bool = False) -> None:
        lang = self.settings.language or project.language
        self.c.editor.open(project, path, dirty=dirty)
        self.c.editor.set_language(lang)
        self.c.trash_open, self.c.menu, self.c.field = False, None, None
        if not keep_recovery:
            self.autosaver.clear()
        self._seen = self._version()
        if path:
            self._remember(path)

    def _remember(self, path: str) -> None:
        self.settings.last_project = str(path)
        save_settings(self.settings)

    def projects_home(self) -> Path:
        """The projects folder (made if missing), else the user's home."""
        try:
            return ensure_projects_folder(self.settings)
        except OSError:
            return Path.home()

    def start_folder(self) -> Path:
        """Where a chooser opens: the last project's folder, else the projects folder."""
        last = self.settings.last_project
        if last and os.path.isdir(os.path.dirname(last)):
            return Path(os.path.dirname(last))
        return self.projects_home()

    def display_name(self) -> str:
        e = self.c.editor
        if e.path:
            return os.path.basename(e.path)
        return shown_name(e.project.name, e.lang) or msg("title_untitled").text(e.lang)

    def title(self) -> str:
        mark = " *" if self.c.editor.history.dirty else ""
        return f"{self.display_name()}{mark} — blockbuilder"


def start(controller: Controller, starter: Callable[[], Project], settings: Settings | None = None,
          autosaver: Autosaver | None = None) -> Session:
    """The first moments: open the last project (or the starter example), then offer any lost work."""
    session = Session(controller, settings, autosaver)
    last = session.settings.last_project
    project, path = None, None
    if last and os.path.isfile(last):
        try:
            project, path = load_project(last), last
        except RuntimeProblem:
            project = None
    session.switch_to(project or starter(), path)
    recovery, broken = scan()
    offer = (lambda: session.offer_recovery(recovery)) if recovery is not None else None
    if broken:
        session.tell(msg("files_recover_broken", file=broken[0].name, folder=str(broken[0].parent)), then=offer)
    elif offer:
        offer()
    return session
