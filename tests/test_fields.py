"""One way to show a number, on a block and in a message alike; reading back what a field shows."""
from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from blockbuilder.document.catalog import BLOCK_TYPES
from blockbuilder.document.compile import compile_project
from blockbuilder.document.fields import is_number, parse_field, show_number
from blockbuilder.editor.layout import field_text
from blockbuilder.session.examples import BY_NAME


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
