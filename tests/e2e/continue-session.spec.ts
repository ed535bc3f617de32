import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { assistantMessages, send, signIn, startSession } from './journeys.ts';

const screens = process.env.SCREENSHOT_DIR ?? 'test-results/screens';

test('a conversation too long for its model carries on in a new session with a summary, the question waiting in the composer', async ({ page }) => {
  await signIn(page, `sk-test-e2e-continue-${randomUUID()}`);
  await startSession(page);
  await send(page, 'Plan a bakery called Crumb & Co in Porto');
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('aria-busy', 'false');
  const question = 'Now review my whole novel [[context]]';
  await send(page, question);
  const notice = page.getByRole('alert').filter({ hasText: 'too long for this model' });
  await expect(notice).toBeVisible();
  const tooLong = page.url();

  await notice.getByRole('button', { name: 'Start a new session with a summary' }).click();
  await expect(page).not.toHaveURL(tooLong);
  await expect(page).toHaveURL(/\/session\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Brainstorming Partner', level: 1 })).toBeVisible();
  const backLink = page.getByRole('link', { name: 'Plan a bakery called Crumb & Co in Porto' });
  await expect(page.getByText('Continued from Plan a bakery called Crumb & Co in Porto.')).toBeVisible();
  await expect(backLink).toBeVisible();
  await expect(assistantMessages(page).first()).toContainText('What would you like to talk about?');
  await expect(assistantMessages(page).first()).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('article', { name: 'Your message' })).toHaveCount(0);
  // The summary is the model's to read, not shown in the thread.
  await expect(page.getByText('Here is the conversation to summarise')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(question);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${screens}/session-continued-${width}-${scheme}.png` });
    }
  }

  // A reload still says where it came from, and the link leads back to the old conversation as it was.
  const continued = page.url();
  await page.reload();
  await expect(backLink).toBeVisible();
  await backLink.click();
  await expect(page).toHaveURL(tooLong);
  await expect(page.getByRole('article', { name: 'Your message' }).first()).toContainText('Crumb & Co in Porto');
  await expect(page.getByRole('alert').filter({ hasText: 'too long for this model' })).toBeVisible();
  expect(continued).not.toBe(tooLong);
});
