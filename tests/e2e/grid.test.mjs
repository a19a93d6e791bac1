// End to end: the resources grid as a spreadsheet user drives it, in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, open, view, cell, number, focusedPlace, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TRAVEL = (y) => `Output 1.1, Representation missions, ${y}`;
const AUDIT = (y) => `Output 1.1, External audit fees, ${y}`;

async function focused(page) {
  return page.evaluate(focusedPlace);
}

test('arrows, Tab and Enter move; typing replaces a cell and the totals follow', async () => {
  const { page, errors } = await open(browser);
  const out = cell(page, 'Output 1.1, 2012');
  const group = cell(page, 'Objective O1 total, 2012');
  const [out0, group0] = [await number(out), await number(group)];
  await cell(page, TRAVEL('2012')).click();
  assert.equal(await focused(page), TRAVEL('2012'));
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), AUDIT('2012'));
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), AUDIT('2013'));
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), TRAVEL('2012'));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), TRAVEL('2012'));

  // Typing replaces the value; Enter commits and moves down.
  await page.keyboard.type('500000');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, TRAVEL('2012')).textContent(), '500,000');
  assert.equal(await focused(page), AUDIT('2012'));
  assert.equal(await number(out), out0 + 80000);
  assert.equal(await number(group), group0 + 80000);

  // Shift+Enter moves up; the formats people type are read.
  await page.keyboard.press('Shift+Enter');
  for (const [typed, shown] of [['1,234.50', '1,234.5'], ['-200', '-200'], ['1234.5', '1,234.5']]) {
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    assert.equal(await cell(page, TRAVEL('2012')).textContent(), shown);
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.type('-200');
  await page.keyboard.press('Tab');
  assert.match(await cell(page, TRAVEL('2012')).getAttribute('class'), /\bneg\b/);
  assert.equal(await focused(page), TRAVEL('2013'));

  // Escape abandons an edit; F2 edits in place (the text is kept, the caret at its end).
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  assert.equal(await cell(page, TRAVEL('2013')).textContent(), '435,000');
  await page.keyboard.press('F2');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, TRAVEL('2013')).textContent(), '4,350,001');
  // Double-click edits too; Delete clears.
  await cell(page, AUDIT('2014')).dblclick();
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, AUDIT('2014')).textContent(), '1,650,000');
  await cell(page, AUDIT('2015')).click();
  await page.keyboard.press('Delete');
  assert.equal(await cell(page, AUDIT('2015')).textContent(), '');
  assert.deepEqual(errors, []);
});

test('Tab walks only the cells that take typing and goes on to the next row', async () => {
  const { page, errors } = await open(browser);
  await cell(page, TRAVEL('2015')).click();
  // Past the line's last year come its computed biennium and period totals: Tab skips them.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Output 1.1, External audit fees, description');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), TRAVEL('2015'));
  // In the editor too: Tab commits and goes on.
  await page.keyboard.type('1');
  await page.keyboard.press('Tab');
  assert.equal(await cell(page, TRAVEL('2015')).textContent(), '1');
  assert.equal(await focused(page), 'Output 1.1, External audit fees, description');
  // Never onto a total: Tab from each cell of a line lands on a cell that takes typing.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const name = await focused(page);
    const ro = await page.evaluate(() => document.activeElement?.getAttribute('aria-readonly'));
    assert.notEqual(ro, 'true', `Tab landed on the computed cell ${name}`);
  }
  await page.keyboard.press('Control+z');
  assert.deepEqual(errors, []);
});

