import { randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page, type WebSocketRoute } from '@playwright/test';
import { assistantMessages, send, signIn, startSession } from './journeys.ts';

const screens = process.env.SCREENSHOT_DIR ?? 'test-results/screens';
const widths = [1280, 375] as const;

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return box;
}

/** Every control a person could reach for on the page as it stands. */
async function visibleControls(page: Page): Promise<Locator[]> {
  const all = await Promise.all(['button', 'link', 'combobox', 'textbox'].map((role) => page.getByRole(role as 'button').all()));
  const visible = await Promise.all(all.flat().map(async (control) => ((await control.isVisible()) ? control : null)));
  return visible.filter((control) => control !== null);
}

/** Lets a test cut the page's socket and keep it cut, as a dropped network would. */
async function cuttableConnection(page: Page): Promise<{ cut: () => Promise<void>; restore: () => void }> {
  let down = false;
  const open = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/socket\.io\//, async (ws) => {
    const server = ws.connectToServer();
    if (down) {
      // Refused at once: a socket closed before it reaches a server stays pending in Playwright for
      // socket.io's 20 s connect timeout, so it reaches the server, hears nothing, and is closed.
      server.onMessage(() => {});
      await server.close();
      return;
    }
    ws.onClose(() => void server.close());
    open.add(ws);
  });
  return {
    cut: async () => {
      down = true;
      await Promise.all([...open].map((ws) => ws.close()));
      open.clear();
    },
    restore: () => {
      down = false;
    },
  };
}

test('the session header shows the assistant\'s avatar, the same picture as on its page', async ({ page }) => {
  await signIn(page, `sk-test-e2e-avatar-${randomUUID()}`);
  await page.goto('/assistant/brainstorm');
  const onItsPage = await page.locator('img[src*="avatar"]').first().getAttribute('src');
  expect(onItsPage).toBeTruthy();
  await startSession(page);
  const headerLink = page.getByRole('link', { name: 'Brainstorming Partner' });
  const avatar = headerLink.locator('img');
  await expect(avatar).toHaveAttribute('src', onItsPage ?? '');
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(headerLink).not.toContainText('BP');
});

test('an address that leads nowhere says so, and its way back to the Lounge stands clear of the footer', async ({ page }) => {
  await signIn(page, `sk-test-e2e-nowhere-${randomUUID()}`);
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    for (const [address, heading] of [
      ['/no/such/page', 'Page not found'],
      ['/assistant/nosuchcode', 'Assistant not found'],
    ] as const) {
      await page.goto(address);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      const back = await boxOf(page.getByRole('link', { name: 'Back to the Lounge' }));
      const footer = await boxOf(page.getByRole('navigation', { name: 'About GPT Lab' }));
      expect(footer.y - (back.y + back.height)).toBeGreaterThan(32);
    }
  }
  await page.getByRole('link', { name: 'Back to the Lounge' }).click();
  await expect(page.getByRole('heading', { name: 'Lounge', level: 1 })).toBeVisible();
});

test('while the connection is lost, "Reconnecting…" shows over the page without moving it or hiding the composer or any control', async ({ page }) => {
  const connection = await cuttableConnection(page);
  await signIn(page, `sk-test-e2e-reconnect-${randomUUID()}`);
  await startSession(page);
  const heading = page.getByRole('heading', { name: 'Brainstorming Partner', level: 1 });
  const composer = page.getByRole('textbox', { name: 'Message' });
  const banner = page.getByRole('status').filter({ hasText: 'Reconnecting…' });
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    const before = [await boxOf(heading), await boxOf(composer)];
    await connection.cut();
    await expect(banner).toBeVisible();
    expect([await boxOf(heading), await boxOf(composer)]).toEqual(before);
    const chip = await boxOf(banner);
    for (const control of await visibleControls(page)) {
      expect(overlaps(chip, await boxOf(control)), `covers ${await control.textContent()}`).toBe(false);
    }
    await page.screenshot({ path: `${screens}/session-reconnecting-${width}.png` });
    connection.restore();
    await expect(banner).toHaveCount(0, { timeout: 20_000 });
  }
});

