import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { assistantMessages, numberedTokens, send, signIn, startSession } from './journeys.ts';

const screens = process.env.SCREENSHOT_DIR ?? 'test-results/screens';

function userMessages(page: Page) {
  return page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Your message' });
}

test('regenerate writes the last reply again and keeps the first as version 1/2, live in a second tab and after a reload', async ({ page, context }) => {
  await signIn(page, `sk-test-e2e-versions-${randomUUID()}`);
  await startSession(page);
  await send(page, 'Count for me [[tokens:3]]');
  const reply = assistantMessages(page).last();
  await expect(reply).toHaveText(new RegExp(numberedTokens(3).join(' ')));
  await expect(reply).toHaveAttribute('aria-busy', 'false');
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(assistantMessages(other)).toHaveCount(2);

  // Only the last reply offers Regenerate.
  await expect(assistantMessages(page).first().getByRole('button', { name: 'Regenerate reply' })).toHaveCount(0);
  await reply.getByRole('button', { name: 'Regenerate reply' }).click();
  const versions = assistantMessages(page).last().getByRole('group', { name: 'Versions' });
  await expect(versions).toContainText('2/2');
  await expect(assistantMessages(page)).toHaveCount(2);
  await expect(assistantMessages(page).last()).toHaveAttribute('aria-busy', 'false');
  await expect(assistantMessages(other).last().getByRole('group', { name: 'Versions' })).toContainText('2/2');
  await page.screenshot({ path: `${screens}/versions-regenerated-1280.png` });

  await versions.getByRole('button', { name: 'Previous version' }).click();
  await expect(assistantMessages(page).last().getByRole('group', { name: 'Versions' })).toContainText('1/2');
  await expect(assistantMessages(other).last().getByRole('group', { name: 'Versions' })).toContainText('1/2');
  await expect(assistantMessages(page).last()).toContainText(numberedTokens(3).join(' '));

  await page.reload();
  await expect(assistantMessages(page).last().getByRole('group', { name: 'Versions' })).toContainText('1/2');
  await expect(userMessages(page)).toHaveCount(1);

  // At phone width the tools of a reply wrap under it, none cut off.
  await page.setViewportSize({ width: 375, height: 720 });
  await page.emulateMedia({ colorScheme: 'dark' });
  const tools = assistantMessages(page).last().getByRole('button', { name: 'Regenerate reply' });
  await expect(tools).toBeInViewport();
  await page.screenshot({ path: `${screens}/versions-375-dark.png` });
});

test('editing a sent message answers the new text; the old message and its reply are one click away', async ({ page }) => {
  await signIn(page, `sk-test-e2e-edit-${randomUUID()}`);
  await startSession(page);
  await send(page, 'First question');
  await expect(assistantMessages(page)).toHaveCount(2);
  await expect(assistantMessages(page).last()).toHaveAttribute('aria-busy', 'false');
  await send(page, 'Second question');
  await expect(assistantMessages(page)).toHaveCount(3);
  await expect(assistantMessages(page).last()).toHaveAttribute('aria-busy', 'false');

  const first = userMessages(page).first();
  await first.getByRole('button', { name: 'Edit message' }).click();
  const editor = first.getByRole('textbox', { name: 'Edit your message' });
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('First question');
  // Escape leaves the message as it was.
  await page.keyboard.press('Escape');
  await expect(first).toContainText('First question');
  await first.getByRole('button', { name: 'Edit message' }).click();
  await editor.fill('First question, better put');
  await page.screenshot({ path: `${screens}/versions-editing-1280.png` });
  await first.getByRole('button', { name: 'Send edited message' }).click();

  // The edit replaces what followed: one question, answered, with its earlier version a click away.
  await expect(userMessages(page)).toHaveCount(1);
  await expect(userMessages(page).first()).toContainText('First question, better put');
  await expect(userMessages(page).first().getByRole('group', { name: 'Versions' })).toContainText('2/2');
  await expect(assistantMessages(page)).toHaveCount(2);
  await expect(assistantMessages(page).last()).toHaveAttribute('aria-busy', 'false');

  await userMessages(page).first().getByRole('button', { name: 'Previous version' }).click();
  await expect(userMessages(page)).toHaveCount(2);
  await expect(userMessages(page).first()).toContainText('First question');
  await expect(userMessages(page).last()).toContainText('Second question');
  await expect(userMessages(page).first().getByRole('group', { name: 'Versions' })).toContainText('1/2');

  // The composer is back for the branch shown.
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeEditable();

  // Once the session has ended, what was said stays as it is, but its versions can still be looked through.
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('dialog', { name: 'End this session?' }).getByRole('button', { name: 'End and recap' }).click();
  await expect(page.getByText('This session has ended')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit message' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Regenerate reply' })).toHaveCount(0);
  await userMessages(page).first().getByRole('button', { name: 'Next version' }).click();
  await expect(userMessages(page)).toHaveCount(1);
  await expect(userMessages(page).first()).toContainText('First question, better put');
});
