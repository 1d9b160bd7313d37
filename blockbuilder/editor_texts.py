"""The block editor's words (toolbar, menus, snapping, dialogs), merged into blockbuilder.messages.CATALOG."""
from __future__ import annotations


def T(ja: str, hira: str, en: str) -> dict[str, str]:
    return {"ja": ja, "ja-Hira": hira, "en": en}


EDITOR_TEXTS: dict[str, dict[str, str]] = {
    # --- why a block does not snap ---------------------------------------------------
    "drop_unknown": T("このブロックはここには置けません。", "この ブロックは ここには おけないよ。",
                      "This block cannot go here."),
    "drop_not_a_c_block": T("このブロックの中には何も入れられません。", "この ブロックの なかには なにも いれられないよ。",
                            "Nothing can go inside this block."),
    "drop_only_inside": T("{parent}の中に入れられるのは{inside}だけです。",
                          "{parent}の なかに いれられるのは {inside}だけだよ。",
                          "Only '{inside}' blocks can go inside '{parent}'."),
    "drop_needs_parent": T("{block}は{parent}ブロックの中に入れてください。",
                           "{block}は {parent}ブロックの なかに いれてね。",
                           "Put '{block}' inside a '{parent}' block."),
    "drop_hat_only_top": T("帽子の形のブロックはスクリプトのいちばん上にだけ置けます。",
                           "ぼうしの かたちの ブロックは いちばん うえに だけ おけるよ。",
                           "A hat block can only go at the top of a script."),
    "drop_above_hat": T("帽子の形のブロックの上には何も置けません。", "ぼうしの かたちの ブロックの うえには なにも おけないよ。",
                        "Nothing can go above a hat block."),
    "drop_below_cap": T("終わりのブロックの下には何もつなげられません。", "おわりの ブロックの したには なにも つなげられないよ。",
                        "Nothing can go below an ending block."),
    "drop_cap_only_bottom": T("終わりのブロックはスクリプトのいちばん下にだけ置けます。",
                              "おわりの ブロックは いちばん したに だけ おけるよ。",
                              "An ending block can only go at the bottom of a script."),
}
EDITOR_TEXTS.update({
    # --- what fields show ------------------------------------------------------------
    "field_on": T("する", "する", "on"),
    "field_off": T("しない", "しない", "off"),
    "field_auto": T("おまかせ", "おまかせ", "auto"),
    "field_points": T("{count}こ", "{count}こ", "{count} points"),
    # --- undo steps --------------------------------------------------------------------
    "edit_move": T("ブロックを動かす", "ブロックを うごかす", "move blocks"),
    "edit_add": T("ブロックを出す", "ブロックを だす", "add a block"),
    "edit_delete": T("ブロックを消す", "ブロックを けす", "delete blocks"),
    "edit_field": T("値を変える", "あたいを かえる", "change a value"),
    "edit_replace": T("データを変える", "データを かえる", "change the data"),
    "edit_comment": T("コメントを書く", "コメントを かく", "write a comment"),
    "edit_duplicate": T("複製する", "コピーを つくる", "duplicate"),
    "edit_paste": T("貼り付ける", "はりつける", "paste"),
    "edit_restore": T("ゴミ箱から戻す", "ごみばこから もどす", "bring back from the trash"),
    "edit_clean_up": T("きれいに並べる", "きれいに ならべる", "clean up"),
})
EDITOR_TEXTS.update({
    # --- fields ------------------------------------------------------------------------
    "field_points_on_stage": T("点はステージでかきます（もうすぐできます）。", "てんは ステージで かくよ（もうすぐ できるよ）。",
                               "Points are drawn on the stage (coming soon)."),
    "field_bad_number": T("数を入れてください（{low} から {high} まで）。", "かずを いれてね（{low} から {high} まで）。",
                          "Type a number from {low} to {high}."),
    "field_bad_integer": T("整数を入れてください（{low} から {high} まで）。", "せいすうを いれてね（{low} から {high} まで）。",
                           "Type a whole number from {low} to {high}."),
    "field_out_of_range": T("{low} から {high} までの数にしてください。", "{low} から {high} までの かずに してね。",
                            "Use a number from {low} to {high}."),
    "field_bad_weights": T("重みは数をカンマで区切って入れてください（-{limit} から {limit} まで）。空にするとおまかせです。",
                           "おもみは かずを カンマで くぎって いれてね（-{limit} から {limit} まで）。からに すると おまかせだよ。",
                           "Type the weights as numbers separated by commas (-{limit} to {limit}); leave it empty for auto."),
    # --- menus -------------------------------------------------------------------------
    "menu_duplicate": T("複製", "コピーを つくる", "Duplicate"),
    "menu_copy": T("コピー", "コピー", "Copy"),
    "menu_paste": T("貼り付け", "はりつけ", "Paste"),
    "menu_comment_add": T("コメントを書く", "コメントを かく", "Add comment"),
    "menu_comment_edit": T("コメントを直す", "コメントを なおす", "Edit comment"),
    "menu_move": T("キーで動かす（M）", "キーで うごかす（M）", "Move with keys (M)"),
    "menu_delete": T("ブロックを消す", "ブロックを けす", "Delete block"),
    "menu_clean_up": T("きれいに並べる", "きれいに ならべる", "Clean up blocks"),
    "menu_undo": T("取り消す", "とりけす", "Undo"),
    "menu_redo": T("やり直す", "やりなおす", "Redo"),
})
EDITOR_TEXTS.update({
    # --- toolbar, corner buttons, stage, status -----------------------------------------
    "tool_new": T("新規", "あたらしく", "New"),
    "tool_open": T("開く", "ひらく", "Open"),
    "tool_save": T("保存", "ほぞん", "Save"),
    "tool_save_as": T("名前を付けて保存", "なまえを つけて ほぞん", "Save as"),
    "tool_examples": T("お手本", "おてほん", "Examples"),
    "tool_undo": T("取り消し", "とりけし", "Undo"),
    "tool_redo": T("やり直し", "やりなおし", "Redo"),
    "tool_language": T("言葉：{name}", "ことば：{name}", "Language: {name}"),
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
})
EDITOR_TEXTS.update({
    # --- files and dialogs ---------------------------------------------------------------
    "files_button_ok": T("OK", "OK", "OK"),
    "files_button_discard": T("保存しない", "ほぞん しない", "Don't save"),
    "files_unsaved": T("「{name}」の変更はまだ保存していません。保存しますか？",
                       "「{name}」の かえた ところは まだ ほぞん してないよ。ほぞん する？",
                       "The changes to '{name}' are not saved yet. Save them?"),
    "files_saved": T("{file} に保存しました。", "{file} に ほぞん したよ。", "Saved to {file}."),
    "title_untitled": T("名前のないプロジェクト", "なまえの ない プロジェクト", "Untitled project"),
})
