// Browser measurements (not tests), run by scripts/measure.sh against the release build:
// every figure of the README's "In the browser" tables. From committing one grid cell to
// the updated rollup being painted, on the example plan and on the generated 200,000-cell
// plan; opening that plan's 10 MB file and reopening it on a page load; the longest task
// the page runs while it is autosaved; a structural edit; the chores of a planning round;
// the outputs x objectives matrix of the Australian budget; DOM size and memory.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { launch, BASE, cell, importAuBudget } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.RUNS || 30);
const bin = new URL('../target/debug/rollplan', import.meta.url).pathname;

async function openPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept()); // "open over unsaved edits?" after the first run
  // Keep a handle on the wasm exports so the linear memory can be read.
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; });
  });
  await page.goto(BASE);
  await page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  return page;
}

/// Commits `RUNS` values into `cellName` and times each until `rollupName` shows the new
/// total and the next frame has been painted (requestAnimationFrame, then a task).
async function commitToPaint(page, cellName, rollupName) {
  const times = [];
  const doms = [];
  for (let i = 0; i < RUNS; i++) {
    await cell(page, cellName).click();
    await page.keyboard.type(String(1000 + i)); // the editor is open with the new value
    const ms = await page.evaluate(({ rollupName }) => new Promise((resolve) => {
      // A cell's name is its place, then ": " and the figure it shows.
      const target = document.querySelector(`[aria-label="${rollupName}"], [aria-label^="${rollupName}: "]`);
      const before = target.textContent;
      const editor = document.querySelector('.cell-editor');
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (target.textContent === before) return;
        obs.disconnect();
        const dom = performance.now() - t0;
        requestAnimationFrame(() => setTimeout(() => resolve([performance.now() - t0, dom]), 0));
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }), { rollupName });
    times.push(ms[0]);
    doms.push(ms[1]);
  }
  const q = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return { median: q(times, 0.5), p95: q(times, 0.95), max: q(times, 1), dom: q(doms, 0.5), domP95: q(doms, 0.95) };
}

async function footprint(page) {
  return page.evaluate(() => ({
    domNodes: document.getElementsByTagName('*').length,
    gridRows: document.querySelectorAll('.grid tbody tr[role=row]').length,
    wasmMemoryMiB: (window.__wasm?.memory?.buffer?.byteLength ?? 0) / 1048576,
    jsHeapMiB: (performance.memory?.usedJSHeapSize ?? 0) / 1048576,
  }));
}

/// The chores of a planning round on the whole plan (#18), each timed from the key or click
/// to its result on the page: a total typed into the plan total and spread over every
/// figure, its undo, Adjust… of the whole plan by -5 % (the preview, then applying it), and
/// the History view listing that 200,000-figure change.
async function planningChores(page) {
  const out = {};
  await page.getByRole('gridcell').first().click();
  await page.keyboard.press('Control+End');
  // The plan's period total: the last of the total row's cells.
  const total = page.getByRole('gridcell', { name: /^Plan total, \S+–\S+/ }).last();
  await total.click();
  let t = performance.now();
  await page.keyboard.type('1000000000');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Spread 1,000,000,000' }).waitFor({ timeout: 120000 });
  out['spread a total over 200,000 figures, ms'] = performance.now() - t;
  t = performance.now();
  const spreadTotal = await total.textContent();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((s) => document.querySelector('tr.r-total td.c-period')?.textContent !== s, spreadTotal);
  out['undo it, ms'] = performance.now() - t;
  await total.click();
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Adjust figures' });
  t = performance.now();
  await dialog.getByRole('textbox', { name: 'Percentage' }).fill('-5');
  await dialog.getByRole('status').filter({ hasText: '\u2192' }).waitFor({ timeout: 120000 });
  out['Adjust… whole plan -5 %: preview, ms'] = performance.now() - t;
  t = performance.now();
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'detached', timeout: 120000 });
  out['Adjust… whole plan -5 %: apply, ms'] = performance.now() - t;
  t = performance.now();
  await page.getByRole('tab', { name: 'History' }).click();
  await page.locator('.record').first().waitFor();
  out['History view with that change, ms'] = performance.now() - t;
  await page.getByRole('tab', { name: 'Resources' }).click();
  return out;
}

