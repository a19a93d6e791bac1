// End to end: axe-core on every view, dialog and menu of the example plan and of an
// imported budget: no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, view, cell, axe } from './helpers.mjs';

const AU = new URL('../fixtures/au-budget-2015-16.csv', import.meta.url).pathname;
const VIEWS = ['Resources', 'Outputs × objectives', 'Rollups', 'Results & KPIs', 'Standard costs & ceilings', 'Scenarios', 'Proposal costing'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function check(page, where, found) {
  for (const v of await axe(page)) found.push({ where, ...v });
}

async function everyView(page, label, found) {
  for (const name of VIEWS) {
    await view(page, name);
    await page.getByRole('tab', { name, selected: true }).waitFor();
    await check(page, `${label}: ${name}`, found);
  }
}

test('the example plan: every view, dialog and menu', async () => {
  const { page, errors } = await open(browser);
  const found = [];
  await everyView(page, 'example', found);
  await view(page, 'Resources');
  await page.getByRole('button', { name: /^Export/ }).click();
  await page.getByRole('menu').waitFor();
  await check(page, 'example: Export menu', found);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  await page.getByRole('dialog', { name: 'Plans in this browser' }).waitFor();
  await check(page, 'example: Plans', found);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Share link/ }).click();
  await page.getByRole('dialog').waitFor();
  await check(page, 'example: Share link', found);
  await page.keyboard.press('Escape');
  assert.deepEqual(found, []);
  assert.deepEqual(errors, []);
});

test('an imported budget: the mapping step and every view', async () => {
  const { page, errors } = await open(browser);
  const found = [];
  await page.getByTestId('file-input').setInputFiles(AU);
  const dialog = page.getByRole('dialog', { name: /Import a budget/ });
  await dialog.waitFor();
  await check(page, 'budget: mapping step', found);
  await dialog.getByLabel('Amounts are in thousands').check();
  await dialog.getByLabel('Currency code').fill('AUD');
  await dialog.getByLabel('Currency code').blur();
  await dialog.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'au-budget-2015-16' }).waitFor();
  await everyView(page, 'budget', found);
  assert.deepEqual(found, []);
  assert.deepEqual(errors, []);
});

test('keyboard only: dialogs keep Tab inside and give focus back; the grid shows focus apart from the selection', async () => {
  const { page, errors } = await open(browser);
  const inside = (name) => page.evaluate((n) => !!document.activeElement?.closest(`[role=dialog][aria-labelledby="${n}"]`), name);
  for (const [button, title] of [['Plans', 'library-title'], ['Share link…', 'share-title']]) {
    const opener = page.getByRole('button', { name: button, exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    await page.locator(`[role=dialog][aria-labelledby="${title}"]`).waitFor();
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      assert.ok(await inside(title), `${button}: Tab ${i + 1} left the dialog`);
    }
    await page.keyboard.press('Escape');
    await page.locator(`[role=dialog][aria-labelledby="${title}"]`).waitFor({ state: 'detached' });
    assert.equal(await opener.evaluate((b) => b === document.activeElement), true, `${button}: focus is back on its button`);
  }
  // The cursor cell, unfocused and focused: the focus ring is not the selection box.
  const c = cell(page, 'Output 1.1, Representation missions, 2012');
  await c.click();
  const ring = () => c.evaluate((el) => { const s = getComputedStyle(el); return `${s.outlineWidth} ${s.boxShadow}`; });
  const focused = await ring();
  await page.getByRole('heading', { level: 1 }).click();
  const unfocused = await ring();
  assert.notEqual(focused, unfocused, 'focus looks different from the selection');
  assert.deepEqual(errors, []);
});

/// Walks the page with Tab from its start until focus leaves the page, and returns each
/// stop: where it is, whether it is visible, and its place in document order. In a grid,
/// Tab walks its editable cells as in a spreadsheet; the walk records the grid once, then
/// goes to its last cell (Ctrl+End), from where Tab leaves it.
async function tabWalk(page) {
  // Tab starts from where focus is: from a marker at the very top of the page.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.id = 'walk-start';
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
  });
  const stops = [];
  const grids = new Set();
  for (let i = 0; i < 600; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const all = [...document.querySelectorAll('*')];
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const grid = el.closest('[role=grid]');
      return {
        name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.tagName,
        order: all.indexOf(el),
        visible: r.width > 0 && r.height > 0 && style.visibility !== 'hidden',
        grid: grid ? grid.getAttribute('aria-label') : null,
      };
    });
    if (!stop) break;
    if (stop.name === 'SPAN') continue;
    stops.push(stop);
    if (stop.grid && !grids.has(stop.grid)) {
      grids.add(stop.grid);
      await page.keyboard.press('Control+End');
      // The walk goes on from the grid's last cell once it is drawn and focused (a Tab in
      // the same frame as Ctrl+End starts from the cell the jump left).
      await page.waitForFunction(() => {
        const row = document.activeElement?.closest('[role=grid] tr');
        const grid = document.activeElement?.closest('[role=grid]');
        return row && grid && row.getAttribute('aria-rowindex') === grid.getAttribute('aria-rowcount');
      });
    }
  }
  await page.evaluate(() => document.getElementById('walk-start')?.remove());
  return stops;
}

/// Every control a keyboard user should be able to Tab to on the page as it is now: shown,
/// enabled, not taken out of the order (a roving tab index, as in the tabs, keeps one stop
/// per group), outside a grid (whose cells the walk covers by itself).
function tabStops() {
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
  return [...document.querySelectorAll(sel)].filter((el) => {
    if (el.closest('[role=grid], [inert], [hidden]') || el.disabled) return false;
    if (el.getAttribute('tabindex') === '-1' || el.type === 'hidden') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  }).map((el) => el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40) || el.tagName);
}

test('keyboard only: on every view Tab reaches every control, in reading order, and leaves the page', async () => {
  const { page, errors } = await open(browser, { width: 1280, height: 800 });
  // A first visit's hint adds two buttons; the walk covers the page with and without it.
  for (const name of VIEWS) {
    await view(page, name);
    await page.getByRole('tab', { name, selected: true }).waitFor();
    assert.equal(await page.locator('[tabindex]:not([tabindex="-1"]):not([tabindex="0"])').count(), 0,
      `${name}: no positive tabindex reorders the page`);
    const expected = await page.evaluate(tabStops);
    const stops = await tabWalk(page);
    assert.ok(stops.length < 600, `${name}: Tab leaves the page (walked ${stops.length} stops)`);
    for (const s of stops) assert.ok(s.visible, `${name}: focus went to something not shown: ${s.name}`);
    const outside = stops.filter((s) => !s.grid);
    for (let i = 1; i < outside.length; i++) {
      assert.ok(outside[i].order > outside[i - 1].order,
        `${name}: Tab goes back from "${outside[i - 1].name}" to "${outside[i].name}"`);
    }
    const reached = new Set(outside.map((s) => s.name));
    const missed = expected.filter((n) => !reached.has(n));
    assert.deepEqual(missed, [], `${name}: not reachable with Tab`);
    // The selected tab is the tabs' one stop, and it is the view's own.
    assert.ok(reached.has(name), `${name}: its tab is a stop`);
  }
  assert.deepEqual(errors, []);
});
