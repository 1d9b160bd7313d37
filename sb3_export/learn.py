"""Learning in plain Scratch blocks: the training points as lists, backpropagation and the optimizer.

How the exported project learns (the same arithmetic, in the same order, as runtime.Trainer with
fixed_order=True on the points in `training_order`):

    "learn" clicked -> one batch after another (custom block "learn from one batch"):
        for each point of the batch:
            run the network and remember      the forward pass, keeping what each layer gave
            compare with the right answer     the error at the output, the loss, right or wrong
            layer L .. layer 1: learn from the error
                                              each layer's gradients, and the error it passes back
        layer 1 .. layer L: change the weights      the optimizer (SGD, Momentum, AdaGrad, RMSprop, Adam)
    every few epochs the stage's picture is drawn again; "start again" puts the starting weights back.

Lists: the weights stay where the forward pass reads them ("layer 2 weights", neuron by neuron);
each has a gradient list beside it, the optimizer's memory, and a copy of the starting weights.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

from runtime import DenseSpec, NetworkSpec, TrainingSpec, output_fuses_last_activation

from . import opcodes as o
from .assemble import Monitor, Sprite
from .assets import Costume
from .lower import LIST_LIMIT, LEAKY_SLOPE, NetworkProgram, number
from .messages import ExportMessage, msg, text
from .opcodes import Broadcast, ListVar, Node, Procedure, Var
from .scripts import Script
from .toys.common import as_rows, plain, width_of

MAX_LEARN_WEIGHTS = 20_000      # more would take minutes per epoch in a browser
MAX_LEARN_POINTS = 5_000        # training points kept in the project
MAP_BLOCKS = 2_500_000          # block executions a map picture may take (toys/plot.py's MAP_BUDGET)
EPS = 1e-7                      # runtime.optimizers' epsilon
MOMENTUM, DECAY, BETA1, BETA2 = 0.9, 0.99, 0.9, 0.999


def training_order(n: int, seed: int) -> list[int]:
    """The order the exported project goes through the points, every epoch: shuffled once, by the seed."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return order


def learn_problem(spec: NetworkSpec, data, n_weights: int) -> ExportMessage | None:
    """Why this network cannot learn inside Scratch (one sentence), or None when it can."""
    for ls in spec.layers:
        if ls.kind == "batchnorm":
            return msg("learn_no_batchnorm")
        if ls.kind == "dropout":
            return msg("learn_no_dropout")
        acts = ls.activations() if isinstance(ls, DenseSpec) else [ls.activation]
        if "step" in acts:
            return msg("learn_no_step")
        if "softmax" in acts and len(set(acts)) > 1:
            return msg("learn_no_step")
        if isinstance(ls, DenseSpec) and any(ls.frozen()):
            return msg("learn_no_frozen")
    if not any(isinstance(ls, DenseSpec) for ls in spec.layers):
        return msg("learn_nothing")
    if data is None or len(data.x) == 0:
        return msg("learn_no_data")
    if not _data_fits(spec, data):
        return msg("learn_data_mismatch")
    if n_weights > MAX_LEARN_WEIGHTS or len(data.x) > MAX_LEARN_POINTS or \
            len(data.x) * spec.input.size > LIST_LIMIT:
        return msg("learn_too_big", weights=n_weights, limit=MAX_LEARN_WEIGHTS, points=len(data.x),
                   max_points=MAX_LEARN_POINTS)
    return None


def _data_fits(spec: NetworkSpec, data) -> bool:
    """The points have the network's inputs, and answers of the kind its output learns from."""
    kind, answers = spec.output.kind, plain(data.y)
    if width_of(data.x) != spec.input.size or len(answers) != len(data.x):
        return False
    if kind == "regress":
        return data.task == "regress" and all(
            len(a) == spec.output.units if isinstance(a, (list, tuple)) else spec.output.units == 1 for a in answers)
    classes = 2 if kind == "yes_no" else spec.output.units
    flat = [a[0] if isinstance(a, (list, tuple)) else a for a in answers]
    return data.task == "classify" and all(float(c).is_integer() and 0 <= c < classes for c in flat)


