"""The editor's message catalog: every sentence blockbuilder shows a person, in ja, ja-Hira and en.

Messages from the runtime (runtime/messages.py) pass through unchanged; this catalog holds
what belongs to blocks, project files and the command line.
"""
from __future__ import annotations

from runtime.messages import LANGS, Message

# key -> {lang: template}; every language has the same {fields}.
CATALOG: dict[str, dict[str, str]] = {
    # --- project files ------------------------------------------------------------
    "file_bad": {
        "ja": "ファイル {file} を開けません：{reason}",
        "ja-Hira": "ファイル {file} を ひらけないよ：{reason}",
        "en": "The file {file} cannot be opened: {reason}",
    },
    "file_bad_at": {
        "ja": "ファイル {file} を開けません：{place} で {reason}",
        "ja-Hira": "ファイル {file} を ひらけないよ：{place} で {reason}",
        "en": "The file {file} cannot be opened: at {place}, {reason}",
    },
    "file_missing": {
        "ja": "ファイル {file} が見つかりません。",
        "ja-Hira": "ファイル {file} が みつからないよ。",
        "en": "The file {file} does not exist.",
    },
    "file_unwritable": {
        "ja": "ファイル {file} に保存できません（{detail}）。前のファイルはそのままです。",
        "ja-Hira": "ファイル {file} に ほぞん できないよ（{detail}）。まえの ファイルは そのままだよ。",
        "en": "The file {file} could not be saved ({detail}); the old file is unchanged.",
    },
    "reason_not_json": {
        "ja": "blockbuilder のプロジェクト（JSON）ではありません（{line}行目 {column}文字目）。",
        "ja-Hira": "blockbuilder の プロジェクト（JSON）では ないよ（{line}ぎょうめ {column}もじめ）。",
        "en": "it is not a blockbuilder project (not JSON, line {line} column {column}).",
    },
    "reason_binary": {
        "ja": "文字のファイルではありません。",
        "ja-Hira": "もじの ファイルでは ないよ。",
        "en": "it is not a text file.",
    },
    "reason_too_big": {
        "ja": "大きすぎます（{size} MB、{limit} MB まで）。",
        "ja-Hira": "おおきすぎるよ（{size} MB、{limit} MB まで）。",
        "en": "it is too big ({size} MB; the limit is {limit} MB).",
    },
    "reason_too_deep": {
        "ja": "入れ子が深すぎます。",
        "ja-Hira": "いれこが ふかすぎるよ。",
        "en": "it is nested too deeply.",
    },
    "reason_not_project": {
        "ja": "blockbuilder のプロジェクトではありません。",
        "ja-Hira": "blockbuilder の プロジェクトでは ないよ。",
        "en": "it is not a blockbuilder project.",
    },
    "reason_newer": {
        "ja": "新しい blockbuilder（ファイルの版 {version}）で作られています。blockbuilder を新しくしてください。",
        "ja-Hira": "あたらしい blockbuilder（ファイルの はん {version}）で つくられているよ。blockbuilder を あたらしく してね。",
        "en": "it was made by a newer blockbuilder (file version {version}); please update blockbuilder.",
    },
    "reason_missing": {
        "ja": "「{name}」がありません。",
        "ja-Hira": "「{name}」が ないよ。",
        "en": "'{name}' is missing.",
    },
    "reason_unknown_field": {
        "ja": "知らない項目「{name}」があります。",
        "ja-Hira": "しらない こうもく「{name}」が あるよ。",
        "en": "there is an unknown entry '{name}'.",
    },
    "reason_wrong_type": {
        "ja": "値の種類がちがいます（{expected}が必要です）。",
        "ja-Hira": "あたいの しゅるいが ちがうよ（{expected}が ひつようだよ）。",
        "en": "the value has the wrong type ({expected} expected).",
    },
    "reason_bad_value": {
        "ja": "値「{value}」は使えません。",
        "ja-Hira": "あたい「{value}」は つかえないよ。",
        "en": "the value '{value}' is not allowed.",
    },
    "reason_unknown_block": {
        "ja": "知らないブロック「{kind}」があります。",
        "ja-Hira": "しらない ブロック「{kind}」が あるよ。",
        "en": "there is a block of unknown kind '{kind}'.",
    },
    "reason_duplicate_id": {
        "ja": "ブロックの名前「{id}」が2回使われています。",
        "ja-Hira": "ブロックの なまえ「{id}」が 2かい つかわれているよ。",
        "en": "the block id '{id}' is used twice.",
    },
    "reason_bad_child": {
        "ja": "ブロック「{kind}」は「{parent}」の中に入れられません。",
        "ja-Hira": "ブロック「{kind}」は「{parent}」の なかに いれられないよ。",
        "en": "a '{kind}' block cannot be inside a '{parent}' block.",
    },
    "reason_out_of_range": {
        "ja": "値 {value} は {min} から {max} の間にしてください。",
        "ja-Hira": "あたい {value} は {min} から {max} の あいだに してね。",
        "en": "the value {value} must be between {min} and {max}.",
    },
    "reason_weights_shape": {
        "ja": "学習した重み「{name}」の形が合いません（{want} のはずが {got}）。",
        "ja-Hira": "がくしゅうした おもみ「{name}」の かたちが あわないよ（{want} の はずが {got}）。",
        "en": "the trained weights '{name}' have shape {got} where {want} is needed.",
    },
    "reason_not_rectangular": {
        "ja": "学習した重み「{name}」の行の長さがそろっていません。",
        "ja-Hira": "がくしゅうした おもみ「{name}」の ぎょうの ながさが そろっていないよ。",
        "en": "the rows of the trained weights '{name}' have different lengths.",
    },
    "reason_not_finite": {
        "ja": "数でない値（NaN や無限大）があります。",
        "ja-Hira": "かずで ない あたい（NaN や むげんだい）が あるよ。",
        "en": "there is a value that is not a number (NaN or infinity).",
    },
}


def msg(key: str, **params) -> Message:
    """A Message from this catalog (rendered with ui_text, since the runtime's catalog lacks it)."""
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in the blockbuilder catalog")
    return UIMessage(key, params)


class UIMessage(Message):
    """A Message whose text comes from the blockbuilder catalog."""

    def text(self, lang: str = "en") -> str:
        lang = lang if lang in LANGS else "en"
        params = {k: v.text(lang) if isinstance(v, Message) else v for k, v in self.params.items()}
        return CATALOG[self.key][lang].format(**params)


class UIProblem(Exception):
    """An error a person can act on, carrying a Message; the CLI and the window show its text."""

    def __init__(self, message: Message):
        super().__init__(message.text())
        self.message = message

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)
