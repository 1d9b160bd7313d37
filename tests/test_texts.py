"""Every room's words: in the one catalog, in all three languages with the same fields, no kanji in
hiragana; and a room can say its own words and the rooms' below it, never a room's above."""
import importlib
import re

import pytest

from blockbuilder import texts
from runtime import LANGS

ROOMS = ["document", "editor", "lab", "session", "view"]   # in the order they may import each other
FIELD, KANJI = re.compile(r"\{(\w+)\}"), re.compile("[\u4e00-\u9fff]")


def room_texts(room: str):
    return importlib.import_module(f"blockbuilder.{room}.texts")


@pytest.mark.parametrize("room", ROOMS + ["command line"])
def test_every_text_of_a_room_is_in_the_catalog_in_every_language_with_the_same_fields_and_no_kanji_in_hiragana(
        room):
    module = texts if room == "command line" else room_texts(room)
    assert module.TEXTS, room
    for key, entry in module.TEXTS.items():
        assert texts.CATALOG[key] is entry and set(entry) == set(LANGS), key
        fields = {lang: sorted(FIELD.findall(entry[lang])) for lang in LANGS}
        assert fields["ja"] == fields["ja-Hira"] == fields["en"], key
        assert not KANJI.findall(entry["ja-Hira"]) and all(entry[lang].strip() for lang in LANGS), key


def test_the_rooms_words_together_are_the_whole_catalog_and_no_key_is_in_two_rooms():
    keys = [k for room in ROOMS for k in room_texts(room).TEXTS] + list(texts.TEXTS)
    assert len(keys) == len(set(keys)) and set(keys) == set(texts.CATALOG)


def test_a_room_says_its_own_words_and_those_below_it_but_not_a_room_above_it():
    below = {"document": [], "editor": ["document"], "lab": ["document", "editor"],
             "session": ["document", "editor", "lab"], "view": ["document", "editor", "lab"]}
    for room in ROOMS:
        say = room_texts(room).msg
        for other in ROOMS:
            key = next(iter(room_texts(other).TEXTS))
            if other == room or other in below[room]:
                assert say(key).key == key
            else:
                with pytest.raises(KeyError, match=room):
                    say(key)
    with pytest.raises(KeyError):
        texts.msg("no_such_key")


def test_a_message_reads_the_same_whichever_room_made_it():
    key = "compile_empty_layer"
    made = [room_texts(room).msg(key) for room in ROOMS] + [texts.msg(key)]
    assert all(m == made[0] for m in made)    # one kind of message: tests and views compare them
    assert made[0].text("ja-Hira") == texts.CATALOG[key]["ja-Hira"]
