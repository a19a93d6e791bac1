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
