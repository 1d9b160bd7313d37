"""The words of the session: unsaved work, the recovery offer, autosave, and exporting to Scratch."""
from __future__ import annotations

from ..document.words import T, Words
from ..lab.texts import msg as _below

# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
TEXTS: dict[str, dict[str, str]] = {
    "crash_kept": {   # crash.py: something failed inside the editor; the window stays open
        "ja": "うまく動かないことがありましたが、作ったものは残っているので、そのまま続けられます。",
        "ja-Hira": "うまく うごかない ことが あったけど、つくった ものは のこっているから、そのまま つづけられるよ。",
        "en": "Something went wrong, but your work is kept and you can carry on.",
    },
    "cli_exported_rounded": {
        "ja": "重みは{digits}けたに丸めました。出力の差は最大 {diff} です。",
        "ja-Hira": "おもみは {digits}けたに まるめたよ。こたえの ちがいは さいだい {diff} だよ。",
        "en": "The weights were rounded to {digits} significant digits; the outputs change by at most {diff}.",
    },
    "cli_export_next": {
        "ja": "Scratch のサイト（https://scratch.mit.edu）で「ファイル」→「コンピューターから読み込む」を選ぶか、"
              "Scratch アプリで開いてください。緑の旗を押すと動きます。",
        "ja-Hira": "Scratch の サイト（https://scratch.mit.edu）で「ファイル」→「コンピューターから よみこむ」を えらぶか、"
                   "Scratch アプリで ひらいてね。みどりの はたを おすと うごくよ。",
        "en": "Open it on the Scratch website (https://scratch.mit.edu: File → Load from your computer) "
              "or in the Scratch app, then click the green flag.",
    },
    # --- files and dialogs ---------------------------------------------------------------
    "files_button_ok": T("OK", "OK", "OK"),
    "files_button_discard": T("保存しない", "ほぞん しない", "Don't save"),
    "files_unsaved": T("「{name}」の変更はまだ保存していません。保存しますか？",
                       "「{name}」の かえた ところは まだ ほぞん してないよ。ほぞん する？",
                       "The changes to '{name}' are not saved yet. Save them?"),
    "files_saved": T("{file} に保存しました。", "{file} に ほぞん したよ。", "Saved to {file}."),
    "title_untitled": T("名前のないプロジェクト", "なまえの ない プロジェクト", "Untitled project"),
    # --- autosave and recovery ------------------------------------------------------------
    "files_recover_offer": {
        "ja": "blockbuilder は保存しないで終わりました。{time} の作品をもどしますか？",
        "ja-Hira": "blockbuilder は ほぞん しないで おわったよ。{time} の さくひんを もどす？",
        "en": "blockbuilder closed without saving. Bring back the work from {time}?",
    },
    "files_recover_broken": {
        "ja": "作品の自動コピーが読めなかったので、フォルダー {folder} に {file} という名前で残しました。",
        "ja-Hira": "さくひんの じどう コピーが よめなかったので、フォルダー {folder} に {file} という なまえで のこしたよ。",
        "en": "An automatic copy of your work could not be read, so it is kept as {file} in the folder {folder}.",
    },
    "files_button_restore": {"ja": "もどす", "ja-Hira": "もどす", "en": "Restore"},
    "files_button_start_fresh": {"ja": "新しく始める", "ja-Hira": "あたらしく はじめる", "en": "Start fresh"},
    "files_autosave_failed": {
        "ja": "作品の自動コピーを作れません（{detail}）。こまめに保存してください。",
        "ja-Hira": "さくひんの じどう コピーを つくれないよ（{detail}）。こまめに ほぞん してね。",
        "en": "The automatic copy of your work cannot be written ({detail}); save often.",
    },
    "export_title": {"ja": "Scratch に書き出す", "ja-Hira": "Scratch に かきだす", "en": "Export to Scratch"},
    "export_default_name": {"ja": "ネットワーク", "ja-Hira": "ネットワーク", "en": "network"},
    "export_button": {"ja": "書き出す", "ja-Hira": "かきだす", "en": "Export"},
    "export_fits": {
        "ja": "Scratch に入ります：リスト{lists}個、いちばん長いリストの数は{longest}個（1つのリストに{list_limit}個まで）、"
              "大きさは Scratch のサイトの上限 {limit_mb} MB のうち {kb} KB です。",
        "ja-Hira": "Scratch に はいるよ：リスト {lists}こ、いちばん ながい リストの かずは {longest}こ"
                   "（1つの リストに {list_limit}こ まで）、おおきさは Scratch の サイトの じょうげん {limit_mb} MB の うち "
                   "{kb} KB だよ。",
        "en": "It fits in Scratch: {lists} lists, the longest has {longest} numbers (a list can hold {list_limit}), "
              "{kb} KB of the {limit_mb} MB the Scratch website allows.",
    },
    # {why} is the exporter's sentence saying how many digits make it fit and what that changes.
    "export_round_offer": {
        "ja": "{why} 重みを丸めて書き出しますか？",
        "ja-Hira": "{why} おもみを まるめて かきだす？",
        "en": "{why} Round the weights and export?",
    },
    # Short: the question's buttons must fit in its 560-pixel box, which allows about 20 letters here.
    "export_button_round": {
        "ja": "{digits}けたに丸めて書き出す",
        "ja-Hira": "{digits}けたに まるめて かきだす",
        "en": "Round to {digits} digits",
    },
    "export_too_big_always": {
        "ja": "このネットワークは重みを丸めても Scratch のサイトに入らないので（{mb} MB、上限は {limit_mb} MB）、"
              "ニューロン{units}個の層のニューロンを減らしてください。",
        "ja-Hira": "この ネットワークは おもみを まるめても Scratch の サイトに はいらないので"
                   "（{mb} MB、じょうげんは {limit_mb} MB）、ニューロン {units}この そうの ニューロンを へらしてね。",
        "en": "Even with rounded weights this network is too big for the Scratch website ({mb} MB; it allows "
              "{limit_mb} MB), so give the layer with {units} neurons fewer neurons.",
    },
    "export_read_only": {
        "ja": "フォルダー {folder} には保存できないので、別の場所を選んでください。",
        "ja-Hira": "フォルダー {folder} には ほぞん できないので、べつの ばしょを えらんでね。",
        "en": "The folder {folder} does not let you save files, so choose another place.",
    },
    "export_disk_full": {
        "ja": "ディスクがいっぱいで {file} を書けないので、別の場所を選ぶか、いらないファイルを消してください。",
        "ja-Hira": "ディスクが いっぱいで {file} を かけないので、べつの ばしょを えらぶか、いらない ファイルを けしてね。",
        "en": "The disk is full, so {file} cannot be written: choose another place or delete files you do not need.",
    },
    "export_done": {
        "ja": "「{file}」をフォルダー {folder} に保存しました。{next}",
        "ja-Hira": "「{file}」を フォルダー {folder} に ほぞん したよ。{next}",
        "en": "Saved '{file}' in the folder {folder}. {next}",
    },
    # Export with learning (issue 17): the project learns inside Scratch from the weights it has now.
    "export_button_learn": {"ja": "学習つきで書き出す", "ja-Hira": "がくしゅうつきで かきだす", "en": "Export with learning"},
    "export_fits_or_learn": {
        "ja": "{fits}「学習つきで書き出す」を選ぶと、学習データと学習のしかたも入り、Scratch の中でも学習できます。",
        "ja-Hira": "{fits}「がくしゅうつきで かきだす」に すると、がくしゅう データと がくしゅうの しかたも はいって、"
                   "Scratch の なかでも がくしゅう できるよ。",
        "en": "{fits} With \"Export with learning\", the training data and the learning go in too, and the project "
              "can learn inside Scratch.",
    },
    "export_untrained_learn": {
        "ja": "このネットワークはまだ学習していません。学習つきで書き出すと、Scratch の中で最初から学習できます。",
        "ja-Hira": "この ネットワークは まだ がくしゅう して いないよ。がくしゅうつきで かきだすと、Scratch の なかで "
                   "さいしょから がくしゅう できるよ。",
        "en": "This network has not learned yet. Export it with learning, and it learns inside Scratch from the start.",
    },
    "export_done_learn": {
        "ja": "「{file}」をフォルダー {folder} に保存しました。{next} 学習ボタンを押すと、学ぶようすが見られます。",
        "ja-Hira": "「{file}」を フォルダー {folder} に ほぞん したよ。{next} がくしゅう ボタンを おすと、"
                   "まなぶ ようすが みられるよ。",
        "en": "Saved '{file}' in the folder {folder}. {next} Then click the learn button and watch it learn.",
    },
    "export_done_rounded": {
        "ja": "「{file}」をフォルダー {folder} に保存しました。{rounded}{next}",
        "ja-Hira": "「{file}」を フォルダー {folder} に ほぞん したよ。{rounded}{next}",
        "en": "Saved '{file}' in the folder {folder}. {rounded} {next}",
    },
}

msg = Words("session", TEXTS, _below)
