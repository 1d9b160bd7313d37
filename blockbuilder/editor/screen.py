"""Screen geometry of the editor window: regions, toolbar buttons, menus and the code area's camera.

Screen coordinates are pyglet's: pixels, origin at the bottom-left. Workspace coordinates grow
downwards (see layout.py); `CodeView` converts between them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .layout import Measure

TOOLBAR_H = 56
CATEGORY_W = 88          # wide enough for "ニューロンと" on a line at CATEGORY_PT
FLYOUT_W = 330
PALETTE_SCALE = 0.7     # palette blocks are drawn smaller than on the workspace, as in Scratch
STAGE_MIN, STAGE_MAX = 260, 480
BIG_CODE_W = 300         # what the code area keeps when the stage is made big
BUTTON_H = 40
ROUND_BUTTON = 48        # the zoom and trash buttons in the code area's corner ("ごみばこ" fits at 7 pt)
MENU_ROW = 40
TOOL_PT = 12             # toolbar and menu text size
CATEGORY_PT = 10         # the category names under their circles


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h

    @property
    def top(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Regions:
    toolbar: Rect
    categories: Rect
    flyout: Rect
    code: Rect
    stage: Rect


def regions(width: float, height: float, big_stage: bool = False) -> Regions:
    """The window's areas; a big stage (every view at once) leaves the code area about BIG_CODE_W."""
    stage_w = max(STAGE_MIN, min(STAGE_MAX, width * 0.25))
    if big_stage:
        stage_w = max(stage_w, width - CATEGORY_W - FLYOUT_W - BIG_CODE_W)
    body = height - TOOLBAR_H
    left = CATEGORY_W + FLYOUT_W
    return Regions(Rect(0, body, width, TOOLBAR_H), Rect(0, 0, CATEGORY_W, body), Rect(CATEGORY_W, 0, FLYOUT_W, body),
                   Rect(left, 0, max(1, width - left - stage_w), body), Rect(width - stage_w, 0, stage_w, body))


@dataclass
class Camera:
    """Where the code area looks: the workspace point at its top-left corner, and the zoom."""

    x: float = 0.0
    y: float = 0.0
    zoom: float = 1.0

    ZOOMS = (0.5, 0.625, 0.75, 0.875, 1.0, 1.25, 1.5, 1.75, 2.0)


@dataclass
class CodeView:
    """The camera applied to the code area's rectangle."""

    area: Rect
    camera: Camera

    def to_screen(self, wx: float, wy: float) -> tuple[float, float]:
        z = self.camera.zoom
        return self.area.x + (wx - self.camera.x) * z, self.area.top - (wy - self.camera.y) * z

    def to_world(self, sx: float, sy: float) -> tuple[float, float]:
        z = self.camera.zoom
        return self.camera.x + (sx - self.area.x) / z, self.camera.y + (self.area.top - sy) / z


@dataclass
class PaletteView:
    """The flyout's scroll: palette units (like workspace units, y down) to screen."""

    area: Rect
    scroll: float = 0.0

    def to_screen(self, px: float, py: float) -> tuple[float, float]:
        return self.area.x + px * PALETTE_SCALE, self.area.top - (py - self.scroll) * PALETTE_SCALE

    def to_palette(self, sx: float, sy: float) -> tuple[float, float]:
        return (sx - self.area.x) / PALETTE_SCALE, self.scroll + (self.area.top - sy) / PALETTE_SCALE


@dataclass(frozen=True)
class Button:
    id: str
    rect: Rect
    text: str
    enabled: bool = True
    toggled: bool = False


@dataclass
class MenuItem:
    id: str
    text: str
    enabled: bool = True
    checked: bool | None = None   # None: not a toggle


@dataclass
class Menu:
    """A pop-up list: a right-click menu, a dropdown field's choices, the examples or languages."""

    kind: str
    items: list[MenuItem]
    x: float
    y: float          # top-left corner, screen units
    w: float = 240
    target: str | None = None     # the block (or field) it belongs to
    param: str | None = None
    keep_open: bool = False       # toggles (input features) stay open until clicked outside
    selected: int = 0             # keyboard highlight

    def rect(self) -> Rect:
        return Rect(self.x, self.y - MENU_ROW * len(self.items), self.w, MENU_ROW * len(self.items))

    def row_rect(self, i: int) -> Rect:
        return Rect(self.x, self.y - MENU_ROW * (i + 1), self.w, MENU_ROW)

    def item_at(self, x: float, y: float) -> int | None:
        return next((i for i in range(len(self.items)) if self.row_rect(i).contains(x, y)), None)


POINTER_MENUS = ("block", "workspace")   # opened where the pointer is (a right-click)


def fit_menu(menu: Menu, measure: Measure, width: float, height: float) -> Menu:
    """Widen a menu to its longest item and keep it inside the window: near the bottom it opens upwards,
    and a right-click menu near the right edge opens to the left of the pointer (as desktop menus do)."""
    menu.w = max(160.0, max((measure(i.text) for i in menu.items), default=0) + 56)
    h = MENU_ROW * len(menu.items)
    if menu.x + menu.w > width and menu.kind in POINTER_MENUS:
        menu.x -= menu.w
    if menu.y - h < 0:
        menu.y += h
    menu.x = max(0.0, min(menu.x, width - menu.w))
    menu.y = min(height, max(menu.y, h))
    return menu


TITLE_W = 150            # the program's name at the toolbar's left, when the buttons leave room for it


@dataclass
class Toolbar:
    left: list[Button] = field(default_factory=list)
    right: list[Button] = field(default_factory=list)
    title: bool = True       # room for the program's name

    def all(self) -> list[Button]:
        return self.left + self.right

    def at(self, x: float, y: float) -> Button | None:
        return next((b for b in self.all() if b.rect.contains(x, y)), None)


def lay_toolbar(left: list[tuple[str, str, bool]], right: list[tuple[str, str, bool]], area: Rect,
                measure: Measure) -> Toolbar:
    """Buttons (id, text, enabled) from the left edge and from the right edge of the toolbar. A narrow
    window (or long labels) first gets tighter buttons, then loses the program's name, so buttons never
    overlap at the smallest window size."""
    texts = [measure(text) for _, text, _ in left + right]
    gaps = 6 * (len(texts) - 1) + 20
    for title, pad in ((True, 28), (True, 18), (False, 18), (False, 12)):
        room = area.w - (TITLE_W if title else 0)
        if sum(texts) + pad * len(texts) + gaps <= room:
            break
    y = area.y + (area.h - BUTTON_H) / 2
    out, x = Toolbar(title=title), area.x + 10 + (TITLE_W if title else 0)
    for id, text, on in left:
        w = measure(text) + pad
        out.left.append(Button(id, Rect(x, y, w, BUTTON_H), text, on))
        x += w + 6
    x = area.x + area.w - 10
    for id, text, on in right:
        w = measure(text) + pad
        x -= w
        out.right.append(Button(id, Rect(x, y, w, BUTTON_H), text, on))
        x -= 6
    return out


def corner_buttons(code: Rect) -> list[Button]:
    """Zoom in, zoom out, reset zoom and the trash, stacked in the code area's bottom-right corner."""
    x, y = code.x + code.w - ROUND_BUTTON - 14, code.y + 14
    ids = ("zoom_reset", "zoom_out", "zoom_in", "trash")
    texts = ("=", "−", "+", "")
    return [Button(i, Rect(x, y + k * (ROUND_BUTTON + 8), ROUND_BUTTON, ROUND_BUTTON), t)
            for k, (i, t) in enumerate(zip(ids, texts))]
