// End to end: the open plan is kept in the browser; a stale tab never overwrites a newer save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { launch, open, cell, idbGet, BASE } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TRAVEL = 'Output 1.1, Representation missions, 2012';

async function edit(page, name, value) {
  await cell(page, name).click();
  await page.keyboard.type(value);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor();
}

test('an edit survives a reload of the page', async () => {
  const { page, errors, context } = await open(browser);
  await edit(page, TRAVEL, '123456');
  await page.reload();
  await page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  assert.equal(await cell(page, TRAVEL).textContent(), '123,456');
  // A second tab of the same browser opens the same plan.
  const other = await context.newPage();
  await other.goto(BASE);
  assert.equal(await cell(other, TRAVEL).textContent(), '123,456');
  assert.deepEqual(errors, []);
});

test('the 200,000-cell plan is kept in the browser: edited, reloaded, the edit is there', async () => {
  const bin = new URL('../../target/debug/rollplan', import.meta.url).pathname;
  const json = execFileSync(bin, ['generate', '--outputs', '2000', '--objectives', '10', '--years', '10', '--lines', '10'], { maxBuffer: 1 << 28 });
  const { page, errors } = await open(browser);
  await page.getByTestId('file-input').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: json });
  await page.getByRole('heading', { level: 1, name: /Synthetic plan/ }).waitFor({ timeout: 60000 });
  // A figure of the first output's first amount line.
  const name = await page.evaluate(() => {
    const cells = [...document.querySelectorAll('.grid tr.r-line td.c-year')];
    const c = cells.find((td) => !/ posts,/.test(td.getAttribute('aria-label')));
    return c.getAttribute('aria-label').split(': ')[0];
  });
  await edit(page, name, '987654');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: /Synthetic plan/ }).waitFor({ timeout: 60000 });
  assert.equal(await cell(page, name).textContent(), '987,654');
  assert.equal(await page.getByRole('alert').filter({ hasText: 'Not saved' }).count(), 0);
  assert.deepEqual(errors, []);
});

test('a library kept in localStorage moves to IndexedDB with every plan and draft intact', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' });
  // A browser without IndexedDB keeps its library in localStorage, as Rollplan did before.
  const before = await context.newPage();
  await before.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { value: undefined }); });
  await before.goto(BASE);
  await before.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  await edit(before, TRAVEL, '777');
  // Text the plan cannot take, kept beside it as a draft.
  await cell(before, 'Output 1.1, Representation missions, 2013').click();
  await before.keyboard.type('lots');
  await before.keyboard.press('Enter');
  // And a plan saved by the previous version of Rollplan (a version-2 file).
  const v2 = readFileSync(new URL('../fixtures/example-v2.json', import.meta.url), 'utf8');
  await before.evaluate((plan) => {
    const meta = { id: 'pold1', title: 'Saved by version 2', revision: 4, saved_at: 1700000000000, session: 't1' };
    localStorage.setItem('rollplan.plan.pold1', plan.replace(/"title": "[^"]*"/, '"title": "Saved by version 2"'));
    localStorage.setItem('rollplan.meta.pold1', JSON.stringify(meta));
  }, v2);
  await before.waitForTimeout(1000); // the draft is kept a moment after it is typed
  const kept = await before.evaluate(() => Object.keys(localStorage).filter((k) => /^rollplan\.(plan|meta|drafts)\./.test(k)).sort());
  assert.equal(kept.length, 5, `${kept}`);
  await before.close();
  // The next start, with IndexedDB: the library is copied over, checked, and the copies in
  // localStorage go.
  const page = await context.newPage();
  await page.goto(BASE);
  await page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  assert.equal(await cell(page, TRAVEL).textContent(), '777');
  const draft = cell(page, 'Output 1.1, Representation missions, 2013');
  assert.equal(await draft.textContent(), 'lots');
  assert.equal(await draft.getAttribute('aria-invalid'), 'true');
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Plans in this browser' });
  await dialog.getByText('Saved by version 2', { exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Open Saved by version 2' }).click();
  await page.getByRole('heading', { level: 1, name: 'Saved by version 2' }).waitFor();
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => /^rollplan\.(plan|meta|drafts)\./.test(k)));
  assert.deepEqual(left, [], 'moved, not copied twice');
  for (const key of kept) assert.ok(await idbGet(page, key), `${key} is in IndexedDB`);
  await context.close();
});
