// Browser tests of the chat example (issue 19 §5): the chat layout and streaming, the button
// groups, date range and time inputs, LaTeX under the strict CSP, and the label, help and
// disabled options every widget takes. Each test names the SPEC ids it proves; every wait is on
// wasmlit.settled() or a DOM state, never on time.
import type { Page } from '@playwright/test';
import { test, expect, gotoApp, settled } from './helpers';

const text = (page: Page, s: string) =>
  page.locator('[data-testid=stText]').filter({ hasText: new RegExp('^\\s*' + s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\s*$') });

declare global {
  // eslint-disable-next-line no-var
  var __streamed: string[] | undefined;
  // eslint-disable-next-line no-var
  var __csp: string[] | undefined;
}

test.beforeEach(async ({ page }) => {
  // CSP violations, from before the first script: KaTeX must need no inline style or eval.
  await page.addInitScript(() => {
    globalThis.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__csp!.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
  });
});

async function send(page: Page, message: string) {
  const box = page.getByRole('textbox', { name: 'Say something' });
  await box.fill(message);
  await box.press('Enter');
  await settled(page);
}

test('A8 A9 a chat: pinned input, messages with avatars, the answer streamed in chunks', async ({ page, pageErrors }) => {
  await gotoApp(page, 'chat');
  const input = page.locator('[data-testid=stChatInput]');
  await expect(input).toHaveClass(/wl-chat-pinned/);
  await expect(input.getByTestId('stChatInputSubmitButton')).toBeDisabled(); // nothing typed yet

  // Every text the assistant's message shows, as the page gets it: each replaced markdown node is
  // kept by the observer's records, so chunks applied in one task are all seen.
  await page.evaluate(() => {
    globalThis.__streamed = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const msg = (r.target as Element).closest?.('[data-testid=stChatMessage][data-role=assistant]');
        if (!msg) continue;
        for (const n of r.addedNodes) {
          const t = (n.textContent || '').trim();
          if (t && globalThis.__streamed!.at(-1) !== t) globalThis.__streamed!.push(t);
        }
      }
    }).observe(document.querySelector('main')!, { childList: true, subtree: true, characterData: true });
  });
  await send(page, 'hello there gopher');

  const msgs = page.locator('[data-testid=stChatMessage]');
  await expect(msgs).toHaveCount(2);
  await expect(msgs.nth(0).getByTestId('stChatMessageAvatarUser')).toBeVisible();
  await expect(msgs.nth(1).getByTestId('stChatMessageAvatarAssistant')).toBeVisible();
  await expect(msgs.nth(0)).toHaveAttribute('aria-label', 'Chat message from user');
  await expect(msgs.nth(1).getByTestId('stChatMessageContent').locator('[data-testid=stMarkdown]')).toHaveText('You said: hello there gopher');

  const streamed = await page.evaluate(() => globalThis.__streamed!);
  const final = 'You said: hello there gopher';
  // Word by word: the page showed growing prefixes of the answer before the whole of it.
  const partial = streamed.filter((s) => s !== final && final.startsWith(s));
  expect(partial.length, `streamed: ${JSON.stringify(streamed)}`).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < partial.length; i++) expect(partial[i].length).toBeGreaterThan(partial[i - 1].length);

  // The input stays below the messages, at the bottom of the window, and empty after sending.
  const inBox = (await input.boundingBox())!;
  const lastMsg = (await msgs.nth(1).boundingBox())!;
  expect(inBox.y).toBeGreaterThan(lastMsg.y + lastMsg.height - 1);
  const viewport = page.viewportSize()!;
  expect(inBox.y + inBox.height).toBeGreaterThan(viewport.height - 40);
  await expect(page.getByRole('textbox', { name: 'Say something' })).toHaveValue('');

  // A rerun (key R, away from the text box) draws the history; the message is not sent again.
  await page.getByRole('heading', { name: 'Echo chat' }).click();
  await page.keyboard.press('r');
  await settled(page);
  await expect(msgs).toHaveCount(2);
  // Feedback under the answer: thumbs up rates 1.
  await msgs.nth(1).getByRole('button', { name: 'Thumbs up' }).click();
  await settled(page);
  await expect(msgs.nth(1).getByTestId('stBaseButton-borderlessIconActive')).toHaveAttribute('aria-label', 'Thumbs up');
  await expect(msgs.nth(1).locator('[data-testid=stCaption]')).toHaveText('rating = 1');
  expect(pageErrors).toEqual([]);
});

