// End to end: the open plan is kept in the browser; a stale tab never overwrites a newer save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, cell, BASE } from './helpers.mjs';

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

test('a tab whose plan was saved by another tab does not overwrite it', async () => {
  const { page: a, context } = await open(browser);
  await edit(a, TRAVEL, '111');
  const b = await context.newPage();
  await b.goto(BASE);
  await cell(b, TRAVEL).waitFor();
  // Tab B saves first; tab A, still on the older revision, is refused and says so.
  await edit(b, TRAVEL, '222');
  await cell(a, 'Output 1.1, Representation missions, 2013').click();
  await a.keyboard.type('333');
  await a.keyboard.press('Enter');
  const alert = a.getByRole('alert').filter({ hasText: 'Not saved' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /changed in another tab/);
  // What is stored is tab B's plan, untouched by tab A.
  const c = await context.newPage();
  await c.goto(BASE);
  assert.equal(await cell(c, TRAVEL).textContent(), '222');
  assert.equal(await cell(c, 'Output 1.1, Representation missions, 2013').textContent(), '435,000');
});
