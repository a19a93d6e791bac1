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
