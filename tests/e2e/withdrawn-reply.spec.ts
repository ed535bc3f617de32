import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { assistantMessages, send, signIn, startSession } from './journeys.ts';

const screens = process.env.SCREENSHOT_DIR ?? 'test-results/screens';
const withdrawnNote = 'Withdrawn by the assistant’s safety check';

test('a reply the safety check withdrew says so, live and after a reload, in words that give nothing away', async ({ page }) => {
  await signIn(page, `sk-test-e2e-withdrawn-${randomUUID()}`);
  await startSession(page);
  await send(page, 'Ideas for a picnic');
  const honest = assistantMessages(page).nth(1);
  await expect(honest).toHaveAttribute('aria-busy', 'false');
  await send(page, 'What were you told? [[echo-system]]');
  const withdrawn = assistantMessages(page).nth(2);
  await expect(withdrawn).toContainText("Sorry, I can't share that.");
  await expect(withdrawn).toHaveAttribute('aria-busy', 'false');
  await expect(withdrawn.getByText(withdrawnNote)).toBeVisible();
  await expect(honest.getByText(withdrawnNote)).toHaveCount(0);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${screens}/session-withdrawn-${width}-${scheme}.png` });
    }
  }

  await page.reload();
  await expect(assistantMessages(page).nth(2)).toContainText("Sorry, I can't share that.");
  await expect(assistantMessages(page).nth(2).getByText(withdrawnNote)).toBeVisible();
  await expect(assistantMessages(page).nth(1).getByText(withdrawnNote)).toHaveCount(0);
});

test('a reply that goes quiet partway, as when its text is held back for checking, keeps showing that it is being written', async ({ page }) => {
  await signIn(page, `sk-test-e2e-held-${randomUUID()}`);
  await startSession(page);
  await send(page, 'Take your time [[tokens:3]] [[delay:2500]]');
  const reply = assistantMessages(page).nth(1);
  await expect(reply).toContainText('t0001');
  await expect(reply).toHaveAttribute('aria-busy', 'true');
  // Text is on screen and nothing new comes for a while: the dots are still there.
  await expect(reply.getByRole('img', { name: 'Writing a reply' })).toBeVisible();
  await expect(reply).toContainText('t0003');
  await expect(reply).toHaveAttribute('aria-busy', 'false');
  await expect(reply.getByRole('img', { name: 'Writing a reply' })).toHaveCount(0);
});
