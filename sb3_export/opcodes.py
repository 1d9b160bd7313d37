"""Every Scratch opcode the exporter writes, with its inputs and fields: no other module spells one.

Names follow scratch-vm (src/blocks/scratch3_*.js) and its serializer (src/serialization/sb3.js).
"""
from __future__ import annotations

from dataclasses import dataclass, field

# --- sb3.js's magic numbers ----------------------------------------------------------------
# The first item of an input array says how the input is filled.
INPUT_SAME_BLOCK_SHADOW = 1  # the input holds its shadow (a literal or a menu)
INPUT_BLOCK_NO_SHADOW = 2    # the input holds a block and no shadow (boolean slots, substacks)
INPUT_DIFF_BLOCK_SHADOW = 3  # a block covers the input's shadow

# Compressed primitives: [code, value] (or [code, name, id] for broadcasts, variables, lists).
MATH_NUM_PRIMITIVE = 4       # math_number
POSITIVE_NUM_PRIMITIVE = 5   # math_positive_number
WHOLE_NUM_PRIMITIVE = 6      # math_whole_number
INTEGER_NUM_PRIMITIVE = 7    # math_integer
ANGLE_NUM_PRIMITIVE = 8      # math_angle
COLOR_PICKER_PRIMITIVE = 9   # colour_picker
TEXT_PRIMITIVE = 10          # text
BROADCAST_PRIMITIVE = 11     # event_broadcast_menu
VAR_PRIMITIVE = 12           # data_variable
LIST_PRIMITIVE = 13          # data_listcontents

PRIMITIVE_OPCODES = {
    MATH_NUM_PRIMITIVE: "math_number", POSITIVE_NUM_PRIMITIVE: "math_positive_number",
    WHOLE_NUM_PRIMITIVE: "math_whole_number", INTEGER_NUM_PRIMITIVE: "math_integer",
    ANGLE_NUM_PRIMITIVE: "math_angle", COLOR_PICKER_PRIMITIVE: "colour_picker", TEXT_PRIMITIVE: "text",
    BROADCAST_PRIMITIVE: "event_broadcast_menu", VAR_PRIMITIVE: "data_variable",
    LIST_PRIMITIVE: "data_listcontents",
}

# Kinds of input slot besides the primitives above.
BOOLEAN = "boolean"      # a hexagonal slot: a block or nothing
SUBSTACK = "substack"    # the mouth of a C block
MENU = "menu"            # a shadow block holding a dropdown (see Op.menus)

# Block shapes.
HAT, STACK, C_BLOCK, CAP, REPORTER, PREDICATE = "hat", "stack", "c", "cap", "reporter", "boolean"


@dataclass(frozen=True)
class Op:
    """One opcode: its shape, its inputs (name -> slot kind) and its fields."""

    opcode: str
    shape: str
    inputs: dict[str, object] = field(default_factory=dict)
    fields: tuple[str, ...] = ()
    menus: dict[str, tuple[str, str]] = field(default_factory=dict)  # input -> (menu opcode, its field)


def _ops(*ops: Op) -> dict[str, Op]:
    return {o.opcode: o for o in ops}


N, W, I, T, C = MATH_NUM_PRIMITIVE, WHOLE_NUM_PRIMITIVE, INTEGER_NUM_PRIMITIVE, TEXT_PRIMITIVE, COLOR_PICKER_PRIMITIVE

