/**
 * What a user typed in a session's composer and has not sent, kept for this tab only
 * (sessionStorage): a reload brings it back, closing the tab forgets it, and no other tab or
 * device ever sees unsent text.
 */
const prefix = 'gptlab.composer.';

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Storage can be refused (privacy settings); the composer then simply starts empty.
    return undefined;
  }
}

export function loadComposerDraft(sessionId: string): string {
  return storage()?.getItem(prefix + sessionId) ?? '';
}

export function saveComposerDraft(sessionId: string, text: string): void {
  const store = storage();
  if (!store) return;
  try {
    if (text) store.setItem(prefix + sessionId, text);
    else store.removeItem(prefix + sessionId);
  } catch {
    // Full or refused: losing the copy is better than failing the keystroke.
  }
}
