"""The editor's dialogs, headless: a question with buttons, and the in-window file chooser. Each
describes itself as primitives (box, text, rows, input, buttons) that view/dialogs.py draws."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from runtime import Message, plain_number

from ..document.catalog import Param
from ..document.fields import WEIGHT_LIMIT, parse_field
from . import keys as K
from .filechooser import FileChooser
from .layout import Measure, approx_measure, clip_left, line_height, wrap_text
from .screen import Button, Rect
from .texts import msg

ROW_H = 40
BOX_W, BOX_H = 720, 500   # the file chooser: its four buttons fit in every language
ASK_W, ASK_H = 560, 220     # a question's box; it grows taller for a longer text
TEXT_PT, BUTTON_PT = 13, 12   # a dialog's text and its buttons' words


def text_height(text: str, measure: Measure, width: float, size: float) -> float:
    """How tall a text is once wrapped to `width` (the view draws the same lines, see view/dialogs.py)."""
    return len(wrap_text(text, measure, width, size)) * line_height(size)


def button_width(text: str, measure: Measure, least: float = 110) -> float:
    return max(least, measure(text) * BUTTON_PT / 13 + 36)


class DialogHost:
    """Puts a dialog in the controller's dialog slot, with the window size and language it needs."""

    def __init__(self, controller, inner):
        self.c, self.inner = controller, inner
        if hasattr(inner, "measure"):   # the window's font, so texts are wrapped and boxes sized with it
            inner.measure = controller.editor.measure

    def key(self):
        return self.inner.key()

    def layout(self):
        c = self.c
        return self.inner.layout(c.width, c.height, c.editor.lang)

    def mouse_press(self, x, y):
        c = self.c
        self.inner.mouse_press(x, y, c.width, c.height, c.editor.lang)

    def key_press(self, symbol, modifiers):
        self.inner.on_key(symbol, modifiers)

    def type_text(self, text):
        self.inner.type_text(text)


@dataclass
class Ask:
    """A question with buttons (unsaved changes, a recovery offer, a file that would not open)."""

    text: Message
    buttons: list[tuple[str, Message]]
    on_choice: Callable[[str], None]
    selected: int = 0
    measure: Measure = approx_measure   # the window's font, set by DialogHost

    def key(self) -> tuple:
        return ("ask", self.text.key, str(self.text.params), self.selected)

    def _box(self, width: float, height: float, lang: str = "en") -> Rect:
        """ASK_W wide, and tall enough for the wrapped text above the buttons (at most the window)."""
        h = max(ASK_H, text_height(self.text.text(lang), self.measure, ASK_W - 56, TEXT_PT) + 40 + 88)
        h = min(h, height - 16)
        return Rect((width - ASK_W) / 2, (height - h) / 2, ASK_W, h)

    def layout(self, width: float, height: float, lang: str) -> list:
        box = self._box(width, height, lang)
        text = self.text.text(lang)
        middle = (box.top + box.y + 66) / 2   # in the middle of the room above the buttons
        out = [("box", box), ("text", box.x + 28, middle, text, TEXT_PT, box.w - 56)]
        out += [("button", b) for b in self._buttons(box, lang)]
        return out

    def _buttons(self, box: Rect, lang: str) -> list[Button]:
        x, out = box.x + box.w - 24, []
        for i, (id, text) in reversed(list(enumerate(self.buttons))):
            w = button_width(text.text(lang), self.measure)
            x -= w
            out.append(Button(id, Rect(x, box.y + 22, w, 44), text.text(lang), True, i == self.selected))
            x -= 12
        return out

    def mouse_press(self, x, y, width, height, lang):
        box = self._box(width, height, lang)
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
    measure: Measure = approx_measure   # the window's font, set by DialogHost

    def key(self) -> tuple:
        c = self.chooser
        return ("chooser", str(c.folder), c.selected, c.scroll, c.name, c.problem and c.problem.key,
                str(c.confirming), len(c.entries))

    def _geometry(self, width, height):
        """The box, the list of files, the name input; below the list (above the name, when saving) a
        strip for a problem: three lines when opening, two when saving."""
        box = Rect((width - BOX_W) / 2, (height - BOX_H) / 2, BOX_W, BOX_H)
        low = 170 if self.chooser.mode == "save" else 130
        rows = Rect(box.x + 24, box.y + low, box.w - 48, box.h - low - 96)
        name = Rect(box.x + 24 + 150, box.y + 80, box.w - 48 - 150, 40)
        return box, rows, name

    def _problem_y(self, box: Rect) -> float:
        """The middle of the strip between the buttons (or the name) and the list."""
        return box.y + (145 if self.chooser.mode == "save" else 98)

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
            w = button_width(text, self.measure, 90)
            out.append(Button(id, Rect(x, box.y + 22, w, 44), text))
            x += w + 10
        return out

    def layout(self, width: float, height: float, lang: str) -> list:
        c = self.chooser
        box, rows, name = self._geometry(width, height)
        out = [("box", box), ("text", box.x + 24, box.top - 32, c.title.text(lang), 16, None),
               ("text", box.x + 24, box.top - 66, self._folder_label(lang, box.w - 48), 10, box.w - 48)]
        out.append(("panel", rows))
        for i, (rx, ry, rw, rh) in c.rows(rows.w, rows.h, ROW_H):
            entry = c.entries[i]
            text = msg("files_parent_row").text(lang) if entry.is_parent else entry.name + ("/" if entry.is_folder else "")
            out.append(("row", Rect(rows.x + rx, rows.y + ry, rw, rh), text, i == c.selected, entry.is_folder))
        if c.shows_empty:
            out.append(("text", rows.x + 16, rows.top - 24 - ROW_H * len(c.entries), c.empty_message.text(lang),
                        12, None))
        if c.folder_problem is not None:
            out.append(("problem", rows.x + 16, rows.top - 60, c.folder_problem.text(lang), rows.w - 32))
        if c.mode == "save":
            out.append(("text", box.x + 24, name.y + 20, msg("files_name_label").text(lang), 12, None))
            out.append(("input", name, c.name))
        problem = msg("files_confirm_overwrite", name=c.confirming.name) if c.confirming is not None else c.problem
        if problem is not None:
            out.append(("problem", box.x + 24, self._problem_y(box), problem.text(lang), box.w - 48))
        out += [("button", b) for b in self._buttons(box, lang)]
        return out

    def _folder_label(self, lang: str, width: float) -> str:
        """"Folder: …/end/of/the/path" on one line: the path loses its start, which says least."""
        label = msg("files_folder_label", folder="").text(lang)
        return label + clip_left(str(self.chooser.folder), self.measure, width - self.measure(label) * 10 / 13, 10)

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