OPS: dict[str, Op] = _ops(
    # events
    Op("event_whenflagclicked", HAT),
    Op("event_whenthisspriteclicked", HAT),
    Op("event_whenbroadcastreceived", HAT, fields=("BROADCAST_OPTION",)),
    Op("event_broadcast", STACK, {"BROADCAST_INPUT": BROADCAST_PRIMITIVE}),
    Op("event_broadcastandwait", STACK, {"BROADCAST_INPUT": BROADCAST_PRIMITIVE}),
    # control
    Op("control_repeat", C_BLOCK, {"TIMES": W, "SUBSTACK": SUBSTACK}),
    Op("control_forever", CAP, {"SUBSTACK": SUBSTACK}),
    Op("control_repeat_until", C_BLOCK, {"CONDITION": BOOLEAN, "SUBSTACK": SUBSTACK}),
    Op("control_if", C_BLOCK, {"CONDITION": BOOLEAN, "SUBSTACK": SUBSTACK}),
    Op("control_if_else", C_BLOCK, {"CONDITION": BOOLEAN, "SUBSTACK": SUBSTACK, "SUBSTACK2": SUBSTACK}),
    Op("control_wait", STACK, {"DURATION": POSITIVE_NUM_PRIMITIVE}),
    # operators
    Op("operator_add", REPORTER, {"NUM1": N, "NUM2": N}),
    Op("operator_subtract", REPORTER, {"NUM1": N, "NUM2": N}),
    Op("operator_multiply", REPORTER, {"NUM1": N, "NUM2": N}),
    Op("operator_divide", REPORTER, {"NUM1": N, "NUM2": N}),
    Op("operator_round", REPORTER, {"NUM": N}),
    Op("operator_mathop", REPORTER, {"NUM": N}, fields=("OPERATOR",)),
    Op("operator_lt", PREDICATE, {"OPERAND1": T, "OPERAND2": T}),
    Op("operator_gt", PREDICATE, {"OPERAND1": T, "OPERAND2": T}),
    Op("operator_equals", PREDICATE, {"OPERAND1": T, "OPERAND2": T}),
    Op("operator_and", PREDICATE, {"OPERAND1": BOOLEAN, "OPERAND2": BOOLEAN}),
    Op("operator_not", PREDICATE, {"OPERAND": BOOLEAN}),
    Op("operator_join", REPORTER, {"STRING1": T, "STRING2": T}),
    # variables and lists
    Op("data_setvariableto", STACK, {"VALUE": T}, fields=("VARIABLE",)),
    Op("data_changevariableby", STACK, {"VALUE": N}, fields=("VARIABLE",)),
    Op("data_addtolist", STACK, {"ITEM": T}, fields=("LIST",)),
    Op("data_deletealloflist", STACK, fields=("LIST",)),
    Op("data_replaceitemoflist", STACK, {"INDEX": I, "ITEM": T}, fields=("LIST",)),
    Op("data_itemoflist", REPORTER, {"INDEX": I}, fields=("LIST",)),
    Op("data_lengthoflist", REPORTER, fields=("LIST",)),
    # motion
    Op("motion_gotoxy", STACK, {"X": N, "Y": N}),
    Op("motion_setx", STACK, {"X": N}),
    Op("motion_sety", STACK, {"Y": N}),
    Op("motion_changexby", STACK, {"DX": N}),
    Op("motion_changeyby", STACK, {"DY": N}),
    Op("motion_xposition", REPORTER),
    Op("motion_yposition", REPORTER),
    # looks
    Op("looks_say", STACK, {"MESSAGE": T}),
    Op("looks_show", STACK),
    Op("looks_switchcostumeto", STACK, {"COSTUME": MENU}, menus={"COSTUME": ("looks_costume", "COSTUME")}),
    # sensing
    Op("sensing_mousex", REPORTER),
    Op("sensing_mousey", REPORTER),
    Op("sensing_mousedown", PREDICATE),
    Op("sensing_setdragmode", STACK, fields=("DRAG_MODE",)),
    # pen (the built-in extension "pen")
    Op("pen_clear", STACK),
    Op("pen_penDown", STACK),
    Op("pen_penUp", STACK),
    Op("pen_stamp", STACK),
    Op("pen_setPenColorToColor", STACK, {"COLOR": C}),
    Op("pen_setPenSizeTo", STACK, {"SIZE": N}),
    # custom blocks
    Op("procedures_definition", HAT),           # input custom_block -> its prototype (written by scripts.py)
    Op("procedures_prototype", STACK),          # a shadow; inputs are its argument reporters
    Op("procedures_call", STACK),               # inputs keyed by argument id
    Op("argument_reporter_string_number", REPORTER, fields=("VALUE",)),
    # the menus behind MENU inputs (shadow blocks)
    Op("looks_costume", REPORTER, fields=("COSTUME",)),
)

# Values of dropdown fields.
MATHOP = ("abs", "floor", "ceiling", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "ln", "log", "e ^", "10 ^")

# Opcodes whose blocks are shadows (never executed, never top-level).
SHADOW_OPCODES = frozenset({"procedures_prototype", "looks_costume"})

# The only extension an exported project uses.
PEN_EXTENSION = "pen"


def op(opcode: str) -> Op:  # noqa: D401
    """The table entry for an opcode; a misspelt opcode is an error here, not a silent no-op in Scratch."""
    try:
        return OPS[opcode]
    except KeyError:
        raise KeyError(f"unknown Scratch opcode {opcode!r}") from None


# --- the block tree: what lowering and the stage toys build; scripts.py serializes it -----

@dataclass(frozen=True)
class Var:
    """A Scratch variable: `id` is unique in the project; `local` ones belong to one sprite."""

    id: str
    name: str
    value: object = 0
    local: bool = False


