"""The words only the window draws: the trash's labels, the status line, the digits views' titles."""
from __future__ import annotations

from ..document.words import T, Words
from ..lab.texts import msg as _below

# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
TEXTS: dict[str, dict[str, str]] = {
    "trash_button": T("ゴミ箱", "ごみばこ", "Trash"),
    "trash_title": T("ゴミ箱：ドラッグかクリックで戻せます", "ごみばこ：ひっぱるか クリックで もどせるよ",
                     "Trash: drag or click a block to bring it back"),
    "trash_empty": T("ゴミ箱はからっぽです", "ごみばこは からっぽだよ", "The trash is empty"),
    "status_problems": T("直すところが {count} か所あります。赤いブロックをクリックすると理由が出ます。",
                         "なおす ところが {count}こ あるよ。あかい ブロックを クリックすると りゆうが でるよ。",
                         "{count} thing(s) to fix: click a red block to see why."),
    "status_moving": T("↑↓：置く場所をえらぶ　←→：ほかのスクリプトへ　Enter：ここに置く　Esc：もとにもどす",
                       "↑↓：おく ばしょを えらぶ　←→：ほかの スクリプトへ　Enter：ここに おく　Esc：もとに もどす",
                       "↑↓: choose a place   ←→: another script   Enter: put it here   Esc: put it back"),
    "status_ready": T("ネットワークの準備ができました：{shape}", "ネットワークの じゅんびが できたよ：{shape}",
                      "The network is ready: {shape}"),
    "stage_guesses": T("テストの数字とネットワークの答え（赤はまちがい）", "テストの すうじと こたえ（あかは まちがい）",
                       "Test digits and the network's guesses (red: wrong)"),
    "stage_confusion": T("どの数字をどれとまちがえたか", "どの すうじを どれと まちがえたか", "Which digit was taken for which"),
    "stage_confusion_classes": T("どの答えをどれとまちがえたか", "どの こたえを どれと まちがえたか",
                                 "Which answer was taken for which"),
    "stage_pad_hint": T("数字をかいてね", "すうじを かいてね", "Draw a digit"),
    "stage_pad_guess": T("答え：{digit}", "こたえ：{digit}", "Guess: {digit}"),
}

msg = Words("view", TEXTS, _below)
