"""One way to show a number, on a block and in a message alike; reading back what a field shows."""
from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blockbuilder.document.catalog import BLOCK_TYPES, BLOCKS
from blockbuilder.document.compile import compile_project
from blockbuilder.document.fields import is_number, parse_field, show_number, why_bad
from blockbuilder.editor.layout import field_text
from blockbuilder.session.examples import BY_NAME
from runtime import LANGS, SpecError, parse_training, plain_number

EXPONENT = re.compile(r"\d[eE][+-]?\d")   # 1e-05, 2.5E+20
NUMBER_FIELDS = [(t.id, p) for t in BLOCKS for p in t.params if p.kind in ("number", "integer")]


def test_numbers_show_as_a_child_writes_them():
    assert [show_number(v) for v in (3, 3.0, -2.0, 0.5, 0.00001, 1.5e-7, 123456.789, 10**20)] == \
        ["3", "3", "-2", "0.5", "0.00001", "0.00000015", "123456.789", "100000000000000000000"]
    assert show_number(1e-300) == "1e-300" and show_number("auto") == "auto"


def test_a_tiny_learning_rate_reads_the_same_on_its_block_and_in_compile_s_message():
    p = BY_NAME["xor"].project()
    rate = BLOCK_TYPES["training_learning_rate"].param("learning_rate")
    assert field_text("number", rate.min, "en") == "0.00001"
    block = next(b for s in p.scripts for b in s.blocks if b.type == "training_learning_rate")
    block.params["learning_rate"] = 0.000001
    problem = next(x for x in compile_project(p).problems if x.block_id == block.id)
    assert "from 0.00001 to 10 (it is 0.000001)" in problem.message.text("en")


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False))
def test_what_a_number_field_shows_reads_back_as_the_same_number(v):
    p = BLOCK_TYPES["layers_neuron"].param("bias")
    value, problem = parse_field(field_text("number", v, "en"), p)
    assert problem is None and value == v


def test_a_number_is_finite_and_fits_a_float():
    assert is_number(1) and is_number(-0.5) and is_number(10**300)
    assert not any(is_number(v) for v in (True, math.nan, math.inf, 10**400, "1", None))


def test_typed_weights_are_numbers_separated_by_commas_or_japanese_commas():
    p = BLOCK_TYPES["layers_neuron"].param("weights")
    assert parse_field("0.5、-1 2", p) == ([0.5, -1.0, 2.0], None)
    assert parse_field("", p) == (None, None)
    value, problem = parse_field("1, x", p)
    assert value is None and problem.key == "field_bad_weights"


def sentences_with_the_bounds(p) -> list:
    """Every sentence that tells a child a field's limits: a word typed, a number typed too big or too small,
    a stored value out of range (compile)."""
    said = [parse_field("abc", p)[1]]
    for outside in (p.min - 1, p.max + 1):
        said += [parse_field(show_number(outside), p)[1], why_bad(p, outside)]
    return said


@pytest.mark.parametrize("block,p", NUMBER_FIELDS, ids=[f"{b}.{p.name}" for b, p in NUMBER_FIELDS])
def test_every_number_field_states_its_bounds_as_plain_numbers_in_every_language(block, p):
    low, high = show_number(p.min, grouped=True), show_number(p.max, grouped=True)
    for message in sentences_with_the_bounds(p):
        for lang in LANGS:
            text = message.text(lang)
            assert not EXPONENT.search(text) and low in text and high in text, (lang, text)


def test_the_learning_rate_and_epochs_read_as_the_playground_writes_them():
    rate = BLOCK_TYPES["training_learning_rate"].param("learning_rate")
    assert (rate.min, rate.max) == (0.00001, 10)
    assert parse_field("20", rate)[1].text("ja-Hira") == "0.00001 から 10 までの かずに してね。"
    epochs = BLOCK_TYPES["training_epochs"].param("epochs")
    assert parse_field("0", epochs)[1].text("en") == "Use a number from 1 to 100,000."


def test_measured_numbers_round_to_their_digits_without_an_exponent():
    assert plain_number(3.2456e-7, 2) == "0.00000032" and plain_number(0.0, 2) == "0"
    assert plain_number(1234567.0, 3, grouped=True) == "1,230,000" and plain_number(2**31 - 1, grouped=True) == \
        "2,147,483,647"
    assert plain_number(-0.0) == "0" and plain_number(float("inf")) == "inf" and plain_number("auto") == "auto"


def test_a_runtime_message_shows_a_tiny_number_plainly():
    with pytest.raises(SpecError) as e:
        parse_training({"learning_rate": -0.00001})
    message = e.value.problems[0].message
    assert message.text("en") == "The training settings: learning_rate must be more than 0 (it is -0.00001)."
    assert all("-0.00001" in message.text(lang) and not EXPONENT.search(message.text(lang)) for lang in LANGS)
