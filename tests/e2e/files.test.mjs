// End to end: plans as files in the browser (open, drop, save, export, import a budget).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, view, download, SHOTS } from './helpers.mjs';
import { execFileSync } from 'node:child_process';

const AU = new URL('../fixtures/au-budget-2015-16.csv', import.meta.url).pathname;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function upload(page, name, content, mimeType = 'application/octet-stream') {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
}

test('Save downloads the plan as a Rollplan JSON file that opens again', async () => {
  const { page, errors } = await open(browser);
  const saved = await download(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
  assert.match(saved.name, /\.rollplan\.json$/);
  const doc = JSON.parse(saved.text);
  assert.equal(doc.format, 'rollplan');
  assert.equal(doc.plan.outputs.length, 21);
  // Change the title in the file and open it: the page shows the opened plan.
  doc.plan.title = 'Reopened from a file';
  await upload(page, 'reopened.json', JSON.stringify(doc));
  await page.getByRole('heading', { level: 1, name: 'Reopened from a file' }).waitFor();
  assert.deepEqual(errors, []);
});

test('Export gives spreadsheet-ready CSVs', async () => {
  const { page, errors } = await open(browser);
  const exportCsv = async (item) => download(page, async () => {
    await page.getByRole('button', { name: /Export/ }).click();
    await page.getByRole('menuitem', { name: item }).click();
  });
  const long = await exportCsv(/Resources, long/);
  assert.match(long.name, /-resources-long\.csv$/);
  const lines = long.text.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(lines[0], 'output_code,output_title,org_unit,objectives,line,kind,grade,basis,category,description,rate,year,quantity,unit_cost,amount');
  assert.match(lines[1], /^1\.1,"Management, coordination and representation of the Union",GS,O1=X,1,staff,D2,posts,,,,2012,1,312000,312000\.00$/);
  const rollups = await exportCsv(/Rollups/);
  assert.match(rollups.text, /^\uFEFFscenario,dimension,code,title,2012,2013,2014,2015,2012.2013,2014.2015,period\r\n/);
  assert.match(rollups.text, /\r\nBaseline,total,TOTAL,Total cost,82488000\.00,/);
  // Each scenario follows under its name: the example's contributory unit values.
  assert.match(rollups.text, /\r\n"Contributory unit CHF 329,000",income,INCOME,Income,/);
  assert.deepEqual(errors, []);
});

test('A file from a newer Rollplan is refused and the open plan stays as it was', async () => {
  const { page, errors } = await open(browser);
  const title = await page.getByRole('heading', { level: 1 }).textContent();
  await upload(page, 'future.json', JSON.stringify({ format: 'rollplan', version: 99, plan: {} }));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /future\.json was not opened: .*newer Rollplan.*Your plan is unchanged/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
  // Broken JSON says where.
  await upload(page, 'broken.json', '{"format": "rollplan",\n "version": 1,\n "plan": {');
  await page.getByRole('alert').filter({ hasText: 'broken.json' }).waitFor();
  assert.match(await page.getByRole('alert').textContent(), /line 3, column/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
  await page.screenshot({ path: `${SHOTS}open-refused.png` });
  assert.deepEqual(errors, []);
});

test('A budget CSV goes through the mapping step and its report lists unread cells', async () => {
  const { page, errors } = await open(browser);
  await page.getByTestId('file-input').setInputFiles(AU);
  const dialog = page.getByRole('dialog', { name: /Import a budget/ });
  await dialog.waitFor();
  // The mapping is guessed from the header; the preview shows the first rows.
  assert.equal(await dialog.getByLabel('Objective column').inputValue(), '2');
  assert.equal(await dialog.getByLabel('Output column').inputValue(), '3');
  await dialog.getByLabel('Org unit column').selectOption({ label: 'Department/Agency' });
  await dialog.getByLabel('Category column').selectOption({ label: 'Expense type' });
  // The file says neither its currency nor its scale: the step asks, and refuses to guess.
  assert.equal(await dialog.getByLabel('Currency code').inputValue(), '');
  assert.equal(await dialog.getByLabel('Amounts are in thousands').isChecked(), false);
  assert.equal(await dialog.getByLabel('Amounts are in units').isChecked(), false);
  await dialog.getByRole('button', { name: 'Import' }).click();
  assert.match(await dialog.getByRole('alert').textContent(), /say which currency/);
  await dialog.getByLabel('Amounts are in thousands').check();
  await dialog.getByLabel('Currency code').fill('AUD');
  await dialog.getByLabel('Currency code').blur();
  await page.screenshot({ path: `${SHOTS}import-mapping.png` });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await page.getByRole('heading', { level: 1, name: 'au-budget-2015-16' }).waitFor();
  await page.getByText('Amounts in AUD thousands').waitFor();
  const report = page.getByRole('status', { name: 'Import report' });
  const text = await report.textContent();
  assert.match(text, /1608 rows became 186 objectives, 434 outputs and 1608 resource lines/);
  assert.match(text, /17 cell\(s\) “nfp” \(not for publication\): left blank/);
  assert.match(text, /18 cell\(s\) “-” \(nil\): read as 0/);
  assert.match(text, /their titles begin with the unit's name/);
  await page.screenshot({ path: `${SHOTS}import-report.png` });
  // Its rollup chart draws the eight largest outcomes and the rest as one, on round ticks.
  await view(page, 'Rollups');
  // Each department's outcome is its own, named with the department.
  await page.getByRole('rowheader', { name: /Australian Bureau of Statistics: Outcome 1: Informed decisions/ }).first().waitFor();
  await page.getByRole('rowheader', { name: /Infrastructure Australia: Outcome 1$/ }).first().waitFor();
  const legend = page.locator('.chart .legend li');
  assert.equal(await legend.count(), 9);
  assert.equal(await legend.last().textContent(), '178 others');
  for (const t of await page.locator('.chart svg text.axis').allTextContents()) {
    assert.match(t, /^(\d{4}-\d{2}|0|[1-9]\d*(\.\d+)?(k|M|bn))$/, t);
  }
  await page.screenshot({ path: `${SHOTS}import-rollups.png`, fullPage: true });
  assert.deepEqual(errors, []);
});

test('A plan dropped on the page opens', async () => {
  const { page, errors } = await open(browser);
  const saved = await download(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
  const doc = JSON.parse(saved.text);
  doc.plan.title = 'Dropped plan';
  const json = JSON.stringify(doc);
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return d;
  }, json);
  await page.dispatchEvent('.app', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('.app', 'drop', { dataTransfer: dt });
  await page.getByRole('heading', { level: 1, name: 'Dropped plan' }).waitFor();
  assert.deepEqual(errors, []);
});

test('the Export menu closes on Escape, on a click outside it and on a tab switch', async () => {
  const { page, errors } = await open(browser);
  const exportButton = page.getByRole('button', { name: /^Export/ });
  const menu = page.getByRole('menu');
  await exportButton.click();
  await menu.waitFor();
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.equal(await exportButton.evaluate((b) => b === document.activeElement), true, 'focus back on its button');
  await exportButton.click();
  await menu.waitFor();
  await page.getByRole('heading', { level: 1 }).click();
  await menu.waitFor({ state: 'detached' });
  await exportButton.click();
  await menu.waitFor();
  await page.getByRole('tab', { name: 'Rollups' }).click();
  await menu.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});

test('a big plan file says it is being read, with a Cancel that leaves the open plan as it was', async () => {
  const bin = new URL('../../target/debug/rollplan', import.meta.url).pathname;
  const json = execFileSync(bin, ['generate', '--outputs', '2000', '--objectives', '10', '--years', '10', '--lines', '10'], { maxBuffer: 1 << 28 });
  const file = { name: 'big.json', mimeType: 'application/json', buffer: json };
  const { page, errors } = await open(browser);
  // Whatever shows while the file is read is noted (the page is busy reading it after).
  await page.evaluate(() => {
    window.__shown = [];
    new MutationObserver(() => {
      const p = document.querySelector('.progress');
      if (p && !window.__shown.includes(p.textContent)) window.__shown.push(p.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByRole('heading', { level: 1, name: /Synthetic plan/ }).waitFor({ timeout: 60000 });
  assert.ok((await page.evaluate(() => window.__shown)).some((t) => /Reading big\.json…\s*Cancel/.test(t)));
  assert.equal(await page.locator('.progress').count(), 0, 'gone once the plan is open');
  // Cancel, pressed as soon as it shows: the file is not opened, and the page says so.
  await page.evaluate(() => {
    new MutationObserver((_, obs) => {
      const b = document.querySelector('.progress button');
      if (b) { obs.disconnect(); b.click(); }
    }).observe(document.body, { subtree: true, childList: true });
  });
  const title = await page.getByRole('heading', { level: 1 }).textContent();
  await page.getByTestId('file-input').setInputFiles({ ...file, name: 'other.json' });
  await page.getByRole('status').filter({ hasText: 'Opening the file was cancelled; your plan is unchanged.' }).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
  assert.equal(await page.locator('.progress').count(), 0);
  assert.deepEqual(errors, []);
});
