"""The stage's layout measured with the real font: nothing cut off, nothing over a button, a tab or another text.

Each case the testers found has its own test; one sweep goes over window sizes x languages x normal and big
stage x tabs x the example networks untrained, trained, diverged, with three old tries beside the current one,
with look-inside and step-through open.
"""
from __future__ import annotations

import itertools

import pytest

import gui_harness  # noqa: F401,I001 - first: it chooses pyglet's backend before anything imports pyglet.window
from blockbuilder.document.project import Block
from blockbuilder.editor.controller import Controller
from blockbuilder.editor.editor import Editor
from blockbuilder.editor.layout import NO_LINE_START, wrap_text
from blockbuilder.lab.charts import TRIES, chart, chart_texts, tries_legend, try_places
from blockbuilder.lab.lab import Lab
from blockbuilder.lab.readout import data_kind, legend_text, loss_text, message, status_line
from blockbuilder.lab.stage import StageControl
from blockbuilder.lab.stage_layout import CHART_MIN, INFO_TERMS, tabs_for
from blockbuilder.session.examples import EXAMPLES
from blockbuilder.texts import msg

SIZES = [(1024, 600), (1024, 640), (1366, 768), (1920, 1080)]
LANGS = ["ja", "ja-Hira", "en"]


@pytest.fixture(scope="module")
def measure():
    gui_harness.probe_window()
    from blockbuilder.view.measure import text_measure
    return text_measure()


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "home"))


def project(name: str, lang: str = "en", sgd_rate: float | None = None, broken: bool = False):
    p = next(e for e in EXAMPLES if e.name == name).project()
    p.language = lang
    if broken:                   # the output block taken away: a problem the stage says in its box
        p.scripts[0].blocks.pop()
    if sgd_rate is not None:     # plain SGD with a rate that blows up, as the testers set it
        training = next(s for s in p.scripts if s.blocks[0].type == "training_start")
        training.blocks.insert(1, Block(id="opt1", type="training_optimizer", params={"optimizer": "sgd"}))
        next(b for b in training.blocks if b.type == "training_learning_rate").params["learning_rate"] = sgd_rate
    return p


def stage(measure, name: str, lang: str = "en", size=(1024, 600), epochs: int = 0, sgd_rate=None,
          broken: bool = False) -> StageControl:
    c = Controller(Editor(project(name, lang, sgd_rate, broken), measure=measure), *size)
    st = StageControl(c, Lab(c.editor))
    for _ in range(epochs):
        st.lab.step_epoch()
        if st.lab.status == "diverged":
            break
    st.layout()       # the stage meets its project (and forgets what was looked at before)
    return st


def show(st: StageControl, size=None, lang=None, big=None, tab=None) -> None:
    if lang is not None:
        st.c.editor.lang = lang
    if big is not None and big != st.state.big:
        st.state.big = big
    if size is not None or big is not None:
        st.c.resize(*(size or (st.c.width, st.c.height)))
    if tab is not None:
        st.state.tab = tab
    st.state.changed()


def overlap(a, b) -> bool:
    return a.x < b.x + b.w - 0.5 and b.x < a.x + a.w - 0.5 and a.y < b.y + b.h - 0.5 and b.y < a.y + a.h - 0.5


def inside(inner, outer) -> bool:
    return (outer.x - 0.5 <= inner.x and inner.x + inner.w <= outer.x + outer.w + 0.5
            and outer.y - 0.5 <= inner.y and inner.y + inner.h <= outer.y + outer.h + 0.5)


def bare(text: str) -> str:
    """Text without spaces and line breaks: what must survive wrapping."""
    return "".join(text.split())


def check_text_box(box, measure, where: str) -> None:
    """Every line within the box's width (a closing mark may hang, as wrap_text lets it) and its lines within
    its height."""
    for line in box.lines:
        slack = measure(line[-1]) if line and line[-1] in NO_LINE_START else 0
        assert (measure(line) - slack) * box.size / 13 <= box.rect.w + 0.5, (where, line, box.rect.w)
    assert box.step * len(box.lines) <= box.rect.h + 0.5, (where, box.lines, box.rect.h)
    assert all(box.baseline(i) == int(box.baseline(i)) for i in range(len(box.lines))), where   # whole pixels


