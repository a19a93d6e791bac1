// End to end: the outputs x objectives matrix of a big imported budget (434 outputs by 186
// objectives): drawn by window, so it opens at once, scrolls, filters and edits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, view, importAuBudget, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the Australian budget’s matrix opens at once, bounded by the window, and scrolls, filters and edits', async () => {
  for (const width of [1440, 1280]) {
    const { page, errors, context } = await open(browser, { width, height: 900 });
    await importAuBudget(page);
    const t0 = Date.now();
    await view(page, 'Outputs × objectives');
    const matrix = page.getByRole('table', { name: 'Outputs by objective' });
    await matrix.waitFor();
    const opened = Date.now() - t0;
    // Only what is in view (and a few rows and columns beyond) is drawn.
    const cells = await matrix.locator('.mark-btn').count();
    assert.ok(cells > 50 && cells < 1500, `${cells} cells drawn`);
    const dom = await page.evaluate(() => document.getElementsByTagName('*').length);
    assert.ok(dom < 6000, `${dom} DOM elements`);
    assert.equal(await matrix.getAttribute('aria-rowcount'), String(434 + 3));
    // Rows are exactly the height the window's arithmetic assumes (ROW_H in matrix.rs).
    const heights = await page.locator('.matrix tbody tr:not(.pad)').evaluateAll((rs) => rs.slice(0, 20).map((r) => r.getBoundingClientRect().height));
    assert.ok(heights.every((h) => Math.abs(h - 36) < 0.5), `row heights ${heights}`);
    console.log(`  ${width}px: matrix opened in ${opened} ms, ${cells} cells, ${dom} DOM elements`);
    await page.screenshot({ path: `${SHOTS}matrix-au-${width}.png` });
    // Objectives are headed by their codes; the title shows on focus.
    const head = matrix.getByRole('columnheader').nth(1).getByRole('button');
    await head.focus();
    assert.ok(await head.locator('.obj-tip').isVisible(), 'the title shows on focus');
    // Scrolled to the far corner, the last output and objective are drawn.
    await page.locator('.matrix-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; el.scrollLeft = el.scrollWidth; });
    const last = page.getByRole('button', { name: /^Output .* and objective .*: (not linked|linked)/ }).last();
    await last.waitFor();
    const lastOutput = await page.evaluate(() => document.querySelectorAll('.matrix tbody tr:not(.pad)').length);
    assert.ok(lastOutput > 0);
    // Keyboard: Ctrl+Home goes back to the first cell, drawing it.
    await last.focus();
    await page.keyboard.press('Control+Home');
    await page.waitForFunction(() => /^Output \S+ and objective \S+:/.test(document.activeElement?.getAttribute('aria-label') ?? ''));
    const firstLabel = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    // Filter to one objective and one output, then link them: the objective's cost moves.
    const objective = await matrix.getByRole('columnheader').nth(1).getByRole('button').getAttribute('aria-label');
    const code = objective.match(/^(\S+) /)[1];
    await page.getByLabel('Show the objectives whose code or title has').fill(code);
    await page.getByText(/of 186 objectives/).filter({ hasText: new RegExp(`^434 of 434 outputs, [1-9]\\d* of 186 objectives$`) }).waitFor();
    const unlinked = page.getByRole('button', { name: new RegExp(`and objective ${code.replace('.', '\\.')}: not linked`) }).first();
    const name = await unlinked.getAttribute('aria-label');
    const foot = page.locator(`td[data-objective='${code}']`);
    const before = await foot.textContent();
    await unlinked.click();
    await page.getByRole('button', { name: name.replace('not linked', 'linked (X)') }).waitFor();
    assert.notEqual(await foot.textContent(), before, 'the objective’s cost follows the link');
    assert.ok(firstLabel);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
