"""Block geometry: a pure function from blocks to boxes, fields, notches and snap spots (measure, then draw).

Workspace units, y growing downwards, one unit is one pixel at zoom 1. Text widths come from an
injected `measure(text) -> width`; the window passes the real font's, tests use `approx_measure`.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from ..document.catalog import BLOCK_TYPES, BLOCKS, CATEGORY_LABELS, BlockType, choice_label
from ..document.edits import Addr, block_at
from ..document.fields import show_number
from ..document.project import Block, Project
from .texts import msg

Measure = Callable[[str], float]

FONT_PT = 13        # block text size in points (pyglet's font_size)
FONT_PX = 17.5      # the same in pixels at 96 dpi, for approx_measure
ROW = 48            # height of a block's row of text and fields (big enough for a child's mouse)
HAT = 22            # extra height of a hat block's bump
PAD = 12            # space left and right of a block's contents
GAP = 8             # space between words and fields
FIELD_H = 32
FIELD_PAD = 10
MIN_W = 72
NOTCH_X, NOTCH_W, NOTCH_D = 16, 28, 7   # the notch on top of a block and the tab below it
ARM = 20            # width of a C block's left arm
FOOT = 26           # height of a C block's bottom arm
EMPTY_MOUTH = 36    # height of an empty C block's mouth
SNAP = 36           # how near (in screen pixels) a dragged block must come to snap


def approx_measure(text: str) -> float:
    """Width of text without a font: kana and kanji are square, the rest a bit over half as wide."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return FONT_PX * (wide + 0.56 * (len(text) - wide))


@dataclass(frozen=True)
class Item:
    """A word or a field on a block; x, y is its top-left in workspace units."""

    kind: str            # "text" or "field"
    x: float
    y: float
    w: float
    h: float
    text: str
    param: str | None = None   # the parameter a field edits
    field_kind: str = ""       # the catalog's Param.kind


@dataclass
class BlockBox:
    """Where one block is drawn. h covers everything the block holds (a C block's children)."""

    id: str
    addr: Addr
    type: str
    shape: str
    x: float
    y: float
    w: float
    h: float
    head: float                     # height of the top part (the row, plus the hat's bump)
    items: list[Item] = field(default_factory=list)
    mouth: float = 0.0              # C block or answer cap: height of the mouth between the arms
    children: list["BlockBox"] = field(default_factory=list)

    @property
    def holds(self) -> bool:
        """Whether blocks go inside it: a C block, or an answer cap (C-shaped with a flat bottom)."""
        return self.mouth > 0

    def contains(self, x: float, y: float) -> bool:
        """Hit test on the block's own body (the arms of a C block, not its mouth)."""
        if not (self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h):
            return False
        if self.holds and self.y + self.head <= y < self.y + self.head + self.mouth:
            return x < self.x + ARM
        return True

    def item_at(self, x: float, y: float) -> Item | None:
        return next((i for i in self.items if i.kind == "field" and i.x <= x <= i.x + i.w
                     and i.y <= y <= i.y + i.h), None)


@dataclass
class ScriptBox:
    index: int
    x: float
    y: float
    w: float
    h: float
    blocks: list[BlockBox]

    def all(self):
        """Every block box in the script, outer blocks before the blocks they hold."""
        def inner(boxes):
            for b in boxes:
                yield b
                yield from inner(b.children)
        yield from inner(self.blocks)


@dataclass(frozen=True)
class Spot:
    """A place a dragged run can snap to: insert at `at`; (x, y) is where the run's top-left goes,
    except for kind "above", where (x, y) is where the run's bottom-left must come."""

    kind: str   # "below", "inside" or "above"
    at: Addr
    x: float
    y: float


SPACES = " \u3000"   # where a line may break in a language that puts spaces between words
NO_LINE_START = "。、，．,.）」』】〉》！？!?:：;；ー…ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ"  # hang at the line's end


