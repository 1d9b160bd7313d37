"""The command line's words; importing this module also registers every room's words, so CATALOG
here holds every sentence blockbuilder shows."""
from __future__ import annotations

from .document.words import CATALOG, UIProblem, Words
from .session.texts import msg as _session
from .view.texts import msg as _view

# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
TEXTS: dict[str, dict[str, str]] = {
    "cli_no_window": {
        "ja": "エディターの窓を開けません（{detail}）。画面のあるコンピューターで開くか、blockbuilder --help のコマンドを使ってください。",
        "ja-Hira": "エディターの まどを ひらけないよ（{detail}）。がめんの ある コンピューターで ひらくか、blockbuilder --help の コマンドを つかってね。",
        "en": "The editor window cannot open ({detail}); run it on a computer with a screen, or use the commands in blockbuilder --help.",
    },
    "cli_exported": {
        "ja": "{file} に書き出しました（project.json {kb} KB、重みのリスト {lists} 個）。",
        "ja-Hira": "{file} に かきだしたよ（project.json {kb} KB、おもみの リスト {lists}こ）。",
        "en": "Wrote {file} (project.json {kb} KB, {lists} lists of weights).",
    },
    "cli_export_learn_next": {
        "ja": "ステージの学習ボタンを押すと学習が始まり、やり直しボタンで最初の重みにもどります。",
        "ja-Hira": "ステージの がくしゅう ボタンを おすと がくしゅうが はじまって、やりなおし ボタンで さいしょの おもみに もどるよ。",
        "en": "Then click the learn button on the stage to watch it learn; the start again button brings back the first weights.",
    },
    "cli_export_round": {
        "ja": "{why} 丸めて書き出すには --round {digits} をつけてください。",
        "ja-Hira": "{why} まるめて かきだすには --round {digits} を つけてね。",
        "en": "{why} To export it rounded, add --round {digits}.",
    },
    "cli_export_failed": {
        "ja": "Scratch に書き出せません：{why}",
        "ja-Hira": "Scratch に かきだせないよ：{why}",
        "en": "Cannot export to Scratch: {why}",
    },
    "cli_interrupted": {"ja": "中止しました。", "ja-Hira": "ちゅうし したよ。", "en": "Stopped."},
    "cli_unknown_example": {
        "ja": "「{name}」という例はありません。使えるのは {choices} です。",
        "ja-Hira": "「{name}」という れいは ないよ。つかえるのは {choices} だよ。",
        "en": "There is no example called '{name}'; choose one of {choices}.",
    },
    "cli_exists": {
        "ja": "ファイル {file} はもうあります。置きかえるなら --force をつけてください。",
        "ja-Hira": "ファイル {file} は もう あるよ。おきかえるなら --force を つけてね。",
        "en": "The file {file} already exists; add --force to replace it.",
    },
    "cli_written": {
        "ja": "例「{name}」を {file} に書きました。",
        "ja-Hira": "れい「{name}」を {file} に かいたよ。",
        "en": "Wrote the example '{name}' to {file}.",
    },
    "cli_params": {
        "ja": "パラメーターの数：{count}",
        "ja-Hira": "パラメーターの かず：{count}",
        "en": "Parameters: {count}",
    },
    "cli_fits": {
        "ja": "Scratch への書き出し：入ります（project.json は約 {kb} KB、上限 {limit_mb} MB）。",
        "ja-Hira": "Scratch への かきだし：はいるよ（project.json は やく {kb} KB、じょうげん {limit_mb} MB）。",
        "en": "Scratch export: fits (project.json about {kb} KB of the {limit_mb} MB limit).",
    },
    "cli_too_big": {
        "ja": "Scratch への書き出し：大きすぎます（project.json は約 {mb} MB、上限 {limit_mb} MB）。層を小さくするか、書き出すときに --round で重みの桁数を減らしてください。",
        "ja-Hira": "Scratch への かきだし：おおきすぎるよ（project.json は やく {mb} MB、じょうげん {limit_mb} MB）。そうを ちいさく するか、かきだす ときに --round で おもみの けたすうを へらしてね。",
        "en": "Scratch export: too big (project.json about {mb} MB, the limit is {limit_mb} MB); use smaller layers, or export with --round to keep fewer digits per weight.",
    },
    "cli_problems": {
        "ja": "直すところ（{count}）：",
        "ja-Hira": "なおす ところ（{count}）：",
        "en": "To fix ({count}):",
    },
    "cli_no_problems": {
        "ja": "問題はありません。",
        "ja-Hira": "もんだいは ないよ。",
        "en": "No problems.",
    },
    "cli_fix_problems": {
        "ja": "このプロジェクトには直すところが{count}つあります（上を見てください）。",
        "ja-Hira": "この プロジェクトには なおす ところが {count}つ あるよ（うえを みてね）。",
        "en": "This project has {count} problem(s) to fix first (listed above).",
    },
    "cli_bad_setting": {
        "ja": "エポック数と乱数の種は0以上の整数にしてください（エポックは1以上）。",
        "ja-Hira": "エポックの かずと らんすうの たねは 0いじょうの せいすうに してね（エポックは 1いじょう）。",
        "en": "--epochs must be a whole number of at least 1 and --seed a whole number of at least 0.",
    },
    "cli_nothing_to_learn": {
        "ja": "すべての重みが固定されているので、学習するものはありません。blockbuilder predict でそのまま動かせます。",
        "ja-Hira": "おもみが ぜんぶ ロックされているので、がくしゅう するものは ないよ。blockbuilder predict で そのまま うごかせるよ。",
        "en": "Every weight is locked, so there is nothing to learn; run it as it is with blockbuilder predict.",
    },
    "cli_saved": {
        "ja": "学習した重みを {file} に保存しました。",
        "ja-Hira": "がくしゅうした おもみを {file} に ほぞん したよ。",
        "en": "Saved the trained weights to {file}.",
    },
    "cli_saved_last_good": {
        "ja": "こわれる前の重みを {file} に保存しました。",
        "ja-Hira": "こわれる まえの おもみを {file} に ほぞん したよ。",
        "en": "Saved the last good weights to {file}.",
    },
    "cli_epoch": {"ja": "エポック", "ja-Hira": "エポック", "en": "epoch"},
    "cli_loss": {"ja": "誤差", "ja-Hira": "ごさ", "en": "loss"},
    "cli_accuracy": {"ja": "正解率", "ja-Hira": "せいかいりつ", "en": "accuracy"},
    "cli_test": {"ja": "テスト", "ja-Hira": "テスト", "en": "test"},
    "cli_bad_inputs": {
        "ja": "{row}番目の点「{text}」が数として読めません（例：\"0,1;1,1\"）。",
        "ja-Hira": "{row}ばんめの てん「{text}」が かずとして よめないよ（れい：\"0,1;1,1\"）。",
        "en": "Point {row} ('{text}') is not a list of numbers; write points like \"0,1;1,1\".",
    },
    "cli_inputs_count": {
        "ja": "{row}番目の点には数が{want}個必要ですが、{got}個あります。",
        "ja-Hira": "{row}ばんめの てんには かずが {want}こ いるけど、{got}こ あるよ。",
        "en": "Point {row} needs {want} numbers but has {got}.",
    },
    "cli_no_inputs": {
        "ja": "入力の点がありません（例：--inputs \"0,1;1,1\"）。",
        "ja-Hira": "にゅうりょくの てんが ないよ（れい：--inputs \"0,1;1,1\"）。",
        "en": "There are no input points; give some like --inputs \"0,1;1,1\".",
    },
    "cli_bad_csv": {
        "ja": "ファイル {file} は読めるCSVファイルではありません。",
        "ja-Hira": "ファイル {file} は よめる CSVファイルでは ないよ。",
        "en": "The file {file} is not a readable CSV file.",
    },
    "cli_not_trained": {
        "ja": "このネットワークはまだ学習していません。先に blockbuilder train {file} を実行してください。",
        "ja-Hira": "この ネットワークは まだ がくしゅう していないよ。さきに blockbuilder train {file} を うごかしてね。",
        "en": "This network has not been trained yet; run blockbuilder train {file} first.",
    },
    "cli_not_a_number": {
        "ja": "重みが大きくなりすぎて答えが数にならないので、学習率を小さくして blockbuilder train {file} をもう一度実行してください。",
        "ja-Hira": "おもみが おおきく なりすぎて こたえが かずに ならないから、がくしゅうりつを ちいさく して blockbuilder train {file} を もう いちど うごかしてね。",
        "en": "The weights have grown so big that the answers are not numbers; make the learning rate smaller and run blockbuilder train {file} again.",
    },
    "cli_class": {"ja": "{name}（{p}）", "ja-Hira": "{name}（{p}）", "en": "{name} ({p})"},
    "cli_yes": {"ja": "はい（{p}）", "ja-Hira": "はい（{p}）", "en": "yes ({p})"},
    "cli_no": {"ja": "いいえ（はいの確率 {p}）", "ja-Hira": "いいえ（はいの かくりつ {p}）", "en": "no (yes: {p})"},
}

msg = Words("command line", TEXTS, _session, _view)

__all__ = ["CATALOG", "TEXTS", "UIProblem", "msg"]
