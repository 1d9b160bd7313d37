"""Tests for runtime.datasets: generated sets, digits, CSV files, drawn points and the split."""
from __future__ import annotations

import numpy as np
import pytest

from runtime.datasets import DATASETS, from_points, load, load_csv, logic_gate
from runtime.messages import RuntimeProblem

PLAYGROUND_2D = ["circle", "xor_quadrants", "gaussian", "spiral", "moons", "plane", "multi_gaussian"]
BALANCED = ["circle", "gaussian", "spiral", "moons"]
REGRESSION = ["plane", "multi_gaussian"]
GATES = ["and", "or", "nand", "xor"]


def write(tmp_path, text: str, name: str = "data.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem(call, *args, **kwargs) -> RuntimeProblem:
    with pytest.raises(RuntimeProblem) as caught:
        call(*args, **kwargs)
    return caught.value


# --- the registry ------------------------------------------------------------------


def test_the_registry_holds_the_gates_the_playground_sets_and_digits():
    assert set(DATASETS) == set(GATES) | set(PLAYGROUND_2D) | {"digits"}


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_dataset_has_float64_inputs_and_answers_of_its_task(name):
    data = load(name)
    assert data.x.dtype == np.float64 and data.x.ndim == 2
    assert np.isfinite(data.x).all()
    if data.task == "classify":
        assert data.y.dtype == np.int64 and data.y.shape == (len(data),)
        assert set(np.unique(data.y)) == set(range(data.n_classes))
    else:
        assert data.y.dtype == np.float64 and data.y.shape == (len(data), 1)
        assert data.classes == ()


def test_loading_an_unknown_name_says_which_names_exist():
    exc = problem(load, "spirals")
    assert exc.message.key == "dataset_unknown"
    assert "'spirals'" in exc.text() and "spiral," in exc.text() and "digits" in exc.text()


# --- logic gates -------------------------------------------------------------------


@pytest.mark.parametrize("gate, answers", [
    ("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("nand", [1, 1, 1, 0]), ("xor", [0, 1, 1, 0]),
])
def test_each_gate_is_exactly_its_truth_table(gate, answers):
    data = load(gate)
    assert data.x.tolist() == [[0, 0], [1, 0], [0, 1], [1, 1]]
    assert data.y.tolist() == answers
    assert data.classes == ("0", "1") and data.task == "classify"


def test_repeat_tiles_the_truth_table():
    data = logic_gate("xor", repeat=3)
    assert len(data) == 12
    assert data.y.tolist() == [0, 1, 1, 0] * 3


def test_loading_a_gate_with_n_rounds_up_to_whole_truth_tables():
    assert len(load("and", n=10)) == 12
    assert len(load("and", n=8)) == 8


def test_gate_noise_below_half_moves_points_but_keeps_them_in_their_corners():
    data = logic_gate("and", repeat=50, noise=0.4, seed=3)
    corners = np.tile([[0, 0], [1, 0], [0, 1], [1, 1]], (50, 1))
    assert not np.array_equal(data.x, corners)
    assert np.array_equal(np.round(data.x), corners)
    assert np.abs(data.x - corners).max() <= 0.4


def test_an_unknown_gate_is_refused():
    with pytest.raises(ValueError, match="xnor"):
        logic_gate("xnor")


# --- TensorFlow Playground sets ----------------------------------------------------


@pytest.mark.parametrize("name", BALANCED)
def test_playground_set_has_500_points_in_two_balanced_classes(name):
    data = load(name)
    assert data.x.shape == (500, 2) and data.classes == ("0", "1")
    assert np.bincount(data.y).tolist() == [250, 250]


def test_xor_quadrants_has_500_points_with_both_classes_common():
    data = load("xor_quadrants")
    assert data.x.shape == (500, 2)
    assert 200 < np.bincount(data.y)[1] < 300


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_set_has_1200_points_and_one_target_in_minus_1_2_to_1_2(name):
    data = load(name)
    assert data.x.shape == (1200, 2) and data.y.shape == (1200, 1)
    assert data.task == "regress" and np.abs(data.y).max() <= 1.2


@pytest.mark.parametrize("name", PLAYGROUND_2D)
def test_playground_set_lies_within_the_minus_6_to_6_square(name):
    data = load(name)
    assert np.abs(data.x).max() <= 6.0
    assert np.abs(data.x).max() > 4.0  # and spreads out, rather than sitting in the middle


@pytest.mark.parametrize("name", PLAYGROUND_2D)
def test_n_sets_the_number_of_points_even_when_odd(name):
    assert len(load(name, n=101)) == 101


@pytest.mark.parametrize("name", BALANCED + ["xor_quadrants"])
def test_classification_classes_are_shuffled_not_in_two_blocks(name):
    y = load(name).y
    assert np.count_nonzero(np.diff(y)) > 100


def test_circle_puts_class_1_inside_radius_2_5_and_class_0_in_the_ring_to_5():
    data = load("circle")
    r = np.hypot(data.x[:, 0], data.x[:, 1])
    assert r[data.y == 1].max() < 2.5
    assert r[data.y == 0].min() >= 3.5 and r[data.y == 0].max() <= 5.0


def test_xor_quadrants_labels_by_the_sign_of_x1_times_x2_and_keeps_off_the_axes():
    data = load("xor_quadrants")
    assert np.array_equal(data.y, (data.x[:, 0] * data.x[:, 1] >= 0).astype(np.int64))
    assert np.abs(data.x).min() >= 0.3


def test_gaussian_clouds_centre_on_2_2_for_class_1_and_minus_2_minus_2_for_class_0():
    data = load("gaussian")
    assert np.allclose(data.x[data.y == 1].mean(axis=0), [2, 2], atol=0.2)
    assert np.allclose(data.x[data.y == 0].mean(axis=0), [-2, -2], atol=0.2)


def test_spiral_arms_are_each_other_turned_half_a_turn_out_to_radius_5():
    data = load("spiral")
    one = data.x[data.y == 1][np.lexsort(data.x[data.y == 1].T)]
    zero = -data.x[data.y == 0]
    assert np.allclose(one, zero[np.lexsort(zero.T)])
    r = np.hypot(data.x[:, 0], data.x[:, 1])
    assert r.min() == 0.0 and 4.9 < r.max() < 5.0


def test_moons_are_stretched_to_x1_in_minus_5_to_5_and_x2_in_minus_2_5_to_2_5():
    data = load("moons")
    assert np.allclose(data.x.min(axis=0), [-5, -2.5], atol=1e-3)
    assert np.allclose(data.x.max(axis=0), [5, 2.5], atol=1e-3)
    assert data.x[data.y == 0, 1].mean() > data.x[data.y == 1, 1].mean()  # class 0 is the top moon


def test_plane_target_is_the_sum_of_the_inputs_over_ten():
    data = load("plane")
    assert np.allclose(data.y[:, 0], data.x.sum(axis=1) / 10)


def test_multi_gaussian_is_plus_or_minus_1_near_its_bumps_and_0_far_from_all_of_them():
    data = load("multi_gaussian", n=5000)
    bumps = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    dist = np.stack([np.hypot(data.x[:, 0] - cx, data.x[:, 1] - cy) for cx, cy, _ in bumps], axis=1)
    for k, (_, _, sign) in enumerate(bumps):
        near = dist[:, k] < 0.5
        assert near.any() and np.all(data.y[near, 0] * sign > 0.75)
    assert np.all(data.y[dist.min(axis=1) >= 2, 0] == 0)
    assert np.abs(data.y).max() <= 1.0


# --- seeds and noise ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_the_same_seed_gives_identical_arrays(name):
    a, b = load(name, noise=0.2, seed=7), load(name, noise=0.2, seed=7)
    assert np.array_equal(a.x, b.x) and np.array_equal(a.y, b.y)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_a_different_seed_gives_different_points(name):
    n = 100 if name == "digits" else None  # all of digits is the same file whatever the seed
    a, b = load(name, n=n, noise=0.2, seed=1), load(name, n=n, noise=0.2, seed=2)
    assert not np.array_equal(a.x, b.x)


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_noise_changes_the_data(name):
    clean, noisy = load(name, seed=5), load(name, noise=0.3, seed=5)
    assert not (np.array_equal(clean.x, noisy.x) and np.array_equal(clean.y, noisy.y))


def test_spiral_noise_moves_each_coordinate_by_at_most_the_noise():
    clean, noisy = load("spiral", seed=4), load("spiral", noise=0.3, seed=4)
    assert np.array_equal(clean.y, noisy.y)
    shift = np.abs(noisy.x - clean.x)
    assert shift.max() <= 0.3 and shift.mean() > 0.1


@pytest.mark.parametrize("name", ["circle", "xor_quadrants"])
def test_playground_noise_flips_labels_near_the_border_and_leaves_the_points(name):
    clean, noisy = load(name, seed=4), load(name, noise=0.3, seed=4)
    assert np.array_equal(clean.x, noisy.x)
    flipped = np.mean(clean.y != noisy.y)
    assert 0.02 < flipped < 0.4


@pytest.mark.parametrize("name", REGRESSION)
def test_regression_noise_changes_the_targets_and_leaves_the_points(name):
    clean, noisy = load(name, seed=4), load(name, noise=0.3, seed=4)
    assert np.array_equal(clean.x, noisy.x) and not np.allclose(clean.y, noisy.y)


def test_gaussian_noise_widens_the_clouds_to_standard_deviation_2_at_half():
    assert load("gaussian").x[:, 0].std() < 2.3  # variance 0.5 around +-2
    wide = load("gaussian", noise=0.5)
    assert np.allclose(wide.x[wide.y == 1].std(axis=0), 2.0, atol=0.2)


@pytest.mark.parametrize("name", ["spiral", "and", "digits"])
def test_negative_noise_is_refused(name):
    with pytest.raises(ValueError, match="noise"):
        load(name, noise=-0.1)


# --- digits ------------------------------------------------------------------------


def test_digits_has_1797_rows_of_64_pixels_in_0_to_1():
    data = load("digits")
    assert data.x.shape == (1797, 64)
    assert data.x.min() == 0.0 and data.x.max() == 1.0
    assert np.array_equal(data.x * 16, np.round(data.x * 16))  # the file's 0..16, divided by 16
    assert data.extra["image_shape"] == (8, 8)


def test_digits_has_10_classes_of_about_180_each():
    data = load("digits")
    assert data.classes == tuple("0123456789")
    counts = np.bincount(data.y)
    assert len(counts) == 10 and counts.min() >= 170 and counts.max() <= 190


def test_changing_a_loaded_digits_array_does_not_change_the_next_load():
    first = load("digits")
    first.x[:] = 0.5
    first.y[:] = 0
    again = load("digits")
    assert again.x.max() == 1.0 and len(np.unique(again.y)) == 10


def test_digits_with_n_picks_that_many_different_rows():
    full, some = load("digits"), load("digits", n=100, seed=3)
    assert some.x.shape == (100, 64)
    rows = {row.tobytes() for row in full.x}
    assert all(row.tobytes() in rows for row in some.x)
    assert len({row.tobytes() for row in some.x}) == 100


def test_digits_noise_stays_within_0_to_1():
    data = load("digits", noise=0.5)
    assert data.x.min() == 0.0 and data.x.max() == 1.0
    assert not np.array_equal(data.x, load("digits").x)


# --- CSV files: good ---------------------------------------------------------------


def test_csv_number_columns_are_inputs_and_the_last_column_is_the_label(tmp_path):
    path = write(tmp_path, "height,weight,animal\n10,2.5,cat\n40,30,dog\n12,3,cat\n", "pets.csv")
    data = load_csv(path)
    assert data.name == "pets" and data.task == "classify"
    assert data.x.tolist() == [[10, 2.5], [40, 30], [12, 3]] and data.x.dtype == np.float64
    assert data.classes == ("cat", "dog") and data.y.tolist() == [0, 1, 0]
    assert data.extra["features"] == ("height", "weight") and data.extra["label"] == "animal"


def test_csv_label_column_can_be_chosen_by_name_in_any_case(tmp_path):
    path = write(tmp_path, "a,Kind,b\n1,x,2\n3,y,4\n")
    data = load_csv(path, label_column="kind")
    assert data.x.tolist() == [[1, 2], [3, 4]] and data.classes == ("x", "y")
    assert data.extra["features"] == ("a", "b")


def test_csv_regress_reads_the_label_column_as_a_target_column(tmp_path):
    path = write(tmp_path, "x,y,price\n1,2,3.5\n2,1,-1e2\n")
    data = load_csv(path, task="regress")
    assert data.task == "regress" and data.classes == ()
    assert data.y.dtype == np.float64 and data.y.tolist() == [[3.5], [-100.0]]


def test_csv_number_labels_are_one_class_per_value_in_numeric_order(tmp_path):
    path = write(tmp_path, "x,label\n1,10\n2,2\n3,1.0\n4,1\n5,0.5\n")
    data = load_csv(path)
    assert data.classes == ("0.5", "1", "2", "10")
    assert data.y.tolist() == [3, 2, 1, 1, 0]


def test_csv_text_labels_sort_naturally_after_numbers(tmp_path):
    path = write(tmp_path, "x,label\n1,cat10\n2,cat2\n3,Dog\n4,7\n")
    assert load_csv(path).classes == ("7", "cat2", "cat10", "Dog")


def test_csv_from_excel_with_byte_order_mark_crlf_and_quotes_loads(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes('\ufeff"x","名前"\r\n1,"ねこ"\r\n2,"いぬ"\r\n'.encode("utf-8"))
    data = load_csv(path)
    assert data.extra["features"] == ("x",) and data.classes == ("いぬ", "ねこ")


def test_csv_blank_lines_trailing_commas_and_spaces_are_ignored(tmp_path):
    path = write(tmp_path, "a, b ,c,\n\n 1 ,2,x,\n,,,\n3,4,y\n\n")
    data = load_csv(path)
    assert data.x.tolist() == [[1, 2], [3, 4]] and data.extra["features"] == ("a", "b")


# --- CSV files: each problem has its own message ------------------------------------


def test_a_missing_csv_file_is_named(tmp_path):
    path = tmp_path / "nowhere.csv"
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_not_found"
    assert exc.text() == f"The file {path} does not exist."


@pytest.mark.parametrize("garbage", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",  # a picture
    bytes(range(256)) * 4,  # neither UTF-8 nor Shift_JIS
])
def test_a_binary_or_undecodable_file_is_unreadable(tmp_path, garbage):
    path = tmp_path / "picture.csv"
    path.write_bytes(garbage)
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_unreadable" and str(path) in exc.text()


def test_a_csv_saved_by_japanese_excel_in_shift_jis_loads(tmp_path):
    path = tmp_path / "animals.csv"
    path.write_bytes("おもさ,せのたかさ,どうぶつ\n4,25,ねこ\n30,60,いぬ\n5,24,ねこ\n".encode("cp932"))
    data = load_csv(path)
    assert data.classes == ("いぬ", "ねこ") and data.x.shape == (3, 2)
    assert data.extra["features"] == ("おもさ", "せのたかさ")


@pytest.mark.parametrize("text", ["", "\n\n  \n", ",,\n,,\n"])
def test_an_empty_csv_says_it_is_empty(tmp_path, text):
    path = write(tmp_path, text)
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_empty" and exc.text() == f"The file {path} is empty."


def test_a_csv_with_only_a_header_asks_for_data_rows(tmp_path):
    path = write(tmp_path, "x,label\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_no_rows" and str(path) in exc.text()


def test_a_csv_with_one_column_needs_a_number_column_and_a_label(tmp_path):
    path = write(tmp_path, "label\ncat\ndog\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_too_few_columns" and str(path) in exc.text()


def test_a_label_column_that_is_not_there_is_named(tmp_path):
    path = write(tmp_path, "x,label\n1,a\n2,b\n")
    exc = problem(load_csv, path, label_column="colour")
    assert exc.message.key == "csv_no_label_column"
    assert exc.text() == f"The file {path} has no column called 'colour'."


def test_a_row_with_too_few_values_names_its_row_and_counts(tmp_path):
    path = write(tmp_path, "a,b,label\n1,2,x\n3,y\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_ragged"
    assert exc.text() == f"Row 3 of {path} has 2 values but the header has 3."


def test_a_row_with_too_many_values_is_ragged(tmp_path):
    path = write(tmp_path, "a,label\n1,x,9\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_ragged" and exc.message.params["got"] == 3


def test_an_empty_cell_names_its_spreadsheet_row_and_column(tmp_path):
    path = write(tmp_path, "a,b,label\n1,2,x\n\n3, ,y\n")  # the blank line is row 3
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_missing"
    assert exc.text() == f"Row 4 of {path} has no value in column 'b'."


def test_an_empty_label_cell_is_missing_too(tmp_path):
    path = write(tmp_path, "a,label\n1,x\n2,\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_missing" and "Row 3" in exc.text() and "'label'" in exc.text()


def test_text_in_a_number_column_names_the_row_the_column_and_the_text(tmp_path):
    path = write(tmp_path, "a,b,label\n1,2,x\n3,three,y\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_text"
    assert exc.text() == f"Row 3 of {path} has 'three' in column 'b', which should be a number."


@pytest.mark.parametrize("word", ["nan", "inf", "-Infinity", "1e999"])
def test_not_a_number_and_infinity_count_as_text(tmp_path, word):
    path = write(tmp_path, f"a,label\n{word},x\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_text" and f"'{word}'" in exc.text()


def test_a_text_target_in_a_regression_file_is_text_in_a_number_column(tmp_path):
    path = write(tmp_path, "a,price\n1,2\n2,cheap\n")
    exc = problem(load_csv, path, task="regress")
    assert exc.message.key == "csv_text" and "column 'price'" in exc.text() and "Row 3" in exc.text()


def test_a_csv_whose_labels_are_all_the_same_says_which_label(tmp_path):
    path = write(tmp_path, "a,label\n1,cat\n2,cat\n3, cat\n")
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_one_class"
    assert exc.message.params["label"] == "cat" and str(path) in exc.text()


def test_a_csv_over_20_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(21_000_000)  # all zero bytes: reading it would say unreadable instead
    exc = problem(load_csv, path)
    assert exc.message.key == "csv_too_big"
    assert exc.text() == f"The file {path} is too big (21 MB); keep it under 20 MB."


def test_csv_problems_read_in_japanese_too(tmp_path):
    path = write(tmp_path, "a,label\n1,x\n,y\n")
    exc = problem(load_csv, path)
    assert exc.text("ja") == f"ファイル {path} の3行目の「a」の列に値がありません。"


# --- drawn points ------------------------------------------------------------------


def test_drawn_points_become_a_two_input_classify_dataset():
    data = from_points([(0.5, -1, 1), (2, 3, 0), (-4, 0.25, 1)])
    assert data.x.tolist() == [[0.5, -1], [2, 3], [-4, 0.25]] and data.x.dtype == np.float64
    assert data.classes == ("0", "1") and data.y.tolist() == [1, 0, 1]


def test_drawn_points_with_colour_names_keep_the_names_as_classes():
    data = from_points([(0, 0, "red"), (1, 1, "blue"), (2, 2, "red"), (3, 3, "green")])
    assert data.classes == ("blue", "green", "red") and data.y.tolist() == [2, 0, 2, 1]


def test_drawing_no_points_asks_for_points():
    exc = problem(from_points, [])
    assert exc.message.key == "points_empty" and exc.text() == "Draw some points first."


def test_points_all_of_one_colour_ask_for_a_second_colour():
    exc = problem(from_points, [(0, 0, "red"), (1, 1, "red")])
    assert exc.message.key == "points_one_class" and "two colours" in exc.text()


@pytest.mark.parametrize("bad", [
    (1, 2), (1, 2, 3, 4), "ab1", None, (1, "2", 0), (float("nan"), 0, 0),
    (True, 0, 0), (0, 0, True), (0, 0, ""), (0, 0, 1.5),
])
def test_a_bad_point_is_named_by_its_place_counting_from_1(bad):
    exc = problem(from_points, [(0, 0, 0), (1, 1, 1), bad])
    assert exc.message.key == "points_bad" and exc.message.params["index"] == 3
    assert exc.text().startswith("Point 3 ")


# --- split -------------------------------------------------------------------------


def test_split_keeps_round_n_times_the_ratio_for_testing():
    train, test = load("spiral").split(0.2)
    assert (len(train), len(test)) == (400, 100)
    train, test = load("xor").split(0.25)
    assert (len(train), len(test)) == (3, 1)


def test_split_parts_together_hold_every_point_exactly_once():
    data = load("circle")
    train, test = data.split(0.3, seed=2)
    together = np.concatenate([train.x, test.x])
    assert np.array_equal(together[np.lexsort(together.T)], data.x[np.lexsort(data.x.T)])
    assert train.classes == test.classes == data.classes


def test_split_is_the_same_for_the_same_seed_and_differs_for_another():
    data = load("moons")
    a, b, c = data.split(0.2, seed=1), data.split(0.2, seed=1), data.split(0.2, seed=2)
    assert np.array_equal(a[1].x, b[1].x) and np.array_equal(a[0].y, b[0].y)
    assert not np.array_equal(a[1].x, c[1].x)
