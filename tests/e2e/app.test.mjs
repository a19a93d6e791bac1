// End to end: the release build in Chromium, as a user sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, view, editSaved, cell, BASE, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the page opens on the example plan with no console errors', async () => {
  const { page, errors } = await open(browser);
  assert.match(await page.title(), /Rollplan/);
  const h1 = await page.getByRole('heading', { level: 1 }).textContent();
  assert.match(h1, /General Secretariat operational plan 2012.2015/);
  await view(page, 'Outputs × objectives');
  // Six objectives as columns, 21 outputs as rows (Table 7.1), one X each.
  const table = page.getByRole('table', { name: 'Outputs by objective' });
  assert.equal(await table.locator('thead .obj-col').count(), 6);
  assert.equal(await table.locator('tbody tr').count(), 21);
  assert.equal(await table.locator('button.mark-btn.on').count(), 21);
  await page.getByRole('rowheader', { name: /ITU TELECOM World 2013/ }).waitFor();
  await page.screenshot({ path: `${SHOTS}matrix.png`, fullPage: false });
  assert.deepEqual(errors, []);
});

test('a first visit says what to do first; the hint goes once dismissed or once a plan is kept', async () => {
  const { page, errors } = await open(browser);
  const hint = page.getByRole('region', { name: 'Getting started' });
  assert.match(await hint.textContent(), /This is an example plan\. Click a figure/);
  // Its button opens the plans, where a blank plan starts.
  await hint.getByRole('button', { name: 'Start or open a plan…' }).click();
  await page.getByRole('dialog', { name: 'Plans in this browser' }).waitFor();
  await page.keyboard.press('Escape');
  await hint.getByRole('button', { name: 'Got it' }).click();
  await hint.waitFor({ state: 'detached' });
  // Once something is kept in this browser, the next visit opens on it with no hint.
  const fresh = await open(browser);
  await editSaved(fresh.page, 'Output 1.1, Representation missions, 2012', '111');
  await fresh.page.reload();
  await fresh.page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  assert.equal(await fresh.page.getByRole('region', { name: 'Getting started' }).count(), 0);
  assert.deepEqual([...errors, ...fresh.errors], []);
});

test('linking a cell updates the objective totals at once', async () => {
  const { page, errors } = await open(browser);
  await view(page, 'Outputs × objectives');
  const o6 = page.locator("td[data-objective='O6']");
  const before = await o6.textContent();
  await page.getByRole('button', { name: 'Output 4.4 and objective O6: not linked' }).click();
  await page.getByRole('button', { name: 'Output 4.4 and objective O6: linked (X)' }).waitFor();
  const after = await o6.textContent();
  assert.notEqual(after, before);
  const n = (s) => Number(s.replace(/,/g, ''));
  assert.ok(n(after) > n(before), `${after} > ${before}`);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await o6.textContent(), before);
  assert.deepEqual(errors, []);
});