test('text that is not a number stays in the cell, marked, and the plan keeps its value', async () => {
  const { page, errors } = await open(browser);
  const out = cell(page, 'Output 1.1, 2013');
  const before = await number(out);
  await cell(page, TRAVEL('2013')).click();
  await page.keyboard.type('about 5k');
  await page.keyboard.press('Enter');
  const bad = cell(page, TRAVEL('2013'));
  assert.equal(await bad.textContent(), 'about 5k');
  assert.equal(await bad.getAttribute('aria-invalid'), 'true');
  assert.equal(await number(out), before);
  // Back on the cell, the reason and what the plan still uses are spelled out.
  await page.keyboard.press('ArrowUp');
  const alert = page.locator('.cell-problem[role=alert]');
  assert.match(await alert.textContent(), /not a number.*the plan still uses 435,000/);
  await page.screenshot({ path: `${SHOTS}grid-invalid.png` });
  // It survives scrolling away and switching views.
  await view(page, 'Rollups');
  await view(page, 'Resources');
  assert.equal(await cell(page, TRAVEL('2013')).textContent(), 'about 5k');
  // And a reload: what was typed is kept in the browser with the plan.
  await page.reload();
  await cell(page, TRAVEL('2013')).waitFor();
  assert.equal(await cell(page, TRAVEL('2013')).textContent(), 'about 5k');
  assert.equal(await cell(page, TRAVEL('2013')).getAttribute('aria-invalid'), 'true');
  // Editing starts from the text as typed; a valid number replaces it.
  await cell(page, TRAVEL('2013')).dblclick();
  assert.equal(await page.locator('.cell-editor').inputValue(), 'about 5k');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('5000');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, TRAVEL('2013')).getAttribute('aria-invalid'), null);
  assert.equal(await number(out), before - 435000 + 5000);
  assert.deepEqual(errors, []);
});

test('Undo after bad text takes that text back first, never an earlier cell', async () => {
  const { page, errors } = await open(browser);
  const travel = cell(page, TRAVEL('2012'));
  const audit = cell(page, AUDIT('2012'));
  const travel0 = await travel.textContent();
  const audit0 = await audit.textContent();
  // A good value in one cell, then text that is not a number in the next.
  await travel.click();
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  assert.equal(await travel.textContent(), '123,456');
  await page.keyboard.type('about 5000');
  await page.keyboard.press('Enter');
  assert.equal(await audit.textContent(), 'about 5000', 'the text stays where it was typed');
  assert.match(await audit.getAttribute('class'), /invalid/);
  // Undo: the text goes, the cell shows its value again, the earlier edit stays.
  await page.keyboard.press('Control+z');
  assert.equal(await audit.textContent(), audit0);
  assert.doesNotMatch(await audit.getAttribute('class'), /invalid/);
  assert.equal(await travel.textContent(), '123,456');
  // Undo again: now the earlier edit. Redo brings both back, in order.
  await page.keyboard.press('Control+z');
  assert.equal(await travel.textContent(), travel0);
  await page.keyboard.press('Control+y');
  assert.equal(await travel.textContent(), '123,456');
  await page.keyboard.press('Control+y');
  assert.equal(await audit.textContent(), 'about 5000');
  assert.deepEqual(errors, []);
});

