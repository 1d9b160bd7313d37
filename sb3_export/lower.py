"""Lowering: a NetworkSpec and its parameters -> Scratch lists, custom blocks and the forward script.

How the exported network computes (the same order as runtime.Network.predict):

    input --features--> values --layer 1--> values --layer 2--> ... --head--> output, prediction

Weights live in lists named after their layer, neuron by neuron. Scratch custom blocks cannot
take a list as an input, so each dense or batch-norm layer gets its own custom block naming its
own lists ("layer 2: 4 inputs → 3 neurons"); every such block has the same shape, so a child
who has read one has read them all. Activations are one custom block per kind, shared by all
layers, working on the list "values" from one item to another.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from runtime import (
    ActivationSpec, BatchNormSpec, DenseSpec, DropoutSpec, NetworkSpec, final_activation, output_fuses_last_activation,
)

from . import opcodes as o
from .messages import text
from .opcodes import Broadcast, ListVar, Node, Procedure, Var
from .scripts import Script

LIST_LIMIT = 200_000       # Scratch's add/insert blocks stop a list at this many items
GROUP = 4                  # neurons computed side by side: each input is read once for four of them
LEAKY_SLOPE = 0.01         # runtime.LeakyRelu's default alpha
TWO_PI = 6.283185307179586
HALF_PI = 1.5707963267948966
PI = 3.141592653589793
SINE_TERMS = 12            # x^25/25! < 1e-20 for |x| <= pi/2
TANH_SERIES_BELOW = 0.01   # below this |x|, tanh's series is more exact than its e^ form



@dataclass
class NetworkProgram:
    """What the rest of the project needs to know of the lowered network."""

    input: ListVar
    output: ListVar
    classes: ListVar | None
    prediction: Var
    confidence: Var
    forward: Broadcast
    run: Procedure                 # the whole forward pass; callable from the network sprite's scripts
    global_lists: list[ListVar]
    global_vars: list[Var]
    local_lists: list[ListVar]     # the network sprite's own: working lists and param_lists
    param_lists: list[ListVar]     # weights, biases, batch-norm numbers
    local_vars: list[Var]
    scripts: list[Script]          # the network sprite's scripts
    input_size: int
    output_kind: str
    n_outputs: int
    n_weights: int = 0
    weight_lists: list[ListVar] = field(default_factory=list)
    # The forward pass in pieces, for the learning scripts (learn.py) to keep what each layer gives:
    values: ListVar | None = None                                   # the working list every piece updates
    input_calls: list[Node] = field(default_factory=list)           # input -> values (the features)
    layer_calls: list[list[Node]] = field(default_factory=list)     # one per spec layer
    head_calls: list[Node] = field(default_factory=list)            # the output's softmax / sigmoid
    layer_params: list[dict[str, ListVar]] = field(default_factory=list)  # per spec layer: "W", "b" lists


def number(x: float, digits: int | None = None):
    """A parameter as written into the project: shortest round-trip repr, or `digits` significant."""
    x = float(x)
    if digits is not None:
        x = float(f"{x:.{digits}g}")
    return int(x) if x.is_integer() and abs(x) < 1e15 else x


class _Lowering:
    def __init__(self, spec: NetworkSpec, params: list[dict], lang: str, classes, digits):
        self.spec, self.params, self.lang, self.digits = spec, params, lang, digits
        t = self.t
        self.input = ListVar("bb-list-input", t("name_input"))
        self.output = ListVar("bb-list-output", t("name_output"))
        self.classes = ListVar("bb-list-classes", t("name_classes"),
                               tuple(str(c) for c in classes)) if spec.output.kind == "classify" else None
        self.values = ListVar("bb-list-values", t("name_values"), local=True)
        self.new = ListVar("bb-list-new-values", t("name_new_values"), local=True)
        self.prediction = Var("bb-var-prediction", t("name_prediction"), 0)
        self.confidence = Var("bb-var-confidence", t("name_confidence"), 0)
        self.forward = Broadcast("bb-broadcast-forward", t("name_forward"))
        self.i = Var("bb-var-i", "i", 0, local=True)
        self.w = Var("bb-var-w", "w", 0, local=True)
        self.k = Var("bb-var-k", "k", 0, local=True)
        self.sum = Var("bb-var-sum", t("name_sum"), 0, local=True)
        self.sums = [Var(f"bb-var-sum-{j}", f"{t('name_sum')} {j}", 0, local=True) for j in range(1, GROUP + 1)]
        self.x = Var("bb-var-x", "x", 0, local=True)
        self.biggest = Var("bb-var-biggest", t("name_biggest"), 0, local=True)
        self.e = Var("bb-var-e", t("name_e"), 0, local=True)
        self.sine = Var("bb-var-sine", t("name_sine"), 0, local=True)
        self.term = Var("bb-var-term", t("name_term"), 0, local=True)
        self.angle = Var("bb-var-angle", t("name_angle"), 0, local=True)
        self.param_lists: list[ListVar] = []
        self.weight_lists: list[ListVar] = []
        self.layer_params: list[dict[str, ListVar]] = []   # per spec layer: a one-part dense layer's lists
        self.dense_lists: dict[str, ListVar] = {}
        self.definitions: list[Script] = []
        self.act_procs: dict[str, Procedure] = {}
        self.sine_proc: Procedure | None = None
        self.n_weights = 0

    def t(self, key: str, **params) -> str:
        return text(key, self.lang, **params)

    # --- small pieces -------------------------------------------------------------------------

    def _list(self, key: str, n: int, values, part: int | None = None) -> ListVar:
        name = self.t(key, n=n, p=part) if part is None else self.t("name_weights_part", n=n, p=part)
        suffix = f"-{part}" if part is not None else ""
        lst = ListVar(f"bb-list-{key[5:]}-{n}{suffix}", name,
                      tuple(number(v, self.digits) for v in values.ravel().tolist()))
        self.param_lists.append(lst)
        return lst

    def _copy(self, src: ListVar, dst: ListVar, count) -> list[Node]:
        """dst := src (count items)."""
        return [o.delete_all(dst), o.set_var(self.i, 1),
                o.repeat(count, [o.add_to(dst, o.item(src, self.i)), o.change_var(self.i, 1)])]

    def _define(self, proc: Procedure, body: list[Node], comment: str | None) -> None:
        self.definitions.append(Script([o.define(proc), *body], comment))

    # --- inputs -------------------------------------------------------------------------------

    def inputs(self) -> list[Node]:
        feats = self.spec.input.features
        if feats is None:
            proc = Procedure(self.t("proc_inputs"))
            self._define(proc, self._copy(self.input, self.values, self.spec.input.size), self.t("comment_inputs"))
            return [o.call(proc)]
        body: list[Node] = [o.delete_all(self.values)]
        for name in feats:
            if name in ("sin_x1", "sin_x2"):
                body += [o.call(self._sine(), o.item(self.input, 1 if name == "sin_x1" else 2)),
                         o.add_to(self.values, self.sine)]
                continue
            value = {"x1": lambda: o.item(self.input, 1), "x2": lambda: o.item(self.input, 2),
                     "x1^2": lambda: o.mul(o.item(self.input, 1), o.item(self.input, 1)),
                     "x2^2": lambda: o.mul(o.item(self.input, 2), o.item(self.input, 2)),
                     "x1*x2": lambda: o.mul(o.item(self.input, 1), o.item(self.input, 2))}[name]()
            body.append(o.add_to(self.values, value))
        proc = Procedure(self.t("proc_features"))
        shown = ", ".join(n.replace("sin_", "sin ").replace("^2", "²").replace("*", "·") for n in feats)
        self._define(proc, body, self.t("comment_features", features=shown))
        return [o.call(proc)]

    def _sine(self) -> Procedure:
        if self.sine_proc is None:
            x_name = self.t("arg_x")
            proc = self.sine_proc = Procedure(self.t("proc_sine"), (x_name,))
            a = self.angle
            body = [
                o.set_var(a, o.sub(proc.arg(x_name), o.mul(o.round_(o.div(proc.arg(x_name), TWO_PI)), TWO_PI))),
                o.if_(o.gt(a, HALF_PI), [o.set_var(a, o.sub(PI, a))]),
                o.if_(o.lt(a, -HALF_PI), [o.set_var(a, o.sub(-PI, a))]),
                o.set_var(self.term, a), o.set_var(self.sine, a), o.set_var(self.k, 2),
                o.repeat(SINE_TERMS, [
                    o.set_var(self.term, o.div(o.mul(self.term, o.sub(0, o.mul(a, a))),
                                               o.mul(self.k, o.add(self.k, 1)))),
                    o.change_var(self.sine, self.term),
                    o.change_var(self.k, 2),
                ]),
            ]
            self._define(proc, body, self.t("comment_sine"))
        return self.sine_proc

    # --- layers -------------------------------------------------------------------------------

    def dense(self, n: int, ls: DenseSpec, p: dict, fused: bool) -> list[Node]:
        W, b = p["W"], p["b"]  # float64 arrays; W: (in, out)
        n_in, n_out = W.shape
        per_part = max(1, LIST_LIMIT // n_in)
        parts = [(s, min(s + per_part, n_out)) for s in range(0, n_out, per_part)]
        biases = self._list("name_biases", n, b)
        body: list[Node] = [o.delete_all(self.new), o.set_var(self.k, 1)]
        names = []
        for index, (lo, hi) in enumerate(parts, start=1):
            part = index if len(parts) > 1 else None
            weights = self._list("name_weights", n, W[:, lo:hi].T, part)  # neuron by neuron
            self.weight_lists.append(weights)
            names.append(weights.name)
            count = hi - lo
            body.append(o.set_var(self.w, 1))
            if count >= GROUP:
                body.append(o.repeat(count // GROUP, self._neurons(GROUP, n_in, weights, biases)))
            if count % GROUP:
                body += self._neurons(count % GROUP, n_in, weights, biases)
        self.n_weights += W.size + b.size
        self.dense_lists = {"W": weights, "b": biases} if len(parts) == 1 else {}
        body += self._copy(self.new, self.values, n_out)
        proc = Procedure(self.t("proc_dense", n=n, i=n_in, o=n_out))
        self._define(proc, body, self.t("comment_dense", n=n, i=n_in, o=n_out, weights=" / ".join(names),
                                        new=self.new.name, values=self.values.name))
        calls = [o.call(proc)]
        if not fused:
            calls += self.activations(ls.activations())
        return calls

    def _neurons(self, size: int, n_in: int, weights: ListVar, biases: ListVar) -> list[Node]:
        """`size` neurons side by side: each input is read once and multiplied by each neuron's weight.

        Neuron j's weight for the same input sits j * n_in items further on in the list. Each sum
        still adds its products in input order, as runtime's x @ W + b does, then adds the bias.
        """
        sums = self.sums[:size]
        if size == 1:
            inner = [o.change_var(sums[0], o.mul(o.item(self.values, self.i), o.item(weights, self.w)))]
        else:
            inner = [o.set_var(self.x, o.item(self.values, self.i))]
            for j, total in enumerate(sums):
                index = self.w if j == 0 else o.add(self.w, j * n_in)
                inner.append(o.change_var(total, o.mul(self.x, o.item(weights, index))))
        inner += [o.change_var(self.i, 1), o.change_var(self.w, 1)]
        out = [*(o.set_var(total, 0) for total in sums), o.set_var(self.i, 1), o.repeat(n_in, inner)]
        for j, total in enumerate(sums):
            bias = o.item(biases, self.k if j == 0 else o.add(self.k, j))
            out.append(o.add_to(self.new, o.add(total, bias)))
        out.append(o.change_var(self.k, size))
        if size > 1:
            out.append(o.change_var(self.w, (size - 1) * n_in))
        return out

    def batchnorm(self, n: int, ls: BatchNormSpec, p: dict, width: int) -> list[Node]:
        mean = self._list("name_bn_mean", n, p["running_mean"])
        var = self._list("name_bn_var", n, p["running_var"])
        gamma = self._list("name_bn_gamma", n, p["gamma"])
        beta = self._list("name_bn_beta", n, p["beta"])
        self.n_weights += 4 * width
        v = lambda: o.item(self.values, self.i)  # noqa: E731
        xn = o.div(o.sub(v(), o.item(mean, self.i)),
                   o.mathop("sqrt", o.add(o.item(var, self.i), number(ls.eps))))
        body = [o.set_var(self.i, 1),
                o.repeat(width, [
                    o.replace_item(self.values, self.i, o.add(o.mul(o.item(gamma, self.i), xn), o.item(beta, self.i))),
                    o.change_var(self.i, 1)])]
        proc = Procedure(self.t("proc_batchnorm", n=n))
        self._define(proc, body, self.t("comment_batchnorm", n=n))
        return [o.call(proc)]

    def activations(self, names: list[str]) -> list[Node]:
        """Calls applying one activation per neuron, one call per run of equal neighbours."""
        calls, start = [], 0
        for end in range(1, len(names) + 1):
            if end == len(names) or names[end] != names[start]:
                name = names[start]
                if name == "softmax":
                    calls.append(o.call(self._softmax()))
                elif name != "identity":
                    calls.append(o.call(self._activation(name), start + 1, end))
                start = end
        return calls

    def _activation(self, name: str) -> Procedure:
        if name in self.act_procs:
            return self.act_procs[name]
        first, last = self.t("arg_from"), self.t("arg_to")
        proc = Procedure(self.t("proc_act", name=self.t(f"act_{name}")), (first, last))
        self.act_procs[name] = proc
        x = self.x
        put = lambda value: o.replace_item(self.values, self.i, value)  # noqa: E731
        if name == "relu":
            each = [o.if_(o.lt(x, 0), [put(0)])]
        elif name == "leaky_relu":
            each = [o.if_(o.lt(x, 0), [put(o.mul(LEAKY_SLOPE, x))])]
        elif name == "step":
            each = [o.if_else(o.gt(x, 0), [put(1)], [put(0)])]
        elif name == "sigmoid":
            each = [o.set_var(self.e, o.mathop("e ^", o.sub(0, o.mathop("abs", x)))),
                    o.if_else(o.lt(x, 0), [put(o.div(self.e, o.add(1, self.e)))],
                              [put(o.div(1, o.add(1, self.e)))])]
        elif name == "tanh":
            # near 0: x - x³/3 + 2x⁵/15 - 17x⁷/315, written as x·(1 - x²·(1/3 - x²·(2/15 - x²·17/315)))
            series = o.mul(x, o.sub(1, o.mul(o.mul(x, x), o.sub(1 / 3, o.mul(o.mul(x, x), o.sub(
                2 / 15, o.mul(o.mul(x, x), 17 / 315)))))))
            each = [o.if_else(o.lt(o.mathop("abs", x), TANH_SERIES_BELOW), [put(series)], [
                o.set_var(self.e, o.mathop("e ^", o.mul(-2, o.mathop("abs", x)))),
                o.set_var(self.e, o.div(o.sub(1, self.e), o.add(1, self.e))),
                o.if_else(o.lt(x, 0), [put(o.sub(0, self.e))], [put(self.e)]),
            ])]
        else:
            raise ValueError(f"no Scratch block for activation {name!r}")
        each.insert(0, o.set_var(self.x, o.item(self.values, self.i)))
        body = [o.set_var(self.i, proc.arg(first)),
                o.repeat(o.add(o.sub(proc.arg(last), proc.arg(first)), 1), [*each, o.change_var(self.i, 1)])]
        self._define(proc, body, self.t(f"comment_{name}"))
        return proc

    def _softmax(self) -> Procedure:
        if "softmax" in self.act_procs:
            return self.act_procs["softmax"]
        proc = self.act_procs["softmax"] = Procedure(self.t("proc_softmax"))
        x = lambda: o.item(self.values, self.i)  # noqa: E731
        n = o.length(self.values)
        body = [
            o.set_var(self.biggest, o.item(self.values, 1)), o.set_var(self.i, 2),
            o.repeat(o.sub(n, 1), [o.if_(o.gt(x(), self.biggest), [o.set_var(self.biggest, x())]),
                                   o.change_var(self.i, 1)]),
            o.set_var(self.sum, 0), o.set_var(self.i, 1),
            o.repeat(o.length(self.values), [
                o.replace_item(self.values, self.i, o.mathop("e ^", o.sub(x(), self.biggest))),
                o.change_var(self.sum, x()), o.change_var(self.i, 1)]),
            o.set_var(self.i, 1),
            o.repeat(o.length(self.values), [o.replace_item(self.values, self.i, o.div(x(), self.sum)),
                                             o.change_var(self.i, 1)]),
        ]
        self._define(proc, body, self.t("comment_softmax"))
        return proc

    # --- the whole pass -----------------------------------------------------------------------

    def program(self) -> NetworkProgram:
        spec = self.spec
        kind = spec.output.kind
        last_act = final_activation(spec)
        fused = output_fuses_last_activation(spec)
        input_calls = self.inputs()
        calls = list(input_calls)
        layer_calls: list[list[Node]] = []
        width = spec.input.width
        last = len(spec.layers) - 1
        for index, (ls, p) in enumerate(zip(spec.layers, self.params)):
            n, fuse_here = index + 1, fused and index == last
            if isinstance(ls, DenseSpec):
                layer = self.dense(n, ls, p, fuse_here)
                width = ls.units
            elif isinstance(ls, ActivationSpec):
                layer = [] if fuse_here else self.activations([ls.activation] * width)
            elif isinstance(ls, BatchNormSpec):
                layer = self.batchnorm(n, ls, p, width)
            elif isinstance(ls, DropoutSpec):
                layer = []  # inverted dropout: running the network leaves the numbers as they are
            else:
                raise TypeError(f"no Scratch lowering for {ls!r}")
            self.layer_params.append(self.dense_lists if isinstance(ls, DenseSpec) else {})
            layer_calls.append(layer)
            calls += layer
        head_calls: list[Node] = []
        if kind == "classify":
            head_calls.append(o.call(self._softmax()))
        elif kind == "yes_no":
            head_calls += self.activations(["step" if last_act == "step" else "sigmoid"] * width)
        calls += head_calls
        calls += self._copy(self.values, self.output, width)
        calls += self._predict(kind)
        run = Procedure(self.t("proc_forward"))
        self.definitions.insert(0, Script([o.define(run), *calls], self.t("comment_run")))
        names = dict(forward=self.forward.name, input=self.input.name, output=self.output.name,
                     prediction=self.prediction.name, confidence=self.confidence.name)
        handler = Script([o.when_received(self.forward), o.call(run)], self.t("comment_forward", **names))
        global_lists = [self.input, self.output] + ([self.classes] if self.classes else [])
        return NetworkProgram(
            input=self.input, output=self.output, classes=self.classes, prediction=self.prediction,
            confidence=self.confidence, forward=self.forward, run=run,
            global_lists=global_lists, global_vars=[self.prediction, self.confidence],
            local_lists=[self.values, self.new, *self.param_lists], param_lists=self.param_lists,
            local_vars=[self.i, self.w, self.k, self.x, *self.sums, self.sum, self.biggest, self.e, self.sine, self.term, self.angle],
            scripts=[handler, *self.definitions], input_size=spec.input.size, output_kind=kind,
            n_outputs=width, n_weights=self.n_weights, weight_lists=self.weight_lists,
            values=self.values, input_calls=input_calls, layer_calls=layer_calls, head_calls=head_calls,
            layer_params=self.layer_params)

    def _predict(self, kind: str) -> list[Node]:
        out = self.output
        names = dict(prediction=self.prediction.name, confidence=self.confidence.name)
        if kind == "classify":
            return [
                o.set_var(self.k, 1), o.set_var(self.i, 2),
                o.repeat(o.sub(o.length(out), 1), [
                    o.if_(o.gt(o.item(out, self.i), o.item(out, self.k)), [o.set_var(self.k, self.i)]),
                    o.change_var(self.i, 1)]),
                o.set_var(self.prediction, o.item(self.classes, self.k)).with_comment(
                    self.t("comment_predict_classify", **names)),
                o.set_var(self.confidence, o.item(out, self.k)),
            ]
        if kind == "yes_no":
            return [o.if_else(o.gt(o.item(out, 1), 0.5), [o.set_var(self.prediction, 1)],
                              [o.set_var(self.prediction, 0)]).with_comment(self.t("comment_predict_yes_no", **names)),
                    o.set_var(self.confidence, o.item(out, 1))]
        return [o.set_var(self.prediction, o.item(out, 1)).with_comment(self.t("comment_predict_regress", **names)),
                o.set_var(self.confidence, "")]


def lower(spec: NetworkSpec, params: list[dict], lang: str = "en", classes=(), digits: int | None = None
          ) -> NetworkProgram:
    """The network as Scratch: `params` is runtime.Network.params_by_layer() (float64 arrays, W is (in, out))."""
    if spec.output.kind == "classify" and len(classes) == 0:
        last_units = next((ls.units for ls in reversed(spec.layers) if isinstance(ls, DenseSpec)), spec.input.width)
        classes = [str(c) for c in range(last_units)]
    return _Lowering(spec, params, lang, classes, digits).program()
