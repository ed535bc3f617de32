import { applyTheme, loadTheme, saveTheme, themeStorageKey, type ThemeChoice } from '../theme/theme.ts';

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** The theme this tab shows; a choice made in another tab applies here too. */
export class ThemeStore {
  choice = $state<ThemeChoice>(loadTheme(storage()));
  readonly #root: HTMLElement;

  constructor(root: HTMLElement) {
    this.#root = root;
  }

  choose(choice: ThemeChoice): void {
    this.choice = choice;
    saveTheme(storage(), choice);
    applyTheme(this.#root, choice);
  }

  /** Listens for other tabs' choices; returns the function that stops. */
  follow(): () => void {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== themeStorageKey && event.key !== null) return;
      this.choice = loadTheme(storage());
      applyTheme(this.#root, this.choice);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }
}
