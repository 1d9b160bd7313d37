"""The exporter's message catalog: names, custom blocks and comments inside the Scratch project,
and the sentences a person sees when an export cannot be made — in ja, ja-Hira and en.

The names of the input list, output list, forward broadcast and prediction variable are the
export contract (README, "Driving an exported project"): change them only with the README.
"""
from __future__ import annotations

from runtime import LANGS, Message

CATALOG: dict[str, dict[str, str]] = {
    # --- the contract ---------------------------------------------------------------------
    "name_input": {"ja": "入力", "ja-Hira": "にゅうりょく", "en": "input"},
    "name_output": {"ja": "出力", "ja-Hira": "しゅつりょく", "en": "output"},
    "name_forward": {"ja": "計算", "ja-Hira": "けいさん", "en": "forward"},
    "name_prediction": {"ja": "予測", "ja-Hira": "よそく", "en": "prediction"},
    "name_classes": {"ja": "なかまの名前", "ja-Hira": "なかまの なまえ", "en": "classes"},
    "name_confidence": {"ja": "自信", "ja-Hira": "じしん", "en": "confidence"},
    # --- lists and variables of the network ---------------------------------------------------
    "name_values": {"ja": "値", "ja-Hira": "あたい", "en": "values"},
    "name_new_values": {"ja": "新しい値", "ja-Hira": "あたらしい あたい", "en": "new values"},
    "name_weights": {"ja": "層{n}の重み", "ja-Hira": "そう{n}の おもみ", "en": "layer {n} weights"},
    "name_weights_part": {"ja": "層{n}の重み{p}", "ja-Hira": "そう{n}の おもみ{p}", "en": "layer {n} weights {p}"},
    "name_biases": {"ja": "層{n}のバイアス", "ja-Hira": "そう{n}の バイアス", "en": "layer {n} biases"},
    "name_bn_mean": {"ja": "層{n}の平均", "ja-Hira": "そう{n}の へいきん", "en": "layer {n} mean"},
    "name_bn_var": {"ja": "層{n}の分散", "ja-Hira": "そう{n}の ばらつき", "en": "layer {n} variance"},
    "name_bn_gamma": {"ja": "層{n}の倍率", "ja-Hira": "そう{n}の ばいりつ", "en": "layer {n} scale"},
    "name_bn_beta": {"ja": "層{n}のずらし", "ja-Hira": "そう{n}の ずらし", "en": "layer {n} shift"},
    "name_sum": {"ja": "合計", "ja-Hira": "ごうけい", "en": "sum"},
    "name_biggest": {"ja": "最大", "ja-Hira": "いちばん おおきい", "en": "biggest"},
    "name_e": {"ja": "e", "ja-Hira": "e", "en": "e"},
    "name_sine": {"ja": "sinの答え", "ja-Hira": "sinの こたえ", "en": "sine"},
    "name_term": {"ja": "項", "ja-Hira": "こう", "en": "term"},
    "name_angle": {"ja": "角", "ja-Hira": "かく", "en": "angle"},
    "name_network_sprite": {"ja": "ネットワーク", "ja-Hira": "ネットワーク", "en": "network"},
    # --- custom blocks (one %s per argument) ------------------------------------------------
    "proc_forward": {"ja": "ネットワークを計算する", "ja-Hira": "ネットワークを けいさんする",
                     "en": "run the network"},
    "proc_features": {"ja": "入力から特徴を作る", "ja-Hira": "にゅうりょくから とくちょうを つくる",
                      "en": "make features from the input"},
    "proc_inputs": {"ja": "入力を値にうつす", "ja-Hira": "にゅうりょくを あたいに うつす",
                    "en": "copy the input to the values"},
    "proc_sine": {"ja": "sin %s ラジアン", "ja-Hira": "sin %s ラジアン", "en": "sin of %s radians"},
    "proc_dense": {"ja": "層{n}：入力{i}個 → ニューロン{o}個", "ja-Hira": "そう{n}：にゅうりょく{i}こ → ニューロン{o}こ",
                   "en": "layer {n}: {i} inputs → {o} neurons"},
    "proc_batchnorm": {"ja": "層{n}：バッチ正規化", "ja-Hira": "そう{n}：バッチ せいきか",
                       "en": "layer {n}: batch normalization"},
    "proc_act": {"ja": "{name} %s 番目から %s 番目まで", "ja-Hira": "{name} %s ばんめから %s ばんめまで",
                 "en": "{name} from %s to %s"},
    "proc_softmax": {"ja": "ソフトマックス", "ja-Hira": "ソフトマックス", "en": "softmax"},
    "arg_x": {"ja": "x", "ja-Hira": "x", "en": "x"},
    "arg_from": {"ja": "はじめ", "ja-Hira": "はじめ", "en": "first"},
    "arg_to": {"ja": "おわり", "ja-Hira": "おわり", "en": "last"},
    "act_relu": {"ja": "ReLU", "ja-Hira": "ReLU", "en": "ReLU"},
    "act_leaky_relu": {"ja": "リーキーReLU", "ja-Hira": "リーキーReLU", "en": "leaky ReLU"},
    "act_sigmoid": {"ja": "シグモイド", "ja-Hira": "シグモイド", "en": "sigmoid"},
    "act_tanh": {"ja": "tanh", "ja-Hira": "tanh", "en": "tanh"},
    "act_step": {"ja": "ステップ", "ja-Hira": "ステップ", "en": "step"},
    # --- comments on the scripts ---------------------------------------------------------------
    "comment_forward": {
        "ja": "「{forward}」を受け取ると、ネットワークが1回計算します：リスト「{input}」の数から、"
              "層を1つずつ通って、答えをリスト「{output}」に入れ、変数「{prediction}」に予測を入れます。",
        "ja-Hira": "「{forward}」を うけとると、ネットワークが 1かい けいさんするよ：リスト「{input}」の かずから、"
                   "そうを 1つずつ とおって、こたえを リスト「{output}」に いれて、へんすう「{prediction}」に よそくを いれるよ。",
        "en": "When it receives \"{forward}\", the network computes once: it takes the numbers in the list "
              "\"{input}\", passes them through the layers one by one, puts the answer in the list \"{output}\" "
              "and the guess in the variable \"{prediction}\".",
    },
    "comment_run": {
        "ja": "ネットワーク全体：層を上から順に計算します。「画面を再描画せずに実行する」なので一瞬で終わります。",
        "ja-Hira": "ネットワーク ぜんぶ：そうを うえから じゅんばんに けいさんするよ。"
                   "「がめんを さいびょうがせずに じっこうする」なので いっしゅんで おわるよ。",
        "en": "The whole network: the layers are computed from top to bottom. It runs without screen refresh, "
              "so it finishes in an instant.",
    },
    "comment_dense": {
        "ja": "層{n}：{o}個のニューロンが、それぞれ{i}個の値に自分の重みをかけて足し、最後にバイアスを足します。"
              "重みはリスト「{weights}」に、ニューロン1の{i}個、ニューロン2の{i}個…の順に入っています。"
              "速くするため、4個のニューロンを並べて計算します：値 x を1回読んで、4個それぞれの重み"
              "（リストの中で{i}個ずつはなれています）をかけ、「合計 1」〜「合計 4」に足します。"
              "答えは「{new}」にたまり、最後に「{values}」にうつします。",
        "ja-Hira": "そう{n}：{o}この ニューロンが、それぞれ {i}この あたいに じぶんの おもみを かけて たして、"
                   "さいごに バイアスを たすよ。おもみは リスト「{weights}」に、ニューロン1の {i}こ、ニューロン2の {i}こ… の"
                   " じゅんばんで はいっているよ。はやく するために、4この ニューロンを ならべて けいさんするよ："
                   "あたい x を 1かい よんで、4こ それぞれの おもみ（リストの なかで {i}こずつ はなれているよ）を かけて、"
                   "「ごうけい 1」〜「ごうけい 4」に たすよ。こたえは「{new}」に たまって、さいごに「{values}」に うつすよ。",
        "en": "Layer {n}: each of its {o} neurons multiplies the {i} values by its own weights, adds them up, "
              "then adds its bias. The list \"{weights}\" holds neuron 1's {i} weights, then neuron 2's, and so on. "
              "To be quick, four neurons work side by side: each value x is read once and multiplied by each of the "
              "four neurons' weights ({i} items apart in the list), adding into \"sum 1\" to \"sum 4\". "
              "The answers collect in \"{new}\" and then become the \"{values}\".",
    },
    "comment_batchnorm": {
        "ja": "層{n}：それぞれの値から平均を引き、ばらつき（分散）の平方根で割ってから、倍率をかけてずらします。",
        "ja-Hira": "そう{n}：それぞれの あたいから へいきんを ひいて、ばらつきの へいほうこんで わってから、"
                   "ばいりつを かけて ずらすよ。",
        "en": "Layer {n}: from each value take away the mean, divide by the square root of the variance, "
              "then multiply by the scale and add the shift.",
    },
    "comment_relu": {"ja": "ReLU：マイナスの値を0にします。", "ja-Hira": "ReLU：マイナスの あたいを 0に するよ。",
                     "en": "ReLU: a negative value becomes 0."},
    "comment_leaky_relu": {"ja": "リーキーReLU：マイナスの値を0.01倍にします。",
                           "ja-Hira": "リーキーReLU：マイナスの あたいを 0.01ばいに するよ。",
                           "en": "Leaky ReLU: a negative value is multiplied by 0.01."},
    "comment_step": {"ja": "ステップ：0より大きければ1、そうでなければ0。",
                     "ja-Hira": "ステップ：0より おおきければ 1、そうで なければ 0。",
                     "en": "Step: 1 if the value is more than 0, otherwise 0."},
    "comment_sigmoid": {
        "ja": "シグモイド：1 ÷ (1 + e^(−x))。とても大きな数でも e ^ があふれないよう、e ^ (−|x|) だけを使います。",
        "ja-Hira": "シグモイド：1 ÷ (1 + e^(−x))。とても おおきな かずでも e ^ が あふれないように、"
                   "e ^ (−|x|) だけを つかうよ。",
        "en": "Sigmoid: 1 / (1 + e^(−x)). It only uses e ^ (−|x|), which never overflows, even for huge x.",
    },
    "comment_tanh": {
        "ja": "tanh：(1 − e^(−2|x|)) ÷ (1 + e^(−2|x|)) に x の符号をつけます。e ^ があふれない形です。",
        "ja-Hira": "tanh：(1 − e^(−2|x|)) ÷ (1 + e^(−2|x|)) に x の プラス・マイナスを つけるよ。e ^ が あふれない かたちだよ。",
        "en": "tanh: (1 − e^(−2|x|)) / (1 + e^(−2|x|)) with the sign of x, a form where e ^ never overflows.",
    },
    "comment_softmax": {
        "ja": "ソフトマックス：いちばん大きな値を引いてから e ^ をとり（あふれないため）、合計で割ります。"
              "答えは全部足すと1になり、それぞれの答えの確率になります。",
        "ja-Hira": "ソフトマックス：いちばん おおきな あたいを ひいてから e ^ を とって（あふれないように）、"
                   "ごうけいで わるよ。ぜんぶ たすと 1に なって、それぞれの こたえの かくりつに なるよ。",
        "en": "Softmax: subtract the biggest value, take e ^ (so nothing overflows), and divide by the total. "
              "The answers add up to 1: how likely each class is.",
    },
    "comment_features": {
        "ja": "入力の x1, x2 から、ネットワークが見る特徴（{features}）を作ります。",
        "ja-Hira": "にゅうりょくの x1, x2 から、ネットワークが みる とくちょう（{features}）を つくるよ。",
        "en": "From the inputs x1 and x2, make the features the network looks at ({features}).",
    },
    "comment_sine": {
        "ja": "Scratch の sin は度（°）を使い、小数10けたで丸めます。ここではラジアンのまま "
              "x − x³/3! + x⁵/5! − … を足して、正確な sin を計算します。",
        "ja-Hira": "Scratch の sin は ど（°）を つかって、しょうすう 10けたで まるめるよ。ここでは ラジアンの まま "
                   "x − x³/3! + x⁵/5! − … を たして、せいかくな sin を けいさんするよ。",
        "en": "Scratch's sin uses degrees and rounds to 10 decimal places. This block works in radians and adds up "
              "x − x³/3! + x⁵/5! − … to get sin exactly.",
    },
    "comment_inputs": {
        "ja": "入力をそのまま最初の値にします。", "ja-Hira": "にゅうりょくを そのまま さいしょの あたいに するよ。",
        "en": "The inputs are the first values, as they are.",
    },
    "comment_predict_classify": {
        "ja": "いちばん大きな答えの番号のなかまを「{prediction}」に、その確率を「{confidence}」に入れます。",
        "ja-Hira": "いちばん おおきな こたえの なかまを「{prediction}」に、その かくりつを「{confidence}」に いれるよ。",
        "en": "The class with the biggest answer goes into \"{prediction}\", its probability into \"{confidence}\".",
    },
    "comment_predict_yes_no": {
        "ja": "答えが0.5より大きければ「{prediction}」は1（はい）、そうでなければ0（いいえ）。",
        "ja-Hira": "こたえが 0.5より おおきければ「{prediction}」は 1（はい）、そうで なければ 0（いいえ）。",
        "en": "If the answer is more than 0.5, \"{prediction}\" is 1 (yes), otherwise 0 (no).",
    },
    "comment_predict_regress": {
        "ja": "回帰：1つ目の答えがそのまま「{prediction}」になります。",
        "ja-Hira": "かずを あてる：1つめの こたえが そのまま「{prediction}」に なるよ。",
        "en": "Regression: the first answer is the \"{prediction}\".",
    },
    # --- errors and reports ---------------------------------------------------------------------
    "too_big": {
        "ja": "このネットワークは大きすぎて Scratch に保存できません（{mb} MB、上限は {limit_mb} MB）。"
              "重みを{digits}けたに丸めると入ります（出力の差は最大 {diff}）。",
        "ja-Hira": "この ネットワークは おおきすぎて Scratch に ほぞん できないよ（{mb} MB、じょうげんは {limit_mb} MB）。"
                   "おもみを {digits}けたに まるめると はいるよ（こたえの ちがいは さいだい {diff}）。",
        "en": "This network is too big for Scratch ({mb} MB; the limit is {limit_mb} MB). Rounding the weights to "
              "{digits} significant digits makes it fit (the outputs change by at most {diff}).",
    },
    "too_big_always": {
        "ja": "このネットワークは大きすぎて、重みを丸めても Scratch に入りません（{mb} MB、上限は {limit_mb} MB）。"
              "ニューロンを減らしてください。",
        "ja-Hira": "この ネットワークは おおきすぎて、おもみを まるめても Scratch に はいらないよ"
                   "（{mb} MB、じょうげんは {limit_mb} MB）。ニューロンを へらしてね。",
        "en": "This network is too big for Scratch even with rounded weights ({mb} MB; the limit is {limit_mb} MB). "
              "Use fewer neurons.",
    },
    "not_finite": {
        "ja": "重みに数でない値（NaN や無限大）があります。学習率を小さくして、もう一度学習してください。",
        "ja-Hira": "おもみに かずで ない あたい（NaN や むげんだい）が あるよ。がくしゅうりつを ちいさくして、"
                   "もういちど がくしゅう してね。",
        "en": "Some weights are not numbers (NaN or infinity). Train again with a smaller learning rate.",
    },
    "bad_params": {
        "ja": "学習した重みの形がネットワークと合いません。もう一度学習してください。",
        "ja-Hira": "がくしゅうした おもみの かたちが ネットワークと あわないよ。もういちど がくしゅう してね。",
        "en": "The trained weights do not match the network's shape. Train it again.",
    },
}


class ExportMessage(Message):
    """A Message whose text comes from the exporter's catalog."""

    catalog = CATALOG


def msg(key: str, **params) -> ExportMessage:
    if key not in CATALOG:
        raise KeyError(f"no message {key!r} in the exporter's catalog")
    return ExportMessage(key, params)


def text(key: str, lang: str, **params) -> str:
    return msg(key, **params).text(lang)


__all__ = ["CATALOG", "LANGS", "ExportMessage", "msg", "text"]

# The stage toys' names, labels and comments live beside them; they are part of this one catalog.
from .toy_texts import TOY_TEXTS  # noqa: E402

CATALOG.update(TOY_TEXTS)
from .learn_texts import LEARN_TEXTS  # noqa: E402  (the learning scripts' texts, "learn_" keys)

CATALOG.update(LEARN_TEXTS)
