import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { limits } from '@gptlab/common';
import { DraftTab } from '../support/draft-tab.ts';
import type { TestSocket } from '../support/server.ts';
import { signIn } from './journeys.ts';

const showcasedNames = ['Life Coach', 'Brainstorming Partner', 'Writing Tutor'];
const secretPrompt = 'You are Captain Lark, a sea-shanty teacher who never names the ship.';
const screens = 'test-results/screens';

/** A tab of the same user in the test process, as another device would be. */
async function connectAs(baseURL: string, apiKey: string): Promise<TestSocket> {
  const socket: TestSocket = io(baseURL, { transports: ['websocket'], auth: { apiKey, protocol: limits.protocolVersion }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Publishes an assistant through the Lab's events, as the Lab page does, and returns its code. */
async function publishAssistant(socket: TestSocket, name: string): Promise<string> {
  const draft = await DraftTab.create(socket);
  const fields = { name, tagline: 'Shanties, taught', description: 'Learn to sing at sea, one verse at a time.', prompt: secretPrompt };
  for (const [field, value] of Object.entries(fields)) draft.text(field as keyof typeof fields).insert(0, value);
  await draft.settled();
  const ack = await socket.emitWithAck('draft:publish', { draftId: draft.draftId });
  if (!ack.ok) throw new Error(`publish refused: ${ack.error.message}`);
  return ack.assistant.code;
}

function showcased(page: Page) {
  return page.getByRole('region', { name: 'Showcased assistants' });
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const widths = await page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll('main *')].map((element) => element.scrollWidth - element.clientWidth).filter((extra) => extra > 1),
  );
  expect(widths).toEqual([]);
}

test('a person browses the Lounge: showcased assistants with avatars, search, sort and live activity', async ({ page, baseURL }) => {
  await signIn(page, `sk-test-e2e-lounge-${randomUUID()}`);
  for (const name of showcasedNames) {
    const card = showcased(page).getByRole('article', { name });
    await expect(card).toBeVisible();
    await expect(card.getByRole('link', { name: `Chat with ${name}` })).toBeVisible();
    // The avatar is our server's generated SVG, loaded (not the initials fallback).
    await expect.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  }
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('popular');
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  await expect(showcased(page).getByRole('article')).toHaveCount(3);

  await page.getByRole('searchbox', { name: 'Search assistants' }).fill('coach');
  await expect(showcased(page).getByRole('article')).toHaveCount(1);
  await expect(showcased(page).getByRole('article', { name: 'Life Coach' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search assistants' }).fill('no such assistant');
  await expect(showcased(page)).toContainText('No showcased assistant matches “no such assistant”.');
  await page.getByRole('searchbox', { name: 'Search assistants' }).fill('');
  await expect(showcased(page).getByRole('article')).toHaveCount(3);

  // Someone else starts a session with Brainstorming Partner: the card's count goes up without a reload.
  const brainstorm = showcased(page).getByRole('article', { name: 'Brainstorming Partner' });
  const badge = brainstorm.getByText(/\d+ active now/);
  const before = Number((await badge.textContent())?.match(/\d+/)?.[0]);
  const other = await connectAs(baseURL!, `sk-test-e2e-other-${randomUUID()}`);
  try {
    const started = await other.emitWithAck('session:start', { sessionId: randomUUID(), code: 'brainstorm' });
    expect(started.ok).toBe(true);
    await expect(badge).toHaveText(`${before + 1} active now`);
  } finally {
    other.disconnect();
  }
});

test('an assistant is found by its code, its link copied, and a wrong code says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, `sk-test-e2e-find-${randomUUID()}`);
  await page.getByLabel('Assistant code').fill('brainstorm');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('heading', { name: 'Brainstorming Partner', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${new URL(page.url()).origin}/assistant/brainstorm`);
  // A showcased assistant belongs to the operator: nobody gets owner controls on it.
  await expect(page.getByRole('button', { name: 'Edit in Lab' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Find another assistant' }).click();
  await page.getByLabel('Assistant code').fill('zzzz9999');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('heading', { name: 'Assistant not found' })).toBeVisible();
  await expect(page.getByText('No assistant has this code: “zzzz9999”.')).toBeVisible();
});

test('only the owner sees Edit, Hide and Delete; a second user never sees them or the prompt', async ({ page, browser, baseURL }) => {
  const ownerKey = `sk-test-e2e-owner-${randomUUID()}`;
  const ownerSocket = await connectAs(baseURL!, ownerKey);
  const code = await publishAssistant(ownerSocket, 'Captain Lark').finally(() => ownerSocket.disconnect());

  await signIn(page, ownerKey);
  const mine = page.getByRole('region', { name: 'Your assistants' });
  await expect(mine.getByRole('article', { name: 'Captain Lark' })).toContainText(`Code ${code}`);
  await page.getByRole('link', { name: 'Chat with Captain Lark' }).click();
  await expect(page.getByRole('heading', { name: 'Captain Lark', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit in Lab' })).toBeVisible();
  await page.screenshot({ path: `${screens}/assistant-owner-1280.png` });
  await page.getByRole('button', { name: 'Edit in Lab' }).click();
  await expect(page).toHaveURL(/\/lab\/[0-9a-f-]{36}$/);
  await page.goBack();
  await page.getByRole('button', { name: 'Hide from my list' }).click();
  await expect(page.getByRole('button', { name: 'Show in my list' })).toBeVisible();
  await page.goto('/lounge');
  await expect(mine.getByRole('article', { name: 'Captain Lark' })).toContainText('Hidden');

  const strangerContext = await browser.newContext({ baseURL });
  const stranger = await strangerContext.newPage();
  await signIn(stranger, `sk-test-e2e-stranger-${randomUUID()}`);
  await stranger.goto(`/assistant/${code}`);
  await expect(stranger.getByRole('heading', { name: 'Captain Lark', level: 1 })).toBeVisible();
  await expect(stranger.getByRole('button', { name: 'Start session' })).toBeVisible();
  for (const name of ['Edit in Lab', 'Hide from my list', 'Show in my list', 'Delete']) {
    await expect(stranger.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(stranger.locator('body')).not.toContainText('sea-shanty teacher');

  await page.goto(`/assistant/${code}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Captain Lark?' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${screens}/delete-dialog-1280.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete Captain Lark' }).click();
  await expect(page.getByRole('heading', { name: 'Assistant deleted' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the Lounge' }).click();
  await expect(mine).toContainText('You have not created an assistant yet');

  await stranger.reload();
  await expect(stranger.getByRole('heading', { name: 'Assistant not found' })).toBeVisible();
  await strangerContext.close();
});

test('a long list of my assistants pages with Show more, newest first', async ({ page, baseURL }) => {
  const ownerKey = `sk-test-e2e-many-${randomUUID()}`;
  const ownerSocket = await connectAs(baseURL!, ownerKey);
  try {
    for (let i = 1; i <= 26; i++) await publishAssistant(ownerSocket, `Sailor ${String(i).padStart(2, '0')}`);
  } finally {
    ownerSocket.disconnect();
  }
  await signIn(page, ownerKey);
  const mine = page.getByRole('region', { name: 'Your assistants' });
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('newest');
  await expect(mine.getByRole('article')).toHaveCount(24);
  await expect(mine.getByRole('article').first()).toHaveAccessibleName('Sailor 26');
  await mine.getByRole('button', { name: 'Show more' }).click();
  await expect(mine.getByRole('article')).toHaveCount(26);
  await expect(mine.getByRole('article').last()).toHaveAccessibleName('Sailor 01');
  await expect(mine.getByRole('button', { name: 'Show more' })).toHaveCount(0);
});

test('FAQ and Terms are readable without signing in and linked from the home page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'FAQ' }).first().click();
  await expect(page.getByRole('heading', { name: 'Frequently asked questions', level: 1 })).toBeVisible();
  await expect(page.getByText('PBKDF2-HMAC-SHA256')).toBeVisible();
  await page.getByRole('link', { name: 'Terms', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Terms of use', level: 1 })).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`on a phone (375 px, ${scheme}) the Lounge has one column and nothing overflows sideways`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'How privacy works' })).toBeVisible();
    await page.screenshot({ path: `${screens}/home-375-${scheme}.png`, fullPage: true });
    await signIn(page, `sk-test-e2e-phone-${randomUUID()}`);
    const cards = showcased(page).getByRole('article');
    await expect(cards).toHaveCount(3);
    const lefts = await cards.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(1);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `${screens}/lounge-375-${scheme}.png`, fullPage: true });
    await page.goto('/assistant/brainstorm');
    await expect(page.getByRole('heading', { name: 'Brainstorming Partner', level: 1 })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `${screens}/assistant-375-${scheme}.png`, fullPage: true });
    await page.goto('/faq');
    await expect(page.getByRole('heading', { name: 'Frequently asked questions' })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `${screens}/faq-375-${scheme}.png` });
  });

  test(`on a desktop (1280 px, ${scheme}) the Lounge shows two columns`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'How privacy works' })).toBeVisible();
    await page.screenshot({ path: `${screens}/home-1280-${scheme}.png` });
    await signIn(page, `sk-test-e2e-desktop-${randomUUID()}`);
    const cards = showcased(page).getByRole('article');
    await expect(cards).toHaveCount(3);
    const lefts = await cards.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(2);
    await page.screenshot({ path: `${screens}/lounge-1280-${scheme}.png` });
    await page.goto('/assistant/brainstorm');
    await expect(page.getByRole('heading', { name: 'Brainstorming Partner', level: 1 })).toBeVisible();
    await page.screenshot({ path: `${screens}/assistant-1280-${scheme}.png` });
  });
}
