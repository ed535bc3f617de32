/** One edit that turns `before` into `after`: delete `removed` characters at `index`, then insert `inserted`. */
export interface TextEdit {
  index: number;
  removed: number;
  inserted: string;
}

/**
 * The single changed range between two values of an input (typing, deleting, pasting, replacing a
 * selection all change one range). `caret` — where the caret ended up — resolves ambiguity when the
 * same character repeats ("aa" → "aaa"), so the edit lands where the user typed.
 */
export function diffText(before: string, after: string, caret = after.length): TextEdit | null {
  if (before === after) return null;
  const growth = after.length - before.length;
  const maxPrefix = Math.min(before.length, after.length, Math.max(0, caret - Math.max(0, growth)));
  let prefix = 0;
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { index: prefix, removed: before.length - prefix - suffix, inserted: after.slice(prefix, after.length - suffix) };
}

/** Where a caret at `position` goes after `edit` was applied by someone else. */
export function moveCaret(position: number, edit: TextEdit): number {
  if (position <= edit.index) return position;
  if (position <= edit.index + edit.removed) return edit.index + edit.inserted.length;
  return position - edit.removed + edit.inserted.length;
}
