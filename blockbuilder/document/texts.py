"""The document's words: project files and what is wrong in one, compile's problems, where a block may
go, what a child typed into a field. (How every room's words work: words.py.)"""
from __future__ import annotations

from .words import T, Words

# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
TEXTS: dict[str, dict[str, str]] = {
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
    "reason_packed_damaged": {
        "ja": "しまってある重みがこわれていて読めません。",
        "ja-Hira": "しまってある おもみが こわれていて よめないよ。",
        "en": "the weights stored here are damaged and cannot be read.",
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
    "reason_not_a_file": {
        "ja": "ファイルではなく、フォルダーなどです。",
        "ja-Hira": "ファイルでは なくて、フォルダー などだよ。",
        "en": "it is a folder or a device, not a file.",
    },
    # --- why a file cannot be used (paths.py): one clause, after "The file X cannot be used:" ---
    "path_cannot_use": {
        "ja": "ファイル {file} を使えません：{reason}",
        "ja-Hira": "ファイル {file} を つかえないよ：{reason}",
        "en": "The file {file} cannot be used: {reason}",
    },
    "path_too_long": {
        "ja": "名前が長すぎます。短い名前にしてください。",
        "ja-Hira": "なまえが ながすぎるよ。みじかい なまえに してね。",
        "en": "its name is too long; choose a shorter name.",
    },
    "path_folder": {
        "ja": "これはフォルダーです。中のファイルを選んでください。",
        "ja-Hira": "これは フォルダーだよ。なかの ファイルを えらんでね。",
        "en": "it is a folder; choose a file inside it.",
    },
    "path_device": {
        "ja": "これはファイルではなく装置です。ふつうのファイルを選んでください。",
        "ja-Hira": "これは ファイルじゃなくて そうちだよ。ふつうの ファイルを えらんでね。",
        "en": "it is a device, not a file; choose an ordinary file.",
    },
    "path_no_permission": {
        "ja": "使う許可がありません。別の場所を選んでください。",
        "ja-Hira": "つかう きょかが ないよ。べつの ばしょを えらんでね。",
        "en": "you have no permission to use it; choose another place.",
    },
    "path_missing": {
        "ja": "見つかりません。名前と場所を確かめてください。",
        "ja-Hira": "みつからないよ。なまえと ばしょを たしかめてね。",
        "en": "it does not exist; check its name and folder.",
    },
    "path_other": {
        "ja": "コンピューターが「{detail}」と言っています。",
        "ja-Hira": "コンピューターが「{detail}」と いっているよ。",
        "en": "the computer says \"{detail}\".",
    },
    "reason_unreadable": {
        "ja": "読めません（{detail}）。",
        "ja-Hira": "よめないよ（{detail}）。",
        "en": "it cannot be read ({detail}).",
    },
    "reason_unknown_version": {
        "ja": "ファイルの版 {version} はありません。",
        "ja-Hira": "ファイルの はん {version} は ないよ。",
        "en": "there is no file version {version}.",
    },
    "reason_cannot_upgrade": {
        "ja": "古い blockbuilder（ファイルの版 {version}）で作られていて、新しい形に直せません。",
        "ja-Hira": "ふるい blockbuilder（ファイルの はん {version}）で つくられていて、あたらしい かたちに なおせないよ。",
        "en": "it was made by an older blockbuilder (file version {version}) and cannot be upgraded.",
    },
    "reason_too_long": {
        "ja": "文字が長すぎます（{length}文字、{limit}文字まで）。",
        "ja-Hira": "もじが ながすぎるよ（{length}もじ、{limit}もじ まで）。",
        "en": "the text is too long ({length} characters; the limit is {limit}).",
    },
    "reason_too_many": {
        "ja": "多すぎます（{count}個、{limit}個まで）。",
        "ja-Hira": "おおすぎるよ（{count}こ、{limit}こ まで）。",
        "en": "there are too many items ({count}; the limit is {limit}).",
    },
    "reason_empty": {
        "ja": "中身がありません。",
        "ja-Hira": "なかみが ないよ。",
        "en": "it is empty.",
    },
    "reason_bad_char": {
        "ja": "こわれた文字があります。",
        "ja-Hira": "こわれた もじが あるよ。",
        "en": "there is a broken character.",
    },
    "reason_no_such_block": {
        "ja": "「{id}」という名前のブロックはありません。",
        "ja-Hira": "「{id}」という なまえの ブロックは ないよ。",
        "en": "there is no block with the id '{id}'.",
    },
    "reason_repeated": {
        "ja": "「{value}」が2回あります。",
        "ja-Hira": "「{value}」が 2かい あるよ。",
        "en": "'{value}' appears twice.",
    },
    "detail_not_finite": {
        "ja": "数でない値（NaN や無限大）があります",
        "ja-Hira": "かずで ない あたい（NaN や むげんだい）が あるよ",
        "en": "a value is not a number (NaN or infinity)",
    },
    # What reason_wrong_type's {expected} names.
    "type_number": {"ja": "数", "ja-Hira": "かず", "en": "a number"},
    "type_integer": {"ja": "整数", "ja-Hira": "せいすう", "en": "a whole number"},
    "type_text": {"ja": "文字", "ja-Hira": "もじ", "en": "text"},
    "type_bool": {"ja": "true か false", "ja-Hira": "true か false", "en": "true or false"},
    "type_list": {"ja": "リスト [ ]", "ja-Hira": "リスト [ ]", "en": "a list [ ]"},
    "type_object": {"ja": "{{ }} のまとまり", "ja-Hira": "{{ }} の まとまり", "en": "a {{ }} group"},
    "type_point": {"ja": "[x, y, 答え] の形の点", "ja-Hira": "[x, y, こたえ] の かたちの てん",
                   "en": "a point [x, y, label]"},
    "type_label": {"ja": "整数か文字", "ja-Hira": "せいすうか もじ", "en": "a whole number or text"},
    "compile_no_data": {
        "ja": "ネットワークはデータのブロックから始めます。「データ」からブロックを出して、いちばん上に置いてください。",
        "ja-Hira": "ネットワークは データの ブロックから はじめるよ。「データ」から ブロックを だして、いちばん うえに おいてね。",
        "en": "A network starts with a data block: take one from Data and put it at the very top.",
    },
    "compile_no_output": {
        "ja": "このスクリプトのいちばん下に、出力のブロック（「なかま分けをする」など）をつけてください。",
        "ja-Hira": "この スクリプトの いちばん したに、でぐちの ブロック（「なかまわけを する」など）を つけてね。",
        "en": "Put an output block (like 'classify') at the bottom of this script.",
    },
    "compile_two_networks": {
        "ja": "データから出力までそろったネットワークがもう1つあります。1つだけにしてください（これを外すか、ばらばらにしてください）。",
        "ja-Hira": "データから でぐちまで そろった ネットワークが もう 1つ あるよ。1つだけに してね（これを はずすか、ばらばらに してね）。",
        "en": "There is already a network with data and an output; keep only one (remove this one or take it apart).",
    },
    "compile_too_many_weights": {
        "ja": "このネットワークは重みが{count}個になり、保存できる{limit}個をこえます。層かニューロンを減らしてください。",
        "ja-Hira": "この ネットワークは おもみが {count}こに なって、ほぞん できる {limit}こを こえるよ。"
                   "そうか ニューロンを へらしてね。",
        "en": "This network would have {count} weights, more than the {limit} a project can keep: "
              "use fewer layers or neurons.",
    },
    "compile_empty_layer": {
        "ja": "この層の中に、ニューロンのブロックを1つ以上入れてください。",
        "ja-Hira": "この そうの なかに、ニューロンの ブロックを 1つ いじょう いれてね。",
        "en": "Put at least one neuron block inside this layer.",
    },
    "compile_neuron_outside": {
        "ja": "ニューロンのブロックは「層」のブロックの中に入れてください。",
        "ja-Hira": "ニューロンの ブロックは「そう」の ブロックの なかに いれてね。",
        "en": "A neuron block goes inside a 'layer' block.",
    },
    "compile_not_neuron": {
        "ja": "「層」のブロックの中には、ニューロンのブロックしか入れられません。",
        "ja-Hira": "「そう」の ブロックの なかには、ニューロンの ブロックしか いれられないよ。",
        "en": "Only neuron blocks can go inside a 'layer' block.",
    },
    "compile_not_inside": {
        "ja": "このブロックはほかのブロックの中には入れられません。外に出してください。",
        "ja-Hira": "この ブロックは ほかの ブロックの なかには いれられないよ。そとに だしてね。",
        "en": "This block cannot go inside another block; take it out.",
    },
    "compile_data_not_top": {
        "ja": "データのブロックはネットワークのいちばん上にしか置けません。",
        "ja-Hira": "データの ブロックは ネットワークの いちばん うえにしか おけないよ。",
        "en": "A data block can only go at the very top of a network.",
    },
    "compile_output_not_bottom": {
        "ja": "出力のブロックはネットワークのいちばん下にしか置けません。",
        "ja-Hira": "でぐちの ブロックは ネットワークの いちばん したにしか おけないよ。",
        "en": "An output block can only go at the very bottom of a network.",
    },
    "compile_training_in_network": {
        "ja": "学習のブロックはネットワークではなく、「学習の設定」の下に置いてください。",
        "ja-Hira": "がくしゅうの ブロックは ネットワークでは なくて、「がくしゅうの せってい」の したに おいてね。",
        "en": "Training blocks go under 'training settings', not in the network.",
    },
    "compile_training_stray": {
        "ja": "「学習の設定」の下では学習のブロックしか使えません。このブロックはここでは何もしません。",
        "ja-Hira": "「がくしゅうの せってい」の したでは がくしゅうの ブロックしか つかえないよ。この ブロックは ここでは なにも しないよ。",
        "en": "Only training blocks work under 'training settings'; this block does nothing here.",
    },
    "compile_second_training": {
        "ja": "「学習の設定」がほかにもあるので、これは使われません。どちらかを外してください。",
        "ja-Hira": "「がくしゅうの せってい」が ほかにも あるので、これは つかわれないよ。どちらかを はずしてね。",
        "en": "There is another 'training settings' script, so this one is not used; remove one of them.",
    },
    "compile_unknown_block": {
        "ja": "このブロック（{kind}）は blockbuilder の知らないブロックです。外してください。",
        "ja-Hira": "この ブロック（{kind}）は blockbuilder の しらない ブロックだよ。はずしてね。",
        "en": "This block ({kind}) is not one blockbuilder knows; remove it.",
    },
    "compile_weights_count": {
        "ja": "このニューロンには、層の入力1つに1つずつ、重みが{want}個必要です（いまは{got}個）。",
        "ja-Hira": "この ニューロンには、そうの にゅうりょく 1つに 1つずつ、おもみが {want}こ いるよ（いまは {got}こ）。",
        "en": "This neuron needs {want} weights, one for each input of its layer (it has {got}).",
    },
    "compile_locked_no_weights": {
        "ja": "このニューロンは固定されていますが、重みが決まっていません。先に重みを決めてください。",
        "ja-Hira": "この ニューロンは ロックされているけど、おもみが きまっていないよ。さきに おもみを きめてね。",
        "en": "This neuron is locked but has no weights yet; set its weights first.",
    },
    "compile_softmax_not_last": {
        "ja": "ソフトマックスは出力の中のニューロンでしか使えません。出力の「なかま分けをする」がソフトマックスをしてくれます。",
        "ja-Hira": "ソフトマックスは でぐちの なかの ニューロンで しか つかえないよ。でぐちの「なかまわけを する」が ソフトマックスを してくれるよ。",
        "en": "Softmax only works in the neurons inside the answer; the 'classify' output already does softmax for you.",
    },
    "compile_softmax_mixed": {
        "ja": "ソフトマックスは層のニューロンみんなで使います。この層のすべてのニューロンをソフトマックスにするか、1つも使わないでください。",
        "ja-Hira": "ソフトマックスは そうの ニューロン みんなで つかうよ。この そうの ニューロンを ぜんぶ ソフトマックスに するか、1つも つかわないでね。",
        "en": "Softmax works on a whole layer: give it to every neuron in this layer, or to none.",
    },
    "compile_softmax_yes_no": {
        "ja": "「はい／いいえで答える」のニューロンにソフトマックスは使えません。シグモイドにするか、出力を「なかま分けをする」にしてください。",
        "ja-Hira": "「はい／いいえで こたえる」の ニューロンに ソフトマックスは つかえないよ。シグモイドに するか、でぐちを「なかまわけを する」に してね。",
        "en": "A yes / no answer's neuron cannot use softmax; use sigmoid, or the 'classify' output.",
    },
    "compile_answer_neurons": {
        "ja": "この出力のニューロンは、答え1つに1つずつ、{want}個にしてください（いまは{got}個）。"
              "全部外すと、ちょうどの数を自分で用意します。",
        "ja-Hira": "この でぐちの ニューロンは {want}こに してね（いまは {got}こ）。"
                   "ぜんぶ はずすと、ちょうどの かずを じぶんで つくるよ。",
        "en": "This answer needs {want} neuron(s), one for each answer (it has {got}); "
              "or take them all out and it makes the right number itself.",
    },
    "compile_data_is_numbers": {
        "ja": "このデータの答えは数なので、出力は「数を当てる（回帰）」にしてください。",
        "ja-Hira": "この データの こたえは かずだから、でぐちは「かずを あてる」に してね。",
        "en": "This data's answers are numbers, so use the 'predict a number' output.",
    },
    "compile_data_is_classes": {
        "ja": "このデータの答えはなかま（クラス）なので、出力は「なかま分けをする」か「はい／いいえで答える」にしてください。",
        "ja-Hira": "この データの こたえは なかま だから、でぐちは「なかまわけを する」か「はい／いいえで こたえる」に してね。",
        "en": "This data's answers are classes, so use the 'classify' or 'yes / no' output.",
    },
    "compile_yes_no_classes": {
        "ja": "このデータには答えが{n}種類ありますが、「はい／いいえ」で分けられるのは2種類だけです。出力を「なかま分けをする」にしてください。",
        "ja-Hira": "この データには こたえが {n}しゅるい あるけど、「はい／いいえ」で わけられるのは 2しゅるい だけだよ。でぐちを「なかまわけを する」に してね。",
        "en": "This data has {n} kinds of answer, but yes / no can only tell 2 apart; use the 'classify' output.",
    },
    "compile_csv_path": {
        "ja": "このブロックで使うCSVファイルを選んでください。",
        "ja-Hira": "この ブロックで つかう CSVファイルを えらんでね。",
        "en": "Choose the CSV file for this block.",
    },
    "compile_not_number": {
        "ja": "「{field}」は数にしてください（いまは「{value}」）。",
        "ja-Hira": "「{field}」は かずに してね（いまは「{value}」）。",
        "en": "'{field}' must be a number (it is '{value}').",
    },
    "compile_not_whole": {
        "ja": "「{field}」は 1, 2, 3 のような整数にしてください（いまは{value}）。",
        "ja-Hira": "「{field}」は 1, 2, 3 のような かずに してね（いまは {value}）。",
        "en": "'{field}' must be a whole number like 1, 2, 3 (it is {value}).",
    },
    "compile_range": {
        "ja": "「{field}」は{min}から{max}までにしてください（いまは{value}）。",
        "ja-Hira": "「{field}」は {min}から {max}までに してね（いまは {value}）。",
        "en": "'{field}' must be from {min} to {max} (it is {value}).",
    },
    "compile_bad_choice": {
        "ja": "「{field}」に「{value}」は選べません。リストから選んでください。",
        "ja-Hira": "「{field}」に「{value}」は えらべないよ。リストから えらんでね。",
        "en": "'{field}' cannot be '{value}'; pick one from the list.",
    },
    "compile_bad_value": {
        "ja": "「{field}」に「{value}」は使えません。",
        "ja-Hira": "「{field}」に「{value}」は つかえないよ。",
        "en": "'{field}' cannot be '{value}'.",
    },
    "compile_this_block": {"ja": "このブロック", "ja-Hira": "この ブロック", "en": "This block"},
    # --- why a block does not snap ---------------------------------------------------
    "drop_unknown": T("このブロックはここには置けません。", "この ブロックは ここには おけないよ。",
                      "This block cannot go here."),
    "drop_not_a_c_block": T("このブロックの中には何も入れられません。", "この ブロックの なかには なにも いれられないよ。",
                            "Nothing can go inside this block."),
    "drop_only_inside": T("{parent}の中に入れられるのは{inside}だけです。",
                          "{parent}の なかに いれられるのは {inside}だけだよ。",
                          "Only '{inside}' blocks can go inside '{parent}'."),
    "drop_needs_parent": T("{block}は{parent}ブロックの中に入れてください。",
                           "{block}は {parent}ブロックの なかに いれてね。",
                           "Put '{block}' inside a '{parent}' block."),
    "drop_hat_only_top": T("帽子の形のブロックはスクリプトのいちばん上にだけ置けます。",
                           "ぼうしの かたちの ブロックは いちばん うえに だけ おけるよ。",
                           "A hat block can only go at the top of a script."),
    "drop_above_hat": T("帽子の形のブロックの上には何も置けません。", "ぼうしの かたちの ブロックの うえには なにも おけないよ。",
                        "Nothing can go above a hat block."),
    "drop_below_cap": T("終わりのブロックの下には何もつなげられません。", "おわりの ブロックの したには なにも つなげられないよ。",
                        "Nothing can go below an ending block."),
    "drop_cap_only_bottom": T("終わりのブロックはスクリプトのいちばん下にだけ置けます。",
                              "おわりの ブロックは いちばん したに だけ おけるよ。",
                              "An ending block can only go at the bottom of a script."),
    # --- what a child typed into a field --------------------------------------------------
    "field_auto": T("おまかせ", "おまかせ", "auto"),
    "field_bad_number": T("数を入れてください（{low} から {high} まで）。", "かずを いれてね（{low} から {high} まで）。",
                          "Type a number from {low} to {high}."),
    "field_bad_integer": T("整数を入れてください（{low} から {high} まで）。", "せいすうを いれてね（{low} から {high} まで）。",
                           "Type a whole number from {low} to {high}."),
    "field_out_of_range": T("{low} から {high} までの数にしてください。", "{low} から {high} までの かずに してね。",
                            "Use a number from {low} to {high}."),
    "field_bad_weights": T("重みは数をカンマで区切って入れてください（-{limit} から {limit} まで）。空にするとおまかせです。",
                           "おもみは かずを カンマで くぎって いれてね（-{limit} から {limit} まで）。からに すると おまかせだよ。",
                           "Type the weights as numbers separated by commas (-{limit} to {limit}); leave it empty for auto."),
}

msg = Words("document", TEXTS)
