"""How blockbuilder says things: the one CATALOG of sentences, the Message kinds, and a room's Words.

Each room of blockbuilder keeps its sentences (ja, ja-Hira, en) in a texts.py beside its code. A room's
`msg` makes a Message from its own keys or from the rooms below it (document < editor < lab < session;
view over lab; the command line over all), so no room can say what only a room above it knows. Every
room's sentences land in the one CATALOG that a UIMessage reads when it is shown.
"""
from __future__ import annotations

import json
import re
from typing import Any

from runtime import Message, RuntimeProblem

CATALOG: dict[str, dict[str, str]] = {}   # every room's sentences, filled as each texts.py is imported


def T(ja: str, hira: str, en: str) -> dict[str, str]:
    return {"ja": ja, "ja-Hira": hira, "en": en}


class UIMessage(Message):
    """A Message whose text comes from blockbuilder's CATALOG."""

    catalog = CATALOG


class UIProblem(RuntimeProblem):
    """An error a person can act on, carrying a Message; the CLI and the window show its text."""


class Label(Message):
    """A catalog label (lang -> text) used inside a message, e.g. the name of a block's field."""

    def text(self, lang: str = "en") -> str:
        return self.params.get(lang) or self.params.get("en", "")


class Words:
    """One room's sentences, added to CATALOG; calling it makes a UIMessage from them or a room's below."""

    def __init__(self, room: str, texts: dict[str, dict[str, str]], *below: "Words"):
        clash = set(texts) & set(CATALOG)
        assert not clash, f"catalog keys defined twice: {sorted(clash)}"
        CATALOG.update(texts)
        self.room, self.texts = room, texts
        self.keys = frozenset(texts).union(*(b.keys for b in below))

    def __call__(self, key: str, **params) -> UIMessage:
        if key not in self.keys:
            raise KeyError(f"no message {key!r} in the words of the {self.room} room or the rooms below it")
        return UIMessage(key, params)


# --- a value from a document, in a message ------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # everything str.splitlines() breaks on


def one_line(text: str) -> str:
    """Text safe to show in a message: no line breaks, no lone surrogates (odd bytes in a file name)."""
    return _CONTROL.sub("?", text.encode("utf-8", "replace").decode("utf-8"))


def shown(value: Any) -> str:
    """A value from a document as a message shows it: one line, at most 40 characters."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list):
        text = "[…]" if value else "[]"
    elif isinstance(value, dict):
        text = "{…}" if value else "{}"
    elif value is None or isinstance(value, (bool, int, float)):
        text = json.dumps(value)
    else:
        text = type(value).__name__
    return one_line(text if len(text) <= 40 else text[:39] + "…")
