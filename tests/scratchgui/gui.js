// Loads .sb3 files in the real Scratch 3 editor (scratch-gui-standalone in headless Chromium) and
// measures what a child sees: comment and block boxes in the code area, speech bubbles and stamps
// on the stage. Used by tests/scratch_gui_harness.py:
//
//     node gui.js request.json reply.json
//
// request: {"chromium": "/usr/bin/chromium", "runs": [{"locale": "ja", "files": [{"path": ..., "stage": {...}}]}]}
//   "viewport" (optional): {"width", "height"}; a file's "screenshots": a folder for a picture of each
//   sprite's code; "stage.screenshot": a picture's path after the green flag (for people to look at)
//   "stage" (optional): {"flag": true, "settle_ms": 3000, "bubble_sprite": name,
//                        "show_sprite": {"name": ..., "costume": n, "x": 0, "y": 0}}
// reply: {"ok": true, "timings": {...}, "results": [{"locale", "path", "alerts", "errors",
//          "targets": [{"name", "blocks": [rect], "comments": [{"rect", "scroll", "client", "natural", "text"}]}],
//          "bubble": {"rect": [l, t, r, b]} | null, "pixels": {"width", "height", "row": [[r,g,b,a]...]}}]}
//   "measure" (optional, default true): false skips the code area (a test that only plays the project)
//   "play" (optional): what a child does on the stage after the load, in order, each action one of
//     {"flag": true}                      click the green flag button
//     {"click": "sprite name"}            a real mouse click on the stage where the sprite is drawn
//     {"wait": ms}                        let the project run
//     {"look": "tag"}                     note every variable's value (stage and sprites, by name) and the
//                                         stage picture as a grid of 48 x 36 average colours
//     {"stop": true}                      click the stop button
//     {"shot": "/path.png"}               a picture of the whole editor, for people to look at
//   reply: "play": [{"tag", "at_ms", "variables": {name: value}, "grid": [[r, g, b], ...]}]
// Rects are [left, top, right, bottom] in workspace units (code area) or stage units (x right, y up).
// The page may only reach the local server; every other request is blocked.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const HERE = __dirname;
const DIST = path.join(HERE, 'node_modules', '@scratch', 'scratch-gui-standalone', 'dist');
const TYPES = {'.js': 'text/javascript', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png',
    '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm', '.hex': 'text/plain'};
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function serve () {
    const server = http.createServer((req, res) => {
        const name = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
        const file = name === '/' ? path.join(HERE, 'index.html') : path.join(DIST, path.normalize(name));
        if (!file.startsWith(DIST) && file !== path.join(HERE, 'index.html')) {
            res.writeHead(403);
            res.end();
            return;
        }
        fs.readFile(file, (err, data) => {
            if (err) {
                res.writeHead(404);
                res.end();
                return;
            }
            res.writeHead(200, {'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream'});
            res.end(data);
        });
    });
    return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function openEditor (browser, base, locale, log, viewport) {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    await page.setRequestInterception(true);
    page.on('request', r => {
        const url = r.url();
        if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) r.continue();
        else r.abort();
    });
    page.on('pageerror', e => log.errors.push(String(e.message).slice(0, 300)));
    page.on('dialog', d => {
        // "Replace the current project?" is a confirm a child answers with OK; an alert is a failure.
        if (d.type() === 'alert') log.alerts.push(d.message());
        if (d.type() === 'confirm') d.accept();
        else d.dismiss();
    });
    await page.goto(`${base}?locale=${encodeURIComponent(locale)}`);
    await page.waitForFunction(() => window.editorState &&
        window.editorState.store.getState().scratchGui.vm.runtime.targets.length > 0 &&
        document.querySelector('[class*="blocks_blocks"]'), {timeout: 300000, polling: 500});
    return page;
}

async function loadFile (page, file) {
    // As a child does: File menu -> "Load from your computer" -> the file chooser.
    await page.evaluate(() => {
        window.__oldStage = window.editorState.store.getState().scratchGui.vm.runtime.targets[0];
    });
    const menus = await page.$$('[class*="menu-bar_main-menu"] [class*="menu-bar_hoverable"]');
    await menus[1].click();  // settings, file, edit
    await page.waitForSelector('[class*="menu-bar_menu-bar-menu"] [class*="menu_menu-item"]');
    const [chooser] = await Promise.all([
        page.waitForFileChooser({timeout: 60000}),
        page.evaluate(() => {
            document.querySelectorAll('[class*="menu-bar_menu-bar-menu"] [class*="menu_menu-item"]')[1].click();
        })
    ]);
    await chooser.accept([file]);
    await page.waitForFunction(() => {
        const vm = window.editorState.store.getState().scratchGui.vm;
        return vm.runtime.targets.length > 1 && vm.runtime.targets[0] !== window.__oldStage &&
            !document.querySelector('[class*="loader_background"]');
    }, {timeout: 180000, polling: 250});
}