def wrap_text(text: str, measure: Measure, width: float, size: float = FONT_PT) -> list[str]:
    """Lines that fit `width` at font `size` (measure gives widths at FONT_PT): the text's own line
    breaks kept, a long line broken at its last space, or between any two characters where it has
    none (Japanese puts no spaces between words). Widths add up character by character, so a long
    text costs one cached measure per distinct character."""
    limit = width * FONT_PT / size
    out = []
    for para in text.split("\n"):
        line, w = "", 0.0
        spaced = sum(para.count(c) for c in SPACES) * 10 >= len(para)   # words apart, as in hiragana for children
        for ch in para:
            cw = measure(ch)
            hangs = ch in NO_LINE_START and w <= limit   # one closing mark may hang past the end, not two
            if line and w + cw > limit and ch not in SPACES and not hangs:
                cut = max(line.rfind(c) for c in SPACES)
                if cut > 0 and not spaced and _wide(ch) and _wide(line[-1]) \
                        and sum(map(measure, line[:cut])) < 0.6 * limit:
                    cut = 0   # Japanese written without spaces: break here rather than leave a short line
                back = next((i for i in range(len(line) - 1, 0, -1) if line[i] not in NO_LINE_START), 0)
                word = _word_start(line) if not _wide(ch) else 0
                if cut <= 0 and ch in NO_LINE_START and back:   # "…個）" + "。": "個）。" starts the next line
                    line, rest = line[:back], line[back:]
                elif cut <= 0 and word:   # "…選ぶか、Scr" + "atch": the whole word goes to the next line
                    line, rest = line[:word], line[word:]
                else:
                    line, rest = (line[:cut], line[cut + 1:]) if cut > 0 else (line, "")
                out.append(line.rstrip(SPACES))
                line, w = rest, sum(measure(c) for c in rest)
            line, w = line + ch, w + cw
        out.append(line)
    return out


def line_height(size: float) -> float:
    """Distance between the lines of a wrapped text at font `size` (points), screen pixels."""
    return round(size * 1.75)


def clip_left(text: str, measure: Measure, width: float, size: float = FONT_PT) -> str:
    """Text cut from the left with … to fit `width` (a folder's path: its end says where it is)."""
    limit = width * FONT_PT / size
    if measure(text) <= limit:
        return text
    while text and measure("…" + text) > limit:
        text = text[1:]
    return "…" + text


def _word_start(line: str) -> int:
    """Where the Latin word at the end of a line (with no space before it) starts; 0 if it is all the line."""
    i = len(line)
    while i > 0 and not _wide(line[i - 1]) and line[i - 1] not in SPACES:
        i -= 1
    return i if i < len(line) else 0


def _wide(ch: str) -> bool:
    """Kana, kanji and full-width forms: a line may break before or after any of them."""
    return ch >= "\u2e80"


# --- text on blocks -------------------------------------------------------------------------

def field_text(kind: str, value, lang: str) -> str:
    """What a field shows for its value."""
    if kind in ("number", "integer"):
        return show_number(value)
    if kind == "choice":
        return f"{choice_label(value, lang)} ▼"
    if kind == "bool":
        return msg("field_on" if value else "field_off").text(lang)
    if kind == "features":
        return f"{', '.join(choice_label(v, lang) for v in value) or '—'} ▼"
    if kind == "weights":
        if value is None:
            return msg("field_auto").text(lang)
        shown = ", ".join(show_number(w) for w in value[:4])
        return shown + (", …" if len(value) > 4 else "") if value else "—"
    if kind == "points":
        return msg("field_points", count=len(value)).text(lang)
    text = str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def segments(kind: BlockType, lang: str) -> list[tuple[str, str]]:
    """The label as [("text", words) | ("field", param name)], in order."""
    out, rest = [], kind.label[lang]
    while "{" in rest:
        before, _, after = rest.partition("{")
        name, _, rest = after.partition("}")
        if before.strip():
            out.append(("text", before.strip()))
        out.append(("field", name))
    if rest.strip():
        out.append(("text", rest.strip()))
    return out


def _sized(block: Block, kind: BlockType | None, part: str, value: str, lang: str,
           measure: Measure) -> tuple[str, str, str, float]:
    """(part, value, the text shown, its width): a word as it is, a field as its value's text in a pill."""
    if part == "text":
        return part, value, value, measure(value)
    p = kind.param(value)
    text = field_text(p.kind, block.params.get(value, p.default), lang)
    return part, value, text, max(measure(text) + 2 * FIELD_PAD, 40)