test('a range copies as tab-separated text and an Excel block pastes as one undo step', async () => {
  const { page, errors } = await open(browser);
  await cell(page, TRAVEL('2012')).click();
  await cell(page, AUDIT('2013')).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, '420000\t435000\n160000\t160000');
  // The same range selected by dragging the mouse.
  await cell(page, 'Output 1.1, 2015').click();
  const a = await cell(page, TRAVEL('2012')).boundingBox();
  const b = await cell(page, AUDIT('2013')).boundingBox();
  await page.mouse.move(a.x + 10, a.y + 10);
  await page.mouse.down();
  await page.mouse.move(b.x + 10, b.y + 10, { steps: 6 });
  await page.mouse.up();
  assert.equal(await page.locator('.grid [aria-selected=true]').count(), 4);
  await page.keyboard.press('Control+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), copied);

  const out = cell(page, 'Output 1.1, 2014');
  const before = await number(out);
  // As Excel puts it on the clipboard: CRLF line ends, a trailing line break, separators.
  await page.evaluate(() => navigator.clipboard.writeText('1,000\t2,000\r\n3,000\t4,000\r\n'));
  await cell(page, TRAVEL('2014')).click();
  await page.keyboard.press('Control+V');
  assert.equal(await cell(page, TRAVEL('2014')).textContent(), '1,000');
  assert.equal(await cell(page, TRAVEL('2015')).textContent(), '2,000');
  assert.equal(await cell(page, AUDIT('2014')).textContent(), '3,000');
  assert.equal(await cell(page, AUDIT('2015')).textContent(), '4,000');
  assert.match(await page.getByRole('status').filter({ hasText: 'Pasted' }).textContent(), /Pasted 4 cell/);
  // One Ctrl+Z takes the whole paste back; Ctrl+Y puts it again.
  await page.keyboard.press('Control+Z');
  assert.equal(await cell(page, TRAVEL('2014')).textContent(), '450,000');
  assert.equal(await cell(page, AUDIT('2015')).textContent(), '165,000');
  assert.equal(await number(out), before);
  await page.keyboard.press('Control+Y');
  assert.equal(await cell(page, AUDIT('2015')).textContent(), '4,000');

  // A paste wider than the years left goes on the years only (never over a computed
  // total) and says what was left out.
  const biennium = await cell(page, 'Output 1.1, Representation missions, 2014–2015').textContent();
  await page.evaluate(() => navigator.clipboard.writeText('7\t8\t9'));
  await cell(page, TRAVEL('2014')).click();
  await page.keyboard.press('Control+V');
  assert.match(await page.getByRole('status').filter({ hasText: 'Pasted' }).textContent(),
    /Pasted 2 cell\(s\); 1 value\(s\) had no editable cell left/);
  assert.equal(await cell(page, TRAVEL('2015')).textContent(), '8');
  assert.equal(await cell(page, 'Output 1.1, Representation missions, 2014–2015').textContent(), '15');
  assert.notEqual(biennium, '15');
  // A range over a line's totals and its output's cost row copies only its figures.
  await cell(page, TRAVEL('2012')).click();
  await cell(page, 'Output 1.1, Representation missions, 2012–2015').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '420000\t435000\t7\t8');
  assert.deepEqual(errors, []);
});

test('Ctrl+D fills down and Ctrl+R fills right', async () => {
  const { page, errors } = await open(browser);
  await cell(page, TRAVEL('2012')).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+D');
  assert.equal(await cell(page, AUDIT('2012')).textContent(), '420,000');
  await cell(page, TRAVEL('2012')).click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+R');
  for (const y of ['2013', '2014', '2015']) {
    assert.equal(await cell(page, TRAVEL(y)).textContent(), '420,000');
  }
  // Each fill is one step.
  await page.keyboard.press('Control+Z');
  assert.equal(await cell(page, TRAVEL('2015')).textContent(), '440,000');
  assert.equal(await cell(page, AUDIT('2012')).textContent(), '420,000');
  assert.deepEqual(errors, []);
});

