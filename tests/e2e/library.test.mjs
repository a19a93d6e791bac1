// End to end: the library of plans kept in the browser, plans that cannot be read, a full
// storage, two tabs on one plan, and share links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, cell, download, editSaved, idbGet, idbPut, BASE, SHOTS } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const EXAMPLE = 'General Secretariat operational plan 2012\u20132015';
const TRAVEL = 'Output 1.1, Representation missions, 2012';
const TRAVEL_13 = 'Output 1.1, Representation missions, 2013';

async function plans(page) {
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Plans in this browser' });
  await dialog.waitFor();
  return dialog;
}

function row(dialog, title) {
  return dialog.getByRole('row').filter({ has: dialog.page().getByText(title, { exact: true }) });
}

async function titles(dialog) {
  return dialog.locator('tbody .plan-name').allTextContents();
}

test('plans are listed, started, renamed, copied, deleted with undo, and opened', async () => {
  const { page, errors } = await open(browser);
  await editSaved(page, TRAVEL, '123456');
  let dialog = await plans(page);
  assert.deepEqual(await titles(dialog), [EXAMPLE]);
  assert.match(await row(dialog, EXAMPLE).textContent(), /open.*just now/);

  // A blank plan starts with an objective, an output and a line to type in.
  await dialog.getByRole('button', { name: 'New blank plan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Untitled plan' }).waitFor();
  const year = new Date().getFullYear();
  await editSaved(page, `Output 1.1, New line, ${year}`, '5000');

  dialog = await plans(page);
  assert.deepEqual(await titles(dialog), ['Untitled plan', EXAMPLE], 'newest first');
  // Rename the plan that is not open; the list shows it at once.
  await dialog.getByRole('button', { name: `Rename ${EXAMPLE}` }).click();
  const input = dialog.getByRole('textbox', { name: `New title for ${EXAMPLE}` });
  await input.fill('Secretariat 2012-2015');
  await input.press('Enter');
  await row(dialog, 'Secretariat 2012-2015').waitFor();
  await dialog.getByRole('button', { name: 'Duplicate Secretariat 2012-2015' }).click();
  await row(dialog, 'Secretariat 2012-2015 (copy)').waitFor();
  // Delete asks first; Undo puts the plan back; the open plan cannot be deleted.
  assert.equal(await dialog.getByRole('button', { name: 'Delete Untitled plan' }).isDisabled(), true);
  await dialog.getByRole('button', { name: 'Delete Secretariat 2012-2015 (copy)' }).click();
  await dialog.getByRole('group', { name: 'Confirm delete' }).getByRole('button', { name: 'Delete' }).click();
  await row(dialog, 'Secretariat 2012-2015 (copy)').waitFor({ state: 'detached' });
  await page.screenshot({ path: `${SHOTS}library.png` });
  await dialog.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await row(dialog, 'Secretariat 2012-2015 (copy)').waitFor();
  assert.equal((await titles(dialog)).length, 3);

  // Opening a plan brings it back as it was saved, and it is the one a reload reopens.
  await dialog.getByRole('button', { name: 'Open Secretariat 2012-2015', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Secretariat 2012-2015' }).waitFor();
  assert.equal(await cell(page, TRAVEL).textContent(), '123,456');
  await page.getByRole('tab', { name: 'Rollups' }).click();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Secretariat 2012-2015' }).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Rollups' }).getAttribute('aria-selected'), 'true',
    'the plan reopens on the view it was left on');
  assert.deepEqual(errors, []);
});

test('a file opened twice is numbered in Plans, and the page says so', async () => {
  const { page, errors } = await open(browser);
  await editSaved(page, TRAVEL, '777');
  const saved = await download(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
  const openIt = async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'ops.rollplan.json', mimeType: 'application/json', buffer: Buffer.from(saved.text) });
  };
  await openIt();
  await page.getByRole('heading', { level: 1, name: `${EXAMPLE} (2)` }).waitFor();
  assert.match(await page.locator('.statusbar [role=status]').textContent(), /as “.* \(2\)”: Plans already has a plan titled “General Secretariat operational plan 2012.2015”/);
  await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor();
  await openIt();
  await page.getByRole('heading', { level: 1, name: `${EXAMPLE} (3)` }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor();
  const dialog = await plans(page);
  const names = await dialog.locator('.plan-name').allTextContents();
  assert.deepEqual([...names].sort(), [EXAMPLE, `${EXAMPLE} (2)`, `${EXAMPLE} (3)`].sort());
  assert.deepEqual(errors, []);
});

