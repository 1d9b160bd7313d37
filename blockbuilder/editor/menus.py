"""The controller's menus: the context menu, a field's choice and inputs menus, and choosing in them."""
from __future__ import annotations

from ..document.catalog import BLOCK_TYPES, choice_label
from ..document.edits import block_at, find
from . import keys as K
from .layout import hit
from .screen import Menu, MenuItem, fit_menu
from .texts import msg


class Menus:
    """The Controller's menus (a mixin: the open menu is the Controller's `menu`)."""

    def _context_menu(self, x: float, y: float) -> None:
        if not self.regions.code.contains(x, y):
            return
        box = hit(self.editor.layout(), *self.code.to_world(x, y))
        lang = self.editor.lang
        if box is not None:
            self.editor.selection = box.id
            has_comment = block_at(self.editor.project, find(self.editor.project, box.id)).comment is not None
            ids = ("duplicate", "copy", "move", "comment_edit" if has_comment else "comment_add", "delete")
            items = [MenuItem(i, msg(f"menu_{i}").text(lang)) for i in ids]
            self.open_menu(Menu("block", items, x, y, target=box.id))
        else:
            items = [MenuItem("paste", msg("menu_paste").text(lang), self.editor.clipboard is not None),
                     MenuItem("clean_up", msg("menu_clean_up").text(lang)),
                     MenuItem("undo", msg("menu_undo").text(lang), bool(self.editor.history.done)),
                     MenuItem("redo", msg("menu_redo").text(lang), bool(self.editor.history.undone))]
            self.open_menu(Menu("workspace", items, x, y))

    def open_menu(self, menu: Menu) -> None:
        self.menu = fit_menu(menu, self.editor.measure, self.width, self.height)
        self.menu.selected = next((i for i, it in enumerate(menu.items) if it.checked), 0)

    def _menu_press(self, x: float, y: float) -> None:
        menu = self.menu
        i = menu.item_at(x, y)
        if i is None:
            self.menu = None
            return
        self.choose_menu_item(i)

    def choose_menu_item(self, i: int) -> None:
        menu = self.menu
        item = menu.items[i]
        if not item.enabled:
            return
        if not menu.keep_open:
            self.menu = None
        if menu.kind == "choice":
            self.editor.set_param(menu.target, menu.param, item.id)
        elif menu.kind == "features":
            self._toggle_feature(menu, i)
        elif menu.kind == "block":
            self.run(item.id, menu.target)
        else:
            self.run(item.id)

    def _toggle_feature(self, menu: Menu, i: int) -> None:
        block = block_at(self.editor.project, find(self.editor.project, menu.target))
        p = BLOCK_TYPES[block.type].param(menu.param)
        chosen = list(block.params.get(menu.param, p.default))
        value = menu.items[i].id
        chosen = [c for c in p.choices if (c in chosen) != (c == value)]
        self.editor.set_param(menu.target, menu.param, chosen)
        for item in menu.items:
            item.checked = item.id in chosen

    def open_features(self, block_id: str, param: str, sx: float, sy: float) -> None:
        """The inputs menu of a data hat (x1, x2, x1², sin x1, …): each item switches one on or off and the
        menu stays open. Opened from the block's field or from the inputs on the stage's diagram."""
        block = block_at(self.editor.project, find(self.editor.project, block_id))
        p = BLOCK_TYPES[block.type].param(param)
        value = block.params.get(param, p.default)
        items = [MenuItem(c, choice_label(c, self.editor.lang), checked=c in value) for c in p.choices]
        self.open_menu(Menu("features", items, sx, sy, target=block_id, param=param, keep_open=True))

    def _menu_key(self, symbol: int) -> bool:
        m = self.menu
        if symbol in (K.DOWN, K.UP):
            m.selected = (m.selected + (1 if symbol == K.DOWN else -1)) % len(m.items)
        elif symbol in (K.ENTER, K.RETURN, K.SPACE):
            self.choose_menu_item(m.selected)
        elif symbol == K.ESCAPE:
            self.menu = None
        return True
