// End to end: Excel workbooks in the browser. The workbook code is a worker of its own,
// fetched only when a workbook is exported or opened; a workbook Rollplan wrote opens back
// into its plan; a budget workbook goes through the mapping step with a sheet picker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, cell, number, editSaved, SHOTS } from './helpers.mjs';

const AU_XLSX = new URL('../fixtures/au-budget-2015-16.xlsx', import.meta.url).pathname;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('Export > Excel workbook downloads a live workbook that opens back into the plan', async () => {
  const { page, errors } = await open(browser);
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const name = 'Output 1.1, Representation missions, 2012';
  await editSaved(page, name, '123456');
  // The first load and an edit never fetch the workbook code.
  assert.ok(!fetched.some((u) => u.includes('rollplan-xlsx-worker')), fetched.join('\n'));

  await page.getByRole('button', { name: /^Export/ }).click();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: /Excel workbook/ }).click(),
  ]);
  assert.match(dl.suggestedFilename(), /\.xlsx$/);
  const bytes = readFileSync(await dl.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');
  await page.getByRole('status').filter({ hasText: /Downloaded .*\.xlsx/ }).waitFor();
  assert.ok(fetched.some((u) => u.endsWith('rollplan-xlsx-worker_bg.wasm')), 'the worker was fetched on use');

  // Take the edit back, then open the workbook: the plan it carries has it again.
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => {
    const c = [...document.querySelectorAll('[role=gridcell]')].find((e) => e.getAttribute('aria-label').split(': ')[0] === n);
    return c && c.textContent.replace(/,/g, '') !== '123456';
  }, name);
  await page.getByTestId('file-input').setInputFiles({
    name: dl.suggestedFilename(),
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes,
  });
  await page.waitForFunction((n) => {
    const c = [...document.querySelectorAll('[role=gridcell]')].find((e) => e.getAttribute('aria-label').split(': ')[0] === n);
    return c && c.textContent.replace(/,/g, '') === '123456';
  }, name);
  assert.equal(await number(cell(page, name)), 123456);
  assert.deepEqual(errors, []);
});

test('A budget workbook goes through the mapping step with its sheet and header row', async () => {
  const { page, errors } = await open(browser);
  await page.getByTestId('file-input').setInputFiles(AU_XLSX);
  const dialog = page.getByRole('dialog', { name: /Import a budget/ });
  await dialog.waitFor();
  assert.match(await dialog.getByLabel('Sheet').textContent(), /au-budget-2015-16 \(1609 rows\)/);
  assert.equal(await dialog.getByLabel('Header row').inputValue(), '1');
  assert.equal(await dialog.getByLabel('Objective column').inputValue(), '2');
  await dialog.getByLabel('Org unit column').selectOption({ label: 'Department/Agency' });
  await dialog.getByLabel('Category column').selectOption({ label: 'Expense type' });
  await dialog.getByLabel('Amounts are in thousands').check();
  await dialog.getByLabel('Currency code').fill('AUD');
  await dialog.getByLabel('Currency code').blur();
  await page.screenshot({ path: `${SHOTS}import-workbook.png` });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'au-budget-2015-16' }).waitFor();
  const text = await page.getByRole('status', { name: 'Import report' }).textContent();
  // The same plan as from the CSV (files.test.mjs): same rows, outputs, lines and cells.
  assert.match(text, /1608 rows became 186 objectives, 434 outputs and 1608 resource lines/);
  assert.match(text, /17 cell\(s\) “nfp” \(not for publication\): left blank/);
  assert.match(text, /18 cell\(s\) “-” \(nil\): read as 0/);
  assert.deepEqual(errors, []);
});

test('A file that is not a workbook says so and leaves the plan as it was', async () => {
  const { page, errors } = await open(browser);
  const title = await page.getByRole('heading', { level: 1 }).textContent();
  await page.getByTestId('file-input').setInputFiles({
    name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04 not really'),
  });
  const alert = page.getByRole('alert').filter({ hasText: 'broken.xlsx' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /broken\.xlsx was not opened: .*not a workbook.*Your plan is unchanged/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
  assert.deepEqual(errors, []);
});
