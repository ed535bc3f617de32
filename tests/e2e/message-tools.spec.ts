import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { RICH_REPLY } from '../fixtures/fake-provider/replies.ts';
import { assistantMessages, send, signIn, startSession } from './journeys.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const code = 'const square = (n: number): number => n * n;\nexport default square;';

function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** CSP refusals in the page from now on: KaTeX's fonts and styles must all come from our origin. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

async function expectTypesetMath(reply: Locator): Promise<void> {
  await expect(reply.locator('.katex')).toHaveCount(3);
  await expect(reply.locator('.katex-display')).toHaveCount(1);
  // The TeX reached KaTeX whole: Markdown escaping did not turn `\,` into `,`.
  await expect(reply.locator('annotation')).toHaveText(['e^{i\\pi}+1=0', 'y = x', '\\int_0^1 x\\,dx']);
  expect(await reply.innerText()).not.toContain('$');
}

test('a reply with code and math shows a labelled, highlighted code block and typeset formulas, each of which can be copied', async ({ page }) => {
  const violations = await watchPolicy(page);
  await signIn(page, `sk-test-e2e-tools-${randomUUID()}`);
  await startSession(page);
  await send(page, 'Show me a function and some math [[rich]]');
  const reply = assistantMessages(page).last();
  await expect(reply).toHaveAttribute('aria-busy', 'false');

  await expect(reply.getByText('ts', { exact: true })).toBeVisible();
  await expect(reply.locator('pre code')).toHaveText(code);
  await expect(reply.locator('pre code .hljs-keyword').first()).toHaveText('const');
  await expect(reply.locator('pre code .hljs-built_in').first()).toHaveText('number');
  await expectTypesetMath(reply);

  await reply.getByRole('button', { name: 'Copy code' }).click();
  await expect(reply.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await clipboard(page)).toBe(code);

  // The reply's own Copy works from the keyboard too, and copies its Markdown source.
  await reply.getByRole('button', { name: 'Copy reply' }).focus();
  await page.keyboard.press('Enter');
  await expect(reply.getByRole('button', { name: 'Copied' })).toHaveCount(2);
  expect(await clipboard(page)).toBe(RICH_REPLY);
  await expect(reply.getByRole('button', { name: 'Copy reply' })).toBeVisible({ timeout: 5_000 });

  expect(await violations()).toEqual([]);
});

/** What only KaTeX's and highlight.js's own scripts contain. */
const libraries = { KaTeX: 'KaTeX parse error', 'highlight.js': 'registerLanguage' } as const;

/**
 * Holds back KaTeX and highlight.js, as a slow network would, and notes that they were asked for.
 * Routing turns Chromium's HTTP cache off, so a reload asks for them again.
 */
async function holdLibraries(page: Page): Promise<{ asked: () => string[]; release: () => void; holdAgain: () => void }> {
  const asked = new Set<string>();
  let release = () => {};
  let released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_app/immutable/chunks/*.js', async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const library = Object.entries(libraries).find(([, marker]) => body.includes(marker))?.[0];
    if (library) {
      asked.add(library);
      await released;
    }
    await route.fulfill({ response, body });
  });
  return {
    asked: () => [...asked].sort(),
    release: () => release(),
    holdAgain: () => {
      asked.clear();
      released = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

async function expectPlainUntilLoaded(reply: Locator): Promise<void> {
  await expect(reply.locator('pre code')).toHaveText(code);
  await expect(reply.locator('pre code .hljs-keyword')).toHaveCount(0);
  await expect(reply.locator('.katex')).toHaveCount(0);
  // Formulas show as written meanwhile, not as nothing.
  await expect(reply).toContainText('Euler: $e^{i\\pi}+1=0$.');
  await expect(reply).toContainText('$$\\int_0^1 x\\,dx$$');
}

test('an open session fetches KaTeX and highlight.js while idle, before a reply needs them; a reply that comes first shows its code plain and math as written, then highlighted and typeset, live and after a reload', async ({ page }) => {
  const held = await holdLibraries(page);
  await signIn(page, `sk-test-e2e-lazy-${randomUUID()}`);
  await startSession(page);
  await expect.poll(held.asked).toEqual(['KaTeX', 'highlight.js']);

  await send(page, 'Show me a function and some math [[rich]]');
  const reply = assistantMessages(page).last();
  await expect(reply).toHaveAttribute('aria-busy', 'false');
  await expectPlainUntilLoaded(reply);
  await expect.poll(held.asked).toEqual(['KaTeX', 'highlight.js']);
  held.release();
  await expect(reply.locator('pre code .hljs-keyword').first()).toHaveText('const');
  await expectTypesetMath(reply);

  held.holdAgain();
  await page.reload();
  await expectPlainUntilLoaded(reply);
  await expect.poll(held.asked).toEqual(['KaTeX', 'highlight.js']);
  held.release();
  await expect(reply.locator('pre code .hljs-keyword').first()).toHaveText('const');
  await expectTypesetMath(reply);
});

test('messages say when they were written, and each reply which model wrote it, before and after a reload', async ({ page }) => {
  await signIn(page, `sk-test-e2e-times-${randomUUID()}`);
  await startSession(page);
  await send(page, 'What time is it?');
  const first = assistantMessages(page).nth(1);
  await expect(first).toHaveAttribute('aria-busy', 'false');
  // Switching model mid-session: the next reply names the new one, the earlier reply keeps its own.
  await page.getByRole('combobox', { name: 'Model' }).selectOption('gpt-4o');
  await send(page, 'And now?');
  const second = assistantMessages(page).nth(2);
  await expect(second).toHaveAttribute('aria-busy', 'false');

  const expectStamped = async () => {
    for (const message of [page.getByRole('article', { name: 'Your message' }).first(), first, second]) {
      const time = message.locator('time');
      await expect(time).toBeVisible();
      await expect(time).toHaveText(/\d{1,2}[:.]\d\d/);
      await expect(time).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d/);
      await expect(time).toHaveAttribute('title', new RegExp(String(new Date().getFullYear())));
    }
    await expect(first.getByText('gpt-4o-mini', { exact: true })).toBeVisible();
    await expect(second.getByText('gpt-4o', { exact: true })).toBeVisible();
  };
  await expectStamped();
  await page.reload();
  await expect(second).toContainText('You said: "And now?"');
  await expectStamped();
});

test('code and formulas stay inside the column on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, `sk-test-e2e-tools-phone-${randomUUID()}`);
  await startSession(page);
  await send(page, 'Long ones please [[rich]]');
  const reply = assistantMessages(page).last();
  await expect(reply).toHaveAttribute('aria-busy', 'false');
  await expectTypesetMath(reply);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});
