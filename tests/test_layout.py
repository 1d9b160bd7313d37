"""Block geometry with numbers: heights, stacking, C blocks, fields, hit tests, snap spots and the palette.

layout uses approx_measure unless told otherwise, so every number here is exact and needs no font."""
import pytest

from blockbuilder.document.catalog import BLOCK_TYPES, BLOCKS, CATEGORY_LABELS
from blockbuilder.document.project import Block, Project, Script
from blockbuilder.editor.layout import (ARM, COMMENT_LINE, COMMENT_LINES, COMMENT_PAD, COMMENT_X, EMPTY_MOUTH, FOOT,
                                        HAT, MIN_W, NO_LINE_START, PAD, PALETTE_HEADING, PALETTE_W, PALETTE_X, ROW,
                                        Spot, approx_measure, comment_lines, hit, layout_block, layout_comments,
                                        layout_palette, layout_project, layout_run, nearest_spots, palette_block, spots,
                                        wrap_text)
from runtime import LANGS

X, Y = 100.0, 50.0


def blk(id, type, children=(), **params):
    return Block(id=id, type=type, params=params, children=list(children))


def network() -> Project:
    """data hat, a layer of two neurons, an empty layer, a dense layer, a cap; and a second script."""
    return Project(scripts=[
        Script(x=X, y=Y, blocks=[
            blk("data", "data_gate", gate="xor"),
            blk("layer", "layers_layer", [blk("n1", "layers_neuron"), blk("n2", "layers_neuron")]),
            blk("empty", "layers_layer"),
            blk("dense", "layers_dense", units=3),
            blk("answer", "output_yes_no"),
        ]),
        Script(x=1600, y=40, blocks=[blk("training", "training_start"), blk("epochs", "training_epochs")]),
    ])


def boxes_by_id(scripts):
    return {b.id: b for sb in scripts for b in sb.all()}


@pytest.fixture
def laid():
    return layout_project(network(), "en")


@pytest.fixture
def box(laid):
    return boxes_by_id(laid)


# --- heights and stacking --------------------------------------------------------------------

def test_a_stack_block_is_one_row_high_and_a_hat_adds_its_bump(box):
    assert box["dense"].h == ROW and box["dense"].head == ROW
    assert box["data"].h == ROW + HAT and box["data"].head == ROW + HAT
    assert box["training"].h == ROW + HAT and box["epochs"].h == ROW


def test_the_blocks_of_a_script_are_stacked_from_its_corner_without_gaps(laid):
    for sb, script in zip(laid, network().scripts):
        assert (sb.blocks[0].x, sb.blocks[0].y) == (script.x, script.y)
        for upper, lower in zip(sb.blocks, sb.blocks[1:]):
            assert lower.x == upper.x
            assert lower.y == upper.y + upper.h
        assert sb.h == sum(b.h for b in sb.blocks)
        assert sb.w == max(b.w for b in sb.blocks)


def test_a_c_block_grows_with_its_children_which_sit_in_its_mouth(box):
    layer, n1, n2 = box["layer"], box["n1"], box["n2"]
    assert layer.shape == "c"
    assert layer.mouth == 2 * ROW
    assert layer.h == ROW + 2 * ROW + FOOT
    assert (n1.x, n1.y) == (layer.x + ARM, layer.y + ROW)
    assert (n2.x, n2.y) == (layer.x + ARM, n1.y + n1.h)
    assert [c.id for c in layer.children] == ["n1", "n2"]
    assert all(c.x + c.w <= layer.x + layer.w for c in layer.children)


def test_a_c_block_is_taller_by_one_row_for_each_neuron_it_holds():
    heights = []
    for n in range(4):
        layer = blk("layer", "layers_layer", [blk(f"n{i}", "layers_neuron") for i in range(n)])
        heights.append(layout_block(layer, (0, 0), 0, 0, "ja", approx_measure).h)
    assert heights[0] == ROW + EMPTY_MOUTH + FOOT
    assert [b - a for a, b in zip(heights[1:], heights[2:])] == [ROW, ROW]
    assert heights[1] == ROW + ROW + FOOT


def test_an_answer_block_is_a_c_block_with_a_flat_bottom_that_holds_its_neurons(box):
    answer = box["answer"]
    assert answer.shape == "cap" and answer.holds and answer.head == ROW
    assert answer.mouth == EMPTY_MOUTH and answer.h == ROW + EMPTY_MOUTH + FOOT
    held = layout_block(blk("a", "output_yes_no", [blk("n", "layers_neuron")]), (0, 0), 0, 0, "en", approx_measure)
    assert held.mouth == ROW and held.h == ROW + ROW + FOOT
    assert (held.children[0].x, held.children[0].y) == (ARM, ROW)
    assert not box["dense"].holds and box["layer"].holds