test('a stored plan that cannot be read is set aside, downloadable, and the others stay', async () => {
  const { page } = await open(browser);
  await editSaved(page, TRAVEL, '777');
  let dialog = await plans(page);
  await dialog.getByRole('button', { name: 'New from the example' }).click();
  await editSaved(page, TRAVEL, '888');
  // Damage the plan open now (the one a reload reopens), beside the good one and another
  // application's data.
  const damaged = '{"format":"rollplan","version":1,"plan":{"title":"Gener';
  await page.evaluate(() => localStorage.setItem('other-app.settings', 'keep me'));
  const last = await page.evaluate(() => localStorage.getItem('rollplan.last'));
  await idbPut(page, `rollplan.plan.${last}`, damaged);
  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be reopened' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /set aside .*download it.*other plans are not affected/);
  dialog = await plans(page);
  const asides = dialog.getByRole('region', { name: 'Could not be opened' });
  assert.match(await asides.textContent(), /General Secretariat.*line 1/);
  const file = await download(page, () => asides.getByRole('button', { name: /^Download / }).click());
  assert.equal(file.text, damaged, 'the download is exactly what was stored');
  await page.screenshot({ path: `${SHOTS}library-aside.png` });
  // The good plan still opens with its edit; the other application's data is untouched.
  assert.deepEqual(await titles(dialog), [EXAMPLE]);
  await dialog.getByRole('button', { name: `Open ${EXAMPLE}` }).click();
  assert.equal(await cell(page, TRAVEL).textContent(), '777');
  assert.equal(await page.evaluate(() => localStorage.getItem('other-app.settings')), 'keep me');
});

