"""Every sentence of every UI catalog fits the place it appears, in ja, ja-Hira and en, at the smallest window.

Each key of the rooms' texts.py has a place (PLACES, from where the key is used): a dialog's body, a
toast, the status line, a bubble, a menu item, a toolbar or dialog button, the stage's buttons and
sentences, the legend, the look-inside panel, a chart, … A key with no place fails, so a new sentence
must get one. Each place lays the text out as the window does (the real dialogs' and stage's layout, the
code area's rectangles at 1024 x 600), with placeholders filled by long realistic values, measures it with
the bundled font (view/measure.py) and fails when a line is wider than its place or there are more lines
than the place shows. Fragments (a reason, a type, a speed) are measured inside the sentence that holds them.
"""
from __future__ import annotations

import os
import string

os.environ.setdefault("PYGLET_HEADLESS", "1")   # the font needs pyglet, not a display

import pytest

from blockbuilder import texts as all_texts
from blockbuilder.document import texts as document_texts
from blockbuilder.editor import texts as editor_texts
from blockbuilder.editor.layout import line_height, wrap_text
from blockbuilder.editor.screen import TOOL_PT, Menu, MenuItem, Rect, fit_menu, regions
from blockbuilder.lab import texts as lab_texts
from blockbuilder.session import texts as session_texts
from blockbuilder.view import texts as view_texts

W, H = 1024, 600
LANGS = ("ja", "ja-Hira", "en")
ROOMS = (document_texts, editor_texts, lab_texts, session_texts, view_texts)
CATALOG = all_texts.CATALOG

# --- long, realistic values for the placeholders ---------------------------------------------------

FILE = "my-first-network-for-the-xor-gate-2026-12-02.json"
FOLDER = "/home/hanako/Documents/blockbuilder-projects/class-5-2/xor-gate"
VALUES = {
    "file": FILE, "folder": FOLDER, "name": "my-first-network-for-the-xor-gate", "detail": "[Errno 13] Permission denied",
    "place": "scripts[3].blocks[12].params.units", "char": "/", "time": "2026-12-02 23:59", "id": "b-1234567890abcdef",
    "kind": "layer_dense_something", "value": "-123456.789", "field": "learning rate", "f": "sigmoid",
    "names": "x1, x2, x1², x2², x1·x2, sin x1, sin x2", "label": "label", "shape": "2 → 8 → 8 → 8 → 8 → 8 → 2",
    "list_limit": "200,000", "diff": "4.2e-06", "loss": "0.123456", "x": "-12.345", "w": "-12.345", "p": "-123.45",
    "b": "-12.345", "s": "-123.45", "v": "0.98765", "min": "-1000", "max": "1000", "low": "-1000", "high": "1000",
    "mb": "12.3", "limit_mb": "5", "size": "123.4", "epoch": "12345", "epochs": "100000", "longest": "123456",
    "rate": "0.00001",
}
NUMBER = "1234"   # any other placeholder: a count, a limit, a version, a neuron's number
BY_KEY = {   # where a placeholder holds something else: a class's name, how many classes there are
    "stage_class": {"name": "C"}, "insight_softmax": {"count": "10"}, "insight_answer_softmax": {"count": "10"},
    "data_rows": {"name": "my-measurements-from-the-school-garden.csv"}, "insight_term": {"name": "sin x1"},
    "learn_step_memory": {"name": "Momentum"},       # an optimizer's name
}


def said(key: str, lang: str) -> str:
    """The key's sentence in lang, each placeholder filled with a long value (a fragment with its own sentence)."""
    template = CATALOG[key][lang]
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return template.format(**{f: filler(key, f, lang) for f in fields})


def _fill(template: str) -> str:
    fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return template.format(**{f: VALUES.get(f, NUMBER) for f in fields})


# the words a try's label holds (lab/runs.py): other labels, and long plain numbers
RUNS_FILLERS = {"layer": "runs_layer", "first": "runs_units", "second": "runs_setting", "label": "runs_and_more",
                "name": "runs_name_batchnorm"}


