import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page, apiKey: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

test('a person signs in with a key, sends a message and watches the reply stream in', async ({ page }, testInfo) => {
  await signIn(page, 'sk-test-e2e-alice');
  await send(page, 'Tell me something [[tokens:60]] [[delay:40]]');

  const reply = page.getByRole('article', { name: 'Assistant message' });
  await expect(page.getByRole('article', { name: 'Your message' })).toContainText('Tell me something');
  // Mid-stream: some tokens are on screen while the reply is still being written.
  await expect(reply).toHaveAttribute('aria-busy', 'true');
  await expect(reply).toContainText('t0005');
  await expect(reply).not.toContainText('t0060');
  await expect(reply).toContainText('t0060');
  await expect(reply).not.toHaveAttribute('aria-busy', 'true');
  await page.screenshot({ path: testInfo.outputPath('streamed-reply.png'), fullPage: true });
});

test('the reply is rendered as Markdown with nothing executable', async ({ page }) => {
  await signIn(page, 'sk-test-e2e-markdown');
  await send(page, 'Show me <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>');
  const reply = page.getByRole('article', { name: 'Assistant message' });
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
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
});

test('a signed-in person stays signed in across a reload and can sign out', async ({ page }) => {
  await signIn(page, 'sk-test-e2e-reload');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API key')).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('sk-test-e2e-reload');
});

test('the page works at phone width', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, 'sk-test-e2e-phone');
  await send(page, 'Hello from a phone');
  await expect(page.getByRole('article', { name: 'Assistant message' })).toContainText('You said');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('phone.png'), fullPage: true });
});