@dataclass
class Learning:
    """What learning adds to the project."""

    network_scripts: list[Script]
    local_vars: list[Var]
    local_lists: list[ListVar]
    global_vars: list[Var]
    broadcasts: list[Broadcast]
    sprites: list[Sprite]
    monitors: list[Monitor]
    learn: Broadcast | None        # "learn": runs the epochs
    again: Broadcast | None        # "start again": the starting weights back
    epoch: Var | None
    loss: Var | None
    accuracy: Var | None
    order: list[int]
    blocks_per_step: int = 0       # block executions one batch takes, estimated
    map_every: int = 0             # epochs between two pictures of the stage (0: no picture)

    @classmethod
    def nothing(cls) -> "Learning":
        """No learning: a project that only runs the network."""
        return cls([], [], [], [], [], [], [], None, None, None, None, None, [])


def _button_costume(name: str, colour: str, dark: str, icon: str) -> Costume:
    """A 100x40 rounded button in `colour` with a white `icon` (SVG shapes) on it: no words needed."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" viewBox="0 0 100 40">'
           f'<rect x="2" y="5" width="96" height="33" rx="14" fill="{dark}"/>'
           f'<rect x="2" y="2" width="96" height="33" rx="14" fill="{colour}" stroke="{dark}" stroke-width="3"/>'
           f'{icon}</svg>')
    return Costume(name, svg, (50.0, 20.0))


# a play triangle next to a little rising curve: "learn"
LEARN_ICON = ('<polygon points="22,9 22,29 38,19" fill="#FFFFFF"/>'
              '<polyline points="50,28 60,22 70,18 84,10" fill="none" stroke="#FFFFFF" stroke-width="4" '
              'stroke-linecap="round" stroke-linejoin="round"/>')
# a circular arrow: "start again"
AGAIN_ICON = ('<path d="M62 11 A10 10 0 1 0 66 24" fill="none" stroke="#FFFFFF" stroke-width="4" '
              'stroke-linecap="round"/><polygon points="58,5 68,10 59,17" fill="#FFFFFF"/>')


class _Learner:
    def __init__(self, program: NetworkProgram, spec: NetworkSpec, settings: TrainingSpec, data, lang: str,
                 redraw: Procedure | None):
        self.net, self.spec, self.s, self.lang, self.redraw = program, spec, settings, lang, redraw
        t = self.t
        self.n_points = len(data.x)
        self.order = training_order(self.n_points, settings.seed)
        rows, answers_in = as_rows(data.x), plain(data.y)
        kind = spec.output.kind
        answers: list = []
        for i in self.order:
            a = answers_in[i]
            if kind == "regress":
                answers += [number(float(v)) for v in (a if isinstance(a, (list, tuple)) else [a])]
            else:
                answers.append(int(a[0] if isinstance(a, (list, tuple)) else a) + (kind == "classify"))
        self.data_x = ListVar("bb-learn-data-x", t("learn_list_inputs"),
                              tuple(number(v) for i in self.order for v in rows[i]), local=True)
        self.data_t = ListVar("bb-learn-data-t", t("learn_list_answers"), tuple(answers), local=True)
        self.error = ListVar("bb-learn-error", t("learn_list_error"), local=True)
        self.back = ListVar("bb-learn-error-back", t("learn_list_error_back"), local=True)
        v = lambda key, name, value=0: Var(f"bb-learn-{key}", name, value, local=True)  # noqa: E731
        self.point = v("point", t("learn_var_point"), 1)
        self.done = v("done", t("learn_var_done"))
        self.size = v("size", t("learn_var_batch"))
        self.inv = v("inv", t("learn_var_inv"))
        self.j, self.q, self.u = v("j", "j", 1), v("q", "q", 1), v("u", "u", 1)
        self.signal = v("signal", t("learn_var_signal"))
        self.answer = v("answer", t("learn_var_answer"))
        self.best = v("best", t("learn_var_best"), 1)
        self.total = v("total", t("learn_var_total"))
        self.right = v("right", t("learn_var_right"))
        self.steps = v("steps", t("learn_var_steps"))
        self.g = v("g", t("learn_var_g"))
        self.goal = v("goal", t("learn_var_goal"))
        self.next_map = v("next-map", t("learn_var_next_map"))
        self.b1t, self.b2t = v("b1t", "β1^t", 1), v("b2t", "β2^t", 1)
        self.rate = v("rate", t("learn_var_rate"))
        self.epoch = Var("bb-learn-epoch", t("learn_var_epoch"), 0)
        self.loss = Var("bb-learn-loss", t("learn_var_loss"), "")
        self.accuracy = Var("bb-learn-accuracy", t("learn_var_accuracy"), "") if kind != "regress" else None
        self.learn = Broadcast("bb-learn", t("learn_bc_learn"))
        self.again = Broadcast("bb-learn-again", t("learn_bc_again"))
        self.lists: list[ListVar] = [self.data_x, self.data_t, self.error, self.back]
        self.definitions: list[Script] = []
        self.blocks_per_point = 0
        self.blocks_update = 0

    def t(self, key: str, **params) -> str:
        return text(key, self.lang, **params)

    def _local_list(self, key: str, name: str, items=()) -> ListVar:
        lst = ListVar(f"bb-learn-{key}", name, tuple(items), local=True)
        self.lists.append(lst)
        return lst

    def _loop(self, var: Var, count, body: list[Node]) -> list[Node]:
        return [o.set_var(var, 1), o.repeat(count, [*body, o.change_var(var, 1)])]

    def _copy(self, src: ListVar, dst: ListVar, count) -> list[Node]:
        return [o.delete_all(dst), *self._loop(self.q, count, [o.add_to(dst, o.item(src, self.q))])]

    def _define(self, proc: Procedure, body: list[Node], comment: str) -> None:
        self.definitions.append(Script([o.define(proc), *body], comment))

    # --- the forward pass that remembers ---------------------------------------------------------

    def plan(self) -> None:
        spec, net = self.spec, self.net
        self.fused = output_fuses_last_activation(spec)
        widths, width = [], spec.input.width
        for ls in spec.layers:
            width = ls.units if isinstance(ls, DenseSpec) else width
            widths.append(width)
        self.widths, self.in_width = widths, spec.input.width
        self.first_dense = next(k for k, ls in enumerate(spec.layers) if isinstance(ls, DenseSpec))
        self.kept = [self._local_list("kept-in", self.t("learn_list_features"))]
        for k in range(len(spec.layers)):
            self.kept.append(self._local_list(f"kept-{k + 1}", self.t("learn_list_kept", n=k + 1)))
        # kept[k] entered spec layer k (0-based); kept[k + 1] left it.

    def remember(self) -> Procedure:
        net, size = self.net, self.spec.input.size
        proc = Procedure(self.t("learn_proc_remember"))
        body = [o.delete_all(net.input),
                *self._loop(self.q, size, [o.add_to(net.input, o.item(
                    self.data_x, o.add(o.mul(o.sub(self.point, 1), size), self.q)))]),
                *net.input_calls, *self._copy(net.values, self.kept[0], self.in_width)]
        for k, calls in enumerate(net.layer_calls):
            body += [*calls, *self._copy(net.values, self.kept[k + 1], self.widths[k])]
        body += net.head_calls
        self._define(proc, body, self.t("learn_c_remember", data=self.data_x.name, values=net.values.name))
        self.blocks_per_point += 8 * size + 5 * (self.in_width + sum(self.widths)) + 12 * self._macs() + \
            10 * sum(self.widths)
        return proc

    def _macs(self) -> int:
        total, width = 0, self.in_width
        for ls, w in zip(self.spec.layers, self.widths):
            if isinstance(ls, DenseSpec):
                total += width * w
            width = w
        return total

    # --- the error at the output ---------------------------------------------------------------

    def compare(self) -> Procedure:
        net, kind, n_out = self.net, self.spec.output.kind, self.widths[-1]
        y = lambda index: o.item(net.values, index)  # noqa: E731
        proc = Procedure(self.t("learn_proc_compare"))
        body: list[Node] = [o.delete_all(self.error)]
        if kind == "classify":
            body += [o.set_var(self.answer, o.item(self.data_t, self.point)),
                     *self._loop(self.q, n_out, [o.if_else(
                         o.eq(self.q, self.answer),
                         [o.add_to(self.error, o.mul(o.sub(y(self.q), 1), self.inv))],
                         [o.add_to(self.error, o.mul(y(self.q), self.inv))])]),
                     o.if_else(o.gt(y(self.answer), 0),
                               [o.change_var(self.total, o.sub(0, o.mathop("ln", y(self.answer))))],
                               [o.change_var(self.total, 745)]),
                     o.set_var(self.best, 1),
                     *self._loop(self.q, n_out, [o.if_(o.gt(y(self.q), y(self.best)), [o.set_var(self.best, self.q)])]),
                     o.if_(o.eq(self.best, self.answer), [o.change_var(self.right, 1)])]
            comment = "learn_c_compare_classify"
        elif kind == "yes_no":
            x = o.item(self.kept[-1], 1)
            body += [o.set_var(self.answer, o.item(self.data_t, self.point)),
                     o.add_to(self.error, o.mul(o.sub(y(1), self.answer), self.inv)),
                     o.set_var(self.signal, o.item(self.kept[-1], 1)),
                     o.if_(o.lt(self.signal, 0), [o.set_var(self.signal, 0)]),
                     o.change_var(self.total, o.add(o.sub(self.signal, o.mul(x, self.answer)), o.mathop(
                         "ln", o.add(1, o.mathop("e ^", o.sub(0, o.mathop("abs", x))))))),
                     o.if_(o.eq(o.gt(y(1), 0.5), o.eq(self.answer, 1)), [o.change_var(self.right, 1)])]
            comment = "learn_c_compare_yes_no"
        else:
            base = o.mul(o.sub(self.point, 1), n_out)
            body += self._loop(self.q, n_out, [
                o.set_var(self.signal, o.sub(y(self.q), o.item(self.data_t, o.add(base, self.q)))),
                o.add_to(self.error, o.mul(self.signal, self.inv)),
                o.change_var(self.total, o.mul(0.5, o.mul(self.signal, self.signal)))])
            comment = "learn_c_compare_regress"
        self._define(proc, body, self.t(comment, answers=self.data_t.name, error=self.error.name,
                                        values=net.values.name))
        self.blocks_per_point += 12 * n_out + 20
        return proc

    # --- backpropagation -------------------------------------------------------------------------

    def _act_back(self, names: list[str], out: ListVar) -> list[Node]:
        """The error through the activations: times each activation's slope at what it gave (`out`)."""
        e = lambda: o.item(self.error, self.q)  # noqa: E731
        put = lambda value: o.replace_item(self.error, self.q, value)  # noqa: E731
        y = lambda: o.item(out, self.q)  # noqa: E731
        body, start = [], 0
        for end in range(1, len(names) + 1):
            if end < len(names) and names[end] == names[start]:
                continue
            name, count = names[start], end - start
            if name == "identity":
                start = end
                continue
            if name == "relu":
                each = [o.if_(o.not_(o.gt(y(), 0)), [put(0)])]
            elif name == "leaky_relu":
                each = [o.if_(o.not_(o.gt(y(), 0)), [put(o.mul(LEAKY_SLOPE, e()))])]
            elif name == "sigmoid":
                each = [put(o.mul(o.mul(e(), o.sub(1, y())), y()))]
            elif name == "tanh":
                each = [put(o.mul(e(), o.sub(1, o.mul(y(), y()))))]
            elif name == "softmax":
                body += [o.set_var(self.g, 0),
                         *self._loop(self.q, len(names), [o.change_var(self.g, o.mul(e(), y()))]),
                         *self._loop(self.q, len(names), [put(o.mul(y(), o.sub(e(), self.g)))])]
                start = end
                continue
            else:
                raise ValueError(f"no Scratch backward pass for activation {name!r}")
            body += [o.set_var(self.q, start + 1), o.repeat(count, [*each, o.change_var(self.q, 1)])]
            start = end
        self.blocks_per_point += 8 * len(names)
        return body

    def layer_back(self, k: int) -> tuple[Procedure, list[ListVar]] | None:
        """Spec layer k's "learn from the error" block; (block, its gradient lists) for a dense layer."""
        ls, n = self.spec.layers[k], k + 1
        last = k == len(self.spec.layers) - 1
        acts = ls.activations() if isinstance(ls, DenseSpec) else [ls.activation] * self.widths[k]
        act = [] if (last and self.fused) else self._act_back(acts, self.kept[k + 1])
        if not isinstance(ls, DenseSpec):
            if not act or k < self.first_dense:
                return None
            proc = Procedure(self.t("learn_proc_back_act", n=n, name=self._act_name(ls.activation)))
            self._define(proc, act, self.t("learn_c_back_act", n=n, error=self.error.name))
            return proc, []
        lists = self.net.layer_params[k]
        W, b = lists["W"], lists["b"]
        n_in, n_out = (self.in_width if k == 0 else self.widths[k - 1]), ls.units
        gW = self._local_list(f"grad-w-{n}", self.t("learn_list_grad_w", n=n), [0] * (n_in * n_out))
        gb = self._local_list(f"grad-b-{n}", self.t("learn_list_grad_b", n=n), [0] * n_out)
        x = self.kept[k]
        pass_back = k > self.first_dense
        inner = [o.replace_item(gW, self.u, o.add(o.item(gW, self.u), o.mul(o.item(x, self.q), self.signal)))]
        if pass_back:
            inner.append(o.replace_item(self.back, self.q, o.add(o.item(self.back, self.q),
                                                                  o.mul(self.signal, o.item(W, self.u)))))
        body = list(act)
        if pass_back:
            body += [o.delete_all(self.back), o.repeat(n_in, [o.add_to(self.back, 0)])]
        # A neuron whose error is 0 (a ReLU that was off) adds nothing anywhere: skip to the next one.
        body += [o.set_var(self.u, 1),
                 *self._loop(self.j, n_out, [
                     o.set_var(self.signal, o.item(self.error, self.j)),
                     o.if_else(o.eq(self.signal, 0), [o.change_var(self.u, n_in)], [
                         o.replace_item(gb, self.j, o.add(o.item(gb, self.j), self.signal)),
                         *self._loop(self.q, n_in, [*inner, o.change_var(self.u, 1)])])])]
        if pass_back:
            body += self._copy(self.back, self.error, n_in)
        proc = Procedure(self.t("learn_proc_back", n=n))
        key = "learn_c_back" if pass_back else "learn_c_back_first"
        self._define(proc, body, self.t(key, n=n, error=self.error.name, grad_w=gW.name, grad_b=gb.name,
                                        inputs=x.name, weights=W.name))
        self.blocks_per_point += n_in * n_out * (14 if pass_back else 8) + 10 * n_out + (6 * n_in if pass_back else 0)
        return proc, [gW, gb]

    def _act_name(self, name: str) -> str:
        return self.t("proc_softmax") if name == "softmax" else self.t(f"act_{name}")

    # --- the optimizer -------------------------------------------------------------------------------

    def update(self, k: int, grads: list[ListVar]) -> tuple[Procedure, list[ListVar], list[tuple[ListVar, ListVar]]]:
        """Layer k's "change the weights" block: (block, the optimizer's memory lists, (list, its start copy))."""
        n, s = k + 1, self.s
        lists = self.net.layer_params[k]
        body, memory, starts = [], [], []
        for key, params, grad in (("w", lists["W"], grads[0]), ("b", lists["b"], grads[1])):
            count = len(params.items)
            start = self._local_list(f"start-{key}-{n}", self.t(f"learn_list_start_{key}", n=n), params.items)
            starts.append((params, start))
            p = lambda: o.item(params, self.u)  # noqa: E731
            g_value: Node | Var = o.item(grad, self.u)
            each: list[Node] = [o.set_var(self.g, g_value), o.replace_item(grad, self.u, 0)]
            if key == "w" and s.l2:
                each.append(o.set_var(self.g, o.add(self.g, o.mul(number(s.l2), p()))))
            if key == "w" and s.l1:
                each += [o.if_(o.gt(p(), 0), [o.set_var(self.g, o.add(self.g, number(s.l1)))]),
                         o.if_(o.lt(p(), 0), [o.set_var(self.g, o.add(self.g, number(-s.l1)))])]
            mem = lambda name, what: self._local_list(  # noqa: E731
                f"{name}-{key}-{n}", self.t(f"learn_list_{name}_{key}", n=n, what=self.t(f"learn_word_{what}")),
                [0] * count)
            m = lambda lst: o.item(lst, self.u)  # noqa: E731
            lr = number(s.learning_rate)
            if s.optimizer == "sgd":
                each.append(o.replace_item(params, self.u, o.sub(p(), o.mul(self.g, lr))))
            elif s.optimizer == "momentum":
                v = mem("memory", "velocity")
                memory.append(v)
                each += [o.replace_item(v, self.u, o.sub(o.mul(m(v), MOMENTUM), o.mul(self.g, lr))),
                         o.replace_item(params, self.u, o.add(p(), m(v)))]
            elif s.optimizer in ("adagrad", "rmsprop"):
                h = mem("memory", "squares")
                memory.append(h)
                if s.optimizer == "adagrad":
                    grow = o.add(m(h), o.mul(self.g, self.g))
                else:
                    grow = o.add(o.mul(m(h), DECAY), o.mul(o.mul(self.g, self.g), number(1 - DECAY)))
                each += [o.replace_item(h, self.u, grow),
                         o.replace_item(params, self.u, o.sub(p(), o.mul(o.div(
                             self.g, o.add(o.mathop("sqrt", m(h)), EPS)), lr)))]
            else:  # adam
                mm, vv = mem("memory", "mean"), mem("memory2", "squares")
                memory += [mm, vv]
                eps = number(EPS / math.sqrt(1.0 - BETA2))
                each += [o.replace_item(mm, self.u, o.add(o.mul(m(mm), BETA1), self.g)),
                         o.replace_item(vv, self.u, o.add(o.mul(m(vv), BETA2), o.mul(self.g, self.g))),
                         o.replace_item(params, self.u, o.sub(p(), o.mul(o.div(
                             m(mm), o.add(o.mathop("sqrt", m(vv)), eps)), self.rate)))]
            body += self._loop(self.u, count, each)
            self.blocks_update += count * (12 + 6 * len(memory))
        proc = Procedure(self.t("learn_proc_update", n=n))
        self._define(proc, body, self.t(f"learn_c_update_{s.optimizer}", n=n, lr=number(s.learning_rate),
                                        l2=number(s.l2), l1=number(s.l1)))
        return proc, memory, starts

    # --- one batch, the learn loop, start again -------------------------------------------------

    def _button(self, key: str, message: Broadcast, colour: str, dark: str, icon: str, x: float) -> Sprite:
        """A button sprite at the stage's bottom left that broadcasts `message` when clicked."""
        name = self.t(key)
        script = Script([o.when_clicked(), o.broadcast(message)], self.t("learn_c_button", bc=message.name))
        return Sprite(name, [_button_costume(name, colour, dark, icon)], [script], x=x, y=-155)

    def build(self) -> Learning:
        s, kind = self.s, self.spec.output.kind
        self.plan()
        remember, compare = self.remember(), self.compare()
        backs: list[Procedure] = []
        updates: list[Procedure] = []
        memory: list[ListVar] = []
        starts: list[tuple[ListVar, ListVar]] = []
        grads_all: list[ListVar] = []
        for k in reversed(range(len(self.spec.layers))):
            if k < self.first_dense:
                break
            made = self.layer_back(k)
            if made is None:
                continue
            proc, grads = made
            backs.append(proc)
            if grads:
                up, mem, st = self.update(k, grads)
                updates.insert(0, up)
                memory += mem
                starts += st
                grads_all += grads
        n = self.n_points
        adam = []
        if s.optimizer == "adam":
            lr = number(s.learning_rate)
            adam = [o.set_var(self.b1t, o.mul(self.b1t, BETA1)), o.set_var(self.b2t, o.mul(self.b2t, BETA2)),
                    o.set_var(self.rate, o.div(o.mul(o.div(o.mul(lr, o.mathop("sqrt", o.sub(1, self.b2t))),
                                                           o.sub(1, self.b1t)), number(1.0 - BETA1)),
                                               number(math.sqrt(1.0 - BETA2))))]
        finish = [o.set_var(self.done, 0), o.change_var(self.epoch, 1),
                  o.set_var(self.loss, o.div(self.total, n)), o.set_var(self.total, 0)]
        if self.accuracy is not None:
            finish += [o.set_var(self.accuracy, o.div(o.round_(o.mul(o.div(self.right, n), 1000)), 10)),
                       o.set_var(self.right, 0)]
        step = Procedure(self.t("learn_proc_step"))
        body = [
            o.set_var(self.size, o.sub(n, self.done)),
            o.if_(o.gt(self.size, s.batch_size), [o.set_var(self.size, s.batch_size)]),
            o.set_var(self.inv, o.div(1, self.size)),
            o.set_var(self.point, o.add(self.done, 1)),
            o.repeat(self.size, [o.call(remember), o.call(compare), *(o.call(b) for b in backs),
                                 o.change_var(self.point, 1)]),
            o.change_var(self.steps, 1), *adam,
            *(o.call(u) for u in updates),
            o.change_var(self.done, self.size),
            o.if_(o.not_(o.lt(self.done, n)), finish),
        ]
        self._define(step, body, self.t("learn_c_step", batch=s.batch_size, points=n, epoch=self.epoch.name,
                                        loss=self.loss.name))
        per_step = self.blocks_per_point * min(s.batch_size, n) + self.blocks_update + 40
        steps_per_epoch = -(-n // s.batch_size)
        per_epoch = per_step * steps_per_epoch
        # The picture costs about MAP_BLOCKS: draw it after six times as much learning (a seventh of the
        # time goes to pictures), and at least 5 times a run.
        map_every = max(1, min(math.ceil(6 * MAP_BLOCKS / max(per_epoch, 1)), s.epochs // 5))
        redraw = [o.call(self.redraw)] if self.redraw is not None else []
        loop: list[Node] = [o.set_var(self.goal, o.add(self.epoch, s.epochs)),
                            o.set_var(self.next_map, o.add(self.epoch, map_every))]
        inner: list[Node] = [o.call(step)]
        if redraw:
            inner.append(o.if_(o.not_(o.lt(self.epoch, self.next_map)),
                               [o.set_var(self.next_map, o.add(self.epoch, map_every)), *redraw]))
        loop += [o.repeat_until(o.not_(o.lt(self.epoch, self.goal)), inner), *redraw]
        learn_script = Script([o.when_received(self.learn), *loop],
                              self.t("learn_c_learn" if redraw else "learn_c_learn_plain", epochs=s.epochs,
                                     every=map_every, epoch=self.epoch.name))
        again = [o.set_var(self.goal, 0)]
        for params, start in starts:
            again += self._copy(start, params, len(start.items))
        for lst in [*memory, *grads_all]:
            again += [o.delete_all(lst), o.repeat(len(lst.items), [o.add_to(lst, 0)])]
        again += [o.set_var(self.done, 0), o.set_var(self.epoch, 0), o.set_var(self.steps, 0),
                  o.set_var(self.total, 0), o.set_var(self.right, 0), o.set_var(self.loss, "")]
        if s.optimizer == "adam":
            again += [o.set_var(self.b1t, 1), o.set_var(self.b2t, 1)]
        if self.accuracy is not None:
            again.append(o.set_var(self.accuracy, ""))
        again_script = Script([o.when_received(self.again), *again, *redraw], self.t("learn_c_again"))
        buttons = [self._button("learn_sprite_learn", self.learn, "#59C059", "#389438", LEARN_ICON, -185),
                   self._button("learn_sprite_again", self.again, "#FFAB19", "#CF8B17", AGAIN_ICON, -75)]
        shown = [self.epoch, self.loss] + ([self.accuracy] if self.accuracy else [])
        monitors = [Monitor(v, 5, 5 + 27 * i) for i, v in enumerate(shown)]
        local_vars = [self.point, self.done, self.size, self.inv, self.j, self.q, self.u, self.signal, self.answer,
                      self.best, self.total, self.right, self.steps, self.g, self.goal, self.next_map, self.rate]
        if s.optimizer == "adam":
            local_vars += [self.b1t, self.b2t]
        return Learning(
            network_scripts=[learn_script, again_script, *self.definitions], local_vars=local_vars,
            local_lists=self.lists, global_vars=shown, broadcasts=[self.learn, self.again], sprites=buttons,
            monitors=monitors, learn=self.learn, again=self.again, epoch=self.epoch, loss=self.loss,
            accuracy=self.accuracy, order=self.order, blocks_per_step=per_step,
            map_every=map_every if self.redraw is not None else 0)


def build_learning(program: NetworkProgram, spec: NetworkSpec, settings: TrainingSpec, data, lang: str,
                   redraw: Procedure | None) -> Learning:
    """The learning scripts, lists, buttons and monitors for a lowered network (learn_problem said yes)."""
    return _Learner(program, spec, settings, data, lang, redraw).build()
