"""The block catalog: ids, shapes, labels in every language, choices and defaults."""
import re

import pytest

from blockbuilder.document.catalog import (BLOCK_TYPES, BLOCKS, CATEGORY_COLOURS, CATEGORY_LABELS, CHOICE_LABELS,
                                           DATASET_OF, LATIN_TERMS, block_type)
from runtime import LANGS
from runtime.datasets import DATASETS

KANJI = re.compile("[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
SHAPES = {"hat", "stack", "c", "cap"}
PARAMS = [(b, p) for b in BLOCKS for p in b.params]


def all_labels():
    """(where, labels) for every text the catalog shows a person."""
    yield from ((f"block {b.id}", b.label) for b in BLOCKS)
    yield from ((f"field {b.id}.{p.name}", p.label) for b, p in PARAMS)
    yield from ((f"choice {k}", v) for k, v in CHOICE_LABELS.items())
    yield from ((f"category {k}", v) for k, v in CATEGORY_LABELS.items())


LABELS = list(all_labels())


def latin_words(text: str) -> set[str]:
    return set(LATIN_WORD.findall(PLACEHOLDER.sub("", text))) - set(LATIN_TERMS)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.id)
def test_every_block_id_is_its_category_then_a_name(block):
    assert re.fullmatch(rf"{block.category}_[a-z0-9]+(_[a-z0-9]+)*", block.id)
    assert block.category in CATEGORY_COLOURS and block_type(block.id) is block


def test_block_ids_are_unique():
    assert len(BLOCK_TYPES) == len(BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.id)
def test_every_shape_is_one_scratch_knows_and_fits_the_category(block):
    assert block.shape in SHAPES
    if block.category == "data":
        assert block.shape == "hat"
    if block.category == "output":
        assert block.shape == "cap"
    # C blocks hold blocks, and so do the answer caps (C-shaped with a flat bottom): they hold their neurons.
    assert (block.shape == "c" or block.category == "output") == (block.inside is not None)


def test_a_block_that_holds_others_holds_a_block_that_lives_only_inside_such_blocks():
    for block in BLOCKS:
        if block.inside is not None:
            assert block.id in BLOCK_TYPES[block.inside].only_in
        for owner in block.only_in:
            assert BLOCK_TYPES[owner].inside == block.id


def test_neurons_go_inside_a_layer_first_and_inside_every_answer():
    assert BLOCK_TYPES["layers_neuron"].only_in[0] == "layers_layer"
    assert {b.id for b in BLOCKS if b.category == "output"} < set(BLOCK_TYPES["layers_neuron"].only_in)


def test_every_category_has_blocks_a_colour_and_a_label():
    assert set(CATEGORY_COLOURS) == set(CATEGORY_LABELS) == {b.category for b in BLOCKS}


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.id)
def test_every_label_names_exactly_the_block_s_fields_in_every_language(block):
    names = {p.name for p in block.params}
    assert len(names) == len(block.params), "two fields share a name"
    for lang in LANGS:
        assert block.label[lang].strip()
        found = PLACEHOLDER.findall(block.label[lang])
        assert sorted(found) == sorted(names), (lang, block.label[lang])


@pytest.mark.parametrize("where,labels", LABELS, ids=[w for w, _ in LABELS])
def test_every_label_exists_in_every_language(where, labels):
    assert set(labels) == set(LANGS)
    assert all(labels[lang].strip() for lang in LANGS)


@pytest.mark.parametrize("where,labels", LABELS, ids=[w for w, _ in LABELS])
def test_hiragana_labels_have_no_kanji(where, labels):
    assert not KANJI.findall(labels["ja-Hira"])


@pytest.mark.parametrize("where,labels", LABELS, ids=[w for w, _ in LABELS])
def test_japanese_labels_use_latin_letters_only_for_the_listed_terms(where, labels):
    assert not latin_words(labels["ja"])
    assert not latin_words(labels["ja-Hira"])


def test_the_latin_check_would_catch_an_english_word():
    assert latin_words("ニューロン {units} 個の layer") == {"layer"}
    assert latin_words("リーキーReLU x1² sin x1") == set()


@pytest.mark.parametrize("block,param", PARAMS, ids=[f"{b.id}.{p.name}" for b, p in PARAMS])
def test_every_choice_has_a_label_in_every_language(block, param):
    for choice in param.choices:
        assert choice in CHOICE_LABELS, choice
        assert all(CHOICE_LABELS[choice][lang].strip() for lang in LANGS)


@pytest.mark.parametrize("block,param", PARAMS, ids=[f"{b.id}.{p.name}" for b, p in PARAMS])
def test_defaults_lie_within_bounds_and_choices(block, param):
    d = param.default
    if param.kind in ("number", "integer"):
        assert param.min is not None and param.max is not None and param.min < param.max
        assert param.min <= d <= param.max
        assert param.kind == "number" or isinstance(d, int)
    elif param.kind == "choice":
        assert d in param.choices
    elif param.kind == "features":
        assert d and set(d) <= set(param.choices) and len(set(d)) == len(d)
    elif param.kind == "bool":
        assert isinstance(d, bool)
    elif param.kind == "text":
        assert isinstance(d, str)
    elif param.kind == "weights":
        assert d is None
    else:
        assert param.kind == "points" and d == []


def test_every_data_block_reads_a_runtime_dataset_or_the_project():
    hats = {b.id for b in BLOCKS if b.category == "data"}
    assert set(DATASET_OF) <= hats
    assert set(DATASET_OF.values()) <= set(DATASETS)
    assert hats - set(DATASET_OF) == {"data_gate", "data_csv", "data_points"}
    assert set(BLOCK_TYPES["data_gate"].param("gate").choices) <= set(DATASETS)