def test_an_empty_c_block_keeps_a_mouth_of_empty_mouth_height(box):
    assert box["empty"].mouth == EMPTY_MOUTH
    assert box["empty"].h == ROW + EMPTY_MOUTH + FOOT
    assert box["empty"].children == []


def test_layout_run_returns_the_total_height_of_the_run():
    run = [blk("a", "layers_dense"), blk("l", "layers_layer", [blk("n", "layers_neuron")]), blk("c", "output_number")]
    boxes, h = layout_run(run, (3, 1, 0), 10, 20, "en", approx_measure)
    assert h == ROW + (ROW + ROW + FOOT) + (ROW + EMPTY_MOUTH + FOOT)
    assert [b.addr for b in boxes] == [(3, 1, 0, 0), (3, 1, 0, 1), (3, 1, 0, 2)]
    assert boxes[1].children[0].addr == (3, 1, 0, 1, 0)


def test_addresses_of_boxes_are_script_block_and_child_indices(box):
    assert box["data"].addr == (0, 0)
    assert box["layer"].addr == (0, 1)
    assert box["n2"].addr == (0, 1, 1)
    assert box["answer"].addr == (0, 4)
    assert box["epochs"].addr == (1, 1)


def test_approx_measure_counts_kana_and_kanji_as_square_and_latin_as_narrower():
    assert approx_measure("") == 0
    assert approx_measure("あ層") == pytest.approx(2 * approx_measure("あ"))
    assert approx_measure("a") < approx_measure("あ") < approx_measure("ab")
    assert approx_measure("abcd") == pytest.approx(2 * approx_measure("ab"))


# --- fields and words on blocks ----------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", BLOCKS, ids=lambda k: k.id)
def test_every_word_and_field_sits_inside_its_block_left_to_right(kind, lang):
    b = layout_block(Block(id="b", type=kind.id, params=kind.defaults()), (0, 0), 30, 70, lang, approx_measure)
    top = b.y + (HAT if kind.shape == "hat" else 0)
    assert b.items, "every block shows its label"
    for item in b.items:
        assert b.x + PAD <= item.x and item.x + item.w <= b.x + b.w - PAD + 1e-9
        assert top <= item.y and item.y + item.h <= b.y + b.head
    for left, right in zip(b.items, b.items[1:]):
        assert left.x + left.w < right.x
    fields = [i.param for i in b.items if i.kind == "field"]
    assert fields == [p.name for p in sorted(kind.params, key=lambda p: kind.label[lang].index("{" + p.name + "}"))]
    assert b.w >= MIN_W


def test_a_field_shows_the_block_s_value_and_can_be_found_by_a_point_in_it(box):
    dense = box["dense"]
    units = next(i for i in dense.items if i.param == "units")
    assert units.text == "3" and units.kind == "field" and units.field_kind == "integer"
    assert dense.item_at(units.x + units.w / 2, units.y + units.h / 2) is units
    words = next(i for i in dense.items if i.kind == "text")
    assert dense.item_at(words.x + 1, words.y + words.h / 2) is None


def test_a_missing_parameter_shows_the_catalog_default():
    b = layout_block(Block(id="d", type="layers_dense"), (0, 0), 0, 0, "en", approx_measure)
    assert next(i for i in b.items if i.param == "units").text == str(BLOCK_TYPES["layers_dense"].param("units").default)


# --- hit tests ----------------------------------------------------------------------------------

def test_hit_finds_the_block_under_a_point(laid, box):
    d = box["dense"]
    assert hit(laid, d.x + 5, d.y + d.h / 2).id == "dense"
    data = box["data"]
    assert hit(laid, data.x + 5, data.y + 5).id == "data"  # the hat's bump is part of the hat


def test_hit_returns_the_innermost_block_not_the_c_block_around_it(laid, box):
    n2 = box["n2"]
    assert hit(laid, n2.x + 5, n2.y + n2.h / 2).id == "n2"


def test_hit_on_a_c_block_s_arm_top_or_foot_is_the_c_block(laid, box):
    layer = box["layer"]
    assert hit(laid, layer.x + ARM / 2, layer.y + layer.head + 5).id == "layer"      # the arm
    assert hit(laid, layer.x + layer.w - 2, layer.y + 5).id == "layer"               # the top
    assert hit(laid, layer.x + layer.w - 2, layer.y + layer.h - 5).id == "layer"     # the foot


