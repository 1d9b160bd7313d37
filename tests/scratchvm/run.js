#!/usr/bin/env node
/*
 * Runs one .sb3 file in the real, headless Scratch VM (scratch-vm, no renderer, no audio)
 * for blockbuilder's tests. Driven by tests/scratch_harness.py.
 *
 * Usage: node run.js REQUEST.json REPLY.json
 *
 * Big data never goes on the command line (Linux caps one argument at 128 KiB): the
 * request and the reply are files.
 *
 * Request:
 *   {"sb3": "/path/to/project.sb3",
 *    "validate_only": false,          // true: only run scratch-parser
 *    "input_list": "input",           // list replaced by each row before the broadcast
 *    "output_list": "output",         // list read after the forward pass
 *    "broadcast": "forward",          // broadcast whose hats run one forward pass
 *    "prediction_variable": null,     // optional variable read after each pass
 *    "rows": [[1, 2], [3, 4]],
 *    "count_blocks": false,
 *    "max_steps_per_row": 100000,     // optional bound on runtime steps per row
 *    "timeout_ms": 60000,             // optional bound on the whole run's wall time
 *    "vm": "pinned"}                  // optional: "pinned" (scratch-vm 5.0.300, the default) or
 *                                     // "current" (@scratch/scratch-vm 15.1.1, the npm alias
 *                                     // scratch-vm-current in package.json); every mode takes it
 *
 * Reply (always written, exit status 0):
 *   {"ok": true, "outputs": [[...], ...], "predictions": [...] | null,
 *    "blocks_executed": n | null, "blocks_per_row": [...] | null, "steps_per_row": [...],
 *    "unknown_opcodes": [...],        // non-shadow opcodes this VM does not implement
 *    "startup_ms": x, "load_ms": x, "run_ms": y, "vm_log": [...]}
 *   {"ok": false, "stage": "request|read|install|parser|load|setup|run|internal",
 *    "error": "...",
 *    "vm_log": [...]}
 * vm_log holds what scratch-vm printed (its warnings and errors), at most 200 lines.
 *
 * Batch mode: {"batch": [request, ...]} runs each request (any mode above) in a fresh VM in this one
 * process (Node and scratch-vm load once) and replies {"ok": true, "replies": [reply, ...]}, each
 * reply as if it had been run alone (an ok=false one does not stop the others).
 *
 * Numbers that JSON cannot hold (NaN, Infinity, -Infinity) are written as the bare tokens
 * NaN / Infinity / -Infinity, which Python's json.loads reads back as floats.
 *
 * Play mode (optional; with a "play" object the row keys above are not needed): click the
 * green flag, then act as a child would and look at the stage.
 *   {"sb3": "/path/to/project.sb3",
 *    "timeout_ms": 60000,
 *    "play": {
 *      "green_flag": true,             // click the green flag first (default true)
 *      "turbo": false,                 // default false: step like the website (a frame ends at a
 *                                      // redraw or after 75% of 1/30 s); true: turbo mode
 *      "record_pen": false,            // record stamps, pen dots and pen lines (at most 100,000)
 *      "count_opcodes": false,         // count the block functions script threads call, per opcode
 *      "variables": ["prediction"],    // variables every snapshot reports (Stage first, then sprites)
 *      "lists": ["input"],             // lists every snapshot reports
 *      "actions": [                    // done in this order, after the green flag
 *        {"steps": 5},                                      // run 5 frames
 *        {"settle": 2000},             // run frames until every running script is inside a
 *                                      // "forever" loop (at most 2000 frames, else stage "run" error)
 *        {"mouse": {"x": -100, "y": 50, "down": true}},    // stage coordinates; "down" optional
 *        {"move": {"sprite": "probe", "x": 10, "y": 20}},  // as dragging it does (no pen trail)
 *        {"click": "clear"},           // start the sprite's "when this sprite clicked" scripts
 *        {"broadcast": "forward"},     // start the "when I receive" scripts
 *        {"set_variable": {"name": "input 1", "value": 0.5}},  // as a slider does
 *        {"set_list": {"name": "input", "items": [1, 2]}},
 *        {"snapshot": "painted"}]}}    // report the state now (one more, "end", comes last)
 * Play reply:
 *   {"ok": true, "frames": n, "snapshots": [{
 *      "label": "painted", "frames": n,            // frames run so far
 *      "player_ms": x,  // the website's time for those frames: each lasts 1/30 s or its work's time
 *      "wall_ms": x,    // this run's own time since the play began (turbo: the time to compare)
 *      "variables": {name: value}, "lists": {name: [item, ...]},
 *      "sprites": {name: {"x", "y", "visible", "costume", "size", "say", "ghost", "draggable"}},
 *      // since the previous snapshot, with record_pen:
 *      "stamps": [{"sprite", "x", "y", "costume", "ghost"}],
 *      "dots": [{"sprite", "x", "y", "color": [r, g, b, a] (0..1), "size"}],       // pen down
 *      "lines": [{"sprite", "x0", "y0", "x1", "y1", "color", "size"}],            // moves with pen down
 *      "pen_clears": n, "dropped_marks": n,
 *      // since the previous snapshot, with count_opcodes:
 *      "opcodes": {opcode: count}}, ...],
 *    "unknown_opcodes": [...], "startup_ms": x, "load_ms": x, "run_ms": x, "vm_log": [...]}
 */
