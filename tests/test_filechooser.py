"""The file chooser's model: listing, moving around, the selection, the name box, choosing, row geometry."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from blockbuilder import texts as ui
from blockbuilder.editor.filechooser import MAX_NAME, FileChooser, file_name, list_folder, name_problem

LANGS = ("ja", "ja-Hira", "en")
KANJI = re.compile("[\u4e00-\u9fff]")
FIELD = re.compile(r"\{(\w+)\}")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("BLOCKBUILDER_HOME", str(tmp_path / "bbhome"))


@pytest.fixture
def folder(tmp_path) -> Path:
    """A class folder: projects, other files, hidden things and subfolders, in no particular order."""
    root = tmp_path / "class"
    root.mkdir()
    for name in ("zoo", "apple", "Banana", ".git"):
        (root / name).mkdir()
    for name in ("xor.json", "Zebra.json", "And.json", "cat.JSON", "notes.txt", ".hidden.json", "spiral.json.bak"):
        (root / name).write_text("{}", encoding="utf-8")
    return root


def names(chooser: FileChooser) -> list[str]:
    return [e.name for e in chooser.entries]


def make(tmp_path, count: int) -> FileChooser:
    """A chooser over a folder of `count` project files (plus the ".." row)."""
    root = tmp_path / "many"
    root.mkdir()
    for i in range(count):
        (root / f"p{i:02}.json").write_text("{}")
    return FileChooser("open", root)


# --- the list -----------------------------------------------------------------------------

def test_entries_are_the_parent_then_folders_then_json_files_each_sorted_ignoring_case(folder):
    chooser = FileChooser("open", folder)
    assert names(chooser) == ["..", "apple", "Banana", "zoo", "And.json", "cat.JSON", "xor.json", "Zebra.json"]
    assert [e.is_folder for e in chooser.entries] == [True, True, True, True, False, False, False, False]
    assert chooser.entries[0].path == folder.parent and chooser.entries[1].path == folder / "apple"
    assert chooser.folder_problem is None and not chooser.shows_empty


def test_the_top_of_the_file_system_has_no_parent_row():
    top = Path(Path.cwd().anchor)
    entries, _ = list_folder(top)
    assert all(e.name != ".." for e in entries)


def test_a_folder_that_cannot_be_read_gives_no_entries_and_says_so(tmp_path):
    chooser = FileChooser("open", tmp_path / "gone")
    assert chooser.entries == [] and chooser.folder_problem.key == "files_folder_unreadable"
    assert str(tmp_path / "gone") in chooser.folder_problem.text("en")
    assert not chooser.shows_empty  # the view shows the problem, not "empty"


def test_a_folder_with_nothing_to_show_is_empty(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x")
    chooser = FileChooser("open", tmp_path / "empty")
    assert names(chooser) == [".."] and chooser.shows_empty
    assert chooser.empty_message.text("en") == "No projects here (1 other file)."


def test_a_folder_holding_only_other_kinds_of_file_says_so_instead_of_empty(tmp_path):
    (tmp_path / "XOR.sb3").write_bytes(b"just exported")
    save = FileChooser("save", tmp_path)
    texts = {lang: save.empty_message.text(lang) for lang in ("ja", "ja-Hira", "en")}
    assert texts == {"ja": "ここにプロジェクトはありません（ほかのファイル 1個）。",
                     "ja-Hira": "ここに プロジェクトは ないよ（ほかの ファイル 1こ）。",
                     "en": "No projects here (1 other file)."}
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / ".hidden").write_text("x")
    save.refresh()
    assert save.empty_message.text("en") == "No projects here (2 other files)."
    sb3 = FileChooser("save", tmp_path, suffix=".sb3")
    assert not sb3.shows_empty and names(sb3) == ["..", "XOR.sb3"]
    (tmp_path / "XOR.sb3").unlink()
    sb3.refresh()
    assert sb3.empty_message.text("en") == "No Scratch files here (1 other file)."
    (tmp_path / "notes.txt").unlink()
    save.refresh()
    assert save.empty_message.text("en") == "This folder is empty."


def test_file_names_made_from_project_names_are_safe_everywhere():
    assert file_name("XOR（学習）") == "XOR（学習）.json"
    assert file_name('a/b\\c:d*e?"<>|') == "a_b_c_d_e_____.json"
    assert file_name(" ..hidden. ") == "hidden.json" and file_name("CON") == "CON_.json" and file_name("") == "_.json"
    long = file_name("ね" * 200)
    assert len(long) == MAX_NAME and name_problem(long) is None


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_broken_link_is_left_out(folder):
    os.symlink(folder / "missing.json", folder / "dangling.json")
    assert "dangling.json" not in names(FileChooser("open", folder))


# --- moving around ------------------------------------------------------------------------

def test_opening_a_selected_folder_goes_into_it(folder):
    chooser = FileChooser("open", folder)
    chooser.select(names(chooser).index("zoo"))
    assert chooser.open_selected() is None
    assert chooser.folder == folder / "zoo" and names(chooser) == [".."] and chooser.selected is None


def test_opening_the_parent_row_goes_up_and_selects_the_folder_we_left(folder):
    chooser = FileChooser("open", folder / "Banana")
    chooser.select(0)
    assert chooser.open_selected() is None
    assert chooser.folder == folder and chooser.current().name == "Banana"


def test_go_up_go_to_and_go_home(folder, tmp_path):
    chooser = FileChooser("save", folder / "zoo", name="mine")
    chooser.go_up()
    assert chooser.folder == folder and chooser.current().path == folder / "zoo"
    chooser.go_to(folder / "apple")
    assert chooser.folder == folder / "apple"
    chooser.go_home()
    assert chooser.folder == tmp_path / "bbhome" / "projects" and chooser.folder.is_dir()
    assert chooser.name == "mine"  # moving around keeps the typed name


def test_go_home_goes_to_the_given_home(folder):
    chooser = FileChooser("open", folder, home=folder / "Banana")
    chooser.go_home()
    assert chooser.folder == folder / "Banana"


def test_refresh_sees_new_files(folder):
    chooser = FileChooser("open", folder)
    (folder / "new.json").write_text("{}")
    assert "new.json" not in names(chooser)
    chooser.refresh()
    assert "new.json" in names(chooser)


# --- the selection ------------------------------------------------------------------------

def test_arrow_keys_start_at_an_end_and_stop_at_both_ends(folder):
    chooser = FileChooser("open", folder)
    last = len(chooser.entries) - 1
    chooser.move_selection(1)
    assert chooser.selected == 0
    chooser.move_selection(-1)
    assert chooser.selected == 0
    chooser.move_selection(100)
    assert chooser.selected == last
    chooser.select(None)
    chooser.move_selection(-1)
    assert chooser.selected == last
    chooser.select(99)
    assert chooser.selected == last
    chooser.select(-5)
    assert chooser.selected == 0


def test_selecting_in_an_empty_list_selects_nothing(tmp_path):
    chooser = FileChooser("open", tmp_path / "gone")
    chooser.move_selection(1)
    chooser.select(0)
    assert chooser.selected is None and chooser.current() is None


def test_selecting_a_file_puts_its_name_in_the_name_box_and_a_folder_does_not(folder):
    chooser = FileChooser("save", folder, name="draft")
    chooser.select(names(chooser).index("zoo"))
    assert chooser.name == "draft"
    chooser.select(names(chooser).index("xor.json"))
    assert chooser.name == "xor.json"


def test_typing_edits_the_name_and_leaves_the_list(folder):
    chooser = FileChooser("save", folder)
    chooser.select(2)
    chooser.type_text("ねこ\n\t")
    chooser.type_text("1")
    assert chooser.name == "ねこ1" and chooser.selected is None
    chooser.backspace()
    assert chooser.name == "ねこ"
    for _ in range(5):
        chooser.backspace()
    assert chooser.name == ""


# --- choosing a name to save ------------------------------------------------------------------

def test_saving_appends_json_when_it_is_missing(folder):
    chooser = FileChooser("save", folder, name=" ねこの ネットワーク ")
    result = chooser.choose()
    assert result.state == "chosen" and result.path == folder / "ねこの ネットワーク.json"
    chooser.name = "Dog.JSON"
    assert chooser.choose().path == folder / "Dog.JSON"


def test_an_empty_name_cannot_be_saved(folder):
    result = FileChooser("save", folder, name="   ").choose()
    assert result.state == "problem" and result.problem.key == "files_name_empty" and result.path is None


@pytest.mark.parametrize("char", ["/", "\\", ":", "*", "?", '"', "<", ">", "|", "\x01"])
def test_a_name_with_a_character_file_names_cannot_hold_is_refused(folder, char):
    chooser = FileChooser("save", folder, name=f"a{char}b")
    result = chooser.choose()
    assert result.state == "problem" and result.problem.key == "files_name_bad_char"
    assert chooser.problem == result.problem
    assert "\x01" not in result.problem.text("en")


@pytest.mark.parametrize("name,key", [(".secret", "files_name_dot"), (".json", "files_name_dot"),
                                      ("con", "files_name_reserved"), ("LPT1.json", "files_name_reserved"),
                                      ("x" * (MAX_NAME - 4), "files_name_too_long")])
def test_names_that_would_hide_clash_or_not_fit_are_refused(folder, name, key):
    result = FileChooser("save", folder, name=name).choose()
    assert result.state == "problem" and result.problem.key == key


def test_the_longest_name_allowed_fits_exactly(folder):
    result = FileChooser("save", folder, name="x" * (MAX_NAME - 5)).choose()
    assert result.state == "chosen" and len(result.path.name) == MAX_NAME


def test_saving_over_an_existing_file_asks_first(folder):
    chooser = FileChooser("save", folder, name="xor")
    asked = chooser.choose()
    assert asked.state == "confirm_overwrite" and asked.path == folder / "xor.json"
    assert chooser.confirming == folder / "xor.json"
    agreed = chooser.confirm()
    assert agreed.state == "chosen" and agreed.path == folder / "xor.json" and chooser.confirming is None


def test_choose_with_confirm_accepts_an_existing_file(folder):
    result = FileChooser("save", folder, name="xor.json").choose(confirm=True)
    assert result.state == "chosen" and result.path == folder / "xor.json"


def test_typing_after_the_question_withdraws_it(folder):
    chooser = FileChooser("save", folder, name="xor")
    chooser.choose()
    chooser.type_text("2")
    assert chooser.confirming is None and chooser.choose().state == "chosen"


def test_saving_onto_a_folder_is_refused(folder):
    (folder / "old.json").mkdir()
    result = FileChooser("save", folder, name="old").choose(confirm=True)
    assert result.state == "problem" and result.problem.key == "files_is_folder"


def test_enter_in_save_mode_on_a_file_asks_to_replace_it(folder):
    chooser = FileChooser("save", folder)
    chooser.select(names(chooser).index("And.json"))
    assert chooser.open_selected().state == "confirm_overwrite"


# --- choosing a file to open ----------------------------------------------------------------------

def test_opening_the_selected_file_chooses_it(folder):
    chooser = FileChooser("open", folder)
    chooser.select(names(chooser).index("cat.JSON"))
    result = chooser.open_selected()
    assert result.state == "chosen" and result.path == folder / "cat.JSON"


def test_opening_a_file_that_does_not_exist_is_refused(folder):
    result = FileChooser("open", folder, name="dragon.json").choose()
    assert result.state == "problem" and result.problem.key == "files_not_found"
    assert "dragon.json" in result.problem.text("ja")


def test_opening_a_folder_by_name_is_refused(folder):
    result = FileChooser("open", folder, name="zoo").choose()
    assert result.state == "problem" and result.problem.key == "files_open_folder"


def test_opening_with_nothing_chosen_asks_for_a_project(folder):
    assert FileChooser("open", folder).choose().problem.key == "files_open_nothing"


def test_opening_a_typed_name_finds_the_json_file(folder):
    assert FileChooser("open", folder, name="xor").choose().path == folder / "xor.json"


def test_opening_a_name_that_leaves_the_folder_is_refused(folder):
    result = FileChooser("open", folder / "zoo", name="../xor.json").choose()
    assert result.state == "problem" and result.problem.key == "files_name_bad_char"


@pytest.mark.skipif(sys.platform == "win32", reason="Windows cannot make this file")
def test_an_existing_file_whose_name_we_would_not_give_can_still_be_opened(folder):
    (folder / "a:b.json").write_text("{}")
    assert FileChooser("open", folder, name="a:b.json").choose().state == "chosen"


# --- geometry ------------------------------------------------------------------------------------

def test_rows_stack_down_from_the_top_of_the_list(tmp_path):
    chooser = make(tmp_path, 9)  # 10 rows with ".."
    rows = chooser.rows(200, 100, 20)
    assert rows == [(0, (0.0, 80.0, 200.0, 20.0)), (1, (0.0, 60.0, 200.0, 20.0)), (2, (0.0, 40.0, 200.0, 20.0)),
                    (3, (0.0, 20.0, 200.0, 20.0)), (4, (0.0, 0.0, 200.0, 20.0))]


def test_a_partly_visible_row_at_the_bottom_is_not_given(tmp_path):
    assert [i for i, _ in make(tmp_path, 9).rows(200, 99, 20)] == [0, 1, 2, 3]


def test_the_list_scrolls_to_keep_the_selection_visible(tmp_path):
    chooser = make(tmp_path, 9)
    chooser.rows(200, 100, 20)
    chooser.select(7)
    assert [i for i, _ in chooser.rows(200, 100, 20)] == [3, 4, 5, 6, 7]
    assert chooser.rows(200, 100, 20)[-1][1][1] == 0.0  # the selection is the bottom row
    chooser.move_selection(-5)
    assert [i for i, _ in chooser.rows(200, 100, 20)] == [2, 3, 4, 5, 6]
    chooser.move_selection(100)
    assert chooser.scroll == 5 and [i for i, _ in chooser.rows(200, 100, 20)] == [5, 6, 7, 8, 9]


def test_the_wheel_scrolls_within_the_list_even_away_from_the_selection(tmp_path):
    chooser = make(tmp_path, 9)
    chooser.select(0)
    chooser.rows(200, 100, 20)
    chooser.scroll_by(3)
    assert [i for i, _ in chooser.rows(200, 100, 20)][0] == 3  # not pulled back to the selection
    chooser.scroll_by(100)
    assert chooser.scroll == 5
    chooser.scroll_by(-100)
    assert chooser.scroll == 0


def test_a_short_list_does_not_scroll(tmp_path):
    chooser = make(tmp_path, 2)
    chooser.rows(200, 100, 20)
    chooser.scroll_by(4)
    assert chooser.scroll == 0


def test_hit_finds_the_row_under_a_point_after_scrolling(tmp_path):
    chooser = make(tmp_path, 9)
    chooser.select(9)
    chooser.rows(200, 100, 20)  # rows 5..9 visible, 5 at the top
    assert chooser.hit(10, 99.9) == 5
    assert chooser.hit(10, 80) == 5 and chooser.hit(10, 79.9) == 6
    assert chooser.hit(199, 0) == 9
    assert chooser.hit(-1, 50) is None and chooser.hit(200, 50) is None
    assert chooser.hit(10, 100) is None and chooser.hit(10, -0.1) is None


def test_hit_below_the_last_entry_is_nothing(tmp_path):
    chooser = make(tmp_path, 1)  # ".." and one file
    chooser.rows(200, 100, 20)
    assert chooser.hit(10, 70) == 1 and chooser.hit(10, 50) is None


# --- words ------------------------------------------------------------------------------------------

def test_the_title_and_the_button_follow_the_mode(folder):
    assert FileChooser("open", folder).title.text("en") == "Open a project"
    assert FileChooser("save", folder).action.text("en") == "Save"
    with pytest.raises(ValueError):
        FileChooser("delete", folder)


FILES_TEXTS = {k: v for k, v in ui.CATALOG.items() if k.startswith("files_")}   # the editor's and the session's


def test_every_file_text_has_the_same_fields_in_every_language_and_no_kanji_in_hiragana():
    assert len(FILES_TEXTS) > 20
    for key, entry in FILES_TEXTS.items():
        assert key.startswith("files_") and set(entry) == set(LANGS), key
        fields = {lang: sorted(FIELD.findall(entry[lang])) for lang in LANGS}
        assert fields["ja"] == fields["ja-Hira"] == fields["en"], key
        assert not KANJI.findall(entry["ja-Hira"]), key
        assert all(entry[lang].strip() for lang in LANGS), key


def test_the_file_texts_are_in_the_catalog():
    assert all(ui.CATALOG[key] is entry for key, entry in FILES_TEXTS.items())
    assert ui.msg("files_folder_empty").text("ja-Hira") == "この フォルダーは からっぽ だよ。"


def test_name_problem_speaks_every_language():
    problem = name_problem("a/b")
    assert {problem.text(lang) for lang in LANGS} == {"ファイルの名前に「/」は使えません。",
                                                     "ファイルの なまえに「/」は つかえないよ。",
                                                     "A file name cannot contain '/'."}
