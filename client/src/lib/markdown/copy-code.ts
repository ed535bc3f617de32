import { copyText } from '../clipboard.ts';

export const copyCodeLabel = 'Copy code';
const shownFor = 2000;
const resets = new WeakMap<HTMLButtonElement, ReturnType<typeof setTimeout>>();

/**
 * Copies a code block's text when its copy button is clicked. The buttons are part of the reply's
 * HTML, re-created whenever a streaming tail is rendered again, so one listener on the reply serves
 * them all.
 */
export function copyCodeOnClick(reply: HTMLElement): () => void {
  const onClick = (event: MouseEvent) => {
    const button = event.target instanceof Element ? event.target.closest('button.code-copy') : null;
    const code = button?.closest('.code-block')?.querySelector('pre code');
    if (!(button instanceof HTMLButtonElement) || !code) return;
    void copyText(code.textContent ?? '').then((copied) => show(button, copied ? 'Copied' : 'Copy failed'));
  };
  reply.addEventListener('click', onClick);
  return () => reply.removeEventListener('click', onClick);
}

function show(button: HTMLButtonElement, outcome: string): void {
  clearTimeout(resets.get(button));
  button.textContent = outcome;
  button.setAttribute('aria-label', outcome);
  resets.set(
    button,
    setTimeout(() => {
      button.textContent = 'Copy';
      button.setAttribute('aria-label', copyCodeLabel);
    }, shownFor),
  );
}
