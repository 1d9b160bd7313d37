"""The runtime's message catalog: every sentence it may show a person, in ja, ja-Hira and en."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

LANGS = ("ja", "ja-Hira", "en")
DEFAULT_LANG = "en"

# key -> {lang: template}. Templates use str.format fields; every language has the same fields.
CATALOG: dict[str, dict[str, str]] = {
    # --- network spec -------------------------------------------------------------
    "spec_units": {
        "ja": "{where}のニューロンの数は1以上にしてください（いまは{value}）。",
        "ja-Hira": "{where}の ニューロンの かずは 1いじょうに してね（いまは {value}）。",
        "en": "{where} needs at least 1 neuron (it has {value}).",
    },
    "spec_bad_activation": {
        "ja": "{where}の活性化関数「{value}」はありません。使えるのは {choices} です。",
        "ja-Hira": "{where}の かっせいかかんすう「{value}」は ないよ。つかえるのは {choices} だよ。",
        "en": "{where} has an activation '{value}' that does not exist; use one of {choices}.",
    },
    "spec_bad_choice": {
        "ja": "{where}：「{field}」に「{value}」は選べません。使えるのは {choices} です。",
        "ja-Hira": "{where}：「{field}」に「{value}」は えらべないよ。つかえるのは {choices} だよ。",
        "en": "{where}: {field} cannot be '{value}'; use one of {choices}.",
    },
    "spec_bad_value": {
        "ja": "{where}：「{field}」に「{value}」は使えません。",
        "ja-Hira": "{where}：「{field}」に「{value}」は つかえないよ。",
        "en": "{where}: {field} cannot be '{value}'.",
    },
    "spec_not_number": {
        "ja": "{where}：「{field}」は数にしてください（いまは「{value}」）。",
        "ja-Hira": "{where}：「{field}」は かずに してね（いまは「{value}」）。",
        "en": "{where}: {field} must be a number, not '{value}'.",
    },
    "spec_above": {
        "ja": "{where}：「{field}」は{limit}より大きくしてください（いまは{value}）。",
        "ja-Hira": "{where}：「{field}」は {limit}より おおきく してね（いまは {value}）。",
        "en": "{where}: {field} must be more than {limit} (it is {value}).",
    },
    "spec_at_least": {
        "ja": "{where}：「{field}」は{limit}以上にしてください（いまは{value}）。",
        "ja-Hira": "{where}：「{field}」は {limit}いじょうに してね（いまは {value}）。",
        "en": "{where}: {field} must be at least {limit} (it is {value}).",
    },
    "spec_below": {
        "ja": "{where}：「{field}」は{limit}より小さくしてください（いまは{value}）。",
        "ja-Hira": "{where}：「{field}」は {limit}より ちいさく してね（いまは {value}）。",
        "en": "{where}: {field} must be less than {limit} (it is {value}).",
    },
    "spec_at_most": {
        "ja": "{where}：「{field}」は{limit}以下にしてください（いまは{value}）。",
        "ja-Hira": "{where}：「{field}」は {limit}いかに してね（いまは {value}）。",
        "en": "{where}: {field} must be at most {limit} (it is {value}).",
    },
    "spec_bad_layer_kind": {
        "ja": "{where}の種類「{value}」はありません。使えるのは {choices} です。",
        "ja-Hira": "{where}の しゅるい「{value}」は ないよ。つかえるのは {choices} だよ。",
        "en": "{where} is of a kind '{value}' that does not exist; use one of {choices}.",
    },
    "spec_not_json": {
        "ja": "ネットワークの説明が JSON として読めません（{detail}）。",
        "ja-Hira": "ネットワークの せつめいが JSON として よめないよ（{detail}）。",
        "en": "The network description is not readable JSON ({detail}).",
    },
    "spec_unknown_field": {
        "ja": "{where}に知らない項目「{value}」があります。",
        "ja-Hira": "{where}に しらない こうもく「{value}」が あるよ。",
        "en": "{where} has an unknown setting '{value}'.",
    },
    "spec_missing_field": {
        "ja": "{where}に必要な項目「{value}」がありません。",
        "ja-Hira": "{where}に ひつような こうもく「{value}」が ないよ。",
        "en": "{where} is missing the setting '{value}'.",
    },
    "spec_activation_count": {
        "ja": "{where}にはニューロンが{units}個ありますが、活性化関数が{count}個あります。同じ数にしてください。",
        "ja-Hira": "{where}には ニューロンが {units}こ あるけど、かっせいかかんすうが {count}こ あるよ。おなじ かずに してね。",
        "en": "{where} has {units} neurons but {count} activations; give one activation per neuron.",
    },
    "spec_softmax_middle": {
        "ja": "{where}のソフトマックスは最後にしか使えません。出力の「分類」ブロックがソフトマックスをしてくれます。",
        "ja-Hira": "{where}の ソフトマックスは さいごに しか つかえないよ。でぐちの「わける」ブロックが ソフトマックスを してくれるよ。",
        "en": "{where} uses softmax, which only works at the very end; the 'classify' output already does softmax for you.",
    },
    "spec_softmax_mixed": {
        "ja": "{where}でソフトマックスは1つのニューロンだけには使えません。層のすべてのニューロンで使ってください。",
        "ja-Hira": "{where}で ソフトマックスは 1つの ニューロンだけには つかえないよ。そうの ぜんぶの ニューロンで つかってね。",
        "en": "{where} gives softmax to only some neurons; softmax works on a whole layer at once.",
    },
    "spec_hand_set_count": {
        "ja": "{where}の{neuron}番目のニューロンには重みが{want}個必要ですが、{got}個あります。",
        "ja-Hira": "{where}の {neuron}ばんめの ニューロンには おもみが {want}こ いるけど、{got}こ あるよ。",
        "en": "Neuron {neuron} of {where} needs {want} weights but has {got}.",
    },
    "spec_hand_set_length": {
        "ja": "{where}にはニューロンが{units}個ありますが、手で決めた値が{count}個分あります。",
        "ja-Hira": "{where}には ニューロンが {units}こ あるけど、てで きめた あたいが {count}こぶん あるよ。",
        "en": "{where} has {units} neurons but hand-set values for {count}.",
    },
    "spec_not_finite": {
        "ja": "{where}の手で決めた値に数でないもの（NaN や無限大）があります。",
        "ja-Hira": "{where}の てで きめた あたいに かずで ないもの（NaN や むげんだい）が あるよ。",
        "en": "{where} has a hand-set value that is not a number (NaN or infinity).",
    },
    "spec_output_units": {
        "ja": "最後の層はニューロンが{got}個ですが、出力には{want}個必要です。",
        "ja-Hira": "さいごの そうは ニューロンが {got}こ だけど、でぐちには {want}こ ひつようだよ。",
        "en": "The last layer has {got} neurons but the output needs {want}.",
    },
    "spec_yes_no_units": {
        "ja": "「はい/いいえ」の出力はニューロン1個で答えます（いまは{value}個）。",
        "ja-Hira": "「はい/いいえ」の でぐちは ニューロン 1こで こたえるよ（いまは {value}こ）。",
        "en": "A yes/no output answers with 1 neuron (it has {value}).",
    },
    "spec_classes": {
        "ja": "分類には2つ以上のクラスが必要です（いまは{value}）。",
        "ja-Hira": "わけるには 2つ いじょうの なかまが ひつようだよ（いまは {value}）。",
        "en": "Classifying needs at least 2 classes (it has {value}).",
    },
    "spec_features_need_two": {
        "ja": "x1² や sin x1 などの特徴は、入力が2つのデータでしか使えません（いまは{value}個）。",
        "ja-Hira": "x1² や sin x1 などの とくちょうは、にゅうりょくが 2つの データでしか つかえないよ（いまは {value}こ）。",
        "en": "Features like x1² and sin x1 only work with 2 inputs (this data has {value}).",
    },
    "spec_features_empty": {
        "ja": "入力の特徴を1つ以上選んでください。",
        "ja-Hira": "にゅうりょくの とくちょうを 1つ いじょう えらんでね。",
        "en": "Choose at least one input feature.",
    },
    "spec_features_repeated": {
        "ja": "入力の特徴「{value}」が2回選ばれています。",
        "ja-Hira": "にゅうりょくの とくちょう「{value}」が 2かい えらばれているよ。",
        "en": "The input feature '{value}' is chosen twice.",
    },
    "spec_step_not_frozen": {
        "ja": "{where}のステップ関数は勾配で学習できません。重みを手で決めて固定するか、シグモイドにしてください。",
        "ja-Hira": "{where}の ステップかんすうは こうばいで がくしゅう できないよ。おもみを てで きめて ロックするか、シグモイドに してね。",
        "en": "{where} uses step, which cannot learn by gradient; set its weights by hand and lock them, or use sigmoid.",
    },
    "spec_step_blocks_learning": {
        "ja": "{where}はステップ関数の前にあるので学習できません。前の層の重みを固定するか、ステップ関数をシグモイドにしてください。",
        "ja-Hira": "{where}は ステップかんすうの まえに あるので がくしゅう できないよ。まえの そうの おもみを ロックするか、ステップかんすうを シグモイドに してね。",
        "en": "{where} sits before a step activation, so it cannot learn; lock its weights or change the step to sigmoid.",
    },
    "spec_step_classify": {
        "ja": "ステップ関数の出力は「はい/いいえ」でしか使えません。最後の活性化関数を変えてください。",
        "ja-Hira": "ステップかんすうの でぐちは「はい/いいえ」でしか つかえないよ。さいごの かっせいかかんすうを かえてね。",
        "en": "A step at the very end only works with a yes/no output; change the last activation.",
    },
    "spec_nothing_to_learn": {
        "ja": "すべての重みが固定されているので、学習するものがありません。そのまま動かせます。",
        "ja-Hira": "おもみが ぜんぶ ロックされているので、がくしゅう するものが ないよ。そのまま うごかせるよ。",
        "en": "Every weight is locked, so there is nothing to learn; the network can run as it is.",
    },
    "where_layer": {
        "ja": "{index}番目の層",
        "ja-Hira": "{index}ばんめの そう",
        "en": "Layer {index}",
    },
    "where_input": {"ja": "入力", "ja-Hira": "にゅうりょく", "en": "The input"},
    "where_output": {"ja": "出力", "ja-Hira": "でぐち", "en": "The output"},
    "where_training": {"ja": "学習の設定", "ja-Hira": "がくしゅうの せってい", "en": "The training settings"},
    "where_network": {"ja": "ネットワーク", "ja-Hira": "ネットワーク", "en": "The network"},
    # --- training -----------------------------------------------------------------
    "diverged_lr": {
        "ja": "学習率が大きすぎて、計算がこわれました（{what}）。学習率を小さくしてもう一度試してください。重みはこわれる前にもどしました。",
        "ja-Hira": "がくしゅうりつが おおきすぎて、けいさんが こわれちゃった（{what}）。がくしゅうりつを ちいさく して もういちど やってみてね。おもみは こわれる まえに もどしたよ。",
        "en": "The learning rate is too big and the numbers blew up ({what}); try a smaller one. The weights were put back to before it broke.",
    },
    "diverged_loss": {"ja": "誤差が無限大", "ja-Hira": "ごさが むげんだい", "en": "the loss became infinite"},
    "diverged_nan": {"ja": "誤差が数でない", "ja-Hira": "ごさが かずで ない", "en": "the loss became NaN"},
    "diverged_params": {"ja": "重みが無限大", "ja-Hira": "おもみが むげんだい", "en": "a weight became infinite"},
    "trained_epochs": {
        "ja": "{epochs}エポック学習しました。",
        "ja-Hira": "{epochs}エポック がくしゅう したよ。",
        "en": "Trained for {epochs} epochs.",
    },
    "data_mismatch": {
        "ja": "データの入力は{got}個ですが、ネットワークは{want}個を受け取ります。",
        "ja-Hira": "データの にゅうりょくは {got}こ だけど、ネットワークは {want}こ うけとるよ。",
        "en": "The data has {got} inputs but the network takes {want}.",
    },
    "data_output_mismatch": {
        "ja": "データは{data}ですが、ネットワークの出力は{output}です。",
        "ja-Hira": "データは {data} だけど、ネットワークの でぐちは {output} だよ。",
        "en": "The data is for {data} but the network's output is {output}.",
    },
    "kind_classify": {"ja": "分類", "ja-Hira": "わける", "en": "classifying"},
    "kind_yes_no": {"ja": "はい/いいえ", "ja-Hira": "はい/いいえ", "en": "yes/no"},
    "kind_regress": {"ja": "数の予測", "ja-Hira": "かずの よそう", "en": "predicting a number"},
    "data_classes": {
        "ja": "データには{got}種類のラベルがありますが、出力は{want}クラスです。",
        "ja-Hira": "データには {got}しゅるいの ラベルが あるけど、でぐちは {want}しゅるい だよ。",
        "en": "The data has {got} kinds of label but the output has {want} classes.",
    },
    "data_too_small": {
        "ja": "学習用のデータがありません。テストの割合を小さくするか、点を増やしてください。",
        "ja-Hira": "がくしゅうようの データが ないよ。テストの わりあいを ちいさく するか、てんを ふやしてね。",
        "en": "There is no training data left; lower the test ratio or add points.",
    },
    "params_shape": {
        "ja": "{where}の重み「{name}」の形が合いません（{want} のはずが {got}）。",
        "ja-Hira": "{where}の おもみ「{name}」の かたちが あわないよ（{want} の はずが {got}）。",
        "en": "{where} has weights '{name}' of shape {got} where {want} is needed.",
    },
    "params_missing": {
        "ja": "{where}の重み「{name}」がありません。",
        "ja-Hira": "{where}の おもみ「{name}」が ないよ。",
        "en": "{where} is missing its weights '{name}'.",
    },
    "params_count": {
        "ja": "保存された重みは{got}層分ですが、ネットワークは{want}層です。",
        "ja-Hira": "ほぞんされた おもみは {got}そうぶん だけど、ネットワークは {want}そう だよ。",
        "en": "The saved weights are for {got} layers but the network has {want}.",
    },
    # --- datasets -----------------------------------------------------------------
    "csv_not_found": {
        "ja": "ファイル {file} が見つかりません。",
        "ja-Hira": "ファイル {file} が みつからないよ。",
        "en": "The file {file} does not exist.",
    },
    "csv_unreadable": {
        "ja": "ファイル {file} は文字のCSVファイルではないので読めません。",
        "ja-Hira": "ファイル {file} は もじの CSVファイルで ないので よめないよ。",
        "en": "The file {file} cannot be read: it is not a text CSV file.",
    },
    "csv_empty": {
        "ja": "ファイル {file} は空です。",
        "ja-Hira": "ファイル {file} は からっぽ だよ。",
        "en": "The file {file} is empty.",
    },
    "csv_no_rows": {
        "ja": "ファイル {file} には見出しの行しかありません。データの行を加えてください。",
        "ja-Hira": "ファイル {file} には みだしの ぎょうしか ないよ。データの ぎょうを くわえてね。",
        "en": "The file {file} has a header but no data rows.",
    },
    "csv_too_few_columns": {
        "ja": "ファイル {file} には数の列とラベルの列が少なくとも1つずつ必要です。",
        "ja-Hira": "ファイル {file} には かずの れつと ラベルの れつが すくなくとも 1つずつ ひつようだよ。",
        "en": "The file {file} needs at least one number column and a label column.",
    },
    "csv_no_label_column": {
        "ja": "ファイル {file} に「{column}」という列がありません。",
        "ja-Hira": "ファイル {file} に「{column}」という れつが ないよ。",
        "en": "The file {file} has no column called '{column}'.",
    },
    "csv_ragged": {
        "ja": "ファイル {file} の{row}行目は値が{got}個ですが、見出しは{want}個です。",
        "ja-Hira": "ファイル {file} の {row}ぎょうめは あたいが {got}こ だけど、みだしは {want}こ だよ。",
        "en": "Row {row} of {file} has {got} values but the header has {want}.",
    },
    "csv_missing": {
        "ja": "ファイル {file} の{row}行目の「{column}」の列に値がありません。",
        "ja-Hira": "ファイル {file} の {row}ぎょうめの「{column}」の れつに あたいが ないよ。",
        "en": "Row {row} of {file} has no value in column '{column}'.",
    },
    "csv_text": {
        "ja": "ファイル {file} の{row}行目の「{column}」の列は「{value}」ですが、数にしてください。",
        "ja-Hira": "ファイル {file} の {row}ぎょうめの「{column}」の れつは「{value}」だけど、かずに してね。",
        "en": "Row {row} of {file} has '{value}' in column '{column}', which should be a number.",
    },
    "csv_one_class": {
        "ja": "ファイル {file} のラベルはすべて「{label}」です。見分けるには2種類以上のラベルが必要です。",
        "ja-Hira": "ファイル {file} の ラベルは ぜんぶ「{label}」だよ。みわけるには 2しゅるい いじょうの ラベルが ひつようだよ。",
        "en": "Every row of {file} has the label '{label}'; a network needs at least two kinds to tell apart.",
    },
    "csv_too_big": {
        "ja": "ファイル {file} は大きすぎます（{size} MB）。{limit} MB 以下にしてください。",
        "ja-Hira": "ファイル {file} は おおきすぎるよ（{size} MB）。{limit} MB いかに してね。",
        "en": "The file {file} is too big ({size} MB); keep it under {limit} MB.",
    },
    "points_empty": {
        "ja": "まず点をかいてください。",
        "ja-Hira": "まず てんを かいてね。",
        "en": "Draw some points first.",
    },
    "points_one_class": {
        "ja": "2つ以上の色の点をかいてください。",
        "ja-Hira": "2つ いじょうの いろの てんを かいてね。",
        "en": "Draw points in at least two colours.",
    },
    "points_bad": {
        "ja": "{index}番目の点が正しくありません（x, y, 色 が必要です）。",
        "ja-Hira": "{index}ばんめの てんが ただしくないよ（x, y, いろ が ひつようだよ）。",
        "en": "Point {index} is not right; each point needs x, y and a colour.",
    },
    "dataset_unknown": {
        "ja": "「{value}」というデータはありません。使えるのは {choices} です。",
        "ja-Hira": "「{value}」という データは ないよ。つかえるのは {choices} だよ。",
        "en": "There is no dataset called '{value}'; use one of {choices}.",
    },
}


@dataclass(frozen=True)
class Message:
    """A catalog key with its parameters; turned into text only when shown."""

    key: str
    params: dict = field(default_factory=dict)
    catalog: ClassVar[dict[str, dict[str, str]]] = CATALOG  # a package's own catalog, in a subclass

    def text(self, lang: str = DEFAULT_LANG) -> str:
        lang = lang if lang in LANGS else DEFAULT_LANG
        params = {k: v.text(lang) if isinstance(v, Message) else plain_number(v) if isinstance(v, float) else v
                  for k, v in self.params.items()}
        return self.catalog[self.key][lang].format(**params)

    def texts(self) -> dict[str, str]:
        return {lang: self.text(lang) for lang in LANGS}

    def __str__(self) -> str:
        return self.text()


# Plain decimals between these sizes; numbers no one types (1e-300) keep Python's short form.
PLAIN_RANGE = (1e-12, 1e15)


def plain_number(v, significant: int | None = None, grouped: bool = False) -> str:
    """A number as a person reads it: 3 not 3.0, 0.00001 not 1e-05, 1,000,000 when `grouped`; every digit
    that reads back the same number, or `significant` digits. Anything that is not a number as str()."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}" if grouped else str(v)
    if not math.isfinite(v):
        return str(v)
    text = repr(v) if significant is None else f"{v:.{significant}g}"   # repr: the shortest exact text
    if float(text) == 0:
        return "0"
    if not PLAIN_RANGE[0] <= abs(float(text)) < PLAIN_RANGE[1]:
        return text
    return format(Decimal(text).normalize(), ",f" if grouped else "f")


def msg(key: str, **params) -> Message:
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in the runtime catalog")
    return Message(key, params)


class RuntimeProblem(Exception):
    """An error a person can act on: it carries a Message, never a traceback for the UI."""

    def __init__(self, message: Message):
        super().__init__(message.text())
        self.message = message

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return self.message.text(lang)