def test_hit_in_an_empty_c_block_s_mouth_is_nothing(laid, box):
    empty = box["empty"]
    assert hit(laid, empty.x + ARM + 10, empty.y + empty.head + EMPTY_MOUTH / 2) is None


def test_hit_in_a_c_block_s_mouth_beside_its_children_is_nothing():
    # A wide label makes the C block wider than the neuron, leaving empty space in the mouth.
    scripts = layout_project(network(), "en", measure=lambda text: 1000.0 if text == "layer" else 10.0)
    layer = boxes_by_id(scripts)["layer"]
    n1 = layer.children[0]
    assert layer.x + layer.w > n1.x + n1.w + 20
    assert hit(scripts, n1.x + n1.w + 10, n1.y + n1.h / 2) is None


def test_hit_in_empty_space_is_nothing(laid, box):
    assert hit(laid, 0, 0) is None
    assert hit(laid, X + 5, Y + sum(b.h for b in laid[0].blocks) + 5) is None
    assert hit(laid, box["dense"].x + box["dense"].w + 5, box["dense"].y + 5) is None
    assert hit([], 0, 0) is None


def test_hit_prefers_the_script_drawn_last_where_two_overlap():
    p = Project(scripts=[Script(x=0, y=0, blocks=[blk("under", "layers_dense")]),
                         Script(x=10, y=10, blocks=[blk("over", "layers_dropout")])])
    assert hit(layout_project(p, "en"), 20, 20).id == "over"


# --- snap spots ----------------------------------------------------------------------------------

def test_spots_are_one_above_each_script_one_below_each_block_and_one_inside_each_c_block_and_answer(laid):
    found = spots(laid)
    n_blocks = sum(1 for sb in laid for _ in sb.all())
    n_c = sum(1 for sb in laid for b in sb.all() if b.shape == "c" or b.type.startswith("output_"))
    assert sum(s.kind == "above" for s in found) == len(laid)
    assert sum(s.kind == "below" for s in found) == n_blocks
    assert sum(s.kind == "inside" for s in found) == n_c == 3


def test_spots_have_the_address_where_the_run_would_be_inserted_and_the_point_it_snaps_to(laid, box):
    found = {(s.kind, s.at): (s.x, s.y) for s in spots(laid)}
    data, layer, n1, n2, answer = box["data"], box["layer"], box["n1"], box["n2"], box["answer"]
    assert found[("above", (0, 0))] == (X, Y)
    assert found[("above", (1, 0))] == (1600, 40)
    assert found[("below", (0, 1))] == (X, Y + ROW + HAT)
    assert found[("inside", (0, 1, 0))] == (layer.x + ARM, layer.y + ROW)
    assert found[("below", (0, 1, 1))] == (n1.x, n1.y + ROW)
    assert found[("below", (0, 1, 2))] == (n2.x, n2.y + ROW)
    assert found[("below", (0, 2))] == (layer.x, layer.y + layer.h)
    assert found[("inside", (0, 2, 0))] == (box["empty"].x + ARM, box["empty"].y + ROW)
    assert found[("below", (0, 5))] == (answer.x, answer.y + answer.h)
    assert found[("inside", (0, 4, 0))] == (answer.x + ARM, answer.y + ROW)
    assert data.y + data.h == layer.y


def test_nearest_spots_are_sorted_by_distance_and_stop_at_the_radius():
    cands = [Spot("below", (0, 1), 0, 0), Spot("below", (0, 2), 0, 30), Spot("below", (0, 3), 0, 10),
             Spot("inside", (0, 1, 0), 20, 0), Spot("below", (1, 1), 100, 100)]
    got = nearest_spots(cands, 0, 0, run_h=48, radius=25)
    assert [s.at for s in got] == [(0, 1), (0, 3), (0, 1, 0)]
    assert nearest_spots(cands, 0, 0, run_h=48, radius=30)[-1].at == (0, 2)  # the radius is inclusive
    assert nearest_spots(cands, 500, 500, run_h=48, radius=30) == []


def test_an_above_spot_is_measured_from_the_bottom_of_the_dragged_run():
    above = Spot("above", (0, 0), 100, 200)
    assert nearest_spots([above], 100, 200 - 96, run_h=96, radius=1) == [above]
    assert nearest_spots([above], 100, 200, run_h=96, radius=30) == []
    d = 12.0
    got = nearest_spots([above, Spot("below", (1, 1), 100, 200 - 96 + 2 * d)], 100, 200 - 96 + d, 96, 30)
    assert [s.kind for s in got] == ["above", "below"]


