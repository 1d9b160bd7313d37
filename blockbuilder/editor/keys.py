"""pyglet's key, modifier and mouse-button codes as plain numbers, so the controller needs no pyglet.
A view test checks each against pyglet.window.key / pyglet.window.mouse."""
import sys

A, C, D, M, N, O, S, V, Y, Z, _0 = 97, 99, 100, 109, 110, 111, 115, 118, 121, 122, 48   # M: move with the keys
EQUAL, PLUS, MINUS, NUM_ADD, NUM_SUBTRACT, NUM_ENTER = 61, 43, 45, 65451, 65453, 65421
DELETE, BACKSPACE, TAB, SPACE, ESCAPE = 65535, 65288, 65289, 32, 65307
UP, DOWN, LEFT_KEY, RIGHT_KEY, ENTER, RETURN = 65362, 65364, 65361, 65363, 65293, 65293
MOD_SHIFT, MOD_CTRL, MOD_ALT, MOD_COMMAND = 1, 2, 4, 64
LEFT, MIDDLE, RIGHT = 1, 2, 4   # mouse buttons
IS_MAC = sys.platform == "darwin"
