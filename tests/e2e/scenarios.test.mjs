// End to end: scenarios side by side, and the financial implications of a proposal.
// A scenario is created, a cell is overridden (marked, baseline untouched), compared, reset;
// the example's contributory unit scenarios compare on income; a proposal is built from
// templates, its statement checked by hand, printed layout checked, exported and applied.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, view, cell, number, download, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const showing = (page) => page.getByRole('combobox', { name: 'Showing' });
// The name of what the views show, once it is `want`.
async function shown(page, want) {
  const sel = showing(page);
  for (let i = 0; i < 50; i++) {
    const now = await sel.evaluate((s) => s.selectedOptions[0]?.textContent);
    if (now === want) return now;
    await page.waitForTimeout(100);
  }
  return sel.evaluate((s) => s.selectedOptions[0]?.textContent);
}

async function typeInto(page, name, text) {
  await cell(page, name).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('a scenario overrides a cell, is compared with the baseline and is reset', async () => {
  const { page, errors } = await open(browser);
  const name = 'Output 1.1, Representation missions, 2012';
  const baseline = await number(cell(page, name));

  await view(page, 'Scenarios');
  // The example carries the four contributory unit values as scenarios.
  for (const v of ['318,000', '322,000', '325,000', '329,000']) {
    await page.getByRole('textbox', { name: `Name of scenario Contributory unit CHF ${v}` }).waitFor();
  }
  const cmp = page.getByRole('table', { name: 'Comparison by objective' });
  const income = cmp.getByRole('rowgroup').filter({ has: page.getByRole('rowheader', { name: 'Income', exact: true }) });
  const incomeRow = (v) => income.getByRole('row').filter({ has: page.getByRole('rowheader', { name: v }) });
  // Costs are the same in all five; income differs by units x (value - 318,000).
  const base2012 = await number(incomeRow('Baseline').getByRole('cell').first());
  const cu329 = incomeRow('Contributory unit CHF 329,000').getByRole('cell').first();
  const text329 = await cu329.textContent();
  assert.match(text329, /\+2,805,000 \(\+\d+\.\d\s%\)/, text329);
  assert.ok(text329.replace(/,/g, '').includes(String(base2012 + 2805000)));
  await page.screenshot({ path: `${SHOTS}scenarios-compare.png`, fullPage: true });

  // A new scenario is shown at once; figures typed change it only.
  await page.getByRole('button', { name: 'New scenario' }).click();
  assert.equal(await shown(page, 'New scenario'), 'New scenario');
  await view(page, 'Resources');
  await typeInto(page, name, String(baseline + 2000));
  const c = cell(page, name);
  assert.equal(await number(c), baseline + 2000);
  assert.match(await c.getAttribute('class'), /overridden/);
  await page.screenshot({ path: `${SHOTS}scenario-grid.png` });
  // Rows belong to the baseline: the structure buttons give way to Reset.
  assert.equal(await page.getByRole('button', { name: 'Add line' }).count(), 0);

  await showing(page).selectOption({ label: 'Baseline' });
  assert.equal(await number(cell(page, name)), baseline, 'the baseline is untouched');
  assert.doesNotMatch((await cell(page, name).getAttribute('class')) || '', /overridden/);

  // Compared: O1, which output 1.1 serves, costs more in 2012 in the scenario.
  await view(page, 'Scenarios');
  for (const v of ['318,000', '322,000', '325,000', '329,000']) {
    await page.getByRole('checkbox', { name: `Contributory unit CHF ${v}` }).uncheck();
  }
  const o1 = cmp.getByRole('rowgroup').filter({ has: page.getByRole('rowheader', { name: /^O1/ }) });
  const o1New = o1.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'New scenario' }) });
  const o1Base = o1.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Baseline' }) });
  const diff = (await o1New.getByRole('cell').first().locator('.diff').textContent()).trim();
  const b = await number(o1Base.getByRole('cell').first());
  const s = Number((await o1New.getByRole('cell').first().textContent()).replace(diff, '').replace(/,/g, ''));
  assert.ok(s > b, `${s} > ${b}`);
  assert.ok(diff.startsWith('+' + (s - b).toLocaleString('en-US')), diff);
  const chart = page.getByRole('img', { name: /Difference from the baseline/ });
  await chart.waitFor();
  // Its ticks are round and spread out from zero: minus to the left, plus to the right.
  const ticks = await chart.locator('text.tick:not(.side)').evaluateAll((ts) => ts.map((t) => [t.textContent, t.getBBox().x + t.getBBox().width / 2]));
  const zero = ticks.find(([t]) => t === '0');
  assert.ok(zero, JSON.stringify(ticks));
  for (const [t, x] of ticks) {
    if (t === '0') continue;
    assert.match(t, /^[−+]\d+(\.\d+)?(k|M|bn)?$/, t);
    assert.ok(t.startsWith('+') ? x > zero[1] + 100 : x < zero[1] - 100, `${t} at ${x}, zero at ${zero[1]}`);
  }
  await page.getByRole('table', { name: 'Against the ceilings' }).waitFor();
  await page.screenshot({ path: `${SHOTS}scenario-compare-one.png`, fullPage: true });

  // Reset the cell to the baseline from the grid.
  await showing(page).selectOption({ label: 'New scenario' });
  await view(page, 'Resources');
  await cell(page, name).click();
  await page.getByRole('button', { name: 'Reset to baseline' }).click();
  assert.equal(await number(cell(page, name)), baseline);
  assert.doesNotMatch((await cell(page, name).getAttribute('class')) || '', /overridden/);
  // Undo brings the scenario's figure back.
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await number(cell(page, name)), baseline + 2000);

  // The escalation is a figure too: changed in the scenario, marked there, not in the baseline.
  await view(page, 'Standard costs & ceilings');
  const esc = page.getByRole('textbox', { name: 'Yearly escalation (%)' });
  const escBase = await esc.inputValue();
  await esc.fill('3.5');
  await esc.press('Enter');
  assert.match(await esc.getAttribute('class'), /overridden/);
  await showing(page).selectOption({ label: 'Baseline' });
  assert.equal(await esc.inputValue(), escBase);
  assert.doesNotMatch(await esc.getAttribute('class'), /overridden/);
  await showing(page).selectOption({ label: 'New scenario' });

  // Promote it: the baseline takes its figure and keeps its own as "Former baseline".
  await view(page, 'Scenarios');
  await page.getByRole('button', { name: 'Promote to baseline: New scenario' }).click();
  await page.getByRole('button', { name: 'Promote', exact: true }).click();
  await page.getByRole('textbox', { name: /^Name of scenario Former baseline/ }).waitFor();
  await view(page, 'Resources');
  assert.equal(await showing(page).inputValue(), '', 'the baseline is shown');
  assert.equal(await number(cell(page, name)), baseline + 2000);
  assert.deepEqual(errors, []);
});