// In the page: the code area's workspace, found through the Blocks component React renders.
const PAGE_HELPERS = `
window.__workspace = () => {
    const el = document.querySelector('[class*="blocks_blocks"]');
    const key = Object.keys(el).find(k => k.startsWith('__react'));
    let f = el[key];
    while (f && !(f.stateNode && f.stateNode.workspace)) f = f.return;
    return f.stateNode.workspace;
};
window.__vm = () => window.editorState.store.getState().scratchGui.vm;
window.__expected = target => {
    const blocks = Object.values(target.blocks._blocks);
    return {tops: blocks.filter(b => b.topLevel && !b.shadow).length,
            comments: Object.keys(target.comments).length};
};
window.__ready = () => {
    const vm = window.__vm();
    const want = window.__expected(vm.editingTarget);
    const ws = window.__workspace();
    return ws.getTopBlocks().length === want.tops &&
        document.querySelectorAll('g.blocklyComment').length === want.comments;
};
window.__measure = () => {
    const ws = window.__workspace();
    const rect = r => [r.left, r.top, r.right, r.bottom];
    const blocks = ws.getTopBlocks().map(b => rect(b.getBoundingRectangle()));
    const comments = Array.from(document.querySelectorAll('g.blocklyComment')).map(g => {
        const m = /translate\\(([-\\d.e]+)[ ,]+([-\\d.e]+)\\)/.exec(g.getAttribute('transform'));
        const x = parseFloat(m[1]), y = parseFloat(m[2]);
        const w = parseFloat(g.getAttribute('width')), h = parseFloat(g.getAttribute('height'));
        const ta = g.querySelector('textarea');
        const scroll = ta.scrollHeight, client = ta.clientHeight;
        const height = ta.style.height;
        ta.style.height = '0px';  // the text's own height (padding included), however big the box
        const natural = ta.scrollHeight;
        ta.style.height = height;
        return {rect: [x, y, x + w, y + h], scroll, client, natural, text: ta.value};
    });
    return {name: window.__vm().editingTarget.getName(), blocks, comments};
};
`;

async function measureTargets (page, shots) {
    const ids = await page.evaluate(() => window.__vm().runtime.targets.filter(t => t.isOriginal).map(t => t.id));
    const out = [];
    for (const id of ids) {
        await page.evaluate(tid => window.__vm().setEditingTarget(tid), id);
        await page.waitForFunction(tid => window.__vm().editingTarget.id === tid && window.__ready(),
            {timeout: 120000, polling: 200}, id);
        await sleep(150);  // let the textareas take their final size
        out.push(await page.evaluate(() => window.__measure()));
        if (shots) {  // zoomed out to the top-left corner, for people to look at
            await page.evaluate(() => {
                const ws = window.__workspace();
                ws.setScale(0.6);
                ws.scroll(0, 0);
            });
            await sleep(300);
            await page.screenshot({path: path.join(shots, `code-${out.length}.png`)});
        }
    }
    return out;
}

async function measureStage (page, stage) {
    const result = {bubble: null, pixels: null};
    if (stage.show_sprite) {
        // The sprite shown alone, at normal size, over a white stage: what one stamp looks like.
        result.pixels = await page.evaluate(async s => {
            const vm = window.__vm();
            const sprite = vm.runtime.targets.find(t => t.isOriginal && t.getName() === s.name);
            for (const t of vm.runtime.targets) if (!t.isStage) t.setVisible(false);
            vm.runtime.targets[0].setEffect('ghost', 100);
            sprite.setCostume(s.costume);
            sprite.setXY(s.x, s.y);
            sprite.setSize(100);
            sprite.setVisible(true);
            const url = await new Promise(resolve => {
                vm.renderer.requestSnapshot(resolve);
            });
            const img = new Image();
            img.src = url;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width;
            canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const scale = img.width / 480;
            const cy = Math.round((180 - s.y) * scale);
            const data = ctx.getImageData(0, cy, img.width, 1).data;
            const row = [];
            for (let i = 0; i < data.length; i += 4) row.push([data[i], data[i + 1], data[i + 2], data[i + 3]]);
            return {width: img.width, height: img.height, scale, cx: Math.round((240 + s.x) * scale), row};
        }, stage.show_sprite);
    }
    if (stage.flag) {
        await page.click('[class*="green-flag_green-flag"]');
        await sleep(stage.settle_ms || 2000);
        result.bubble = await page.evaluate(name => {
            const vm = window.__vm();
            const sprite = vm.runtime.targets.find(t => t.isOriginal && t.getName() === name);
            const state = sprite && sprite.getCustomState('Scratch.looks');
            if (!state || state.drawableId === null || state.drawableId === undefined) return null;
            const b = vm.renderer.getBounds(state.drawableId);
            return {rect: [b.left, b.top, b.right, b.bottom], text: state.text};
        }, stage.bubble_sprite);
        if (stage.screenshot) await page.screenshot({path: stage.screenshot});
        await page.click('[class*="stop-all_stop-all"]');
    }
    return result;
}