def _room(sized: list[tuple[str, str, str, float]], i: int, kind: BlockType, lang: str) -> float:
    """The width part i needs on its row: a field's name needs room for its field too, so they wrap together."""
    part, _, text, w = sized[i]
    after = sized[i + 1] if i + 1 < len(sized) else None
    if part == "text" and after is not None and after[0] == "field" and text == kind.param(after[1]).label[lang]:
        return w + GAP + after[3]
    return w


def _fitting(block: Block, kind: BlockType, lang: str, measure: Measure, wrap: float) -> list[tuple[str, str]]:
    """The label's parts; a text that leaves no room for the field after it within `wrap` is cut before that
    field's name, so the name goes to the next row with its field ("… (sigmoid)" | "start [automatic ▼]"); a
    text wider than `wrap` by itself is cut at every space."""
    parts, out = segments(kind, lang), []
    for i, (part, value) in enumerate(parts):
        words = [value]
        field = parts[i + 1][1] if part == "text" and i + 1 < len(parts) else None
        if field is not None:
            name = kind.param(field).label[lang]
            if value.endswith(f" {name}") and \
                    measure(value) + GAP + _sized(block, kind, "field", field, lang, measure)[3] + 2 * PAD > wrap:
                words = [value.removesuffix(f" {name}"), name]
        if words[0] == value and measure(value) + 2 * PAD > wrap:
            words = value.split(" ")
        out += [(part, w) for w in words if w]
    return out


# --- one block, a run of blocks, the project -------------------------------------------------

def layout_block(block: Block, addr: Addr, x: float, y: float, lang: str, measure: Measure,
                 wrap: float = math.inf) -> BlockBox:
    """The block's box at (x, y); words and fields that would make it wider than `wrap` go on another row
    (the palette does that, so that long data blocks fit its width)."""
    kind = BLOCK_TYPES.get(block.type)
    shape = kind.shape if kind else "stack"
    top = y + (HAT if shape == "hat" else 0)
    items, dx, widest = [], PAD, 0.0    # dx: from the block's left edge, so its width never depends on x
    parts = _fitting(block, kind, lang, measure, wrap) if kind else [("text", block.type)]
    sized = [_sized(block, kind, part, value, lang, measure) for part, value in parts]
    for i, (part, value, text, w) in enumerate(sized):
        if dx > PAD and dx + _room(sized, i, kind, lang) + PAD > wrap:
            widest, dx, top = max(widest, dx - GAP + PAD), PAD, top + ROW
        if part == "text":
            items.append(Item("text", x + dx, top, w, ROW, text))
        else:
            items.append(Item("field", x + dx, top + (ROW - FIELD_H) / 2, w, FIELD_H, text, value,
                              kind.param(value).kind))
        dx += w + GAP
    w = max(MIN_W, widest, dx - GAP + PAD)
    head = (top - y) + ROW
    box = BlockBox(block.id, addr, block.type, shape, x, y, w, head, head, items)
    if kind is not None and kind.inside is not None:
        box.children, inner = layout_run(block.children, addr, x + ARM, y + head, lang, measure, wrap - ARM)
        box.mouth = inner if block.children else EMPTY_MOUTH
        box.h = head + box.mouth + FOOT
        box.w = max(w, ARM + max((c.w for c in box.children), default=0) + 8)
    return box


def layout_run(blocks: list[Block], parent: Addr, x: float, y: float, lang: str,
               measure: Measure = approx_measure, wrap: float = math.inf) -> tuple[list[BlockBox], float]:
    """Boxes of blocks stacked from (x, y), addressed parent + (i,); and their total height."""
    boxes, cy = [], y
    for i, block in enumerate(blocks):
        box = layout_block(block, parent + (i,), x, cy, lang, measure, wrap)
        boxes.append(box)
        cy += box.h
    return boxes, cy - y


def layout_project(project: Project, lang: str, measure: Measure = approx_measure) -> list[ScriptBox]:
    out = []
    for s, script in enumerate(project.scripts):
        boxes, h = layout_run(script.blocks, (s,), script.x, script.y, lang, measure)
        out.append(ScriptBox(s, script.x, script.y, max(b.w for b in boxes), h, boxes))
    return out


# --- comments beside blocks ------------------------------------------------------------------

COMMENT_PT = 11         # comment text size in points
COMMENT_LINE = 20       # height of one line of a comment
COMMENT_PAD = 8         # space above and below a comment's lines
COMMENT_W = 320         # a comment is at most this wide; longer lines wrap
COMMENT_LINES = 12      # lines shown at most; the rest is behind "…" (the editor shows everything)
COMMENT_X = 96          # from a script's right edge, past the shape tags ("2 → 4")


