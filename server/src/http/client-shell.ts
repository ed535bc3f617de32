import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The built app's index.html, read once, and the CSP hashes of the inline scripts it boots with. */
export interface ClientShell {
  html: string;
  scriptHashes: string[];
}

export function loadClientShell(clientDir: string): ClientShell | null {
  const file = path.join(clientDir, 'index.html');
  if (!existsSync(file)) return null;
  const html = readFileSync(file, 'utf8');
  return { html, scriptHashes: inlineScriptHashes(html) };
}

/** SvelteKit boots from an inline script whose text changes every build; CSP allows exactly that text. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = [];
  for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}
