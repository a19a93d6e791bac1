// End to end: the chores of a planning round (#18) in Chromium: a total spread, an
// objective cut by 5 % and undone, a figure typed as a calculation, a note that survives a
// reload, the History panel showing and restoring a change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, view, cell, number, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TRAVEL = (y) => `Output 1.1, Representation missions, ${y}`;
const AUDIT = (y) => `Output 1.1, External audit fees, ${y}`;
const PERIOD = '2012\u20132015';

test('a period total typed into an output is spread over its figures, exactly, in one undo step', async () => {
  const { page, errors } = await open(browser);
  const total = cell(page, `Output 1.1, ${PERIOD}`);
  const before = await number(total);
  const travel = await number(cell(page, TRAVEL('2012')));
  await total.click();
  await page.keyboard.type('12,000,000');
  await page.keyboard.press('Enter');
  // The output adds up to what was typed; its amounts grew in proportion, posts stayed.
  assert.equal(await number(total), 12000000);
  assert.ok(await number(cell(page, TRAVEL('2012'))) > travel);
  const status = page.getByRole('status').filter({ hasText: 'Spread 12,000,000' });
  await status.waitFor();
  assert.match(await status.textContent(), /left out/, 'the posts are said to be left out');
  await page.screenshot({ path: `${SHOTS}planning-spread-1440.png` });
  await page.keyboard.press('Control+z');
  assert.equal(await number(total), before);
  assert.equal(await number(cell(page, TRAVEL('2012'))), travel);
  assert.deepEqual(errors, []);
});

test('Spread… shares a period total by a pattern over the years, held figures kept', async () => {
  const { page, errors } = await open(browser, { width: 1280 });
  // Hold audit 2012 with F4: it is marked, and spreading goes around it.
  await cell(page, AUDIT('2012')).click();
  const audit = await number(cell(page, AUDIT('2012')));
  await page.keyboard.press('F4');
  assert.match(await cell(page, AUDIT('2012')).getAttribute('class'), /\bheld\b/);
  await cell(page, `Output 1.1, ${PERIOD}`).click();
  await page.getByRole('button', { name: 'Spread…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Spread a total' });
  await dialog.getByLabel('The total to spread').fill('10,000,000');
  await dialog.getByLabel('By year, with weights').check();
  await dialog.getByLabel('Weights per year, separated by spaces').fill('4 3 2 1');
  await dialog.getByRole('status').filter({ hasText: 'by the pattern over the years' }).waitFor();
  await page.screenshot({ path: `${SHOTS}planning-spread-dialog-1280.png` });
  await dialog.getByRole('button', { name: 'Spread' }).click();
  assert.equal(await number(cell(page, `Output 1.1, ${PERIOD}`)), 10000000);
  assert.equal(await number(cell(page, AUDIT('2012'))), audit, 'the held figure is kept');
  assert.deepEqual(errors, []);
});

test('Adjust… cuts an objective by 5 % with a preview, and undo puts it back', async () => {
  const { page, errors } = await open(browser);
  const objective = cell(page, `Objective O1 total, ${PERIOD}`);
  const before = await number(objective);
  await cell(page, 'Objective O1 total, 2012').click();
  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Adjust figures' });
  await dialog.waitFor();
  assert.equal(await dialog.getByLabel('Which figures to adjust').inputValue(), '0');
  assert.match(await dialog.getByLabel('Which figures to adjust').locator('option:checked').textContent(), /Objective O1/);
  await dialog.getByRole('textbox', { name: 'Percentage' }).fill('-5');
  const preview = dialog.getByRole('status');
  await preview.filter({ hasText: '\u2192' }).waitFor();
  assert.match(await preview.textContent(), /-5\.0 %/);
  await page.screenshot({ path: `${SHOTS}planning-adjust-1440.png` });
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await dialog.waitFor({ state: 'detached' });
  const after = await number(objective);
  // Amounts to the unit, posts to 0.01 post: within a few francs of exactly 95 %.
  assert.ok(Math.abs(after - before * 0.95) < 50, `${after} vs ${before * 0.95}`);
  await page.keyboard.press('Control+z');
  assert.equal(await number(objective), before);
  assert.deepEqual(errors, []);
});

