"""The words of the heatmaps and the network diagram on the stage, merged into blockbuilder.messages.CATALOG."""
from __future__ import annotations

# key -> {lang: template}; every language has the same {fields}; ja-Hira has no kanji.
MAPS_TEXTS: dict[str, dict[str, str]] = {
    # --- under the answer's map: what its colours mean (maps.legend picks one by the output) ---
    "maps_legend_yes_no": {
        "ja": "青は「はい」、オレンジは「いいえ」。色がうすいところは、まだ迷っています。",
        "ja-Hira": "あおは「はい」、オレンジは「いいえ」。いろが うすい ところは、まだ まよって いるよ。",
        "en": "Blue means yes, orange means no. Pale places are where it is not sure yet.",
    },
    "maps_legend_classify": {
        "ja": "色は、そこの点をどのなかまだと思うか。色がうすいところは、まだ迷っています。",
        "ja-Hira": "いろは、そこの てんを どの なかまだと おもうか。いろが うすい ところは、まだ まよって いるよ。",
        "en": "Each colour is the group it picks there. Pale places are where it is not sure yet.",
    },
    "maps_legend_regress": {
        "ja": "青は大きい数、オレンジは小さい数の答えです。",
        "ja-Hira": "あおは おおきい かず、オレンジは ちいさい かずの こたえだよ。",
        "en": "Blue means a big answer, orange means a small one.",
    },
    "maps_legend_regress_range": {
        "ja": "青は大きい数（{high}まで）、オレンジは小さい数（{low}まで）。点と下の色が同じなら当たり。",
        "ja-Hira": "あおは おおきい かず（{high}まで）、オレンジは ちいさい かず（{low}まで）。"
                   "てんと したの いろが おなじなら あたり。",
        "en": "Blue is big (up to {high}), orange small (down to {low}). A point coloured like the map under it "
              "is right.",
    },
    # --- the network diagram ------------------------------------------------------------------
}
