"""The words of looking inside a neuron, the step-through, the charts, the digits views, merged into blockbuilder.messages.CATALOG."""
from __future__ import annotations


def T(ja: str, hira: str, en: str) -> dict[str, str]:
    return {"ja": ja, "ja-Hira": hira, "en": en}


# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
INSIGHT_TEXTS: dict[str, dict[str, str]] = {
    # --- inside one neuron: its sum with the real numbers -------------------------------
    "insight_neuron_title": T("層{layer}のニューロン{n}", "そう {layer}の ニューロン {n}", "neuron {n} of layer {layer}"),
    "insight_input": T("x{n}", "x{n}", "x{n}"),
    "insight_from_neuron": T("ニューロン{n}", "ニューロン {n}", "neuron {n}"),
    "insight_term": T("{name}  {x} × {w} = {p}", "{name}  {x} × {w} = {p}", "{name}  {x} × {w} = {p}"),
    "insight_more": T("… ほか{count}個 = {p}", "… ほか {count}こ = {p}", "… and {count} more = {p}"),
    "insight_bias": T("+ バイアス {b}", "+ バイアス {b}", "+ bias {b}"),
    "insight_sum": T("合計 = {s}", "ごうけい = {s}", "sum = {s}"),
    "insight_apply": T("{f}({s}) = {v}", "{f}({s}) = {v}", "{f}({s}) = {v}"),
    "insight_no_activation": T("活性化関数なし：値は {v}", "かっせいかかんすう なし：あたいは {v}",
                               "no activation: the value is {v}"),
    "insight_softmax": T("ソフトマックス：{count}個の中の割合 = {v}", "ソフトマックス：{count}この なかの わりあい = {v}",
                         "softmax: its share of all {count} = {v}"),
    "insight_answer_softmax": T("答え：ソフトマックスで{count}個の中の割合 = {v}",
                                "こたえ：ソフトマックスで {count}この なかの わりあい = {v}",
                                "answer: softmax share of all {count} = {v}"),
    "insight_answer_apply": T("答え：{f} → {v}", "こたえ：{f} → {v}", "answer: {f} → {v}"),
    "insight_pick": T("点を1つ選んで、ニューロンをクリックすると、中の計算が見られます。",
                      "てんを 1つ えらんで ニューロンを クリック すると、なかの けいさんが みられるよ。",
                      "Pick a point, then click a neuron to see its sum."),
    # --- the step-through ---------------------------------------------------------------
    "insight_next_step": T("次へ", "つぎへ", "next step"),
    "insight_prev_step": T("もどる", "もどる", "back"),
    "insight_step_of": T("ニューロン {i} / {count}", "ニューロン {i} / {count}", "neuron {i} of {count}"),
    "insight_step_done": T("全部のニューロンを計算しました。これで1回分の計算がおわりです。",
                           "ぜんぶの ニューロンを けいさん したよ。これで 1かいぶんの けいさんが おわりだよ。",
                           "Every neuron is done: that was one whole pass through the network."),
    # --- charts -------------------------------------------------------------------------
    "insight_epoch": T("エポック", "エポック", "epoch"),
    "insight_loss": T("誤差", "ごさ", "loss"),
    "insight_accuracy": T("正解率 %", "せいかいりつ %", "accuracy %"),
    "insight_train": T("学習データ", "がくしゅう データ", "train"),
    "insight_test": T("テストデータ", "テスト データ", "test"),
    "insight_chart_empty": T("学習を始めると、ここにグラフがかかれます。", "がくしゅうを はじめると、ここに グラフが でるよ。",
                             "Start training to see the chart here."),
    "insight_chart_clipped": T("大きすぎる誤差は上のはしにかいています。", "おおきすぎる ごさは うえの はしに かいているよ。",
                               "Losses too big to fit are drawn at the top edge."),
    # --- the digits views ---------------------------------------------------------------
    "insight_guess_title": T("テストの数字とネットワークの答え", "テストの すうじと ネットワークの こたえ",
                             "Test digits and the network's guesses"),
    "insight_the_guess": T("答え {guess}", "こたえ {guess}", "guess {guess}"),
    "insight_wrong": T("答え {guess}：まちがい（本当は {truth}）", "こたえ {guess}：まちがい（ほんとうは {truth}）",
                       "guess {guess}: wrong (it is {truth})"),
    "insight_wrong_count": T("{count}個中 {wrong}個まちがい", "{count}こ ちゅう {wrong}こ まちがい", "{wrong} of {count} wrong"),
    "insight_confusion_title": T("どの数字をどれとまちがえたか", "どの すうじを どれと まちがえたか",
                                 "Which digit was taken for which"),
    "insight_confusion_rows": T("たて：本当の数字", "たて：ほんとうの すうじ", "rows: the real digit"),
    "insight_confusion_columns": T("よこ：ネットワークの答え", "よこ：ネットワークの こたえ", "columns: the network's guess"),
    "insight_pad_hint": T("ここに数字をかいてね", "ここに すうじを かいてね", "draw a digit here"),
    "insight_pad_clear": T("消す", "けす", "clear"),
    "insight_pad_guess": T("{digit} かな？（{percent}%）", "{digit} かな？（{percent}%）", "Is it a {digit}? ({percent}%)"),
}
