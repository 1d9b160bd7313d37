"""The words of the file chooser and the recovery offer, merged into blockbuilder.messages.CATALOG."""
from __future__ import annotations

# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
FILES_TEXTS: dict[str, dict[str, str]] = {
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
    # --- autosave and recovery ------------------------------------------------------------
    "files_recover_offer": {
        "ja": "blockbuilder は保存しないで終わりました。{time} の作品をもどしますか？",
        "ja-Hira": "blockbuilder は ほぞん しないで おわったよ。{time} の さくひんを もどす？",
        "en": "blockbuilder closed without saving. Bring back the work from {time}?",
    },
    "files_recover_source": {
        "ja": "元のファイル：{file}",
        "ja-Hira": "もとの ファイル：{file}",
        "en": "It was the file {file}.",
    },
    "files_button_restore": {"ja": "もどす", "ja-Hira": "もどす", "en": "Restore"},
    "files_button_start_fresh": {"ja": "新しく始める", "ja-Hira": "あたらしく はじめる", "en": "Start fresh"},
    "files_autosave_failed": {
        "ja": "作品の自動コピーを作れません（{detail}）。こまめに保存してください。",
        "ja-Hira": "さくひんの じどう コピーを つくれないよ（{detail}）。こまめに ほぞん してね。",
        "en": "The automatic copy of your work cannot be written ({detail}); save often.",
    },
}
