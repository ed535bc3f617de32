/**
 * The colour theme a person chose: light, dark, or whatever their system says. Kept in
 * localStorage so every tab and the next visit share it; the inline script in app.html reads the
 * same key before the first paint, so a reload never flashes the other theme.
 */
export type ThemeChoice = 'light' | 'dark' | 'system';

export const themeChoices: readonly ThemeChoice[] = ['light', 'dark', 'system'];
export const themeStorageKey = 'gptlab.theme';

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return themeChoices.includes(value as ThemeChoice);
}

/** Storage can be refused (privacy settings): the system's theme then applies. */
export function loadTheme(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice {
  try {
    const stored = storage?.getItem(themeStorageKey);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function saveTheme(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, choice: ThemeChoice): void {
  try {
    if (choice === 'system') storage?.removeItem(themeStorageKey);
    else storage?.setItem(themeStorageKey, choice);
  } catch {
    // Not kept for next time; this page still shows the choice.
  }
}

/** app.css turns `data-theme` into `color-scheme`, which every colour follows. */
export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}
