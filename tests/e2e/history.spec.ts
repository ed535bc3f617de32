import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { assistantMessages, send, signIn, startSession } from './journeys.ts';

/** Starts a session with the assistant, says `text`, waits for the answer, and returns the session's address. */
async function talk(page: Page, code: string, text: string): Promise<string> {
  await startSession(page, code);
  await send(page, text);
  await expect(assistantMessages(page).nth(1)).toHaveAttribute('aria-busy', 'false');
  return page.url();
}

/** The session page's header: the assistant (its name is the page's heading) and the session's title. */
function sessionHeading(page: Page) {
  return page.getByRole('main').getByRole('link').filter({ has: page.getByRole('heading', { level: 1 }) });
}

function sessionLinks(page: Page) {
  return page.getByRole('main').getByRole('listitem').getByRole('link');
}

test('one history of all my sessions: a rename or a delete in one tab shows in the others at once, and the search filters', async ({ context }) => {
  const first = await context.newPage();
  await signIn(first, `sk-test-e2e-history-${randomUUID()}`);
  const bakery = await talk(first, 'brainstorm', 'Names for a bakery');
  const letter = await talk(first, 'writetutor', 'Fix my cover letter');
  await talk(first, 'lifecoach', 'Plan a calmer week');

  // The list is asked for once per load, search and change of search, never in a loop.
  let listRequests = 0;
  first.on('websocket', (socket) => socket.on('framesent', (frame) => void (String(frame.payload).includes('"session:list"') && listRequests++)));
  await first.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(first.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  const today = first.getByRole('region', { name: 'Today' });
  await expect(today.getByRole('link')).toHaveText([/Plan a calmer week/, /Fix my cover letter/, /Names for a bakery/]);
  await expect(today.getByRole('link').first()).toContainText('Life Coach');

  // Same browser, same key: the other tabs are signed in already.
  const second = await context.newPage();
  await second.goto('/history');
  await expect(sessionLinks(second)).toHaveCount(3);
  const showing = await context.newPage();
  await showing.goto(bakery);
  await expect(sessionHeading(showing)).toContainText('Names for a bakery');

  // Rename: Enter saves, in this tab and the others, the session's own page included.
  await first.getByRole('button', { name: 'Rename “Names for a bakery”' }).click();
  const titleBox = first.getByRole('textbox', { name: 'Session title' });
  await expect(titleBox).toBeFocused();
  await titleBox.fill('Bakery names, shortlist');
  await titleBox.press('Enter');
  await expect(first.getByRole('link', { name: /Bakery names, shortlist/ })).toBeVisible();
  await expect(first.getByRole('button', { name: 'Rename “Bakery names, shortlist”' })).toBeFocused();
  await expect(second.getByRole('link', { name: /Bakery names, shortlist/ })).toBeVisible();
  await expect(sessionHeading(showing)).toContainText('Bakery names, shortlist');

  // Escape cancels and changes nothing.
  await first.getByRole('button', { name: 'Rename “Plan a calmer week”' }).click();
  await first.getByRole('textbox', { name: 'Session title' }).fill('Not this');
  await first.getByRole('textbox', { name: 'Session title' }).press('Escape');
  await expect(first.getByRole('textbox', { name: 'Session title' })).toHaveCount(0);
  await expect(first.getByRole('button', { name: 'Rename “Plan a calmer week”' })).toBeFocused();
  await expect(second.getByRole('link', { name: /Not this/ })).toHaveCount(0);

  // Delete, confirmed in the second tab: gone from the first tab, and the tab showing it says so.
  await showing.goto(letter);
  await expect(sessionHeading(showing)).toContainText('Fix my cover letter');
  await second.getByRole('button', { name: 'Delete “Fix my cover letter”' }).click();
  const confirmation = second.getByRole('alertdialog');
  await expect(confirmation).toContainText('Delete “Fix my cover letter”?');
  await expect(confirmation.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirmation.getByRole('button', { name: 'Delete' }).click();
  await expect(sessionLinks(second)).toHaveCount(2);
  await expect(sessionLinks(first)).toHaveText([/Plan a calmer week/, /Bakery names, shortlist/]);
  await expect(first.getByRole('main').getByRole('status')).toHaveText('“Fix my cover letter” was deleted in another tab.');
  await expect(showing.getByRole('heading', { name: 'This session was deleted' })).toBeVisible();
  await showing.reload();
  await expect(showing.getByRole('heading', { name: 'This session does not exist' })).toBeVisible();

  // Search: by title or first words, in any case.
  const search = first.getByRole('searchbox', { name: 'Search your sessions' });
  await search.fill('CALMER');
  await expect(sessionLinks(first)).toHaveText([/Plan a calmer week/]);
  await search.fill('shortlist');
  await expect(sessionLinks(first)).toHaveText([/Bakery names, shortlist/]);
  await search.fill('bakery');
  await expect(sessionLinks(first)).toHaveText([/Bakery names, shortlist/]);
  await search.fill('submarine');
  await expect(first.getByText('No session matches “submarine”.')).toBeVisible();
  await search.fill('');
  await expect(sessionLinks(first)).toHaveCount(2);
  expect(listRequests).toBeLessThan(15);
});

test('the history page at 1280 and 375 px, light and dark (screenshots for review)', async ({ page }) => {
  await signIn(page, `sk-test-e2e-history-shots-${randomUUID()}`);
  const bakery = await talk(page, 'brainstorm', 'Names for a bakery that sells sourdough and cinnamon buns in the old town');
  await talk(page, 'writetutor', 'Fix my cover letter');
  await talk(page, 'lifecoach', 'Plan a calmer week');
  await page.goto('/history');
  await expect(sessionLinks(page)).toHaveCount(3);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width > 400 ? 800 : 720 });
      await page.screenshot({ path: `/tmp/history-${width}-${colorScheme}.png` });
    }
  }
  await page.getByRole('button', { name: 'Rename “Fix my cover letter”' }).click();
  await page.getByRole('button', { name: 'Delete “Plan a calmer week”' }).click();
  await page.screenshot({ path: '/tmp/history-375-dark-editing.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/history-1280-light-editing.png' });
  // The session's own page names it under the assistant.
  await page.goto(bakery);
  await expect(sessionHeading(page)).toContainText('Names for a bakery');
  await page.screenshot({ path: '/tmp/history-session-1280-light.png' });
  await page.setViewportSize({ width: 375, height: 720 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/tmp/history-session-375-dark.png' });
});
