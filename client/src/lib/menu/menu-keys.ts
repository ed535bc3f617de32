/**
 * What a key does in an open menu, as WAI-ARIA's menu pattern has it: arrows move round the items,
 * Home and End jump to the ends, Escape closes. Returns false for any other key, which the browser
 * then handles as usual.
 */
export function handleMenuKey(event: KeyboardEvent, items: readonly HTMLElement[], close: () => void): boolean {
  const index = items.indexOf(document.activeElement as HTMLElement);
  const step = ({ ArrowDown: 1, ArrowUp: -1 } as Record<string, number>)[event.key];
  if (event.key === 'Escape') close();
  else if (step) items[(index + step + items.length) % items.length]?.focus();
  else if (event.key === 'Home') items[0]?.focus();
  else if (event.key === 'End') items[items.length - 1]?.focus();
  else return false;
  event.preventDefault();
  return true;
}

/** Closes an open menu when the pointer goes down outside it; returns the function that stops. */
export function closeOnPointerOutside(root: HTMLElement | undefined, close: () => void): () => void {
  const closeOutside = (event: PointerEvent) => {
    if (!root?.contains(event.target as Node)) close();
  };
  document.addEventListener('pointerdown', closeOutside);
  return () => document.removeEventListener('pointerdown', closeOutside);
}