@dataclass
class AskNumber:
    """Type one number (a weight or a bias clicked on the network diagram); Enter sets it, Escape cancels."""

    title: Message
    value: float
    on_value: Callable[[float], None]
    on_cancel: Callable[[], None]
    text: str = ""
    problem: Message | None = None
    measure: Measure = approx_measure   # the window's font, set by DialogHost

    def __post_init__(self):
        self.text = self.text or plain_number(float(self.value), 4)

    def key(self) -> tuple:
        return ("number", self.title.key, str(self.title.params), self.text, self.problem and self.problem.key)

    def _box(self, width, height, lang: str = "en") -> Rect:
        """460 wide; taller when the title takes more than one line."""
        h = 230 - line_height(TEXT_PT) + text_height(self.title.text(lang), self.measure, 412, TEXT_PT)
        return Rect((width - 460) / 2, (height - h) / 2, 460, h)

    def _buttons(self, box: Rect, lang: str) -> list[Button]:
        ok, cancel = msg("number_ok").text(lang), msg("files_button_cancel").text(lang)
        return [Button("cancel", Rect(box.x + box.w - 290, box.y + 20, 120, 44), cancel),
                Button("ok", Rect(box.x + box.w - 160, box.y + 20, 136, 44), ok)]

    def layout(self, width: float, height: float, lang: str) -> list:
        box = self._box(width, height, lang)
        title = self.title.text(lang)
        middle = box.top - 22 - (text_height(title, self.measure, box.w - 48, TEXT_PT) - line_height(TEXT_PT)) / 2
        out = [("box", box), ("text", box.x + 24, middle - 12, title, TEXT_PT, box.w - 48),
               ("input", Rect(box.x + 24, box.y + 100, box.w - 48, 42), self.text)]
        if self.problem is not None:
            out.append(("problem", box.x + 24, box.y + 82, self.problem.text(lang), box.w - 48))
        return out + [("button", b) for b in self._buttons(box, lang)]

    def mouse_press(self, x, y, width, height, lang):
        hit = next((b for b in self._buttons(self._box(width, height, lang), lang) if b.rect.contains(x, y)), None)
        if hit is not None:
            self.finish(hit.id == "ok")

    def on_key(self, symbol, modifiers):
        if symbol in (K.ENTER, K.NUM_ENTER):
            self.finish(True)
        elif symbol == K.ESCAPE:
            self.finish(False)
        elif symbol == K.BACKSPACE:
            self.text = self.text[:-1]

    def type_text(self, text):
        self.text += "".join(c for c in text if c.isprintable())[:40]

    def finish(self, ok: bool) -> None:
        if not ok:
            self.on_cancel()
            return
        value, self.problem = parse_field(self.text, Param("value", "number", 0, {}, -WEIGHT_LIMIT, WEIGHT_LIMIT))
        if self.problem is None:
            self.on_cancel()   # close first: the edit may redraw everything
            self.on_value(float(value))