const fmt = (x) => (typeof x === 'number' ? x.toFixed(1) : x);
function report(name, t, f, extra = {}) {
  console.log(`\n${name}`);
  const rows = { 'commit -> DOM updated, median ms': t.dom, 'commit -> DOM updated, p95 ms': t.domP95,
    'commit -> painted, median ms': t.median, 'commit -> painted, p95 ms': t.p95, ...extra,
    'DOM elements': f.domNodes, 'grid rows in DOM': f.gridRows, 'wasm memory MiB': f.wasmMemoryMiB, 'JS heap MiB': f.jsHeapMiB };
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(34)} ${fmt(v)}`);
}

/// Runs in the page: the longest task until `stop()` (the event loop pinged without pause:
/// the largest gap between two pings is the longest task run between them).
function watchLongestTask() {
  window.__gap = 0;
  window.__on = true;
  const ch = new MessageChannel();
  let last = performance.now();
  ch.port1.onmessage = () => {
    const t = performance.now();
    window.__gap = Math.max(window.__gap, t - last);
    last = t;
    if (window.__on) ch.port2.postMessage(0);
  };
  ch.port2.postMessage(0);
}

/// Opening a file in the page: from the input's change to the plan's title in the header.
async function openInPage(page, file) {
  await page.evaluate(() => {
    const input = document.querySelector('[data-testid=file-input]');
    input.addEventListener('change', () => {
      window.__t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (/Synthetic plan/.test(document.querySelector('h1')?.textContent)) {
          window.__opened = performance.now() - window.__t0;
          obs.disconnect();
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    }, { capture: true, once: true });
  });
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByRole('heading', { level: 1, name: /Synthetic plan/ }).waitFor({ timeout: 120000 });
  return page.evaluate(() => window.__opened);
}

/// Five edits of the big plan, each autosaved: the longest task while each save runs.
async function autosaveTasks(page, name) {
  const gaps = [];
  for (let i = 0; i < 5; i++) {
    await cell(page, name).click();
    await page.keyboard.type(String(5000 + i));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Saving' }).waitFor();
    await page.evaluate(watchLongestTask);
    await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor({ timeout: 60000 });
    gaps.push(await page.evaluate(() => { window.__on = false; return window.__gap; }));
  }
  gaps.sort((a, b) => a - b);
  return { 'autosave: longest task, median of 5 saves, ms': gaps[2], 'autosave: longest task, worst of 5, ms': gaps[4] };
}

/// Reloads the page on the big plan: from navigation to the plan's grid drawn with its
/// figures (interactive).
async function reopen(page) {
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /Synthetic plan/ }).waitFor({ timeout: 120000 });
  await page.locator('.grid tr.r-line td.c-year').first().waitFor();
  return page.evaluate(() => performance.now());
}

/// A line added to the big plan (a structural edit), five times, each undone: from the
/// click to the new row painted; the median and the worst.
async function structuralEdit(page) {
  await page.getByRole('gridcell').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const times = [];
  for (let i = 0; i < 5; i++) {
    const before = await page.evaluate(() => document.querySelector('.grid').getAttribute('aria-rowcount'));
    times.push(await page.evaluate((before) => new Promise((resolve) => {
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (document.querySelector('.grid').getAttribute('aria-rowcount') === before) return;
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true });
      [...document.querySelectorAll('button')].find((b) => b.textContent === 'Add line').click();
    }), before));
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((before) => document.querySelector('.grid').getAttribute('aria-rowcount') === before, before);
    await page.waitForTimeout(300);
  }
  times.sort((a, b) => a - b);
  return { 'add a line (structural edit) -> painted, median of 5, ms': times[2], 'add a line: worst of 5, ms': times[4] };
}

/// The Australian budget's outputs x objectives matrix: opening the view, its DOM, leaving.
async function auMatrix(browser) {
  const page = await openPage(browser);
  await importAuBudget(page);
  const switchTo = (name, ready) => page.evaluate(([name, ready]) => new Promise((resolve) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (!document.querySelector(ready)) return;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
    obs.observe(document.body, { subtree: true, childList: true });
    [...document.querySelectorAll('[role=tab]')].find((t) => t.textContent === name).click();
  }), [name, ready]);
  const open = await switchTo('Outputs × objectives', 'table.matrix');
  const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
  const leave = await switchTo('Resources', 'table.grid');
  await page.context().close();
  return { 'AU matrix: open, ms': open, 'AU matrix: DOM elements': dom, 'AU matrix: leave, ms': leave };
}

const browser = await launch();
try {
  const page = await openPage(browser);
  const small = await commitToPaint(page, 'Output 1.1, Representation missions, 2012', 'Output 1.1, 2012');
  report('Example plan (21 outputs)', small, await footprint(page));

  const json = execFileSync(bin, ['generate', '--outputs', '2000', '--objectives', '10', '--years', '10', '--lines', '10'], { maxBuffer: 1 << 28 });
  const path = new URL('../target/measure-big.json', import.meta.url).pathname;
  writeFileSync(path, json);
  const openMs = await openInPage(page, path);
  // The first output's first non-staff line, and the output's own total.
  const name = await page.evaluate(() => {
    const cells = [...document.querySelectorAll('.grid tr.r-line td.c-year')];
    const c = cells.find((td) => td.getAttribute('aria-readonly') === null && !/ posts,/.test(td.getAttribute('aria-label')));
    return c.getAttribute('aria-label').split(': ')[0];
  });
  const output = name.split(',')[0];
  const year = name.split(', ').pop();
  const big = await commitToPaint(page, name, `${output}, ${year}`);
  const saves = await autosaveTasks(page, name);
  const structural = await structuralEdit(page);
  await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor({ timeout: 60000 });
  const reopened = await reopen(page);
  const chores = await planningChores(page);
  report('Generated plan (2,000 outputs x 10 lines x 10 years = 200,000 cells)', big, await footprint(page),
    { 'open the 10 MB file in the page, ms': openMs, 'reopen on page load (navigation to interactive), ms': reopened,
      ...saves, ...structural, ...chores });
  const au = await auMatrix(browser);
  console.log('\nAustralian budget (434 outputs x 186 objectives)');
  for (const [k, v] of Object.entries(au)) console.log(`  ${k.padEnd(34)} ${fmt(v)}`);
} finally {
  await browser.close();
}
