"""A block's fields: what counts as a number and how one is shown (on a block and in a message alike),
reading what a child typed into a field, and checking a stored value against the catalog."""
from __future__ import annotations

import math
import unicodedata

from runtime import Message, msg as runtime_msg, plain_number

from .texts import msg
from .words import Label, shown

WEIGHT_LIMIT = 1000     # a hand-set weight or bias is at most this big either way


def is_number(v) -> bool:
    """A finite int or float that a float can hold (not a bool, not NaN, not 10**400)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:   # an int too big for a float
        return False


def show_number(v, grouped: bool = False) -> str:
    """A number as a child reads it: 3 not 3.0, 0.00001 not 1e-05, and every digit it needs to read back
    the same; `grouped` (in a sentence, not in a field a child types into): 100,000. Anything else as str()."""
    return plain_number(v, grouped=grouped) if is_number(v) else str(v)


def _bound(v) -> str:
    """A field's limit in a sentence: 0.00001, 10, 100,000."""
    return show_number(v, grouped=True)


def read_number(text: str) -> float | None:
    """A finite number from text, or None."""
    try:
        v = float(text)
    except ValueError:
        return None
    return v if math.isfinite(v) else None


def parse_field(text: str, p) -> tuple[object, Message | None]:
    """A typed value for a field (a catalog Param), or why it is refused (one sentence with the range)."""
    text = unicodedata.normalize("NFKC", text).strip()   # full-width digits from a Japanese keyboard
    if p.kind == "text":
        return text, None
    if p.kind == "weights":
        return _parse_weights(text)
    value = read_number(text)
    if value is None or (p.kind == "integer" and not float(value).is_integer()):
        return None, msg("field_bad_integer" if p.kind == "integer" else "field_bad_number",
                         low=_bound(p.min), high=_bound(p.max))
    if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
        return None, msg("field_out_of_range", low=_bound(p.min), high=_bound(p.max))
    return (int(value) if p.kind == "integer" else value), None


def _parse_weights(text: str) -> tuple[list[float] | None, Message | None]:
    """Numbers separated by commas (or 、 or spaces); empty or "auto" means not set by hand."""
    if text in ("", "auto", msg("field_auto").text("ja")):
        return None, None
    values = [read_number(t) for t in text.replace("、", ",").replace(" ", ",").split(",") if t]
    if not values or any(v is None or abs(v) > WEIGHT_LIMIT for v in values):
        return None, msg("field_bad_weights", limit=_bound(WEIGHT_LIMIT))
    return values, None


# --- a stored value, checked against the catalog (compile) ---------------------------------------

PERCENT = ("noise", "test_ratio", "rate")  # blocks show percent; the runtime takes fractions


def why_bad(p, v) -> Message | None:
    """Why `v` cannot be the value of the catalog Param `p`, or None when it can."""
    field = Label("label", dict(p.label))
    if p.kind in ("number", "integer"):
        return _bad_number(p, v, field)
    if p.kind == "features":
        return _bad_features(p, v, field)
    if p.kind == "weights":
        return _bad_weights(v, field)
    if p.kind == "choice":
        ok, key = isinstance(v, str) and v in p.choices, "compile_bad_choice"
    else:
        ok, key = isinstance(v, {"bool": bool, "text": str, "points": list}[p.kind]), "compile_bad_value"
    return None if ok else msg(key, field=field, value=_shown(v))


def for_runtime(p, v):
    """A field's value as the runtime takes it: whole numbers as int, percents as fractions."""
    if p.kind == "integer":
        return int(v)
    if p.kind == "number":
        return v / 100 if p.name in PERCENT else float(v)
    return list(v) if isinstance(v, list) else v


def _shown(v) -> str:
    """A value in a message: a number as on its block (0.00001, not 1e-05), anything else as shown()."""
    return shown(show_number(v) if is_number(v) else v)


def _bad_number(p, v, field: Label) -> Message | None:
    if not is_number(v):
        return msg("compile_not_number", field=field, value=_shown(v))
    if p.kind == "integer" and v != int(v):
        return msg("compile_not_whole", field=field, value=_shown(v))
    if (p.min is not None and v < p.min) or (p.max is not None and v > p.max):
        return msg("compile_range", field=field, min=_bound(p.min), max=_bound(p.max), value=_shown(v))
    return None


def _bad_weights(v, field: Label) -> Message | None:
    """None (not set by hand) or a list of numbers; names the first thing that is not a number."""
    if v is None:
        return None
    wrong = [w for w in v if not is_number(w)] if isinstance(v, list) else [v]
    return msg("compile_not_number", field=field, value=_shown(wrong[0])) if wrong else None


def _bad_features(p, v, field: Label) -> Message | None:
    if not isinstance(v, list) or not all(isinstance(f, str) for f in v):
        return msg("compile_bad_value", field=field, value=_shown(v))
    wrong = [f for f in v if f not in p.choices]
    if wrong:
        return msg("compile_bad_choice", field=field, value=_shown(wrong[0]))
    if not v:
        return runtime_msg("spec_features_empty")
    twice = [f for f in v if v.count(f) > 1]
    return runtime_msg("spec_features_repeated", value=twice[0]) if twice else None