test('a scenario changes the value of the contributory unit as a driver', async () => {
  const { page, errors } = await open(browser);
  await view(page, 'Scenarios');
  const box = page.getByRole('textbox', { name: /Assessed contributions.*, Contributory unit CHF 322,000/ });
  assert.equal(await box.inputValue(), '322,000');
  await box.fill('abc');
  await box.press('Enter');
  await page.getByText('is not a number', { exact: false }).first().waitFor();
  assert.equal(await box.inputValue(), 'abc', 'what was typed is kept');
  await box.fill('323000');
  await box.press('Enter');
  const cmp = page.getByRole('table', { name: 'Comparison by objective' });
  const income = cmp.getByRole('rowgroup').filter({ has: page.getByRole('rowheader', { name: 'Income', exact: true }) });
  const row = income.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Contributory unit CHF 322,000' }) });
  assert.match(await row.getByRole('cell').first().textContent(), /\+1,275,000/);
  assert.deepEqual(errors, []);
});

test('a proposal is costed from templates, stated, exported and applied as a scenario', async () => {
  const { page, errors } = await open(browser);
  await view(page, 'Proposal costing');
  // The example opens on its illustrative proposal, already costed.
  assert.match(await page.getByRole('textbox', { name: 'Proposal' }).inputValue(), /^Expert group.*\(illustrative\)$/);
  // One display precision for the plan: whole units by default, cents on request, and
  // undone like any change.
  const foot = () => page.getByRole('table', { name: 'Cost items and their formulas' }).locator('tfoot td').last().textContent();
  assert.equal((await foot()).trim(), '981,059');
  await page.getByLabel('Show cents').check();
  assert.equal((await foot()).trim(), '981,059.02');
  await view(page, 'Rollups');
  assert.match(await page.getByRole('table', { name: /Cost by objective/ }).locator('tfoot tr.total td').last().textContent(), /^[\d,]+\.\d\d$/);
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('Control+z');
  assert.equal(await page.getByLabel('Show cents').isChecked(), false);
  await view(page, 'Proposal costing');
  assert.equal((await foot()).trim(), '981,059');
  await page.getByRole('button', { name: 'New proposal' }).click();
  const title = page.getByRole('textbox', { name: 'Proposal' });
  await title.fill('Regional forum');
  await title.press('Enter');

  // A meeting: 3 days x 6 languages x 3 interpreters x 1,000 (illustrative) = 54,000.
  await page.getByRole('button', { name: 'Add item' }).click();
  const days = page.getByRole('textbox', { name: 'days a year', exact: true });
  await days.fill('3');
  await days.press('Enter');
  await page.getByRole('cell', { name: 'Cost of item 1' }).filter({ hasText: '54,000' }).waitFor();
  // Documents: 100 pages x 5 target languages x 450 = 225,000, for output 3.2, in 2012
  // and 2013 (translated into the other five of ITU's six languages by default).
  await page.getByRole('combobox', { name: 'Template of the new item' }).selectOption('documents');
  await page.getByRole('button', { name: 'Add item' }).click();
  await page.getByRole('combobox', { name: 'Item 2 is for' }).selectOption({ label: '3.2 Translation and text-processing services for production of documentation and other materials in the six languages of the Union' });
  await page.getByRole('checkbox', { name: 'Item 2 in 2013' }).check();
  await page.getByRole('cell', { name: 'Cost of item 2' }).filter({ hasText: '450,000' }).waitFor();
  // Text that is not a number stays in its box with the reason; the item keeps its figure.
  const pages = page.getByRole('textbox', { name: 'pages a year', exact: true });
  await pages.fill('many');
  await pages.press('Enter');
  assert.equal(await pages.inputValue(), 'many');
  assert.equal(await pages.getAttribute('aria-invalid'), 'true');
  // The interpreter-day rate is an illustrative default until replaced.
  const rates = page.getByRole('table', { name: 'Unit rates' });
  assert.match(await rates.textContent(), /Illustrative default/);
  const rate = page.getByRole('textbox', { name: 'Cost per interpreter-day' });
  await rate.fill('1100');
  await rate.press('Enter');
  await page.getByRole('cell', { name: 'Cost of item 1' }).filter({ hasText: '59,400' }).waitFor();

  // The statement: each item's formula, totals by year; 2012: 59,400 + 225,000.
  const stmt = page.getByRole('table', { name: 'Cost items and their formulas' });
  assert.match(await stmt.textContent(), /3 days a year × 6 languages × 3 interpreters per booth × CHF 1,100 per interpreter-day/);
  const totals = await stmt.locator('tfoot td').allTextContents();
  assert.deepEqual(totals.map((t) => t.trim()), ['284,400', '225,000', '0', '0', '509,400']);
  await page.screenshot({ path: `${SHOTS}proposal.png`, fullPage: true });
  // Printed, only the statement shows.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('table', { name: 'Unit rates' }).isVisible(), false);
  assert.equal(await stmt.isVisible(), true);
  await page.screenshot({ path: `${SHOTS}proposal-print.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  const csv = await download(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  assert.match(csv.name, /financial-implications\.csv$/);
  assert.match(csv.text, /^\uFEFFsection,ref,description/);
  assert.match(csv.text, /\r\ntotal,TOTAL,Total,,,,284400\.00,225000\.00,0\.00,0\.00,509400\.00\r\n/);
  const json = await download(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
  assert.equal(JSON.parse(json.text).statement.total.total, '509400.00');

  // Applied: a scenario the comparison shows against the baseline.
  await page.getByRole('button', { name: 'Apply to plan as a scenario' }).click();
  await page.getByRole('tab', { name: 'Scenarios', selected: true }).waitFor();
  assert.equal(await shown(page, 'Proposal: Regional forum'), 'Proposal: Regional forum');
  const cmp = page.getByRole('table', { name: 'Comparison by objective' });
  const total = cmp.getByRole('rowgroup').filter({ has: page.getByRole('rowheader', { name: 'Total cost', exact: true }) });
  const row = total.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Proposal: Regional forum' }) });
  assert.match(await row.getByRole('cell').first().textContent(), /\+284,400/);
  assert.match(await row.getByRole('cell').last().textContent(), /\+509,400/);
  // Its rows appear in the grid while it is shown.
  await view(page, 'Resources');
  await page.getByRole('rowheader', { name: /Regional forum: Meeting/ }).first().waitFor();
  await page.screenshot({ path: `${SHOTS}proposal-applied.png` });
  assert.deepEqual(errors, []);
});