test('a figure typed as =12*4500 is worked out, marked and edited again as typed', async () => {
  const { page, errors } = await open(browser);
  await cell(page, TRAVEL('2012')).click();
  await page.keyboard.type('=12*4500');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, TRAVEL('2012')).textContent(), '54,000');
  assert.match(await cell(page, TRAVEL('2012')).getAttribute('class'), /\bhas-expr\b/);
  assert.match(await cell(page, TRAVEL('2012')).getAttribute('title'), /Typed as =12\*4500/);
  await cell(page, TRAVEL('2012')).click();
  await page.keyboard.press('F2');
  assert.equal(await page.locator('#res-editor').inputValue(), '=12*4500');
  await page.keyboard.press('Escape');
  // A calculation that cannot be worked out stays in the cell, with why.
  await cell(page, TRAVEL('2013')).click();
  await page.keyboard.type('=1/0');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, TRAVEL('2013')).getAttribute('aria-invalid'), 'true');
  await cell(page, TRAVEL('2013')).click();
  assert.match(await page.locator('.cell-problem').textContent(), /division by zero/);
  assert.deepEqual(errors, []);
});

test('a note added with Shift+F2 is marked, survives a reload and is found', async () => {
  const { page, errors } = await open(browser);
  await cell(page, AUDIT('2013')).click();
  await page.keyboard.press('Shift+F2');
  const dialog = page.getByRole('dialog', { name: 'Add a note' });
  await dialog.getByRole('textbox').fill('Two audits in 2013: the biennial one and a special audit');
  await dialog.getByRole('button', { name: 'Save note' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.match(await cell(page, AUDIT('2013')).getAttribute('class'), /\bhas-note\b/);
  assert.match(await cell(page, AUDIT('2013')).getAttribute('title'), /special audit/);
  await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor();
  await page.screenshot({ path: `${SHOTS}planning-note-1440.png` });
  await page.reload();
  await page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  assert.match(await cell(page, AUDIT('2013')).getAttribute('class'), /\bhas-note\b/);
  await cell(page, AUDIT('2013')).click();
  await page.keyboard.press('Shift+F2');
  const again = page.getByRole('dialog', { name: 'Note' });
  assert.match(await again.getByRole('textbox').inputValue(), /special audit/);
  await again.getByRole('button', { name: 'Cancel' }).click();
  // Find searches notes.
  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Find outputs, objectives and lines' });
  await box.fill('special audit');
  await box.press('Enter');
  await page.getByRole('status').filter({ hasText: /^1 of 1: Note on Output 1\.1, External audit fees, 2013/ }).waitFor();
  assert.deepEqual(errors, []);
});

test('the History panel lists a change with who made it and restores the old value', async () => {
  const { page, errors } = await open(browser, { width: 1280 });
  const before = await number(cell(page, TRAVEL('2014')));
  await view(page, 'History');
  await page.getByLabel('Your name, recorded with your changes').fill('Ana Analyst');
  await page.getByLabel('Your name, recorded with your changes').press('Tab');
  await view(page, 'Resources');
  await cell(page, TRAVEL('2014')).click();
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  assert.equal(await number(cell(page, TRAVEL('2014'))), 1);
  await view(page, 'History');
  const record = page.locator('.record').first();
  await record.getByText(TRAVEL('2014')).first().waitFor();
  assert.match(await record.locator('.who').textContent(), /Ana Analyst/);
  await page.screenshot({ path: `${SHOTS}planning-history-1280.png` });
  // Filter by a year the change is not in: nothing; by its year: it.
  await page.getByLabel('Only changes of this year').selectOption({ label: '2013' });
  await page.getByText('No change matches these filters.').waitFor();
  await page.getByLabel('Only changes of this year').selectOption({ label: '2014' });
  await record.getByRole('button', { name: /^Restore / }).first().click();
  await view(page, 'Resources');
  assert.equal(await number(cell(page, TRAVEL('2014'))), before);
  await view(page, 'History');
  await page.locator('.record').first().getByText('Restored').first().waitFor();
  await page.screenshot({ path: `${SHOTS}planning-history-1440.png` });
  assert.deepEqual(errors, []);
});
