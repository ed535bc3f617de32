import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from './journeys.ts';

const suffix = () => Math.random().toString(36).slice(2, 10);
const promptOf = (page: Page) => page.getByRole('textbox', { name: 'Prompt', exact: true });

/** Clicks the textarea where the caret is drawn, and reads back where the browser put the click. */
async function indexUnder(page: Page, caret: Locator): Promise<number> {
  await promptOf(page).scrollIntoViewIfNeeded();
  const box = await caret.boundingBox();
  if (!box) throw new Error('the caret is not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  return promptOf(page).evaluate((el) => (el as HTMLTextAreaElement).selectionStart);
}

test('a co-editor’s caret shows in my prompt where they put it, moves with what I type before it, and goes when they leave', async ({ browser }, testInfo) => {
  const ownerContext = await browser.newContext();
  const editorContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const editor = await editorContext.newPage();
  await signIn(owner, `sk-test-caret-owner-${suffix()}`);
  await signIn(editor, `sk-test-caret-editor-${suffix()}`);

  await owner.getByRole('link', { name: 'Lab', exact: true }).click();
  await owner.getByRole('button', { name: 'New assistant' }).click();
  await expect(owner).toHaveURL(/\/lab\/[0-9a-f-]{36}$/);
  await owner.getByRole('textbox', { name: 'Name', exact: true }).fill('Caret Tutor');
  await promptOf(owner).click();
  await owner.keyboard.type('You are a patient tutor.');
  await owner.getByRole('button', { name: 'Invite', exact: true }).click();
  const link = await owner.getByRole('textbox', { name: 'Invite link' }).inputValue();

  await editor.goto(link);
  await expect(promptOf(editor)).toHaveValue('You are a patient tutor.');
  await promptOf(editor).click();
  await promptOf(editor).press('End');
  for (let i = 0; i < ' tutor.'.length; i++) await promptOf(editor).press('ArrowLeft');

  // The owner sees the editor's caret inside the prompt, right after "patient".
  const caret = owner.getByRole('group', { name: 'Prompt' }).getByTestId('co-editor-caret');
  await expect(caret).toBeVisible();
  await expect(caret).toHaveText('Editor 1');
  await expect.poll(() => indexUnder(owner, caret)).toBe('You are a patient'.length);

  // The owner types before it: the editor's caret stays after "patient".
  await promptOf(owner).press('Control+Home');
  await owner.keyboard.type('Oh, ');
  await expect(promptOf(editor)).toHaveValue('Oh, You are a patient tutor.');
  await expect.poll(() => indexUnder(owner, caret)).toBe('Oh, You are a patient'.length);

  // The editor selects "patient": the owner sees the selection end where the editor's caret is.
  for (let i = 0; i < 'patient'.length; i++) await promptOf(editor).press('Shift+ArrowLeft');
  await expect.poll(() => indexUnder(owner, caret)).toBe('Oh, You are a '.length);

  if (process.env.E2E_SCREENSHOTS) {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1280, 375]) {
        await owner.emulateMedia({ colorScheme: scheme });
        await owner.setViewportSize({ width, height: 900 });
        await promptOf(owner).scrollIntoViewIfNeeded();
        await owner.screenshot({ path: testInfo.outputPath(`lab-carets-${width}-${scheme}.png`) });
      }
    }
  }

  await editorContext.close();
  await expect(caret).toHaveCount(0);
  await ownerContext.close();
});