test('lines, outputs and objectives are added, renamed, moved and deleted with undo', async () => {
  const { page, errors } = await open(browser);
  const grid = page.getByRole('grid', { name: 'Resource requirements' });
  const label = (name) => grid.getByRole('rowheader', { name, exact: true });
  await cell(page, AUDIT('2012')).click();
  await page.getByRole('button', { name: 'Add line' }).click();
  await label('Output 1.1, New line, description').click();
  await page.keyboard.type('Consultants');
  await page.keyboard.press('Tab');
  await page.keyboard.type('contract');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('25000');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, 'Output 1.1, Consultants, type').textContent(), 'CONTRACT');
  assert.equal(await cell(page, 'Output 1.1, Consultants, 2012').textContent(), '25,000');
  // A type that is neither a grade nor a category is refused with the choices.
  await cell(page, 'Output 1.1, Consultants, type').click();
  await page.keyboard.type('P9');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  assert.match(await page.locator('.cell-problem').textContent(), /not a grade .*P4.* or a cost category/);
  await page.keyboard.press('Delete');

  // Move the new line above the audit fees, then delete it; undo brings it back.
  await label('Output 1.1, Consultants, description').click();
  await page.getByRole('button', { name: 'Move line up' }).click();
  const order = await grid.getByRole('rowheader').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.ok(order.indexOf('Output 1.1, Consultants, description') < order.indexOf('Output 1.1, External audit fees, description'));
  await page.getByRole('button', { name: 'Delete line' }).click();
  assert.equal(await label('Output 1.1, Consultants, description').count(), 0);
  await page.keyboard.press('Control+Z');
  await label('Output 1.1, Consultants, description').waitFor();

  // A new objective, renamed by typing on its heading; a new output in it.
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await label('Objective O6 total, description').click();
  await page.getByRole('button', { name: 'Add objective' }).click();
  await label('Objective O7 total, description').click();
  await page.keyboard.type('Digital inclusion');
  await page.keyboard.press('Enter');
  assert.match(await label('Objective O7 total, description').textContent(), /Digital inclusion/);
  await label('Objective O7 total, description').click();
  await page.getByRole('button', { name: 'Add output' }).click();
  await label('Output 7.1, description').waitFor();
  assert.match(await page.locator('header').textContent(), /7 objectives · 22 outputs/);

  // Added to a collapsed group, the new output shows, and what is typed next names it:
  // once, not by pressing the button again.
  await label('Objective O1 total, description').click();
  await page.getByRole('button', { name: 'Add output' }).click();
  await page.keyboard.type('Regional presence');
  await page.keyboard.press('Enter');
  const added = grid.getByRole('rowheader').filter({ hasText: 'Regional presence' });
  await added.waitFor();
  assert.match(await added.getAttribute('aria-label'), /^Output 1\.\d+, description$/);
  assert.match(await page.locator('header').textContent(), /7 objectives · 23 outputs/);
  await view(page, 'Outputs × objectives');
  await page.getByRole('button', { name: 'Output 7.1 and objective O7: linked (X)' }).waitFor();
  await page.screenshot({ path: `${SHOTS}structure-matrix.png` });
  assert.deepEqual(errors, []);
});

test('rollups, ceilings and standard costs change the moment a cell is committed', async () => {
  const { page, errors } = await open(browser);
  await view(page, 'Rollups');
  const rollup = page.getByRole('table', { name: 'Cost by objective and year' });
  const o1 = rollup.getByRole('row', { name: /Overall management/ }).getByRole('cell').first();
  const before = await number(o1);
  assert.equal(await page.getByRole('table', { name: 'Ceilings' }).locator('tr.over').count(), 1);
  await page.screenshot({ path: `${SHOTS}rollups.png` });
  await view(page, 'Resources');
  await cell(page, TRAVEL('2012')).click();
  await page.keyboard.type('520000');
  await page.keyboard.press('Enter');
  await view(page, 'Rollups');
  assert.equal(await number(o1), before + 100000);

  // Standard costs: an escalated year is derived until typed; the staff costs follow.
  await view(page, 'Standard costs & ceilings');
  const p4 = cell(page, 'Standard cost P4, 2013');
  assert.match(await p4.getAttribute('class'), /derived/);
  await p4.click();
  await page.keyboard.type('230000');
  await page.keyboard.press('Enter');
  assert.doesNotMatch(await p4.getAttribute('class'), /derived/);
  assert.equal(await p4.textContent(), '230,000');
  // A ceiling raised above the cost is no longer over.
  const amount = page.getByLabel('Amount of Biennium 2014–2015 ceiling');
  await amount.fill('180,000,000');
  await amount.press('Enter');
  assert.equal(await page.getByRole('table', { name: 'Ceiling amounts' }).locator('tr.over').count(), 0);
  await amount.fill('lots');
  await amount.press('Enter');
  assert.equal(await amount.getAttribute('aria-invalid'), 'true');
  await page.screenshot({ path: `${SHOTS}costs.png` });
  await view(page, 'Resources');
  assert.equal(await cell(page, 'Output 1.1, P4 posts cost, 2013').textContent(), '460,000');
  assert.deepEqual(errors, []);
});

