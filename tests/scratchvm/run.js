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
 *    "timeout_ms": 60000}             // optional bound on the whole run's wall time
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
 * Numbers that JSON cannot hold (NaN, Infinity, -Infinity) are written as the bare tokens
 * NaN / Infinity / -Infinity, which Python's json.loads reads back as floats.
 */
'use strict';

const fs = require('fs');
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
    if (request.validate_only) return;
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
            if (block.shadow) continue;
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
        const VirtualMachine = require('scratch-vm');
        // scratch-storage is scratch-vm's own dependency: resolve it from there.
        const vmRequire = createRequire(require.resolve('scratch-vm'));
        ScratchStorage = vmRequire('scratch-storage').ScratchStorage;
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
        reply = await run(request);
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
