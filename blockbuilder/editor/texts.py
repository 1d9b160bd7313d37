"""The block editor's words: toolbar, menus, fields, undo labels, the file chooser and the dialogs."""
from __future__ import annotations

from ..document.texts import msg as _below
from ..document.words import T, Words

# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
TEXTS: dict[str, dict[str, str]] = {
    # --- what fields show ------------------------------------------------------------
    "field_on": T("する", "する", "on"),
    "field_off": T("しない", "しない", "off"),
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
    # --- fields ------------------------------------------------------------------------
    "field_points_on_stage": T("点はステージでかきます：「点をかく」を押してください。",
                               "てんは ステージで かくよ：「てんを かく」を おしてね。",
                               "Draw the points on the stage: press \"Draw points\"."),
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
    # --- toolbar, corner buttons, stage, status -----------------------------------------
    "tool_new": T("新規", "あたらしく", "New"),
    "tool_open": T("開く", "ひらく", "Open"),
    "tool_save": T("保存", "ほぞん", "Save"),
    "tool_save_as": T("名前を付けて保存", "なまえを つけて ほぞん", "Save as"),
    "tool_examples": T("お手本", "おてほん", "Examples"),
    "tool_undo": T("取り消し", "とりけし", "Undo"),
    "tool_redo": T("やり直し", "やりなおし", "Redo"),
    "tool_language": T("言葉：{name}", "ことば：{name}", "Language: {name}"),
    # --- the file chooser's labels ----------------------------------------------------
    "files_title_open": {"ja": "プロジェクトを開く", "ja-Hira": "プロジェクトを ひらく", "en": "Open a project"},
    "files_title_save": {"ja": "プロジェクトを保存する", "ja-Hira": "プロジェクトを ほぞん する",
                         "en": "Save the project"},
    "files_button_open": {"ja": "開く", "ja-Hira": "ひらく", "en": "Open"},
    "files_button_save": {"ja": "保存", "ja-Hira": "ほぞん", "en": "Save"},
    "files_button_cancel": {"ja": "やめる", "ja-Hira": "やめる", "en": "Cancel"},
    "files_button_up": {"ja": "上のフォルダーへ", "ja-Hira": "うえの フォルダーへ", "en": "Up"},
    "files_button_home": {"ja": "プロジェクトのフォルダー", "ja-Hira": "プロジェクトの フォルダー",
                          "en": "Projects folder"},
    "files_name_label": {"ja": "ファイルの名前：", "ja-Hira": "ファイルの なまえ：", "en": "File name:"},
    "files_folder_label": {"ja": "場所：{folder}", "ja-Hira": "ばしょ：{folder}", "en": "Folder: {folder}"},
    "files_parent_row": {"ja": "..（上のフォルダー）", "ja-Hira": "..（うえの フォルダー）", "en": ".. (up one folder)"},
    "files_folder_empty": {"ja": "このフォルダーは空です。", "ja-Hira": "この フォルダーは からっぽ だよ。",
                           "en": "This folder is empty."},
    # The list holds only one kind of file; the other files are counted, so the folder never looks empty.
    "files_folder_no_projects": {"ja": "ここにプロジェクトはありません（{others}）。",
                                 "ja-Hira": "ここに プロジェクトは ないよ（{others}）。", "en": "No projects here ({others})."},
    "files_folder_no_sb3": {"ja": "ここに Scratch のファイルはありません（{others}）。",
                            "ja-Hira": "ここに Scratch の ファイルは ないよ（{others}）。",
                            "en": "No Scratch files here ({others})."},
    "files_other_file": {"ja": "ほかのファイル 1個", "ja-Hira": "ほかの ファイル 1こ", "en": "1 other file"},
    "files_other_files": {"ja": "ほかのファイル {count}個", "ja-Hira": "ほかの ファイル {count}こ",
                          "en": "{count} other files"},
    "files_confirm_overwrite": {
        "ja": "「{name}」はもうあります。前のファイルを置きかえますか？",
        "ja-Hira": "「{name}」は もう あるよ。まえの ファイルを おきかえる？",
        "en": "'{name}' already exists. Replace the existing file?",
    },
    "files_button_replace": {"ja": "置きかえる", "ja-Hira": "おきかえる", "en": "Replace"},
    # --- why a name or a folder cannot be used ------------------------------------------
    "files_folder_unreadable": {
        "ja": "フォルダー {folder} を開けません（{detail}）。別のフォルダーを選んでください。",
        "ja-Hira": "フォルダー {folder} を ひらけないよ（{detail}）。べつの フォルダーを えらんでね。",
        "en": "The folder {folder} cannot be opened ({detail}); choose another folder.",
    },
    "files_name_empty": {
        "ja": "ファイルの名前を入れてください。",
        "ja-Hira": "ファイルの なまえを いれてね。",
        "en": "Type a name for the file.",
    },
    "files_name_bad_char": {
        "ja": "ファイルの名前に「{char}」は使えません。",
        "ja-Hira": "ファイルの なまえに「{char}」は つかえないよ。",
        "en": "A file name cannot contain '{char}'.",
    },
    "files_name_dot": {
        "ja": "ファイルの名前は「.」で始められません。",
        "ja-Hira": "ファイルの なまえは「.」で はじめられないよ。",
        "en": "A file name cannot start with '.'.",
    },
    "files_name_reserved": {
        "ja": "「{name}」はファイルの名前に使えません。別の名前にしてください。",
        "ja-Hira": "「{name}」は ファイルの なまえに つかえないよ。べつの なまえに してね。",
        "en": "'{name}' cannot be a file name; choose another name.",
    },
    "files_name_too_long": {
        "ja": "名前が長すぎます（{length}文字、{limit}文字まで）。",
        "ja-Hira": "なまえが ながすぎるよ（{length}もじ、{limit}もじ まで）。",
        "en": "The name is too long ({length} characters; the limit is {limit}).",
    },
    "files_is_folder": {
        "ja": "「{name}」はフォルダーです。別の名前にしてください。",
        "ja-Hira": "「{name}」は フォルダーだよ。べつの なまえに してね。",
        "en": "'{name}' is a folder; choose another name.",
    },
    "files_open_nothing": {
        "ja": "開くプロジェクトを選んでください。",
        "ja-Hira": "ひらく プロジェクトを えらんでね。",
        "en": "Choose a project to open.",
    },
    "files_open_folder": {
        "ja": "「{name}」はフォルダーです。中のプロジェクトを選んでください。",
        "ja-Hira": "「{name}」は フォルダーだよ。なかの プロジェクトを えらんでね。",
        "en": "'{name}' is a folder; choose a project inside it.",
    },
    "files_not_found": {
        "ja": "このフォルダーに「{name}」というファイルはありません。",
        "ja-Hira": "この フォルダーに「{name}」という ファイルは ないよ。",
        "en": "There is no file called '{name}' in this folder.",
    },
    "number_ok": T("決める", "きめる", "Set"),
}

msg = Words("editor", TEXTS, _below)
