// Shared by the end-to-end tests: launch Debian's Chromium through playwright-core (never a
// downloaded browser) against the release build served by scripts/test.sh.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';

const require = createRequire(new URL('../../scripts/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const BASE = process.env.ROLLPLAN_URL || 'http://127.0.0.1:8765/';
export const SHOTS = new URL('../../target/e2e/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

// Without these flags Chromium stalls on network attempts this machine refuses.
const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
}

/// Opens the app and records every console error and uncaught exception.
export async function open(browser, { width = 1440, height = 900 } = {}) {
  // The offline worker is kept out of the tests (one test turns it on): what a test
  // routes or counts is then what the page itself fetched.
  const context = await browser.newContext({
    viewport: { width, height }, acceptDownloads: true, serviceWorkers: 'block',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE).origin });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(BASE);
  await page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  return { page, errors, context };
}

/// Switches to a view by its tab.
export async function view(page, name) {
  await page.getByRole('tab', { name }).click();
}

/// A grid cell by where it is (output, line, year): its accessible name is that place,
/// then ": " and the figure it shows, if any.
export function cell(page, name) {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('gridcell', { name: new RegExp(`^${esc}(: .+)?$`) });
}

/// Where the focused element is, by its accessible name, without the figure a grid cell
/// adds to it. Runs in the page.
export function focusedPlace() {
  const el = document.activeElement;
  const label = el?.getAttribute('aria-label');
  const shown = el?.getAttribute('role') === 'gridcell' ? el.textContent.trim() : '';
  return label && shown && label.endsWith(`: ${shown}`) ? label.slice(0, -(shown.length + 2)) : label;
}

/// The number a cell shows, without thousands separators.
export async function number(locator) {
  const t = (await locator.textContent()).replace(/,/g, '').trim();
  return t === '' ? null : Number(t);
}

/// Clicks something that starts a download; the file's name and text.
export async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/// Types a value into a cell and waits until the plan is saved in the browser.
export async function editSaved(page, name, value) {
  await cell(page, name).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor();
}

const AXE = require.resolve('axe-core/axe.min.js');

/// Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page as it is now; the
/// serious and critical violations, each with the elements it found.
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: AXE });
  }
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/// Reads a key of the library in the page's IndexedDB (`rollplan` / `kv`).
export function idbGet(page, key) {
  return page.evaluate((key) => new Promise((resolve, reject) => {
    const open = indexedDB.open('rollplan', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('kv').objectStore('kv').get(key);
      // Values are UTF-8 bytes as the app writes them (or text written by hand).
      req.onsuccess = () => {
        open.result.close();
        const v = req.result;
        resolve(v instanceof Uint8Array ? new TextDecoder().decode(v) : v ?? null);
      };
      req.onerror = () => reject(req.error);
    };
  }), key);
}

/// Writes a key of the library in the page's IndexedDB, behind the app's back.
export function idbPut(page, key, value) {
  return page.evaluate(([key, value]) => new Promise((resolve, reject) => {
    const open = indexedDB.open('rollplan', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('kv', 'readwrite');
      tx.objectStore('kv').put(value, key);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [key, value]);
}

/// Imports the Australian budget fixture (434 outputs x 186 objectives, amounts in
/// thousands of AUD) through the budget import dialog, and waits for it to open.
export async function importAuBudget(page) {
  const csv = new URL('../fixtures/au-budget-2015-16.csv', import.meta.url).pathname;
  await page.getByTestId('file-input').setInputFiles(csv);
  const dialog = page.getByRole('dialog', { name: /Import a budget/ });
  await dialog.getByLabel('Amounts are in thousands').check();
  await dialog.getByLabel('Currency code').fill('AUD');
  await dialog.getByLabel('Currency code').blur();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'au-budget-2015-16' }).waitFor();
}