def filler(key: str, field: str, lang: str) -> str:
    if key.startswith("runs_") and field in RUNS_FILLERS and RUNS_FILLERS[field] != key:
        return said(RUNS_FILLERS[field], lang)
    if key.startswith("runs_") and field in ("old", "new"):
        return "0.00001"
    inner = {"reason": "reason_newer", "next": "cli_export_next", "rounded": "cli_exported_rounded", "fits": "export_fits",
             "speed": "lab_speed_normal", "expected": "type_point", "why": None, "others": "files_other_files",
             "fix": "coach_add_rate"}.get(field, "")
    if inner:
        return said(inner, lang)
    if field == "why":   # the exporter's own sentence (export_round_offer) or the system's (cannot write)
        import sb3_export
        return "[Errno 28] No space left on device" if key.startswith("cli_") else \
            _fill(sb3_export.CATALOG["too_big"][lang])
    if field in ("block", "parent", "inside"):
        return {"ja": "ニューロン 8 個の層", "ja-Hira": "ニューロン 8この そう", "en": "layer of 8 neurons"}[lang]
    return BY_KEY.get(key, {}).get(field) or VALUES.get(field, NUMBER)


# --- the window's parts at 1024 x 600 ---------------------------------------------------------------

@pytest.fixture(scope="module")
def measure():
    try:
        from blockbuilder.view.measure import text_measure
        return text_measure()
    except Exception as e:  # noqa: BLE001 - no GL, no font: the suite says how to install them
        pytest.skip(f"pyglet cannot load the bundled font ({type(e).__name__}: {e})")


@pytest.fixture(scope="module")
def app(measure, tmp_path_factory):
    from blockbuilder.app import assemble
    from blockbuilder.document.settings import Settings
    from blockbuilder.session.examples import BY_NAME
    from blockbuilder.session.recovery import Autosaver
    return assemble(BY_NAME["xor"].project(), None, W, H, measure=measure, settings=Settings(),
                    autosaver=Autosaver(tmp_path_factory.mktemp("recovery")))


class Say:
    """A message with a fixed text, for the dialogs (they ask only .text(lang) and .key)."""

    def __init__(self, text: str, key: str = "said"):
        self.key, self.params, self._text = key, {}, text

    def text(self, lang: str = "en") -> str:
        return self._text


def width_of(text: str, measure, size: float) -> float:
    return measure(text) * size / 13


def block_rect(x: float, y: float, text: str, measure, size: float, width: float | None) -> Rect:
    """Where view/overlay.py's Overlay.lines draws a text: its wrapped lines centred on y."""
    rows = wrap_text(text, measure, width, size) if width else [text]
    h = line_height(size) * len(rows)
    return Rect(x, y - h / 2, max(width_of(r, measure, size) for r in rows), h)


def inside(inner: Rect, outer: Rect, slack: float = 0.5) -> bool:
    return (inner.x >= outer.x - slack and inner.y >= outer.y - slack and inner.x + inner.w <= outer.x + outer.w + slack
            and inner.top <= outer.top + slack)