# --- the palette -----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_palette_has_one_entry_per_block_type_in_catalog_order(lang):
    pal = layout_palette(lang)
    assert sorted(t for t, _ in pal.entries) == sorted(BLOCK_TYPES)
    assert len(pal.entries) == len(BLOCKS)
    order = [k.id for cat in CATEGORY_LABELS for k in BLOCKS if k.category == cat]
    assert [t for t, _ in pal.entries] == order


@pytest.mark.parametrize("lang", LANGS)
def test_the_palette_headings_follow_the_catalog_s_category_order(lang):
    pal = layout_palette(lang)
    assert [c for c, _, _ in pal.headings] == list(CATEGORY_LABELS)
    assert [text for _, _, text in pal.headings] == [CATEGORY_LABELS[c][lang] for c in CATEGORY_LABELS]
    categories_in_block_order = list(dict.fromkeys(k.category for k in BLOCKS))
    assert [c for c, _, _ in pal.headings] == categories_in_block_order
    ys = [y for _, y, _ in pal.headings]
    assert ys == sorted(ys)


@pytest.mark.parametrize("lang", LANGS)
def test_each_palette_entry_sits_below_its_own_heading_and_above_the_next(lang):
    pal = layout_palette(lang)
    heading_y = {c: y for c, y, _ in pal.headings}
    bounds = [y for _, y, _ in pal.headings] + [pal.h]
    for type_id, box in pal.entries:
        i = list(CATEGORY_LABELS).index(BLOCK_TYPES[type_id].category)
        assert box.y >= heading_y[BLOCK_TYPES[type_id].category] + PALETTE_HEADING
        assert box.y + box.h <= bounds[i + 1]
        assert box.type == type_id


@pytest.mark.parametrize("lang", LANGS)
def test_no_two_palette_entries_overlap(lang):
    pal = layout_palette(lang)
    boxes = [b for _, b in pal.entries]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = (a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y)
            assert apart, (a.id, b.id)
    assert pal.h >= max(b.y + b.h for b in boxes)


# --- wrapping text and comments ------------------------------------------------------------------------

def width(text: str, size: float = 13) -> float:
    return sum(approx_measure(ch) for ch in text) * size / 13


def test_wrap_text_breaks_latin_at_spaces_and_keeps_every_word():
    text = "the quick brown fox jumps over the lazy dog " * 3
    lines = wrap_text(text, approx_measure, 120)
    assert len(lines) > 3 and all(width(ln.rstrip()) <= 120 for ln in lines)   # a space may hang at the end
    assert " ".join(lines).split() == text.split()
    assert all(not ln.startswith(" ") for ln in lines)


def test_wrap_text_breaks_japanese_between_characters_and_keeps_the_text_s_own_line_breaks():
    lines = wrap_text("ニューロンと層\nそう", approx_measure, 84, 10)   # 84 px at 10 pt: six kana a line
    assert lines == ["ニューロンと", "層", "そう"]
    assert wrap_text("a\n\nb", approx_measure, 100) == ["a", "", "b"]


def test_wrap_text_never_starts_a_line_with_a_closing_mark():
    text = "ニューロンは層ブロックの中に入れてください。" * 3
    for w in range(60, 400, 7):
        lines = wrap_text(text, approx_measure, w, 11)
        assert "".join(lines) == text
        assert not any(ln[0] in NO_LINE_START for ln in lines[1:]), (w, lines)


def test_wrap_text_lets_at_most_one_closing_mark_hang_past_the_width():
    text = "重みは1234けたに丸めました（出力の差は最大です）。" * 3
    for w in range(80, 400, 7):
        lines = wrap_text(text, approx_measure, w, 11)
        assert "".join(lines) == text
        assert all(width(ln, 11) <= w + width("。", 11) for ln in lines), (w, lines)   # one mark, never two
        assert not any(ln[0] in NO_LINE_START for ln in lines[1:]), (w, lines)


def test_wrap_text_keeps_a_latin_word_whole_inside_japanese_text():
    text = "「ファイル」を選ぶか、Scratch アプリで開いてください。"
    for w in range(100, 400, 5):
        lines = wrap_text(text, approx_measure, w, 13)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert any("Scratch" in ln for ln in lines), (w, lines)