def check(st: StageControl, measure, where: str) -> None:
    """No two rectangles that hold a text or a button overlap; every text fits its box, nothing is cut."""
    lay = st.layout()
    lang = st.lang
    boxes = [("button " + b.id, b.rect, b.text, 12) for b in lay.buttons] + \
            [("tab " + b.id, b.rect, b.text, 12) for b in lay.tabs] + \
            [("tool " + b.id, b.rect, b.text.replace("●", "").strip(), 11) for b in lay.tools] + \
            [("info button " + b.id, b.rect, b.text, 11) for b in lay.info_buttons]
    for name, rect, text, pt in boxes:
        assert measure(text) * pt / 13 <= rect.w - 8, (where, name, text, rect)
    rects = [(name, rect) for name, rect, _, _ in boxes] + [("text " + k, t.rect) for k, t in lay.texts.items()]
    rects += [("panel " + k, r) for k, r in lay.panels.items()]
    for (n1, r1), (n2, r2) in itertools.combinations(rects, 2):
        if not (holds(n1, n2) or holds(n2, n1)):
            assert not overlap(r1, r2), (where, n1, r1, n2, r2)
    for name, rect in rects:
        assert inside(rect, lay.area), (where, name, rect, lay.area)
        assert rect.w >= 0 and rect.h >= 0, (where, name, rect)
    for b in lay.info_buttons:
        assert inside(b.rect, lay.panels["info"]), (where, b)
    for key, box in lay.texts.items():
        check_text_box(box, measure, f"{where} {key}")
    assert bare("".join(lay.texts["status"].lines)) == bare(status_line(st.lab, lang)), where
    said = message(st.lab)
    if said is not None:
        assert bare("".join(lay.texts["message"].lines)) == bare(said.text(lang)), where
    if "legend" in lay.panels:
        assert bare("".join(lay.texts["legend"].lines)) == bare(legend_text(st.lab, lang)), where
        assert inside(lay.texts["legend"].rect, lay.panels["legend"]), where
    if "info" in lay.texts:
        shown = bare("".join(lay.texts["info"].lines))
        assert any(shown == bare("".join(st.info_lines(t))) for t in INFO_TERMS), (where, lay.texts["info"].lines)
        assert inside(lay.texts["info"].rect, lay.panels["info"]), where
    for metric in ("loss", "accuracy"):
        if metric in lay.panels:
            check_chart(st, metric, lay.panels[metric], measure, where)
    if st.lab.runs and ("loss" in lay.panels or "accuracy" in lay.panels):
        assert "tries" in lay.panels, where
    if "tries" in lay.panels:
        check_tries(st, lay, measure, where)
        assert all(lay.panels[m].h >= 99.5 for m in ("loss", "accuracy") if m in lay.panels), where   # charts stay
    if "pad" in lay.panels:       # its hint or guess: two lines under it, as far as the stage's edge
        pad = lay.panels["pad"]
        room = lay.area.x + lay.area.w - pad.x - 8
        for text in (msg("stage_pad_hint").text(lang), msg("stage_pad_guess", digit=8).text(lang)):
            assert len(wrap_text(text, measure, room, 10)) <= 2 and pad.y - 12 - 14 - 7 >= lay.area.y, (where, text)


def holds(panel: str, thing: str) -> bool:
    """Whether a panel is meant to hold the thing (the look-inside panel its lines and buttons)."""
    return (panel == "panel info" and (thing == "text info" or thing.startswith("info button"))
            or panel == "panel legend" and thing == "text legend")