test('A9 pills, segmented control and feedback: toggle buttons with Streamlit test ids', async ({ page, pageErrors }) => {
  await gotoApp(page, 'chat');
  const tone = page.locator('[data-testid=stButtonGroup][data-variant=pills]').filter({ hasText: 'Tone' });
  await expect(tone.getByRole('button', { name: 'Plain' })).toHaveAttribute('aria-pressed', 'true');
  await expect(tone.getByTestId('stBaseButton-pillsActive')).toHaveText('Plain');

  await tone.getByRole('button', { name: 'Pirate' }).click();
  await settled(page);
  await expect(text(page, 'tone = Pirate')).toBeVisible();
  await tone.getByRole('button', { name: 'Pirate' }).click(); // again: no tone
  await settled(page);
  await expect(text(page, 'tone = None')).toBeVisible();
  await expect(tone.getByTestId('stBaseButton-pillsActive')).toHaveCount(0);

  // Keyboard: a pill is a button; Space presses it.
  await tone.getByRole('button', { name: 'Cheerful' }).focus();
  await page.keyboard.press('Space');
  await settled(page);
  await expect(text(page, 'tone = Cheerful')).toBeVisible();

  const topics = page.locator('[data-testid=stButtonGroup]').filter({ hasText: 'Topics' });
  await topics.getByRole('button', { name: 'Streamlit' }).click();
  await settled(page);
  await expect(text(page, 'topics = Go, Streamlit')).toBeVisible();
  await topics.getByRole('button', { name: 'Go' }).click();
  await settled(page);
  await expect(text(page, 'topics = Streamlit')).toBeVisible();

  const speed = page.locator('[data-testid=stButtonGroup][data-variant=segmented_control]');
  await speed.getByRole('button', { name: 'Slow' }).click();
  await settled(page);
  await expect(text(page, 'speed = Slow')).toBeVisible();
  await expect(speed.getByTestId('stBaseButton-segmented_controlActive')).toHaveText('Slow');

  const stars = page.locator('[data-testid=stButtonGroup][data-variant=feedback]');
  await stars.getByRole('button', { name: '4 stars' }).click();
  await settled(page);
  await expect(text(page, 'stars = 4')).toBeVisible();
  await expect(stars.locator('.wl-on')).toHaveCount(4); // stars fill up to the rating
  expect(pageErrors).toEqual([]);
});

test('A9 date range and time inputs send their values; a time input may be empty', async ({ page, pageErrors }) => {
  await gotoApp(page, 'chat');
  const range = page.locator('[data-testid=stDateInput]').filter({ hasText: 'Conversation dates' });
  await range.getByLabel('Conversation dates (to)').fill('2026-12-24');
  await settled(page);
  await expect(text(page, 'dates = 2026-12-01 to 2026-12-24')).toBeVisible();
  await range.getByLabel('Conversation dates (from)').fill('2027-01-10'); // after "to": sent in order
  await settled(page);
  await expect(text(page, 'dates = 2026-12-24 to 2027-01-10')).toBeVisible();

  await expect(page.locator('[data-testid=stTimeInput]')).toHaveCount(2);
  await page.getByLabel('Quiet from').fill('23:15');
  await settled(page);
  await expect(text(page, 'quiet = 23:15')).toBeVisible();
  await expect(text(page, 'remind = none')).toBeVisible();
  await page.getByLabel('Remind me at').fill('07:30');
  await settled(page);
  await expect(text(page, 'remind = 07:30')).toBeVisible();
  await page.getByLabel('Remind me at').fill('');
  await settled(page);
  await expect(text(page, 'remind = none')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('A9 LaTeX is typeset by KaTeX, loaded only once a formula is drawn, under the strict CSP', async ({ page, pageErrors }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await gotoApp(page, 'chat');
  expect(requested.filter((u) => u.includes('katex'))).toEqual([]);

  await send(page, 'some math please');
  const latex = page.locator('[data-testid=stLatex]');
  await expect(latex).toHaveCount(1);
  await expect(latex).toHaveAttribute('data-rendered', '');
  await expect(latex.locator('.katex-display .katex-html')).toBeVisible();
  // Screen readers read KaTeX's MathML copy.
  await expect(latex.locator('math annotation[encoding="application/x-tex"]')).toHaveText(/e\^\{i\\pi\} \+ 1 = 0/);
  // The fonts came from the app's own lib/katex/fonts (font-src 'self').
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  expect(requested.some((u) => /\/lib\/katex\/fonts\/KaTeX_.*\.woff2$/.test(u))).toBe(true);
  expect(await page.evaluate(() => globalThis.__csp)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('A16 label visibility, help tooltips reachable by keyboard, disabled widgets', async ({ page, pageErrors }) => {
  await gotoApp(page, 'chat');
  // A collapsed label is not shown but still names the control.
  const filter = page.getByRole('textbox', { name: 'Filter', exact: true });
  await expect(filter).toBeVisible();
  const labelBox = await page.locator('[data-testid=stTextInput] .wl-label-row').boundingBox();
  expect(labelBox === null || labelBox.width <= 1).toBe(true);

  // The feedback stars have no visible label (Streamlit's st.feedback) but a group name.
  await expect(page.getByRole('group', { name: 'Feedback (stars)' })).toBeVisible();

  // Help: the icon is in the tab order and shows its text on keyboard focus; Escape hides it.
  const tone = page.locator('[data-testid=stButtonGroup]').filter({ hasText: 'Tone' });
  const help = tone.getByRole('img', { name: /^Help: How the bot words its echo/ });
  const tip = tone.locator('.wl-tip');
  await expect(tip).toBeHidden();
  await page.getByRole('heading', { name: 'Settings' }).click(); // a mouse click, then the keyboard
  await page.keyboard.press('Tab');
  await expect(help).toBeFocused();
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText('How the bot words its echo. Click the chosen tone again for none.');
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();

  // Disabled until there is a chat to clear; a link button opens a new tab with its help.
  const clear = page.getByRole('button', { name: 'Clear the chat' });
  await expect(clear).toBeDisabled();
  const link = page.getByTestId('stLinkButton').getByRole('link', { name: "Streamlit's chat tutorial" });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('data-testid', 'stBaseLinkButton-secondary');
  await link.focus();
  await expect(page.getByTestId('stLinkButton').locator('.wl-tip')).toBeVisible();

  await send(page, 'hi');
  await expect(clear).toBeEnabled();
  await clear.click();
  await settled(page);
  await expect(page.locator('[data-testid=stChatMessage]')).toHaveCount(0);
  await expect(clear).toBeDisabled();
  expect(pageErrors).toEqual([]);
});