def test_a_comment_s_note_sits_beside_its_script_and_is_as_tall_as_its_lines():
    p = network()
    p.scripts[0].blocks[3].comment = "one\ntwo\nthree"
    p.scripts[0].blocks[4].comment = "under it"
    scripts = layout_project(p, "en")
    notes = {n.block_id: n for n in layout_comments(p, scripts, approx_measure)}
    dense, answer = boxes_by_id(scripts)["dense"], boxes_by_id(scripts)["answer"]
    first = notes["dense"]
    assert first.lines == ["one", "two", "three"]
    assert (first.x, first.y) == (X + scripts[0].w + COMMENT_X, dense.y + 6)
    assert first.h == 3 * COMMENT_LINE + 2 * COMMENT_PAD
    second = notes["answer"]
    assert second.y == first.y + first.h + 8 > answer.y + 6     # pushed down: notes never cover each other


def test_a_very_long_comment_shows_its_first_lines_and_ends_in_an_ellipsis():
    lines = comment_lines("\n".join(str(i) for i in range(40)), approx_measure)
    assert len(lines) == COMMENT_LINES and lines[0] == "0" and lines[-1] == f"{COMMENT_LINES - 1}…"


def test_the_comment_limit_while_typing_is_the_document_s():
    from blockbuilder.editor.text_entry import COMMENT_LIMIT
    assert Block.model_fields["comment"].metadata[0].max_length == COMMENT_LIMIT


def test_a_block_is_as_wide_wherever_it_lies():
    """BUG: layout_block counted the block's own x into its width, so blocks grew as they moved right."""
    block = blk("d", "layers_dense", units=12)
    widths = {layout_block(block, (0, 0), x, 0, "en", approx_measure).w for x in (0.0, 100.0, 2500.0)}
    assert len(widths) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_every_palette_block_fits_the_flyout_taking_a_second_row_when_it_is_long(lang):
    from blockbuilder.editor.screen import FLYOUT_W, PALETTE_SCALE
    assert (PALETTE_X + PALETTE_W) * PALETTE_SCALE <= FLYOUT_W
    pal = layout_palette(lang)
    for type_id, box in pal.entries:
        assert box.x + box.w <= PALETTE_X + PALETTE_W, type_id
        one_row = layout_block(palette_block(BLOCK_TYPES[type_id]), (0, 0), PALETTE_X, 0, lang, approx_measure)
        rows = round((box.head - (HAT if box.shape == "hat" else 0)) / ROW)
        assert rows == (1 if one_row.w <= PALETTE_W else 2), type_id
        assert " ".join(i.text for i in box.items) == " ".join(i.text for i in one_row.items)  # the same words, wrapped
    assert any(box.head > ROW + HAT for _, box in pal.entries)                  # some do wrap


def test_wrap_text_does_not_leave_a_short_japanese_line_at_a_space_beside_a_number():
    text = "直すところが 1 か所あります。赤いブロックをクリックすると理由が出ます。"
    lines = wrap_text(text, approx_measure, 420, 11)
    assert "".join(lines) == text and len(lines) == 2 and len(lines[0]) > 2 * len(lines[1])


def test_wrap_text_breaks_hiragana_written_with_spaces_between_words_at_a_space():
    text = "なおす ところが 1こ あるよ。あかい ブロックを クリックすると りゆうが でるよ。"
    lines = wrap_text(text, approx_measure, 420, 11)
    assert len(lines) == 2 and " ".join(lines) == text and lines[0].endswith("ブロックを")


def test_wrap_text_never_breaks_inside_a_word_of_hiragana_written_with_spaces():
    text = "データの てんを クリック してから ニューロンを クリック すると、けいさんが みられるよ。"
    words = set(text.split(" "))
    for w in range(150, 500, 9):
        lines = wrap_text(text, approx_measure, w, 10)
        assert " ".join(lines) == text and all(set(ln.split(" ")) <= words for ln in lines), (w, lines)


def test_a_right_click_menu_opens_up_and_left_of_the_pointer_near_the_window_s_corner():
    from blockbuilder.editor.screen import MENU_ROW, Menu, MenuItem, fit_menu
    items = [MenuItem(str(i), "Delete block") for i in range(5)]
    m = fit_menu(Menu("block", items, 1000, 30), approx_measure, 1024, 600)
    assert (m.x + m.w, m.rect().y) == (1000, 30)          # its bottom-right corner at the pointer
    low = fit_menu(Menu("choice", items, 500, 30), approx_measure, 1024, 600)
    assert low.rect().y == 30 and low.x == 500             # a field's list opens upwards, not to the left
    high = fit_menu(Menu("block", items, 500, 590), approx_measure, 1024, 600)
    assert high.y == 590 and high.rect().y == 590 - 5 * MENU_ROW
