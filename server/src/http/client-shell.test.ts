import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes } from './client-shell.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes the exact text of each inline script and skips scripts loaded by src', () => {
    const boot = '\n\t\t\t\t{ __sveltekit_x = {}; import("/_app/start.js"); }\n\t\t\t';
    const html = `<head><script type="module" src="/_app/a.js"></script></head><body><div><script>${boot}</script><SCRIPT nonce="n">b()</SCRIPT></div></body>`;
    expect(inlineScriptHashes(html)).toEqual([sha(boot), sha('b()')]);
  });

  it('finds nothing to allow in a page without inline scripts', () => {
    expect(inlineScriptHashes('<html><body>static</body></html>')).toEqual([]);
  });
});
