import { expect, type Locator, type Page } from '@playwright/test';

/** Signs in from the home page (on the server's provider unless `baseUrl` names another) and waits for the Lounge. */
export async function signIn(page: Page, apiKey: string, baseUrl?: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API key').fill(apiKey);
  if (baseUrl) await page.getByLabel('Base URL (optional)').fill(baseUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Lounge', level: 1 })).toBeVisible();
}

/** Starts a session from an assistant's page and waits for the assistant's opening message to finish. */
export async function startSession(page: Page, code = 'brainstorm'): Promise<void> {
  await page.goto(`/assistant/${code}`);
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page).toHaveURL(/\/session\/[0-9a-f-]{36}$/);
  const opening = assistantMessages(page).first();
  await expect(opening).toContainText('What would you like to talk about?');
  await expect(opening).toHaveAttribute('aria-busy', 'false');
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

export function assistantMessages(page: Page): Locator {
  return page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Assistant message' });
}

/** `t0001 t0002 … tN`: what the fake provider streams for `[[tokens:N]]`. */
export function numberedTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `t${String(i + 1).padStart(4, '0')}`);
}