test('a full storage says what is not saved, offers a download, and editing goes on', async () => {
  const { page, errors } = await open(browser);
  await editSaved(page, TRAVEL, '1');
  // The browser refuses every write for want of room, as IndexedDB does past the quota
  // (a quota cannot be lowered for a page already using its storage, so the refusal is
  // the browser's own exception, raised where the write is made).
  await page.evaluate(() => {
    window.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await cell(page, TRAVEL_13).click();
  await page.keyboard.type('424242424');
  await page.keyboard.press('Enter');
  const banner = page.getByRole('alert').filter({ hasText: 'Not saved in this browser' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /storage for this page is full/);
  await page.screenshot({ path: `${SHOTS}storage-full.png` });
  // The edit is in the plan, and the download carries it; what is stored is the last save
  // that was written, whole.
  assert.equal(await cell(page, TRAVEL_13).textContent(), '424,242,424');
  const file = await download(page, () => banner.getByRole('button', { name: 'Download the plan' }).click());
  const saved = JSON.parse(file.text);
  assert.ok(JSON.stringify(saved.plan).includes('424242424'), 'the downloaded plan has the unsaved edit');
  const last = await page.evaluate(() => localStorage.getItem('rollplan.last'));
  const stored = await idbGet(page, `rollplan.plan.${last}`);
  assert.ok(stored && !stored.includes('424242424'), 'the last good save is kept');
  // Room again: the next change is saved and the warning goes.
  await page.evaluate(() => { IDBObjectStore.prototype.put = window.__put; });
  await editSaved(page, TRAVEL, '2');
  await banner.waitFor({ state: 'detached' });
  assert.ok((await idbGet(page, `rollplan.plan.${last}`)).includes('424242424'), 'saved at last, with the edit');
  assert.deepEqual(errors, []);
});

/// Tab A saves the plan, tab B opens it and saves over it: tab A is now behind.
async function twoTabsOnOnePlan() {
  const { page: a, context } = await open(browser);
  await editSaved(a, TRAVEL, '111');
  const b = await context.newPage();
  await b.goto(BASE);
  await cell(b, TRAVEL).waitFor();
  await editSaved(b, TRAVEL, '222');
  return a;
}

test('two tabs on one plan: the older tab is told at once and chooses to keep a copy', async () => {
  const a = await twoTabsOnOnePlan();
  // Tab A hears of tab B's save without doing anything, and saves nothing over it.
  const banner = a.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await banner.waitFor();
  await cell(a, TRAVEL_13).click();
  await a.keyboard.type('333');
  await a.keyboard.press('Enter');
  await a.screenshot({ path: `${SHOTS}conflict.png` });
  await banner.getByRole('button', { name: 'Keep mine as a copy' }).click();
  await a.getByRole('status').filter({ hasText: 'Saved in this browser' }).waitFor();
  await a.getByRole('heading', { level: 1, name: `${EXAMPLE} (copy)` }).waitFor();
  // Both versions are in the library: tab B's as it saved it, tab A's as a copy.
  const dialog = await plans(a);
  assert.deepEqual((await titles(dialog)).sort(), [EXAMPLE, `${EXAMPLE} (copy)`]);
  await dialog.getByRole('button', { name: `Open ${EXAMPLE}`, exact: true }).click();
  assert.equal(await cell(a, TRAVEL).textContent(), '222');
  assert.equal(await cell(a, TRAVEL_13).textContent(), '435,000');
});

test('two tabs on one plan: the older tab can open the other version instead', async () => {
  const a = await twoTabsOnOnePlan();
  const banner = a.getByRole('alert').filter({ hasText: 'changed in another tab' });
  await banner.getByRole('button', { name: 'Open the other version' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal(await cell(a, TRAVEL).textContent(), '222');
  // From here on tab A saves on top of tab B's revision without a conflict.
  await editSaved(a, TRAVEL, '999');
});

test('a share link opens the plan in a fresh browser as a new plan of its library', async () => {
  const { page } = await open(browser);
  await cell(page, TRAVEL).click();
  await page.keyboard.type('424242');
  await page.keyboard.press('Enter');
  await cell(page, TRAVEL).filter({ hasText: '424,242' }).waitFor();
  await page.getByRole('button', { name: /Share link/ }).click();
  const share = page.getByRole('dialog', { name: 'Share by link' });
  const link = await share.getByRole('textbox', { name: 'Share link' }).inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#plan=rp1\.[A-Za-z0-9_-]+$/);
  await page.screenshot({ path: `${SHOTS}share.png` });
  await share.getByRole('button', { name: 'Copy link' }).click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);

  // Someone else, with an empty browser.
  const fresh = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const other = await fresh.newPage();
  const errors = [];
  other.on('pageerror', (e) => errors.push(String(e)));
  await other.goto(link);
  await other.getByRole('status').filter({ hasText: 'from a shared link' }).waitFor();
  assert.equal(await cell(other, TRAVEL).textContent(), '424,242');
  assert.equal(new URL(other.url()).hash, '', 'the plan is taken out of the address bar');
  const dialog = await plans(other);
  assert.deepEqual(await titles(dialog), [EXAMPLE]);
  // It reopens from the library, not from the link.
  await other.reload();
  assert.equal(await cell(other, TRAVEL).textContent(), '424,242');
  // A damaged link pasted into the address bar says so and leaves the open plan as it was.
  await other.goto(`${BASE}#plan=rp1.AAAA`);
  const alert = other.getByRole('alert').filter({ hasText: 'shared link was not opened' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /damaged/);
  assert.equal(await cell(other, TRAVEL).textContent(), '424,242');
  assert.deepEqual(errors, []);
  await fresh.close();
});

test('once a plan is kept, Plans says whether the browser agreed to keep the plans', async () => {
  const { page, errors } = await open(browser);
  await editSaved(page, 'Output 1.1, Representation missions, 2012', '4321');
  await page.getByRole('button', { name: 'Plans', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Plans in this browser' });
  const note = dialog.locator('.durable');
  await note.waitFor();
  // What the page shows is what the browser answered.
  const kept = await page.evaluate(() => navigator.storage.persisted());
  assert.match(await note.textContent(), kept
    ? /has agreed to keep these plans until you delete them/
    : /may delete these plans if it runs short of space .* Save a file of any plan/);
  assert.deepEqual(errors, []);
});