def check_tries(st, lay, measure, where: str) -> None:
    """The legend of tries: every try in it, each line and value inside the panel and clear of the others."""
    r = lay.panels["tries"]
    rows = lay.tries
    whole = tries_legend(st.lab.tries(), st.lang, r.w - 12, measure, most=99)
    assert [row.value for row in rows] == [row.value for row in whole], where
    for row, full in zip(rows, whole):      # each label whole, or its beginning cut short with "…"
        shown, want = bare("".join(row.lines)), bare("".join(full.lines))
        assert shown == want or shown.endswith("…") and want.startswith(shown[:-1]), (where, row, full)
    boxes = []
    h = TRIES[0] * 4 / 3
    for row, (y, value_x, label_x, ys) in zip(rows, try_places(rows, (r.x, r.y, r.w, r.h), measure)):
        w = measure(row.value) * TRIES[0] / 13
        boxes.append((row.value, (value_x - w, y - h / 2, w, h)))
        assert value_x - w >= r.x + 20, (where, row)           # right of the try's line
        for line, ly in zip(row.lines, ys):
            boxes.append((line, (label_x, ly - h / 2, measure(line) * TRIES[0] / 13, h)))
    for text, (x, y, w, hh) in boxes:
        assert r.x <= x and x + w <= r.x + r.w - 4 and r.y <= y and y + hh <= r.top, (where, text, r)
    for (t1, (x1, y1, w1, h1)), (t2, (x2, y2, w2, h2)) in itertools.combinations(boxes, 2):
        assert not (x1 < x2 + w2 and x2 < x1 + w1 and y1 < y2 + h2 - 1 and y2 < y1 + h1 - 1), (where, t1, t2)


def check_chart(st, metric: str, r, measure, where: str) -> None:
    c = chart(st.lab.history, metric, (r.x, r.y, r.w, r.h), st.lang, measure, st.lab.runs)
    texts = chart_texts(c, measure)
    for (t1, (x1, y1, w1, h1)), (t2, (x2, y2, w2, h2)) in itertools.combinations(texts, 2):
        assert not (x1 < x2 + w2 and x2 < x1 + w1 and y1 < y2 + h2 and y2 < y1 + h1), (where, metric, t1, t2)
    for text, (x, y, w, h) in texts:
        assert r.x <= x and x + w <= r.x + r.w + 6 and r.y <= y and y + h <= r.y + r.h, (where, metric, text)


# --- the cases the testers found ------------------------------------------------------------------

def test_the_accuracy_in_hiragana_is_shown_whole_on_a_normal_stage(measure):
    st = stage(measure, "xor", "ja-Hira", epochs=5)
    lines = st.layout().texts["status"].lines
    assert any(msg("lab_accuracy", percent="100").text("ja-Hira")[:6] in line for line in lines)
    assert not any("…" in line for line in lines)
    check(st, measure, "xor ja-Hira status")


@pytest.mark.parametrize("size", [(1024, 600), (1366, 768)])
def test_look_inside_shows_every_line_of_a_neuron_s_sum_in_english(measure, size):
    st = stage(measure, "xor", "en", size, epochs=3)
    show(st, tab="network")
    st.state.neuron = (0, 0)
    lay = st.layout()
    want = [line for row in st.info_lines() for line in wrap_text(row, measure, lay.texts["info"].rect.w, 10)]
    assert list(lay.texts["info"].lines) == want and len(want) == 6      # name, x1, x2, bias, sum, tanh
    check(st, measure, "xor look inside")


