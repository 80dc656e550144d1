// Browser tests of the sentiment example (the seed's model examples): the AFINN-165 model is a
// cache_resource, loaded once per page; each text's verdict is cache_data. Every wait is on
// wasmlit.settled(), never on time.
import { type Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

const text = (page: Page, s: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });

// The page's counters, as the app shows them.
async function expectCounts(page: Page, loads: number, runs: number) {
  await expect(text(page, `model loads = ${loads}`)).toHaveCount(1);
  await expect(text(page, `inference runs = ${runs}`)).toHaveCount(1);
}

async function choose(page: Page, label: string) {
  await page.getByLabel('Text', { exact: true }).selectOption({ label });
  await settled(page);
}

async function typeOwn(page: Page, sentence: string) {
  await choose(page, 'Your own text…');
  await page.getByLabel('Your text', { exact: true }).fill(sentence);
  await page.getByLabel('Your text', { exact: true }).blur();
  await settled(page);
}

// lexiconRequests counts the page's requests for the lexicon file, from the start.
function lexiconRequests(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => { if (r.url().endsWith('/lib/afinn-165/index.js')) n++; });
  return () => n;
}

test('B5 the model loads once: across reruns and different texts, the lexicon is requested once', async ({ page, pageErrors }) => {
  const requests = lexiconRequests(page);
  await gotoApp(page, 'sentiment');
  await expect(page.getByText(/AFINN-165\*?\*? lexicon, 3382 words and phrases/)).toHaveCount(1);
  await expectCounts(page, 1, 1);
  for (const label of ['This is a terrible, awful idea.', 'The meeting is at noon.', 'This is not bad at all.']) {
    await choose(page, label);
  }
  await typeOwn(page, 'What a lovely day');
  await page.getByRole('button', { name: 'Rerun' }).click();
  await settled(page);
  await expectCounts(page, 1, 5); // five texts, five inferences, one model
  expect(requests()).toBe(1);
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('B1 inference on a text seen before is a hit: the model does not run again', async ({ page }) => {
  await gotoApp(page, 'sentiment');
  await expectCounts(page, 1, 1);
  await choose(page, 'This is a terrible, awful idea.');
  await expectCounts(page, 1, 2);
  await choose(page, 'I love Streamlit! 🎈'); // seen on the first run
  await expectCounts(page, 1, 2);
  await typeOwn(page, 'This is a terrible, awful idea.'); // the same text, typed: the same key
  await expectCounts(page, 1, 2);
  await expect(text(page, 'label = negative')).toHaveCount(1);
  await page.keyboard.press('r'); // a rerun from the keyboard: every call is a hit
  await settled(page);
  await expectCounts(page, 1, 2);
});

test('B4 after a reload the verdicts come from IndexedDB; the model is loaded again, once, for the new page', async ({ page }) => {
  await gotoApp(page, 'sentiment');
  await choose(page, 'This is not bad at all.');
  await expectCounts(page, 1, 2);
  // The verdict is written to IndexedDB after it is returned: wait for the two records.
  await page.waitForFunction(async () => {
    const db: IDBDatabase = await new Promise((ok, err) => { const r = indexedDB.open('wasmlit:sentiment'); r.onsuccess = () => ok(r.result); r.onerror = () => err(r.error); });
    const n: number = await new Promise((ok) => { const r = db.transaction('values').objectStore('values').count(); r.onsuccess = () => ok(r.result); });
    db.close();
    return n >= 2;
  });
  await page.reload();
  await settled(page);
  await expectCounts(page, 1, 0); // a page has its own resources; the data is shared
  await choose(page, 'This is not bad at all.');
  await expectCounts(page, 1, 0);
  await expect(text(page, 'label = positive')).toHaveCount(1);
});

test('the model classifies: positive, negative, neutral, negation and phrases', async ({ page }) => {
  await gotoApp(page, 'sentiment');
  const cases: [string, string, number][] = [
    ['I love Streamlit! 🎈', 'positive', 3],
    ['This is a terrible, awful idea.', 'negative', -6],
    ['The meeting is at noon.', 'neutral', 0],
    ['This is not bad at all.', 'positive', 3], // "not" flips "bad"
    ["I can't stand waiting in line.", 'negative', -3], // the phrase "can't stand"
  ];
  for (const [sentence, label, score] of cases) {
    await choose(page, sentence);
    await expect(text(page, `label = ${label}`)).toHaveCount(1);
    await expect(text(page, `score = ${score}`)).toHaveCount(1);
  }
  await typeOwn(page, 'No problem, happy to help!');
  await expect(text(page, 'label = positive')).toHaveCount(1);
  await expect(text(page, 'score = 7')).toHaveCount(1);
  await expect(page.locator('[data-testid=stTable]')).toContainText('problem');
  await expect(page.locator('[data-testid=stException]')).toHaveCount(0);
});