'use strict';

const fs = require('fs');
const path = require('path');
const {createRequire} = require('module');

const DEFAULT_MAX_STEPS_PER_ROW = 100000;
const DEFAULT_TIMEOUT_MS = 60000;
// The Scratch website and editor step at 30 frames per second ("compatibility mode");
// in turbo mode one step works for up to 75% of that interval.
const STEP_INTERVAL_MS = 1000 / 30;

class StageError extends Error {
    constructor (stage, message) {
        super(message);
        this.stage = stage;
    }
}

/**
 * scratch-vm logs (minilog) to stdout, e.g. "No rendering module present; cannot load
 * costume". Collect what is printed instead, and hand it back in the reply as vm_log.
 */
const MAX_LOG_LINES = 200;
const vmLog = [];
let droppedLogLines = 0;
const captureOutput = function () {
    const collect = function (chunk, encoding, callback) {
        // eslint-disable-next-line no-control-regex
        const text = String(chunk).replace(/\u001b\[[0-9;]*m/g, '');
        for (const line of text.split('\n')) {
            if (line.trim() === '') continue;
            if (vmLog.length < MAX_LOG_LINES) vmLog.push(line);
            else droppedLogLines++;
        }
        const done = typeof encoding === 'function' ? encoding : callback;
        if (typeof done === 'function') done();
        return true;
    };
    process.stdout.write = collect;
    process.stderr.write = collect;
};

const now = () => Number(process.hrtime.bigint()) / 1e6;
const round3 = x => Math.round(x * 1000) / 1000;

/** JSON with NaN / Infinity / -Infinity as bare tokens (Python's json module reads them). */
const toJson = function (value) {
    const tag = '\u0000nonfinite:';
    const text = JSON.stringify(value, (key, v) => {
        if (typeof v === 'number' && !Number.isFinite(v)) return tag + String(v);
        return v;
    });
    return text.replace(/"\\u0000nonfinite:(NaN|Infinity|-Infinity)"/g, '$1');
};

const errorMessage = function (err) {
    if (err === null || typeof err === 'undefined') return String(err);
    if (typeof err === 'string') return err;
    if (err instanceof Error) return err.message || String(err);
    try {
        return JSON.stringify(err);
    } catch (e) {
        return String(err);
    }
};

/** scratch-parser's validation error object, as one readable message. */
const parserMessage = function (err) {
    if (err && typeof err === 'object' && !(err instanceof Error) && err.validationError) {
        // ajv repeats an error once per schema that reaches it (allOf): keep each once.
        const all = [...new Set((err.sb3Errors || []).map(e => {
            const where = e.dataPath || e.instancePath || '(root)';
            const params = e.params ? ` ${JSON.stringify(e.params)}` : '';
            return `${where} ${e.message}${params}`;
        }))];
        const details = all.slice(0, 12);
        const more = all.length > 12 ? ` (and ${all.length - 12} more)` : '';
        return `${err.validationError} SB3 schema errors: ${details.join('; ')}${more}`;
    }
    return errorMessage(err);
};

const checkRequest = function (request) {
    if (!request || typeof request !== 'object' || Array.isArray(request)) {
        throw new StageError('request', 'the request must be a JSON object');
    }
    if (typeof request.sb3 !== 'string' || request.sb3 === '') {
        throw new StageError('request', '"sb3" must be the path of a .sb3 file');
    }
    if (typeof request.vm !== 'undefined' && request.vm !== 'pinned' && request.vm !== 'current') {
        throw new StageError('request', '"vm" must be "pinned" or "current"');
    }
    if (request.validate_only) return;
    if (typeof request.play !== 'undefined' && request.play !== null) {
        checkPlay(request.play);
        return;
    }
    for (const key of ['input_list', 'output_list', 'broadcast']) {
        if (typeof request[key] !== 'string' || request[key] === '') {
            throw new StageError('request', `"${key}" must be a non-empty string`);
        }
    }
    const pv = request.prediction_variable;
    if (pv !== null && typeof pv !== 'undefined' && typeof pv !== 'string') {
        throw new StageError('request', '"prediction_variable" must be a string or null');
    }
    if (!Array.isArray(request.rows)) {
        throw new StageError('request', '"rows" must be a list of lists of numbers');
    }
    request.rows.forEach((row, r) => {
        if (!Array.isArray(row)) {
            throw new StageError('request', `row ${r} is not a list`);
        }
        row.forEach((x, i) => {
            if (typeof x !== 'number' || !Number.isFinite(x)) {
                throw new StageError('request', `row ${r} item ${i} is not a finite number: ${x}`);
            }
        });
    });
};

const validateWithParser = function (parser, buffer) {
    return new Promise(resolve => {
        parser(buffer, false, (err, project) => {
            if (err) {
                resolve(parserMessage(err));
            } else if (!project || !project[0] || project[0].projectVersion !== 3) {
                resolve('not a Scratch 3 project (scratch-parser read it as Scratch ' +
                    `${project && project[0] ? project[0].projectVersion : '?'})`);
            } else {
                resolve(null);
            }
        });
    });
};

/** Targets to search, the Stage first, then the original sprites (not clones). */
const searchTargets = function (runtime) {
    const stage = runtime.getTargetForStage();
    const sprites = runtime.targets.filter(t => !t.isStage && t.isOriginal);
    return stage ? [stage, ...sprites] : sprites;
};

const findVariable = function (runtime, name, type, what) {
    const targets = searchTargets(runtime);
    for (const target of targets) {
        for (const id of Object.keys(target.variables)) {
            const variable = target.variables[id];
            if (variable.type === type && variable.name === name) return variable;
        }
    }
    const known = [];
    for (const target of targets) {
        for (const id of Object.keys(target.variables)) {
            const variable = target.variables[id];
            if (variable.type !== type) continue;
            known.push(`${JSON.stringify(variable.name)} (${target.getName()})`);
        }
    }
    throw new StageError('setup', `no ${what} named ${JSON.stringify(name)} on the Stage or ` +
        `any sprite; the project's ${what}s are: ${known.length ? known.join(', ') : 'none'}`);
};

const asNumber = function (value) {
    // JavaScript Number() rules, the ones Scratch's blocks use, except that NaN stays NaN
    // here (Scratch would show 0), so a test sees it.
    return typeof value === 'number' ? value : Number(value);
};

const replyValue = function (value) {
    const type = typeof value;
    return (type === 'number' || type === 'string' || type === 'boolean') ? value : String(value);
};

/**
 * Wraps every block function of the runtime so that calls made while `counter.on` is true
 * by a script thread (not a monitor thread) are counted. Hat blocks and shadow literals
 * (math_number, text, ...) have no block function and are never counted.
 */
const installBlockCounter = function (runtime) {
    const counter = {on: false, count: 0};
    const primitives = runtime._primitives;
    for (const opcode of Object.keys(primitives)) {
        const fn = primitives[opcode];
        if (typeof fn !== 'function') continue;
        primitives[opcode] = function (args, util) {
            if (counter.on && !(util && util.thread && util.thread.updateMonitor)) counter.count++;
            return fn(args, util);
        };
    }
    // The execution cache keeps block functions it has looked up: drop it.
    for (const target of runtime.targets) target.blocks.resetCache();
    runtime.flyoutBlocks.resetCache();
    runtime.monitorBlocks.resetCache();
    return counter;
};

/**
 * Opcodes of non-shadow blocks that this scratch-vm neither implements nor knows as a hat.
 * The VM runs them as a no-op or an empty value without a word (a misspelt opcode makes
 * every output 0), so the reply names them.
 */
const unknownOpcodes = function (runtime) {
    const unknown = new Set();
    for (const target of runtime.targets) {
        const blocks = target.blocks._blocks;
        for (const id of Object.keys(blocks)) {
            const block = blocks[id];
            // @scratch/scratch-vm 15 loads a custom block's prototype as a non-shadow block on purpose.
            if (block.shadow || block.opcode === 'procedures_prototype') continue;
            const known = Object.prototype.hasOwnProperty.call(runtime._primitives, block.opcode) ||
                runtime.getIsHat(block.opcode);
            if (!known) unknown.add(block.opcode);
        }
    }
    return [...unknown].sort();
};

// Thread.STATUS_* of scratch-vm's src/engine/thread.js
const STATUS_PROMISE_WAIT = 1;
const STATUS_DONE = 4;

const scriptThreads = function (runtime) {
    return runtime.threads.filter(t => !t.updateMonitor && !t.isKilled && t.stack.length > 0 &&
        t.status !== STATUS_DONE);
};

// --- play mode ------------------------------------------------------------------------------

const ACTION_KEYS = ['steps', 'settle', 'mouse', 'move', 'click', 'broadcast', 'set_variable',
    'set_list', 'snapshot'];
const MAX_MARKS = 100000;

const checkPlay = function (play) {
    if (typeof play !== 'object' || Array.isArray(play)) {
        throw new StageError('request', '"play" must be an object');
    }
    for (const key of ['variables', 'lists']) {
        const names = play[key];
        if (typeof names !== 'undefined' && !(Array.isArray(names) && names.every(n => typeof n === 'string'))) {
            throw new StageError('request', `"play.${key}" must be a list of names`);
        }
    }
    const actions = typeof play.actions === 'undefined' ? [] : play.actions;
    if (!Array.isArray(actions)) throw new StageError('request', '"play.actions" must be a list');
    actions.forEach((action, n) => {
        const keys = action && typeof action === 'object' ? Object.keys(action) : [];
        if (keys.length !== 1 || !ACTION_KEYS.includes(keys[0])) {
            throw new StageError('request', `action ${n} must be an object with one of the keys ` +
                `${ACTION_KEYS.join(', ')}: ${JSON.stringify(action)}`);
        }
        const value = action[keys[0]];
        if ((keys[0] === 'steps' || keys[0] === 'settle') && !(Number.isInteger(value) && value >= 0)) {
            throw new StageError('request', `action ${n}: "${keys[0]}" must be a whole number`);
        }
        if (keys[0] === 'mouse' && !(value && Number.isFinite(value.x) && Number.isFinite(value.y))) {
            throw new StageError('request', `action ${n}: "mouse" needs numbers x and y`);
        }
        if (keys[0] === 'move' && !(value && typeof value.sprite === 'string' &&
            Number.isFinite(value.x) && Number.isFinite(value.y))) {
            throw new StageError('request', `action ${n}: "move" needs a sprite name and numbers x and y`);
        }
    });
};

const findSprite = function (runtime, name) {
    const sprite = runtime.targets.find(t => !t.isStage && t.isOriginal && t.getName() === name);
    if (!sprite) {
        const known = runtime.targets.filter(t => !t.isStage && t.isOriginal).map(t => JSON.stringify(t.getName()));
        throw new StageError('setup', `no sprite named ${JSON.stringify(name)}; the sprites are: ` +
            `${known.length ? known.join(', ') : 'none'}`);
    }
    return sprite;
};

/** True when the thread is running inside a "forever" loop (a script meant never to end). */
const insideForever = function (thread) {
    const container = thread.blockContainer || thread.target.blocks;
    return thread.stack.some(id => {
        const block = container.getBlock(id);
        return Boolean(block) && block.opcode === 'control_forever';
    });
};

/**
 * Wraps the runtime's block functions to count calls per opcode (script threads only) and to
 * record what the pen draws. Headless there is no pen layer: the marks are recorded instead.
 */
const installRecorder = function (runtime, options) {
    const rec = {opcodes: {}, stamps: [], dots: [], lines: [], penClears: 0, dropped: 0};
    if (!options.record_pen && !options.count_opcodes) return rec;
    const penState = target => target.getCustomState('Scratch.pen');
    const colour = state => (state && state.penAttributes ? Array.from(state.penAttributes.color4f) : null);
    const size = state => (state && state.penAttributes ? state.penAttributes.diameter : null);
    const push = function (list, mark) {
        if (rec.stamps.length + rec.dots.length + rec.lines.length >= MAX_MARKS) rec.dropped++;
        else list.push(mark);
    };
    const primitives = runtime._primitives;
    for (const opcode of Object.keys(primitives)) {
        const fn = primitives[opcode];
        if (typeof fn !== 'function') continue;
        primitives[opcode] = function (args, util) {
            const isScript = !(util && util.thread && util.thread.updateMonitor);
            if (options.count_opcodes && isScript) rec.opcodes[opcode] = (rec.opcodes[opcode] || 0) + 1;
            if (options.record_pen && isScript && util && util.target) {
                const target = util.target;
                if (opcode === 'pen_stamp') {
                    const costume = target.getCostumes()[target.currentCostume];
                    push(rec.stamps, {sprite: target.getName(), x: target.x, y: target.y,
                        costume: costume ? costume.name : null, ghost: target.effects.ghost});
                } else if (opcode === 'pen_clear') {
                    rec.penClears++;
                }
            }
            const result = fn(args, util);
            if (options.record_pen && isScript && util && util.target && opcode === 'pen_penDown') {
                const state = penState(util.target);
                push(rec.dots, {sprite: util.target.getName(), x: util.target.x, y: util.target.y,
                    color: colour(state), size: size(state)});
            }
            return result;
        };
    }
    for (const target of runtime.targets) target.blocks.resetCache();
    runtime.flyoutBlocks.resetCache();
    runtime.monitorBlocks.resetCache();
    if (options.record_pen) {
        const watch = function (target) {
            if (target.isStage) return;
            target.on('TARGET_MOVED', (t, oldX, oldY, isForce) => {
                const state = penState(t);
                if (isForce || !state || !state.penDown) return;
                push(rec.lines, {sprite: t.getName(), x0: oldX, y0: oldY, x1: t.x, y1: t.y,
                    color: colour(state), size: size(state)});
            });
        };
        runtime.targets.forEach(watch);
        runtime.on('targetWasCreated', watch);
    }
    return rec;
};

const spriteState = function (target) {
    const costume = target.getCostumes()[target.currentCostume];
    const bubble = target.getCustomState('Scratch.looks');
    return {x: target.x, y: target.y, visible: target.visible, costume: costume ? costume.name : null,
        size: target.size, say: bubble && bubble.text ? String(bubble.text) : '',
        ghost: target.effects.ghost, draggable: target.draggable};
};

const play = async function (request, vm, deadline, timeoutMs) {
    const runtime = vm.runtime;
    const options = request.play;
    vm.setTurboMode(Boolean(options.turbo));
    const variables = (options.variables || []).map(n => [n, findVariable(runtime, n, '', 'variable')]);
    const lists = (options.lists || []).map(n => [n, findVariable(runtime, n, 'list', 'list')]);
    const rec = installRecorder(runtime, options);
    let frames = 0;
    let playerMs = 0;
    const playStart = now();
    const snapshots = [];

    const step = async function () {
        if (now() > deadline) {
            throw new StageError('run', `timed out after ${timeoutMs} ms (${frames} frames run)`);
        }
        const threads = scriptThreads(runtime);
        if (threads.length > 0 && threads.every(t => t.status === STATUS_PROMISE_WAIT)) {
            await new Promise(resolve => setImmediate(resolve));
        }
        const started = now();
        runtime._step();
        frames++;
        // In the website a frame lasts 1/30 s, or longer when the scripts worked longer than that.
        playerMs += Math.max(STEP_INTERVAL_MS, now() - started);
    };
    const snapshot = function (label) {
        const snap = {label: label, frames: frames, player_ms: round3(playerMs), wall_ms: round3(now() - playStart),
            variables: {}, lists: {}, sprites: {}};
        for (const [name, variable] of variables) snap.variables[name] = replyValue(variable.value);
        for (const [name, list] of lists) snap.lists[name] = list.value.map(replyValue);
        for (const target of runtime.targets) {
            if (!target.isStage && target.isOriginal) snap.sprites[target.getName()] = spriteState(target);
        }
        if (options.record_pen) {
            Object.assign(snap, {stamps: rec.stamps, dots: rec.dots, lines: rec.lines,
                pen_clears: rec.penClears, dropped_marks: rec.dropped});
            Object.assign(rec, {stamps: [], dots: [], lines: [], penClears: 0, dropped: 0});
        }
        if (options.count_opcodes) {
            snap.opcodes = rec.opcodes;
            rec.opcodes = {};
        }
        snapshots.push(snap);
    };

    if (options.green_flag !== false) vm.greenFlag();
    for (const action of options.actions || []) {
        const [kind] = Object.keys(action);
        const value = action[kind];
        if (kind === 'steps') {
            for (let n = 0; n < value; n++) await step();
        } else if (kind === 'settle') {
            let n = 0;
            do {
                if (n >= value) {
                    const busy = scriptThreads(runtime).filter(t => !insideForever(t))
                        .map(t => `${t.target.getName()}: ${t.target.blocks.getOpcode(t.target.blocks.getBlock(t.topBlock))}`);
                    throw new StageError('run', `not settled after ${value} frames; still running: ` +
                        busy.join(', '));
                }
                await step();
                n++;
            } while (!scriptThreads(runtime).every(insideForever));
        } else if (kind === 'mouse') {
            const data = {x: value.x + 240, y: 180 - value.y, canvasWidth: 480, canvasHeight: 360};
            if (typeof value.down !== 'undefined') data.isDown = Boolean(value.down);
            vm.postIOData('mouse', data);
        } else if (kind === 'move') {
            findSprite(runtime, value.sprite).setXY(value.x, value.y, true);
        } else if (kind === 'click') {
            runtime.startHats('event_whenthisspriteclicked', null, findSprite(runtime, value));
        } else if (kind === 'broadcast') {
            runtime.startHats('event_whenbroadcastreceived', {BROADCAST_OPTION: value});
        } else if (kind === 'set_variable') {
            const variable = findVariable(runtime, value.name, '', 'variable');
            variable.value = value.value;
        } else if (kind === 'set_list') {
            const list = findVariable(runtime, value.name, 'list', 'list');
            list.value = value.items.slice();
            list._monitorUpToDate = false;
        } else if (kind === 'snapshot') {
            snapshot(String(value));
        }
    }
    snapshot('end');
    return {ok: true, frames: frames, snapshots: snapshots};
};

/**
 * The VirtualMachine class and a require() resolving from its package. "pinned": scratch-vm
 * 5.0.300; "current": @scratch/scratch-vm 15.1.1 (installed as scratch-vm-current), loaded from
 * its sources, because its webpack bundle for Node looks for a jsdom stylesheet it does not ship.
 */
const loadVm = function (which) {
    if (which === 'current') {
        const bundle = require.resolve('scratch-vm-current');
        const source = path.join(path.dirname(bundle), '..', '..', 'src', 'index.js');
        return [require(source), createRequire(source)];
    }
    return [require('scratch-vm'), createRequire(require.resolve('scratch-vm'))];
};

const run = async function (request) {
    checkRequest(request);

    let buffer;
    try {
        buffer = fs.readFileSync(request.sb3);
    } catch (e) {
        throw new StageError('read', `cannot read ${request.sb3}: ${e.message}`);
    }

    const t0 = now();
    let parser;
    try {
        parser = require('scratch-parser');
    } catch (e) {
        throw new StageError('install', `cannot load scratch-parser (run: npm ci --prefix ` +
            `tests/scratchvm): ${errorMessage(e)}`);
    }
    const parserError = await validateWithParser(parser, buffer);
    if (parserError !== null) throw new StageError('parser', parserError);
    if (request.validate_only) return {ok: true};

    let vm;
    let ScratchStorage;
    try {
        const [VirtualMachine, vmRequire] = loadVm(request.vm);
        // scratch-storage is scratch-vm's own dependency: resolve it from there.
        ScratchStorage = vmRequire(request.vm === 'current' ? '@scratch/scratch-storage' : 'scratch-storage')
            .ScratchStorage;
        vm = new VirtualMachine();
    } catch (e) {
        throw new StageError('install', `cannot start scratch-vm (run: npm ci --prefix ` +
            `tests/scratchvm): ${errorMessage(e)}`);
    }
    const t1 = now();
    // Headless: storage (so the assets in the zip can be read) but no renderer and no audio.
    vm.attachStorage(new ScratchStorage());
    vm.setCompatibilityMode(true);
    vm.setTurboMode(true);
    const runtime = vm.runtime;
    runtime.currentStepTime = STEP_INTERVAL_MS;
    try {
        await vm.loadProject(buffer);
    } catch (e) {
        throw new StageError('load', `scratch-vm could not load the project: ${errorMessage(e)}`);
    }
    const t2 = now();

    if (typeof request.play !== 'undefined' && request.play !== null) {
        const unknownPlay = unknownOpcodes(runtime);
        const playTimeout = typeof request.timeout_ms === 'number' && request.timeout_ms > 0 ?
            request.timeout_ms : DEFAULT_TIMEOUT_MS;
        const reply = await play(request, vm, now() + playTimeout, playTimeout);
        return Object.assign(reply, {unknown_opcodes: unknownPlay, startup_ms: round3(t1 - t0),
            load_ms: round3(t2 - t1), run_ms: round3(now() - t2)});
    }

    const inputList = findVariable(runtime, request.input_list, 'list', 'list');
    const outputList = findVariable(runtime, request.output_list, 'list', 'list');
    const pvName = request.prediction_variable;
    const predictionVar = (pvName === null || typeof pvName === 'undefined') ? null :
        findVariable(runtime, pvName, '', 'variable');
    const unknown = unknownOpcodes(runtime);
    const counter = request.count_blocks ? installBlockCounter(runtime) : null;

    const maxSteps = Number.isInteger(request.max_steps_per_row) && request.max_steps_per_row > 0 ?
        request.max_steps_per_row : DEFAULT_MAX_STEPS_PER_ROW;
    const timeoutMs = typeof request.timeout_ms === 'number' && request.timeout_ms > 0 ?
        request.timeout_ms : DEFAULT_TIMEOUT_MS;
    const deadline = now() + timeoutMs;

    const outputs = [];
    const predictions = predictionVar ? [] : null;
    const blocksPerRow = counter ? [] : null;
    const stepsPerRow = [];
    let runMs = 0;

    for (let r = 0; r < request.rows.length; r++) {
        const rowStart = now();
        inputList.value = request.rows[r].slice();
        inputList._monitorUpToDate = false;
        const before = counter ? counter.count : 0;
        if (counter) counter.on = true;
        const started = runtime.startHats('event_whenbroadcastreceived',
            {BROADCAST_OPTION: request.broadcast});
        if (!started || started.length === 0) {
            throw new StageError('setup', `no script starts when the broadcast ` +
                `${JSON.stringify(request.broadcast)} is received ("when I receive" hat)`);
        }
        let steps = 0;
        let threads = scriptThreads(runtime);
        for (; threads.length > 0; threads = scriptThreads(runtime)) {
            if (steps >= maxSteps) {
                throw new StageError('run', `row ${r}: the forward pass was still running after ` +
                    `${maxSteps} steps`);
            }
            if (now() > deadline) {
                throw new StageError('run', `row ${r}: timed out after ${timeoutMs} ms ` +
                    `(the forward pass was still running after ${steps} steps)`);
            }
            if (threads.every(t => t.status === STATUS_PROMISE_WAIT)) {
                // A block waits for a promise (e.g. an extension's reporter): let it settle.
                await new Promise(resolve => setImmediate(resolve));
            }
            runtime._step();
            steps++;
        }
        if (counter) {
            counter.on = false;
            blocksPerRow.push(counter.count - before);
        }
        runMs += now() - rowStart;
        stepsPerRow.push(steps);
        outputs.push(outputList.value.map(asNumber));
        if (predictionVar) predictions.push(replyValue(predictionVar.value));
    }

    return {
        ok: true,
        outputs: outputs,
        predictions: predictions,
        blocks_executed: counter ? counter.count : null,
        blocks_per_row: blocksPerRow,
        steps_per_row: stepsPerRow,
        unknown_opcodes: unknown,
        startup_ms: round3(t1 - t0),
        load_ms: round3(t2 - t1),
        run_ms: round3(runMs)
    };
};

/** One request of a batch: its reply, or its error as a reply. */
const runOne = async function (request) {
    try {
        return await run(request);
    } catch (e) {
        return {
            ok: false,
            stage: e instanceof StageError ? e.stage : 'internal',
            error: e instanceof StageError ? e.message : (e && e.stack) || errorMessage(e)
        };
    }
};

const main = async function () {
    const requestPath = process.argv[2];
    const replyPath = process.argv[3];
    if (!requestPath || !replyPath) {
        process.stderr.write('usage: node run.js REQUEST.json REPLY.json\n');
        process.exit(2);
    }
    captureOutput();
    let reply;
    try {
        let request;
        try {
            request = JSON.parse(fs.readFileSync(requestPath, 'utf8'));
        } catch (e) {
            throw new StageError('request', `cannot read the request ${requestPath}: ${e.message}`);
        }
        if (request && Array.isArray(request.batch)) {
            const replies = [];
            for (const one of request.batch) replies.push(await runOne(one));
            reply = {ok: true, replies: replies};
        } else {
            reply = await run(request);
        }
    } catch (e) {
        reply = {
            ok: false,
            stage: e instanceof StageError ? e.stage : 'internal',
            error: e instanceof StageError ? e.message : (e && e.stack) || errorMessage(e)
        };
    }
    reply.vm_log = droppedLogLines ?
        [...vmLog, `(${droppedLogLines} more lines not kept)`] : vmLog;
    fs.writeFileSync(replyPath, toJson(reply));
    // scratch-vm may hold timers or handles open: leave now that the reply is written.
    process.exit(0);
};

main();
