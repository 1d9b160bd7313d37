"""The editor's session: New / Open / Save / Save as / examples / language, the dialogs that ask first,
autosave and the recovery offer. Headless: dialogs describe themselves as shapes the view draws."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from runtime.messages import Message, RuntimeProblem

from . import keys as K
from .controller import LANGUAGE_NAMES, Controller
from .example_projects import EXAMPLES
from .filechooser import FileChooser
from .messages import msg
from .project import Project
from .projectfile import load_project, save_project
from .recovery import Autosaver, Recovery, pending
from .screen import Button, Menu, MenuItem, Rect
from .settings import Settings, ensure_projects_folder, load_settings, save_settings

ROW_H = 40
BOX_W, BOX_H = 640, 500


@dataclass
class Ask:
    """A question with buttons (unsaved changes, a recovery offer, a file that would not open)."""

    text: Message
    buttons: list[tuple[str, Message]]
    on_choice: Callable[[str], None]
    selected: int = 0

    def key(self) -> tuple:
        return ("ask", self.text.key, str(self.text.params), self.selected)

    def layout(self, width: float, height: float, lang: str) -> list:
        box = Rect((width - 560) / 2, (height - 220) / 2, 560, 220)
        out = [("box", box), ("text", box.x + 28, box.top - 40, self.text.text(lang), 13, box.w - 56)]
        out += [("button", b) for b in self._buttons(box, lang)]
        return out

    def _buttons(self, box: Rect, lang: str) -> list[Button]:
        x, out = box.x + box.w - 24, []
        for i, (id, text) in reversed(list(enumerate(self.buttons))):
            w = max(110, len(text.text(lang)) * 16 + 36)
            x -= w
            out.append(Button(id, Rect(x, box.y + 22, w, 44), text.text(lang), True, i == self.selected))
            x -= 12
        return out

    def mouse_press(self, x, y, width, height, lang):
        box = Rect((width - 560) / 2, (height - 220) / 2, 560, 220)
        hit = next((b for b in self._buttons(box, lang) if b.rect.contains(x, y)), None)
        if hit:
            self.on_choice(hit.id)

    def on_key(self, symbol, modifiers):
        if symbol in (K.LEFT_KEY, K.RIGHT_KEY, K.TAB):
            self.selected = (self.selected + (-1 if symbol == K.LEFT_KEY else 1)) % len(self.buttons)
        elif symbol in (K.ENTER, K.RETURN, K.SPACE):
            self.on_choice(self.buttons[self.selected][0])
        elif symbol == K.ESCAPE:
            self.on_choice(self.buttons[-1][0])

    def type_text(self, text):
        pass


@dataclass
class Chooser:
    """The in-window file chooser around filechooser.FileChooser."""

    chooser: FileChooser
    on_chosen: Callable[[Path], None]
    on_cancel: Callable[[], None]

    def key(self) -> tuple:
        c = self.chooser
        return ("chooser", str(c.folder), c.selected, c.scroll, c.name, c.problem and c.problem.key,
                str(c.confirming), len(c.entries))

    def _geometry(self, width, height):
        box = Rect((width - BOX_W) / 2, (height - BOX_H) / 2, BOX_W, BOX_H)
        rows = Rect(box.x + 24, box.y + 130, box.w - 48, box.h - 130 - 96)
        name = Rect(box.x + 24 + 150, box.y + 80, box.w - 48 - 150, 40)
        return box, rows, name

    def _buttons(self, box: Rect, lang: str) -> list[Button]:
        c = self.chooser
        if c.confirming is not None:
            ids = [("replace", "files_button_replace"), ("cancel_replace", "files_button_cancel")]
        else:
            ids = [("up", "files_button_up"), ("home", "files_button_home"), ("cancel", "files_button_cancel"),
                   ("ok", "files_button_open" if c.mode == "open" else "files_button_save")]
        x, out = box.x + 24, []
        for id, key in ids:
            text = msg(key).text(lang)
            w = max(90, len(text) * 15 + 30)
            out.append(Button(id, Rect(x, box.y + 22, w, 44), text))
            x += w + 10
        return out

    def layout(self, width: float, height: float, lang: str) -> list:
        c = self.chooser
        box, rows, name = self._geometry(width, height)
        out = [("box", box), ("text", box.x + 24, box.top - 32, c.title.text(lang), 16, None),
               ("text", box.x + 24, box.top - 66, msg("files_folder_label", folder=str(c.folder)).text(lang), 10,
                box.w - 48)]
        out.append(("panel", rows))
        for i, (rx, ry, rw, rh) in c.rows(rows.w, rows.h, ROW_H):
            entry = c.entries[i]
            text = msg("files_parent_row").text(lang) if entry.is_parent else entry.name + ("/" if entry.is_folder else "")
            out.append(("row", Rect(rows.x + rx, rows.y + ry, rw, rh), text, i == c.selected, entry.is_folder))
        if c.shows_empty:
            out.append(("text", rows.x + 16, rows.top - 24 - ROW_H * len(c.entries), msg("files_folder_empty").text(lang),
                        12, None))
        if c.folder_problem is not None:
            out.append(("problem", rows.x + 16, rows.top - 60, c.folder_problem.text(lang)))
        if c.mode == "save":
            out.append(("text", box.x + 24, name.y + 20, msg("files_name_label").text(lang), 12, None))
            out.append(("input", name, c.name))
        if c.confirming is not None:
            out.append(("problem", box.x + 24, box.y + 96, msg("files_confirm_overwrite",
                                                                name=c.confirming.name).text(lang)))
        elif c.problem is not None:
            out.append(("problem", box.x + 24, box.y + 76 if c.mode == "open" else box.y + 140, c.problem.text(lang)))
        out += [("button", b) for b in self._buttons(box, lang)]
        return out

    def mouse_press(self, x, y, width, height, lang):
        c = self.chooser
        box, rows, _ = self._geometry(width, height)
        button = next((b for b in self._buttons(box, lang) if b.rect.contains(x, y)), None)
        if button is not None:
            self._button(button.id)
            return
        i = c.hit(x - rows.x, y - rows.y) if rows.contains(x, y) else None
        if i is not None:
            if c.selected == i:
                self._result(c.open_selected())
            else:
                c.select(i)

    def _button(self, id: str) -> None:
        c = self.chooser
        if id == "up":
            c.go_up()
        elif id == "home":
            c.go_home()
        elif id == "cancel":
            self.on_cancel()
        elif id == "ok":
            current = c.current()
            self._result(c.open_selected() if c.mode == "open" and current and current.is_folder else c.choose())
        elif id == "replace":
            self._result(c.confirm())
        elif id == "cancel_replace":
            c.confirming = None

    def _result(self, result) -> None:
        if result is not None and result.state == "chosen":
            self.on_chosen(result.path)

    def on_key(self, symbol, modifiers):
        c = self.chooser
        if symbol in (K.UP, K.DOWN):
            c.move_selection(1 if symbol == K.DOWN else -1)
        elif symbol in (K.ENTER, K.RETURN):
            self._button("replace" if c.confirming is not None else "ok")
        elif symbol == K.ESCAPE:
            self._button("cancel_replace" if c.confirming is not None else "cancel")
        elif symbol == K.BACKSPACE and c.mode == "save":
            c.backspace()

    def type_text(self, text):
        if self.chooser.mode == "save":
            self.chooser.type_text(text)


class DialogHost:
    """Gives the controller's dialog slot the window size and language it needs."""

    def __init__(self, session: "Session", inner):
        self.session, self.inner = session, inner

    def key(self):
        return self.inner.key()

    def layout(self):
        c = self.session.c
        return self.inner.layout(c.width, c.height, c.editor.lang)

    def mouse_press(self, x, y):
        c = self.session.c
        self.inner.mouse_press(x, y, c.width, c.height, c.editor.lang)

    def key_press(self, symbol, modifiers):
        self.inner.on_key(symbol, modifiers)

    def type_text(self, text):
        self.inner.type_text(text)