@dataclass
class CommentBox:
    """A note beside its block: its lines as drawn and its rectangle (workspace units, y down)."""

    block_id: str
    x: float
    y: float
    w: float
    h: float
    lines: list[str]


def comment_lines(text: str, measure: Measure, width: float = COMMENT_W - 24, most: int = COMMENT_LINES) -> list[str]:
    """A comment's lines, wrapped to `width`; past `most` lines the last one shown ends in …."""
    lines = wrap_text(text, measure, width, COMMENT_PT)
    return lines if len(lines) <= most else lines[:most - 1] + [lines[most - 1] + "…"]


def layout_comments(project: Project, scripts: list[ScriptBox], measure: Measure) -> list[CommentBox]:
    """Comments to the right of their script, each level with its block, as tall as its lines (Scratch's
    notes grow too); a note that would cover the one above it in the same script moves down."""
    out = []
    for sb in scripts:
        bottom = -math.inf
        for box in sb.all():
            text = block_at(project, box.addr).comment
            if text is None:
                continue
            lines = comment_lines(text, measure)
            w = min(COMMENT_W, max(120.0, max(measure(ln) for ln in lines) * COMMENT_PT / FONT_PT + 24))
            y = max(box.y + 6, bottom + 8)
            out.append(CommentBox(box.id, sb.x + sb.w + COMMENT_X, y, w, len(lines) * COMMENT_LINE + 2 * COMMENT_PAD,
                                  lines))
            bottom = y + out[-1].h
    return out


def spots(scripts: list[ScriptBox]) -> list[Spot]:
    """Every place a run could be inserted into an existing stack or C block."""
    out = []
    for sb in scripts:
        out.append(Spot("above", (sb.index, 0), sb.x, sb.y))
        for box in sb.all():
            out.append(Spot("below", box.addr[:-1] + (box.addr[-1] + 1,), box.x, box.y + box.h))
            if box.holds:
                out.append(Spot("inside", box.addr + (0,), box.x + ARM, box.y + box.head))
    return out


def nearest_spots(candidates: list[Spot], x: float, y: float, run_h: float, radius: float) -> list[Spot]:
    """Spots within radius of a run whose top-left is at (x, y), nearest first."""
    def dist(s: Spot) -> float:
        return math.hypot(s.x - x, s.y - (y + run_h if s.kind == "above" else y))
    return sorted((s for s in candidates if dist(s) <= radius), key=dist)


def hit(scripts: list[ScriptBox], x: float, y: float) -> BlockBox | None:
    """The innermost block under a workspace point; scripts drawn later are on top."""
    for sb in reversed(scripts):
        found = None
        for box in sb.all():
            if box.contains(x, y):
                found = box  # children come after their C block, so the innermost wins
        if found:
            return found
    return None


# --- the palette ------------------------------------------------------------------------------

PALETTE_GAP = 14
PALETTE_HEADING = 34
PALETTE_X = 12
PALETTE_W = 440     # widest palette block: the flyout (screen.FLYOUT_W / PALETTE_SCALE) less its margins


@dataclass
class PaletteLayout:
    headings: list[tuple[str, float, str]]   # (category, y, text)
    entries: list[tuple[str, BlockBox]]      # (block type, its box in palette units)
    h: float


def palette_block(kind: BlockType) -> Block:
    return Block(id=f"palette-{kind.id}", type=kind.id, params=kind.defaults())


def layout_palette(lang: str, measure: Measure = approx_measure, x: float = PALETTE_X) -> PaletteLayout:
    """The palette's headings and blocks, top to bottom; a long block takes two rows to stay in view."""
    headings, entries, y = [], [], 8.0
    for category, label in CATEGORY_LABELS.items():
        headings.append((category, y, label[lang]))
        y += PALETTE_HEADING
        for kind in (k for k in BLOCKS if k.category == category):
            box = layout_block(palette_block(kind), (0, len(entries)), x, y, lang, measure, wrap=PALETTE_W)
            entries.append((kind.id, box))
            y += box.h + PALETTE_GAP
        y += PALETTE_GAP
    return PaletteLayout(headings, entries, y)