@pytest.mark.parametrize("lang", LANGS)
def test_the_regression_legend_is_shown_whole(measure, lang):
    st = stage(measure, "plane", lang, epochs=2)
    lay = st.layout()
    assert bare("".join(lay.texts["legend"].lines)) == bare(legend_text(st.lab, lang)) != ""
    check(st, measure, f"plane legend {lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_a_chart_s_legend_never_lies_over_its_axis_title_or_ticks(measure, lang):
    st = stage(measure, "circle", lang, epochs=3)     # circle has test data: two legend entries
    show(st, tab="charts")
    lay = st.layout()
    for metric in ("loss", "accuracy"):
        c = chart(st.lab.history, metric, tuple(vars(lay.panels[metric]).values()), lang, measure)
        assert len(c.legend) == 2
        check_chart(st, metric, lay.panels[metric], measure, f"circle charts {lang}")


@pytest.mark.parametrize("size, big", [((1024, 600), False), ((1366, 768), False), ((1366, 768), True)])
def test_the_divergence_message_covers_no_tab_no_view_and_no_button(measure, size, big):
    st = stage(measure, "plane", "ja-Hira", size, epochs=5, sgd_rate=10)
    assert st.lab.status == "diverged"
    show(st, big=big, tab="network")
    lay = st.layout()
    box = lay.texts["message"].rect
    for thing in lay.buttons + lay.tabs + lay.info_buttons:
        assert not overlap(box, thing.rect), thing
    for name, r in lay.panels.items():
        assert not overlap(box, r), name
    check(st, measure, "diverged")


def test_a_loss_that_blew_up_reads_as_words_a_child_knows(measure):
    assert loss_text(6296823235912089.0, "ja-Hira") == msg("lab_loss_huge").text("ja-Hira")
    assert loss_text(float("inf"), "en") == loss_text(float("nan"), "en") == "loss: very big"
    assert loss_text(0.1234, "en") == "loss 0.123" and loss_text(12345.6, "en") == "loss 12346"
    st = stage(measure, "plane", "ja-Hira", epochs=5, sgd_rate=10)
    status = "".join(st.layout().texts["status"].lines)
    assert msg("lab_loss_huge").text("ja-Hira") in status and not any(ch.isdigit() for ch in status.split("ごさ")[1])


def test_a_huge_loss_gives_the_chart_short_ticks_and_says_so():
    from test_insight import _history
    c = chart(_history([6296823235912089.0, float("inf")]), "loss", (0, 0, 240, 160), "en")
    assert all(len(label) <= 4 for _, label in c.y_ticks)
    assert c.note == msg("insight_chart_clipped").text("en")


def test_a_big_stage_at_1366_keeps_the_charts_tall_and_the_look_inside_buttons_free(measure):
    st = stage(measure, "spiral", "ja", (1366, 768), epochs=2)
    show(st, big=True)
    st.state.neuron = (0, 0)
    lay = st.layout()
    assert lay.panels["loss"].h >= CHART_MIN and lay.panels["accuracy"].h >= CHART_MIN
    check(st, measure, "spiral big")


def test_at_1024_by_640_the_problem_box_leaves_the_buttons_free(measure):
    st = stage(measure, "xor", "ja", (1024, 640), broken=True)
    assert st.lab.status == "blocked" and len(st.layout().texts["message"].lines) >= 1
    lay = st.layout()
    for b in lay.buttons + lay.tabs + lay.tools:
        assert not overlap(lay.texts["message"].rect, b.rect), b
    check(st, measure, "blocked 1024x640")


# --- every size, language, stage, tab and example ------------------------------------------------

def with_tries(st: StageControl) -> StageControl:
    """Three old tries beside the current one, labelled by long changes (two named; one and "3 more")."""
    lab, e = st.lab, st.c.editor

    def first(kind: str):
        return next((b.id for s in e.project.scripts for b in s.blocks if b.type == kind), None)
    changes = [[("training_learning_rate", "learning_rate", 0.00001), ("training_batch_size", "batch_size", 3)],
               [("layers_dense", "units", 128)],
               [("training_learning_rate", "learning_rate", 0.0003), ("training_batch_size", "batch_size", 7),
                ("layers_dense", "units", 100), ("training_epochs", "epochs", 12345)]]
    lab.step_epoch()
    for change in changes:
        for kind, name, value in change:
            if first(kind) is not None:
                e.set_param(first(kind), name, value)
        lab.step_epoch()
    assert len(lab.runs) == 3
    st.layout()
    return st


def states(measure, name: str):
    """The example untrained, trained a little, (for plane) diverged, (for some) with three old tries; each with
    look-inside and step-through."""
    yield "untrained", stage(measure, name)
    yield "trained", stage(measure, name, epochs=3)
    if name in ("xor", "plane", "digits", "circle"):
        yield "tries", with_tries(stage(measure, name))
    if name == "plane":
        yield "diverged", stage(measure, name, epochs=5, sgd_rate=10)
    if name == "xor":
        yield "blocked", stage(measure, name, broken=True)


@pytest.mark.parametrize("name", ["xor", "spiral", "digits", "plane", "circle"])
def test_every_stage_text_fits_and_nothing_overlaps_at_every_size_language_and_tab(measure, name):
    checked = 0
    for state, st in states(measure, name):
        for size, lang, big in itertools.product(SIZES, LANGS, (False, True)):
            show(st, size, lang, big)
            tabs = [None] if st.layout().tabs == [] else tabs_for(data_kind(st.lab))
            for tab in tabs:
                show(st, tab=tab)
                for look in ("none", "neuron", "step"):
                    st.state.neuron = (0, 0) if look == "neuron" else None
                    st.state.stepping = None
                    if look == "step" and st.lab.network is not None:
                        st.info_action("step_start")
                    st.state.changed()
                    check(st, measure, f"{name} {state} {size} {lang} big={big} tab={tab} {look}")
                    checked += 1
    assert checked >= 100



# --- the real window: its labels, as pyglet measured them ---------------------------------------

def label_box(label):
    """(x, y, w, h) of a pyglet label's text: its content's width, and the font's em (the height of a kanji) in
    the middle of its content's height (which adds the font's line gap)."""
    w, h = label.content_width, label.content_height
    x = label.x - {"left": 0, "center": w / 2, "right": w}[label.anchor_x]
    y = label.y - {"bottom": 0, "baseline": 0, "center": h / 2, "top": h}[label.anchor_y]
    em = label.font_size * 4 / 3
    return x, y + (h - em) / 2, w, em


def window_overlaps(gui) -> list:
    """Pairs of stage labels whose texts lie over each other, and labels that reach out of the stage."""
    gui.frame()
    stage = gui.c.regions.stage
    boxes = [(label.text, label_box(label)) for label in gui.labels(["stage"]) if label.text.strip()]
    bad = [(t, "outside") for t, (x, y, w, h) in boxes
           if x < stage.x - 1 or x + w > stage.x + stage.w + 1 or y < stage.y or y + h > stage.y + stage.h]
    for (t1, (x1, y1, w1, h1)), (t2, (x2, y2, w2, h2)) in itertools.combinations(boxes, 2):
        if x1 < x2 + w2 - 1 and x2 < x1 + w1 - 1 and y1 + 1 < y2 + h2 and y2 + 1 < y1 + h1:
            bad.append((t1, t2))
    return bad


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("size, big", [((1024, 600), False), ((1280, 668), False), ((1280, 668), True)])
def test_three_old_tries_and_the_current_one_fit_beside_the_charts(measure, lang, size, big):
    st = with_tries(stage(measure, "circle", lang, size))
    show(st, big=big, tab="charts")
    lay = st.layout()
    assert [r.key for r in lay.tries] == ["run1", "run2", "run0", "test"] or \
        [r.key for r in lay.tries] == ["run0", "run1", "run2", "test"]
    assert lay.panels["loss"].h >= 90 and lay.panels["accuracy"].h >= 90
    check(st, measure, f"tries {lang} {size} big={big}")


@pytest.mark.parametrize("name, lang, size, big, tab, epochs, rate", [
    ("plane", "ja-Hira", (1024, 600), False, "network", 5, 10),     # diverged, looking inside a neuron
    ("plane", "en", (1024, 600), False, "data", 3, None),           # the regression legend
    ("circle", "ja-Hira", (1024, 600), False, "charts", 5, None),   # two series: the charts' legends
    ("spiral", "ja", (1366, 768), True, None, 5, None),             # every view at once
    ("digits", "en", (1366, 768), True, None, 2, None),
])
def test_in_the_real_window_no_stage_text_lies_over_another_or_leaves_the_stage(home, name, lang, size, big, tab,
                                                                                epochs, rate):
    gui = gui_harness.open_gui(project(name, lang, rate), *size)
    try:
        st, lab = gui.c.stage_input, gui.window.lab
        st.layout()
        for _ in range(epochs):
            lab.step_epoch()
        if big:
            st.toggle_big()
        if tab is not None:
            st.state.tab = tab
        st.state.neuron = (0, 0)
        st.state.changed()
        bad = window_overlaps(gui)
        assert bad == [], bad
    finally:
        gui.close()