async function play (page, actions) {
    // A child at the stage: the green flag, clicks on sprites, waiting, looking; what was seen each time.
    const seen = [];
    const started = Date.now();
    for (const a of actions) {
        if (a.flag) await page.click('[class*="green-flag_green-flag"]');
        if (a.stop) await page.click('[class*="stop-all_stop-all"]');
        if (a.wait) await sleep(a.wait);
        if (a.shot) await page.screenshot({path: a.shot});
        if (a.click) {
            const at = await page.evaluate(name => {
                const vm = window.__vm();
                const sprite = vm.runtime.targets.find(t => t.isOriginal && t.getName() === name);
                if (!sprite || !sprite.visible) return null;
                const b = vm.renderer.getBounds(sprite.drawableID);
                const canvas = document.querySelector('[class*="stage_stage"] canvas');
                const r = canvas.getBoundingClientRect();
                const x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;   // stage units, y up
                return {x: r.left + (x + 240) / 480 * r.width, y: r.top + (180 - y) / 360 * r.height};
            }, a.click);
            if (at === null) throw new Error(`no visible sprite "${a.click}" to click`);
            await page.mouse.click(at.x, at.y);
        }
        if (a.look) {
            const state = await page.evaluate(async () => {
                const vm = window.__vm();
                const variables = {};
                for (const t of vm.runtime.targets.filter(t => t.isOriginal)) {
                    for (const v of Object.values(t.variables)) {
                        if (v.type === '') variables[v.name] = v.value;
                    }
                }
                const url = await new Promise(resolve => vm.renderer.requestSnapshot(resolve));
                const img = new Image();
                img.src = url;
                await img.decode();
                const canvas = document.createElement('canvas');
                canvas.width = 48;
                canvas.height = 36;
                const ctx = canvas.getContext('2d');
                ctx.drawImage(img, 0, 0, 48, 36);   // averaged down: the picture's big shapes
                const data = ctx.getImageData(0, 0, 48, 36).data;
                const grid = [];
                for (let i = 0; i < data.length; i += 4) grid.push([data[i], data[i + 1], data[i + 2]]);
                return {variables, grid};
            });
            seen.push({tag: a.look, at_ms: Date.now() - started, ...state});
        }
    }
    return seen;
}

async function main () {
    const [requestPath, replyPath] = process.argv.slice(2);
    const request = JSON.parse(fs.readFileSync(requestPath, 'utf8'));
    const puppeteer = require(path.join(HERE, 'node_modules', 'puppeteer-core'));
    const server = await serve();
    const base = `http://127.0.0.1:${server.address().port}/`;
    const started = Date.now();
    const browser = await puppeteer.launch({
        executablePath: request.chromium || '/usr/bin/chromium', headless: true,
        args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
            '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
            // no network but the local server: keep Chromium from calling home
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            '--disable-quic', '--no-first-run']
    });
    const reply = {ok: true, results: [], timings: {open_ms: [], load_ms: [], measure_ms: []}};
    try {
        for (const run of request.runs) {
            const log = {alerts: [], errors: []};
            let t = Date.now();
            const page = await openEditor(browser, base, run.locale, log, request.viewport || {width: 1366, height: 768});
            await page.evaluate(PAGE_HELPERS);
            reply.timings.open_ms.push(Date.now() - t);
            for (const file of run.files) {
                log.alerts.length = 0;
                log.errors.length = 0;
                t = Date.now();
                await loadFile(page, file.path);
                reply.timings.load_ms.push(Date.now() - t);
                t = Date.now();
                const targets = file.measure === false ? [] : await measureTargets(page, file.screenshots);
                const stage = file.stage ? await measureStage(page, file.stage) : {};
                if (file.play) stage.play = await play(page, file.play);
                reply.timings.measure_ms.push(Date.now() - t);
                reply.results.push({locale: run.locale, path: file.path, alerts: [...log.alerts],
                    errors: [...log.errors], targets, ...stage});
                fs.writeFileSync(replyPath, JSON.stringify(reply));  // partial results survive a crash
            }
            await page.close();
        }
    } catch (e) {
        reply.ok = false;
        reply.error = String(e && e.stack || e).slice(0, 2000);
    } finally {
        reply.timings.total_ms = Date.now() - started;
        fs.writeFileSync(replyPath, JSON.stringify(reply));
        await browser.close();
        server.close();
    }
}

main();