class Session:
    """Wires files, settings, autosave and the language into a Controller's actions."""

    def __init__(self, controller: Controller, settings: Settings | None = None, autosaver: Autosaver | None = None):
        self.c = controller
        self.settings = settings or load_settings()
        self.autosaver = autosaver or Autosaver()
        self._seen = self._version()
        for name in ("new", "open", "save", "save_as", "examples", "language", "request_close"):
            controller.actions[name] = getattr(self, name)
        controller.on_tick.append(self.tick)

    # --- dialogs -----------------------------------------------------------------------

    def show(self, inner) -> None:
        self.c.dialog = DialogHost(self, inner)
        self.c.menu = self.c.field = None

    def close_dialog(self) -> None:
        self.c.dialog = None

    def tell(self, message: Message) -> None:
        self.show(Ask(message, [("ok", msg("files_button_ok"))], lambda _: self.close_dialog()))

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
        self.unsaved_then(lambda: self._open(Project(language=self.c.editor.lang), None))

    def open(self) -> None:
        def chosen(path: Path) -> None:
            self.close_dialog()
            try:
                project = load_project(path)
            except RuntimeProblem as e:
                self.tell(e.message)
                return
            self._open(project, str(path))
        self.unsaved_then(lambda: self.show(Chooser(FileChooser("open", self._folder(), home=self._home()),
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
        folder = os.path.dirname(e.path) if e.path else self._folder()
        name = os.path.basename(e.path) if e.path else (e.project.name or "project") + ".json"

        def chosen(path: Path) -> None:
            self.close_dialog()
            e.path = str(path)
            self.save(after)
        self.show(Chooser(FileChooser("save", folder, name=name, home=self._home()), chosen, self.close_dialog))

    def examples(self) -> None:
        lang = self.c.editor.lang
        items = [MenuItem(f"example:{ex.name}", ex.description[lang]) for ex in EXAMPLES]
        button = next(b for b in self.c.toolbar().all() if b.id == "examples")
        self.c.open_menu(Menu("toolbar", items, button.rect.x, button.rect.y))
        for ex in EXAMPLES:
            self.c.actions[f"example:{ex.name}"] = lambda ex=ex: self.unsaved_then(
                lambda: self._open(ex.project().model_copy(update={"language": self.c.editor.lang}), None))

    def language(self) -> None:
        items = [MenuItem(f"lang:{code}", name, checked=code == self.c.editor.lang)
                 for code, name in LANGUAGE_NAMES.items()]
        button = next(b for b in self.c.toolbar().all() if b.id == "language")
        self.c.open_menu(Menu("toolbar", items, button.rect.x + button.rect.w - 200, button.rect.y))
        for code in LANGUAGE_NAMES:
            self.c.actions[f"lang:{code}"] = lambda code=code: self.set_language(code)

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

    def offer_recovery(self, recovery: Recovery) -> None:
        def choice(id: str) -> None:
            self.close_dialog()
            if id == "restore" and self.autosaver.adopt(recovery):
                self._open(recovery.project, recovery.source_path, dirty=True, keep_recovery=True)
            elif id == "fresh":
                recovery.discard()
        self.show(Ask(recovery.offer(), [("restore", msg("files_button_restore")),
                                         ("fresh", msg("files_button_start_fresh"))], choice))

    # --- helpers -------------------------------------------------------------------------

    def _open(self, project: Project, path: str | None, dirty: bool = False, keep_recovery: bool = False) -> None:
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

    def _home(self) -> Path:
        try:
            return ensure_projects_folder(self.settings)
        except OSError:
            return Path.home()

    def _folder(self) -> Path:
        last = self.settings.last_project
        if last and os.path.isdir(os.path.dirname(last)):
            return Path(os.path.dirname(last))
        return self._home()

    def display_name(self) -> str:
        e = self.c.editor
        return os.path.basename(e.path) if e.path else (e.project.name or msg("title_untitled").text(e.lang))

    def title(self) -> str:
        mark = " *" if self.c.editor.history.dirty else ""
        return f"{self.display_name()}{mark} — blockbuilder"


def start(controller: Controller, starter: Callable[[], Project]) -> Session:
    """The first moments: open the last project (or the starter example), then offer any lost work."""
    session = Session(controller)
    last = session.settings.last_project
    project, path = None, None
    if last and os.path.isfile(last):
        try:
            project, path = load_project(last), last
        except RuntimeProblem:
            project = None
    session._open(project or starter(), path)
    recovery = pending()
    if recovery is not None:
        session.offer_recovery(recovery)
    return session