test('the grid exposes grid semantics: headers, read-only and named cells', async () => {
  const { page, errors } = await open(browser);
  const grid = page.getByRole('grid', { name: 'Resource requirements' });
  const heads = await grid.getByRole('columnheader').allTextContents();
  assert.deepEqual(heads, ['Description', 'Type', 'Rate', '2012', '2013', '2014', '2015', '2012–2013', '2014–2015', '2012–2015']);
  // Totals and costs take typing (it is spread over the figures beneath them); what
  // cannot be typed into is read-only.
  assert.equal(await cell(page, 'Output 1.1, D2 posts cost, 2012').getAttribute('aria-readonly'), null);
  assert.equal(await cell(page, 'Output 1.1, 2012–2015').getAttribute('aria-readonly'), null);
  assert.equal(await cell(page, 'Objective O1 total, 2012').getAttribute('aria-readonly'), null);
  assert.equal(await cell(page, 'Output 1.1, D2 posts cost, type').getAttribute('aria-readonly'), 'true');
  assert.equal(await cell(page, 'Output 1.1, D2 posts, 2012').getAttribute('aria-readonly'), null);
  assert.equal(await grid.getAttribute('aria-rowcount') > 100, true);
  // Typing into a computed cell that is not a total says why nothing happened.
  const computed = cell(page, 'Output 1.1, D2 posts cost, type');
  const total = cell(page, 'Objective O1 total, 2012');
  const before = await total.textContent();
  await computed.click();
  await page.keyboard.type('5');
  await page.getByRole('status').filter({ hasText: 'That cell is computed' }).waitFor();
  assert.equal(await total.textContent(), before);
  await page.screenshot({ path: `${SHOTS}resources.png` });
  // Collapse a group by its toggle; its outputs leave the grid, the subtotal stays.
  await page.getByRole('button', { name: 'Collapse O1' }).click();
  assert.equal(await cell(page, TRAVEL('2012')).count(), 0);
  await cell(page, 'Objective O1 total, 2012').waitFor();
  assert.deepEqual(errors, []);
});

test('a 2,000-output plan keeps only the visible rows in the DOM and edits at once', async () => {
  const bin = new URL('../../target/debug/rollplan', import.meta.url).pathname;
  const json = execFileSync(bin, ['generate', '--outputs', '2000', '--objectives', '10', '--years', '10', '--lines', '10'], { maxBuffer: 1 << 28 });
  const { page, errors } = await open(browser);
  await page.getByTestId('file-input').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: json });
  await page.getByRole('heading', { level: 1, name: /Synthetic plan/ }).waitFor({ timeout: 60000 });
  const grid = page.getByRole('grid', { name: 'Resource requirements' });
  const rows = Number(await grid.getAttribute('aria-rowcount'));
  assert.ok(rows > 22000, `${rows} rows`);
  const rendered = await grid.locator('tbody tr[role=row]').count();
  assert.ok(rendered < 80, `${rendered} rows in the DOM`);
  // Jump to the end with the keyboard: the plan total is there.
  await grid.locator('[tabindex="0"]').first().click();
  await page.keyboard.press('Control+End');
  await cell(page, 'Plan total, ' + (await grid.getByRole('columnheader').last().textContent())).waitFor();
  assert.ok((await grid.locator('tbody tr[role=row]').count()) < 80);
  // Page up into the lines and edit one: the total changes.
  const total = grid.locator('tr.r-total td').last();
  const before = await number(total);
  for (let i = 0; i < 3; i++) await page.keyboard.press('PageUp');
  // The grid renders (and moves focus) on its next task; wait for the focused cell.
  const focusedCell = async () => {
    try {
      return await (await page.waitForFunction(
        `document.activeElement?.closest('.grid') ? (${focusedPlace})() : null`, null, { timeout: 10000 },
      )).jsonValue();
    } catch (e) {
      const where = await page.evaluate(() => `${document.activeElement?.outerHTML.slice(0, 160)}; cursor cell: ${document.querySelector('.grid [tabindex="0"]')?.getAttribute('aria-label')}; scrollTop ${document.querySelector('.grid-scroll').scrollTop}`);
      throw new Error(`keyboard focus left the grid: ${where}`);
    }
  };
  const name = await focusedCell();
  if (!/^Output /.test(name) || / cost,/.test(name)) {
    // Land on an editable line cell whatever the generated shape.
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  const target = await focusedCell();
  const old = await number(cell(page, target));
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  assert.equal(await cell(page, target).textContent(), '123,456');
  await page.keyboard.press('Control+End');
  assert.notEqual(await number(total), before, `${target} was ${old}`);
  // Kept in the browser whatever its size (IndexedDB), with no warning.
  await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole('alert').filter({ hasText: 'Not saved' }).count(), 0);
  await page.screenshot({ path: `${SHOTS}grid-large.png` });
  assert.deepEqual(errors, []);
});

