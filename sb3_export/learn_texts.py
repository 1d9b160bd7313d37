"""Texts of the learning scripts (learn.py) and of why a network cannot learn in Scratch, merged into
messages.CATALOG. Every key starts with "learn_". "ja-Hira": hiragana and katakana with spaces between words.
"""
from __future__ import annotations

LEARN_TEXTS: dict[str, dict[str, str]] = {
    # --- why a network cannot learn inside Scratch (one sentence each) ----------------------------
    "learn_no_batchnorm": {
        "ja": "バッチ正規化のあるネットワークは Scratch の中では学習できません。その層を外すと学習つきで書き出せます。",
        "ja-Hira": "バッチ せいきかの ある ネットワークは Scratch の なかでは がくしゅう できないよ。"
                   "その そうを はずすと がくしゅうつきで かきだせるよ。",
        "en": "A network with batch normalization cannot learn inside Scratch; remove that layer to export it "
              "with learning.",
    },
    "learn_no_dropout": {
        "ja": "ドロップアウトは乱数を使うので、Scratch の中の学習では使えません。その層を外すと学習つきで書き出せます。",
        "ja-Hira": "ドロップアウトは らんすうを つかうので、Scratch の なかの がくしゅうでは つかえないよ。"
                   "その そうを はずすと がくしゅうつきで かきだせるよ。",
        "en": "Dropout needs random numbers, so it cannot learn inside Scratch; remove that layer to export it "
              "with learning.",
    },
    "learn_no_step": {
        "ja": "ステップ関数（またはニューロンごとに混ぜたソフトマックス）は Scratch の中では学習できません。",
        "ja-Hira": "ステップ かんすう（または ニューロンごとに まぜた ソフトマックス）は Scratch の なかでは "
                   "がくしゅう できないよ。",
        "en": "Step neurons (and softmax mixed with other activations) cannot learn inside Scratch.",
    },
    "learn_no_frozen": {
        "ja": "手で決めて固定したニューロンがあるネットワークは、Scratch の中ではまだ学習できません。",
        "ja-Hira": "てで きめて こていした ニューロンが ある ネットワークは、Scratch の なかでは まだ "
                   "がくしゅう できないよ。",
        "en": "A network with hand-set, locked neurons cannot learn inside Scratch yet.",
    },
    "learn_nothing": {
        "ja": "このネットワークには学習する重みがありません。",
        "ja-Hira": "この ネットワークには がくしゅう する おもみが ないよ。",
        "en": "This network has no weights to learn.",
    },
    "learn_no_data": {
        "ja": "学習つきで書き出すには学習データが要ります。データを読みこめるようにしてください。",
        "ja-Hira": "がくしゅうつきで かきだすには がくしゅう データが いるよ。データを よみこめるように してね。",
        "en": "Exporting with learning needs the training data; make sure the data can be loaded.",
    },
    "learn_data_mismatch": {
        "ja": "学習データがこのネットワークの入力か出力に合わないので、Scratch の中で学習できません。",
        "ja-Hira": "がくしゅう データが この ネットワークの にゅうりょくか しゅつりょくに あわないので、"
                   "Scratch の なかで がくしゅう できないよ。",
        "en": "The training data does not fit this network's inputs or outputs, so it cannot learn inside Scratch.",
    },
    "learn_too_big": {
        "ja": "Scratch の中で学習するには大きすぎます（重み {weights} 個、点 {points} 個。"
              "上限は重み {limit} 個、点 {max_points} 個）。",
        "ja-Hira": "Scratch の なかで がくしゅう するには おおきすぎるよ（おもみ {weights}こ、てん {points}こ。"
                   "じょうげんは おもみ {limit}こ、てん {max_points}こ）。",
        "en": "Too big to learn inside Scratch ({weights} weights, {points} points; the limits are {limit} weights "
              "and {max_points} points).",
    },
    # --- lists ----------------------------------------------------------------------------------------
    "learn_list_inputs": {"ja": "学習データの入力", "ja-Hira": "がくしゅう データの にゅうりょく",
                          "en": "training inputs"},
    "learn_list_answers": {"ja": "学習データの正解", "ja-Hira": "がくしゅう データの せいかい",
                           "en": "training answers"},
    "learn_list_error": {"ja": "誤差", "ja-Hira": "ごさ", "en": "error"},
    "learn_list_error_back": {"ja": "前の層への誤差", "ja-Hira": "まえの そうへの ごさ", "en": "error passed back"},
    "learn_list_features": {"ja": "覚えた特徴", "ja-Hira": "おぼえた とくちょう", "en": "remembered features"},
    "learn_list_kept": {"ja": "層{n}が出した値", "ja-Hira": "そう{n}が だした あたい", "en": "layer {n} gave"},
    "learn_list_grad_w": {"ja": "層{n}の重みの勾配", "ja-Hira": "そう{n}の おもみの こうばい",
                          "en": "layer {n} weight gradients"},
    "learn_list_grad_b": {"ja": "層{n}のバイアスの勾配", "ja-Hira": "そう{n}の バイアスの こうばい",
                          "en": "layer {n} bias gradients"},
    "learn_list_start_w": {"ja": "層{n}の最初の重み", "ja-Hira": "そう{n}の さいしょの おもみ",
                           "en": "layer {n} starting weights"},
    "learn_list_start_b": {"ja": "層{n}の最初のバイアス", "ja-Hira": "そう{n}の さいしょの バイアス",
                           "en": "layer {n} starting biases"},
    "learn_list_memory_w": {"ja": "層{n}の重みの{what}", "ja-Hira": "そう{n}の おもみの {what}",
                            "en": "layer {n} weight {what}"},
    "learn_list_memory_b": {"ja": "層{n}のバイアスの{what}", "ja-Hira": "そう{n}の バイアスの {what}",
                            "en": "layer {n} bias {what}"},
    "learn_list_memory2_w": {"ja": "層{n}の重みの{what}", "ja-Hira": "そう{n}の おもみの {what}",
                             "en": "layer {n} weight {what}"},
    "learn_list_memory2_b": {"ja": "層{n}のバイアスの{what}", "ja-Hira": "そう{n}の バイアスの {what}",
                             "en": "layer {n} bias {what}"},
    "learn_word_velocity": {"ja": "勢い", "ja-Hira": "いきおい", "en": "velocity"},
    "learn_word_mean": {"ja": "勾配の平均", "ja-Hira": "こうばいの へいきん", "en": "gradient average"},
    "learn_word_squares": {"ja": "勾配の2乗の合計", "ja-Hira": "こうばいの 2じょうの ごうけい",
                           "en": "squared gradients"},
    # --- variables ------------------------------------------------------------------------------------
    "learn_var_point": {"ja": "点の番号", "ja-Hira": "てんの ばんごう", "en": "point number"},
    "learn_var_done": {"ja": "済んだ点", "ja-Hira": "すんだ てん", "en": "points done"},
    "learn_var_batch": {"ja": "バッチの点の数", "ja-Hira": "バッチの てんの かず", "en": "points in the batch"},
    "learn_var_inv": {"ja": "1÷点の数", "ja-Hira": "1÷てんの かず", "en": "1 ÷ points"},
    "learn_var_signal": {"ja": "誤差の値", "ja-Hira": "ごさの あたい", "en": "error value"},
    "learn_var_answer": {"ja": "正解", "ja-Hira": "せいかい", "en": "right answer"},
    "learn_var_best": {"ja": "いちばんの番号", "ja-Hira": "いちばんの ばんごう", "en": "best number"},
    "learn_var_total": {"ja": "損失の合計", "ja-Hira": "そんしつの ごうけい", "en": "loss total"},
    "learn_var_right": {"ja": "当たった数", "ja-Hira": "あたった かず", "en": "right so far"},
    "learn_var_steps": {"ja": "学習の回数", "ja-Hira": "がくしゅうの かいすう", "en": "steps"},
    "learn_var_g": {"ja": "勾配", "ja-Hira": "こうばい", "en": "gradient"},
    "learn_var_goal": {"ja": "目標エポック", "ja-Hira": "もくひょう エポック", "en": "goal epoch"},
    "learn_var_next_map": {"ja": "次に描くエポック", "ja-Hira": "つぎに かく エポック", "en": "next picture at"},
    "learn_var_rate": {"ja": "今の歩幅", "ja-Hira": "いまの ほはば", "en": "step size now"},
    "learn_var_epoch": {"ja": "エポック", "ja-Hira": "エポック", "en": "epoch"},
    "learn_var_loss": {"ja": "損失", "ja-Hira": "そんしつ", "en": "loss"},
    "learn_var_accuracy": {"ja": "正解率(%)", "ja-Hira": "せいかいりつ(%)", "en": "accuracy (%)"},
    # --- broadcasts and buttons ------------------------------------------------------------------------
    "learn_bc_learn": {"ja": "学習", "ja-Hira": "がくしゅう", "en": "learn"},
    "learn_bc_again": {"ja": "やり直す", "ja-Hira": "やりなおす", "en": "start again"},
    "learn_sprite_learn": {"ja": "学習ボタン", "ja-Hira": "がくしゅう ボタン", "en": "learn button"},
    "learn_sprite_again": {"ja": "やり直しボタン", "ja-Hira": "やりなおし ボタン", "en": "start again button"},
    # --- custom blocks ---------------------------------------------------------------------------------
    "learn_proc_remember": {"ja": "計算して覚える", "ja-Hira": "けいさんして おぼえる",
                            "en": "run the network and remember"},
    "learn_proc_compare": {"ja": "正解とくらべる", "ja-Hira": "せいかいと くらべる",
                           "en": "compare with the right answer"},
    "learn_proc_back": {"ja": "層{n}：誤差から学ぶ", "ja-Hira": "そう{n}：ごさから まなぶ",
                        "en": "layer {n}: learn from the error"},
    "learn_proc_back_act": {"ja": "層{n}（{name}）：誤差を前へ", "ja-Hira": "そう{n}（{name}）：ごさを まえへ",
                            "en": "layer {n} ({name}): pass the error back"},
    "learn_proc_update": {"ja": "層{n}：重みを変える", "ja-Hira": "そう{n}：おもみを かえる",
                          "en": "layer {n}: change the weights"},
    "learn_proc_step": {"ja": "バッチひとつ分学ぶ", "ja-Hira": "バッチ ひとつぶん まなぶ",
                        "en": "learn from one batch"},
    # --- comments --------------------------------------------------------------------------------------
    "learn_c_remember": {
        "ja": "「{data}」から点をひとつ入力にうつし、ネットワークを計算します。後で誤差を戻せるように、"
              "層ごとに出した値を「層…が出した値」に覚えておきます。答えは「{values}」に残ります。",
        "ja-Hira": "「{data}」から てんを ひとつ にゅうりょくに うつして、ネットワークを けいさんするよ。"
                   "あとで ごさを もどせるように、そうごとに だした あたいを「そう…が だした あたい」に "
                   "おぼえておくよ。こたえは「{values}」に のこるよ。",
        "en": "Copies one point of \"{data}\" into the input and runs the network. Each layer's numbers are "
              "remembered in \"layer … gave\", so the error can go back through them later. The answer stays "
              "in \"{values}\".",
    },
    "learn_c_compare_classify": {
        "ja": "誤差 = (答えの確率 − 正解なら1、ちがえば0) ÷ バッチの点の数。損失は −ln(正解の確率)、"
              "いちばん大きな確率が正解なら当たりです。",
        "ja-Hira": "ごさ = (こたえの かくりつ − せいかいなら 1、ちがえば 0) ÷ バッチの てんの かず。"
                   "そんしつは −ln(せいかいの かくりつ)、いちばん おおきな かくりつが せいかいなら あたりだよ。",
        "en": "error = (the answer's probability − 1 for the right class, 0 for the others) ÷ points in the "
              "batch. The loss is −ln(probability of the right class); the point counts as right when the "
              "biggest probability is the right class.",
    },
    "learn_c_compare_yes_no": {
        "ja": "誤差 = (「はい」の確率 − 正解（1か0）) ÷ バッチの点の数。損失は交差エントロピー、"
              "0.5より大きければ「はい」と答えたことにします。",
        "ja-Hira": "ごさ = (「はい」の かくりつ − せいかい（1か 0）) ÷ バッチの てんの かず。"
                   "そんしつは こうさ エントロピー、0.5より おおきければ「はい」と こたえたことに するよ。",
        "en": "error = (probability of yes − the right answer, 1 or 0) ÷ points in the batch. The loss is the "
              "cross-entropy; more than 0.5 counts as answering yes.",
    },
    "learn_c_compare_regress": {
        "ja": "誤差 = (答え − 「{answers}」の正解) ÷ バッチの点の数。損失は 0.5 × (答え − 正解)² です。",
        "ja-Hira": "ごさ = (こたえ − 「{answers}」の せいかい) ÷ バッチの てんの かず。"
                   "そんしつは 0.5 × (こたえ − せいかい)² だよ。",
        "en": "error = (answer − the right answer in \"{answers}\") ÷ points in the batch. The loss is "
              "0.5 × (answer − right answer)².",
    },
    "learn_c_back_act": {
        "ja": "層{n}の活性化関数の傾きを「{error}」にかけて、前の層へ渡します。",
        "ja-Hira": "そう{n}の かっせいか かんすうの かたむきを「{error}」に かけて、まえの そうへ わたすよ。",
        "en": "Multiplies \"{error}\" by the slope of layer {n}'s activation and hands it to the layer before.",
    },
    "learn_c_back": {
        "ja": "層{n}が誤差から学びます。まず活性化関数の傾きを誤差にかけます。ニューロンごとに、"
              "重みの勾配 += 入力 × 誤差（「{grad_w}」）、バイアスの勾配 += 誤差（「{grad_b}」）。"
              "前の層へ渡す誤差は 誤差 × 重み の合計です（「{weights}」は変える前のものを使います）。",
        "ja-Hira": "そう{n}が ごさから まなぶよ。まず かっせいか かんすうの かたむきを ごさに かけるよ。"
                   "ニューロンごとに、おもみの こうばい += にゅうりょく × ごさ（「{grad_w}」）、"
                   "バイアスの こうばい += ごさ（「{grad_b}」）。まえの そうへ わたす ごさは ごさ × おもみ の "
                   "ごうけいだよ（「{weights}」は かえる まえの ものを つかうよ）。",
        "en": "Layer {n} learns from the error. First the error is multiplied by the activation's slope. Then, "
              "neuron by neuron: weight gradient += input × error (\"{grad_w}\"), bias gradient += error "
              "(\"{grad_b}\"). The error passed back is the sum of error × weight (the weights in \"{weights}\" "
              "before they change).",
    },
    "learn_c_back_first": {
        "ja": "層{n}が誤差から学びます。まず活性化関数の傾きを誤差にかけます。ニューロンごとに、"
              "重みの勾配 += 入力 × 誤差（「{grad_w}」）、バイアスの勾配 += 誤差（「{grad_b}」）。"
              "最初の層なので、誤差はここで終わりです。",
        "ja-Hira": "そう{n}が ごさから まなぶよ。まず かっせいか かんすうの かたむきを ごさに かけるよ。"
                   "ニューロンごとに、おもみの こうばい += にゅうりょく × ごさ（「{grad_w}」）、"
                   "バイアスの こうばい += ごさ（「{grad_b}」）。さいしょの そうだから、ごさは ここで おわりだよ。",
        "en": "Layer {n} learns from the error. First the error is multiplied by the activation's slope. Then, "
              "neuron by neuron: weight gradient += input × error (\"{grad_w}\"), bias gradient += error "
              "(\"{grad_b}\"). This is the first layer, so the error stops here.",
    },
    "learn_c_update_sgd": {
        "ja": "SGD：重み = 重み − 勾配 × {lr}（学習率）。L2 {l2}、L1 {l1}。使った勾配は0にもどします。",
        "ja-Hira": "SGD：おもみ = おもみ − こうばい × {lr}（がくしゅうりつ）。L2 {l2}、L1 {l1}。"
                   "つかった こうばいは 0に もどすよ。",
        "en": "SGD: weight = weight − gradient × {lr} (the learning rate). L2 {l2}, L1 {l1}. Each gradient "
              "goes back to 0 once used.",
    },
    "learn_c_update_momentum": {
        "ja": "モーメンタム：勢い = 勢い × 0.9 − 勾配 × {lr}、重み = 重み + 勢い。L2 {l2}、L1 {l1}。",
        "ja-Hira": "モーメンタム：いきおい = いきおい × 0.9 − こうばい × {lr}、おもみ = おもみ + いきおい。"
                   "L2 {l2}、L1 {l1}。",
        "en": "Momentum: velocity = velocity × 0.9 − gradient × {lr}; weight = weight + velocity. L2 {l2}, "
              "L1 {l1}.",
    },
    "learn_c_update_adagrad": {
        "ja": "AdaGrad：2乗の合計 += 勾配²、重み −= 勾配 ÷ (√2乗の合計 + 0.0000001) × {lr}。L2 {l2}、L1 {l1}。",
        "ja-Hira": "AdaGrad：2じょうの ごうけい += こうばい²、おもみ −= こうばい ÷ (√2じょうの ごうけい + "
                   "0.0000001) × {lr}。L2 {l2}、L1 {l1}。",
        "en": "AdaGrad: squares += gradient²; weight −= gradient ÷ (√squares + 0.0000001) × {lr}. L2 {l2}, "
              "L1 {l1}.",
    },
    "learn_c_update_rmsprop": {
        "ja": "RMSprop：2乗の平均 = 0.99 × 前の値 + 0.01 × 勾配²、重み −= 勾配 ÷ (√2乗の平均 + 0.0000001) × {lr}。"
              "L2 {l2}、L1 {l1}。",
        "ja-Hira": "RMSprop：2じょうの へいきん = 0.99 × まえの あたい + 0.01 × こうばい²、"
                   "おもみ −= こうばい ÷ (√2じょうの へいきん + 0.0000001) × {lr}。L2 {l2}、L1 {l1}。",
        "en": "RMSprop: squares = 0.99 × before + 0.01 × gradient²; weight −= gradient ÷ (√squares + "
              "0.0000001) × {lr}. L2 {l2}, L1 {l1}.",
    },
    "learn_c_update_adam": {
        "ja": "Adam：勾配の平均と2乗の平均を覚えて、重み −= 平均 ÷ √2乗の平均 × 今の歩幅。"
              "歩幅は学習率 {lr} から、はじめは小さめに計算します。L2 {l2}、L1 {l1}。",
        "ja-Hira": "Adam：こうばいの へいきんと 2じょうの へいきんを おぼえて、おもみ −= へいきん ÷ "
                   "√2じょうの へいきん × いまの ほはば。ほはばは がくしゅうりつ {lr} から けいさんするよ。"
                   "L2 {l2}、L1 {l1}。",
        "en": "Adam: remembers the average gradient and the average squared gradient; weight −= average ÷ "
              "√squares × the step size now, worked out from the learning rate {lr}. L2 {l2}, L1 {l1}.",
    },
    "learn_c_step": {
        "ja": "次の {batch} 個の点（全部で {points} 個）で学びます：点ごとに計算して、正解とくらべて、"
              "後ろの層から誤差を戻します。それから重みを変えます。全部の点が済んだら「{epoch}」を1増やし、"
              "「{loss}」に平均の損失を出します。",
        "ja-Hira": "つぎの {batch}この てん（ぜんぶで {points}こ）で まなぶよ：てんごとに けいさんして、"
                   "せいかいと くらべて、うしろの そうから ごさを もどすよ。それから おもみを かえるよ。"
                   "ぜんぶの てんが すんだら「{epoch}」を 1 ふやして、「{loss}」に へいきんの そんしつを だすよ。",
        "en": "Learns from the next {batch} points (of {points}): for each, run the network, compare with the "
              "right answer, and pass the error back from the last layer. Then change the weights. When every "
              "point is done, \"{epoch}\" goes up by 1 and \"{loss}\" shows the average loss.",
    },
    "learn_c_learn": {
        "ja": "{epochs} エポック学びます。{every} エポックごとに絵を描き直して、境目ができていくのを見せます。",
        "ja-Hira": "{epochs} エポック まなぶよ。{every} エポックごとに えを かきなおして、"
                   "さかいめが できていくのを みせるよ。",
        "en": "Learns for {epochs} epochs, drawing the picture again every {every} epochs so you can watch it "
              "take shape.",
    },
    "learn_c_learn_plain": {
        "ja": "{epochs} エポック学びます。「{epoch}」と損失が変わっていくのを見てね。",
        "ja-Hira": "{epochs} エポック まなぶよ。「{epoch}」と そんしつが かわっていくのを みてね。",
        "en": "Learns for {epochs} epochs. Watch \"{epoch}\" and the loss change.",
    },
    "learn_c_again": {
        "ja": "最初の重みにもどして、もう一度はじめから学べるようにします。",
        "ja-Hira": "さいしょの おもみに もどして、もういちど はじめから まなべるように するよ。",
        "en": "Puts the starting weights back, so learning can begin again from the start.",
    },
    "learn_c_button": {
        "ja": "クリックされたら「{bc}」を送ります。",
        "ja-Hira": "クリック されたら「{bc}」を おくるよ。",
        "en": "When clicked, broadcast \"{bc}\".",
    },
}
