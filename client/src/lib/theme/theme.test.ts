import { describe, expect, it } from 'vitest';
import { loadTheme, saveTheme, themeStorageKey } from './theme.ts';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe('the theme choice', () => {
  it('follows the system until a person picks light or dark, and again once they pick system', () => {
    const storage = memoryStorage();
    expect(loadTheme(storage)).toBe('system');
    saveTheme(storage, 'dark');
    expect(loadTheme(storage)).toBe('dark');
    saveTheme(storage, 'system');
    expect(storage.getItem(themeStorageKey)).toBeNull();
    expect(loadTheme(storage)).toBe('system');
  });

  it('ignores a stored value it does not know and storage that refuses', () => {
    const storage = memoryStorage();
    storage.setItem(themeStorageKey, 'sepia');
    expect(loadTheme(storage)).toBe('system');
    const refusing = { getItem: () => { throw new Error('denied'); } };
    expect(loadTheme(refusing)).toBe('system');
    expect(loadTheme(undefined)).toBe('system');
  });
});