@dataclass(frozen=True)
class ListVar:
    """A Scratch list and the items it starts with."""

    id: str
    name: str
    items: tuple = ()
    local: bool = False


@dataclass(frozen=True)
class Broadcast:
    id: str
    name: str


@dataclass
class Node:
    """One block. Inputs hold literals, Vars, Nodes, lists of Nodes (a substack) or None (empty)."""

    opcode: str
    inputs: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    mutation: dict | None = None
    comment: str | None = None

    def __post_init__(self):
        spec = op(self.opcode)
        for name in self.inputs:
            if name not in spec.inputs and not self.opcode.startswith("procedures_"):
                raise KeyError(f"{self.opcode} has no input {name!r}")
        for name in self.fields:
            if name not in spec.fields:
                raise KeyError(f"{self.opcode} has no field {name!r}")

    def with_comment(self, text: str) -> "Node":
        self.comment = text
        return self


def _n(opcode: str, fields: dict | None = None, **inputs) -> Node:
    return Node(opcode, inputs, fields or {})


# events
def when_flag() -> Node: return _n("event_whenflagclicked")
def when_clicked() -> Node: return _n("event_whenthisspriteclicked")
def when_received(b: Broadcast) -> Node: return _n("event_whenbroadcastreceived", {"BROADCAST_OPTION": b})
def broadcast(b: Broadcast) -> Node: return _n("event_broadcast", BROADCAST_INPUT=b)
def broadcast_and_wait(b: Broadcast) -> Node: return _n("event_broadcastandwait", BROADCAST_INPUT=b)


# control
def repeat(times, body: list) -> Node: return _n("control_repeat", TIMES=times, SUBSTACK=body)
def forever(body: list) -> Node: return _n("control_forever", SUBSTACK=body)
def repeat_until(cond, body: list) -> Node: return _n("control_repeat_until", CONDITION=cond, SUBSTACK=body)
def if_(cond, body: list) -> Node: return _n("control_if", CONDITION=cond, SUBSTACK=body)
def if_else(cond, body: list, else_body: list) -> Node:
    return _n("control_if_else", CONDITION=cond, SUBSTACK=body, SUBSTACK2=else_body)
def wait(seconds) -> Node: return _n("control_wait", DURATION=seconds)


# operators
def add(a, b) -> Node: return _n("operator_add", NUM1=a, NUM2=b)
def sub(a, b) -> Node: return _n("operator_subtract", NUM1=a, NUM2=b)
def mul(a, b) -> Node: return _n("operator_multiply", NUM1=a, NUM2=b)
def div(a, b) -> Node: return _n("operator_divide", NUM1=a, NUM2=b)
def round_(a) -> Node: return _n("operator_round", NUM=a)
def mathop(name: str, a) -> Node:
    if name not in MATHOP:
        raise KeyError(f"unknown math function {name!r}")
    return _n("operator_mathop", {"OPERATOR": name}, NUM=a)
def lt(a, b) -> Node: return _n("operator_lt", OPERAND1=a, OPERAND2=b)
def gt(a, b) -> Node: return _n("operator_gt", OPERAND1=a, OPERAND2=b)
def eq(a, b) -> Node: return _n("operator_equals", OPERAND1=a, OPERAND2=b)
def and_(a, b) -> Node: return _n("operator_and", OPERAND1=a, OPERAND2=b)
def not_(a) -> Node: return _n("operator_not", OPERAND=a)
def join(a, b) -> Node: return _n("operator_join", STRING1=a, STRING2=b)


# variables and lists
def set_var(v: Var, value) -> Node: return _n("data_setvariableto", {"VARIABLE": v}, VALUE=value)
def change_var(v: Var, by) -> Node: return _n("data_changevariableby", {"VARIABLE": v}, VALUE=by)
def add_to(lst: ListVar, item) -> Node: return _n("data_addtolist", {"LIST": lst}, ITEM=item)
def delete_all(lst: ListVar) -> Node: return _n("data_deletealloflist", {"LIST": lst})
def replace_item(lst: ListVar, index, item) -> Node:
    return _n("data_replaceitemoflist", {"LIST": lst}, INDEX=index, ITEM=item)
def item(lst: ListVar, index) -> Node: return _n("data_itemoflist", {"LIST": lst}, INDEX=index)
def length(lst: ListVar) -> Node: return _n("data_lengthoflist", {"LIST": lst})


# motion
def go_to(x, y) -> Node: return _n("motion_gotoxy", X=x, Y=y)
def set_x(x) -> Node: return _n("motion_setx", X=x)
def set_y(y) -> Node: return _n("motion_sety", Y=y)
def change_x(dx) -> Node: return _n("motion_changexby", DX=dx)
def change_y(dy) -> Node: return _n("motion_changeyby", DY=dy)
def x_position() -> Node: return _n("motion_xposition")
def y_position() -> Node: return _n("motion_yposition")


