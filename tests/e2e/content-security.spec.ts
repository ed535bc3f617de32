import { expect, test, type Page } from '@playwright/test';
import { send, signIn, startSession } from './journeys.ts';

/** Records every CSP violation the page reports (init scripts run outside the page's CSP). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
}

test('the app runs whole under its strict Content Security Policy, which blocks injected script', async ({ page }) => {
  const violations = await watchViolations(page);
  await signIn(page, 'sk-test-csp');
  await startSession(page);
  await send(page, 'Show me **bold** and a list [[markdown:12]]');
  await expect(page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Assistant message' }).nth(1)).toHaveAttribute('aria-busy', 'false');
  expect(await violations()).toEqual([]);

  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  expect((await violations()).join('\n')).toContain('script-src');
});