test('at 1280 and 1440 pixels nothing is cut or scrolls sideways that has room', async () => {
  for (const width of [1280, 1440]) {
    const { page, errors, context } = await open(browser, { width, height: 900 });
    // The plan title wraps rather than being cut.
    const title = await page.getByRole('heading', { level: 1 }).evaluate((h) => h.scrollHeight - h.clientHeight);
    assert.ok(title <= 1, `${width}: the plan title is cut by ${title}px`);
    // The grid fills its card: the description column takes the spare width.
    const grid = page.getByRole('grid', { name: 'Resource requirements' });
    const [table, scroller] = await grid.evaluate((g) => [g.getBoundingClientRect().width, g.parentElement.clientWidth]);
    assert.ok(table >= scroller - 1, `${width}: the grid is ${scroller - table}px short of its card`);
    // At 1440 an output's title of 60 characters reads whole; where a longer one must be cut
    // (at 1280 the figures take the room), it shows whole on hover.
    const output = page.getByRole('rowheader', { name: /^Output 1\.1, description/ }).first();
    const cut = await output.evaluate((c) => c.scrollWidth - c.clientWidth);
    if (width === 1440) assert.ok(cut <= 0, `${width}: output 1.1's title is cut by ${cut}px`);
    assert.equal(await output.getAttribute('title'), '1.1 Management, coordination and representation of the Union');
    // The scenario comparison and the drivers fit the page.
    await view(page, 'Scenarios');
    await page.getByRole('table', { name: 'Comparison by objective' }).waitFor();
    const sideways = await page.locator('.x-scroll').evaluateAll((xs) => xs.map((x) => x.scrollWidth - x.clientWidth));
    assert.ok(sideways.every((d) => d <= 1), `${width}: sideways scroll ${JSON.stringify(sideways)}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the layout works on a 1280-pixel laptop screen', async () => {
  const { page, errors } = await open(browser, { width: 1280, height: 800 });
  await view(page, 'Outputs × objectives');
  await page.getByRole('button', { name: /O3/ }).first().click();
  await page.getByRole('complementary', { name: 'Objective O3' }).waitFor();
  await page.screenshot({ path: `${SHOTS}matrix-1280-objective.png` });
  // No horizontal page scroll: the matrix scrolls inside its panel.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  // The resources grid too: it scrolls inside its panel, the year columns in view.
  await view(page, 'Resources');
  await page.getByRole('columnheader', { name: '2015', exact: true }).waitFor();
  const grid = await page.getByRole('grid', { name: 'Resource requirements' }).evaluate((g) => g.parentElement.getBoundingClientRect().right);
  assert.ok(grid <= 1280, `grid panel ends at ${grid}px`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `page overflows by ${wide}px`);
  await page.screenshot({ path: `${SHOTS}resources-1280.png` });
  assert.deepEqual(errors, []);
});

test('a matrix cell takes a percentage; shares not summing to 100 % are flagged', async () => {
  const { page, errors } = await open(browser);
  await view(page, 'Outputs × objectives');
  const o6 = page.locator("td[data-objective='O6']");
  const before = await o6.textContent();
  // Output 4.4 is X in O4; give 30 % to O6 too: the X keeps what is left (70 %).
  await page.getByRole('button', { name: 'Output 4.4 and objective O6: not linked' }).press('3');
  await page.keyboard.type('0 %');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Output 4.4 and objective O6: linked (30 %)' }).waitFor();
  assert.notEqual(await o6.textContent(), before);
  // 30 % + 50 % with no X: 80 %, flagged on the row.
  await page.getByRole('button', { name: /Output 4.4 and objective O4: linked/ }).press('5');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^4\.4/ }) });
  await row.getByText('shares ≠ 100 %').waitFor();
  // Nonsense stays in the cell with the reason, and nothing changes.
  await page.getByRole('button', { name: 'Output 4.4 and objective O1: not linked' }).press('x');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('half');
  await page.keyboard.press('Enter');
  const input = page.getByRole('textbox', { name: /Share of output 4.4 in objective O1/ });
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await input.inputValue(), 'half');
  await page.screenshot({ path: `${SHOTS}matrix-percent.png` });
  await page.keyboard.press('Escape');
  assert.deepEqual(errors, []);
});

test('the matrix is one tab stop whose cells the arrow keys walk', async () => {
  const { page, errors } = await open(browser);
  await view(page, 'Outputs × objectives');
  const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  await page.getByRole('button', { name: /^Output 1\.1 and objective O1:/ }).focus();
  await page.keyboard.press('ArrowRight');
  assert.match(await focusedLabel(), /^Output 1\.1 and objective O2:/);
  await page.keyboard.press('ArrowDown');
  assert.match(await focusedLabel(), /^Output 2\.1 and objective O2:/);
  await page.keyboard.press('End');
  assert.match(await focusedLabel(), /^Output 2\.1 and objective O6:/);
  await page.keyboard.press('Control+Home');
  assert.match(await focusedLabel(), /^Output 1\.1 and objective O1:/);
  await page.keyboard.press('ArrowDown');
  // Tab leaves the matrix at once (not through its cells), and Shift+Tab comes back to
  // the cell last used.
  await page.keyboard.press('Tab');
  assert.doesNotMatch(await focusedLabel() ?? '', /and objective/);
  await page.keyboard.press('Shift+Tab');
  assert.match(await focusedLabel(), /^Output 2\.1 and objective O1:/);
  // A cell rebuilt after its editor closes keeps the matrix's one tab stop.
  await page.keyboard.press('F2');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.matrix .mark-btn[tabindex="0"]').count(), 1);
  await page.getByRole('button', { name: /^Output 2\.1 and objective O1:/ }).focus();
  // Space links it, as a button does.
  const before = await focusedLabel();
  await page.keyboard.press(' ');
  assert.notEqual(await focusedLabel(), before);
  await page.keyboard.press('Control+z');
  assert.deepEqual(errors, []);
});

test('saving never moves the header, at 1440 and 1280 pixels', async () => {
  for (const width of [1440, 1280]) {
    const { page, errors } = await open(browser, { width });
    // Every layout shift of an element in the header, input or not.
    await page.evaluate(() => {
      window.headerShifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.sources.some((s) => s.node && s.node.closest && s.node.closest('header'))) {
            window.headerShifts.push(e.value);
          }
        }
      }).observe({ type: 'layout-shift', buffered: false });
    });
    const plans = page.getByRole('button', { name: 'Plans' });
    const before = await plans.boundingBox();
    for (const v of ['510000', '520000', '530000']) {
      await editSaved(page, 'Output 1.1, Representation missions, 2012', v);
    }
    const after = await plans.boundingBox();
    assert.deepEqual(after, before, `${width}: the header's buttons stayed put`);
    const shifts = await page.evaluate(() => window.headerShifts);
    assert.deepEqual(shifts, [], `${width}: no layout shift in the header`);
    // Whole facts only: a fact that does not fit goes to the next line, never cut.
    const cut = await page.locator('.plan-facts .fact').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    assert.equal(cut, 0, `${width}: no fact cut off`);
    assert.deepEqual(errors, []);
  }
});

test('a first visit paints the example before the wasm arrives; the app then takes the page over', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  // Without the wasm: the page as built, prerendered. It shows the plan and its figures,
  // but is inert until the app has loaded (nothing typed there could be lost).
  await page.route(/_bg\.wasm$/, (route) => route.abort());
  await page.goto(BASE);
  const shown = page.locator('#app[data-prerendered]');
  assert.match(await shown.locator('h1').textContent(), /General Secretariat operational plan 2012.2015/);
  assert.ok(await shown.locator('td[aria-label^="Output 1.1, Representation missions, 2012: 420,000"]').isVisible());
  assert.equal(await shown.getAttribute('inert'), '');
  assert.equal(await page.getByRole('grid').count(), 0, 'hidden from assistive technology until live');
  await page.screenshot({ path: `${SHOTS}prerendered-1280.png` });
  const painted = await page.evaluate(() => performance.getEntriesByType('paint').map((e) => e.name));
  assert.ok(painted.includes('first-contentful-paint'));

  // With it: the same elements become the live app (one app, no second copy), editable.
  const errors = [];
  const live = await context.newPage();
  // Nothing moves as the page arrives or when the app takes it over (layout shifts).
  await live.addInitScript(() => {
    window.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.shifts.push({ value: e.value, what: e.sources.map((s) => s.node?.className || s.node?.nodeName).join(', ') });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  live.on('pageerror', (e) => errors.push(String(e)));
  live.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await live.goto(BASE);
  await live.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  await live.waitForFunction(() => !document.querySelector('#app[data-prerendered]'));
  assert.equal(await live.locator('.app').count(), 1);
  await live.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
  const shifts = await live.evaluate(() => window.shifts);
  assert.deepEqual(shifts, [], 'no layout shift on load');
  await editSaved(live, 'Output 1.1, Representation missions, 2012', '500000');
  assert.equal(await cell(live, 'Output 1.1, Representation missions, 2012').textContent(), '500,000');

  // A returning visitor is never shown the prerendered example in place of their plan.
  const back = await context.newPage();
  await back.route(/_bg\.wasm$/, (route) => route.abort());
  await back.goto(BASE);
  assert.equal(await back.locator('#app[data-prerendered]').evaluate((e) => getComputedStyle(e).visibility), 'hidden');
  // ... and the app opens their plan, not the example it replaces.
  const again = await context.newPage();
  await again.goto(BASE);
  await again.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  assert.equal(await cell(again, 'Output 1.1, Representation missions, 2012').textContent(), '500,000');
  assert.equal(await again.locator('.app').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after a first visit the app loads and works with no network, opening files included', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const errors = [];
  const watch = (p) => {
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  };
  const page = await context.newPage();
  watch(page);
  await page.goto(BASE);
  await page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  // Installable: a manifest with a name and an icon big enough.
  const manifest = await (await page.request.get(new URL('manifest.webmanifest', BASE).href)).json();
  assert.equal(manifest.short_name, 'Rollplan');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  // The worker has kept every file of the build.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!reg.active) throw new Error('no active worker');
  });
  await editSaved(page, 'Output 1.1, Representation missions, 2012', '654321');

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  assert.equal(await cell(page, 'Output 1.1, Representation missions, 2012').textContent(), '654,321');
  // A new tab, offline, opens a plan file and a workbook (the workbook code comes from the
  // worker's cache too).
  const tab = await context.newPage();
  watch(tab);
  await tab.goto(BASE);
  await tab.getByRole('grid', { name: 'Resource requirements' }).waitFor();
  await tab.getByTestId('file-input').setInputFiles(new URL('../fixtures/example-v2.json', import.meta.url).pathname);
  await tab.getByRole('status').filter({ hasText: /Opened/ }).waitFor();
  await tab.getByRole('button', { name: /^Export/ }).click();
  const [dl] = await Promise.all([
    tab.waitForEvent('download'),
    tab.getByRole('menuitem', { name: /Excel workbook/ }).click(),
  ]);
  assert.match(dl.suggestedFilename(), /\.xlsx$/);
  await tab.getByTestId('file-input').setInputFiles(new URL('../fixtures/au-budget-2015-16.xlsx', import.meta.url).pathname);
  await tab.getByRole('dialog').filter({ hasText: /au-budget-2015-16\.xlsx/ }).waitFor();
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await context.close();
});