test('Ctrl+F finds an output in a collapsed group and puts the cursor on it', async () => {
  const { page, errors } = await open(browser, { width: 1280, height: 700 });
  await page.getByRole('button', { name: 'Collapse all' }).click();
  const row = page.getByRole('rowheader', { name: /^Output 6\.1, description/ });
  assert.equal(await row.count(), 0, 'hidden in its collapsed group');
  await cell(page, 'Objective O1 total, 2012').click();
  await page.keyboard.press('Control+f');
  const box = page.getByRole('searchbox', { name: 'Find outputs, objectives and lines' });
  await box.waitFor();
  assert.ok(await box.evaluate((e) => e === document.activeElement), 'the box takes the focus');
  await page.keyboard.type('WORLD 2013');
  const summary = page.getByRole('search').getByRole('status');
  assert.match(await summary.textContent(), /1 match found/);
  await page.keyboard.press('Enter');
  assert.match(await summary.textContent(), /^1 of 1: Output 6\.1: ITU TELECOM World 2013/);
  // Its group opened and the grid's cursor is on its row; the focus stays in the box.
  await row.waitFor();
  assert.equal(await row.getAttribute('aria-selected'), 'true');
  // ... and on the screen, not below the fold of the page.
  await page.waitForFunction((n) => {
    const el = [...document.querySelectorAll('[role=rowheader]')].find((e) => e.getAttribute('aria-label').startsWith(n));
    const r = el?.getBoundingClientRect();
    return r && r.top >= 0 && r.bottom <= window.innerHeight;
  }, 'Output 6.1, description');
  assert.ok(await box.evaluate((e) => e === document.activeElement));
  // Escape closes the bar and gives the focus to the found row, where typing renames it.
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Output 6.1, description'));
  // Text that is nowhere says so.
  await page.keyboard.press('Control+f');
  await page.keyboard.type('zzz nothing');
  assert.match(await summary.textContent(), /No output, objective, line or note has this/);
  assert.deepEqual(errors, []);
});

test('on a tall screen the grid draws rows to its bottom edge, and after a resize too', async () => {
  const { page, errors } = await open(browser, { width: 1440, height: 1600 });
  // The drawn rows reach the scroller's bottom edge: no blank band under them.
  const gap = () => page.waitForFunction(() => {
    const rows = document.querySelectorAll('.grid tbody tr[data-r]');
    const last = rows[rows.length - 1]?.getBoundingClientRect();
    const grid = document.querySelector('.grid-scroll').getBoundingClientRect();
    return last ? grid.bottom - last.bottom : null;
  }).then((h) => h.jsonValue());
  await page.getByRole('gridcell').first().click();
  assert.ok((await gap()) <= 0, `blank band of ${await gap()} px under the rows`);
  await page.setViewportSize({ width: 1440, height: 2200 });
  await page.waitForTimeout(200);
  assert.ok((await gap()) <= 0, `after a resize, blank band of ${await gap()} px under the rows`);
  assert.deepEqual(errors, []);
});
