"""The words of the training controls on the stage (play, pause, step, reset, speed, epochs), the stage's
tabs, and what training says; merged into blockbuilder.messages.CATALOG."""
from __future__ import annotations


def T(ja: str, hira: str, en: str) -> dict[str, str]:
    return {"ja": ja, "ja-Hira": hira, "en": en}


# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
LAB_TEXTS: dict[str, dict[str, str]] = {
    # --- the controls -------------------------------------------------------------------
    "lab_play": T("▶ 学習", "▶ がくしゅう", "▶ Train"),
    "lab_pause": T("■ 止める", "■ とめる", "■ Pause"),
    "lab_step": T("1歩", "1ぽ", "Step"),
    "lab_step_epoch": T("1周", "1しゅう", "Epoch"),
    "lab_reset": T("やり直す", "やりなおす", "Reset"),
    "lab_speed": T("速さ：{speed}", "はやさ：{speed}", "Speed: {speed}"),
    "lab_speed_slow": T("ゆっくり", "ゆっくり", "slow"),
    "lab_speed_normal": T("ふつう", "ふつう", "normal"),
    "lab_speed_fast": T("速い", "はやい", "fast"),
    "lab_big": T("大きく", "おおきく", "Bigger"),
    "lab_small": T("小さく", "ちいさく", "Smaller"),
    "lab_export": T("Scratchに書き出す", "Scratchに かきだす", "Export to Scratch"),
    "lab_epoch": T("エポック {epoch} / {epochs}", "エポック {epoch} / {epochs}", "Epoch {epoch} / {epochs}"),
    "lab_loss": T("誤差 {loss}", "ごさ {loss}", "loss {loss}"),
    "lab_accuracy": T("正解率 {percent}%", "せいかいりつ {percent}%", "accuracy {percent}%"),
    "lab_test_toggle": T("テストの点", "テストの てん", "Test points"),
    # --- the stage's tabs ----------------------------------------------------------------
    "tab_data": T("データ", "データ", "Data"),
    "tab_network": T("ネットワーク", "ネットワーク", "Network"),
    "tab_charts": T("グラフ", "グラフ", "Charts"),
    "tab_digits": T("数字", "すうじ", "Digits"),
    # --- what training says ----------------------------------------------------------------
    "lab_stopped_for_edit": T("ネットワークを変えたので、学習を止めました。▶ でもう一度学習できます。",
                              "ネットワークを かえたので、がくしゅうを とめたよ。▶ で もういちど がくしゅう できるよ。",
                              "You changed the network, so training stopped. Press ▶ to train it again."),
    "lab_fix_first": T("赤い印のブロックを直すと ▶ で学習できます（あと{count}か所）。",
                       "あかい しるしの ブロックを なおすと ▶ で がくしゅう できるよ（あと {count}かしょ）。",
                       "Fix the blocks marked in red, then press ▶ to train ({count} to fix)."),
    "lab_nothing_to_learn": T("このネットワークは重みが全部固定なので、学習することはありません。",
                              "この ネットワークは おもみが ぜんぶ ロック されているので、がくしゅう する ことは ないよ。",
                              "Every weight of this network is locked, so there is nothing to learn."),
    "lab_train_first": T("まだ学習していません。▶ で学習してから書き出してください。",
                          "まだ がくしゅう して いないよ。▶ で がくしゅう してから かきだしてね。",
                          "It has not learned yet: press ▶ to train it, then export."),
    "lab_ready": T("▶ を押すと学習が始まります。", "▶ を おすと がくしゅうが はじまるよ。", "Press ▶ to start training."),
    "lab_running": T("学習中…", "がくしゅう ちゅう…", "Training…"),
    "lab_paused": T("止めています。▶ で続きから学習します。", "とめて いるよ。▶ で つづきから がくしゅう するよ。",
                    "Paused. Press ▶ to go on training."),
    # --- undo steps ------------------------------------------------------------------------
    "edit_train": T("学習する", "がくしゅう する", "train"),
    "edit_reset_weights": T("重みをやり直す", "おもみを やりなおす", "reset the weights"),
    "edit_weight": T("重みを変える", "おもみを かえる", "change a weight"),
    # --- the stage's views ------------------------------------------------------------------
    "stage_look_hint": T("データの点をクリックしてから、ニューロンをクリックすると、その計算が見られます。",
                         "データの てんを クリック してから ニューロンを クリック すると、けいさんが みられるよ。",
                         "Click a data point, then a neuron, to see how it computes."),
    "stage_look_hint_first": T("ニューロンをクリックすると、1つ目の学習データでの計算が見られます。",
                               "ニューロンを クリック すると、1つめの データでの けいさんが みられるよ。",
                               "Click a neuron to see how it computes for the first training example."),
    "stage_step_start": T("1つずつ計算", "1つずつ けいさん", "Step through"),
    "stage_step_next": T("次へ", "つぎへ", "Next"),
    "stage_step_stop": T("おわる", "おわる", "Stop"),
    "stage_bias_edit": T("バイアスを変える", "バイアスを かえる", "Change bias"),
    "stage_pad_clear": T("かいた数字を消す", "かいた すうじを けす", "Clear the pad"),
    "stage_class": T("● {name}の点", "● {name}の てん", "● {name} points"),
    "stage_guesses": T("テストの数字とネットワークの答え（赤はまちがい）", "テストの すうじと こたえ（あかは まちがい）",
                       "Test digits and the network's guesses (red: wrong)"),
    "stage_confusion": T("どの数字をどれとまちがえたか", "どの すうじを どれと まちがえたか", "Which digit was taken for which"),
    "stage_confusion_classes": T("どの答えをどれとまちがえたか", "どの こたえを どれと まちがえたか",
                                 "Which answer was taken for which"),
    "stage_pad_hint": T("数字をかいてね", "すうじを かいてね", "Draw a digit"),
    "stage_pad_guess": T("答え：{digit}", "こたえ：{digit}", "Guess: {digit}"),
    "stage_weight_title": T("重み（入力 {i} → ニューロン {j}）", "おもみ（にゅうりょく {i} → ニューロン {j}）",
                            "Weight (input {i} → neuron {j})"),
    "stage_bias_title": T("ニューロン {j} のバイアス", "ニューロン {j} の バイアス", "Bias of neuron {j}"),
    "number_ok": T("決める", "きめる", "Set"),
    # --- the data tools over the data view ------------------------------------------------------
    "data_own_points": T("点をかく", "てんを かく", "Draw points"),
    "data_points_clear": T("ぜんぶ消す", "ぜんぶ けす", "Clear all"),
    "data_open_csv": T("CSVを開く", "CSVを ひらく", "Open CSV"),
    "data_regenerate": T("新しいデータ", "あたらしい データ", "New data"),
    "data_rows": T("{name}：{rows} 行（学習に {train}、テストに {test}）",
                   "{name}：{rows} ぎょう（がくしゅうに {train}、テストに {test}）",
                   "{name}: {rows} rows ({train} to learn from, {test} to test)"),
    "data_inputs": T("入力 {count} 個：{names}", "にゅうりょく {count}こ：{names}", "{count} inputs: {names}"),
    "data_classes": T("答え「{label}」：{names}", "こたえ「{label}」：{names}", "answer \"{label}\": {names}"),
    "data_numbers": T("答え「{label}」：数", "こたえ「{label}」：かず", "answer \"{label}\": a number"),
}
