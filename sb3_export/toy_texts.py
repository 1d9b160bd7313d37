"""Texts of the stage toys (sliders, drawing pad, guesses, comments), merged into messages.CATALOG.

Every key starts with "toy_" so that it never replaces one of the exporter's own messages.
"ja-Hira" is for young children: hiragana (and katakana loanwords) with spaces between words.
"""
from __future__ import annotations

TOY_TEXTS: dict[str, dict[str, str]] = {
    # --- backdrops and costumes -------------------------------------------------------------
    "toy_backdrop_plot": {"ja": "地図", "ja-Hira": "ちず", "en": "map"},
    "toy_backdrop_digits": {"ja": "お絵かき", "ja-Hira": "おえかき", "en": "drawing"},
    "toy_backdrop_plain": {"ja": "背景", "ja-Hira": "はいけい", "en": "backdrop"},
    "toy_costume_network": {"ja": "ネットワーク", "ja-Hira": "ネットワーク", "en": "network"},
    "toy_costume_square": {"ja": "{name}のマス", "ja-Hira": "{name}の マス", "en": "{name} square"},
    "toy_costume_dot": {"ja": "{name}の点", "ja-Hira": "{name}の てん", "en": "{name} dot"},
    "toy_costume_point": {"ja": "データの点", "ja-Hira": "データの てん", "en": "data dot"},
    "toy_costume_finder": {"ja": "十字", "ja-Hira": "じゅうじ", "en": "crosshair"},
    "toy_costume_robot": {"ja": "ロボット", "ja-Hira": "ロボット", "en": "robot"},
    "toy_costume_eraser": {"ja": "消しゴム", "ja-Hira": "けしゴム", "en": "eraser"},
    "toy_costume_ink": {"ja": "インク", "ja-Hira": "インク", "en": "ink"},
    "toy_word_high": {"ja": "大きい", "ja-Hira": "おおきい", "en": "high"},
    "toy_word_low": {"ja": "小さい", "ja-Hira": "ちいさい", "en": "low"},
    "toy_word_orange": {"ja": "オレンジ", "ja-Hira": "オレンジ", "en": "orange"},
    "toy_word_blue": {"ja": "青", "ja-Hira": "あお", "en": "blue"},
    "toy_word_green": {"ja": "緑", "ja-Hira": "みどり", "en": "green"},
    "toy_word_purple": {"ja": "紫", "ja-Hira": "むらさき", "en": "purple"},
    "toy_word_pink": {"ja": "ピンク", "ja-Hira": "ピンク", "en": "pink"},
    "toy_word_yellow": {"ja": "黄色", "ja-Hira": "きいろ", "en": "yellow"},
    "toy_word_teal": {"ja": "青緑", "ja-Hira": "あおみどり", "en": "teal"},
    "toy_word_brown": {"ja": "茶色", "ja-Hira": "ちゃいろ", "en": "brown"},
    "toy_word_grey": {"ja": "灰色", "ja-Hira": "はいいろ", "en": "grey"},
    "toy_word_red": {"ja": "赤", "ja-Hira": "あか", "en": "red"},
    # --- sprites ----------------------------------------------------------------------------
    "toy_sprite_finder": {"ja": "調べ係", "ja-Hira": "しらべがかり", "en": "finder"},
    "toy_sprite_points": {"ja": "学習データ", "ja-Hira": "がくしゅう データ", "en": "training points"},
    "toy_sprite_pad": {"ja": "お絵かきパッド", "ja-Hira": "おえかき パッド", "en": "drawing pad"},
    "toy_sprite_guesser": {"ja": "当てるロボット", "ja-Hira": "あてる ロボット", "en": "guesser"},
    "toy_sprite_clear": {"ja": "消すボタン", "ja-Hira": "けす ボタン", "en": "clear button"},
    "toy_sprite_helper": {"ja": "答えロボット", "ja-Hira": "こたえ ロボット", "en": "answer robot"},
    # --- lists and variables ----------------------------------------------------------------
    "toy_list_points_x": {"ja": "点のx", "ja-Hira": "てんの x", "en": "points x"},
    "toy_list_points_y": {"ja": "点のy", "ja-Hira": "てんの y", "en": "points y"},
    "toy_list_points_class": {"ja": "点のなかま", "ja-Hira": "てんの なかま", "en": "points class"},
    "toy_list_points_value": {"ja": "点の値", "ja-Hira": "てんの あたい", "en": "points value"},
    "toy_var_point": {"ja": "点の番号", "ja-Hira": "てんの ばんごう", "en": "point number"},
    "toy_var_last_x": {"ja": "前のx", "ja-Hira": "まえの x", "en": "last x"},
    "toy_var_last_y": {"ja": "前のy", "ja-Hira": "まえの y", "en": "last y"},
    "toy_var_answer": {"ja": "答え", "ja-Hira": "こたえ", "en": "answer"},
    "toy_var_sure": {"ja": "自信%", "ja-Hira": "じしん%", "en": "sure %"},
    "toy_var_cell": {"ja": "マスの番号", "ja-Hira": "マスの ばんごう", "en": "square number"},
    "toy_var_changed": {"ja": "変わった", "ja-Hira": "かわった", "en": "changed"},
    "toy_var_slider": {"ja": "入力{n}", "ja-Hira": "にゅうりょく{n}", "en": "input {n}"},
    "toy_var_now": {"ja": "今の入力", "ja-Hira": "いまの にゅうりょく", "en": "inputs now"},
    "toy_var_before": {"ja": "前の入力", "ja-Hira": "まえの にゅうりょく", "en": "inputs before"},
    # --- broadcasts -------------------------------------------------------------------------
    "toy_bc_draw_points": {"ja": "点をかく", "ja-Hira": "てんを かく", "en": "draw the points"},
    "toy_bc_map_ready": {"ja": "地図ができた", "ja-Hira": "ちずが できた", "en": "map is ready"},
    "toy_bc_clear": {"ja": "パッドを消す", "ja-Hira": "パッドを けす", "en": "clear the pad"},
    "toy_bc_new_guess": {"ja": "新しい答え", "ja-Hira": "あたらしい こたえ", "en": "new guess"},
    # --- custom blocks (one %s per argument) ------------------------------------------------
    "toy_proc_draw_all": {"ja": "全部かく", "ja-Hira": "ぜんぶ かく", "en": "draw everything"},
    "toy_proc_paint_map": {"ja": "地図をぬる", "ja-Hira": "ちずを ぬる", "en": "paint the map"},
    "toy_proc_pick_colour": {"ja": "この場所の色を選ぶ", "ja-Hira": "この ばしょの いろを えらぶ",
                             "en": "choose the colour of this spot"},
    "toy_proc_draw_points": {"ja": "学習データの点をかく", "ja-Hira": "がくしゅう データの てんを かく",
                             "en": "draw the training points"},
    "toy_proc_pick_dot": {"ja": "この点の色を選ぶ", "ja-Hira": "この てんの いろを えらぶ",
                          "en": "choose the colour of this point"},
    "toy_proc_draw_curve": {"ja": "曲線をかく", "ja-Hira": "きょくせんを かく", "en": "draw the curve"},
    "toy_proc_ask": {"ja": "この場所をネットワークに聞く", "ja-Hira": "この ばしょを ネットワークに きく",
                     "en": "ask the network about this spot"},
    "toy_proc_clear_pad": {"ja": "パッドをまっさらにする", "ja-Hira": "パッドを まっさらに する",
                           "en": "make the pad blank"},
    "toy_proc_brush": {"ja": "%s 行 %s 列のまわりをぬる", "ja-Hira": "%s ぎょう %s れつの まわりを ぬる",
                       "en": "paint around row %s column %s"},
    "toy_proc_paint_cell": {"ja": "%s 行 %s 列を こさ %s でぬる", "ja-Hira": "%s ぎょう %s れつを こさ %s で ぬる",
                            "en": "paint row %s column %s with darkness %s"},
    "toy_arg_row": {"ja": "行", "ja-Hira": "ぎょう", "en": "row"},
    "toy_arg_column": {"ja": "列", "ja-Hira": "れつ", "en": "column"},
    "toy_arg_darkness": {"ja": "こさ", "ja-Hira": "こさ", "en": "darkness"},
    "toy_proc_answer": {"ja": "答えを言う", "ja-Hira": "こたえを いう", "en": "say the answer"},
    "toy_proc_read_sliders": {"ja": "スライダーで計算する", "ja-Hira": "スライダーで けいさんする",
                              "en": "compute with the sliders"},
    # --- what the sprites say ---------------------------------------------------------------
    "toy_pct_open": {"ja": "（", "ja-Hira": "（", "en": " ("},
    "toy_pct_close": {"ja": "%）", "ja-Hira": "%）", "en": "%)"},
    # Said in speech bubbles (at most 170 px a line, 14 px per kana or kanji): Japanese lines are
    # broken by hand where a break reads well and kept to 11 characters, so Scratch never breaks
    # a word; the digits robot's lines stay short so its bubble fits right of the pad.
    "toy_say_drag": {
        "ja": "ぼくをドラッグしてね！\nその場所で\nネットワークが何と\n答えるか言うよ。",
        "ja-Hira": "ぼくを ドラッグしてね！\nその ばしょで\nネットワークが なんと\nこたえるか いうよ。",
        "en": "Drag me around! I'll tell you what the network answers at that spot.",
    },
    "toy_say_drag_curve": {
        "ja": "ぼくを左右に\nドラッグしてね！\n曲線に乗って、\nネットワークの\n答えを言うよ。",
        "ja-Hira": "ぼくを ひだり みぎに\nドラッグしてね！\nきょくせんに のって、\nネットワークの\nこたえを いうよ。",
        "en": "Drag me left and right! I'll ride on the curve and say the network's answer.",
    },
    "toy_say_draw": {
        "ja": "マウスで\nパッドに\n数字を\nかいてね！",
        "ja-Hira": "マウスで\nパッドに\nすうじを\nかいてね！",
        "en": "Draw a digit\non the pad\nwith the\nmouse!",
    },
    "toy_say_sliders": {
        "ja": "スライダーを\n動かしてね。\nネットワークの答えを\n言うよ。",
        "ja-Hira": "スライダーを\nうごかしてね。\nネットワークの\nこたえを いうよ。",
        "en": "Move the sliders and I'll say the network's answer.",
    },
    "toy_say_fill": {
        "ja": "リスト「{input}」に\n数を{n}個入れて、\nぼくをクリックしてね！",
        "ja-Hira": "リスト「{input}」に\nかずを {n}こ いれて、\nぼくを クリックしてね！",
        "en": "Put {n} numbers in the list \"{input}\", then click me!",
    },
    # --- comments: the stage (how to play) --------------------------------------------------
    "toy_c_stage_boundary": {
        "ja": "遊び方：色の地図は、ステージのそれぞれの場所でネットワークが選ぶなかまです（うすい所は自信がない所）。"
              "点は学習データです。「{finder}」をドラッグすると、その場所の答えを言います。",
        "ja-Hira": "あそびかた：いろの ちずは、ステージの それぞれの ばしょで ネットワークが えらぶ なかまだよ"
                   "（うすい ところは じしんが ない ところ）。てんは がくしゅう データだよ。"
                   "「{finder}」を ドラッグすると、その ばしょの こたえを いうよ。",
        "en": "How to play: the coloured map shows which class the network picks at every spot of the stage "
              "(pale where it is unsure). The dots are the training data. Drag the \"{finder}\" to hear "
              "the answer at one spot.",
    },
    "toy_c_stage_surface": {
        "ja": "遊び方：地図の色はネットワークの答えの大きさです（青は大きい、オレンジは小さい、白は真ん中）。"
              "点は学習データです。「{finder}」をドラッグすると、その場所の答えを言います。",
        "ja-Hira": "あそびかた：ちずの いろは ネットワークの こたえの おおきさだよ（あおは おおきい、"
                   "オレンジは ちいさい、しろは まんなか）。てんは がくしゅう データだよ。"
                   "「{finder}」を ドラッグすると、その ばしょの こたえを いうよ。",
        "en": "How to play: the colour of the map is the size of the network's answer (blue high, orange low, "
              "white in the middle). The dots are the training data. Drag the \"{finder}\" to hear the answer "
              "at one spot.",
    },
    "toy_c_stage_curve": {
        "ja": "遊び方：オレンジの線はネットワークの答え、点は学習データです。「{finder}」を左右にドラッグすると、"
              "その x での答えを言います。",
        "ja-Hira": "あそびかた：オレンジの せんは ネットワークの こたえ、てんは がくしゅう データだよ。"
                   "「{finder}」を ひだり みぎに ドラッグすると、その x での こたえを いうよ。",
        "en": "How to play: the orange line is the network's answer, the dots are the training data. "
              "Drag the \"{finder}\" left and right to hear the answer at that x.",
    },
    "toy_c_stage_digits": {
        "ja": "遊び方：パッドにマウスで数字をかくと、「{guesser}」がネットワークの答えと自信を言います。"
              "消しゴムのボタンでパッドをまっさらにします。",
        "ja-Hira": "あそびかた：パッドに マウスで すうじを かくと、「{guesser}」が ネットワークの こたえと "
                   "じしんを いうよ。けしゴムの ボタンで パッドを まっさらに するよ。",
        "en": "How to play: draw a digit on the pad with the mouse and the \"{guesser}\" says the network's "
              "guess and how sure it is. The eraser button makes the pad blank again.",
    },
    "toy_c_stage_sliders": {
        "ja": "遊び方：スライダーで入力の数を変えると、「{helper}」がネットワークの答えを言います。",
        "ja-Hira": "あそびかた：スライダーで にゅうりょくの かずを かえると、「{helper}」が ネットワークの "
                   "こたえを いうよ。",
        "en": "How to play: change the inputs with the sliders and the \"{helper}\" says the network's answer.",
    },
    "toy_c_stage_list": {
        "ja": "遊び方：リスト「{input}」に数を{n}個入れて、「{helper}」をクリックします。"
              "答えはリスト「{output}」と変数「{prediction}」に入ります。",
        "ja-Hira": "あそびかた：リスト「{input}」に かずを {n}こ いれて、「{helper}」を クリックしてね。"
                   "こたえは リスト「{output}」と へんすう「{prediction}」に はいるよ。",
        "en": "How to play: put {n} numbers in the list \"{input}\" and click the \"{helper}\". The answer "
              "goes into the list \"{output}\" and the variable \"{prediction}\".",
    },
    # --- comments: the network sprite painting its map ---------------------------------------
    "toy_c_net_flag": {
        "ja": "旗がクリックされたら、地図と学習データの点をかきます。",
        "ja-Hira": "はたが クリックされたら、ちずと がくしゅう データの てんを かくよ。",
        "en": "When the green flag is clicked, draw the map and the training points.",
    },
    "toy_c_net_click": {
        "ja": "リストの重みやバイアスを変えたら、ぼくをクリックして地図をかき直そう。",
        "ja-Hira": "リストの おもみや バイアスを かえたら、ぼくを クリックして ちずを かきなおそう。",
        "en": "Changed a weight or a bias in a list? Click me to draw the map again.",
    },
    "toy_c_net_flag_curve": {
        "ja": "旗がクリックされたら、曲線と学習データの点をかきます。",
        "ja-Hira": "はたが クリックされたら、きょくせんと がくしゅう データの てんを かくよ。",
        "en": "When the green flag is clicked, draw the curve and the training points.",
    },
    "toy_c_net_click_curve": {
        "ja": "リストの重みやバイアスを変えたら、ぼくをクリックして曲線をかき直そう。",
        "ja-Hira": "リストの おもみや バイアスを かえたら、ぼくを クリックして きょくせんを かきなおそう。",
        "en": "Changed a weight or a bias in a list? Click me to draw the curve again.",
    },
    "toy_c_draw_all_curve": {
        "ja": "ペンを全部消して曲線をかき、「{points}」に点をかいてもらいます。終わったら「{ready}」を送ります。",
        "ja-Hira": "ペンを ぜんぶ けして きょくせんを かき、「{points}」に てんを かいて もらうよ。"
                   "おわったら「{ready}」を おくるよ。",
        "en": "Erase all pen marks, draw the curve, then let the \"{points}\" sprite draw the dots. "
              "When all is done, send \"{ready}\".",
    },
    "toy_c_draw_all": {
        "ja": "ペンを全部消して地図をぬり、「{points}」に点をかいてもらいます。終わったら「{ready}」を送ります。",
        "ja-Hira": "ペンを ぜんぶ けして ちずを ぬり、「{points}」に てんを かいて もらうよ。"
                   "おわったら「{ready}」を おくるよ。",
        "en": "Erase all pen marks, paint the map, then let the \"{points}\" sprite draw the dots. "
              "When all is done, send \"{ready}\".",
    },
    "toy_c_paint_map": {
        "ja": "ステージを{cell}歩のマスに分け、上の行から順にたずねます：マスの場所を地図の数にして"
              "（x ÷ {kx}{sx}、y ÷ {ky}{sy}）ネットワークを計算し、答えの色のマスをスタンプします。",
        "ja-Hira": "ステージを {cell}ほの マスに わけて、うえの ぎょうから じゅんばんに たずねるよ："
                   "マスの ばしょを ちずの かずに して（x ÷ {kx}{sx}、y ÷ {ky}{sy}）ネットワークを "
                   "けいさんして、こたえの いろの マスを スタンプするよ。",
        "en": "Cut the stage into squares of {cell} steps and visit them row by row from the top: turn "
              "the square's place into map numbers (x ÷ {kx}{sx}, y ÷ {ky}{sy}), run the network, and "
              "stamp a square in the colour of its answer.",
    },
    "toy_c_pick_colour": {
        "ja": "いちばん自信のあるなかまの色の衣装にします（{legend}）。自信がないほど幽霊の効果を強くして、うすくします。",
        "ja-Hira": "いちばん じしんの ある なかまの いろの いしょうに するよ（{legend}）。じしんが ないほど "
                   "ゆうれいの こうかを つよくして、うすく するよ。",
        "en": "Wear the square of the class the network is surest of ({legend}). The less sure it is, "
              "the more ghost effect, so the square looks paler.",
    },
    "toy_c_pick_colour_value": {
        "ja": "答えが{mid}より大きければ青、小さければオレンジ。{mid}から離れるほど濃くします（幽霊の効果を弱く）。",
        "ja-Hira": "こたえが {mid}より おおきければ あお、ちいさければ オレンジ。{mid}から はなれるほど "
                   "こく するよ（ゆうれいの こうかを よわく）。",
        "en": "Blue when the answer is above {mid}, orange when below. The further from {mid}, the stronger "
              "the colour (less ghost effect).",
    },
    "toy_c_draw_curve": {
        "ja": "左のはしから右のはしまで4歩ずつ進みます：xを地図の数にして（x ÷ {kx}{sx}）ネットワークを計算し、"
              "答えの高さ（（答え{sy0}）× {ky}）へペンを下ろして動きます。",
        "ja-Hira": "ひだりの はしから みぎの はしまで 4ほずつ すすむよ：x を ちずの かずに して"
                   "（x ÷ {kx}{sx}）ネットワークを けいさんして、こたえの たかさ（（こたえ{sy0}）× {ky}）へ "
                   "ペンを おろして うごくよ。",
        "en": "Walk from the left edge to the right edge, 4 steps at a time: turn x into a map number "
              "(x ÷ {kx}{sx}), run the network and move, pen down, to the height of its answer "
              "((answer{sy0}) × {ky}).",
    },
    # --- comments: the training points --------------------------------------------------------
    "toy_c_points_receive": {
        "ja": "「{bc}」を受け取ったら、学習データの点を全部かきます。",
        "ja-Hira": "「{bc}」を うけとったら、がくしゅう データの てんを ぜんぶ かくよ。",
        "en": "When \"{bc}\" arrives, draw every training point.",
    },
    "toy_c_draw_points": {
        "ja": "リスト「{x}」「{y}」「{c}」を同じ番号で読みます：点の場所へ行き（（数{sx0}）× {kx}）、その色の点をスタンプします。",
        "ja-Hira": "リスト「{x}」「{y}」「{c}」を おなじ ばんごうで よむよ：てんの ばしょへ いって"
                   "（（かず{sx0}）× {kx}）、その いろの てんを スタンプするよ。",
        "en": "Read the lists \"{x}\", \"{y}\" and \"{c}\" item by item: go to each point "
              "((number{sx0}) × {kx}) and stamp a dot in its colour.",
    },
    "toy_c_draw_points_xy": {
        "ja": "リスト「{x}」「{y}」を同じ番号で読みます：点の場所へ行き（（数{sx0}）× {kx}）、点をスタンプします。",
        "ja-Hira": "リスト「{x}」「{y}」を おなじ ばんごうで よむよ：てんの ばしょへ いって"
                   "（（かず{sx0}）× {kx}）、てんを スタンプするよ。",
        "en": "Read the lists \"{x}\" and \"{y}\" item by item: go to each point ((number{sx0}) × {kx}) "
              "and stamp a dot.",
    },
    "toy_c_pick_dot": {
        "ja": "点のなかまの色の衣装にします（{legend}）。",
        "ja-Hira": "てんの なかまの いろの いしょうに するよ（{legend}）。",
        "en": "Wear the dot in the colour of the point's class ({legend}).",
    },
    "toy_c_pick_dot_value": {
        "ja": "点の値が{mid}より大きければ青、小さければオレンジの点にします。{mid}に近いほど幽霊の効果でうすくします。",
        "ja-Hira": "てんの あたいが {mid}より おおきければ あお、ちいさければ オレンジの てんに するよ。"
                   "{mid}に ちかいほど ゆうれいの こうかで うすく するよ。",
        "en": "A blue dot when the point's value is above {mid}, an orange one when below; the closer to {mid}, "
              "the paler (ghost effect).",
    },
    # --- comments: the finder -----------------------------------------------------------------
    "toy_c_finder_flag": {
        "ja": "旗がクリックされたら、はじめの場所に行きます。プレーヤーの中でもドラッグできるようにします。",
        "ja-Hira": "はたが クリックされたら、はじめの ばしょに いくよ。プレーヤーの なかでも "
                   "ドラッグ できるように するよ。",
        "en": "When the green flag is clicked, go to the starting spot, and let people drag me even in "
              "the player.",
    },
    "toy_c_finder_loop": {
        "ja": "地図ができたら、ずっと：ぼくが動かされたら、その場所をネットワークにたずねます。",
        "ja-Hira": "ちずが できたら、ずっと：ぼくが うごかされたら、その ばしょを ネットワークに たずねるよ。",
        "en": "Once the map is ready, forever: whenever I have been moved, ask the network about my spot.",
    },
    "toy_c_finder_ask": {
        "ja": "ぼくの場所を地図の数にしてリスト「{input}」に入れ、「{forward}」を送って待ち、答えを言います。",
        "ja-Hira": "ぼくの ばしょを ちずの かずに して リスト「{input}」に いれて、「{forward}」を おくって "
                   "まって、こたえを いうよ。",
        "en": "Turn my place into map numbers, put them in the list \"{input}\", broadcast \"{forward}\" "
              "and wait, then say the answer.",
    },
    "toy_c_finder_ask_curve": {
        "ja": "ぼくの x を地図の数にしてリスト「{input}」に入れ、「{forward}」を送って待ち、"
              "答えの高さへ行って答えを言います。",
        "ja-Hira": "ぼくの x を ちずの かずに して リスト「{input}」に いれて、「{forward}」を おくって "
                   "まって、こたえの たかさへ いって こたえを いうよ。",
        "en": "Turn my x into a map number, put it in the list \"{input}\", broadcast \"{forward}\" and "
              "wait, then go to the height of the answer and say it.",
    },
    "toy_c_answer": {
        "ja": "変数「{prediction}」の答えと、その自信（「{confidence}」× 100 を四捨五入）を言います。",
        "ja-Hira": "へんすう「{prediction}」の こたえと、その じしん（「{confidence}」× 100 を ししゃごにゅう）を いうよ。",
        "en": "Say the answer in \"{prediction}\" and how sure the network is (\"{confidence}\" × 100, rounded).",
    },
    "toy_c_answer_yes_no": {
        "ja": "「{prediction}」が1なら「{yes}」、0なら「{no}」。自信はその答えの確率を%にしたものです。",
        "ja-Hira": "「{prediction}」が 1なら「{yes}」、0なら「{no}」だよ。じしんは その こたえの "
                   "かくりつを %に したものだよ。",
        "en": "\"{prediction}\" 1 means \"{yes}\", 0 means \"{no}\"; the percent is how likely that answer is.",
    },
    "toy_c_answer_number": {
        "ja": "変数「{prediction}」の数を言います（Scratchは小数第2位までに丸めて見せます）。",
        "ja-Hira": "へんすう「{prediction}」の かずを いうよ（Scratchは しょうすう だい2いまでに まるめて みせるよ）。",
        "en": "Say the number in \"{prediction}\" (Scratch shows it rounded to 2 decimals).",
    },
    # --- comments: the drawing pad ------------------------------------------------------------
    "toy_c_pad_flag": {
        "ja": "パッドをまっさらにしてから、ずっと：マウスのボタンがパッドの上で押されている間、マウスの下のマスをぬります"
              "（行 = (120 − マウスのy) ÷ 30 の切り下げ、列 = (マウスのx + 200) ÷ 30 の切り下げ）。",
        "ja-Hira": "パッドを まっさらに してから、ずっと：マウスの ボタンが パッドの うえで おされている あいだ、"
                   "マウスの したの マスを ぬるよ（ぎょう = (120 − マウスの y) ÷ 30 の きりさげ、"
                   "れつ = (マウスの x + 200) ÷ 30 の きりさげ）。",
        "en": "Make the pad blank, then forever: while the mouse button is down over the pad, paint the "
              "square under the mouse (row = floor of (120 − mouse y) ÷ 30, column = floor of "
              "(mouse x + 200) ÷ 30).",
    },
    "toy_c_pad_clear": {
        "ja": "消すボタンが「{bc}」を送ってきたら、パッドをまっさらにします。",
        "ja-Hira": "けす ボタンが「{bc}」を おくって きたら、パッドを まっさらに するよ。",
        "en": "When the clear button sends \"{bc}\", make the pad blank.",
    },
    "toy_c_clear_pad": {
        "ja": "ペンを消して、リスト「{input}」に0を64個入れます。左上のマスから1行ずつ、1マスに1つの数です。",
        "ja-Hira": "ペンを けして、リスト「{input}」に 0を 64こ いれるよ。ひだりうえの マスから 1ぎょうずつ、"
                   "1マスに 1つの かずだよ。",
        "en": "Erase the pen and put 64 zeros in the list \"{input}\": one number per square, row by row "
              "from the top left.",
    },
    "toy_c_brush": {
        "ja": "マウスの下の行と列のマスをこさ1で、上下左右のマスをこさ{soft}でぬります"
              "（学習データの絵のように、ふちをぼかす）。何か変わったら、ネットワークを計算して知らせます。",
        "ja-Hira": "マウスの したの ぎょうと れつの マスを こさ 1で、うえ した ひだり みぎの "
                   "マスを こさ {soft}で ぬるよ（がくしゅう データの えの ように、ふちを ぼかす）。"
                   "なにか かわったら、ネットワークを けいさんして しらせるよ。",
        "en": "Paint the square under the mouse (row and column) with darkness 1 and its four "
              "neighbours with {soft} (soft edges, like the blurry training pictures). If anything changed, "
              "run the network and tell everyone.",
    },
    "toy_c_paint_cell": {
        "ja": "マスの番号 = 行 × 8 + 列 + 1。マスはこくするだけで、うすくはしません。"
              "インクを（100 − こさ × 100）の幽霊の効果でスタンプします。",
        "ja-Hira": "マスの ばんごう = ぎょう × 8 + れつ + 1。マスは こく するだけで、うすくは しないよ。"
                   "インクを（100 − こさ × 100）の ゆうれいの こうかで スタンプするよ。",
        "en": "Square number = row × 8 + column + 1. A square only ever gets darker. Stamp the ink with a "
              "ghost effect of 100 − darkness × 100.",
    },
    "toy_c_guesser_flag": {
        "ja": "旗がクリックされたら、何をすればいいか言います。",
        "ja-Hira": "はたが クリックされたら、なにを すれば いいか いうよ。",
        "en": "When the green flag is clicked, say what to do.",
    },
    "toy_c_guesser_guess": {
        "ja": "「{bc}」を受け取ったら、ネットワークの答えを言います。",
        "ja-Hira": "「{bc}」を うけとったら、ネットワークの こたえを いうよ。",
        "en": "When \"{bc}\" arrives, say the network's guess.",
    },
    "toy_c_guesser_clear": {
        "ja": "パッドがまっさらになったら、また何をすればいいか言います。",
        "ja-Hira": "パッドが まっさらに なったら、また なにを すれば いいか いうよ。",
        "en": "When the pad is made blank, say again what to do.",
    },
    "toy_c_clear_click": {
        "ja": "クリックされたら「{bc}」を送ります。",
        "ja-Hira": "クリックされたら「{bc}」を おくるよ。",
        "en": "When clicked, send \"{bc}\".",
    },
    # --- comments: sliders and the plain list -----------------------------------------------
    "toy_c_sliders_loop": {
        "ja": "ずっと：スライダーの数をつなげて「{now}」に入れ、「{before}」とちがっていたら計算し直します。",
        "ja-Hira": "ずっと：スライダーの かずを つなげて「{now}」に いれて、「{before}」と ちがって いたら "
                   "けいさんしなおすよ。",
        "en": "Forever: join the sliders' numbers into \"{now}\"; when that differs from \"{before}\", "
              "compute again.",
    },
    "toy_c_read_sliders": {
        "ja": "スライダーの数を順にリスト「{input}」に入れ、「{forward}」を送って待ち、答えを言います。",
        "ja-Hira": "スライダーの かずを じゅんばんに リスト「{input}」に いれて、「{forward}」を おくって まって、"
                   "こたえを いうよ。",
        "en": "Put the sliders' numbers in order into the list \"{input}\", broadcast \"{forward}\" and wait, "
              "then say the answer.",
    },
    "toy_c_list_flag": {
        "ja": "リスト「{input}」の数が{n}個でなければ0を{n}個入れて、何をすればいいか言います。",
        "ja-Hira": "リスト「{input}」の かずが {n}こ で なければ 0を {n}こ いれて、なにを すれば いいか いうよ。",
        "en": "If the list \"{input}\" does not hold {n} numbers, fill it with {n} zeros; then say what to do.",
    },
    "toy_c_list_click": {
        "ja": "クリックされたら「{forward}」を送って待ち、答えを言います。",
        "ja-Hira": "クリックされたら「{forward}」を おくって まって、こたえを いうよ。",
        "en": "When clicked, broadcast \"{forward}\" and wait, then say the answer.",
    },
}
