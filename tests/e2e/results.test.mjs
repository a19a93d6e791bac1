// End to end: the results framework beside the money. A KPI gets targets and actuals, its
// status shows per year, and the objective's cost is on the same page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, view, number, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a KPI with targets and actuals shows its status beside the objective cost', async () => {
  const { page, errors } = await open(browser);
  // The objective's cost as the Rollups view computes it.
  await view(page, 'Rollups');
  const rollupRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^O1\b/ }) }).first();
  const o1Total = (await rollupRow.getByRole('cell').last().textContent()).trim();

  await view(page, 'Results & KPIs');
  const summary = page.getByRole('region', { name: 'Cost per result' });
  const o1 = summary.getByRole('row').filter({ hasText: 'O1' });
  assert.equal((await o1.getByRole('cell').first().textContent()).trim(), o1Total, 'same cost as the rollups');
  const objective = page.getByRole('region', { name: 'Objective O1' });
  assert.match(await objective.getByRole('table', { name: 'Cost of O1 by year' }).textContent(), new RegExp(o1Total));

  // The example's KPIs carry illustrative figures, labelled so, read in its third year.
  const execution = (year) => objective.getByRole('status', { name: new RegExp(`^Execution of the strategic plan.*\\(illustrative figures\\), status ${year}$`) });
  assert.equal(await execution(2012).textContent(), 'on track');
  assert.equal(await execution(2014).textContent(), 'off track');
  assert.equal(await execution(2015).textContent(), 'no data');
  // A KPI can belong to an output that serves the objective; it shows with its code.
  await objective.getByRole('button', { name: 'Add a KPI for output 1.1' }).click();
  await objective.getByRole('row').filter({ hasText: '1.1' }).filter({ has: page.getByRole('textbox', { name: 'KPI name' }) }).waitFor();
  await page.keyboard.press('Escape');
  await objective.getByRole('heading', { level: 2 }).click();
  await page.keyboard.press('Control+z');
  // Add a KPI, name it, and give it targets and actuals.
  const kpisBefore = Number((await o1.getByRole('cell').nth(1).textContent()).trim());
  await objective.getByRole('button', { name: 'Add KPI' }).click();
  const name = objective.getByRole('textbox', { name: 'KPI name' }).last();
  await name.fill('Documents published on time');
  await name.press('Enter');
  const kpi = 'Documents published on time';
  const fill = async (label, value) => {
    const box = objective.getByRole('textbox', { name: label, exact: true });
    await box.fill(value);
    await box.press('Tab');
  };
  await fill(`${kpi}, unit`, '%');
  await fill(`${kpi}, baseline value`, '85');
  assert.equal(await objective.getByRole('textbox', { name: `${kpi}, baseline year` }).inputValue(), '2011',
    'a baseline defaults to the year before the plan');
  await fill(`${kpi}, target 2012`, '90');
  await fill(`${kpi}, actual 2012`, '95');
  await fill(`${kpi}, target 2013`, '92');
  await fill(`${kpi}, actual 2013`, '88.5');
  const status = (year) => objective.getByRole('status', { name: `${kpi}, status ${year}` });
  assert.equal(await status(2012).textContent(), 'on track');
  assert.equal(await status(2013).textContent(), 'off track');
  assert.equal(await status(2014).textContent(), 'no data');
  // Lower is better turns the reading round.
  await objective.getByRole('combobox', { name: `${kpi}, direction` }).selectOption('lower');
  assert.equal(await status(2012).textContent(), 'off track');
  assert.equal(await status(2013).textContent(), 'on track');
  // The summary counts it by its latest year with data (2013: on track now).
  assert.equal(Number((await o1.getByRole('cell').nth(1).textContent()).trim()), kpisBefore + 1);
  assert.ok(Number((await o1.getByRole('cell').nth(2).textContent()).trim()) >= 1);
  // Text that is not a number stays in its box with the reason; the figure stays blank.
  await fill(`${kpi}, actual 2014`, 'about 90');
  const actual2014 = objective.getByRole('textbox', { name: `${kpi}, actual 2014`, exact: true });
  assert.equal(await actual2014.inputValue(), 'about 90');
  assert.equal(await actual2014.getAttribute('aria-invalid'), 'true');
  assert.match(await objective.getByRole('alert').first().textContent(), /not a number/);
  assert.equal(await status(2014).textContent(), 'no data');
  await page.screenshot({ path: `${SHOTS}results.png`, fullPage: true });
  // Undo (outside a text field, which keeps its own) takes back the typed text first,
  // then the change before it (the direction).
  await objective.getByRole('heading', { level: 2 }).click();
  await page.keyboard.press('Control+z');
  assert.equal(await actual2014.inputValue(), '');
  assert.equal(await actual2014.getAttribute('aria-invalid'), null);
  assert.equal(await status(2012).textContent(), 'off track');
  await page.keyboard.press('Control+z');
  assert.equal(await status(2012).textContent(), 'on track');
  assert.deepEqual(errors, []);
});

test('risks sit on the 5 x 5 matrix and move when their score changes', async () => {
  const { page, errors } = await open(browser);
  await view(page, 'Results & KPIs');
  const matrix = page.getByRole('table', { name: 'Risks by likelihood and impact' });
  const cell = (l, i, n) => matrix.getByRole('cell', { name: `Likelihood ${l}, impact ${i}: ${n} risk(s)` });
  await cell(4, 3, 1).waitFor();
  // Objective O3's outputs carry the translation risk: raise its impact to 5.
  await page.getByRole('button', { name: /^O3 / }).click();
  const objective = page.getByRole('region', { name: 'Objective O3' });
  await objective.getByRole('combobox', { name: /Translation demand.*, impact/ }).selectOption('5');
  await cell(4, 5, 1).waitFor();
  await cell(4, 3, 0).waitFor();
  assert.match(await objective.getByRole('table').filter({ hasText: 'Severity' }).textContent(), /critical/);
  // A new risk to output 3.1, described, lands on the matrix at 3 x 3 until scored.
  await objective.getByRole('button', { name: 'Add a risk to output 3.1' }).click();
  await cell(3, 3, 1).waitFor();
  const risk = objective.getByRole('textbox', { name: 'Risk', exact: true }).last();
  await risk.fill('Interpreters scarce in peak weeks');
  await risk.press('Enter');
  await objective.getByRole('combobox', { name: 'Interpreters scarce in peak weeks, likelihood' }).selectOption('1');
  await cell(1, 3, 1).waitFor();
  await cell(3, 3, 0).waitFor();
  assert.deepEqual(errors, []);
});