test('the theme switch in the header sets light, dark or the system\'s theme, kept across a reload from the first paint and in every tab', async ({ context }) => {
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.emulateMedia({ colorScheme: 'light' });
  await signIn(page, `sk-test-e2e-theme-${randomUUID()}`);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();

  const trigger = page.getByRole('button', { name: 'Theme: System' });
  await trigger.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Theme' });
  await expect(menu.getByRole('menuitemradio', { name: 'System' })).toBeFocused();
  await expect(menu.getByRole('menuitemradio', { name: 'System' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(trigger).toBeFocused();

  await trigger.click();
  await menu.getByRole('menuitemradio', { name: 'Dark' }).click();
  await expect(page.getByRole('button', { name: 'Theme: Dark' })).toBeFocused();
  await expect.poll(background).not.toBe(light);
  const dark = await background();

  const other = await context.newPage();
  await other.emulateMedia({ colorScheme: 'light' });
  await other.goto('/lounge');
  await expect(other.getByRole('button', { name: 'Theme: Dark' })).toBeVisible();
  await expect.poll(() => other.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(dark);

  // Without the app's code at all, the page is dark: the theme is set before anything is painted.
  await page.route(/\/_app\/immutable\/.*\.js$/, (route) => route.abort());
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  expect(await background()).toBe(dark);
  await page.unroute(/\/_app\/immutable\/.*\.js$/);
  await page.reload();

  await page.getByRole('button', { name: 'Theme: Dark' }).click();
  await menu.getByRole('menuitemradio', { name: 'Light' }).click();
  await expect.poll(background).toBe(light);
  await expect.poll(() => other.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(light);
  await expect(other.getByRole('button', { name: 'Theme: Light' })).toBeVisible();

  await page.getByRole('button', { name: 'Theme: Light' }).click();
  await menu.getByRole('menuitemradio', { name: 'System' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).toBe(dark);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(background).toBe(light);
  expect(violations).toEqual([]);
});

test('two tabs send at once: the one that lost gets its words back in the composer, not a "Not sent" message above the winner', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  // The second tab's message leaves a moment late, so the first tab's is sure to be taken first.
  await second.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (typeof message === 'string' && message.includes('"session:send"')) setTimeout(() => server.send(message), 400);
      else server.send(message);
    });
  });
  await signIn(first, `sk-test-e2e-race-${randomUUID()}`);
  await startSession(first);
  await second.goto(first.url());
  await expect(assistantMessages(second).first()).toHaveAttribute('aria-busy', 'false');

  await second.getByRole('textbox', { name: 'Message' }).fill('Mine, from the second tab');
  await first.getByRole('textbox', { name: 'Message' }).fill('Mine, from the first tab [[tokens:40]]');
  await second.getByRole('button', { name: 'Send' }).click();
  await first.getByRole('button', { name: 'Send' }).click();

  await expect(second.getByRole('alert')).toContainText('Another tab sent a message first');
  await expect(second.getByRole('textbox', { name: 'Message' })).toHaveValue('Mine, from the second tab');
  const ownMessages = second.getByRole('article', { name: 'Your message' });
  await expect(ownMessages).toHaveCount(1);
  await expect(ownMessages).toContainText('from the first tab');
  await expect(second.getByText('Not sent')).toHaveCount(0);
  await expect(second.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await second.screenshot({ path: `${screens}/session-lost-send-race-1280.png` });

  // Once the winner's reply is done, the words go out as the next message, below it.
  await expect(assistantMessages(second).nth(1)).toHaveAttribute('aria-busy', 'false');
  await second.getByRole('button', { name: 'Send' }).click();
  await expect(ownMessages).toHaveCount(2);
  await expect(ownMessages.nth(1)).toContainText('from the second tab');
  await expect(second.getByRole('alert')).toHaveCount(0);
  await expect(first.getByRole('article', { name: 'Your message' }).nth(1)).toContainText('from the second tab');
  await expect(assistantMessages(first).nth(2)).toHaveAttribute('aria-busy', 'false');
});

test('a conversation too long for its model offers a new session or a larger model, not a Retry that cannot work', async ({ page }) => {
  await signIn(page, `sk-test-e2e-context-${randomUUID()}`);
  await startSession(page);
  const question = 'Here is my whole novel, please review it [[context]]';
  await send(page, question);
  const notice = page.getByRole('alert').filter({ hasText: 'too long for this model' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  const larger = notice.getByRole('button', { name: 'o3-mini (200K tokens)' });
  await expect(larger).toBeVisible();
  await page.screenshot({ path: `${screens}/session-context-too-long-1280.png` });
  // A reload says the same and offers the same: the reason is stored with the failed reply.
  await page.reload();
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  await expect(larger).toBeVisible();

  const picker = page.getByRole('combobox', { name: 'Model' });
  await notice.getByRole('button', { name: 'Switch model' }).click();
  await expect(picker).toBeFocused();
  await page.keyboard.press('Escape');
  await larger.click();
  await expect(picker).toHaveValue('o3-mini');
  // With a larger window, asking again can work.
  await expect(notice.getByRole('button', { name: 'Retry' })).toBeVisible();

  const tooLong = page.url();
  await notice.getByRole('button', { name: 'Start a new session', exact: true }).click();
  await expect(page).not.toHaveURL(tooLong);
  await expect(page).toHaveURL(/\/session\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Brainstorming Partner', level: 1 })).toBeVisible();
  await expect(assistantMessages(page).first()).toContainText('What would you like to talk about?');
  await expect(page.getByRole('article', { name: 'Your message' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(question);
});

test('the pages changed here at 1280 and 375 px, light and dark (screenshots for review)', async ({ page }) => {
  await signIn(page, `sk-test-e2e-polish-shots-${randomUUID()}`);
  await startSession(page);
  await send(page, 'Too much to read [[context]]');
  await expect(page.getByRole('button', { name: 'Switch model' })).toBeVisible();
  const theme = page.getByRole('button', { name: /^Theme/ });
  // The notice lives in this page (a reload shows the stored failure instead), so the session is shot first.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${screens}/session-context-too-long-${width}-${scheme}.png` });
      await theme.click();
      await page.screenshot({ path: `${screens}/theme-menu-${width}-${scheme}.png` });
      await page.keyboard.press('Escape');
    }
  }
  // The switch's dark on a light system, and its light on a dark one.
  for (const [system, chosen] of [['light', 'Dark'], ['dark', 'Light']] as const) {
    await page.emulateMedia({ colorScheme: system });
    await theme.click();
    await page.getByRole('menuitemradio', { name: chosen }).click();
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${screens}/session-chosen-${chosen.toLowerCase()}-${width}.png` });
    }
  }
  await theme.click();
  await page.getByRole('menuitemradio', { name: 'System' }).click();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of widths) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await page.screenshot({ path: `${screens}/page-not-found-${width}-${scheme}.png` });
      await page.goto('/lounge');
      await expect(page.getByRole('heading', { name: 'Lounge', level: 1 })).toBeVisible();
      await page.screenshot({ path: `${screens}/lounge-${width}-${scheme}.png` });
    }
  }
});
