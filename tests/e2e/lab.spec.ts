import { expect, test, type Page } from '@playwright/test';
import { signIn } from './journeys.ts';

const suffix = () => Math.random().toString(36).slice(2, 10);

function prompt(page: Page) {
  return page.getByRole('textbox', { name: 'Prompt', exact: true });
}

/** True if the letters of `part` appear in `text` in the same order (co-typed text may interleave). */
function keepsInOrder(text: string, part: string): boolean {
  let at = 0;
  for (const char of part) {
    at = text.indexOf(char, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

test('two people co-edit a draft, share its test chat, and the owner publishes it', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const editorContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const editor = await editorContext.newPage();
  await signIn(owner, `sk-test-lab-owner-${suffix()}`);
  await signIn(editor, `sk-test-lab-editor-${suffix()}`);

  await owner.getByRole('link', { name: 'Lab', exact: true }).click();
  await owner.getByRole('button', { name: 'New assistant' }).click();
  await expect(owner).toHaveURL(/\/lab\/[0-9a-f-]{36}$/);
  await owner.getByRole('textbox', { name: 'Name', exact: true }).fill('Lab Partner');
  await owner.getByRole('textbox', { name: 'Tagline', exact: true }).fill('Thinks out loud with you.');
  await prompt(owner).click();
  await owner.keyboard.type('You are helpful.');

  await owner.getByRole('button', { name: 'Invite', exact: true }).click();
  const link = await owner.getByRole('textbox', { name: 'Invite link' }).inputValue();
  expect(link).toMatch(/\/lab\/join\/[A-Za-z0-9_-]{46}$/);

  await editor.goto(link);
  await expect(editor).toHaveURL(/\/lab\/[0-9a-f-]{36}$/);
  await expect(prompt(editor)).toHaveValue('You are helpful.');
  await expect(owner.getByRole('region', { name: 'Who is here' }).getByRole('listitem')).toHaveCount(2);
  await expect(editor.getByRole('region', { name: 'Who is here' }).getByRole('listitem')).toHaveCount(2);

  await prompt(owner).press('End');
  await prompt(editor).click();
  await prompt(editor).press('End');
  const ownerWords = ' Owner adds this.';
  const editorWords = ' Editor adds that.';
  await Promise.all([owner.keyboard.type(ownerWords, { delay: 25 }), editor.keyboard.type(editorWords, { delay: 25 })]);
  await expect.poll(async () => (await prompt(owner).inputValue()) === (await prompt(editor).inputValue())).toBe(true);
  const merged = await prompt(owner).inputValue();
  expect(merged.startsWith('You are helpful.')).toBe(true);
  expect(merged).toHaveLength('You are helpful.'.length + ownerWords.length + editorWords.length);
  expect(keepsInOrder(merged, ownerWords)).toBe(true);
  expect(keepsInOrder(merged, editorWords)).toBe(true);
  await expect(owner.getByText('Editor 1 is editing Prompt')).toBeVisible();

  await owner.getByRole('button', { name: 'Precise' }).click();
  await expect(editor.getByRole('spinbutton', { name: 'Temperature' })).toHaveValue('0.2');
  await expect(editor.getByRole('spinbutton', { name: 'Top-p' })).toHaveValue('0.8');
  await expect(editor.getByRole('button', { name: 'Precise' })).toHaveAttribute('aria-pressed', 'true');

  await editor.getByRole('textbox', { name: 'Message' }).fill('Count for me [[tokens:40]]');
  await editor.getByRole('button', { name: 'Send' }).click();
  for (const page of [owner, editor]) {
    const reply = page.getByRole('log', { name: 'Conversation' }).getByRole('article', { name: 'Assistant message' }).last();
    await expect(reply).toContainText('t0040');
    await expect(reply).toHaveAttribute('aria-busy', 'false');
    // Named live, as a reload names it, on the tab that asked and on the one that watched.
    await expect(reply.getByTitle('The model that wrote this reply')).toHaveText('gpt-4o-mini');
  }

  await expect(editor.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
  await expect(editor.getByRole('button', { name: 'Invite', exact: true })).toHaveCount(0);
  await expect(editor.getByRole('button', { name: 'Discard draft' })).toHaveCount(0);

  await owner.getByRole('button', { name: 'Publish', exact: true }).click();
  await owner.getByRole('button', { name: 'Yes, publish' }).click();
  const published = owner.getByRole('status').filter({ hasText: 'Published' });
  await expect(published).toBeVisible();
  const code = (await published.locator('strong').textContent())?.trim() ?? '';
  expect(code).not.toBe('');
  await expect(published.getByRole('textbox', { name: 'Assistant link' })).toHaveValue(new RegExp(`/assistant/${code}$`));

  await editor.goto(`/assistant/${code}`);
  await expect(editor.getByRole('heading', { name: 'Lab Partner', level: 1 })).toBeVisible();

  await ownerContext.close();
  await editorContext.close();
});

test('a removed editor is told at once and can no longer edit; a discarded draft says so', async ({ browser }) => {
  const ownerContext = await browser.newContext();
  const editorContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const editor = await editorContext.newPage();
  await signIn(owner, `sk-test-lab-owner-${suffix()}`);
  await signIn(editor, `sk-test-lab-editor-${suffix()}`);

  await owner.goto('/lab');
  await owner.getByRole('button', { name: 'New assistant' }).click();
  await expect(owner).toHaveURL(/\/lab\/[0-9a-f-]{36}$/);
  const draftUrl = owner.url();
  await prompt(owner).click();
  await owner.keyboard.type('The secret word is juniper-falcon.');
  await owner.getByRole('button', { name: 'Invite', exact: true }).click();
  const invite = await owner.getByRole('textbox', { name: 'Invite link' }).inputValue();
  await editor.goto(invite);
  await expect(prompt(editor)).toHaveValue('The secret word is juniper-falcon.');

  await owner.getByRole('button', { name: 'Remove Editor 1' }).click();
  await expect(editor.getByRole('heading', { name: 'Your access to this draft was removed' })).toBeVisible();
  // Nothing of the draft stays on the removed editor's screen, and the link they had is dead.
  await expect(editor.locator('body')).not.toContainText('juniper-falcon');
  await expect(prompt(editor)).toHaveCount(0);
  await expect(owner.getByRole('textbox', { name: 'Invite link' })).not.toHaveValue(invite);
  await editor.screenshot({ path: 'test-results/screens/lab-removed-editor-1280.png' });
  await editor.goto(invite);
  await expect(editor.getByText('This invite link is no longer valid')).toBeVisible();
  await editor.goto(draftUrl);
  await expect(editor.getByRole('heading', { name: 'This draft is not available' })).toBeVisible();

  await owner.getByRole('button', { name: 'Discard draft' }).click();
  await owner.getByRole('button', { name: 'Yes, discard' }).click();
  await expect(owner).toHaveURL(/\/lab$/);
  await expect(owner.getByRole('heading', { name: 'Lab', level: 1 })).toBeVisible();

  await ownerContext.close();
  await editorContext.close();
});

test('someone on their own provider is told which provider an assistant needs, until its owner allows any', async ({ browser }) => {
  const providerPort = Number(process.env.E2E_PROVIDER_PORT ?? 4610);
  const ownerContext = await browser.newContext();
  const visitorContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const visitor = await visitorContext.newPage();
  await signIn(owner, `sk-test-lab-owner-${suffix()}`);
  // The same fake provider under another name: to the server, a provider it does not trust.
  await signIn(visitor, `sk-test-visitor-${suffix()}`, `http://localhost:${providerPort}/v1`);

  await owner.goto('/lab');
  await owner.getByRole('button', { name: 'New assistant' }).click();
  await owner.getByRole('textbox', { name: 'Name', exact: true }).fill('Guarded');
  await owner.getByRole('textbox', { name: 'Tagline', exact: true }).fill('Keeps to trusted providers.');
  await prompt(owner).fill('You are Guarded.');
  const anyProvider = owner.getByRole('checkbox', { name: 'May run on any provider' });
  await expect(anyProvider).not.toBeChecked();
  await owner.getByRole('group', { name: 'Model and sampling' }).screenshot({ path: 'test-results/screens/lab-any-provider-1280.png' });
  await owner.emulateMedia({ colorScheme: 'dark' });
  await owner.getByRole('button', { name: 'Invite', exact: true }).click();
  await owner.getByRole('region', { name: 'Share and publish' }).screenshot({ path: 'test-results/screens/lab-owner-panel-dark.png' });
  await owner.emulateMedia({ colorScheme: 'light' });
  const publish = async () => {
    await owner.getByRole('button', { name: 'Publish', exact: true }).click();
    await owner.getByRole('button', { name: 'Yes, publish' }).click();
    // The confirmation closes once the server has answered (a second publish finds "Published" shown already).
    await expect(owner.getByRole('button', { name: 'Yes, publish' })).toHaveCount(0);
    await expect(owner.getByRole('status').filter({ hasText: 'Published' })).toBeVisible();
  };
  await publish();
  const code = (await owner.getByRole('status').filter({ hasText: 'Published' }).locator('strong').textContent())?.trim() ?? '';

  await visitor.goto(`/assistant/${code}`);
  await visitor.getByRole('button', { name: 'Start session' }).click();
  await expect(visitor.getByText(`trusted provider, http://127.0.0.1:${providerPort}/v1`)).toBeVisible();
  await expect(visitor).toHaveURL(new RegExp(`/assistant/${code}$`));
  await visitor.screenshot({ path: 'test-results/screens/assistant-untrusted-provider-1280.png' });

  await anyProvider.check();
  await publish();
  await visitor.getByRole('button', { name: 'Start session' }).click();
  await expect(visitor).toHaveURL(/\/session\/[0-9a-f-]{36}$/);

  await ownerContext.close();
  await visitorContext.close();
});

test('a new draft is not covered in errors before anything is typed; a field says what it needs once left', async ({ page }) => {
  await signIn(page, `sk-test-lab-fresh-${suffix()}`);
  await page.goto('/lab');
  await page.getByRole('button', { name: 'New assistant' }).click();
  await expect(page).toHaveURL(/\/lab\/[0-9a-f-]{36}$/);
  const name = page.getByRole('textbox', { name: 'Name', exact: true });
  await expect(name).toBeVisible();
  await expect(page.getByText('Give the assistant a name.')).toHaveCount(0);
  await expect(page.getByText('Write the prompt: the instructions the assistant follows.')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/lab-new-draft-1280.png' });
  await name.focus();
  await page.getByRole('textbox', { name: 'Tagline', exact: true }).focus();
  await expect(page.getByText('Give the assistant a name.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  // Publishing still lists everything that is missing; Escape closes that panel.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText('Fix these first:')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Fix these first:')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeFocused();
});
