import { expect, test } from '@playwright/test';
import { assistantMessages, send, signIn, startSession } from './journeys.ts';

test('a person signs in with a key and lands in the Lounge', async ({ page }) => {
  await signIn(page, 'sk-test-e2e-alice');
  await expect(page).toHaveURL(/\/lounge$/);
  await expect(page.getByRole('link', { name: 'Lounge' })).toBeVisible();
  // Home is for signing in: a signed-in person who goes there is sent on to the Lounge.
  await page.goto('/');
  await expect(page).toHaveURL(/\/lounge$/);
});

test('a link opened while signed out comes back after signing in', async ({ page }) => {
  await page.goto('/assistant/writetutor');
  await expect(page.getByLabel('API key')).toBeVisible();
  await page.getByLabel('API key').fill('sk-test-e2e-deeplink');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Writing Tutor', level: 1 })).toBeVisible();
});

test('the reply is rendered as Markdown with nothing executable', async ({ page }) => {
  await signIn(page, 'sk-test-e2e-markdown');
  await startSession(page);
  await send(page, 'Show me <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>');
  const reply = assistantMessages(page).last();
  await expect(reply.locator('strong')).toHaveText('bold');
  await expect(reply.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('article', { name: 'Your message' })).toContainText('<script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('article script, article img[onerror]')).toHaveCount(0);
});

test('a wrong key is refused with a clear message and nothing else happens', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('API key').fill('sk-wrong-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('refused this API key');
  await expect(page.getByLabel('API key')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('link', { name: 'Lounge', exact: true })).toHaveCount(0);
});

test('a signed-in person stays signed in across a reload and can sign out', async ({ page }) => {
  await signIn(page, 'sk-test-e2e-reload');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Showcased assistants' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API key')).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('sk-test-e2e-reload');
  // Signed out, the app's pages lead back to signing in.
  await page.goto('/lounge');
  await expect(page.getByLabel('API key')).toBeVisible();
});

test('the Lounge and a session work at phone width', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, 'sk-test-e2e-phone');
  await expect(page.getByRole('link', { name: 'Chat with Life Coach' })).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await startSession(page, 'lifecoach');
  await send(page, 'Hello from a phone');
  await expect(assistantMessages(page).last()).toContainText('You said');
  await expect(page.getByRole('button', { name: 'End session' })).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('phone.png'), fullPage: true });
});