def overlap(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.top and b.y < a.top


def dialog_fits(parts: list, measure, window=Rect(0, 0, W, H)) -> list[str]:
    """What is wrong in a dialog's layout: a text or button outside the box, a text over a button, an
    input or the list, buttons over each other, the box outside the window, a label wider than its button."""
    box = next(p[1] for p in parts if p[0] == "box")
    out = [] if inside(box, window) else [f"the box {box} is outside the {W}x{H} window"]
    solid = [(p[0], p[1]) for p in parts if p[0] in ("panel", "input")]
    buttons = [p[1] for p in parts if p[0] == "button"]
    solid += [("button", b.rect) for b in buttons]
    for p in parts:
        if p[0] in ("text", "problem"):
            x, y, text = p[1], p[2], p[3]
            size, width = (p[4], p[5]) if p[0] == "text" else (11, p[4])
            r = block_rect(x, y, text, measure, size, width)
            if not inside(r, Rect(box.x + 4, box.y + 4, box.w - 8, box.h - 8)):
                out.append(f"{p[0]} {text!r} ({r}) is not inside the box {box}")
            out += [f"{p[0]} {text!r} lies over the {k} at {s}" for k, s in solid
                    if overlap(r, s) and not (k == "panel" and inside(r, s))]
    for i, b in enumerate(buttons):
        if not inside(b.rect, box):
            out.append(f"the button {b.text!r} is outside the box")
        if width_of(b.text, measure, 12) > b.rect.w - 12:
            out.append(f"the button's word {b.text!r} is wider than the button")
        out += [f"the buttons {b.text!r} and {c.text!r} overlap" for c in buttons[i + 1:] if overlap(b.rect, c.rect)]
    return out


# --- the places -----------------------------------------------------------------------------------

def question(text, lang, measure, app, buttons=None):
    """A question or a notice (Session.tell, the unsaved-changes question, the recovery offer)."""
    from blockbuilder.editor.dialogs import Ask
    ask = Ask(Say(text), buttons or [("ok", Say(CATALOG["files_button_ok"][lang]))], lambda _: None, measure=measure)
    return dialog_fits(ask.layout(W, H, lang), measure)


def export_question(text, lang, measure, app):
    """A step of "Export to Scratch" (export_flow.Question, with the export and cancel buttons)."""
    from blockbuilder.session.export_flow import Question
    q = Question(Say(text), [("ok", Say(CATALOG["export_button"][lang])),
                             ("cancel", Say(CATALOG["files_button_cancel"][lang]))], lambda _: None, measure=measure)
    return dialog_fits(q.layout(W, H, lang), measure)


def export_learn_question(text, lang, measure, app):
    """A step of "Export to Scratch" that offers learning too: export, export with learning, cancel."""
    from blockbuilder.session.export_flow import Question
    t = lambda k: Say(CATALOG[k][lang])  # noqa: E731
    q = Question(Say(text), [("ok", t("export_button")), ("other", t("export_button_learn")),
                             ("cancel", t("files_button_cancel"))], lambda _: None, measure=measure)
    return dialog_fits(q.layout(W, H, lang), measure)


def ask_button(text, lang, measure, app):
    """A button of a question, beside the others of the busiest question (save, don't save, cancel)."""
    t = lambda k: Say(CATALOG[k][lang])  # noqa: E731
    buttons = [("a", Say(text)), ("discard", t("files_button_discard")), ("cancel", t("files_button_cancel"))]
    return question(said("files_unsaved", lang), lang, measure, app, buttons)


def _chooser(mode, measure, tmp="/"):
    from blockbuilder.editor.dialogs import Chooser
    from blockbuilder.editor.filechooser import FileChooser
    return Chooser(FileChooser(mode, tmp, name=FILE), lambda p: None, lambda: None, measure=measure)


def chooser_problem(text, lang, measure, app):
    """Why a name or a file cannot be used, in the strip between the list and the buttons (open and save)."""
    out = []
    for mode in ("open", "save"):
        ch = _chooser(mode, measure)
        ch.chooser.problem = Say(text)
        out += [f"{mode}: {p}" for p in dialog_fits(ch.layout(W, H, lang), measure)]
    return out


def chooser_folder_problem(text, lang, measure, app):
    ch = _chooser("open", measure)
    ch.chooser.folder_problem = Say(text)
    return dialog_fits(ch.layout(W, H, lang), measure)


def chooser_parts(text, lang, measure, app):
    """The chooser's own words (titles, labels, buttons), in both modes, all drawn at once."""
    return [f"{mode}: {p}" for mode in ("open", "save") for p in dialog_fits(_chooser(mode, measure).layout(W, H, lang),
                                                                              measure)]


def chooser_row(text, lang, measure, app):
    """A row of the file list (".. (up one folder)", the folder is empty)."""
    ch = _chooser("open", measure)
    box, rows, _ = ch._geometry(W, H)
    return [] if width_of(text, measure, 12) <= rows.w - 40 - 8 else [f"{text!r} is wider than the list"]


def number_title(text, lang, measure, app):
    """The title of the box that asks for one number (a weight or a bias on the diagram), with a problem."""
    from blockbuilder.editor.dialogs import AskNumber
    ask = AskNumber(Say(text), 0.5, lambda v: None, lambda: None, measure=measure)
    ask.problem = Say(said("field_bad_number", lang))
    return dialog_fits(ask.layout(W, H, lang), measure)


def number_problem(text, lang, measure, app):
    from blockbuilder.editor.dialogs import AskNumber
    ask = AskNumber(Say(said("stage_weight_title", lang)), 0.5, lambda v: None, lambda: None, measure=measure)
    ask.problem = Say(text)
    return dialog_fits(ask.layout(W, H, lang), measure)


def file_name(text, lang, measure, app):
    """A default file name, in the chooser's name input."""
    _, _, name = _chooser("save", measure)._geometry(W, H)
    return [] if width_of(text + ".sb3▏", measure, 13) <= name.w - 20 else [f"{text!r} is wider than the name input"]


def _code(big: bool) -> Rect:
    return regions(W, H, big_stage=big).code


def _bubble(text, measure, width, most) -> list[str]:
    rows = wrap_text(text, measure, width - 28, 11)   # as Overlay.bubble wraps it
    h = len(rows) * line_height(11) + 16
    out = [f"line {r!r} is wider than the bubble ({width:.0f})" for r in rows if width_of(r, measure, 11) > width - 14]
    return out + ([f"{len(rows)} lines ({h:.0f} px) are more than the {most:.0f} px it may take"] if h > most else [])


def toast(text, lang, measure, app):
    """A toast at the top of the code area (a big stage leaves it narrowest), at most half its height."""
    code = _code(True)
    return _bubble(text, measure, min(520, code.w - 20), code.h / 2)


def status(text, lang, measure, app):
    """The status line at the code area's bottom left, short of the corner buttons; the reason for a selected
    block's problem shows here too. At most a third of the code area's height."""
    from blockbuilder.view.overlay import status_width
    code = _code(True)
    return _bubble(text, measure, status_width(code), code.h / 3)


def bubble(text, lang, measure, app):
    """A bubble by the pointer or under a field (why a drop or a value is refused), in the code area."""
    code = _code(True)
    return _bubble(text, measure, min(320, code.w - 8), code.h / 3)


def menu_item(text, lang, measure, app):
    m = fit_menu(Menu("block", [MenuItem("x", text)], W - 5, 30), measure, W, H)
    out = [] if inside(m.rect(), Rect(0, 0, W, H)) else [f"the menu {m.rect()} is outside the window"]
    return out + ([] if width_of(text, measure, TOOL_PT) <= m.w - 34 - 8 else [f"{text!r} is wider than the menu"])


def toolbar(text, lang, measure, app):
    """The real toolbar in lang at 1024 wide (with undo and redo): inside the window, buttons apart, words inside."""
    c = app.controller
    c.editor.set_language(lang)
    bar = c.toolbar()
    out = [f"{b.text!r} is outside the toolbar" for b in bar.all() if not inside(b.rect, c.regions.toolbar)]
    out += [f"{b.text!r} is wider than its button" for b in bar.all() if width_of(b.text, measure, TOOL_PT) > b.rect.w - 8]
    bs = bar.all()
    return out + [f"{a.text!r} and {b.text!r} overlap" for i, a in enumerate(bs) for b in bs[i + 1:] if overlap(a.rect, b.rect)]


def block_word(text, lang, measure, app):
    """A word on a block (a field's value): a block must fit the narrowest code area to be seen whole."""
    return [] if width_of(text, measure, 13) <= _code(True).w / 3 else [f"{text!r} makes a block too wide"]


def palette_title(text, lang, measure, app):
    """The trash's title at the top of the flyout (16 pt at the palette's scale)."""
    from blockbuilder.editor.screen import PALETTE_SCALE
    flyout = regions(W, H).flyout
    return [] if width_of(text, measure, 16 * PALETTE_SCALE) <= flyout.w - 12 * PALETTE_SCALE - 4 \
        else [f"{text!r} is wider than the palette"]


def corner_word(text, lang, measure, app):
    """The trash button's word, shrunk to the round button (view/window.py): still readable (>= 7 pt)."""
    from blockbuilder.editor.screen import ROUND_BUTTON
    size = min(9.0, 9 * (ROUND_BUTTON - 8) / (measure(text) * 9 / 13))
    return [] if size >= 7 else [f"{text!r} would be drawn at {size:.1f} pt in the trash button"]


def caption(text, lang, measure, app):
    """The window's title bar (the system draws it): one line."""
    return [] if "\n" not in text else ["a window title has one line"]


# --- the stage: measured against the real stage layout (lab/stage_layout.py) at 1024 x 600 ----------

def _stage(app, lang, big=False):
    st = app.stage
    app.controller.editor.set_language(lang)
    if st.state.big != big:
        st.toggle_big()
    app.controller.resize(W, H)
    return st.layout()


def stage_button(text, lang, measure, app):
    """A stage button (controls, tabs, data tools, the look-inside panel's): one fits across the stage."""
    lay = _stage(app, lang)
    room = lay.area.w - 20
    out = [] if width_of(text, measure, 12) + 18 <= room else [f"{text!r} is wider than the stage ({room:.0f})"]
    drawn = lay.buttons + lay.tabs + lay.tools + lay.info_buttons   # the real layout's, in this language
    out += [f"the stage's {b.text!r} lies outside the stage" for b in drawn if not inside(b.rect, lay.area)]
    return out + [f"the stage's {a.text!r} and {b.text!r} overlap" for i, a in enumerate(drawn) for b in drawn[i + 1:]
                  if overlap(a.rect, b.rect)]


def stage_sentence(text, lang, measure, app):
    """The sentence under the stage's status line: at most 4 lines, so the views keep their room."""
    lay = _stage(app, lang)
    rows = wrap_text(text, measure, lay.area.w - 2 * 10 - 16, 10)
    return [] if len(rows) <= 4 else [f"{len(rows)} lines under the stage's status (4 at most)"]


def stage_status(text, lang, measure, app):
    """A part of the status line (epoch, loss, accuracy): one line across the stage."""
    lay = _stage(app, lang)
    return [] if width_of(text, measure, 11) <= lay.area.w - 20 else [f"{text!r} is wider than the stage"]


def _panel(app, lang, name, big):
    lay = _stage(app, lang, big)
    return lay.panels.get(name) or next(iter(lay.panels.values()), lay.area)


def stage_panel_text(name: str, size: float, most: int, big: bool = False):
    """A text inside one of the stage's views (the look-inside panel, a chart, the digits): `most` lines."""
    def check(text, lang, measure, app):
        panel = _panel(app, lang, name, big)
        rows = wrap_text(text, measure, panel.w - 12, size)
        return [] if len(rows) <= most else [f"{len(rows)} lines in the {name} view ({panel.w:.0f} wide; {most} at most)"]
    check.__doc__ = f"A text in the stage's {name} view at {size} pt, at most {most} line(s)."
    return check


def _learning(app, lang, big):
    """The stage showing "how it learns" in place of the charts (the narrow stage's charts tab, or a big stage)."""
    st = app.stage.state
    tab, st.tab, st.learn = st.tab, "charts", "slope"
    st.changed()
    try:
        return _stage(app, lang, big)
    finally:
        st.tab, st.learn = tab, ""


def learn_button(text, lang, measure, app):
    """A button of "how it learns" (its tab, a big stage's switches, wiggle it): inside the stage, over nothing,
    on the narrow stage and on the big one."""
    out = stage_button(text, lang, measure, app)
    for big in (False, True):
        lay = _learning(app, lang, big)
        drawn = lay.buttons + lay.tabs + lay.switches + lay.learn_buttons
        out += [f"{b.text!r} lies outside the stage" for b in drawn if not inside(b.rect, lay.area)]
        out += [f"{a.text!r} and {b.text!r} overlap" for i, a in enumerate(drawn) for b in drawn[i + 1:]
                if overlap(a.rect, b.rect)]
    return out


def learn_text(most: int):
    """A line beside the slope ("how it learns"), at 10 pt: at most `most` lines at the narrow stage's width."""
    def check(text, lang, measure, app):
        panel = _learning(app, lang, False).panels["learn"]
        rows = wrap_text(text, measure, panel.w - 20, 10)
        return [] if len(rows) <= most else [f"{len(rows)} lines beside the slope ({panel.w:.0f} wide; {most} at most)"]
    return check


def legend(text, lang, measure, app):
    """What the data plot's colours mean, under the plot: at most 4 lines at the legend's width."""
    lay = _stage(app, lang)
    box = lay.texts.get("legend")
    width = box.rect.w - 12 if box is not None else lay.area.w - 20
    rows = wrap_text(text, measure, width, 9)
    return [] if len(rows) <= 4 else [f"{len(rows)} lines in the legend ({width:.0f} wide; 4 at most)"]


def coach_sentence(text, lang, measure, app):
    """The learning coach's advice: under the stage's status, and in the status box when its block is chosen."""
    return stage_sentence(text, lang, measure, app) + status(text, lang, measure, app)


def try_label(text, lang, measure, app):
    """A try's label in the legend of tries under the charts (lab/charts.py), on the narrow stage beside the widest
    value: at most TRY_LINES lines (a longer one would be cut short)."""
    from blockbuilder.lab.charts import TRIES, TRY_LINES, value_room
    lay = _stage(app, lang)
    width = lay.area.w - 2 * 10 - 12 - value_room(["100%"], measure)
    rows = wrap_text(text, measure, width, TRIES[0])
    return [] if len(rows) <= TRY_LINES else [f"{len(rows)} lines in the legend of tries ({width:.0f} wide)"]


def within(parent: str, field: str):
    """A fragment: measured inside the sentence that holds it, in that sentence's place."""
    def check(text, lang, measure, app):
        template = CATALOG[parent][lang]
        fields = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        whole = template.format(**{f: text if f == field else filler(parent, f, lang) for f in fields})
        return [f"in {parent}: {p}" for p in place_of(parent)(whole, lang, measure, app)]
    return check


def fragment_only(text, lang, measure, app):
    """A word the stage's charts and digits draw beside numbers (axis names, a key): short."""
    return [] if width_of(text, measure, 9) <= 120 else [f"{text!r} is too long for a chart's axis"]


# --- key -> place ---------------------------------------------------------------------------------

def keys(*names: str) -> list[str]:
    return list(names)


PLACES = {
    **dict.fromkeys(keys("file_bad", "file_bad_at", "file_missing", "file_unwritable", "path_cannot_use",
                         "files_unsaved", "files_recover_offer", "files_recover_broken"), question),
    **dict.fromkeys(keys("reason_not_json", "reason_binary", "reason_packed_damaged", "reason_too_big",
                         "reason_too_deep", "reason_not_project", "reason_newer", "reason_not_a_file",
                         "reason_unreadable", "reason_unknown_version", "reason_cannot_upgrade"), within("file_bad", "reason")),
    **dict.fromkeys(keys("reason_missing", "reason_unknown_field", "reason_wrong_type", "reason_bad_value",
                         "reason_unknown_block", "reason_duplicate_id", "reason_bad_child", "reason_out_of_range",
                         "reason_weights_shape", "reason_not_rectangular", "reason_not_finite", "reason_too_long",
                         "reason_too_many", "reason_empty", "reason_bad_char", "reason_no_such_block",
                         "reason_repeated"), within("file_bad_at", "reason")),
    **dict.fromkeys(keys("path_too_long", "path_folder", "path_device", "path_no_permission", "path_missing",
                         "path_other"), within("path_cannot_use", "reason")),
    "detail_not_finite": within("file_unwritable", "detail"),
    **dict.fromkeys(keys("type_number", "type_integer", "type_text", "type_bool", "type_list", "type_object",
                         "type_point", "type_label"), within("reason_wrong_type", "expected")),
    **dict.fromkeys([k for k in document_texts.TEXTS if k.startswith("compile_") and k != "compile_this_block"],
                    status),
    "compile_this_block": within("compile_not_number", "field"),
    **dict.fromkeys([k for k in document_texts.TEXTS if k.startswith("drop_")], bubble),
    **dict.fromkeys(keys("field_bad_number", "field_bad_integer", "field_out_of_range", "field_bad_weights"), bubble),
    **dict.fromkeys(keys("field_auto", "field_on", "field_off", "field_points"), block_word),
    # the name of each undo step, kept with the step in the history (edits.py); checked as a menu item
    **dict.fromkeys([k for k in editor_texts.TEXTS if k.startswith("edit_")] + ["edit_train", "edit_reset_weights",
                                                                                "edit_weight"], menu_item),
    **dict.fromkeys([k for k in editor_texts.TEXTS if k.startswith("menu_")], menu_item),
    **dict.fromkeys(keys("lab_speed_slow", "lab_speed_normal", "lab_speed_fast"), within("lab_speed", "speed")),
    **dict.fromkeys([k for k in editor_texts.TEXTS if k.startswith("tool_")], toolbar),
    **dict.fromkeys(keys("field_points_on_stage", "files_saved", "files_autosave_failed", "crash_kept"), toast),
    **dict.fromkeys(keys("files_title_open", "files_title_save", "files_button_open", "files_button_save",
                         "files_button_cancel", "files_button_up", "files_button_home", "files_name_label",
                         "files_folder_label", "files_button_replace"), chooser_parts),
    **dict.fromkeys(keys("files_parent_row", "files_folder_empty", "files_folder_no_projects", "files_folder_no_sb3"),
                    chooser_row),
    **dict.fromkeys(keys("files_other_file", "files_other_files"), within("files_folder_no_sb3", "others")),
    **dict.fromkeys(keys("files_confirm_overwrite", "files_name_empty", "files_name_bad_char", "files_name_dot",
                         "files_name_reserved", "files_name_too_long", "files_is_folder", "files_open_nothing",
                         "files_open_folder", "files_not_found"), chooser_problem),
    "files_folder_unreadable": chooser_folder_problem,
    **dict.fromkeys(keys("number_ok", "files_button_ok", "files_button_discard", "files_button_restore",
                         "files_button_start_fresh", "export_button", "export_button_round"), ask_button),
    **dict.fromkeys(keys("stage_weight_title", "stage_bias_title"), number_title),
    "title_untitled": caption,
    "export_title": chooser_parts,
    "export_default_name": file_name,
    **dict.fromkeys(keys("export_fits", "export_round_offer", "export_too_big_always", "export_read_only",
                         "export_disk_full", "export_done", "export_done_rounded"), export_question),
    **dict.fromkeys(keys("export_fits_or_learn", "export_untrained_learn", "export_done_learn"),
                    export_learn_question),
    "export_button_learn": lambda text, lang, measure, app: export_learn_question(
        CATALOG["export_fits_or_learn"][lang].format(fits=CATALOG["export_fits"][lang]), lang, measure, app),
    "cli_export_next": within("export_done", "next"),
    "cli_exported_rounded": within("export_done_rounded", "rounded"),
    # the stage
    **dict.fromkeys(keys("lab_play", "lab_pause", "lab_step", "lab_step_epoch", "lab_reset", "lab_speed", "lab_big",
                         "lab_small", "lab_export", "lab_test_toggle", "tab_data", "tab_network", "tab_charts",
                         "tab_digits", "stage_step_start", "stage_step_next", "stage_step_stop", "stage_bias_edit",
                         "stage_pad_clear", "stage_class", "data_own_points", "data_points_clear", "data_open_csv",
                         "data_regenerate", "insight_next_step", "insight_prev_step", "insight_pad_clear"),
                    stage_button),
    **dict.fromkeys(keys("lab_epoch", "lab_loss", "lab_accuracy", "lab_loss_huge"), stage_status),
    **dict.fromkeys(keys("lab_stopped_for_edit", "lab_fix_first", "lab_nothing_to_learn", "lab_train_first",
                         "lab_ready", "lab_running", "lab_paused", "stage_look_hint", "stage_look_hint_first",
                         "insight_pick", "insight_step_done"), stage_sentence),
    **dict.fromkeys([k for k in lab_texts.TEXTS if k.startswith("coach_") and "_fix_" not in k and "_add_" not in k],
                    coach_sentence),
    **dict.fromkeys(keys("coach_fix_rate", "coach_add_rate"), within("coach_rate_dead", "fix")),
    **dict.fromkeys(keys("coach_fix_epochs", "coach_add_epochs"), within("coach_longer", "fix")),
    **dict.fromkeys([k for k in lab_texts.TEXTS if k.startswith("runs_") and k not in (
        "runs_layer", "runs_answer_layer", "runs_next_try") and not k.startswith("runs_name_")], try_label),
    **dict.fromkeys(keys("runs_layer", "runs_answer_layer"), within("runs_units", "layer")),
    **dict.fromkeys([k for k in lab_texts.TEXTS if k.startswith("runs_name_")], within("runs_setting", "name")),
    "runs_next_try": stage_sentence,
    **dict.fromkeys(keys("maps_legend_yes_no", "maps_legend_classify", "maps_legend_regress",
                         "maps_legend_regress_range"), legend),
    **dict.fromkeys(keys("data_rows", "data_inputs", "data_classes", "data_numbers"),
                    stage_panel_text("summary", 10, 4)),
    **dict.fromkeys(keys("insight_neuron_title", "insight_answer_neuron_title", "insight_term", "insight_more", "insight_bias", "insight_sum",
                         "insight_apply", "insight_no_activation", "insight_softmax", "insight_answer_softmax",
                         "insight_answer_apply", "insight_step_of"), stage_panel_text("info", 10, 2, big=True)),
    **dict.fromkeys(keys("insight_input", "insight_from_neuron"), within("insight_term", "name")),
    # how it learns (lab/learning.py): the step back in the look-inside panel, the slope and its words
    **dict.fromkeys(keys("tab_learn", "tab_charts_big", "stage_back_start", "stage_back_slope", "learn_wiggle",
                         "learn_other_weight", "tab_layer", "learn_other_layer"),
                    learn_button),
    "learn_back_done": stage_sentence,
    **dict.fromkeys(keys("learn_back_of", "learn_loss", "learn_answer_minus", "learn_from_above", "learn_times_slope",
                         "learn_grads_head", "learn_grad_term", "learn_grad_more", "learn_bias_grad",
                         "learn_change_rule"), stage_panel_text("info", 10, 2, big=True)),
    **dict.fromkeys(keys("learn_weight_of", "learn_bias_of", "learn_batch_loss", "learn_backprop", "learn_wiggled",
                         "learn_wiggle_how", "learn_wiggle_hint", "learn_step", "learn_slope_empty",
                         "learn_space_title", "learn_space_line", "learn_space_no_line", "learn_basis", "learn_area",
                         "learn_grid_needs", "learn_no_hidden"), learn_text(2)),
    "learn_step_memory": learn_text(3),
    **dict.fromkeys(keys("learn_axis_weight", "learn_axis_loss", "learn_axis_neuron"), fragment_only),
    **dict.fromkeys(keys("insight_epoch", "insight_loss", "insight_accuracy", "insight_train", "insight_test"),
                    fragment_only),
    **dict.fromkeys(keys("insight_chart_empty", "insight_chart_clipped"), stage_panel_text("loss", 8, 3)),
    **dict.fromkeys(keys("insight_guess_title", "insight_the_guess", "insight_wrong", "insight_wrong_count",
                         "insight_confusion_title", "insight_confusion_rows", "insight_confusion_columns",
                         "insight_pad_hint", "insight_pad_guess", "stage_guesses", "stage_confusion",
                         "stage_confusion_classes", "stage_pad_hint", "stage_pad_guess"),
                    stage_panel_text("digits", 9, 2)),
    # the window's own words
    **dict.fromkeys(keys("trash_title", "trash_empty"), palette_title),
    "trash_button": corner_word,
    **dict.fromkeys(keys("status_problems", "status_moving", "status_ready"), status),
}


def place_of(key: str):
    return PLACES[key]


def every_key() -> list[str]:
    return [k for room in ROOMS for k in room.TEXTS]


def test_every_sentence_has_a_place_where_it_is_measured():
    missing = [k for k in every_key() if k not in PLACES]
    assert not missing, f"give these keys a place in PLACES (where they appear): {missing}"
    stale = [k for k in PLACES if k not in CATALOG]
    assert not stale, f"PLACES names keys no catalog has: {stale}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_sentence_fits_its_place_at_the_smallest_window(lang, measure, app):
    stage_keys = {k for k in lab_texts.TEXTS} | {"stage_guesses", "stage_confusion", "stage_confusion_classes",
                                                 "stage_pad_hint", "stage_pad_guess"}
    bad = {}
    for key in every_key():
        problems = PLACES[key](said(key, lang), lang, measure, app) if key in PLACES else ["no place"]
        if problems:
            bad[key] = problems
    report = "\n".join(f"{'[stage] ' if k in stage_keys else ''}{k}: {'; '.join(p[:2])}" for k, p in bad.items())
    assert not bad, f"{len(bad)} sentences do not fit in {lang} at {W}x{H}:\n{report}"


def test_the_check_catches_a_japanese_sentence_too_long_for_a_dialog(measure, app):
    """The fit check itself: a Japanese notice with no spaces, far too long for the window, is reported."""
    assert question("ながい" * 400, "ja", measure, app)
    assert toast("とても ながい ぶん " * 60, "ja-Hira", measure, app)
    assert not question(said("files_unsaved", "ja"), "ja", measure, app)