# looks
def say(message) -> Node: return _n("looks_say", MESSAGE=message)
def show() -> Node: return _n("looks_show")
def switch_costume(name: str) -> Node: return _n("looks_switchcostumeto", COSTUME=name)


# sensing
def mouse_x() -> Node: return _n("sensing_mousex")
def mouse_y() -> Node: return _n("sensing_mousey")
def mouse_down() -> Node: return _n("sensing_mousedown")
def set_draggable(yes: bool = True) -> Node:
    return _n("sensing_setdragmode", {"DRAG_MODE": "draggable" if yes else "not draggable"})


# pen
def pen_clear() -> Node: return _n("pen_clear")
def pen_down() -> Node: return _n("pen_penDown")
def pen_up() -> Node: return _n("pen_penUp")
def stamp() -> Node: return _n("pen_stamp")
def set_pen_color(hex_colour: str) -> Node: return _n("pen_setPenColorToColor", COLOR=hex_colour)
def set_pen_size(size) -> Node: return _n("pen_setPenSizeTo", SIZE=size)


# custom blocks ("My Blocks")
PROCEDURE_DEFINITION = "procedures_definition"
PROCEDURE_PROTOTYPE = "procedures_prototype"
PROCEDURE_CALL = "procedures_call"
ARGUMENT_REPORTER = "argument_reporter_string_number"
DATA_VARIABLE = PRIMITIVE_OPCODES[VAR_PRIMITIVE]
DATA_LIST = PRIMITIVE_OPCODES[LIST_PRIMITIVE]


@dataclass(frozen=True)
class Procedure:
    """A custom block: `proccode` has one %s per argument, e.g. "sigmoid from %s to %s"."""

    proccode: str
    arg_names: tuple[str, ...] = ()
    warp: bool = True  # "run without screen refresh"

    @property
    def arg_ids(self) -> tuple[str, ...]:
        return tuple(f"{self.proccode}:{n}" for n in self.arg_names)

    def arg(self, name: str) -> Node:
        """The reporter for one of this block's arguments, to use inside its definition."""
        if name not in self.arg_names:
            raise KeyError(f"{self.proccode!r} has no argument {name!r}")
        return _n(ARGUMENT_REPORTER, {"VALUE": name})


def define(proc: Procedure) -> Node:
    """The hat of a custom block's definition (scripts.py writes its prototype)."""
    return Node(PROCEDURE_DEFINITION, {}, {}, mutation={"procedure": proc})


def call(proc: Procedure, *args) -> Node:
    if len(args) != len(proc.arg_names):
        raise TypeError(f"{proc.proccode!r} takes {len(proc.arg_names)} arguments, got {len(args)}")
    return Node(PROCEDURE_CALL, dict(zip(proc.arg_ids, args)), {}, mutation={"procedure": proc})


# --- added for the stage toys ---------------------------------------------------------------
# Checked against scratch-vm 5.0.300 (src/blocks/scratch3_looks.js, src/serialization/sb2_specmap.js)
# and scratch-blocks (blocks_vertical/looks.js): the effect menu is a plain field whose values are
# upper case; a backdrop menu is the shadow block looks_backdrops with the field BACKDROP.
OPS.update(_ops(
    Op("looks_seteffectto", STACK, {"VALUE": N}, fields=("EFFECT",)),
    Op("looks_cleargraphiceffects", STACK),
    Op("looks_switchbackdropto", STACK, {"BACKDROP": MENU}, menus={"BACKDROP": ("looks_backdrops", "BACKDROP")}),
    Op("looks_backdrops", REPORTER, fields=("BACKDROP",)),
))
SHADOW_OPCODES = SHADOW_OPCODES | {"looks_backdrops"}
EFFECTS = ("COLOR", "FISHEYE", "WHIRL", "PIXELATE", "MOSAIC", "BRIGHTNESS", "GHOST")


def set_effect(effect: str, value) -> Node:
    """set [effect] effect to (value); `effect` is one of EFFECTS, e.g. "GHOST" (0 = solid, 100 = invisible)."""
    if effect not in EFFECTS:
        raise KeyError(f"unknown graphic effect {effect!r}")
    return _n("looks_seteffectto", {"EFFECT": effect}, VALUE=value)


def clear_effects() -> Node: return _n("looks_cleargraphiceffects")
def switch_backdrop(name: str) -> Node: return _n("looks_switchbackdropto", BACKDROP=name)
